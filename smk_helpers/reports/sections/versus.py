"""One-to-many against one-to-one: campaigns against sales conversations, by reach, cost, orders and cost
per contact and per order (`one_to_many_vs_one_to_one`).
"""

from __future__ import annotations

import pandas as pd

from ...core import kpis
from ...core.data import Business
from ...core.formatting import fmt_money, fmt_money_small, fmt_number, fmt_pct_small, is_missing
from .base import Section, _blocked, _not_shown
from .periods import _period_opening
from .wording import _count

__all__ = ["VERSUS_KEY", "VERSUS_TITLE", "one_to_many_vs_one_to_one"]

VERSUS_KEY = "one_to_many_vs_one_to_one"
VERSUS_TITLE = "One-to-many (campaigns) vs one-to-one (conversations)"


def one_to_many_vs_one_to_one(
    business: Business | None, *, start=None, end=None, staff_hourly_cost=kpis.STAFF_HOURLY_COST, currency="$"
) -> Section:
    """Campaigns against sales conversations: reach, cost, orders, and cost per contact and per order.

    Parameters
    ----------
    business : Business or None
    start, end : str or date, optional
        Orders and conversations are those dated in the period; campaigns are pro-rated by
        their days inside it (`kpis.prorate_campaigns`). The whole data by default.
    staff_hourly_cost : float, default 13.56
        What an hour of a salesperson's time costs (a bookseller's wage, BLS 2022).
    currency : str, default "$"

    Returns
    -------
    Section
        ``tables["Comparison"]`` has one row per approach (from `kpis.one_to_many_vs_one_to_one`),
        a bar chart compares the cost per order, and notes say how to read it. ``data["table"]``
        holds the raw numbers.

    Examples
    --------
    >>> from smk_helpers.core.data import Business
    >>> orders = pd.DataFrame({"order_id": ["1", "2"], "order_date": ["2025-03-01", "2025-03-02"],
    ...                        "customer_id": [None, None], "channel": ["web", "in-store"],
    ...                        "revenue": [40.0, 30.0], "campaign_id": ["S1", None]})
    >>> campaigns = pd.DataFrame({"campaign_id": ["S1"], "channel": ["social"], "start_date": ["2025-03-01"],
    ...                           "end_date": ["2025-03-31"], "spend": [75.0], "impressions": [5000]})
    >>> talks = pd.DataFrame({"interaction_id": ["I1", "I2"], "date": ["2025-03-02", "2025-03-03"],
    ...                       "staff": ["Ann", "Ann"], "type": ["recommendation"] * 2, "outcome": ["won", "lost"],
    ...                       "minutes": [10, 20]})
    >>> shop = Business.from_frames(orders=orders, campaigns=campaigns, interactions=talks)
    >>> section = one_to_many_vs_one_to_one(shop, staff_hourly_cost=12)
    >>> section.table["cost per order"].tolist()
    ['$75.00', '$6.00']
    >>> section.close()
    """
    blocked = _blocked(
        VERSUS_KEY, VERSUS_TITLE, business, currency=currency, staff_hourly_cost=staff_hourly_cost, start=start, end=end
    )
    if blocked:
        return blocked
    if business.campaigns is None and business.interactions is None:
        return _not_shown(
            VERSUS_KEY,
            VERSUS_TITLE,
            "There is no campaigns.csv and no interactions.csv, so there is nothing to "
            "compare; add either to see what a contact and an order cost.",
        )
    campaigns = None if business.campaigns is None else kpis.prorate_campaigns(business.campaigns, start, end)
    interactions = business.interactions
    if interactions is not None:
        interactions = interactions[kpis.in_period(interactions["date"], start, end)]
    orders = business.orders[kpis.in_period(business.orders["order_date"], start, end)]
    raw = kpis.one_to_many_vs_one_to_one(campaigns, interactions, orders, staff_hourly_cost=staff_hourly_cost)

    def money(x):
        return fmt_money(x, currency=currency)

    table = pd.DataFrame(
        {
            "campaigns or conversations": raw["count"].map(fmt_number),
            "reach": raw["reach"].map(fmt_number),
            "cost": raw["cost"].map(money),
            "orders": raw["orders"].map(fmt_number),
            "cost per contact": raw["cost_per_contact"].map(lambda x: fmt_money_small(x, currency)),
            "orders per contact": raw["conversion_per_contact"].map(fmt_pct_small),
            "cost per order": raw["cost_per_order"].map(money),
        }
    )
    many = raw.loc[kpis.ONE_TO_MANY]

    parts = []
    if business.campaigns is None:
        parts.append("there is no campaigns.csv, so the one-to-many row is n/a")
    else:
        parts.append(_campaigns_sentence(raw, money, currency))
    if business.interactions is None:
        parts.append("there is no interactions.csv, so the one-to-one row is n/a")
    else:
        parts.append(_conversations_sentence(raw, money, currency))
    summary = f"{_period_opening(start, end)}, {'; '.join(parts)}."

    notes = [
        f"A conversation costs the staff time it takes, at {money(staff_hourly_cost)} an hour "
        "(staff_hourly_cost); campaigns cost their spend. In every row, cost per contact ÷ orders per contact = "
        "cost per order: each ratio divides that row's own totals."
    ]
    if business.campaigns is not None:
        notes.append(
            "Campaign reach is impressions (times shown, emails sent), not distinct people; campaign orders are "
            "the orders whose campaign_id names the campaign."
        )
        unknown = int(campaigns["impressions"].isna().sum())
        if unknown:
            notes.append(
                f"{_count(unknown, 'campaign')} {'have' if unknown != 1 else 'has'} no impressions (an event or a "
                "window display, say, whose audience nobody counts), so the campaigns' reach and cost per contact "
                "are n/a"
                + (
                    f"; the row '{kpis.ONE_TO_MANY_KNOWN}' gives them over the other "
                    f"{fmt_number(raw.loc[kpis.ONE_TO_MANY_KNOWN, 'count'])}."
                    if _has(raw, "many")
                    else "."
                )
            )
        if is_missing(many["orders"]):
            notes.append("No order names a campaign (orders.csv, column campaign_id), so campaign orders are n/a.")
    if interactions is not None:
        untimed = int(interactions["minutes"].isna().sum())
        if untimed:
            notes.append(
                f"{_count(untimed, 'conversation')} {'have' if untimed != 1 else 'has'} no minutes, so the "
                "conversations' cost is n/a"
                + (
                    f"; the row '{kpis.ONE_TO_ONE_TIMED}' gives the cost per contact and per order over the "
                    f"other {fmt_number(raw.loc[kpis.ONE_TO_ONE_TIMED, 'count'])}."
                    if _has(raw, "one")
                    else "."
                )
            )
    if start is not None or end is not None:
        notes.append("Campaign spend and impressions are pro-rated by the days each campaign ran inside the period.")

    figures = []
    per_order = pd.Series(
        {
            "marketing": kpis.known_figure(raw, kpis.ONE_TO_MANY, "cost_per_order")[1],
            "sales": kpis.known_figure(raw, kpis.ONE_TO_ONE, "cost_per_order")[1],
        }
    )
    if per_order.notna().any():
        from ...core import plots

        figures.append(
            plots.bar_chart(
                per_order,
                title=f"{business.name}: cost per order, campaigns vs conversations",
                xlabel="Marketing (campaigns, one-to-many) and sales (conversations, one-to-one)",
                ylabel="Cost per order",
                money=True,
                currency=currency,
            )
        )
    return Section(
        VERSUS_TITLE,
        summary,
        tables={"Comparison": table},
        figures=figures,
        notes=notes,
        data={"table": raw},
        raw_tables={"one_to_many_vs_one_to_one": raw.reset_index()},
        key=VERSUS_KEY,
    )


def _has(raw: pd.DataFrame, side: str) -> bool:
    """Whether the table has the known-rows row of the campaigns ("many") or of the conversations ("one")."""
    return (kpis.ONE_TO_MANY_KNOWN if side == "many" else kpis.ONE_TO_ONE_TIMED) in raw.index


def _campaigns_sentence(raw: pd.DataFrame, money, currency: str) -> str:
    """What the campaigns reached, cost and were credited with, each figure from the row that knows it."""
    many = raw.loc[kpis.ONE_TO_MANY]
    if not is_missing(many["reach"]):
        reached = (
            f"campaigns reached {fmt_number(many['reach'])} impressions at "
            f"{fmt_money_small(many['cost_per_contact'], currency)} each"
        )
    else:
        reached = f"campaigns cost {money(many['cost'])}"
    if is_missing(many["orders"]):
        text = f"{reached}, but which orders came through them is not known"
    else:
        text = (
            f"{reached} and were credited with {_count(many['orders'], 'order')} "
            f"at {money(many['cost_per_order'])} an order"
        )
    if is_missing(many["reach"]) and _has(raw, "many"):
        known = raw.loc[kpis.ONE_TO_MANY_KNOWN]
        text += (
            f"; the {fmt_number(known['count'])} with known reach made {fmt_number(known['reach'])} impressions "
            f"at {fmt_money_small(known['cost_per_contact'], currency)} each"
        )
        if not is_missing(known["orders"]):
            text += (
                f" and were credited with {_count(known['orders'], 'order')} "
                f"at {money(known['cost_per_order'])} an order"
            )
    return text


def _conversations_sentence(raw: pd.DataFrame, money, currency: str) -> str:
    """What the conversations cost and won, the cost from the timed ones when some have no minutes."""
    one = raw.loc[kpis.ONE_TO_ONE]
    if not is_missing(one["cost"]) or not _has(raw, "one"):
        return (
            f"{_count(one['reach'], 'conversation')} cost "
            f"{fmt_money_small(one['cost_per_contact'], currency)} each and won {_count(one['orders'], 'order')} "
            f"at {money(one['cost_per_order'])} an order"
        )
    timed = raw.loc[kpis.ONE_TO_ONE_TIMED]
    return (
        f"{_count(one['reach'], 'conversation')} won {_count(one['orders'], 'order')}; the "
        f"{fmt_number(timed['count'])} with minutes cost {fmt_money_small(timed['cost_per_contact'], currency)} each "
        f"and {money(timed['cost_per_order'])} per order won"
    )
