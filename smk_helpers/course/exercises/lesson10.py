"""Exercises of lesson 10 (your business).

Both exercises are about The Book Hub, whatever folder the lesson's parameters point to: the
checks load The Book Hub themselves, so they give the same feedback in every run. They ask about
the period the lesson shows by default, the 12 months up to the last order (as the report does):
for The Book Hub, the calendar year 2025.
"""

from ...core import kpis
from ..grading import bookhub, check_number, exercise

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
