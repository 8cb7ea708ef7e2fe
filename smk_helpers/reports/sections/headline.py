"""The headline KPIs: marketing's and sales' numbers in one table, optionally against the previous period
and the benchmarks (`kpi_table`).
"""

from __future__ import annotations

import pandas as pd

from ...core import catalog, kpis
from ...core.data import Business
from ...core.formatting import fmt_days, fmt_money, fmt_number, fmt_pct, fmt_ratio, is_missing
from .base import Section, _blocked
from .periods import _period_text, previous_period
from .wording import _count

__all__ = ["KPI_KEY", "KPI_ROWS", "KPI_TITLE", "kpi_table"]

KPI_KEY = "headline_kpis"
KPI_TITLE = "Headline KPIs: marketing and sales"


# (label, side, summary key, unit, how it is worked out), from the KPI catalogue; the unit picks the format
# and how a change is shown
KPI_ROWS = tuple((k.label, k.side, k.key, k.unit, kpis.formula_of(k)) for k in catalog.KPIS)
# KPIs of the contract's newer data, left out of the table (with a note) where a folder has none of it
PIPELINE_ROWS = frozenset({"deal_win_rate", "open_deals", "open_pipeline_value", "weighted_forecast", "days_to_close"})


def _kpi_value(kind, x, currency):
    if kind == "money":
        return fmt_money(x, currency=currency)
    if kind in ("count", "points"):
        return fmt_number(x)
    if kind == "days":
        return fmt_days(x)
    if kind == "ratio":
        return fmt_ratio(x, digits=2)
    return fmt_pct(x, digits=2 if kind == "pct2" else 1)


def _kpi_change(kind, now, before):
    """A change as readers expect it: percent for amounts and counts, points for rates, 'x' for ratios."""
    if is_missing(now) or is_missing(before):
        return fmt_pct(None)
    if kind in ("money", "count"):
        change, digits, unit = kpis.relative_change(now, before), 1, "%"
        if is_missing(change):
            return fmt_pct(None)
        change *= 100
    elif kind == "ratio":
        change, digits, unit = now - before, 2, "x"
    elif kind in ("days", "points"):
        change, digits, unit = now - before, 0, " days" if kind == "days" else " points"
    else:
        change, digits, unit = (now - before) * 100, 2 if kind == "pct2" else 1, " pp"
    change = round(change, digits)
    if change == 0:
        return "0" + unit
    return f"{change:+.{digits}f}{unit}".replace("-", "−")


def kpi_table(
    business: Business | None,
    *,
    start=None,
    end=None,
    gross_margin=None,
    currency="$",
    compare: bool = False,
    benchmarks: bool = False,
) -> Section:
    """The headline KPIs of a business, marketing's and sales', in one table (from `kpis.summary`).

    Parameters
    ----------
    business : Business or None
        None (a folder that could not be loaded) gives a section saying there is no data.
    start, end : str or date, optional
        First and last day of the period, both included; the whole data by default.
    gross_margin : float, optional
        A fraction (0.45 for 45%). Used for marketing ROI when orders.csv has no gross_profit,
        and for the break-even ROAS row.
    currency : str, default "$"
    compare : bool, default False
        Add the previous period of the same length (`previous_period`) and the change, where
        the orders reach back that far.
    benchmarks : bool, default False
        Add the typical range of each KPI that has one (`smk_helpers.core.benchmarks`), with its source.

    Returns
    -------
    Section
        ``tables["KPIs"]`` is indexed by KPI, with columns side (marketing / sales), value
        (formatted) and "how it is worked out"; ``data`` is the `kpis.summary` dict, and
        ``data["previous"]`` the previous period's (or None).

    Examples
    --------
    >>> from smk_helpers.core.data import Business
    >>> orders = pd.DataFrame({"order_id": ["1", "2", "3"], "order_date": ["2025-03-01", "2025-03-20", "2025-04-02"],
    ...                        "customer_id": ["C1", "C1", "C2"], "channel": ["in-store", "web", "in-store"],
    ...                        "revenue": [40.0, 20.0, 30.0]})
    >>> section = kpi_table(Business.from_frames(name="Corner Shop", orders=orders))
    >>> section.summary
    'Corner Shop took $90.00 in 3 orders over all dates in the data.'
    >>> section.table.loc["Average order value", "value"]
    '$30.00'
    >>> from smk_helpers.reports.sections.base import NO_DATA
    >>> kpi_table(None).summary == NO_DATA
    True
    >>> april = kpi_table(Business.from_frames(orders=orders), start="2025-04-01", end="2025-04-30", compare=True)
    >>> april.table.loc["Revenue", ["value", "previous period", "change"]].tolist()
    ['$30.00', '$60.00', '−50.0%']
    """
    from ...core import benchmarks as B

    blocked = _blocked(KPI_KEY, KPI_TITLE, business, currency=currency, gross_margin=gross_margin, start=start, end=end)
    if blocked:
        return blocked
    s = kpis.summary(business, start=start, end=end, gross_margin=gross_margin)

    def with_break_even(summary: dict) -> dict:  # from the margin given, else the one the orders earned
        margin = gross_margin if gross_margin is not None else summary["gross_margin"]
        return {**summary, "break_even_roas": None if is_missing(margin) else kpis.break_even_roas(margin)}

    values = with_break_even(s)
    before = None
    if compare:
        dates = business.orders["order_date"].dropna()
        window = previous_period(start, end, covered_from=dates.min() if len(dates) else None)
        if window is not None:
            before = with_break_even(kpis.summary(business, start=window[0], end=window[1], gross_margin=gross_margin))

    rows = []
    for label, side, key, kind, how in KPI_ROWS:
        if key == "break_even_roas" and (is_missing(values[key]) or business.campaigns is None):
            continue
        if key == "gross_margin" and is_missing(values[key]):
            continue
        if (key in PIPELINE_ROWS and values["open_deals"] is None) or (key == "nps" and business.survey is None):
            continue
        row = {"KPI": label, "side": side, "value": _kpi_value(kind, values[key], currency)}
        if before is not None:
            row["previous period"] = _kpi_value(kind, before[key], currency)
            row["change"] = _kpi_change(kind, values[key], before[key])
        if benchmarks:
            mark = B.by_key(key)
            row["benchmark"] = f"{mark.range_text(currency)} ({mark.source})" if mark else ""
        row["how it is worked out"] = how
        rows.append(row)
    table = pd.DataFrame(rows).set_index("KPI")

    basis = {"gross_profit": "the orders' gross profit", "gross_margin": f"a gross margin of {fmt_pct(gross_margin)}"}
    notes = []
    if s["marketing_roi_basis"] and s["marketing_roi"] is not None:
        notes.append(f"Marketing ROI is worked out from {basis[s['marketing_roi_basis']]}.")
        if s["marketing_roi_basis"] == "gross_profit":  # the credited orders' own margin, not the whole shop's
            own = kpis.safe_divide(kpis.attributed_gross_profit(business.orders, start, end), s["attributed_revenue"])
            notes.append(
                f"The orders credited to campaigns keep {fmt_pct(own)} of their revenue as gross profit, so the "
                f"campaigns pay for themselves above a ROAS of {fmt_ratio(kpis.break_even_roas(own), 2)}; the "
                "break-even ROAS row uses the whole shop's margin."
            )
    elif business.campaigns is not None and s["attributed_revenue"] is not None:
        notes.append(
            "Marketing ROI is n/a: orders.csv has no gross_profit column; set gross_margin (e.g. 0.45) to estimate it."
        )
    if business.campaigns is None:
        notes.append("There is no campaigns.csv, so the marketing KPIs are n/a.")
    elif s["attributed_revenue"] is None:
        notes.append(
            "No order names a campaign (orders.csv, column campaign_id), so attributed revenue, ROAS and ROI are n/a."
        )
    if business.interactions is None:
        notes.append("There is no interactions.csv, so the win rate is n/a.")
    if s["open_deals"] is None:
        notes.append(
            "No interaction of the period is a deal (a row with a deal_value), so the sales pipeline's KPIs "
            "are left out."
        )
    if business.survey is None:
        notes.append("There is no survey.csv, so there is no Net Promoter Score.")
    if start is None and end is None:
        notes.append(
            "Over the whole data every customer is new, so CAC is spend / all identified customers; "
            "pass start and end to see one period."
        )
    if compare:
        if before is None:
            notes.append(
                "There is no comparison with a previous period: the orders do not reach back a whole "
                "period before this one."
            )
        else:
            notes.append(
                f"The previous period is {_period_text(*window)[5:]}, of the same length. Changes of "
                "amounts and counts are in percent; changes of rates in percentage points (pp)."
            )
    if benchmarks:
        notes.append(
            "Benchmarks are typical figures for US independent bookstores and small retailers; for "
            "another kind of business read them as a rough guide only."
        )

    summary = (
        f"{business.name} took {fmt_money(s['revenue'], currency=currency)} in {_count(s['orders'], 'order')} "
        f"{_period_text(start, end)}"
    )
    if before is not None and not is_missing(kpis.relative_change(s["revenue"], before["revenue"])):
        change = kpis.relative_change(s["revenue"], before["revenue"])
        summary += f" ({fmt_pct(abs(change))} {'more' if change >= 0 else 'less'} than the period before)"
    if not is_missing(s["marketing_spend"]):
        summary += f", and its marketing spent {fmt_money(s['marketing_spend'], currency=currency)}"
        if not is_missing(s["roas"]):
            summary += f" for a ROAS of {fmt_ratio(s['roas'], digits=2)}"
    raw = pd.DataFrame(
        [
            {"kpi": label, "key": key, "value": values[key], "previous": None if before is None else before[key]}
            for label, _, key, _, _ in KPI_ROWS
            if label in table.index
        ]
    )
    return Section(
        KPI_TITLE,
        summary + ".",
        tables={"KPIs": table},
        notes=notes,
        data={**s, "previous": before, "previous_period": None if before is None else window},
        raw_tables={"headline_kpis": raw},
        key=KPI_KEY,
    )
