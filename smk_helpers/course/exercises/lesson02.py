"""Exercises of lesson 02 (segments, targets and positioning; B2B and B2C)."""

import functools

from ...core import segments
from ...core.data import load_example
from ...core.formatting import fmt_money, fmt_pct
from ...core.rules import safe_divide
from ..grading import bookhub, check_number, check_option, exercise

# The groups of customers exercise 02.2 asks the shop to win more of, by how each first found the shop (values of
# customers.csv's acquisition_channel): through a friend, through social media, through the marketplace.
SOURCES = ("referral", "social", "marketplace")
# Northway's large accounts: the smallest organisation that ran a tender (in the data), rounded down to 50 employees.
LARGE_ACCOUNT = 150


def smallest_tenderer(business=None) -> int:
    """The employees of the smallest organisation that ran a tender with Northway (lesson 02 prints it)."""
    business = business or load_example("northway")
    by_tender = business.interactions.loc[business.interactions["type"] == "tender", "customer_id"]
    firms = segments.customers(business)
    return int(firms.loc[firms["customer_id"].isin(by_tender), "employees"].min())


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
    """Which group of customers, by how they first found the shop, to win more of: the most gross profit each."""
    table = segments.segment_table(_book_hub_buyers(), "acquisition_channel")
    social_share = fmt_pct(table.loc["social", "customers"] / table["customers"].sum())
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
            else f"social media first brought only {social_share} of the named customers, and each of them brings "
            f"about {each['social']} of gross profit, against {best} for the best group: a channel that feels "
            "modern is not for that reason where the most valuable customers come from."
        ),
        "marketplace": (
            f"customers who first found the shop on the marketplace bring about {each['marketplace']} of gross "
            "profit each, the most of the three."
            if expected == "marketplace"
            else f"the marketplace first brought more customers than any other source but the door, yet a big "
            f"group is not a valuable one: after the marketplace's fees such a customer leaves about "
            f"{each['marketplace']} of gross profit over all their orders, against {best}."
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
def waiting_room_order(answer):
    """A dental practice buys picture books for its waiting room and pays an invoice: B2B or B2C?"""
    return check_option(
        answer,
        "B2B",
        {
            "B2B": "the buyer is an organisation: the practice pays the invoice from its own account, for books it "
            "uses in its own waiting room, even though a shop that sells to consumers makes the sale.",
            "B2C": "picture books and a small order feel like a consumer's purchase, but the kind of sale follows "
            "the buyer, not the product or the size of the order, and here the buyer is the practice.",
            "both": "the patients who read the books are consumers, but they neither choose nor pay; the practice "
            "buys, so the reader and the buyer are not the same.",
        },
    )


@exercise("02.5")
def northway_large_accounts_share(answer):
    """Northway: the share of revenue from accounts with 150 or more employees (the size from which tenders start)."""
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
