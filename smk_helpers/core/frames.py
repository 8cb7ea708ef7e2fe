"""Column operations that stay in Arrow where pandas would leave it.

pandas keeps text in Arrow-backed columns (its ``str`` dtype, with pyarrow installed), but a few of its
operations on them step through Python objects one value at a time. The functions here give the same
answers with Arrow's compute kernels.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def _arrow_text(values):
    """The Arrow array behind Arrow-backed text (a Series, Index or array), or None for anything else."""
    array = getattr(values, "array", values)
    dtype = getattr(array, "dtype", None)
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        return array._pa_array
    return None


def isin(column: pd.Series, values) -> pd.Series:
    """Whether each cell of ``column`` is one of ``values``: ``column.isin(values)``, in Arrow for text.

    pandas turns every one of ``values`` into a Python object first; for a column checked against another
    of a million ids, that is most of a load's time. When both are Arrow text, a blank cell is never found,
    even among blank ``values``; otherwise this is `Series.isin`, where NaN finds NaN.

    Parameters
    ----------
    column : Series
        The cells to look up.
    values : Series, Index or list-like
        What to look them up in.

    Examples
    --------
    >>> ids = pd.Series(["a", "b", None], dtype="str")
    >>> isin(ids, pd.Series(["b", "c"], dtype="str")).tolist()
    [False, True, False]
    >>> isin(ids, ["a"]).tolist()
    [True, False, False]
    >>> isin(ids, pd.Series(["b", "x", "y", "z", "w", "v", "u", "t", "s", "r", "q", "p", "o"], dtype="str")).tolist()
    [False, True, False]
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    cells, wanted = _arrow_text(column), _arrow_text(values)
    if cells is None or wanted is None:
        return column.isin(values)
    if isinstance(wanted, pa.ChunkedArray):
        wanted = wanted.combine_chunks() if wanted.num_chunks != 1 else wanted.chunk(0)
    if wanted.type != cells.type:
        wanted = wanted.cast(cells.type)
    if len(wanted) > 4 * len(cells):  # a few ids among many: look the many up among the few instead
        distinct = pc.unique(cells.combine_chunks() if isinstance(cells, pa.ChunkedArray) else cells)
        wanted = pc.unique(wanted.filter(pc.is_in(wanted, value_set=distinct.drop_null())))
    found = pc.is_in(cells, value_set=wanted.drop_null(), skip_nulls=True)
    return pd.Series(np.asarray(found.fill_null(False), dtype=bool), index=column.index, name=column.name)


def plain_numbers(column: pd.Series) -> pd.Series | None:
    """Arrow-backed text cells as float64 when every non-blank cell is a plain number; None otherwise.

    Plain means what Arrow's cast from text to a double accepts (``12``, ``-3.5``, ``1e3``, ``nan``,
    ``inf``); a blank cell is NaN. One cell that is anything else (``$12``, ``1,234``) gives None, and the
    caller parses the column the careful way. So does a ``-0``: `pandas.to_numeric` reads it as 0 or as
    -0.0 depending on the rest of the column, and only the careful way can say which.

    Examples
    --------
    >>> plain_numbers(pd.Series(["12", "", "-3.5", "1e3"], dtype="str")).tolist()
    [12.0, nan, -3.5, 1000.0]
    >>> plain_numbers(pd.Series(["12", "$3"], dtype="str")) is None
    True
    """
    import pyarrow as pa

    values = _cast_cells(column, pa.float64())
    if values is None:
        return None
    out = values.to_numpy(zero_copy_only=False)
    if ((out == 0) & np.signbit(out)).any():
        return None
    return pd.Series(out, index=column.index, name=column.name, dtype="float64")


def _cast_cells(column: pd.Series, arrow_type):
    """Arrow-backed text cast to ``arrow_type``, a blank cell null; None if the column is not such text or a
    cell does not cast."""
    import pyarrow as pa
    import pyarrow.compute as pc

    cells = _arrow_text(column)
    if cells is None:
        return None
    try:
        return pc.cast(pc.if_else(pc.equal(cells, ""), pa.scalar(None, cells.type), cells), arrow_type)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None


def repeats(column: pd.Series) -> pd.Series:
    """Whether each cell repeats one on an earlier row; blank cells never do.

    Formula: ``column.notna() & column.duplicated(keep="first")``. When no id repeats (as in a good file),
    `_all_distinct` says so first, far cheaper than pandas' `duplicated`.

    Examples
    --------
    >>> repeats(pd.Series(["a", "b", "a", None, None], dtype="str")).tolist()
    [False, False, True, False, False]
    """
    cells = _arrow_text(column)
    if cells is not None and _all_distinct(cells):
        return pd.Series(False, index=column.index, name=column.name)
    return column.notna() & column.duplicated(keep="first")


def _all_distinct(cells) -> bool:
    """Whether no two non-blank cells of an Arrow text array are the same.

    Ids written as whole numbers are compared as numbers first: if those differ, so does their text
    (``"042"`` and ``"42"`` are the same number but different ids, so equal numbers prove nothing and the
    text is compared). Numbers already in increasing order, as exports number their rows, need no hashing.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    present = cells.drop_null()
    try:
        numbers = pc.cast(present, pa.int64()).to_numpy()
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        numbers = None
    if numbers is not None and (len(numbers) < 2 or bool((numbers[1:] > numbers[:-1]).all())):
        return True
    if numbers is not None and len(pd.unique(numbers)) == len(numbers):
        return True
    return len(pc.unique(present)) == len(present)


def plain_dates(column: pd.Series) -> pd.Series | None:
    """Arrow-backed text cells as datetime64[us] when every non-blank cell is a YYYY-MM-DD day; else None.

    Arrow's cast to a date takes only zero-padded real days (``2024-02-29``, not ``2025-02-29`` or
    ``2025-3-1``). A blank cell is NaT. None when any cell is something else, or no cell is a day:
    the caller parses the column the careful way.

    Examples
    --------
    >>> plain_dates(pd.Series(["2025-03-14", ""], dtype="str")).tolist()
    [Timestamp('2025-03-14 00:00:00'), NaT]
    >>> plain_dates(pd.Series(["2025-03-14", "14/03/2025"], dtype="str")) is None
    True
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    days = _cast_cells(column, pa.date32())
    if days is None or days.null_count == len(days):
        return None
    values = pc.cast(days, pa.timestamp("us")).to_numpy(zero_copy_only=False)
    return pd.Series(values, index=column.index, name=column.name, dtype="datetime64[us]")
