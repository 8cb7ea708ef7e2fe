"""The exercises of every lesson, one module per lesson (``lesson05.py`` holds "05.1", "05.2", ...), and `check`.

Each module registers its checks with :func:`smk_helpers.course.grading.exercise`; this package imports
them all, so `check` finds every exercise. The grading tools never import the exercises.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from collections.abc import Callable
from typing import Any

from .. import fill_in, progress
from ..grading import _REGISTRY, REVEAL, Feedback, Revealed, enforce, wrong

# Register every lesson's exercises: one module per written lesson, lessonNN.py.
for _module in sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("lesson")):
    importlib.import_module(f".{_module}", __name__)

fill_in.register()  # the %%fill_in cell magic of fill-in-the-blank exercises, in a Jupyter kernel

__all__ = ["answer_key", "answer_options", "answer_sheet", "check", "registry"]


def registry() -> dict[str, Callable[[Any], Feedback]]:
    """Every registered exercise, by id."""
    return dict(_REGISTRY)


def check(exercise_id: str, answer=..., *, folded: bool = False) -> Feedback:
    """Check the answer to exercise ``exercise_id``; never raises in a lesson.

    Parameters
    ----------
    exercise_id : str
        The exercise, e.g. ``"03.2"`` (lesson 03, exercise 2).
    answer : any
        The student's answer; ``...`` means not answered yet.
    folded : bool
        Show the verdict as a closed fold. Solution cells pass True, so running a whole lesson
        shows no answer until the student opens one.

    Examples
    --------
    >>> check("99.9", 1)
    ✘ Not yet: there is no exercise '99.9'; check the id in the cell you copied it from.
    >>> "<details>" in check("03.2", 0.5, folded=True)._repr_html_()
    True
    """
    exercises = registry()
    exercise_id = str(exercise_id).strip()
    func = exercises.get(exercise_id)
    if func is None:
        return wrong(f"there is no exercise {exercise_id!r}; check the id in the cell you copied it from.")
    try:
        feedback = func(answer)
    except Exception as exc:  # noqa: BLE001 - a check must never break a lesson
        feedback = wrong(
            f"your answer could not be checked ({type(exc).__name__}: {exc}); "
            "make sure it is the kind of value the question asks for."
        )
    if not folded:  # a solution's check is the course's answer, not the student's: it does not count
        feedback = progress.record(exercise_id, feedback)
    return enforce(exercise_id, answer, dataclasses.replace(feedback, folded=folded))


def answer_key(exercise_id: str):
    """The answer that exercise ``exercise_id`` expects: a number, or the text of the right choice.

    For trainers, and for the test that makes sure no lesson shows an answer before it is asked for.

    Examples
    --------
    >>> round(answer_key("03.2"), 2)  # the marketplace's gross margin after fees
    0.21
    """
    try:
        registry()[exercise_id](REVEAL)
    except Revealed as revealed:
        expected = revealed.expected
        return expected.item() if hasattr(expected, "item") else expected  # a numpy number as a plain one
    raise LookupError(f"exercise {exercise_id} does not use check_number or check_choice, so it has no answer key")


def answer_options(exercise_id: str) -> list[str] | None:
    """The options of a choice exercise, in the order the check lists them; None for a number.

    Examples
    --------
    >>> answer_options("03.2") is None
    True
    """
    try:
        registry()[exercise_id](REVEAL)
    except Revealed as revealed:
        return revealed.options
    return None


def answer_sheet(lesson: str | None = None) -> list[tuple[str, str, str]]:
    """The trainer's answer key: ``(exercise id, what it asks, the expected answer)`` per exercise, in order.

    Numbers are shown with four significant digits (whole ones from 1,000), as `check` accepts them
    within 0.5%.

    Parameters
    ----------
    lesson : str, optional
        A lesson number such as ``"03"``; all lessons when omitted.

    Examples
    --------
    >>> [row[0] for row in answer_sheet("03")][:3]
    ['03.1', '03.2', '03.3']
    """
    rows = []
    for exercise_id, func in sorted(registry().items()):
        if lesson is not None and not exercise_id.startswith(f"{lesson}."):
            continue
        answer = answer_key(exercise_id)
        if isinstance(answer, float):
            shown = f"{answer:,.0f}" if abs(answer) >= 1000 else f"{answer:.4g}"
        else:
            shown = str(answer)
        asks = (func.__doc__ or "").strip().splitlines()[0] if func.__doc__ else ""
        rows.append((exercise_id, asks, shown))
    return rows
