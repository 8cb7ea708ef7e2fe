"""Kept for lesson copies made before the package moved into layers: ``from smk_helpers.formatting import …``.

`smk lab` never overwrites a lesson a student has changed, so such a copy may still import from here.
New lessons import ``from smk_helpers import fmt_money, fmt_pct``; the formatters live in `smk_helpers.core`.
"""

from .core.formatting import fmt_money, fmt_number, fmt_pct, fmt_ratio, is_missing

__all__ = ["fmt_money", "fmt_number", "fmt_pct", "fmt_ratio", "is_missing"]
