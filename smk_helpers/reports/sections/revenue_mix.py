"""The channel mix: revenue by sales channel with each channel's share, and revenue by month (`channel_mix`)."""

from __future__ import annotations

import pandas as pd

from ...core import kpis
from ...core.contract import UNKNOWN_CHANNEL
from ...core.data import Business
from ...core.formatting import fmt_money, fmt_pct
from .base import Section, _blocked, _not_shown
from .periods import _period_text

__all__ = ["MIX_KEY", "MIX_TITLE", "channel_mix"]

MIX_KEY = "channel_mix"
MIX_TITLE = "Channel mix: where the revenue comes from"


def channel_mix(business: Business | None, *, start=None, end=None, currency="$") -> Section:
    """Revenue by sales channel with each channel's share, and revenue by month.

    Parameters
    ----------
    business : Business or None
    start, end : str or date, optional
        First and last day of the period, both included; the whole data by default.
    currency : str, default "$"

    Returns
    -------
    Section
        ``tables["Revenue by channel"]`` (revenue, share of revenue; the shares add up to
        100%), a bar chart by channel and a line chart by month. ``data`` holds the raw Series
        ``by_channel``, ``share`` and ``by_month``.

    Examples
    --------
    >>> from smk_helpers.core.data import Business
    >>> orders = pd.DataFrame({"order_id": ["1", "2", "3"], "order_date": ["2025-03-01", "2025-03-20", "2025-04-02"],
    ...                        "customer_id": ["C1", None, "C2"], "channel": ["in-store", "web", "in-store"],
    ...                        "revenue": [40.0, 20.0, 40.0]})
    >>> section = channel_mix(Business.from_frames(orders=orders))
    >>> section.table
             revenue share of revenue
    channel
    in-store  $80.00            80.0%
    web       $20.00            20.0%
    >>> section.close()
    """
    blocked = _blocked(MIX_KEY, MIX_TITLE, business, currency=currency, start=start, end=end)
    if blocked:
        return blocked
    orders = business.orders[kpis.in_period(business.orders["order_date"], start, end)]
    if orders.empty:
        return _not_shown(
            MIX_KEY, MIX_TITLE, f"There are no orders {_period_text(start, end)}, so there is no channel mix to show."
        )
    per_channel = kpis.sales_by(orders, "channel")
    by_channel, share = per_channel["revenue"], per_channel["share"].rename(None)
    by_month = kpis.revenue_by_month(orders)
    table = pd.DataFrame(
        {
            "revenue": by_channel.map(lambda x: fmt_money(x, currency=currency)),
            "share of revenue": share.map(fmt_pct),
        }
    )
    table.index.name = "channel"

    from ...core import plots

    figures = [
        plots.bar_chart(
            by_channel,
            title=f"{business.name}: revenue by channel",
            xlabel="Channel",
            ylabel="Revenue",
            money=True,
            currency=currency,
        ),
        plots.line_chart(
            by_month,
            title=f"{business.name}: revenue by month",
            xlabel="Month",
            ylabel="Revenue",
            money=True,
            currency=currency,
        ),
    ]
    top = by_channel.index[0]
    if len(by_channel) == 1:
        summary = f"All the revenue {_period_text(start, end)} comes through one channel, {top}"
    else:
        summary = (
            f"The biggest channel {_period_text(start, end)} is {top}, with {fmt_pct(share[top])} of the "
            f"revenue, and the smallest is {by_channel.index[-1]}, with {fmt_pct(share.iloc[-1])}"
        )
    if len(by_month) > 1:
        summary += (
            f"; the best month was {by_month.idxmax()} ({fmt_money(by_month.max(), currency=currency)}) "
            f"and the quietest {by_month.idxmin()} ({fmt_money(by_month.min(), currency=currency)})"
        )
    notes = []
    if UNKNOWN_CHANNEL in by_channel.index:
        notes.append("'(unknown)' is the revenue of orders with a blank channel.")
    return Section(
        MIX_TITLE,
        summary + ".",
        tables={"Revenue by channel": table},
        figures=figures,
        notes=notes,
        data={"by_channel": by_channel, "share": share, "by_month": by_month},
        raw_tables={
            "revenue_by_channel": pd.DataFrame({"revenue": by_channel, "share": share}).reset_index(),
            "revenue_by_month": by_month.reset_index(),
        },
        key=MIX_KEY,
    )
