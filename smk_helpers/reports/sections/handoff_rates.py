"""The handoff from marketing to sales: the funnel's rate into the first sales stage, and how many of each
channel's leads sales followed up and won (`handoff`).
"""

from __future__ import annotations

import pandas as pd

from ...core import funnel as _funnel
from ...core import kpis
from ...core.data import Business
from ...core.formatting import fmt_number, fmt_pct, fmt_pct_small, is_missing
from .base import Section, _blocked, _not_shown
from .periods import _period_opening
from .wording import _count

__all__ = ["HANDOFF_KEY", "HANDOFF_TITLE", "handoff"]

HANDOFF_KEY = "handoff"
HANDOFF_TITLE = "The handoff: from marketing's leads to sales' conversations"


def handoff(business: Business | None, *, start=None, end=None, stage: str | None = None) -> Section:
    """Where marketing hands over to sales: the funnel's rate into the first sales stage, and how many of
    each channel's leads sales followed up and won (`kpis.handoff_by`).

    Parameters
    ----------
    business : Business or None
    start, end : str or date, optional
    stage : str, optional
        The first funnel stage sales owns (for the Book Hub, "engaged").

    Examples
    --------
    >>> from smk_helpers.core.data import Business
    >>> orders = pd.DataFrame({"order_id": ["1"], "order_date": ["2025-03-01"], "customer_id": [None],
    ...                        "channel": ["web"], "revenue": [40.0]})
    >>> handoff(Business.from_frames(orders=orders)).summary
    'There is no funnel.csv and no interactions.csv that name a campaign, so the handoff cannot be measured; add either to see how many of marketing’s leads sales takes up.'
    """  # noqa: E501
    blocked = _blocked(HANDOFF_KEY, HANDOFF_TITLE, business, start=start, end=end)
    if blocked:
        return blocked
    parts, tables, raw, notes, figures = [], {}, {}, [], []
    if business.funnel is not None and stage:
        rows = business.funnel[kpis.months_in_period(business.funnel["period"], start, end)]
        table = _funnel.funnel_table(rows)
        stages = table["stage"].tolist()
        if stage in stages and stages.index(stage) > 0:
            k = stages.index(stage)
            rate = table["rate_from_previous"].iloc[k]
            parts.append(
                f"in the funnel, {fmt_pct_small(rate)} of {stages[k - 1]} ({fmt_number(table['count'].iloc[k - 1])}) "
                f"reached {stage}, the first stage sales owns"
            )
        elif stage not in stages:
            notes.append(
                f"There is no stage '{stage}' in funnel.csv, so the funnel's handoff rate is not shown; "
                f"set handoff to one of: {', '.join(stages)}."
            )
    elif business.funnel is not None:
        notes.append("Set handoff to the first funnel stage sales owns to see the funnel's handoff rate.")
    linked = (
        business.interactions is not None
        and business.campaigns is not None
        and business.has_column("interactions", "campaign_id")
        and business.interactions["campaign_id"].notna().any()
    )
    if linked:
        table = kpis.handoff_by(business.campaigns, business.interactions, start, end)
        table = table[(table["conversations"] > 0) | table["leads"].notna()]
        raw["handoff_by_channel"] = table.reset_index()
        tables["Leads and conversations by marketing channel"] = pd.DataFrame(
            {
                "leads": table["leads"].map(fmt_number),
                "conversations": table["conversations"].map(fmt_number),
                "followed up": table["follow_up_rate"].map(fmt_pct),
                "won": table["won"].map(fmt_number),
                "win rate": table["win_rate"].map(fmt_pct),
            },
            index=table.index,
        )
        leads, talks = kpis.known_sum(table["leads"]), int(table["conversations"].sum())
        parts.append(
            f"sales had {_count(talks, 'conversation')} with leads from campaigns, "
            f"{fmt_pct(kpis.follow_up_rate(talks, leads))} of the {fmt_number(leads)} leads campaigns produced"
        )
        talks_all = business.interactions[kpis.in_period(business.interactions["date"], start, end)]
        sourced = talks_all["campaign_id"].notna()
        mine, other = kpis.outcome_counts(talks_all[sourced]), kpis.outcome_counts(talks_all[~sourced])
        wr_m, wr_o = kpis.win_rate(mine["won"], mine["lost"]), kpis.win_rate(other["won"], other["lost"])
        if not is_missing(wr_m) and not is_missing(wr_o):
            parts.append(f"they won {fmt_pct(wr_m)} of them, against {fmt_pct(wr_o)} of the other conversations")
        raw["handoff_win_rates"] = pd.DataFrame(
            {
                "source": ["campaign leads", "other"],
                "won": [mine["won"], other["won"]],
                "lost": [mine["lost"], other["lost"]],
                "win_rate": [wr_m, wr_o],
            }
        )
        followed = table["follow_up_rate"].dropna()
        if len(followed) > 1:
            from ...core import plots

            figures.append(
                plots.bar_chart(
                    followed.sort_values(ascending=False),
                    title=f"{business.name}: leads followed up by sales, by channel",
                    xlabel="Marketing channel of the lead",
                    ylabel="Leads followed up",
                    percent=True,
                    color=plots.SALES,
                )
            )
        notes.append(
            "A lead counts as followed up when a conversation in interactions.csv names its campaign; "
            "leads are pro-rated like spend when a campaign runs partly outside the period."
        )
    if not parts:
        if business.funnel is None and not linked:
            return _not_shown(
                HANDOFF_KEY,
                HANDOFF_TITLE,
                "There is no funnel.csv and no interactions.csv that name a campaign, so "
                "the handoff cannot be measured; add either to see how many of marketing’s leads sales "
                "takes up.",
            )
        return _not_shown(
            HANDOFF_KEY, HANDOFF_TITLE, "The handoff cannot be measured yet: " + " ".join(notes), notes=[]
        )
    summary = f"{_period_opening(start, end)}, " + "; ".join(parts) + "."
    return Section(HANDOFF_TITLE, summary, tables=tables, figures=figures, notes=notes, raw_tables=raw, key=HANDOFF_KEY)
