"""The sections' parameters, checked: one sentence per problem.

Papermill passes a notebook's parameters without checking them, so every section checks its own
here before it computes anything (`base._blocked`).
"""

from __future__ import annotations

import math
import numbers

import numpy as np
import pandas as pd

from ...core import kpis

__all__ = ["parameter_problems"]


def _is_number(x) -> bool:
    """A finite real number (int, float or numpy number), not a bool."""
    return isinstance(x, numbers.Real) and not isinstance(x, (bool, np.bool_)) and math.isfinite(x)


def parameter_problems(
    *, currency="$", gross_margin=None, staff_hourly_cost=kpis.STAFF_HOURLY_COST, start=None, end=None
) -> list[str]:
    """Check the parameters of a section; one sentence per problem (an empty list when all is well).

    Papermill passes parameters without checking them, so the sections check them here.

    Examples
    --------
    >>> parameter_problems(gross_margin=0.45)
    []
    >>> parameter_problems(gross_margin=45, staff_hourly_cost=-1)  # doctest: +NORMALIZE_WHITESPACE
    ['gross_margin 45 looks like a percentage; give a fraction such as 0.45 for 45%.',
     'staff_hourly_cost -1 is not an amount of money per hour; give a number of 0 or more, such as 13.56.']
    """
    problems = []
    if not isinstance(currency, str):
        problems.append(f'currency {currency!r} is not text; give a symbol in quotes, such as "$" or "€".')
    if gross_margin is not None:
        if not _is_number(gross_margin):
            problems.append(
                f"gross_margin {gross_margin!r} is not a number; give a fraction such as 0.45 for 45%, or None."
            )
        elif gross_margin > 1:
            problems.append(
                f"gross_margin {gross_margin!r} looks like a percentage; give a fraction such as 0.45 for 45%."
            )
        elif gross_margin <= 0:
            problems.append(f"gross_margin {gross_margin!r} must be above 0; give a fraction such as 0.45 for 45%.")
    if staff_hourly_cost is None or not _is_number(staff_hourly_cost) or staff_hourly_cost < 0:
        problems.append(
            f"staff_hourly_cost {staff_hourly_cost!r} is not an amount of money per hour; "
            "give a number of 0 or more, such as 13.56."
        )
    days = {}
    for label, value in (("start", start), ("end", end)):
        if value is None:
            continue
        try:
            day = pd.Timestamp(value)
        except (TypeError, ValueError):
            day = pd.NaT
        if pd.isna(day):
            problems.append(f"{label} {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-03-14.")
        else:
            days[label] = day.normalize()
    if len(days) == 2 and days["start"] > days["end"]:
        problems.append(
            f"The period starts after it ends ({days['start']:%Y-%m-%d} > {days['end']:%Y-%m-%d}); swap start and end."
        )
    return problems
