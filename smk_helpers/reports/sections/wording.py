"""Small wording helpers the sections share: counts with their noun, lists and days.

Examples
--------
>>> _count(1, "order"), _count(1311, "order"), _join(["a", "b", "c"])
('1 order', '1,311 orders', 'a, b and c')
"""

from __future__ import annotations

from ...core.formatting import fmt_number


def _count(n, word: str) -> str:
    """'1 order', '2 orders', '1,311 orders'."""
    return f"{fmt_number(n)} {word}{'' if n == 1 else 's'}"


def _join(words) -> str:
    """'a', 'a and b', 'a, b and c'."""
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" and {words[-1]}"


def _day_text(day) -> str:
    """'1 March 2025'."""
    return f"{day.day} {day:%B %Y}"
