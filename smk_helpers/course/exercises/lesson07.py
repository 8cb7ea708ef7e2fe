"""Exercises of lesson 07 (sales KPIs)."""

from ...core import kpis
from ..grading import bookhub, check_number, exercise

YEAR = ("2025-01-01", "2025-12-31")
SECOND_HALF = ("2025-07-01", "2025-12-31")  # the window exercise 07.2 asks about


@exercise("07.1")
def december_special_orders(answer):
    """Win rate of special orders in December 2025 (open ones left out; a fraction)."""
    interactions = bookhub().interactions
    december = interactions[kpis.in_period(interactions["date"], "2025-12-01", "2025-12-31")]
    special = december[december["type"].eq("special order")]
    counts = kpis.outcome_counts(special)
    year = interactions[kpis.in_period(interactions["date"], *YEAR) & interactions["type"].eq("special order")]
    year_counts, all_counts = kpis.outcome_counts(year), kpis.outcome_counts(december)
    return check_number(
        answer,
        kpis.win_rate(counts["won"], counts["lost"]),
        near_misses={
            (
                "that counts the open special orders as if they were lost; leave open ones out: won / (won + lost)."
            ): kpis.win_rate(counts["won"], counts["lost"] + counts["open"]),
            "that is every kind of conversation in December; keep the special orders only.": kpis.win_rate(
                all_counts["won"], all_counts["lost"]
            ),
            "that is the whole of 2025; keep December only.": kpis.win_rate(year_counts["won"], year_counts["lost"]),
        },
        hint="Use kpis.outcome_counts on December's special orders, then kpis.win_rate(won, lost).",
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
