"""The 4 Ps analyses (lesson 03): hand-computed examples, the Book Hub's totals, and the exercises."""

import math

import pandas as pd
import pytest

from smk_helpers.core import kpis
from smk_helpers.core.data import bookhub_path
from smk_helpers.course import grading as checks
from smk_helpers.course import mix
from smk_helpers.course.exercises import check


def lines_frame(**columns):
    return pd.DataFrame(columns)


# --------------------------------------------------------------------------------- reading files


def test_catalogue_and_lines_are_read_from_the_folder_given(tmp_path):
    (tmp_path / "products.csv").write_text(
        "product_id,title,author,category,list_price,unit_cost\n00123,A mug,,gifts,10.00,4.50\n", encoding="utf-8"
    )
    (tmp_path / "order_lines.csv").write_text(
        "order_id,product_id,quantity,unit_price,discount,line_revenue\n0042,00123,2,10.00,1.00,19.00\n",
        encoding="utf-8",
    )
    catalogue, lines = mix.load_catalogue(tmp_path), mix.order_lines(tmp_path)
    assert catalogue.loc[0, "product_id"] == "00123"  # ids stay text
    assert lines.loc[0, "order_id"] == "0042"
    joined = mix.sales_lines(lines, catalogue)
    assert joined.loc[0, "cost"] == pytest.approx(9.0)
    assert joined.loc[0, "gross_profit"] == pytest.approx(10.0)


def test_the_book_hub_files_are_read_by_default():
    folder = bookhub_path()
    assert len(mix.load_catalogue()) == len(pd.read_csv(folder / "products.csv")) == 1350
    assert len(mix.order_lines()) == len(pd.read_csv(folder / "order_lines.csv")) > 40_000


def test_sales_lines_keeps_lines_of_unknown_products_with_unknown_cost():
    lines = lines_frame(
        order_id=["1", "1"],
        product_id=["B1", "X9"],
        quantity=[1, 1],
        unit_price=[20.0, 5.0],
        discount=[0.0, 0.0],
        line_revenue=[20.0, 5.0],
    )
    catalogue = pd.DataFrame(
        {
            "product_id": ["B1"],
            "title": ["T"],
            "author": ["A"],
            "category": ["fiction"],
            "list_price": [20.0],
            "unit_cost": [11.0],
        }
    )
    orders = pd.DataFrame({"order_id": ["1"], "order_date": pd.to_datetime(["2025-03-01"]), "channel": ["website"]})
    table = mix.sales_lines(lines, catalogue, orders)
    assert len(table) == 2
    assert math.isnan(table.loc[1, "gross_profit"])
    assert table["channel"].tolist() == ["website", "website"]


# ------------------------------------------------------------------------------------- product


def test_category_margin_is_a_ratio_of_sums_not_a_mean_of_ratios():
    # fiction: a $100 line at 50% and a $10 line at 10%: (50 + 1) / 110, not (0.5 + 0.1) / 2
    lines = lines_frame(
        category=["fiction", "fiction", "gifts"],
        quantity=[4, 1, 3],
        line_revenue=[100.0, 10.0, 30.0],
        gross_profit=[50.0, 1.0, 15.0],
    )
    table = mix.category_mix(lines)
    assert table.index.tolist() == ["fiction", "gifts"]  # largest revenue first
    assert table.loc["fiction", "gross_margin"] == pytest.approx(51 / 110)
    assert table.loc["fiction", "profit_per_copy"] == pytest.approx(51 / 5)
    assert table.loc["fiction", "average_price"] == pytest.approx(110 / 5)
    assert table.loc["gifts", "revenue_share"] == pytest.approx(30 / 140)
    assert table["revenue_share"].sum() == pytest.approx(1.0)


def test_a_category_with_no_revenue_has_an_unknown_margin():
    lines = lines_frame(
        category=["fiction", "gifts"], quantity=[1, 1], line_revenue=[10.0, 0.0], gross_profit=[4.0, -2.0]
    )
    assert math.isnan(mix.category_mix(lines).loc["gifts", "gross_margin"])


def test_bestsellers_rank_by_copies_then_revenue_then_id():
    lines = lines_frame(
        product_id=["B2", "B1", "B3", "B3"],
        title=["Two", "One", "Three", "Three"],
        category=["fiction"] * 4,
        quantity=[2, 2, 1, 2],
        line_revenue=[30.0, 40.0, 10.0, 20.0],
    )
    table = mix.bestsellers(lines, n=2)
    assert table.index.tolist() == [1, 2]
    assert table["product_id"].tolist() == ["B3", "B1"]  # B3: 3 copies; B1 beats B2 on revenue


# --------------------------------------------------------------------------------------- price


def test_price_bands_include_the_lower_edge_and_list_every_band():
    lines = lines_frame(
        unit_price=[14.99, 15.0, 19.99, 20.0],
        quantity=[1, 1, 1, 1],
        line_revenue=[14.99, 15.0, 19.99, 20.0],
        gross_profit=[7.0, 7.0, 9.0, 9.0],
    )
    table = mix.price_bands(lines, edges=(0, 15, 20, 25, math.inf))
    assert table.index.tolist() == ["under $15", "$15–19.99", "$20–24.99", "$25 and over"]
    assert table["copies"].tolist() == [1.0, 2.0, 1.0, 0.0]
    assert table["copies_share"].sum() == pytest.approx(1.0)
    assert math.isnan(table.loc["$25 and over", "gross_margin"])  # no sales: margin unknown, not 0


def test_band_labels_read_like_prices():
    assert mix.band_labels((0, 10, math.inf)) == ["under $10", "$10 and over"]


def test_discount_kinds_and_their_margins_by_hand():
    orders = pd.DataFrame(
        {
            "campaign_id": ["PRM-1", None, None, "EML-1"],
            "discount": ["15.00", "10.00", "0.00", "0.00"],
            "revenue": [85.0, 90.0, 100.0, 50.0],
            "gross_profit": [30.0, 35.0, 46.0, 23.0],
        }
    )
    campaigns = pd.DataFrame({"campaign_id": ["PRM-1", "EML-1"], "channel": ["in-store", "email"]})
    assert mix.discount_kind(orders, campaigns).tolist() == [
        mix.PROMOTION,
        mix.LOYALTY_REWARD,
        mix.FULL_PRICE,
        mix.FULL_PRICE,
    ]
    table = mix.discount_effect(orders, campaigns)
    assert table.index.tolist() == [mix.FULL_PRICE, mix.LOYALTY_REWARD, mix.PROMOTION]
    assert table.loc[mix.FULL_PRICE, "orders"] == 2
    assert table.loc[mix.FULL_PRICE, "gross_margin"] == pytest.approx(69 / 150)
    assert table.loc[mix.LOYALTY_REWARD, "discount_rate"] == pytest.approx(10 / 100)
    assert table.loc[mix.PROMOTION, "list_value"] == pytest.approx(100.0)
    assert table.loc[mix.PROMOTION, "average_order_value"] == pytest.approx(85.0)


def test_the_book_hub_discounts_are_ten_and_fifteen_percent(hub):
    table = mix.discount_effect(hub.orders, hub.campaigns, interactions=hub.interactions)
    assert table.loc[mix.LOYALTY_REWARD, "discount_rate"] == pytest.approx(0.10, abs=0.002)
    assert table.loc[mix.QUOTED, "orders"] > 0  # store consultations: class sets, book clubs, corporate gifts
    assert table.loc[mix.PROMOTION, "discount_rate"] == pytest.approx(0.15, abs=0.002)
    assert table["orders"].sum() == len(hub.orders)
    assert table.loc[mix.FULL_PRICE, "gross_margin"] > table.loc[mix.PROMOTION, "gross_margin"]


# --------------------------------------------------------------------------------------- place


def test_channel_economics_by_hand():
    orders = pd.DataFrame(
        {
            "channel": ["in-store", "in-store", "marketplace", None],
            "customer_id": [None, "C1", "C2", " "],
            "revenue": [40.0, 60.0, 50.0, 10.0],
            "gross_profit": [18.0, 28.0, 10.0, 4.0],
            "fees": ["0.00", "0.00", "9.30", "0.00"],
        }
    )
    table = mix.channel_economics(orders)
    assert table.index.tolist() == ["in-store", "marketplace", "(unknown)"]
    assert table["revenue"].sum() == pytest.approx(160.0)  # a blank channel is kept
    assert table.loc["marketplace", "gross_margin"] == pytest.approx(0.2)
    assert table.loc["marketplace", "margin_before_fees"] == pytest.approx(19.3 / 50)
    assert table.loc["in-store", "customers"] == 1  # the anonymous walk-in is not a customer
    assert table.loc["in-store", "identified_share"] == pytest.approx(0.5)
    assert table.loc["(unknown)", "identified_share"] == 0  # a blank id is anonymous
    assert table.loc["in-store", "average_order_value"] == pytest.approx(50.0)


def test_without_a_fees_column_the_fees_are_unknown_not_zero():
    orders = pd.DataFrame({"channel": ["website"], "customer_id": ["C1"], "revenue": [30.0], "gross_profit": [14.0]})
    table = mix.channel_economics(orders)
    assert math.isnan(table.loc["website", "fees"])
    assert math.isnan(table.loc["website", "margin_before_fees"])
    assert table.loc["website", "gross_margin"] == pytest.approx(14 / 30)


def test_the_book_hub_channels_add_up_and_the_marketplace_pays_fees(hub):
    table = mix.channel_economics(hub.orders)
    pd.testing.assert_series_equal(table["revenue"], kpis.revenue_by_channel(hub.orders), check_names=False)
    assert table["orders"].sum() == len(hub.orders)
    market = table.loc["marketplace"]
    assert market["gross_margin"] < 0.25 < 0.4 < market["margin_before_fees"]


# ----------------------------------------------------------------------------------- promotion


CAMPAIGNS = pd.DataFrame(
    {
        "campaign_id": ["E1", "E2", "S1", "V1"],
        "channel": ["email", "email", "social", "event"],
        "spend": [100.0, 50.0, 300.0, 0.0],
        "impressions": [5000.0, 1000.0, 40000.0, None],
        "clicks": [300.0, 100.0, 400.0, None],
        "leads": [40.0, 10.0, 10.0, 5.0],
    }
)


def test_campaigns_by_channel_by_hand():
    orders = pd.DataFrame(
        {
            "campaign_id": ["E1", "E2", "S1", None, "V1"],
            "revenue": [100.0, 50.0, 60.0, 80.0, 40.0],
            "gross_profit": [45.0, 25.0, 27.0, 36.0, 18.0],
        }
    )
    table = mix.campaigns_by_channel(CAMPAIGNS, orders)
    assert table.index.tolist() == ["social", "email", "event"]  # most spend first
    email = table.loc["email"]
    assert email["campaigns"] == 2
    assert email["orders"] == 2
    assert email["attributed_revenue"] == pytest.approx(150.0)
    assert email["roas"] == pytest.approx(150 / 150)
    assert email["roi"] == pytest.approx((70 - 150) / 150)
    assert email["cost_per_order"] == pytest.approx(75.0)
    assert email["ctr"] == pytest.approx(400 / 6000)
    assert math.isnan(table.loc["event", "roas"])  # spend 0: n/a, never inf


def test_a_channel_without_orders_earns_zero_but_unknown_attribution_is_nan():
    orders = pd.DataFrame({"campaign_id": ["E1"], "revenue": [10.0], "gross_profit": [4.0]})
    table = mix.campaigns_by_channel(CAMPAIGNS, orders)
    assert table.loc["social", "orders"] == 0 and table.loc["social", "roas"] == 0
    unknown = mix.campaigns_by_channel(CAMPAIGNS, orders.assign(campaign_id=[None]))
    assert unknown[["orders", "attributed_revenue", "roas", "roi"]].isna().all().all()


def test_the_book_hub_attributed_revenue_matches_kpis(hub):
    table = mix.campaigns_by_channel(hub.campaigns, hub.orders)
    assert table["attributed_revenue"].sum() == pytest.approx(kpis.attributed_revenue(hub.orders))
    assert table["spend"].sum() == pytest.approx(hub.campaigns["spend"].sum())


def test_lines_and_orders_tell_the_same_story(hub):
    lines = mix.sales_lines(mix.order_lines(), mix.load_catalogue(), hub.orders)
    fees = pd.to_numeric(hub.orders["fees"]).sum()
    assert lines["line_revenue"].sum() == pytest.approx(kpis.total_revenue(hub.orders))
    assert lines["gross_profit"].sum() - fees == pytest.approx(hub.orders["gross_profit"].sum())
    assert mix.category_mix(lines)["revenue"].sum() == pytest.approx(kpis.total_revenue(hub.orders))


# ------------------------------------------------------------------------------------- reading


def test_readable_formats_and_shows_missing_as_na():
    table = pd.DataFrame(
        {"spend": [1234.567, math.nan], "ctr": [0.0123, 0.5], "roas": [2.25, math.inf], "name": ["a", None]},
        index=["x", "y"],
    )
    text = mix.readable(
        table, {"spend": ("Spend", "money"), "ctr": ("CTR", "pct"), "roas": ("ROAS", "ratio"), "name": ("Name", "text")}
    )
    assert text.columns.tolist() == ["Spend", "CTR", "ROAS", "Name"]
    assert text.loc["x"].tolist() == ["$1,234.57", "1.2%", "2.2x", "a"]
    assert text.loc["y"].tolist() == ["n/a", "50.0%", "n/a", "n/a"]


def test_readable_refuses_an_unknown_format():
    with pytest.raises(ValueError, match="unknown format 'euros'"):
        mix.readable(pd.DataFrame({"a": [1]}), {"a": ("A", "euros")})


def test_readable_shows_every_table_of_the_lesson_with_plain_headings_and_keeps_the_details_back(hub):
    lines = mix.sales_lines(mix.order_lines(), mix.load_catalogue(), hub.orders)
    tables = {
        "category": mix.category_mix(lines),
        "rank": mix.bestsellers(lines),
        "band": mix.price_bands(lines),
        "kind": mix.discount_effect(hub.orders, hub.campaigns),
        "channel": mix.channel_economics(hub.orders),
        "promotion": mix.campaigns_by_channel(hub.campaigns, hub.orders),
    }
    for name, table in tables.items():
        text = mix.readable(table)
        assert text.index.equals(table.index), name
        shown = [c for c in table.columns if c in mix.COLUMNS and c not in mix.DETAILS]
        credited = name == "promotion"  # a campaign's orders are the ones credited to it
        headings = ["Orders credited" if c == "orders" and credited else mix.COLUMNS[c][0] for c in shown]
        assert text.columns.tolist() == headings, name
        assert not {"Gross profit per copy", "ROAS", "ROI"} & set(text.columns), f"{name} shows an exercise's answer"
    assert "Product_id" not in mix.readable(tables["rank"]).columns
    chosen = mix.readable(tables["promotion"], ["spend", "roas"])
    assert chosen.columns.tolist() == ["Spend", "ROAS"] and chosen.loc["search", "ROAS"] == "1.68x"
    with pytest.raises(ValueError, match="no heading for the column 'nonsense'"):
        mix.readable(tables["channel"], ["nonsense"])


@pytest.mark.parametrize(
    ("roas", "own", "shop", "verdict"),
    [
        (3.1, 2.2, 2.2, mix.KEEP),
        (4.68, 4.68, 2.2, mix.KEEP),
        (3.1, 4.68, 2.2, mix.CHANGE),
        (2.2, 4.68, 2.2, mix.CHANGE),
        (1.7, 2.2, 2.2, mix.CUT),
        (2.0, 2.65, 2.2, mix.CUT),
        (2.5, 2.0, 4.0, mix.KEEP),
    ],
)
def test_keep_change_or_cut_reads_roas_against_the_orders_own_break_even_then_the_shops(roas, own, shop, verdict):
    assert mix.keep_change_or_cut(roas, own, shop) == verdict


def test_keep_change_or_cut_of_an_unknown_roas_is_unknown():
    assert math.isnan(mix.keep_change_or_cut(math.nan, 2.2, 2.2))
    assert math.isnan(mix.keep_change_or_cut(3.0, kpis.break_even_roas(0.0), 2.2))


# ----------------------------------------------------------------------------------- exercises


def test_exercise_03_1_profit_per_copy():
    lines = mix.sales_lines(mix.order_lines(), mix.load_catalogue(), checks.bookhub().orders)
    table = mix.category_mix(lines)
    assert check("03.1", table["profit_per_copy"].idxmax()).passed
    assert check("03.1", " Cookbooks ").passed
    margin_leader = check("03.1", table["gross_margin"].idxmax())
    assert margin_leader.status == checks.WRONG and "per copy" in margin_leader.message
    assert check("03.1", ...).status == checks.MISSING
    assert check("03.1", 3).status == checks.WRONG


def test_exercise_03_2_marketplace_margin():
    orders = checks.bookhub().orders
    market = orders[orders["channel"] == "marketplace"]
    assert check("03.2", kpis.ratio_of_sums(market["gross_profit"], market["revenue"])).passed
    mean_of_ratios = check("03.2", (market["gross_profit"] / market["revenue"]).mean())
    assert mean_of_ratios.status == checks.WRONG and "ratio of sums" in mean_of_ratios.message
    fees = pd.to_numeric(market["fees"])
    before_fees = check("03.2", kpis.ratio_of_sums(market["gross_profit"] + fees, market["revenue"]))
    assert "before the marketplace's fees" in before_fees.message
    right = kpis.ratio_of_sums(market["gross_profit"], market["revenue"])
    assert "percentage" in check("03.2", round(right * 100, 2)).message


def test_exercise_03_3_search_roas():
    hub = checks.bookhub()
    row = mix.campaigns_by_channel(hub.campaigns, hub.orders).loc["search"]
    assert check("03.3", row["attributed_revenue"] / row["spend"]).passed
    assert "ROI" in check("03.3", row["roi"]).message
    assert "upside down" in check("03.3", row["spend"] / row["attributed_revenue"]).message


def test_the_book_hubs_extra_files_are_opened_the_safe_way(tmp_path):
    """products.csv is read as the loader reads a contract file: a quote that never closes is named, not swallowed."""
    from smk_helpers import BusinessDataError

    (tmp_path / "products.csv").write_text('product_id,title\n1,"Open quote\n2,Second\n3,Third\n', encoding="utf-8")
    with pytest.raises(BusinessDataError, match=r"products.csv, row 2: a quote"):
        mix.load_catalogue(tmp_path)
    (tmp_path / "order_lines.csv").mkdir()
    with pytest.raises(BusinessDataError, match="order_lines.csv is a folder"):
        mix.order_lines(tmp_path)


def test_exercise_03_4_the_sponsored_listings_are_cut_because_the_commission_alone_caps_their_margin(hub):
    promotion = mix.campaigns_by_channel(hub.campaigns, hub.orders)
    channel = mix.channel_economics(hub.orders).loc["marketplace"]
    roas, own = promotion.loc["marketplace", "roas"], kpis.break_even_roas(channel["gross_margin"])
    best = kpis.break_even_roas(channel["margin_before_fees"] - mix.fee_terms(hub.orders)["commission"])
    shop = kpis.break_even_roas(kpis.ratio_of_sums(hub.orders["gross_profit"], hub.orders["revenue"]))
    assert shop < roas < best < own  # the data's case: they clear the shop's break-even, but not even the best margin's
    assert check("03.4", " Cut ").passed
    keep = check("03.4", "keep")
    assert keep.status == checks.WRONG and "shop's average break-even" in keep.message and f"{own:.2f}" in keep.message
    change = check("03.4", "change")
    assert "commission alone caps" in change.message and f"{best:.2f}" in change.message
    assert "not one of the options" in check("03.4", "test").message


def test_fee_terms_reads_the_marketplaces_commission_and_item_fee_from_its_orders(hub):
    terms = mix.fee_terms(hub.orders)
    assert terms["commission"] == pytest.approx(0.15, abs=0.001)
    assert terms["per_item"] == pytest.approx(1.80, abs=0.01)
    assert mix.fee_terms(hub.orders, "in-store").tolist() == [0.0, 0.0]  # the till charges no fee
    assert mix.fee_terms(hub.orders.drop(columns="fees")).isna().all()


def test_exercise_03_5_bike_delivery_is_place():
    assert check("03.5", "Place").passed
    assert "only a delivery charge would be a price decision" in check("03.5", "price").message
    assert "anything that attracts customers" in check("03.5", "promotion").message
    assert check("03.5", 3).status == checks.WRONG
