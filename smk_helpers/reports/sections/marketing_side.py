"""The marketing side in detail: spend, reach, CTR, cost per lead, CAC, ROAS and ROI by channel and by
campaign (`marketing`).
"""

from __future__ import annotations

import pandas as pd

from ...core import kpis
from ...core.data import Business
from ...core.formatting import fmt_money, fmt_number, fmt_pct, fmt_ratio, is_missing
from .base import Section, _blocked, _not_shown
from .periods import _period_opening, _period_text
from .wording import _count

__all__ = ["MARKETING_KEY", "MARKETING_TITLE", "marketing"]

MARKETING_KEY = "marketing"
MARKETING_TITLE = "Marketing: campaigns and channels"


def marketing(
    business: Business | None, *, start=None, end=None, gross_margin=None, currency="$", goal: str | None = None
) -> Section:
    """Marketing in the period: spend, reach, CTR, cost per lead, CAC, ROAS and ROI, by channel and
    by campaign (`kpis.campaign_results`).

    Examples
    --------
    >>> from smk_helpers.core.data import Business
    >>> orders = pd.DataFrame({"order_id": ["1", "2"], "order_date": ["2025-03-01", "2025-03-02"],
    ...                        "customer_id": ["C1", None], "channel": ["web", "in-store"],
    ...                        "revenue": [40.0, 30.0], "campaign_id": ["S1", None]})
    >>> campaigns = pd.DataFrame({"campaign_id": ["S1"], "channel": ["social"], "start_date": ["2025-03-01"],
    ...                           "end_date": ["2025-03-31"], "spend": [20.0], "impressions": [5000]})
    >>> section = marketing(Business.from_frames(orders=orders, campaigns=campaigns))
    >>> section.tables["By channel"].loc["social", ["spend", "ROAS"]].tolist()
    ['$20.00', '2.00x']
    >>> section.close()
    """
    blocked = _blocked(
        MARKETING_KEY, MARKETING_TITLE, business, currency=currency, gross_margin=gross_margin, start=start, end=end
    )
    if blocked:
        return blocked
    if business.campaigns is None:
        return _not_shown(
            MARKETING_KEY,
            MARKETING_TITLE,
            "There is no campaigns.csv in this folder, so there is no marketing to show; "
            "add one (data/README.md describes it) to see what each campaign cost and brought.",
        )
    per_campaign = kpis.campaign_results(business.campaigns, business.orders, start, end, gross_margin=gross_margin)
    if per_campaign.empty:
        return _not_shown(
            MARKETING_KEY,
            MARKETING_TITLE,
            f"No campaign ran {_period_text(start, end)}, so there is no marketing to show.",
        )
    per_channel = kpis.campaign_results(
        business.campaigns, business.orders, start, end, gross_margin=gross_margin, by="channel"
    )
    ran = len(kpis.prorate_campaigns(business.campaigns, start, end))  # the others only brought orders

    def money(x):
        return fmt_money(x, currency=currency)

    def formatted(t, labels=()):
        return pd.DataFrame(
            {
                **{label: t[label].fillna("") for label in labels},
                "spend": t["spend"].map(money),
                "impressions": t["impressions"].map(fmt_number),
                "CTR": t["ctr"].map(lambda x: fmt_pct(x, digits=2)),
                "leads": t["leads"].map(fmt_number),
                "cost per lead": t["cost_per_lead"].map(money),
                "new customers": t["new_customers"].map(fmt_number),
                "CAC": t["cac"].map(money),
                "attributed revenue": t["attributed_revenue"].map(money),
                "ROAS": t["roas"].map(lambda x: fmt_ratio(x, digits=2)),
                "ROI": t["roi"].map(fmt_pct),
            },
            index=t.index,
        )

    tables = {
        "By channel": formatted(per_channel),
        "By campaign": formatted(per_campaign, [c for c in ("name", "channel") if c in per_campaign]).drop(
            columns=["impressions", "new customers", "CAC"]
        ),
    }
    notes = [f"Your marketing goal: {goal}"] if goal else []
    s = kpis.summary(business, start=start, end=end, gross_margin=gross_margin)
    if is_missing(s["attributed_revenue"]):
        notes.append(
            "No order names a campaign (orders.csv, column campaign_id), so orders, new customers, CAC, "
            "attributed revenue, ROAS and ROI per campaign are n/a."
        )
    elif is_missing(s["marketing_roi"]):
        notes.append("ROI is n/a: orders.csv has no gross_profit column; set gross_margin (e.g. 0.45) to estimate it.")
    notes.append(
        "CAC by channel is the channel's spend over the new customers whose first order names one of its "
        "campaigns; the headline CAC divides all spend by all new customers, so it is lower."
    )
    if start is not None or end is not None:
        notes.append("A campaign that ran partly inside the period counts with the share of its days inside it.")
        idle = len(per_campaign) - ran
        if idle:
            notes.append(
                f"{_count(idle, 'campaign')} ran before the period but brought orders in it; with "
                "no spend in the period, their ROAS is n/a, but their orders count in their channel's."
            )
    from ...core import benchmarks as B

    if "social" in per_channel.index and not is_missing(per_channel.loc["social", "impressions"]):
        social_cpm = kpis.cpm(per_channel.loc["social", "spend"], per_channel.loc["social", "impressions"])
        mark = B.by_key("social_cpm")
        notes.append(
            f"Social ads cost {money(social_cpm)} per 1,000 impressions; the benchmark is "
            f"{mark.range_text(currency)} ({mark.source})."
        )

    from ...core import plots

    figures = []
    roas_by_channel = per_channel["roas"].dropna().sort_values(ascending=False)
    if not roas_by_channel.empty:
        figures.append(
            plots.bar_chart(
                roas_by_channel,
                title=f"{business.name}: ROAS by marketing channel",
                xlabel="Marketing channel",
                ylabel="Attributed revenue per 1 spent",
                color=plots.MARKETING,
            )
        )
    figures.append(
        plots.bar_chart(
            per_channel["spend"],
            title=f"{business.name}: marketing spend by channel",
            xlabel="Marketing channel",
            ylabel="Spend",
            money=True,
            currency=currency,
            color=plots.MARKETING,
        )
    )
    top = per_channel.index[0]
    summary = (
        f"{_period_opening(start, end)}, {_count(ran, 'campaign')} "
        f"cost {money(s['marketing_spend'])}, {fmt_pct(s['marketing_share'])} of revenue; {top} took the most "
        f"({money(per_channel.loc[top, 'spend'])})"
    )
    if not roas_by_channel.empty:
        summary += (
            f", and {roas_by_channel.index[0]} returned the most revenue per {currency or ''}1 spent "
            f"({fmt_ratio(roas_by_channel.iloc[0], digits=2)})"
        )
    return Section(
        MARKETING_TITLE,
        summary + ".",
        tables=tables,
        figures=figures,
        notes=notes,
        raw_tables={"marketing_by_channel": per_channel.reset_index(), "campaigns": per_campaign.reset_index()},
        key=MARKETING_KEY,
    )
