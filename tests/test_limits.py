"""Every limit of smk_helpers.limits: listed in the README, and held exactly at its value (one test at the
limit, one just over it). Limits of sizes are lowered here to the size of a small file, so that the test
reads the real check on a file built in milliseconds."""

import time
import zipfile

import pandas as pd
import pytest

from conftest import REPO
from helpers import business_folder
from smk_helpers import BusinessDataError, limits, load_business
from smk_helpers import worksheet as ws
from smk_helpers.reports import batch as B
from smk_helpers.reports import build as R
from smk_helpers.reports import parameters as P
from smk_helpers.system.staging import STAGING_PREFIX, sweep
from smk_helpers.system.userfiles import UnreadableFile, check_workbook, split_csv

HEADER = "order_id,order_date,customer_id,channel,revenue\n"


def test_the_readme_lists_every_limit_with_its_value():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert limits.markdown() in readme, "run `make data` to write the limits into the README"
    names = {name for name in dir(limits) if name.isupper()}
    assert names == {name for name, _, _ in limits.rows()}, "every limit needs a comment saying what it bounds"


def loads(folder) -> bool:
    try:
        load_business(folder)
    except BusinessDataError:
        return False
    return True


def test_max_table_bytes(tmp_path, monkeypatch):
    text = HEADER + "1,2025-01-01,,shop,5\n"
    folder = business_folder(tmp_path, orders=text)
    monkeypatch.setattr(limits, "MAX_TABLE_BYTES", len(text))
    assert loads(folder)
    monkeypatch.setattr(limits, "MAX_TABLE_BYTES", len(text) - 1)
    with pytest.raises(
        BusinessDataError, match=rf"orders.csv is {len(text)} bytes, more than the {len(text) - 1} bytes"
    ):
        load_business(folder)


def test_max_columns():
    at = ",".join(f"c{i}" for i in range(limits.MAX_COLUMNS)) + "\n" + "1," * (limits.MAX_COLUMNS - 1) + "1\n"
    assert len(split_csv(at, "t.csv").header) == limits.MAX_COLUMNS
    over = ",".join(f"c{i}" for i in range(limits.MAX_COLUMNS + 1)) + "\n"
    with pytest.raises(UnreadableFile, match=r"t.csv, line 1: more than 1,000 cells"):
        split_csv(over, "t.csv")
    wide_row = "a,b\n1,2\n" + "," * limits.MAX_COLUMNS + "\n"  # refused before the reader builds it
    with pytest.raises(UnreadableFile, match=r"t.csv, line 3: more than 1,000 cells"):
        split_csv(wide_row, "t.csv")
    started = time.perf_counter()
    with pytest.raises(UnreadableFile, match=r"t.csv, line 1: more than 1,000 cells"):
        split_csv(",".join(f"c{i}" for i in range(20_000)) + "\n", "t.csv")
    assert time.perf_counter() - started < 60  # a ceiling, not a timing: quadratic checks took 114 s here


def test_max_cell_chars():
    at = split_csv("id,note\n1," + "x" * limits.MAX_CELL_CHARS + "\n", "t.csv")
    assert len(at.rows[0][1]) == limits.MAX_CELL_CHARS
    with pytest.raises(UnreadableFile, match="a cell runs on for more than 131,072 characters"):
        split_csv("id,note\n1," + "x" * (limits.MAX_CELL_CHARS + 1) + "\n", "t.csv")


def small_workbook(tmp_path):
    path = tmp_path / "orders.xlsx"
    pd.DataFrame(
        {"order_id": ["1"], "order_date": ["2025-01-02"], "customer_id": [""], "channel": ["shop"], "revenue": [5]}
    ).to_excel(path, index=False)
    with zipfile.ZipFile(path) as book:
        entries = book.infolist()
    return path, entries


def test_max_xlsx_bytes(tmp_path, monkeypatch):
    path, _ = small_workbook(tmp_path)
    monkeypatch.setattr(limits, "MAX_XLSX_BYTES", path.stat().st_size)
    check_workbook(path)
    monkeypatch.setattr(limits, "MAX_XLSX_BYTES", path.stat().st_size - 1)
    with pytest.raises(UnreadableFile, match="more than the"):
        check_workbook(path)


def test_max_xlsx_unpacked_bytes(tmp_path, monkeypatch):
    path, entries = small_workbook(tmp_path)
    monkeypatch.setattr(limits, "MAX_XLSX_UNPACKED_BYTES", sum(e.file_size for e in entries))
    check_workbook(path)
    monkeypatch.setattr(limits, "MAX_XLSX_UNPACKED_BYTES", sum(e.file_size for e in entries) - 1)
    with pytest.raises(UnreadableFile, match="orders.xlsx unpacks to more than smk reads"):
        check_workbook(path)


def test_max_xlsx_entries(tmp_path, monkeypatch):
    path, entries = small_workbook(tmp_path)
    monkeypatch.setattr(limits, "MAX_XLSX_ENTRIES", len(entries))
    check_workbook(path)
    monkeypatch.setattr(limits, "MAX_XLSX_ENTRIES", len(entries) - 1)
    with pytest.raises(UnreadableFile, match=f"orders.xlsx holds {len(entries)} parts"):
        check_workbook(path)


def test_max_xlsx_ratio(tmp_path, monkeypatch):
    path = tmp_path / "book.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/worksheets/sheet1.xml", b"<row/>" * 400_000)  # 2.4 MB that packs very small
    with zipfile.ZipFile(path) as book:
        [entry] = book.infolist()
    ratio = entry.file_size / entry.compress_size
    monkeypatch.setattr(limits, "MAX_XLSX_RATIO", int(ratio) + 1)
    check_workbook(path)
    monkeypatch.setattr(limits, "MAX_XLSX_RATIO", int(ratio) - 1)
    with pytest.raises(UnreadableFile, match="book.xlsx unpacks to more than smk reads"):
        check_workbook(path)


@pytest.mark.parametrize("at, over", [(limits.EARLIEST_DATE, "1899-12-31"), (limits.LATEST_DATE, "2100-01-01")])
def test_earliest_and_latest_date(tmp_path, at, over):
    assert loads(business_folder(tmp_path / "at", orders=HEADER + f"1,{at},,shop,5\n"))
    assert not loads(business_folder(tmp_path / "over", orders=HEADER + f"1,{over},,shop,5\n"))


def test_max_number(tmp_path):
    assert limits.MAX_NUMBER == 10**12
    assert loads(business_folder(tmp_path / "at", orders=HEADER + "1,2025-01-01,,shop,1000000000000\n"))
    assert not loads(business_folder(tmp_path / "over", orders=HEADER + "1,2025-01-01,,shop,1000000000001\n"))


@pytest.mark.parametrize("gap, warned", [(limits.ISOLATED_ORDER_DAYS, False), (limits.ISOLATED_ORDER_DAYS + 1, True)])
def test_isolated_order_days(tmp_path, gap, warned):
    last = (pd.Timestamp("2025-01-10") + pd.Timedelta(days=gap)).strftime("%Y-%m-%d")
    rows = "".join(f"{i},2025-01-{i:02d},,shop,5\n" for i in range(1, 11)) + f"11,{last},,shop,5\n"
    business = load_business(business_folder(tmp_path, orders=HEADER + rows))
    assert bool(business.warnings) is warned


def test_max_batch_file_bytes(tmp_path, monkeypatch):
    text = "business_name\nNorth\n"
    (tmp_path / "b.csv").write_text(text, encoding="utf-8")
    monkeypatch.setattr(limits, "MAX_BATCH_FILE_BYTES", len(text))
    assert len(B.read_batch(tmp_path / "b.csv", tmp_path / "out")) == 1
    monkeypatch.setattr(limits, "MAX_BATCH_FILE_BYTES", len(text) - 1)
    with pytest.raises(B.BatchError, match="b.csv is 20 bytes, more than the 19 bytes smk reads"):
        B.read_batch(tmp_path / "b.csv", tmp_path / "out")


def test_max_worksheet_file_bytes(tmp_path, monkeypatch):
    saved = ws.save(ws.new_record({"business_name": "Shop"}), folder=tmp_path)
    path = ws.path_of(saved, tmp_path)
    monkeypatch.setattr(limits, "MAX_WORKSHEET_FILE_BYTES", path.stat().st_size)
    assert ws.load(path)["answers"]["business_name"] == "Shop"
    monkeypatch.setattr(limits, "MAX_WORKSHEET_FILE_BYTES", path.stat().st_size - 1)
    with pytest.raises(ws.WorksheetFileError, match="more than the"):
        ws.load(path)


@pytest.mark.parametrize(
    "name, limit",
    [
        ("business_name", limits.MAX_NAME_CHARS),
        ("currency", limits.MAX_CURRENCY_CHARS),
        ("handoff", limits.MAX_NAME_CHARS),
        ("data_dir", limits.MAX_PATH_CHARS),
        ("worksheet", limits.MAX_PATH_CHARS),
    ],
)
def test_max_name_and_path_chars(name, limit):
    assert len(P.check_parameters({name: "x" * limit} if name != "currency" else {name: "€" * limit})[name]) == limit
    with pytest.raises(R.ParameterError, match=f"{name} is {limit + 1:,} characters long; give at most {limit:,}"):
        P.check_parameters({name: "x" * (limit + 1)})


@pytest.mark.parametrize("field, limit", [("business_name", limits.MAX_TEXT), ("what_you_sell", limits.MAX_LONG_TEXT)])
def test_max_text_of_worksheet_answers(field, limit):
    assert ws.validate_field(field, "x" * limit)[1] is None
    assert f"{limit:,}" in ws.validate_field(field, "x" * (limit + 1))[1]


def test_stale_staging_seconds(tmp_path):
    dead = tmp_path / f"{STAGING_PREFIX}4999999-abc"
    dead.mkdir()
    changed = dead.stat().st_mtime
    assert sweep(tmp_path, STAGING_PREFIX, now=changed + limits.STALE_STAGING_SECONDS - 1) == []
    assert sweep(tmp_path, STAGING_PREFIX, now=changed + limits.STALE_STAGING_SECONDS) == [dead]


def test_kernel_idle_seconds_reaches_voila():
    from smk_helpers.worksheet.server import voila_argv

    argv = voila_argv(8866, "t", open_browser=False)
    assert f"--MappingKernelManager.cull_idle_timeout={limits.KERNEL_IDLE_SECONDS}" in argv
    assert "--MappingKernelManager.cull_connected=True" in argv  # an open but unused page counts as unused
    # the behaviour itself: tests/test_worksheet_cli.py::test_pages_left_unused_give_their_kernels_back
