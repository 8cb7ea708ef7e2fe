"""`kpis.summary` and `kpis.summary_json`: the contract of `smk summary --json` and metrics.json."""

import datetime as dt
import json
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smk_helpers.core.data import Business
from smk_helpers.core.kpis import summary, summary_json

KEYS = {
    "business",
    "period",
    "revenue",
    "orders",
    "average_order_value",
    "customers",
    "new_customers",
    "repeat_purchase_rate",
    "revenue_by_channel",
    "gross_margin",
    "marketing_spend",
    "marketing_share",
    "impressions",
    "clicks",
    "leads",
    "ctr",
    "cost_per_lead",
    "cac",
    "attributed_revenue",
    "roas",
    "marketing_roi",
    "marketing_roi_basis",
    "win_rate",
    "funnel",
    "quota_attainment",
    "deal_win_rate",
    "open_deals",
    "open_pipeline_value",
    "weighted_forecast",
    "days_to_close",
    "pipeline",
    "nps",
    "survey_answers",
    "heard_from",
    "journey_first_orders",
    "attribution",
}


def tables():
    """A tiny bookshop over January and February 2025, small enough to check by hand."""
    return dict(
        orders=pd.DataFrame(
            {
                "order_id": ["1", "2", "3", "4", "5"],
                "order_date": pd.to_datetime(
                    ["2025-01-10", "2025-01-20", "2025-02-05", "2025-02-15 17:45", "2025-02-28"], format="ISO8601"
                ),
                "customer_id": ["C1", "C2", "C1", None, "C3"],
                "channel": ["in-store", "website", "in-store", "in-store", None],
                "revenue": [50.0, 30.0, 20.0, 40.0, 60.0],
                "gross_profit": [25.0, 12.0, 10.0, 18.0, 30.0],
                "campaign_id": [None, "E1", None, "S1", "E1"],
            }
        ),
        campaigns=pd.DataFrame(
            {
                "campaign_id": ["E1", "S1"],
                "channel": ["email", "social"],
                "start_date": ["2025-01-01", "2025-02-01"],
                "end_date": ["2025-01-31", "2025-02-28"],
                "spend": [62.0, 280.0],
                "impressions": [3100.0, None],
                "clicks": [310.0, 140.0],
                "leads": [31.0, None],
            }
        ),
        interactions=pd.DataFrame(
            {
                "interaction_id": ["I1", "I2", "I3", "I4", "I5"],
                "date": ["2025-01-10", "2025-02-05", "2025-02-10", "2025-02-20", "2025-01-25"],
                "staff": ["Maya", "Maya", "Tom", "Tom", "Tom"],
                "type": ["recommendation"] * 5,
                "outcome": ["won", "Won", "lost", "open", "won"],
                "order_id": ["1", "3", None, None, "2"],
                "minutes": [10.0, 20.0, 15.0, 5.0, None],
            }
        ),
        funnel=pd.DataFrame(
            {
                "stage": ["visits", "cart", "purchase", "visits", "cart", "purchase", "purchase"],
                "count": [1000.0, 100.0, 20.0, 500.0, 80.0, 10.0, 5.0],
                "period": ["2025-01", "2025-01", "2025-01", "2025-02", "2025-02", "2025-02", None],
                "source": ["social", "social", "social", "email", "email", "email", "walk-in"],
            }
        ),
        targets=pd.DataFrame(
            {
                "period": ["2025-01", "2025-02", "2025-02", "2025-03"],
                "target": [100.0, 100.0, 50.0, 100.0],
                "staff": [None, None, "Maya", None],
            }
        ),
    )


def bookshop(**changes) -> Business:
    """The tiny bookshop; ``name=None`` leaves a file out, a DataFrame replaces it."""
    files = {**tables(), **changes}
    return Business.from_frames(name="Tiny Books", **{k: v for k, v in files.items() if v is not None})


BOOKSHOP = bookshop()


def assert_plain(value):
    """Only JSON's own types: str, int, float (finite), bool, None, list, dict with str keys."""
    if isinstance(value, dict):
        assert all(type(k) is str for k in value)
        for item in value.values():
            assert_plain(item)
    elif isinstance(value, list):
        for item in value:
            assert_plain(item)
    else:
        assert value is None or type(value) in (str, int, float, bool), repr(value)
        assert not (type(value) is float and not math.isfinite(value))


# ---------------------------------------------------------------------------------------------
# The whole range, by hand
# ---------------------------------------------------------------------------------------------


def test_summary_by_hand():
    s = summary(bookshop())
    assert set(s) == KEYS
    assert s["business"] == "Tiny Books"
    assert s["period"] is None
    assert s["revenue"] == 200.0
    assert s["orders"] == 5
    assert s["average_order_value"] == 40.0
    assert s["customers"] == 3  # the anonymous order is left out
    assert s["new_customers"] == 3
    assert s["repeat_purchase_rate"] == pytest.approx(1 / 3)
    assert s["revenue_by_channel"] == {"in-store": 110.0, "website": 30.0, "(unknown)": 60.0}
    assert s["gross_margin"] == pytest.approx((25 + 12 + 10 + 18 + 30) / 200)
    assert s["marketing_spend"] == 342.0
    assert s["marketing_share"] == pytest.approx(342 / 200)
    assert s["impressions"] == 3100.0
    assert s["clicks"] == 450.0
    assert s["leads"] == 31.0
    assert s["ctr"] == pytest.approx(310 / 3100)  # S1's clicks have no impressions to go with them
    assert s["cost_per_lead"] == pytest.approx(62 / 31)  # only E1 knows its leads
    assert s["cac"] == pytest.approx(342 / 3)
    assert s["attributed_revenue"] == 130.0
    assert s["roas"] == pytest.approx(130 / 342)
    assert s["marketing_roi"] == pytest.approx((12 + 18 + 30 - 342) / 342)
    assert s["marketing_roi_basis"] == "gross_profit"
    assert s["win_rate"] == pytest.approx(3 / 4)  # the open deal is left out
    assert s["funnel"] == [
        {"stage": "visits", "count": 1500.0, "rate_from_previous": None, "rate_from_top": 1.0},
        {
            "stage": "cart",
            "count": 180.0,
            "rate_from_previous": pytest.approx(0.12),
            "rate_from_top": pytest.approx(0.12),
        },
        {
            "stage": "purchase",
            "count": 35.0,
            "rate_from_previous": pytest.approx(35 / 180),
            "rate_from_top": pytest.approx(35 / 1500),
        },
    ]
    assert s["quota_attainment"] == [
        {"period": "2025-01", "staff": "(team)", "target": 100.0, "revenue": 80.0, "attainment": 0.8},
        {"period": "2025-02", "staff": "(team)", "target": 100.0, "revenue": 120.0, "attainment": 1.2},
        {"period": "2025-02", "staff": "Maya", "target": 50.0, "revenue": 20.0, "attainment": 0.4},
        {"period": "2025-03", "staff": "(team)", "target": 100.0, "revenue": None, "attainment": None},
    ]


def test_summary_is_plain_python():
    s = summary(bookshop())
    assert_plain(s)
    assert_plain(summary(bookshop(campaigns=None, interactions=None, funnel=None, targets=None)))


# ---------------------------------------------------------------------------------------------
# Null rules
# ---------------------------------------------------------------------------------------------


def test_absent_files_give_null_keys_not_missing_keys():
    s = summary(bookshop(campaigns=None, interactions=None, funnel=None, targets=None))
    assert set(s) == KEYS
    for key in (
        "marketing_spend",
        "impressions",
        "clicks",
        "leads",
        "ctr",
        "cost_per_lead",
        "cac",
        "roas",
        "marketing_roi",
        "win_rate",
        "funnel",
        "quota_attainment",
    ):
        assert s[key] is None, key
    assert s["revenue"] == 200.0
    assert s["attributed_revenue"] == 130.0  # orders still name campaigns


def test_absent_columns_give_null_sums():
    campaigns = tables()["campaigns"].drop(columns=["impressions", "clicks", "leads"])
    s = summary(bookshop(campaigns=campaigns))
    assert s["marketing_spend"] == 342.0
    assert s["impressions"] is s["clicks"] is s["leads"] is s["ctr"] is s["cost_per_lead"] is None


def test_absent_columns_give_null_sums_even_without_campaign_rows():
    campaigns = tables()["campaigns"].drop(columns=["impressions", "leads"]).iloc[0:0]
    s = summary(bookshop(campaigns=campaigns))
    assert s["marketing_spend"] == 0.0  # no campaigns: nothing spent
    assert s["clicks"] == 0.0
    assert s["impressions"] is None and s["leads"] is None
    assert s["ctr"] is None and s["roas"] is None  # 0 / 0 and 130 / 0


def test_columns_blank_in_every_row_give_null_sums():
    campaigns = tables()["campaigns"].assign(impressions=np.nan, leads=np.nan)
    s = summary(bookshop(campaigns=campaigns))
    assert s["impressions"] is None and s["leads"] is None
    assert s["ctr"] is None and s["cost_per_lead"] is None
    assert s["clicks"] == 450.0


def test_attribution_is_unknown_without_any_campaign_id():
    for orders in (tables()["orders"].assign(campaign_id=None), tables()["orders"].drop(columns="campaign_id")):
        s = summary(bookshop(orders=orders))
        assert s["attributed_revenue"] is None
        assert s["roas"] is None and s["marketing_roi"] is None
        assert s["marketing_spend"] == 342.0


def test_marketing_roi_from_a_gross_margin():
    orders = tables()["orders"].drop(columns="gross_profit")
    s = summary(bookshop(orders=orders), gross_margin=0.5)
    assert s["marketing_roi_basis"] == "gross_margin"
    assert s["marketing_roi"] == pytest.approx((0.5 * 130 - 342) / 342)


def test_gross_profit_wins_over_a_gross_margin():
    s = summary(bookshop(), gross_margin=0.9)
    assert s["marketing_roi_basis"] == "gross_profit"
    assert s["marketing_roi"] == pytest.approx((60 - 342) / 342)


def test_marketing_roi_without_profit_or_margin_is_null():
    s = summary(bookshop(orders=tables()["orders"].drop(columns="gross_profit")))
    assert s["marketing_roi"] is None and s["marketing_roi_basis"] is None
    assert s["roas"] == pytest.approx(130 / 342)


def test_a_margin_in_percent_is_refused():
    with pytest.raises(ValueError, match="fraction"):
        summary(bookshop(), gross_margin=46.6)


def test_zero_denominators_are_null():
    campaigns = tables()["campaigns"].assign(spend=0.0, impressions=0.0, clicks=0.0, leads=0.0)
    interactions = tables()["interactions"].assign(outcome="open")
    s = summary(bookshop(campaigns=campaigns, interactions=interactions))
    assert s["marketing_spend"] == 0.0
    for key in ("ctr", "cost_per_lead", "roas", "marketing_roi", "win_rate"):
        assert s[key] is None, key
    assert s["cac"] == 0.0  # 0 spent / 3 new customers is a real 0


# ---------------------------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------------------------


def test_february_by_hand():
    s = summary(bookshop(), start="2025-02-01", end="2025-02-28")
    assert s["period"] == {"start": "2025-02-01", "end": "2025-02-28"}
    assert s["revenue"] == 120.0
    assert s["orders"] == 3
    assert s["customers"] == 2  # C1 and C3
    assert s["new_customers"] == 1  # C3; C1 first bought in January
    assert s["repeat_purchase_rate"] == 0.0  # C1 bought once in February
    assert s["revenue_by_channel"] == {"in-store": 60.0, "(unknown)": 60.0}
    assert s["marketing_spend"] == 280.0  # only S1 ran in February
    assert s["impressions"] is None  # ... and its impressions are unknown
    assert s["clicks"] == 140.0
    assert s["ctr"] is None
    assert s["cac"] == 280.0
    assert s["attributed_revenue"] == 100.0  # orders 4 and 5, dated in February
    assert s["roas"] == pytest.approx(100 / 280)
    assert s["marketing_roi"] == pytest.approx((18 + 30 - 280) / 280)
    assert s["win_rate"] == 0.5
    assert [row["count"] for row in s["funnel"]] == [500.0, 80.0, 10.0]  # the blank-period row is out
    assert [(r["period"], r["staff"]) for r in s["quota_attainment"]] == [("2025-02", "(team)"), ("2025-02", "Maya")]


def test_a_period_across_months_prorates_campaigns():
    s = summary(bookshop(), start="2025-01-16", end="2025-02-14")
    assert s["marketing_spend"] == pytest.approx(62 * 16 / 31 + 280 * 14 / 28)
    assert s["impressions"] == pytest.approx(3100 * 16 / 31)
    assert s["clicks"] == pytest.approx(310 * 16 / 31 + 140 * 14 / 28)
    assert s["leads"] == pytest.approx(31 * 16 / 31)
    assert s["ctr"] == pytest.approx(0.1)
    assert s["revenue"] == 50.0  # orders 2 and 3
    assert s["new_customers"] == 1  # C2
    assert [row["count"] for row in s["funnel"]] == [1500.0, 180.0, 30.0]  # both months overlap
    assert len(s["quota_attainment"]) == 3  # January and February targets


def test_the_end_day_is_included_whole():
    s = summary(bookshop(), start="2025-02-15", end="2025-02-15")
    assert s["orders"] == 1  # the order at 17:45


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2025-02-01", "2025-02-28"),
        (dt.date(2025, 2, 1), dt.date(2025, 2, 28)),
        (pd.Timestamp("2025-02-01"), dt.datetime(2025, 2, 28, 12, 0)),
    ],
)
def test_a_period_may_be_given_as_text_or_dates(start, end):
    assert summary(bookshop(), start=start, end=end) == summary(bookshop(), start="2025-02-01", end="2025-02-28")


def test_an_open_ended_period():
    s = summary(bookshop(), start="2025-02-01")
    assert s["period"] == {"start": "2025-02-01", "end": None}
    assert s["revenue"] == 120.0


def test_a_period_with_nothing_in_it():
    s = summary(bookshop(), start="2024-06-01", end="2024-06-30")
    assert s["revenue"] == 0.0 and s["orders"] == 0 and s["customers"] == 0
    assert s["average_order_value"] is None and s["repeat_purchase_rate"] is None
    assert s["revenue_by_channel"] == {}
    assert s["marketing_spend"] == 0.0 and s["cac"] is None and s["roas"] is None
    assert s["win_rate"] is None
    assert s["funnel"] == [] and s["quota_attainment"] == []


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="starts after it ends"):
        summary(bookshop(), start="2025-03-01", end="2025-02-01")


@settings(max_examples=30)
@given(st.dates(dt.date(2024, 12, 1), dt.date(2025, 3, 31)), st.integers(0, 90), st.integers(0, 90))
def test_a_split_period_adds_up(start, first_days, second_days):
    middle = start + dt.timedelta(days=first_days)
    end = middle + dt.timedelta(days=1 + second_days)
    whole = summary(BOOKSHOP, start, end)
    first = summary(BOOKSHOP, start, middle)
    second = summary(BOOKSHOP, middle + dt.timedelta(days=1), end)
    for key in ("revenue", "orders", "new_customers", "marketing_spend", "clicks"):
        assert first[key] + second[key] == pytest.approx(whole[key]), key


# ---------------------------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------------------------


def test_json_round_trip():
    s = summary(bookshop(), start="2025-01-16", end="2025-02-14")
    text = summary_json(s)
    back = json.loads(text)
    assert set(back) == KEYS
    assert back["revenue"] == s["revenue"]
    assert back["marketing_spend"] == round(s["marketing_spend"], 2)
    assert back["roas"] == pytest.approx(s["roas"], rel=1e-9)
    assert back["impressions"] is None or back["impressions"] == pytest.approx(s["impressions"])
    assert back["funnel"][0]["rate_from_previous"] is None
    assert summary_json(back) == text  # reading and writing again changes nothing


def test_json_text_is_stable_and_tidy(tmp_path):
    first = tmp_path / "a.json"
    second = tmp_path / "b.json"
    first.write_text(summary_json(summary(bookshop())), encoding="utf-8")
    second.write_text(summary_json(summary(bookshop())), encoding="utf-8")
    assert first.read_bytes() == second.read_bytes()
    text = first.read_text(encoding="utf-8")
    assert text.endswith("}\n") and "NaN" not in text and "Infinity" not in text
    assert text.splitlines()[1].startswith('  "')  # indent 2
    keys = list(json.loads(text))
    assert keys == sorted(keys)


def test_json_does_not_depend_on_row_order():
    shuffled = {name: table.iloc[::-1] for name, table in tables().items()}
    funnel = tables()["funnel"]  # its stage order is the order of first appearance: keep the first rows
    shuffled["funnel"] = pd.concat([funnel.iloc[:3], funnel.iloc[3:].iloc[::-1]])
    assert summary_json(summary(bookshop(**shuffled))) == summary_json(summary(bookshop()))


def test_json_rounds_money_to_cents_and_keeps_ratios_precise():
    text = summary_json(
        {
            "revenue": 1234.5678,
            "cac": 114.004999,
            "revenue_by_channel": {"web": 0.125000001},
            "ctr": 0.0123456789012,
            "roas": 2 / 3,
            "orders": 5,
            "quota_attainment": [{"revenue": 10.006, "target": 9.994, "attainment": 10.006 / 9.994}],
        }
    )
    back = json.loads(text)
    assert back["revenue"] == 1234.57 and back["cac"] == 114.0 and back["revenue_by_channel"] == {"web": 0.13}
    assert back["ctr"] == 0.0123456789 and back["roas"] == pytest.approx(2 / 3, rel=1e-9)
    assert back["quota_attainment"] == [
        {"revenue": 10.01, "target": 9.99, "attainment": pytest.approx(1.0012, rel=1e-4)}
    ]
    assert back["orders"] == 5 and type(back["orders"]) is int


def test_json_accepts_numpy_values_and_writes_nan_as_null():
    text = summary_json({"roas": np.float64("nan"), "orders": np.int64(3), "ctr": float("inf"), "x": -0.0001})
    assert json.loads(text) == {"roas": None, "orders": 3, "ctr": None, "x": -0.0001}
    assert "-0.0," not in summary_json({"revenue": -0.0001})
