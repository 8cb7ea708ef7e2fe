"""The end-of-course review quiz: its questions as data, grading and scoring as plain functions, the answers kept
in the student's workspace (never lost, never in the repository), and the widget that only wires them up."""

import json

import pytest

from smk_helpers.course import progress, ready_lessons
from smk_helpers.course import review as R
from smk_helpers.course.grading import MISSING, RIGHT, WRONG


@pytest.fixture(autouse=True)
def workspace(tmp_path, monkeypatch):
    """Each test starts with an empty workspace of its own."""
    home = tmp_path / "smk-home"
    monkeypatch.setenv("SMK_HOME", str(home))
    return home


def test_about_fifteen_questions_across_the_lessons_in_three_parts():
    assert 12 <= len(R.QUESTIONS) <= 18
    assert len({q.lesson for q in R.QUESTIONS}) >= 8
    assert {q.lesson for q in R.QUESTIONS} <= {lesson.number for lesson in ready_lessons()}
    assert sorted(i for ids in R.PARTS.values() for i in ids) == sorted(q.id for q in R.QUESTIONS)


@pytest.mark.parametrize("question", R.QUESTIONS, ids=lambda q: q.id)
def test_every_option_is_explained_and_a_wrong_one_names_its_misconception(question):
    assert question.answer in question.options and len(question.options) >= 2
    assert R.grade(question.id, question.answer).passed
    wrong = [o for o in question.options if o != question.answer]
    messages = [R.grade(question.id, o).message for o in wrong]
    assert all(R.grade(question.id, o).status == WRONG for o in wrong)
    assert messages == [question.why[o] for o in wrong], "a wrong option's feedback is its own explanation"
    assert len(set(messages)) == len(messages)
    assert all(len(m.split()) >= 6 and m.endswith(".") for m in question.why.values()), "a full sentence, why"


def test_grade_says_not_answered_for_nothing_and_explains_an_unknown_option():
    assert R.grade("q3", None).status == MISSING
    assert "not one of the options" in R.grade("q3", "packaging").message
    assert R.grade(" Q3 ", " Place ").passed  # case and spaces do not matter
    with pytest.raises(KeyError):
        R.grade("q99", "x")


def test_score_counts_right_wrong_and_open_over_the_questions_asked():
    answers = {"q1": "marketing", "q2": "segmentation", "q3": None}
    assert R.score(answers) == R.ReviewScore(1, 1, 13)
    assert R.score(answers, R.PARTS["1"]) == R.ReviewScore(1, 1, 3)
    assert R.score({q.id: q.answer for q in R.QUESTIONS}).message == "15 of 15 right."


def test_record_keeps_the_latest_answer_and_whether_the_first_try_was_right(workspace):
    assert not R.record("q11", "25%").passed
    assert R.record("q11", "50%").passed
    assert R.record("q12", "30").passed
    assert R.record("q13", None).status == MISSING  # nothing chosen: no attempt
    kept = R.saved()
    assert (kept["q11"]["option"], kept["q11"]["status"], kept["q11"]["first"]) == ("50%", RIGHT, WRONG)
    assert set(kept) == {"q11", "q12"}
    assert R.result() == R.ReviewScore(2, 0, 13, first_try=1)
    assert R.review_file().parent == workspace
    assert json.loads(R.review_file().read_text())["version"] == progress.VERSION


@pytest.mark.parametrize("damage", [b"{not json", b'{"version": 1, "questions": []}', b"\xff\xfe"])
def test_a_damaged_review_file_is_never_overwritten_and_the_quiz_still_grades(damage):
    path = R.review_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(damage)
    feedback = R.record("q1", "marketing")
    assert feedback.passed and "Not recorded:" in feedback.message and "move it away" in feedback.message
    assert path.read_bytes() == damage
    assert R.saved() == {} and R.result().unanswered == len(R.QUESTIONS)
    R.review_quiz()  # the widget opens on a damaged file too


def test_a_workspace_that_cannot_be_written_does_not_break_the_quiz(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("SMK_HOME", str(blocker / "inside"))
    feedback = R.record("q1", "marketing")
    assert feedback.passed and "Not recorded in" in feedback.message


# ---------------------------------------------------------------------------------------------
# The widget: Button.click() fires its handlers without a browser


def test_the_widget_shows_the_feedback_of_the_option_checked_and_a_running_score():
    quiz = R.review_quiz("3")
    assert list(quiz.radios) == list(R.PARTS["3"])
    assert "0 of 5 right" in quiz.score.value and "still to answer" in quiz.score.value

    quiz.buttons["q11"].click()  # nothing chosen yet
    assert "Not answered yet" in quiz.feedback["q11"].value

    quiz.radios["q11"].value = "25%"
    quiz.buttons["q11"].click()
    assert "Not yet" in quiz.feedback["q11"].value and "open deals as lost" in quiz.feedback["q11"].value
    assert "1 not yet" in quiz.score.value

    quiz.radios["q11"].value = "50%"
    quiz.buttons["q11"].click()
    line = quiz.feedback["q11"].value
    assert "✔ Right" in line and "Why not the others" in line and "open deals as lost" in line
    assert "1 of 5 right" in quiz.score.value and "Whole review so far:</b> 1 of 15 right (0 at the first try)" in (
        quiz.score.value
    )


def test_the_widget_starts_from_the_answers_kept():
    R.record("q2", "targeting")
    quiz = R.review_quiz("1")
    assert quiz.radios["q2"].value == "targeting" and "✔ Right" in quiz.feedback["q2"].value
    assert quiz.radios["q1"].value is None and quiz.feedback["q1"].value == ""
    assert "1 of 5 right" in quiz.score.value
    assert len(R.review_quiz().radios) == len(R.QUESTIONS)


def test_a_parts_score_counts_only_the_answers_checked_in_that_part():
    assert R.record("q1", "marketing").passed
    assert not R.record("q6", "a 3% rise").passed  # part 2: not part 1's business
    assert R.result(R.PARTS["1"]) == R.ReviewScore(1, 0, 4, first_try=1)
    assert R.result(R.PARTS["2"]) == R.ReviewScore(0, 1, 4, first_try=0)
    assert R.result() == R.ReviewScore(1, 1, 13, first_try=1)


def test_the_widgets_part_score_ignores_an_option_chosen_but_not_checked():
    quiz = R.review_quiz("1")
    quiz.radios["q3"].value = "place"  # chosen, never checked
    quiz.radios["q1"].value = "marketing"
    quiz.buttons["q1"].click()
    assert "Score:</b> 1 of 5 right" in quiz.score.value and "1 of 15 right" in quiz.score.value
