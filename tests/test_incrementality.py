"""The baseline comparison of core/incrementality.py: lift against comparable days, its swing, and the verdict."""

import math

import numpy as np
import pandas as pd
import pytest

from smk_helpers.core import incrementality as I


def orders_from(daily: dict) -> pd.DataFrame:
    """One order a day with the given revenue ({"2025-03-01": 10.0, ...})."""
    return pd.DataFrame({"order_date": pd.to_datetime(list(daily)), "revenue": list(daily.values())})


def promotion(start, end, campaign_id="P1"):
    return pd.DataFrame(
        {"campaign_id": [campaign_id], "start_date": [pd.Timestamp(start)], "end_date": [pd.Timestamp(end)]}
    )


def three_weeks(weekday=10.0, weekend=30.0, promoted=None):
    """2025-03-03 (Mon) to 2025-03-23 (Sun): the same revenue every weekday and every weekend day."""
    days = pd.date_range("2025-03-03", "2025-03-23")
    revenue = {d: (weekend if d.day_of_week >= 5 else weekday) for d in days}
    revenue.update(promoted or {})
    return orders_from(revenue)


# ------------------------------------------------------------------------------------------------ daily_totals


def test_daily_totals_adds_up_each_day_and_fills_the_days_without_an_order_with_0():
    orders = pd.DataFrame(
        {
            "order_date": pd.to_datetime(["2025-03-01 09:00", "2025-03-01 17:30", "2025-03-04 12:00"]),
            "revenue": [10.0, 5.0, 8.0],
        }
    )
    revenue = I.daily_totals(orders, "revenue")
    assert list(revenue.index.strftime("%d")) == ["01", "02", "03", "04"]
    assert revenue.tolist() == [15.0, 0.0, 0.0, 8.0]
    assert I.daily_totals(orders).tolist() == [2.0, 0.0, 0.0, 1.0]  # no value: the number of orders


def test_daily_totals_of_no_orders_is_empty_and_still_indexed_by_day():
    empty = I.daily_totals(pd.DataFrame({"order_date": pd.to_datetime([]), "revenue": []}), "revenue")
    assert empty.empty and isinstance(empty.index, pd.DatetimeIndex)


# ------------------------------------------------------------------------------------------ baseline_comparison


def test_a_weekend_promotion_is_compared_with_weekends_not_with_the_week():
    orders = three_weeks(promoted={pd.Timestamp("2025-03-15"): 70.0, pd.Timestamp("2025-03-16"): 70.0})
    row = I.baseline_comparison(orders, promotion("2025-03-15", "2025-03-16"), "revenue", weeks=1).loc["P1"]
    assert row["days"] == 2 and row["comparable_days"] == 14  # 8-23 March without the two promoted days
    assert row["actual"] == 140.0
    assert row["baseline"] == 60.0  # a Saturday and a Sunday at $30; the week's mean ($15.7 a day) would give $31
    assert row["lift"] == 80.0 and row["lift_share"] == pytest.approx(80 / 60)
    assert row["swing"] == 0.0  # every comparable day sold exactly its weekday's usual


def test_the_swing_is_the_spread_around_the_weekday_means_scaled_to_the_promotion():
    orders = three_weeks()
    orders.loc[orders["order_date"] == "2025-03-08", "revenue"] = 34.0  # two Saturdays: 34 and 26, mean 30
    orders.loc[orders["order_date"] == "2025-03-22", "revenue"] = 26.0
    row = I.baseline_comparison(orders, promotion("2025-03-15", "2025-03-15"), "revenue", weeks=1).loc["P1"]
    assert row["baseline"] == 30.0
    # comparable days 8-22 March minus the 15th: 14 days in 7 weekday groups; residuals ±4 on the two Saturdays
    sigma = math.sqrt((4**2 + 4**2) / (14 - 7))
    assert row["swing"] == pytest.approx(sigma * math.sqrt(1 + 1**2 / 2))


def test_other_promotions_days_are_not_comparable_days():
    big_weekend = {pd.Timestamp("2025-03-08"): 500.0, pd.Timestamp("2025-03-09"): 500.0}
    orders = three_weeks(promoted=big_weekend)
    both = pd.concat([promotion("2025-03-15", "2025-03-16", "P1"), promotion("2025-03-08", "2025-03-09", "P0")])
    table = I.baseline_comparison(orders, both, "revenue", weeks=1)
    assert table.loc["P1", "baseline"] == 60.0  # P0's $500 days stay out of P1's baseline
    assert list(table.index) == ["P1", "P0"] and table.index.name == "campaign_id"


def test_days_after_the_data_ends_are_not_taken_for_days_without_sales():
    orders = three_weeks()  # ends on Sunday 23 March
    row = I.baseline_comparison(orders, promotion("2025-03-22", "2025-03-23"), "revenue", weeks=4).loc["P1"]
    assert row["comparable_days"] == 19  # 3-21 March: the four weeks after the data are not zeros
    assert row["baseline"] == 60.0 and row["lift"] == 0.0


def test_a_zero_baseline_gives_an_unknown_lift_share_not_infinity():
    orders = three_weeks(weekday=0.0, weekend=0.0, promoted={pd.Timestamp("2025-03-15"): 40.0})
    row = I.baseline_comparison(orders, promotion("2025-03-15", "2025-03-15"), "revenue", weeks=1).loc["P1"]
    assert row["baseline"] == 0.0 and row["lift"] == 40.0
    assert math.isnan(row["lift_share"])


def test_a_weekday_without_a_comparable_day_has_no_baseline():
    orders = three_weeks(promoted={pd.Timestamp("2025-03-15"): 50.0})
    saturdays = [promotion(day, day, f"P{day[-2:]}") for day in ("2025-03-08", "2025-03-15", "2025-03-22")]
    row = I.baseline_comparison(orders, pd.concat(saturdays), "revenue", weeks=1).loc["P15"]
    assert row["actual"] == 50.0  # the Saturdays around it are promoted too: no Saturday to compare with
    assert math.isnan(row["baseline"]) and math.isnan(row["lift"]) and math.isnan(row["swing"])


def test_a_promotion_outside_the_data_or_ending_before_it_starts_is_unknown():
    orders = three_weeks()
    late = promotion("2025-03-22", "2025-03-25", "late")  # two of its days are after the data
    backwards = promotion("2025-03-12", "2025-03-10", "backwards")
    table = I.baseline_comparison(orders, pd.concat([late, backwards]), "revenue")
    assert math.isnan(table.loc["late", "actual"]) and math.isnan(table.loc["late", "lift"])
    assert table.loc["backwards", "days"] == 0 and table.loc["backwards"].drop(["days", "comparable_days"]).isna().all()


def test_no_promotion_gives_an_empty_table_with_the_columns():
    table = I.baseline_comparison(three_weeks(), promotion("2025-03-15", "2025-03-15").iloc[:0], "revenue")
    assert table.empty and list(table.columns) == I.COLUMNS


def test_without_a_value_it_compares_the_number_of_orders():
    orders = three_weeks()
    extra = orders_from({"2025-03-15": 99.0})  # a second order on the promoted Saturday
    row = I.baseline_comparison(pd.concat([orders, extra]), promotion("2025-03-15", "2025-03-15"), weeks=1).loc["P1"]
    assert (row["actual"], row["baseline"], row["lift"]) == (2.0, 1.0, 1.0)


# ----------------------------------------------------------------------------------------------------- verdict


@pytest.mark.parametrize(
    ("extra_profit", "swing", "spend", "expected"),
    [
        (900, 200, 250, I.KEEP),  # 900 - 2 x 200 = 500 > 250
        (600, 200, 250, I.TEST),  # 600 - 400 = 200: chance could leave it below the spend
        (-500, 300, 250, I.CUT),  # -500 + 600 = 100 < 250
        (100, 0, 250, I.CUT),  # no swing: a sure lift smaller than the spend
        (float("nan"), 10, 250, I.TEST),  # unknown: nothing says keep or cut
        (900, float("nan"), 250, I.TEST),
    ],
)
def test_verdict_keeps_cuts_or_tests(extra_profit, swing, spend, expected):
    assert I.verdict(extra_profit, swing, spend) == expected


def test_verdict_takes_series_and_its_own_z():
    extra, swing = pd.Series([900.0, 600.0], index=["a", "b"]), pd.Series([200.0, 200.0], index=["a", "b"])
    assert I.verdict(extra, swing, 250).to_dict() == {"a": I.KEEP, "b": I.TEST}
    assert I.verdict(600, 200, 250, z=1) == I.KEEP


# ---------------------------------------------------------------------------------------- on The Book Hub's data


def test_the_book_hubs_promotion_weeks_are_compared_weekday_by_weekday(hub):
    promotions = hub.campaigns[hub.campaigns["type"] == "in-store promotion"]
    shop = hub.orders[hub.orders["channel"] == "in-store"]
    table = I.baseline_comparison(shop, promotions, "revenue")
    assert list(table.index) == list(promotions["campaign_id"])
    assert (table["days"] == (promotions["end_date"] - promotions["start_date"]).dt.days.to_numpy() + 1).all()
    daily = I.daily_totals(shop, "revenue")
    for campaign_id, row in table.iterrows():
        start, end = promotions.set_index("campaign_id").loc[campaign_id, ["start_date", "end_date"]]
        assert row["actual"] == pytest.approx(daily[start:end].sum())
    assert np.isfinite(table["swing"]).all() and (table["swing"] > 0).all()


def test_the_weeks_before_only_leave_the_weeks_after_out():
    orders = three_weeks(promoted={pd.Timestamp("2025-03-15"): 70.0})
    both = I.baseline_comparison(orders, promotion("2025-03-15", "2025-03-15"), "revenue", weeks=1).loc["P1"]
    before = I.baseline_comparison(orders, promotion("2025-03-15", "2025-03-15"), "revenue", weeks=1, after=False)
    assert both["comparable_days"] == 14 and before.loc["P1", "comparable_days"] == 7


def test_promotion_table_keeps_the_promotions_of_the_period_with_their_lift_as_text():
    orders = three_weeks(promoted={pd.Timestamp("2025-03-15"): 70.0}).assign(campaign_id=None)
    orders = orders.assign(gross_profit=orders["revenue"] / 2)
    orders.loc[orders["revenue"].eq(70.0), "campaign_id"] = "P1"
    promotions = promotion("2025-03-15", "2025-03-15").assign(name="Promotion: Saturday sale", spend=10.0)
    table = I.promotion_table(orders, promotions, "2025-03-01", "2025-03-31", weeks=1)
    assert table.index.tolist() == ["Saturday sale"]
    row = table.loc["Saturday sale"]
    assert row["ROAS"] == "7.0x" and row["extra revenue"].startswith("$40")
    assert I.promotion_table(orders, promotions, "2025-04-01", "2025-04-30").empty
