"""The Arrow shortcuts in `smk_helpers.core.frames` answer exactly as the pandas calls they replace."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smk_helpers.core.frames import isin, plain_dates, plain_numbers, repeats

# Cells a numbers column may hold: digits, signs, points, exponents, spaces, currency, words.
NUMBERISH = st.text(alphabet="0123456789-+.,eE $()nainfINF_x", max_size=12)
PLAIN = st.from_regex(r"\A[-+]?[0-9]{1,20}(\.[0-9]{0,20})?([eE][-+]?[0-9]{1,3})?\Z")  # what the fast path takes
IDS = st.text(alphabet="abcAB12 é-", max_size=4)


@given(st.lists(st.one_of(PLAIN, NUMBERISH), max_size=30))
def test_plain_numbers_are_pandas_numbers_to_the_bit(cells):
    column = pd.Series(cells, dtype="str")
    fast = plain_numbers(column)
    if fast is None:
        return  # the caller takes the careful path, which is pandas' own
    careful = pd.to_numeric(column, errors="coerce").astype("float64")  # what parse_numbers did before
    assert fast.index.equals(column.index)
    assert np.array_equal(fast.to_numpy(), careful.to_numpy(), equal_nan=True)
    assert np.array_equal(np.signbit(fast.to_numpy()), np.signbit(careful.to_numpy()))


def test_plain_numbers_take_the_fast_path_for_plain_cells():
    column = pd.Series(["12.50", "", "-3", "1e3", "0", "0.1"], dtype="str")
    assert plain_numbers(column).tolist() == pytest.approx([12.5, np.nan, -3.0, 1000.0, 0.0, 0.1], nan_ok=True)
    for signed_zero in ("-0", "-0.0"):  # pandas reads them as 0 or -0.0, depending on the rest of the column
        assert plain_numbers(pd.Series(["12.50", signed_zero], dtype="str")) is None


def test_a_formatted_cell_sends_the_column_the_careful_way():
    assert plain_numbers(pd.Series(["12", "1,234"], dtype="str")) is None
    assert plain_numbers(pd.Series(["12", "12"], dtype=object)) is None  # not Arrow-backed text


@given(st.lists(st.one_of(IDS, st.none()), max_size=20), st.lists(st.one_of(IDS, st.none()), max_size=20))
def test_isin_is_pandas_isin_for_every_cell_that_is_not_blank(cells, values):
    column, wanted = pd.Series(cells, dtype="str"), pd.Series(values, dtype="str")
    found = isin(column, wanted)
    assert found.index.equals(column.index)
    assert found[column.notna()].tolist() == column.isin(wanted)[column.notna()].tolist()
    assert not found[column.isna()].any()


@given(st.lists(st.one_of(IDS, st.none()), max_size=20))
def test_repeats_are_pandas_duplicates_that_are_not_blank(cells):
    column = pd.Series(cells, dtype="str")
    assert repeats(column).tolist() == (column.notna() & column.duplicated(keep="first")).tolist()


DAYS = st.dates().map(str) | st.just("")  # what the fast path takes
DATEISH = st.from_regex(r"\A[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\Z") | st.text(alphabet="0123456789-/T: ", max_size=12)


@given(st.lists(DAYS, max_size=20), st.lists(DATEISH, max_size=2))
def test_plain_dates_are_pandas_dates(days, others):
    column = pd.Series(days + others, dtype="str")
    fast = plain_dates(column)
    if fast is None:
        return
    careful = pd.to_datetime(column, format="%Y-%m-%d", errors="coerce")
    assert fast.dtype == careful.dtype == "datetime64[us]"
    assert fast.tolist() == careful.tolist()
    assert not (column.ne("") & fast.isna()).any()  # every cell that is not blank is a day


def _isolated_before(orders, name):
    """`_isolated_orders` as it was before it sorted only distinct dates: the reference for the test below."""
    from smk_helpers.core.data import limits, rows_text

    dates = orders["order_date"].dropna().sort_values()
    if len(dates) < 3:
        return []
    gaps = dates.diff().dt.days.to_numpy()[1:]
    widest = int(np.argmax(gaps))
    if gaps[widest] <= limits.ISOLATED_ORDER_DAYS:
        return []
    few = max(1, len(dates) // 100)
    before, after = dates.iloc[: widest + 1], dates.iloc[widest + 1 :]
    odd, rest = (before, after) if len(before) <= few else (after, before) if len(after) <= few else (None, None)
    if odd is None:
        return []
    years = gaps[widest] / 365.25
    rows = rows_text(orders.loc[odd.index, "_row"])
    return [
        f"{name}, column 'order_date', {rows}: {years:.0f} year{'s' if round(years) != 1 else ''} away from all "
        f"the other orders ({rest.min():%Y-%m-%d} to {rest.max():%Y-%m-%d}), so a period that spans them holds "
        "almost nothing; check the year."
    ]


STAMPS = st.datetimes(min_value=pd.Timestamp("2019-01-01"), max_value=pd.Timestamp("2021-12-31"))
FAR = st.datetimes(min_value=pd.Timestamp("1990-01-01"), max_value=pd.Timestamp("2060-12-31"))


@given(st.lists(STAMPS, min_size=0, max_size=150), st.lists(FAR, max_size=3), st.booleans())
def test_isolated_orders_warn_as_they_did_with_a_full_sort(dates, far, blank):
    from smk_helpers.core.data import _isolated_orders

    stamps = pd.Series(dates + far + ([None] if blank else []), dtype="datetime64[us]")
    orders = pd.DataFrame({"order_date": stamps, "_row": range(2, len(stamps) + 2)})
    assert _isolated_orders(orders, "orders.csv") == _isolated_before(orders, "orders.csv")


NUMBER_IDS = st.from_regex(r"\A0{0,2}[0-9]{1,3}\Z") | st.none()  # "042" and "42": one number, two ids


@given(st.lists(NUMBER_IDS, max_size=20), st.booleans())
def test_repeats_of_number_ids_are_repeats_of_their_text(cells, ordered):
    column = pd.Series(sorted(c for c in cells if c) if ordered else cells, dtype="str")
    assert repeats(column).tolist() == (column.notna() & column.duplicated(keep="first")).tolist()


@pytest.mark.parametrize("cells", [["-0", "5.5"], ["-0", "5"], ["-0", "$5"], ["-0.0", "7"], ["-0", ""]])
def test_a_signed_zero_reads_as_pandas_read_it_in_its_column(cells):
    from smk_helpers.core.data import parse_numbers

    column = pd.Series(cells, dtype="str")
    values, bad = parse_numbers(column, stripped=True)
    before = pd.to_numeric(column, errors="coerce").astype("float64")  # what parse_numbers did for these
    assert values[0] == 0 and np.signbit(values[0]) == np.signbit(before[0])
