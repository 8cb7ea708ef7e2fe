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
    of a million ids, that is most of a load's time. A blank cell is never found, even among blank ``values``.

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
    found = pc.is_in(cells, value_set=wanted.drop_null(), skip_nulls=True)
    return pd.Series(np.asarray(found.fill_null(False), dtype=bool), index=column.index, name=column.name)
