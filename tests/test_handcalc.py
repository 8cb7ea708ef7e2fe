"""The summary of a tiny business, computed by hand (see tests/fixtures/handcalc/).

Optional columns are blank in places: blank means unknown, so sums skip them and each ratio uses
only the rows where both of its parts are known.
"""

from pathlib import Path

import pytest

from helpers import business_folder
from smk_helpers import load_business
from smk_helpers.core import kpis

FIXTURE = Path(__file__).parent / "fixtures" / "handcalc"


@pytest.fixture(scope="module")
def shop():
    return load_business(FIXTURE, name="Hand-computed shop")


def approx(x):
    return pytest.approx(x, rel=1e-9)


def test_whole_range(shop):
    s = kpis.summary(shop)
    assert s["revenue"] == approx(320)  # 100 + 50 + 30 + 20 + 80 + 40
    assert s["orders"] == 6
    assert s["average_order_value"] == approx(320 / 6)
    assert s["customers"] == 3  # C1, C2, C3; O4 is an anonymous walk-in
    assert s["new_customers"] == 3
    assert s["repeat_purchase_rate"] == approx(2 / 3)  # C1 and C2 bought twice, C3 once
    assert s["revenue_by_channel"] == {"in-store": approx(150), "website": approx(90), "(unknown)": approx(80)}
    assert s["marketing_spend"] == approx(97)  # 31 + 56 + 10
    assert s["impressions"] == approx(3000)  # S1 unknown
    assert s["clicks"] == approx(50)  # only E1 known
    assert s["leads"] == approx(14)  # E1 10 + P1 4
    assert s["ctr"] == approx(50 / 1000)  # only E1 has both clicks and impressions
    assert s["cost_per_lead"] == approx((31 + 10) / 14)  # campaigns with leads known: E1, P1
    assert s["cac"] == approx(97 / 3)
    assert s["attributed_revenue"] == approx(160)  # O2 + O3 + O5
    assert s["roas"] == approx(160 / 97)
    assert s["marketing_roi"] == approx((20 + 12 + 30 - 97) / 97)
    assert s["marketing_roi_basis"] == "gross_profit"
    assert s["win_rate"] == approx(2 / 3)  # I1, I3 won; I2 lost; I4 open is left out
    assert s["funnel"] == [
        {"stage": "reach", "count": 1500, "rate_from_previous": None, "rate_from_top": approx(1.0)},
        {
            "stage": "visits",
            "count": 200,
            "rate_from_previous": approx(200 / 1500),
            "rate_from_top": approx(200 / 1500),
        },
        {"stage": "purchase", "count": 9, "rate_from_previous": approx(9 / 200), "rate_from_top": approx(9 / 1500)},
    ]


def test_a_period(shop):
    s = kpis.summary(shop, start="2025-02-01", end="2025-03-05")
    assert s["revenue"] == approx(130) and s["orders"] == 3  # O3, O4, O5
    assert s["average_order_value"] == approx(130 / 3)
    assert s["customers"] == 2  # C1, C3
    assert s["new_customers"] == 1  # C3's first order is in the period; C1 first bought in January
    assert s["repeat_purchase_rate"] == approx(0)  # nobody bought twice inside the period
    assert s["revenue_by_channel"] == {"in-store": approx(50), "(unknown)": approx(80)}
    # S1 lies wholly inside (56); P1 overlaps 5 of its 10 days (5); E1 ended before the period (0).
    assert s["marketing_spend"] == approx(61)
    assert s["impressions"] == approx(1000)  # half of P1's 2000
    assert s["clicks"] is None and s["ctr"] is None  # no campaign in the period has clicks known
    assert s["leads"] == approx(2)
    assert s["cost_per_lead"] == approx(5 / 2)
    assert s["cac"] == approx(61 / 1)
    assert s["attributed_revenue"] == approx(110)  # O3 and O5 fall in the period
    assert s["roas"] == approx(110 / 61)
    assert s["marketing_roi"] == approx((12 + 30 - 61) / 61)
    assert s["win_rate"] == approx(1 / 2)  # I2 lost, I3 won
    assert [row["count"] for row in s["funnel"]] == [500, 60, 2]  # February's rows only
    assert s["period"] == {"start": "2025-02-01", "end": "2025-03-05"}


def orders_without(tmp_path, *columns):
    """Copy the fixture's orders.csv into tmp_path, leaving out some columns; returns tmp_path."""
    rows = [line.split(",") for line in (FIXTURE / "orders.csv").read_text(encoding="utf-8").splitlines()]
    keep = [i for i, name in enumerate(rows[0]) if name not in columns]
    return business_folder(tmp_path, orders="\n".join(",".join(r[i] for i in keep) for r in rows) + "\n")


def test_without_optional_files_keys_are_null(tmp_path):
    s = kpis.summary(load_business(orders_without(tmp_path, "campaign_id")))
    for key in (
        "marketing_spend",
        "impressions",
        "clicks",
        "leads",
        "ctr",
        "cost_per_lead",
        "cac",
        "roas",
        "attributed_revenue",
        "marketing_roi",
        "win_rate",
        "funnel",
    ):
        assert key in s and s[key] is None, key
    assert s["revenue"] == approx(320)


def test_gross_margin_is_used_when_orders_lack_gross_profit(tmp_path):
    business_folder(tmp_path, campaigns=(FIXTURE / "campaigns.csv").read_bytes())
    shop = load_business(orders_without(tmp_path, "gross_profit"))
    assert kpis.summary(shop)["marketing_roi"] is None
    s = kpis.summary(shop, gross_margin=0.5)
    assert s["marketing_roi"] == approx((0.5 * 160 - 97) / 97) and s["marketing_roi_basis"] == "gross_margin"
