"""Funnel what-if (lesson 05): the plain functions, by hand-computed examples, and the widget's wiring."""

import math

import pandas as pd
import pytest

from smk_helpers.core import funnel as F
from smk_helpers.course import whatif as W

# visits → cart 10% → purchase 30% → repeat 20%
TABLE = F.funnel_table(
    pd.DataFrame({"stage": ["visits", "cart", "purchase", "repeat"], "count": [1000.0, 100.0, 30.0, 6.0]})
)
AOV = 40.0


def test_a_relative_lift_multiplies_the_stage_and_everything_below():
    result = W.lift_stage(TABLE, "cart", 0.10, AOV)
    assert result["stage"] == "cart"
    assert result["rate_before"] == pytest.approx(0.10)
    assert result["rate_after"] == pytest.approx(0.11)
    assert result["purchases_before"] == pytest.approx(30.0)
    assert result["purchases_after"] == pytest.approx(33.0)
    assert result["extra_purchases"] == pytest.approx(3.0)
    assert result["revenue_before"] == pytest.approx(1200.0)
    assert result["revenue_after"] == pytest.approx(1320.0)
    assert result["extra_revenue"] == pytest.approx(120.0)


def test_a_lift_in_points_is_added_to_the_rate():
    result = W.lift_stage(TABLE, "purchase", 0.06, AOV, points=True)  # 30% + 6 points = 36%
    assert result["rate_after"] == pytest.approx(0.36)
    assert result["purchases_after"] == pytest.approx(36.0)
    assert result["extra_revenue"] == pytest.approx(6 * AOV)


def test_relative_lift_converts_points_to_a_relative_change():
    assert W.relative_lift(TABLE, "cart", 0.05) == 0.05
    assert W.relative_lift(TABLE, "cart", 0.05, points=True) == pytest.approx(0.5)


def test_points_on_the_top_stage_or_a_zero_rate_are_refused():
    with pytest.raises(ValueError, match="top stage"):
        W.relative_lift(TABLE, "visits", 0.01, points=True)
    zero = F.funnel_table(pd.DataFrame({"stage": ["visits", "cart", "purchase"], "count": [100.0, 0.0, 0.0]}))
    with pytest.raises(ValueError, match="rate is 0"):
        W.lift_stage(zero, "cart", 0.01, AOV, points=True)


def test_lifting_the_top_stage_means_more_people_at_the_top():
    result = W.lift_stage(TABLE, "visits", 0.20, AOV)
    assert math.isnan(result["rate_before"])
    assert result["purchases_after"] == pytest.approx(36.0)


def test_a_stage_below_purchase_leaves_purchases_alone():
    result = W.lift_stage(TABLE, "repeat", 0.50, AOV)
    assert result["extra_purchases"] == 0
    assert result["rate_after"] == pytest.approx(0.30)


def test_a_rate_cannot_leave_0_to_100_percent():
    with pytest.raises(ValueError, match="between 0% and 100%"):
        W.lift_stage(TABLE, "purchase", 0.80, AOV, points=True)  # 30% + 80 points
    with pytest.raises(ValueError, match="between 0% and 100%"):
        W.lift_stage(TABLE, "cart", -1.5, AOV)


def test_unknown_stages_are_named_in_the_error():
    with pytest.raises(ValueError, match="no stage 'basket'"):
        W.lift_stage(TABLE, "basket", 0.1, AOV)
    with pytest.raises(ValueError, match="no stage 'sale'"):
        W.lift_stage(TABLE, "cart", 0.1, AOV, purchase_stage="sale")


def test_liftable_stages_run_from_the_second_stage_to_purchase():
    assert W.liftable_stages(TABLE) == ["cart", "purchase"]
    assert W.liftable_stages(TABLE, purchase_stage="repeat") == ["cart", "purchase", "repeat"]


def test_the_same_relative_lift_gives_the_same_purchases_anywhere_but_points_do_not():
    relative = W.compare_stages(TABLE, 0.10, AOV)
    assert relative.index.tolist() == ["cart", "purchase"]
    assert relative["extra_purchases"].tolist() == pytest.approx([3.0, 3.0])
    points = W.compare_stages(TABLE, 0.01, AOV, points=True)
    assert points["extra_purchases"].tolist() == pytest.approx([3.0, 1.0])  # +10% of 30, +1/30 of 30


def test_compare_stages_gives_nan_where_the_lift_does_not_fit():
    table = W.compare_stages(TABLE, 0.75, AOV, points=True)  # cart 85%: fine; purchase 105%: impossible
    assert table.loc["cart", "rate_after"] == pytest.approx(0.85)
    assert table.loc["purchase"].isna().all()


def test_funnel_orders_and_aov_use_only_the_funnels_sources():
    orders = pd.DataFrame({"campaign_id": ["E1", "S1", None, "V1", "E1"], "revenue": [30.0, 40.0, 50.0, 60.0, 20.0]})
    campaigns = pd.DataFrame({"campaign_id": ["E1", "S1", "V1"], "channel": ["email", "social", "event"]})
    assert W.funnel_orders(orders, campaigns, ["email"])["revenue"].tolist() == [30.0, 20.0]
    assert W.funnel_aov(orders, campaigns, ["email", "social"]) == pytest.approx(30.0)
    assert math.isnan(W.funnel_aov(orders, campaigns, ["search"]))


def test_the_book_hub_funnel_orders_are_the_purchase_stage(hub):
    table = F.funnel_table(hub.funnel)
    orders = W.funnel_orders(hub.orders, hub.campaigns, hub.funnel["source"].unique())
    assert len(orders) == table.set_index("stage").loc["purchase", "count"]
    aov = W.funnel_aov(hub.orders, hub.campaigns, hub.funnel["source"].unique())
    assert 20 < aov < 60


def test_result_frame_and_html_show_before_after_and_difference():
    frame = W.result_frame(W.lift_stage(TABLE, "cart", 0.10, AOV))
    assert frame.loc["purchases"].tolist() == ["30", "33", "+3"]
    assert frame.loc["revenue"].tolist() == ["$1,200.00", "$1,320.00", "+$120.00"]
    assert frame.loc["rate of cart"].tolist() == ["10.0%", "11.0%", "+1.0 pts"]
    html = W.result_html(W.lift_stage(TABLE, "cart", 0.10, AOV))
    assert "+$120.00" in html and html.startswith('<div role="status">')


def test_result_frame_shows_a_drop_and_an_unknown_rate():
    drop = W.result_frame(W.lift_stage(TABLE, "cart", -0.10, AOV))
    assert drop.loc["revenue", "difference"] == "-$120.00"
    top = W.result_frame(W.lift_stage(TABLE, "visits", 0.10, AOV))
    assert top.loc["rate of visits"].tolist() == ["n/a", "n/a", "n/a"]


# ------------------------------------------------------------------------------------- widget


def test_widget_starts_with_the_default_lift_of_the_first_liftable_stage():
    panel = W.what_if_widget(TABLE, AOV)
    assert panel.stage.value == "cart" and list(panel.stage.options) == ["cart", "purchase"]
    assert panel.unit.value is False and panel.lift.value == 10
    assert panel.output.value == W.result_html(W.lift_stage(TABLE, "cart", 0.10, AOV))
    assert all(box.description for box in (panel.stage, panel.unit, panel.lift))


def test_widget_follows_the_slider_the_dropdown_and_the_unit():
    panel = W.what_if_widget(TABLE, AOV)
    panel.lift.value = 20
    assert panel.output.value == W.result_html(W.lift_stage(TABLE, "cart", 0.20, AOV))
    panel.stage.value = "purchase"
    assert panel.output.value == W.result_html(W.lift_stage(TABLE, "purchase", 0.20, AOV))
    panel.unit.value = True
    assert panel.output.value == W.result_html(W.lift_stage(TABLE, "purchase", 0.20, AOV, points=True))
    assert "+20.0 pts" in panel.output.value


def test_widget_recomputes_for_every_combination():
    panel = W.what_if_widget(TABLE, AOV, stage="purchase")
    panel.unit.value = True
    panel.lift.value = 50  # 30% + 50 points is fine
    assert "80.0%" in panel.output.value
    panel.stage.value = "cart"
    panel.lift.value = 50
    assert "<table>" in panel.output.value
    panel.stage.value = "purchase"
    panel.unit.value = False
    panel.lift.value = 50  # 30% × 1.5 = 45%: fine
    assert "45.0%" in panel.output.value


def test_widget_shows_the_reason_instead_of_failing():
    table = F.funnel_table(pd.DataFrame({"stage": ["visits", "cart", "purchase"], "count": [1000.0, 100.0, 90.0]}))
    panel = W.what_if_widget(table, AOV, stage="purchase")  # 90%
    panel.lift.value = 20  # 90% × 1.2 = 108%
    assert "between 0% and 100%" in panel.output.value and "<table>" not in panel.output.value
    panel.lift.value = 10  # 99%: fine again
    assert "<table>" in panel.output.value


# ------------------------------------------------------------------------------------- exercises 05.x


def hub_table():
    from smk_helpers.course.grading import bookhub

    return F.funnel_table(bookhub().funnel)


def test_exercise_05_1_visit_to_purchase():
    from smk_helpers.course.exercises import check

    counts = hub_table().set_index("stage")["count"]
    right = counts["purchase"] / counts["site visits"]
    assert check("05.1", right).passed
    assert check("05.1", round(right, 4)).passed
    assert "reach" in check("05.1", counts["purchase"] / counts["reach"]).message
    assert "percentage" in check("05.1", right * 100).message
    assert check("05.1", ...).status == "missing"


def test_exercise_05_2_december_engaged_to_purchase():
    from smk_helpers.core import kpis
    from smk_helpers.course.exercises import check
    from smk_helpers.course.grading import bookhub

    rows = bookhub().funnel
    december = F.funnel_table(rows[kpis.months_in_period(rows["period"], "2025-12-01", "2025-12-31")])
    counts = december.set_index("stage")["count"]
    assert check("05.2", counts["purchase"] / counts["engaged"]).passed
    filled = F.funnel_table(rows[rows["period"] == "2025-12"])  # the fill-in's way: one row, one value
    assert check("05.2", filled.loc[filled["stage"] == "purchase", "rate_from_previous"]).passed
    whole = hub_table().set_index("stage")["count"]
    assert "both years" in check("05.2", whole["purchase"] / whole["engaged"]).message


def test_exercise_05_3_extra_revenue_of_a_relative_lift():
    from smk_helpers.course.exercises import check
    from smk_helpers.course.grading import bookhub

    hub = bookhub()
    counts = hub_table().set_index("stage")["count"]
    aov = W.funnel_aov(hub.orders, hub.campaigns, hub.funnel["source"].unique())
    extra = counts["purchase"] * 0.20 * aov  # a 20% relative lift anywhere gives 20% more purchases
    assert check("05.3", extra).passed
    assert "after the lift" in check("05.3", counts["purchase"] * 1.2 * aov).message
    assert "extra purchases" in check("05.3", counts["purchase"] * 0.20).message
    points = W.lift_stage(hub_table(), "sign-ups", 0.20, aov, points=True)["extra_revenue"]
    assert "percentage points" in check("05.3", points).message
    assert check("05.3", "2907").status == "wrong"


def test_compare_plans_lifts_each_stage_by_its_own_points():
    plans = pd.DataFrame({"stage": ["cart", "purchase"], "points": [0.01, 0.06]}, index=["site", "staff"])
    result = W.compare_plans(TABLE, plans, AOV)
    assert result.loc["site", "relative_lift"] == pytest.approx(0.10)  # 1 point on 10%
    assert result.loc["staff", "relative_lift"] == pytest.approx(0.20)  # 6 points on 30%
    assert result["extra_purchases"].tolist() == pytest.approx([3.0, 6.0])
    assert result.loc["staff", "extra_revenue"] == pytest.approx(6 * AOV)
    assert math.isnan(W.compare_plans(TABLE, plans)["extra_revenue"].iloc[0])  # no AOV: revenue n/a


def test_comparison_text_is_the_comparison_as_readable_text():
    text = W.comparison_text(W.compare_stages(TABLE, 0.10, AOV))
    assert list(text.columns) == ["rate before", "rate after", "extra purchases", "extra revenue"]
    assert text.loc["cart"].tolist() == ["10.00%", "11.00%", "3.0", "$120.00"]


def test_exercise_05_4_the_newsletter_is_the_middle_of_the_funnel():
    from smk_helpers.course.exercises import answer_key, check
    from smk_helpers.course.grading import kind_of

    assert kind_of("05.4") == "concept" and answer_key("05.4") == "middle"
    assert check("05.4", " Middle ").passed
    assert "one-to-many is not the same as the top" in check("05.4", "top").message
    assert "coming last is not the same as closing" in check("05.4", "bottom").message


def test_exercise_05_5_picks_the_project_with_the_largest_lift_relative_to_its_rate():
    from smk_helpers.core.data import load_example
    from smk_helpers.course.exercises import answer_key, check
    from smk_helpers.course.exercises.lesson05 import NORTHWAY_PLANS
    from smk_helpers.course.grading import kind_of

    table = F.funnel_table(load_example("northway").funnel).set_index("stage")
    relative = NORTHWAY_PLANS["points"] / table.loc[NORTHWAY_PLANS["stage"], "rate_from_previous"].to_numpy()
    assert kind_of("05.5") == "decision"
    assert answer_key("05.5") == relative.idxmax() == "handoff"  # 10 points on about 40% beat half a point on 2%
    assert check("05.5", "handoff").passed
    assert "lowest rate" in check("05.5", "form").message
    assert "a point is worth most where the rate is smallest" in check("05.5", "proposals").message
