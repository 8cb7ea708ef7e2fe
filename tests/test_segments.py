"""Customer segments (smk_helpers.core.segments): one row per named customer, and each group's sums and ratios."""

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import business_folder
from smk_helpers import load_business, load_example
from smk_helpers.core import kpis, segments
from smk_helpers.course.grading import bookhub

ORDERS = (
    "order_id,order_date,customer_id,channel,revenue,gross_profit\n"
    "1,2025-01-05,C1,in-store,40.00,18.00\n"
    "2,2025-02-01,C1,website,20.00,9.00\n"
    "3,2025-02-02,C2,in-store,15.00,7.00\n"
    "4,2025-02-03,,in-store,9.00,4.00\n"
    "5,2025-03-01,C3,marketplace,30.00,6.00\n"
)
CUSTOMERS = "customer_id,acquisition_channel,first_order\nC1,referral,2020-01-01\nC2,search,\nC3,search,\nC9,social,\n"


@pytest.fixture
def shop(tmp_path):
    return load_business(business_folder(tmp_path / "shop", {"customers.csv": CUSTOMERS}, orders=ORDERS))


def test_buyers_has_one_row_per_named_customer_with_their_sums(shop):
    table = segments.buyers(shop.orders, segments.customers(shop))
    assert table.index.tolist() == ["C1", "C2", "C3"]  # the anonymous order and the customer who never bought: out
    assert table["orders"].tolist() == [2, 1, 1]
    assert table["revenue"].tolist() == [60.0, 15.0, 30.0]
    assert table["gross_profit"].tolist() == [27.0, 7.0, 6.0]
    assert table["channel"].tolist() == [segments.SEVERAL, "in-store", "marketplace"]
    assert table.loc["C1", "first_order"] == pd.Timestamp("2025-01-05")  # the orders' own, not customers.csv's
    assert table["acquisition_channel"].tolist() == ["referral", "search", "search"]


def test_customers_is_none_without_a_customers_file(tmp_path):
    business = load_business(business_folder(tmp_path / "bare", orders=ORDERS))
    assert segments.customers(business) is None
    assert "acquisition_channel" not in segments.buyers(business.orders)


def test_segment_table_is_ratios_of_sums_that_add_up(shop):
    table = segments.segment_table(segments.buyers(shop.orders, segments.customers(shop)), "acquisition_channel")
    assert table.index.tolist() == ["referral", "search"]  # largest revenue first
    search = table.loc["search"]
    assert (search["customers"], search["orders"], search["revenue"]) == (2, 2, 45.0)
    assert search["average_order_value"] == 22.5  # 45 / 2 orders, not the mean of each customer's average
    assert search["gross_margin"] == pytest.approx(13 / 45)
    assert search["gross_profit_per_customer"] == 6.5
    assert table["revenue_share"].sum() == pytest.approx(1.0)
    assert table["customer_share"].sum() == pytest.approx(1.0)


def test_frequency_segments_keep_their_order_and_cover_every_customer():
    orders = pd.Series([1, 2, 3, 4, 27], index=list("abcde"))
    labels = segments.frequency_segment(orders)
    assert labels.tolist() == [
        "one-off (1 order)",
        "occasional (2–3 orders)",
        "occasional (2–3 orders)",
        "regular (4+ orders)",
        "regular (4+ orders)",
    ]
    buyers = pd.DataFrame({"orders": orders, "revenue": 10.0 * orders, "gross_profit": 4.0 * orders})
    table = segments.segment_table(buyers, labels)
    assert table.index.tolist() == list(labels.cat.categories)  # in order of frequency, not of revenue
    assert table["customers"].sum() == len(orders)


def test_an_empty_segment_gives_no_row_and_no_division_by_zero():
    buyers = pd.DataFrame({"orders": [1, 1], "revenue": [5.0, 7.0], "gross_profit": [float("nan"), 3.0]})
    table = segments.segment_table(buyers, segments.frequency_segment(buyers["orders"]))
    assert table.index.tolist() == ["one-off (1 order)"]
    assert table.loc["one-off (1 order)", "gross_profit"] == 3.0  # a blank is unknown, not a reason for NaN
    assert not any(math.isinf(x) for x in table.select_dtypes("number").to_numpy().ravel())


def test_the_book_hubs_segments_add_up_to_its_named_customers():
    hub = bookhub()
    buyers = segments.buyers(hub.orders, segments.customers(hub))
    named = hub.orders[hub.orders["customer_id"].notna()]
    assert len(buyers) == kpis.customer_count(hub.orders)
    assert buyers["orders"].sum() == len(named)
    assert buyers["revenue"].sum() == pytest.approx(named["revenue"].sum())
    for by in (segments.frequency_segment(buyers["orders"]), "acquisition_channel", "channel"):
        table = segments.segment_table(buyers, by)
        assert table["customers"].sum() == len(buyers)
        assert table["revenue"].sum() == pytest.approx(named["revenue"].sum())


def test_northways_accounts_carry_their_industry_and_size():
    north = load_example("northway")
    accounts = segments.buyers(north.orders, segments.customers(north))
    assert accounts["industry"].notna().all() and accounts["employees"].notna().all()
    assert len(accounts) == kpis.customer_count(north.orders)


def test_readable_shows_the_chosen_columns_as_text(shop):
    table = segments.segment_table(segments.buyers(shop.orders), "channel")
    shown = segments.readable(table)
    assert list(shown.columns) == [segments.COLUMNS[c][0] for c in segments.SHOWN]
    assert segments.readable(table, ["revenue_share"]).loc["in-store", "Share of revenue"] == "14.3%"


def test_lesson_02s_large_accounts_start_where_the_data_s_tenders_start():
    from smk_helpers.course.exercises import lesson02

    smallest = lesson02.smallest_tenderer()
    assert lesson02.LARGE_ACCOUNT <= smallest
    assert lesson02.LARGE_ACCOUNT == smallest // 50 * 50


@given(
    st.lists(
        st.tuples(st.sampled_from(["C1", "C2", "C3"]), st.sampled_from(["in-store", "website", None])), max_size=20
    )
)
def test_a_buyers_channel_is_their_one_channel_or_several(rows):
    orders = pd.DataFrame(rows, columns=["customer_id", "channel"], dtype="str").assign(
        order_date=pd.Timestamp("2025-01-01"), revenue=1.0, gross_profit=0.5
    )
    expected = orders.groupby("customer_id")["channel"].agg(
        lambda s: s.iloc[0] if s.nunique() == 1 else segments.SEVERAL
    )
    assert segments.buyers(orders)["channel"].astype(object).to_dict() == expected.astype(object).to_dict()
