"""The KPI formulas: hand-computed cases, zero denominators, blanks, and properties."""

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smk_helpers.core import kpis as K

nan = math.nan


def is_nan(x) -> bool:
    return isinstance(x, float) and math.isnan(x)


def orders_table(rows):
    """Orders from (date, customer_id, channel, revenue, campaign_id) tuples."""
    df = pd.DataFrame(rows, columns=["order_date", "customer_id", "channel", "revenue", "campaign_id"])
    return df.assign(
        order_id=[str(i) for i in range(len(df))],
        order_date=pd.to_datetime(df["order_date"]),
        revenue=df["revenue"].astype("float64"),
    )


def campaigns_table(rows):
    """Campaigns from (id, channel, start, end, spend, impressions, clicks, leads) tuples."""
    df = pd.DataFrame(
        rows, columns=["campaign_id", "channel", "start_date", "end_date", "spend", "impressions", "clicks", "leads"]
    )
    numbers = list(K.CAMPAIGN_NUMBERS)
    return df.assign(
        start_date=pd.to_datetime(df["start_date"]),
        end_date=pd.to_datetime(df["end_date"]),
        **{c: df[c].astype("float64") for c in numbers},
    )


# ---------------------------------------------------------------------------------------------
# safe_divide, known_sum, ratio_of_sums
# ---------------------------------------------------------------------------------------------


def test_safe_divide_scalars():
    assert K.safe_divide(30, 1000) == 0.03
    assert type(K.safe_divide(np.int64(1), np.float64(4))) is float  # plain Python, for JSON and doctests
    assert K.safe_divide(-6, 3) == -2.0  # a negative denominator is fine


@pytest.mark.parametrize("denominator", [0, 0.0, -0.0, np.int64(0), None, nan, pd.NA])
@pytest.mark.parametrize("numerator", [5, 0, -5])
def test_safe_divide_zero_or_missing_denominator_is_nan(numerator, denominator):
    assert is_nan(K.safe_divide(numerator, denominator))


def test_safe_divide_missing_numerator_is_nan():
    assert is_nan(K.safe_divide(None, 4))


def test_safe_divide_series():
    result = K.safe_divide(pd.Series([1, 2, 3, 4]), pd.Series([4, 0, None, -2]))
    assert result.tolist()[0] == 0.25
    assert result.isna().tolist() == [False, True, True, False]
    assert result.iloc[3] == -2.0
    assert not np.isinf(result).any()


def test_safe_divide_series_by_scalar_zero():
    result = K.safe_divide(pd.Series([1.0, 0.0]), 0)
    assert result.isna().all()


def test_safe_divide_scalar_by_series_keeps_the_index():
    result = K.safe_divide(10, pd.Series([5, 0], index=["a", "b"]))
    assert result["a"] == 2.0 and math.isnan(result["b"])


def test_safe_divide_dataframes():
    result = K.safe_divide(pd.DataFrame({"x": [1, 1]}), pd.DataFrame({"x": [2, 0]}))
    assert result["x"].iloc[0] == 0.5 and math.isnan(result["x"].iloc[1])


@given(st.integers(-(10**9), 10**9), st.integers(-(10**9), 10**9))
def test_safe_divide_is_nan_exactly_when_the_denominator_is_zero(numerator, denominator):
    result = K.safe_divide(numerator, denominator)
    assert math.isnan(result) if denominator == 0 else result == pytest.approx(numerator / denominator)


def test_known_sum():
    assert K.known_sum([10, None, 5]) == 15.0
    assert K.known_sum(pd.Series([0.0, nan])) == 0.0  # a known zero is a known total
    assert is_nan(K.known_sum([None, None]))  # blank in every row: unknown, not 0
    assert is_nan(K.known_sum(pd.Series([nan])))
    assert K.known_sum([]) == 0.0  # nothing to add


def test_ratio_of_sums_uses_rows_where_both_parts_are_known():
    clicks = pd.Series([10, 1, None, 5])
    impressions = pd.Series([1000, 10, 500, None])
    assert K.ratio_of_sums(clicks, impressions) == pytest.approx(11 / 1010)


def test_ratio_of_sums_with_nothing_paired_is_nan():
    assert is_nan(K.ratio_of_sums(pd.Series([1.0, None]), pd.Series([None, 2.0])))
    assert is_nan(K.ratio_of_sums(pd.Series([], dtype=float), pd.Series([], dtype=float)))


def test_ratio_of_sums_by_group():
    result = K.ratio_of_sums(pd.Series([1, 3, 2]), pd.Series([10, 10, 0]), by=pd.Series(["a", "a", "b"]))
    assert result["a"] == 0.2 and math.isnan(result["b"])


def test_ratio_of_sums_is_not_the_mean_of_ratios():
    # A small campaign with a high CTR and a big one with a low CTR (Simpson's paradox in miniature).
    clicks = pd.Series([5.0, 100.0])
    impressions = pd.Series([10.0, 10000.0])
    assert K.ratio_of_sums(clicks, impressions) == pytest.approx(105 / 10010)
    assert K.ratio_of_sums(clicks, impressions) != pytest.approx((clicks / impressions).mean())


@given(st.lists(st.tuples(st.integers(0, 10_000), st.integers(1, 1_000_000)), min_size=1, max_size=20))
def test_ratio_of_sums_property(rows):
    clicks = pd.Series([c for c, _ in rows], dtype="float64")
    impressions = pd.Series([i for _, i in rows], dtype="float64")
    assert K.ratio_of_sums(clicks, impressions) == pytest.approx(clicks.sum() / impressions.sum())
    assert K.ratio_of_sums(clicks[::-1], impressions[::-1]) == pytest.approx(K.ratio_of_sums(clicks, impressions))


# ---------------------------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------------------------


def test_in_period_includes_both_end_days_whole():
    dates = pd.Series(pd.to_datetime(["2025-02-28 23:59", "2025-03-01 00:00", "2025-03-31 23:59", "2025-04-01 00:00"]))
    assert K.in_period(dates, "2025-03-01", "2025-03-31").tolist() == [False, True, True, False]
    assert K.in_period(dates, dt.date(2025, 3, 1), pd.Timestamp("2025-03-31")).tolist() == [False, True, True, False]


def test_in_period_open_sides():
    dates = pd.Series(pd.to_datetime(["2025-01-01", "2025-06-01"]))
    assert K.in_period(dates).tolist() == [True, True]
    assert K.in_period(dates, start="2025-03-01").tolist() == [False, True]
    assert K.in_period(dates, end="2025-03-01").tolist() == [True, False]


def test_months_in_period_overlap_and_blanks():
    months = pd.Series(["2025-01", "2025-02", "2025-03", None], dtype="str")
    assert K.months_in_period(months, "2025-01-31", "2025-02-01").tolist() == [True, True, False, False]
    assert K.months_in_period(months, start="2025-02-10").tolist() == [False, True, True, False]
    assert K.months_in_period(months).tolist() == [True, True, True, True]  # no period: keep blanks


# ---------------------------------------------------------------------------------------------
# Low-level formulas
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kpi", "args", "expected"),
    [
        (K.average_order_value, (4800, 100), 48.0),
        (K.ctr, (310, 5200), 310 / 5200),
        (K.cpc, (120, 300), 0.4),
        (K.cpm, (150, 10_000), 15.0),
        (K.cost_per_lead, (120, 40), 3.0),
        (K.cac, (900, 60), 15.0),
        (K.roas, (1200, 300), 4.0),
        (K.marketing_roi, (450, 300), 0.5),
        (K.marketing_roi, (150, 300), -0.5),
        (K.break_even_roas, (0.466,), 1 / 0.466),
        (K.simple_clv, (48, 5, 3, 0.466), 48 * 5 * 3 * 0.466),
        (K.ltv_to_cac, (360, 120), 3.0),
        (K.win_rate, (30, 10), 0.75),
        (K.staff_cost, (10,), 2.26),
        (K.staff_cost, (30, 20.0), 10.0),
    ],
)
def test_formula_by_hand(kpi, args, expected):
    assert kpi(*args) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("kpi", "args"),
    [
        (K.average_order_value, (0, 0)),
        (K.ctr, (0, 0)),
        (K.cpc, (120, 0)),
        (K.cpm, (150, 0)),
        (K.cost_per_lead, (120, 0)),
        (K.cac, (900, 0)),
        (K.roas, (1200, 0)),
        (K.marketing_roi, (450, 0)),
        (K.break_even_roas, (0,)),
        (K.ltv_to_cac, (360, 0)),
        (K.win_rate, (0, 0)),
        (K.cac, (900, None)),
        (K.roas, (None, 300)),
        (K.marketing_roi, (None, 300)),
        (K.simple_clv, (48, 5, 3, None)),
    ],
)
def test_zero_or_unknown_denominator_gives_nan(kpi, args):
    assert is_nan(kpi(*args))


def test_clv_uses_margin_not_revenue():
    revenue_clv = 48 * 5 * 3
    assert K.simple_clv(48, 5, 3, gross_margin=0.466) == pytest.approx(0.466 * revenue_clv)
    assert K.simple_clv(48, 5, 3, gross_margin=0.466) < revenue_clv


@pytest.mark.parametrize("kpi", [K.break_even_roas, lambda m: K.simple_clv(48, 5, 3, m)])
def test_a_margin_in_percent_is_refused(kpi):
    with pytest.raises(ValueError, match="fraction"):
        kpi(46.6)


def test_win_rate_leaves_open_deals_out():
    assert K.win_rate(won=3, lost=1) == 0.75  # however many are still open


def test_formulas_work_on_series():
    spend = pd.Series([100.0, 50.0, 0.0])
    clicks = pd.Series([200.0, 0.0, 10.0])
    assert K.cpc(spend, clicks).tolist()[0] == 0.5
    assert K.cpc(spend, clicks).isna().tolist() == [False, True, False]
    assert K.win_rate(pd.Series([1, 0]), pd.Series([1, 0])).isna().tolist() == [False, True]


def test_guide_one_to_many_example_costs_75_per_order():
    # GUIDE §5: a social ad at $15 CPM, 1% CTR and 2% site conversion costs about $75 per order.
    impressions = 100_000
    spend = 15 * impressions / 1000
    clicks = 0.01 * impressions
    orders = 0.02 * clicks
    assert K.cpm(spend, impressions) == pytest.approx(15)
    assert K.ctr(clicks, impressions) == pytest.approx(0.01)
    assert K.cac(spend, orders) == pytest.approx(75)
    assert K.staff_cost(10) == pytest.approx(2.26)  # the 10-minute hand-sell


def test_break_even_roas_matches_roi_zero():
    margin = 0.466
    spend = 1000.0
    revenue = K.break_even_roas(margin) * spend
    assert K.marketing_roi(margin * revenue, spend) == pytest.approx(0)


# ---------------------------------------------------------------------------------------------
# Orders
# ---------------------------------------------------------------------------------------------

ORDERS = orders_table(
    [
        ("2025-01-10", "C1", "in-store", 50.0, None),
        ("2025-01-20", "C2", "website", 30.0, "E1"),
        ("2025-02-05", "C1", "in-store", 20.0, None),
        ("2025-02-15", None, "in-store", 40.0, "S1"),
        ("2025-04-28", "C3", "(unknown)", 60.0, "E1"),
        ("2025-04-29", "", "website", 0.0, None),  # an empty id is anonymous too
    ]
)


def test_order_totals():
    assert K.total_revenue(ORDERS) == 200.0
    assert K.order_count(ORDERS) == 6
    assert K.customer_count(ORDERS) == 3
    assert K.average_order_value(K.total_revenue(ORDERS), K.order_count(ORDERS)) == pytest.approx(200 / 6)


def test_empty_orders():
    empty = ORDERS.iloc[0:0]
    assert K.total_revenue(empty) == 0.0
    assert K.order_count(empty) == 0
    assert K.customer_count(empty) == 0
    assert is_nan(K.repeat_purchase_rate(empty))
    assert is_nan(K.average_order_value(K.total_revenue(empty), K.order_count(empty)))
    assert K.revenue_by_channel(empty).empty
    assert K.revenue_by_month(empty).empty


def test_new_customers_are_judged_on_their_first_order_in_the_whole_table():
    assert K.new_customer_count(ORDERS) == 3
    assert K.new_customer_count(ORDERS, "2025-02-01", "2025-02-28") == 0  # C1 first came in January
    assert K.new_customer_count(ORDERS, "2025-01-15", "2025-04-30") == 2  # C2, C3
    assert K.first_order_dates(ORDERS)["C1"] == pd.Timestamp("2025-01-10")


def test_customer_ids_need_not_be_text():
    orders = pd.DataFrame({"customer_id": [1001, 1001, 1002, None]})
    assert K.customer_count(orders) == 2
    assert K.repeat_purchase_rate(orders) == 0.5


def test_repeat_purchase_rate():
    assert K.repeat_purchase_rate(ORDERS) == pytest.approx(1 / 3)  # C1 of C1, C2, C3; anonymous left out
    assert K.repeat_purchase_rate(ORDERS[ORDERS["order_date"] >= "2025-02-01"]) == 0.0  # C1 once there


def test_revenue_by_channel():
    by_channel = K.revenue_by_channel(ORDERS)
    assert by_channel.to_dict() == {"in-store": 110.0, "(unknown)": 60.0, "website": 30.0}
    assert list(by_channel.index) == ["in-store", "(unknown)", "website"]  # largest first


def test_revenue_by_channel_keeps_blank_channels():
    orders = ORDERS.assign(channel=ORDERS["channel"].where(ORDERS["channel"] != "website"))
    assert orders["channel"].isna().sum() == 2
    assert K.revenue_by_channel(orders)["(unknown)"] == 90.0
    assert K.revenue_by_channel(orders).sum() == K.total_revenue(orders)


def test_revenue_by_month_has_every_month():
    by_month = K.revenue_by_month(ORDERS)
    assert by_month.to_dict() == {"2025-01": 80.0, "2025-02": 60.0, "2025-03": 0.0, "2025-04": 60.0}


def test_attributed_revenue():
    assert K.attributed_revenue(ORDERS) == 130.0
    assert K.attributed_revenue(ORDERS, "2025-02-01", "2025-02-28") == 40.0
    assert K.attributed_revenue(ORDERS, "2025-03-01", "2025-03-31") == 0.0  # tracked, nothing that month


def test_attributed_revenue_is_unknown_without_any_campaign_id():
    assert is_nan(K.attributed_revenue(ORDERS.assign(campaign_id=nan)))


def test_attributed_gross_profit():
    orders = ORDERS.assign(gross_profit=ORDERS["revenue"] / 2)
    assert K.attributed_gross_profit(orders) == 65.0
    assert is_nan(K.attributed_gross_profit(ORDERS.assign(gross_profit=nan)))


order_rows = st.lists(
    st.tuples(
        st.dates(dt.date(2024, 1, 1), dt.date(2025, 12, 31)).map(str),
        st.sampled_from(["C1", "C2", "C3", None]),
        st.sampled_from(["in-store", "website", "marketplace", None]),
        st.integers(0, 100_000).map(lambda cents: cents / 100),
        st.sampled_from(["E1", None]),
    ),
    max_size=30,
)


@given(order_rows)
def test_channels_add_up_to_revenue(rows):
    orders = orders_table(rows)
    by_channel = K.revenue_by_channel(orders)
    assert by_channel.sum() == pytest.approx(K.total_revenue(orders), abs=1e-6)
    assert K.revenue_by_month(orders).sum() == pytest.approx(K.total_revenue(orders), abs=1e-6)


@given(order_rows, st.randoms(use_true_random=False))
def test_order_kpis_do_not_depend_on_row_order(rows, random):
    orders = orders_table(rows)
    shuffled = orders.sample(frac=1, random_state=random.randint(0, 2**32 - 1))

    def kpis(o):
        return (
            K.order_count(o),
            K.customer_count(o),
            K.new_customer_count(o, "2025-01-01", "2025-06-30"),
            K.repeat_purchase_rate(o),
            K.revenue_by_channel(o).sort_index().to_dict(),
            K.revenue_by_month(o).to_dict(),
        )

    expected, got = kpis(orders), kpis(shuffled)
    assert got[:3] == expected[:3]
    assert got[3] == pytest.approx(expected[3], nan_ok=True)
    assert got[4] == pytest.approx(expected[4])
    assert got[5] == pytest.approx(expected[5])
    assert K.total_revenue(shuffled) == pytest.approx(K.total_revenue(orders))


# ---------------------------------------------------------------------------------------------
# Campaigns
# ---------------------------------------------------------------------------------------------

CAMPAIGNS = campaigns_table(
    [
        ("E1", "email", "2025-01-01", "2025-01-31", 62.0, 3100.0, 310.0, 31.0),
        ("S1", "social", "2025-02-01", "2025-02-28", 280.0, None, 140.0, None),
        ("S2", "social", "2025-03-01", "2025-03-01", 10.0, 1000.0, 5.0, 0.0),
    ]
)


def test_campaign_totals_ratios_use_campaigns_with_both_parts_known():
    totals = K.campaign_totals(CAMPAIGNS)
    assert totals["spend"] == 352.0
    assert totals["impressions"] == 4100.0
    assert totals["clicks"] == 455.0
    assert totals["leads"] == 31.0
    assert totals["ctr"] == pytest.approx(315 / 4100)  # S1's clicks are left out: its impressions are unknown
    assert totals["cpc"] == pytest.approx(352 / 455)
    assert totals["cpm"] == pytest.approx(72 / 4100 * 1000)
    assert totals["cost_per_lead"] == pytest.approx(72 / 31)


def test_campaign_totals_by_channel():
    table = K.campaign_totals(CAMPAIGNS, by="channel")
    assert list(table.index) == ["email", "social"]
    assert table.loc["social", "spend"] == 290.0
    assert table.loc["social", "ctr"] == pytest.approx(5 / 1000)
    assert table.loc["email", "ctr"] == pytest.approx(0.1)
    assert math.isnan(table.loc["social", "cost_per_lead"])  # 10 / 0 leads (S1's leads are unknown)


def test_campaign_totals_blank_columns_are_unknown():
    blank = CAMPAIGNS.assign(impressions=nan, leads=nan)
    totals = K.campaign_totals(blank)
    assert is_nan(totals["impressions"]) and is_nan(totals["ctr"]) and is_nan(totals["cpm"])
    assert is_nan(totals["leads"]) and is_nan(totals["cost_per_lead"])
    assert totals["clicks"] == 455.0


def test_campaign_totals_of_no_campaigns():
    totals = K.campaign_totals(CAMPAIGNS.iloc[0:0])
    assert totals["spend"] == 0.0
    assert is_nan(totals["ctr"]) and is_nan(totals["cpc"])


def test_campaign_share_counts_days_inclusively():
    share = K.campaign_share(CAMPAIGNS, "2025-01-16", "2025-02-14")
    assert share.tolist() == pytest.approx([16 / 31, 14 / 28, 0.0])
    assert K.campaign_share(CAMPAIGNS, "2025-03-01", "2025-03-01").tolist() == [0.0, 0.0, 1.0]  # a one-day campaign
    assert K.campaign_share(CAMPAIGNS).tolist() == [1.0, 1.0, 1.0]


def test_prorate_campaigns():
    part = K.prorate_campaigns(CAMPAIGNS, "2025-01-16", "2025-02-14")
    assert part["campaign_id"].tolist() == ["E1", "S1"]  # S2 did not run then
    assert part["spend"].tolist() == pytest.approx([32.0, 140.0])
    assert part["impressions"].iloc[0] == pytest.approx(1600.0) and math.isnan(part["impressions"].iloc[1])
    assert part["clicks"].tolist() == pytest.approx([160.0, 70.0])
    assert K.prorate_campaigns(CAMPAIGNS) is CAMPAIGNS
    assert CAMPAIGNS["spend"].tolist() == [62.0, 280.0, 10.0]  # the input is untouched


def test_period_totals_ignore_campaigns_that_did_not_run():
    # Only S1 ran in February, and its impressions are unknown: February's impressions are unknown.
    totals = K.campaign_totals(K.prorate_campaigns(CAMPAIGNS, "2025-02-01", "2025-02-28"))
    assert totals["spend"] == 280.0
    assert is_nan(totals["impressions"])


campaign_rows = st.lists(
    st.tuples(
        st.just("X"),
        st.sampled_from(["email", "social"]),
        st.dates(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        st.integers(0, 120),
        st.integers(0, 100_000),
        st.one_of(st.none(), st.integers(0, 10**6)),
        st.one_of(st.none(), st.integers(0, 10**4)),
        st.one_of(st.none(), st.integers(0, 500)),
    ).map(lambda r: (r[0], r[1], r[2], r[2] + dt.timedelta(days=r[3]), r[4] / 100, *r[5:])),
    min_size=1,
    max_size=10,
)


@given(campaign_rows, st.dates(dt.date(2024, 12, 1), dt.date(2025, 12, 31)), st.integers(0, 200), st.integers(0, 200))
def test_prorating_a_split_period_adds_up_to_the_whole(rows, start, first_days, second_days):
    campaigns = campaigns_table(rows)
    middle = start + dt.timedelta(days=first_days)
    end = middle + dt.timedelta(days=1 + second_days)
    whole = K.campaign_totals(K.prorate_campaigns(campaigns, start, end))
    first = K.campaign_totals(K.prorate_campaigns(campaigns, start, middle))
    second = K.campaign_totals(K.prorate_campaigns(campaigns, middle + dt.timedelta(days=1), end))
    for column in K.CAMPAIGN_NUMBERS:
        parts = [first[column], second[column]]
        assert np.nansum(parts) == pytest.approx(np.nan_to_num(whole[column]), abs=1e-6)
        if not math.isnan(whole[column]):
            assert not all(math.isnan(part) for part in parts)  # known in the whole: known in a part


@given(campaign_rows)
def test_prorating_over_all_the_days_changes_nothing(rows):
    campaigns = campaigns_table(rows)
    everything = K.prorate_campaigns(campaigns, campaigns["start_date"].min(), campaigns["end_date"].max())
    pd.testing.assert_frame_equal(everything, campaigns)


@given(campaign_rows, st.randoms(use_true_random=False))
def test_campaign_totals_do_not_depend_on_row_order(rows, random):
    campaigns = campaigns_table(rows)
    shuffled = campaigns.sample(frac=1, random_state=random.randint(0, 2**32 - 1))
    pd.testing.assert_series_equal(K.campaign_totals(shuffled), K.campaign_totals(campaigns), rtol=1e-9)


# ---------------------------------------------------------------------------------------------
# Interactions and targets
# ---------------------------------------------------------------------------------------------

INTERACTIONS = pd.DataFrame(
    {
        "date": pd.to_datetime(["2025-01-10", "2025-02-05", "2025-02-10", "2025-02-20", "2025-01-25", "2025-02-06"]),
        "staff": ["Maya", "Maya", "Tom", "Tom", "Tom", "Maya"],
        "outcome": ["won", "won", "lost", "open", "won", "won"],
        "order_id": ["0", "2", None, None, "1", "2"],  # Maya's two wins name the same order
        "minutes": [10.0, 20.0, 15.0, 5.0, None, 6.0],
    }
)


def test_outcome_counts_and_win_rate():
    counts = K.outcome_counts(INTERACTIONS)
    assert counts.to_dict() == {"won": 4, "lost": 1, "open": 1}
    assert K.win_rate(counts["won"], counts["lost"]) == 0.8


def test_outcome_counts_by_staff():
    counts = K.outcome_counts(INTERACTIONS, by="staff")
    assert counts.loc["Tom"].to_dict() == {"won": 1, "lost": 1, "open": 1}
    assert counts.loc["Maya"].to_dict() == {"won": 3, "lost": 0, "open": 0}
    rates = K.win_rate(counts["won"], counts["lost"])
    assert rates.to_dict() == {"Maya": 1.0, "Tom": 0.5}


def test_win_rate_of_only_open_deals_is_nan():
    counts = K.outcome_counts(INTERACTIONS[INTERACTIONS["outcome"] == "open"])
    assert is_nan(K.win_rate(counts["won"], counts["lost"]))


def test_staff_revenue_counts_an_order_once_per_person():
    credited = K.staff_revenue(ORDERS, INTERACTIONS)
    assert credited.to_dict("records") == [
        {"period": "2025-01", "staff": "Maya", "revenue": 50.0},
        {"period": "2025-01", "staff": "Tom", "revenue": 30.0},
        {"period": "2025-02", "staff": "Maya", "revenue": 20.0},
    ]


TARGETS = pd.DataFrame(
    {
        "period": ["2025-01", "2025-02", "2025-02", "2025-02", "2025-02", "2025-03", "2025-06"],
        "target": [100.0, 100.0, 30.0, 20.0, 40.0, 0.0, 100.0],
        "staff": [None, None, "Maya", "Maya", "Tom", None, None],
    }
)


def test_quota_attainment():
    table = K.quota_attainment(ORDERS, TARGETS, INTERACTIONS)
    rows = {(r["period"], r["staff"]): r for r in table.to_dict("records")}
    assert rows["2025-01", "(team)"]["attainment"] == 0.8
    assert rows["2025-02", "(team)"]["attainment"] == 0.6
    assert rows["2025-02", "Maya"]["target"] == 50.0  # two target rows for one person are added up
    assert rows["2025-02", "Maya"]["attainment"] == 0.4
    assert rows["2025-02", "Tom"]["revenue"] == 0.0 and rows["2025-02", "Tom"]["attainment"] == 0.0
    assert rows["2025-03", "(team)"]["revenue"] == 0.0 and math.isnan(rows["2025-03", "(team)"]["attainment"])
    assert math.isnan(rows["2025-06", "(team)"]["revenue"])  # after the last order: unknown, not 0
    assert list(table.columns) == ["period", "staff", "target", "revenue", "attainment"]


def test_quota_attainment_without_interactions_knows_only_the_team():
    table = K.quota_attainment(ORDERS, TARGETS)
    person = table[table["staff"] != K.TEAM]
    assert person["revenue"].isna().all() and person["attainment"].isna().all()
    assert table.loc[table["staff"] == K.TEAM, "revenue"].iloc[0] == 80.0


# ---------------------------------------------------------------------------------------------
# One-to-many vs one-to-one
# ---------------------------------------------------------------------------------------------


def test_one_to_many_vs_one_to_one_by_hand():
    table = K.one_to_many_vs_one_to_one(CAMPAIGNS, INTERACTIONS, ORDERS)
    assert list(table.index) == [K.ONE_TO_MANY, K.ONE_TO_MANY_KNOWN, K.ONE_TO_ONE, K.ONE_TO_ONE_TIMED]
    assert list(table.columns) == [
        "count",
        "reach",
        "cost",
        "orders",
        "cost_per_contact",
        "conversion_per_contact",
        "cost_per_order",
    ]
    many, known = table.loc[K.ONE_TO_MANY], table.loc[K.ONE_TO_MANY_KNOWN]
    # Campaigns: E1 brought 2 orders, S1 1, S2 none; S1's impressions are unknown.
    assert (many["count"], many["cost"], many["orders"]) == (3.0, 352.0, 3.0)
    assert is_nan(many["reach"]) and is_nan(many["cost_per_contact"]) and is_nan(many["conversion_per_contact"])
    assert many["cost_per_order"] == pytest.approx(352 / 3)
    # The campaigns with known reach, E1 and S2: every figure over those two.
    assert (known["count"], known["reach"], known["cost"], known["orders"]) == (2.0, 4100.0, 72.0, 2.0)
    assert known["cost_per_contact"] == pytest.approx(72 / 4100)
    assert known["conversion_per_contact"] == pytest.approx(2 / 4100)
    assert known["cost_per_order"] == pytest.approx(72 / 2)
    # Interactions: 6 contacts, 4 won; one won contact has no minutes, so the whole cost is unknown.
    one, timed = table.loc[K.ONE_TO_ONE], table.loc[K.ONE_TO_ONE_TIMED]
    assert (one["count"], one["reach"], one["orders"]) == (6.0, 6.0, 4.0)
    assert is_nan(one["cost"]) and is_nan(one["cost_per_contact"]) and is_nan(one["cost_per_order"])
    assert one["conversion_per_contact"] == pytest.approx(4 / 6)
    # The five timed contacts: 56 minutes, 3 won.
    assert (timed["count"], timed["reach"], timed["orders"]) == (5.0, 5.0, 3.0)
    assert timed["cost"] == pytest.approx(56 / 60 * 13.56)
    assert timed["cost_per_contact"] == pytest.approx(56 / 60 * 13.56 / 5)
    assert timed["conversion_per_contact"] == pytest.approx(3 / 5)
    assert timed["cost_per_order"] == pytest.approx(56 / 60 * 13.56 / 3)


def assert_rows_divide_their_own_totals(table):
    """Each shown ratio is its row's totals divided, and cost per contact ÷ conversion = cost per order."""
    checked = 0
    for name, row in table.iterrows():
        pairs = (
            ("cost_per_contact", "cost", "reach"),
            ("conversion_per_contact", "orders", "reach"),
            ("cost_per_order", "cost", "orders"),
        )
        for ratio, top, bottom in pairs:
            if not is_nan(row[ratio]):
                assert row[ratio] == pytest.approx(row[top] / row[bottom]), (name, ratio)
        if not any(is_nan(row[c]) for c in ("cost_per_contact", "conversion_per_contact", "cost_per_order")):
            assert row["cost_per_contact"] / row["conversion_per_contact"] == pytest.approx(row["cost_per_order"])
            checked += 1
    return checked


def test_one_to_many_vs_one_to_one_rows_divide_their_own_totals_by_hand():
    # Before the fix the campaigns' row showed reach 4,100 and cost $352 but a cost per contact of
    # 72 / 4,100: the shown columns did not divide into the shown ratios.
    table = K.one_to_many_vs_one_to_one(CAMPAIGNS, INTERACTIONS, ORDERS)
    assert assert_rows_divide_their_own_totals(table) == 2  # the known-reach and the timed rows


@pytest.mark.parametrize("period", [(None, None), ("2024-01-01", "2024-12-31"), ("2025-01-01", "2025-12-31")])
def test_one_to_many_vs_one_to_one_rows_divide_their_own_totals_on_the_book_hub(hub, period):
    start, end = period
    table = K.one_to_many_vs_one_to_one(
        hub.campaigns[K.in_period(hub.campaigns["start_date"], start, end)],
        hub.interactions[K.in_period(hub.interactions["date"], start, end)],
        hub.orders[K.in_period(hub.orders["order_date"], start, end)],
    )
    # Events and in-store promotions have no impressions: the known-reach row carries the per-contact
    # figures; every conversation is timed, so there is no timed row.
    assert list(table.index) == [K.ONE_TO_MANY, K.ONE_TO_MANY_KNOWN, K.ONE_TO_ONE]
    assert assert_rows_divide_their_own_totals(table) == 2
    many, known = table.loc[K.ONE_TO_MANY], table.loc[K.ONE_TO_MANY_KNOWN]
    assert many["cost"] == pytest.approx(
        hub.campaigns.loc[K.in_period(hub.campaigns["start_date"], start, end), "spend"].sum()
    )
    assert known["count"] < many["count"] and known["cost"] < many["cost"] and known["orders"] < many["orders"]


def test_one_to_many_vs_one_to_one_rows_when_every_part_is_known():
    campaigns = CAMPAIGNS[CAMPAIGNS["impressions"].notna()]
    talks = INTERACTIONS[INTERACTIONS["minutes"].notna()]
    table = K.one_to_many_vs_one_to_one(campaigns, talks, ORDERS)
    assert list(table.index) == [K.ONE_TO_MANY, K.ONE_TO_ONE]  # no extra rows when nothing is left out
    assert table.loc[K.ONE_TO_MANY, "reach"] == 4100.0
    assert assert_rows_divide_their_own_totals(table) == 2


def test_one_to_many_vs_one_to_one_with_no_reach_known_has_no_known_row():
    table = K.one_to_many_vs_one_to_one(CAMPAIGNS.assign(impressions=nan), None, ORDERS)
    assert list(table.index) == [K.ONE_TO_MANY, K.ONE_TO_ONE]
    assert is_nan(table.loc[K.ONE_TO_MANY, "cost_per_contact"])
    assert table.loc[K.ONE_TO_MANY, "cost_per_order"] == pytest.approx(352 / 3)


def test_known_figure_reads_the_row_that_knows():
    table = K.one_to_many_vs_one_to_one(CAMPAIGNS, INTERACTIONS, ORDERS)
    assert K.known_figure(table, K.ONE_TO_MANY, "cost_per_order") == (K.ONE_TO_MANY, pytest.approx(352 / 3))
    assert K.known_figure(table, K.ONE_TO_MANY, "cost_per_contact") == (K.ONE_TO_MANY_KNOWN, pytest.approx(72 / 4100))
    assert K.known_figure(table, K.ONE_TO_ONE, "cost_per_order")[0] == K.ONE_TO_ONE_TIMED
    assert K.known_figure(table, K.ONE_TO_ONE, "conversion_per_contact") == (K.ONE_TO_ONE, pytest.approx(4 / 6))


def test_one_to_many_vs_one_to_one_hourly_cost():
    table = K.one_to_many_vs_one_to_one(CAMPAIGNS, INTERACTIONS, ORDERS, staff_hourly_cost=60.0)
    assert table.loc[K.ONE_TO_ONE_TIMED, "cost"] == pytest.approx(56.0)


def test_one_to_many_vs_one_to_one_with_missing_parts():
    table = K.one_to_many_vs_one_to_one(CAMPAIGNS, None)  # no orders: campaign orders are unknown
    assert table.loc[K.ONE_TO_ONE].isna().all()
    assert table.loc[K.ONE_TO_MANY, "cost"] == 352.0
    assert table.loc[K.ONE_TO_MANY, ["orders", "conversion_per_contact", "cost_per_order"]].isna().all()
    no_attribution = K.one_to_many_vs_one_to_one(CAMPAIGNS, None, ORDERS.assign(campaign_id=nan))
    assert math.isnan(no_attribution.loc[K.ONE_TO_MANY, "orders"])


def test_one_to_many_vs_one_to_one_with_no_orders_won():
    lost = INTERACTIONS.assign(outcome="lost")
    table = K.one_to_many_vs_one_to_one(None, lost)
    assert table.loc[K.ONE_TO_ONE, "orders"] == 0.0
    assert math.isnan(table.loc[K.ONE_TO_ONE, "cost_per_order"])  # not inf


def test_paid_cac_counts_only_new_customers_brought_by_paid_campaigns():
    orders = pd.DataFrame(
        {
            "order_id": ["1", "2", "3", "4", "5"],
            "customer_id": ["C1", "C2", "C1", "C3", None],
            "order_date": pd.to_datetime(["2025-01-05", "2025-01-06", "2025-02-07", "2025-02-08", "2025-02-09"]),
            "campaign_id": ["AD", "NEWS", "AD", "AD", "AD"],
        }
    )
    campaigns = pd.DataFrame(
        {
            "campaign_id": ["AD", "NEWS"],
            "spend": [120.0, 40.0],
            "start_date": pd.to_datetime(["2025-01-01", "2025-01-01"]),
            "end_date": pd.to_datetime(["2025-02-28", "2025-01-31"]),
        }
    )
    # whole range: $120 of ads brought C1 and C3 (C1's second order and the walk-in do not count)
    assert K.paid_cac(orders, campaigns, ["AD"]) == pytest.approx(60.0)
    # February: 28 of AD's 59 days -> $56.95; only C3 is new in February
    assert K.paid_cac(orders, campaigns, ["AD"], "2025-02-01", "2025-02-28") == pytest.approx(120 * 28 / 59)
    assert math.isnan(K.paid_cac(orders, campaigns, ["NONE"]))


@given(
    st.lists(
        st.tuples(st.sampled_from(["C1", "C2", "C3", " ", None]), st.one_of(st.none(), st.dates().map(str))),
        max_size=30,
    )
)
def test_first_order_dates_by_code_are_pandas_groupby_minimums(rows):
    orders = pd.DataFrame(rows, columns=["customer_id", "order_date"]).astype({"customer_id": "str"})
    orders["order_date"] = pd.to_datetime(orders["order_date"], format="%Y-%m-%d").astype("datetime64[us]")
    known = K._known_customers(orders)
    fast = K.first_order_dates(known)  # by the categories' codes
    ids = K._customer_ids(known)
    pd.testing.assert_series_equal(fast, known["order_date"].groupby(ids).min())
    assert fast.astype(object).to_dict() == K.first_order_dates(orders).astype(object).to_dict()


@given(st.lists(st.sampled_from(["C1", "C2", "C3", "C4", " ", None]), max_size=30), st.integers(0, 30))
def test_repeat_rate_by_code_is_the_rate_by_id(ids, cut):
    orders = pd.DataFrame({"customer_id": pd.Series(ids, dtype="str")})
    known = K._known_customers(orders).iloc[:cut]  # a period's slice: some categories have no order in it
    by_code, by_id = K.repeat_purchase_rate(known), K.repeat_purchase_rate(orders.iloc[:cut])
    assert by_code == by_id or (math.isnan(by_code) and math.isnan(by_id))


@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.datetimes(min_value=dt.datetime(2023, 1, 1), max_value=dt.datetime(2026, 12, 31))),
            st.one_of(st.none(), st.floats(0, 1000)),
        ),
        max_size=25,
    )
)
def test_revenue_by_month_is_the_sum_by_calendar_period(rows):
    orders = pd.DataFrame(rows, columns=["order_date", "revenue"])
    orders = orders.astype({"order_date": "datetime64[us]", "revenue": "float64"})
    months = orders["order_date"].dt.to_period("M")
    expected = orders["revenue"].groupby(months).sum(min_count=1)
    if not expected.empty:
        every_month = pd.period_range(months.min(), months.max(), freq="M")
        expected = expected.reindex(every_month, fill_value=0.0)
        expected.index = every_month.strftime("%Y-%m").rename("month")
    got = K.revenue_by_month(orders)
    assert got.index.tolist() == expected.index.tolist()
    assert np.array_equal(got.to_numpy(), expected.to_numpy(), equal_nan=True)


def test_dates_with_a_time_zone_are_counted_in_their_own_months():
    """Frames built by hand may carry a UTC offset: the shortcuts for the loader's dates are not taken then."""
    orders = pd.DataFrame(
        {
            "customer_id": ["C1", "C1", "C2"],
            "order_date": pd.to_datetime(
                ["2025-01-31T23:00-05:00", "2025-03-01T10:00-05:00", "2025-03-02T10:00-05:00"]
            ),
            "revenue": [1.0, 1.0, 1.0],
        }
    )
    with pytest.warns(UserWarning, match="drop timezone"):
        assert K.revenue_by_month(orders).to_dict() == {"2025-01": 1.0, "2025-02": 0.0, "2025-03": 2.0}
    assert K.new_customer_count(K._known_customers(orders)) == K.new_customer_count(orders) == 2
