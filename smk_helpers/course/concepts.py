"""Lesson 01 as data: what sales and marketing are, side by side, and a sorting quiz.

Everything a lesson says about the two jobs lives here as plain Python data, so the notebook,
the quiz and the tests all read the same words:

* `DEFINITIONS` and `DIMENSIONS`: the two jobs compared along ten dimensions
  (`comparison_table` turns them into a table).
* `ACTIVITIES`: sixteen textbook activities, each with the side it belongs to and why,
  and an honest note where the line between the two is blurry.
* `sort_feedback` and `quiz_score`: the quiz logic, plain functions.
* `sorting_quiz`: the ipywidgets quiz that wires those functions up.
* `bookhub_activities`: The Book Hub's own campaigns and conversations, sorted the same way.

The wording is ours; the facts come from the course's source articles (see GUIDE.md).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

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
        "learn what customers want, build the brand, bring in leads",
        "look after individual customers, offer a fitting solution, close",
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
        "relationships, negotiation, closing the deal",
    ),
    Dimension(
        "Metrics",
        "reach, engagement, leads, cost per lead, customer acquisition cost",
        "revenue, win rate, average order value, target attainment",
    ),
    Dimension(
        "Activities",
        "market research, content, ads, newsletters and events",
        "prospecting, presenting, handling objections, closing",
    ),
    Dimension("Skills", "creativity, analysis, planning", "listening, persistence, negotiation"),
    Dimension(
        "Role in the customer journey",
        "draws people in and teaches them about the offer before they are ready to buy",
        "meets the ready buyer, shows the value for them, completes the sale",
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
    """A textbook activity: the side it belongs to, why, and where the line is blurry (if it is)."""

    name: str
    side: str
    why: str
    blurry: str = ""


# In quiz order: mixed, so that the answers do not come in two blocks.
ACTIVITIES: tuple[Activity, ...] = (
    Activity(
        "market research",
        MARKETING,
        "it studies a whole market (who reads what, what competitors charge) before anyone is sold "
        "anything, for example a survey of which genres local readers miss.",
    ),
    Activity(
        "cold calling",
        SALES,
        "it is a direct call to one person who has not been in touch before, to start a sale; "
        "one-to-one by definition.",
    ),
    Activity(
        "content marketing",
        MARKETING,
        "useful content such as reading lists or blog posts is published for everyone, to attract "
        "and keep readers over time.",
    ),
    Activity(
        "negotiation",
        SALES,
        "agreeing price and terms happens with one buyer at a time, for example a school ordering a class set.",
    ),
    Activity(
        "advertising", MARKETING, "a paid message shown to many people at once; nobody in particular is being sold to."
    ),
    Activity(
        "customer relationship management (CRM)",
        SALES,
        "keeping each customer's details and history lets a seller make the next conversation "
        "personal, so the course's sources list it with sales.",
        "the line is blurry: a CRM is the shared record of both teams. Marketing uses the same "
        "records to pick whom to email, and lesson 09 argues for one CRM that both sides keep.",
    ),
    Activity(
        "influencer marketing",
        MARKETING,
        "it borrows someone else's audience: the influencer talks to thousands of followers, not to one buyer.",
    ),
    Activity(
        "prospecting",
        SALES,
        "a seller looks for individual people or organisations likely to buy and reaches out to them one by one.",
        "it overlaps with lead generation, which marketing does in bulk with campaigns; prospecting "
        "is the one-to-one version.",
    ),
    Activity(
        "search engine optimisation (SEO)",
        MARKETING,
        "it makes the business easy to find when anyone searches; no conversation has started yet.",
    ),
    Activity(
        "presentations",
        SALES,
        "a presentation shows one buyer how the offer meets their need, for example a pitch to a school librarian.",
    ),
    Activity(
        "brand marketing",
        MARKETING,
        "it shapes what everyone thinks of the business, through a consistent look and voice; it "
        "pays off over years, not in one sale.",
    ),
    Activity(
        "objection handling",
        SALES,
        "it answers the doubts of the person in front of you (the price, the delivery time) so that they can decide.",
    ),
    Activity(
        "email marketing",
        MARKETING,
        "one message goes to a whole list at once, even when it greets each reader by name.",
        "the line is blurry: a bookseller's personal email to one customer about their order is a "
        "sales contact, and The Book Hub logs those as 'email follow-up'.",
    ),
    Activity(
        "closing", SALES, "asking for the order and completing the purchase is the last step of a sale, with one buyer."
    ),
    Activity(
        "sales promotions",
        MARKETING,
        "despite the name, a promotion (a 3-for-2 table, a holiday discount) is an incentive offered "
        "to everyone, planned as part of the promotion in the 4 Ps.",
        "the line is blurry: a promotion works at the moment of purchase, and sellers on the shop "
        "floor often run it and mention it to each customer.",
    ),
    Activity(
        "post-sale service",
        SALES,
        "looking after a customer after they bought (a question, a return, a thank-you note) keeps "
        "that one relationship going and brings them back.",
        "customer service sits between the two: it builds the loyalty and reputation that marketing also cares about.",
    ),
)

_BY_NAME = {a.name.lower(): a for a in ACTIVITIES}
_BY_NAME.update(
    {"crm": _BY_NAME["customer relationship management (crm)"], "seo": _BY_NAME["search engine optimisation (seo)"]}
)


def activity_names(side: str | None = None) -> list[str]:
    """The quiz's activities, in quiz order; only one side's when ``side`` is given.

    Examples
    --------
    >>> activity_names(SALES)[:3]
    ['cold calling', 'negotiation', 'customer relationship management (CRM)']
    >>> len(activity_names())
    16
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
        One of `activity_names()` (letter case and surrounding spaces are ignored; "CRM" and
        "SEO" are accepted as short names).
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
    """How a quiz went: right and wrong answers, and how many are still open."""

    right: int
    wrong: int
    unanswered: int

    @property
    def total(self) -> int:
        return self.right + self.wrong + self.unanswered

    @property
    def message(self) -> str:
        text = f"{self.right} of {self.total} right"
        if self.wrong:
            text += f", {self.wrong} not yet"
        if self.unanswered:
            text += f", {self.unanswered} still to answer"
        elif self.right == self.total:
            text += ": every activity is in its place"
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
    Score: 1 of 16 right, 1 not yet, 14 still to answer.
    >>> quiz_score({a.name: a.side for a in ACTIVITIES})
    Score: 16 of 16 right: every activity is in its place.
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
            style={"description_width": "280px"},
            layout=widgets.Layout(width="440px"),
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
INTERACTION_TYPES = {
    "in-store recommendation": "presentations",
    "special order": "closing",
    "phone follow-up": "prospecting",
    "email follow-up": "prospecting",
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
    >>> interactions = pd.DataFrame({"type": ["special order"]})
    >>> bookhub_activities(campaigns, interactions)
            side          activity       example of  count     counted in
    0  marketing  email newsletter  email marketing      2      campaigns
    1  marketing      author event  brand marketing      1      campaigns
    2      sales     special order          closing      1  conversations
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
