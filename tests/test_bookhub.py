"""The Book Hub dataset: reproducible, true to the business-data contract, calibrated to GUIDE.md §5.

The calibration checks read the committed CSV files with plain pandas, as a student would;
``test_committed_copy_is_current`` makes sure those files are what the generator writes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smk_helpers.core import contract as C
from smk_helpers.dev import bookhub

ID_COLUMNS = ("order_id", "customer_id", "campaign_id", "product_id", "interaction_id", "staff")
YEARS = (2024, 2025)


@pytest.fixture(scope="module")
def data_dir(repo):
    return repo / "data" / "bookhub"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """The files the generator writes now, in a scratch folder."""
    return bookhub.write(tmp_path_factory.mktemp("bookhub"))


@pytest.fixture(scope="module")
def t(data_dir):
    """The committed tables, ids read as text."""
    return {p.stem: pd.read_csv(p, dtype={c: "str" for c in ID_COLUMNS}) for p in sorted(data_dir.glob("*.csv"))}


@pytest.fixture(scope="module")
def orders(t):
    o = t["orders"].copy()
    o["date"] = pd.to_datetime(o["order_date"], format="%Y-%m-%d")
    o["year"], o["month"] = o["date"].dt.year, o["date"].dt.month
    return o


def rank_corr(a: pd.Series, b: pd.Series) -> float:
    """Spearman's rank correlation (Pearson's on the ranks; no scipy needed)."""
    return a.rank().corr(b.rank())


# --- Reproducibility ------------------------------------------------------------------------


def test_committed_copy_is_current(fresh, data_dir):
    """The committed files are what the seed writes now, byte for byte: so one seed always gives the same files."""
    assert sorted(p.name for p in data_dir.iterdir()) == [p.name for p in fresh]
    for path in fresh:
        assert (data_dir / path.name).read_bytes() == path.read_bytes(), (
            f"data/bookhub/{path.name} is stale: run `make data`"
        )


def test_other_seed_gives_other_data(fresh, tmp_path):
    [orders] = [p for p in bookhub.write(tmp_path, seed=7) if p.name == "orders.csv"]
    assert orders.read_bytes() != (fresh[0].parent / "orders.csv").read_bytes()


# --- The contract (smk_helpers/core/contract.py) and the links between files -----------------------


@pytest.mark.parametrize("spec", C.FILES, ids=lambda s: s.stem)
def test_contract_files(t, spec):
    df = t[spec.stem]
    names = [c.name for c in spec.columns]
    assert set(names) <= set(df.columns)
    for col in spec.columns:
        values = df[col.name]
        if not col.blank_ok:
            assert values.notna().all(), col.name
        present = values.dropna()
        if col.kind == "date":
            fmt = "%Y-%m-%d"
            assert pd.to_datetime(present, format=fmt).dt.strftime(fmt).eq(present).all(), col.name
        elif col.kind == "month":
            assert present.str.fullmatch(r"\d{4}-(0[1-9]|1[0-2])").all(), col.name
        elif col.kind == "outcome":
            assert present.isin(C.OUTCOMES).all()
        elif col.kind == "count":
            assert (present >= 0).all() and (present == present.round()).all(), col.name
        elif col.kind == "money" and col.name != "gross_profit":
            assert (present >= 0).all(), col.name
    if spec.key:
        assert df[spec.key].is_unique


def test_links_between_files(t):
    orders, campaigns, interactions = t["orders"], t["campaigns"], t["interactions"]
    known_campaigns = set(campaigns["campaign_id"])
    assert set(orders["campaign_id"].dropna()) <= known_campaigns
    assert set(interactions["campaign_id"].dropna()) <= known_campaigns
    assert (campaigns["clicks"].dropna() <= campaigns.loc[campaigns["clicks"].notna(), "impressions"]).all()
    assert (campaigns["end_date"] >= campaigns["start_date"]).all()
    # A won conversation links to an existing order; lost and open ones to none.
    won = interactions["outcome"] == "won"
    assert interactions["order_id"].notna().eq(won).all()
    assert interactions.loc[won, "order_id"].isin(orders["order_id"]).all()
    assert interactions.loc[won, "order_id"].is_unique
    customers = set(t["customers"]["customer_id"])
    assert set(orders["customer_id"].dropna()) <= customers
    assert set(interactions["customer_id"].dropna()) <= customers
    assert set(interactions["staff"]) <= set(t["staff"]["staff"])
    assert set(t["targets"]["staff"].dropna()) <= set(t["staff"]["staff"])
    assert set(t["order_lines"]["product_id"]) <= set(t["products"]["product_id"])
    # A customer is first seen at their first order or conversation, never after it.
    first_seen = t["customers"].set_index("customer_id")["first_seen"]
    for table, column in ((orders, "order_date"), (interactions, "date")):
        known = table.dropna(subset=["customer_id"])
        assert (known[column] >= known["customer_id"].map(first_seen)).all()


def test_order_lines_add_up_to_the_cent(t):
    lines, orders = t["order_lines"], t["orders"].set_index("order_id")
    cents = lambda s: (s * 100).round().astype("int64")  # noqa: E731
    assert cents(lines["quantity"] * lines["unit_price"] - lines["discount"]).eq(cents(lines["line_revenue"])).all()
    per_order = lines.assign(c=cents(lines["line_revenue"])).groupby("order_id")["c"].sum()
    assert per_order.index.equals(orders.index)
    assert per_order.eq(cents(orders["revenue"])).all()
    assert lines.groupby("order_id")["quantity"].sum().eq(orders["items"]).all()
    assert orders["gross_profit"].notna().all() and (orders["fees"][orders["channel"] != "marketplace"] == 0).all()


def test_open_outcomes_only_at_the_end(t):
    interactions = t["interactions"]
    assert interactions.loc[interactions["outcome"] == "open", "date"].min() >= "2025-12-01"


def test_funnel_stages_in_order_and_consistent(t, orders):
    funnel = t["funnel"]
    assert list(dict.fromkeys(funnel["stage"])) == list(bookhub.STAGES)
    # Counts never grow down the funnel.
    wide = funnel.pivot_table(index=["period", "source"], columns="stage", values="count")[list(bookhub.STAGES)]
    assert (wide.diff(axis=1).iloc[:, 1:] <= 0).all().all()
    # reach, site visits and sign-ups are the campaigns' impressions, clicks and leads; engaged is
    # the conversations and purchase the orders those campaigns brought (by campaign month, channel).
    campaigns = t["campaigns"].assign(period=lambda c: c["start_date"].str[:7], source=lambda c: c["channel"])
    campaigns = campaigns[campaigns["source"].isin(funnel["source"].unique())]
    by = campaigns.groupby(["period", "source"])[["impressions", "clicks", "leads"]].sum()
    attributed = orders.merge(campaigns[["campaign_id", "period", "source"]], on="campaign_id")
    purchases = attributed.groupby(["period", "source"]).size()
    talks = t["interactions"].merge(campaigns[["campaign_id", "period", "source"]], on="campaign_id")
    engaged = talks.groupby(["period", "source"]).size()
    for stage, expected in (
        ("reach", by["impressions"]),
        ("site visits", by["clicks"]),
        ("sign-ups", by["leads"]),
        ("engaged", engaged),
        ("purchase", purchases),
    ):
        assert wide[stage].astype(int).to_dict() == expected.reindex(wide.index, fill_value=0).astype(int).to_dict(), (
            stage
        )


# --- Calibration: GUIDE.md §5 -----------------------------------------------------------------


@pytest.mark.parametrize("year", YEARS)
def test_size_of_the_business(orders, year):
    o = orders[orders["year"] == year]
    # GUIDE §5 revenue: $250k-$1M a year, default about $450k (Womply: a busier store).
    assert 400_000 <= o["revenue"].sum() <= 500_000
    # GUIDE §5 transactions: about 26 a day, 9-10k a year (Womply, 1,100+ US indie bookstores).
    assert 9_000 <= len(o) <= 10_000
    # GUIDE §5 average transaction: about $48 (Womply 2018).
    assert 44 <= o.loc[o["channel"] == "in-store", "revenue"].mean() <= 52


def test_gross_margin(orders):
    # GUIDE §5: about 45-47% (ABA ABACUS-18 reports 46.6%); after marketplace fees.
    assert 0.43 <= orders["gross_profit"].sum() / orders["revenue"].sum() <= 0.48


@pytest.mark.parametrize("year", YEARS)
def test_online_share(orders, year):
    o = orders[orders["year"] == year]
    online = o["channel"] != "in-store"
    # GUIDE §5: own website plus marketplace 10-15% of revenue, with the marketplace read as paid
    # by the customer, or net of its fees.
    assert 0.10 <= o.loc[online, "revenue"].sum() / o["revenue"].sum() <= 0.15
    net = o["revenue"] - o["fees"]
    assert 0.10 <= net[online].sum() / net.sum() <= 0.15


@pytest.mark.parametrize("year", YEARS)
def test_marketing_spend(t, orders, year):
    campaigns = t["campaigns"]
    spend = campaigns.loc[campaigns["start_date"].str[:4] == str(year), "spend"].sum()
    # GUIDE §5: marketing spend 1-3% of revenue for small retail.
    assert 0.01 <= spend / orders.loc[orders["year"] == year, "revenue"].sum() <= 0.03


@pytest.mark.parametrize("year", YEARS)
def test_seasonality(orders, year):
    monthly = orders[orders["year"] == year].groupby("month")["revenue"].sum()
    index = monthly / monthly.mean()
    # GUIDE §5 monthly index: Dec about 2.0, Nov about 1.3, Aug-Sep about 1.1, Jan-Feb about 0.7.
    assert 1.7 <= index[12] <= 2.3
    assert 1.15 <= index[11] <= 1.45
    assert 0.95 <= index[[8, 9]].mean() <= 1.25
    assert index[[1, 2]].max() < 0.85


def test_december_lifts_everything(t, orders):
    # GUIDE §5 seasonality: December is the peak for orders, campaign reach and sales conversations.
    funnel = t["funnel"]
    reach = funnel[funnel["stage"] == "reach"]
    monthly = {
        "orders": orders.groupby(orders["order_date"].str[:7]).size(),
        "reach": reach.groupby("period")["count"].sum(),
        "interactions": t["interactions"].groupby(t["interactions"]["date"].str[:7]).size(),
    }
    for name, series in monthly.items():
        for year in YEARS:
            months = series[series.index.str.startswith(str(year))]
            assert months[f"{year}-12"] > 1.2 * months.mean(), (name, year)


def test_campaigns_move_attributed_orders(t, orders):
    campaigns = t["campaigns"].set_index("campaign_id")
    attributed = orders["campaign_id"].value_counts().reindex(campaigns.index, fill_value=0)
    clicked = campaigns["clicks"].notna()
    # More clicks, more orders; more spend, more orders (rank correlations, all campaigns).
    assert rank_corr(campaigns.loc[clicked, "clicks"], attributed[clicked]) > 0.6
    assert rank_corr(campaigns["spend"], attributed) > 0.3
    # Every campaign type brings at least one order.
    assert attributed.groupby(campaigns["type"]).sum().min() > 0


def test_special_orders_convert_best(t):
    decided = t["interactions"][t["interactions"]["outcome"] != "open"]
    win_rate = decided.groupby("type")["outcome"].apply(lambda s: (s == "won").mean())
    # GUIDE §4 win rate = won / (won + lost); special orders (a stated need) beat browsing.
    assert win_rate["special order"] > win_rate["in-store recommendation"] + 0.2


def test_repeat_purchase_rate(orders):
    per_customer = orders.dropna(subset=["customer_id"]).groupby("customer_id").size()
    # GUIDE §5 benchmark: repeat purchase rate about 28% (customers with 2+ orders, two years).
    assert 0.22 <= (per_customer >= 2).mean() <= 0.34


def test_funnel_benchmarks(t):
    funnel = t["funnel"].groupby(["source", "stage"])["count"].sum().unstack()
    # GUIDE §5: e-commerce visit -> purchase 1.5-3%, per source and overall.
    rate = funnel["purchase"] / funnel["site visits"]
    assert rate.between(0.015, 0.03).all()
    assert 0.015 <= funnel["purchase"].sum() / funnel["site visits"].sum() <= 0.03
    # GUIDE §5: email click rate about 2-5% (Mailchimp); clicks / emails sent.
    email = t["campaigns"][t["campaigns"]["channel"] == "email"]
    assert 0.02 <= email["clicks"].sum() / email["impressions"].sum() <= 0.05
    # GUIDE §5: Meta retail CPM about $14-24.
    campaigns = t["campaigns"]
    social = campaigns[
        campaigns["type"].isin(["social media content", "targeted ads"]) & (campaigns["channel"] == "social")
    ]
    assert (social["spend"] / social["impressions"] * 1000).between(14, 24).all()


def test_payroll_share(t, orders):
    staff = t["staff"]
    payroll = (staff["hourly_cost"] * staff["hours_per_week"] * 52).sum()
    # GUIDE §5: payroll about 24% of sales (ABACUS); bookseller wage $13.56 an hour (BLS 2022).
    assert 0.20 <= payroll / orders.groupby("year")["revenue"].sum().mean() <= 0.28
    assert (staff.loc[staff["role"] == "bookseller", "hourly_cost"] == 13.56).all()


def test_unit_costs(t):
    p = t["products"]
    share = p["unit_cost"] / p["list_price"]
    books = p["category"] != bookhub.GIFTS
    # Books cost 54-60% of list price (publishers' trade discounts); gifts less.
    assert share[books].between(0.535, 0.605).all()
    assert share[~books].max() < 0.55
    assert np.isclose(p["unit_cost"], p["unit_cost"].round(2)).all()
