"""The funnel: stage order, summed counts, rates, warnings, by source, and what-if."""

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smk_helpers.core import funnel as F

# Stage names chosen so that neither alphabetical order nor size order is the funnel's order.
FUNNEL = pd.DataFrame(
    {
        "stage": ["visits", "subscribers", "purchase", "visits", "subscribers", "purchase", "purchase"],
        "count": [1000.0, 100.0, 20.0, 500.0, 80.0, 10.0, 5.0],
        "period": ["2025-01", "2025-01", "2025-01", "2025-02", "2025-02", "2025-02", None],
        "source": ["social", "social", "social", "email", "email", "email", None],
    }
)


def test_stage_order_is_the_order_of_first_appearance():
    shuffled = FUNNEL.iloc[[2, 0, 1, 3]]
    assert F.stage_order(FUNNEL) == ["visits", "subscribers", "purchase"]
    assert F.stage_order(shuffled) == ["purchase", "visits", "subscribers"]


def test_funnel_table_sums_over_periods_and_sources():
    table = F.funnel_table(FUNNEL)
    assert list(table.columns) == ["stage", "count", "rate_from_previous", "rate_from_top"]
    assert table["stage"].tolist() == ["visits", "subscribers", "purchase"]
    assert table["count"].tolist() == [1500.0, 180.0, 35.0]
    assert math.isnan(table["rate_from_previous"].iloc[0])
    assert table["rate_from_previous"].tolist()[1:] == pytest.approx([180 / 1500, 35 / 180])
    assert table["rate_from_top"].tolist() == pytest.approx([1.0, 180 / 1500, 35 / 1500])


def test_a_zero_stage_gives_nan_below_it_not_inf():
    funnel = pd.DataFrame({"stage": ["visits", "cart", "purchase"], "count": [0.0, 0.0, 0.0]})
    table = F.funnel_table(funnel)
    assert table["rate_from_previous"].isna().all()
    assert table["rate_from_top"].isna().all()


def test_a_stage_larger_than_the_one_above_is_kept_and_warned_about():
    funnel = pd.DataFrame({"stage": ["visits", "newsletter", "purchase"], "count": [1000.0, 1200.0, 30.0]})
    table = F.funnel_table(funnel)
    assert table["rate_from_previous"].iloc[1] == pytest.approx(1.2)
    warnings = F.funnel_warnings(table)
    assert len(warnings) == 1
    assert "'newsletter' (1,200)" in warnings[0]
    assert "'visits' (1,000)" in warnings[0]
    assert "120.0%" in warnings[0]


def test_no_warnings_for_a_narrowing_funnel():
    assert F.funnel_warnings(F.funnel_table(FUNNEL)) == []


def test_an_empty_funnel():
    table = F.funnel_table(FUNNEL.iloc[0:0])
    assert table.empty
    assert list(table.columns) == ["stage", "count", "rate_from_previous", "rate_from_top"]
    assert F.funnel_warnings(table) == []


def test_funnel_by_source_gives_each_source_its_own_funnel():
    table = F.funnel_by_source(FUNNEL)
    assert list(table.columns) == ["source", "stage", "count", "rate_from_previous", "rate_from_top"]
    email = table[table["source"] == "email"]
    assert email["stage"].tolist() == ["visits", "subscribers", "purchase"]
    assert email["rate_from_top"].tolist() == pytest.approx([1.0, 0.16, 0.02])
    unknown = table[table["source"] == "(unknown)"]  # a blank source
    assert unknown["stage"].tolist() == ["purchase"]
    assert unknown["rate_from_top"].tolist() == [1.0]
    assert table["count"].sum() == F.funnel_table(FUNNEL)["count"].sum()


def test_funnel_by_source_keeps_the_file_order_of_stages_within_each_source():
    funnel = pd.DataFrame(
        {
            "stage": ["visits", "purchase", "purchase", "visits"],
            "count": [100.0, 5.0, 2.0, 50.0],
            "source": ["social", "social", "email", "email"],  # email lists purchase first
        }
    )
    email = F.funnel_by_source(funnel).query("source == 'email'")
    assert email["stage"].tolist() == ["visits", "purchase"]
    assert email["rate_from_previous"].iloc[1] == pytest.approx(0.04)


def test_warnings_by_source_name_the_source():
    funnel = pd.DataFrame(
        {
            "stage": ["visits", "purchase", "visits", "purchase"],
            "count": [100.0, 5.0, 10.0, 20.0],
            "source": ["social", "social", "walk-in", "walk-in"],
        }
    )
    warnings = F.funnel_warnings(F.funnel_by_source(funnel), by="source")
    assert len(warnings) == 1
    assert warnings[0].startswith("source walk-in: Stage 'purchase'")


def test_stage_top_and_overall_conversion():
    counts = [1000, 100, 20]
    assert F.stage_conversion(counts).tolist()[1:] == pytest.approx([0.1, 0.2])
    assert F.top_conversion(counts).tolist() == pytest.approx([1.0, 0.1, 0.02])
    assert F.overall_conversion(counts) == pytest.approx(0.02)
    assert math.isnan(F.overall_conversion([]))
    assert math.isnan(F.overall_conversion([0, 5]))


@given(st.lists(st.integers(1, 10**6), min_size=2, max_size=8))
def test_overall_conversion_is_the_product_of_the_stage_rates(counts):
    assert F.overall_conversion(counts) == pytest.approx(F.stage_conversion(counts).iloc[1:].prod())
    assert F.top_conversion(counts).iloc[-1] == pytest.approx(F.overall_conversion(counts))


@given(
    st.lists(st.tuples(st.sampled_from(["visits", "cart", "purchase"]), st.integers(0, 1000)), min_size=1, max_size=12)
)
def test_funnel_counts_do_not_depend_on_how_rows_are_split(rows):
    funnel = pd.DataFrame(rows, columns=["stage", "count"]).astype({"count": "float64"})
    table = F.funnel_table(funnel)
    assert table["count"].sum() == funnel["count"].sum()
    assert dict(zip(table["stage"], table["count"], strict=True)) == funnel.groupby("stage")["count"].sum().to_dict()


def test_what_if_lifts_one_stage_and_everything_below():
    table = F.funnel_table(pd.DataFrame({"stage": ["visits", "cart", "purchase"], "count": [1000.0, 100.0, 30.0]}))
    better = F.what_if(table, "cart", lift=0.10)
    assert better["count"].tolist() == pytest.approx([1000.0, 110.0, 33.0])
    assert better["rate_from_previous"].tolist()[1:] == pytest.approx([0.11, 0.30])  # only cart's rate moved
    assert table["count"].tolist() == [1000.0, 100.0, 30.0]  # the input is untouched


def test_what_if_is_a_relative_lift_not_percentage_points():
    table = F.funnel_table(pd.DataFrame({"stage": ["visits", "purchase"], "count": [1000.0, 20.0]}))
    assert F.what_if(table, "purchase", lift=0.10)["rate_from_top"].iloc[-1] == pytest.approx(0.022)


def test_what_if_on_the_top_stage_means_more_people():
    table = F.funnel_table(pd.DataFrame({"stage": ["visits", "purchase"], "count": [1000.0, 20.0]}))
    assert F.what_if(table, "visits", lift=0.5)["count"].tolist() == pytest.approx([1500.0, 30.0])


def test_what_if_with_no_lift_changes_nothing():
    table = F.funnel_table(FUNNEL)
    pd.testing.assert_frame_equal(F.what_if(table, "subscribers", lift=0.0), table)


def test_what_if_an_unknown_stage():
    with pytest.raises(ValueError, match="no stage 'checkout'"):
        F.what_if(F.funnel_table(FUNNEL), "checkout", lift=0.1)


def test_each_stage_of_the_modern_funnel_belongs_to_one_part():
    assert [F.funnel_part(stage) for stage in F.PARTS] == [
        "top",
        "top",
        "middle",
        "middle",
        "bottom",
        "bottom",
        "after the purchase",
    ]
    assert F.funnel_part(" Intent ") == "middle"
    with pytest.raises(ValueError, match="not a stage of the funnel"):
        F.funnel_part("site visits")


def test_funnel_text_shows_counts_and_rates_readably_and_n_a_for_the_top():
    text = F.funnel_text(F.funnel_table(FUNNEL))
    assert text["count"].tolist() == ["1,500", "180", "35"]
    assert text["rate_from_previous"].tolist() == ["n/a", "12.00%", "19.44%"]
    assert text["rate_from_top"].tolist()[-1] == "2.333%"


def test_stage_counts_takes_a_run_of_stages_top_first():
    table = F.funnel_table(pd.DataFrame({"stage": ["reach", "visits", "purchase", "repeat"], "count": [50, 20, 4, 1]}))
    assert F.stage_counts(table).tolist() == [50, 20, 4, 1]
    assert F.stage_counts(table, "visits", "purchase").tolist() == [20, 4]
    assert F.overall_conversion(F.stage_counts(table, last="purchase")) == pytest.approx(4 / 50)


def test_rates_by_source_keeps_the_stage_order_not_the_alphabet():
    rows = pd.DataFrame(
        {"stage": ["visits", "purchase"] * 2, "count": [100, 5, 10, 1], "source": ["social"] * 2 + ["email"] * 2}
    )
    table = F.rates_by_source(F.funnel_by_source(rows))
    assert table.index.tolist() == ["visits", "purchase"]
    assert table.loc["purchase"].tolist() == ["10.0%", "5.0%"]
