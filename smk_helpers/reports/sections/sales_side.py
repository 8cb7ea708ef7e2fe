"""The sales side in detail: orders, revenue and order value by channel and by month, revenue against
target, and each person's conversations (`sales`).
"""

from __future__ import annotations

import pandas as pd

from ...core import kpis
from ...core.contract import UNKNOWN_CHANNEL
from ...core.data import Business
from ...core.formatting import fmt_money, fmt_number, fmt_pct, is_missing
from .base import Section, _blocked, _not_shown
from .periods import _period_opening, _period_text
from .wording import _count

__all__ = ["SALES_KEY", "SALES_TITLE", "sales"]

SALES_KEY = "sales"
SALES_TITLE = "Sales: channels, months and people"


def sales(business: Business | None, *, start=None, end=None, currency="$", goal: str | None = None) -> Section:
    """Sales in the period: orders, revenue and average order value by channel and by month, win rate
    and cost per won conversation by person, and revenue against target where targets exist.

    Parameters
    ----------
    business : Business or None
    start, end : str or date, optional
    currency : str, default "$"
    goal : str, optional
        The owner's sales goal (from a worksheet), shown first.

    Returns
    -------
    Section
        Tables "By channel", "By month" and, with interactions.csv, "By person"; raw tables
        ``sales_by_channel``, ``sales_by_month``, ``conversations_by_staff`` and
        ``quota_attainment``.

    Examples
    --------
    >>> from smk_helpers.core.data import Business
    >>> orders = pd.DataFrame({"order_id": ["1", "2", "3"], "order_date": ["2025-03-01", "2025-03-20", "2025-04-02"],
    ...                        "customer_id": ["C1", "C1", None], "channel": ["in-store", "web", "in-store"],
    ...                        "revenue": [40.0, 20.0, 30.0]})
    >>> section = sales(Business.from_frames(name="Corner Shop", orders=orders))
    >>> section.tables["By channel"]
             orders revenue average order value share of revenue
    channel
    in-store      2  $70.00              $35.00            77.8%
    web           1  $20.00              $20.00            22.2%
    >>> section.close()
    """
    blocked = _blocked(SALES_KEY, SALES_TITLE, business, currency=currency, start=start, end=end)
    if blocked:
        return blocked
    orders = business.orders[kpis.in_period(business.orders["order_date"], start, end)]
    if orders.empty:
        return _not_shown(
            SALES_KEY, SALES_TITLE, f"There are no orders {_period_text(start, end)}, so there are no sales to show."
        )
    by_channel = kpis.sales_by(orders, "channel")
    by_month = kpis.sales_by(orders, "month")
    tables, raw, notes, figures = {}, {}, [], []
    if goal:
        notes.append(f"Your sales goal: {goal}")

    def money(x):
        return fmt_money(x, currency=currency)

    def formatted(t):
        return pd.DataFrame(
            {
                "orders": t["orders"].map(fmt_number),
                "revenue": t["revenue"].map(money),
                "average order value": t["average_order_value"].map(money),
                "share of revenue": t["share"].map(fmt_pct),
            },
            index=t.index,
        )

    tables["By channel"] = formatted(by_channel)
    raw["sales_by_channel"] = by_channel.reset_index()
    month_table = formatted(by_month).drop(columns="share of revenue")
    month_raw = by_month.drop(columns="share")
    if business.targets is not None:
        targets = business.targets[kpis.months_in_period(business.targets["period"], start, end)]
        quota = kpis.quota_attainment(business.orders, targets, business.interactions)
        raw["quota_attainment"] = quota
        team = quota[quota["staff"].eq(kpis.TEAM)].set_index("period")
        if not team.empty:
            month_raw = month_raw.join(team[["target", "attainment"]], how="left")
            month_table["target"] = month_raw["target"].map(money)
            month_table["revenue / target"] = month_raw["attainment"].map(fmt_pct)
    raw["sales_by_month"] = month_raw.reset_index()
    tables["By month"] = month_table

    from ...core import plots

    lines = month_raw[["revenue"] + (["target"] if "target" in month_raw else [])]
    figures.append(
        plots.line_chart(
            lines if lines.shape[1] > 1 else lines["revenue"],
            title=f"{business.name}: revenue by month" + (" against target" if lines.shape[1] > 1 else ""),
            xlabel="Month",
            ylabel="Revenue",
            money=True,
            currency=currency,
        )
    )
    rate = kpis.repeat_purchase_rate(orders)
    revenue = kpis.total_revenue(orders)
    summary = (
        f"{_period_opening(start, end)}, {_count(len(orders), 'order')} brought {money(revenue)}, an average "
        f"of {money(kpis.average_order_value(revenue, kpis.order_count(orders)))} an order; "
        f"{by_channel.index[0]} took {fmt_pct(by_channel['share'].iloc[0])} of it"
    )
    if not is_missing(rate):
        summary += f", and {fmt_pct(rate)} of identified customers bought more than once"
    if "attainment" in month_raw and month_raw["target"].notna().any():
        overall = kpis.ratio_of_sums(month_raw["revenue"], month_raw["target"])
        summary += f"; revenue reached {fmt_pct(overall)} of the team's target"
    summary += "."

    if business.interactions is not None:
        talks = business.interactions[kpis.in_period(business.interactions["date"], start, end)]
        if len(talks):
            people = kpis.conversations_by(talks, "staff")
            person = pd.DataFrame(
                {
                    "won": people["won"].map(fmt_number),
                    "lost": people["lost"].map(fmt_number),
                    "open": people["open"].map(fmt_number),
                    "win rate": people["win_rate"].map(fmt_pct),
                    "hours": people["hours"].map(lambda x: fmt_number(x, digits=1)),
                    "cost per won sale": people["cost_per_win"].map(money),
                },
                index=people.index,
            )
            if "quota_attainment" in raw:
                mine = raw["quota_attainment"][~raw["quota_attainment"]["staff"].eq(kpis.TEAM)]
                if not mine.empty:
                    attained = kpis.ratio_of_sums(mine["revenue"], mine["target"], by=mine["staff"])
                    people = people.assign(attainment=attained.reindex(people.index))
                    person["revenue / target"] = people["attainment"].map(fmt_pct)
            tables["By person"] = person
            raw["conversations_by_staff"] = people.reset_index()
            figures.append(
                plots.bar_chart(
                    people["win_rate"].dropna().sort_values(ascending=False),
                    title=f"{business.name}: win rate by person",
                    xlabel="Person",
                    ylabel="Win rate",
                    percent=True,
                    color=plots.SALES,
                )
            )
            notes.append(
                "Win rate leaves open conversations out; cost per won sale is the staff time of all of a "
                "person's conversations, won or not, divided by the sales won."
            )
    if UNKNOWN_CHANNEL in by_channel.index:
        notes.append("'(unknown)' is the orders with a blank channel.")
    return Section(SALES_TITLE, summary, tables=tables, figures=figures, notes=notes, raw_tables=raw, key=SALES_KEY)
