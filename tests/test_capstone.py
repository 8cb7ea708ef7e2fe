"""Lesson 12, the capstone: the pipeline functions it adds (channel_table, lost_by_stage) and its exercises."""

import math

import pandas as pd
import pytest

from smk_helpers import attribution, kpis, load_example, pipeline, survey
from smk_helpers.course.alignment import lead_quality, reallocate
from smk_helpers.course.exercises import answer_key, answer_options, check
from smk_helpers.course.grading import CONCEPT, DECISION, MISSING, RIGHT, WRONG, bookhub, kind_of


@pytest.fixture(scope="module")
def north():
    return load_example("northway")


@pytest.fixture(scope="module")
def new(north):
    talks = north.interactions
    return talks[talks["type"].isin(["quote request", "tender"])]


# ---------------------------------------------------------------- the pipeline functions
def test_the_channel_table_agrees_with_the_campaign_results_of_lesson_06(north):
    table = kpis.channel_table(north.interactions, north.campaigns)
    results = kpis.campaign_results(north.campaigns, north.orders, by="channel")
    paid = table.drop(index=kpis.NO_CAMPAIGN)
    assert paid["spend"].sum() == pytest.approx(north.campaigns["spend"].sum())
    assert paid["won"].to_dict() == results["new_customers"].astype(int).to_dict()  # a won deal is a new account
    assert paid["roas"].round(9).to_dict() == results["roas"].round(9).to_dict()
    assert paid["cost_per_win"].dropna().round(6).to_dict() == results["cac"].dropna().round(6).to_dict()
    assert table["deals"].sum() == len(pipeline.deals(north.interactions))
    assert table.loc[kpis.NO_CAMPAIGN, ["won", "lost"]].tolist() == [8, 6]  # the range refreshes
    assert math.isnan(table.loc["email", "cost_per_win"]) and table.loc["email", "roas"] == 0


def test_the_channel_table_of_deals_that_name_no_campaign_or_of_no_deals():
    campaigns = pd.DataFrame({"campaign_id": ["C1"], "channel": ["fair"], "spend": [100.0]})
    table = kpis.channel_table(pipeline.EXAMPLE, campaigns)  # no campaign_id column
    assert table.loc[kpis.NO_CAMPAIGN, "deals"] == 5 and table.loc["fair", "deals"] == 0
    assert math.isnan(table.loc["fair", "win_rate"]) and math.isnan(table.loc["fair", "cost_per_win"])
    empty = kpis.channel_table(None, campaigns)
    assert empty["spend"].tolist() == [100.0] and empty["deals"].tolist() == [0]


def test_the_type_table_splits_the_channels_and_prices_an_account(north):
    channels = kpis.channel_table(north.interactions, north.campaigns)
    types = kpis.type_table(north.interactions, north.campaigns, north.orders, year=2025)
    paid = types.drop(index=kpis.NO_CAMPAIGN)
    assert paid.groupby("channel")["won"].sum().to_dict() == channels.drop(index=kpis.NO_CAMPAIGN)["won"].to_dict()
    assert paid["spend"].sum() == pytest.approx(north.campaigns["spend"].sum())
    assert math.isnan(types.loc["email newsletter", "roas"])  # no deal: n/a, not zero
    # the account value is lesson 11's simple CLV for the fairs' own accounts
    won = north.interactions[north.interactions["outcome"].eq("won")]
    fair_ids = north.campaigns.loc[north.campaigns["type"] == "trade fair stand", "campaign_id"]
    accounts = won.loc[won["campaign_id"].isin(fair_ids), "customer_id"]
    orders = north.orders[(north.orders["order_date"].dt.year == 2025) & north.orders["customer_id"].isin(accounts)]
    s = {"aov": orders["revenue"].sum() / len(orders), "margin": orders["gross_profit"].sum() / orders["revenue"].sum()}
    clv = kpis.simple_clv(s["aov"], len(orders) / orders["customer_id"].nunique(), 5, s["margin"])
    assert types.loc["trade fair stand", "account_value"] == pytest.approx(clv)
    assert types.loc["trade fair stand", "ltv_to_cac"] == pytest.approx(
        clv / types.loc["trade fair stand", "cost_per_win"]
    )


def test_lost_by_stage_counts_the_stage_tables_losses_and_every_lost_deals_minutes(north):
    for talks in (bookhub().interactions, north.interactions):
        lost = pipeline.lost_by_stage(talks)
        assert lost.index.tolist() == list(pipeline.DEAL_STAGES)
        assert lost["lost"].tolist() == pipeline.stage_table(talks)["lost_here"].tolist()
        deals = pipeline.deals(talks)
        gone = deals[deals["outcome"] == "lost"]
        assert lost["hours_lost"].sum() == pytest.approx(gone["minutes"].sum() / 60)
        assert lost["lost_value"].sum() == pytest.approx(gone["deal_value"].sum())


def test_lost_by_stage_without_minutes_or_deals():
    no_minutes = pipeline.lost_by_stage(pipeline.EXAMPLE)
    assert no_minutes["lost"].tolist() == [1, 1, 0, 0] and no_minutes["hours_lost"].isna().all()
    nothing = pipeline.lost_by_stage(None)
    assert nothing["lost"].tolist() == [0, 0, 0, 0]


# ---------------------------------------------------------------- exercises
def test_the_capstone_has_its_decisions_and_no_concept_check():
    kinds = {e: kind_of(e) for e in ("12.1", "12.2", "12.3", "12.4", "12.5", "12.6")}
    assert [e for e, k in kinds.items() if k == DECISION] == ["12.3", "12.6"]
    assert CONCEPT not in kinds.values()


def test_12_1_an_account_from_seo_content_and_its_near_misses(north):
    content = north.campaigns[north.campaigns["type"] == "SEO content"]
    deals = north.interactions[north.interactions["campaign_id"].isin(content["campaign_id"])]
    won = (deals["outcome"] == "won").sum()
    assert check("12.1", content["spend"].sum() / won).status == RIGHT
    assert "won or not" in check("12.1", content["spend"].sum() / len(deals)).message
    assert "cost per lead" in check("12.1", content["spend"].sum() / content["leads"].sum()).message
    table = kpis.channel_table(north.interactions, north.campaigns)
    assert "whole search channel" in check("12.1", table.loc["search", "cost_per_win"]).message
    types = kpis.type_table(north.interactions, north.campaigns)
    assert answer_key("12.1") == pytest.approx(types.loc["SEO content", "cost_per_win"])
    assert answer_key("12.1") < table.loc["search", "cost_per_win"] / 1.5  # the channel's average hides its parts
    assert check("12.1", ...).status == MISSING


def test_12_2_the_break_even_of_the_first_orders(north):
    credited = north.orders[north.orders["campaign_id"].isin(north.campaigns["campaign_id"])]
    margin = credited["gross_profit"].sum() / credited["revenue"].sum()
    assert check("12.2", 1 / margin).status == RIGHT
    assert "the gross margin itself" in check("12.2", margin).message
    every = north.orders["gross_profit"].sum() / north.orders["revenue"].sum()
    assert "all Northway's orders" in check("12.2", 1 / every).message
    assert "ratio of sums" in check("12.2", (credited["revenue"] / credited["gross_profit"]).mean()).message


def test_12_2_accepts_two_decimals_and_asks_for_more_than_one(north):
    assert check("12.2", round(answer_key("12.2"), 2)).status == RIGHT
    assert "give at least 2 decimals" in check("12.2", round(answer_key("12.2"), 1)).message


def test_12_3_the_type_whose_accounts_bring_least_per_dollar_gives_up_budget(north):
    types = kpis.type_table(north.interactions, north.campaigns, north.orders, year=2025)
    with_deals = types[types["won"] > 0]
    assert answer_key("12.3") == "search ads" == with_deals["ltv_to_cac"].idxmin() == with_deals["roas"].idxmin()
    assert with_deals.loc["search ads", "roas"] < answer_key("12.2")  # its first orders are below break-even too
    assert (with_deals["ltv_to_cac"].dropna() >= 3).all()  # no type loses money over an account's life (lesson 11)
    assert with_deals["cost_per_win"].idxmax() == "trade fair stand"  # the dearest way, not the worst one
    assert survey.heard_from_shares(north.survey).idxmax() == "a trade fair"  # what ROAS does not see
    assert answer_options("12.3") == [
        "trade fair stand",
        "linkedin ads",
        "search ads",
        "SEO content",
        "linkedin posts",
        "email newsletter",
    ]
    first_touch = attribution.attribution(north, model="first_touch")
    assert f"{first_touch.loc['email', 'orders']:.0f} first orders" in check("12.3", "email newsletter").message
    assert "n/a, not zero" in check("12.3", "email newsletter").message
    assert "dearest way for the worst" in check("12.3", "trade fair stand").message
    assert check("12.3", "Search ads").status == RIGHT and check("12.3", "SEO content").status == WRONG


def test_12_4_the_forecast_of_moving_half_the_search_ads_budget(north):
    quality = lead_quality(north.campaigns, north.interactions, north.orders)
    moved = reallocate(quality, "search ads", "SEO content", share=0.5, new_money_efficiency=0.5)
    change = moved.loc["new customers", "change"]
    assert answer_key("12.4") == pytest.approx(change) and change > 0
    assert check("12.4", round(change, 1)).status == RIGHT
    assert (
        "half as well"
        in check("12.4", reallocate(quality, "search ads", "SEO content", 0.5).loc["new customers", "change"]).message
    )
    assert "one decimal" in check("12.4", round(change)).message
    assert "how many more" in check("12.4", moved.loc["new customers", "after"]).message


def test_12_5_and_12_6_the_quote_is_where_new_business_loses_time(new, north):
    table = pipeline.stage_table(new)
    assert check("12.5", table.loc["proposal", "win_rate"]).status == RIGHT
    assert "open ones too" in check("12.5", table.loc["proposal", "won"] / table.loc["proposal", "reached"]).message
    assert "range refreshes" in check("12.5", pipeline.win_rate_by_stage(north.interactions)["proposal"]).message
    lost = pipeline.lost_by_stage(new)
    assert lost["hours_lost"].idxmax() == "proposal" and answer_key("12.6") == "qualify harder"
    assert answer_options("12.6") == ["screen faster", "send samples", "qualify harder", "discount more"]
    assert lost["lost"].idxmax() == "prospect"  # most deals lost at the first stage, but the fewest hours each
    assert "cheap no" in check("12.6", "screen faster").message
    assert "dearest deal" in check("12.6", "discount more").message
    assert "little time" in check("12.6", "send samples").message
    assert check("12.6", "Qualify harder").status == RIGHT
