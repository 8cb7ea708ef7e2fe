"""The rules for the parameters people give smk, in one place: gross margin, staff hourly cost, currency, period.

The command line (``--gross-margin``), the report (``-p gross_margin=…``, batch files) and the sections
a lesson calls (``gross_margin=0.45``) each read the value their own way, then check it here, so a
value one of them refuses the others refuse too, with the same sentence. Each check returns that
sentence, naming the parameter as the front-end calls it, or None when the value is fine.

It loads pandas only when it checks a date, so ``smk --help`` stays light.
The KPI functions themselves stay plain formulas: ``kpis.break_even_roas(0)`` is "n/a", not an error.
"""

from __future__ import annotations

import math
import numbers

__all__ = [
    "STAFF_HOURLY_COST",
    "currency_problem",
    "date_problem",
    "hourly_cost_problem",
    "is_number",
    "margin_problem",
    "not_a_date_text",
    "parameter_problems",
    "period_problem",
]

STAFF_HOURLY_COST = 13.56  # a bookseller's wage in dollars an hour (BLS 2022; GUIDE §5)
_FRACTION = "give a fraction such as 0.45 for 45%"


def is_number(x) -> bool:
    """A finite real number (int, float or numpy number), not a bool.

    Examples
    --------
    >>> import numpy as np
    >>> is_number(0.45), is_number(np.int64(3)), is_number(np.bool_(1)), is_number(float("nan")), is_number("1")
    (True, True, False, False, False)
    """
    return isinstance(x, numbers.Real) and not isinstance(x, bool) and math.isfinite(x)  # numpy's bool is no Real


def margin_problem(value, name: str = "gross_margin", shown: str | None = None) -> str | None:
    """What is wrong with a gross margin (a fraction above 0, at most 1), or None; None itself is fine.

    Examples
    --------
    >>> margin_problem(0.45) is None, margin_problem(None) is None
    (True, True)
    >>> margin_problem(45)
    'gross_margin 45 looks like a percentage; give a fraction such as 0.45 for 45%.'
    >>> margin_problem(-0.2, "--gross-margin", "'-0.2'")
    "--gross-margin '-0.2' must be above 0; give a fraction such as 0.45 for 45%."
    """
    if value is None:
        return None
    shown = repr(value) if shown is None else shown
    if not is_number(value):
        return f"{name} {shown} is not a number; {_FRACTION}."
    if value > 1:
        return f"{name} {shown} looks like a percentage; {_FRACTION}."
    if value <= 0:
        return f"{name} {shown} must be above 0; {_FRACTION}."
    return None


def hourly_cost_problem(value, name: str = "staff_hourly_cost", shown: str | None = None) -> str | None:
    """What is wrong with an hourly cost (a number of 0 or more), or None.

    Examples
    --------
    >>> hourly_cost_problem(0) is None
    True
    >>> hourly_cost_problem(-1)
    'staff_hourly_cost -1 is not an amount of money per hour; give a number of 0 or more, such as 13.56.'
    """
    if is_number(value) and value >= 0:
        return None
    shown = repr(value) if shown is None else shown
    return (
        f"{name} {shown} is not an amount of money per hour; give a number of 0 or more, such as {STAFF_HOURLY_COST}."
    )


def currency_problem(value, name: str = "currency") -> str | None:
    """What is wrong with a currency symbol (text), or None.

    Examples
    --------
    >>> currency_problem("€") is None, currency_problem(5)
    (True, 'currency 5 is not text; give a symbol in quotes, such as "$" or "€".')
    """
    if isinstance(value, str):
        return None
    return f'{name} {value!r} is not text; give a symbol in quotes, such as "$" or "€".'


def date_problem(value, name: str, shown: str | None = None) -> str | None:
    """What is wrong with a day (a date, or text such as 2025-03-14), or None; None itself is fine.

    Examples
    --------
    >>> date_problem("2025-03-14", "start") is None
    True
    >>> date_problem("last spring", "--start", "'last spring'")
    "--start 'last spring' is not a date; write it as YYYY-MM-DD, e.g. 2025-03-14."
    """
    import pandas as pd  # here, so that checking the command line's options loads no pandas

    if value is None:
        return None
    try:
        day = pd.Timestamp(value)
    except (TypeError, ValueError):
        day = pd.NaT
    if pd.isna(day):
        return not_a_date_text(name, repr(value) if shown is None else shown)
    return None


def not_a_date_text(name: str, shown: str) -> str:
    """The sentence for a value that is not a day written as YYYY-MM-DD.

    Examples
    --------
    >>> not_a_date_text("--end", "'2025/13/01'")
    "--end '2025/13/01' is not a date; write it as YYYY-MM-DD, e.g. 2025-03-14."
    """
    return f"{name} {shown} is not a date; write it as YYYY-MM-DD, e.g. 2025-03-14."


def period_problem(start, end, names: tuple[str, str] = ("start", "end")) -> str | None:
    """What is wrong with a period whose two days are valid: only that it could start after it ends.

    Examples
    --------
    >>> period_problem("2025-01-01", "2025-01-01") is None
    True
    >>> period_problem("2025-03-01", "2025-02-01", ("--start", "--end"))
    'The period starts after it ends (2025-03-01 > 2025-02-01); swap --start and --end.'
    """
    import pandas as pd

    if start is None or end is None:
        return None
    first, last = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    if first > last:
        return f"The period starts after it ends ({first:%Y-%m-%d} > {last:%Y-%m-%d}); swap {names[0]} and {names[1]}."
    return None


def parameter_problems(
    *,
    currency="$",
    gross_margin=None,
    staff_hourly_cost=STAFF_HOURLY_COST,
    start=None,
    end=None,
    names: dict | None = None,
) -> list[str]:
    """Check a set of parameters; one sentence per problem (an empty list when all is well).

    ``names`` maps a parameter to the name the front-end gives it (``{"start": "period_start"}``).

    Examples
    --------
    >>> parameter_problems(gross_margin=0.45)
    []
    >>> parameter_problems(gross_margin=45, staff_hourly_cost=-1)  # doctest: +NORMALIZE_WHITESPACE
    ['gross_margin 45 looks like a percentage; give a fraction such as 0.45 for 45%.',
     'staff_hourly_cost -1 is not an amount of money per hour; give a number of 0 or more, such as 13.56.']
    >>> parameter_problems(start="2025-03-01", end="2025-02-01", names={"start": "period_start", "end": "period_end"})
    ['The period starts after it ends (2025-03-01 > 2025-02-01); swap period_start and period_end.']
    """
    names = {
        "currency": "currency",
        "gross_margin": "gross_margin",
        "staff_hourly_cost": "staff_hourly_cost",
        "start": "start",
        "end": "end",
        **(names or {}),
    }
    problems = [
        currency_problem(currency, names["currency"]),
        margin_problem(gross_margin, names["gross_margin"]),
        hourly_cost_problem(staff_hourly_cost, names["staff_hourly_cost"]),
        date_problem(start, names["start"]),
        date_problem(end, names["end"]),
    ]
    if problems[3] is None and problems[4] is None:
        problems.append(period_problem(start, end, (names["start"], names["end"])))
    return [p for p in problems if p]
