"""Lesson 12, the capstone: the pipeline functions it adds (channel_table, lost_by_stage) and its exercises."""

import math

import pandas as pd
import pytest

from smk_helpers import attribution, kpis, load_example, pipeline, survey
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
    table = pipeline.channel_table(north.interactions, north.campaigns)
    results = kpis.campaign_results(north.campaigns, north.orders, by="channel")
    paid = table.drop(index=pipeline.NO_CAMPAIGN)
    assert paid["spend"].sum() == pytest.approx(north.campaigns["spend"].sum())
    assert paid["won"].to_dict() == results["new_customers"].astype(int).to_dict()  # a won deal is a new account
    assert paid["roas"].round(9).to_dict() == results["roas"].round(9).to_dict()
    assert paid["cost_per_win"].dropna().round(6).to_dict() == results["cac"].dropna().round(6).to_dict()
    assert table["deals"].sum() == len(pipeline.deals(north.interactions))
    assert table.loc[pipeline.NO_CAMPAIGN, ["won", "lost"]].tolist() == [8, 6]  # the range refreshes
    assert math.isnan(table.loc["email", "cost_per_win"]) and table.loc["email", "roas"] == 0


def test_the_channel_table_of_deals_that_name_no_campaign_or_of_no_deals():
    campaigns = pd.DataFrame({"campaign_id": ["C1"], "channel": ["fair"], "spend": [100.0]})
    table = pipeline.channel_table(pipeline.EXAMPLE, campaigns)  # no campaign_id column
    assert table.loc[pipeline.NO_CAMPAIGN, "deals"] == 5 and table.loc["fair", "deals"] == 0
    assert math.isnan(table.loc["fair", "win_rate"]) and math.isnan(table.loc["fair", "cost_per_win"])
    empty = pipeline.channel_table(None, campaigns)
    assert empty["spend"].tolist() == [100.0] and empty["deals"].tolist() == [0]


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


def test_12_1_a_fair_account_and_its_near_misses(north):
    fairs = north.campaigns[north.campaigns["channel"] == "trade fair"]
    deals = north.interactions[north.interactions["lead_source"] == "trade fair"]
    won = (deals["outcome"] == "won").sum()
    assert check("12.1", fairs["spend"].sum() / won).status == RIGHT
    assert "won or not" in check("12.1", fairs["spend"].sum() / len(deals)).message
    assert "cost per lead" in check("12.1", fairs["spend"].sum() / fairs["leads"].sum()).message
    table = pipeline.channel_table(north.interactions, north.campaigns)
    assert answer_key("12.1") == pytest.approx(table.loc["trade fair", "cost_per_win"])
    assert check("12.1", ...).status == MISSING


def test_12_2_the_break_even_of_the_first_orders(north):
    credited = north.orders[north.orders["campaign_id"].isin(north.campaigns["campaign_id"])]
    margin = credited["gross_profit"].sum() / credited["revenue"].sum()
    assert check("12.2", 1 / margin).status == RIGHT
    assert "the gross margin itself" in check("12.2", margin).message
    every = north.orders["gross_profit"].sum() / north.orders["revenue"].sum()
    assert "all Northway's orders" in check("12.2", 1 / every).message
    assert "ratio of sums" in check("12.2", (credited["revenue"] / credited["gross_profit"]).mean()).message


def test_12_3_the_channel_below_break_even_gives_up_budget(north):
    table = pipeline.channel_table(north.interactions, north.campaigns)
    below = table[table["roas"] < answer_key("12.2")]
    assert answer_key("12.3") == "trade fair" and below.index.tolist() == ["trade fair", "email"]
    assert answer_options("12.3") == ["trade fair", "linkedin", "search", "email"]
    first_touch = attribution.attribution(north, model="first_touch")
    assert f"{first_touch.loc['email', 'orders']:.0f} first orders" in check("12.3", "email").message
    assert "times break-even" in check("12.3", "search").message
    assert check("12.3", "Trade fair").status == RIGHT and check("12.3", "linkedin").status == WRONG


def test_12_4_heard_at_a_fair_counts_blank_answers(north):
    shares = survey.heard_from_shares(north.survey)
    assert check("12.4", shares["a trade fair"]).status == RIGHT
    counts = north.survey["heard_from"].value_counts()
    assert "A blank is an answer" in check("12.4", counts["a trade fair"] / counts.sum()).message
    assert shares.idxmax() == "a trade fair"  # what ROAS does not see: the fairs are the most named source


def test_12_5_and_12_6_the_quote_is_where_new_business_loses_time(new, north):
    table = pipeline.stage_table(new)
    assert check("12.5", table.loc["proposal", "win_rate"]).status == RIGHT
    assert "open ones too" in check("12.5", table.loc["proposal", "won"] / table.loc["proposal", "reached"]).message
    assert "range refreshes" in check("12.5", pipeline.win_rate_by_stage(north.interactions)["proposal"]).message
    lost = pipeline.lost_by_stage(new)
    assert answer_key("12.6") == "proposal" == lost["hours_lost"].idxmax()
    assert lost["lost"].idxmax() == "prospect"  # most deals lost at the first stage, but the fewest hours each
    assert "cheap no" in check("12.6", "prospect").message
    assert "dearest deal" in check("12.6", "negotiation").message
    assert "neither the most deals" in check("12.6", "qualified").message
