"""The worksheet's pure-Python core: model, validation, live numbers, scoring, files and summary."""

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from conftest import PATIENCE_S
from smk_helpers import worksheet as ws
from smk_helpers.core import funnel, kpis


def kpi(rows, start):
    [row] = [r for r in rows if r.label.startswith(start)]
    return row


# --- model -----------------------------------------------------------------------------------


def test_every_field_is_complete_and_unique():
    ids = [f.id for f in ws.FIELDS]
    assert len(ids) == len(set(ids))
    assert {f.section for f in ws.FIELDS} == set(ws.SECTIONS) == {1, 2, 3, 4, 5, 6}
    assert len({f.label for f in ws.FIELDS}) == len(ws.FIELDS)  # the page finds a question by its label
    for f in ws.FIELDS:
        assert f.kind in ws.KINDS and f.label and f.guidance, f.id
        assert ws.validate_field(f.id, f.example)[1] is None, f.id  # every example is a valid answer
        assert f.example not in ("", [], ()) or f.example_source, f.id  # or it says why there is none
    assert set(ws.fields_in(2)) >= {ws.FIELDS_BY_ID[k] for k in ("product", "price", "place", "promotion")}
    # each side says who does its work, for how long, and how it will measure success
    for section, side in ((2, "marketing"), (3, "sales")):
        ids = {f.id for f in ws.fields_in(section)}
        assert {f"{side}_who", f"{side}_hours", f"{side}_measure"} <= ids


def test_blank_and_example_progress():
    assert ws.progress(ws.blank()) == (0, len(ws.FIELDS))
    # every question but one: the Book Hub's files do not record the hours its marketing takes
    assert ws.progress(ws.bookhub_example()) == (len(ws.FIELDS) - 1, len(ws.FIELDS))
    assert [k for k, v in ws.bookhub_example().items() if v in ("", [])] == ["marketing_hours"]
    assert ws.progress({"business_name": "  "}) == (0, len(ws.FIELDS))
    # each call gives a fresh dict: changing one does not change the next
    a = ws.bookhub_example()
    a["channels"].append("print")
    assert "print" not in ws.bookhub_example()["channels"]


# --- validation ------------------------------------------------------------------------------


@pytest.mark.parametrize("raw, value", [("1,234.50", 1234.5), ("$1,234.50", 1234.5), ("0", 0.0), (" 12 ", 12.0)])
def test_money_accepts_formatted_amounts(raw, value):
    assert ws.validate_field("revenue", raw) == (value, None)


def test_number_messages_name_the_field():
    value, message = ws.validate_field("visits", "about 300")
    assert value is None
    assert message == 'Website visits must be a number, such as 1200; "about 300" is not one.'
    assert ws.validate_field("leads", "-1") == (None, "Leads cannot be negative.")
    assert ws.validate_field("marketing_spend", "-5")[1] == "Marketing spend cannot be negative."
    assert ws.validate_field("orders", "2.5")[1] == "Orders is a count: a whole number, such as 1200."
    assert ws.validate_field("orders", "1,200") == (1200, None)
    assert ws.validate_field("selling_hours", "12.5") == (12.5, None)
    assert ws.validate_field("impressions", "") == (None, None)
    # a decimal comma is refused, never read as thousands, and the message shows the fix
    assert (
        ws.validate_field("revenue", "1.234,50")[1]
        == 'Revenue must be a number, such as 1,234.50; "1.234,50" is not one (write decimals with a point: 1234.50).'
    )
    assert ws.validate_field("selling_hours", "12,5")[1].endswith("(write decimals with a point: 12.5).")


def test_text_limit_and_other_kinds():
    long = "x" * (ws.MAX_LONG_TEXT + 1)
    assert ws.validate_field("what_you_sell", "x" * ws.MAX_LONG_TEXT)[1] is None
    assert (
        ws.validate_field("what_you_sell", long)[1]
        == "What you sell is 2,001 characters long; please keep it to 2,000."
    )
    assert ws.validate_field("business_name", "y" * 201)[1].startswith("Business name is 201 characters long")
    assert ws.validate_field("month", "31/03/2025")[1].startswith("First day of the month must be a date")
    assert (
        ws.validate_field("align_goals", "6")[1]
        == 'Score "Sales and marketing work towards the same targets, set together" from 1 (not true) to 5 '
        "(fully true)."
    )
    assert ws.validate_field("align_goals", 3) == (3, None)
    assert (
        ws.validate_field("channels", ["email", "carrier pigeon"])[1]
        == "Channels you use: carrier pigeon is not one of the choices."
    )
    assert ws.validate_field("currency", "€") == ("€", None)
    with pytest.raises(KeyError):
        ws.validate_field("nope", "1")


def test_problems_keep_the_typed_text():
    answers = {**ws.blank(), "impressions": "lots"}
    assert set(ws.problems(answers)) == {"impressions"}
    assert answers["impressions"] == "lots"  # validation never changes the answers


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("45", (0.45, None)),
        ("45%", (0.45, None)),
        (" 46.6 % ", (0.466, None)),
        ("0", (0.0, None)),
        ("100", (1.0, None)),
        ("101", (None, "Gross margin is a percentage from 0 to 100, such as 45.")),
        ("0.45", (None, "Gross margin is a percentage: type 45 for 45%, not 0.45.")),
        ("-5", (None, "Gross margin cannot be negative.")),
        ("half", (None, 'Gross margin must be a number, such as 45; "half" is not one.')),
    ],
)
def test_a_percentage_is_typed_as_a_percent_and_read_as_a_fraction(raw, expected):
    assert ws.validate_field("gross_margin", raw) == expected


# --- live numbers ----------------------------------------------------------------------------


# A month typed by hand, to check every live number with a calculator
MONTH = {
    **ws.blank(),
    "impressions": "40,000",
    "visits": "6,000",
    "leads": "300",
    "lead_buyers": "120",
    "customers": "150",
    "orders": "790",
    "revenue": "37,920",
    "gross_margin": "45",
    "marketing_spend": "750",
    "attributed_orders": "30",
    "attributed_revenue": "2,400",
    "selling_hours": "60",
    "hourly_cost": "13.56",
    "conversations": "360",
    "conversations_won": "270",
    "customers_12m": "2,000",
    "repeat_customers": "500",
}


def test_kpis_by_hand():
    rows = ws.worksheet_kpis(MONTH)
    # impressions 40,000 → website visits 6,000 → leads 300 → leads who bought 120
    assert kpi(rows, "Website visits per impression").value == "15.0%"  # 6000 / 40000
    assert kpi(rows, "Leads per website visit").value == "5.0%"  # 300 / 6000
    assert kpi(rows, "Leads who bought, per lead").value == "40.0%"  # 120 / 300
    assert kpi(rows, "Leads who bought per impression").value == "0.3%"  # 120 / 40000
    assert kpi(rows, "Average order value").value == "$48.00"  # 37,920 / 790
    assert kpi(rows, "Marketing spend / revenue").value == "2.0%"  # 750 / 37,920 = 1.98%
    assert kpi(rows, "Cost per lead").value == "$2.50"  # 750 / 300
    assert kpi(rows, "Customer acquisition cost (CAC)").value == "$5.00"  # 750 / 150
    assert kpi(rows, "ROAS").value == "3.20x"  # 2,400 / 750
    assert kpi(rows, "Break-even ROAS").value == "2.22x"  # 1 / 0.45
    assert kpi(rows, "Marketing ROI").value == "44.0%"  # (2,400 × 0.45 − 750) / 750 = 330 / 750
    assert kpi(rows, "Cost per contact, one-to-many").value == "$0.02"  # 750 / 40000 = 0.01875
    assert kpi(rows, "Cost per contact, one-to-one").value == "$2.26"  # 60 h × 13.56 / 360
    assert kpi(rows, "Cost per order, one-to-many").value == "$25.00"  # 750 / 30
    assert kpi(rows, "Cost per order, one-to-one").value == "$3.01"  # 60 h × 13.56 / 270 = 3.013
    assert kpi(rows, "Win rate").value == "75.0%"  # 270 / (270 + 90)
    assert kpi(rows, "Repeat purchase rate").value == "25.0%"  # 500 / 2,000
    assert all(r.reason is None for r in rows)


def test_benchmarks_sit_beside_the_live_numbers_with_their_source():
    from smk_helpers.core import benchmarks

    rows = ws.worksheet_kpis(MONTH)
    for label, key, verdict in [
        ("Average order value", "average_order_value", "yours is close"),  # $48 against about $48
        ("Marketing spend / revenue", "marketing_share", "yours is within"),  # 2.0% in 1–3%
        ("Repeat purchase rate", "repeat_purchase_rate", "yours is close"),  # 25% against about 28%
    ]:
        row, mark = kpi(rows, label), benchmarks.by_key(key)
        assert mark.source in row.compare and mark.range_text() in row.compare
        assert row.verdict == verdict
    low = ws.worksheet_kpis({**MONTH, "marketing_spend": "3,000"})  # 7.9% of revenue
    assert kpi(low, "Marketing spend / revenue").verdict == "yours is above"
    # ROAS is read against the owner's own break-even, not a benchmark
    roas = kpi(rows, "ROAS")
    assert (roas.compare, roas.verdict) == ("your break-even ROAS, 2.22x", "above break-even")
    thin = kpi(ws.worksheet_kpis({**MONTH, "gross_margin": "20"}), "ROAS")  # break-even 5.00x
    assert thin.verdict == "below break-even"
    # a benchmark in dollars gets no verdict for a business counting in euros
    assert kpi(ws.worksheet_kpis({**MONTH, "currency": "€"}), "Average order value").verdict == ""
    # the gross margin's own benchmark is printed with the question
    margin = benchmarks.by_key("gross_margin")
    assert margin.source in ws.FIELDS_BY_ID["gross_margin"].guidance
    # the summary and the page show them
    table = ws.kpi_table_html(MONTH)
    assert "compare with" in table and benchmarks.by_key("repeat_purchase_rate").source in table


def test_kpis_n_a_with_reasons():
    answers = {
        **ws.blank(),
        "impressions": "1000",
        "visits": "0",
        "marketing_spend": "100",
        "leads": "abc",
        "revenue": "500",
        "currency": "€",
        "gross_margin": "0",
        "attributed_revenue": "300",
        "conversations": "10",
        "conversations_won": "12",
        "customers_12m": "50",
        "repeat_customers": "60",
    }
    rows = ws.worksheet_kpis(answers)
    assert kpi(rows, "Website visits per impression").value == "0.0%"
    assert (kpi(rows, "Leads per website visit").value, kpi(rows, "Leads per website visit").reason) == (
        "n/a",
        "website visits is 0",
    )
    assert kpi(rows, "Cost per lead").reason == "leads is not a valid number"
    assert kpi(rows, "Average order value").reason == "no orders entered"
    assert kpi(rows, "Customer acquisition cost (CAC)").reason == "no new customers entered"
    assert kpi(rows, "Cost per contact, one-to-many").value == "€0.10"
    assert kpi(rows, "Break-even ROAS").reason == "gross margin is 0"
    assert kpi(rows, "ROAS").value == "3.00x" and kpi(rows, "ROAS").verdict == ""  # no break-even to compare
    assert kpi(rows, "Cost per order, one-to-many").reason == "no orders your marketing brought entered"
    # a part larger than its whole is a typing slip, not a rate above 100%
    assert kpi(rows, "Win rate").reason == "conversations won (12) is more than one-to-one conversations (10)"
    assert (
        kpi(rows, "Repeat purchase rate").reason
        == "repeat customers (60) is more than customers in the last 12 months (50)"
    )
    for row in rows:
        assert (row.value == "n/a") == (row.reason is not None)
        assert "inf" not in row.value and row.value != "0"


def test_new_customers_per_lead_is_gone():
    """The funnel ends with the leads who bought: a new customer who walked in was never a lead."""
    labels = [r.label for r in ws.worksheet_kpis(MONTH)]
    assert not any("new customers per" in label.lower() for label in labels)
    assert [stage for _, stage in ws.STAGES] == ["impressions", "website visits", "leads", "leads who bought"]
    # one vocabulary: impressions are never called people, and visits are website visits
    for f in ws.fields_in(4):
        assert "people reached" not in (f.label + f.guidance).lower()
    assert "not people" in ws.FIELDS_BY_ID["impressions"].guidance
    assert "walk into your shop" in ws.FIELDS_BY_ID["visits"].guidance
    assert ws.FIELDS_BY_ID["impressions"].label == "Times your marketing was seen (impressions, emails sent)"


def test_one_to_one_uses_the_default_hourly_cost_when_blank():
    rows = ws.worksheet_kpis({**ws.blank(), "selling_hours": "10", "conversations": "60", "conversations_won": "40"})
    row = kpi(rows, "Cost per contact, one-to-one")
    assert "default $13.56 an hour" in row.label
    assert row.value == "$2.26"  # 10 h × 13.56 / 60
    assert kpi(rows, "Cost per order, one-to-one").value == "$3.39"  # 10 h × 13.56 / 40
    rows = ws.worksheet_kpis({**ws.blank(), "selling_hours": "10", "conversations": "60", "hourly_cost": "x"})
    assert kpi(rows, "Cost per contact, one-to-one").reason == "hourly cost is not a valid number"
    rows = ws.worksheet_kpis({**ws.blank(), "selling_hours": "10", "conversations": "0", "hourly_cost": "20"})
    assert kpi(rows, "Cost per contact, one-to-one").reason == "one-to-one conversations is 0"


def test_funnel_table_matches_the_funnel_library():
    table = ws.worksheet_funnel_table(MONTH)
    expected = funnel.funnel_table(
        pd.DataFrame(
            {
                "stage": ["impressions", "website visits", "leads", "leads who bought"],
                "count": [40000.0, 6000.0, 300.0, 120.0],
            }
        )
    )
    pd.testing.assert_frame_equal(table, expected)
    assert list(table.columns) == funnel.COLUMNS
    blank = ws.worksheet_funnel_table(ws.blank())
    assert len(blank) == 4 and blank["count"].isna().all()


# --- alignment -------------------------------------------------------------------------------


def test_section_5_asks_lesson_09s_statements():
    """One instrument: the statements, their order and their words are lesson 09's, defined once."""
    from smk_helpers.course.alignment import STATEMENTS

    asked = ws.fields_in(5)
    assert [f.id for f in asked] == [f"align_{s.key}" for s in STATEMENTS]
    assert [f.label for f in asked] == [s.text.rstrip(".") for s in STATEMENTS]
    assert all(f.kind == "score" for f in asked) and ws.SCALE == {
        1: "not true",
        2: "rarely true",
        3: "partly true",
        4: "mostly true",
        5: "fully true",
    }


@pytest.mark.parametrize(
    "scores",
    [[4, 2, 2, 3, 4, 1, 1, 2], [5, 1, 4, 2, 5, 3, 3, 4], [1, 1, 1, 1, 1, 1, 1, 1], [3, 3, 3, 3, 3, 3, 3, 3], [4, 5]],
)
def test_the_worksheet_and_lesson_09_give_the_same_result(scores):
    from smk_helpers.course.alignment import STATEMENTS, assess_alignment

    answers = {**ws.blank(), **{f"align_{s.key}": str(v) for s, v in zip(STATEMENTS, scores, strict=False)}}
    r, lesson = ws.alignment_result(answers), assess_alignment(scores)
    assert (r.answered, r.total, r.stage) == (lesson.answered, lesson.total, lesson.stage.name)
    assert r.score == lesson.mean and r.advice == lesson.stage.advice
    assert tuple(f"{practice}: {tip}" for practice, _, tip in r.weakest) == lesson.focus


def test_alignment_score_and_weakest():
    answers = {
        **ws.blank(),
        "align_goals": "5",
        "align_lead_definition": "4",
        "align_handoff": "1",
        "align_crm": "4",
        "align_messaging": "2",
        "align_feedback": "5",
        "align_act_on_feedback": "4",
        "align_metrics": "3",
    }
    r = ws.alignment_result(answers)
    assert (r.answered, r.total, r.score, r.stage) == (8, 8, 3.5, "aligned")
    assert [(p, s) for p, s, _ in r.weakest] == [("lead handoff", 1), ("consistent messaging", 2)]
    assert "brief the sellers" in r.weakest[1][2]
    assert r.message.startswith("Average 3.5 of 5 (8 of 8 scored): stage aligned. Next step: Share the scoreboard")
    assert "Lead handoff (1): name who follows up" in r.message


def test_alignment_blank_and_invalid():
    r = ws.alignment_result(ws.blank())
    assert r.stage is None and math.isnan(r.score) and r.weakest == ()
    assert "0 of 8" in r.message
    r = ws.alignment_result({**ws.blank(), "align_goals": "9", "align_crm": "2"})
    assert (r.answered, r.score, r.stage) == (1, 2.0, "defined")
    assert "Score the rest for a firm result." in r.message
    r = ws.alignment_result({**ws.blank(), "align_goals": "4", "align_crm": "5"})
    assert r.weakest == ()  # nothing below 4 to start with, as in the lesson


# --- files -----------------------------------------------------------------------------------


def test_worksheet_dir(worksheet_folder, monkeypatch):
    assert ws.worksheet_dir() == worksheet_folder
    monkeypatch.delenv("SMK_WORKSHEET_DIR")
    assert ws.worksheet_dir() == Path.home() / "smk-worksheets"


def test_save_load_round_trip_leaves_no_temp_files(worksheet_folder):
    saved = ws.save(ws.new_record(ws.bookhub_example()))
    path = ws.path_of(saved)
    assert path.parent == worksheet_folder
    assert [p.name for p in worksheet_folder.iterdir()] == [path.name]
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema_version"] == ws.SCHEMA_VERSION and data["revision"] == 1
    again = ws.load(path)
    assert again["answers"] == ws.bookhub_example()
    again["answers"]["visits"] = "not sure"  # a wrong number is saved as typed
    ws.save(again)
    assert ws.load(path)["answers"]["visits"] == "not sure"
    assert ws.load(path)["revision"] == 2
    assert [p.name for p in worksheet_folder.iterdir()] == [path.name]


@pytest.mark.parametrize("name", ["../../x", "/etc/passwd", "..", "a/b\\c", "CON", "\x00", "é" * 300])
def test_file_names_are_safe(worksheet_folder, name):
    saved = ws.save(ws.new_record({"business_name": name}))
    path = ws.path_of(saved)
    assert path.parent == worksheet_folder and path.exists()
    assert ws.load(path)["answers"]["business_name"] == name


def test_two_businesses_with_one_name_and_renaming(worksheet_folder):
    a = ws.save(ws.new_record({"business_name": "Corner Café"}))
    b = ws.save(ws.new_record({"business_name": "Corner Café"}))
    assert a["file"] != b["file"] and a["file"].startswith("corner-cafe-") and b["file"].startswith("corner-cafe-")
    a["answers"]["business_name"] = "Other Name"
    a = ws.save(a)
    # the file follows the name; the id stays, and the old file is gone
    assert a["file"] == f"other-name-{a['id']}.json"
    assert sorted(p.name for p in worksheet_folder.iterdir()) == sorted([a["file"], b["file"]])
    rows, bad = ws.list_worksheets()
    assert sorted(r["name"] for r in rows) == ["Corner Café", "Other Name"] and bad == []


def test_a_rename_in_another_tab_is_still_a_conflict(worksheet_folder):
    tab1 = ws.save(ws.new_record({"business_name": "Shop"}))
    tab2 = dict(tab1)
    tab1 = ws.save({**tab1, "answers": {**tab1["answers"], "business_name": "Shop Two"}})
    with pytest.raises(ws.ConflictError):
        ws.save(tab2)  # its old file name no longer exists, but its id does
    assert [p.name for p in worksheet_folder.iterdir()] == [tab1["file"]]
    assert ws.reload(tab2)["answers"]["business_name"] == "Shop Two"


def test_a_rename_cut_off_half_way_is_tidied(worksheet_folder):
    rec = ws.save(ws.new_record({"business_name": "Shop"}))
    newer = ws.save({**rec, "answers": {**rec["answers"], "business_name": "New Name"}})
    # as if the old file's removal had never happened
    old = worksheet_folder / rec["file"]
    old.write_text(json.dumps(rec), encoding="utf-8")
    rows, _ = ws.list_worksheets()
    assert [(r["name"], r["revision"]) for r in rows] == [("New Name", 2)]
    assert ws.reload(rec)["revision"] == 2
    ws.save(newer)
    assert not old.exists()


def test_hand_edited_values_become_text(worksheet_folder):
    rec = ws.save(ws.new_record({"business_name": "Shop"}))
    path = ws.path_of(rec)
    data = json.loads(path.read_text())
    data["answers"].update(impressions=300, channels="email", what_you_sell={"a": 1}, align_goals=4, leads=None)
    path.write_text(json.dumps(data))
    answers = ws.load(path)["answers"]
    assert (answers["impressions"], answers["channels"], answers["what_you_sell"]) == ("300", ["email"], '{"a": 1}')
    assert (answers["align_goals"], answers["leads"]) == (4, "")


def test_a_file_whose_id_does_not_match_its_name_is_refused(worksheet_folder):
    rec = ws.save(ws.new_record({"business_name": "Shop"}))
    other = worksheet_folder / "shop-00000000.json"
    other.write_bytes(ws.path_of(rec).read_bytes())
    with pytest.raises(ws.WorksheetFileError, match="does not carry the id"):
        ws.load(other)


def test_a_save_waits_for_the_folder_lock(worksheet_folder):
    """Another kernel's save blocks while this process holds the lock, so check and write are one step."""
    import multiprocessing as mp

    rec = ws.save(ws.new_record({"business_name": "Shop"}))
    before = ws.path_of(rec).read_bytes()
    ctx = mp.get_context("spawn")
    started, done = ctx.Event(), ctx.Event()
    with ws._folder_lock(worksheet_folder):
        child = ctx.Process(target=_save_in_child, args=(rec, str(worksheet_folder), started, done))
        child.start()
        assert started.wait(PATIENCE_S)
        assert not done.wait(0.5)  # still waiting for the lock
        assert ws.path_of(rec).read_bytes() == before
    child.join(PATIENCE_S)
    assert child.exitcode == 0 and done.is_set()
    assert ws.reload(rec)["revision"] == 2


def _save_in_child(record, folder, started, done):
    started.set()
    ws.save({**record, "answers": {**record["answers"], "visits": "7"}}, folder=folder)
    done.set()


def test_revision_conflict(worksheet_folder):
    tab1 = ws.save(ws.new_record({"business_name": "Shop"}))
    tab2 = dict(tab1)
    tab1 = ws.save(tab1, expected_revision=tab1["revision"])
    before = ws.path_of(tab1).read_bytes()
    with pytest.raises(ws.ConflictError, match="Reload it to see those changes, or save yours as a copy"):
        ws.save(tab2, expected_revision=tab2["revision"])
    assert ws.path_of(tab1).read_bytes() == before
    copy = ws.save_as_copy(tab2)
    assert copy["file"] != tab1["file"] and copy["revision"] == 1
    assert ws.load(ws.path_of(tab1))["revision"] == 2


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe\x00", b"[]", b'{"answers": {}}', b'{"schema_version": 99, "revision": 1, "answers": {}}'],
)
def test_bad_files_raise_and_stay_untouched(worksheet_folder, content):
    rec = ws.new_record({"business_name": "Shop"})
    path = ws.path_of(rec)
    worksheet_folder.mkdir(parents=True)
    path.write_bytes(content)
    with pytest.raises(ws.WorksheetFileError, match="it was left as it is"):
        ws.load(path)
    with pytest.raises(ws.WorksheetFileError):
        ws.save(rec)
    assert path.read_bytes() == content
    assert [p.name for p in worksheet_folder.iterdir()] == [path.name]


def test_unknown_version_message(worksheet_folder):
    worksheet_folder.mkdir(parents=True)
    path = worksheet_folder / "shop-12345678.json"
    path.write_text('{"schema_version": 99, "revision": 1, "answers": {}}')
    with pytest.raises(ws.WorksheetFileError) as info:
        ws.load(path)
    assert str(info.value) == (
        "shop-12345678.json has worksheet format version 99, but this worksheet reads versions 1 and 2; it was left "
        "as it is."
    )


def test_list_worksheets_reports_bad_files(worksheet_folder):
    assert ws.list_worksheets() == ([], [])
    ws.save(ws.new_record({"business_name": "Shop", "impressions": "10"}))
    (worksheet_folder / "bad.json").write_text("oops")
    rows, bad = ws.list_worksheets()
    assert [(r["name"], r["answered"], r["total"]) for r in rows] == [("Shop", 2, len(ws.FIELDS))]
    assert bad == [
        "bad.json is not valid JSON (line 1: Expecting value), so it could not be read as a worksheet; "
        "it was left as it is."
    ]
    assert (worksheet_folder / "bad.json").read_text() == "oops"


@pytest.mark.parametrize("ident", ["../escape", "", None, "0A1B2C3D", "0a1b2c3d/.."])
def test_record_id_is_checked(worksheet_folder, ident):
    rec = ws.new_record()
    rec["id"] = ident
    with pytest.raises(ValueError, match="is not a worksheet id"):
        ws.save(rec)
    assert not worksheet_folder.exists()


# --- summary and exports ---------------------------------------------------------------------


def test_summary_escapes_everything_typed():
    evil = '<script>alert("x")</script>'
    answers = {
        **ws.bookhub_example(),
        "business_name": evil,
        "objections": evil,
        "shared_owner": evil,
        "visits": "<b>9</b>",
    }
    page = ws.summary_html(answers)
    assert "<script>" not in page and "<b>9</b>" not in page
    assert html_escaped(evil) in page
    for heading in ws.SECTIONS.values():
        assert html_escaped(heading) in page
    assert "@page" in page and "Cost per lead" in page and "website visits is not a valid number" in page
    assert "Lead handoff (2)" in page  # a weakest area
    for group in {f.group for f in ws.fields_in(4)} - {""}:
        assert f"<h3>{html_escaped(group)}</h3>" in page


def html_escaped(text):
    import html

    return html.escape(text)


def test_summary_of_blank_worksheet():
    page = ws.summary_html(ws.blank())
    assert "(not answered)" in page and f"0 of {len(ws.FIELDS)} questions answered" in page


def test_csv_and_json_exports():
    answers = {**ws.bookhub_example(), "objections": '=cmd|"x", "quoted"\nnew line', "marketing_owner": "@sam"}
    frame = pd.read_csv(__import__("io").StringIO(ws.answers_csv(answers)), dtype=str, keep_default_na=False)
    assert list(frame.columns) == ["section", "field", "question", "answer"]
    assert len(frame) == len(ws.FIELDS)
    got = dict(zip(frame["field"], frame["answer"], strict=True))
    assert got["objections"] == "'" + answers["objections"]
    assert got["marketing_owner"] == "'@sam"
    assert got["channels"] == "; ".join(answers["channels"])
    assert got["align_messaging"] == "4 – mostly true"
    data = json.loads(ws.answers_json(answers))
    assert data["schema_version"] == ws.SCHEMA_VERSION and data["answers"] == answers


def test_kpis_come_from_the_library(monkeypatch):
    import functools

    calls = []
    real = kpis.cac
    monkeypatch.setattr(kpis, "cac", functools.wraps(real)(lambda *a: calls.append(a) or real(*a)))
    rows = ws.worksheet_kpis(MONTH)
    assert calls == [(750.0, 150.0)]
    cac = kpi(rows, "Customer acquisition cost (CAC)")
    assert cac.formula.startswith("marketing spend / new customers")  # the docstring's words


def test_cost_per_contact_comes_from_the_library(monkeypatch):
    import functools

    calls = []
    real = kpis.cost_per_contact
    monkeypatch.setattr(kpis, "cost_per_contact", functools.wraps(real)(lambda *a: calls.append(a) or real(*a)))
    rows = ws.worksheet_kpis(MONTH)
    assert calls == [(750.0, 40000.0), (pytest.approx(60 * 13.56), 360.0)]
    assert kpi(rows, "Cost per contact, one-to-many").formula.startswith("cost / contacts: ")


def test_the_owners_comparisons_come_from_the_library(monkeypatch):
    """ROAS, break-even, ROI, win rate and spend share: one home per formula, in `core.kpis`."""
    import functools

    calls = {}
    for name in ("roas", "break_even_roas", "marketing_roi", "win_rate", "spend_share"):
        real = getattr(kpis, name)
        spy = functools.wraps(real)(lambda *a, _name=name, _real=real: calls.setdefault(_name, a) and _real(*a))
        monkeypatch.setattr(kpis, name, spy)
    ws.worksheet_kpis(MONTH)
    assert calls == {
        "spend_share": (750.0, 37920.0),
        "roas": (2400.0, 750.0),
        "break_even_roas": (0.45,),
        "marketing_roi": (pytest.approx(2400 * 0.45), 750.0),  # the attributed orders' gross profit
        "win_rate": (270.0, 90.0),
    }


def test_the_blank_worksheet_has_every_question_and_the_stages():
    page = ws.blank_worksheet_html()
    for f in ws.FIELDS:
        if f.section != 6:
            assert html_escaped(f.label) in page, f.id
    assert "below 2 undefined, 2 to below 3 defined, 3 to below 4 aligned, 4 or more integrated" in page
    assert "Break-even ROAS" in page and "Cost per order, one-to-one" in page
    assert "Womply card data" in page  # what to compare with, on paper too
