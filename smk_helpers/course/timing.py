"""How long a lesson takes a novice: an explicit estimate that its stated minutes must match (within 20%).

The estimate counts what a student does, at fixed rates:

- reads the prose at ``WORDS_PER_MINUTE``;
- runs each code cell and reads what it shows (``CELL_MINUTES``), and looks at each figure a while
  longer (``FIGURE_MINUTES``);
- does each "Your turn" exercise (``EXERCISE_MINUTES``: read the task, write the answer, check it,
  perhaps open the solution); a concept check, which asks to name an idea rather than work
  something out, takes ``CONCEPT_MINUTES``;
- plays with each widget (``WIDGET_MINUTES``).

Solution cells count for nothing: they are folded, and opening one is part of its exercise.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

WORDS_PER_MINUTE = 200
CELL_MINUTES = 0.5
FIGURE_MINUTES = 1.0
EXERCISE_MINUTES = 5.0
CONCEPT_MINUTES = 2.0
WIDGET_MINUTES = 3.0
TOLERANCE = 0.20  # stated minutes may differ from the estimate by this share of it

_CHECK = re.compile(r"""\bcheck\(\s*["'](\d\d\.\d+)["']""")
_WIDGET = "application/vnd.jupyter.widget-view+json"


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else value


def lesson_parts(path) -> dict[str, int]:
    """Count what a lesson asks of a student: prose words, code cells, figures, exercises and widgets.

    Parameters
    ----------
    path : str or Path
        The lesson's notebook (with its stored outputs).
    """
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    from .exercises import registry
    from .grading import CONCEPT, kind_of

    known = registry()
    parts = {"words": 0, "cells": 0, "figures": 0, "exercises": 0, "concept_checks": 0, "widgets": 0}
    for cell in cells:
        if cell["cell_type"] == "markdown":
            parts["words"] += len(_text(cell["source"]).split())
            continue
        if cell["cell_type"] != "code" or "solution" in cell.get("metadata", {}).get("tags", []):
            continue
        outputs = [out.get("data", {}) for out in cell.get("outputs", [])]
        asked = _CHECK.search(_text(cell["source"]))
        if asked and asked.group(1) in known and kind_of(asked.group(1)) == CONCEPT:
            parts["concept_checks"] += 1
        elif asked:
            parts["exercises"] += 1
        else:
            parts["cells"] += 1
        parts["figures"] += sum("image/png" in data for data in outputs)
        parts["widgets"] += any(_WIDGET in data for data in outputs)
    return parts


def estimate_minutes(path) -> float:
    """The minutes a novice needs for the lesson at ``path``.

    Formula: words / 200 + 0.5 × code cells + 1 × figures + 5 × exercises + 2 × concept checks
    + 3 × widgets.

    Examples
    --------
    >>> from smk_helpers.course.workspace import lessons_source
    >>> round(estimate_minutes(lessons_source() / "00_start_here.ipynb")) > 10
    True
    """
    p = lesson_parts(path)
    return (
        p["words"] / WORDS_PER_MINUTE
        + CELL_MINUTES * p["cells"]
        + FIGURE_MINUTES * p["figures"]
        + EXERCISE_MINUTES * p["exercises"]
        + CONCEPT_MINUTES * p["concept_checks"]
        + WIDGET_MINUTES * p["widgets"]
    )


def minutes_agree(stated: float, estimate: float) -> bool:
    """Whether a lesson's stated minutes are within 20% of the estimate.

    Examples
    --------
    >>> minutes_agree(30, 27.0), minutes_agree(40, 30.0)
    (True, False)
    """
    return abs(stated - estimate) <= TOLERANCE * estimate
