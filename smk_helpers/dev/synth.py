"""What the synthetic-data generators share: ids, weighted draws, cents, the CSV files and the README helpers.

`smk_helpers.dev.bookhub` (The Book Hub, a bookstore) and `smk_helpers.dev.b2b` (Northway Workwear, a
B2B firm) each draw their own tables; this module is the one place for what they do alike, so both write
their files byte for byte the same way and both measure their ``data/README.md`` blocks with the same
formatting. The KPIs those blocks quote come from the library (`smk_helpers.core`), not from here.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..core.kpis import win_rate

# --- Drawing the tables ------------------------------------------------------------------------------------


def ids(prefix, numbers, width: int) -> pd.Series:
    """Text ids such as C00042: ``prefix`` (one, or one per number) followed by the zero-padded number.

    Examples
    --------
    >>> ids("C", [1, 42], 5).tolist()
    ['C00001', 'C00042']
    """
    return prefix + pd.Series(numbers).astype(str).str.zfill(width)


def draw(rng, options: dict, size: int) -> np.ndarray:
    """Draw ``size`` keys of ``options`` with the given probabilities (weights, scaled to add up to 1).

    Examples
    --------
    >>> draw(np.random.default_rng(0), {"a": 2.0, "b": 0.0}, 3).tolist()
    ['a', 'a', 'a']
    """
    keys = list(options)
    p = np.asarray(list(options.values()), float)
    return np.asarray(keys, dtype=object)[rng.choice(len(keys), size=size, p=p / p.sum())]


def cents(values) -> np.ndarray:
    """Whole cents as dollars: money is added up in integer cents and divided only at the end.

    Examples
    --------
    >>> cents([1999, 5]).tolist()
    [19.99, 0.05]
    """
    return np.asarray(values, dtype=np.int64) / 100


def funnel_rows(campaigns: pd.DataFrame, counts: dict, stages) -> pd.DataFrame:
    """``funnel.csv``: the campaigns' counts at each stage, added up by month and source.

    ``campaigns`` has a ``campaign_id``, a ``period`` and a ``channel`` (the source); ``counts`` maps each
    of ``stages`` to counts by campaign id (a campaign missing from it counts 0). Rows come in period,
    source and stage order.

    Examples
    --------
    >>> c = pd.DataFrame({"campaign_id": ["A", "B"], "period": ["2024-01"] * 2, "channel": ["email"] * 2})
    >>> funnel_rows(c, {"reach": pd.Series({"A": 10, "B": 5}), "clicks": pd.Series({"A": 2})}, ("reach", "clicks"))
        period source   stage  count
    0  2024-01  email   reach     15
    1  2024-01  email  clicks      2
    """
    per = pd.DataFrame(
        {stage: s.reindex(campaigns["campaign_id"]).fillna(0).astype(int).to_numpy() for stage, s in counts.items()}
    )
    per[["period", "source"]] = campaigns[["period", "channel"]].to_numpy()
    long = per.groupby(["period", "source"])[list(stages)].sum().stack().rename("count").reset_index()
    long = long.rename(columns={"level_2": "stage"})
    long["stage_no"] = long["stage"].map({s: i for i, s in enumerate(stages)})
    return long.sort_values(["period", "source", "stage_no"], ignore_index=True)[["period", "source", "stage", "count"]]


# --- The CSV files -----------------------------------------------------------------------------------------


def write_tables(tables: dict[str, pd.DataFrame], out_dir) -> list[Path]:
    """Write each table as ``<name>.csv`` into ``out_dir`` (created if needed); the paths, in name order.

    The bytes depend on the tables alone: UTF-8, ``\\n`` line ends, no index, floats (money) with two
    decimals, blanks for missing values. Existing files of the same names are replaced.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [p.read_bytes() for p in write_tables({"t": pd.DataFrame({"a": [1.5, None], "b": ["x", None]})}, folder)]
    [b'a,b\\n1.50,x\\n,\\n']
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, table in sorted(tables.items()):
        path = out / f"{name}.csv"
        table.to_csv(path, index=False, lineterminator="\n", encoding="utf-8", float_format="%.2f")
        paths.append(path)
    return paths


def read_tables(folder, text_columns) -> dict[str, pd.DataFrame]:
    """The CSV files of ``folder`` as plain ``pd.read_csv`` reads them, ``text_columns`` (the ids) as text.

    This is how the README blocks and the tests read the files: as a student would, without the loader.
    """
    return {p.stem: pd.read_csv(p, dtype={c: "str" for c in text_columns}) for p in sorted(Path(folder).glob("*.csv"))}


# --- The README blocks -------------------------------------------------------------------------------------


def outcome_win_rate(outcomes: pd.Series) -> float:
    """`smk_helpers.core.kpis.win_rate` of a column of outcomes: won / (won + lost), open ones left out.

    Examples
    --------
    >>> outcome_win_rate(pd.Series(["won", "lost", "open", "won"]))
    0.6666666666666666
    """
    return win_rate((outcomes == "won").sum(), (outcomes == "lost").sum())


def pct(x: float, digits: int = 1) -> str:
    """A fraction as a percentage; "n/a" when it is unknown.

    Examples
    --------
    >>> pct(0.1234), pct(0.5, 0), pct(float("nan"))
    ('12.3%', '50%', 'n/a')
    """
    return "n/a" if pd.isna(x) else f"{100 * x:.{digits}f}%"


def usd(x: float, cents: bool = False) -> str:
    """Dollars, whole or (``cents=True``) with cents.

    Examples
    --------
    >>> usd(1234.5), usd(1234.5, cents=True)
    ('$1,234', '$1,234.50')
    """
    return f"${x:,.2f}" if cents else f"${x:,.0f}"


def count(x) -> str:
    """A count with thousands separators.

    Examples
    --------
    >>> count(12345.0)
    '12,345'
    """
    return f"{int(x):,}"


def by_year(values, fmt) -> str:
    """Figures of the years (2024 and 2025) as "a / b", each written by ``fmt``.

    Examples
    --------
    >>> by_year([0.25, 0.5], pct)
    '25.0% / 50.0%'
    """
    return " / ".join(fmt(v) for v in values)


def words(items) -> str:
    """Items as prose: "a, b and c".

    Examples
    --------
    >>> words(["a", "b", "c"]), words(["a"])
    ('a, b and c', 'a')
    """
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def table(header, rows) -> str:
    """A Markdown table.

    Examples
    --------
    >>> print(table(["a", "b"], [[1, "x"]]))
    | a | b |
    |---|---|
    | 1 | x |
    """
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(str(x) for x in row) + " |" for row in rows])


def columns(rows) -> str:
    """A file's column table: (column, meaning) pairs as a Markdown table."""
    return table(["column", "meaning"], rows)
