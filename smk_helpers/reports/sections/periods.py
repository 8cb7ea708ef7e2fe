"""Periods: the previous period of the same length, and a period in words.

Examples
--------
>>> _period_text(None, None), _period_opening("2025-01-01", "2025-12-31")
('over all dates in the data', 'From 2025-01-01 to 2025-12-31')
"""

from __future__ import annotations

import pandas as pd

from ...core.rules import previous_period

__all__ = ["choose_period", "default_period", "previous_period"]


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


def choose_period(business, start=None, end=None) -> tuple[str | None, str | None]:
    """The period lesson 10 shows: the given days, else the 12 months up to the last order, as in the report.

    Empty text counts as not given. Prints what was assumed (`default_period`'s sentences), or why the
    lesson falls back to all the data (no business, a day that is not a date, a period without orders);
    it never raises. Over all the data every customer is new, so a period is the better default.

    Parameters
    ----------
    business : Business or None
    start, end : str, date or None
        First and last day (YYYY-MM-DD), as lesson 10's ``period_start`` and ``period_end``.

    Returns
    -------
    (start, end) as YYYY-MM-DD text, or (None, None) for all the data

    Examples
    --------
    >>> from smk_helpers import load_bookhub
    >>> choose_period(load_bookhub())
    The period ends on the last order's day, 2025-12-31; set period_end to choose another.
    The period covers the 12 months up to its end; set period_start to choose another.
    ('2025-01-01', '2025-12-31')
    >>> choose_period(load_bookhub(), "2025-07-01", "spring")
    period_end 'spring' is not a date; write it as YYYY-MM-DD, e.g. 2025-03-14. So the lesson shows all the data.
    (None, None)
    >>> choose_period(None)
    (None, None)
    """
    from ...core.params import parameter_problems
    from ...errors import ReportError

    if business is None:
        return None, None
    start = None if start is None or str(start).strip() == "" else start
    end = None if end is None or str(end).strip() == "" else end
    problems = parameter_problems(start=start, end=end, names={"start": "period_start", "end": "period_end"})
    if problems:
        print(" ".join(problems), "So the lesson shows all the data.")
        return None, None
    try:
        first, last, said = default_period(business, start, end)
    except ReportError as problem:
        print(problem, "So the lesson shows all the data.")
        return None, None
    for sentence in said:
        print(sentence)
    return first, last


def default_period(business, start=None, end=None) -> tuple[str, str, list[str]]:
    """The report's period: the given days, else the 12 months up to the last order (or all the data).

    Returns start, end (YYYY-MM-DD) and the sentences that say what was assumed. Raises
    ReportError when the period holds no order.

    Examples
    --------
    >>> from smk_helpers import load_bookhub
    >>> default_period(load_bookhub())[:2]
    ('2025-01-01', '2025-12-31')
    """
    import pandas as pd

    from ...core.rules import in_period
    from ...errors import ReportError

    dates = business.orders["order_date"].dropna()
    first, last = dates.min().normalize(), dates.max().normalize()
    notes = []
    if end is None:
        end = last
        notes.append(f"The period ends on the last order's day, {last:%Y-%m-%d}; set period_end to choose another.")
    end = pd.Timestamp(end)
    if start is None:
        year_before = end - pd.DateOffset(years=1) + pd.Timedelta(days=1)
        start = max(year_before, first) if first <= end else year_before
        what = "the 12 months up to its end" if start == year_before else "all the data up to its end"
        notes.append(f"The period covers {what}; set period_start to choose another.")
    start = pd.Timestamp(start)
    if not in_period(dates, start, end).any():
        raise ReportError(
            f"There are no orders from {start:%Y-%m-%d} to {end:%Y-%m-%d}: orders.csv runs from "
            f"{first:%Y-%m-%d} to {last:%Y-%m-%d}, so choose period_start and period_end inside it."
        )
    return f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}", notes
