"""Every limit smk sets on what users give it and on what it leaves behind, in one place.

A limit is a promise to the user: a small file never takes minutes or gigabytes, and a broken
one ends in one sentence. Each is a constant below, with what it bounds in its comment; the
README's table of limits is made from them (`markdown`, run by ``make data``), and a test at the
limit and one just over it stand for each.
"""

from __future__ import annotations

# Business tables (smk_helpers.system.userfiles, smk_helpers.core.data)
MAX_TABLE_BYTES = 1024**3  # the size of one CSV file of a business folder (about 15 million orders)
MAX_COLUMNS = 1_000  # columns in the header of a table
MAX_CELL_CHARS = 131_072  # characters in one cell of a CSV file (Python's own default)
MAX_XLSX_BYTES = 100 * 1024**2  # the size of an Excel workbook as stored
MAX_XLSX_UNPACKED_BYTES = 200 * 1024**2  # what all the parts of a workbook may unpack to
MAX_XLSX_RATIO = 100  # times its packed size that one part of a workbook may unpack to, beyond its first MB
MAX_XLSX_ENTRIES = 1_000  # parts (files) inside a workbook

# What the contract accepts as plausible (smk_helpers.core.data)
EARLIEST_DATE = "1900-01-01"  # the earliest date in a table; an earlier one is refused (check the year)
LATEST_DATE = "2099-12-31"  # the latest date in a table; a later one is refused
MAX_NUMBER = 10**12  # the largest amount or count; a larger one is refused (a lost decimal separator?)
ISOLATED_ORDER_DAYS = 366  # days between a few orders and all the others that earn a warning (a typo in the year?)

# Other files from users
MAX_BATCH_FILE_BYTES = 1024**2  # the size of a batch file (YAML or CSV)
MAX_WORKSHEET_FILE_BYTES = 5 * 1024**2  # the size of a saved or exported worksheet (.json)
MAX_PROGRESS_FILE_BYTES = 1024**2  # the size of a student's progress file (progress.json in their workspace)

# Text typed by users
MAX_NAME_CHARS = 200  # characters in a business name or funnel stage given to a report
MAX_CURRENCY_CHARS = 5  # characters in the currency symbol given to a report ($, €, CHF, US$)
MAX_PATH_CHARS = 4096  # characters in a folder or file name given to a report
MAX_TEXT = 200  # characters in a one-line answer of the worksheet (longer is kept, with a message)
MAX_LONG_TEXT = 2000  # characters in a long answer of the worksheet (longer is kept, with a message)

# What smk leaves running or behind
STALE_STAGING_SECONDS = 3600  # age at which the next run sweeps a staging folder whose process has ended
KERNEL_IDLE_SECONDS = 3600  # idle time after which the worksheet page's kernel is shut down (smk worksheet --idle)
STOP_GRACE_SECONDS = 60  # time a stopped batch gives its running reports to clean up before it ends their workers


def rows() -> list[tuple[str, str, str]]:
    """(name, value as people read it, what it bounds) for every limit, in the order of this module.

    Examples
    --------
    >>> rows()[0]
    ('MAX_TABLE_BYTES', '1 GB', 'the size of one CSV file of a business folder (about 15 million orders)')
    """
    import inspect
    import re

    source = inspect.getsource(inspect.getmodule(rows))
    found = []
    for name, comment in re.findall(r"^([A-Z][A-Z_]+) = .+?  # (.+)$", source, re.M):
        found.append((name, _shown(name, globals()[name]), comment))
    return found


def size_text(n: int) -> str:
    """A size in bytes as people say it.

    Examples
    --------
    >>> size_text(512), size_text(2_500_000), size_text(3 * 1024 ** 3), size_text(MAX_TABLE_BYTES)
    ('512 bytes', '2.4 MB', '3 GB', '1 GB')
    """
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def _shown(name: str, value) -> str:
    if name.endswith("_BYTES"):
        return size_text(value)
    if name.endswith("_SECONDS"):
        return f"{value:,} s"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def markdown() -> str:
    """The README's table of limits."""
    lines = ["| limit | value | what it bounds |", "|---|---|---|"]
    lines += [f"| `{name}` | {value} | {what} |" for name, value, what in rows()]
    return "\n".join(lines)
