"""Load a business folder into validated, typed tables (the business-data contract)."""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .. import limits
from ..errors import BusinessDataError, Problem
from ..system.userfiles import (
    DAMAGED,
    TABLE_FIX,
    UnreadableFile,
    blank_bytes,
    check_workbook,
    damaged_example,
    damaged_text,
    decode_text,
    frame_csv,
    plain_ascii,
    read_bytes,
    rows_text,
    sniff_separator,
    split_csv,
    swallowed_rows_text,
)
from . import contract as C
from .frames import isin, plain_dates, plain_numbers, repeats
from .funnel import funnel_table, funnel_warnings


@dataclass(frozen=True)
class Business:
    """The validated tables of one business.

    Every contract column is present in its table (an optional column the files left out is
    all-missing); extra columns are kept. Tables of absent optional files are ``None``.
    """

    name: str
    orders: pd.DataFrame
    campaigns: pd.DataFrame | None = None
    funnel: pd.DataFrame | None = None
    interactions: pd.DataFrame | None = None
    targets: pd.DataFrame | None = None
    touchpoints: pd.DataFrame | None = None
    survey: pd.DataFrame | None = None
    path: Path | None = None
    warnings: tuple[str, ...] = ()
    present_columns: dict = field(default_factory=dict)  # stem -> tuple of contract columns the file had

    def has_column(self, stem: str, column: str) -> bool:
        """True when the file ``stem`` exists and had ``column`` (even if blank in places)."""
        return column in self.present_columns.get(stem, ())

    @classmethod
    def from_frames(cls, name="example", **tables):
        """Build a Business from already-typed DataFrames (for tests and examples).

        Missing optional columns are added as all-missing; dates are converted with
        ``pd.to_datetime``; the result is not otherwise validated.
        """
        present = {}
        typed = {}
        for spec in C.FILES:
            df = tables.get(spec.stem)
            if df is None:
                typed[spec.stem] = None
                continue
            df = df.copy()
            present[spec.stem] = tuple(c.name for c in spec.columns if c.name in df.columns)
            for col in spec.columns:
                if col.name not in df.columns:
                    df[col.name] = (
                        np.nan
                        if col.kind in ("money", "number", "count")
                        else pd.Series([pd.NA] * len(df), dtype="str", index=df.index)
                    )
                if col.kind == "date":
                    df[col.name] = pd.to_datetime(df[col.name])
                elif col.kind in ("money", "number", "count"):
                    df[col.name] = df[col.name].astype("float64")
                else:
                    df[col.name] = df[col.name].astype("str")
                    df.loc[df[col.name].isna(), col.name] = np.nan
            if spec.stem == "orders":
                df["channel"] = df["channel"].fillna(C.UNKNOWN_CHANNEL)
            if spec.stem == "interactions":
                df["outcome"] = df["outcome"].str.lower()
            typed[spec.stem] = df
        if typed["orders"] is None:
            raise BusinessDataError("from_frames needs an orders table.")
        return cls(name=name, present_columns=present, **typed)


# ---------------------------------------------------------------------------------------------
# Reading files


def _find_files(folder: Path, stem: str) -> list[Path]:
    """The files in ``folder`` named ``stem.csv`` or ``stem.xlsx``, whatever their letter case."""
    wanted = (f"{stem}.csv", f"{stem}.xlsx")
    return sorted(p for p in folder.iterdir() if p.name.lower() in wanted)


@dataclass
class RawTable:
    """One file's cells as stripped text, before typing: what `read_table` gives `_typed_table`."""

    name: str  # the file's own name (orders.xlsx, Orders.csv, ...), for messages
    cells: pd.DataFrame  # header names stripped and lower-cased; a ``_row`` column with spreadsheet rows
    decimal_comma: bool
    problems: list = field(default_factory=list)  # rows a pair of stray quotes swallowed
    typed: bool = False  # number and date columns came typed from Arrow (see `read_table`)


def read_table(path: Path, spec: C.FileSpec | None = None, *, typed: bool = True) -> RawTable:
    """Read one CSV or XLSX file as text cells, safely (see `smk_helpers.system.userfiles`).

    Returns the cells (stripped strings, header names stripped and lower-cased, a ``_row`` column with
    the spreadsheet row number, blank rows dropped), whether numbers use a decimal comma (semicolon-
    separated files, as European Excel writes them), and the problems found in the cells themselves.
    Raises BusinessDataError when the file as a whole cannot be read.

    With ``typed`` and a ``spec``, a plain CSV's number and date columns may come typed already, as Arrow
    reads them (``RawTable.typed``): a file whose every such cell is a plain number or a YYYY-MM-DD day.
    Their messages would quote the cells as numbers, so a file found at fault is read again as text
    (`load_business` does).
    """
    name = path.name
    try:
        if path.suffix.lower() == ".xlsx":
            df = _read_workbook(path, name)
            table = None
        else:
            raw = read_bytes(path, limits.MAX_TABLE_BYTES, name=name, kind="table", fix=TABLE_FIX)
            text = None if plain_ascii(raw) else decode_text(raw, name)  # ASCII: the bytes are the text
            if blank_bytes(raw) if text is None else not text or text.isspace():
                raise UnreadableFile(f"{name} is empty; it needs a header row and one row per record.")
            same = text is None or (text.isascii() and len(text) == len(raw))  # the bytes are the text's UTF-8
            sep = sniff_separator(raw if text is None else text)
            kinds = _kinds(spec) if typed and spec is not None and sep != ";" else None
            table = frame_csv(text, name, sep, raw=raw if same else None, kinds=kinds)
            del raw
            # bytes that were not UTF-8: Arrow's strings cannot hold them, so object
            damaged = text is not None and damaged_text(text)
            kind = object if damaged else str
            df = table.frame.astype(kind) if damaged else table.frame
            df.columns = pd.Index(table.header, dtype=kind)
            df["_row"] = table.row_numbers
    except UnreadableFile as exc:
        raise BusinessDataError(Problem(str(exc), "unreadable_file", name)) from None
    if table is not None and damaged:  # name the damage; checking such cells further says nothing more
        raise BusinessDataError(_damaged_cells(df, name))
    row = df.pop("_row")
    df.columns = [
        str(c).strip().lstrip("\ufeff").lower() if not str(c).startswith("Unnamed:") else "" for c in df.columns
    ]
    keep = [c != "" for c in df.columns]
    df = df.loc[:, keep]
    if df.shape[1] == 0:
        raise BusinessDataError(
            Problem(f"{name} is empty; it needs a header row and one row per record.", "empty_file", name)
        )
    counts = Counter(df.columns)
    doubled = sorted(c for c, n in counts.items() if n > 1)
    if doubled:
        raise BusinessDataError(
            Problem(
                f"{name} has the column '{doubled[0]}' more than once in its header; keep one of them.",
                "duplicate_column",
                name,
                doubled[0],
            )
        )
    df["_row"] = row
    problems = _swallowed_rows(table, spec, name) if table is not None else []
    return RawTable(name, df, table is not None and table.separator == ";", problems, table is not None and table.typed)


def _kinds(spec: C.FileSpec) -> dict:
    """The columns of ``spec`` Arrow may type as it reads them: numbers and dates."""
    kinds = {"money": "number", "number": "number", "count": "number", "date": "date"}
    return {c.name: kinds[c.kind] for c in spec.columns if c.kind in kinds}


def _read_workbook(path: Path, name: str) -> pd.DataFrame:
    data = check_workbook(path, name)
    try:
        df = pd.read_excel(io.BytesIO(data), sheet_name=0, dtype=str, keep_default_na=False, na_filter=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged workbook
        raise UnreadableFile(
            f"{name} could not be read as an Excel workbook ({exc}); save it again or export it as CSV."
        ) from None
    if df.shape[1] > limits.MAX_COLUMNS:
        raise UnreadableFile(
            f"{name} has {df.shape[1]:,} columns in its header, more than the "
            f"{limits.MAX_COLUMNS:,} smk reads; keep the columns the table needs."
        )
    df = df.apply(lambda col: col.astype(str).str.strip())
    df["_row"] = np.arange(2, len(df) + 2)
    blank = (df.drop(columns="_row") == "").all(axis=1)
    return df.loc[~blank].reset_index(drop=True)


def _swallowed_rows(table, spec: C.FileSpec | None, name: str) -> list[Problem]:
    """A quoted cell that spans lines where none belongs: a pair of stray quotes swallowed the rows between.

    In a column of the contract no cell spans lines. In an extra column (notes, say) one may, unless a
    line inside it reads as a row of the file: as many cells as the header, with a date where its date is.
    """
    contract = {c.name for c in spec.columns} if spec is not None else set()
    names = [h.strip().lower() for h in table.header]
    dated = [
        names.index(c.name) for c in (spec.columns if spec else ()) if c.kind in ("date", "month") and c.name in names
    ]
    problems = []
    position = {row: k for k, row in enumerate(table.row_numbers)} if table.multiline else {}
    for row, columns in table.multiline.items():
        for i in columns:
            cell = table.rows[position[row]][i]
            if names[i] in contract or any(
                _reads_as_row(line, table.separator, len(names), dated) for line in cell.splitlines()
            ):
                message = swallowed_rows_text(name, names[i], row, table.spans[row])
                problems.append(Problem(message, "swallowed_rows", name, names[i], (int(row),)))
                break
    return problems


_DATE_LIKE = re.compile(r"^\s*(\d{4}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4})")


def _reads_as_row(line: str, sep: str, width: int, dated: list[int]) -> bool:
    import csv

    cells = next(csv.reader([line], delimiter=sep), [])
    if len(cells) < width - 1:
        return False
    return not dated or any(i < len(cells) and _DATE_LIKE.match(cells[i]) for i in dated)


def _damaged_cells(df: pd.DataFrame, name: str) -> list[Problem]:
    """One sentence per column (and the header) holding bytes that are not UTF-8, in a file that is otherwise UTF-8."""
    problems = []
    header = [str(c) for c in df.columns if c != "_row" and damaged_text(str(c))]
    if header:
        message = (
            f"{name}, its header: bytes that are not UTF-8 (e.g. '{damaged_example(header[0])}') in a file "
            "that is otherwise UTF-8; correct the column names, or save the file again as 'CSV UTF-8'."
        )
        problems.append(Problem(message, "damaged_bytes", name, None, (1,)))
    for number, column in enumerate(df.columns):
        if column == "_row":
            continue
        bad = df.iloc[:, number].str.contains(DAMAGED, regex=True)
        if bad.any():
            example = damaged_example(df.loc[bad].iloc[0, number])
            label = damaged_example(str(column)).strip().lower()
            message = (
                f"{name}, column '{label}', "
                f"{rows_text(df.loc[bad, '_row'])}: bytes that are not UTF-8 (e.g. '{example}') in a file "
                "that is otherwise UTF-8, so they would show as the wrong letters; correct them, or save "
                "the file again as 'CSV UTF-8'."
            )
            rows = tuple(int(r) for r in df.loc[bad, "_row"])
            problems.append(Problem(message, "damaged_bytes", name, label, rows))
    return problems


# ---------------------------------------------------------------------------------------------
# Parsing cells

_ISO = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?$"
)
_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


def _assemble(y, m, d, hh, mm, ss) -> pd.Series:
    parts = pd.DataFrame({"year": y, "month": m, "day": d, "hour": hh, "minute": mm, "second": ss})
    parts = parts.fillna("0").astype(int)
    return pd.to_datetime(parts, errors="coerce")


def _parse_other_dates(raw: pd.Series) -> pd.Series:
    """ISO dates and datetimes, with or without an offset (dropped); NaT for anything else."""
    iso = raw.str.extract(_ISO)
    return _assemble(iso[0], iso[1], iso[2], iso[3], iso[4], iso[5]).where(iso[0].notna())


def parse_dates(
    raw: pd.Series, dayfirst: bool | None = None, *, stripped: bool = False
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Parse date cells as written (wall clock; a UTC offset is dropped, never applied).

    Accepts ``YYYY-MM-DD`` and ISO datetimes; slash dates only when ``dayfirst`` says the order.
    Returns (values, bad, ambiguous): ``bad`` marks non-blank cells that are not dates,
    ``ambiguous`` marks slash dates read without a stated order (also NaT). ``stripped`` says the
    cells are text already stripped of surrounding spaces (as `read_table` gives them).

    Examples
    --------
    >>> v, bad, amb = parse_dates(pd.Series(["2025-03-14", "2025-03-14T23:30:00-05:00", "14/03/2025", "x", ""]))
    >>> [str(x) for x in v]
    ['2025-03-14 00:00:00', '2025-03-14 23:30:00', 'NaT', 'NaT', 'NaT']
    >>> bad.tolist(), amb.tolist()
    ([False, False, False, True, False], [False, False, True, False, False])
    >>> parse_dates(pd.Series(["3/14/2025"]), dayfirst=False)[0].dt.date.tolist()
    [datetime.date(2025, 3, 14)]
    """
    raw = raw.astype(str)
    raw = raw if stripped else raw.str.strip()
    values = plain_dates(raw)  # a column of nothing but YYYY-MM-DD days (and blanks), as most are
    if values is not None:
        none = pd.Series(False, index=raw.index)
        return values, none, none.copy()
    # Fast path for plain YYYY-MM-DD (most cells); everything else takes the careful path.
    values = pd.to_datetime(raw, format="%Y-%m-%d", errors="coerce")
    rest = (raw != "") & values.isna()
    if rest.any():
        values = values.astype("datetime64[us]")
        values[rest] = _parse_other_dates(raw[rest])
    slash = raw[raw.str.contains("/", regex=False)].str.extract(_SLASH).reindex(raw.index)  # few cells have one
    is_slash = slash[0].notna()
    ambiguous = is_slash & (dayfirst is None)
    if dayfirst is not None and is_slash.any():
        day, month = (slash[0], slash[1]) if dayfirst else (slash[1], slash[0])
        values = values.where(~is_slash, _assemble(slash[2], month, day, slash[3], slash[4], slash[5]))
    values = pd.to_datetime(values)
    bad = (raw != "") & values.isna() & ~ambiguous
    return values, bad, ambiguous


_NUMBER_DOT = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d*)?|\.\d+|\d+(?:\.\d+)?[eE][+-]?\d+"
_NUMBER_COMMA = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d*)?|,\d+"


def _parse_formatted_numbers(raw: pd.Series, decimal_comma: bool) -> pd.Series:
    """Numbers written with separators, currency signs or accounting brackets (the careful path)."""
    s = raw.str.replace(r"[\s\u00a0\u202f]", "", regex=True)
    in_parens = s.str.fullmatch(r"\(.+\)")
    s = s.where(~in_parens, s.str.slice(1, -1))
    parts = s.str.extract(r"^(-?)[$€£]?(-?)(.*?)[$€£]?$")
    body = parts[2]
    if decimal_comma:
        ok = body.str.fullmatch(_NUMBER_COMMA)
        norm = body.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        ok = body.str.fullmatch(_NUMBER_DOT)
        norm = body.str.replace(",", "", regex=False)
    values = pd.to_numeric(norm.where(ok.fillna(False).astype(bool)), errors="coerce").astype("float64")
    negative = (parts[0] == "-") | (parts[1] == "-") | in_parens
    return values.where(~negative, -values)


def parse_numbers(
    raw: pd.Series, decimal_comma: bool = False, *, stripped: bool = False
) -> tuple[pd.Series, pd.Series]:
    """Parse number and money cells; returns (values, bad) where ``bad`` marks non-numbers.

    Accepts ``1234.5``, ``1,234.50``, ``$1,234.50``, ``-12``, ``(12.00)`` (accounting negative),
    and with ``decimal_comma`` ``1.234,50``. Blank cells are NaN and not bad. ``stripped`` says the
    cells are text already stripped of surrounding spaces (as `read_table` gives them).

    Examples
    --------
    >>> parse_numbers(pd.Series(["1234.5", "1,234.50", "$1,234.50", "(3)", "", "abc"]))[0].tolist()
    [1234.5, 1234.5, 1234.5, -3.0, nan, nan]
    >>> parse_numbers(pd.Series(["1.234,50", "12,5 €"]), decimal_comma=True)[0].tolist()
    [1234.5, 12.5]
    """
    raw = raw.astype(str)
    raw = raw if stripped else raw.str.strip()
    # Fast path for plain numbers (most cells): one vectorised conversion. In a decimal-comma
    # file "1.234" means 1234, so cells with a dot take the careful path there.
    values = plain_numbers(raw)
    if values is None:
        values = pd.to_numeric(raw, errors="coerce").astype("float64")
    plain = values.notna() & np.isfinite(values)
    if decimal_comma:
        plain &= ~raw.str.contains(".", regex=False)
    values = values.where(plain)
    rest = (raw != "") & ~plain
    if rest.any():
        values[rest] = _parse_formatted_numbers(raw[rest], decimal_comma)
    bad = (raw != "") & values.isna()
    return values, bad


# ---------------------------------------------------------------------------------------------
# Checking one table against its FileSpec


def _example(values: pd.Series) -> str:
    return repr(str(values.iloc[0]))


class _Checker:
    """Collects problems for one file; every message names the file, column and rows."""

    def __init__(self, filename: str, df: pd.DataFrame, problems: list[Problem]):
        self.filename, self.df, self.problems = filename, df, problems

    def flag(self, code: str, column: str, mask: pd.Series, what: str, fix: str = "") -> None:
        """Record the rows where ``mask`` holds as one `Problem` of kind ``code``."""
        found = mask.to_numpy(dtype=bool, na_value=False)
        if found.any():  # most checks find nothing: no Series is made for them
            mask = pd.Series(found, index=mask.index)
            rows = self.df.loc[mask, "_row"]
            where = f"{self.filename}, column '{column}', {rows_text(rows)}"
            example = _example(self.df.loc[mask, column]) if column in self.df else ""
            eg = "" if example in ("", "''") else f" ({example})" if len(rows) == 1 else f" (e.g. {example})"
            message = f"{where}: {what}{eg}" + (f"; {fix}" if fix else "") + "."
            self.problems.append(Problem(message, code, self.filename, column, tuple(int(r) for r in rows)))


def _typed_table(spec: C.FileSpec, table: RawTable, dayfirst, problems: list[Problem]):
    """Convert the text cells of one file to the contract's types, recording every problem."""
    raw, decimal_comma = table.cells, table.decimal_comma
    problems.extend(table.problems)
    missing = [c.name for c in spec.columns if c.required and c.name not in raw.columns]
    if missing:
        have = ", ".join(c for c in raw.columns if c != "_row") or "none"
        names = ", ".join(f"'{m}'" for m in missing)
        plural = "columns" if len(missing) > 1 else "column"
        message = (
            f"{table.name} is missing the {plural} {names} (its header has: {have}); "
            f"add {'them' if len(missing) > 1 else 'it'} to the first row."
        )
        problems.append(Problem(message, "missing_columns", table.name, missing[0], (1,)))
        return None
    check = _Checker(table.name, raw, problems)
    out = raw.copy(deep=False)  # columns are replaced, never changed in place
    for col in spec.columns:
        if col.name not in raw.columns:
            if col.kind in ("money", "number", "count"):
                out[col.name] = np.nan
            elif col.kind == "date":
                out[col.name] = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[us]")
            else:
                out[col.name] = pd.Series(np.nan, index=raw.index, dtype="str")
            continue
        cells = raw[col.name]
        given = cells.dtype != "str" and cells.dtype != object  # typed by Arrow as it read the file
        blank = cells.isna() if given else cells == ""
        if not col.blank_ok:
            check.flag("empty", col.name, blank, "empty", "fill it in on every row")
        if col.kind in ("id", "text"):
            out[col.name] = cells.where(~blank) if blank.any() else cells
        elif col.kind == "outcome":
            lower = cells.str.lower()
            check.flag(
                "not_an_outcome",
                col.name,
                ~blank & ~lower.isin(C.OUTCOMES),
                "not one of won, lost, open",
                "use won, lost or open",
            )
            out[col.name] = lower.where(~blank)
        elif col.kind == "date":
            none = pd.Series(False, index=cells.index)
            values, bad, ambiguous = (cells, none, none) if given else parse_dates(cells, dayfirst, stripped=True)
            check.flag("not_a_date", col.name, bad, "not a date", "write dates as YYYY-MM-DD, e.g. 2025-03-14")
            if ambiguous.any():
                check.flag(
                    "ambiguous_date",
                    col.name,
                    ambiguous,
                    "a slash date, which can be read day/month or month/day",
                    _slash_hint(cells[ambiguous]),
                )
            early, late = pd.Timestamp(limits.EARLIEST_DATE), pd.Timestamp(limits.LATEST_DATE)
            implausible = values.notna() & ((values < early) | (values >= late + pd.Timedelta(days=1)))
            check.flag(
                "date_out_of_range",
                col.name,
                implausible,
                f"a date outside {early.year} to {late.year}",
                "check its year (a typo such as 2204 for 2024?)",
            )
            out[col.name] = values.where(~implausible) if implausible.any() else values
        elif col.kind == "month":
            month = cells.str.extract(r"^(\d{4}-\d{2})(?:-\d{2}.*)?$")[0]
            valid = month.notna() & month.str.slice(5, 7).isin([f"{m:02d}" for m in range(1, 13)])
            check.flag("not_a_month", col.name, ~blank & ~valid, "not a month", "write months as YYYY-MM, e.g. 2025-03")
            out[col.name] = month.where(valid)
        else:  # money, number, count
            values, bad = (cells, blank & False) if given else parse_numbers(cells, decimal_comma, stripped=True)
            check.flag("not_a_number", col.name, bad, "not a number", "write plain numbers such as 1234.50")
            huge = values.abs() > limits.MAX_NUMBER
            check.flag(
                "number_too_large",
                col.name,
                huge,
                f"larger than any real figure (over {limits.MAX_NUMBER:,.0f})",
                "check the cell: is a decimal separator missing, or two cells run together?",
            )
            values = values.where(~huge) if huge.any() else values
            if col.kind == "count":
                check.flag(
                    "not_a_count",
                    col.name,
                    values.notna() & ((values < 0) | (values % 1 != 0)),
                    "not a whole number of 0 or more",
                    "count things in whole numbers",
                )
            out[col.name] = values
    if spec.stem == "orders":
        out["channel"] = out["channel"].fillna(C.UNKNOWN_CHANNEL)
    _check_rules(spec, out, check, tuple(c for c in raw.columns if c != "_row"))
    return out


def _slash_hint(cells: pd.Series) -> str:
    """What to do about slash dates, in words any front-end can follow (each adds how to say it there)."""
    first = cells.str.extract(r"^(\d{1,2})/(\d{1,2})/")
    day_first = first[0].astype(float).gt(12).any()
    month_first = first[1].astype(float).gt(12).any()
    base = "say which order the dates use (day first: 14/03/2025; month first: 03/14/2025), or write them as YYYY-MM-DD"
    if day_first and not month_first:
        return base + "; these look day-first, so day first is likely right"
    if month_first and not day_first:
        return base + "; these look month-first, so month first is likely right"
    return base


def _check_rules(spec: C.FileSpec, df: pd.DataFrame, check: _Checker, present: tuple = ()) -> None:
    """The contract's rules beyond types: unique ids, signs, ordering (``present``: the columns the file has)."""
    if spec.key and spec.key in df:
        key = df[spec.key]
        repeat = repeats(key)
        if repeat.any():
            fix = "give every record its own id"
            if spec.stem == "orders" and _looks_like_item_rows(df, repeat):
                fix = (
                    "the file looks like one row per item, but orders.csv needs one row per order: "
                    "add up revenue (and items) per order_id first, e.g. with a pivot table, "
                    "and keep the item rows in a separate file"
                )
            check.flag("duplicate_id", spec.key, repeat, "an id already used on an earlier row", fix)
    if spec.stem == "orders":
        check.flag(
            "negative",
            "revenue",
            df["revenue"] < 0,
            "a negative amount",
            "revenue must be 0 or more; record a refund by lowering the original order's revenue "
            "(or by leaving the refunded order out), not as a negative row",
        )
        check.flag("less_than_one", "items", df["items"] < 1, "less than 1", "an order has at least one item")
    if spec.stem == "campaigns":
        check.flag("negative", "spend", df["spend"] < 0, "a negative amount", "spend must be 0 or more")
        check.flag(
            "clicks_over_impressions",
            "clicks",
            df["clicks"] > df["impressions"],
            "more clicks than impressions",
            "a campaign cannot have more clicks than times it was shown; check the two columns",
        )
        check.flag(
            "end_before_start",
            "end_date",
            df["end_date"] < df["start_date"],
            "an end date before start_date",
            "swap the two dates or correct the end date",
        )
    if spec.stem == "targets":
        check.flag("negative", "target", df["target"] < 0, "a negative amount", "a target must be 0 or more")
    if spec.stem == "funnel":
        check.flag("negative", "count", df["count"] < 0, "a negative count", "a count must be 0 or more")
    if spec.stem == "interactions":
        _check_deals(df, check, present)
    if spec.stem == "survey":
        check.flag(
            "score_over_ten",
            "score",
            df["score"] > 10,
            "a score over 10",
            "the question is scored from 0 (not at all likely to recommend) to 10 (extremely likely)",
        )


def _check_deals(df: pd.DataFrame, check: _Checker, present: tuple) -> None:
    """The sales pipeline's rules: a deal has a value, moves forward through its stages and closes once.

    Dates are compared as days: a deal created at 16:00 and closed the same morning is in order.
    """
    stages = [C.STAGE_COLUMNS[stage] for stage in C.DEAL_STAGES[1:]]
    stage_dates = [*stages, "closed_date"]
    check.flag("negative", "deal_value", df["deal_value"] < 0, "a negative amount", "a deal's value must be 0 or more")
    dated = df[stages].notna().any(axis=1) & df["deal_value"].isna()
    if "deal_value" in present:
        check.flag(
            "deal_without_value",
            "deal_value",
            dated,
            "empty on a row with stage dates (a deal)",
            "give the deal its value, or clear its stage dates if it is not a deal",
        )
    else:
        named = ", ".join(c for c in stages if c in present)
        check.flag(
            "deal_without_value",
            named.split(", ")[0],
            dated,
            "a stage date, but the file has no deal_value column",
            "add a deal_value column with each deal's value, or remove the stage columns",
        )
    day = {column: df[column].dt.normalize() for column in ["date", *stage_dates]}
    fix = "a deal moves forward through its stages (date, qualified, proposal, negotiation, closed); correct the dates"
    latest, latest_name = day["date"], pd.Series("date", index=df.index)
    for column in stage_dates:
        early = day[column] < latest
        for name in sorted(latest_name[early].unique()):
            what = f"earlier than its {name}" + (" (the day it became a prospect)" if name == "date" else "")
            check.flag("stage_out_of_order", column, early & (latest_name == name), what, fix)
        ahead = day[column].notna() & ~early
        latest, latest_name = latest.where(~ahead, day[column]), latest_name.where(~ahead, column)
    check.flag(
        "closed_while_open",
        "closed_date",
        df["closed_date"].notna() & (df["outcome"] == "open"),
        "a closing day on an open deal",
        "set its outcome to won or lost, or clear closed_date while it is open",
    )


def _looks_like_item_rows(df: pd.DataFrame, repeat: pd.Series) -> bool:
    """Repeated order ids whose rows share date and customer: item lines, not separate orders."""
    ids = df.loc[repeat, "order_id"].unique()
    group = df[df["order_id"].isin(ids)]
    same = group.groupby("order_id")[["order_date", "customer_id"]].nunique(dropna=False).le(1).all(axis=1)
    return bool(same.mean() >= 0.8)


# ---------------------------------------------------------------------------------------------
# Loading a folder


def load_business(path, *, dayfirst: bool | None = None, name: str | None = None) -> Business:
    """Load and validate a business folder (the business-data contract, see ``data/README.md``).

    Parameters
    ----------
    path : str or Path
        Folder holding ``orders.csv`` and optionally the other files of the contract (`contract.FILES`).
    dayfirst : bool, optional
        How to read slash dates: True for 14/03/2025, False for 03/14/2025. Without it slash
        dates are refused, because 03/04/2025 could be either.
    name : str, optional
        The business's name (default: the folder's name).

    Returns
    -------
    Business
        Typed tables; absent optional files are ``None``.

    Raises
    ------
    BusinessDataError
        Listing every problem found, one sentence each, naming file, column and rows.

    Examples
    --------
    >>> hub = load_bookhub()
    >>> hub.name, len(hub.orders) > 10_000
    ('The Book Hub', True)
    """
    folder = Path(path).expanduser()
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        message = f"The business folder {folder} {what}; give the folder that holds orders.csv."
        raise BusinessDataError(Problem(message, "no_folder"))
    problems: list[Problem] = []
    tables: dict[str, pd.DataFrame | None] = {}
    present: dict[str, tuple] = {}
    names: dict[str, str] = {}
    notes: list[str] = []
    in_folder: set[str] = set()
    for spec in C.FILES:
        found = _find_files(folder, spec.stem)
        tables[spec.stem] = None
        names[spec.stem] = spec.filename
        if not found:
            if spec.required:
                message = f"{folder} has no {spec.filename}; it is the one file every business folder needs."
                problems.append(Problem(message, "missing_file", spec.filename))
            continue
        in_folder.add(spec.stem)
        csv_files = [p for p in found if p.suffix.lower() == ".csv"]
        if len(found) == 2 and len(csv_files) == 1:  # a workbook saved again as CSV, as smk advises: read the CSV
            skipped = next(p for p in found if p not in csv_files)
            notes.append(
                f"{skipped.name} was not read: {csv_files[0].name} is read instead; remove the one you do not mean."
            )
            found = csv_files
        if len(found) > 1:
            both = " and ".join(p.name for p in found)
            message = (
                f"{folder} has {both}; smk reads one {spec.stem} file, so keep one of them and move "
                "or rename the other."
            )
            problems.append(Problem(message, "two_files", found[0].name))
            continue
        try:
            raw = read_table(found[0], spec)
        except BusinessDataError as exc:
            problems.extend(exc.records)
            continue
        names[spec.stem] = raw.name
        present[spec.stem] = tuple(c.name for c in spec.columns if c.name in raw.cells.columns)
        found_before = len(problems)
        tables[spec.stem] = _typed_table(spec, raw, dayfirst, problems)
        if raw.typed and len(problems) > found_before:  # name the faults with the cells as written
            del problems[found_before:]
            tables[spec.stem] = _typed_table(spec, read_table(found[0], spec, typed=False), dayfirst, problems)
    warnings = notes + _cross_checks(tables, names, problems, in_folder)
    if problems:
        raise BusinessDataError(problems)
    tables = {stem: None if df is None else df.drop(columns="_row") for stem, df in tables.items()}
    name = name or _example_name(folder) or folder.name
    return Business(name=name, path=folder, warnings=tuple(warnings), present_columns=present, **tables)


def _cross_checks(tables: dict, names: dict, problems: list[Problem], in_folder=frozenset()) -> list[str]:
    """Rules that span files: campaign ids must exist; linked orders should exist.

    ``in_folder`` names the files the folder has: one that could not be read has its own message, so the
    ids that point into it are not checked.
    """
    warnings: list[str] = []
    if tables.get("orders") is not None and tables["orders"].empty:
        warnings.append(f"{names['orders']} has a header but no orders yet, so every number will be 0 or n/a.")
    campaigns = tables.get("campaigns")
    known = set(campaigns["campaign_id"].dropna()) if campaigns is not None else set()
    for stem in ("orders", "interactions", "touchpoints"):
        df = tables.get(stem)
        if df is None or "campaign_id" not in df or (campaigns is None and "campaigns" in in_folder):
            continue
        unknown = df["campaign_id"].notna() & ~df["campaign_id"].isin(known)
        if unknown.any():
            fix = (
                f"add the campaign to {names['campaigns']} or correct the id"
                if campaigns is not None
                else "the folder has no campaigns.csv, so add one or clear this column"
            )
            _Checker(names[stem], df, problems).flag(
                "unknown_campaign", "campaign_id", unknown, f"a campaign that is not in {names['campaigns']}", fix
            )
    orders, interactions = tables.get("orders"), tables.get("interactions")
    if orders is not None and not problems:
        warnings.extend(_isolated_orders(orders, names["orders"]))
    if orders is not None and interactions is not None:
        dangling = interactions["order_id"].notna() & ~isin(interactions["order_id"], orders["order_id"])
        if dangling.any():
            rows = rows_text(interactions.loc[dangling, "_row"])
            warnings.append(
                f"{names['interactions']}, column 'order_id', {rows}: the order is not in "
                f"{names['orders']}, so staff revenue from these interactions is not counted."
            )
    funnel = tables.get("funnel")
    if funnel is not None and not problems:
        warnings.extend(f"{names['funnel']}: {w}" for w in funnel_warnings(funnel_table(funnel)))
    return warnings


def _isolated_orders(orders: pd.DataFrame, name: str) -> list[str]:
    """A warning for a few orders far in time from all the others: most likely a typo in the year.

    Found at the widest gap between order dates, when it is over `limits.ISOLATED_ORDER_DAYS` and one
    side of it holds at most 1% of the orders (at least one).
    """
    dates = orders["order_date"].dropna()
    if len(dates) < 3:
        return []
    distinct = np.sort(pd.unique(dates.to_numpy()))  # the widest gap lies between distinct dates: sort only those
    gaps = np.diff(distinct) // np.timedelta64(1, "D")
    if not len(gaps):
        return []
    widest = int(np.argmax(gaps))
    if gaps[widest] <= limits.ISOLATED_ORDER_DAYS:
        return []
    few = max(1, len(dates) // 100)
    early = dates <= distinct[widest]
    before, after = dates[early], dates[~early]
    odd, rest = (before, after) if len(before) <= few else (after, before) if len(after) <= few else (None, None)
    if odd is None:
        return []
    ordered = dates.sort_values()  # the rows in the order the warning has always listed them
    odd = ordered.iloc[: len(before)] if odd is before else ordered.iloc[len(before) :]
    years = gaps[widest] / 365.25
    rows = rows_text(orders.loc[odd.index, "_row"])
    return [
        f"{name}, column 'order_date', {rows}: {years:.0f} year{'s' if round(years) != 1 else ''} away from all "
        f"the other orders ({rest.min():%Y-%m-%d} to {rest.max():%Y-%m-%d}), so a period that spans them holds "
        "almost nothing; check the year."
    ]


def read_extra_table(filename: str, folder=None, text_columns=()) -> pd.DataFrame:
    """A table outside the contract (the Book Hub's products, order lines, staff), opened as the loader opens files.

    The file is read the safe way (a regular file within `limits.MAX_TABLE_BYTES`, its encoding found, every
    quote closed); then pandas types it, keeping ``text_columns`` as text (ids such as ``"0042"``).

    Parameters
    ----------
    filename : str
        E.g. ``"products.csv"``.
    folder : str or Path, optional
        Default: The Book Hub's folder.
    text_columns : iterable of str
        Columns to keep as text.

    Raises
    ------
    BusinessDataError
        One `Problem` naming the file when it cannot be read.

    Examples
    --------
    >>> staff = read_extra_table("staff.csv", text_columns=["staff"])
    >>> staff["staff"].dtype == object or str(staff["staff"].dtype) == "str"
    True
    """
    path = (bookhub_path() if folder is None else Path(folder)) / filename
    try:
        text = decode_text(
            read_bytes(path, limits.MAX_TABLE_BYTES, name=filename, kind="table", fix=TABLE_FIX), filename
        )
        split_csv(text, filename)  # the loader's checks: quotes that never close, rows too wide
    except UnreadableFile as exc:
        raise BusinessDataError(Problem(str(exc), "unreadable_file", filename)) from None
    return pd.read_csv(io.StringIO(text), dtype={c: "str" for c in text_columns})


EXAMPLES = {"bookhub": "The Book Hub", "northway": "Northway Workwear"}  # folder -> business name


def example_path(folder: str = "bookhub") -> Path:
    """The folder of an example business shipped with smk: the installed package's copy, else the checkout's.

    Parameters
    ----------
    folder : str
        One of `EXAMPLES`: ``"bookhub"`` (The Book Hub, a bookstore) or ``"northway"`` (Northway
        Workwear, a firm that sells to other businesses).

    Examples
    --------
    >>> example_path("bookhub").name
    'bookhub'
    """
    if folder not in EXAMPLES:
        raise ValueError(f"{folder!r} is not an example business; the examples are {', '.join(EXAMPLES)}.")
    shipped = Path(__file__).resolve().parents[1] / "data" / folder
    if (shipped / "orders.csv").is_file():
        return shipped
    return Path(__file__).resolve().parents[2] / "data" / folder


def _example_name(folder: Path) -> str | None:
    """The business name of an example folder smk ships (so `smk summary data/northway` names it), else None."""
    for key, business in EXAMPLES.items():
        if folder.resolve() == example_path(key).resolve():
            return business
    return None


def bookhub_path() -> Path:
    """The folder of The Book Hub's data (see `example_path`)."""
    return example_path("bookhub")


def load_example(folder: str = "bookhub") -> Business:
    """Load an example business shipped with smk (synthetic data), by its folder's name (see `example_path`)."""
    return load_business(example_path(folder), name=EXAMPLES[folder])


def load_bookhub() -> Business:
    """Load The Book Hub, the course's worked example (synthetic data, 2024–2025)."""
    return load_example("bookhub")
