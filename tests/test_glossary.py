"""The course's glossary: generated from the KPI catalogue and the term list, every entry taught where it says,
and every term a lesson uses before it is taught linked to its entry or defined where it is first used."""

import re

import nbformat
import pytest

from conftest import REPO
from helpers import markdown_cells, read_notebook, source
from smk_helpers.core import catalog, kpis
from smk_helpers.course import LESSONS
from smk_helpers.course import glossary as G

NOTEBOOKS = REPO / "notebooks"
ENTRIES = G.entries()


def test_every_catalogue_kpi_is_in_the_glossary_with_the_catalogues_words():
    by_kpi = {e.kpi: e for e in ENTRIES if e.kpi}
    assert set(by_kpi) == catalog.keys()
    for kpi in catalog.KPIS:
        entry = by_kpi[kpi.key]
        assert entry.term == kpi.label
        assert entry.formula == G.plain(kpis.formula_of(kpi)), "the formula is quoted from the function"
        if kpi.key in G.DEFINITIONS:
            assert entry.definition == G.DEFINITIONS[kpi.key]
        elif kpi.computed_by:
            first_line = G.plain(" ".join(getattr(kpis, kpi.computed_by).__doc__.split("\n\n")[0].split()))
            # the docstring's first line, without a label it starts by repeating
            assert first_line.lower().endswith(entry.definition.lower()), "a KPI's meaning is its docstring's"


def test_every_definition_is_plain_words_that_do_not_repeat_the_term():
    for e in ENTRIES:
        label = re.sub(r"\s*\([^)]*\)$", "", e.term).lower()
        assert not re.match(rf"(the\s+)?{re.escape(label)}\b", e.definition.lower()), f"{e.term}: circular"
        for text in (e.definition, e.formula):
            assert "``" not in text and not re.search(r"\bNaN\b", text), f"{e.term}: markup in {text!r}"
    meanings = [e.definition for e in ENTRIES]
    assert len(meanings) == len(set(meanings)), "two terms with one definition read as the same thing"


def test_the_win_rates_of_deals_and_of_all_conversations_are_told_apart():
    deals, talks = G.find("deal_win_rate"), G.find("win_rate")
    assert "deal value" in deals.definition and "every kind" in talks.definition


def test_the_sales_process_names_the_stages_lesson_08_teaches():
    from smk_helpers.course.concepts import sales_process_table

    definition = G.find("sales process").definition
    assert all(stage in definition for stage in sales_process_table().index)


def test_a_term_that_names_a_function_quotes_its_formula():
    for term in G.TERMS:
        entry = G.find(term.term)
        if re.fullmatch(r"[a-z]+\.[a-z_]+", term.formula):
            assert entry.formula != term.formula, f"{term.term}: {term.formula} has no 'Formula:' line"


def test_entries_are_complete_and_their_anchors_unique():
    anchors = [e.anchor for e in ENTRIES]
    assert len(anchors) == len(set(anchors))
    assert len(ENTRIES) >= 70
    for e in ENTRIES:
        assert e.term and e.definition.endswith(".") and len(e.definition.split()) >= 4, e.term
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", e.anchor), e.anchor


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.anchor)
def test_each_entry_is_taught_in_the_lesson_it_names(entry):
    lesson = next(lesson for lesson in LESSONS if lesson.number == entry.lesson)
    path = NOTEBOOKS / lesson.file
    assert lesson.ready and path.is_file(), f"{entry.term}: lesson {entry.lesson} is not written yet"
    texts = [source(c) for c in markdown_cells(read_notebook(path))]
    assert any(G.mentions(text, entry) for text in texts), f"lesson {entry.lesson} never mentions {entry.term!r}"


def test_the_glossary_shows_an_anchor_jupyterlab_finds_on_every_line():
    page = G.glossary()._repr_html_()
    for e in ENTRIES:
        # JupyterLab follows a link's #fragment to data-jupyter-id (untrusted output) or id (trusted output)
        assert f'<tr id="{e.anchor}" data-jupyter-id="{e.anchor}">' in page
    assert len(G.glossary()) == len(ENTRIES)
    assert list(G.glossary(lesson="08").table["lesson"].unique()) == ["08"]


def test_every_link_to_the_glossary_in_the_lessons_lands_on_an_entry():
    anchors = {e.anchor for e in ENTRIES}
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        text = "\n".join(source(c) for c in markdown_cells(read_notebook(path)))
        for anchor in re.findall(rf"{re.escape(G.FILE)}#([^)\s\"']+)", text):
            assert anchor in anchors, f"{path.name} links to #{anchor}, which is not a glossary entry"


def test_link_writes_a_link_to_the_entry():
    assert G.link("CAC") == f"[CAC]({G.FILE}#cac)"
    assert G.links_to(f"The {G.link('funnel')} narrows.", G.find("funnel"))
    with pytest.raises(KeyError):
        G.find("no such term")


# ---------------------------------------------------------------------------------------------
# early_uses, on lessons made up for the test


def lessons(folder, *markdowns):
    """Lessons 00, 01, ... in ``folder``, each one markdown cell (a list gives several)."""
    folder.mkdir(exist_ok=True)
    for number, cells in enumerate(markdowns):
        cells = cells if isinstance(cells, list) else [cells]
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text) for text in cells])
        nbformat.write(nb, folder / f"{number:02d}_lesson.ipynb")
    return folder


def test_a_term_used_before_its_lesson_with_no_link_or_definition_is_an_early_use(tmp_path):
    # the pipeline is taught in lesson 08: lessons 00-02 use it first
    folder = lessons(
        tmp_path / "nb",
        "Deals move through the pipeline.",
        f"Deals move through the {G.link('pipeline')}.",
        "A **pipeline** is every deal under way.",
    )
    found = G.early_uses(folder)
    assert ("00", "pipeline") in found
    assert ("01", "pipeline") not in found  # linked where first used
    assert ("02", "pipeline") not in found  # defined where first used


def test_only_the_first_use_counts_and_a_definition_teaches_the_term_early(tmp_path):
    folder = lessons(
        tmp_path / "nb",
        ["The pipeline grew.", "A **pipeline** is every deal under way."],  # defined, but after its first use
        "The pipeline shrank.",  # lesson 00 defined it: lesson 01 may use it freely
    )
    assert [pair for pair in G.early_uses(folder) if pair[1] == "pipeline"] == [("00", "pipeline")]


def test_an_abbreviation_beside_what_it_stands_for_defines_it(tmp_path):
    folder = lessons(tmp_path / "nb", "The return on ad spend (ROAS) was high.", "Its ROAS fell.")
    assert not [pair for pair in G.early_uses(folder) if pair[1] == "ROAS"]


def test_code_link_targets_and_whats_next_are_not_uses(tmp_path):
    folder = lessons(
        tmp_path / "nb",
        "Run `pipeline.stage_table` on [the data](funnel.csv).\n\n## What's next\n\nLesson 08 opens the pipeline.",
    )
    assert not [pair for pair in G.early_uses(folder) if pair[1] in ("pipeline", "funnel")]


def test_capitals_count_for_an_abbreviation():
    sql = G.find("SQL")
    assert G.mentions("an SQL is close to buying", sql)
    assert not G.mentions("we squeal", sql) and not G.mentions("a sql query", sql)


# ---------------------------------------------------------------------------------------------
# The lessons as they are


def test_every_term_a_lesson_uses_before_it_is_taught_links_to_the_glossary_or_is_defined_there():
    found = G.early_uses(NOTEBOOKS)
    assert not found, (
        "link the first use to the glossary (glossary.link(term) writes the link) or define the term there: "
        + "; ".join(f"lesson {lesson}: {term}" for lesson, term in found)
    )
