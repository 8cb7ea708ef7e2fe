"""Kept for lesson copies made before the package moved into layers: ``from smk_helpers.checks import check``.

`smk lab` never overwrites a lesson a student has changed, so such a copy may still import from here.
New lessons import ``from smk_helpers import check``; the checks live in `smk_helpers.course`.
"""

from .course.exercises import check

__all__ = ["check"]
