"""Lesson 09's analyses, budget model, self-assessment, widgets and exercises (smk_helpers.course.alignment)."""

import math

import pandas as pd
import pytest

from conftest import REPO
from helpers import markdown_cells, read_notebook, source
from smk_helpers.course import alignment
from smk_helpers.course.alignment import (
    QUALITY_COLUMNS,
    REALLOCATION_ROWS,
    STAGES,
    STATEMENTS,
    assess_alignment,
    lead_quality,
    reallocate,
    stage_for,
)
from smk_helpers.course.exercises import check
from smk_helpers.course.exercises.lesson09 import EXAMPLE_ANSWERS
from smk_helpers.course.grading import MISSING, RIGHT, WRONG, bookhub


# ---------------------------------------------------------------- lead quality
@pytest.fixture
def small():
    campaigns = pd.DataFrame(
        {
            "campaign_id": ["E1", "E2", "S1", "P1", "X1"],
            "type": ["email", "email", "social", "promotion", "search"],
            "spend": [100.0, 50.0, 300.0, 80.0, 40.0],
            "leads": [50.0, 25.0, 20.0, None, 10.0],
        }
    )
    interactions = pd.DataFrame(
        {
            "campaign_id": ["E1", "E1", "E2", "E2", "S1", "S1", "S1", "P1", None],
            "outcome": ["won", "lost", "won", "open", "won", "open", "lost", "won", "won"],
            "order_id": ["1", None, "4", None, "2", None, None, "5", "3"],
        }
    )
    orders = pd.DataFrame(
        {
            "order_id": ["0", "1", "2", "3", "4", "5"],
            "customer_id": ["C1", "C1", "C2", None, "C3", "C4"],
            "order_date": pd.to_datetime(
                ["2025-01-02", "2025-02-01", "2025-02-03", "2025-02-04", "2025-03-01", "2025-03-02"]
            ),
            "revenue": [20.0, 40.0, 60.0, 10.0, 30.0, 25.0],
        }
    )
    return campaigns, interactions, orders


def test_lead_quality_by_hand(small):
    q = lead_quality(*small)
    assert q.columns.tolist() == QUALITY_COLUMNS
    assert q.index.tolist() == ["email", "search", "social"]  # the promotion has no leads: left out
    email, social = q.loc["email"], q.loc["social"]
    assert email[["spend", "leads", "conversations", "won", "lost", "open", "new_customers", "revenue"]].tolist() == [
        150.0,
        75.0,
        4,
        2,
        1,
        1,
        1,
        70.0,
    ]  # C1 had bought before: not new; C3 is new
    assert email["cost_per_lead"] == 2.0
    assert email["conversation_rate"] == pytest.approx(4 / 75)
    assert email["win_rate"] == pytest.approx(2 / 3)  # the open conversation is left out
    assert email["lead_to_win"] == pytest.approx(2 / 75)
    assert email["new_customer_share"] == 0.5
    assert email["cost_per_win"] == 75.0
    assert email["cac"] == 150.0
    assert email["revenue_per_win"] == 35.0
    assert email["roas"] == pytest.approx(70 / 150)
    assert social[["won", "lost", "open", "new_customers", "revenue", "cac", "lead_to_win"]].tolist() == [
        1,
        1,
        1,
        1,
        60.0,
        300.0,
        0.05,
    ]


def test_lead_quality_of_a_campaign_nobody_talked_to_is_nan_not_zero(small):
    search = lead_quality(*small).loc["search"]
    assert search[["conversations", "won", "new_customers", "revenue"]].tolist() == [0, 0, 0, 0.0]
    for column in ("win_rate", "cac", "cost_per_win", "revenue_per_win", "new_customer_share"):
        assert math.isnan(search[column]), column
    assert search["lead_to_win"] == 0.0


def test_lead_quality_per_campaign(small):
    q = lead_quality(*small, by="campaign_id")
    assert q.index.name == "campaign_id"
    assert q.loc["E2", ["won", "open", "new_customers"]].tolist() == [1, 1, 1]


def test_lead_quality_of_the_book_hub_adds_up():
    hub = bookhub()
    q = lead_quality(hub.campaigns, hub.interactions, hub.orders)
    with_leads = hub.campaigns[hub.campaigns["leads"].notna()]
    talks = hub.interactions[hub.interactions["campaign_id"].isin(with_leads["campaign_id"])]
    assert q["spend"].sum() == pytest.approx(with_leads["spend"].sum())
    assert q["leads"].sum() == with_leads["leads"].sum()
    assert q["conversations"].sum() == len(talks)
    assert q["won"].sum() == (talks["outcome"] == "won").sum()
    # By hand with plain pandas: a won conversation brings a new customer when its order is the customer's first.
    first = hub.orders.dropna(subset=["customer_id"]).sort_values("order_date", kind="stable")
    first_ids = set(first.drop_duplicates("customer_id")["order_id"])
    won_talks = talks[(talks["outcome"] == "won") & talks["order_id"].isin(first_ids)]
    kind = won_talks["campaign_id"].map(hub.campaigns.set_index("campaign_id")["type"])
    assert q["new_customers"][lambda n: n > 0].to_dict() == kind.value_counts().to_dict()
    ads = talks[talks["campaign_id"].map(hub.campaigns.set_index("campaign_id")["type"]) == "targeted ads"]
    won, lost = (ads["outcome"] == "won").sum(), (ads["outcome"] == "lost").sum()
    assert q.loc["targeted ads", "win_rate"] == pytest.approx(won / (won + lost))
    seo = with_leads[with_leads["type"] == "SEO content"]
    assert q.loc["SEO content", "cac"] == pytest.approx(seo["spend"].sum() / q.loc["SEO content", "new_customers"])
    assert set(q.index) == {
        "SEO content",
        "author event",
        "email newsletter",
        "influencer",
        "social media content",
        "targeted ads",
    }


def test_quality_for_reading_formats_every_group(small):
    text = alignment.quality_for_reading(lead_quality(*small))
    assert text.loc["email", "cost per new customer"] == "$150.00"
    assert text.loc["search", "win rate"] == "n/a"
    assert text.loc["social", "spend"] == "$300"


# ---------------------------------------------------------------- lead source
def test_lead_source_win_rates_by_hand():
    campaigns = pd.DataFrame({"campaign_id": ["E1", "S1"], "channel": ["email", "social"]})
    talks = pd.DataFrame(
        {
            "campaign_id": ["E1", "E1", "E1", "S1", "S1", "X9", None],
            "type": ["special order", "special order", "recommendation", "special order", "recommendation"] + ["x"] * 2,
            "outcome": ["won", "open", "won", "lost", "won", "won", "lost"],
        }
    )
    table = alignment.lead_source_win_rates(campaigns, talks).set_index(["source", "kind"])
    assert table.loc[("email", "all kinds"), ["won", "lost", "decided"]].tolist() == [2, 0, 2]  # the open one is out
    assert table.loc[("social", "special order"), "win_rate"] == 0.0
    assert table.loc[("social", "recommendation"), "win_rate"] == 1.0
    # A campaign_id that is not in the campaigns table, like none at all, is "no campaign".
    assert table.loc[(alignment.NO_CAMPAIGN, "all kinds"), ["won", "lost"]].tolist() == [1, 1]
    text = alignment.lead_sources_for_reading(table.reset_index(), min_decided=2)
    assert text.loc["email", "all kinds"] == "100% of 2" and text.loc["email", "special order"] == "too few (1)"
    assert text.columns[0] == "all kinds" and text.loc["email", "x"] == "none"


def test_the_book_hub_was_built_with_warm_leads_and_its_data_shows_it_within_each_kind():
    """The generator multiplies a lead's chance by its source (SOURCE_LIFT): lesson 09 says so and shows it."""
    from smk_helpers.dev.bookhub import SOURCE_LIFT

    hub = bookhub()
    table = alignment.lead_source_win_rates(hub.campaigns, hub.interactions).set_index(["source", "kind"])
    warm = [s for s, lift in SOURCE_LIFT.items() if lift > 1]
    cold = [s for s, lift in SOURCE_LIFT.items() if lift < 1]
    assert sorted(warm) == ["email", "event"] and sorted(cold) == ["search", "social"]
    for kind in ("all kinds", "special order"):
        rates = table.xs(kind, level="kind")["win_rate"]
        assert min(rates[warm]) > rates[alignment.NO_CAMPAIGN] > max(rates[cold]), kind
    nb = read_notebook(REPO / "notebooks" / "09_alignment.ipynb")
    assert any("SOURCE_LIFT" in source(c) for c in nb.cells if c.cell_type == "code"), "lesson 09 prints the rule"


# ---------------------------------------------------------------- the reallocation model
@pytest.fixture
def quality():
    return pd.DataFrame(
        {
            "spend": [100.0, 100.0, 50.0],
            "leads": [10.0, 50.0, 5.0],
            "won": [5, 10, 1],
            "new_customers": [4, 8, 1],
            "revenue": [250.0, 400.0, 30.0],
        },
        index=pd.Index(["social", "search", "email"], name="type"),
    )


def test_reallocate_by_hand(quality):
    table = reallocate(quality, "social", "search", share=0.5)
    assert table.index.tolist() == REALLOCATION_ROWS
    assert table.columns.tolist() == ["before", "after", "change"]
    # social: 5 leads (2.5 won, 2 new, $125); search: 75 leads (15 won, 12 new, $600); email unchanged
    assert table.loc["spend"].tolist() == [250.0, 250.0, 0.0]
    assert table.loc["leads", "after"] == pytest.approx(85.0)
    assert table.loc["won sales", "after"] == pytest.approx(18.5)
    assert table.loc["new customers", "after"] == pytest.approx(15.0)
    assert table.loc["revenue", "after"] == pytest.approx(755.0)
    assert table.loc["cost per lead", "after"] == pytest.approx(250 / 85)
    assert table.loc["cost per new customer (CAC)"].tolist() == pytest.approx([250 / 13, 250 / 15, 250 / 15 - 250 / 13])
    assert table.loc[alignment.LEAD_PATH_RETURN, "before"] == pytest.approx(680 / 250)


def test_moving_nothing_changes_nothing(quality):
    table = reallocate(quality, "social", "search", share=0.0)
    assert table["after"].tolist() == pytest.approx(table["before"].tolist())
    assert (table["change"].abs() < 1e-9).all()


def test_the_model_is_linear_in_the_share_moved(quality):
    half = reallocate(quality, "email", "search", share=0.5)["change"]
    whole = reallocate(quality, "email", "search", share=1.0)["change"]
    for row in ("leads", "won sales", "new customers", "revenue"):
        assert whole[row] == pytest.approx(2 * half[row])


def test_new_money_efficiency_scales_only_the_added_leads(quality):
    none = reallocate(quality, "social", "search", share=1.0, new_money_efficiency=0.0)
    assert none.loc["leads", "change"] == pytest.approx(-10.0)  # social's leads lost, nothing bought
    assert none.loc["new customers", "change"] == pytest.approx(-4.0)
    half = reallocate(quality, "social", "search", share=1.0, new_money_efficiency=0.5)
    assert half.loc["leads", "change"] == pytest.approx(-10 + 25)


def test_moving_between_equally_good_channels_changes_nothing():
    twins = pd.DataFrame(
        {
            "spend": [100.0, 300.0],
            "leads": [20.0, 60.0],
            "won": [4, 12],
            "new_customers": [2, 6],
            "revenue": [100.0, 300.0],
        },
        index=["a", "b"],
    )
    table = reallocate(twins, "a", "b", share=0.7)
    assert table["change"].abs().max() < 1e-9


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"move_from": "social", "move_to": "social", "share": 0.5}, "same group"),
        ({"move_from": "radio", "move_to": "search", "share": 0.5}, "radio"),
        ({"move_from": "social", "move_to": "tv", "share": 0.5}, "tv"),
        ({"move_from": "social", "move_to": "search", "share": 1.5}, "fraction"),
        ({"move_from": "social", "move_to": "search", "share": -0.1}, "fraction"),
        ({"move_from": "social", "move_to": "search", "share": "half"}, "fraction"),
        ({"move_from": "social", "move_to": "search", "share": 0.5, "new_money_efficiency": -1}, "0 or more"),
    ],
)
def test_reallocate_rejects_impossible_moves(quality, kwargs, message):
    with pytest.raises(ValueError, match=message):
        reallocate(quality, **kwargs)


def test_reallocate_on_the_book_hub_keeps_spend_and_helps_cac():
    hub = bookhub()
    q = lead_quality(hub.campaigns, hub.interactions, hub.orders)
    table = reallocate(q, "social media content", "targeted ads", share=0.5)
    assert table.loc["spend", "change"] == pytest.approx(0.0, abs=1e-6)
    social, ads = q.loc["social media content"], q.loc["targeted ads"]
    moved = social["spend"] * 0.5  # half of social's spend, and so half of its new customers, moves to ads
    expected = -social["new_customers"] * 0.5 + moved * ads["new_customers"] / ads["spend"]
    assert table.loc["new customers", "change"] == pytest.approx(expected)
    assert table.loc["cost per new customer (CAC)", "change"] < 0


def test_reallocation_for_reading_signs_the_changes(quality):
    text = alignment.reallocation_for_reading(reallocate(quality, "social", "search", share=0.5))
    assert text.loc["spend"].tolist() == ["$250", "$250", "$0"]
    assert text.loc["leads", "change"] == "+20"
    assert text.loc["revenue", "change"] == "+$75"
    assert text.loc["cost per new customer (CAC)", "change"].startswith("-$")
    assert text.loc[alignment.LEAD_PATH_RETURN, "before"] == "2.72x"


# ---------------------------------------------------------------- the reallocation widget
def test_reallocation_widget_follows_its_inputs(quality):
    panel = alignment.reallocation_widget(quality, "social", "search", share=0.5)
    assert [box.description for box in (panel.move_from, panel.move_to, panel.share, panel.efficiency)] == [
        "Move budget from",
        "to",
        "Share moved",
        "Extra money works at",
    ]
    first = panel.output.value
    assert "<table" in first and "+20" in first

    panel.share.value = 1.0
    assert panel.output.value != first and "+40" in panel.output.value
    panel.efficiency.value = 0.0
    assert "-10" in panel.output.value
    panel.move_to.value = "social"
    assert "same group" in panel.output.value and "<table" not in panel.output.value
    panel.move_to.value = "email"
    assert "<table" in panel.output.value


# ---------------------------------------------------------------- the four stages
def test_four_stages_in_order():
    assert [s.name for s in STAGES] == ["undefined", "defined", "aligned", "integrated"]


@pytest.mark.parametrize(
    "mean, stage",
    [
        (1.0, "undefined"),
        (1.99, "undefined"),
        (2.0, "defined"),
        (2.99, "defined"),
        (3.0, "aligned"),
        (3.99, "aligned"),
        (4.0, "integrated"),
        (5.0, "integrated"),
    ],
)
def test_stage_cut_offs(mean, stage):
    assert stage_for(mean).name == stage


def test_assessment_of_extremes():
    low = assess_alignment([1] * 8)
    assert low.stage.name == "undefined" and not low.provisional and len(low.focus) == 2
    high = assess_alignment({s.key: 5 for s in STATEMENTS})
    assert high.stage.name == "integrated" and high.focus == ()
    assert "Work on" not in high.message


def test_assessment_points_at_the_lowest_statements():
    result = assess_alignment(EXAMPLE_ANSWERS)
    assert result.stage.name == "defined" and result.mean == pytest.approx(22 / 8)
    assert all(tip.startswith("the feedback loop") for tip in result.focus)
    assert "Next step" in result.message and result.stage.advice in result.message


def test_partial_and_empty_assessments():
    partial = assess_alignment({"goals": 4, "crm": None})
    assert partial.provisional and partial.answered == 1 and partial.stage.name == "integrated"
    assert "provisional: 1 of 8" in partial.message
    empty = assess_alignment([None] * 8)
    assert empty.stage is None and math.isnan(empty.mean)
    assert "0 of 8 answered" in empty.message


@pytest.mark.parametrize(
    "answers, message",
    [
        ({"goals": 6}, "1 \\(not true\\) to 5"),
        ({"goals": 0}, "1 \\(not true\\) to 5"),
        ({"goals": "4"}, "1 \\(not true\\) to 5"),
        ({"goals": True}, "1 \\(not true\\) to 5"),
        ({"goals": 2.5}, "1 \\(not true\\) to 5"),
        ({"budget": 3}, "unknown statement"),
        ([3] * 9, "8 statements"),
    ],
)
def test_assessment_rejects_bad_answers(answers, message):
    with pytest.raises(ValueError, match=message):
        assess_alignment(answers)


def test_self_assessment_widget_follows_the_answers():
    panel = alignment.self_assessment_widget()
    assert list(panel.answers) == [s.key for s in STATEMENTS]
    assert [d.description for d in panel.answers.values()] == [f"Statement {n}" for n in range(1, 9)]
    assert "0 of 8 answered" in panel.output.value

    panel.answers["goals"].value = 2
    assert "Stage: defined" in panel.output.value and "provisional: 1 of 8" in panel.output.value
    for dropdown in panel.answers.values():
        dropdown.value = 5
    assert "Stage: integrated" in panel.output.value and "provisional" not in panel.output.value


# ---------------------------------------------------------------- exercises
def _ads_2025():
    hub = bookhub()
    ads = hub.campaigns[(hub.campaigns["type"] == "targeted ads") & (hub.campaigns["start_date"].dt.year == 2025)]
    talks = hub.interactions[hub.interactions["campaign_id"].isin(ads["campaign_id"])]
    return ads, talks["outcome"].value_counts()


def test_09_1_right_and_near_misses():
    ads, outcomes = _ads_2025()
    assert check("09.1", outcomes["won"] / (outcomes["won"] + outcomes["lost"])).status == RIGHT
    hub = bookhub()
    every_ad = hub.campaigns.loc[hub.campaigns["type"] == "targeted ads", ["campaign_id", "start_date"]]
    talks = hub.interactions.merge(every_ad, on="campaign_id")
    decided = talks[talks["outcome"] != "open"]
    both_years = (decided["outcome"] == "won").mean()
    year_2024 = (decided.loc[decided["start_date"].dt.year == 2024, "outcome"] == "won").mean()
    assert "both years" in check("09.1", both_years).message
    assert "per lead" in check("09.1", outcomes["won"] / ads["leads"].sum()).message
    assert "2024" in check("09.1", year_2024).message
    assert check("09.1", ...).status == MISSING
    assert check("09.1", "0.49").status == WRONG


def test_09_2_right_and_near_misses():
    hub = bookhub()
    q = lead_quality(hub.campaigns, hub.interactions, hub.orders)
    social, seo = q.loc["social media content"], q.loc["SEO content"]
    moved = social["spend"] / 2
    new_after = (
        q["new_customers"].sum() - social["new_customers"] / 2 + moved * 0.25 * seo["new_customers"] / seo["spend"]
    )
    assert check("09.2", q["spend"].sum() / new_after).status == RIGHT
    linear = q["new_customers"].sum() - social["new_customers"] / 2 + moved * seo["new_customers"] / seo["spend"]
    assert "efficiency 1.0" in check("09.2", q["spend"].sum() / linear).message
    assert "before the move" in check("09.2", q["spend"].sum() / q["new_customers"].sum()).message


def test_09_3():
    assert check("09.3", "Defined").status == RIGHT
    assert "below 3" in check("09.3", "aligned").message
    assert "not one of the options" in check("09.3", "smarketing").message


def test_the_lesson_shows_the_exercise_shop_and_the_statements_as_checked():
    nb = read_notebook(REPO / "notebooks" / "09_alignment.ipynb")
    markdown = "\n".join(source(c) for c in markdown_cells(nb))
    for statement in STATEMENTS:
        assert f"| {statement.text} | {EXAMPLE_ANSWERS[statement.key]} |" in markdown


def test_09_3_explains_every_stage_with_the_shops_average():
    mean = f"{assess_alignment(EXAMPLE_ANSWERS).mean:.2f}"
    messages = {stage.name: check("09.3", stage.name).message for stage in STAGES}
    assert all(mean in message for message in messages.values())
    assert "between 2 and 3" in messages["defined"]
    assert "two stages too high" in messages["integrated"]


def test_the_stages_table_and_the_five_practices():
    table = alignment.stages_table()
    assert table.index.tolist() == [s.name for s in STAGES]
    assert table.notna().all().all()
    assert alignment.PRACTICES == (
        "shared goals",
        "lead handoff",
        "one CRM",
        "consistent messaging",
        "the feedback loop",
    )
    assert {s.practice for s in STATEMENTS} == set(alignment.PRACTICES)


def test_09_4_reviews_the_budget_whose_new_customers_cost_most_and_names_each_misconception():
    from smk_helpers.course.exercises.lesson09 import northway

    nw = northway()
    q = lead_quality(nw.campaigns, nw.interactions, nw.orders)
    biggest = q.nlargest(4, "spend")
    assert set(biggest.index) == {"trade fair stand", "linkedin ads", "search ads", "partner commissions"}
    cac = biggest["spend"] / biggest["new_customers"]
    assert check("09.4", cac.idxmax()).status == RIGHT and cac.idxmax() == "trade fair stand"
    # what each wrong option's explanation claims, checked against the data
    assert q.loc["trade fair stand", "leads"] == q["leads"].max()
    assert biggest["cost_per_lead"].idxmax() == "partner commissions"
    assert biggest["new_customers"].idxmin() == "search ads"
    assert q.loc["trade fair stand", "conversation_rate"] == q["conversation_rate"].min()
    assert "cost per lead ignores" in check("09.4", "partner commissions").message
    assert "Counting customers without the spend" in check("09.4", "Search Ads").message
    assert "large budget" in check("09.4", "linkedin ads").message
    assert "not one of the options" in check("09.4", "SEO content").message


def test_09_5_the_fair_rule_is_the_handoff():
    assert check("09.5", "Lead handoff").status == RIGHT
    assert "runs the other way" in check("09.5", "the feedback loop").message
    assert check("09.5", "one CRM").status == WRONG
    assert check("09.5", ...).status == MISSING
