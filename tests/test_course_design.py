"""What every lesson asks of a student: objectives that are assessed, a concept check, a decision, and
fill-in code where the lesson uses pandas (issue 15). nbval runs the lessons; this reads them."""

import re

import pytest

from conftest import REPO
from helpers import code_cells, read_notebook, source, tags
from smk_helpers.course import LESSONS as MAP
from smk_helpers.course.exercises import answer_key, answer_options, check, registry
from smk_helpers.course.grading import CONCEPT, DECISION, kind_of

LESSONS = [REPO / "notebooks" / lesson.file for lesson in MAP if lesson.ready]
CHECK_CALL = re.compile(r"""check\(\s*["'](\d\d\.\d+)["']""")
OBJECTIVE_IDS = re.compile(r"\((\d\d\.\d+(?:,\s*\d\d\.\d+)*)\)\.?\s*$")
VAGUE_VERBS = {"see", "learn", "meet", "read", "understand", "know", "explore", "discover", "get"}
# The glossary-and-review lesson asks its concept checks in the review quiz; the capstone is all decisions.
NEEDS = {lesson.number: {CONCEPT, DECISION} for lesson in MAP}
NEEDS["11"] = {DECISION}
NEEDS["12"] = {DECISION}


def lesson_exercises(number: str) -> list[str]:
    return sorted((e for e in registry() if e.startswith(number + ".")), key=lambda e: int(e.split(".")[1]))


def objectives(path) -> list[str]:
    first = source(read_notebook(path).cells[0])
    block = first.split("**You will:**", 1)[1]
    return [line[2:].strip() for line in block.splitlines() if line.startswith("- ")]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name[:2])
def test_every_objective_can_be_assessed_and_names_the_exercises_that_assess_it(path):
    number = path.name[:2]
    found = objectives(path)
    assert found, "the first cell lists the objectives under **You will:**"
    exercises = set(lesson_exercises(number))
    assessed = set()
    for objective in found:
        first_word = objective.split()[0].lower().strip("*")
        assert first_word not in VAGUE_VERBS, f"{objective!r}: start with a verb that can be assessed"
        ids = OBJECTIVE_IDS.search(objective)
        assert ids, f"{objective!r} ends with the exercises that assess it, e.g. (03.2, 03.4)"
        named = {e.strip() for e in ids.group(1).split(",")}
        assert named <= exercises, f"{objective!r} names exercises the lesson does not have: {named - exercises}"
        assessed |= named
    assert assessed == exercises, f"exercises no objective names: {sorted(exercises - assessed)}"


@pytest.mark.parametrize("lesson", [lesson.number for lesson in MAP if lesson.ready])
def test_each_lesson_has_its_concept_check_and_its_decision(lesson):
    kinds = {kind_of(e) for e in lesson_exercises(lesson)}
    assert NEEDS[lesson] <= kinds, f"lesson {lesson} lacks: {sorted(NEEDS[lesson] - kinds)}"


CHOICES = [e for e in registry() if kind_of(e) in (CONCEPT, DECISION)]


@pytest.mark.parametrize("exercise", CHOICES)
def test_every_option_of_a_choice_gets_its_own_explanation(exercise):
    options = answer_options(exercise)
    assert options, f"{exercise}: a concept check or decision uses check_option, which explains each option"
    messages = {option: check(exercise, option).message for option in options}
    assert check(exercise, answer_key(exercise)).passed
    wrong = [m for o, m in messages.items() if o != answer_key(exercise)]
    assert len(set(wrong)) == len(wrong), f"{exercise}: two wrong options share one explanation"
    assert all(len(m.split()) >= 6 for m in messages.values()), f"{exercise}: explain why, not only right or wrong"


def fill_in_cells(path):
    cells = code_cells(read_notebook(path))
    for i, cell in enumerate(cells):
        if source(cell).startswith("%%fill_in") and "solution" not in tags(cell):
            yield cell, cells[i + 1]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name[:2])
def test_fill_in_cells_have_blanks_and_their_solution_fills_exactly_them(path):
    for cell, solution in fill_in_cells(path):
        template = source(cell).removeprefix("%%fill_in").strip()
        assert "___" in template, "a %%fill_in cell has blanks, ___"
        assert "solution" in tags(solution), "a fill-in exercise is followed by its solution"
        filled = source(solution).removeprefix("# Solution").strip()
        filled = filled.replace(", folded=True)", ")")
        pattern = r"\s*".join(
            ".+?" if part == "___" else re.escape(part) for part in re.split(r"(___)", template) if part.strip()
        )
        assert re.fullmatch(pattern, filled, flags=re.S), "the solution is the cell with its blanks filled in"


PANDAS = re.compile(r"\.(groupby|loc|isin|sum|mean|query|sort_values|value_counts|dt)\b|\[\s*\w+\[")


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name[:2])
def test_a_lesson_whose_solutions_use_pandas_has_a_fill_in_exercise(path):
    solutions = [source(c) for c in code_cells(read_notebook(path)) if "solution" in tags(c)]
    if any(PANDAS.search(s) for s in solutions):
        assert list(fill_in_cells(path)), "students complete partly written pandas code before they write their own"


def test_the_second_business_is_practised_on_in_several_lessons():
    lessons = {
        path.name[:2]
        for path in LESSONS
        for cell in code_cells(read_notebook(path))
        if "solution" in tags(cell) and "northway" in source(cell).lower()
    }
    assert len(lessons) >= 4, f"Northway's data is used in the exercises of lessons {sorted(lessons)} only"
