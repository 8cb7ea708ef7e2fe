"""The worksheet's model: its questions (`FIELDS`, sections 1–6), blank answers, the Book Hub example,
progress and the checks of what was typed (`validate_field`, `problems`).

An answers dict maps every field id to the raw text as the owner typed it (a list of strings for a
multi-choice field; a score may also be an int). Nothing is parsed on save, so a half-typed or
wrong number is never lost: numbers are parsed on use with `validate_field`, which returns the
value or a one-sentence message.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

import pandas as pd

from .. import limits
from ..core import benchmarks, kpis
from ..core.data import parse_numbers
from ..core.formatting import fmt_money, is_missing
from ..course import alignment

MAX_TEXT, MAX_LONG_TEXT = limits.MAX_TEXT, limits.MAX_LONG_TEXT  # characters in a one-line or a long answer
KINDS = ("text", "long text", "choice", "multi-choice", "count", "money", "hours", "percent", "date", "score")
NUMBER_KINDS = ("count", "money", "hours", "percent")

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
SCALE = dict(alignment.SCALE)  # lesson 09's scale: 1 = not true … 5 = fully true


@dataclass(frozen=True)
class Field:
    """One question of the worksheet.

    ``short`` names a number in the live numbers' formulas and reasons ("impressions", not the whole
    question); ``group`` is the heading a question of section 4 sits under. The Book Hub's answer
    (``example``, as it would be typed) and where its number comes from (``example_source``) are read
    from the Book Hub's data on first use (`smk_helpers.worksheet.examples`).
    """

    id: str
    section: int
    label: str
    kind: str
    guidance: str
    options: tuple = ()
    short: str = ""
    group: str = ""

    @property
    def max_length(self) -> int | None:
        return {"text": MAX_TEXT, "long text": MAX_LONG_TEXT}.get(self.kind)

    @property
    def name(self) -> str:
        """What messages call the answer: ``short`` if there is one, else the label."""
        return self.short or self.label

    @property
    def example(self):
        """The Book Hub's answer, as it would be typed (a tuple for multi-choice; "" where its data has none)."""
        from .examples import book_hub

        return book_hub()[self.id].value

    @property
    def example_source(self) -> str:
        """Where the example's number comes from, in words ("" for a plain text answer)."""
        from .examples import book_hub

        return book_hub()[self.id].source


def _f(id, section, label, kind, guidance, options=(), short="", group=""):
    return Field(id, section, label, kind, guidance, tuple(options), short, group)


_MARGIN = benchmarks.by_key("gross_margin")
CHAIN = "Your marketing's online chain"
MONEY = "Orders and money"
RETURN = "What your marketing cost and brought"
ONE_TO_ONE = "Selling one to one"
LOYALTY = "Customers who come back (the last 12 months)"

FIELDS: tuple[Field, ...] = (
    # 1. Your business
    _f("business_name", 1, "Business name", "text", "The name your customers know you by."),
    _f("what_you_sell", 1, "What you sell", "long text", "Your main products or services, in a sentence or two."),
    _f(
        "who_buys",
        1,
        "Who buys from you",
        "long text",
        "Describe your typical customers: who they are and why they come to you.",
    ),
    _f("currency", 1, "Currency", "choice", "The currency of the money amounts below.", CURRENCIES),
    # 2. Marketing
    _f(
        "marketing_goal",
        2,
        "Marketing goal",
        "long text",
        "What marketing should achieve in the next months, with a number if you can.",
    ),
    _f(
        "marketing_measure",
        2,
        "How marketing will measure success",
        "long text",
        "The numbers that will tell you marketing did its job: results such as leads or new customers and what "
        "each cost, not the money spent.",
    ),
    _f("target_audiences", 2, "Target audiences", "long text", "The groups you want to reach, most important first."),
    _f(
        "channels",
        2,
        "Channels you use",
        "multi-choice",
        "Tick every channel you use to reach many people at once.",
        CHANNELS,
    ),
    _f(
        "marketing_who",
        2,
        "Who does the marketing",
        "text",
        "The people who plan and do your marketing. In a small business it is often the owner, between other jobs.",
    ),
    _f(
        "marketing_hours",
        2,
        "Hours a week on marketing",
        "hours",
        "All of them together, in a usual week: posts, emails, ads, events, the website.",
        short="hours a week on marketing",
    ),
    _f("product", 2, "Product", "long text", "The first P: what you offer and what makes it worth choosing."),
    _f("price", 2, "Price", "long text", "The second P: how you set prices and any discounts."),
    _f("place", 2, "Place", "long text", "The third P: where and how customers can buy."),
    _f("promotion", 2, "Promotion", "long text", "The fourth P: how people hear about you."),
    # 3. Sales
    _f(
        "sales_goal",
        3,
        "Sales goal",
        "long text",
        "What your one-to-one selling should achieve, with a number if you can.",
    ),
    _f(
        "sales_measure",
        3,
        "How sales will measure success",
        "long text",
        "The numbers that will tell you selling did its job, such as the win rate, leads followed up, or revenue "
        "against a target.",
    ),
    _f(
        "sales_who",
        3,
        "Who does the selling",
        "text",
        "The people who talk with buyers one to one: at the counter, on the phone, on visits.",
    ),
    _f(
        "sales_hours",
        3,
        "Hours a week selling one to one",
        "hours",
        "All of them together, in a usual week: the time spent talking with single buyers and following them up.",
        short="hours a week selling",
    ),
    _f(
        "where_one_to_one",
        3,
        "Where you meet buyers one to one",
        "long text",
        "The places and moments where you talk with a single buyer.",
    ),
    _f("sales_steps", 3, "Your sales steps", "long text", "The steps from a first conversation to a sale, in order."),
    _f("objections", 3, "Objections you hear", "long text", "What buyers say when they hesitate, and how you answer."),
    # 4. Numbers
    _f(
        "month",
        4,
        "First day of the month",
        "date",
        "The month these numbers are for; all of them must come from the same month.",
    ),
    _f(
        "impressions",
        4,
        "Times your marketing was seen (impressions, emails sent)",
        "count",
        "How many times your posts, ads and listings were shown and your emails were sent this month. These are "
        "impressions, not people: one person who sees you ten times counts ten.",
        short="impressions",
        group=CHAIN,
    ),
    _f(
        "visits",
        4,
        "Website visits",
        "count",
        "Visits (sessions) to your website or online shop this month, as your web analytics counts them. Leave out "
        "people who walk into your shop: they did not come through this chain.",
        short="website visits",
        group=CHAIN,
    ),
    _f(
        "leads",
        4,
        "Leads",
        "count",
        "People who showed interest you can follow up: sign-ups, enquiries, requests.",
        group=CHAIN,
    ),
    _f(
        "lead_buyers",
        4,
        "Leads who bought",
        "count",
        "How many of those leads bought from you (each person once). Buyers who were never a lead, such as "
        "walk-ins, are not counted here.",
        short="leads who bought",
        group=CHAIN,
    ),
    _f(
        "customers",
        4,
        "New customers",
        "count",
        "People who bought from you for the first time this month, whether they came as a lead or walked in.",
        short="new customers",
        group=MONEY,
    ),
    _f("orders", 4, "Orders", "count", "All orders this month, from new and returning customers.", group=MONEY),
    _f("revenue", 4, "Revenue", "money", "What those orders brought in, before costs.", group=MONEY),
    _f(
        "gross_margin",
        4,
        "Gross margin (%)",
        "percent",
        "What is left of revenue after the cost of what you sold (and any platform fees), in percent. The ROI and "
        "break-even below apply it to the orders your marketing brought: if those carry discounts, type their own, "
        f"lower margin if you know it. A whole bookshop typically keeps {_MARGIN.range_text()} ({_MARGIN.source}).",
        short="gross margin",
        group=MONEY,
    ),
    _f(
        "marketing_spend",
        4,
        "Marketing spend",
        "money",
        "What you paid for marketing this month: ads, printing, tools.",
        group=RETURN,
    ),
    _f(
        "attributed_orders",
        4,
        "Orders your marketing brought",
        "count",
        "Orders this month you can trace to a campaign: a discount code, a tracked link, a reply to a newsletter. "
        "Leave it blank if you cannot tell.",
        short="orders your marketing brought",
        group=RETURN,
    ),
    _f(
        "attributed_revenue",
        4,
        "Revenue your marketing brought",
        "money",
        "What those orders brought in.",
        short="revenue your marketing brought",
        group=RETURN,
    ),
    _f(
        "selling_hours",
        4,
        "Hours spent selling one to one",
        "hours",
        "Staff hours spent talking with single buyers this month.",
        short="selling hours",
        group=ONE_TO_ONE,
    ),
    _f(
        "hourly_cost",
        4,
        "Cost of an hour of staff time",
        "money",
        f"Wage plus extras. Left blank, the worksheet uses {fmt_money(kpis.STAFF_HOURLY_COST)}.",
        short="hourly cost",
        group=ONE_TO_ONE,
    ),
    _f(
        "conversations",
        4,
        "One-to-one conversations",
        "count",
        "How many one-to-one conversations those hours paid for. Leave out any whose result you do not know yet.",
        short="one-to-one conversations",
        group=ONE_TO_ONE,
    ),
    _f(
        "conversations_won",
        4,
        "Conversations won",
        "count",
        "How many of those conversations ended in a sale.",
        short="conversations won",
        group=ONE_TO_ONE,
    ),
    _f(
        "customers_12m",
        4,
        "Customers in the last 12 months",
        "count",
        "Customers you can tell apart (by name, card or account) who bought in the 12 months to the end of this month.",
        short="customers in the last 12 months",
        group=LOYALTY,
    ),
    _f(
        "repeat_customers",
        4,
        "Of them, customers who bought twice or more",
        "count",
        "Of those customers, how many placed two or more orders in the same 12 months.",
        short="repeat customers",
        group=LOYALTY,
    ),
    # 5. Working together: lesson 09's statements, defined once in course.alignment
    *(
        _f(
            f"align_{s.key}",
            5,
            s.text.rstrip("."),
            "score",
            f"Practice: {s.practice}.",
            short=s.practice,
        )
        for s in alignment.STATEMENTS
    ),
    # 6. Action plan
    _f("marketing_action", 6, "Marketing action", "long text", "One thing marketing will do next."),
    _f("marketing_owner", 6, "Marketing action: owner", "text", "Who does it."),
    _f("marketing_date", 6, "Marketing action: date", "date", "By when."),
    _f("sales_action", 6, "Sales action", "long text", "One thing sales will do next."),
    _f("sales_owner", 6, "Sales action: owner", "text", "Who does it."),
    _f("sales_date", 6, "Sales action: date", "date", "By when."),
    _f("shared_action", 6, "Shared action", "long text", "One thing both sides will do together."),
    _f("shared_owner", 6, "Shared action: owner", "text", "Who does it."),
    _f("shared_date", 6, "Shared action: date", "date", "By when."),
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
    """The Book Hub's answers to every question, as typed (synthetic data, in the course's own words).

    Its numbers come from the Book Hub's files (`smk_helpers.worksheet.examples`), read once per process;
    each call returns a fresh dict. The one question its data cannot answer (the hours a week spent on
    marketing) is left blank.

    Examples
    --------
    >>> ex = bookhub_example()
    >>> ex["business_name"], ex["month"], ex["orders"]
    ('The Book Hub', '2025-03-01', '586')
    >>> progress(ex) == (len(FIELDS) - 1, len(FIELDS))
    True
    """
    from .examples import book_hub

    examples = book_hub()
    return {f.id: list(v) if isinstance(v := examples[f.id].value, tuple) else v for f in FIELDS}


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
    (2, 56)
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
    ``1,234.50`` or ``$1,234.50``, read by `smk_helpers.core.data.parse_numbers`); a percentage
    is typed from 0 to 100 (``45`` or ``45%``) and comes back as a fraction (0.45); dates are
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
        value is str, list, int (count, score), float (money, hours; a fraction for a percentage) or
        datetime.date.

    Examples
    --------
    >>> validate_field("revenue", "$1,234.50")
    (1234.5, None)
    >>> validate_field("visits", "lots")
    (None, 'Website visits must be a number, such as 1200; "lots" is not one.')
    >>> validate_field("gross_margin", "45%"), validate_field("gross_margin", "0.45")[1]
    ((0.45, None), 'Gross margin is a percentage: type 45 for 45%, not 0.45.')
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
            return None, f'Score "{label}" from 1 (not true) to 5 (fully true).'
        return int(text), None
    if field.kind == "date":
        try:
            return dt.date.fromisoformat(text), None
        except ValueError:
            return None, f'{label} must be a date written year-month-day, such as 2025-03-31; "{text}" is not one.'
    # count, money, hours, percent
    name = field.name[:1].upper() + field.name[1:]
    number = text.removesuffix("%").rstrip() if field.kind == "percent" else text
    value, bad = _parsed(number)
    if bad or is_missing(value):
        example = {"count": "1200", "money": "1,234.50", "hours": "12.5", "percent": "45"}[field.kind]
        hint = ""
        if re.fullmatch(r"[^\d]*\d{1,3}(?:\.\d{3})*,\d{1,2}[^\d]*", text):  # 12,5 or 1.234,50
            hint = f" (write decimals with a point: {text.replace('.', '').replace(',', '.')})"
        return None, f'{name} must be a number, such as {example}; "{text}" is not one{hint}.'
    if value < 0:
        return None, f"{name} cannot be negative."
    if field.kind == "count":
        if not float(value).is_integer():
            return None, f"{name} is a count: a whole number, such as 1200."
        return int(value), None
    if field.kind == "percent":
        if value > 100:
            return None, f"{name} is a percentage from 0 to 100, such as 45."
        if 0 < value < 1:
            return None, f"{name} is a percentage: type {100 * value:g} for {100 * value:g}%, not {text}."
        return float(value) / 100, None
    return float(value), None


@functools.lru_cache(maxsize=4096)
def _parsed(text: str) -> tuple[float, bool]:
    """A number as the loader reads it (`parse_numbers`): (value, unreadable). Kept, so that recomputing the live
    numbers after one change parses only the answer that changed."""
    values, bad = parse_numbers(pd.Series([text], dtype="str"))
    return values.iloc[0], bool(bad.iloc[0])


def problems(answers: dict) -> dict[str, str]:
    """The message of every answer that does not pass `validate_field`, by field id.

    Examples
    --------
    >>> problems({**blank(), "impressions": "ten", "orders": "12"})
    {'impressions': 'Impressions must be a number, such as 1200; "ten" is not one.'}
    """
    found = {}
    for f in FIELDS:
        _, message = validate_field(f.id, answers.get(f.id))
        if message:
            found[f.id] = message
    return found
