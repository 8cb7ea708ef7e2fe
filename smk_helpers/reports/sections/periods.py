"""Periods: the previous period of the same length, and a period in words.

Examples
--------
>>> _period_text(None, None), _period_opening("2025-01-01", "2025-12-31")
('over all dates in the data', 'From 2025-01-01 to 2025-12-31')
"""

from __future__ import annotations

import pandas as pd

from ...core.rules import previous_period

__all__ = ["previous_period"]


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
