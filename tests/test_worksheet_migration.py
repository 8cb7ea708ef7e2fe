"""Worksheets saved before schema version 2 still open, with nothing lost.

The files in tests/fixtures/worksheet_v1/ were written by the version-1 code itself (see its README), never by hand.
"""

import json
import shutil
from pathlib import Path

import pytest

from smk_helpers import worksheet as ws
from smk_helpers.worksheet.page import WorksheetPage

V1 = Path(__file__).parent / "fixtures" / "worksheet_v1"
SAVED = V1 / "corner-cafe-co-b-c0ffee01.json"
EXPORTED = V1 / "the-book-hub-answers.json"
RENAMED = {"reach": "impressions", "align_record": "align_crm"}


def old_answers(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema_version"] == 1  # the fixture really is an old file
    return data["answers"]


@pytest.fixture
def folder(worksheet_folder):
    worksheet_folder.mkdir(parents=True)
    shutil.copy(SAVED, worksheet_folder / SAVED.name)
    return worksheet_folder


def test_the_version_moved_on():
    assert ws.SCHEMA_VERSION == 2


def test_an_old_saved_worksheet_loads_with_nothing_lost(folder):
    before = old_answers(SAVED)
    record = ws.load(folder / SAVED.name)
    answers = record["answers"]
    for key, value in before.items():
        assert answers[RENAMED.get(key, key)] == value, key  # the same text, list or score
    assert answers["a_field_from_elsewhere"] == "kept as it is"  # a key no version knows: kept
    assert "reach" not in answers and "align_record" not in answers  # moved, not copied
    # the new questions are blank, never guessed
    new = set(ws.FIELDS_BY_ID) - {RENAMED.get(k, k) for k in before}
    assert new and all(answers[k] in ("", []) for k in new)
    assert (record["id"], record["revision"], record["migrated_from"]) == ("c0ffee01", 2, 1)
    assert any("People reached" in note for note in record["migration_notes"])
    assert (folder / SAVED.name).read_bytes() == SAVED.read_bytes()  # reading changes nothing on disk


def test_the_old_scores_still_count_under_lesson_09s_statements(folder):
    answers = ws.load(folder / SAVED.name)["answers"]
    result = ws.alignment_result(answers)
    # goals 4, handoff "2", record → crm 3, messaging 5, feedback 1: five of eight scored, as before
    assert (result.answered, result.total, result.score) == (5, 8, 3.0)
    assert "Score the rest for a firm result." in result.message


def test_an_old_worksheet_is_saved_in_the_new_version_and_reads_back_the_same(folder):
    record = ws.load(folder / SAVED.name)
    record["answers"]["gross_margin"] = "62"
    saved = ws.save(record, folder=folder)
    assert saved["revision"] == 3 and saved["file"] == SAVED.name
    on_disk = json.loads((folder / SAVED.name).read_text(encoding="utf-8"))
    assert on_disk["schema_version"] == ws.SCHEMA_VERSION
    assert "migrated_from" not in on_disk and "migration_notes" not in on_disk
    again = ws.load(folder / SAVED.name)
    assert again["answers"] == record["answers"] and "migrated_from" not in again
    assert [p.name for p in folder.iterdir()] == [SAVED.name]  # no temporary file left


def test_an_old_worksheet_is_listed_and_opened_by_the_page(folder):
    rows, bad = ws.list_worksheets(folder)
    assert bad == [] and [(r["name"], r["revision"]) for r in rows] == [("Corner Café & Co <b>", 2)]
    page = WorksheetPage()  # continues the latest worksheet: the old one
    assert page.inputs["impressions"].value == "12,500" and page.inputs["visits"].value == "about 300"
    assert page.inputs["align_crm"].value == 3 and page.inputs["align_handoff"].value == 2
    assert "saved by an older version" in page.alert_html.value and "People reached" in page.alert_html.value
    assert "5 of 8 scored" in page.alignment_html.value
    page.inputs["conversations_won"].value = "40"  # the first change saves it in the new version
    on_disk = json.loads((folder / SAVED.name).read_text(encoding="utf-8"))
    assert on_disk["schema_version"] == 2 and on_disk["revision"] == 3
    assert on_disk["answers"]["impressions"] == "12,500" and on_disk["answers"]["conversations_won"] == "40"


def test_an_old_export_is_read_by_the_report(tmp_path):
    """`smk report -p worksheet=...` reads the JSON the page exported before the change."""
    before = old_answers(EXPORTED)
    answers = ws.read_answers(EXPORTED)
    assert answers["impressions"] == before["reach"] and answers["align_crm"] == before["align_record"]
    assert all(answers[RENAMED.get(k, k)] == v for k, v in before.items())
    from smk_helpers.reports.sections import owner_plan

    section = owner_plan(answers, EXPORTED.name)
    assert section.tables["Action plan"].loc["Sales", "owner"] == before["sales_owner"]
    assert "5 of 8 scored" in section.summary


def test_a_newer_or_unknown_version_is_still_refused(worksheet_folder):
    worksheet_folder.mkdir(parents=True)
    data = json.loads(SAVED.read_text(encoding="utf-8"))
    for version in (0, 3, "1", None):
        data["schema_version"] = version
        path = worksheet_folder / SAVED.name
        path.write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(ws.WorksheetFileError, match="it was left as it is"):
            ws.load(path)
        assert json.loads(path.read_text(encoding="utf-8"))["schema_version"] == version


def test_migrate_leaves_a_current_record_alone():
    record = ws.new_record({"impressions": "5"})
    assert ws.migrate(record) is record
    # an old file that somehow has both keys keeps the new one's answer and the old one's is not dropped silently
    both = ws.migrate({"schema_version": 1, "answers": {"reach": "1", "impressions": "2"}})
    assert both["answers"] == {"reach": "1", "impressions": "2"}
