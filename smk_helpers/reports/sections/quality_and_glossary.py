"""What a reader should know before trusting the numbers (`data_quality`), and every formula the report
uses, quoted from the functions that compute them (`glossary`).
"""

from __future__ import annotations

import pandas as pd

from ...core import catalog, contract, kpis
from ...core import funnel as _funnel
from ...core.contract import UNKNOWN_CHANNEL
from ...core.data import Business
from ...core.formatting import fmt_pct
from .base import NO_DATA, Section, _not_shown
from .wording import _count, _join

__all__ = ["GLOSSARY", "GLOSSARY_KEY", "GLOSSARY_TITLE", "QUALITY_KEY", "QUALITY_TITLE", "data_quality", "glossary"]

QUALITY_KEY = "data_quality"
GLOSSARY_KEY = "glossary"
QUALITY_TITLE = "Data quality: what was missing and what was assumed"


def data_quality(business: Business | None, *, start=None, end=None, assumptions=()) -> Section:
    """What a reader should know before trusting the numbers: missing files and columns, blanks,
    the loader's warnings, and the assumptions the report made.

    Examples
    --------
    >>> from smk_helpers.core.data import Business
    >>> orders = pd.DataFrame({"order_id": ["1", "2"], "order_date": ["2025-03-01", "2025-03-02"],
    ...                        "customer_id": ["C1", None], "channel": ["web", None], "revenue": [40.0, 60.0]})
    >>> for note in data_quality(Business.from_frames(orders=orders)).notes:
    ...     print(note)
    Not in the folder: campaigns.csv, funnel.csv, interactions.csv, targets.csv, touchpoints.csv and survey.csv.
    orders.csv has no gross_profit column, so ROI needs a gross_margin and the gross margin is not shown.
    orders.csv has no campaign_id column, so no order is credited to a campaign.
    1 order (60.0% of revenue) has no customer_id: it counts in revenue but not in customers, repeat purchases or CAC.
    1 order has a blank channel and is shown as '(unknown)'.
    """
    if business is None:
        return _not_shown(QUALITY_KEY, QUALITY_TITLE, NO_DATA)
    notes = []
    absent = [f"{stem}.csv" for stem in contract.OPTIONAL_STEMS if getattr(business, stem) is None]
    if absent:
        notes.append(f"Not in the folder: {_join(absent)}.")
    if not business.has_column("orders", "gross_profit"):
        notes.append(
            "orders.csv has no gross_profit column, so ROI needs a gross_margin and the gross margin is not shown."
        )
    if not business.has_column("orders", "campaign_id"):
        notes.append("orders.csv has no campaign_id column, so no order is credited to a campaign.")
    orders = business.orders[kpis.in_period(business.orders["order_date"], start, end)]
    anonymous = orders["customer_id"].isna()
    if anonymous.any():
        share = kpis.safe_divide(kpis.known_sum(orders.loc[anonymous, "revenue"]), kpis.total_revenue(orders))
        n = int(anonymous.sum())
        notes.append(
            f"{_count(n, 'order')} ({fmt_pct(share)} of revenue) {'has' if n == 1 else 'have'} no customer_id: "
            f"{'it counts' if n == 1 else 'they count'} in revenue but not in customers, repeat purchases or CAC."
        )
    blank = int(orders["channel"].isna().sum() + orders["channel"].eq(UNKNOWN_CHANNEL).sum())
    if blank:
        notes.append(
            f"{_count(blank, 'order')} {'has' if blank == 1 else 'have'} a blank channel and "
            f"{'is' if blank == 1 else 'are'} shown as '(unknown)'."
        )
    if business.campaigns is not None:
        for column in ("impressions", "clicks", "leads"):
            if not business.has_column("campaigns", column):
                notes.append(f"campaigns.csv has no {column} column, so the KPIs built on it are n/a.")
            else:
                missing = int(business.campaigns[column].isna().sum())
                if missing:
                    notes.append(
                        f"{_count(missing, 'campaign')} {'has' if missing == 1 else 'have'} no {column}; "
                        f"the ratios use only the campaigns that know it."
                    )
    if business.interactions is not None:
        untimed = int(business.interactions["minutes"].isna().sum())
        if untimed:
            notes.append(
                f"{_count(untimed, 'conversation')} {'has' if untimed == 1 else 'have'} no minutes, so "
                "staff costs leave them out."
            )
    if business.funnel is not None:
        rows = business.funnel[kpis.months_in_period(business.funnel["period"], start, end)]
        if len(rows):
            notes += [f"Funnel: {w}" for w in _funnel.funnel_warnings(_funnel.funnel_table(rows))]
    notes += [f"Loader: {w}" for w in business.warnings]
    notes += list(assumptions)
    summary = (
        "Nothing was missing and nothing had to be assumed."
        if not notes
        else f"{_count(len(notes), 'point')} to keep in mind when reading the numbers above."
    )
    return Section(QUALITY_TITLE, summary, notes=notes, key=QUALITY_KEY)


GLOSSARY_TITLE = "Glossary: every formula in this report"

# The headline KPIs that a function computes (from the catalogue), then the other formulas the report uses.
GLOSSARY = tuple((k.label, getattr(kpis, k.computed_by)) for k in catalog.KPIS if k.computed_by) + (
    ("Revenue / target", kpis.quota_attainment),
    ("Staff cost", kpis.staff_cost),
    ("Cost per 1,000 impressions (CPM)", kpis.cpm),
    ("Funnel: from previous stage", _funnel.stage_conversion),
    ("Funnel: from the top", _funnel.top_conversion),
    ("Leads followed up", kpis.follow_up_rate),
    ("Cost per contact", kpis.cost_per_contact),
    ("Change against the previous period", kpis.relative_change),
)


def glossary() -> Section:
    """Every formula the report uses, quoted from the docstring of the function that computes it.

    Examples
    --------
    >>> table = glossary().table
    >>> table.loc["Customer acquisition cost (CAC)", "formula"]
    'marketing spend / new customers'
    >>> table.loc["ROAS", "computed by"]
    'kpis.roas'
    """
    rows = [
        (
            term,
            kpis.formula(func),
            f"{'funnel' if func.__module__.endswith('funnel') else 'kpis'}.{func.__name__}",
        )
        for term, func in GLOSSARY
    ]
    table = pd.DataFrame(rows, columns=["term", "formula", "computed by"]).set_index("term")
    return Section(
        GLOSSARY_TITLE,
        "Each number above is worked out as below; a ratio is always a ratio of sums, and "
        "a zero or unknown denominator gives n/a.",
        tables={"Formulas": table},
        notes=["The functions are in the smk_helpers package, each with its formula in its docstring."],
        key=GLOSSARY_KEY,
    )
