"""The worksheet page as an owner uses it: `make worksheet`'s command, Voilà, and a real headless chromium.

Answers go to a temporary worksheet folder; the page is found by its labels, as a screen reader finds it.
"""

import json
import re
import socket
import subprocess
import time

import pytest

from conftest import PATIENCE_S, make_command, new_page, stop
from helpers import free_port

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SAVED = re.compile(r"^Saved")
HANDOFF = "A lead that is ready reaches the right person quickly, and none get lost"  # lesson 09's statement


@pytest.fixture
def worksheet_server(tmp_path):
    """`make worksheet` on a free port, saving into a temporary folder; yields (url, folder)."""
    folder = tmp_path / "answers"
    cmd = make_command("worksheet") + ["--no-browser", f"--port={free_port()}", f"--folder={folder}"]
    log = tmp_path / "worksheet.log"  # a file, not a pipe: a pipe nobody reads fills up and stalls the server
    with open(log, "wb") as sink:
        proc = subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.PIPE, stderr=sink, text=True)
    first = proc.stdout.readline()
    match = re.search(r"open (http://127\.0\.0\.1:\d+/\?token=\w+)", first)
    assert match, first + log.read_text(encoding="utf-8", errors="replace")
    url = match.group(1)
    port = int(re.search(r":(\d+)/", url).group(1))
    deadline = time.monotonic() + PATIENCE_S
    while True:  # listening yet? (a page request would start a kernel for nothing)
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(
                    "the worksheet server did not start: " + log.read_text(encoding="utf-8", errors="replace")
                ) from None
            time.sleep(0.3)
    yield url, folder
    stop(proc)


def open_page(browser, url):
    page = new_page(browser, viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.responses = []
    page.on("response", lambda r: page.responses.append(r.url))
    page.goto(url)
    page.get_by_role("textbox", name="Business name").wait_for()
    return page


def badge(page):
    return page.locator(".smk-ws-badge")


def wait_saved(page, answered=None):
    from smk_helpers import worksheet as ws

    text = f"Saved.* · {answered} of {len(ws.FIELDS)} answered" if answered is not None else "Saved"
    page.locator(".smk-ws-badge", has_text=re.compile(text)).wait_for()


def saved_files(folder):
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def test_fill_in_autosave_reload_and_download(browser, worksheet_server):
    url, folder = worksheet_server
    page = open_page(browser, url)
    assert "Editing" in page.locator(".smk-ws-status").inner_text()
    shown = page.locator("body").inner_text()  # no code shows: only text and widgets
    assert "After an hour without use this page goes to sleep" in shown  # and what to do then
    assert not any(code in shown for code in ("WorksheetPage", "page.section", "import "))
    assert page.locator(".jp-InputPrompt, .jp-CodeMirrorEditor, .cm-editor").count() == 0
    hostile = "<script>alert('x')</script> & Co"
    page.get_by_role("textbox", name="Business name").fill(hostile)
    page.get_by_role("textbox", name="What you sell").fill("Books, cards\nand coffee")
    page.get_by_role("checkbox", name="email").check()
    page.get_by_role("textbox", name="Times your marketing was seen (impressions, emails sent)").fill("40,000")
    page.get_by_role("textbox", name="Website visits").fill("lots")
    page.get_by_role("combobox", name=HANDOFF).select_option(label="2 – rarely true")
    page.get_by_label("Sales action: date").fill("2025-04-01")
    # the wrong number: an inline message, the field keeps it, the rest keeps working
    page.get_by_role("alert").filter(has_text="Website visits must be a number").wait_for()
    assert page.get_by_role("textbox", name="Website visits").input_value() == "lots"
    page.locator(".smk-ws-out td", has_text="website visits is not a valid number").first.wait_for()
    wait_saved(page, answered=7)

    [saved] = saved_files(folder)
    answers = saved["answers"]
    assert answers["business_name"] == hostile and answers["what_you_sell"] == "Books, cards\nand coffee"
    assert (answers["channels"], answers["impressions"], answers["visits"]) == (["email"], "40,000", "lots")
    assert (answers["align_handoff"], answers["sales_date"]) == (2, "2025-04-01")

    # typed HTML is text on the page, never markup, never run
    assert hostile in page.locator(".smk-ws-status").inner_text()
    assert page.locator(".smk-ws-status script").count() == 0 and page.dialogs == []

    # close the tab, come back: everything is there
    page.close()
    page = open_page(browser, url)
    assert page.get_by_role("textbox", name="Business name").input_value() == hostile
    assert page.get_by_role("textbox", name="What you sell").input_value() == "Books, cards\nand coffee"
    assert page.get_by_role("checkbox", name="email").is_checked()
    assert page.get_by_role("textbox", name="Website visits").input_value() == "lots"
    assert page.get_by_role("combobox", name=HANDOFF).input_value() != ""
    assert page.get_by_label("Sales action: date").input_value() == "2025-04-01"

    # the printable summary and the answers, downloaded from the page
    page.get_by_role("button", name="Prepare the summary and downloads").click()
    link = page.get_by_role("link", name="Printable summary (HTML)")
    link.wait_for()
    with page.expect_download() as info:
        link.click()
    summary = open(info.value.path(), encoding="utf-8").read()
    assert info.value.suggested_filename == "script-alert-x-script-co-summary.html"
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; Co" in summary and "<script>" not in summary
    assert "Books, cards\nand coffee" in summary and "website visits is not a valid number" in summary
    with page.expect_download() as info:
        page.get_by_role("link", name="Printable summary (PDF)").click()
    assert open(info.value.path(), "rb").read(5) == b"%PDF-"
    with page.expect_download() as info:
        page.get_by_role("link", name="Answers (CSV, for a spreadsheet)").click()
    assert "business_name" in open(info.value.path(), encoding="utf-8").read()

    # nothing was loaded from anywhere but this machine
    assert page.responses and all(u.startswith(("http://127.0.0.1:", "data:", "blob:")) for u in page.responses)
    assert page.dialogs == []
    page.close()


def test_two_tabs_on_one_worksheet(browser, worksheet_server):
    url, folder = worksheet_server
    tab1 = open_page(browser, url)
    tab1.get_by_role("textbox", name="Business name").fill("Corner Shop")
    wait_saved(tab1, answered=1)
    tab2 = open_page(browser, url)  # opens the latest worksheet: the same one
    assert tab2.get_by_role("textbox", name="Business name").input_value() == "Corner Shop"
    tab1.get_by_role("textbox", name="Leads", exact=True).fill("12")
    wait_saved(tab1, answered=2)
    tab2.get_by_role("textbox", name="Orders", exact=True).fill("30")
    tab2.get_by_role("alert").filter(has_text="changed elsewhere").wait_for()
    tab2.locator(".smk-ws-badge", has_text="Not saved").wait_for()
    [only] = saved_files(folder)
    assert only["answers"]["leads"] == "12" and only["answers"]["orders"] == ""  # tab 2 overwrote nothing
    tab2.get_by_role("button", name="Save mine as a copy").click()
    tab2.get_by_role("alert").filter(has_text="saved as a new worksheet").wait_for()
    files = saved_files(folder)
    assert sorted((f["answers"]["leads"], f["answers"]["orders"]) for f in files) == [("", "30"), ("12", "")]
    tab1.close()
    tab2.close()


def test_every_input_is_reached_with_the_keyboard(browser, worksheet_server):
    from smk_helpers import worksheet as ws

    url, _ = worksheet_server
    page = open_page(browser, url)
    page.get_by_role("textbox", name="Business name").focus()
    reached = set()
    for _ in range(400):
        label = page.evaluate(
            """() => { const e = document.activeElement;
            return (e.labels && e.labels.length ? e.labels[0].innerText : e.innerText """
            """|| e.getAttribute('aria-label') || '').trim(); }"""
        )
        label = " ".join(label.split())
        reached.add(label)
        if label == "Prepare the summary and downloads":
            break
        page.keyboard.press("Tab")
    wanted = {f.label for f in ws.FIELDS if f.kind != "multi-choice"} | set(ws.FIELDS_BY_ID["channels"].options)
    assert wanted <= reached, wanted - reached
    assert {f"Show example for {f.label}" for f in ws.FIELDS} <= reached  # the example toggles too
    page.close()


def test_the_page_prints_without_its_buttons(browser, worksheet_server):
    url, _ = worksheet_server
    page = open_page(browser, url)
    page.emulate_media(media="print")
    assert page.locator(".smk-ws-bar").first.is_hidden() and page.locator(".smk-ws-badge").is_hidden()
    assert page.get_by_role("textbox", name="Business name").is_visible()
    page.close()


@pytest.mark.parametrize("paper, width_mm", [("A4", 210), ("Letter", 215.9)])
def test_the_summary_fits_the_paper(browser, tmp_path, paper, width_mm):
    """In print, nothing in the summary is wider than the paper less its 15 mm margins."""
    from smk_helpers import worksheet as ws

    answers = {**ws.bookhub_example(), "objections": "x" * 2000, "shared_owner": "Somebody-With-A-Very-Long-Name" * 4}
    path = tmp_path / "summary.html"
    path.write_text(ws.summary_html(answers), encoding="utf-8")
    page = new_page(browser, viewport={"width": round((width_mm - 30) / 25.4 * 96), "height": 1000})
    page.emulate_media(media="print")
    page.goto(path.as_uri())
    overflow = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert overflow[0] <= overflow[1], overflow
    assert page.locator("figure svg").evaluate(  # the funnel, drawn in SVG
        "svg => svg.getBoundingClientRect().width > 300 && svg.getBoundingClientRect().right <= innerWidth"
    )
    pdf = page.pdf(format=paper, margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"})
    assert pdf[:5] == b"%PDF-"
    page.close()


def test_upload_files_and_make_the_report(browser, worksheet_server, tmp_path, repo):
    """Step 8: choose the business files, read the checks, make the report, download it."""
    import base64
    import shutil

    url, folder = worksheet_server
    mine = tmp_path / "my files"
    mine.mkdir()
    for source in sorted((repo / "tests" / "fixtures" / "handcalc").glob("*.csv")):
        shutil.copy(source, mine / source.name.capitalize())  # Orders.csv, Campaigns.csv, …
    (mine / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    hostile = "Corner <b>Shop</b> & Co"
    page = open_page(browser, url)
    page.get_by_role("textbox", name="Business name").fill(hostile)
    page.get_by_role("textbox", name="Sales goal").fill("More repeat buyers")
    wait_saved(page, answered=2)
    [before] = [p.read_bytes() for p in folder.glob("*.json")]

    button = page.get_by_role("button", name="Make my report")
    assert button.is_disabled()
    # ipywidgets keeps its file input out of the page and clicks it from the button (whose name starts with
    # an icon's glyph): take the file chooser that opens
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=re.compile("Choose your files")).click()
    chooser.value.set_files(sorted(mine.iterdir()))
    page.get_by_text("Your files are fine.").wait_for()
    shown = page.locator(".smk-ws-out", has_text="Your files are fine.").inner_text()
    assert f"Loaded {hostile}: 6 orders from 5 January 2025 to 15 March 2025" in shown
    assert "notes.csv is not one of the files smk reads" in shown

    started = time.monotonic()
    button.click()
    page.get_by_text("Making your report…").wait_for()
    assert button.is_disabled()
    link = page.get_by_role("link", name=re.compile("^Your report"))
    link.wait_for()
    took = time.monotonic() - started
    href = link.get_attribute("href")
    assert href.startswith("data:text/html;base64,") and link.get_attribute("download") == "report.html"
    report = base64.b64decode(href.split(",", 1)[1]).decode("utf-8")
    assert "Corner &lt;b&gt;Shop&lt;/b&gt; &amp; Co" in report and "<b>Shop</b>" not in report
    assert "More repeat buyers" in report
    with page.expect_download() as info:
        link.click()
    assert info.value.suggested_filename == "report.html"
    assert (
        page.get_by_role("link", name=re.compile("metrics.json"))
        .get_attribute("href")
        .startswith("data:application/json;base64,")
    )
    assert not button.is_disabled() and page.dialogs == []
    assert [p.read_bytes() for p in folder.glob("*.json")] == [before]  # the report changed no answer
    print(f"report made in the browser in {took:.1f} s")
    page.close()
