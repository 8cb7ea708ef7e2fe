"""The KPI catalogue is the one home of a KPI's label, side, unit and formula: every front-end reads it."""

import pytest

from smk_helpers.cli import summary_text
from smk_helpers.core import benchmarks, catalog, kpis
from smk_helpers.reports.sections import KPI_ROWS, glossary


@pytest.mark.parametrize("kpi", catalog.KPIS, ids=lambda k: k.key)
def test_every_kpi_has_a_formula_in_one_place(kpi):
    text = kpis.formula_of(kpi)
    assert text and "``" not in text
    if kpi.computed_by:  # the formula is its function's docstring line, not a copy
        assert text == kpis.formula(getattr(kpis, kpi.computed_by))


def test_every_kpi_but_break_even_roas_is_a_key_of_the_summary(hub):
    summary = kpis.summary(hub)
    assert catalog.keys() - set(summary) == {"break_even_roas"}  # the report works it out from the margin


def test_the_report_table_the_glossary_and_the_benchmarks_use_the_catalogues_words():
    assert [(label, key) for label, _, key, _, _ in KPI_ROWS] == [(k.label, k.key) for k in catalog.KPIS]
    assert all(how == kpis.formula_of(key) for _, _, key, _, how in KPI_ROWS)
    formulas = glossary().table["formula"]
    for kpi in catalog.KPIS:
        if kpi.computed_by:
            assert formulas[kpi.label] == kpis.formula_of(kpi)
    for mark in benchmarks.BENCHMARKS:
        if mark.key in catalog.keys():
            assert mark.label == catalog.by_key(mark.key).label


def test_smk_summary_names_each_kpi_as_the_catalogue_does(hub):
    text = summary_text(kpis.summary(hub))
    for kpi in catalog.KPIS:
        if kpi.key != "break_even_roas":
            assert f"  {kpi.label}" in text, kpi.label


def test_metrics_json_rounds_by_the_catalogues_units():
    assert catalog.keys_in_unit("money") <= kpis.MONEY_KEYS
    assert catalog.keys_in_unit("count") <= kpis.COUNT_KEYS
    assert not kpis.MONEY_KEYS & kpis.COUNT_KEYS


def test_a_kpi_needs_a_known_side_and_unit_and_one_formula():
    with pytest.raises(ValueError, match="side"):
        catalog.Kpi("x", "X", "finance", "money", "cac")
    with pytest.raises(ValueError, match="either the function"):
        catalog.Kpi("x", "X", catalog.SALES, "money")
    with pytest.raises(KeyError, match="is not a KPI of the catalogue"):
        catalog.by_key("profit")
