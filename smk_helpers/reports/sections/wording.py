"""Small wording helpers the sections share: counts with their noun, lists, days, and small amounts.

Examples
--------
>>> _count(1, "order"), _count(1311, "order"), _join(["a", "b", "c"])
('1 order', '1,311 orders', 'a, b and c')
>>> _money_small(0.045), _money_small(12.5), _pct_small(0.00045), _pct_small(0.045), _pct_small(0.45)
('$0.0450', '$12.50', '0.045%', '4.50%', '45.0%')
"""

from __future__ import annotations

from ...core.formatting import fmt_money, fmt_number, fmt_pct, is_missing

# An amount of money under this (10 cents) is shown with four decimals, not two: a campaign's cost
# per impression is a fraction of a cent, and "$0.00" would hide it.
SMALL_MONEY = 0.10
# A rate under SMALL_RATE (10%) is shown with two decimals, and one under TINY_RATE (0.1%) with three,
# so a funnel's or a campaign's small rates read 0.045% rather than 0.0%.
SMALL_RATE = 0.10
TINY_RATE = 0.001


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


def _money_small(x, currency="$") -> str:
    """Money, with four decimals for amounts under 10 cents (a campaign's cost per impression)."""
    return fmt_money(x, currency=currency, digits=4 if not is_missing(x) and abs(x) < SMALL_MONEY else 2)


def _pct_small(x) -> str:
    """A percentage, with more decimals for small rates (0.045% rather than 0.0%)."""
    if is_missing(x) or x == 0:
        return fmt_pct(x)
    return fmt_pct(x, digits=1 if abs(x) >= SMALL_RATE else 2 if abs(x) >= TINY_RATE else 3)
