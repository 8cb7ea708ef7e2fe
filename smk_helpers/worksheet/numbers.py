"""The worksheet's live numbers (section 4): its KPIs and its funnel, all through `smk_helpers.core.kpis`
and `smk_helpers.core.funnel` (no formula is written here)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ..core import catalog, funnel, kpis
from ..core.formatting import MISSING, fmt_money, fmt_pct
from .fields import FIELDS, FIELDS_BY_ID, NUMBER_KINDS, _is_blank, validate_field

# ---------------------------------------------------------------------------------------------
# Live numbers (all formulas from kpis / funnel)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KpiRow:
    """One live number: its label, its value as text ("n/a" when unknown), why it is n/a, and how it is worked out."""

    label: str
    value: str
    reason: str | None = None
    formula: str = ""


def _numbers(answers: dict) -> dict[str, tuple[float, str | None]]:
    """Every number field as (value or NaN, why it is unknown)."""
    out = {}
    for f in FIELDS:
        if f.kind not in NUMBER_KINDS:
            continue
        raw = answers.get(f.id)
        value, message = validate_field(f.id, raw)
        if message:
            out[f.id] = (math.nan, f"{f.label.lower()} is not a valid number")
        elif value is None:
            out[f.id] = (math.nan, f"no {f.label.lower()} entered")
        else:
            out[f.id] = (float(value), None)
    return out


def _reason(numbers, numerator_ids, denominator_id) -> str | None:
    """Why a ratio is n/a: its denominator first (blank, invalid or 0), then its numerator."""
    value, why = numbers[denominator_id]
    if why:
        return why
    if value == 0:
        return f"{FIELDS_BY_ID[denominator_id].label.lower()} is 0"
    for field_id in numerator_ids:
        if numbers[field_id][1]:
            return numbers[field_id][1]
    return None


def _currency(answers: dict) -> str:
    value, _ = validate_field("currency", answers.get("currency"))
    return value or "$"


STAGES = (("reach", "reached"), ("visits", "visits"), ("leads", "leads"), ("customers", "new customers"))
HANDOFF = "leads"  # the first stage of the worksheet's funnel that sales owns: it follows leads up
ONE_TO_ONE_LABEL = "Cost per contact, one-to-one (staff cost / conversations)"


def _stage_words(field_id: str) -> str:
    return "people reached" if field_id == "reach" else FIELDS_BY_ID[field_id].label.lower()


def worksheet_kpis(answers: dict) -> list[KpiRow]:
    """The live numbers of section 4, each computed through `smk_helpers.core.kpis` / `smk_helpers.core.funnel`.

    Rows: conversion per stage (reach → visits → leads → new customers) and overall, average
    order value, cost per lead, CAC, and cost per contact one-to-many (spend / reach) against
    one-to-one (staff cost of the selling hours / conversations; a blank hourly cost uses
    `kpis.STAFF_HOURLY_COST`). A blank, invalid or zero denominator gives "n/a" and the reason.
    Each row also says in words how it is worked out (``formula``), quoting the KPI library.

    Parameters
    ----------
    answers : dict of raw answers

    Returns
    -------
    list of KpiRow

    Examples
    --------
    >>> from smk_helpers.worksheet.fields import blank
    >>> rows = worksheet_kpis({**blank(), "reach": "1000", "visits": "0", "leads": "5"})
    >>> for row in rows[:3]:
    ...     print(row.label, "|", row.value, "|", row.reason, "|", row.formula)
    Visits per person reached | 0.0% | None | visits / people reached
    Leads per visit | n/a | visits is 0 | leads / visits
    New customers per lead | n/a | no new customers entered | new customers / leads
    """
    n = _numbers(answers)
    money = _currency(answers)
    rows = []
    counts = [n[key][0] for key, _ in STAGES]
    rates = funnel.stage_conversion(counts)
    for k in range(1, len(STAGES)):
        (below, below_name), (above, above_name) = STAGES[k], STAGES[k - 1]
        label = f"{below_name.capitalize()} per {'person reached' if above == 'reach' else above_name[:-1]}"
        rows.append(
            _row(
                label,
                rates.iloc[k],
                fmt_pct,
                _reason(n, [below], above),
                f"{_stage_words(below)} / {_stage_words(above)}",
            )
        )
    rows.append(
        _row(
            "New customers per person reached (overall)",
            funnel.overall_conversion(counts),
            fmt_pct,
            _reason(n, ["customers"], "reach"),
            "new customers / people reached",
        )
    )
    as_money = lambda x: fmt_money(x, currency=money)  # noqa: E731
    rows.append(
        _row(
            catalog.by_key("average_order_value").label,
            kpis.average_order_value(n["revenue"][0], n["orders"][0]),
            as_money,
            _reason(n, ["revenue"], "orders"),
            kpis.formula_of("average_order_value"),
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
            kpis.formula_of("cac"),
        )
    )
    rows.append(
        _row(
            "Cost per contact, one-to-many (spend / people reached)",
            kpis.cost_per_contact(n["marketing_spend"][0], n["reach"][0]),
            as_money,
            _reason(n, ["marketing_spend"], "reach"),
            f"{kpis.formula(kpis.cost_per_contact)}: marketing spend / people reached",
        )
    )
    hourly, why_hourly = n["hourly_cost"]
    label = ONE_TO_ONE_LABEL
    how = (
        f"{kpis.formula(kpis.cost_per_contact)}: staff cost ({kpis.formula(kpis.staff_cost)}, from the hours "
        "spent selling) / one-to-one conversations"
    )
    if why_hourly and not _is_blank(answers.get("hourly_cost")):
        rows.append(KpiRow(label, MISSING, why_hourly, how))
    else:
        if why_hourly:
            hourly = kpis.STAFF_HOURLY_COST
            label += f", at the default {fmt_money(hourly, currency=money)} an hour"
        cost = kpis.staff_cost(n["selling_hours"][0] * 60, hourly)
        rows.append(
            _row(
                label,
                kpis.cost_per_contact(cost, n["conversations"][0]),
                as_money,
                _reason(n, ["selling_hours"], "conversations"),
                how,
            )
        )
    return rows


def _row(label, value, fmt, reason, formula) -> KpiRow:
    text = fmt(value)
    if text != MISSING:
        return KpiRow(label, text, None, formula)
    return KpiRow(label, MISSING, reason or "the result is unknown", formula)


def worksheet_funnel_table(answers: dict) -> pd.DataFrame:
    """The four counts of section 4 as a `funnel.funnel_table` (for `plots.funnel_chart`).

    Blank or invalid counts are NaN, and the rates that depend on them too.

    Examples
    --------
    >>> from smk_helpers.worksheet.fields import blank
    >>> worksheet_funnel_table({**blank(), "reach": "1,000", "visits": "100", "leads": "20", "customers": "5"})
               stage   count  rate_from_previous  rate_from_top
    0        reached  1000.0                 NaN          1.000
    1         visits   100.0                0.10          0.100
    2          leads    20.0                0.20          0.020
    3  new customers     5.0                0.25          0.005
    """
    n = _numbers(answers)
    rows = pd.DataFrame({"stage": [name for _, name in STAGES], "count": [n[key][0] for key, _ in STAGES]})
    return funnel.funnel_table(rows)


def funnel_figure(answers: dict):
    """The funnel of section 4 as a house-style chart, or None until two of its counts are numbers.

    Marketing's colour up to visits, sales' from leads (who follow the leads up). The chart
    describes itself (`smk_helpers.core.plots.describe`).

    Examples
    --------
    >>> from smk_helpers.worksheet.fields import blank, bookhub_example
    >>> funnel_figure(blank()) is None
    True
    >>> from smk_helpers.core.plots import describe
    >>> fig = funnel_figure(bookhub_example())
    >>> print(describe(fig))  # doctest: +ELLIPSIS
    Funnel chart of your funnel for the month: 40,000 reached at the top narrow to 120 new customers at the bottom
    (0.3% of the top); ...
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    table = worksheet_funnel_table(answers)
    if table["count"].notna().sum() < 2:
        return None
    from ..core.plots import funnel_chart

    return funnel_chart(
        table, title="Your funnel for the month", handoff=HANDOFF, xlabel="Number at each stage this month"
    )


def funnel_notes(answers: dict) -> list[str]:
    """Data-quality warnings of section 4's funnel: a stage larger than the one above it.

    Examples
    --------
    >>> from smk_helpers.worksheet.fields import blank
    >>> funnel_notes({**blank(), "reach": "100", "visits": "200"})
    ["Stage 'visits' (200) is larger than the stage above it, 'reached' (100): a rate of 200.0%. Check the counts and the stage order."]
    """  # noqa: E501
    return funnel.funnel_warnings(worksheet_funnel_table(answers))


FUNNEL_WAITING = (
    "The funnel appears here once at least two of people reached, visits, leads and new customers are numbers."
)
