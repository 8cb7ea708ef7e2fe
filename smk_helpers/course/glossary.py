"""The course's glossary: every KPI and every term, what it means, how it is worked out, and where it is taught.

Nothing in it is written twice. The KPIs come from the catalogue (`smk_helpers.core.catalog`): a KPI's
label is its term, and its definition and formula are the first line and the ``Formula:`` line of the
docstring of the function that computes it (`kpis.formula_of`), with the label left out where the line
starts by repeating it. The plain totals, which no function divides, get a definition here (`TOTALS`), and
so does a KPI whose docstring's first line says too little for a student (`DEFINITIONS`). The other terms
of the course are in `TERMS`, in our own words; a term with a formula names the function whose
``Formula:`` line states it. Docstring markup is written as plain text (`plain`).

* `entries` lists every entry; `glossary` shows them as a table with an anchor per term, so a lesson can
  link to one: ``[ROAS](11_glossary_and_review.ipynb#roas)`` (`link` writes such a link).
* `early_uses` finds the terms a lesson uses before the lesson that teaches them, where the lesson neither
  links to the entry nor defines the term (sets it in bold or italics) at its first use.
"""

from __future__ import annotations

import html
import inspect
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..core import attribution, catalog, funnel, incrementality, kpis, pipeline, survey
from . import LESSONS
from .concepts import SALES_PROCESS

__all__ = [
    "DEFINITIONS",
    "FILE",
    "KPI_LESSONS",
    "TERMS",
    "TOTALS",
    "Entry",
    "Glossary",
    "Term",
    "defines",
    "early_uses",
    "entries",
    "find",
    "glossary",
    "link",
    "links_to",
    "mentions",
    "plain",
    "slug",
]

FILE = next(lesson.file for lesson in LESSONS if lesson.number == "11")  # where the glossary is shown
_FORMULA_MODULES = {
    "kpis": kpis,
    "funnel": funnel,
    "pipeline": pipeline,
    "attribution": attribution,
    "survey": survey,
    "incrementality": incrementality,
}


def slug(text: str) -> str:
    """The anchor of a term: lower case, every run of other characters than letters and digits one hyphen.

    Examples
    --------
    >>> slug("Customer lifetime value (CLV)")
    'customer-lifetime-value-clv'
    >>> slug("know–like–trust")
    'know-like-trust'
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass(frozen=True)
class Term:
    """A term of the course that is not a catalogue KPI.

    Parameters
    ----------
    term : str
        The term as the glossary shows it.
    definition : str
        What it means, in a sentence of our own.
    lesson : str
        The number of the lesson that teaches it, e.g. ``"05"``.
    names : tuple of str
        Other ways the lessons write it ("TOFU", "top of the funnel"); the term itself is always one.
    formula : str
        ``"module.function"`` of `smk_helpers.core` whose ``Formula:`` line states the formula, or a
        formula in words where no function computes it; "" when there is none.
    """

    term: str
    definition: str
    lesson: str
    names: tuple[str, ...] = ()
    formula: str = ""


@dataclass(frozen=True)
class Entry:
    """One line of the glossary: a term, what it means, its formula ("" if none) and the lesson that teaches it.

    ``names`` are the ways the lessons write the term (the term first); ``kpi`` is its catalogue key, if it
    is a KPI, and ``anchor`` the id of its line in the glossary.
    """

    term: str
    definition: str
    formula: str
    lesson: str
    names: tuple[str, ...] = field(default=())
    kpi: str = ""

    @property
    def anchor(self) -> str:
        return slug(self.kpi or self.term)


# -------------------------------------------------------------------------------------------------
# The KPIs: which lesson teaches each, and the other ways the lessons write it

# catalogue key -> (lesson that teaches it, other names the lessons use)
KPI_LESSONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "marketing_spend": ("06", ("marketing spend",)),
    "marketing_share": ("02", ("marketing share",)),
    "impressions": ("03", ("impression",)),
    "clicks": ("03", ()),
    "ctr": ("03", ("CTR", "click-through rate", "click-through")),
    "leads": ("03", ("lead",)),
    "cost_per_lead": ("06", ("cost per lead",)),
    "cac": ("06", ("CAC", "customer acquisition cost")),
    "attributed_revenue": ("03", ("attributed revenue", "orders credited")),
    "roas": ("03", ("ROAS", "return on ad spend")),
    "break_even_roas": ("03", ("break-even ROAS",)),
    "marketing_roi": ("06", ("ROI", "return on investment")),
    "nps": ("07", ("NPS", "Net Promoter Score")),
    "revenue": ("00", ("revenue",)),
    "orders": ("00", ("order",)),
    "average_order_value": ("07", ("average order value", "AOV")),
    "gross_margin": ("03", ("gross margin",)),
    "customers": ("07", ("identified customer",)),
    "new_customers": ("06", ("new customer",)),
    "repeat_purchase_rate": ("07", ("repeat purchase rate", "repeat rate")),
    "win_rate": ("07", ("win rate",)),
    "deal_win_rate": ("07", ("win rate",)),
    "open_deals": ("08", ("open deal",)),
    "open_pipeline_value": ("08", ("pipeline value", "open value")),
    "weighted_forecast": ("08", ("weighted forecast",)),
    "days_to_close": ("08", ("days to close", "sales cycle")),
}

# The definitions of the plain totals, which no function computes (so no docstring says what they are).
TOTALS: dict[str, str] = {
    "marketing_spend": "What the campaigns cost in the period; a campaign that runs past the period's edge "
    "counts only for its days inside it.",
    "impressions": "How often the campaigns were seen: each time an ad or a post was shown, or an email sent. "
    "One person can account for many.",
    "clicks": "How often someone followed a campaign through to the shop's site.",
    "leads": "Contacts who gave a way to follow them up: a sign-up, an enquiry, a request for a quote.",
    "open_deals": "Deals that are neither won nor lost yet.",
}

# KPIs whose docstring's first line is circular or too terse for a glossary, in our own words. The reports
# keep the docstrings' wording; the catalogue and kpis.py are left alone.
DEFINITIONS: dict[str, str] = {
    "revenue": "The money the orders brought in: what customers paid, before any cost is taken off.",
    "orders": "How many orders there were: each till receipt, web order or marketplace order counts once.",
    "customers": "How many different customers ordered, counting the orders that name a customer; anonymous "
    "orders are left out.",
    "new_customers": "Customers whose first order in the data falls in the period. Near the start of the data, "
    "old customers seen for the first time count too.",
    "cost_per_lead": "What one lead cost: the campaigns' spend spread over the sign-ups and enquiries they brought.",
    "cac": "What winning one new customer cost: all the marketing spend over all the new customers, whichever "
    "channel brought them (a blended figure).",
    "gross_margin": "The share of revenue left after paying for the goods sold, as actually earned on the orders.",
    "win_rate": "The share of decided sales conversations of every kind (calls, visits, quotes) that ended in a "
    "sale; conversations still open are left out.",
    "deal_win_rate": "The share of decided deals that were won: only the conversations with a deal value, followed "
    "stage by stage through the pipeline; open deals are left out.",
}

# -------------------------------------------------------------------------------------------------
# The other terms of the course, in our own words

TERMS: tuple[Term, ...] = (
    Term(
        "marketing",
        "The work of making the right people know, want and trust an offer, mostly one-to-many "
        "and with an eye on the long run.",
        "01",
    ),
    Term(
        "sales",
        "The work of turning someone's interest into a purchase, one customer or account at a time, "
        "through conversation.",
        "01",
    ),
    Term(
        "B2B",
        "Business to business: the buyer is an organisation, the orders are large and few, several "
        "people decide, and a sale can take months.",
        "01",
        ("business to business",),
    ),
    Term(
        "B2C",
        "Business to consumer: the buyer is a person spending their own money, the orders are small "
        "and many, and most are decided on the spot.",
        "01",
        ("business to consumer",),
    ),
    Term(
        "public relations (PR)",
        "Attention that is earned rather than bought: a story the local paper runs, "
        "an interview, a talk the owner gives.",
        "01",
        ("public relations", "PR"),
    ),
    Term(
        "CRM",
        "Customer relationship management: the shared record of customers, their orders and every "
        "conversation with them.",
        "01",
        ("customer relationship management",),
    ),
    Term(
        "segmentation",
        "Splitting a market into groups of buyers who want similar things and can be reached in similar ways.",
        "02",
        ("segment",),
    ),
    Term(
        "targeting",
        "Choosing which segments to serve, by their size, value, reach and fit.",
        "02",
        ("target audience",),
    ),
    Term(
        "positioning",
        "The place a business wants to hold in its target buyers' minds against the "
        "alternatives, and the reason they should pick it.",
        "02",
        ("positioning statement",),
    ),
    Term(
        "4 Ps",
        "The marketing mix as four decisions: product, price, place and promotion.",
        "03",
        ("four Ps", "marketing mix"),
    ),
    Term(
        "7 Ps",
        "The 4 Ps plus people, process and physical evidence, for businesses that sell a service.",
        "03",
        ("seven Ps",),
    ),
    Term(
        "4 Cs",
        "The marketing mix seen from the buyer's side: customer, cost, convenience and communication.",
        "03",
        ("four Cs",),
    ),
    Term(
        "one-to-many",
        "Selling by one message to many at once (ads, posts, a newsletter): cheap per contact, "
        "wide reach, rarely an order per contact.",
        "04",
    ),
    Term(
        "one-to-one",
        "Selling by a conversation with one buyer at a time: dear per contact and capped by "
        "hours, but often ends in an order.",
        "04",
    ),
    Term(
        "hand-selling",
        "A bookseller recommending a book to one customer in the shop: one-to-one selling on the floor.",
        "04",
        ("hand-sell",),
    ),
    Term(
        "cost per contact",
        "What one contact with a buyer costs: an ad shown, or a conversation held.",
        "04",
        formula="kpis.cost_per_contact",
    ),
    Term("cost per order", "What an approach spends for each order it brings.", "04", formula="kpis.cost_per_order"),
    Term("CPC", "Cost per click: what each click on a campaign cost.", "06", ("cost per click",), formula="kpis.cpc"),
    Term(
        "CPM",
        "Cost per thousand impressions: the price of being seen a thousand times.",
        "06",
        ("cost per thousand",),
        formula="kpis.cpm",
    ),
    Term(
        "funnel",
        "The path from first noticing an offer to buying, drawn as stages that fewer and fewer people reach.",
        "05",
    ),
    Term("AIDA", "The oldest funnel: attention (or awareness), interest, desire, action.", "05"),
    Term(
        "TOFU, MOFU, BOFU",
        "The top, middle and bottom of the funnel: the first glance and interest, weighing the options, the decision.",
        "05",
        ("TOFU", "MOFU", "BOFU", "top of the funnel", "bottom of the funnel"),
    ),
    Term(
        "stage conversion",
        "The share of those who reached one stage of the funnel who went on to the next; "
        "the overall conversion runs from the first stage to the last.",
        "05",
        ("conversion rate",),
        formula="funnel.stage_conversion",
    ),
    Term(
        "handoff",
        "The moment a lead passes from marketing to sales, by a rule both sides agreed.",
        "05",
        ("lead handoff",),
    ),
    Term(
        "MQL",
        "Marketing-qualified lead: a lead marketing judges worth passing on, such as a newsletter subscriber.",
        "05",
        ("marketing-qualified lead",),
    ),
    Term(
        "SQL",
        "Sales-qualified lead: a lead sales accepts as a real buying conversation, such as a special-order request.",
        "05",
        ("sales-qualified lead",),
    ),
    Term(
        "percentage point",
        "The unit of a difference between two percentages: 2% to 3% is one point, but a rise of 50 percent.",
        "05",
        formula="new rate − old rate",
    ),
    Term(
        "KPI",
        "Key performance indicator: a number a team watches to tell whether it is doing its job.",
        "06",
        ("key performance indicator",),
    ),
    Term(
        "ratio of sums",
        "A rate worked out by adding up the top and the bottom first, then dividing once; "
        "the right way to combine rates.",
        "00",
        formula="Σ numerator / Σ denominator",
    ),
    Term(
        "mean of ratios",
        "The average of many rates, each over its own base: the mistake that gives a small "
        "campaign as much weight as a big one.",
        "06",
    ),
    Term(
        "paid CAC",
        "CAC over paid campaigns only: their spend, and the new customers they are credited with.",
        "06",
        formula="kpis.paid_cac",
    ),
    Term("attribution", "Giving an order's credit to the campaign or contact that led to it.", "06"),
    Term(
        "first-touch attribution",
        "All the credit to the first contact of a customer's path.",
        "06",
        ("first-touch", "first touch"),
    ),
    Term(
        "last-touch attribution",
        "All the credit to the last contact before the purchase.",
        "06",
        ("last-touch", "last touch"),
    ),
    Term("linear attribution", "The credit shared equally by every contact of the path.", "06"),
    Term(
        "incrementality",
        "The part of the sales that a campaign really added: what happened against what "
        "would have happened without it.",
        "06",
        ("incremental", "extra sales"),
        formula="incrementality.baseline_comparison",
    ),
    Term(
        "customer journey",
        "The marketing contacts a customer had, in order, before their first order.",
        "06",
        ("journey",),
    ),
    Term(
        "holdout",
        "A group kept away from a campaign on purpose, so the difference from the rest "
        "measures what the campaign added.",
        "06",
        ("hold-out",),
    ),
    Term(
        "customer lifetime value (CLV)",
        "What a customer is worth over the years, in gross profit.",
        "07",
        ("customer lifetime value", "CLV", "lifetime value"),
        formula="kpis.simple_clv",
    ),
    Term(
        "LTV:CAC",
        "What a customer is worth against what it cost to win them; at least 3 is a rule of thumb "
        "from subscription software.",
        "07",
        formula="kpis.ltv_to_cac",
    ),
    Term(
        "quota",
        "A seller's or team's revenue target for a period; attainment is how much of it they reached.",
        "07",
        ("quota attainment", "attainment"),
        formula="kpis.quota_attainment",
    ),
    Term(
        "brand awareness",
        "How many people know the name: unprompted (they name it) or aided (they recognise it on a list).",
        "07",
        ("aided awareness", "recall"),
    ),
    Term(
        "engagement", "How much people interact with what marketing publishes: replies, shares, comments, opens.", "07"
    ),
    Term(
        "share of search",
        "A brand's searches as a share of all searches for its kind of business: a stand-in for market share.",
        "07",
    ),
    Term("list growth", "How fast the list of people marketing may write to (subscribers, followers) grows.", "07"),
    Term(
        "margin of error",
        "How far a number from a sample could be from the truth by chance alone.",
        "07",
        formula="survey.nps_margin",
    ),
    Term(
        "sales process",
        "The steps a sale goes through: "
        + ", ".join(stage.name for stage in SALES_PROCESS[:-1])
        + f" and {SALES_PROCESS[-1].name}.",
        "08",
    ),
    Term("deal", "One possible sale followed through the stages of the sales process until it is won or lost.", "08"),
    Term("pipeline", "All the deals under way, stage by stage.", "08"),
    Term(
        "sales team structure",
        "How a sales team splits its buyers between sellers: by region, by product or by customer type.",
        "08",
        ("by region", "by customer type"),
    ),
    Term(
        "know–like–trust",
        "The three steps by which a stranger comes to buy: they know of you, come to "
        "like you, then trust you enough to pay.",
        "08",
        ("know-like-trust", "know, like"),
    ),
    Term("cold lead", "A lead who has had no contact with the business yet.", "08"),
    Term("warm lead", "A lead who already knows the business, through a friend, an event or earlier contact.", "08"),
    Term(
        "smarketing",
        "Sales and marketing run as one team, with shared goals, an agreed handoff, one "
        "record, one message and a feedback loop.",
        "09",
    ),
    Term("shared goals", "One target that both sides own, such as new customers a month.", "09"),
    Term(
        "feedback loop",
        "Sales telling marketing which leads bought, and marketing changing its plans because of it.",
        "09",
    ),
    Term("consistent messaging", "Campaigns promising exactly what the sellers say and do.", "09"),
)


# -------------------------------------------------------------------------------------------------
# The entries


def plain(text: str) -> str:
    """A docstring's words as a student reads them: ``code`` markup without its backticks, NaN as n/a.

    Examples
    --------
    >>> plain("distinct ``customer_id`` values; NaN for the top stage")
    'distinct customer_id values; n/a for the top stage'
    """
    return re.sub(r"\bNaN\b", "n/a", re.sub(r"``([^`]+)``", r"\1", text))


def _formula(spec: str) -> str:
    """The formula a term names: the ``Formula:`` line of ``module.function``, else ``spec`` as written."""
    module, _, name = spec.partition(".")
    if module in _FORMULA_MODULES and name and hasattr(_FORMULA_MODULES[module], name):
        return plain(kpis.formula(getattr(_FORMULA_MODULES[module], name)))
    return spec


def _without_label(label: str, text: str) -> str:
    """``text`` without a leading repeat of ``label`` ("Click-through rate: the share ..." -> "The share ...").

    Examples
    --------
    >>> _without_label("Net Promoter Score (NPS)", "The Net Promoter Score: promoters minus detractors.")
    'Promoters minus detractors.'
    >>> _without_label("ROAS", "Return on ad spend: revenue per dollar.")
    'Return on ad spend: revenue per dollar.'
    """
    base = re.escape(re.sub(r"\s*\([^)]*\)$", "", label))
    found = re.match(rf"(?:the\s+)?{base}(?:\s*\([^)]*\))?\s*:\s*", text, re.I)
    if not found:
        return text
    rest = text[found.end() :]
    return rest[:1].upper() + rest[1:]


def _definition(kpi: catalog.Kpi) -> str:
    """A KPI's definition: from `DEFINITIONS` or `TOTALS` if there, else its function's docstring's first line."""
    if kpi.key in DEFINITIONS:
        return DEFINITIONS[kpi.key]
    if not kpi.computed_by:
        return TOTALS[kpi.key]
    first = inspect.getdoc(getattr(kpis, kpi.computed_by)).split("\n\n")[0]
    return plain(_without_label(kpi.label, " ".join(first.split())))


def entries() -> list[Entry]:
    """Every entry of the glossary, the catalogue's KPIs and the course's terms, in alphabetical order.

    Examples
    --------
    >>> found = {e.term: e for e in entries()}
    >>> found["ROAS"].formula, found["ROAS"].lesson
    ('attributed revenue / spend', '03')
    >>> found["CPM"].formula
    'spend / impressions × 1000'
    """
    found = [
        Entry(
            kpi.label,
            _definition(kpi),
            plain(kpis.formula_of(kpi)),
            KPI_LESSONS[kpi.key][0],
            (kpi.label, *KPI_LESSONS[kpi.key][1]),
            kpi.key,
        )
        for kpi in catalog.KPIS
    ]
    found += [Entry(t.term, t.definition, _formula(t.formula), t.lesson, (t.term, *t.names)) for t in TERMS]
    return sorted(found, key=lambda e: e.term.lower())


def find(term: str) -> Entry:
    """The entry of ``term``: its term, catalogue key or any name the lessons use, ignoring case.

    Examples
    --------
    >>> find("cac").term
    'Customer acquisition cost (CAC)'
    >>> find("top of the funnel").term
    'TOFU, MOFU, BOFU'
    """
    wanted = term.strip().lower()
    for entry in entries():
        if wanted in {entry.kpi, entry.anchor, *(name.lower() for name in entry.names)}:
            return entry
    raise KeyError(f"{term!r} is not in the glossary.")


def link(term: str, text: str | None = None) -> str:
    """A markdown link to ``term``'s glossary entry, for a lesson to put where it first uses the term.

    Examples
    --------
    >>> link("ROAS")
    '[ROAS](11_glossary_and_review.ipynb#roas)'
    >>> link("pipeline", "pipeline")
    '[pipeline](11_glossary_and_review.ipynb#pipeline)'
    """
    entry = find(term)
    return f"[{text or term}]({FILE}#{entry.anchor})"


# -------------------------------------------------------------------------------------------------
# The table


class Glossary:
    """The glossary as a table: Jupyter shows it as HTML with an anchor on every line.

    ``table`` is the same as a DataFrame indexed by term, with the columns ``meaning``, ``formula`` and
    ``lesson``.
    """

    def __init__(self, found: list[Entry]):
        self.entries = found
        self.table = pd.DataFrame(
            [(e.term, e.definition, e.formula, e.lesson) for e in found],
            columns=["term", "meaning", "formula", "lesson"],
        ).set_index("term")

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return "\n".join(
            f"{e.term}: {e.definition}" + (f" Formula: {e.formula}." if e.formula else "") + f" (lesson {e.lesson})"
            for e in self.entries
        )

    def _repr_html_(self) -> str:
        titles = {lesson.number: lesson for lesson in LESSONS}
        rows = []
        for e in self.entries:
            lesson = titles[e.lesson]
            where = (
                f'<a href="{html.escape(lesson.file)}">{e.lesson} {html.escape(lesson.title)}</a>'
                if lesson.ready
                else f"{e.lesson} {html.escape(lesson.title)}"
            )
            formula = f"<code>{html.escape(e.formula)}</code>" if e.formula else ""
            # JupyterLab finds a link's #fragment by data-jupyter-id (the id of an untrusted output, which its
            # sanitizer renames) or id (a trusted output keeps it): give both, so a link lands either way.
            rows.append(
                f'<tr id="{e.anchor}" data-jupyter-id="{e.anchor}">'
                f'<td style="text-align:left;vertical-align:top"><strong>{html.escape(e.term)}</strong></td>'
                f'<td style="text-align:left;vertical-align:top">{html.escape(e.definition)}</td>'
                f'<td style="text-align:left;vertical-align:top">{formula}</td>'
                f'<td style="text-align:left;vertical-align:top;white-space:nowrap">{where}</td></tr>'
            )
        return (
            '<table class="smk-glossary"><thead><tr><th style="text-align:left">term</th>'
            '<th style="text-align:left">what it means</th><th style="text-align:left">formula</th>'
            f'<th style="text-align:left">taught in</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
        )


def glossary(lesson: str | None = None, search: str | None = None) -> Glossary:
    """The glossary: every term and KPI of the course, with its meaning, formula and the lesson that teaches it.

    Parameters
    ----------
    lesson : str, optional
        Only the terms a lesson teaches, e.g. ``"06"``.
    search : str, optional
        Only the entries whose term, names, meaning or formula contain this text (any case).

    Returns
    -------
    Glossary
        Shown in Jupyter as a table with an anchor per term; its ``table`` is a DataFrame.

    Examples
    --------
    >>> glossary(lesson="09").table.index.tolist()
    ['consistent messaging', 'feedback loop', 'shared goals', 'smarketing']
    >>> glossary(search="break-even").table.loc["Break-even ROAS", "formula"]
    '1 / gross margin'
    """
    found = entries()
    if lesson is not None:
        found = [e for e in found if e.lesson == lesson]
    if search:
        wanted = search.lower()
        found = [e for e in found if any(wanted in text.lower() for text in (*e.names, e.definition, e.formula))]
    return Glossary(found)


# -------------------------------------------------------------------------------------------------
# Terms used before they are taught

_CODE = re.compile(r"`[^`]*`")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_EMPHASIS = re.compile(r"(?<![\w*])(\*\*|__|\*|_)(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![\w*])", re.S)


def _readable(markdown: str) -> str:
    """Markdown as a reader reads it: without code, link targets and HTML tags."""
    return _TAG.sub(" ", _LINK_TARGET.sub("]", _CODE.sub(" ", markdown)))


def _pattern(name: str) -> re.Pattern:
    """A whole-word match of ``name`` (a plural too); a name in capitals, such as SQL, only in capitals."""
    flags = 0 if name.upper() == name else re.I
    body = r"\s+".join(re.escape(word) for word in name.split())
    return re.compile(rf"(?<![\w-]){body}(?:s|es)?(?![\w-])", flags)


def mentions(markdown: str, entry: Entry) -> bool:
    """Whether ``markdown`` uses any name of ``entry`` (outside code and link targets).

    Examples
    --------
    >>> mentions("The funnel's top is wide.", find("funnel")), mentions("`funnel.csv`", find("funnel"))
    (True, False)
    """
    text = _readable(markdown)
    return any(_pattern(name).search(text) for name in entry.names)


def links_to(markdown: str, entry: Entry) -> bool:
    """Whether ``markdown`` links to ``entry`` in the glossary.

    Examples
    --------
    >>> links_to("Its [ROAS](11_glossary_and_review.ipynb#roas) is high.", find("ROAS"))
    True
    """
    return f"{FILE}#{entry.anchor})" in markdown


def defines(markdown: str, entry: Entry) -> bool:
    """Whether ``markdown`` defines ``entry`` where it uses it.

    A name of it set in bold or italics counts, and so does an abbreviation beside what it stands for,
    such as "return on ad spend (ROAS)".

    Examples
    --------
    >>> defines("A **pipeline** is every deal under way.", find("pipeline"))
    True
    >>> defines("Compare the return on ad spend (ROAS) with break-even.", find("ROAS"))
    True
    >>> defines("The pipeline grew.", find("pipeline"))
    False
    """
    text = _CODE.sub(" ", markdown)
    spans = [m.group(2) for m in _EMPHASIS.finditer(text)]
    if any(_pattern(name).search(span) for span in spans for name in entry.names):
        return True
    text = _readable(markdown)
    places = [(m.start(), m.end(), name) for name in entry.names for m in _pattern(name).finditer(text)]
    return any(
        a != b and 0 <= start_b - end_a <= _BESIDE and a.lower() not in b.lower() and b.lower() not in a.lower()
        for start_a, end_a, a in places
        for start_b, _, b in places
    )


_BESIDE = 6  # at most this many characters between an abbreviation and what it stands for: " (", ", the "
_NEXT = re.compile(r"^## What's next.*?(?=^#{1,2} |\Z)", re.M | re.S)


def _lesson_markdown(notebooks_dir) -> dict[str, list[str]]:
    """The markdown cells of each lesson, by lesson number, without their "What's next" section (a preview)."""
    import nbformat

    texts = {}
    for path in sorted(Path(notebooks_dir).glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        texts[path.name[:2]] = [_NEXT.sub(" ", c.source) for c in nb.cells if c.cell_type == "markdown"]
    return texts


def early_uses(notebooks_dir) -> list[tuple[str, str]]:
    """The terms a lesson uses before they are taught, with no link to the glossary and no definition.

    A term is taught by the lesson the glossary names, or earlier by a lesson that defines it (see
    `defines`). A lesson before that which uses the term must link to its entry (`link`) or define it in
    the first markdown cell where it uses it. The "What's next" cell, a preview of the next lesson, is not
    a use.

    Parameters
    ----------
    notebooks_dir : str or Path
        The folder of the lessons, ``NN_name.ipynb``.

    Returns
    -------
    list of (lesson number, term)
        In lesson order, then the glossary's order.
    """
    texts = _lesson_markdown(notebooks_dir)
    found = []
    for entry in entries():
        for lesson, cells in texts.items():
            if lesson >= entry.lesson:
                break
            first = next((cell for cell in cells if mentions(cell, entry)), None)
            if first is not None and not links_to(first, entry) and not defines(first, entry):
                found.append((lesson, entry.term))
            if any(defines(cell, entry) for cell in cells):
                break  # defined in this lesson: the lessons after it may use it freely
    order = {entry.term: i for i, entry in enumerate(entries())}
    return sorted(found, key=lambda pair: (pair[0], order[pair[1]]))
