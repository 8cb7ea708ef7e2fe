"""Exercises of lesson 00 (start here): the first checks, the pandas primer's, a concept check and a decision."""

import math

from ...core import kpis
from ...core.formatting import fmt_pct
from ..grading import (
    CONCEPT,
    DECISION,
    as_number,
    bookhub,
    check_choice,
    check_number,
    check_option,
    exercise,
    wrong,
)


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


ONLINE = ["website", "marketplace"]


def _online_share(orders, channels=ONLINE, column="revenue"):
    """Σ column of the orders in ``channels`` / Σ column of all ``orders`` (a ratio of sums)."""
    online = orders[orders["channel"].isin(channels)]
    return kpis.safe_divide(online[column].sum(), orders[column].sum())


@exercise("00.3")
def online_share_2025(answer):
    """The share of 2025's revenue that came through the website and the marketplace together."""
    orders = bookhub().orders
    orders_2025 = orders[orders["order_date"].dt.year == 2025]
    by_order = orders_2025[orders_2025["channel"].isin(ONLINE)]
    value = None if isinstance(answer, str) else as_number(answer)
    if value is not None and math.isnan(value):
        return wrong(
            'your answer is n/a (NaN): no order of 2025 was kept. If you wrote the year in quotes ("2025"), '
            'remove them: .dt.year gives numbers, and a number never equals the text "2025".'
        )
    return check_number(
        answer,
        _online_share(orders_2025),
        near_misses={
            "that is both years' share; keep 2025's orders only (.dt.year == 2025).": _online_share(orders),
            "that is the website alone; the marketplace sells online too.": _online_share(orders_2025, ["website"]),
            "that is the marketplace alone; the website sells online too.": _online_share(orders_2025, ["marketplace"]),
            "that is the in-store share; online is the rest.": _online_share(orders_2025, ["in-store"]),
            "that is a share of orders; add up the revenue column instead.": kpis.safe_divide(
                len(by_order), len(orders_2025)
            ),
        },
        unit="a fraction such as 0.25",
        hint='Keep the rows of 2025, then those whose channel is "website" or "marketplace", and divide sums.',
    )


@exercise("00.4", kind=CONCEPT)
def personal_newsletter(answer):
    """Is a newsletter whose recommendations software picks for each reader marketing's work or sales'?"""
    why = {
        "marketing": "one newsletter goes out to the whole list and software fills in each copy; nobody talks "
        "with a reader, so it is one message to many that makes them interested.",
        "sales": "personal content is not a conversation: sales is someone talking with one customer, "
        "listening and answering, and nobody does that when a newsletter is sent.",
    }
    return check_option(answer, "marketing", why)


def shop_months(year: int = 2025):
    """The whole shop's revenue and target for each month of ``year`` (the table lesson 00 shows)."""
    hub = bookhub()
    months = kpis.quota_attainment(hub.orders, hub.targets)
    return months[(months["staff"] == kpis.TEAM) & months["period"].str.startswith(str(year))].set_index("period")


@exercise("00.5", kind=DECISION)
def bonus_month(answer):
    """The month of 2025 that beat the shop's revenue target by the largest share: the one that earns the bonus."""
    months = shop_months()
    beat_by = kpis.safe_divide(months["revenue"], months["target"])
    best, biggest = beat_by.idxmax(), months["revenue"].idxmax()
    why = {}
    for month, share in beat_by.items():
        reached = f"{month} brought in {fmt_pct(share)} of its target"
        if month == best:
            why[month] = f"{reached}, more than any other month of the year: the team beat its plan by the most then."
        elif month == biggest:
            why[month] = (
                f"{month} brought in the most revenue, but its target was the largest too, and it reached only "
                f"{fmt_pct(share)} of it. A big month is not the same as a month that beat its plan."
            )
        elif share < 1:
            why[month] = f"{reached}: it missed its target, so it cannot be the month that beat it by the most."
        else:
            why[month] = f"{reached}, but {best} beat its own by more; compare each month's revenue with its target."
    return check_option(answer, best, why)
