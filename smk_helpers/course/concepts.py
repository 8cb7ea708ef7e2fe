"""Lesson 01 as data: what sales and marketing are, side by side, and a sorting quiz.

Everything a lesson says about the two jobs lives here as plain Python data, so the notebook,
the quiz and the tests all read the same words:

* `DEFINITIONS` and `DIMENSIONS`: the two jobs compared along ten dimensions
  (`comparison_table` turns them into a table).
* `ACTIVITIES`: the eight marketing and seven sales activities the sources list, each with the side
  it belongs to and why, an example at The Book Hub, and an honest note where the line between the two
  is blurry (`activity_table` shows them side by side).
* `sort_feedback` and `quiz_score`: the quiz logic, plain functions.
* `sorting_quiz`: the ipywidgets quiz that wires those functions up.
* `contact_kind` and `contact_table`: public relations beside advertising, owned media and sales.
* `bookhub_activities`: The Book Hub's own campaigns and conversations, sorted the same way;
  `conversation_audience` checks the sorting against the data (whom each kind of conversation reached).
* `SALES_PROCESS`: the six stages of a sale, for lesson 08 (`sales_process_table`).

The wording is ours; the facts come from the course's source articles (see GUIDE.md).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from ..core import kpis
from .grading import MISSING, RIGHT, WRONG, Feedback, is_unanswered

MARKETING, SALES = "marketing", "sales"
SIDES = (MARKETING, SALES)

DEFINITIONS = {
    MARKETING: (
        "Marketing creates demand. It finds out who might want what the business offers, makes "
        "those people aware of it and interested, and brings them to the door or the website."
    ),
    SALES: (
        "Sales turns that interest into purchases. It talks with one customer at a time, works out "
        "what they need, answers their doubts and closes the sale."
    ),
}


@dataclass(frozen=True)
class Dimension:
    """One line of the side-by-side comparison."""

    name: str
    marketing: str
    sales: str


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        "Purpose",
        "create demand: make the right people aware and interested",
        "turn interest into purchases and revenue",
    ),
    Dimension(
        "Core function",
        "find out what readers want, make the business known, bring in people who might buy",
        "serve each customer in person: find what fits them, order what is missing, complete the sale",
    ),
    Dimension(
        "Audience",
        "many people at once, including some who are not yet looking",
        "the few who have already shown interest",
    ),
    Dimension(
        "Time horizon",
        "long: reputation and interest built over months and years",
        "short: this conversation, this month's target",
    ),
    Dimension(
        "Approach",
        "one-to-many: one message carried by media to a crowd",
        "one-to-one: a conversation with one buyer, in person, by phone or email",
    ),
    Dimension(
        "Strategy",
        "the marketing mix: product, price, place, promotion (the 4 Ps)",
        "the sales process: find, qualify, present, answer doubts, close, follow up",
    ),
    Dimension(
        "Metrics",
        "reach, engagement, leads, cost per lead, customer acquisition cost",
        "revenue, win rate, average order value, target attainment",
    ),
    Dimension(
        "Activities",
        "research, content, ads, influencers, search, brand, email, promotions",
        "finding prospects, recommending, negotiating, closing, looking after customers, tracking results",
    ),
    Dimension(
        "Skills",
        "telling one story to a crowd, reading the numbers, planning months ahead",
        "listening, persistence, negotiation",
    ),
    Dimension(
        "Role in the customer journey",
        "makes people aware of the business and what it offers, long before they are ready to buy",
        "meets the person who is ready, shows what fits them, completes the sale",
    ),
)


def comparison_table(dimensions=DIMENSIONS) -> pd.DataFrame:
    """Marketing and sales side by side: one row per dimension.

    Parameters
    ----------
    dimensions : sequence of Dimension, default DIMENSIONS

    Returns
    -------
    DataFrame indexed by dimension, with columns "marketing" and "sales"

    Examples
    --------
    >>> table = comparison_table()
    >>> len(table), table.columns.tolist()
    (10, ['marketing', 'sales'])
    >>> table.loc["Approach", "sales"]
    'one-to-one: a conversation with one buyer, in person, by phone or email'
    """
    return pd.DataFrame(
        {MARKETING: [d.marketing for d in dimensions], SALES: [d.sales for d in dimensions]},
        index=pd.Index([d.name for d in dimensions], name="dimension"),
    )


# ---------------------------------------------------------------------------------------------
# The activities of the quiz
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Activity:
    """A textbook activity: the side it belongs to, why, an example at The Book Hub, and where the line is blurry."""

    name: str
    side: str
    why: str
    example: str
    blurry: str = ""


# The eight marketing and seven sales activities of the course's sources, in quiz order: mixed, so that
# the answers do not come in two blocks.
ACTIVITIES: tuple[Activity, ...] = (
    Activity(
        "market research",
        MARKETING,
        "it studies a whole market (who reads what, what competitors charge) before anyone is sold anything.",
        "the short survey at the till: how did you hear of us, and would you recommend us?",
    ),
    Activity(
        "prospecting and lead generation",
        SALES,
        "a seller looks for the people or organisations likely to buy, and contacts them one by one to "
        "start a sale; cold calling is its hardest form.",
        "the owner rings a school that might want a class set; a bookseller greets a browser at the shelf.",
        "it overlaps with marketing, which generates leads in bulk (a newsletter sign-up is a lead); "
        "prospecting is finding and contacting them one at a time.",
    ),
    Activity(
        "content marketing",
        MARKETING,
        "useful content such as reading lists or posts is published for everyone, to attract and keep "
        "readers over time.",
        "a month of social posts with staff picks.",
    ),
    Activity(
        "sales calls and presentations",
        SALES,
        "a call, meeting or conversation shows one buyer how the offer meets their need.",
        "a bookseller asks what a customer loved last and puts three novels in their hands.",
    ),
    Activity(
        "advertising",
        MARKETING,
        "a paid message shown to many people at once; nobody in particular is being sold to.",
        "targeted social ads and sponsored listings on a marketplace.",
    ),
    Activity(
        "negotiation",
        SALES,
        "price, quantities and terms are agreed with one buyer at a time.",
        "copies, delivery date and discount talked through with a school that wants a class set.",
    ),
    Activity(
        "influencer marketing",
        MARKETING,
        "it borrows someone else's audience: the influencer talks to thousands of followers, not to one buyer.",
        "a book creator on Instagram features the shop each September.",
    ),
    Activity(
        "building customer relationships",
        SALES,
        "a seller keeps in touch with each customer, before the first purchase and long after it, so "
        "that one sale leads to the next.",
        "ordering in a title the shop does not stock; a call when a customer's favourite author has a new book.",
        "the line is blurry: the customer record (CRM) it relies on is shared with marketing, which "
        "uses it to choose whom to email, and loyalty is marketing's goal too.",
    ),
    Activity(
        "search engine optimisation (SEO)",
        MARKETING,
        "it makes the business easy to find when anyone searches; no conversation has started yet.",
        "a monthly piece of web content that brings searchers to the shop's site.",
    ),
    Activity(
        "closing",
        SALES,
        "asking for the decision and completing the purchase is the step the others lead to, with one buyer.",
        "'Shall I order it for you?', then taking the customer's name and deposit.",
    ),
    Activity(
        "brand marketing",
        MARKETING,
        "it shapes what everyone thinks of the business, through a consistent look and voice; it "
        "pays off over years, not in one sale.",
        "author evenings that make the shop the town's place for books.",
    ),
    Activity(
        "post-sale service",
        SALES,
        "help after a purchase (an answer, an exchange, a thank-you) keeps one customer's relationship going.",
        "a thank-you note to a book club after its order, and an answer when it asks about the next one.",
        "customer service sits between the two: it builds the loyalty and reputation that marketing also counts on.",
    ),
    Activity(
        "email marketing",
        MARKETING,
        "one message goes to a whole list at once, even when it greets each reader by name.",
        "the monthly newsletter.",
        "the line is blurry: a bookseller's personal email to one customer about their order is a "
        "sales contact, and The Book Hub logs those as 'email follow-up'.",
    ),
    Activity(
        "tracking sales performance and developing sales strategy",
        SALES,
        "counting each seller's conversations, wins and revenue against target, and deciding from that "
        "how the team will sell, manages the one-to-one work.",
        "the owner compares each bookseller's month with their target and decides who handles school orders.",
    ),
    Activity(
        "sales promotions",
        MARKETING,
        "despite the name, a promotion (a 3-for-2 table, a holiday discount) is an incentive offered "
        "to everyone, planned as part of the promotion in the 4 Ps.",
        "an in-store promotion table before the holidays.",
        "the line is blurry: a promotion works at the moment of purchase, and sellers on the shop "
        "floor often run it and mention it to each customer.",
    ),
)

_BY_NAME = {a.name.lower(): a for a in ACTIVITIES}
_BY_NAME.update(  # short names and the older textbook names a student may type
    {
        short: _BY_NAME[full]
        for short, full in {
            "seo": "search engine optimisation (seo)",
            "prospecting": "prospecting and lead generation",
            "lead generation": "prospecting and lead generation",
            "cold calling": "prospecting and lead generation",
            "presentations": "sales calls and presentations",
            "crm": "building customer relationships",
            "customer relationship management (crm)": "building customer relationships",
            "tracking sales performance": "tracking sales performance and developing sales strategy",
            "developing sales strategies": "tracking sales performance and developing sales strategy",
        }.items()
    }
)


def activity_table(side: str | None = None) -> pd.DataFrame:
    """The activities of each side, with an example of each at The Book Hub: marketing's eight, then sales' seven.

    Parameters
    ----------
    side : "marketing", "sales" or None (both)

    Returns
    -------
    DataFrame indexed by activity, with columns side and "at The Book Hub"

    Examples
    --------
    >>> table = activity_table()
    >>> table["side"].value_counts().to_dict()
    {'marketing': 8, 'sales': 7}
    >>> activity_table(SALES).index[0]
    'prospecting and lead generation'
    """
    rows = [a for s in SIDES for a in ACTIVITIES if a.side == s and (side is None or s == side)]
    return pd.DataFrame(
        {"side": [a.side for a in rows], "at The Book Hub": [a.example for a in rows]},
        index=pd.Index([a.name for a in rows], name="activity"),
    )


def activity_names(side: str | None = None) -> list[str]:
    """The quiz's activities, in quiz order; only one side's when ``side`` is given.

    Examples
    --------
    >>> activity_names(SALES)[:3]
    ['prospecting and lead generation', 'sales calls and presentations', 'negotiation']
    >>> len(activity_names())
    15
    """
    return [a.name for a in ACTIVITIES if side is None or a.side == side]


def _normalise(text) -> str:
    return text.strip().lower() if isinstance(text, str) else ""


def sort_feedback(activity: str, choice) -> Feedback:
    """Feedback on one answer of the quiz: is ``activity`` marketing or sales?

    The message says why the activity belongs where it does and, where the line between the two
    jobs is blurry, says so. It never raises.

    Parameters
    ----------
    activity : str
        One of `activity_names()` (letter case and surrounding spaces are ignored; short or older
        names such as "SEO", "prospecting", "cold calling" or "CRM" are accepted too).
    choice : str, None or ...
        "marketing" or "sales"; None or ... means not answered yet.

    Returns
    -------
    Feedback with status "right", "wrong" or "missing"

    Examples
    --------
    >>> sort_feedback("advertising", "marketing")
    ✔ Right: advertising is marketing: a paid message shown to many people at once; nobody in particular is
    being sold to.
    >>> sort_feedback("closing", "marketing").status
    'wrong'
    >>> sort_feedback("closing", None).status
    'missing'
    """
    item = _BY_NAME.get(_normalise(activity))
    if item is None:
        return Feedback(
            WRONG, f"there is no activity {activity!r} in the quiz; the activities are: {', '.join(activity_names())}."
        )
    if is_unanswered(choice) or (isinstance(choice, str) and not choice.strip()):
        return Feedback(MISSING, f"choose marketing or sales for {item.name}.")
    given = _normalise(choice)
    if given not in SIDES:
        return Feedback(WRONG, f"{choice!r} is not an option; choose marketing or sales.")
    blurry = f" But {item.blurry}" if item.blurry else ""
    if given == item.side:
        return Feedback(RIGHT, f"{item.name} is {item.side}: {item.why}{blurry}")
    return Feedback(WRONG, f"{item.name} belongs to {item.side}: {item.why}{blurry}")


@dataclass(frozen=True)
class QuizScore:
    """How a quiz went: right and wrong answers, how many are still open, and (when known) how many were
    right at the first try."""

    right: int
    wrong: int
    unanswered: int
    first_try: int | None = None
    ALL_RIGHT = ": every activity is in its place"  # said when every answer is right

    @property
    def total(self) -> int:
        return self.right + self.wrong + self.unanswered

    @property
    def message(self) -> str:
        text = f"{self.right} of {self.total} right"
        if self.first_try is not None:
            text += f" ({self.first_try} at the first try)"
        if self.wrong:
            text += f", {self.wrong} not yet"
        if self.unanswered:
            text += f", {self.unanswered} still to answer"
        elif self.right == self.total:
            text += self.ALL_RIGHT
        return text + "."

    def __repr__(self) -> str:
        return f"Score: {self.message}"


def quiz_score(answers: Mapping[str, object]) -> QuizScore:
    """Score a set of quiz answers against every activity of the quiz.

    Activities missing from ``answers`` (or answered None) count as still to answer; answers for
    names that are not in the quiz are ignored.

    Parameters
    ----------
    answers : mapping of activity name -> "marketing", "sales" or None

    Returns
    -------
    QuizScore

    Examples
    --------
    >>> quiz_score({"advertising": "marketing", "closing": "marketing"})
    Score: 1 of 15 right, 1 not yet, 13 still to answer.
    >>> quiz_score({a.name: a.side for a in ACTIVITIES})
    Score: 15 of 15 right: every activity is in its place.
    """
    given = {}
    for name, choice in answers.items():
        item = _BY_NAME.get(_normalise(name))
        if item is not None:
            given[item.name] = choice
    statuses = [sort_feedback(a.name, given.get(a.name)).status for a in ACTIVITIES]
    return QuizScore(right=statuses.count(RIGHT), wrong=statuses.count(WRONG), unanswered=statuses.count(MISSING))


def feedback_html(feedback: Feedback) -> str:
    """A Feedback as a short coloured HTML line (what the widgets show).

    Examples
    --------
    >>> feedback_html(sort_feedback("closing", None))
    '<div role="status" ...… Not answered yet:</strong> choose marketing or sales for closing.</div>'
    """
    return feedback._repr_html_()


def sorting_quiz():
    """The sorting quiz as a widget: one dropdown per activity, feedback under it, a running score.

    Every dropdown calls `sort_feedback` when it changes and the score line calls `quiz_score`;
    the widget holds no logic of its own.

    Returns
    -------
    ipywidgets.VBox
        Its ``dropdowns`` attribute maps each activity to its Dropdown, ``feedback`` to its HTML
        line, and ``score`` is the HTML score line (handy for tests).
    """
    import ipywidgets as widgets

    intro = widgets.HTML(
        "<p>For each activity, choose <b>marketing</b> or <b>sales</b>. The line under it says why.</p>"
    )
    score = widgets.HTML()
    dropdowns, lines, rows = {}, {}, []
    for item in ACTIVITIES:
        dropdown = widgets.Dropdown(
            options=[("choose…", None), ("marketing", MARKETING), ("sales", SALES)],
            value=None,
            description=item.name,
            style={"description_width": "380px"},
            layout=widgets.Layout(width="540px"),
        )
        line = widgets.HTML()
        dropdowns[item.name], lines[item.name] = dropdown, line
        rows.append(widgets.VBox([dropdown, line]))

    def update_score():
        result = quiz_score({name: d.value for name, d in dropdowns.items()})
        score.value = f'<p role="status"><b>Score:</b> {html.escape(result.message)}</p>'

    def on_change(name):
        def handler(change):
            value = change["new"]
            lines[name].value = "" if value is None else feedback_html(sort_feedback(name, value))
            update_score()

        return handler

    for name, dropdown in dropdowns.items():
        dropdown.observe(on_change(name), names="value")
    update_score()
    quiz = widgets.VBox([intro, *rows, score])
    quiz.dropdowns, quiz.feedback, quiz.score = dropdowns, lines, score
    return quiz


# ---------------------------------------------------------------------------------------------
# Public relations: attention that is earned, not bought
# ---------------------------------------------------------------------------------------------

ADVERTISING, OWNED_MEDIA, PUBLIC_RELATIONS = "advertising", "owned media", "public relations"


def contact_kind(one_to_one: bool, own_channel: bool, paid: bool) -> str:
    """Name the kind of contact a business has with people: sales, owned media, advertising or public relations.

    A conversation with one buyer is sales. A message to many is marketing, of one of three kinds: on the
    business's own channel (its newsletter, website or posts) it is owned media; on someone else's it is
    advertising when the business pays for the space and writes the words, and public relations when an
    editor, journalist or host chooses to tell the story and is not paid for it (attention earned, not bought).

    Parameters
    ----------
    one_to_one : bool
        The contact is with one buyer at a time.
    own_channel : bool
        The message goes out on the business's own channel.
    paid : bool
        The business pays for the space or the airtime.

    Examples
    --------
    >>> contact_kind(one_to_one=False, own_channel=False, paid=True)
    'advertising'
    >>> contact_kind(one_to_one=False, own_channel=False, paid=False)
    'public relations'
    >>> contact_kind(one_to_one=True, own_channel=True, paid=False)
    'sales'
    """
    if one_to_one:
        return SALES
    if own_channel:
        return OWNED_MEDIA
    return ADVERTISING if paid else PUBLIC_RELATIONS


# (one to one, own channel, paid, who chooses the words, an example at The Book Hub), one row per kind
_CONTACTS = (
    (False, False, True, "the business, which buys the space", "targeted social ads before the holidays"),
    (False, True, False, "the business, on its own channel", "the monthly newsletter; staff picks on its page"),
    (False, False, False, "an editor or host, who chose the story", "the local paper writes up an author evening"),
    (True, False, False, "the seller and the customer, talking", "a bookseller suggests three novels at the shelf"),
)


def contact_table() -> pd.DataFrame:
    """The four kinds of contact of `contact_kind`, with who chooses the words and an example at The Book Hub.

    Examples
    --------
    >>> contact_table().index.tolist()
    ['advertising', 'owned media', 'public relations', 'sales']
    >>> contact_table().loc["public relations", "paid for the space"]
    'no'
    """
    rows = {
        contact_kind(one, own, paid): {
            "side": SALES if one else MARKETING,
            "one to one": "yes" if one else "no",
            "own channel": "yes" if own else "no",
            "paid for the space": "yes" if paid else "no",
            "who chooses the words": who,
            "at The Book Hub": example,
        }
        for one, own, paid, who, example in _CONTACTS
    }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("kind")


# ---------------------------------------------------------------------------------------------
# The Book Hub's own activities
# ---------------------------------------------------------------------------------------------

# What The Book Hub calls its activities, and the textbook activity each one is an example of.
CAMPAIGN_TYPES = {
    "email newsletter": "email marketing",
    "social media content": "content marketing",
    "SEO content": "search engine optimisation (SEO)",
    "targeted ads": "advertising",
    "marketplace listing": "advertising",
    "author event": "brand marketing",
    "influencer": "influencer marketing",
    "in-store promotion": "sales promotions",
}
# Checked against the data by `conversation_audience`: follow-ups and special orders go to new and existing
# customers alike, so they are relationship work, not prospecting; a special order is a service offered to a
# customer who asked, not a closing technique.
INTERACTION_TYPES = {
    "in-store recommendation": "sales calls and presentations",  # one customer, shown what fits them
    "special order": "building customer relationships",  # a service: a title the shop lacks, ordered in
    "phone follow-up": "building customer relationships",  # keeping in touch with a lead or a customer
    "email follow-up": "building customer relationships",
    "store consultation": "negotiation",  # a quote for a class set or a club: terms agreed with one buyer
}


def bookhub_activities(campaigns: pd.DataFrame, interactions: pd.DataFrame) -> pd.DataFrame:
    """A business's own activities sorted into marketing and sales, with how often each happened.

    Campaigns (one message to many people) are marketing, counted in campaigns; logged
    one-to-one conversations are sales, counted in conversations. Each row also names the
    textbook activity it is an example of, where `CAMPAIGN_TYPES` or `INTERACTION_TYPES`
    knows the type (otherwise blank).

    Parameters
    ----------
    campaigns : DataFrame with a ``type`` column (else ``channel`` is used)
    interactions : DataFrame with a ``type`` column

    Returns
    -------
    DataFrame with columns side, activity, example of, count, counted in; marketing first,
    then each side's most frequent activity first

    Examples
    --------
    >>> campaigns = pd.DataFrame({"type": ["email newsletter", "email newsletter", "author event"]})
    >>> interactions = pd.DataFrame({"type": ["store consultation"]})
    >>> bookhub_activities(campaigns, interactions)
            side            activity       example of  count     counted in
    0  marketing    email newsletter  email marketing      2      campaigns
    1  marketing        author event  brand marketing      1      campaigns
    2      sales  store consultation      negotiation      1  conversations
    """
    parts = []
    for side, table, column, examples, unit in (
        (MARKETING, campaigns, "type" if "type" in campaigns.columns else "channel", CAMPAIGN_TYPES, "campaigns"),
        (SALES, interactions, "type", INTERACTION_TYPES, "conversations"),
    ):
        counts = table[column].fillna("(unknown)").value_counts()
        counts = counts.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
        parts.append(
            pd.DataFrame(
                {
                    "side": side,
                    "activity": counts.index.astype(str),
                    "example of": [examples.get(name, "") for name in counts.index],
                    "count": counts.to_numpy(dtype="int64"),
                    "counted in": unit,
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


# Whom a conversation was with, in the order `conversation_audience` decides it.
EXISTING, LEAD, NEW, ANONYMOUS = "existing customer", "campaign lead", "other new customer", "anonymous"


def conversation_audience(interactions: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    """Whom each kind of sales conversation was with: existing customers, campaign leads, other new people, strangers.

    Formula: for each type, the share of its conversations with an existing customer (one whose first order is
    before the conversation's day), with a campaign lead (not yet a customer; a ``campaign_id``), with another
    named person who had not bought yet, and with someone anonymous; the four shares add up to 1.

    It checks `INTERACTION_TYPES` against the data: a kind of conversation that often reaches people who already
    buy is relationship work or service, not prospecting. The data begin on the day of the first order, so a
    customer who bought only before that counts as new: the existing share is a floor.

    Parameters
    ----------
    interactions : DataFrame with type, date, customer_id and campaign_id (optional)
    orders : DataFrame with customer_id and order_date (all of them, for the history)

    Returns
    -------
    DataFrame indexed by type: conversations, then the four shares; most frequent type first.

    Examples
    --------
    >>> orders = pd.DataFrame({"customer_id": ["C1"], "order_date": pd.to_datetime(["2025-01-10"])})
    >>> talks = pd.DataFrame({"type": ["call", "call", "call", "call"], "customer_id": ["C1", "C1", "C2", None],
    ...                       "campaign_id": [None, None, "E1", None],
    ...                       "date": pd.to_datetime(["2025-01-10", "2025-02-01", "2025-02-01", "2025-02-01"])})
    >>> shares = conversation_audience(talks, orders).loc["call"]  # C1 on the day of its first order is still new
    >>> shares.to_dict()
    {'conversations': 4.0, 'existing customer': 0.25, 'campaign lead': 0.25, 'other new customer': 0.25,
     'anonymous': 0.25}
    """
    first = interactions["customer_id"].map(kpis.first_order_dates(orders))
    known = interactions["customer_id"].notna()
    existing = known & (first < interactions["date"].dt.normalize())
    lead = ~existing & (interactions["campaign_id"].notna() if "campaign_id" in interactions else False)
    new = ~existing & ~lead & known
    who = pd.Series(ANONYMOUS, index=interactions.index)
    who[new], who[lead], who[existing] = NEW, LEAD, EXISTING
    kind = interactions["type"].fillna("(unknown)")
    counts = pd.crosstab(kind, who).reindex(columns=[EXISTING, LEAD, NEW, ANONYMOUS], fill_value=0)
    total = counts.sum(axis=1)
    table = counts.div(total, axis=0)
    table.insert(0, "conversations", total)
    table.columns.name = None
    table.index.name = "type"
    return table.sort_index(kind="stable").sort_values("conversations", ascending=False, kind="stable")


# ---------------------------------------------------------------------------------------------
# The sales process (lesson 08)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stage:
    """One stage of the sales process: what the seller does, an example at The Book Hub, and where the data has it."""

    name: str
    what: str
    example: str
    in_data: str


SALES_PROCESS: tuple[Stage, ...] = (
    Stage(
        "prospect",
        "find someone who might buy, and make the first contact",
        "a customer asks for a title the shop does not stock; a school asks about a class set",
        "date: the day the deal became a prospect",
    ),
    Stage(
        "qualify",
        "check that there is a real need, a way to pay and someone who decides; let the rest go",
        "the title can be got; the school has a budget and a teacher who decides",
        "qualified_date",
    ),
    Stage(
        "present",
        "show this buyer how the offer meets their need, with a price",
        "a price and an arrival date quoted; a written quote for the class set",
        "proposal_date",
    ),
    Stage(
        "handle objections",
        "answer the doubts (price, timing, fit) and agree the terms",
        "the customer confirms; copies, date and discount talked through",
        "negotiation_date",
    ),
    Stage(
        "close",
        "ask for the decision: the deal is won or lost",
        "the book is collected and paid for; the school signs the order",
        "closed_date, and the outcome won or lost",
    ),
    Stage(
        "follow up",
        "keep in touch after the sale: service, thanks, the next sale",
        "a call when the next book in a series arrives",
        "later conversations with the customer (not the deal's row)",
    ),
)


def sales_process_table() -> pd.DataFrame:
    """The six stages of a sale: what the seller does, an example at The Book Hub, and the data that records it.

    Examples
    --------
    >>> sales_process_table().index.tolist()
    ['prospect', 'qualify', 'present', 'handle objections', 'close', 'follow up']
    """
    return pd.DataFrame(
        {
            "what the seller does": [s.what for s in SALES_PROCESS],
            "at The Book Hub": [s.example for s in SALES_PROCESS],
            "in the data": [s.in_data for s in SALES_PROCESS],
        },
        index=pd.Index([s.name for s in SALES_PROCESS], name="stage"),
    )
