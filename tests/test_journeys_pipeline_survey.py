"""The contract's newer data: touchpoints (attribution), deals (the sales pipeline) and a customer survey (NPS).

Each file is loaded from CSV text as an owner would write it: accepted inputs give hand-checked numbers,
rejected ones one sentence naming file, column and row.
"""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from helpers import business_folder, loader_problems
from smk_helpers import load_business
from smk_helpers.core import attribution as A
from smk_helpers.core import kpis
from smk_helpers.core import pipeline as P
from smk_helpers.core import survey as S

ORDERS = (
    "order_id,order_date,customer_id,channel,revenue,campaign_id\n"
    "1,2025-03-09,C1,website,60.00,EML-03\n"
    "2,2025-03-03,C2,in-store,30.00,\n"
    "3,2025-05-01,C2,in-store,25.00,\n"
    "4,2025-03-20,C3,in-store,10.00,\n"
)
CAMPAIGNS = (
    "campaign_id,channel,start_date,end_date,spend\n"
    "EML-03,email,2025-03-01,2025-03-31,50\n"
    "EML-04,email,2025-04-01,2025-04-30,50\n"
)
TOUCHPOINTS = (
    "customer_id,date,channel,campaign_id\n"
    "C1,2025-03-01,social,\n"
    "C1,2025-03-05,email,EML-03\n"
    "C1,2025-03-09,email,EML-03\n"
    "C2,2025-03-02,search,\n"
    "C2,2025-04-01,email,EML-04\n"
    "C9,2025-03-01,social,\n"
)
# Five deals: won at the end of the ladder, lost at qualified, lost as a prospect, open at proposal, open as a
# prospect; and one plain conversation that is no deal.
INTERACTIONS = (
    "interaction_id,date,staff,type,outcome,deal_value,qualified_date,proposal_date,negotiation_date,closed_date\n"
    "I1,2025-01-01,Ana,quote,won,1000,2025-01-05,2025-01-10,2025-01-20,2025-01-31\n"
    "I2,2025-01-01,Ana,quote,lost,500,2025-01-06,,,2025-01-15\n"
    "I3,2025-01-01,Ben,quote,lost,800,,,,2025-01-03\n"
    "I4,2025-01-01,Ben,quote,open,2000,2025-01-10,2025-01-20,,\n"
    "I5,2025-01-01,Ana,quote,open,400,,,,\n"
    "I6,2025-01-02,Ben,recommendation,won,,,,,\n"
)
SURVEY = (
    "date,score,heard_from\n"
    "2025-01-03,10,a friend\n2025-01-04,9,Search\n2025-01-05,9,a friend\n2025-01-06,8,\n2025-01-07,7,social\n"
    "2025-01-08,6,a friend\n2025-01-09,3,search\n2025-01-10,10,A Friend\n2025-01-11,9,\n2025-01-12,5,social\n"
)


@pytest.fixture
def folder(tmp_path):
    return business_folder(
        tmp_path / "shop",
        orders=ORDERS,
        campaigns=CAMPAIGNS,
        touchpoints=TOUCHPOINTS,
        interactions=INTERACTIONS,
        survey=SURVEY,
    )


# --- Attribution ---------------------------------------------------------------------------


def test_the_three_models_share_the_same_orders_differently(folder):
    b = load_business(folder)
    table = A.attribution_table(b.touchpoints, b.orders)
    # C1 (social, email, email) and C2 (search) have journeys before their first orders; C3 has none, and C2's
    # April email came after C2's first order, C9 never bought.
    assert table.sum().round(9).tolist() == [2.0, 2.0, 2.0]
    assert table.loc["social"].round(4).tolist() == [1.0, 0.0, 0.3333]
    assert table.loc["email"].round(4).tolist() == [0.0, 1.0, 0.6667]
    assert table.loc["search"].tolist() == [1.0, 1.0, 1.0]
    revenue = {model: A.attribution(b, model)["revenue"].sum() for model in A.MODELS}
    assert revenue == {"first_touch": 90.0, "last_touch": 90.0, "linear": pytest.approx(90.0)}


def test_last_touch_agrees_with_the_orders_campaign(folder):
    """C1's first order is credited to EML-03 in orders.csv, and its last touch is that campaign."""
    b = load_business(folder)
    by_campaign = A.attribution(b, "last-touch", by="campaign_id")
    assert by_campaign["orders"].to_dict() == {"(no campaign)": 1.0, "EML-03": 1.0}


def test_an_unknown_model_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="use one of first_touch, last_touch, linear"):
        A.attribute(A.TOUCHPOINTS, A.ORDERS, "data-driven")


def test_attribution_in_a_period_counts_the_first_orders_of_the_period(folder):
    b = load_business(folder)
    assert A.attribution_table(b.touchpoints, b.orders, start="2025-03-05", end="2025-03-31").sum().tolist() == [
        1.0,
        1.0,
        1.0,
    ]
    assert A.attribution_table(b.touchpoints, b.orders, start="2025-04-01").empty


def test_touchpoint_rows_are_checked(tmp_path):
    bad = (
        "customer_id,date,channel,campaign_id\n"
        ",2025-03-01,social,\n"
        "C1,someday,email,\n"
        "C1,2025-03-02,,\n"
        "C1,2025-03-03,email,NOPE\n"
    )
    problems = loader_problems(business_folder(tmp_path, orders=ORDERS, campaigns=CAMPAIGNS, touchpoints=bad))
    assert problems == [
        "touchpoints.csv, column 'customer_id', row 2: empty; fill it in on every row.",
        "touchpoints.csv, column 'date', row 3: not a date ('someday'); write dates as YYYY-MM-DD, e.g. 2025-03-14.",
        "touchpoints.csv, column 'channel', row 4: empty; fill it in on every row.",
        "touchpoints.csv, column 'campaign_id', row 5: a campaign that is not in campaigns.csv ('NOPE'); "
        "add the campaign to campaigns.csv or correct the id.",
    ]


def test_touchpoints_need_their_columns(tmp_path):
    problems = loader_problems(
        business_folder(tmp_path, orders=ORDERS, campaigns=CAMPAIGNS, touchpoints="customer_id,day\nC1,2025-01-01\n")
    )
    assert problems == [
        "touchpoints.csv is missing the columns 'date', 'channel' (its header has: customer_id, day); "
        "add them to the first row."
    ]


# --- The sales pipeline ---------------------------------------------------------------------


def test_the_pipeline_by_hand(folder):
    i = load_business(folder).interactions
    table = P.stage_table(i)
    assert table["reached"].tolist() == [5, 3, 2, 1]
    assert table["conversion"].round(4).tolist() == [0.75, 0.6667, 1.0, 1.0]
    assert table["win_rate"].round(4).tolist() == [0.3333, 0.5, 1.0, 1.0]
    assert table["open_deals"].tolist() == [1, 0, 1, 0]
    assert P.open_pipeline_value(i) == 2400.0
    assert P.weighted_forecast(i) == pytest.approx(2000 * 1.0 + 400 / 3)
    assert P.days_to_close(i) == 30.0
    # The win rate from the first stage is the deals' own win rate; the plain conversation is not a deal.
    assert len(P.deals(i)) == 5
    assert table.loc["prospect", "win_rate"] == kpis.win_rate(1, 2)


def test_a_forecast_without_history_is_unknown_not_zero():
    i = pd.DataFrame({"date": pd.to_datetime(["2025-01-01"]), "outcome": ["open"], "deal_value": [900.0]})
    assert P.open_pipeline_value(i) == 900.0
    assert math.isnan(P.weighted_forecast(i)) and math.isnan(P.days_to_close(i))


def test_no_deal_column_means_no_pipeline(tmp_path):
    i = load_business(
        business_folder(
            tmp_path,
            orders=ORDERS,
            campaigns=CAMPAIGNS,
            interactions="interaction_id,date,staff,type,outcome\nI1,2025-01-01,A,x,won\n",
        )
    ).interactions
    assert P.deals(i).empty and math.isnan(P.open_pipeline_value(i)) and math.isnan(P.weighted_forecast(i))


def test_deal_rows_are_checked(tmp_path):
    head = (
        "interaction_id,date,staff,type,outcome,deal_value,qualified_date,proposal_date,negotiation_date,closed_date\n"
    )
    rows = (
        "I1,2025-01-10,A,quote,lost,-5,,,,2025-01-12\n"  # a negative value
        "I2,2025-01-10,A,quote,won,,2025-01-11,,,2025-01-20\n"  # stage dates but no value
        "I3,2025-01-10,A,quote,lost,100,2025-01-09,,,2025-01-20\n"  # qualified before it became a prospect
        "I4,2025-01-10,A,quote,won,100,2025-01-11,2025-01-15,2025-01-14,2025-01-20\n"  # negotiation before proposal
        "I5,2025-01-10,A,quote,open,100,,,,2025-01-20\n"  # open, yet closed
    )
    problems = loader_problems(business_folder(tmp_path, orders=ORDERS, campaigns=CAMPAIGNS, interactions=head + rows))
    assert problems == [
        "interactions.csv, column 'deal_value', row 2: a negative amount ('-5'); a deal's value must be 0 or more.",
        "interactions.csv, column 'deal_value', row 3: empty on a row with stage dates (a deal); give the deal its "
        "value, or clear its stage dates if it is not a deal.",
        "interactions.csv, column 'qualified_date', row 4: earlier than its date (the day it became a prospect) "
        "('2025-01-09'); a deal moves forward through its stages (date, qualified, proposal, negotiation, closed); "
        "correct the dates.",
        "interactions.csv, column 'negotiation_date', row 5: earlier than its proposal_date ('2025-01-14'); a deal "
        "moves forward through its stages (date, qualified, proposal, negotiation, closed); correct the dates.",
        "interactions.csv, column 'closed_date', row 6: a closing day on an open deal ('2025-01-20'); set its "
        "outcome to won or lost, or clear closed_date while it is open.",
    ]


def test_skipped_stages_are_allowed_and_a_won_deal_passed_them(tmp_path):
    head = "interaction_id,date,staff,type,outcome,deal_value,proposal_date,closed_date\n"
    i = load_business(
        business_folder(
            tmp_path,
            orders=ORDERS,
            campaigns=CAMPAIGNS,
            interactions=head + "I1,2025-01-10,A,quote,won,100,2025-01-12,2025-01-15\n",
        )
    ).interactions
    table = P.stage_table(i)
    assert table["reached"].tolist() == [1, 1, 1, 1] and table["conversion"].tolist() == [1.0] * 4


# --- The survey -----------------------------------------------------------------------------


def test_nps_and_how_customers_heard_by_hand(folder):
    answers = load_business(folder).survey
    # 5 promoters (10, 9, 9, 10, 9), 2 passives (8, 7), 3 detractors (6, 3, 5): (5 - 3) / 10 = 20 points.
    assert S.nps(answers["score"]) == 20.0
    assert S.nps_groups(answers["score"]).tolist() == [5, 2, 3]
    assert S.heard_from_shares(answers).to_dict() == {
        "a friend": 0.4,
        "(no answer)": 0.2,
        "search": 0.2,
        "social": 0.2,
    }


def test_the_nps_margin_and_the_reading_of_a_change_by_hand(folder):
    answers = load_business(folder).survey
    # p = 0.5, d = 0.3: variance 0.8 - 0.2² = 0.76 over 10 answers; 1.96 × √0.076 × 100 = 54.0 points
    assert S.nps_margin(answers["score"]) == pytest.approx(1.96 * math.sqrt(0.076) * 100)
    assert S.nps_margin([10] * 40) == 0.0 and math.isnan(S.nps_margin([]))
    assert S.margin_of_change(6.0, 8.0) == 10.0
    assert [S.change_reading(c, 10.0) for c in (-10.0, -10.5, 10.5, math.nan)] == [
        S.NOISE,  # a change equal to its margin is not yet outside it
        S.FALL,
        S.RISE,
        S.NOISE,
    ]


def test_the_nps_table_reads_as_the_formula(folder):
    answers = load_business(folder).survey
    table = S.nps_table(answers)
    assert table.index.tolist() == ["all answers"]
    row = table.loc["all answers"]
    assert row["answers"] == 10 and row["% promoters"] == 50.0 and row["% detractors"] == 30.0
    assert row["NPS"] == row["% promoters"] - row["% detractors"] == 20.0
    by_day = S.nps_table(answers, by=answers["date"].dt.day.rename("day"), decimals=0)
    assert by_day.index.name == "day" and by_day["answers"].sum() == 10
    assert by_day.loc[3, "NPS"] == 100.0 and by_day.loc[9, "NPS"] == -100.0


@pytest.mark.parametrize("example", ["bookhub", "northway"])
def test_the_nps_table_of_each_example_agrees_with_the_summary(example):
    from smk_helpers import load_example

    business = load_example(example)
    years = S.nps_table(business.survey, by=business.survey["date"].dt.year, decimals=9)
    for year in (2024, 2025):
        s = kpis.summary(business, f"{year}-01-01", f"{year}-12-31")
        assert years.loc[year, "NPS"] == pytest.approx(s["nps"]) and years.loc[year, "answers"] == s["survey_answers"]


def test_northways_nps_by_hand_is_exercise_07_4():
    from smk_helpers import load_example
    from smk_helpers.course.exercises import check

    answers = load_example("northway").survey
    scores = answers.loc[answers["date"].dt.year == 2025, "score"]
    by_hand = ((scores >= 9).mean() - (scores <= 6).mean()) * 100
    assert check("07.4", by_hand).passed and check("07.4", round(by_hand, 1)).passed
    assert "detractors score 0 to 6" in check("07.4", ((scores >= 9).mean() - (scores <= 7).mean()) * 100).message
    assert "multiply by 100" in check("07.4", by_hand / 100).message


def test_the_book_hubs_nps_change_is_read_against_its_margin():
    from smk_helpers.core.data import load_bookhub
    from smk_helpers.course.exercises import answer_key

    answers = load_bookhub().survey
    years = S.nps_table(answers, by=answers["date"].dt.year)
    change = years.loc[2025, "NPS"] - years.loc[2024, "NPS"]
    margin = S.margin_of_change(years.loc[2024, "± margin"], years.loc[2025, "± margin"])
    assert S.change_reading(change, margin) == answer_key("07.5")  # the rounded table gives the same reading


def test_heard_from_side_by_side_ranks_each_business_on_its_own():
    shop = pd.DataFrame({"heard_from": ["walked past", "a friend", "walked past", None]})
    firm = pd.DataFrame({"heard_from": ["a fair", "a fair", "a peer"]})
    table = S.heard_from_side_by_side({"Shop": shop, "Firm": firm}, top=2)
    assert table.to_dict("list") == {
        "Shop": ["walked past (50.0%)", "(no answer) (25.0%)"],
        "Firm": ["a fair (66.7%)", "a peer (33.3%)"],
    }
    assert table.index.tolist() == [1, 2]


def test_the_measures_beyond_roas_say_what_each_can_and_cannot_tell():
    table = S.measures_beyond_roas()
    assert {"awareness", "engagement", "share of search", "list growth", "NPS"} <= set(table.index)
    assert list(table.columns) == ["watched by", "counts", "comes from", "can tell", "cannot tell"]
    assert set(table["watched by"]) <= {"marketing", "sales", "both"}
    assert table.loc["awareness", "watched by"] == "marketing" and table.loc["NPS", "watched by"] == "both"
    assert table.notna().all().all() and (table["comes from"] == "asking the public").sum() == 1


def test_survey_scores_are_checked(tmp_path):
    bad = "date,score\n2025-01-01,11\n2025-01-02,7.5\n2025-01-03,\n2025-01-04,-1\n"
    assert loader_problems(business_folder(tmp_path, orders=ORDERS, campaigns=CAMPAIGNS, survey=bad)) == [
        "survey.csv, column 'score', row 4: empty; fill it in on every row.",
        "survey.csv, column 'score', rows 3 and 5: not a whole number of 0 or more (e.g. '7.5'); count things in "
        "whole numbers.",
        "survey.csv, column 'score', row 2: a score over 10 ('11'); the question is scored from 0 (not at all likely "
        "to recommend) to 10 (extremely likely).",
    ]


# --- The summary ----------------------------------------------------------------------------


def test_summary_carries_the_new_measures(folder):
    s = kpis.summary(load_business(folder))
    assert s["nps"] == 20.0 and s["survey_answers"] == 10 and s["heard_from"]["a friend"] == 0.4
    assert s["open_deals"] == 2 and s["open_pipeline_value"] == 2400.0 and s["days_to_close"] == 30.0
    assert [row["stage"] for row in s["pipeline"]] == ["prospect", "qualified", "proposal", "negotiation"]
    assert s["journey_first_orders"] == 2
    assert {row["channel"]: row["last_touch"] for row in s["attribution"]} == {
        "email": 1.0,
        "search": 1.0,
        "social": 0.0,
    }
    text = kpis.summary_json(s)
    assert text == kpis.summary_json(kpis.summary(load_business(folder)))  # the same input gives the same bytes
    assert json.loads(text)["pipeline"][0]["reached"] == 5


def test_summary_without_the_new_files_has_nulls(tmp_path):
    s = json.loads(
        kpis.summary_json(kpis.summary(load_business(business_folder(tmp_path, orders=ORDERS, campaigns=CAMPAIGNS))))
    )
    for key in ("nps", "survey_answers", "heard_from", "open_deals", "open_pipeline_value", "weighted_forecast"):
        assert s[key] is None, key
    assert s["pipeline"] is None and s["attribution"] is None and s["journey_first_orders"] is None


def test_the_summary_of_a_period_counts_its_answers_and_deals(folder):
    s = kpis.summary(load_business(folder), start="2025-01-01", end="2025-01-05")
    assert s["survey_answers"] == 3 and s["nps"] == 100.0
    assert s["open_deals"] == 2  # the deals became prospects on 1 January
    assert kpis.summary(load_business(folder), start="2025-02-01")["open_deals"] is None  # no deal in the period


# --- The report's sections ------------------------------------------------------------------


def test_the_sections_show_the_new_measures(folder):
    from smk_helpers.reports import sections

    b = load_business(folder)
    pipe = sections.pipeline(b)
    assert pipe.summary.startswith("Over all dates in the data, 5 deals became prospects and 1 was won")
    assert pipe.raw_tables["pipeline_by_stage"]["reached"].tolist() == [5, 3, 2, 1]
    assert sections.journeys(b).raw_tables["attribution"]["linear"].sum() == pytest.approx(2.0)
    voice = sections.customer_voice(b)
    assert "an NPS of 20 (5 promoters, 2 passives and 3 detractors)" in voice.summary
    assert "a friend (40.0%)" in voice.summary
    for section in (pipe, sections.journeys(b), voice):
        assert section.figure is not None and section.key


def test_the_sections_say_which_file_is_missing(tmp_path):
    from smk_helpers.reports import sections

    b = load_business(business_folder(tmp_path, orders=ORDERS, campaigns=CAMPAIGNS))
    assert "deal_value" in sections.pipeline(b).summary
    assert "no touchpoints.csv" in sections.journeys(b).summary
    assert "no survey.csv" in sections.customer_voice(b).summary


def test_smk_summary_prints_the_new_tables(folder, capsys):
    from smk_helpers.cli import main

    assert main(["summary", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "  Open pipeline value                 $2,400.00\n" in out
    assert "  Average days to close               30 days\n" in out
    assert "  prospect              5     75.0%          33.3%         1     $400.00\n" in out
    assert "  social                         1.0         0.0     0.3\n" in out
    assert "  Net Promoter Score (NPS)         20\n" in out


# --- Found in review: each failed before its fix ----------------------------------------------


def test_a_deal_file_without_closed_date_still_gives_the_pipeline(tmp_path):
    from smk_helpers.reports import sections

    head = "interaction_id,date,staff,type,outcome,deal_value,qualified_date\n"
    b = load_business(
        business_folder(
            tmp_path,
            orders=ORDERS,
            campaigns=CAMPAIGNS,
            interactions=head + "I1,2025-01-01,A,quote,won,100,2025-01-05\n",
        )
    )
    s = kpis.summary(b)
    assert s["deal_win_rate"] == 1.0 and s["days_to_close"] is None
    assert "a won deal took" not in sections.pipeline(b).summary


def test_deal_dates_with_a_time_of_day_are_compared_as_days(tmp_path):
    head = "interaction_id,date,staff,type,outcome,deal_value,qualified_date,closed_date\n"
    rows = "I1,2025-03-05 16:00,A,quote,won,100,2025-03-05,2025-03-06 09:00\n"
    i = load_business(
        business_folder(tmp_path, orders=ORDERS, campaigns=CAMPAIGNS, interactions=head + rows)
    ).interactions
    assert P.days_to_close(i) == 1.0  # 5 March to 6 March, whatever the hours


def test_stage_dates_without_a_deal_value_column_say_so(tmp_path):
    head = "interaction_id,date,staff,type,outcome,qualified_date,closed_date\n"
    rows = "I1,2025-01-01,A,quote,won,2025-01-02,2025-01-09\nI2,2025-01-01,A,call,won,,2025-01-01\n"
    problems = loader_problems(business_folder(tmp_path, orders=ORDERS, campaigns=CAMPAIGNS, interactions=head + rows))
    assert problems == [
        "interactions.csv, column 'qualified_date', row 2: a stage date, but the file has no deal_value column "
        "('2025-01-02'); add a deal_value column with each deal's value, or remove the stage columns."
    ]  # row 3 is a plain conversation with the day it closed: no deal, no problem


def test_a_broken_campaigns_file_is_not_reported_as_missing_by_the_touchpoints(tmp_path):
    folder = business_folder(
        tmp_path,
        orders=ORDERS.replace("EML-03", ""),
        campaigns="campaign_id,channel\nEML-03,email\n",
        touchpoints=TOUCHPOINTS,
    )
    problems = loader_problems(folder)
    assert len(problems) == 1 and problems[0].startswith("campaigns.csv is missing the columns")


def test_no_heard_from_column_means_no_how_heard_shares(tmp_path):
    from smk_helpers.reports import sections

    b = load_business(
        business_folder(tmp_path, orders=ORDERS, campaigns=CAMPAIGNS, survey="date,score\n2025-01-01,9\n")
    )
    assert kpis.summary(b)["heard_from"] is None and kpis.summary(b)["nps"] == 100.0
    voice = sections.customer_voice(b)
    assert list(voice.tables) == ["Promoters, passives and detractors"] and not voice.figures
    assert (
        voice.summary
        == "Over all dates in the data, the survey had 1 answer: an NPS of 100 (1 promoter, 0 passives and 0 "
        "detractors)."
    )


def test_nps_leaves_out_what_is_not_a_score():
    assert S.nps([6.5, 9]) == 0.0  # 6.5 is below 7: a detractor, not lost
    assert math.isnan(S.nps([11, -3])) and S.nps_groups([9, 10, 7]).tolist() == [2, 1, 0]


def test_touchpoints_with_a_blank_channel_keep_every_model_whole():
    touch = A.TOUCHPOINTS.copy()
    touch.loc[1, "channel"] = None
    table = A.attribution_table(touch, A.ORDERS)
    assert table.sum().round(9).tolist() == [2.0, 2.0, 2.0] and "(unknown)" in table.index


def test_the_headline_table_leaves_out_what_a_folder_has_no_data_for(tmp_path, folder):
    from smk_helpers.reports import sections

    plain = sections.kpi_table(load_business(business_folder(tmp_path, orders=ORDERS, campaigns=CAMPAIGNS)))
    assert "Net Promoter Score (NPS)" not in plain.table.index and "Open pipeline value" not in plain.table.index
    assert "There is no survey.csv, so there is no Net Promoter Score." in plain.notes
    assert any("sales pipeline's KPIs are left out" in note for note in plain.notes)
    full = sections.kpi_table(load_business(folder)).table
    assert (
        full.loc["Net Promoter Score (NPS)", "value"] == "20"
        and full.loc["Open pipeline value", "value"] == "$2,400.00"
    )
    assert full.loc["Win rate of deals", "value"] == "33.3%" and full.loc["Average days to close", "value"] == "30 days"


def test_the_weighted_forecast_learns_each_kind_of_deals_rates_and_falls_back_to_all_deals():
    from smk_helpers.core import pipeline

    base = pipeline.EXAMPLE  # one won, two lost, two open: 2000 at proposal, 400 at prospect
    assert pipeline.weighted_forecast(base) == pipeline.weighted_forecast(base, by=None)  # no type column
    kinds = base.assign(type=["quote", "tender", "quote", "quote", "tender"])
    assert pipeline.weighted_forecast(kinds) == 2000.0  # the tender lost from prospect: its open one weighs 0
    assert round(pipeline.weighted_forecast(kinds, by=None), 2) == 2133.33
    new_kind = base.assign(type=["quote", "quote", "quote", "quote", "tender"])  # no tender decided yet
    assert pipeline.weighted_forecast(new_kind) == pipeline.weighted_forecast(new_kind, by=None)


@pytest.mark.parametrize("example", ["bookhub", "northway"])
def test_the_weighted_forecast_is_the_sum_of_each_kinds_forecast(example):
    from smk_helpers import load_example
    from smk_helpers.core import pipeline

    talks = load_example(example).interactions
    by_kind = pipeline.deal_summary(talks, by="type")["weighted_forecast"].sum()
    assert pipeline.weighted_forecast(talks) == pytest.approx(by_kind)
    assert pipeline.weighted_forecast(talks) != pytest.approx(pipeline.weighted_forecast(talks, by=None))
