"""Exercises of lesson 00 (start here)."""

from .. import kpis
from ..checks import bookhub, check_number, exercise


@exercise("00.1")
def december_aov(answer):
    """The average order value of The Book Hub in December 2025."""
    s = kpis.summary(bookhub(), start="2025-12-01", end="2025-12-31")
    whole_year = kpis.summary(bookhub(), start="2025-01-01", end="2025-12-31")
    return check_number(answer, s["average_order_value"], rel=0.001,
                        near_misses={"that is the whole year's average; change start and end to December 2025.":
                                     whole_year["average_order_value"]},
                        hint="Use start=\"2025-12-01\" and end=\"2025-12-31\" and read average_order_value.")
