"""The student's progress: recorded by `check` in their workspace, never lost, never in the repository."""

import json
import os

import pytest

from smk_helpers import check
from smk_helpers.course import progress as progress_module
from smk_helpers.course.exercises import answer_key
from smk_helpers.course.progress import progress, progress_file


def test_an_exercise_is_done_when_its_latest_check_passed():
    right, wrong = answer_key("00.1"), answer_key("00.1") * 3
    check("00.1", wrong)
    assert "00.1" in progress().left
    check("00.1", right)
    assert "00.1" in progress().done
    check("00.1", wrong)
    assert "00.1" in progress().left, "the latest check counts"


def test_an_unanswered_cell_or_a_solution_does_not_count():
    check("00.1", answer_key("00.1"))
    check("00.1", ...)  # the student re-runs a fresh copy of the lesson
    assert "00.1" in progress().done
    check("00.2", answer_key("00.2"), folded=True)  # a solution cell: the course's answer, not theirs
    assert "00.2" in progress().left


def test_the_sentence_counts_done_and_lists_what_is_left_by_lesson():
    check("00.1", answer_key("00.1"))
    p = progress()
    assert str(p).startswith(f"You have done 1 of {p.total} exercises. Left to do: lesson 00: 00.2")
    assert "00.1" not in str(p).split("Left to do:")[1]
    assert "Your progress:" in p._repr_html_()


def test_progress_lives_in_the_workspace_and_is_written_whole():
    check("00.1", answer_key("00.1"))
    path = progress_file()
    assert path.parent == __import__("pathlib").Path(os.environ["SMK_HOME"])
    assert json.loads(path.read_text())["exercises"]["00.1"]["status"] == "right"
    assert sorted(p.name for p in path.parent.iterdir()) == [".progress.json.lock", "progress.json"]


@pytest.mark.parametrize("damage", [b"{not json", b'{"version": 1, "exercises": []}', b"\xff\xfe\x00"])
def test_a_damaged_progress_file_is_never_overwritten_and_checks_still_work(damage):
    path = progress_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(damage)
    feedback = check("00.1", answer_key("00.1"))
    assert feedback.passed and "Not recorded:" in feedback.message and "move it away" in feedback.message
    assert path.read_bytes() == damage
    assert str(progress()).startswith(f"Your progress could not be read: {path} is not a progress file")


def test_a_progress_file_over_its_limit_is_named_not_read(monkeypatch):
    check("00.1", answer_key("00.1"))
    monkeypatch.setattr(progress_module.limits, "MAX_PROGRESS_FILE_BYTES", 10)
    assert "more than the 10 bytes" in str(progress())


def test_a_workspace_that_cannot_be_written_does_not_break_a_check(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("SMK_HOME", str(blocker / "inside"))
    feedback = check("00.1", answer_key("00.1"))
    assert feedback.passed and "Not recorded in" in feedback.message
