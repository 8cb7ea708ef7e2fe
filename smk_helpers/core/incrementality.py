"""Incrementality: did a promotion bring sales that would not have happened without it?

Attribution credits a promotion with every order that used it, including the orders that would
have come anyway, at full price. A **baseline comparison** asks another question: did the
promotion's days sell more than comparable days without a promotion?

* `daily_totals`: one number a day (orders, revenue or gross profit), every day of the data;
* `baseline_comparison`: each promotion's days against the same weekdays of the weeks around it,
  with the lift and how far chance alone moves such a total (the swing);
* `promotion_table`: the promotions of a period side by side, their ROAS next to their lifts, as text;
* `verdict`: keep the promotion (its extra gross profit pays for it, clearly more than chance could),
  cut it (clearly not), or test it (chance could explain the difference either way).

A baseline is only as good as its comparable days. Weeks of another season (the run-up to Christmas
against November) are not comparable, and the lift then measures the season, not the promotion.
Where no comparable weeks exist, a holdout (promote to some, not to others, chosen at random)
measures what a baseline cannot.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .formatting import fmt_money, fmt_ratio
from .rules import in_period, safe_divide, to_day, to_number

__all__ = ["CUT", "KEEP", "TEST", "baseline_comparison", "daily_totals", "promotion_table", "verdict"]

KEEP, CUT, TEST = "keep", "cut", "test"
COLUMNS = ["days", "comparable_days", "actual", "baseline", "lift", "lift_share", "swing"]


def daily_totals(orders: pd.DataFrame, value: str | None = None, date: str = "order_date") -> pd.Series:
    """One total a day, every day from the first order to the last; 0 on a day without an order.

    Formula: Σ ``value`` over each day's orders (the number of orders when ``value`` is None).

    Parameters
    ----------
    orders : DataFrame
        With a datetime column ``date``; times of day are ignored.
    value : str, optional
        The column to add up (``"revenue"``, ``"gross_profit"``); None counts the orders.
    date : str
        The date column.

    Returns
    -------
    Series of float indexed by day (empty without orders)

    Examples
    --------
    >>> orders = pd.DataFrame({"order_date": pd.to_datetime(["2025-03-01", "2025-03-01", "2025-03-03"]),
    ...                        "revenue": [10.0, 5.0, 8.0]})
    >>> daily_totals(orders, "revenue").tolist(), daily_totals(orders).tolist()
    ([15.0, 0.0, 8.0], [2.0, 0.0, 1.0])
    """
    days = orders[date].dt.normalize()
    if days.dropna().empty:
        return pd.Series(dtype=float, index=pd.DatetimeIndex([]), name=value or "orders")
    values = pd.Series(1.0, index=orders.index) if value is None else pd.to_numeric(orders[value]).astype(float)
    totals = values.groupby(days).sum()
    every_day = pd.date_range(days.min(), days.max(), freq="D")
    return totals.reindex(every_day, fill_value=0.0).rename(value or "orders")


def _promotion_days(promotions: pd.DataFrame) -> list[pd.DatetimeIndex]:
    return [
        pd.date_range(to_day(s), to_day(e), freq="D")
        for s, e in zip(promotions["start_date"], promotions["end_date"], strict=True)
    ]


def _one(daily: pd.Series, days: pd.DatetimeIndex, promoted: pd.DatetimeIndex, weeks: int, after: bool = True) -> dict:
    """The comparison of one promotion's days with the same weekdays around them."""
    if days.empty:  # ends before it starts: nothing to compare
        return {"days": 0, "comparable_days": 0} | dict.fromkeys(COLUMNS[2:], math.nan)
    last = days[-1] + pd.Timedelta(weeks=weeks) if after else days[0] - pd.Timedelta(days=1)
    around = pd.date_range(days[0] - pd.Timedelta(weeks=weeks), last, freq="D")
    comparable = daily.reindex(around.difference(promoted).intersection(daily.index))
    inside = daily.reindex(days.intersection(daily.index))
    actual = float(inside.sum()) if len(inside) == len(days) else math.nan  # a day outside the data: unknown
    weekday = comparable.index.day_of_week
    means, counts = comparable.groupby(weekday).mean(), comparable.groupby(weekday).size()
    needed = pd.Series(days.day_of_week).value_counts()  # promotion days per weekday
    if needed.index.difference(means.index).size:  # a weekday with no comparable day: no baseline
        baseline = swing = math.nan
    else:
        baseline = float((needed * means.reindex(needed.index)).sum())
        spare = len(comparable) - len(means)  # degrees of freedom left after the weekday means
        residuals = comparable.to_numpy() - means.reindex(weekday).to_numpy()
        sigma = math.sqrt(float((residuals**2).sum()) / spare) if spare > 0 else math.nan
        swing = sigma * math.sqrt(len(days) + float((needed**2 / counts.reindex(needed.index)).sum()))
    lift = actual - baseline
    return {
        "days": len(days),
        "comparable_days": len(comparable),
        "actual": actual,
        "baseline": baseline,
        "lift": lift,
        "lift_share": safe_divide(lift, baseline),
        "swing": swing,
    }


def baseline_comparison(
    orders: pd.DataFrame,
    promotions: pd.DataFrame,
    value: str | None = None,
    weeks: int = 4,
    date: str = "order_date",
    after: bool = True,
) -> pd.DataFrame:
    """Each promotion's days against comparable days without a promotion: the same weekdays of the weeks around it.

    Formula: baseline = Σ over the promotion's days of the mean of the same weekday on the comparable days; lift =
    actual − baseline.

    The comparable days are the days ``weeks`` weeks before the promotion to ``weeks`` weeks after it
    that fall inside the data and on no promotion's day (every promotion of ``promotions`` is left
    out). Matching weekdays keeps a Saturday from being compared with a Tuesday. The **swing** is how
    far chance alone moves such a lift: σ × √(days + Σ k² / n), where σ is the spread of the
    comparable days around their weekday's mean, and a weekday has k promotion days and n comparable
    ones. A lift within about twice the swing could be chance.

    Parameters
    ----------
    orders : DataFrame
        The orders the promotion could change (for an in-store promotion: the shop's orders).
    promotions : DataFrame
        One row per promotion, with ``start_date`` and ``end_date`` (both days included); indexed
        by ``campaign_id`` when it has that column.
    value : str, optional
        The column to compare (``"revenue"``, ``"gross_profit"``); None compares the number of orders.
    weeks : int
        How many weeks before and after the promotion to take comparable days from.
    date : str
        The orders' date column.
    after : bool
        Take comparable days after the promotion too (the default); False takes only the weeks before
        it, for when the weeks after belong to another season (August's back-to-school rise after July).

    Returns
    -------
    DataFrame, one row per promotion: days, comparable_days, actual, baseline, lift, lift_share
    (lift / baseline; NaN when the baseline is 0) and swing. NaN where a weekday of the promotion has
    no comparable day, or the promotion has days outside the data.

    Examples
    --------
    >>> table = baseline_comparison(ORDERS, PROMOTIONS, "revenue", weeks=1)
    >>> table[["days", "comparable_days", "actual", "baseline", "lift"]]
                days  comparable_days  actual  baseline  lift
    campaign_id
    PRM-1          2               14   140.0      60.0  80.0
    >>> table.loc["PRM-1", ["lift_share", "swing"]].round(2).tolist()
    [1.33, 1.73]
    >>> baseline_comparison(ORDERS, PROMOTIONS, "revenue", weeks=1, after=False).loc["PRM-1", "comparable_days"]
    np.int64(7)
    """
    daily = daily_totals(orders, value, date)
    spans = _promotion_days(promotions)
    promoted = pd.DatetimeIndex([]) if not spans else spans[0].append(spans[1:]).unique()
    rows = [_one(daily, days, promoted, weeks, after) for days in spans]
    index = promotions["campaign_id"] if "campaign_id" in promotions.columns else promotions.index
    return pd.DataFrame(rows, index=pd.Index(index, name="campaign_id"), columns=COLUMNS).astype(
        {"days": int, "comparable_days": int}
    )


def verdict(extra_profit, swing, spend, z: float = 2.0):
    """Keep, cut or test a promotion: does its extra gross profit pay for it, clearly enough to tell from chance?

    Formula: "keep" when extra gross profit − z × swing > spend, "cut" when extra gross profit + z × swing <
    spend, else "test".

    "test" means the baseline cannot tell: the lift, whatever it is, lies within chance of paying for
    the promotion and of not paying. A holdout (promote to some, chosen at random, and not to others)
    can tell.

    Parameters
    ----------
    extra_profit : number or Series
        The gross-profit lift against the baseline (`baseline_comparison` with ``value="gross_profit"``).
    swing : number or Series
        Its swing, from the same comparison.
    spend : number or Series
        What the promotion cost.
    z : float
        How many swings the lift must clear; 2 is the usual choice.

    Returns
    -------
    str, or Series of str: "keep", "cut" or "test" (also "test" when a number is unknown)

    Examples
    --------
    >>> verdict(900, 200, 250), verdict(-500, 300, 250), verdict(100, 600, 250), verdict(float("nan"), 1, 1)
    ('keep', 'cut', 'test', 'test')
    """
    extra_profit, swing, spend = (to_number(x) for x in (extra_profit, swing, spend))
    low, high = extra_profit - z * swing, extra_profit + z * swing  # NaN compares False: "test"
    result = np.where(low > spend, KEEP, np.where(high < spend, CUT, TEST))
    series = next((x for x in (extra_profit, swing, spend) if isinstance(x, pd.Series)), None)
    return pd.Series(result, index=series.index) if series is not None else str(result)


def promotion_table(
    orders: pd.DataFrame, promotions: pd.DataFrame, start=None, end=None, weeks: int = 4, after: bool = True
) -> pd.DataFrame:
    """The promotions that start in a period, each with its spend, ROAS and lifts (give or take the swing), as text.

    Formula: ROAS = Σ revenue of the orders credited to the promotion / spend; extra revenue and extra
    gross profit = the `baseline_comparison` lift ± its swing.

    Parameters
    ----------
    orders : DataFrame
        The orders the promotions could change (for in-store promotions, the shop's orders), with
        ``order_date``, ``campaign_id``, ``revenue`` and ``gross_profit``.
    promotions : DataFrame
        Every promotion, with ``campaign_id``, ``name``, ``start_date``, ``end_date`` and ``spend``; all
        their days are left out of each baseline.
    start, end : optional
        Keep the promotions that start between these days (both included); None keeps every one.
    weeks : int
        How many weeks before and after each promotion to take comparable days from.
    after : bool
        False takes comparable days from the weeks before each promotion only (see `baseline_comparison`).

    Returns
    -------
    DataFrame of text indexed by the promotion's name (the words after its type and ": "): days, spend,
    credited revenue, ROAS, extra revenue and extra gross profit

    Examples
    --------
    >>> orders = ORDERS.assign(gross_profit=ORDERS["revenue"] / 2,
    ...                        campaign_id=np.where(ORDERS["revenue"].eq(70.0), "PRM-1", None))
    >>> table = promotion_table(orders, PROMOTIONS.assign(name="Promotion: Big weekend", spend=20.0), weeks=1)
    >>> table.columns.tolist()
    ['days', 'spend', 'credited revenue', 'ROAS', 'extra revenue', 'extra gross profit']
    >>> table.loc["Big weekend"].tolist()
    [np.int64(2), '$20.00', '$140', '7.0x', '$80 ± $2', '$40 ± $1']
    """
    chosen = promotions[in_period(promotions["start_date"], start, end)].set_index("campaign_id")
    lift = baseline_comparison(orders, promotions, "revenue", weeks, after=after).reindex(chosen.index)
    profit = baseline_comparison(orders, promotions, "gross_profit", weeks, after=after).reindex(chosen.index)
    credited = orders.groupby("campaign_id")["revenue"].sum().reindex(chosen.index, fill_value=0.0)

    def dollars(amounts):
        return amounts.map(lambda x: fmt_money(x, digits=0)).astype(str)  # str even when empty

    table = pd.DataFrame(
        {
            "days": lift["days"],
            "spend": chosen["spend"].map(fmt_money),
            "credited revenue": dollars(credited),
            "ROAS": safe_divide(credited, chosen["spend"]).map(fmt_ratio),
            "extra revenue": dollars(lift["lift"]) + " ± " + dollars(lift["swing"]),
            "extra gross profit": dollars(profit["lift"]) + " ± " + dollars(profit["swing"]),
        }
    )
    return table.set_axis(pd.Index(chosen["name"].str.split(": ", n=1).str[-1], name="name"))


def _example():
    """Three weeks of a small shop's orders with a weekend promotion in the middle, for the examples.

    Weekdays sell about $10 and weekend days about $30 (a little more or less from week to week); the
    promoted weekend of 15-16 March sells $70 a day, where the weekends around it sold $60 in two days.
    """
    days = pd.date_range("2025-03-03", "2025-03-23", freq="D")
    weekend = days.day_of_week >= 5
    wobble = np.tile([-1.0, 0.0, 1.0, 0.0, 1.0, -1.0, 1.0], 3)
    revenue = np.where(weekend, 30.0, 10.0) + wobble * np.repeat([1.0, 0.0, 2.0], 7)
    revenue[(days >= "2025-03-15") & (days <= "2025-03-16")] = 70.0
    orders = pd.DataFrame({"order_date": days, "revenue": revenue})
    promotions = pd.DataFrame(
        {
            "campaign_id": ["PRM-1"],
            "start_date": pd.to_datetime(["2025-03-15"]),
            "end_date": pd.to_datetime(["2025-03-16"]),
        }
    )
    return orders, promotions


ORDERS, PROMOTIONS = _example()
