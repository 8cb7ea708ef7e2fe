"""Damaged and hostile files end in one sentence naming the file, row and column, never in silent loss.

Each input is built here, small: a stray quote, a damaged byte, a zip bomb, an alias bomb, a named pipe,
a loop of links. Anything that could hang runs in a child process with a ceiling, so a regression fails
instead of hanging the suite.
"""

import io
import json
import os
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from conftest import PATIENCE_S
from helpers import business_folder, loader_problems
from smk_helpers import cli, load_business
from smk_helpers import worksheet as ws
from smk_helpers.reports import batch as B

HEADER = "order_id,order_date,customer_id,channel,revenue\n"
SMK = str(Path(sys.executable).with_name("smk"))


def orders(n=199, start=1):
    return "".join(f"{i},2025-01-{1 + i % 28:02d},C{i},shop,10.00\n" for i in range(start, start + n))


def smk(*args, cwd=None):
    """`smk` in a child process, which must answer within the ceiling (a hang fails the test)."""
    return subprocess.run([SMK, *map(str, args)], capture_output=True, text=True, timeout=PATIENCE_S, cwd=cwd)


# ---------------------------------------------------------------------------------------------
# Quotes


def test_a_quote_that_never_closes_is_named_instead_of_swallowing_the_file(tmp_path):
    lines = orders().splitlines(keepends=True)
    lines[3] = '4,2025-01-05,"C4,shop,10.00\n'  # row 5 of the file: the rest would become one cell
    [problem] = loader_problems(business_folder(tmp_path, orders=HEADER + "".join(lines)))
    assert problem.startswith('orders.csv, row 5: a quote (") opens a cell there and never closes')


def test_two_stray_quotes_name_the_rows_they_swallowed(tmp_path):
    lines = orders().splitlines(keepends=True)
    lines[3] = '4,2025-01-05,"C4,shop,10.00\n'
    lines[150] = '151,2025-01-12,C151",shop,10.00\n'
    [problem] = loader_problems(business_folder(tmp_path, orders=HEADER + "".join(lines)))
    assert problem.startswith("orders.csv, column 'customer_id', row 5: a quoted cell runs from line 5 to line 152")


def test_a_note_over_several_lines_in_an_extra_column_is_fine(tmp_path):
    text = HEADER.replace("\n", ",note\n") + '1,2025-01-01,C1,shop,5,"first line\nsecond line"\n2,2025-01-02,,shop,6,\n'
    business = load_business(business_folder(tmp_path, orders=text))
    assert business.orders["note"].tolist()[0] == "first line\nsecond line" and len(business.orders) == 2


def test_a_cell_longer_than_the_field_limit_is_one_sentence(tmp_path):
    folder = business_folder(tmp_path / "shop", orders=HEADER + '1,2025-01-01,"' + "x" * 140_000 + "\n" + orders(5, 2))
    done = smk("validate", folder)
    assert done.returncode == 2 and "Traceback" not in done.stderr + done.stdout
    assert "orders.csv, row 2: a cell runs on for more than 131,072 characters" in done.stdout


# ---------------------------------------------------------------------------------------------
# Text encodings


def test_a_stray_byte_in_a_utf8_file_is_named_not_garbled(tmp_path):
    text = HEADER + "".join(f"{i},2025-01-0{i},Café-{i},shop,5\n" for i in range(1, 8))
    raw = text.encode("utf-8").replace("Café-6".encode(), b"Caf\xe9-6")
    [problem] = loader_problems(business_folder(tmp_path, orders=raw))
    assert problem.startswith("orders.csv, column 'customer_id', row 7: bytes that are not UTF-8 (e.g. 'Caf\\xe9-6')")


def test_a_wholly_windows_1252_file_is_still_read(tmp_path):
    raw = (HEADER + "1,2025-01-02,Café,Librería,5\n").encode("cp1252")
    row = load_business(business_folder(tmp_path, orders=raw)).orders.iloc[0]
    assert (row["customer_id"], row["channel"]) == ("Café", "Librería")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"], ids=["with-its-mark", "without"])
def test_utf16_text_is_read(tmp_path, encoding):
    text = HEADER.replace(",", "\t") + "1\t2025-01-02\tCafé\tshop\t5\n"  # Excel's "Unicode text"
    row = load_business(business_folder(tmp_path, orders=text.encode(encoding))).orders.iloc[0]
    assert (row["customer_id"], row["revenue"]) == ("Café", 5.0)


# ---------------------------------------------------------------------------------------------
# What is in the folder


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="needs a file system that tells letter case apart")
def test_two_files_for_one_table_are_named_not_picked(tmp_path):
    business_folder(tmp_path, {"Orders.csv": HEADER + orders(5)}, orders=HEADER + orders(3))
    [problem] = loader_problems(tmp_path)
    assert problem == (
        f"{tmp_path} has Orders.csv and orders.csv; smk reads one orders file, so keep one of them and "
        "move or rename the other."
    )


@pytest.mark.parametrize(
    "kind, words",
    [("fifo", "is a named pipe (FIFO)"), ("folder", "is a folder"), ("loop", "is a link that leads back to itself")],
)
def test_an_orders_file_that_is_not_a_file_is_named_for_what_it_is(tmp_path, kind, words):
    folder = tmp_path / "shop"
    folder.mkdir()
    target = folder / "orders.csv"
    {"fifo": lambda: os.mkfifo(target), "folder": target.mkdir, "loop": lambda: target.symlink_to(target)}[kind]()
    done = smk("validate", folder)  # a named pipe opened for reading would wait for ever
    assert done.returncode == 2
    assert f"orders.csv {words}, not a table smk can read" in done.stdout


def test_blank_lines_above_the_header_count_in_row_numbers(tmp_path):
    [problem] = loader_problems(
        business_folder(tmp_path, orders="\n\n" + HEADER + "1,2025-01-01,,shop,5\n2,2025-01-01,,shop,x\n")
    )
    assert problem.startswith("orders.csv, column 'revenue', row 5: not a number")


def test_a_workbook_is_named_as_the_workbook(tmp_path):
    pd.DataFrame(
        {
            "order_id": ["1", "1"],
            "order_date": ["2025-01-02"] * 2,
            "customer_id": ["", ""],
            "channel": ["shop"] * 2,
            "revenue": [5, 6],
        }
    ).to_excel(tmp_path / "orders.xlsx", index=False)
    [problem] = loader_problems(tmp_path)
    assert problem.startswith("orders.xlsx, column 'order_id', row 3: an id already used on an earlier row")


# ---------------------------------------------------------------------------------------------
# Workbooks that unpack to far more than they weigh


def workbook_with(sheet_xml: bytes, lie_about_size: int | None = None) -> bytes:
    """A real workbook (from pandas) whose first sheet is replaced by ``sheet_xml``."""
    good = io.BytesIO()
    pd.DataFrame(
        {"order_id": ["1"], "order_date": ["2025-01-02"], "customer_id": [""], "channel": ["shop"], "revenue": [5]}
    ).to_excel(good, index=False)
    out = io.BytesIO()
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = sheet_xml if item.filename == "xl/worksheets/sheet1.xml" else src.read(item)
            dst.writestr(item.filename, data)
    raw = bytearray(out.getvalue())
    if lie_about_size is not None:  # the sheet's local and central headers claim a small size
        for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
            start = 0
            while (start := raw.find(signature, start)) >= 0:
                name_at = start + (30 if signature == b"PK\x03\x04" else 46)
                length = int.from_bytes(raw[start + (26 if signature == b"PK\x03\x04" else 28) :][:2], "little")
                if raw[name_at : name_at + length] == b"xl/worksheets/sheet1.xml":
                    raw[start + offset : start + offset + 4] = lie_about_size.to_bytes(4, "little")
                start += 4
    return bytes(raw)


SHEET = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c t="inlineStr"><is><t>order_id</t></is></c></row>%s</sheetData></worksheet>'
)


def test_a_zip_bomb_workbook_is_refused_before_it_is_parsed(tmp_path):
    rows = b'<row><c t="inlineStr"><is><t>1</t></is></c></row>' * 100_000  # 5 MB of XML, packed to a few KB
    bomb = workbook_with(SHEET % rows)
    assert len(bomb) < 100_000
    [problem] = loader_problems(business_folder(tmp_path, {"orders.xlsx": bomb}))
    assert problem.startswith("orders.xlsx unpacks to more than smk reads")


def test_a_workbook_that_lies_about_its_sizes_is_refused(tmp_path):
    rows = b'<row><c t="inlineStr"><is><t>1</t></is></c></row>' * 1_000
    [problem] = loader_problems(
        business_folder(tmp_path, {"orders.xlsx": workbook_with(SHEET % rows, lie_about_size=100)})
    )
    assert problem.startswith("orders.xlsx could not be read as an Excel workbook (BadZipFile)")


# ---------------------------------------------------------------------------------------------
# Values the contract cannot mean


def test_numbers_beyond_any_real_figure_are_refused_without_warnings(tmp_path):
    text = HEADER + "1,2025-01-01,,shop,1e308\n2,2025-01-02,,shop,1e308\n3,2025-01-03,,shop,1e999\n"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        [problem] = loader_problems(business_folder(tmp_path, orders=text))
    assert problem.startswith("orders.csv, column 'revenue', rows 2, 3 and 4: larger than any real figure")


def test_dates_far_outside_business_years_are_refused(tmp_path):
    [problem] = loader_problems(business_folder(tmp_path, orders=HEADER + orders(3) + "9,9999-12-31,,shop,5\n"))
    assert problem.startswith("orders.csv, column 'order_date', row 5: a date outside 1900 to 2099")


def test_a_lone_order_years_away_gets_a_warning(tmp_path):
    business = load_business(business_folder(tmp_path, orders=HEADER + orders(299) + "300,2042-03-01,,shop,5\n"))
    [warning] = business.warnings
    assert warning.startswith("orders.csv, column 'order_date', row 301: 17 years away from all the other orders")


# ---------------------------------------------------------------------------------------------
# Batch files


def test_a_batch_csv_with_an_unclosed_quote_is_refused(tmp_path):
    business_folder(tmp_path, batch='business_name,gross_margin\n"Good,0.4\nBad,0.5\n')
    with pytest.raises(B.BatchError, match=r"^batch.csv, row 2: a quote \(\"\) opens a cell there and never closes"):
        B.read_batch(tmp_path / "batch.csv", tmp_path / "out")


def test_yaml_aliases_are_refused_before_they_expand(tmp_path):
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    business_folder(tmp_path, {"batch.yaml": laughs + "businesses:\n  - business_name: *i\n"})
    with pytest.raises(B.BatchError, match=r"anchors and aliases \(&, \*\) are not allowed"):
        B.read_batch(tmp_path / "batch.yaml", tmp_path / "out")


@pytest.mark.parametrize(
    "text, words",
    [
        ("businesses:\n  - business_name: " + "[" * 5000 + "]" * 5000 + "\n", "nests lists or maps too deeply"),
        ("businesses:\n  - gross_margin: " + "1" * 5000 + "\n", "holds a value smk cannot read"),
        ("businesses:\n  - business_name: [North, South]\n", "'business_name' must be one plain value"),
    ],
    ids=["deep", "huge-number", "a-list"],
)
def test_yaml_that_is_not_plain_values_gets_a_sentence(tmp_path, text, words):
    business_folder(tmp_path, {"batch.yaml": text})
    with pytest.raises(B.BatchError, match=words):
        B.read_batch(tmp_path / "batch.yaml", tmp_path / "out")


def test_a_named_pipe_as_batch_file_is_named_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "batch.csv")
    done = smk("report", "--batch", tmp_path / "batch.csv")
    assert done.returncode == 2
    assert (
        done.stderr.strip() == "smk: batch.csv is a named pipe (FIFO), not a batch file smk can read; put the batch "
        "file itself there."
    )


# ---------------------------------------------------------------------------------------------
# Worksheet files


@pytest.mark.parametrize(
    "content, words",
    [
        ("[" * 100_000, "nests too deeply to be a worksheet file"),
        ('{"answers": {}, "schema_version": ' + "9" * 5000 + "}", "holds a number too long to read"),
    ],
    ids=["deep", "huge-number"],
)
def test_a_worksheet_file_nesting_too_deep_or_holding_huge_numbers(tmp_path, content, words):
    path = tmp_path / "shop-0a1b2c3d.json"
    path.write_text(content, encoding="utf-8")
    rows, bad = ws.list_worksheets(tmp_path)
    assert rows == [] and len(bad) == 1 and words in bad[0]
    with pytest.raises(ws.WorksheetFileError, match=words):  # the reason, not only "not a worksheet"
        ws.read_answers(path)


def test_a_named_pipe_in_the_worksheet_folder_is_reported_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "shop-0a1b2c3d.json")
    code = "import sys; from smk_helpers import worksheet as ws; print(ws.list_worksheets(sys.argv[1])[1])"
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=PATIENCE_S
    )
    assert "shop-0a1b2c3d.json is a named pipe (FIFO)" in done.stdout, done.stderr


def test_a_worksheet_parameter_that_is_a_folder_says_so(tmp_path, capsys):
    assert cli.main(["report", "-p", f"worksheet={tmp_path}", "--out", str(tmp_path / "out")]) == 2
    assert f"The worksheet file {tmp_path} is a folder" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# The worksheet page's upload reads files as the loader does


def test_the_page_upload_names_an_unclosed_quote(tmp_path):
    from smk_helpers.worksheet.uploads import check_uploads

    lines = orders().splitlines(keepends=True)
    lines[3] = '4,2025-01-05,"C4,shop,10.00\n'
    business, said = check_uploads(business_folder(tmp_path, orders=HEADER + "".join(lines)), "Shop")
    assert business is None
    assert said == [
        'orders.csv, row 5: a quote (") opens a cell there and never closes, so every row after it would '
        "be lost; remove the stray quote, or close it."
    ]


def test_every_sentence_is_json_safe(tmp_path):
    """Messages carry damaged bytes only as \\x.. escapes, so they print and serialise anywhere."""
    raw = (HEADER + "1,2025-01-01,Café,shop,5\n").encode("utf-8") + b"2,2025-01-02,Caf\xe9,shop,5\n"
    [problem] = loader_problems(business_folder(tmp_path, orders=raw))
    assert json.loads(json.dumps(problem)) == problem and problem.encode("utf-8")


# ---------------------------------------------------------------------------------------------
# What a careful reader of the code tried next (review of 2026-12-06)


def test_windows_1252_with_two_letters_that_look_like_utf8_is_still_read(tmp_path):
    """In cp1252, É followed by ’ is the byte pair C9 92, which is also valid UTF-8 (one letter)."""
    text = HEADER + "1,2025-01-02,CAFÉ’S,shop,5\n2,2025-01-03,Crème,shop,6\n3,2025-01-04,Brûlée,shop,7\n"
    ids = load_business(business_folder(tmp_path, orders=text.encode("cp1252"))).orders["customer_id"].tolist()
    assert ids == ["CAFÉ’S", "Crème", "Brûlée"]


def test_a_note_in_prose_over_several_lines_is_fine(tmp_path):
    text = (
        HEADER.replace("\n", ",note\n") + '1,2025-01-01,C1,shop,5,"Called back, left message, no answer, try '
        'again, Fri, 3pm\nthen emailed"\n2,2025-01-02,,shop,6,\n'
    )
    assert load_business(business_folder(tmp_path, orders=text)).orders["note"].iloc[0].endswith("then emailed")


def test_a_note_that_swallowed_rows_is_named(tmp_path):
    lines = (
        [HEADER.replace("\n", ",note\n"), '1,2025-01-01,C1,shop,5,"see below\n']
        + [f"{i},2025-01-0{i},C{i},shop,5,\n" for i in range(2, 6)]
        + ['6,2025-01-06,C6,shop,5,end"\n']
    )
    [problem] = loader_problems(business_folder(tmp_path, orders="".join(lines)))
    assert problem.startswith("orders.csv, column 'note', row 2: a quoted cell runs from line 2 to line 7")


def test_a_space_after_the_closing_quote_of_the_last_row_is_fine(tmp_path):
    text = HEADER.replace("\n", ",note\n") + '1,2025-01-01,C1,shop,5,"two\nlines" \n'
    assert load_business(business_folder(tmp_path, orders=text)).orders["note"].tolist() == ["two\nlines"]


def test_a_last_row_whose_quote_never_closes_is_named_even_on_one_line(tmp_path):
    [problem] = loader_problems(
        business_folder(tmp_path, orders=HEADER + '1,2025-01-01,C1,shop,5\n2,2025-01-01,"C2,shop,6')
    )
    assert problem.startswith('orders.csv, row 3: a quote (") opens a cell there and never closes')


def test_a_batch_cell_ending_in_a_line_break_is_no_traceback(tmp_path):
    business_folder(tmp_path, batch='business_name,gross_margin\n"North\n",0.4\n')
    [job] = B.read_batch(tmp_path / "batch.csv", tmp_path / "out")
    assert job.values["business_name"] == "North"


def test_damaged_bytes_in_the_header_are_named_and_never_crash_the_output(tmp_path):
    raw = "order_id,order_date,customer_id,channel,revenue,café\n1,2025-01-01,Café,shop,5,x\n".encode()
    raw = raw.replace(b"revenue", b"reven\xfce")
    folder = business_folder(tmp_path / "shop", orders=raw)
    done = subprocess.run(
        [SMK, "validate", str(folder)],
        capture_output=True,
        text=True,
        timeout=PATIENCE_S,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "orders.csv, its header: bytes that are not UTF-8 (e.g. 'reven\\xfce')" in done.stdout
