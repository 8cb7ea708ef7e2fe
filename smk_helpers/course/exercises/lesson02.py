"""Exercises of lesson 02 (segments, targets and positioning; B2B and B2C)."""

import functools

from ...core import segments
from ...core.data import load_example
from ...core.formatting import fmt_money, fmt_pct
from ...core.rules import safe_divide
from ..grading import bookhub, check_number, check_option, exercise

# The sources of new customers exercise 02.2 offers money to: a refer-a-friend reward, social ads, marketplace
# listings (values of customers.csv's acquisition_channel).
SOURCES = ("referral", "social", "marketplace")
# Northway's organisations of this many employees or more buy by tender (the generator's TENDER_STAFF).
LARGE_ACCOUNT = 150


@functools.cache
def _book_hub_buyers():
    """The Book Hub's known customers, one row each, with how they found the shop (read once for all checks)."""
    hub = bookhub()
    return segments.buyers(hub.orders, segments.customers(hub))


@functools.cache
def _northway_accounts():
    """Northway's accounts that ordered, one row each, with their industry and size."""
    northway = load_example("northway")
    return segments.buyers(northway.orders, segments.customers(northway))


@exercise("02.1")
def repeat_buyers_revenue_share(answer):
    """The share of the named customers' revenue that comes from customers with two or more orders."""
    buyers = _book_hub_buyers()
    repeat = buyers["orders"] >= 2
    revenue = buyers["revenue"]
    all_orders = bookhub().orders
    return check_number(
        answer,
        safe_divide(revenue[repeat].sum(), revenue.sum()),
        near_misses={
            "that is the share of customers who came back; the question asks for their share of the revenue.": float(
                repeat.mean()
            ),
            "that divides by all the shop's revenue, anonymous till sales included; divide by the named "
            "customers' revenue, buyers['revenue'].sum().": safe_divide(
                revenue[repeat].sum(), all_orders["revenue"].sum()
            ),
            "that is the one-off buyers' share; keep the customers with 2 or more orders.": safe_divide(
                revenue[~repeat].sum(), revenue.sum()
            ),
            "that keeps only the customers with 4 or more orders; the question starts at 2.": safe_divide(
                revenue[buyers["orders"] >= 4].sum(), revenue.sum()
            ),
        },
        unit="a fraction such as 0.25",
        hint="Keep the rows of buyers with orders >= 2, add up their revenue, and divide by all buyers' revenue.",
    )


@exercise("02.2", kind="decision")
def which_source_to_target(answer):
    """Which source of new customers to spend a budget on: the one whose customers bring the most gross profit each."""
    table = segments.segment_table(_book_hub_buyers(), "acquisition_channel")
    per_customer = (table["gross_profit"] / table["customers"]).loc[list(SOURCES)]
    expected = per_customer.idxmax()
    each = {source: fmt_money(per_customer[source], digits=0) for source in SOURCES}
    best = each[expected]
    why = {
        "referral": (
            f"a customer who came through a friend brings about {each['referral']} of gross profit, "
            "the most of the three, so the same number of new customers is worth the most here."
            if expected == "referral"
            else f"referred customers bring about {each['referral']} of gross profit each, less than the best "
            f"option's {best}: a warm recommendation does not always mean the most valuable customer."
        ),
        "social": (
            f"customers found through social media bring about {each['social']} of gross profit each, the most "
            "of the three."
            if expected == "social"
            else f"social posts are where many shoppers first meet the shop, but meeting many is not the same as "
            f"finding valuable ones: each customer it found brings about {each['social']} of gross profit, "
            f"against {best} for the best option."
        ),
        "marketplace": (
            f"marketplace customers bring about {each['marketplace']} of gross profit each, the most of the three."
            if expected == "marketplace"
            else f"the marketplace brings more customers than any other source but the door, yet a big segment "
            f"is not a valuable one: after its fees a marketplace customer leaves about {each['marketplace']} "
            f"of gross profit, against {best}."
        ),
    }
    return check_option(answer, expected, why)


@exercise("02.3", kind="concept")
def which_step_of_stp(answer):
    """Aiming next year's events and newsletter at parents of young readers: segmentation, targeting or positioning?"""
    return check_option(
        answer,
        "targeting",
        {
            "segmentation": "segmentation only draws the groups (parents, students, gift buyers); choosing one "
            "of them to aim the money at is the step after it.",
            "targeting": "the shop picks one of its segments, parents of young readers, and aims its marketing "
            "money at that group rather than at everyone.",
            "positioning": "positioning is how the shop wants the chosen group to see it against the other "
            "places that sell books; deciding which group to aim at comes first.",
        },
    )


@exercise("02.4", kind="concept")
def class_set_order(answer):
    """A school orders a class set of one novel from The Book Hub, after a written quote: B2B or B2C?"""
    return check_option(
        answer,
        "B2B",
        {
            "B2B": "the buyer is an organisation: the school pays from its budget, someone with authority "
            "approves a written quote, and the sale takes weeks, all inside a shop that sells to consumers.",
            "B2C": "The Book Hub sells mostly to consumers, but the kind of sale follows the buyer, not the "
            "seller, and here the buyer is a school.",
            "both": "the pupils who read the books are consumers, but they neither choose nor pay; the school's "
            "budget holder buys, so the user and the buyer are not the same.",
        },
    )


@exercise("02.5")
def northway_large_accounts_share(answer):
    """Northway: the share of revenue from accounts with 150 or more employees (the ones that buy by tender)."""
    accounts = _northway_accounts()
    large = accounts["employees"] >= LARGE_ACCOUNT
    revenue = accounts["revenue"]
    return check_number(
        answer,
        safe_divide(revenue[large].sum(), revenue.sum()),
        near_misses={
            f"that is the share of accounts that are large ({fmt_pct(large.mean())}); the question asks for "
            "their share of the revenue.": float(large.mean()),
            "that is the share of the orders; add up the revenue instead.": safe_divide(
                accounts.loc[large, "orders"].sum(), accounts["orders"].sum()
            ),
            "that is the smaller accounts' share; keep the accounts with 150 or more employees.": safe_divide(
                revenue[~large].sum(), revenue.sum()
            ),
            "that counts staff in uniform, not employees; select on the employees column.": safe_divide(
                revenue[accounts["uniformed_staff"] >= LARGE_ACCOUNT].sum(), revenue.sum()
            ),
        },
        unit="a fraction such as 0.25",
        hint="Keep the accounts with employees >= 150, add up their revenue, and divide by all accounts' revenue.",
    )
