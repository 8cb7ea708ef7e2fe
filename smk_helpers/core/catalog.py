"""The catalogue of headline KPIs: one home for each KPI's label, side, unit, formula and benchmark.

`smk summary`, the report's KPI table and glossary, the worksheet's live numbers and the rounding of
``metrics.json`` all read a KPI from here, so they cannot disagree. The formula itself is not
written here: it is the ``Formula:`` line of the docstring of the function that computes the KPI
(``computed_by``; `kpis.formula_of` quotes it). Only a plain total, which no function divides,
gives its formula in ``counts``.

A KPI's key is its key in `kpis.summary` and ``metrics.json``; its benchmark, if any, is the entry
of `benchmarks.BENCHMARKS` with the same key.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Kpi", "KPIS", "MARKETING", "SALES", "UNITS", "by_key", "keys", "keys_in_unit"]

MARKETING, SALES = "marketing", "sales"
# How a value is shown: money; a whole count; a rate in percent (pct2: two decimals); a ratio such as 4.2x;
# a number of days; points on a scale (the NPS runs from -100 to 100).
UNITS = ("money", "count", "pct", "pct2", "ratio", "days", "points")


@dataclass(frozen=True)
class Kpi:
    """One headline KPI.

    Parameters
    ----------
    key : str
        Its key in `kpis.summary` and ``metrics.json``.
    label : str
        How every front-end names it.
    side : str
        ``"marketing"`` or ``"sales"``: whose number it is.
    unit : str
        One of `UNITS`.
    computed_by : str
        The function of `smk_helpers.core.kpis` whose ``Formula:`` line is the formula ("" for a total).
    counts : str
        For a total that no function computes: its formula, e.g. "Σ campaign clicks".
    higher_is_better : bool or None
        Whether a rise is good news; None when it depends (spend, for one).
    """

    key: str
    label: str
    side: str
    unit: str
    computed_by: str = ""
    counts: str = ""
    higher_is_better: bool | None = True

    def __post_init__(self):
        if self.side not in (MARKETING, SALES) or self.unit not in UNITS:
            raise ValueError(f"{self.key}: side {self.side!r} or unit {self.unit!r} is not known.")
        if bool(self.computed_by) == bool(self.counts):
            raise ValueError(f"{self.key}: give either the function that computes it or what it counts.")


KPIS: tuple[Kpi, ...] = (
    Kpi(
        "marketing_spend",
        "Marketing spend",
        MARKETING,
        "money",
        counts="Σ campaign spend, pro-rated to the period",
        higher_is_better=None,
    ),
    Kpi("marketing_share", "Marketing spend / revenue", MARKETING, "pct", "spend_share", higher_is_better=None),
    Kpi("impressions", "Impressions", MARKETING, "count", counts="Σ campaign impressions (times shown)"),
    Kpi("clicks", "Clicks", MARKETING, "count", counts="Σ campaign clicks"),
    Kpi("ctr", "Click-through rate", MARKETING, "pct2", "ctr"),
    Kpi("leads", "Leads", MARKETING, "count", counts="Σ campaign leads (sign-ups and enquiries)"),
    Kpi("cost_per_lead", "Cost per lead", MARKETING, "money", "cost_per_lead", higher_is_better=False),
    Kpi("cac", "Customer acquisition cost (CAC)", MARKETING, "money", "cac", higher_is_better=False),
    Kpi("attributed_revenue", "Attributed revenue", MARKETING, "money", "attributed_revenue"),
    Kpi("roas", "ROAS", MARKETING, "ratio", "roas"),
    Kpi("break_even_roas", "Break-even ROAS", MARKETING, "ratio", "break_even_roas", higher_is_better=None),
    Kpi("marketing_roi", "Marketing ROI", MARKETING, "pct", "marketing_roi"),
    Kpi("nps", "Net Promoter Score (NPS)", MARKETING, "points", "nps"),
    Kpi("revenue", "Revenue", SALES, "money", "total_revenue"),
    Kpi("orders", "Orders", SALES, "count", "order_count"),
    Kpi("average_order_value", "Average order value", SALES, "money", "average_order_value"),
    Kpi("gross_margin", "Gross margin", SALES, "pct", "gross_margin_rate"),
    Kpi("customers", "Customers (identified)", SALES, "count", "customer_count"),
    Kpi("new_customers", "New customers", SALES, "count", "new_customer_count"),
    Kpi("repeat_purchase_rate", "Repeat purchase rate", SALES, "pct", "repeat_purchase_rate"),
    Kpi("win_rate", "Win rate (all sales conversations)", SALES, "pct", "win_rate"),
    Kpi("deal_win_rate", "Win rate of deals", SALES, "pct", "win_rate"),
    Kpi("open_deals", "Open deals", SALES, "count", counts="count of the deals still open", higher_is_better=None),
    Kpi("open_pipeline_value", "Open pipeline value", SALES, "money", "open_pipeline_value"),
    Kpi("weighted_forecast", "Weighted forecast", SALES, "money", "weighted_forecast"),
    Kpi("days_to_close", "Average days to close", SALES, "days", "days_to_close", higher_is_better=False),
)

_BY_KEY = {kpi.key: kpi for kpi in KPIS}


def by_key(key: str) -> Kpi:
    """The KPI of a summary key.

    Examples
    --------
    >>> by_key("cac").label
    'Customer acquisition cost (CAC)'
    >>> by_key("cac").higher_is_better
    False
    """
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"{key!r} is not a KPI of the catalogue; the keys are {', '.join(_BY_KEY)}.") from None


def keys() -> frozenset[str]:
    """The keys of every KPI of the catalogue."""
    return frozenset(_BY_KEY)


def keys_in_unit(*units: str) -> frozenset[str]:
    """The keys of the KPIs shown in any of ``units``.

    Examples
    --------
    >>> sorted(keys_in_unit("count"))
    ['clicks', 'customers', 'impressions', 'leads', 'new_customers', 'open_deals', 'orders']
    """
    return frozenset(kpi.key for kpi in KPIS if kpi.unit in units)
