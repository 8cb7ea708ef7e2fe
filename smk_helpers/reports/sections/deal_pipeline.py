"""The sales pipeline: the deals stage by stage, what the open ones are worth and how long a sale takes (`pipeline`)."""

from __future__ import annotations

import pandas as pd

from ...core import kpis
from ...core import pipeline as _pipeline
from ...core.data import Business
from ...core.formatting import fmt_days, fmt_money, fmt_number, fmt_pct, is_missing
from .base import Section, _blocked, _not_shown
from .periods import _period_opening
from .wording import _count

__all__ = ["PIPELINE_KEY", "PIPELINE_TITLE", "pipeline"]

PIPELINE_KEY = "pipeline"
PIPELINE_TITLE = "The sales pipeline: deals stage by stage"


def pipeline(business: Business | None, *, start=None, end=None, currency="$") -> Section:
    """The deals that became prospects in the period, stage by stage (`pipeline.stage_table`), with the open
    pipeline's value, the weighted forecast and the average days to close.

    Examples
    --------
    >>> from smk_helpers.core.data import Business
    >>> orders = pd.DataFrame({"order_id": ["1"], "order_date": ["2025-03-01"], "customer_id": [None],
    ...                        "channel": ["web"], "revenue": [40.0]})
    >>> pipeline(Business.from_frames(orders=orders)).summary
    'There are no deals: give the interactions that are deals a deal_value in interactions.csv (and the days they reached each stage) to see the sales pipeline.'
    >>> section = pipeline(Business.from_frames(orders=orders, interactions=_pipeline.EXAMPLE))
    >>> section.summary
    'Over all dates in the data, 5 deals became prospects and 1 was won (a win rate of 33.3%); 2 are still open, worth $2,400.00 if all were won and $2,133.33 weighted by the win rate from their stage among deals of their kind; a won deal took 30 days on average.'
    >>> section.close()
    """  # noqa: E501
    blocked = _blocked(PIPELINE_KEY, PIPELINE_TITLE, business, start=start, end=end, currency=currency)
    if blocked:
        return blocked
    if business.interactions is None or not business.has_column("interactions", "deal_value"):
        return _not_shown(
            PIPELINE_KEY,
            PIPELINE_TITLE,
            "There are no deals: give the interactions that are deals a deal_value in interactions.csv (and the "
            "days they reached each stage) to see the sales pipeline.",
        )
    interactions = business.interactions[kpis.in_period(business.interactions["date"], start, end)]
    table = _pipeline.stage_table(interactions)
    deals = int(table["reached"].iloc[0])
    if deals == 0:
        return _not_shown(PIPELINE_KEY, PIPELINE_TITLE, f"{_period_opening(start, end)}, no deal became a prospect.")

    def money(x):
        return fmt_money(x, currency=currency)

    won, open_deals = int(table["won"].iloc[0]), int(table["open_deals"].sum())
    value, forecast = _pipeline.open_pipeline_value(interactions), _pipeline.weighted_forecast(interactions)
    cycle = _pipeline.days_to_close(interactions)
    summary = (
        f"{_period_opening(start, end)}, {_count(deals, 'deal')} became prospects and {fmt_number(won)} "
        f"{'was' if won == 1 else 'were'} won (a win rate of {fmt_pct(table['win_rate'].iloc[0])}); "
        f"{fmt_number(open_deals)} {'is' if open_deals == 1 else 'are'} still open, worth {money(value)} if all "
        f"were won and {money(forecast)} weighted by the win rate from their stage among deals of their kind"
        + ("" if is_missing(cycle) else f"; a won deal took {fmt_days(cycle)} on average")
        + "."
    )
    shown = pd.DataFrame(
        {
            "reached": table["reached"].map(fmt_number),
            "moved on": table["conversion"].map(fmt_pct),
            "won from here": table["win_rate"].map(fmt_pct),
            "open now": table["open_deals"].map(fmt_number),
            "open value": table["open_value"].map(money),
        },
        index=table.index.rename("stage"),
    )
    from ...core import plots

    figure = plots.bar_chart(
        table["conversion"].dropna(),
        title=f"{business.name}: deals that moved on from each stage",
        xlabel="Stage of the sales pipeline",
        ylabel="Deals that moved on",
        percent=True,
        color=plots.SALES,
    )
    notes = [
        "A deal is an interaction with a deal_value. 'Moved on' is the share of the deals that left a stage by "
        "reaching a later one or being won; deals still open at the stage are left out. 'Won from here' is the "
        "share won of the decided deals that reached the stage, and it weights the forecast. With no deal open, "
        "the stages' 'moved on' rates multiply to the win rate.",
        "Deals count in the period in which they became prospects, as they stand at the end of the data.",
    ]
    return Section(
        PIPELINE_TITLE,
        summary,
        tables={"Deals by stage": shown},
        figures=[figure],
        notes=notes,
        data={"open_pipeline_value": value, "weighted_forecast": forecast, "days_to_close": cycle},
        raw_tables={"pipeline_by_stage": table.reset_index()},
        key=PIPELINE_KEY,
    )
