"""Exercises of lesson 10 (your business).

Every exercise is about The Book Hub, whatever folder the lesson's parameters point to: the
checks load The Book Hub themselves, so they give the same feedback in every run. They ask about
the period the lesson shows by default, the 12 months up to the last order (as the report does):
for The Book Hub, the calendar year 2025.
"""

from ...core import contract, kpis
from .. import mix
from ..grading import bookhub, check_number, check_option, exercise

PERIOD = ("2025-01-01", "2025-12-31")  # The Book Hub's 12 months up to its last order (`sections.choose_period`)
STAFF_COST_10_2 = 20.0  # the hourly staff cost that exercise 10.2 asks about


@exercise("10.1")
def bookhub_roas(answer):
    """The Book Hub's ROAS over the lesson's period, read off the KPI table."""
    s = kpis.summary(bookhub(), *PERIOD)
    everything = kpis.summary(bookhub())
    return check_number(
        answer,
        s["roas"],
        rel=0.01,
        unit="a ratio such as 2.5",
        near_misses={
            "that is marketing ROI, the profit left per dollar after paying for the marketing; ROAS is the "
            "revenue per dollar spent, with no costs taken off.": s["marketing_roi"],
            "that is upside down: ROAS is attributed revenue divided by spend, not spend by revenue.": kpis.safe_divide(
                s["marketing_spend"], s["attributed_revenue"]
            ),
            "that divides all revenue by spend; ROAS counts only the revenue of orders credited to a campaign "
            "(the attributed revenue).": kpis.roas(s["revenue"], s["marketing_spend"]),
            "that is the cost per lead; read the ROAS row.": s["cost_per_lead"],
            "that is the ROAS over all the data; the lesson shows the 12 months up to the last order (2025), "
            "so run it with the default parameters.": everything["roas"],
        },
        hint="Read the ROAS row of the KPI table with the default parameters (data_dir, period_start and "
        "period_end empty, so The Book Hub's 2025) and give the number without the x.",
    )


def _one_to_one(hourly_cost, start=PERIOD[0], end=PERIOD[1]):
    talks = bookhub().interactions
    talks = talks[kpis.in_period(talks["date"], start, end)]
    return kpis.one_to_many_vs_one_to_one(None, talks, staff_hourly_cost=hourly_cost).loc[kpis.ONE_TO_ONE]


@exercise("10.2")
def one_to_one_at_twenty(answer):
    """The Book Hub's cost per order of one-to-one selling over the lesson's period, at $20 an hour."""
    at_20, at_default = _one_to_one(STAFF_COST_10_2), _one_to_one(kpis.STAFF_HOURLY_COST)
    hub = bookhub()
    campaigns = kpis.one_to_many_vs_one_to_one(
        kpis.prorate_campaigns(hub.campaigns, *PERIOD),
        None,
        hub.orders[kpis.in_period(hub.orders["order_date"], *PERIOD)],
    )
    return check_number(
        answer,
        at_20["cost_per_order"],
        near_misses={
            "that is the cost per order at the default $13.56 an hour; call the section again with "
            "staff_hourly_cost=20.": at_default["cost_per_order"],
            "that is over all the data; keep the lesson's period, 2025.": _one_to_one(STAFF_COST_10_2, None, None)[
                "cost_per_order"
            ],
            "that is the one-to-many (campaigns) row; campaigns cost their spend, whatever staff cost. "
            "Read the one-to-one row.": campaigns.loc[kpis.ONE_TO_MANY, "cost_per_order"],
            "that is the cost per contact (one conversation, won or not); the question asks for the cost per "
            "order.": at_20["cost_per_contact"],
            "that is the total staff cost of all conversations; divide it by the orders they won, or read "
            "the cost per order column.": at_20["cost"],
        },
        unit="an amount in dollars",
        hint='Call sections.one_to_many_vs_one_to_one(hub, start="2025-01-01", end="2025-12-31", '
        "staff_hourly_cost=20).show() and read the cost per order of the one-to-one row.",
    )


@exercise("10.3", kind="decision")
def keep_change_or_cut_the_campaigns(answer):
    """The Book Hub's campaigns of the lesson's period, from the KPI table: keep, change or cut?"""
    s = kpis.summary(bookhub(), *PERIOD)
    credited_margin = kpis.safe_divide(kpis.attributed_gross_profit(bookhub().orders, *PERIOD), s["attributed_revenue"])
    own, shop = kpis.break_even_roas(credited_margin), kpis.break_even_roas(s["gross_margin"])
    expected = mix.keep_change_or_cut(s["roas"], own, shop)
    facts = (
        f"the campaigns return {s['roas']:.2f} in revenue per dollar; the shop's break-even ROAS is {shop:.2f}, "
        f"and the orders credited to them, which keep {credited_margin:.1%} as gross profit, need {own:.2f}"
    )
    if expected == mix.KEEP:
        why = {
            mix.KEEP: f"{facts}. They clear even their own orders' break-even, so they pay for themselves, if only "
            f"just: the ROI is {s['marketing_roi']:.1%} of gross profit, before payroll and rent. Keep them, and "
            "look campaign by campaign for the ones below break-even.",
            mix.CHANGE: f"{facts}. They already clear their own orders' break-even: changing where the orders land "
            "fixes a problem the numbers do not show.",
            mix.CUT: f"{facts}. Cutting campaigns that clear their break-even mistakes a thin margin for a loss, "
            "and loses the orders that attribution never credits to them as well.",
        }
    elif expected == mix.CHANGE:
        why = {
            mix.KEEP: f"{facts}. Keeping them as they are judges them by the whole shop's margin, but the orders "
            "they bring keep less, so they need the higher ROAS.",
            mix.CHANGE: f"{facts}. They would pay at the shop's usual margin: what loses money is where their "
            "orders land (fees, discounts), which can be changed before the campaigns are.",
            mix.CUT: f"{facts}. Cutting them treats campaigns that clear the shop's break-even as hopeless; change "
            "what they sell first.",
        }
    else:
        why = {
            mix.KEEP: f"{facts}. Keeping them reads ROAS as profit: below break-even, each dollar loses money.",
            mix.CHANGE: f"{facts}. Even at the shop's full margin they would not pay, so changing where the orders "
            "land cannot save them.",
            mix.CUT: f"{facts}. They fall short of both break-evens: they lose money whatever the orders keep.",
        }
    return check_option(answer, expected, why)


@exercise("10.4")
def marketplace_share_of_gross_profit(answer):
    """The marketplace's share of The Book Hub's gross profit over the lesson's period (a fraction)."""
    orders = bookhub().orders
    year = orders[kpis.in_period(orders["order_date"], *PERIOD)]
    profit, revenue = (year.groupby("channel")[column].sum() for column in ("gross_profit", "revenue"))
    everything = orders.groupby("channel")["gross_profit"].sum()
    return check_number(
        answer,
        profit["marketplace"] / profit.sum(),
        near_misses={
            "that is the marketplace's share of revenue; the question asks for its share of gross profit.": (
                revenue["marketplace"] / revenue.sum()
            ),
            "that is the marketplace's own gross margin (its gross profit over its revenue); divide its gross "
            "profit by the gross profit of every channel.": profit["marketplace"] / revenue["marketplace"],
            "that is over both years; keep the orders of 2025.": everything["marketplace"] / everything.sum(),
            "that is the website's share; read the marketplace row.": profit["website"] / profit.sum(),
        },
        unit="a fraction such as 0.05",
        hint="Keep the orders of 2025, add up gross_profit per channel, then divide the marketplace's by the total.",
    )


# Exercise 10.5: which file of a business folder records a bookseller's ten minutes with a customer.
WHERE_TEN_MINUTES_GO = {
    "orders.csv": "an order records the sale, its revenue and its books, not the talk that led to it. Putting "
    "the time on the order mixes up the sale with the selling, and loses the conversations that end in no sale.",
    "interactions.csv": "one row per one-to-one sales contact, with its minutes, its outcome (won: the customer "
    "bought) and the order it led to. The minutes are what give one-to-one selling its cost.",
    "campaigns.csv": "a campaign speaks to many at once and costs its spend. Ten minutes with one customer is "
    "one-to-one selling, and filing it as marketing hides what each order it wins costs.",
    "touchpoints.csv": "touchpoints are the marketing contacts a known customer had before a first order, such "
    "as an email opened. A bookseller's conversation is a sales contact, not a marketing touch.",
}


@exercise("10.5", kind="concept")
def where_ten_minutes_go(answer):
    """A bookseller spends ten minutes helping a customer choose a gift: which file records the minutes?"""
    expected = next(spec.filename for spec in contract.FILES if "one-to-one" in spec.meaning)
    return check_option(answer, expected, WHERE_TEN_MINUTES_GO)
