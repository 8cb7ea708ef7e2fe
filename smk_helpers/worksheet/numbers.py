"""The worksheet's live numbers (section 4): its KPIs and its funnel, all through `smk_helpers.core.kpis`
and `smk_helpers.core.funnel` (no formula is written here; each row quotes the library's words for it)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ..core import benchmarks, catalog, funnel, kpis
from ..core.formatting import MISSING, fmt_money, fmt_pct, fmt_ratio, is_missing
from .fields import FIELDS, FIELDS_BY_ID, NUMBER_KINDS, _is_blank, validate_field

# ---------------------------------------------------------------------------------------------
# Live numbers (all formulas from kpis / funnel)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KpiRow:
    """One live number: its label, its value as text ("n/a" when unknown), why it is n/a, how it is worked out,
    and what to compare it with (a benchmark range and its source, or your break-even) with a verdict."""

    label: str
    value: str
    reason: str | None = None
    formula: str = ""
    compare: str = ""
    verdict: str = ""


def _numbers(answers: dict) -> dict[str, tuple[float, str | None]]:
    """Every number field as (value or NaN, why it is unknown)."""
    out = {}
    for f in FIELDS:
        if f.kind not in NUMBER_KINDS:
            continue
        raw = answers.get(f.id)
        value, message = validate_field(f.id, raw)
        if message:
            out[f.id] = (math.nan, f"{f.name.lower()} is not a valid number")
        elif value is None:
            out[f.id] = (math.nan, f"no {f.name.lower()} entered")
        else:
            out[f.id] = (float(value), None)
    return out


def _reason(numbers, numerator_ids, denominator_id) -> str | None:
    """Why a ratio is n/a: its denominator first (blank, invalid or 0), then its numerator."""
    value, why = numbers[denominator_id]
    if why:
        return why
    if value == 0:
        return f"{FIELDS_BY_ID[denominator_id].name.lower()} is 0"
    for field_id in numerator_ids:
        if numbers[field_id][1]:
            return numbers[field_id][1]
    return None


def _too_large(numbers, part_id, whole_id) -> str | None:
    """Why a share is n/a: its part is larger than its whole (a typing slip)."""
    (part, _), (whole, _) = numbers[part_id], numbers[whole_id]
    if part > whole:
        return f"{FIELDS_BY_ID[part_id].name} ({part:,g}) is more than {FIELDS_BY_ID[whole_id].name} ({whole:,g})"
    return None


def _currency(answers: dict) -> str:
    value, _ = validate_field("currency", answers.get("currency"))
    return value or "$"


STAGES = (
    ("impressions", "impressions"),
    ("visits", "website visits"),
    ("leads", "leads"),
    ("lead_buyers", "leads who bought"),
)
HANDOFF = "leads"  # the first stage of the worksheet's funnel that sales owns: it follows leads up
ONE_TO_ONE_LABEL = "Cost per contact, one-to-one (staff cost / conversations)"
_PER = {"impressions": "impression", "visits": "website visit", "leads": "lead"}


def _benchmark(key: str, value, currency: str) -> tuple[str, str]:
    """What a live number compares with: the range and its source, and a verdict when the units match."""
    mark = benchmarks.by_key(key)
    if mark is None:  # pragma: no cover - the keys below are in BENCHMARKS
        return "", ""
    text = f"{mark.range_text()}: {mark.source}"
    same_units = mark.unit != "money" or currency == "$"
    words = {"below": "yours is below", "within": "yours is within", "above": "yours is above"}
    verdict = words.get(benchmarks.verdict(value, mark), "") if same_units else ""
    if mark.low == mark.high and verdict == "yours is within":
        verdict = "yours is close"
    return text, verdict


def worksheet_kpis(answers: dict) -> list[KpiRow]:
    """The live numbers of section 4, each computed through `smk_helpers.core.kpis` / `smk_helpers.core.funnel`.

    Rows, in order:

    * the online chain: conversion per stage (impressions → website visits → leads → leads who bought)
      and overall;
    * orders and money: average order value, marketing spend / revenue, cost per lead, CAC (blended: all
      new customers, lead or walk-in), ROAS, break-even ROAS and marketing ROI (on the gross profit of the
      orders marketing brought: their revenue × the gross margin);
    * one-to-many against one-to-one: cost per contact (spend / impressions; staff cost of the selling
      hours / conversations) and cost per order (spend / orders marketing brought; staff cost / conversations
      won), and the win rate of the conversations;
    * the repeat purchase rate of the last 12 months.

    A blank hourly cost uses `kpis.STAFF_HOURLY_COST`. A blank, invalid or zero denominator gives "n/a" and
    the reason, and so does a part larger than its whole. Each row says how it is worked out (``formula``,
    quoting the KPI library) and, where a benchmark applies (`smk_helpers.core.benchmarks`), its range and
    source beside a verdict (``compare``, ``verdict``); ROAS compares with your own break-even.

    Parameters
    ----------
    answers : dict of raw answers

    Returns
    -------
    list of KpiRow

    Examples
    --------
    >>> from smk_helpers.worksheet.fields import blank
    >>> rows = worksheet_kpis({**blank(), "impressions": "1000", "visits": "0", "leads": "5"})
    >>> for row in rows[:3]:
    ...     print(row.label, "|", row.value, "|", row.reason, "|", row.formula)
    Website visits per impression | 0.0% | None | website visits / impressions
    Leads per website visit | n/a | website visits is 0 | leads / website visits
    Leads who bought, per lead | n/a | no leads who bought entered | leads who bought / leads
    """
    n = _numbers(answers)
    money = _currency(answers)
    as_money = lambda x: fmt_money(x, currency=money)  # noqa: E731
    as_ratio = lambda x: fmt_ratio(x, digits=2)  # noqa: E731
    rows = []

    # the online chain
    counts = [n[key][0] for key, _ in STAGES]
    rates = funnel.stage_conversion(counts)
    for k in range(1, len(STAGES)):
        (below, below_name), (above, _) = STAGES[k], STAGES[k - 1]
        label = f"{below_name.capitalize()}{',' if below == 'lead_buyers' else ''} per {_PER[above]}"
        rows.append(
            _row(label, rates.iloc[k], fmt_pct, _reason(n, [below], above), f"{_words(below)} / {_words(above)}")
        )
    rows.append(
        _row(
            "Leads who bought per impression (overall)",
            funnel.overall_conversion(counts),
            fmt_pct,
            _reason(n, ["lead_buyers"], "impressions"),
            "leads who bought / impressions",
        )
    )

    # orders and money
    aov = kpis.average_order_value(n["revenue"][0], n["orders"][0])
    rows.append(
        _row(
            catalog.by_key("average_order_value").label,
            aov,
            as_money,
            _reason(n, ["revenue"], "orders"),
            kpis.formula_of("average_order_value"),
            *_benchmark("average_order_value", aov, money),
        )
    )
    share = kpis.spend_share(n["marketing_spend"][0], n["revenue"][0])
    rows.append(
        _row(
            catalog.by_key("marketing_share").label,
            share,
            fmt_pct,
            _reason(n, ["marketing_spend"], "revenue"),
            kpis.formula_of("marketing_share"),
            *_benchmark("marketing_share", share, money),
        )
    )
    rows.append(
        _row(
            catalog.by_key("cost_per_lead").label,
            kpis.cost_per_lead(n["marketing_spend"][0], n["leads"][0]),
            as_money,
            _reason(n, ["marketing_spend"], "leads"),
            kpis.formula_of("cost_per_lead"),
        )
    )
    rows.append(
        _row(
            catalog.by_key("cac").label,
            kpis.cac(n["marketing_spend"][0], n["customers"][0]),
            as_money,
            _reason(n, ["marketing_spend"], "customers"),
            f"{kpis.formula_of('cac')} (all of them, lead or walk-in: a blended CAC)",
        )
    )
    roas = kpis.roas(n["attributed_revenue"][0], n["marketing_spend"][0])
    break_even = kpis.break_even_roas(n["gross_margin"][0])
    rows.append(
        _row(
            catalog.by_key("roas").label,
            roas,
            as_ratio,
            _reason(n, ["attributed_revenue"], "marketing_spend"),
            f"{kpis.formula_of('roas')}: revenue your marketing brought / marketing spend",
            *_against_break_even(roas, break_even),
        )
    )
    rows.append(
        _row(
            catalog.by_key("break_even_roas").label,
            break_even,
            as_ratio,
            _reason(n, [], "gross_margin"),
            kpis.formula_of("break_even_roas"),
        )
    )
    profit = n["attributed_revenue"][0] * n["gross_margin"][0]
    rows.append(
        _row(
            catalog.by_key("marketing_roi").label,
            kpis.marketing_roi(profit, n["marketing_spend"][0]),
            fmt_pct,
            _reason(n, ["attributed_revenue", "gross_margin"], "marketing_spend"),
            f"{kpis.formula_of('marketing_roi')}, with attributed gross profit = revenue your marketing brought × "
            "gross margin (before wages and rent)",
        )
    )

    # one-to-many against one-to-one
    rows.append(
        _row(
            "Cost per contact, one-to-many (spend / impressions)",
            kpis.cost_per_contact(n["marketing_spend"][0], n["impressions"][0]),
            as_money,
            _reason(n, ["marketing_spend"], "impressions"),
            f"{kpis.formula(kpis.cost_per_contact)}: marketing spend / impressions",
        )
    )
    staff_cost, hourly_label, hourly_problem = _staff_cost(answers, n, money)
    how = f"staff cost ({kpis.formula(kpis.staff_cost)}, from the selling hours)"
    rows.append(
        _row(
            ONE_TO_ONE_LABEL + hourly_label,
            kpis.cost_per_contact(staff_cost, n["conversations"][0]),
            as_money,
            hourly_problem or _reason(n, ["selling_hours"], "conversations"),
            f"{kpis.formula(kpis.cost_per_contact)}: {how} / one-to-one conversations",
        )
    )
    rows.append(
        _row(
            "Cost per order, one-to-many (spend / orders your marketing brought)",
            kpis.cost_per_order(n["marketing_spend"][0], n["attributed_orders"][0]),
            as_money,
            _reason(n, ["marketing_spend"], "attributed_orders"),
            f"{kpis.formula(kpis.cost_per_order)}: marketing spend / orders your marketing brought",
        )
    )
    rows.append(
        _row(
            "Cost per order, one-to-one (staff cost / conversations won)" + hourly_label,
            kpis.cost_per_order(staff_cost, n["conversations_won"][0]),
            as_money,
            hourly_problem or _reason(n, ["selling_hours"], "conversations_won"),
            f"{kpis.formula(kpis.cost_per_order)}: {how} / conversations won",
        )
    )
    won, talks = n["conversations_won"][0], n["conversations"][0]
    rows.append(
        _row(
            "Win rate of the conversations",
            kpis.win_rate(won, talks - won),
            fmt_pct,
            _reason(n, ["conversations_won"], "conversations") or _too_large(n, "conversations_won", "conversations"),
            f"{kpis.formula(kpis.win_rate)}, with lost = one-to-one conversations − conversations won",
        )
    )

    # customers who come back
    repeat = kpis.repeat_rate(n["repeat_customers"][0], n["customers_12m"][0])
    rows.append(
        _row(
            catalog.by_key("repeat_purchase_rate").label + " (12 months)",
            repeat,
            fmt_pct,
            _reason(n, ["repeat_customers"], "customers_12m") or _too_large(n, "repeat_customers", "customers_12m"),
            kpis.formula_of("repeat_purchase_rate"),
            *_benchmark("repeat_purchase_rate", repeat, money),
        )
    )
    return rows


def _words(field_id: str) -> str:
    return FIELDS_BY_ID[field_id].name.lower()


def _against_break_even(roas: float, break_even: float) -> tuple[str, str]:
    if is_missing(break_even):
        return "your break-even ROAS (it needs your gross margin)", ""
    text = f"your break-even ROAS, {fmt_ratio(break_even, digits=2)}"
    if is_missing(roas):
        return text, ""
    return text, "above break-even" if roas > break_even else "below break-even" if roas < break_even else "at it"


def _staff_cost(answers: dict, n: dict, money: str) -> tuple[float, str, str | None]:
    """The staff cost of the selling hours, the label's note on a default hourly cost, and why it is unknown."""
    hourly, why_hourly = n["hourly_cost"]
    if why_hourly and not _is_blank(answers.get("hourly_cost")):
        return math.nan, "", why_hourly
    note = ""
    if why_hourly:
        hourly = kpis.STAFF_HOURLY_COST
        note = f", at the default {fmt_money(hourly, currency=money)} an hour"
    return kpis.staff_cost(n["selling_hours"][0] * 60, hourly), note, None


def _row(label, value, fmt, reason, formula, compare="", verdict="") -> KpiRow:
    text = fmt(value)
    if text != MISSING and reason is None:
        return KpiRow(label, text, None, formula, compare, verdict)
    if text != MISSING:  # a share whose part is larger than its whole: computed, but meaningless
        return KpiRow(label, MISSING, reason, formula, compare, "")
    return KpiRow(label, MISSING, reason or "the result is unknown", formula, compare, "")


def worksheet_funnel_table(answers: dict) -> pd.DataFrame:
    """The online chain of section 4 as a `funnel.funnel_table` (for `plots.funnel_chart`).

    Blank or invalid counts are NaN, and the rates that depend on them too.

    Examples
    --------
    >>> from smk_helpers.worksheet.fields import blank
    >>> worksheet_funnel_table({**blank(), "impressions": "1,000", "visits": "100", "leads": "20",
    ...                         "lead_buyers": "5"})
                  stage   count  rate_from_previous  rate_from_top
    0       impressions  1000.0                 NaN          1.000
    1    website visits   100.0                0.10          0.100
    2             leads    20.0                0.20          0.020
    3  leads who bought     5.0                0.25          0.005
    """
    n = _numbers(answers)
    rows = pd.DataFrame({"stage": [name for _, name in STAGES], "count": [n[key][0] for key, _ in STAGES]})
    return funnel.funnel_table(rows)


def funnel_figure(answers: dict):
    """The funnel of section 4 as a house-style chart, or None until two of its counts are numbers.

    Marketing's colour up to website visits, sales' from leads (who follow the leads up). The chart
    describes itself (`smk_helpers.core.plots.describe`).

    Examples
    --------
    >>> from smk_helpers.worksheet.fields import blank, bookhub_example
    >>> funnel_figure(blank()) is None
    True
    >>> from smk_helpers.core.plots import describe
    >>> fig = funnel_figure(bookhub_example())
    >>> print(describe(fig))  # doctest: +ELLIPSIS
    Funnel chart of your funnel for the month: 46,731 impressions at the top narrow to 26 leads who bought at the
    bottom (0.1% of the top); ...
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    table = worksheet_funnel_table(answers)
    if table["count"].notna().sum() < 2:
        return None
    from ..core.plots import funnel_chart

    return funnel_chart(table, title=FUNNEL_TITLE, handoff=HANDOFF, xlabel=FUNNEL_XLABEL)


def funnel_drawing(answers: dict) -> str | None:
    """The chart of `funnel_figure` as an HTML figure in SVG (fast enough to redraw at every keystroke), or None.

    Examples
    --------
    >>> from smk_helpers.worksheet.fields import blank, bookhub_example
    >>> funnel_drawing(blank()) is None
    True
    >>> "Funnel chart of your funnel for the month: 46,731 impressions" in funnel_drawing(bookhub_example())
    True
    """
    table = worksheet_funnel_table(answers)
    if table["count"].notna().sum() < 2:
        return None
    from ..core.plots import funnel_svg

    return funnel_svg(table, title=FUNNEL_TITLE, handoff=HANDOFF, xlabel=FUNNEL_XLABEL)


FUNNEL_TITLE = "Your funnel for the month"
FUNNEL_XLABEL = "Number at each stage this month"


def funnel_notes(answers: dict) -> list[str]:
    """Data-quality warnings of section 4's funnel: a stage larger than the one above it.

    Examples
    --------
    >>> from smk_helpers.worksheet.fields import blank
    >>> funnel_notes({**blank(), "impressions": "100", "visits": "200"})
    ["Stage 'website visits' (200) is larger than the stage above it, 'impressions' (100): a rate of 200.0%. Check the counts and the stage order."]
    """  # noqa: E501
    return funnel.funnel_warnings(worksheet_funnel_table(answers))


FUNNEL_WAITING = (
    "The funnel appears here once at least two of impressions, website visits, leads and leads who bought are numbers."
)
