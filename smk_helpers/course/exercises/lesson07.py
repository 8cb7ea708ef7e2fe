"""Exercises of lesson 07 (sales KPIs)."""

from ...core import kpis
from ..grading import bookhub, check_number, exercise

YEAR = ("2025-01-01", "2025-12-31")
SECOND_HALF = ("2025-07-01", "2025-12-31")  # the window exercise 07.2 asks about


LATE_DECEMBER = ("2025-12-15", "2025-12-31")  # the weeks exercise 07.1 asks about: most open deals began then


@exercise("07.1")
def late_december_special_orders(answer):
    """Win rate of the special orders that began from 15 to 31 December 2025 (open ones left out; a fraction).

    Most of 2025's open conversations began in those two weeks, so the open-deals mistake bites hardest there.
    (The whole of December gives, by chance, the same rate as the whole year, so it makes no good question.)
    """
    interactions = bookhub().interactions

    def counts_of(start, end, kind="special order"):
        rows = interactions[kpis.in_period(interactions["date"], start, end)]
        return kpis.outcome_counts(rows if kind is None else rows[rows["type"].eq(kind)])

    late, december = counts_of(*LATE_DECEMBER), counts_of("2025-12-01", "2025-12-31")
    every_kind, year = counts_of(*LATE_DECEMBER, kind=None), counts_of(*YEAR)
    return check_number(
        answer,
        kpis.win_rate(late["won"], late["lost"]),
        near_misses={
            (
                "that counts the open special orders as if they were lost; leave open ones out: won / (won + lost)."
            ): kpis.win_rate(late["won"], late["lost"] + late["open"]),
            "that is every kind of conversation of those weeks; keep the special orders only.": kpis.win_rate(
                every_kind["won"], every_kind["lost"]
            ),
            "that is the whole of December; keep the conversations from 15 December on.": kpis.win_rate(
                december["won"], december["lost"]
            ),
            "that is the whole of 2025; keep the conversations from 15 December on.": kpis.win_rate(
                year["won"], year["lost"]
            ),
        },
        hint="Keep the special orders dated 2025-12-15 to 2025-12-31 (kpis.in_period), then kpis.outcome_counts "
        "and kpis.win_rate(won, lost).",
    )


def _orders(start=None, end=None):
    orders = bookhub().orders
    return orders if start is None else orders[kpis.in_period(orders["order_date"], start, end)]


@exercise("07.2")
def second_half_repeat_rate(answer):
    """Repeat purchase rate of The Book Hub within July to December 2025 (a fraction)."""
    window = _orders(*SECOND_HALF)
    per_customer = window["customer_id"].dropna().value_counts()
    repeaters = per_customer[per_customer >= 2]
    return check_number(
        answer,
        kpis.repeat_purchase_rate(window),
        near_misses={
            "that is the rate within the whole of 2025; the window asked for is July to December.": (
                kpis.repeat_purchase_rate(_orders(*YEAR))
            ),
            "that is the rate over both years; keep only the orders of July to December 2025.": (
                kpis.repeat_purchase_rate(_orders())
            ),
            "that is the number of customers who came back; divide it by all the customers of the window.": len(
                repeaters
            ),
            "that is the share of orders placed by returning customers; the rate counts customers, "
            "not orders.": kpis.safe_divide(int(repeaters.sum()), int(per_customer.sum())),
            "that divides by every order, anonymous ones included; divide by the customers with an id.": (
                kpis.safe_divide(len(repeaters), len(window))
            ),
        },
        unit="a fraction such as 0.25",
        hint="Keep the orders of July to December 2025 with kpis.in_period, then kpis.repeat_purchase_rate.",
    )
