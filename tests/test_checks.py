"""Exercise checks: right, wrong (with a hint) and missing answers; a check never raises."""

import math

import pandas as pd
import pytest

from smk_helpers.course.exercises import check, registry
from smk_helpers.course.grading import MISSING, RIGHT, WRONG, Feedback, check_choice, check_number

EXERCISES = sorted(registry())


def test_every_lesson_has_two_to_eight_exercises():
    """Every written lesson has 2–8 exercises, numbered after it; a lesson still to come has none yet."""
    from smk_helpers.course import LESSONS

    per_lesson = pd.Series([e.split(".")[0] for e in EXERCISES]).value_counts()
    assert set(per_lesson.index) == {lesson.number for lesson in LESSONS if lesson.ready}
    assert per_lesson.between(2, 8).all(), per_lesson.to_dict()


def test_one_exercise_module_per_written_lesson():
    from pathlib import Path

    from smk_helpers.course import LESSONS, exercises

    modules = sorted(p.stem for p in Path(exercises.__file__).parent.glob("lesson*.py"))
    assert modules == [f"lesson{lesson.number}" for lesson in LESSONS if lesson.ready]
    for exercise_id, func in registry().items():
        assert func.__module__.endswith(f".lesson{exercise_id.split('.')[0]}"), exercise_id


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_missing_answer_says_not_answered_yet(exercise_id):
    assert check(exercise_id, ...).status == MISSING
    assert check(exercise_id).status == MISSING


@pytest.mark.parametrize("exercise_id", EXERCISES)
@pytest.mark.parametrize(
    "answer", ["not a real answer", object(), pd.DataFrame({"a": [1, 2]}), [1, 2], -123456.789, math.nan]
)
def test_wrong_answers_get_feedback_never_an_exception(exercise_id, answer):
    feedback = check(exercise_id, answer)
    assert isinstance(feedback, Feedback) and feedback.status == WRONG
    assert len(feedback.message) > 10  # a hint, not an empty verdict


def test_unknown_exercise():
    assert check("42.7", 1).status == WRONG and "no exercise" in check("42.7", 1).message


def test_a_crashing_check_becomes_feedback(monkeypatch):
    import smk_helpers.course.grading as checks

    def broken(answer):
        raise KeyError("boom")

    monkeypatch.setitem(checks._REGISTRY, "98.1", broken)
    feedback = check("98.1", 3)
    assert feedback.status == WRONG and "could not be checked" in feedback.message


def test_check_number_rules():
    assert check_number(0.0501, 0.05, rel=0.01).status == RIGHT
    assert "percentage" in check_number(5.0, 0.05).message
    assert "sign" in check_number(-0.05, 0.05).message
    assert "too high" in check_number(0.07, 0.05).message and "too low" in check_number(0.03, 0.05).message
    assert check_number(0.04, 0.05, near_misses={"mean of ratios!": 0.04}).message == "mean of ratios!"
    assert check_number(pd.Series([0.05]), 0.05).status == RIGHT
    assert check_number(float("nan"), float("nan")).status == RIGHT
    assert check_number(0, float("nan")).status == WRONG  # a zero denominator is n/a, never 0
    assert check_number(True, 1.0).status == WRONG


def test_check_choice_rules():
    assert check_choice("  SALES ", "sales").status == RIGHT
    assert check_choice(3, "sales", options=["sales", "marketing"]).status == WRONG
    assert "not one of" in check_choice("both", "sales", options=["sales", "marketing"]).message


def test_feedback_html_is_escaped():
    html = Feedback(WRONG, "<script>alert(1)</script>")._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html and 'role="status"' in html
