"""The worksheet page's wiring, driven without a browser: set a widget's value, click a button, read the disk."""

import base64
import datetime as dt
import html
import json
import re

from helpers import code_cells, markdown_cells, read_notebook, source
from smk_helpers import worksheet as ws
from smk_helpers.worksheet import export as ws_export
from smk_helpers.worksheet.page import WorksheetPage


def on_disk(folder):
    files = sorted(folder.glob("*.json")) if folder.exists() else []
    return [json.loads(p.read_text(encoding="utf-8")) for p in files]


def type_in(page, field_id, value):
    page.inputs[field_id].value = value


def links(page):
    """The download links of the page: file name -> decoded bytes."""
    found = re.findall(r'<a download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', page.download_html.value)
    return {name: base64.b64decode(data) for name, data in found}


def test_a_new_page_writes_nothing_until_an_answer_is_typed(worksheet_folder):
    page = WorksheetPage()
    assert page.folder == worksheet_folder and on_disk(worksheet_folder) == []
    assert "new – it is saved as soon as you type" in page.status_html.value
    type_in(page, "business_name", "Corner Café")
    [saved] = on_disk(worksheet_folder)
    assert saved["answers"]["business_name"] == "Corner Café" and saved["revision"] == 1
    assert (worksheet_folder / f"corner-cafe-{saved['id']}.json").exists()
    assert "all changes saved" in page.status_html.value and "Saved" in page.badge_html.value


def test_every_change_is_saved_as_typed(worksheet_folder):
    page = WorksheetPage()
    type_in(page, "business_name", "Shop")
    type_in(page, "visits", "about 300")
    page.checkboxes["email"].value = True
    page.checkboxes["print"].value = True
    page.inputs["align_goals"].value = 2
    page.inputs["month"].value = dt.date(2025, 3, 1)
    page.inputs["currency"].value = "€"
    [saved] = on_disk(worksheet_folder)
    answers = saved["answers"]
    assert answers["visits"] == "about 300"  # a wrong number is kept, not dropped
    assert answers["channels"] == ["email", "print"]  # in the order of the choices
    assert (answers["align_goals"], answers["month"], answers["currency"]) == (2, "2025-03-01", "€")
    assert saved["revision"] == 7
    assert page.answers == answers


def test_a_wrong_number_shows_a_message_and_only_its_measures_are_n_a(worksheet_folder):
    page = WorksheetPage()
    type_in(page, "visits", "lots")
    type_in(page, "impressions", "-5")
    assert (
        "Website visits must be a number" in page.messages["visits"].value
        and "&quot;lots&quot;" in page.messages["visits"].value
    )
    assert "Impressions cannot be negative." in page.messages["impressions"].value
    assert page.inputs["visits"].value == "lots"  # the field keeps what was typed
    type_in(page, "leads", "20")
    type_in(page, "lead_buyers", "5")
    assert "25.0%" in page.kpi_html.value  # leads who bought per lead still works
    assert "website visits is not a valid number" in page.kpi_html.value
    type_in(page, "visits", "1,000")
    assert page.messages["visits"].value == ""
    assert "2.0%" in page.kpi_html.value  # 20 leads / 1,000 visits


def test_live_numbers_and_funnel_follow_the_typing(worksheet_folder, monkeypatch):
    page = WorksheetPage()
    assert ws.FUNNEL_WAITING in page.funnel_html.value
    drawn = []
    real = ws_export.funnel_drawing
    monkeypatch.setattr(ws_export, "funnel_drawing", lambda answers: drawn.append(1) or real(answers))
    type_in(page, "impressions", "40000")
    type_in(page, "visits", "6000")
    assert page.funnel_html.value.startswith('<figure class="smk-figure"><svg')
    assert 'aria-label="Funnel chart of your funnel for the month: 40,000 impressions' in page.funnel_html.value
    assert "<title>Your funnel for the month</title>" in page.funnel_html.value
    type_in(page, "revenue", "37,920")  # not a funnel count: the chart is not drawn again
    assert len(drawn) == 2
    type_in(page, "leads", "9000")
    assert "is larger than the stage above it" in page.funnel_html.value
    type_in(page, "orders", "790")
    assert "$48.00" in page.kpi_html.value


def test_alignment_result_updates(worksheet_folder):
    page = WorksheetPage()
    assert "0 of 8 scored" in page.alignment_html.value
    for field_id, score in [
        ("align_goals", 5),
        ("align_handoff", 1),
        ("align_crm", 4),
        ("align_messaging", 2),
        ("align_feedback", 5),
    ]:
        page.inputs[field_id].value = score
    assert "Average 3.4 of 5 (5 of 8 scored)" in page.alignment_html.value
    assert "Lead handoff (1)" in page.alignment_html.value


def test_coming_back_continues_the_latest_worksheet(worksheet_folder):
    first = WorksheetPage()
    type_in(first, "business_name", "Older Shop")
    second = WorksheetPage()
    second.start_new()
    type_in(second, "business_name", "Corner Café")
    type_in(second, "objections", "Too dear\nand far")
    second.checkboxes["events"].value = True
    second.inputs["sales_date"].value = dt.date(2025, 4, 1)
    again = WorksheetPage()  # the tab was closed; a new one opens
    assert again.inputs["business_name"].value == "Corner Café"
    assert again.inputs["objections"].value == "Too dear\nand far"
    assert again.checkboxes["events"].value is True and again.checkboxes["email"].value is False
    assert again.inputs["sales_date"].value == dt.date(2025, 4, 1)
    assert [label.split(" – ")[0] for label, _ in again.saved_list.options] == ["Corner Café", "Older Shop"]
    again.open_saved(again.saved_list.options[1][1])
    assert again.inputs["business_name"].value == "Older Shop"


def test_two_tabs_on_one_worksheet_never_overwrite_each_other(worksheet_folder):
    tab1 = WorksheetPage()
    type_in(tab1, "business_name", "Shop")
    tab2 = WorksheetPage()  # opens the same worksheet
    assert tab2.record["id"] == tab1.record["id"]
    type_in(tab1, "visits", "100")
    before = on_disk(worksheet_folder)
    type_in(tab2, "visits", "999")
    assert on_disk(worksheet_folder) == before  # refused
    assert "changed elsewhere" in tab2.alert_html.value and "not saved" in tab2.status_html.value
    assert tab2.reload_button.layout.display is None and tab2.copy_button.layout.display is None
    assert tab2.new_button.disabled and tab2.example_button.disabled
    type_in(tab2, "leads", "5")  # still kept on the page, still not written
    assert on_disk(worksheet_folder) == before and tab2.answers["leads"] == "5"
    tab2.copy_button.click()
    files = on_disk(worksheet_folder)
    assert len(files) == 2
    original = next(f for f in files if f["id"] == tab1.record["id"])
    copy = next(f for f in files if f["id"] != tab1.record["id"])
    assert original["answers"]["visits"] == "100" and copy["answers"]["visits"] == "999"
    assert tab2.record["id"] == copy["id"] and tab2.paused is None and not tab2.new_button.disabled
    type_in(tab2, "leads", "6")
    assert next(f for f in on_disk(worksheet_folder) if f["id"] == copy["id"])["answers"]["leads"] == "6"


def test_after_a_conflict_the_saved_version_can_be_reloaded(worksheet_folder):
    tab1 = WorksheetPage()
    type_in(tab1, "business_name", "Shop")
    tab2 = WorksheetPage()
    type_in(tab1, "visits", "100")
    type_in(tab2, "visits", "999")
    tab2.reload_button.click()
    assert tab2.inputs["visits"].value == "100" and tab2.paused is None
    assert "were dropped" in tab2.alert_html.value
    type_in(tab2, "visits", "101")  # saving works again, on top of the newest revision
    assert on_disk(worksheet_folder)[0]["answers"]["visits"] == "101"


def test_a_corrupt_file_is_reported_and_never_written(worksheet_folder):
    page = WorksheetPage()
    type_in(page, "business_name", "Shop")
    path = worksheet_folder / ws.file_name(page.record)
    path.write_text("{ broken", encoding="utf-8")
    type_in(page, "visits", "10")
    assert path.read_text(encoding="utf-8") == "{ broken"
    assert "could not be read as a worksheet" in page.alert_html.value
    assert page.copy_button.layout.display is None and page.reload_button.layout.display == "none"
    page.copy_button.click()
    assert path.read_text(encoding="utf-8") == "{ broken"
    [copy] = [json.loads(p.read_text(encoding="utf-8")) for p in worksheet_folder.glob("*.json") if p != path]
    assert copy["answers"]["visits"] == "10"
    fresh = WorksheetPage()  # the broken file is listed as unreadable, and left alone
    assert path.name in fresh.files_html.value and fresh.record["id"] == copy["id"]


def test_a_disk_error_pauses_saving_and_can_be_retried(worksheet_folder, monkeypatch):
    page = WorksheetPage()
    type_in(page, "business_name", "Shop")
    real = ws.save

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ws, "save", full)
    type_in(page, "visits", "10")
    assert "could not be saved" in page.alert_html.value and "No space left on device" in page.alert_html.value
    assert page.retry_button.layout.display is None
    monkeypatch.setattr(ws, "save", real)
    page.retry_button.click()
    assert on_disk(worksheet_folder)[0]["answers"]["visits"] == "10" and page.paused is None


def test_the_book_hub_example_is_a_worksheet_of_its_own(worksheet_folder):
    page = WorksheetPage()
    type_in(page, "business_name", "Mine")
    page.example_button.click()
    example = ws.bookhub_example()
    assert page.inputs["business_name"].value == "The Book Hub"
    assert page.inputs["impressions"].value == example["impressions"] and example["impressions"] != ""
    assert page.checkboxes["email"].value and page.inputs["align_handoff"].value == 2
    assert page.inputs["month"].value == dt.date(2025, 3, 1)
    assert page.answers == example
    names = sorted(f["answers"]["business_name"] for f in on_disk(worksheet_folder))
    assert names == ["Mine", "The Book Hub"]
    page.example_button.click()  # unchanged: opened again, not copied
    assert len(on_disk(worksheet_folder)) == 2
    total = len(ws.FIELDS)
    assert f"{total - 1} of {total} questions answered" in page.status_html.value


def test_start_new_keeps_the_old_one(worksheet_folder):
    page = WorksheetPage()
    type_in(page, "business_name", "First")
    page.new_button.click()
    assert page.inputs["business_name"].value == "" and page.on_disk is False
    assert len(on_disk(worksheet_folder)) == 1
    type_in(page, "business_name", "Second")
    assert sorted(f["answers"]["business_name"] for f in on_disk(worksheet_folder)) == ["First", "Second"]


def test_long_text_is_kept_with_a_message(worksheet_folder):
    page = WorksheetPage()
    long = "word " * 500  # 2,500 characters
    type_in(page, "what_you_sell", long)
    assert "please keep it to 2,000" in page.messages["what_you_sell"].value
    assert on_disk(worksheet_folder)[0]["answers"]["what_you_sell"] == long


def test_typed_html_is_shown_as_text(worksheet_folder):
    page = WorksheetPage()
    evil = '<img src=x onerror="alert(1)">'
    type_in(page, "business_name", evil)
    type_in(page, "visits", evil)
    for html_text in (page.status_html.value, page.messages["visits"].value, page.kpi_html.value):
        assert "<img" not in html_text
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page.status_html.value


def test_downloads_hold_the_summary_and_the_answers(worksheet_folder, monkeypatch):
    monkeypatch.setenv("SMK_CHROMIUM", "/nonexistent/chromium")  # the PDF part is tested in the browser tests
    page = WorksheetPage()
    page.example_button.click()
    type_in(page, "objections", "<script>alert(1)</script>")
    page.prepare_button.click()
    files = links(page)
    assert sorted(files) == ["the-book-hub-answers.csv", "the-book-hub-answers.json", "the-book-hub-summary.html"]
    summary = files["the-book-hub-summary.html"].decode("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in summary and "<script>" not in summary
    cac = next(r for r in ws.worksheet_kpis(page.answers) if r.label == "Customer acquisition cost (CAC)")
    assert "Customer acquisition cost (CAC)" in summary and cac.value in summary
    assert json.loads(files["the-book-hub-answers.json"])["answers"] == page.answers
    assert "Chromium could not be started" in page.download_html.value  # why there is no PDF, in words
    type_in(page, "visits", "6,001")
    assert "prepare them again" in page.download_html.value and links(page) == {}


def test_every_question_has_a_visible_label_and_an_example(worksheet_folder):
    page = WorksheetPage()
    for field in ws.FIELDS:
        widget = page.inputs[field.id]
        if field.kind == "multi-choice":
            assert [c.description for c in widget.children] == list(field.options)
            assert field.label in page.rows[field.id].children[0].value
        else:
            assert widget.description == field.label
        helper = page.rows[field.id].children[-2].value
        assert html.escape(field.guidance) in helper and "<summary>Show example" in helper
        example = "; ".join(field.example) if isinstance(field.example, tuple) else str(field.example)
        assert html.escape(example) in helper
        assert html.escape(field.example_source) in helper  # where its number comes from, or why there is none


def test_the_notebook_only_lays_out_the_page(repo):
    nb = read_notebook(repo / "worksheets" / "sales_vs_marketing.ipynb")
    code = [source(c) for c in code_cells(nb)]
    assert code[0].startswith("from smk_helpers.worksheet.page import WorksheetPage")
    assert code[1:] == [f"page.section({n})" for n in range(1, 7)] + ["page.downloads()", "page.report_step()"]
    headings = [line for c in markdown_cells(nb) for line in source(c).splitlines() if line.startswith("## ")]
    assert headings[:6] == [f"## {n}. {title}" for n, title in ws.SECTIONS.items()]
    assert headings[6:] == ["## 7. Print and download", "## 8. Your report"]


def test_an_unexpected_error_is_shown_and_the_answer_still_saved(worksheet_folder, monkeypatch, capsys):
    page = WorksheetPage()

    def broken(answers):
        raise RuntimeError("boom")

    monkeypatch.setattr(ws_export, "worksheet_kpis", broken)
    type_in(page, "impressions", "100")
    assert "Something went wrong (RuntimeError: boom)" in page.alert_html.value
    assert on_disk(worksheet_folder)[0]["answers"]["impressions"] == "100"
    assert "RuntimeError: boom" in capsys.readouterr().err  # the traceback goes to the server's log


def test_a_change_parses_only_the_answer_that_changed(worksheet_folder, monkeypatch):
    """Recomputing after one change stays fast: numbers typed before are not parsed again (nor the data loaded)."""
    from smk_helpers.worksheet import fields

    page = WorksheetPage()
    page.example_button.click()
    parsed = []
    real = fields.parse_numbers
    monkeypatch.setattr(fields, "parse_numbers", lambda raw, *a, **k: parsed.append(raw.iloc[0]) or real(raw, *a, **k))
    type_in(page, "revenue", "31,415.92")
    assert parsed == ["31,415.92"]
    assert "$53.61" in page.kpi_html.value  # 31,415.92 / 586 orders: the numbers did follow
