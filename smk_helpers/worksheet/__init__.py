"""The sales-vs-marketing worksheet: its questions, checks, numbers, scoring, files and summary.

Everything the worksheet page needs lives here; the notebook only lays out widgets.

* **Model** – `FIELDS` (sections 1–6 of the worksheet), `blank`, `bookhub_example`, `progress`.
* **Answers hold what was typed.** An answers dict maps every field id to the raw text as the
  owner typed it (a list of strings for a multi-choice field; a score may also be an int).
  Nothing is parsed on save, so a half-typed or wrong number is never lost: numbers are parsed
  on use with `validate_field`, which returns the value or a one-sentence message.
* **Live numbers** – `worksheet_kpis` and `worksheet_funnel_table`, through `smk_helpers.core.kpis`
  and `smk_helpers.core.funnel` (no formula is written here).
* **Alignment** – `alignment_result`, on top of `smk_helpers.course.alignment.assess_alignment`.
* **Files** – one JSON file per worksheet in `worksheet_dir()`, named ``<slug>-<id>.json``. The
  random id is the worksheet's identity; the slug follows the business name (a rename renames the
  file at the next save). `save` writes atomically with a schema version and a revision counter,
  holds a lock on the folder while it checks and writes, and refuses to overwrite a newer
  revision (`ConflictError`); a corrupt or unknown-version file raises `WorksheetFileError` and
  is never written to.
* **Summary** – `summary_html` (printable on A4 and Letter), `answers_csv`, `answers_json`.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import math
import os
import re
import secrets
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import limits
from ..core import funnel, kpis
from ..core.data import parse_numbers
from ..core.formatting import MISSING, fmt_money, fmt_pct, is_missing
from ..course.alignment import STATEMENTS, assess_alignment
from ..system.files import write_text_atomic
from ..system.userfiles import UnreadableFile

SCHEMA_VERSION = 1
MAX_TEXT, MAX_LONG_TEXT = limits.MAX_TEXT, limits.MAX_LONG_TEXT  # characters in a one-line or a long answer
KINDS = ("text", "long text", "choice", "multi-choice", "count", "money", "hours", "date", "score")
NUMBER_KINDS = ("count", "money", "hours")

SECTIONS = {
    1: "Your business",
    2: "Marketing (one-to-many)",
    3: "Sales (one-to-one)",
    4: "Your numbers for a month",
    5: "Working together",
    6: "Action plan",
}

CURRENCIES = ("$", "€", "£", "¥")
CHANNELS = ("social media", "email", "website/SEO", "ads", "marketplaces", "events", "print", "influencers", "other")
SCALE = {1: "not true", 2: "rarely true", 3: "partly true", 4: "mostly true", 5: "fully true"}


@dataclass(frozen=True)
class Field:
    """One question of the worksheet."""

    id: str
    section: int
    label: str
    kind: str
    guidance: str
    example: object  # the Book Hub's answer, as it would be typed (a tuple for multi-choice)
    options: tuple = ()

    @property
    def max_length(self) -> int | None:
        return {"text": MAX_TEXT, "long text": MAX_LONG_TEXT}.get(self.kind)


def _f(id, section, label, kind, guidance, example, options=()):
    return Field(id, section, label, kind, guidance, example, tuple(options))


FIELDS: tuple[Field, ...] = (
    # 1. Your business
    _f("business_name", 1, "Business name", "text", "The name your customers know you by.", "The Book Hub"),
    _f(
        "what_you_sell",
        1,
        "What you sell",
        "long text",
        "Your main products or services, in a sentence or two.",
        "New books, a few second-hand ones, gift cards, and special orders of any book in print.",
    ),
    _f(
        "who_buys",
        1,
        "Who buys from you",
        "long text",
        "Describe your typical customers: who they are and why they come to you.",
        "Local readers who like advice, parents buying for children, and book clubs.",
    ),
    _f("currency", 1, "Currency", "choice", "The currency of the money amounts below.", "$", CURRENCIES),
    # 2. Marketing
    _f(
        "marketing_goal",
        2,
        "Marketing goal",
        "long text",
        "What marketing should achieve in the next months, with a number if you can.",
        "Grow the newsletter from 1,500 to 2,500 readers by December.",
    ),
    _f(
        "target_audiences",
        2,
        "Target audiences",
        "long text",
        "The groups you want to reach, most important first.",
        "Families within 20 minutes' drive; book clubs; teachers.",
    ),
    _f(
        "channels",
        2,
        "Channels you use",
        "multi-choice",
        "Tick every channel you use to reach many people at once.",
        ("social media", "email", "website/SEO", "marketplaces", "events"),
        CHANNELS,
    ),
    _f(
        "product",
        2,
        "Product",
        "long text",
        "The first P: what you offer and what makes it worth choosing.",
        "A hand-picked range, staff recommendations on every shelf, special orders in two days.",
    ),
    _f(
        "price",
        2,
        "Price",
        "long text",
        "The second P: how you set prices and any discounts.",
        "List price; a loyalty card gives every tenth book at half price.",
    ),
    _f(
        "place",
        2,
        "Place",
        "long text",
        "The third P: where and how customers can buy.",
        "The shop on the high street, our own website, and a marketplace listing.",
    ),
    _f(
        "promotion",
        2,
        "Promotion",
        "long text",
        "The fourth P: how people hear about you.",
        "The weekly newsletter, author evenings, and local social media posts.",
    ),
    # 3. Sales
    _f(
        "sales_goal",
        3,
        "Sales goal",
        "long text",
        "What your one-to-one selling should achieve, with a number if you can.",
        "Turn more special-order requests into sales: 8 in 10 instead of 6 in 10.",
    ),
    _f(
        "where_one_to_one",
        3,
        "Where you meet buyers one to one",
        "long text",
        "The places and moments where you talk with a single buyer.",
        "At the counter, by phone about special orders, and at school book fairs.",
    ),
    _f(
        "sales_steps",
        3,
        "Your sales steps",
        "long text",
        "The steps from a first conversation to a sale, in order.",
        "Greet, ask what they last enjoyed, suggest two or three books, offer to order.",
    ),
    _f(
        "objections",
        3,
        "Objections you hear",
        "long text",
        "What buyers say when they hesitate, and how you answer.",
        '"It\'s cheaper online" – we offer to order it at the same price and hold it for them.',
    ),
    # 4. Numbers
    _f(
        "month",
        4,
        "First day of the month",
        "date",
        "The month these numbers are for; all of them must come from the same month.",
        "2025-03-01",
    ),
    _f(
        "reach",
        4,
        "People reached",
        "count",
        "How many people saw your marketing (posts, emails, ads, flyers) this month.",
        "40,000",
    ),
    _f("visits", 4, "Visits", "count", "Visits to your shop or website this month.", "6,000"),
    _f(
        "leads",
        4,
        "Leads",
        "count",
        "People who showed interest you can follow up: sign-ups, enquiries, requests.",
        "300",
    ),
    _f("customers", 4, "New customers", "count", "People who bought from you for the first time this month.", "120"),
    _f("orders", 4, "Orders", "count", "All orders this month, from new and returning customers.", "790"),
    _f("revenue", 4, "Revenue", "money", "What those orders brought in, before costs.", "37,920"),
    _f(
        "marketing_spend",
        4,
        "Marketing spend",
        "money",
        "What you paid for marketing this month: ads, printing, tools.",
        "750",
    ),
    _f(
        "selling_hours",
        4,
        "Hours spent selling one to one",
        "hours",
        "Staff hours spent talking with single buyers this month.",
        "60",
    ),
    _f(
        "hourly_cost",
        4,
        "Cost of an hour of staff time",
        "money",
        f"Wage plus extras. Left blank, the worksheet uses {fmt_money(kpis.STAFF_HOURLY_COST)}.",
        "13.56",
    ),
    _f(
        "conversations",
        4,
        "One-to-one conversations",
        "count",
        "How many one-to-one conversations those hours paid for.",
        "360",
    ),
    # 5. Working together
    _f(
        "align_goals",
        5,
        "Shared goals",
        "score",
        "Sales and marketing work towards the same targets, set together (1 = not true, 5 = fully true).",
        4,
    ),
    _f(
        "align_handoff",
        5,
        "Lead handoff",
        "score",
        "A lead that is ready reaches the right person quickly, and none get lost.",
        2,
    ),
    _f(
        "align_record",
        5,
        "One customer record",
        "score",
        "Both sides keep customers and conversations in one shared record.",
        3,
    ),
    _f(
        "align_messaging",
        5,
        "Consistent messaging",
        "score",
        "What your marketing promises is what your sellers say and do.",
        4,
    ),
    _f(
        "align_feedback",
        5,
        "Feedback loop",
        "score",
        "Sales regularly tells marketing which campaigns bring buyers, and marketing acts on it.",
        2,
    ),
    # 6. Action plan
    _f(
        "marketing_action",
        6,
        "Marketing action",
        "long text",
        "One thing marketing will do next.",
        "Add a special-order form to every newsletter.",
    ),
    _f("marketing_owner", 6, "Marketing action: owner", "text", "Who does it.", "Sam"),
    _f("marketing_date", 6, "Marketing action: date", "date", "By when.", "2025-04-15"),
    _f(
        "sales_action",
        6,
        "Sales action",
        "long text",
        "One thing sales will do next.",
        "Call back every special-order request within a day.",
    ),
    _f("sales_owner", 6, "Sales action: owner", "text", "Who does it.", "Priya"),
    _f("sales_date", 6, "Sales action: date", "date", "By when.", "2025-04-01"),
    _f(
        "shared_action",
        6,
        "Shared action",
        "long text",
        "One thing both sides will do together.",
        "A 30-minute monthly meeting on which campaigns brought buyers.",
    ),
    _f("shared_owner", 6, "Shared action: owner", "text", "Who does it.", "Sam and Priya"),
    _f("shared_date", 6, "Shared action: date", "date", "By when.", "2025-04-30"),
)

FIELDS_BY_ID = {f.id: f for f in FIELDS}

# The five practices of section 5 and the lesson-06 statement whose tip each one reuses.
PRACTICES = {
    "align_goals": "goals",
    "align_handoff": "handoff",
    "align_record": "crm",
    "align_messaging": "messaging",
    "align_feedback": "feedback",
}

ACTIONS = (("Marketing", "marketing"), ("Sales", "sales"), ("Shared", "shared"))


# ---------------------------------------------------------------------------------------------
# Model
# ---------------------------------------------------------------------------------------------


def fields_in(section: int) -> list[Field]:
    """The fields of one section, in order.

    Examples
    --------
    >>> [f.id for f in fields_in(1)]
    ['business_name', 'what_you_sell', 'who_buys', 'currency']
    """
    return [f for f in FIELDS if f.section == section]


def blank() -> dict:
    """An answers dict with nothing answered ("" everywhere, [] for multi-choice).

    Examples
    --------
    >>> b = blank()
    >>> b["business_name"], b["channels"], len(b) == len(FIELDS)
    ('', [], True)
    """
    return {f.id: [] if f.kind == "multi-choice" else "" for f in FIELDS}


def bookhub_example() -> dict:
    """The Book Hub's answers to every question (synthetic, in the course's own words).

    Examples
    --------
    >>> ex = bookhub_example()
    >>> ex["business_name"], ex["reach"]
    ('The Book Hub', '40,000')
    >>> progress(ex) == (len(FIELDS), len(FIELDS))
    True
    """
    return {f.id: list(f.example) if isinstance(f.example, tuple) else f.example for f in FIELDS}


def _is_blank(raw) -> bool:
    if raw is None:
        return True
    if isinstance(raw, (list, tuple)):
        return len(raw) == 0
    return str(raw).strip() == ""


def progress(answers: dict) -> tuple[int, int]:
    """How many questions have an answer (anything typed counts), out of how many.

    Examples
    --------
    >>> progress({**blank(), "business_name": "Corner Café", "channels": ["email"]})
    (2, 40)
    """
    answered = sum(not _is_blank(answers.get(f.id)) for f in FIELDS)
    return answered, len(FIELDS)


# ---------------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------------


def validate_field(field_id: str, raw) -> tuple[object, str | None]:
    """Check one answer as typed; returns (value, None) or (None, a one-sentence message).

    A blank answer is (None, None): not an error, just not answered. Counts are whole numbers
    of at least 0; money and hours are numbers of at least 0 (money may be typed as
    ``1,234.50`` or ``$1,234.50``, read by `smk_helpers.core.data.parse_numbers`); dates are
    YYYY-MM-DD; scores are 1 to 5; text is at most `MAX_TEXT` (one line) or `MAX_LONG_TEXT`
    characters. The caller keeps what was typed: this function never changes the answers.

    Parameters
    ----------
    field_id : str
        An id of `FIELDS`.
    raw : str, int, list or None
        What was typed (a list for a multi-choice field).

    Returns
    -------
    (value, message)
        value is str, list, int (count, score), float (money, hours) or datetime.date.

    Examples
    --------
    >>> validate_field("revenue", "$1,234.50")
    (1234.5, None)
    >>> validate_field("visits", "lots")
    (None, 'Visits must be a number, such as 1200; "lots" is not one.')
    >>> validate_field("leads", "-3")
    (None, 'Leads cannot be negative.')
    >>> validate_field("visits", "")
    (None, None)
    """
    field = FIELDS_BY_ID.get(field_id)
    if field is None:
        raise KeyError(f"There is no worksheet field {field_id!r}.")
    if _is_blank(raw):
        return None, None
    label = field.label
    if field.kind == "multi-choice":
        items = [raw] if isinstance(raw, str) else list(raw)
        unknown = [str(i) for i in items if i not in field.options]
        if unknown:
            return None, f"{label}: {', '.join(unknown)} is not one of the choices."
        return items, None
    text = str(raw).strip()
    if field.kind in ("text", "long text"):
        if len(text) > field.max_length:
            return None, (f"{label} is {len(text):,} characters long; please keep it to {field.max_length:,}.")
        return text, None
    if field.kind == "choice":
        if text not in field.options:
            return None, f"{label} must be one of {', '.join(field.options)}."
        return text, None
    if field.kind == "score":
        if text not in {str(n) for n in SCALE}:
            return None, f"{label} is a score from 1 (not true) to 5 (fully true)."
        return int(text), None
    if field.kind == "date":
        try:
            return dt.date.fromisoformat(text), None
        except ValueError:
            return None, f'{label} must be a date written year-month-day, such as 2025-03-31; "{text}" is not one.'
    # count, money, hours
    values, bad = parse_numbers(pd.Series([text], dtype="str"))
    value = values.iloc[0]
    if bad.iloc[0] or is_missing(value):
        example = {"count": "1200", "money": "1,234.50", "hours": "12.5"}[field.kind]
        hint = ""
        if re.fullmatch(r"[^\d]*\d{1,3}(?:\.\d{3})*,\d{1,2}[^\d]*", text):  # 12,5 or 1.234,50
            hint = f" (write decimals with a point: {text.replace('.', '').replace(',', '.')})"
        return None, f'{label} must be a number, such as {example}; "{text}" is not one{hint}.'
    if value < 0:
        return None, f"{label} cannot be negative."
    if field.kind == "count":
        if not float(value).is_integer():
            return None, f"{label} is a count: a whole number, such as 1200."
        return int(value), None
    return float(value), None


def problems(answers: dict) -> dict[str, str]:
    """The message of every answer that does not pass `validate_field`, by field id.

    Examples
    --------
    >>> problems({**blank(), "reach": "ten", "orders": "12"})
    {'reach': 'People reached must be a number, such as 1200; "ten" is not one.'}
    """
    found = {}
    for f in FIELDS:
        _, message = validate_field(f.id, answers.get(f.id))
        if message:
            found[f.id] = message
    return found


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
            "Average order value",
            kpis.average_order_value(n["revenue"][0], n["orders"][0]),
            as_money,
            _reason(n, ["revenue"], "orders"),
            kpis.formula(kpis.average_order_value),
        )
    )
    rows.append(
        _row(
            "Cost per lead",
            kpis.cost_per_lead(n["marketing_spend"][0], n["leads"][0]),
            as_money,
            _reason(n, ["marketing_spend"], "leads"),
            kpis.formula(kpis.cost_per_lead),
        )
    )
    rows.append(
        _row(
            "Cost per new customer (CAC)",
            kpis.cac(n["marketing_spend"][0], n["customers"][0]),
            as_money,
            _reason(n, ["marketing_spend"], "customers"),
            kpis.formula(kpis.cac),
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
    >>> funnel_notes({**blank(), "reach": "100", "visits": "200"})
    ["Stage 'visits' (200) is larger than the stage above it, 'reached' (100): a rate of 200.0%. Check the counts and the stage order."]
    """  # noqa: E501
    return funnel.funnel_warnings(worksheet_funnel_table(answers))


FUNNEL_WAITING = (
    "The funnel appears here once at least two of people reached, visits, leads and new customers are numbers."
)


# ---------------------------------------------------------------------------------------------
# Working together: the alignment score
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AlignmentResult:
    """The self-score of section 5: average (NaN until something is scored), stage and weakest areas.

    ``weakest`` holds up to two (practice, score, suggestion) tuples, lowest score first.
    """

    answered: int
    total: int
    score: float
    stage: str | None
    weakest: tuple[tuple[str, int, str], ...]

    @property
    def message(self) -> str:
        if self.stage is None:
            return f"Score the practices to see your result (0 of {self.total} scored)."
        text = f"Average {self.score:.1f} of 5 ({self.answered} of {self.total} scored): stage {self.stage}."
        for practice, score, tip in self.weakest:
            text += f" {practice} ({score}): {tip}"
        return text


def alignment_result(answers: dict) -> AlignmentResult:
    """Score the five practices of section 5 with lesson 06's `assess_alignment`.

    The average of the scored practices gives the stage (lesson 06's cut-offs); the two lowest
    scored practices (ties in worksheet order) come with lesson 06's concrete tip. An invalid
    score is left out, like a blank one.

    Examples
    --------
    >>> r = alignment_result(bookhub_example())
    >>> r.score, r.stage
    (3.0, 'aligned')
    >>> [(practice, score) for practice, score, _ in r.weakest]
    [('Lead handoff', 2), ('Feedback loop', 2)]
    """
    scores = {}
    for field_id in PRACTICES:
        value, message = validate_field(field_id, answers.get(field_id))
        scores[field_id] = None if message else value
    assessment = assess_alignment({PRACTICES[k]: v for k, v in scores.items()})
    tips = {s.key: s.tip for s in STATEMENTS}
    scored = [(v, i, k) for i, (k, v) in enumerate(scores.items()) if v is not None]
    weakest = tuple((FIELDS_BY_ID[k].label, v, tips[PRACTICES[k]]) for v, _, k in sorted(scored)[:2])
    return AlignmentResult(
        answered=len(scored),
        total=len(PRACTICES),
        score=assessment.mean,
        stage=assessment.stage.name if assessment.stage else None,
        weakest=weakest,
    )


# ---------------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------------


class WorksheetFileError(Exception):
    """A worksheet file that cannot be read (corrupt, or from an unknown schema version); it is left as it is."""


class ConflictError(Exception):
    """The file on disk has a newer revision than the one being saved (another tab saved it)."""


_ID = re.compile(r"[0-9a-f]{8}")
_FILE_NAME = re.compile(r"(?:[a-z0-9]+(?:-[a-z0-9]+)*-)?([0-9a-f]{8})\.json")  # <slug>-<id>.json


def worksheet_dir() -> Path:
    """The folder of saved worksheets: ``$SMK_WORKSHEET_DIR``, or ``~/smk-worksheets``.

    Examples
    --------
    >>> import os, tempfile
    >>> old = os.environ.get("SMK_WORKSHEET_DIR")
    >>> os.environ["SMK_WORKSHEET_DIR"] = d = tempfile.mkdtemp()
    >>> str(worksheet_dir()) == d
    True
    >>> _ = os.environ.pop("SMK_WORKSHEET_DIR") if old is None else os.environ.update(SMK_WORKSHEET_DIR=old)
    """
    folder = os.environ.get("SMK_WORKSHEET_DIR", "").strip()
    return Path(folder).expanduser() if folder else Path.home() / "smk-worksheets"


def slug(text) -> str:
    """A file-name-safe version of a name: lower-case ASCII letters, digits and dashes (at most 40).

    Examples
    --------
    >>> slug("Café Olé & Co."), slug("../../x"), slug("")
    ('cafe-ole-co', 'x', 'worksheet')
    """
    ascii_text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40].strip("-")
    return cleaned or "worksheet"


def new_id() -> str:
    """A short random id (8 hex digits) that tells apart two worksheets with one name.

    Examples
    --------
    >>> len(new_id()), new_id() != new_id()
    (8, True)
    """
    return secrets.token_hex(4)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def new_record(answers: dict | None = None) -> dict:
    """A new, unsaved worksheet (revision 0) with a fresh id.

    Examples
    --------
    >>> rec = new_record({"business_name": "../../x"})
    >>> rec["revision"], len(rec["id"]), rec["answers"]["business_name"], rec["answers"]["reach"]
    (0, 8, '../../x', '')
    """
    now = _now()
    return {
        "schema_version": SCHEMA_VERSION,
        "id": new_id(),
        "revision": 0,
        "created": now,
        "updated": now,
        "answers": {**blank(), **_normalised(answers or {})},
    }


def file_name(record: dict) -> str:
    """The file a worksheet is saved in: ``<slug of the business name>-<id>.json``.

    Only the id identifies a worksheet; the slug follows the business name, so renaming the
    business renames the file at the next save, and two businesses with one name get two files.

    Examples
    --------
    >>> file_name({"id": "0a1b2c3d", "answers": {"business_name": "../../Corner Café"}})
    'corner-cafe-0a1b2c3d.json'
    >>> file_name({"id": "../x", "answers": {}})
    Traceback (most recent call last):
    ...
    ValueError: '../x' is not a worksheet id; make the record with new_record().
    """
    return f"{slug(record.get('answers', {}).get('business_name'))}-{_checked_id(record)}.json"


def _checked_id(record: dict) -> str:
    ident = str(record.get("id", ""))
    if not _ID.fullmatch(ident):
        raise ValueError(f"{ident!r} is not a worksheet id; make the record with new_record().")
    return ident


def path_of(record: dict, folder=None) -> Path:
    """Where `save` writes a worksheet now: ``folder`` (default `worksheet_dir()`) / `file_name`."""
    return Path(folder if folder is not None else worksheet_dir()) / file_name(record)


def _copies(ident: str, folder: Path) -> list[Path]:
    """The files of one worksheet id (one, except after a rename that was cut off half-way)."""
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.glob(f"*{ident}.json") if (m := _FILE_NAME.fullmatch(p.name)) and m.group(1) == ident
    )


@contextmanager
def _folder_lock(folder: Path):
    """Hold an exclusive lock on the folder while checking a revision and writing (POSIX only).

    Each page of the worksheet runs in its own kernel process, so two tabs saving at once
    are two processes; the lock makes the revision check and the write one step.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no lock; the revision check still catches all but simultaneous saves
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _normalised(answers: dict) -> dict:
    """Answers as the page holds them: text as str, multi-choice as a list of str, scores as int or str.

    Values of another type (from a file edited by hand) become text, so nothing is dropped.
    """
    out = dict(answers)
    for key, raw in answers.items():
        field = FIELDS_BY_ID.get(key)
        if field is None or raw is None:
            out[key] = [] if field is not None and field.kind == "multi-choice" else ("" if field else raw)
        elif field.kind == "multi-choice":
            out[key] = [str(x) for x in raw] if isinstance(raw, (list, tuple)) else [str(raw)]
        elif field.kind == "score" and isinstance(raw, int) and not isinstance(raw, bool):
            out[key] = raw
        elif not isinstance(raw, str):
            out[key] = json.dumps(raw, ensure_ascii=False) if isinstance(raw, (dict, list)) else str(raw)
    return out


def _json_of(path: Path):
    """The JSON in a worksheet file, read safely (a regular file of limited size); UnreadableFile else."""
    from ..system.userfiles import load_json, read_bytes

    raw = read_bytes(
        path,
        limits.MAX_WORKSHEET_FILE_BYTES,
        name=path.name,
        kind="worksheet file",
        fix="a worksheet file holds a few kilobytes of answers; is it the right file?",
    )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UnreadableFile(f"{path.name} is not UTF-8 text.") from None
    return load_json(text, path.name)


def _read(path: Path) -> dict:
    name = path.name
    try:
        data = _json_of(path)
    except UnreadableFile as exc:  # "NAME is not valid JSON (...)." and the like
        reason = str(exc).removeprefix(f"{name} ").rstrip(".")
        raise WorksheetFileError(
            f"{name} {reason}, so it could not be read as a worksheet; it was left as it is."
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        raise WorksheetFileError(f"{name} is not a worksheet file; it was left as it is.")
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise WorksheetFileError(
            f"{name} has worksheet format version {version!r}, but this worksheet reads version "
            f"{SCHEMA_VERSION}; it was left as it is."
        )
    if not isinstance(data.get("revision"), int) or isinstance(data.get("revision"), bool):
        raise WorksheetFileError(f"{name} has no revision number; it was left as it is.")
    match = _FILE_NAME.fullmatch(name)
    if not match or data.get("id") != match.group(1):
        raise WorksheetFileError(f"{name} does not carry the id its name ends with; it was left as it is.")
    return data


def load(path) -> dict:
    """Read a saved worksheet; raises `WorksheetFileError` (file untouched) when it cannot.

    Fields missing from the file are blank; fields this version does not know are kept.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> saved = save(new_record(bookhub_example()), folder=folder)
    >>> again = load(path_of(saved, folder))
    >>> again["answers"]["business_name"], again["revision"]
    ('The Book Hub', 1)
    """
    path = Path(path)
    data = _read(path)
    data["answers"] = {**blank(), **_normalised(data["answers"])}
    data["file"] = path.name
    return data


def read_answers(path) -> dict:
    """The answers of a worksheet file: a saved worksheet, or the JSON the page exports.

    Raises `WorksheetFileError` with one sentence when the file is missing or is not a worksheet.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> exported = pathlib.Path(tempfile.mkdtemp()) / "answers.json"
    >>> _ = exported.write_text(answers_json(bookhub_example()), encoding="utf-8")
    >>> read_answers(exported)["sales_owner"]
    'Priya'
    """
    from ..system.userfiles import what_is_there

    path = Path(path).expanduser()
    found = what_is_there(path)
    if found == "nothing":
        raise WorksheetFileError(
            f"The worksheet file {path} does not exist; give the .json file the worksheet page saved or exported."
        )
    if found is not None:
        raise WorksheetFileError(
            f"The worksheet file {path} is {found}; give the .json file the worksheet page saved or exported."
        )
    try:
        data = _json_of(path)
    except UnreadableFile as exc:
        raise WorksheetFileError(f"{exc} Give the .json file the worksheet page saved or exported.") from None
    try:
        return load(path)["answers"]
    except WorksheetFileError:
        pass
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("answers"), dict)
        or data.get("schema_version") != SCHEMA_VERSION
    ):
        raise WorksheetFileError(
            f"{path.name} is not a worksheet file; give the .json file the worksheet page saved or exported."
        )
    return {**blank(), **_normalised(data["answers"])}


def reload(record: dict, folder=None) -> dict:
    """The newest saved revision of a worksheet (found by its id, whatever its file is called now).

    Raises `WorksheetFileError` if it has no readable file.
    """
    folder = Path(folder if folder is not None else worksheet_dir())
    copies = [load(p) for p in _copies(_checked_id(record), folder)]
    if not copies:
        raise WorksheetFileError(f"No saved file of this worksheet was found in {folder}.")
    return max(copies, key=lambda r: r["revision"])


def save(record: dict, expected_revision: int | None = None, folder=None) -> dict:
    """Save a worksheet atomically; returns the saved record (revision + 1, new ``updated`` time).

    The file is `file_name` (temp file + rename; a file of the same id under an older name is
    removed afterwards). Refuses with `ConflictError` when a file of this worksheet has a newer
    revision than ``expected_revision`` (default: the record's own revision), and with
    `WorksheetFileError` when one is corrupt or of another version; nothing is written then.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> tab1 = save(new_record({"business_name": "Corner Café"}), folder=folder)
    >>> tab2 = dict(tab1)
    >>> tab1 = save(tab1, folder=folder)
    >>> tab1["revision"], tab1["file"] == f"corner-cafe-{tab1['id']}.json"
    (2, True)
    >>> save(tab2, folder=folder)
    Traceback (most recent call last):
    ...
    smk_helpers.worksheet.ConflictError: This worksheet was changed elsewhere (another tab or window saved
    revision 2; this page has revision 1). Reload it to see those changes, or save yours as a copy.
    """
    name = file_name(record)
    folder = Path(folder if folder is not None else worksheet_dir())
    expected = record.get("revision", 0) if expected_revision is None else expected_revision
    folder.mkdir(parents=True, exist_ok=True)
    with _folder_lock(folder):
        existing = _copies(_checked_id(record), folder)
        on_disk = max((_read(p)["revision"] for p in existing), default=0)
        if on_disk > expected:
            raise ConflictError(
                f"This worksheet was changed elsewhere (another tab or window saved revision {on_disk}; "
                f"this page has revision {expected}). Reload it to see those changes, or save yours as a copy."
            )
        saved = {
            **record,
            "schema_version": SCHEMA_VERSION,
            "revision": max(expected, on_disk) + 1,
            "updated": _now(),
            "answers": {**blank(), **record.get("answers", {})},
            "file": name,
        }
        text = json.dumps(saved, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        write_text_atomic(folder / name, text)
        for old in existing:
            if old.name != name:
                old.unlink(missing_ok=True)
    return saved


def save_as_copy(record: dict, folder=None) -> dict:
    """Save the answers as a new worksheet (new id and file, revision 1); the original is untouched.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> first = save(new_record({"business_name": "Corner Café"}), folder=folder)
    >>> copy = save_as_copy(first, folder=folder)
    >>> copy["id"] != first["id"], copy["revision"], copy["answers"] == first["answers"]
    (True, 1, True)
    """
    return save(new_record(dict(record.get("answers", {}))), folder=folder)


def list_worksheets(folder=None) -> tuple[list[dict], list[str]]:
    """The saved worksheets (newest first) and a sentence per file that could not be read.

    Each row: id, name, updated, revision, answered, total, path, answers. Files that cannot be read are
    reported, not changed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = tempfile.mkdtemp()
    >>> _ = save(new_record({"business_name": "Corner Café"}), folder=folder)
    >>> _ = pathlib.Path(folder, "broken.json").write_text("{")
    >>> rows, bad = list_worksheets(folder)
    >>> [(r["name"], r["answered"]) for r in rows], bad
    ([('Corner Café', 1)],
     ['broken.json is not valid JSON (line 1: ...), so it could not be read as a worksheet; it was left as it is.'])
    """
    folder = Path(folder if folder is not None else worksheet_dir())
    newest, bad = {}, []
    if not folder.is_dir():
        return [], bad
    for path in sorted(folder.glob("*.json")):
        try:
            record = load(path)
        except WorksheetFileError as exc:
            bad.append(str(exc))
            continue
        if record["id"] not in newest or record["revision"] > newest[record["id"]]["revision"]:
            newest[record["id"]] = record
    rows = []
    for record in newest.values():
        answered, total = progress(record["answers"])
        name = str(record["answers"].get("business_name") or "").strip() or "(no name yet)"
        rows.append(
            {
                "id": record["id"],
                "name": name,
                "updated": str(record.get("updated", "")),
                "revision": record["revision"],
                "answered": answered,
                "total": total,
                "path": folder / record["file"],
                "answers": record["answers"],
            }
        )
    rows.sort(key=lambda r: (r["updated"], r["revision"]), reverse=True)
    return rows, bad


# ---------------------------------------------------------------------------------------------
# Summary and exports
# ---------------------------------------------------------------------------------------------


def answer_text(field: Field, raw) -> str:
    """An answer as one line of text: choices joined with "; ", a score with its words ("4 – mostly true").

    Examples
    --------
    >>> answer_text(FIELDS_BY_ID["channels"], ["email", "print"]), answer_text(FIELDS_BY_ID["align_goals"], 4)
    ('email; print', '4 – mostly true')
    """
    if _is_blank(raw):
        return ""
    if isinstance(raw, (list, tuple)):
        return "; ".join(str(x) for x in raw)
    if field.kind == "score":
        value, message = validate_field(field.id, raw)
        return f"{value} – {SCALE[value]}" if not message else str(raw)
    return str(raw)


_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 11pt; line-height: 1.4;
       color: #111; max-width: 46em; margin: 1em auto; padding: 0 1em; }
h1 { font-size: 18pt; margin-bottom: .2em; } h2 { font-size: 13pt; border-bottom: 1px solid #999; margin-top: 1.4em; }
h3 { font-size: 11pt; }
dt { font-weight: bold; margin-top: .5em; } dd { margin: 0 0 0 1em; white-space: pre-wrap; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #999; padding: 4px 6px;
       text-align: left; vertical-align: top; white-space: pre-wrap; overflow-wrap: anywhere; }
th { background: #eee; }
.blank { color: #666; } .note, .guidance { font-size: 9pt; color: #444; } .problem { color: #8a2b00; }
figure { margin: 1em 0; } figcaption { font-size: 9pt; color: #444; }
.box { border: 1px solid #777; border-radius: 3px; min-height: 1.8em; margin: .2em 0 .6em; }
.box.long { min-height: 5.5em; } .choices { margin: .2em 0 .6em; } .choices span { margin-right: 1.4em; }
.question { break-inside: avoid; } td.write { height: 2.2em; width: 28%; } td.num { white-space: nowrap; }
table.actions td { height: 3.5em; }
@page { margin: 15mm; }  /* no page size: prints on A4 and on Letter alike */
@media print { body { margin: 0; max-width: none; } h2, h3 { break-after: avoid; }
  tr, dl div, figure, table { break-inside: avoid; } }
"""


def _page(title: str, body: list[str]) -> str:
    esc = html.escape
    return (
        "\n".join(
            [
                "<!DOCTYPE html>",
                '<html lang="en"><head><meta charset="utf-8">',
                '<meta name="viewport" content="width=device-width, initial-scale=1">',
                f"<title>{esc(title)}</title>",
                f"<style>{_CSS}</style></head><body>",
                *body,
                '<p class="note">Made with the smk sales-vs-marketing worksheet.</p></body></html>',
            ]
        )
        + "\n"
    )


def summary_html(answers: dict, title: str = "Sales and marketing worksheet", chart: bool = True) -> str:
    """A printable HTML page of the worksheet: every section, the live numbers and funnel, the
    alignment result and the action plan. Everything typed is escaped, so HTML or script shows
    as plain text; the page loads nothing from elsewhere (its chart is inlined).

    Parameters
    ----------
    answers : dict of raw answers
    title : str
    chart : bool, default True
        Include the funnel chart (as an inlined PNG with its description).

    Examples
    --------
    >>> page = summary_html({**blank(), "business_name": "<script>alert(1)</script>"})
    >>> "<script>" in page, "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    (False, True)
    """
    esc = html.escape
    name = str(answers.get("business_name") or "").strip()
    answered, total = progress(answers)
    found = problems(answers)
    body = [
        f"<h1>{esc(title)}{': ' + esc(name) if name else ''}</h1>",
        f'<p class="note">{answered} of {total} questions answered.</p>',
    ]
    if found:
        body.append(
            '<p class="problem"><b>To check:</b></p><ul class="problem">'
            + "".join(f"<li>{esc(m)}</li>" for m in found.values())
            + "</ul>"
        )
    for number, heading in SECTIONS.items():
        body.append(f"<h2>{number}. {esc(heading)}</h2>")
        if number == 6:
            body.append(_action_table(answers))
            continue
        body.append("<dl>")
        for f in fields_in(number):
            text = answer_text(f, answers.get(f.id))
            value = esc(text) if text else '<span class="blank">(not answered)</span>'
            body.append(f"<div><dt>{esc(f.label)}</dt><dd>{value}</dd></div>")
        body.append("</dl>")
        if number == 4:
            body.append("<h3>Your numbers</h3>" + kpi_table_html(answers))
            body.append(funnel_html(answers, chart=chart))
        if number == 5:
            body.append(f"<p><b>Result:</b> {esc(alignment_result(answers).message)}</p>")
    return _page(f"{title}{' – ' + name if name else ''}", body)


def funnel_html(answers: dict, chart: bool = True) -> str:
    """Section 4's funnel as HTML: the chart (an inlined PNG described in words) or why it is not there
    yet, then its data-quality warnings.

    Examples
    --------
    >>> funnel_html(blank()) == f'<p class="note">{FUNNEL_WAITING}</p>'
    True
    >>> print(funnel_html({**blank(), "reach": "10", "visits": "20"}, chart=False))
    <p class="problem">Stage &#x27;visits&#x27; (20) is larger than the stage above it, &#x27;reached&#x27; (10):
    a rate of 200.0%. Check the counts and the stage order.</p>
    """
    esc = html.escape
    parts = []
    if chart:
        fig = funnel_figure(answers)
        if fig is None:
            parts.append(f'<p class="note">{esc(FUNNEL_WAITING)}</p>')
        else:
            from ..core.plots import figure_html

            parts.append(figure_html(fig))
    parts.extend(f'<p class="problem">{esc(w)}</p>' for w in funnel_notes(answers))
    return "".join(parts)


def kpi_table_html(answers: dict) -> str:
    """The live numbers of section 4 as an HTML table: measure, value, how it is worked out, why n/a.

    Examples
    --------
    >>> page = kpi_table_html({**blank(), "revenue": "<b>1</b>", "orders": "0"})
    >>> "<b>" in page, "orders is 0" in page
    (False, True)
    """
    esc = html.escape
    rows = "".join(
        f'<tr><td>{esc(r.label)}</td><td class="num">{esc(r.value)}</td><td>{esc(r.formula)}</td>'
        f"<td>{esc(r.reason or '')}</td></tr>"
        for r in worksheet_kpis(answers)
    )
    return f"<table><tr><th>measure</th><th>value</th><th>worked out as</th><th>why n/a</th></tr>{rows}</table>"


def blank_worksheet_html(title: str = "Sales and marketing worksheet") -> str:
    """The worksheet on paper: every question with its guidance and room to write, for a class.

    Choices are boxes to tick, scores are 1–5 to circle, and section 4 has a table for the
    month's numbers and one to work the KPIs out by hand, each with its formula in words.

    Examples
    --------
    >>> page = blank_worksheet_html()
    >>> page.count('class="question"') == len(FIELDS) - len(fields_in(4)) - len(fields_in(6))
    True
    >>> "marketing spend / new customers" in page
    True
    """
    esc = html.escape
    body = [
        f"<h1>{esc(title)}</h1>",
        '<p class="note">Name: ______________________ &nbsp; Date: ____________. '
        "Answer in a few words; an example from The Book Hub, a bookstore, is under each question "
        "in the online worksheet (<code>make worksheet</code>).</p>",
    ]
    for number, heading in SECTIONS.items():
        body.append(f"<h2>{number}. {esc(heading)}</h2>")
        if number == 4:
            body.append(_blank_numbers())
            continue
        if number == 6:
            rows = "".join(
                f'<tr><td>{label}</td><td style="width:50%"></td><td></td><td></td></tr>' for label, _ in ACTIONS
            )
            body.append(
                '<table class="actions"><tr><th>who</th><th>action</th><th>owner</th><th>by when</th></tr>'
                f"{rows}</table>"
            )
            continue
        for f in fields_in(number):
            body.append(
                f'<div class="question"><b>{esc(f.label)}</b><div class="guidance">{esc(f.guidance)}</div>'
                f"{_blank_answer(f)}</div>"
            )
        if number == 5:
            body.append('<p class="note">Your average: ______ of 5. Your two lowest practices are where to start.</p>')
    return _page(title, body)


def _blank_answer(field: Field) -> str:
    esc = html.escape
    if field.kind == "multi-choice" or field.kind == "choice":
        extra = " ☐ other: ________" if field.kind == "choice" else ""
        return '<div class="choices">' + "".join(f"<span>☐ {esc(o)}</span>" for o in field.options) + extra + "</div>"
    if field.kind == "score":
        return (
            '<div class="choices">' + "".join(f"<span>{n} {esc(word)}</span>" for n, word in SCALE.items()) + "</div>"
        )
    return f'<div class="box{" long" if field.kind == "long text" else ""}"></div>'


def _blank_numbers() -> str:
    esc = html.escape
    rows = "".join(
        f'<tr><td>{esc(f.label)}</td><td class="guidance">{esc(f.guidance)}</td><td class="write"></td></tr>'
        for f in fields_in(4)
    )
    kpi_rows = "".join(
        f'<tr><td>{esc(r.label)}</td><td>{esc(r.formula)}</td><td class="write"></td></tr>'
        for r in worksheet_kpis(blank())
    )
    return (
        "<table><tr><th>number</th><th>what to count</th><th>yours</th></tr>" + rows + "</table>"
        "<h3>Work them out</h3><table><tr><th>measure</th><th>worked out as</th><th>yours</th></tr>"
        + kpi_rows
        + '</table><p class="note">A result whose bottom number is 0 or unknown is n/a: '
        "write n/a, not 0.</p>"
    )


def _action_table(answers: dict) -> str:
    esc = html.escape
    rows = ["<table><tr><th>who</th><th>action</th><th>owner</th><th>by when</th></tr>"]
    for label, key in ACTIONS:
        cells = [esc(str(answers.get(f"{key}_{part}") or "")) for part in ("action", "owner", "date")]
        rows.append(f"<tr><td>{label}</td>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    rows.append("</table>")
    return "".join(rows)


def _csv_safe(text: str) -> str:
    """Keep a spreadsheet from running typed text as a formula (=, +, -, @ at the start)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def answers_csv(answers: dict) -> str:
    """The answers as CSV: section, field, question, answer (one row per question).

    Examples
    --------
    >>> print(answers_csv({**blank(), "business_name": "=HYPERLINK(1)"}).splitlines()[1])
    1,business_name,Business name,'=HYPERLINK(1)
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "field", "question", "answer"])
    for f in FIELDS:
        writer.writerow([f.section, f.id, f.label, _csv_safe(answer_text(f, answers.get(f.id)))])
    return out.getvalue()


def answers_json(answers: dict) -> str:
    """The answers as JSON text, with the schema version (sorted keys, UTF-8 text kept as is).

    Examples
    --------
    >>> json.loads(answers_json(blank()))["schema_version"]
    1
    """
    data = {"schema_version": SCHEMA_VERSION, "answers": {f.id: answers.get(f.id, "") for f in FIELDS}}
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


__all__ = [
    "SCHEMA_VERSION",
    "FIELDS",
    "SECTIONS",
    "Field",
    "KpiRow",
    "AlignmentResult",
    "ConflictError",
    "WorksheetFileError",
    "blank",
    "bookhub_example",
    "progress",
    "validate_field",
    "problems",
    "worksheet_kpis",
    "worksheet_funnel_table",
    "funnel_figure",
    "alignment_result",
    "file_name",
    "reload",
    "blank_worksheet_html",
    "kpi_table_html",
    "funnel_html",
    "answer_text",
    "funnel_notes",
    "worksheet_dir",
    "slug",
    "new_id",
    "new_record",
    "path_of",
    "load",
    "read_answers",
    "save",
    "save_as_copy",
    "list_worksheets",
    "summary_html",
    "answers_csv",
    "answers_json",
]
