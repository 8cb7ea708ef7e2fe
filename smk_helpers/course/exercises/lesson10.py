"""Exercises of lesson 10 (your business).

Both exercises are about The Book Hub, whatever folder the lesson's parameters point to: the
checks load The Book Hub themselves, so they give the same feedback in every run.
"""

from ...core import kpis
from ..grading import bookhub, check_number, exercise

STAFF_COST_10_2 = 20.0  # the hourly staff cost that exercise 10.2 asks about


@exercise("10.1")
def bookhub_roas(answer):
    """The Book Hub's ROAS over the whole data, read off the KPI table."""
    s = kpis.summary(bookhub())
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
        },
        hint="Read the ROAS row of the KPI table with the default parameters (data_dir empty, so The Book Hub) "
        "and give the number without the x.",
    )


@exercise("10.2")
def one_to_one_at_twenty(answer):
    """The Book Hub's cost per order of one-to-one selling if staff time cost $20 an hour."""
    hub = bookhub()
    at_20 = kpis.one_to_many_vs_one_to_one(
        hub.campaigns, hub.interactions, hub.orders, staff_hourly_cost=STAFF_COST_10_2
    )
    at_default = kpis.one_to_many_vs_one_to_one(hub.campaigns, hub.interactions, hub.orders)
    return check_number(
        answer,
        at_20.loc[kpis.ONE_TO_ONE, "cost_per_order"],
        near_misses={
            "that is the cost per order at the default $13.56 an hour; call the section again with "
            "staff_hourly_cost=20.": at_default.loc[kpis.ONE_TO_ONE, "cost_per_order"],
            "that is the one-to-many (campaigns) row; campaigns cost their spend, whatever staff cost. "
            "Read the one-to-one row.": at_20.loc[kpis.ONE_TO_MANY, "cost_per_order"],
            "that is the cost per contact (one conversation, won or not); the question asks for the cost per "
            "order.": at_20.loc[kpis.ONE_TO_ONE, "cost_per_contact"],
            "that is the total staff cost of all conversations; divide it by the orders they won, or read "
            "the cost per order column.": at_20.loc[kpis.ONE_TO_ONE, "cost"],
        },
        unit="an amount in dollars",
        hint="Call sections.one_to_many_vs_one_to_one(hub, staff_hourly_cost=20) and read the cost per order "
        "of the one-to-one row.",
    )
