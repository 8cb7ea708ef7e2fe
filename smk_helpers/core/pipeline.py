"""The sales pipeline: deals, the stages they reach, and what the open ones are worth.

A deal is a row of ``interactions.csv`` with a ``deal_value`` (see `smk_helpers.core.contract`). Its
``date`` is the day it became a prospect; ``qualified_date``, ``proposal_date`` and ``negotiation_date``
the days it reached those stages; ``closed_date`` the day it was won or lost. The stage a deal has
reached is the last stage with a date. A won deal has passed every stage, even one it skipped; a lost
deal was lost at the stage it had reached; an open deal is still at it.

The same rules as every KPI hold: ratios are ratios of counts or sums, and a zero denominator gives NaN.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .contract import DEAL_STAGES, STAGE_COLUMNS
from .formatting import readable as _readable
from .rules import known_sum, safe_divide

__all__ = [
    "DEAL_STAGES",
    "days_in_stage",
    "days_to_close",
    "deal_summary",
    "deals",
    "forecast_by_stage",
    "lost_by_stage",
    "open_pipeline_value",
    "pipeline_by_stage",
    "readable",
    "stage_conversion",
    "stage_table",
    "weighted_forecast",
    "win_rate_by_stage",
]


def deals(interactions: pd.DataFrame | None) -> pd.DataFrame:
    """The deals among the interactions (the rows with a ``deal_value``), with the stage each has reached.

    Parameters
    ----------
    interactions : DataFrame or None
        ``interactions.csv`` as the loader types it. Without a ``deal_value`` column there are no deals.

    Returns
    -------
    DataFrame
        The deal rows, with a ``stage`` column: the last of `DEAL_STAGES` with a date.

    Examples
    --------
    >>> deals(EXAMPLE)[["outcome", "deal_value", "stage"]]
      outcome  deal_value        stage
    0     won      1000.0  negotiation
    1    lost       500.0    qualified
    2    lost       800.0     prospect
    3    open      2000.0     proposal
    4    open       400.0     prospect
    """
    if interactions is None or "deal_value" not in interactions:
        return pd.DataFrame(columns=["date", "outcome", "deal_value", "closed_date", "stage"])
    found = interactions[interactions["deal_value"].notna()].copy()
    level = np.zeros(len(found), dtype=int)
    for number, stage in enumerate(DEAL_STAGES[1:], start=1):
        column = STAGE_COLUMNS[stage]
        if column in found:
            level = np.where(found[column].notna(), number, level)
    found["stage"] = pd.Categorical.from_codes(level, categories=DEAL_STAGES, ordered=True)
    return found


def stage_table(interactions: pd.DataFrame | None) -> pd.DataFrame:
    """The pipeline stage by stage: what reached each stage, what moved on or was lost there, what is open there.

    Formula: for each stage, reached = deals whose stage is that stage or later, or that were won; moved on =
    those that got past it (a later stage, or won); lost here = lost at that stage; conversion = moved on /
    (moved on + lost here), leaving deals still open at the stage out; win rate = won / (won + lost) of the
    deals that reached it; open deals and open value = the deals still open at the stage.

    Leaving open deals out is the win rate's rule (GUIDE: open deals are not lost). When no deal is open,
    conversion is the funnel's reached(k + 1) / reached(k), and the stages' conversions multiply to the win
    rate; with deals still open the product is near the win rate but not equal to it.

    Parameters
    ----------
    interactions : DataFrame or None

    Returns
    -------
    DataFrame indexed by stage (prospect, qualified, proposal, negotiation) with columns reached, moved_on,
    lost_here, conversion, won, lost, win_rate, open_deals, open_value.

    Examples
    --------
    >>> stage_table(EXAMPLE)[["reached", "moved_on", "lost_here", "conversion", "win_rate"]].round(3)
                 reached  moved_on  lost_here  conversion  win_rate
    stage
    prospect           5         3          1       0.750     0.333
    qualified          3         2          1       0.667     0.500
    proposal           2         1          0       1.000     1.000
    negotiation        1         1          0       1.000     1.000
    """
    return _stage_rows(deals(interactions))


def _stage_rows(d: pd.DataFrame) -> pd.DataFrame:
    """`stage_table` of deals already found by `deals`."""
    level = d["stage"].cat.codes.to_numpy() if len(d) else np.array([], dtype=int)
    outcome = d["outcome"].to_numpy()
    value = d["deal_value"].to_numpy(dtype=float)
    won, lost, open_ = outcome == "won", outcome == "lost", outcome == "open"
    rows = []
    for number, stage in enumerate(DEAL_STAGES):
        reached = (level >= number) | won
        moved_on = (level > number) | won
        here = (level == number) & ~won
        rows.append(
            {
                "stage": stage,
                "reached": int(reached.sum()),
                "moved_on": int(moved_on.sum()),
                "lost_here": int((here & lost).sum()),
                "won": int(won.sum()),
                "lost": int((reached & lost).sum()),
                "open_deals": int((here & open_).sum()),
                "open_value": float(value[here & open_].sum()),
            }
        )
    table = pd.DataFrame(rows).set_index("stage")
    table["conversion"] = safe_divide(table["moved_on"], table["moved_on"] + table["lost_here"])
    table["win_rate"] = safe_divide(table["won"], table["won"] + table["lost"])
    columns = ["reached", "moved_on", "lost_here", "conversion", "won", "lost", "win_rate", "open_deals", "open_value"]
    return table[columns]


def pipeline_by_stage(interactions: pd.DataFrame | None) -> pd.DataFrame:
    """The open pipeline: how many deals are open at each stage, and what they are worth.

    Formula: open deals = count of open deals at the stage; open value = Σ deal_value of those deals.

    Examples
    --------
    >>> pipeline_by_stage(EXAMPLE)
                 open_deals  open_value
    stage
    prospect              1       400.0
    qualified             0         0.0
    proposal              1      2000.0
    negotiation           0         0.0
    """
    return stage_table(interactions)[["open_deals", "open_value"]]


def open_pipeline_value(interactions: pd.DataFrame | None) -> float:
    """What the open deals would bring if every one of them were won.

    Formula: Σ deal_value of the open deals.

    Returns NaN when the interactions hold no deal (unknown), 0.0 when they hold deals but none is open.

    Examples
    --------
    >>> open_pipeline_value(EXAMPLE)
    2400.0
    """
    d = deals(interactions)
    if d.empty:
        return float("nan")
    return float(d.loc[d["outcome"] == "open", "deal_value"].sum())


def stage_conversion(interactions: pd.DataFrame | None) -> pd.Series:
    """Conversion from each stage to the next: the share of the deals that left a stage by moving on.

    Formula: moved on / (moved on + lost at the stage); deals still open at the stage are left out.

    Examples
    --------
    >>> stage_conversion(EXAMPLE).round(3).to_dict()
    {'prospect': 0.75, 'qualified': 0.667, 'proposal': 1.0, 'negotiation': 1.0}
    """
    return stage_table(interactions)["conversion"]


def win_rate_by_stage(interactions: pd.DataFrame | None) -> pd.Series:
    """How likely a deal that reached a stage is to be won, from the deals already decided.

    Formula: won / (won + lost) among the deals that reached the stage; open deals are left out.

    The rate at ``prospect`` is the win rate of all deals.

    Examples
    --------
    >>> win_rate_by_stage(EXAMPLE).round(3).to_dict()
    {'prospect': 0.333, 'qualified': 0.5, 'proposal': 1.0, 'negotiation': 1.0}
    """
    return stage_table(interactions)["win_rate"]


def weighted_forecast(interactions: pd.DataFrame | None, by: str | None = "type") -> float:
    """What the open deals are likely to bring: each deal's value weighted by the win rate from its stage.

    Formula: Σ over open deals of deal_value × win rate from the deal's stage, among deals of its kind.

    The weights are the deals' own history (`win_rate_by_stage`), learnt kind by kind (``by``): a special
    order and a store consultation are won at different rates, and one set of rates for both would
    weight the rarer kind with the other's. Where a kind has no decided deal from a stage yet, the rate
    of all deals from that stage stands in; where no deal at all has been decided from a stage with open
    deals, the forecast is unknown (NaN).

    Parameters
    ----------
    interactions : DataFrame or None
    by : str or None, default "type"
        The column whose groups each learn their own rates (a missing column counts as one group);
        None for one set of rates for all deals.

    Examples
    --------
    >>> round(weighted_forecast(EXAMPLE, by=None), 2)  # 2000 x 1.0 + 400 x 1/3
    2133.33
    >>> kinds = EXAMPLE.assign(type=["quote", "tender", "quote", "quote", "tender"])
    >>> round(weighted_forecast(kinds), 2)  # the open tender at 0: no tender has been won from its stage
    2000.0
    """
    d = deals(interactions)
    if d.empty:
        return float("nan")
    still_open = d[d["outcome"] == "open"]
    stage = still_open["stage"].astype(str)
    weights = stage.map(_stage_rows(d)["win_rate"]).astype(float)
    if by is not None and by in d.columns:
        kind = d[by].astype(object).where(d[by].notna(), "(unknown)")
        for name, part in d.groupby(kind, sort=False):
            here = kind.loc[still_open.index] == name
            if here.any():
                own = stage[here].map(_stage_rows(part)["win_rate"]).astype(float)
                weights[here] = own.fillna(weights[here])
    if weights.isna().any():
        return float("nan")
    return float((still_open["deal_value"] * weights).sum())


def days_to_close(interactions: pd.DataFrame | None) -> float:
    """The average length of a won sale, in days: the sales cycle.

    Formula: Σ (closed_date − date) in days / won deals, over the won deals with a closed_date.

    Days are calendar days between the two dates, whatever the time of day written with them.

    Examples
    --------
    >>> days_to_close(EXAMPLE)
    30.0
    """
    d = deals(interactions)
    if d.empty or "closed_date" not in d:
        return float("nan")
    won = d[(d["outcome"] == "won") & d["closed_date"].notna()]
    closed, opened = pd.to_datetime(won["closed_date"]).dt.normalize(), pd.to_datetime(won["date"]).dt.normalize()
    days = (closed - opened).dt.days.astype(float)
    return safe_divide(known_sum(days), len(won))


def forecast_by_stage(interactions: pd.DataFrame | None) -> pd.DataFrame:
    """The weighted forecast stage by stage: what the deals open at each stage are likely to bring.

    Formula: weighted value = open value at the stage × win rate from the stage (`win_rate_by_stage`).

    One set of rates for all deals: the weighted values add up to ``weighted_forecast(by=None)``. A stage
    with open deals but no decided deal to learn from has an unknown rate, so its weighted value is NaN.

    Parameters
    ----------
    interactions : DataFrame or None

    Returns
    -------
    DataFrame indexed by stage with columns open_deals, open_value, win_rate, weighted_value.

    Examples
    --------
    >>> forecast_by_stage(EXAMPLE).round(2)
                 open_deals  open_value  win_rate  weighted_value
    stage
    prospect              1       400.0      0.33          133.33
    qualified             0         0.0      0.50            0.00
    proposal              1      2000.0      1.00         2000.00
    negotiation           0         0.0      1.00            0.00
    >>> float(forecast_by_stage(EXAMPLE)["weighted_value"].sum()) == weighted_forecast(EXAMPLE, by=None)
    True
    """
    table = stage_table(interactions)[["open_deals", "open_value", "win_rate"]].copy()
    table["weighted_value"] = table["open_value"] * table["win_rate"]
    table.loc[table["open_deals"] == 0, "weighted_value"] = 0.0  # nothing open: nothing to weigh
    return table


def days_in_stage(interactions: pd.DataFrame | None) -> pd.Series:
    """Where a won sale spends its time: the average days from reaching each stage to reaching the next.

    Formula: for each stage, Σ (day the next stage was reached − day this one was) / won deals, over the won
    deals with a closed_date; the stage after negotiation is the close.

    A stage a won deal skipped counts as reached on the day of the next stage it has a date for, so it adds no
    days. The stages' days therefore add up to `days_to_close`.

    Parameters
    ----------
    interactions : DataFrame or None

    Returns
    -------
    Series of days indexed by stage (prospect, qualified, proposal, negotiation); all NaN without won deals.

    Examples
    --------
    >>> days_in_stage(EXAMPLE).to_dict()  # the one won deal: prospect 1 Jan, then 5, 10, 20 and 31 Jan
    {'prospect': 4.0, 'qualified': 5.0, 'proposal': 10.0, 'negotiation': 11.0}
    >>> float(days_in_stage(EXAMPLE).sum()) == days_to_close(EXAMPLE)
    True
    """
    d = deals(interactions)
    nan = pd.Series(np.nan, index=pd.Index(DEAL_STAGES, name="stage"), dtype=float)
    if d.empty or "closed_date" not in d:
        return nan
    won = d[(d["outcome"] == "won") & d["closed_date"].notna()]
    if won.empty:
        return nan
    columns = [STAGE_COLUMNS[stage] for stage in DEAL_STAGES] + ["closed_date"]
    days = pd.DataFrame(
        {c: pd.to_datetime(won[c]).dt.normalize() if c in won else pd.NaT for c in columns}, index=won.index
    )
    days = days.bfill(axis=1)  # a skipped stage is reached on the day of the next one
    spent = {
        stage: (days[after] - days[this]).dt.days.astype(float)
        for stage, this, after in zip(DEAL_STAGES, columns[:-1], columns[1:], strict=True)
    }
    return pd.Series(
        {stage: safe_divide(known_sum(x), len(won)) for stage, x in spent.items()}, name="days"
    ).rename_axis("stage")


def deal_summary(interactions: pd.DataFrame | None, by: str | None = "type") -> pd.DataFrame:
    """The deals group by group: how many, how many won, lost and open, their size, the open pipeline and the cycle.

    Formula: win_rate = won / (won + lost); average_deal_size = Σ deal_value of the won deals / won deals;
    open_value, weighted_forecast and days_to_close as `open_pipeline_value`, `weighted_forecast` and
    `days_to_close` compute them within the group.

    Each group's forecast is weighted by its own stage win rates, so a kind of deal that is won less often
    is not forecast with the rates of the others.

    Parameters
    ----------
    interactions : DataFrame or None
    by : str or None, default "type"
        The column to group the deals by (``"type"``, ``"staff"``, ...); None for one row of all deals.

    Returns
    -------
    DataFrame indexed by group with columns deals, won, lost, open, win_rate, average_deal_size, open_value,
    weighted_forecast, days_to_close.

    Examples
    --------
    >>> deal_summary(EXAMPLE, by=None)[["deals", "win_rate", "average_deal_size", "weighted_forecast"]].round(2)
         deals  win_rate  average_deal_size  weighted_forecast
    all      5      0.33             1000.0            2133.33
    """
    d = deals(interactions)
    if by is None:
        groups = [("all", d)]
    else:
        groups = list(d.groupby(d[by].fillna("(unknown)"), sort=True)) if len(d) else []
    rows = {}
    for name, part in groups:
        outcome = part["outcome"]
        won, lost, open_ = int((outcome == "won").sum()), int((outcome == "lost").sum()), int((outcome == "open").sum())
        rows[name] = {
            "deals": len(part),
            "won": won,
            "lost": lost,
            "open": open_,
            "win_rate": safe_divide(won, won + lost),
            "average_deal_size": safe_divide(known_sum(part.loc[outcome == "won", "deal_value"]), won),
            "open_value": float(part.loc[outcome == "open", "deal_value"].sum()) if len(part) else float("nan"),
            "weighted_forecast": weighted_forecast(part, by=None),
            "days_to_close": days_to_close(part),
        }
    columns = [
        "deals",
        "won",
        "lost",
        "open",
        "win_rate",
        "average_deal_size",
        "open_value",
        "weighted_forecast",
        "days_to_close",
    ]
    table = pd.DataFrame.from_dict(rows, orient="index", columns=columns)
    table.index.name = by
    return table


def lost_by_stage(interactions: pd.DataFrame | None) -> pd.DataFrame:
    """What the lost deals cost, stage by stage: how many were lost there, their value and the sellers' hours.

    Formula: for each stage, lost = deals lost at it; lost_value = Σ deal_value of those deals; hours_lost =
    Σ minutes / 60 of those deals (the time spent on them at every stage they reached); hours_per_lost_deal =
    hours_lost / lost.

    A stage where many deals are lost early and cheaply can cost less time than one where fewer are lost
    after a quote was written.

    Parameters
    ----------
    interactions : DataFrame or None
        Without a ``minutes`` column, the hours are unknown (NaN).

    Returns
    -------
    DataFrame indexed by stage (prospect, qualified, proposal, negotiation) with columns lost, lost_value,
    hours_lost, hours_per_lost_deal.

    Examples
    --------
    >>> lost_by_stage(EXAMPLE.assign(minutes=[600.0, 120.0, 30.0, 240.0, 30.0]))
                 lost  lost_value  hours_lost  hours_per_lost_deal
    stage
    prospect        1       800.0         0.5                  0.5
    qualified       1       500.0         2.0                  2.0
    proposal        0         0.0         0.0                  NaN
    negotiation     0         0.0         0.0                  NaN
    """
    d = deals(interactions)
    lost = d[d["outcome"] == "lost"]
    stage = lost["stage"] if len(lost) else pd.Categorical([], categories=DEAL_STAGES, ordered=True)
    by_stage = lost.groupby(stage, observed=False)
    minutes = lost["minutes"] if "minutes" in lost else pd.Series(np.nan, index=lost.index)
    table = pd.DataFrame(
        {
            "lost": by_stage.size().reindex(DEAL_STAGES, fill_value=0).astype("int64"),
            "lost_value": lost["deal_value"].groupby(stage, observed=False).sum().reindex(DEAL_STAGES, fill_value=0.0),
            "hours_lost": minutes.groupby(stage, observed=False).sum(min_count=0).reindex(DEAL_STAGES) / 60,
        }
    )
    if "minutes" not in lost:
        table["hours_lost"] = np.nan
    table["hours_per_lost_deal"] = safe_divide(table["hours_lost"], table["lost"])
    table.index = pd.Index(DEAL_STAGES, name="stage")
    return table


COLUMNS = {
    "deals": ("Deals", "number"),
    "reached": ("Reached", "number"),
    "moved_on": ("Moved on", "number"),
    "lost_here": ("Lost here", "number"),
    "conversion": ("Conversion to next stage", "pct"),
    "won": ("Won", "number"),
    "lost": ("Lost", "number"),
    "open": ("Open", "number"),
    "win_rate": ("Win rate from here", "pct"),
    "open_deals": ("Open deals", "number"),
    "open_value": ("Open value", "money0"),
    "weighted_value": ("Weighted value", "money0"),
    "average_deal_size": ("Average deal won", "money0"),
    "weighted_forecast": ("Weighted forecast", "money0"),
    "days_to_close": ("Days to close", "number1"),
    "spend": ("Spend", "money0"),
    "cost_per_win": ("Cost per won deal", "money0"),
    "revenue_won": ("Revenue won", "money0"),
    "roas": ("ROAS", "ratio2"),
    "lost_value": ("Value lost", "money0"),
    "channel": ("Channel", "text"),
    "account_value": ("Account worth (LTV)", "money0"),
    "ltv_to_cac": ("LTV:CAC", "ratio"),
    "hours_lost": ("Hours spent on them", "number"),
    "hours_per_lost_deal": ("Hours per lost deal", "number1"),
}


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """A pipeline table (`stage_table`, `deal_summary`, `forecast_by_stage`, ...) as text for reading.

    The win rate of a `deal_summary` row is from the first stage, so it is headed "Win rate" there.

    Examples
    --------
    >>> readable(forecast_by_stage(EXAMPLE))
                Open deals Open value Win rate from here Weighted value
    stage
    prospect             1       $400              33.3%           $133
    qualified            0         $0              50.0%             $0
    proposal             1     $2,000             100.0%         $2,000
    negotiation          0         $0             100.0%             $0
    """
    columns = {column: COLUMNS[column] for column in table.columns if column in COLUMNS}
    if "deals" in table.columns and "win_rate" in columns:
        columns["win_rate"] = ("Win rate", "pct")
    return _readable(table, columns)


def _example() -> pd.DataFrame:
    """A hand-made pipeline of five deals, for the examples: one won, two lost, two open."""
    day = pd.to_datetime
    return pd.DataFrame(
        {
            "date": day(["2025-01-01"] * 5),
            "outcome": ["won", "lost", "lost", "open", "open"],
            "deal_value": [1000.0, 500.0, 800.0, 2000.0, 400.0],
            "qualified_date": day(["2025-01-05", "2025-01-06", None, "2025-01-10", None]),
            "proposal_date": day(["2025-01-10", None, None, "2025-01-20", None]),
            "negotiation_date": day(["2025-01-20", None, None, None, None]),
            "closed_date": day(["2025-01-31", "2025-01-15", "2025-01-03", None, None]),
        }
    )


EXAMPLE = _example()
