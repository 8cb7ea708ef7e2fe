"""Notebook lint: what nbval's execution does not check (nbval itself runs every notebook)."""

import json
import re

import pytest

from conftest import REPO
from helpers import code_cells, markdown_cells, read_notebook, source, tags

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb")) + sorted((REPO / "worksheets").glob("*.ipynb"))


def test_there_is_a_start_here_notebook():
    assert (REPO / "notebooks" / "00_start_here.ipynb").is_file()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_kernel_is_the_venv_python3(path):
    spec = read_notebook(path).metadata["kernelspec"]
    assert spec["name"] == "python3" and spec["language"] == "python"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_one_title(path):
    markdown = [source(c) for c in markdown_cells(read_notebook(path))]
    titles = [line for text in markdown for line in text.splitlines() if re.match(r"^# \S", line)]
    assert len(titles) == 1, titles
    assert markdown and markdown[0].lstrip().startswith("# "), "the first cell should hold the title"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_outputs_are_current_and_clean(path):
    code = [c for c in code_cells(read_notebook(path)) if source(c).strip()]
    assert all(c.execution_count is not None for c in code), "run `make notebooks` to store real outputs"
    counts = [c.execution_count for c in code]
    assert counts == list(range(1, len(code) + 1)), "outputs must come from one top-to-bottom run"
    assert not any(o.output_type == "error" for c in code for o in c.outputs)
    text = json.dumps([c.outputs for c in code])
    assert str(REPO) not in text, "an output shows a path of this machine"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_is_described(path):
    """A figure output is followed, in the same or the next cell, by a sentence saying what it shows."""
    cells = read_notebook(path).cells
    for i, cell in enumerate(cells):
        outputs = cell.get("outputs", [])
        if any("image/png" in o.get("data", {}) for o in outputs):
            after = "".join(o.get("text", "") + o.get("data", {}).get("text/markdown", "") for o in outputs)
            nxt = source(cells[i + 1]) if i + 1 < len(cells) else ""
            assert re.search(r"[A-Za-z].*\.", after + nxt, re.S), f"cell {i} shows a figure without a description"


LESSONS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CHECK_CALL = re.compile(r"""check\(\s*["'](\d\d\.\d+)["']""")


def is_solution(cell):
    return "solution" in tags(cell)


def test_lessons_match_the_course_map():
    """Every written lesson has its notebook, under its number; a lesson still to come has none yet."""
    from smk_helpers.course import LESSONS as MAP

    assert [lesson.number for lesson in MAP] == [f"{n:02d}" for n in range(len(MAP))]
    assert all(lesson.file.startswith(lesson.number + "_") and lesson.file.endswith(".ipynb") for lesson in MAP)
    assert [p.name for p in LESSONS] == [lesson.file for lesson in MAP if lesson.ready]
    for lesson in MAP:
        assert (REPO / "notebooks" / lesson.file).is_file() == lesson.ready, lesson.file
        if lesson.ready and lesson.number != "00":  # lesson 00's title is "Start here: ..."
            title = source(read_notebook(REPO / "notebooks" / lesson.file).cells[0]).splitlines()[0]
            assert title.startswith(f"# {lesson.number} "), title


def test_the_map_shows_every_lesson_whole_and_marks_those_still_to_come():
    from smk_helpers.course import COMING, lesson_map, total_minutes
    from smk_helpers.course import LESSONS as MAP

    table = lesson_map()
    assert list(table.index) == [lesson.number for lesson in MAP]
    assert list(table["status"]) == ["ready" if lesson.ready else COMING for lesson in MAP]
    texts = table.select_dtypes(exclude="number").to_numpy().ravel()
    assert all(len(text) <= 50 for text in texts), "pandas cuts a text longer than 50 characters with '…'"
    assert not any("…" in text or "..." in text for text in texts)
    assert total_minutes() == sum(lesson.minutes for lesson in MAP if lesson.ready)
    assert total_minutes(include_coming=True) == table["minutes"].sum()


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_objectives_minutes_recap_and_next(path):
    from smk_helpers.course import LESSONS as MAP

    cells = read_notebook(path).cells
    first = source(cells[0])
    minutes = re.search(r"\*\*Time:\*\* about (\d+) minutes", first)
    assert minutes and "**You will:**" in first, "the first cell needs the time and the learning objectives"
    lesson = next(lesson for lesson in MAP if lesson.file == path.name)
    assert int(minutes.group(1)) == lesson.minutes, "the minutes differ from smk_helpers.course"
    assert 15 <= lesson.minutes <= 40
    headings = [line for c in markdown_cells(read_notebook(path)) for line in source(c).splitlines()]
    assert "## Recap" in headings and "## What's next" in headings


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_every_exercise_has_a_hidden_solution_that_passes(path):
    from smk_helpers.course.exercises import registry

    cells = code_cells(read_notebook(path))
    asked = [
        (i, CHECK_CALL.search(source(c)).group(1))
        for i, c in enumerate(cells)
        if not is_solution(c) and CHECK_CALL.search(source(c))
    ]
    lesson = path.name[:2]
    assert 2 <= len(asked) <= 4, f"{len(asked)} exercises"
    assert {e for _, e in asked} == {e for e in registry() if e.startswith(lesson + ".")}
    for i, exercise in asked:
        solution = cells[i + 1]
        assert is_solution(solution), f"exercise {exercise} is not followed by its solution cell"
        assert solution.metadata.get("jupyter", {}).get("source_hidden") is True, f"solution {exercise} is not hidden"
        assert CHECK_CALL.search(source(solution)).group(1) == exercise
        shown = json.dumps(solution.outputs, ensure_ascii=False)
        assert "✔ Right" in shown, f"the stored solution of {exercise} does not pass its own check"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_exercises_are_leaf_cells(path):
    """No cell after an exercise uses its `answer`, so a lesson runs whatever the student typed."""
    cells = code_cells(read_notebook(path))
    exercise_at = [i for i, c in enumerate(cells) if CHECK_CALL.search(source(c))]
    for i, cell in enumerate(cells):
        if i in exercise_at or not exercise_at or i < exercise_at[0]:
            continue
        assert not re.search(r"\banswer\b", source(cell)), f"code cell {i} uses an exercise's answer"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_warnings_and_few_ignored_outputs(path):
    cells = code_cells(read_notebook(path))
    streams = [o for c in cells for o in c.outputs if o.output_type == "stream"]
    assert not [o for o in streams if o.name == "stderr"], "a stored output has text on stderr (a warning?)"
    assert not re.search(r"\w+Warning\b", json.dumps([c.outputs for c in cells])), "a warning in the outputs"
    ignored = [c for c in cells if "nbval-ignore-output" in tags(c) or "# NBVAL_IGNORE_OUTPUT" in source(c)]
    assert len(ignored) <= 2
