"""Exercises of lesson 00 (start here)."""

from ...core import kpis
from ..grading import bookhub, check_choice, check_number, exercise


@exercise("00.1")
def december_aov(answer):
    """The average order value of The Book Hub in December 2025."""
    s = kpis.summary(bookhub(), start="2025-12-01", end="2025-12-31")
    whole_year = kpis.summary(bookhub(), start="2025-01-01", end="2025-12-31")
    return check_number(
        answer,
        s["average_order_value"],
        rel=0.001,
        near_misses={
            "that is the whole year's average; change start and end to December 2025.": whole_year[
                "average_order_value"
            ]
        },
        hint='Use start="2025-12-01" and end="2025-12-31" and read average_order_value.',
    )


@exercise("00.2")
def smallest_channel(answer):
    """The channel with the least revenue over the whole data."""
    by_channel = kpis.revenue_by_channel(bookhub().orders)
    return check_choice(
        answer,
        by_channel.idxmin(),
        options=list(by_channel.index),
        hints={by_channel.idxmax(): "that is the largest channel; look for the one with the least revenue."},
    )
