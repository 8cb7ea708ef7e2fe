"""The worksheet's model: its questions (`FIELDS`, sections 1–6), blank answers, the Book Hub example,
progress and the checks of what was typed (`validate_field`, `problems`).

An answers dict maps every field id to the raw text as the owner typed it (a list of strings for a
multi-choice field; a score may also be an int). Nothing is parsed on save, so a half-typed or
wrong number is never lost: numbers are parsed on use with `validate_field`, which returns the
value or a one-sentence message.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from .. import limits
from ..core import kpis
from ..core.data import parse_numbers
from ..core.formatting import fmt_money, is_missing

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
