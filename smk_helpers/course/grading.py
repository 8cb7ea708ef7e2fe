"""Exercise checks: say right, wrong (with a specific hint) or not answered yet – and never raise.

A lesson's "Your turn" cell looks like this::

    answer = ...          # replace ... with your answer
    check("04.1", answer)

`check` (in ``smk_helpers.course.exercises``, which registers every lesson's exercises) looks the
exercise up in the registry, compares the answer
and returns a :class:`Feedback`, which Jupyter shows as a short coloured line. Whatever the
student passes – nothing, text, a table, a wrong type – the result is feedback, never an error,
so a lesson always runs from top to bottom.
"""

from __future__ import annotations

import functools
import html
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

RIGHT, WRONG, MISSING = "right", "wrong", "missing"
_SYMBOL = {RIGHT: "✔ Right", WRONG: "✘ Not yet", MISSING: "… Not answered yet"}
_COLOUR = {RIGHT: "#009E73", WRONG: "#D55E00", MISSING: "#7F7F7F"}  # house palette


@dataclass(frozen=True)
class Feedback:
    """The outcome of a check: ``status`` is "right", "wrong" or "missing"; ``message`` explains.

    A ``folded`` feedback (a solution cell's) shows in Jupyter as a closed fold, so running a whole
    lesson does not put the answers on screen; the student opens one on purpose.
    """

    status: str
    message: str
    folded: bool = False

    @property
    def passed(self) -> bool:
        return self.status == RIGHT

    def __repr__(self) -> str:
        return f"{_SYMBOL[self.status]}: {self.message}"

    def _repr_html_(self) -> str:
        colour = _COLOUR[self.status]
        verdict = (
            f'<div role="status" style="border-left:4px solid {colour};padding:2px 8px">'
            f"<strong>{html.escape(_SYMBOL[self.status])}:</strong> {html.escape(self.message)}</div>"
        )
        if self.folded:
            return f"<details><summary>{SOLUTION_FOLD}</summary>{verdict}</details>"
        return verdict


SOLUTION_FOLD = "The solution's check (click to show the answer)"


def right(message: str = "well done.") -> Feedback:
    return Feedback(RIGHT, message)


def wrong(message: str) -> Feedback:
    return Feedback(WRONG, message)


class _Reveal:
    """The answer `answer_key` passes to a check, to learn the expected answer instead of grading one."""

    def __repr__(self) -> str:
        return "<reveal>"


REVEAL = _Reveal()


class Revealed(Exception):
    def __init__(self, expected, options=None):
        super().__init__(expected)
        self.expected = expected
        self.options = options


def _reveal_if_asked(answer, expected, options=None) -> None:
    if answer is REVEAL:
        raise Revealed(expected, options)


def is_unanswered(answer) -> bool:
    """True for the placeholder ``...`` and for ``None``: the student has not answered yet.

    Examples
    --------
    >>> is_unanswered(...), is_unanswered(None), is_unanswered(0)
    (True, True, False)
    """
    return answer is ... or answer is None


def as_number(answer) -> float | None:
    """The answer as one float, or None when it is not a single number (text, a table, ...).

    Examples
    --------
    >>> as_number(3), as_number(pd.Series([2.5])), as_number("3"), as_number([1, 2])
    (3.0, 2.5, None, None)
    """
    if isinstance(answer, (pd.Series, pd.DataFrame)) and answer.size == 1:
        answer = answer.to_numpy().ravel()[0]
    if isinstance(answer, bool):
        return None
    try:
        value = float(answer) if not isinstance(answer, (str, bytes, list, tuple, dict, set)) else None
    except (TypeError, ValueError):
        return None
    return value


def _close(a: float, b: float, rel: float, abs_tol: float) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_tol)


def check_number(
    answer,
    expected: float,
    *,
    rel: float = 0.005,
    abs_tol: float = 1e-9,
    near_misses: dict[str, float] | None = None,
    unit: str = "",
    hint: str = "",
) -> Feedback:
    """Compare a numeric answer with ``expected`` (relative tolerance ``rel``).

    Parameters
    ----------
    answer : any
        What the student gave.
    expected : float
        The right value. NaN means the right answer is "n/a" (``float("nan")`` is accepted).
    near_misses : dict, optional
        ``{hint: value}``: typical wrong answers, each with the hint to show when it is given
        (e.g. the mean of ratios where the ratio of sums is meant).
    unit : str
        How the answer is expressed, named in the generic hints ("a fraction such as 0.05").
    hint : str
        The hint for any other wrong number.

    Examples
    --------
    >>> check_number(0.05, 0.05)
    ✔ Right: 0.05 is correct.
    >>> check_number(5, 0.05, unit="a fraction")
    ✘ Not yet: 5 looks like a percentage; give a fraction (5% is 0.05).
    >>> check_number(..., 0.05)
    … Not answered yet: replace ... with your answer and run the cell again.
    >>> check_number("0.05", 0.05)
    ✘ Not yet: your answer is text (in quotes); give a number without quotes.
    """
    _reveal_if_asked(answer, expected)
    if is_unanswered(answer):
        return Feedback(MISSING, "replace ... with your answer and run the cell again.")
    if isinstance(answer, str):
        return wrong("your answer is text (in quotes); give a number without quotes.")
    if isinstance(answer, (pd.Series, pd.DataFrame)) and answer.size != 1:
        return wrong(f"your answer is a table of {answer.size} values; give the single number asked for.")
    value = as_number(answer)
    if value is None:
        return wrong(f"your answer is a {type(answer).__name__}, not a number; give one number.")
    if math.isnan(expected):
        return (
            right("n/a is correct: the denominator is zero, so there is no rate.")
            if math.isnan(value)
            else wrong("here the denominator is zero, so the answer is n/a (float('nan')), not a number.")
        )
    if math.isnan(value):
        return wrong("your answer is n/a (NaN); check that you divided by the right column.")
    if _close(value, expected, rel, abs_tol):
        return right(f"{_short(value)} is correct.")
    for message, miss in (near_misses or {}).items():
        if _close(value, miss, rel, abs_tol):
            return wrong(message)
    if expected and _close(value, expected * 100, rel, abs_tol):
        return wrong(
            f"{_short(value)} looks like a percentage; give {unit or 'a fraction'} "
            f"({_short(value)}% is {_short(value / 100)})."
        )
    if expected and _close(value, -expected, rel, abs_tol):
        return wrong(f"{_short(value)} has the wrong sign.")
    direction = "too high" if value > expected else "too low"
    return wrong(f"{_short(value)} is {direction}." + (f" {hint}" if hint else ""))


def check_choice(
    answer, expected: str, *, options: list[str] | None = None, hints: dict[str, str] | None = None
) -> Feedback:
    """Compare a text answer with ``expected``, ignoring letter case and surrounding spaces.

    Examples
    --------
    >>> check_choice(" Sales ", "sales", options=["sales", "marketing"])
    ✔ Right: sales is correct.
    >>> check_choice("marketing", "sales", hints={"marketing": "who talks to one customer at a time?"})
    ✘ Not yet: who talks to one customer at a time?
    >>> check_choice("both", "sales", options=["sales", "marketing"])
    ✘ Not yet: 'both' is not one of the options: sales, marketing.
    """
    _reveal_if_asked(answer, expected)
    if is_unanswered(answer):
        return Feedback(MISSING, "replace ... with your answer and run the cell again.")
    if not isinstance(answer, str):
        return wrong(
            f"give your answer as text in quotes, e.g. {expected!r}"
            if not options
            else f"give your answer as text in quotes: one of {', '.join(options)}."
        )
    given = answer.strip().lower()
    if options and given not in [o.lower() for o in options]:
        return wrong(f"{answer.strip()!r} is not one of the options: {', '.join(options)}.")
    if given == expected.lower():
        return right(f"{expected} is correct.")
    return wrong((hints or {}).get(given, "that is not it; read the section above again."))


def check_option(answer, expected: str, why: dict[str, str]) -> Feedback:
    """Compare a choice with ``expected``, and explain the option given, right or wrong.

    A concept check or a decision: ``why`` has every option, each with why it is right or, for a
    wrong one, the misconception behind it. Letter case and surrounding spaces are ignored.

    Parameters
    ----------
    answer : any
        What the student gave.
    expected : str
        The right option; one of ``why``'s keys.
    why : dict
        ``{option: explanation}`` for every option.

    Examples
    --------
    >>> why = {"place": "delivery is how the book reaches the reader.",
    ...        "price": "free delivery does change what the reader pays, but it is how the book gets there."}
    >>> check_option("Place", "place", why)
    ✔ Right: place: delivery is how the book reaches the reader.
    >>> check_option("price", "place", why)
    ✘ Not yet: free delivery does change what the reader pays, but it is how the book gets there.
    >>> check_option("promotion", "place", why)
    ✘ Not yet: 'promotion' is not one of the options: place, price.
    """
    if expected not in why:
        raise ValueError(f"the right option {expected!r} has no explanation")
    _reveal_if_asked(answer, expected, list(why))
    if is_unanswered(answer):
        return Feedback(MISSING, "replace ... with your answer and run the cell again.")
    options = ", ".join(why)
    if not isinstance(answer, str):
        return wrong(f"give your answer as text in quotes: one of {options}.")
    given = {option.lower(): option for option in why}.get(answer.strip().lower())
    if given is None:
        return wrong(f"{answer.strip()!r} is not one of the options: {options}.")
    if given == expected:
        return right(f"{expected}: {why[expected]}")
    return wrong(why[given])


def _short(x: float) -> str:
    return f"{x:,.6g}" if abs(x) < 1e6 else f"{x:,.0f}"


# ---------------------------------------------------------------------------------------------
# The registry


@functools.cache
def bookhub():
    """The Book Hub, loaded once for all checks (checks only read it; lessons load their own copy)."""
    from ..core.data import load_bookhub

    return load_bookhub()


@functools.cache
def northway():
    """Northway, the B2B example, loaded once for all checks (as `bookhub`)."""
    from ..core.data import load_example

    return load_example("northway")


_REGISTRY: dict[str, Callable[[Any], Feedback]] = {}

# What an exercise asks of a student (a lesson has at least one concept check and one decision):
COMPUTE = "compute"  # work a number out of the data
CONCEPT = "concept"  # name the idea a case belongs to ("which P is free delivery?")
DECISION = "decision"  # decide or interpret from a number worked out ("keep, cut or test?")
KINDS = (COMPUTE, CONCEPT, DECISION)
_KIND: dict[str, str] = {}


def exercise(exercise_id: str, kind: str = COMPUTE):
    """Register a checking function under ``exercise_id`` (e.g. ``"04.1"``: lesson 04, exercise 1).

    ``kind`` says what the exercise asks: ``"compute"`` (the default), ``"concept"`` or ``"decision"``.
    """
    if kind not in KINDS:
        raise ValueError(f"exercise {exercise_id}: kind {kind!r} is not one of {', '.join(KINDS)}")

    def register(func: Callable[[Any], Feedback]):
        if exercise_id in _REGISTRY and _REGISTRY[exercise_id] is not func:
            raise ValueError(f"exercise {exercise_id} is registered twice")
        _REGISTRY[exercise_id] = func
        _KIND[exercise_id] = kind
        return func

    return register


def kind_of(exercise_id: str) -> str:
    """What exercise ``exercise_id`` asks: "compute", "concept" or "decision"."""
    return _KIND[exercise_id]


# Set for the kernels that run the lessons in tests and in `make notebooks`: there a solution cell whose
# check does not pass raises, so a solution proves itself although its output is not stored.
SOLUTIONS_MUST_PASS = "SMK_SOLUTIONS_MUST_PASS"


def enforce(exercise_id: str, answer, feedback: Feedback) -> Feedback:
    """Return ``feedback``; but raise when solutions must pass and a given answer did not.

    An unanswered exercise (``...``) never raises, so a lesson's exercise cells run as they are.
    """
    if os.environ.get(SOLUTIONS_MUST_PASS) == "1" and not is_unanswered(answer) and not feedback.passed:
        raise AssertionError(f"the answer given to exercise {exercise_id} does not pass its check: {feedback!r}")
    return feedback
