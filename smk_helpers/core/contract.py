"""The business-data contract: which files a business folder holds and what each column means.

This module is the single home of the contract. The loader (`smk_helpers.core.data`) enforces it,
`smk init` writes templates from it, and `data/README.md` documents it in prose.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Column kinds and what the loader turns them into:
#   id      text, kept exactly as written but stripped ("00123" stays "00123"); empty = missing
#   text    text, stripped, case kept; empty = missing
#   date    datetime64 (wall-clock date and time as written; a UTC offset is dropped, never applied)
#   month   text "YYYY-MM"
#   money   float64 (accepts 1234.5, 1,234.50, $1,234.50, and 1.234,50 in semicolon files)
#   number  float64
#   count   float64 holding whole numbers (NaN = unknown)
#   outcome text, lower case: won / lost / open


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    required: bool
    meaning: str
    example: tuple[str, str]
    blank_ok: bool = True  # optional columns may be blank in some rows unless this is False


@dataclass(frozen=True)
class FileSpec:
    stem: str
    required: bool
    meaning: str
    columns: tuple[Column, ...]
    key: str | None = None  # the column whose values must be unique
    export_hint: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def filename(self) -> str:
        return f"{self.stem}.csv"

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


ORDERS = FileSpec(
    stem="orders",
    required=True,
    meaning="One row per order (a till receipt, a web order, a marketplace order).",
    key="order_id",
    export_hint="From your till or e-commerce system: an 'orders' or 'transactions' export, one row per order.",
    columns=(
        Column("order_id", "id", True, "Unique id of the order (receipt number).", ("1001", "1002"), blank_ok=False),
        Column(
            "order_date",
            "date",
            True,
            "Date (or date and time) of the order, e.g. 2025-03-14.",
            ("2025-03-14", "2025-03-15"),
            blank_ok=False,
        ),
        Column("customer_id", "id", True, "Who bought; leave empty for an anonymous walk-in.", ("C001", "")),
        Column(
            "channel",
            "text",
            True,
            "Where the sale happened, e.g. in-store, website, marketplace.",
            ("in-store", "website"),
        ),
        Column(
            "revenue",
            "money",
            True,
            "What the customer paid, net of discounts, without sales tax (>= 0).",
            ("48.50", "23.99"),
            blank_ok=False,
        ),
        Column(
            "gross_profit",
            "money",
            False,
            "Revenue minus cost of goods and fees; fill every row or leave the column out.",
            ("22.10", "9.80"),
            blank_ok=False,
        ),
        Column(
            "campaign_id",
            "id",
            False,
            "The campaign that brought the order, if known (must exist in campaigns.csv).",
            ("", "C-EMAIL-01"),
        ),
        Column("items", "count", False, "Number of items in the order (whole number >= 1).", ("2", "1")),
    ),
)

CAMPAIGNS = FileSpec(
    stem="campaigns",
    required=False,
    meaning="One row per marketing campaign, with what it cost and what it reached.",
    key="campaign_id",
    export_hint="From your ad platforms and email tool, or a spreadsheet you keep: one row per campaign.",
    columns=(
        Column("campaign_id", "id", True, "Unique id of the campaign.", ("C-EMAIL-01", "C-SOCIAL-01"), blank_ok=False),
        Column("channel", "text", True, "Marketing channel, e.g. email, social, search, event.", ("email", "social")),
        Column("start_date", "date", True, "First day of the campaign.", ("2025-03-01", "2025-03-10"), blank_ok=False),
        Column(
            "end_date",
            "date",
            True,
            "Last day of the campaign (on or after start_date).",
            ("2025-03-31", "2025-03-24"),
            blank_ok=False,
        ),
        Column("spend", "money", True, "What the campaign cost (>= 0).", ("120.00", "350.00"), blank_ok=False),
        Column("name", "text", False, "A readable name.", ("March newsletter", "Spring reads ads")),
        Column("impressions", "count", False, "How many times it was shown (blank = unknown).", ("5200", "41000")),
        Column("clicks", "count", False, "Clicks it received (no more than impressions).", ("310", "420")),
        Column("leads", "count", False, "Sign-ups or enquiries it produced.", ("45", "30")),
    ),
)

FUNNEL = FileSpec(
    stem="funnel",
    required=False,
    meaning=(
        "Counts at each stage of your funnel, top stage first: what each stage counts (impressions, visits, "
        "sign-ups, buyers) is its own unit. The stage order is the order in which "
        "each stage first appears in the file; counts of a stage are added up over periods and sources. A stage "
        "larger than the one above it is allowed, but reported as a data-quality warning (its rate shows above 100%)."
    ),
    export_hint="From web analytics, your email tool and your till: one row per stage (and month, and source).",
    columns=(
        Column(
            "stage",
            "text",
            True,
            "Name of the stage, top of the funnel first.",
            ("site visits", "purchase"),
            blank_ok=False,
        ),
        Column(
            "count", "count", True, "How many reached the stage (whole number >= 0).", ("1200", "36"), blank_ok=False
        ),
        Column("period", "month", False, "Month as YYYY-MM.", ("2025-03", "2025-03")),
        Column(
            "source", "text", False, "Where they came from, e.g. social, email, search, walk-in.", ("search", "search")
        ),
    ),
)

INTERACTIONS = FileSpec(
    stem="interactions",
    required=False,
    meaning=(
        "One row per one-to-one sales contact (a recommendation, a special order, a follow-up call). A contact "
        "that becomes a deal of your sales pipeline (a quote, a large or special order) stays one row: give it a "
        "`deal_value`, and the days it reached each stage. `date` is the day it became a prospect; a stage left "
        "blank was skipped or not reached yet; a won deal has passed every stage."
    ),
    key="interaction_id",
    export_hint="From your CRM, or a simple log kept at the till: one row per conversation.",
    columns=(
        Column("interaction_id", "id", True, "Unique id of the interaction.", ("I-001", "I-002"), blank_ok=False),
        Column("date", "date", True, "Date of the interaction.", ("2025-03-14", "2025-03-15"), blank_ok=False),
        Column("staff", "text", True, "Who handled it.", ("Maya", "Tom")),
        Column(
            "type",
            "text",
            True,
            "Kind of contact, e.g. recommendation, special order, phone follow-up.",
            ("special order", "recommendation"),
        ),
        Column("outcome", "outcome", True, "won, lost or open (any letter case).", ("won", "open"), blank_ok=False),
        Column("customer_id", "id", False, "The customer, if known.", ("C001", "")),
        Column("order_id", "id", False, "The order it led to, if won.", ("1001", "")),
        Column("minutes", "number", False, "Staff minutes spent.", ("12", "8")),
        Column("campaign_id", "id", False, "The campaign that produced the lead, if any.", ("C-EMAIL-01", "")),
        Column(
            "deal_value",
            "money",
            False,
            "For a deal of your sales pipeline: what it is worth if won (>= 0). A row with a value is a deal.",
            ("640.00", ""),
        ),
        Column(
            "qualified_date",
            "date",
            False,
            "Deals: the day it was qualified (a real need, budget and a decision-maker); blank if never.",
            ("2025-03-18", ""),
        ),
        Column(
            "proposal_date",
            "date",
            False,
            "Deals: the day a quote or proposal was sent; blank if never.",
            ("2025-03-25", ""),
        ),
        Column(
            "negotiation_date",
            "date",
            False,
            "Deals: the day terms began to be negotiated; blank if never.",
            ("2025-04-02", ""),
        ),
        Column(
            "closed_date",
            "date",
            False,
            "Deals: the day it was won or lost; blank while it is open.",
            ("2025-04-10", ""),
        ),
    ),
)

# The stages of a deal, in order: `date` is the day it became a prospect, the stage columns the day it reached each
# later stage. Won and lost are its outcome, on `closed_date`.
DEAL_STAGES = ("prospect", "qualified", "proposal", "negotiation")
STAGE_COLUMNS = {
    "prospect": "date",
    "qualified": "qualified_date",
    "proposal": "proposal_date",
    "negotiation": "negotiation_date",
}

TARGETS = FileSpec(
    stem="targets",
    required=False,
    meaning="Monthly revenue targets, for the team (staff blank) or per person.",
    export_hint="From your plan or budget spreadsheet: one row per month (and person).",
    columns=(
        Column("period", "month", True, "Month as YYYY-MM.", ("2025-03", "2025-03"), blank_ok=False),
        Column("target", "money", True, "Revenue target for the month (>= 0).", ("38000", "9000"), blank_ok=False),
        Column("staff", "text", False, "Person the target belongs to; blank for the whole team.", ("", "Maya")),
    ),
)

TOUCHPOINTS = FileSpec(
    stem="touchpoints",
    required=False,
    meaning=(
        "One row per marketing contact a known customer had before buying: an email opened, an ad or post "
        "clicked, a visit from search, an event attended. With them smk shares the credit for each first "
        "purchase among the contacts before it (first-touch, last-touch and linear attribution)."
    ),
    export_hint=(
        "From your email tool (opens and clicks per subscriber), ad platforms or web analytics (visits by a "
        "signed-in customer), and event sign-up lists: one row per contact with a customer id."
    ),
    columns=(
        Column("customer_id", "id", True, "Who had the contact (as in orders.csv).", ("C001", "C001"), blank_ok=False),
        Column("date", "date", True, "Day of the contact.", ("2025-03-02", "2025-03-09"), blank_ok=False),
        Column(
            "channel",
            "text",
            True,
            "Marketing channel of the contact, e.g. email, social, search, event.",
            ("email", "social"),
            blank_ok=False,
        ),
        Column("campaign_id", "id", False, "The campaign behind it, if any (must exist in campaigns.csv).", ("", "")),
    ),
)

SURVEY = FileSpec(
    stem="survey",
    required=False,
    meaning=(
        "One row per answer to a customer survey: how likely the customer is to recommend you (0-10, for the Net "
        "Promoter Score) and how they heard of you."
    ),
    export_hint="From a survey tool, a form on your receipts or website, or a card at the till: one row per answer.",
    columns=(
        Column("date", "date", True, "Day of the answer.", ("2025-03-14", "2025-03-15"), blank_ok=False),
        Column(
            "score",
            "count",
            True,
            "How likely they are to recommend you, from 0 (not at all) to 10 (extremely).",
            ("9", "6"),
            blank_ok=False,
        ),
        Column("heard_from", "text", False, "How they heard of you, e.g. a friend, search, social.", ("a friend", "")),
        Column("customer_id", "id", False, "Who answered, if known.", ("C001", "")),
    ),
)

FILES: tuple[FileSpec, ...] = (ORDERS, CAMPAIGNS, FUNNEL, INTERACTIONS, TARGETS, TOUCHPOINTS, SURVEY)
OUTCOMES = ("won", "lost", "open")


OPTIONAL_STEMS = tuple(spec.stem for spec in FILES if not spec.required)


def optional_files_text() -> str:
    """The optional files by name, for sentences such as "orders, and if you have them ...".

    Examples
    --------
    >>> optional_files_text()
    'campaigns, funnel, interactions, targets, touchpoints and survey'
    """
    return ", ".join(OPTIONAL_STEMS[:-1]) + " and " + OPTIONAL_STEMS[-1]


UNKNOWN_CHANNEL = "(unknown)"

KIND_WORDS = {
    "id": "text id",
    "text": "text",
    "date": "date",
    "month": "month (YYYY-MM)",
    "money": "money",
    "number": "number",
    "count": "whole number",
    "outcome": "won / lost / open",
}

FORMATS_MD = """\
What the loader accepts, so that you can export straight from a spreadsheet or a till:

- **Files**: `.csv` (comma- or semicolon-separated) or `.xlsx` in place of a `.csv` (the first sheet is read).
  File names are matched whatever their letter case. Extra columns and extra files are kept and ignored.
- **Text**: UTF-8 with or without a BOM, or Windows-1252 (Excel's plain "CSV" save); Windows or Unix line ends.
  Spaces around a value are removed; letter case is kept.
- **Row numbers** in messages are spreadsheet rows: the header is row 1, the first record is row 2.
- **Money and numbers**: `1234.5`, `1,234.50`, `$1,234.50`, `(12.00)` for a negative. In a
  semicolon-separated file (European Excel) the comma is the decimal mark: `1.234,50`.
- **Dates**: `2025-03-14`, or an ISO date and time such as `2025-03-14T15:30:00+01:00`. The date is the
  wall-clock date as written: a UTC offset is ignored, never converted. Slash dates (`3/14/2025`,
  `14/03/2025`) are accepted only when you say which order they use: `--dayfirst` or `--monthfirst`
  (in Python, `load_business(path, dayfirst=True)` or `dayfirst=False`).
- **Ids** are text: `00123` stays `00123`. Only an empty cell is missing; `NA` or `null` are ids like any other.
- **Blank cells** mean "unknown". Every required column must be in the header; the tables say which
  columns must also be filled in on every row. An optional number column may be blank in some rows, except
  `gross_profit`, which must be filled in on every row once the column exists. A blank `channel` is grouped
  as `(unknown)`, so revenue by channel always adds up to total revenue.
"""


def file_markdown(spec: FileSpec) -> str:
    """A Markdown table describing one contract file."""
    need = "required" if spec.required else "optional"
    lines = [f"### `{spec.filename}` ({need})", "", spec.meaning, ""]
    lines += ["| column | required | type | meaning |", "|---|---|---|---|"]
    for col in spec.columns:
        need = ("yes" if col.required else "no") + (
            "" if col.blank_ok else ", every row" if col.required else " (if present: every row)"
        )
        lines.append(f"| `{col.name}` | {need} | {KIND_WORDS[col.kind]} | {col.meaning} |")
    if spec.key:
        lines += ["", f"Each `{spec.key}` must be unique."]
    if spec.export_hint:
        lines += ["", f"Where to get it: {spec.export_hint}"]
    return "\n".join(lines)


def contract_markdown() -> str:
    """The whole contract as Markdown: one table per file, then the accepted formats."""
    parts = [file_markdown(spec) for spec in FILES]
    return "\n\n".join(parts) + "\n\n### Formats\n\n" + FORMATS_MD
