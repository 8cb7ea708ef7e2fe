"""Lesson 08, the sales process: the pipeline functions it adds (smk_helpers.core.pipeline) and its exercises."""

import math

import pandas as pd
import pytest

from smk_helpers import load_example
from smk_helpers.core import pipeline, sellers
from smk_helpers.course.approaches import load_staff
from smk_helpers.course.exercises import answer_key, check
from smk_helpers.course.grading import MISSING, RIGHT, WRONG, bookhub


@pytest.fixture(scope="module")
def north():
    return load_example("northway")


def both(north):
    return [bookhub().interactions, north.interactions]


# ---------------------------------------------------------------- the pipeline functions
def test_days_in_stage_add_up_to_days_to_close_in_both_businesses(north):
    for talks in both(north):
        days = pipeline.days_in_stage(talks)
        assert days.index.tolist() == list(pipeline.DEAL_STAGES)
        assert (days >= 0).all()
        assert days.sum() == pytest.approx(pipeline.days_to_close(talks))


def test_days_in_stage_count_a_skipped_stage_as_no_time():
    deal = pipeline.EXAMPLE.iloc[[0]].assign(proposal_date=pd.NaT)  # qualified 5 Jan, negotiation 20 Jan
    days = pipeline.days_in_stage(deal)
    assert days.to_dict() == {"prospect": 4.0, "qualified": 15.0, "proposal": 0.0, "negotiation": 11.0}


def test_days_in_stage_without_a_won_deal_are_unknown():
    assert pipeline.days_in_stage(pipeline.EXAMPLE[pipeline.EXAMPLE["outcome"] != "won"]).isna().all()
    assert pipeline.days_in_stage(None).isna().all()


def test_the_forecast_by_stage_adds_up_to_the_weighted_forecast(north):
    for talks in both(north):
        table = pipeline.forecast_by_stage(talks)
        assert table["weighted_value"].sum() == pytest.approx(pipeline.weighted_forecast(talks, by=None))
        assert table["open_value"].sum() == pytest.approx(pipeline.open_pipeline_value(talks))
        assert (table["weighted_value"] <= table["open_value"]).all()


def test_a_stage_with_open_deals_and_no_history_has_no_forecast():
    talks = pipeline.EXAMPLE.copy()
    talks.loc[4, ["qualified_date", "proposal_date", "negotiation_date"]] = pd.to_datetime(
        ["2025-01-02", "2025-01-03", "2025-01-04"]
    )  # the open 400 deal now waits at negotiation, where only the won deal went
    assert pipeline.forecast_by_stage(talks).loc["negotiation", "weighted_value"] == 400.0
    talks.loc[0, "outcome"] = "open"  # now no decided deal ever reached negotiation
    talks.loc[0, "closed_date"] = pd.NaT
    assert math.isnan(pipeline.forecast_by_stage(talks).loc["negotiation", "weighted_value"])
    assert math.isnan(pipeline.weighted_forecast(talks))


def test_the_deal_summary_agrees_with_the_stage_table_and_each_kind_has_its_own_rates(north):
    for talks in both(north):
        kinds = pipeline.deal_summary(talks)
        every = pipeline.deal_summary(talks, by=None).loc["all"]
        table = pipeline.stage_table(talks)
        assert kinds["deals"].sum() == every["deals"] == table.loc["prospect", "reached"]
        assert kinds[["won", "lost", "open"]].sum().tolist() == [every["won"], every["lost"], every["open"]]
        assert every["win_rate"] == pytest.approx(table.loc["prospect", "win_rate"])
        assert kinds["open_value"].sum() == pytest.approx(every["open_value"])
        assert every["weighted_forecast"] == pytest.approx(pipeline.weighted_forecast(talks, by=None))
        assert kinds["weighted_forecast"].sum() == pytest.approx(pipeline.weighted_forecast(talks))
    hub = pipeline.deal_summary(bookhub().interactions)
    assert hub.index.tolist() == ["special order", "store consultation"]
    # consultations win less often, so weighting them with the special orders' rates overstates the forecast
    assert hub["weighted_forecast"].sum() < 0.8 * pipeline.weighted_forecast(bookhub().interactions, by=None)
    assert hub.loc["store consultation", "average_deal_size"] > 10 * hub.loc["special order", "average_deal_size"]


def test_the_deal_summary_by_seller_and_of_no_deals():
    by_staff = pipeline.deal_summary(pipeline.EXAMPLE.assign(staff=["A", "A", "B", "B", None]), by="staff")
    assert by_staff.index.tolist() == ["(unknown)", "A", "B"]
    assert by_staff.loc["A", "average_deal_size"] == 1000.0 and math.isnan(by_staff.loc["B", "average_deal_size"])
    empty = pipeline.deal_summary(pd.DataFrame({"type": ["x"], "outcome": ["won"]}))
    assert empty.empty and "win_rate" in empty.columns


def test_northway_sells_bigger_and_slower_than_the_book_hub(north):
    hub, b2b = (pipeline.deal_summary(t, by=None).loc["all"] for t in both(north))
    assert b2b["average_deal_size"] > 100 * hub["average_deal_size"]
    assert b2b["days_to_close"] > 5 * hub["days_to_close"]
    assert b2b["win_rate"] < hub["win_rate"]


# ---------------------------------------------------------------- exercises
def consultations():
    talks = bookhub().interactions
    return talks[talks["type"] == "store consultation"]


def test_08_1_right_and_near_misses():
    table = pipeline.stage_table(consultations())
    right = table.loc["proposal", "won"] / (table.loc["proposal", "won"] + table.loc["proposal", "lost"])
    assert check("08.1", right).status == RIGHT
    assert "open ones too" in check("08.1", table.loc["proposal", "won"] / table.loc["proposal", "reached"]).message
    assert "conversion from the proposal" in check("08.1", table.loc["proposal", "conversion"]).message
    assert "all consultations" in check("08.1", pipeline.win_rate_by_stage(consultations())["prospect"]).message
    every = pipeline.win_rate_by_stage(bookhub().interactions)["proposal"]
    assert "special orders included" in check("08.1", every).message
    assert "percentage" in check("08.1", right * 100).message
    assert check("08.1", ...).status == MISSING


def test_08_2_the_quote_requests_forecast_and_near_misses(north):
    talks = north.interactions
    quotes = talks[talks["type"] == "quote request"]
    right = pipeline.deal_summary(talks).loc["quote request", "weighted_forecast"]  # each kind by its own rates
    assert check("08.2", right).status == RIGHT
    assert check("08.2", pipeline.forecast_by_stage(quotes)["weighted_value"].sum()).status == RIGHT
    assert "counted as if it were won" in check("08.2", pipeline.open_pipeline_value(quotes)).message
    assert "Keep only the quote requests" in check("08.2", pipeline.weighted_forecast(talks)).message
    first_stage = pipeline.open_pipeline_value(quotes) * pipeline.win_rate_by_stage(quotes)["prospect"]
    assert "first stage" in check("08.2", first_stage).message
    hub = pipeline.deal_summary(bookhub().interactions)["weighted_forecast"].sum()
    assert "Book Hub" in check("08.2", hub).message


def test_08_3_the_answer_follows_the_data_and_each_other_option_says_why_not():
    hub = bookhub()
    table = sellers.seller_table(hub.orders, hub.interactions, hub.targets, load_staff(), "2025-01-01", "2025-12-31")
    gap = sellers.drivers(table, "Sam", others=["Lena", "Priya", "Tom"])  # the booksellers, not the owner-manager
    assert answer_key("08.3") == "bigger sales" and gap.idxmin() == "revenue_per_win"
    assert gap.idxmin() == sellers.drivers(table, "Sam").idxmin()  # Maya in or out, the largest gap is the same
    assert check("08.3", " Bigger sales ").status == RIGHT
    wrong = {option: check("08.3", option) for option in ("more conversations", "more wins", "lower target")}
    assert all(f.status == WRONG for f in wrong.values())
    assert f"{gap['conversations_per_paid_hour']:.0%}" in wrong["more conversations"].message
    assert "raise his target" in wrong["more conversations"].message
    assert f"{gap['win_rate']:.0%}" in wrong["more wins"].message
    assert "hide" in wrong["lower target"].message
    assert "not one of the options" in check("08.3", "fire Sam").message
    assert check("08.3", 3).status == WRONG


def test_08_3_is_a_decision_and_every_option_says_why():
    from smk_helpers.course.exercises import answer_options
    from smk_helpers.course.grading import DECISION, kind_of

    assert kind_of("08.3") == DECISION
    assert answer_options("08.3") == ["more conversations", "more wins", "bigger sales", "lower target"]
    assert "largest gap" in check("08.3", "bigger sales").message


def test_08_4_northways_team_is_split_by_customer_type(north):
    from smk_helpers.course.grading import CONCEPT, kind_of

    assert kind_of("08.4") == CONCEPT and answer_key("08.4") == "customer type"
    shares = sellers.who_handles(north.interactions)
    # each kind of account has its own rep (a pair for the new accounts' quote requests)
    assert (shares.max() >= 0.43).all() and shares.loc["Ben", "reorder call"] == 1
    assert "no region" in check("08.4", "region").message
    assert "same branded uniforms" in check("08.4", "Product").message
    assert check("08.4", " customer type ").status == RIGHT


def test_08_5_cold_leads_are_a_ratio_of_sums_and_the_near_misses_say_why(north):
    talks = north.interactions
    cold = talks[talks["lead_source"].isin(["trade fair", "linkedin", "search"])]
    counts = cold["outcome"].value_counts()
    right = counts["won"] / (counts["won"] + counts["lost"])
    assert check("08.5", right).status == RIGHT
    by_source = pipeline.deal_summary(cold, by="lead_source")
    assert "average of the three" in check("08.5", by_source["win_rate"].mean()).message
    assert "open ones too" in check("08.5", counts["won"] / counts.sum()).message
    warm = talks[talks["lead_source"].isin(["referral", "partner", "existing account"])]["outcome"].value_counts()
    assert "warm leads" in check("08.5", warm["won"] / (warm["won"] + warm["lost"])).message
    assert "all Northway's deals" in check("08.5", pipeline.win_rate_by_stage(talks)["prospect"]).message
    assert right < 0.5 * warm["won"] / (warm["won"] + warm["lost"])  # warm leads win far more often
