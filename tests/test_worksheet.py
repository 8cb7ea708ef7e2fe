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
    for f in ws.FIELDS:
        assert f.kind in ws.KINDS and f.label and f.guidance, f.id
        assert ws.validate_field(f.id, f.example)[1] is None, f.id  # every example is a valid answer
    assert set(ws.fields_in(2)) >= {ws.FIELDS_BY_ID[k] for k in ("product", "price", "place", "promotion")}


def test_blank_and_example_progress():
    assert ws.progress(ws.blank()) == (0, len(ws.FIELDS))
    assert ws.progress(ws.bookhub_example()) == (len(ws.FIELDS), len(ws.FIELDS))
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
    assert message == 'Visits must be a number, such as 1200; "about 300" is not one.'
    assert ws.validate_field("leads", "-1") == (None, "Leads cannot be negative.")
    assert ws.validate_field("marketing_spend", "-5")[1] == "Marketing spend cannot be negative."
    assert ws.validate_field("orders", "2.5")[1] == "Orders is a count: a whole number, such as 1200."
    assert ws.validate_field("orders", "1,200") == (1200, None)
    assert ws.validate_field("selling_hours", "12.5") == (12.5, None)
    assert ws.validate_field("reach", "") == (None, None)
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
    assert ws.validate_field("align_goals", "6")[1] == "Shared goals is a score from 1 (not true) to 5 (fully true)."
    assert ws.validate_field("align_goals", 3) == (3, None)
    assert (
        ws.validate_field("channels", ["email", "carrier pigeon"])[1]
        == "Channels you use: carrier pigeon is not one of the choices."
    )
    assert ws.validate_field("currency", "€") == ("€", None)
    with pytest.raises(KeyError):
        ws.validate_field("nope", "1")


def test_problems_keep_the_typed_text():
    answers = {**ws.blank(), "reach": "lots"}
    assert set(ws.problems(answers)) == {"reach"}
    assert answers["reach"] == "lots"  # validation never changes the answers


# --- live numbers ----------------------------------------------------------------------------


def test_kpis_by_hand():
    rows = ws.worksheet_kpis(ws.bookhub_example())
    # reach 40,000 → visits 6,000 → leads 300 → new customers 120
    assert kpi(rows, "Visits per person").value == "15.0%"  # 6000 / 40000
    assert kpi(rows, "Leads per visit").value == "5.0%"  # 300 / 6000
    assert kpi(rows, "New customers per lead").value == "40.0%"  # 120 / 300
    assert kpi(rows, "New customers per person reached").value == "0.3%"  # 120 / 40000
    assert kpi(rows, "Average order value").value == "$48.00"  # 37,920 / 790
    assert kpi(rows, "Cost per lead").value == "$2.50"  # 750 / 300
    assert kpi(rows, "Customer acquisition cost (CAC)").value == "$6.25"  # 750 / 120
    assert kpi(rows, "Cost per contact, one-to-many").value == "$0.02"  # 750 / 40000 = 0.01875
    assert kpi(rows, "Cost per contact, one-to-one").value == "$2.26"  # 60 h × 13.56 / 360
    assert all(r.reason is None for r in rows)


def test_kpis_n_a_with_reasons():
    answers = {
        **ws.blank(),
        "reach": "1000",
        "visits": "0",
        "marketing_spend": "100",
        "leads": "abc",
        "revenue": "500",
        "currency": "€",
    }
    rows = ws.worksheet_kpis(answers)
    assert kpi(rows, "Visits per person").value == "0.0%"
    assert (kpi(rows, "Leads per visit").value, kpi(rows, "Leads per visit").reason) == ("n/a", "visits is 0")
    assert kpi(rows, "Cost per lead").reason == "leads is not a valid number"
    assert kpi(rows, "Average order value").reason == "no orders entered"
    assert kpi(rows, "Customer acquisition cost (CAC)").reason == "no new customers entered"
    assert kpi(rows, "Cost per contact, one-to-many").value == "€0.10"
    for row in rows:
        assert (row.value == "n/a") == (row.reason is not None)
        assert "inf" not in row.value and row.value != "0"


def test_one_to_one_uses_the_default_hourly_cost_when_blank():
    rows = ws.worksheet_kpis({**ws.blank(), "selling_hours": "10", "conversations": "60"})
    row = kpi(rows, "Cost per contact, one-to-one")
    assert "default $13.56 an hour" in row.label
    assert row.value == "$2.26"  # 10 h × 13.56 / 60
    rows = ws.worksheet_kpis({**ws.blank(), "selling_hours": "10", "conversations": "0", "hourly_cost": "20"})
    assert kpi(rows, "Cost per contact, one-to-one").reason == "one-to-one conversations is 0"


def test_funnel_table_matches_the_funnel_library():
    table = ws.worksheet_funnel_table(ws.bookhub_example())
    expected = funnel.funnel_table(
        pd.DataFrame(
            {"stage": ["reached", "visits", "leads", "new customers"], "count": [40000.0, 6000.0, 300.0, 120.0]}
        )
    )
    pd.testing.assert_frame_equal(table, expected)
    assert list(table.columns) == funnel.COLUMNS
    blank = ws.worksheet_funnel_table(ws.blank())
    assert len(blank) == 4 and blank["count"].isna().all()


# --- alignment -------------------------------------------------------------------------------


def test_alignment_score_and_weakest():
    answers = {
        **ws.blank(),
        "align_goals": "5",
        "align_handoff": "1",
        "align_record": "4",
        "align_messaging": "2",
        "align_feedback": "5",
    }
    r = ws.alignment_result(answers)
    assert (r.answered, r.total, r.score, r.stage) == (5, 5, 3.4, "aligned")
    assert [(p, s) for p, s, _ in r.weakest] == [("Lead handoff", 1), ("Consistent messaging", 2)]
    assert "brief the sellers" in r.weakest[1][2]


def test_alignment_blank_and_invalid():
    r = ws.alignment_result(ws.blank())
    assert r.stage is None and math.isnan(r.score) and r.weakest == ()
    assert "0 of 5" in r.message
    r = ws.alignment_result({**ws.blank(), "align_goals": "9", "align_record": "2"})
    assert (r.answered, r.score, r.stage) == (1, 2.0, "defined")


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
    data["answers"].update(reach=300, channels="email", what_you_sell={"a": 1}, align_goals=4, leads=None)
    path.write_text(json.dumps(data))
    answers = ws.load(path)["answers"]
    assert (answers["reach"], answers["channels"], answers["what_you_sell"]) == ("300", ["email"], '{"a": 1}')
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
        "shop-12345678.json has worksheet format version 99, but this worksheet reads version 1; it was left as it is."
    )


def test_list_worksheets_reports_bad_files(worksheet_folder):
    assert ws.list_worksheets() == ([], [])
    ws.save(ws.new_record({"business_name": "Shop", "reach": "10"}))
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
    assert "@page" in page and "Cost per lead" in page and "visits is not a valid number" in page
    assert "Lead handoff" in page  # a weakest area


def html_escaped(text):
    import html

    return html.escape(text)


def test_summary_of_blank_worksheet():
    page = ws.summary_html(ws.blank())
    assert "(not answered)" in page and "0 of 40 questions answered" in page


def test_csv_and_json_exports():
    answers = {**ws.bookhub_example(), "objections": '=cmd|"x", "quoted"\nnew line', "marketing_owner": "@sam"}
    frame = pd.read_csv(__import__("io").StringIO(ws.answers_csv(answers)), dtype=str, keep_default_na=False)
    assert list(frame.columns) == ["section", "field", "question", "answer"]
    assert len(frame) == len(ws.FIELDS)
    got = dict(zip(frame["field"], frame["answer"], strict=True))
    assert got["objections"] == "'" + answers["objections"]
    assert got["marketing_owner"] == "'@sam"
    assert got["channels"] == "social media; email; website/SEO; marketplaces; events"
    assert got["align_goals"] == "4 – mostly true"
    data = json.loads(ws.answers_json(answers))
    assert data["schema_version"] == ws.SCHEMA_VERSION and data["answers"] == answers


def test_kpis_come_from_the_library(monkeypatch):
    import functools

    calls = []
    real = kpis.cac
    monkeypatch.setattr(kpis, "cac", functools.wraps(real)(lambda *a: calls.append(a) or real(*a)))
    rows = ws.worksheet_kpis(ws.bookhub_example())
    assert calls == [(750.0, 120.0)]
    cac = kpi(rows, "Customer acquisition cost (CAC)")
    assert cac.formula == "marketing spend / new customers"  # the docstring's words


def test_cost_per_contact_comes_from_the_library(monkeypatch):
    import functools

    calls = []
    real = kpis.cost_per_contact
    monkeypatch.setattr(kpis, "cost_per_contact", functools.wraps(real)(lambda *a: calls.append(a) or real(*a)))
    rows = ws.worksheet_kpis(ws.bookhub_example())
    assert calls == [(750.0, 40000.0), (pytest.approx(60 * 13.56), 360.0)]
    assert kpi(rows, "Cost per contact, one-to-many").formula.startswith("cost / contacts: ")
