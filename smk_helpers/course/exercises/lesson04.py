"""Exercises of lesson 04 (one-to-many vs one-to-one)."""

from ...core import kpis
from .. import approaches
from ..grading import bookhub, check_choice, check_number, exercise

START, END = "2024-01-01", "2024-12-31"  # the lesson shows 2025; exercise 04.1 asks for 2024


def _comparison(start=START, end=END):
    hub = bookhub()
    return kpis.one_to_many_vs_one_to_one(
        hub.campaigns[kpis.in_period(hub.campaigns["start_date"], start, end)],
        hub.interactions[kpis.in_period(hub.interactions["date"], start, end)],
        hub.orders[kpis.in_period(hub.orders["order_date"], start, end)],
    )


@exercise("04.1")
def one_to_one_cost_per_order(answer):
    """Cost per order of one-to-one selling (staff time per won conversation) in 2024."""
    table = _comparison()
    one = table.loc[kpis.ONE_TO_ONE]
    interactions = bookhub().interactions
    year = interactions[kpis.in_period(interactions["date"], START, END)]
    counts = kpis.outcome_counts(year)
    kinds = approaches.by_kind(bookhub().campaigns.iloc[:0], year)
    return check_number(
        answer,
        one["cost_per_order"],
        near_misses={
            "that is 2025, the year the lesson showed; filter the rows to 2024.": _comparison(
                "2025-01-01", "2025-12-31"
            ).loc[kpis.ONE_TO_ONE, "cost_per_order"],
            "that is both years; keep 2024 only.": _comparison(None, None).loc[kpis.ONE_TO_ONE, "cost_per_order"],
            "that is the one-to-many (campaigns) row; the question asks about one-to-one.": table.loc[
                kpis.ONE_TO_MANY, "cost_per_order"
            ],
            "that is the cost per contact (per conversation); divide the cost by the orders (won conversations).": one[
                "cost_per_contact"
            ],
            (
                "that divides the cost by the decided conversations (won + lost); divide by the won ones only."
            ): kpis.safe_divide(one["cost"], counts["won"] + counts["lost"]),
            "that is the mean of the kinds' costs per order; divide the total cost by the total orders.": float(
                kinds["cost_per_order"].mean()
            ),
        },
        unit="dollars",
        hint="Filter the three tables to 2024 with kpis.in_period, call "
        "kpis.one_to_many_vs_one_to_one and read cost_per_order in the one-to-one row.",
    )


@exercise("04.2")
def break_even_conversion(answer):
    """The hand-sell conversion at which a hand-sell order costs as much as an ad order (defaults)."""
    table = approaches.compare_approaches()
    ad, hand = table.loc[approaches.AD], table.loc[approaches.HAND_SELL]
    return check_number(
        answer,
        approaches.break_even_conversion(table),
        near_misses={
            "that is upside down (ad cost per order / hand-sell cost per contact); divide the hand-sell's cost "
            "per contact by the ad's cost per order.": kpis.safe_divide(ad["cost_per_order"], hand["cost_per_contact"]),
            "that is the hand-sell's cost per order at the assumed 25%; the question asks for a conversion rate.": hand[
                "cost_per_order"
            ],
            "that is the hand-sell's cost per contact; divide it by the ad's cost per order.": hand["cost_per_contact"],
            "that is the ad's own conversion per contact (per impression); the question asks about hand-sells.": ad[
                "conversion_per_contact"
            ],
        },
        unit="a fraction such as 0.05",
        hint="Cost per order = cost per contact / conversion, so set it equal to the ad's $75 and solve.",
    )


@exercise("04.3")
def more_orders_with_two_hours(answer):
    """With only 2 staff hours for hand-selling (other inputs as default), which brings more orders?"""
    table = approaches.compare_approaches(staff_hours=2)
    orders = table["orders"]
    expected = "one-to-many" if orders[approaches.AD] > orders[approaches.HAND_SELL] else "one-to-one"
    hints = {
        "one-to-one": "one-to-one is still cheaper per order, but look at the orders column: 2 hours "
        "leave time for only a few conversations.",
        "one-to-many": "look at the orders column again: the hand-sells bring more.",
    }
    return check_choice(
        answer, expected, options=["one-to-many", "one-to-one"], hints={k: v for k, v in hints.items() if k != expected}
    )
