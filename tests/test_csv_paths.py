"""The fast CSV path (Arrow's CSV reader) gives exactly the cells and row numbers of the careful one."""

import datetime as dt
import tempfile
from unittest import mock

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from helpers import business_folder
from smk_helpers import load_business
from smk_helpers.core import data
from smk_helpers.errors import BusinessDataError, UnreadableFile
from smk_helpers.system.userfiles import frame_csv, split_csv

TEXTS = {
    "plain": "id,name,total\n1,Ann,3.50\n2,Bo,4\n",
    "no final line end": "id,name\n1,Ann\n2,Bo",
    "windows line ends": "id,name\r\n1,Ann\r\n2,Bo\r\n",
    "spaces around cells": "id , name\n 1, Ann \n2 ,\tBo\n",
    "unicode spaces": "id,name\n1,\u00a0Ann\u2003\n2,Bo\u3000\n",
    "accents next to separators": "id,name\n1,Andr\u00e9\n\u00c9mile,2\n",
    "blank rows and separator-only rows": "id,name\n1,Ann\n\n,\n  ,  \n\u00a0,\n2,Bo\n\n",
    "short rows": "id,name,note\n1,Ann\n2\n",
    "extra empty cells": "id,name\n1,Ann,,\n2,Bo\n",
    "semicolons": "id;total\n1;3,50\n2;4\n",
    "tabs": "id\tname\n1\t Ann \n2\tBo\n",
    "quotes": 'id,name\n1,"Ann, Bo"\n2,"x\ny"\n',
    "blank lines above the header": "\n\nid,name\n1,Ann\n",
    "a blank line of other white space above the header": ",\x0c\n\u3000,\nid,name\n1,Ann\n",
    "header only": "id,name\n",
    "separator-only rows, no spaces": "id,name,x\n1,Ann,3\n,,\n,\n2,Bo,4\n",
}


CAREFUL_ONLY = {
    "extra empty cells",
    "short rows",
    "separator-only rows, no spaces",
    "quotes",
    "blank lines above the header",
    "a blank line of other white space above the header",
}  # Arrow reads full rows only


@pytest.mark.parametrize("case", TEXTS)
def test_both_paths_give_the_same_cells_and_rows(case):
    text = TEXTS[case]
    careful = split_csv(text, "t.csv")
    fast = frame_csv(text, "t.csv")
    if careful.rows:
        assert (fast.rows == []) == (case not in CAREFUL_ONLY), "the path taken"
    assert fast.header == careful.header
    assert fast.frame.values.tolist() == careful.rows
    assert fast.row_numbers.tolist() == careful.row_numbers
    assert fast.separator == careful.separator


@pytest.mark.parametrize(
    "text", ["id,name\n1,Ann,extra\n", 'id,name\n1,"open\n2,x\n'], ids=["a row wider than the header", "open quote"]
)
def test_both_paths_refuse_with_the_same_sentence(text):
    with pytest.raises(UnreadableFile) as careful:
        split_csv(text, "t.csv")
    with pytest.raises(UnreadableFile) as fast:
        frame_csv(text, "t.csv")
    assert str(fast.value) == str(careful.value)


# --- numbers and dates typed by Arrow as it reads ---------------------------------------------------

DAY = st.dates(min_value=dt.date(1890, 1, 1), max_value=dt.date(2110, 12, 31)).map(str)
AMOUNT = st.decimals(min_value=-(10**6), max_value=10**13, places=2, allow_nan=False).map(str)
ODD = st.sampled_from(["", "nan", "inf", "-0", "-0.0", "1,234.50", "$5", " 7", "1e3", "12.", "2025-3-1", "14/03/2025"])


def _load(folder):
    try:
        business = load_business(folder)
    except BusinessDataError as error:
        return error.problems
    return business.orders, business.warnings


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(DAY, AMOUNT, AMOUNT, st.integers(1, 20).map(str)), min_size=1, max_size=12),
    st.lists(st.tuples(st.integers(0, 11), st.integers(0, 3), ODD), max_size=2),
)
@example(rows=[("2025-03-14", "12.50", "3", "1")] * 2, odd=[(1, 1, "-0")])  # pandas reads -0 as 0
@example(rows=[("2025-03-14", "12.50", "3", "1")] * 2, odd=[(1, 3, "nan")])  # a column where blanks are allowed
@example(rows=[("2025-03-14", "12.50", "3", "1")] * 2, odd=[(0, 0, ""), (1, 0, "")])  # no date at all
def test_typed_columns_load_as_the_text_path_loads_them(rows, odd):
    rows = [list(row) for row in rows]
    for row, column, cell in odd:  # a cell or two that is not a plain day or number
        rows[row % len(rows)][column] = cell
    text = "order_id,order_date,customer_id,channel,revenue,gross_profit,items\n" + "".join(
        f"{n},{day},C{n % 3},in-store,{revenue},{profit},{items}\n"
        for n, (day, revenue, profit, items) in enumerate(rows, 1)
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = business_folder(tmp, orders=text)
        typed = _load(folder)
        with mock.patch.object(data, "_kinds", lambda spec: {}):
            as_text = _load(folder)
    if isinstance(as_text, list):
        assert typed == as_text  # the same sentences, quoting the cells as written
    else:
        pd.testing.assert_frame_equal(typed[0], as_text[0], check_exact=True)
        for column in ("revenue", "gross_profit", "items"):  # -0.0 equals 0.0, so compare the signs too
            assert np.signbit(typed[0][column]).tolist() == np.signbit(as_text[0][column]).tolist()
        assert typed[1] == as_text[1]


def test_a_plain_file_is_typed_as_arrow_reads_it_and_a_faulty_one_is_read_again_as_text(tmp_path):
    good = "id,day,amount\n1,2025-03-14,12.50\n2,,7\n"
    kinds = {"day": "date", "amount": "number"}
    table = frame_csv(good, "t.csv", kinds=kinds)
    assert table.typed and table.frame[1].dtype == "datetime64[us]" and table.frame[2].tolist() == [12.5, 7.0]
    assert frame_csv(good.replace(",7", ", 7"), "t.csv", kinds=kinds).frame[2].tolist() == [12.5, 7.0]
    for fault in ("nan", "inf", "-0", "$7", "7 7"):
        assert not frame_csv(good.replace(",7", f",{fault}"), "t.csv", kinds=kinds).typed, fault
