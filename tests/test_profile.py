"""A business in one column (smk_helpers.core.profile): the B2C shop and the B2B firm measured the same way."""

import math

import pandas as pd
import pytest

from helpers import business_folder
from smk_helpers import load_business, load_example
from smk_helpers.core import kpis, pipeline, profile
from smk_helpers.course.grading import bookhub

ORDERS = (
    "order_id,order_date,customer_id,channel,revenue\n"
    "1,2025-01-10,A,direct,3000.00\n"
    "2,2025-02-10,A,portal,1000.00\n"
    "3,2025-02-11,,direct,500.00\n"
    "4,2025-03-01,B,direct,1500.00\n"
)
INTERACTIONS = (
    "interaction_id,date,staff,type,outcome,order_id,minutes,deal_value,closed_date\n"
    "I1,2024-12-01,Ann,quote,won,1,300,3000.00,2025-01-10\n"
    "I2,2024-12-01,Ann,quote,lost,,120,800.00,2024-12-21\n"
    "I3,2025-02-20,Ann,quote,won,4,60,1500.00,2025-03-01\n"
    "I4,2025-02-20,Bo,call,won,2,15,,\n"
    "I5,2025-03-20,Bo,quote,open,,30,900.00,\n"
)
CAMPAIGNS = "campaign_id,channel,start_date,end_date,spend\nF1,trade fair,2025-01-01,2025-01-31,600.00\n"


@pytest.fixture
def firm(tmp_path):
    folder = business_folder(tmp_path / "firm", orders=ORDERS, interactions=INTERACTIONS, campaigns=CAMPAIGNS)
    return load_business(folder, name="Firm")


def test_the_profile_of_a_hand_made_firm(firm):
    p = profile.business_profile(firm)
    assert list(p.index) == list(profile.MEASURES) and p.name == "Firm"
    assert p["orders"] == 4 and p["named_customers"] == 2
    assert p["anonymous_share"] == 0.25
    assert p["average_order_value"] == 1500.0
    assert p["median_order"] == 1250.0
    assert p["orders_per_customer"] == 1.5  # 3 named orders / 2 customers
    assert p["revenue_per_customer"] == 2750.0
    assert p["deal_win_rate"] == pytest.approx(2 / 3)  # the open deal is left out, the call is no deal
    assert p["days_to_win"] == 24.5  # the median of 40 and 9 days
    assert p["one_to_one_share"] == pytest.approx(5500 / 6000)  # orders 1, 2 and 4 came from won contacts
    assert p["minutes_per_won_sale"] == pytest.approx(525 / 3)
    assert p["marketing_share"] == pytest.approx(0.1)


def test_missing_files_give_nan_not_zero(tmp_path):
    shop = load_business(business_folder(tmp_path / "shop", orders=ORDERS))
    p = profile.business_profile(shop)
    for measure in ("deal_win_rate", "days_to_win", "minutes_per_won_sale", "marketing_share"):
        assert math.isnan(p[measure]), measure
    assert p["one_to_one_share"] == 0.0  # no conversation led to an order: none of the revenue is one-to-one


def test_the_two_examples_agree_with_the_kpis_and_the_pipeline():
    for business in (bookhub(), load_example("northway")):
        p = profile.business_profile(business)
        revenue = kpis.total_revenue(business.orders)
        assert p["average_order_value"] == pytest.approx(revenue / len(business.orders))
        deals = pipeline.deal_summary(business.interactions, by=None).loc["all"]
        assert p["deal_win_rate"] == pytest.approx(deals["win_rate"])
        assert p["marketing_share"] == pytest.approx(business.campaigns["spend"].sum() / revenue)
        won = business.interactions[business.interactions["outcome"] == "won"]
        one_to_one = business.orders[business.orders["order_id"].isin(won["order_id"])]
        assert p["one_to_one_share"] == pytest.approx(one_to_one["revenue"].sum() / revenue)


def test_the_b2b_firm_sells_larger_slower_and_more_one_to_one_than_the_b2c_shop():
    shop, firm = profile.business_profile(bookhub()), profile.business_profile(load_example("northway"))
    assert firm["average_order_value"] > 10 * shop["average_order_value"]
    assert firm["named_customers"] < shop["named_customers"] / 10
    assert firm["days_to_win"] > 3 * shop["days_to_win"]
    assert firm["one_to_one_share"] > 2 * shop["one_to_one_share"]
    assert firm["minutes_per_won_sale"] > 10 * shop["minutes_per_won_sale"]
    assert shop["anonymous_share"] > 0 == firm["anonymous_share"]


def test_compare_sets_the_businesses_side_by_side_as_text(firm):
    table = profile.compare(bookhub(), firm)
    assert list(table.columns) == ["The Book Hub", "Firm"]
    assert list(table.index) == [heading for heading, _ in profile.MEASURES.values()]
    assert table.loc["Average order", "Firm"] == "$1,500.00"
    assert isinstance(table, pd.DataFrame) and table.map(type).eq(str).all().all()


def test_the_kinds_of_sale_are_told_apart_by_the_buyer():
    assert "organisation" in profile.KINDS["B2B"] and "person" in profile.KINDS["B2C"]


def test_selling_time_counts_all_minutes_and_what_the_won_conversations_brought():
    hub = bookhub()
    table = profile.selling_time(hub)
    row = table.loc[hub.name]
    assert row["conversations"] == len(hub.interactions)
    assert row["minutes"] == hub.interactions["minutes"].sum()
    won = profile.one_to_one_orders(hub.orders, hub.interactions)
    assert row["gross_profit"] == pytest.approx(hub.orders.loc[won, "gross_profit"].sum())
    assert row["minutes"] / row["won"] == pytest.approx(profile.business_profile(hub)["minutes_per_won_sale"])
