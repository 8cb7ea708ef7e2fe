"""Opening files that users give smk: one safe way for business tables, batch files and worksheets.

Every reader of a user's file goes through here, so that each gets the same promises:

- only a regular file is opened (a folder, a named pipe, a device or a loop of links is named for what
  it is, and never waited on), and never more bytes than its limit in `smk_helpers.limits`;
- text is UTF-8 (with or without a byte-order mark), UTF-16 with its mark, or, if the file is wholly
  not UTF-8, Windows-1252 as Excel's plain "CSV" writes it. A UTF-8 file with a few damaged bytes is an
  error that names where they are: good text is never garbled silently;
- CSV quoting must close where it opens: a stray quote that would swallow rows is an error naming the
  row where it opens, never a silent loss of rows;
- Excel workbooks are checked for zip bombs before they are opened;
- YAML may not use anchors and aliases (a "billion laughs" file expands to gigabytes), and JSON and
  YAML that nest too deeply, or hold numbers of thousands of digits, get a sentence, not a traceback.

Every problem is an `UnreadableFile` whose message is one sentence naming the file (and the row and
column where there is one) and what to do.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .. import limits
from ..errors import UnreadableFile
from ..limits import size_text

TABLE_FIX = "split it (for example by year) or leave out the columns it does not need."


# ---------------------------------------------------------------------------------------------
# Opening


def what_is_there(path) -> str | None:
    """What is at ``path`` if it is not a regular file: "a folder", "a named pipe (FIFO)", …; None for a file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> what_is_there(folder), what_is_there(folder / "none.csv")
    ('a folder', 'nothing')
    >>> (folder / "loop.csv").symlink_to(folder / "loop.csv")
    >>> what_is_there(folder / "loop.csv")
    'a link that leads back to itself'
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "a link to a file that does not exist" if os.path.islink(path) else "nothing"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a link that leads back to itself"
        return f"something that cannot be opened ({(exc.strerror or str(exc)).lower()})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def read_bytes(
    path, limit: int, *, name: str | None = None, kind: str = "file", fix: str = "is it the right file?"
) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them; `UnreadableFile` otherwise.

    The file is opened without waiting (a named pipe swapped in after the check cannot hang the read),
    checked again once open, and read only up to ``limit`` bytes.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "orders.csv"
    >>> _ = path.write_bytes(b"order_id\\n1\\n")
    >>> read_bytes(path, 100)
    b'order_id\\n1\\n'
    >>> read_bytes(path, 5)
    Traceback (most recent call last):
    ...
    smk_helpers.errors.UnreadableFile: orders.csv is 11 bytes, more than the 5 bytes smk reads in one file...
    """
    name = name or Path(path).name
    found = what_is_there(path)
    if found is not None:
        raise UnreadableFile(f"{name} is {found}, not a {kind} smk can read; put the {kind} itself there.")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise UnreadableFile(
            f"{name} could not be opened ({(exc.strerror or str(exc)).lower()}); check its permissions."
        ) from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(f"{name} is not a regular file; put the {kind} itself there.")
        if info.st_size > limit:
            raise _too_big(name, info.st_size, limit, fix)
        data = fh.read(limit + 1)
    if len(data) > limit:  # it grew while being read
        raise _too_big(name, len(data), limit, fix)
    return data


def _too_big(name: str, size: int, limit: int, fix: str) -> UnreadableFile:
    return UnreadableFile(f"{name} is {size_text(size)}, more than the {size_text(limit)} smk reads in one file; {fix}")


# ---------------------------------------------------------------------------------------------
# Text

_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
DAMAGED = "[\udc80-\udcff]"  # a byte that was not UTF-8, as errors="surrogateescape" keeps it (a regex)
_DAMAGED = re.compile(DAMAGED)


def _utf16_without_mark(sample: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes look like UTF-16 text written without a byte-order mark."""
    if len(sample) < 4 or sample.count(0) < len(sample) // 3:
        return None
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    if odd > 0.8 * (len(sample) // 2) and even < odd / 10:
        return "utf-16-le"
    if even > 0.8 * (len(sample) // 2) and odd < even / 10:
        return "utf-16-be"
    return None


def decode_text(raw: bytes, name: str) -> str:
    """Bytes to text: UTF-8, UTF-16 (with its mark or plainly so), else Windows-1252 if no byte is UTF-8.

    A file with at least as many UTF-8 sequences (accented letters, emoji) as bytes that are not UTF-8 is
    taken for UTF-8 with a few damaged bytes: it comes back with each such byte as a lone surrogate (see
    `damaged_text`), so that the caller can name the rows and columns that hold them. A file with more
    bad bytes than that is Windows-1252, where two letters side by side can look like UTF-8 by chance.

    Examples
    --------
    >>> decode_text("Café".encode("utf-8"), "a.csv"), decode_text("Café".encode("cp1252"), "a.csv")
    ('Café', 'Café')
    >>> decode_text("\\ufeffCafé".encode("utf-16-le"), "a.csv"), decode_text("Café".encode("utf-16-be"), "a.csv")
    ('Café', 'Café')
    >>> damaged_text(decode_text("Café ".encode("utf-8") + b"Caf\\xe9", "a.csv"))
    True
    """
    if raw.startswith(b"PK\x03\x04"):
        raise UnreadableFile(
            f"{name} is an Excel workbook, not CSV text; save it again as 'CSV UTF-8' or rename it to .xlsx."
        )
    for mark, encoding in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(mark):
            return _decode_utf16(raw[2:], encoding, name)
    plain16 = _utf16_without_mark(raw[:4096])
    if plain16:
        return _decode_utf16(raw, plain16, name)
    if b"\x00" in raw[:65536]:
        raise UnreadableFile(f"{name} is not a text file (it holds binary data); export the table as CSV.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    kept = raw.decode("utf-8-sig", errors="surrogateescape")
    damaged = len(_DAMAGED.findall(kept))
    if len(_UTF8_MULTIBYTE.findall(raw)) >= damaged:  # mostly UTF-8: name its damaged bytes, never garble the rest
        return kept
    try:
        return raw.decode("cp1252")  # Excel's plain "CSV" save on Windows
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def plain_ascii(raw: bytes) -> bool:
    """Whether `decode_text` would give back exactly these bytes as text: ASCII, and not a workbook, binary
    data or UTF-16. A caller may then read the bytes as they are instead of holding the file twice.

    Examples
    --------
    >>> plain_ascii(b"id,name\\n1,Ann\\n"), plain_ascii("Café".encode()), plain_ascii("id".encode("utf-16-le"))
    (True, False, False)
    """
    return (
        raw.isascii()
        and not raw.startswith(b"PK\x03\x04")
        and b"\x00" not in raw[:65536]
        and _utf16_without_mark(raw[:4096]) is None
    )


_BLANK = re.compile(rb"[ \t\n\r\x0b\x0c\x1c-\x1f]*")  # what str.isspace() holds true of, in ASCII


def blank_bytes(raw: bytes) -> bool:
    """Whether plain ASCII bytes hold nothing but white space (``text.isspace()`` of their text), or nothing.

    Examples
    --------
    >>> blank_bytes(b""), blank_bytes(b" \\r\\n\\x1c"), blank_bytes(b"  a")
    (True, True, False)
    """
    return _BLANK.fullmatch(raw) is not None


def _decode_utf16(raw: bytes, encoding: str, name: str) -> str:
    try:
        return raw.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError:
        raise UnreadableFile(f"{name} is UTF-16 text with damaged bytes; save it again as 'CSV UTF-8'.") from None


def damaged_text(text: str) -> bool:
    """True when ``text`` holds a byte that was not UTF-8 (see `decode_text`)."""
    return not text.isascii() and bool(_DAMAGED.search(text))


def damaged_example(text: str) -> str:
    """A cell with damaged bytes as the user can read it: each bad byte shown as \\xe9.

    Examples
    --------
    >>> print(damaged_example("Caf\\udce9"))
    Caf\\xe9
    """
    return _DAMAGED.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", text)


# ---------------------------------------------------------------------------------------------
# CSV


def rows_text(rows, limit: int = 5) -> str:
    """Spreadsheet row numbers as a phrase: ``rows 3, 7 and 12`` (at most ``limit`` listed).

    Examples
    --------
    >>> rows_text([4])
    'row 4'
    >>> rows_text([2, 3, 5])
    'rows 2, 3 and 5'
    >>> rows_text(range(2, 12))
    'rows 2, 3, 4, 5, 6 and 5 more'
    """
    rows = [int(r) for r in rows]
    if len(rows) == 1:
        return f"row {rows[0]}"
    if len(rows) <= limit:
        return "rows " + ", ".join(map(str, rows[:-1])) + f" and {rows[-1]}"
    return "rows " + ", ".join(map(str, rows[:limit])) + f" and {len(rows) - limit} more"


def sniff_separator(text) -> str:
    """The separator the header row uses most: comma, semicolon or tab (comma when it has none).

    ``text`` may be the file's bytes when they are plain ASCII (see `plain_ascii`).
    """
    if isinstance(text, bytes):
        if blank_bytes(text):
            return ","
        start = re.match(rb"[\r\n]*", text).end()
        ends = [i for i in (text.find(b"\n", start), text.find(b"\r", start)) if i >= 0]
        text = text[start : min(ends, default=len(text))].decode("ascii")
    if not text or text.isspace():  # not text.strip(): that copies the whole text
        return ","
    start = len(text) - len(text.lstrip("\r\n"))
    end = min((i for i in (text.find("\n", start), text.find("\r", start)) if i >= 0), default=len(text))
    header = text[start:end].splitlines()[0]  # not the whole text's lines: only the first is needed
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _lines(text: str, raw: bytes | None = None):
    """The text's UTF-8 bytes, and where each of its lines starts and stops (as offsets into them).

    ``raw``, when given, is those bytes already (the file as read); the text is not encoded again.
    """
    import numpy as np

    raw = text.encode("utf-8", errors="surrogateescape") if raw is None else raw
    data = np.frombuffer(raw, dtype=np.uint8)
    end = 10 if b"\n" in raw else 13  # a file with old Mac line ends (\r alone) has no \n
    block = 1 << 24  # found block by block: no array of the file's size beside it
    breaks = np.concatenate(
        [np.flatnonzero(data[i : i + block] == end) + i for i in range(0, data.size, block)] or [[]]
    ).astype(np.int64)
    starts = np.concatenate(([0], breaks + 1))
    stops = np.concatenate((breaks, [data.size]))
    return data, starts, stops


def _too_wide_line(text: str, sep: str, lines=None) -> int | None:
    """The number of the first line holding `limits.MAX_COLUMNS` separators or more; None if there is none.

    Found before the csv reader builds such a row (a line of a million commas is a list of a million cells),
    and without splitting the text: only lines at least that long are counted.

    Examples
    --------
    >>> _too_wide_line("a,b\\n1,2\\n", ","), _too_wide_line("a\\n" + "," * 1000 + "\\n", ",")
    (None, 2)
    """
    import numpy as np

    data, starts, stops = lines or _lines(text)
    marker = sep.encode("utf-8")
    for i in np.flatnonzero(stops - starts >= limits.MAX_COLUMNS):
        if data[starts[i] : stops[i]].tobytes().count(marker) >= limits.MAX_COLUMNS:
            return int(i) + 1
    return None


@dataclass
class CsvTable:
    """The rows of a CSV file as stripped text, each with the row number a spreadsheet shows for it."""

    header: list[str]
    rows: list[list[str]]
    row_numbers: list[int]
    separator: str
    # row number -> (first line, last line) of the file, for rows with a quoted cell that spans lines
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)
    multiline: dict[int, list[int]] = field(default_factory=dict)  # row number -> columns with line breaks
    frame: object = None  # the rows as a DataFrame of text instead of ``rows`` (see `frame_csv`)
    typed: bool = False  # whether ``frame``'s columns named in `frame_csv`'s ``kinds`` hold numbers and dates


def _where(row: int, line: int) -> str:
    return f"row {row}" if row == line else f"row {row} (line {line} of the file)"


def split_csv(text: str, name: str, separator: str | None = None, lines=None) -> CsvTable:
    """Split CSV text into rows of stripped cells, checking that every quote closes where it should.

    Row numbers are those a spreadsheet shows: blank lines count, and a cell that spans lines is one row.
    Blank rows (above the header too) are left out. A row with more non-empty cells than the header,
    a quote that never closes, a cell over `limits.MAX_CELL_CHARS` characters, or a header over
    `limits.MAX_COLUMNS` columns is an `UnreadableFile` naming the row. Cells that span lines are listed
    in ``multiline``, for the caller to judge: in a column of ids, dates or amounts they mean that a pair
    of stray quotes has swallowed the rows between them (see `swallowed_rows_text`).

    Examples
    --------
    >>> table = split_csv('\\nid,note\\n1,"a, b" \\n2,"two\\nlines"\\n', "t.csv")
    >>> table.header, table.rows, table.row_numbers, table.multiline
    (['id', 'note'], [['1', 'a, b'], ['2', 'two\\nlines']], [3, 4], {4: [1]})
    >>> split_csv('id,note\\n1,"open\\n2,x\\n3,y\\n', "t.csv")
    Traceback (most recent call last):
    ...
    smk_helpers.errors.UnreadableFile: t.csv, row 2: a quote (") opens a cell there and never closes, ...
    """
    sep = separator or sniff_separator(text)
    line = _too_wide_line(text, sep, lines)
    if line is not None:
        raise UnreadableFile(
            f"{name}, line {line}: more than {limits.MAX_COLUMNS:,} cells, more columns than smk reads "
            "in a table; keep the columns the table needs."
        )
    width = None
    header: list[str] = []
    rows, numbers, spans, multiline, ragged = [], [], {}, {}, []
    previous_limit = csv.field_size_limit(limits.MAX_CELL_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    row, start, end = 0, 0, 0
    try:
        for row, record in enumerate(reader, start=1):
            start, end = end + 1, reader.line_num
            if width is None:
                if not any(cell.strip() for cell in record):
                    continue  # blank lines above the header
                header = [cell.strip() for cell in record]
                width = len(header)
                if width > limits.MAX_COLUMNS:
                    raise UnreadableFile(
                        f"{name} has {width:,} columns in its header, more than the "
                        f"{limits.MAX_COLUMNS:,} smk reads; keep the columns the table needs."
                    )
                continue
            if len(record) > width and any(c.strip() for c in record[width:]):
                ragged.append(row)
                continue
            cells = [c.strip() for c in record[:width]]
            if not any(cells):
                continue
            broken = [i for i, c in enumerate(cells) if "\n" in c or "\r" in c] if end > start else []
            if broken:
                spans[row], multiline[row] = (start, end), broken
            cells.extend([""] * (width - len(cells)))
            rows.append(cells)
            numbers.append(row)
    except csv.Error as exc:
        raise UnreadableFile(_quote_problem(name, str(exc), row + 1, end + 1)) from None  # the row being read
    finally:
        csv.field_size_limit(previous_limit)
    if row and _quote_left_open(_from_line(text, start), sep):  # does the last row end inside a quote?
        raise UnreadableFile(_quote_problem(name, "unexpected end of data", row, start))
    if ragged:
        raise UnreadableFile(
            f"{name}, {rows_text(ragged)}: more cells than the header has ({width}); put quotes around values "
            f"that contain the separator '{sep}' (such as \"1,234.50\") or remove the extra cells."
        )
    return CsvTable(header, rows, numbers, sep, spans, multiline)


# Bytes that may be, or be part of, white space Python's str.strip() removes: ASCII spaces and controls,
# and the lead and continuation bytes of the Unicode spaces (U+0085, U+00A0, U+1680, U+2000–U+3000).
_ASCII_SPACES = b" \t\x0b\x0c\x1c\x1d\x1e\x1f"  # \r is left out: in this path every \r ends a line
_MAYBE_SPACE = frozenset([9, 11, 12, 13, 28, 29, 30, 31, 32, 0xC2, 0xE1, 0xE2, 0xE3, *range(0x80, 0xC0)])


def _space_at_an_edge(data, sep_byte: int, maybe_space) -> bool:
    """Whether a byte that may be white space starts or ends a cell (next to a separator or a line's end)."""
    space = maybe_space[data]
    edge = (data == sep_byte) | (data == 10)
    edge[:-1] |= (data[:-1] == 13) & (data[1:] == 10)  # the \r of a \r\n ends a line; it is not a space
    space &= ~edge
    if space[0] or space[-1]:
        return True
    return bool((space[1:] & edge[:-1]).any() or (space[:-1] & edge[1:]).any())


_PY_SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())  # what str.strip() removes


def _strip(column):
    """``column.str.strip()`` for a column of Arrow-backed text, in Arrow (the same characters as Python)."""
    import pandas as pd
    import pyarrow.compute as pc

    return pd.Series(pc.utf8_trim(column.array._pa_array, _PY_SPACES), index=column.index, dtype=column.dtype)


def _arrow_frame(raw: bytes, sep: str, rows: int, width: int, kinds: dict | None = None):
    """The rows below the header of quote-free CSV bytes, as a DataFrame of Arrow-backed text.

    ``kinds`` maps column positions to "number" or "date": those columns are typed as Arrow reads them,
    float64 and datetime64[us], a blank cell NaN or NaT. None when a row is wider or narrower than the
    header, the rows do not come out one per line, or a typed column holds a cell Arrow cannot type, a
    non-finite number or a -0, or no date at all: those files are read as text.
    """
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pa_csv

    names = [str(i) for i in range(width)]
    arrow_type = {"number": pa.float64(), "date": pa.date32()}
    types = {name: arrow_type[kinds[i]] if kinds and i in kinds else pa.large_string() for i, name in enumerate(names)}
    try:
        table = pa_csv.read_csv(
            pa.py_buffer(raw),
            read_options=pa_csv.ReadOptions(column_names=names, skip_rows=1, block_size=1 << 24),
            parse_options=pa_csv.ParseOptions(
                delimiter=sep, quote_char=False, double_quote=False, escape_char=False,
                newlines_in_values=False, ignore_empty_lines=False,
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types=types, null_values=[""], strings_can_be_null=False, quoted_strings_can_be_null=False,
            ),
        )  # fmt: skip
    except pa.ArrowInvalid:
        return None  # rows wider or narrower than the header (split_csv names them), or a cell not typed
    if table.num_rows != rows:
        return None
    for name, kind in types.items():
        column = table.column(name)
        if kind == pa.float64() and pc.any(pc.or_(pc.is_nan(column), pc.is_inf(column))).as_py():
            return None  # "nan" or "inf" written in a cell: the careful path names it
        if kind == pa.date32() and column.null_count == len(column):
            return None
    for i, kind in (kinds or {}).items():
        if kind == "date":  # as pandas keeps dates: microseconds, one conversion
            table = table.set_column(i, names[i], pc.cast(table.column(i), pa.timestamp("us")))
    text = pd.StringDtype("pyarrow", na_value=np.nan)
    frame = table.to_pandas(
        types_mapper={pa.large_string(): text}.get, date_as_object=False, split_blocks=True, self_destruct=True
    )  # each column freed in Arrow as pandas takes it
    del table
    frame.columns = range(width)
    for i, kind in (kinds or {}).items():
        if kind == "number" and ((frame[i] == 0) & np.signbit(frame[i])).any():
            return None  # a -0, which pandas reads as 0 or -0.0 as the rest of the column decides
    return frame


def frame_csv(text: str | None, name: str, separator: str | None = None, *, raw: bytes | None = None, kinds=None):
    """Read CSV text as `split_csv` does, into a `CsvTable` whose rows are a DataFrame (``frame``) of text.

    The same cells, row numbers and errors as `split_csv`, faster: a file without quotes, whose every line
    is one full row, is read by Arrow's CSV reader into Arrow-backed text and stripped column by column. Any
    other file (quotes, lines over `limits.MAX_CELL_CHARS`, old Mac line ends, blank lines above the header,
    rows wider or narrower than the header) goes through `split_csv`, which names the row of each problem.
    ``raw``, when the caller has it, is the text's UTF-8 encoding (the file's bytes), so it is not made again;
    ``text`` may then be None if the bytes are `plain_ascii` (the text is made only if the careful path needs it).
    ``kinds`` maps column names (stripped, lower-cased) to "number" or "date": in the fast path, Arrow reads
    those columns typed if every cell is a plain number (as Arrow reads one) or a YYYY-MM-DD day, and
    ``typed`` says so. Otherwise the columns are text, to be typed (and their faults named) by the caller.

    Examples
    --------
    >>> table = frame_csv("id, name\\n1, Ann \\n\\n2,Bo\\n", "t.csv")
    >>> table.header, table.frame.values.tolist(), table.row_numbers.tolist()
    (['id', 'name'], [['1', 'Ann'], ['2', 'Bo']], [2, 4])
    >>> frame_csv('id,name\\n1,"Ann, Bo"\\n', "t.csv").frame.values.tolist()
    [['1', 'Ann, Bo']]
    """
    import numpy as np
    import pandas as pd

    sep = separator or sniff_separator(text if text is not None else raw)
    lines = _lines(text, raw)
    data, starts, stops = lines
    raw = data.base  # the text's UTF-8 bytes
    simple = (
        b'"' not in raw
        and (b"\r" not in raw or raw.count(b"\r") == raw.count(b"\r\n"))
        and int((stops - starts).max()) <= limits.MAX_CELL_CHARS
        and any(cell.strip() for cell in raw[: int(stops[0])].decode("utf-8", errors="surrogateescape").split(sep))
    )
    frame, typed = None, False
    if simple and _too_wide_line(text, sep, lines) is None:
        header = raw[: int(stops[0])].decode("utf-8", errors="surrogateescape").removesuffix("\r").split(sep)
        rows = len(starts) - (starts[-1] == data.size) - 1
        if any(damaged_text(cell) for cell in header):  # as Arrow refuses such bytes in a cell below it
            header = None
        elif kinds:
            named = {i: kinds.get(cell.strip().lstrip("\ufeff").lower()) for i, cell in enumerate(header)}
            named = {i: kind for i, kind in named.items() if kind}
            frame = _arrow_frame(raw, sep, rows, len(header), named) if named else None
            typed = frame is not None
        if frame is None and header is not None:
            frame = _arrow_frame(raw, sep, rows, len(header))
    if frame is None:
        text = raw.decode("ascii") if text is None else text
        table = split_csv(text, name, sep, lines)
        kind = object if damaged_text(text) else str  # Arrow's text cannot hold bytes that were not UTF-8
        frame = pd.DataFrame(table.rows, columns=range(len(table.header)), dtype=kind)
        numbers = np.asarray(table.row_numbers, dtype=np.int64)
        return CsvTable(table.header, table.rows, numbers, sep, table.spans, table.multiline, frame)
    plain = raw.isascii() and not any(space in raw for space in _ASCII_SPACES)
    lut = np.zeros(256, dtype=bool)
    lut[list(_MAYBE_SPACE)] = True
    if not plain and _space_at_an_edge(data, sep.encode("utf-8")[0], lut):
        frame = frame.apply(lambda column: _strip(column) if column.dtype == "str" else column)
        header = [cell.strip() for cell in header]
    numbers = np.arange(2, len(frame) + 2, dtype=np.int64)
    # Blank rows: a line of nothing but separators and white space. Lines that can only hold such bytes
    # are the candidates (without white space in the file, only lines no longer than the header has
    # separators can); of those, the rows whose stripped cells are all empty are dropped.
    lengths = (stops - starts)[1 : len(frame) + 1]
    if plain:
        candidates = np.flatnonzero(lengths <= len(header))
    else:
        lut[sep.encode("utf-8")[0]] = lut[13] = lut[10] = True
        solid = np.add.reduceat(~lut[data], starts[1 : len(frame) + 1], dtype=np.int64) if len(frame) else lengths
        candidates = np.flatnonzero((lengths == 0) | (solid == 0))
    if candidates.size:
        few = frame.iloc[candidates]
        blank = np.column_stack([few[i].isna() if few[i].dtype != "str" else few[i] == "" for i in few]).all(axis=1)
        drop = np.zeros(len(frame), dtype=bool)
        drop[candidates[blank]] = True
        frame, numbers = frame.loc[~drop], numbers[~drop]
    return CsvTable(header, [], numbers, sep, {}, {}, frame.reset_index(drop=True), typed)


def _from_line(text: str, line: int) -> str:
    """``text`` from the start of its line number ``line`` (1-based) on."""
    lines = io.StringIO(text, newline="")  # counts line breaks as the csv reader does (\n, \r\n or \r)
    for _ in range(line - 1):
        lines.readline()
    return lines.read()


_SENTINEL = "\x00smk-end-of-file\x00"


def _quote_left_open(text: str, sep: str) -> bool:
    """True when the one row in ``text`` ends inside a quote.

    Python's reader ends such a row quietly at the end of the file (and, in strict mode, also refuses a space
    after a closing quote, which files written by hand often have). So a row that only this check writes is
    put after it: if the quote is open, that row is swallowed into the last cell.
    """
    if not text.endswith(("\n", "\r")):
        text += "\n"
    rows = list(csv.reader(io.StringIO(text + _SENTINEL + "\n", newline=""), delimiter=sep))
    return rows[-1] != [_SENTINEL]


def _quote_problem(name: str, error: str, row: int, line: int) -> str:
    where = f"{name}, {_where(row, line)}"
    if "field larger than field limit" in error:
        return (
            f"{where}: a cell runs on for more than {limits.MAX_CELL_CHARS:,} characters, most likely because "
            'a quote (") opens there and closes only far below or never; remove the stray quote.'
        )
    if "unexpected end of data" in error:
        return (
            f'{where}: a quote (") opens a cell there and never closes, so every row after it would be lost; '
            "remove the stray quote, or close it."
        )
    return f"{where} could not be read as CSV ({error}); save the table again as 'CSV UTF-8'."


def swallowed_rows_text(name: str, column: str, row: int, span: tuple[int, int]) -> str:
    """The sentence for a quoted cell that spans lines where none belongs: it has swallowed rows."""
    first, last = span
    return (
        f"{name}, column '{column}', {_where(row, first)}: a quoted cell runs from line {first} to line {last} "
        f"of the file, so the {last - first} line{'s' if last - first != 1 else ''} after it were read as part "
        'of one cell; a quote (") opens there and closes only on the last of them: remove the stray quotes.'
    )


# ---------------------------------------------------------------------------------------------
# Excel workbooks


def check_workbook(path, name: str | None = None) -> bytes:
    """The bytes of a workbook, once they are known not to unpack to more than smk's limits.

    Counts its entries, the sizes it declares, and the bytes each entry really inflates to (a zip can lie
    about its sizes), against `limits.MAX_XLSX_ENTRIES`, `limits.MAX_XLSX_UNPACKED_BYTES` and
    `limits.MAX_XLSX_RATIO`. Whatever parses the workbook next reads these bytes, not the path again.
    """
    name = name or Path(path).name
    data = read_bytes(path, limits.MAX_XLSX_BYTES, name=name, kind="workbook", fix=TABLE_FIX)
    bomb = (
        f"{name} unpacks to more than smk reads (limit {size_text(limits.MAX_XLSX_UNPACKED_BYTES)}, at most "
        f"{limits.MAX_XLSX_RATIO} times its packed size); if it is a real table, save it as CSV, which has no "
        "such limit."
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            entries = book.infolist()
            if len(entries) > limits.MAX_XLSX_ENTRIES:
                raise UnreadableFile(
                    f"{name} holds {len(entries):,} parts, more than the {limits.MAX_XLSX_ENTRIES:,} "
                    "a workbook smk reads may have; save the sheet as CSV."
                )
            if sum(e.file_size for e in entries) > limits.MAX_XLSX_UNPACKED_BYTES:
                raise UnreadableFile(bomb)
            total = 0
            for entry in entries:
                packed, inflated = max(entry.compress_size, 1), 0
                with book.open(entry) as part:
                    while chunk := part.read(1 << 16):
                        inflated += len(chunk)
                        total += len(chunk)
                        if total > limits.MAX_XLSX_UNPACKED_BYTES or (
                            inflated > 1 << 20 and inflated > limits.MAX_XLSX_RATIO * packed
                        ):
                            raise UnreadableFile(bomb)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError) as exc:
        if isinstance(exc, UnreadableFile):
            raise
        raise UnreadableFile(
            f"{name} could not be read as an Excel workbook ({type(exc).__name__}); save it again or export it as CSV."
        ) from None
    return data


# ---------------------------------------------------------------------------------------------
# YAML and JSON


def _refuse_aliases():
    import yaml

    class NoAliasLoader(yaml.SafeLoader):
        """yaml.SafeLoader that refuses anchors and aliases while composing, before any object is built."""

        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise yaml.composer.ComposerError(
                    None, None, "anchors and aliases (&, *) are not allowed", event.start_mark
                )
            event = self.peek_event()
            if getattr(event, "anchor", None):
                raise yaml.composer.ComposerError(
                    None, None, "anchors and aliases (&, *) are not allowed", event.start_mark
                )
            return super().compose_node(parent, index)

    return NoAliasLoader


def load_yaml(text: str, name: str):
    """Plain YAML from a user: no anchors or aliases, no deep nesting, no huge numbers; `UnreadableFile` else.

    Examples
    --------
    >>> load_yaml("a: 1\\nb: [x, y]\\n", "b.yaml")
    {'a': 1, 'b': ['x', 'y']}
    >>> load_yaml("a: &x [1]\\nb: *x\\n", "b.yaml")
    Traceback (most recent call last):
    ...
    smk_helpers.errors.UnreadableFile: b.yaml, line 1 is not valid YAML (anchors and aliases (&, *) are not
    allowed); ...
    """
    import yaml

    try:
        return yaml.load(text, Loader=_refuse_aliases())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        raise UnreadableFile(
            f"{name}{where} is not valid YAML ({getattr(exc, 'problem', None) or exc}); "
            "write plain 'name: value' lines."
        ) from None
    except RecursionError:
        raise UnreadableFile(
            f"{name} nests lists or maps too deeply to be a batch file; write plain 'name: value' lines."
        ) from None
    except ValueError as exc:  # an integer of thousands of digits
        raise UnreadableFile(f"{name} holds a value smk cannot read ({exc}); use plain numbers and text.") from None


def load_json(text: str, name: str):
    """JSON from a user's file; deep nesting and numbers of thousands of digits are an `UnreadableFile`.

    Examples
    --------
    >>> load_json('{"a": [1, 2]}', "w.json")
    {'a': [1, 2]}
    >>> load_json("[" * 100000, "w.json")
    Traceback (most recent call last):
    ...
    smk_helpers.errors.UnreadableFile: w.json nests too deeply to be a worksheet file.
    """
    import json

    try:
        return json.loads(text)
    except RecursionError:
        raise UnreadableFile(f"{name} nests too deeply to be a worksheet file.") from None
    except json.JSONDecodeError as exc:
        raise UnreadableFile(f"{name} is not valid JSON (line {exc.lineno}: {exc.msg}).") from None
    except ValueError as exc:  # int() refuses more than 4,300 digits
        raise UnreadableFile(f"{name} holds a number too long to read ({exc}).") from None
