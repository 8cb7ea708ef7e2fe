"""Periods: the previous period of the same length, and a period in words.

Examples
--------
>>> _period_text(None, None), _period_opening("2025-01-01", "2025-12-31")
('over all dates in the data', 'From 2025-01-01 to 2025-12-31')
"""

from __future__ import annotations

import pandas as pd

__all__ = ["previous_period"]


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


def _period_text(start, end) -> str:
    """'over all dates in the data', 'from 2025-01-01 on', 'up to …', 'from … to …'."""
    if start is None and end is None:
        return "over all dates in the data"
    if end is None:
        return f"from {pd.Timestamp(start):%Y-%m-%d} on"
    if start is None:
        return f"up to {pd.Timestamp(end):%Y-%m-%d}"
    return f"from {pd.Timestamp(start):%Y-%m-%d} to {pd.Timestamp(end):%Y-%m-%d}"


def _period_opening(start, end) -> str:
    """'From 2025-01-01 to 2025-12-31', to open a sentence."""
    text = _period_text(start, end)
    return text[0].upper() + text[1:]
