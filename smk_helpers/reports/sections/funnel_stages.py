"""The funnel section: each stage's count, the rates between stages and from the top, and a funnel chart
(`funnel`).
"""

from __future__ import annotations

import pandas as pd

from ...core import funnel as _funnel
from ...core import kpis
from ...core.data import Business
from ...core.formatting import fmt_number, fmt_pct_small
from .base import Section, _blocked, _not_shown
from .periods import _period_text
from .wording import _join

__all__ = ["FUNNEL_KEY", "FUNNEL_TITLE", "funnel"]

FUNNEL_KEY = "funnel"
# The chart leaves the top stage out when it is more than this many times the next stage: drawn to
# scale, it would shrink every other bar to a sliver. The table still shows it, and a note says so.
CHART_TOP_STAGE_RATIO = 20
FUNNEL_TITLE = "The funnel: from first contact to purchase"


def funnel(
    business: Business | None, *, start=None, end=None, handoff: str | None = None, benchmarks: bool = False
) -> Section:
    """The funnel of funnel.csv: count per stage, stage and top-to-bottom rates, and a chart.

    Parameters
    ----------
    business : Business or None
    start, end : str or date, optional
        Funnel rows count when their month overlaps the period; the whole data by default.
    handoff : str, optional
        The first stage sales owns; the chart colours the stages above it as marketing's. A
        stage the funnel does not have is ignored, with a note.
    benchmarks : bool, default False
        When the funnel has a visits stage and a later purchase stage, add a note comparing the
        share of visits that end in a purchase with the e-commerce benchmark.

    Returns
    -------
    Section
        ``tables["Funnel"]`` (stage, count, from previous stage, from the top), one funnel chart,
        and a note per data-quality warning (a stage larger than the one above it). Without
        funnel.csv the section says so. ``data["table"]`` is `funnel.funnel_table`.

    Examples
    --------
    >>> from smk_helpers.core.data import Business
    >>> orders = pd.DataFrame({"order_id": ["1"], "order_date": ["2025-03-01"], "customer_id": [None],
    ...                        "channel": ["web"], "revenue": [40.0]})
    >>> rows = pd.DataFrame({"stage": ["visits", "cart", "purchase"], "count": [1000, 100, 30]})
    >>> section = funnel(Business.from_frames(name="Corner Shop", orders=orders, funnel=rows))
    >>> section.summary
    'The funnel starts with 1,000 at visits and ends with 30 at purchase (3.0% of the top); the biggest drop is from visits to cart, where 10.0% carry on.'
    >>> section.close()
    >>> funnel(Business.from_frames(orders=orders)).summary
    'There is no funnel.csv in this folder, so there is no funnel to show; add one (data/README.md describes it) to see where the funnel narrows.'
    """  # noqa: E501
    blocked = _blocked(FUNNEL_KEY, FUNNEL_TITLE, business, start=start, end=end)
    if blocked:
        return blocked
    if business.funnel is None:
        return _not_shown(
            FUNNEL_KEY,
            FUNNEL_TITLE,
            "There is no funnel.csv in this folder, so there is no funnel to show; "
            "add one (data/README.md describes it) to see where the funnel narrows.",
        )
    rows = business.funnel[kpis.months_in_period(business.funnel["period"], start, end)]
    if rows.empty:
        return _not_shown(
            FUNNEL_KEY,
            FUNNEL_TITLE,
            f"funnel.csv has no rows {_period_text(start, end)}, so there is no funnel to show.",
        )
    table = _funnel.funnel_table(rows)
    stages = table["stage"].tolist()
    notes = [f"Data quality: {warning}" for warning in _funnel.funnel_warnings(table)]
    if handoff is not None and handoff not in stages:
        notes.append(
            f"There is no stage '{handoff}' in this funnel, so the chart does not mark where marketing "
            f"hands over to sales; set handoff to the first stage sales owns (one of: {', '.join(stages)})."
        )
        handoff = None

    shown = pd.DataFrame(
        {
            "count": table["count"].map(fmt_number).to_numpy(),
            "from previous stage": table["rate_from_previous"].map(fmt_pct_small).to_numpy(),
            "from the top": table["rate_from_top"].map(fmt_pct_small).to_numpy(),
        },
        index=pd.Index(stages, name="stage"),
    )

    from ...core import plots

    drawn = table
    if (
        len(table) > 2
        and table["count"].iloc[1] > 0
        and table["count"].iloc[0] > CHART_TOP_STAGE_RATIO * table["count"].iloc[1]
    ):
        drawn = table.iloc[1:].reset_index(drop=True)
        # The chart's top is now the second stage, so "of the top" is measured from it (not from the stage
        # left out, which gave "0.0% of the top" for a chart whose top bar is thousands strong).
        drawn = drawn.assign(rate_from_top=_funnel.top_conversion(drawn["count"]).to_numpy())
        notes.append(
            f"The chart starts at {stages[1]}: {stages[0]} ({fmt_number(table['count'].iloc[0])}) is "
            f"{fmt_number(table['count'].iloc[0] / table['count'].iloc[1])} times larger and would shrink "
            f"every other bar to a sliver. The table above includes it."
        )
    if benchmarks:
        notes += _visit_benchmark(table)
    title = f"{business.name}: funnel" + ("" if drawn is table else f" from {stages[1]}")
    fig = plots.funnel_chart(
        drawn,
        title=title,
        handoff=handoff if handoff in drawn["stage"].tolist() else None,
        above=None if drawn is table else stages[0],
    )
    first, last = table.iloc[0], table.iloc[-1]
    if len(table) == 1:
        summary = f"The funnel has one stage, {first['stage']}, with {fmt_number(first['count'])}."
    else:
        summary = (
            f"The funnel starts with {fmt_number(first['count'])} at {first['stage']} and ends with "
            f"{fmt_number(last['count'])} at {last['stage']} ({fmt_pct_small(last['rate_from_top'])} of the top)"
        )
        steps = table["rate_from_previous"].iloc[1:].dropna()
        if not steps.empty:
            k = steps.idxmin()
            summary += (
                f"; the biggest drop is from {table.loc[k - 1, 'stage']} to {table.loc[k, 'stage']}, "
                f"where {fmt_pct_small(steps[k])} carry on"
            )
        summary += "."
    return Section(
        FUNNEL_TITLE,
        summary,
        tables={"Funnel": shown},
        figures=[fig],
        notes=notes,
        data={"table": table, "warnings": _funnel.funnel_warnings(table)},
        raw_tables={"funnel": table},
        key=FUNNEL_KEY,
    )


def _visit_benchmark(table: pd.DataFrame) -> list[str]:
    """A note on visits → purchase against the benchmark, when the funnel has both stages."""
    from ...core import benchmarks as B

    stages = [str(s).lower() for s in table["stage"]]
    visits = next((i for i, s in enumerate(stages) if "visit" in s), None)
    buys = [
        i for i, s in enumerate(stages) if "purchase" in s and "repeat" not in s and visits is not None and i > visits
    ]
    if visits is None or not buys:
        return []
    counts = table["count"].iloc[[visits, buys[0]]].tolist()
    mark = B.by_key("visit_to_purchase")
    note = (
        f"{fmt_pct_small(_funnel.overall_conversion(counts))} of {table['stage'].iloc[visits]} end in "
        f"{table['stage'].iloc[buys[0]]}; the benchmark is {mark.range_text()} ({mark.source})."
    )
    between = [str(s) for s in table["stage"].iloc[visits + 1 : buys[0]]]
    if between:  # the benchmark's visitors buy on the site itself; these went through other steps first
        note += (
            f" It counts visitors who buy on the site itself; in this funnel {_join(between)} "
            f"{'come' if len(between) > 1 else 'comes'} between, so the two do not compare."
        )
    return [note]
