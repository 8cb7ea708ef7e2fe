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
    stored = [(n, c) for n, c in enumerate(code, start=1) if not is_solution(c)]  # a solution stores nothing
    assert all(c.execution_count is not None for _, c in stored), "run `make notebooks` to store real outputs"
    counts = [c.execution_count for _, c in stored]
    assert counts == [n for n, _ in stored], "outputs must come from one top-to-bottom run"
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
def test_the_map_names_the_example_businesses_the_lesson_uses(path):
    from smk_helpers.course import LESSONS as MAP
    from smk_helpers.course import NORTHWAY

    lesson = next(lesson for lesson in MAP if lesson.file == path.name)
    code = "\n".join(source(c) for c in code_cells(read_notebook(path)))
    assert (NORTHWAY in lesson.data) == ('load_example("northway")' in code), lesson.data


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_objectives_minutes_recap_and_next(path):
    from smk_helpers.course import LESSONS as MAP
    from smk_helpers.course.timing import estimate_minutes, minutes_agree

    cells = read_notebook(path).cells
    first = source(cells[0])
    minutes = re.search(r"\*\*Time:\*\* about (\d+) minutes", first)
    assert minutes and "**You will:**" in first, "the first cell needs the time and the learning objectives"
    lesson = next(lesson for lesson in MAP if lesson.file == path.name)
    assert int(minutes.group(1)) == lesson.minutes, "the minutes differ from smk_helpers.course"
    longest = 60 if lesson.number == "12" else 45  # the capstone's written recommendation takes a while
    assert 15 <= lesson.minutes <= longest, "a lesson fits a class period"
    estimate = estimate_minutes(path)
    assert minutes_agree(lesson.minutes, estimate), f"{lesson.minutes} minutes stated, {estimate:.0f} estimated"
    headings = [line for c in markdown_cells(read_notebook(path)) for line in source(c).splitlines()]
    assert "## Recap" in headings and "## What's next" in headings


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_every_exercise_is_followed_by_its_solution(path):
    from smk_helpers.course.exercises import registry

    cells = code_cells(read_notebook(path))
    asked = [
        (i, CHECK_CALL.search(source(c)).group(1))
        for i, c in enumerate(cells)
        if not is_solution(c) and CHECK_CALL.search(source(c))
    ]
    lesson = path.name[:2]
    assert 2 <= len(asked) <= 8, f"{len(asked)} exercises"
    assert {e for _, e in asked} == {e for e in registry() if e.startswith(lesson + ".")}
    for i, exercise in asked:
        solution = cells[i + 1]
        assert is_solution(solution), f"exercise {exercise} is not followed by its solution cell"
        assert solution.metadata.get("jupyter", {}).get("source_hidden") is True, f"solution {exercise} is not hidden"
        assert CHECK_CALL.search(source(solution)).group(1) == exercise
        assert source(solution).startswith("# Solution"), exercise
        assert re.search(r"check\([^)]*folded=True\)", source(solution)), (
            f"solution {exercise}: check(..., folded=True)"
        )


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


# ---------------------------------------------------------------------------------------------
# Answers stay hidden until a student opens a solution on purpose. A solution still runs in every test
# (nbval, `make notebooks`) and raises there if its check does not pass: see SMK_SOLUTIONS_MUST_PASS.


def exercise_sections(nb):
    """``(exercise id, solution cell, cells after it up to the next exercise or ## heading)`` per exercise."""
    cells = nb.cells
    for i, cell in enumerate(cells):
        found = CHECK_CALL.search(source(cell)) if cell.cell_type == "code" else None
        if not found or is_solution(cell):
            continue
        after = []
        for nxt in cells[i + 2 :]:
            if nxt.cell_type == "markdown" and re.search(r"^## ", source(nxt), re.M):
                after.append(nxt)  # the text above its heading still belongs to the exercise
                break
            if nxt.cell_type == "code" and CHECK_CALL.search(source(nxt)) and not is_solution(nxt):
                break
            after.append(nxt)
        yield found.group(1), cells[i + 1], after


def visible_text(cell) -> str:
    """What a reader sees of ``cell`` without opening anything: markdown outside folds, or stored outputs."""
    from smk_helpers.dev.prose import FOLD, output_text, prose

    if cell.cell_type == "markdown":
        text = source(cell)
        heading = re.search(r"^## ", text, re.M)
        return prose(FOLD.sub(" ", text[: heading.start()] if heading else text))
    return "" if is_solution(cell) else output_text(cell)


def shows_number(text: str, answer: float) -> list[str]:
    """The numbers in ``text`` that state ``answer`` at their own rounding (two significant digits or more)."""
    from smk_helpers.dev.prose import matches, numbers_in

    shown = []
    for n in numbers_in(text):
        digits = re.sub(r"\D", "", n.text).lstrip("0")
        if len(digits) >= 2 and matches(n, [answer]):
            shown.append(n.text.strip())
    return shown


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_solutions_are_folded_and_store_no_output(path):
    """JupyterLab folds a solution's code and output; the file stores no output, so no other view shows it."""
    from smk_helpers.course.exercises import answer_key, answer_options

    for exercise, solution, _ in exercise_sections(read_notebook(path)):
        assert solution.metadata.get("jupyter") == {"source_hidden": True, "outputs_hidden": True}, exercise
        assert solution.outputs == [] and solution.execution_count is None, (
            f"solution {exercise} stores its output; run `make notebooks`, which drops it"
        )
        answer = answer_key(exercise)
        if isinstance(answer, str):  # a choice is computed: the code never spells out the answer alone
            typed = [
                option
                for option in answer_options(exercise) or [answer]
                if re.search(rf"""["']{re.escape(option)}["']""", source(solution), re.I)
            ]
            assert answer not in typed or len(typed) > 1, (
                f"solution {exercise} types its answer {answer!r} without choosing among the options"
            )


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_nothing_visible_gives_an_answer_away(path):
    """Between an exercise and the next one (or the next section), only a closed fold may state the answer."""
    from smk_helpers.course.exercises import answer_key

    for exercise, _, after in exercise_sections(read_notebook(path)):
        answer = answer_key(exercise)
        for cell in after:
            text = visible_text(cell)
            if isinstance(answer, str):
                assert not re.search(rf"\b{re.escape(answer)}\b", text, re.I) or answer in CHOICE_WORDS, (
                    f"{exercise}'s answer {answer!r} is visible after it: {text[:200]!r}"
                )
            else:
                assert not shows_number(text, float(answer)), (
                    f"{exercise}'s answer {answer:.4g} is visible after it as {shows_number(text, float(answer))}"
                )


# Choice answers that are the words the lesson is about: they appear in every paragraph, answer or not.
CHOICE_WORDS = {"sales", "marketing", "one-to-one", "one-to-many"}


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_answer_folds_are_closed_and_titled(path):
    for cell in markdown_cells(read_notebook(path)):
        for fold in re.findall(r"<details[^>]*>.*?</details>", source(cell), re.S):
            assert fold.startswith("<details>"), "a fold must start closed: <details>, not <details open>"
            assert "<summary>Check your answer</summary>" in fold


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_typed_numbers_agree_with_the_outputs_above_them(path):
    """A number typed in prose is a copy of a result: an output above it must say the same, at its rounding."""
    from smk_helpers.course.exercises import answer_key, registry
    from smk_helpers.dev.prose import unmatched_numbers

    answers = {k: answer_key(k) for k in registry()}
    assert unmatched_numbers(read_notebook(path), answers) == [], "print it from the data, or fix the text"


def test_the_prose_check_catches_one_edited_number():
    """Change one typed number in a lesson (not its outputs) and the check finds exactly that number."""
    from smk_helpers.course.exercises import answer_key, registry
    from smk_helpers.dev.prose import numbers_in, prose, unmatched_numbers

    answers = {k: answer_key(k) for k in registry()}
    nb = read_notebook(REPO / "notebooks" / "03_four_ps.ipynb")
    assert unmatched_numbers(nb, answers) == []
    at, number = next(
        (i, n)
        for i, c in enumerate(nb.cells)
        if c.cell_type == "markdown"
        for n in numbers_in(prose(source(c)))
        if n.value > 100 and "," in n.text
    )
    edited = number.text.replace(number.text.strip()[-1], "7" if number.text.strip()[-1] != "7" else "3")
    nb.cells[at].source = source(nb.cells[at]).replace(number.text, edited, 1)
    assert unmatched_numbers(nb, answers) == [(at, edited.strip())]


def test_nbconverts_html_of_a_lesson_shows_no_verdict_and_keeps_the_answer_folds_closed():
    """A lesson exported as nbconvert exports it (outputs as stored) shows no verdict, and its folds stay closed."""
    from nbconvert import HTMLExporter

    page, _ = HTMLExporter().from_notebook_node(read_notebook(REPO / "notebooks" / "03_four_ps.ipynb"))
    assert "✔" not in page
    folds = re.findall(r"<details[^>]*>\s*<summary>Check your answer</summary>", page)
    assert folds and all(fold.startswith("<details>") for fold in folds)


# Phrases that call impressions or contacts "people", the mistake lesson 05 teaches (visits are not people either).
PEOPLE_FOR_IMPRESSIONS = re.compile(
    r"people reached|reached [\d,]+ people|counts? (of )?people at|how many people (they|it) reached"
    r"|more people reached|people at (each|that) stage|impressions \(people\)",
    re.I,
)


def test_impressions_are_never_called_people_in_lessons_worksheet_or_reports():
    texts = {p.name: "\n".join(source(c) for c in read_notebook(p).cells) for p in NOTEBOOKS}
    for module in (REPO / "smk_helpers").rglob("*.py"):
        if module.name != "store.py":  # the worksheet's migration quotes the old label to explain the change
            texts[str(module.relative_to(REPO))] = module.read_text(encoding="utf-8")
    found = {name: m.group(0) for name, text in texts.items() if (m := PEOPLE_FOR_IMPRESSIONS.search(text))}
    assert not found, found
