"""One-to-many vs one-to-one (lesson 04): the model by hand, the Book Hub tables, the widget's wiring, exercises."""

import math

import pandas as pd
import pytest

from smk_helpers.core import kpis
from smk_helpers.course import approaches as A
from smk_helpers.course import grading as checks
from smk_helpers.course.exercises import check

# ------------------------------------------------------------------------------- the slider model


def test_the_worked_example_of_the_guide():
    """$15 CPM, 1% CTR, 2% conversion: $75 an order; 10 minutes at $13.56: $2.26 a contact."""
    table = A.compare_approaches(
        cpm=15,
        ctr=0.01,
        site_conversion=0.02,
        minutes_per_contact=10,
        hourly_cost=13.56,
        hand_sell_conversion=0.25,
        staff_hours=20,
        budget=300,
    )
    ad, hand = table.loc[A.AD], table.loc[A.HAND_SELL]
    assert ad["contacts"] == pytest.approx(20_000)
    assert ad["orders"] == pytest.approx(4.0)
    assert ad["cost_per_order"] == pytest.approx(75.0)
    assert ad["cost_per_contact"] == pytest.approx(0.015)
    assert ad["conversion_per_contact"] == pytest.approx(0.0002)
    assert hand["cost_per_contact"] == pytest.approx(2.26)
    assert hand["capacity"] == pytest.approx(120)  # 20 hours × 60 / 10 minutes
    assert hand["contacts"] == pytest.approx(120)
    assert hand["cost"] == pytest.approx(271.2)
    assert hand["orders"] == pytest.approx(30)
    assert hand["cost_per_order"] == pytest.approx(9.04)
    assert hand["staff_hours"] == pytest.approx(20)
    assert table["limited_by"].tolist() == ["budget", "staff hours"]


def test_the_defaults_are_the_worked_example():
    pd.testing.assert_frame_equal(A.compare_approaches(), A.compare_approaches(**A.DEFAULTS))
    assert A.DEFAULTS["hourly_cost"] == kpis.STAFF_HOURLY_COST


def test_the_model_agrees_with_the_kpi_definitions():
    table = A.compare_approaches(cpm=22.0, ctr=0.013, site_conversion=0.031, budget=740)
    ad = table.loc[A.AD]
    clicks = ad["orders"] / 0.031
    assert kpis.cpm(ad["cost"], ad["contacts"]) == pytest.approx(22.0)
    assert kpis.ctr(clicks, ad["contacts"]) == pytest.approx(0.013)
    hand = table.loc[A.HAND_SELL]
    assert hand["cost"] == pytest.approx(kpis.staff_cost(hand["contacts"] * A.DEFAULTS["minutes_per_contact"]))


def test_a_small_budget_caps_the_hand_sell_before_the_staff_hours_do():
    table = A.compare_approaches(budget=113, staff_hours=100)
    hand = table.loc[A.HAND_SELL]
    assert hand["contacts"] == pytest.approx(113 / 2.26)
    assert hand["cost"] == pytest.approx(113)
    assert hand["capacity"] == pytest.approx(600)
    assert hand["limited_by"] == "budget"


def test_no_budget_or_no_hours_give_no_orders_and_unknown_ratios():
    none = A.compare_approaches(budget=0)
    assert none["orders"].tolist() == [0, 0]
    assert none["cost_per_order"].isna().all()  # n/a, never 0 or inf
    no_hours = A.compare_approaches(staff_hours=0)
    assert no_hours.loc[A.HAND_SELL, "orders"] == 0
    assert math.isnan(no_hours.loc[A.HAND_SELL, "cost_per_order"])
    assert no_hours.loc[A.AD, "cost_per_order"] == pytest.approx(75)


@pytest.mark.parametrize(
    "inputs, message",
    [
        ({"ctr": 1.5}, "fraction"),
        ({"hand_sell_conversion": 25}, "fraction"),
        ({"site_conversion": -0.1}, "fraction"),
        ({"cpm": 0}, "more than 0"),
        ({"minutes_per_contact": 0}, "more than 0"),
        ({"hourly_cost": -1}, "more than 0"),
        ({"budget": -5}, "negative"),
        ({"staff_hours": -1}, "negative"),
    ],
)
def test_impossible_inputs_are_refused_with_a_reason(inputs, message):
    with pytest.raises(ValueError, match=message):
        A.compare_approaches(**inputs)


def test_at_the_break_even_conversion_both_cost_the_same_per_order():
    table = A.compare_approaches()
    even = A.break_even_conversion(table)
    assert even == pytest.approx(2.26 / 75)
    at_even = A.compare_approaches(hand_sell_conversion=even)
    assert at_even.loc[A.HAND_SELL, "cost_per_order"] == pytest.approx(at_even.loc[A.AD, "cost_per_order"])


def test_compare_scenarios_runs_the_model_per_scenario():
    table = A.compare_scenarios({"example": {}, "busy": {"staff_hours": 2}, "rich": {"budget": 1000}})
    assert table.index.tolist() == ["example", "busy", "rich"]
    assert table.loc["busy", "hand_sell_orders"] == pytest.approx(3.0)  # 12 conversations × 25%
    assert table.loc["busy", "more_orders"] == "one-to-many"
    assert table.loc["rich", "ad_orders"] == pytest.approx(1000 / 75)
    assert table.loc["rich", "hand_sell_orders"] == pytest.approx(30)  # still 20 staff hours


def test_the_verdict_names_the_winners_and_the_limit():
    text = " ".join(A.verdict(A.compare_approaches()))
    assert "Cheaper per order: one-to-one ($9.04 against $75.00)" in text
    assert "More contacts (impressions or conversations): one-to-many (20,000 against 120)" in text
    assert "people" not in text  # impressions are not people
    assert "capped by staff hours: 20 hours allow 120 conversations" in text
    assert "more than 3.0% of conversations" in text
    budget_capped = " ".join(A.verdict(A.compare_approaches(budget=100, staff_hours=100)))
    assert "capped by the budget" in budget_capped
    assert A.verdict(A.compare_approaches(budget=0)) == [
        "Nothing is spent, so neither approach reaches anyone: raise the budget."
    ]
    no_hours = " ".join(A.verdict(A.compare_approaches(staff_hours=0)))
    assert "one-to-many ($75.00; one-to-one brings no orders)" in no_hours


def test_the_comparison_as_text_and_html():
    frame = A.comparison_frame(A.compare_approaches())
    assert frame.loc[A.AD, "Cost per contact"] == "$0.015"
    assert frame.loc[A.HAND_SELL, "Cost per order"] == "$9.04"
    page = A.comparison_html(A.compare_approaches())
    assert page.startswith('<div role="status">') and "$75.00" in page and "<li>" in page


# ------------------------------------------------------------------------------ the Book Hub data


def test_by_kind_gives_each_kind_the_row_of_its_approach():
    campaigns = pd.DataFrame(
        {
            "campaign_id": ["A1", "A2", "E1"],
            "channel": ["social", "social", "email"],
            "spend": [100.0, 50.0, 30.0],
            "impressions": [10000.0, 5000.0, 2000.0],
        }
    )
    orders = pd.DataFrame({"campaign_id": ["A1", "A2", "A2", None]})
    interactions = pd.DataFrame(
        {"type": ["call", "call", "special order"], "minutes": [6.0, 6.0, 30.0], "outcome": ["won", "lost", "won"]}
    )
    table = A.by_kind(campaigns, interactions, orders)  # no `type` column: campaigns grouped by channel
    assert table.index.tolist() == ["email", "social", "call", "special order"]
    assert table["approach"].tolist() == ["one-to-many", "one-to-many", "one-to-one", "one-to-one"]
    assert table.loc["social", "cost_per_order"] == pytest.approx(150 / 3)
    assert math.isnan(table.loc["email", "cost_per_order"])  # spend but no orders: n/a
    assert table.loc["call", "cost_per_order"] == pytest.approx(kpis.staff_cost(12))
    assert table.loc["special order", "conversion_per_contact"] == 1.0


def test_the_book_hub_kinds_add_up_to_the_whole(hub):
    table = A.by_kind(hub.campaigns, hub.interactions, hub.orders)
    whole = kpis.one_to_many_vs_one_to_one(hub.campaigns, hub.interactions, hub.orders)
    for approach, row in (("one-to-many", kpis.ONE_TO_MANY), ("one-to-one", kpis.ONE_TO_ONE)):
        part = table[table["approach"] == approach]
        assert part["cost"].sum() == pytest.approx(whole.loc[row, "cost"])
        assert part["orders"].sum() == pytest.approx(whole.loc[row, "orders"])


def test_staff_capacity_by_hand():
    staff = pd.DataFrame(
        {
            "staff": ["Ana", "Ben", "Cy"],
            "role": ["bookseller"] * 3,
            "hourly_cost": [12.0, 18.0, 15.0],
            "hours_per_week": [10.0, 20.0, 5.0],
        }
    )
    interactions = pd.DataFrame({"staff": ["Ana", "Ana", "Ben"], "minutes": [30.0, 30.0, 60.0]})
    table = A.staff_capacity(staff, interactions, weeks=2)
    assert table.index.tolist() == ["Ana", "Ben", "Cy", "all staff"]
    assert table.loc["Ana", "paid_hours"] == 20
    assert table.loc["Ana", "conversation_hours"] == 1
    assert table.loc["Ben", "conversation_cost"] == pytest.approx(18)  # at Ben's own rate
    assert table.loc["Cy", "conversations"] == 0 and table.loc["Cy", "conversation_hours"] == 0
    assert table.loc["all staff", "paid_hours"] == 70
    assert table.loc["all staff", "share_of_paid_hours"] == pytest.approx(2 / 70)


def test_the_book_hub_staff_table(hub):
    staff = A.load_staff()
    assert len(staff) == 5
    assert (staff.loc[staff["role"] == "bookseller", "hourly_cost"] == kpis.STAFF_HOURLY_COST).all()
    table = A.staff_capacity(staff, hub.interactions, weeks=104)
    assert table.loc["all staff", "conversations"] == len(hub.interactions)


def test_hours_for():
    assert A.hours_for(120, 10) == 20
    assert A.hours_for(pd.Series([6, 3]), 20).tolist() == [2, 1]


# --------------------------------------------------------------------------------------- widget


def test_the_explorer_starts_from_the_worked_example():
    panel = A.approach_explorer()
    assert list(panel.sliders) == list(A.DEFAULTS)
    assert panel.children[0] is panel.sliders["cpm"]  # the first slider on the page is the CPM
    assert all(slider.description for slider in panel.sliders.values())
    assert panel.sliders["ctr"].value == pytest.approx(1.0)  # rates in percent on the sliders
    assert panel.sliders["hand_sell_conversion"].value == 25
    assert "smk-approach-output" in panel.output._dom_classes
    assert panel.output.value == A.comparison_html(A.compare_approaches())


def test_moving_the_first_slider_recomputes_the_output():
    panel = A.approach_explorer()
    before = panel.output.value
    panel.sliders["cpm"].value = 30.0
    assert panel.output.value != before
    assert "$150.00" in panel.output.value  # $30 CPM: twice the $75
    assert panel.output.value == A.comparison_html(A.compare_approaches(cpm=30.0))


@pytest.mark.parametrize(
    "name, shown, model",
    [
        ("ctr", 2.0, 0.02),
        ("site_conversion", 4.0, 0.04),
        ("minutes_per_contact", 20, 20),
        ("hourly_cost", 20.0, 20.0),
        ("hand_sell_conversion", 50, 0.5),
        ("staff_hours", 40, 40),
        ("budget", 1000, 1000),
    ],
)
def test_every_slider_feeds_its_input(name, shown, model):
    panel = A.approach_explorer()
    before = panel.output.value
    panel.sliders[name].value = shown
    assert panel.output.value != before
    assert panel.output.value == A.comparison_html(A.compare_approaches(**{name: model}))


def test_the_explorer_takes_starting_values_and_refuses_unknown_ones():
    panel = A.approach_explorer(budget=600, hand_sell_conversion=0.1)
    assert panel.sliders["budget"].value == 600
    assert panel.sliders["hand_sell_conversion"].value == 10
    assert panel.output.value == A.comparison_html(A.compare_approaches(budget=600, hand_sell_conversion=0.1))
    with pytest.raises(TypeError, match="no input 'ctrr'"):
        A.approach_explorer(ctrr=0.01)


# ------------------------------------------------------------------------------------ exercises


def _year(hub, first, last):
    return (
        hub.campaigns[kpis.in_period(hub.campaigns["start_date"], first, last)],
        hub.interactions[kpis.in_period(hub.interactions["date"], first, last)],
        hub.orders[kpis.in_period(hub.orders["order_date"], first, last)],
    )


def test_exercise_04_1_one_to_one_cost_per_order_in_2024():
    hub = checks.bookhub()
    table = kpis.one_to_many_vs_one_to_one(*_year(hub, "2024-01-01", "2024-12-31"))
    assert check("04.1", table.loc[kpis.ONE_TO_ONE, "cost_per_order"]).passed
    later = kpis.one_to_many_vs_one_to_one(*_year(hub, "2025-01-01", "2025-12-31"))
    assert "2025" in check("04.1", later.loc[kpis.ONE_TO_ONE, "cost_per_order"]).message
    assert "one-to-many" in check("04.1", table.loc[kpis.ONE_TO_MANY, "cost_per_order"]).message
    assert "cost per contact" in check("04.1", table.loc[kpis.ONE_TO_ONE, "cost_per_contact"]).message


def test_exercise_04_2_break_even_conversion():
    assert check("04.2", kpis.staff_cost(10) / 75).passed
    assert check("04.2", 0.0301).passed
    assert "upside down" in check("04.2", 75 / 2.26).message
    assert "percentage" in check("04.2", 3.01).message


def test_exercise_04_3_a_busy_week_is_a_decision_that_explains_both_options():
    assert checks.kind_of("04.3") == checks.DECISION
    assert check("04.3", "one-to-many").passed
    wrong = check("04.3", "One-to-one ")
    assert wrong.status == checks.WRONG and "cheaper per order is not more orders" in wrong.message
    assert "6 hand-sells" in wrong.message  # the number the decision turns on
    assert "same at either rate" in wrong.message  # and the shop's own logged rate gives the same answer
    assert check("04.3", "both").status == checks.WRONG


def test_exercise_04_1_the_year_filter_of_the_fill_in_gives_the_same_rows_as_in_period(hub):
    for table, column in ((hub.campaigns, "start_date"), (hub.interactions, "date"), (hub.orders, "order_date")):
        by_year = table[table[column].dt.year == 2024]
        assert by_year.index.equals(table[kpis.in_period(table[column], "2024-01-01", "2024-12-31")].index)


def test_exercise_04_4_northways_cost_per_order_at_its_own_wages():
    from smk_helpers.core.data import load_example

    nw = load_example("northway")
    wage = A.hourly_cost(A.load_staff(nw.path), nw.interactions)
    table = kpis.one_to_many_vs_one_to_one(nw.campaigns, nw.interactions, nw.orders, staff_hourly_cost=wage)
    assert check("04.4", table.loc[kpis.ONE_TO_ONE, "cost_per_order"]).passed
    at_bookseller_wage = kpis.one_to_many_vs_one_to_one(nw.campaigns, nw.interactions, nw.orders)
    assert "bookseller's wage" in check("04.4", at_bookseller_wage.loc[kpis.ONE_TO_ONE, "cost_per_order"]).message
    assert "one-to-many" in check("04.4", table.loc[kpis.ONE_TO_MANY, "cost_per_order"]).message
    assert "cost per contact" in check("04.4", table.loc[kpis.ONE_TO_ONE, "cost_per_contact"]).message


def test_exercise_04_5_a_staff_pick_card_is_one_to_many():
    assert checks.kind_of("04.5") == checks.CONCEPT
    assert check("04.5", "one-to-many").passed
    assert "personal tone is not a conversation" in check("04.5", "one-to-one").message


# ------------------------------------------------------------------------------- wages and reading


def test_hourly_cost_weighs_each_persons_wage_by_their_minutes():
    staff = pd.DataFrame({"staff": ["Ann", "Bo"], "hourly_cost": [60.0, 20.0]})
    talks = pd.DataFrame({"staff": ["Ann", "Bo", "Bo", "Cy", "Ann"], "minutes": [30.0, 60.0, 30.0, 600.0, None]})
    assert A.hourly_cost(staff, talks) == pytest.approx((30 * 60 + 90 * 20) / 120)
    assert math.isnan(A.hourly_cost(staff, talks.iloc[3:4]))  # nobody known: n/a, not 0


def test_hourly_cost_of_the_book_hub_lies_between_its_wages(hub):
    staff = A.load_staff()
    wage = A.hourly_cost(staff, hub.interactions)
    assert staff["hourly_cost"].min() < wage < staff["hourly_cost"].max()
    capacity = A.staff_capacity(staff, hub.interactions, weeks=104)
    everyone = capacity.loc["all staff"]
    assert wage == pytest.approx(everyone["conversation_cost"] / everyone["conversation_hours"])


def test_readable_shows_the_capacity_and_scenario_tables_with_plain_headings(hub):
    capacity = A.readable(A.staff_capacity(A.load_staff(), hub.interactions))
    assert capacity.columns.tolist() == [
        "Role",
        "Hourly cost",
        "Paid hours",
        "Conversations",
        "Hours talking",
        "Cost at own wage",
        "Share of paid hours",
    ]
    assert capacity.loc["all staff", "Hourly cost"] == "n/a"
    scenarios = A.readable(A.compare_scenarios({"a busy week": {"staff_hours": 2}}))
    assert "Ad contacts" not in scenarios.columns
    assert scenarios.loc["a busy week"].tolist() == ["4.0", "3.0", "$75.00", "$9.04", "one-to-many"]
