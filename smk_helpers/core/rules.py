"""The rules every KPI follows: division that never fails, sums where blank means unknown, periods.

* A zero or missing denominator gives NaN (shown as "n/a"), never 0, inf or an error: `safe_divide`.
* A sum over a column with no known value is NaN, not 0 (`known_sum`), and a ratio uses only the rows
  where both of its parts are known (`ratio_of_sums`): a ratio of sums, never a mean of ratios.
* A period includes both of its end days whole (`in_period`, `months_in_period`); the period to compare
  with is the one of the same length just before it (`previous_period`).

`smk_helpers.core.kpis` and `smk_helpers.core.funnel` build on these; `kpis` re-exports them, so
``kpis.safe_divide`` keeps working in the lessons.
"""

from __future__ import annotations

import math

import pandas as pd

__all__ = ["safe_divide", "known_sum", "ratio_of_sums", "in_period", "months_in_period", "previous_period"]


def to_number(x):
    """A float, or a float64 Series/DataFrame; None and pd.NA become NaN."""
    if isinstance(x, pd.Series):
        return pd.to_numeric(x).astype("float64")
    if isinstance(x, pd.DataFrame):
        return x.apply(pd.to_numeric).astype("float64")
    return math.nan if x is None or pd.isna(x) else float(x)


def safe_divide(numerator, denominator):
    """Divide, giving NaN wherever the denominator is zero or missing.

    Formula: numerator / denominator, or NaN when denominator is 0 or unknown.

    Parameters
    ----------
    numerator, denominator : number, None, Series or DataFrame
        Scalars or pandas objects (pandas aligns them on their index).

    Returns
    -------
    float or Series or DataFrame
        Never inf, never an exception for a zero.

    Examples
    --------
    >>> safe_divide(30, 1000)
    0.03
    >>> safe_divide(5, 0)
    nan
    >>> safe_divide(pd.Series([1, 2]), pd.Series([4, 0])).tolist()
    [0.25, nan]
    """
    numerator, denominator = to_number(numerator), to_number(denominator)
    if isinstance(denominator, (pd.Series, pd.DataFrame)):
        return numerator / denominator.where(denominator != 0)
    return numerator / (math.nan if denominator == 0 else denominator)


def known_sum(values) -> float:
    """Add up the known values; NaN when there are values but none of them is known.

    Formula: Σ known values. Blank rows are skipped; if every row is blank the total is
    unknown (NaN), not 0. An empty selection (no rows at all) adds up to 0.

    Parameters
    ----------
    values : Series or list of numbers (None/NaN = unknown)

    Returns
    -------
    float

    Examples
    --------
    >>> known_sum([10, None, 5])
    15.0
    >>> known_sum([None, None])
    nan
    >>> known_sum([])
    0.0
    """
    values = pd.Series(values, dtype="float64")
    if len(values) and values.isna().all():
        return math.nan
    return float(values.sum())


def group_sum(values: pd.Series, by=None):
    """known_sum, or per group of ``by`` (groups are never empty, so ``min_count=1`` is the same rule)."""
    return known_sum(values) if by is None else values.groupby(by).sum(min_count=1)


def paired_sums(numerator: pd.Series, denominator: pd.Series, by=None):
    """Σ numerator and Σ denominator over the rows where both are known (per group of ``by``)."""
    both = numerator.notna() & denominator.notna()
    return group_sum(numerator.where(both), by), group_sum(denominator.where(both), by)


def ratio_of_sums(numerator: pd.Series, denominator: pd.Series, by=None):
    """Divide the sum of one column by the sum of another, over rows where both are known.

    Formula: Σ numerator / Σ denominator (rows with either part blank are left out).
    This is not the mean of the row ratios: big rows weigh more, as they should.

    Parameters
    ----------
    numerator, denominator : Series
        Two columns of the same table.
    by : Series, optional
        Group labels; gives one ratio per group.

    Returns
    -------
    float, or Series when ``by`` is given

    Examples
    --------
    >>> clicks = pd.Series([10, 1, None])
    >>> impressions = pd.Series([1000, 10, 500])
    >>> ratio_of_sums(clicks, impressions)  # (10 + 1) / (1000 + 10); the third row is skipped
    0.0108910...
    """
    return safe_divide(*paired_sums(numerator, denominator, by))


def to_day(x) -> pd.Timestamp | None:
    return None if x is None else pd.Timestamp(x).normalize()


def in_period(dates: pd.Series, start=None, end=None) -> pd.Series:
    """Mark the dates that fall between two calendar days, both included.

    Parameters
    ----------
    dates : Series of datetime64
        Times of day are ignored: ``end="2025-03-31"`` includes the whole of 31 March.
    start, end : str, date or None
        First and last day. None leaves that side open.

    Returns
    -------
    Series of bool

    Examples
    --------
    >>> dates = pd.to_datetime(pd.Series(["2025-02-28 09:00", "2025-03-01 18:30", "2025-03-31 23:59"]))
    >>> in_period(dates, "2025-03-01", "2025-03-31").tolist()
    [False, True, True]
    """
    inside = pd.Series(True, index=dates.index)
    if start is not None:
        inside &= dates >= to_day(start)
    if end is not None:
        try:  # before the next midnight: no day made of each date
            inside &= dates < to_day(end) + pd.Timedelta(days=1)
        except (OverflowError, pd.errors.OutOfBoundsDatetime):  # the last day a timestamp can hold
            inside &= dates.dt.normalize() <= to_day(end)
    return inside


def months_in_period(months: pd.Series, start=None, end=None) -> pd.Series:
    """Mark the "YYYY-MM" months that share at least one day with the period.

    With a period, a blank month is left out (it cannot be placed in time); without one,
    every row is kept.

    Parameters
    ----------
    months : Series of str "YYYY-MM"
    start, end : str, date or None
        First and last day of the period, both included. None leaves that side open.

    Returns
    -------
    Series of bool

    Examples
    --------
    >>> months = pd.Series(["2025-02", "2025-03", None])
    >>> months_in_period(months, "2025-03-15", "2025-04-14").tolist()
    [False, True, False]
    """
    inside = pd.Series(True, index=months.index)
    if start is not None:
        inside &= months >= to_day(start).strftime("%Y-%m")
    if end is not None:
        inside &= months <= to_day(end).strftime("%Y-%m")
    return inside


def previous_period(start, end, covered_from=None):
    """The period of the same length just before ``start``–``end``, or None when the data does not reach back.

    Parameters
    ----------
    start, end : str or date
        Both needed; the period's first and last day.
    covered_from : date, optional
        The first day the data covers; a previous period starting earlier is not covered.

    Examples
    --------
    >>> previous_period("2025-01-01", "2025-12-31")
    (Timestamp('2024-01-01 00:00:00'), Timestamp('2024-12-31 00:00:00'))
    >>> previous_period("2025-03-01", "2025-03-31", covered_from="2025-01-01")  # whole months: the month before
    (Timestamp('2025-02-01 00:00:00'), Timestamp('2025-02-28 00:00:00'))
    >>> previous_period("2025-03-10", "2025-03-16")  # otherwise the same number of days
    (Timestamp('2025-03-03 00:00:00'), Timestamp('2025-03-09 00:00:00'))
    >>> previous_period("2025-01-01", "2025-12-31", covered_from="2024-06-01") is None
    True
    """
    if start is None or end is None:
        return None
    start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    before_end = start - pd.Timedelta(days=1)
    if (start.day, end.day) == (1, (end + pd.offsets.MonthEnd(0)).day):  # whole months: the same months before
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        before_start = start - pd.DateOffset(months=months)
    else:
        before_start = before_end - (end - start)
    if covered_from is not None and before_start < pd.Timestamp(covered_from).normalize():
        return None
    return before_start, before_end
