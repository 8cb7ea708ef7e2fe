"""Step 8 of the worksheet page, "Your report", driven without a browser: upload files, read the messages, click.

Uploads are given to the FileUpload widget as its value, as the browser sends them; the report is the real
`report.make_report`, as `smk report` makes it.
"""

import base64
import datetime as dt
import html
import re
from pathlib import Path

import pytest

from smk_helpers import worksheet as ws
from smk_helpers.reports import build as report
from smk_helpers.worksheet import uploads
from smk_helpers.worksheet.page import WorksheetPage

HANDCALC = Path(__file__).parent / "fixtures" / "handcalc"
HOSTILE = "<script>alert(1)</script>"


def good_files():
    return [(p.name, p.read_bytes()) for p in sorted(HANDCALC.glob("*.csv"))]


def bad_orders():
    text = (HANDCALC / "orders.csv").read_text(encoding="utf-8").splitlines()
    cells = text[3].split(",")
    cells[4] = "abc"  # revenue of the third order, on spreadsheet row 4
    text[3] = ",".join(cells)
    return [("orders.csv", ("\n".join(text) + "\n").encode("utf-8"))]


def upload(page, files):
    """Set the FileUpload's value as ipywidgets 8 holds an upload from the browser."""
    now = dt.datetime.now(dt.UTC)
    page.upload.value = tuple(
        {"name": name, "type": "text/csv", "size": len(data), "content": memoryview(data), "last_modified": now}
        for name, data in files
    )


def report_links(page):
    found = re.findall(r'<a download="([^"]+)" href="data:([^;]+);base64,([^"]+)"', page.report_html.value)
    return {name: (mime, base64.b64decode(data)) for name, mime, data in found}


def test_good_files_show_what_was_loaded_and_enable_the_report(worksheet_folder):
    page = WorksheetPage()
    page.inputs["business_name"].value = HOSTILE
    assert page.report_button.disabled and page.upload_html.value == ""
    upload(page, good_files())
    shown = page.upload_html.value
    assert "Your files are fine." in shown
    assert html.escape("Loaded <script>alert(1)</script>: 6 orders from 5 January 2025 to 15 March 2025") in shown
    assert "<script>" not in shown
    assert not page.report_button.disabled
    assert sorted(p.name for p in page.upload_dir.iterdir()) == [p.name for p in sorted(HANDCALC.glob("*.csv"))]


def test_the_loaders_warnings_are_shown(worksheet_folder):
    page = WorksheetPage()
    interactions = b"interaction_id,date,staff,type,outcome,order_id\nI1,2025-01-05,Ann,call,won,NOPE\n"
    upload(page, [*(f for f in good_files() if f[0] != "interactions.csv"), ("interactions.csv", interactions)])
    assert (
        "Warning: interactions.csv, column &#x27;order_id&#x27;, row 2: the order is not in orders.csv"
        in page.upload_html.value
    )
    assert not page.report_button.disabled


def test_a_bad_orders_file_shows_the_loaders_message_and_no_report(worksheet_folder):
    page = WorksheetPage()
    upload(page, bad_orders())
    shown = page.upload_html.value
    assert "orders.csv, column &#x27;revenue&#x27;, row 4: not a number (&#x27;abc&#x27;)" in shown
    assert "Your files are fine" not in shown and page.report_button.disabled
    page.report_button.click()  # a disabled button in the browser; here it still says what to do
    assert "Choose your files above first" in page.report_html.value and report_links(page) == {}


def test_a_missing_orders_file_is_named_in_plain_words(worksheet_folder):
    page = WorksheetPage()
    upload(page, [("campaigns.csv", (HANDCALC / "campaigns.csv").read_bytes())])
    assert "Your upload has no orders.csv" in page.upload_html.value
    assert str(page.upload_dir) not in page.upload_html.value and page.report_button.disabled


def test_slash_dates_can_be_read_with_the_choice_on_the_page(worksheet_folder):
    page = WorksheetPage()
    upload(page, [("orders.csv", b"order_id,order_date,customer_id,channel,revenue\n1,14/03/2025,C1,web,10\n")])
    assert "a slash date" in page.upload_html.value and "Dates like 03/04/2025" in page.upload_html.value
    page.dayfirst.value = "day"
    assert "1 order from 14 March 2025 to 14 March 2025" in page.upload_html.value
    assert (
        report.check_parameters(uploads.report_values(page.answers, page.upload_dir, dayfirst=True))["dayfirst"] is True
    )


def test_wrongly_named_files_get_a_message_and_are_not_written(worksheet_folder):
    page = WorksheetPage()
    upload(page, [*good_files(), ("sales.csv", b"a,b\n1,2\n"), ("../../evil.xlsx", b"x"), ("Orders.xlsx", b"PK")])
    shown = page.upload_html.value
    assert (
        "sales.csv is not one of the files smk reads: orders, campaigns, funnel, interactions, targets, "
        "touchpoints or survey, each .csv or .xlsx; rename it or leave it out."
    ) in shown
    assert "../../evil.xlsx is not one of the files smk reads" in shown
    assert "Orders.xlsx was left out: orders.csv is read as the orders file" in shown
    assert "Your files are fine." in shown
    assert sorted(p.name for p in page.upload_dir.iterdir()) == sorted(name for name, _ in good_files())
    assert not (page.upload_dir.parent.parent / "evil.xlsx").exists()


def test_upload_names_map_to_the_contract_only(tmp_path):
    names = ("ORDERS.CSV", "Funnel.Xlsx", "C:\\Users\\me\\targets.csv", "a/b/../campaigns.csv")
    assert [uploads.upload_name(n) for n in names] == ["orders.csv", "funnel.xlsx", "targets.csv", "campaigns.csv"]
    for name in ("orders.txt", "orders", ".csv", "..", "orders.csv.exe", "my orders.csv", "", "/"):
        assert uploads.upload_name(name) is None, name
    left_out = uploads.write_uploads([("orders.xlsx", b"1"), ("ORDERS.csv", b"2"), ("orders.csv", b"3")], tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["orders.csv"] and (tmp_path / "orders.csv").read_bytes() == b"2"
    assert left_out == [
        "orders.xlsx was left out: ORDERS.csv is read as the orders file; choose only one orders file.",
        "orders.csv was left out: ORDERS.csv is read as the orders file; choose only one orders file.",
    ]


def test_an_excel_workbook_is_read(worksheet_folder, tmp_path):
    import pandas as pd

    book = tmp_path / "orders.xlsx"
    orders = pd.read_csv(HANDCALC / "orders.csv", dtype=str, keep_default_na=False)
    orders.drop(columns="campaign_id").to_excel(book, index=False)
    page = WorksheetPage()
    upload(page, [("Orders.XLSX", book.read_bytes())])
    assert "Loaded your business: 6 orders from 5 January 2025" in page.upload_html.value
    assert [p.name for p in page.upload_dir.iterdir()] == ["orders.xlsx"] and not page.report_button.disabled


def test_a_new_upload_replaces_the_last_one_and_never_lands_in_the_worksheet_folder(worksheet_folder, repo):
    page = WorksheetPage()
    upload(page, good_files())
    first = page.upload_dir
    upload(page, bad_orders())
    assert not first.exists() and page.upload_dir != first
    assert [p.name for p in page.upload_dir.iterdir()] == ["orders.csv"] and page.report_button.disabled
    for place in (worksheet_folder, repo, Path.home()):
        assert place.resolve() not in page.upload_dir.resolve().parents
    upload(page, [])  # the widget cleared: nothing changes
    assert page.upload_dir.exists()


@pytest.mark.slow
def test_make_my_report_gives_the_report_of_smk_report(worksheet_folder):
    page = WorksheetPage()
    page.inputs["business_name"].value = HOSTILE
    page.inputs["currency"].value = "€"
    page.inputs["sales_goal"].value = "Grow repeat sales & more"
    upload(page, good_files())
    shown = []
    page.report_html.observe(lambda change: shown.append(change["new"]), names="value")
    page.report_button.click()
    assert "Making your report…" in shown[0]  # shown while the report is made
    files = report_links(page)
    assert sorted(files) == ["metrics.json", "report.html"]
    mime, page_bytes = files["report.html"]
    assert mime == "text/html" and page.report_html.value.count('download="report.html"') == 1
    text = page_bytes.decode("utf-8")
    assert html.escape(HOSTILE) in text and "<script>alert(1)" not in text
    assert "Grow repeat sales &amp; more" in text  # the worksheet's goals are in the report
    assert "€" in text
    assert not page.report_button.disabled and "goals and action plan saved in this worksheet" in page.report_html.value
    # changing an answer afterwards keeps the report, with a note
    page.inputs["sales_goal"].value = "Something else"
    assert "Your answers changed after this report was made" in page.report_html.value and report_links(page)


def test_a_failed_report_shows_its_message_and_leaves_the_worksheet_alone(worksheet_folder, monkeypatch):
    page = WorksheetPage()
    page.inputs["business_name"].value = "Corner Shop"
    upload(page, good_files())
    saved = ws.path_of(page.record, worksheet_folder)
    before = saved.read_bytes()

    def fails(values, out=None, formats=()):
        assert values["worksheet"] == str(saved) and formats == ("html",)
        raise report.ReportError("The report notebook stopped at cell 3 (<oops>); nothing was written.")

    monkeypatch.setattr(report, "make_report", fails)
    page.report_button.click()
    assert "The report could not be made:" in page.report_html.value
    assert "stopped at cell 3 (&lt;oops&gt;)" in page.report_html.value and "Traceback" not in page.report_html.value
    assert not page.report_button.disabled and report_links(page) == {}
    assert saved.read_bytes() == before and len(list(worksheet_folder.glob("*.json"))) == 1
    upload(page, bad_orders())  # a failed check does not touch it either
    assert saved.read_bytes() == before


def test_the_loaders_problems_at_report_time_are_shown_one_a_line(worksheet_folder, monkeypatch):
    from smk_helpers.core.data import BusinessDataError

    page = WorksheetPage()
    upload(page, good_files())

    def fails(values, out=None, formats=()):
        raise BusinessDataError(["orders.csv, column 'revenue', row 2: not a number ('x').", "second problem."])

    monkeypatch.setattr(report, "make_report", fails)
    page.report_button.click()
    assert page.report_html.value.count('<li class="problem">') == 2


def test_an_unsaved_worksheet_makes_a_report_without_goals(worksheet_folder, monkeypatch):
    page = WorksheetPage()
    upload(page, good_files())
    made = []

    class Result:
        files, seconds = [], 1.0

    monkeypatch.setattr(report, "make_report", lambda values, out=None, formats=(): made.append(values) or Result())
    page.report_button.click()
    assert made == [{"data_dir": str(page.upload_dir), "business_name": "Your business"}]
    assert "not saved yet, so the report has no goals" in page.report_html.value
    assert list(worksheet_folder.glob("*.json")) == []  # making a report saved nothing
