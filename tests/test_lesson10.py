"""Lesson 10 (your business): its parameters cell, its exercises, and papermill runs on other folders.

The papermill runs execute the lesson in a kernel with ``data_dir`` pointing at a broken folder and
at tests/fixtures/handcalc; the executed copies are written to tmp_path only.
"""

import ast
import json
import math
from pathlib import Path

import pandas as pd
import pytest

from conftest import REPO
from helpers import business_folder, code_cells, loader_problems, markdown_cells, read_notebook, source, tags
from smk_helpers.core import kpis
from smk_helpers.course.exercises import check
from smk_helpers.reports import sections as S

NOTEBOOK = REPO / "notebooks" / "10_your_business.ipynb"
FIXTURE = Path(__file__).parent / "fixtures" / "handcalc"


# ---------------------------------------------------------------------------------------------
# The notebook's shape


def test_title_and_time():
    first = source(read_notebook(NOTEBOOK).cells[0])
    assert first.startswith("# 10 Your business\n")
    assert "**Time:** about" in first and "**You will:**" in first


def test_the_parameters_cell_holds_exactly_the_seven_defaults():
    tagged = [c for c in read_notebook(NOTEBOOK).cells if "parameters" in tags(c)]
    assert len(tagged) == 1 and tagged[0].cell_type == "code"
    tree = ast.parse(source(tagged[0]))
    assigned = {node.targets[0].id: ast.literal_eval(node.value) for node in tree.body}
    assert all(isinstance(node, ast.Assign) for node in tree.body)
    assert assigned == {
        "data_dir": "",
        "business_name": "",
        "period_start": "",
        "period_end": "",
        "currency": "$",
        "gross_margin": None,
        "staff_hourly_cost": 13.56,
    }
    assert list(assigned) == [
        "data_dir",
        "business_name",
        "period_start",
        "period_end",
        "currency",
        "gross_margin",
        "staff_hourly_cost",
    ]


def test_the_parameters_come_before_anything_is_loaded():
    code = code_cells(read_notebook(NOTEBOOK))
    assert "parameters" in tags(code[0])
    assert "sections.open_business(data_dir, business_name)" in source(code[1])
    assert "start, end = sections.choose_period(shop, period_start, period_end)" in source(code[1])


def test_every_section_shows_the_lessons_period():
    """By default the lesson shows the report's period, the 12 months up to the last order, never all the data."""
    calls = [source(c) for c in code_cells(read_notebook(NOTEBOOK)) if "sections." in source(c)]
    shown = [call for call in calls if ".show()" in call and "(shop" in call]
    assert len(shown) == 4 and all("start=start, end=end" in call for call in shown)


def test_choose_period_is_the_reports_default(hub, capsys):
    from smk_helpers.course.exercises.lesson10 import PERIOD
    from smk_helpers.reports.notebook import default_period

    assert S.choose_period(hub) == default_period(hub)[:2] == PERIOD
    assert S.choose_period(hub, "", "") == PERIOD  # empty parameters mean "not given"
    assert S.choose_period(hub, "2025-03-01", "2025-03-31") == ("2025-03-01", "2025-03-31")
    capsys.readouterr()
    assert S.choose_period(hub, "2030-01-01", "2030-12-31") == (None, None)  # no orders: all the data, said so
    assert "There are no orders from 2030-01-01 to 2030-12-31" in capsys.readouterr().out
    assert S.choose_period(hub, "2025-03-01", "2025-02-01") == (None, None)
    assert "swap period_start and period_end" in capsys.readouterr().out


def test_the_stored_tables_show_every_text_whole():
    """pandas cuts a text longer than 50 characters with '...': the KPI table's formulas must read in full."""
    cells = code_cells(read_notebook(NOTEBOOK))
    kpi = next(c for c in cells if "sections.kpi_table(shop" in source(c))
    html = "".join(o.get("data", {}).get("text/html", "") for o in kpi.outputs)
    assert "marketing spend / revenue, both from the same period" in html
    assert "..." not in html and "…" not in html


EXERCISES = ("10.1", "10.2", "10.3", "10.4", "10.5")


def test_exercises_and_hidden_solutions():
    all_cells = read_notebook(NOTEBOOK).cells
    for exercise_id in EXERCISES:
        at = [
            i
            for i, c in enumerate(all_cells)
            if c.cell_type == "code" and f'check("{exercise_id}", answer' in source(c)
        ]
        assert len(at) == 2, exercise_id
        task, solution = all_cells[at[0]], all_cells[at[1]]
        assert at[1] == at[0] + 1
        assert source(task).startswith("%%fill_in" if exercise_id == "10.4" else "answer = ...")
        assert tags(solution) == ["solution"] and solution.metadata["jupyter"]["source_hidden"]
        assert source(solution).startswith("# Solution") and "folded=True" in source(solution)
        assert solution.outputs == []  # the verdict states the answer, so it is not stored
        assert "Not answered yet" in json.dumps(task.outputs)


def test_ends_with_recap_and_whats_next():
    markdown = "\n".join(source(c) for c in markdown_cells(read_notebook(NOTEBOOK)))
    assert markdown.index("## Recap") < markdown.index("## What's next")
    assert "smk init" in markdown and "smk validate" in markdown


# ---------------------------------------------------------------------------------------------
# The checks


def test_10_1_is_the_book_hubs_roas_over_the_lessons_period(hub):
    year = hub.orders[hub.orders["order_date"].dt.year == 2025]
    spend = kpis.prorate_campaigns(hub.campaigns, "2025-01-01", "2025-12-31")["spend"].sum()
    roas = kpis.summary(hub, "2025-01-01", "2025-12-31")["roas"]
    assert roas == pytest.approx(kpis.known_sum(year.loc[year["campaign_id"].notna(), "revenue"]) / spend)
    assert check("10.1", roas).passed
    assert check("10.1", round(roas, 2)).passed  # as the table shows it
    assert not check("10.1", 2.5).passed
    section = S.kpi_table(hub, start="2025-01-01", end="2025-12-31")
    assert section.table.loc["ROAS", "value"] == f"{roas:.2f}x"  # what the student reads
    section.close()


@pytest.mark.parametrize(
    "answer, words",
    [
        (0.105, "that is marketing ROI"),
        (0.378, "upside down"),
        (46.94, "divides all revenue by spend"),
        (7.68, "cost per lead"),
        (2.71, "over all the data"),
        (264.7, "looks like a percentage"),
        ("2.65x", "text"),
    ],
)
def test_10_1_near_misses(answer, words):
    feedback = check("10.1", answer)
    assert not feedback.passed and words in feedback.message


def test_10_2_is_one_to_one_cost_per_order_at_20_an_hour(hub):
    section = S.one_to_many_vs_one_to_one(hub, start="2025-01-01", end="2025-12-31", staff_hourly_cost=20)
    expected = section.data["table"].loc[kpis.ONE_TO_ONE, "cost_per_order"]
    year = hub.interactions[hub.interactions["date"].dt.year == 2025]
    won = (year["outcome"] == "won").sum()
    assert expected == pytest.approx(year["minutes"].sum() / 60 * 20 / won)
    assert check("10.2", expected).passed and check("10.2", round(expected, 2)).passed
    assert section.table.loc[kpis.ONE_TO_ONE, "cost per order"] == f"${expected:.2f}"  # what the student reads
    section.close()


@pytest.mark.parametrize(
    "answer, words",
    [
        (4.45, "default $13.56 an hour"),
        (6.42, "over all the data"),
        (14.93, "one-to-many (campaigns) row"),
        (3.29, "cost per contact"),
        (6986.33, "total staff cost"),
        (9, "too high"),
    ],
)
def test_10_2_near_misses(answer, words):
    feedback = check("10.2", answer)
    assert not feedback.passed and words in feedback.message


def test_10_3_keeps_the_campaigns_that_clear_their_own_orders_break_even(hub):
    from smk_helpers.course import mix

    year = kpis.summary(hub, "2025-01-01", "2025-12-31")
    credited = hub.orders[hub.orders["order_date"].dt.year.eq(2025) & hub.orders["campaign_id"].notna()]
    own = 1 / (credited["gross_profit"].sum() / credited["revenue"].sum())
    shop = 1 / year["gross_margin"]
    assert shop < own < year["roas"]  # clears both: keep
    assert check("10.3", "keep").passed and check("10.3", " Keep ").passed
    assert f"need {own:.2f}" in check("10.3", "keep").message  # the break-even the note gives
    assert "thin margin for a loss" in check("10.3", "cut").message
    assert "not one of the options" in check("10.3", "double").message
    assert mix.keep_change_or_cut(own - 0.1, own, shop) == mix.CHANGE  # between the two break-evens


def test_10_3s_note_gives_the_break_even_the_student_compares_with(hub):
    section = S.kpi_table(hub, start="2025-01-01", end="2025-12-31")
    assert any("pay for themselves above a ROAS of 2.39x" in note for note in section.notes)
    section.close()


def test_10_4_is_the_marketplaces_share_of_gross_profit(hub):
    year = hub.orders[hub.orders["order_date"].dt.year == 2025]
    marketplace = year.loc[year["channel"] == "marketplace", "gross_profit"].sum()
    share = marketplace / year["gross_profit"].sum()
    assert check("10.4", share).passed and check("10.4", round(share, 4)).passed
    revenue_share = year.loc[year["channel"] == "marketplace", "revenue"].sum() / year["revenue"].sum()
    assert share < revenue_share / 2  # the point of the exercise: fees make the two differ
    assert "share of revenue" in check("10.4", revenue_share).message
    assert "percentage" in check("10.4", share * 100).message


def test_10_5_is_the_file_with_the_minutes():
    from smk_helpers.core import contract

    assert check("10.5", "interactions.csv").passed
    one_to_one = [spec.filename for spec in contract.FILES if "one-to-one" in spec.meaning]
    assert one_to_one == ["interactions.csv"] and contract.INTERACTIONS.column("minutes").kind == "number"
    for wrong in ("orders.csv", "campaigns.csv", "touchpoints.csv"):
        assert not check("10.5", wrong).passed


@pytest.mark.parametrize("exercise_id", EXERCISES)
@pytest.mark.parametrize(
    "answer",
    [
        ...,
        None,
        "abc",
        [1, 2],
        {"a": 1},
        pd.DataFrame({"a": [1, 2]}),
        pd.Series([2.68]),
        math.nan,
        math.inf,
        -1,
        0,
        True,
        object(),
    ],
)
def test_checks_never_raise(exercise_id, answer):
    feedback = check(exercise_id, answer)
    assert feedback.status in ("right", "wrong", "missing") and feedback.message


# ---------------------------------------------------------------------------------------------
# Papermill runs on other folders


def run(tmp_path, **parameters):
    """Execute the lesson with papermill; return the executed notebook's outputs as one text."""
    import papermill

    out = tmp_path / "out.ipynb"
    nb = papermill.execute_notebook(
        str(NOTEBOOK), str(out), parameters=parameters, kernel_name="python3", cwd=str(tmp_path), progress_bar=False
    )
    outputs = [o for c in code_cells(nb) for o in c.outputs]
    assert not [o for o in outputs if o["output_type"] == "error"]
    text = []
    for o in outputs:
        text.append(o.get("text", ""))
        for mime in ("text/plain", "text/markdown", "text/html"):
            value = o.get("data", {}).get(mime, "")
            text.append(value if isinstance(value, str) else "".join(value))
    return "\n".join(text), nb


@pytest.fixture
def broken_folder(tmp_path):
    return business_folder(
        tmp_path / "broken-shop",
        orders="order_id,order_date,customer_id,channel,revenue\n"
        "1,2025-03-01,C1,in-store,40.00\n"
        "2,2025-03-02,,in-store,abc\n"
        "3,14/03/2025,C2,website,12.00\n",
        funnel="stage\nvisits\n",
    )


@pytest.mark.slow
def test_a_broken_folder_runs_to_the_end_with_the_loaders_message(tmp_path, broken_folder):
    problems = loader_problems(broken_folder)
    text, nb = run(tmp_path, data_dir=str(broken_folder))
    assert f"The business folder {broken_folder} could not be loaded: 3 problems." in text
    for problem in problems:
        assert problem in text
    assert "dayfirst=True" in text
    assert text.count(S.NO_DATA) == 4  # every section says so
    assert "Traceback" not in text
    assert "✔ Right" in text  # the solutions use The Book Hub, whatever the parameters say (folded, but run)
    assert [c for c in nb.cells if "injected-parameters" in tags(c)]


@pytest.mark.slow
def test_the_hand_computed_shop_shows_its_numbers(tmp_path):
    text, _ = run(
        tmp_path, data_dir=str(FIXTURE), business_name="Hand shop", currency="€", gross_margin=0.4, staff_hourly_cost=20
    )
    assert "Loaded Hand shop: 6 orders from 5 January 2025 to 15 March 2025" in text
    assert "The period covers all the data up to its end" in text  # less than 12 months of orders
    assert "Hand shop took €320.00 in 6 orders from 2025-01-05 to 2025-03-15" in text
    # ROAS 160 / 93: the period starts with the first order, on 5 January, so E1's spend is pro-rated (27 of
    # its 31 days, $27 of $31) + S1 $56 + P1 $10; break-even 1 / 0.4
    assert "1.72x" in text and "2.50x" in text
    assert "The funnel starts with 1,500 at reach and ends with 9 at purchase" in text
    assert "There is no stage 'engaged' in this funnel" in text
    assert "€150.00" in text and "46.9%" in text  # in-store revenue and share
    # I1-I3 (I4, on 20 March, is after the last order); I1 and I2 are timed: 25 minutes at 20 an hour over 2
    assert "3 conversations won 2 orders; the 2 with minutes cost €4.17 each and €8.33 per order won" in text
    assert "Traceback" not in text
    assert "The Book Hub took" not in text
