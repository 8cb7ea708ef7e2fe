"""The end-of-course review: fifteen questions across the lessons, each option with its own explanation.

The questions are data (`QUESTIONS`); the logic is plain functions the widget only wires up:

* `grade` checks one answer (with `grading.check_option`, so a wrong option names its misconception);
* `score` counts right, wrong and unanswered over any set of answers;
* `record` grades an answer and keeps it in ``review.json`` in the student's workspace (beside their
  ``progress.json``), with whether the question was right at the first try; `saved` and `result` read it;
* `review_quiz` is the ipywidgets quiz: radio buttons per question, a "Check" button, the explanation of
  the option checked, and a running score.

The file follows the rules of the progress file: written atomically, read only as a regular file of at
most ``limits.MAX_PROGRESS_FILE_BYTES``, never overwritten when damaged (a check then says it was not
recorded), and an unanswered question is no attempt.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import UnreadableFile
from .concepts import QuizScore, feedback_html
from .grading import MISSING, RIGHT, WRONG, Feedback, check_option
from .progress import not_recorded, read_record, update_record
from .workspace import workspace_dir

__all__ = [
    "PARTS",
    "QUESTIONS",
    "Question",
    "ReviewScore",
    "grade",
    "question",
    "record",
    "result",
    "review_file",
    "review_quiz",
    "saved",
    "score",
]

FILE = "review.json"


@dataclass(frozen=True)
class Question:
    """One review question.

    Parameters
    ----------
    id : str
        ``"q1"`` to ``"q15"``.
    lesson : str
        The lesson it reviews, e.g. ``"06"``.
    text : str
        The question.
    answer : str
        The right option.
    why : dict
        Every option, in the order shown, with why it is right or, for a wrong one, the misconception behind it.
    """

    id: str
    lesson: str
    text: str
    answer: str
    why: dict[str, str]

    @property
    def options(self) -> list[str]:
        return list(self.why)


QUESTIONS: tuple[Question, ...] = (
    Question(
        "q1",
        "01",
        "The owner writes the monthly newsletter herself, in a warm personal tone, and sends it to every "
        "subscriber. Whose work is it?",
        "marketing",
        {
            "marketing": "one message goes to everyone on the list at once: that is one-to-many, whatever the tone.",
            "sales": "a personal tone does not make a letter one-to-one; the same words reach every subscriber, "
            "and nobody is asked about their own need.",
        },
    ),
    Question(
        "q2",
        "02",
        "The Book Hub decides to put next year's budget into parents of young children, because they buy often "
        "and live nearby. Which step is that?",
        "targeting",
        {
            "segmentation": "segmentation only splits the market into groups; choosing the group to serve is the "
            "step after it.",
            "targeting": "weighing the segments by their value, reach and fit and choosing one to serve is targeting.",
            "positioning": "positioning is what the shop wants those parents to think of it, not the choice of the "
            "parents themselves.",
        },
    ),
    Question(
        "q3",
        "03",
        "The shop opens a stall at the Saturday farmers' market. Which P is that decision?",
        "place",
        {
            "product": "the books on the stall are the same ones; a new spot to buy them does not change what is sold.",
            "price": "nothing about what a reader pays changes because the shop sells somewhere new.",
            "place": "it is a new place where readers can buy, and a new way for the books to reach them.",
            "promotion": "a stall is seen by passers-by, but it is where the books are sold; not everything people "
            "see is promotion.",
        },
    ),
    Question(
        "q4",
        "04",
        "How does one-to-one selling usually compare with one-to-many?",
        "dearer per contact, cheaper per order",
        {
            "cheaper per contact and per order": "a conversation costs a seller's time, far more than showing an "
            "ad once, so it cannot be cheaper per contact.",
            "dearer per contact, cheaper per order": "a conversation costs far more than an ad shown once, but it "
            "ends in an order so much more often that each order can cost less.",
            "wider reach for the same money": "reach is where one-to-one is weakest: a seller's hours cap how "
            "many conversations there can be.",
        },
    ),
    Question(
        "q5",
        "05",
        "A reader signs up for the newsletter at an author event. What is she now, in the funnel's terms?",
        "an MQL",
        {
            "an MQL": "she gave a way to reach her and showed interest: marketing judges her worth following up.",
            "an SQL": "a sign-up is interest, not a buying conversation; she becomes sales-qualified when she "
            "talks to a bookseller about a book.",
            "a customer": "signing up buys nothing; counting leads as customers skips the stages where most of "
            "them drop out.",
        },
    ),
    Question(
        "q6",
        "05",
        "A click-through rate rises from 2% to 3%. How do you report the change?",
        "1 point, a 50% rise",
        {
            "1 point, a 50% rise": "the difference of two rates is in percentage points (3 − 2 = 1); compared with "
            "where it started, it is half as much again.",
            "a 1% rise": "a 1% rise of 2% would be 2.02%; mixing up percent and points makes a big change sound tiny.",
            "a 3% rise": "3% is the new rate, not the change; a rate and its change are different numbers.",
        },
    ),
    Question(
        "q7",
        "06",
        "A campaign's ROAS is 2.0, and the orders credited to it keep a gross margin of 40%. Does it pay for itself?",
        "no: below break-even",
        {
            "yes: it brings back twice its cost": "ROAS counts revenue, not profit; reading it as profit forgets "
            "that the books themselves cost money.",
            "no: below break-even": "break-even ROAS is 1 / 0.40 = 2.5; at 2.0 the gross profit of its orders is "
            "less than the campaign cost.",
            "cannot tell without the CTR": "the click-through rate says how an ad was received, not whether its "
            "orders paid for it; ROAS and margin answer that.",
        },
    ),
    Question(
        "q8",
        "06",
        "Campaign A turned 1,000 clicks into 10 orders (1%); campaign B turned 3,000 clicks into 90 orders (3%). "
        "What is their conversion together?",
        "2.5%",
        {
            "2%": "that is the mean of the two rates; it gives the small campaign as much weight as the big one.",
            "2.5%": "add up first, divide last: 100 orders from 4,000 clicks is a ratio of sums, 2.5%.",
            "4%": "that adds the two rates, but each rate is a share of its own clicks; rates over different "
            "bases are never added: add the orders and the clicks instead.",
        },
    ),
    Question(
        "q9",
        "06",
        "A customer saw a social post, then clicked a search ad, and bought after reading the newsletter. Which "
        "channel gets the order under last-touch attribution?",
        "the newsletter",
        {
            "the social post": "the social post opened the journey, so first-touch would credit it, not last-touch.",
            "the search ad": "the search ad was in the middle; no single-touch model gives it the whole order.",
            "the newsletter": "last-touch gives the whole order to the contact just before the sale.",
            "all three equally": "sharing the credit equally is linear attribution, a different rule.",
        },
    ),
    Question(
        "q10",
        "06",
        "A promotion's orders give a ROAS of 8. Which conclusion is safe?",
        "not that it added sales",
        {
            "it earned eight times its cost": "ROAS is revenue, not profit, and it credits orders that might "
            "have come anyway.",
            "not that it added sales": "ROAS credits every order that used the promotion; only a comparison with "
            "days or customers without it shows what it added.",
            "that it should get more budget": "a high ROAS on credited orders is not proof of cause, so more "
            "money may buy nothing extra.",
        },
    ),
    Question(
        "q11",
        "07",
        "A seller has won 10 deals, lost 10 and has 20 still open. What is the win rate?",
        "50%",
        {
            "25%": "that divides by every deal, open ones too; counting open deals as lost makes a busy pipeline "
            "look like failure.",
            "50%": "won / (won + lost) = 10 / 20: open deals are left out until they are decided.",
            "33%": "10 / 30 divides the won by the won and the open, leaving the lost out: the rule turned round.",
        },
    ),
    Question(
        "q12",
        "07",
        "Of 100 survey answers, 50 score 9–10, 30 score 7–8 and 20 score 0–6. What is the NPS?",
        "30",
        {
            "30": "50% promoters minus 20% detractors gives 30; the passives count only in the total.",
            "50": "that is only the share of promoters; the NPS takes the detractors away from it.",
            "80": "that counts the 7s and 8s as promoters and never takes the detractors away (50 + 30); the "
            "passives are neither, and the NPS subtracts the 20% detractors.",
        },
    ),
    Question(
        "q13",
        "08",
        "Two deals are open: $10,000 at a stage from which 20% of deals are won, and $5,000 at a stage from "
        "which 60% are won. What is the weighted forecast?",
        "$5,000",
        {
            "$15,000": "that is the open pipeline value, as if every open deal will be won.",
            "$5,000": "each deal times the win rate from its stage: $2,000 + $3,000.",
            "$6,000": "averaging the two rates (40% of $15,000) ignores that the big deal sits at the weak stage.",
        },
    ),
    Question(
        "q14",
        "08",
        "A hotel's facilities manager met Northway's rep at a trade fair last year and now asks for a quote. What "
        "kind of lead is she?",
        "warm",
        {
            "cold": "a cold lead has had no contact yet; she already knows Northway and asked it for a quote.",
            "warm": "she knows the firm and came back to it herself: know and like are there, trust is next.",
        },
    ),
    Question(
        "q15",
        "09",
        "Each month the sales team tells marketing which campaigns' leads bought, and marketing moves money "
        "accordingly. Which practice of smarketing is that?",
        "the feedback loop",
        {
            "shared goals": "shared goals are one target both own; this is about information flowing back, not "
            "the target itself.",
            "lead handoff": "the handoff is when and how a lead passes to sales; this report comes after the leads "
            "were worked.",
            "the feedback loop": "sales reports which leads bought and marketing acts on it: the loop is closed.",
            "consistent messaging": "consistent messaging is about campaigns and sellers saying the same thing, "
            "not about reporting results.",
        },
    ),
)

_BY_ID = {q.id: q for q in QUESTIONS}

# The quiz in three parts, each one widget: the two jobs and their tools; measuring; selling and working together.
PARTS: dict[str, tuple[str, ...]] = {
    "1": ("q1", "q2", "q3", "q4", "q5"),
    "2": ("q6", "q7", "q8", "q9", "q10"),
    "3": ("q11", "q12", "q13", "q14", "q15"),
}


def question(question_id: str) -> Question:
    """The question ``question_id`` ("q1" to "q15").

    Examples
    --------
    >>> question("q3").answer
    'place'
    """
    try:
        return _BY_ID[str(question_id).strip().lower()]
    except KeyError:
        raise KeyError(f"there is no review question {question_id!r}; they are q1 to q{len(QUESTIONS)}.") from None


def grade(question_id: str, option) -> Feedback:
    """Feedback on one answer: right with why, or not yet with the misconception behind the option chosen.

    ``option`` None (nothing chosen yet) is "not answered yet".

    Examples
    --------
    >>> grade("q3", "place").passed
    True
    >>> grade("q3", "price").message
    'nothing about what a reader pays changes because the shop sells somewhere new.'
    >>> grade("q3", None).status
    'missing'
    """
    q = question(question_id)
    return check_option(option, q.answer, q.why)


@dataclass(frozen=True, repr=False)  # QuizScore's repr: the score in words
class ReviewScore(QuizScore):
    """How the review went: right, wrong and unanswered questions, and how many were right at the first try."""

    ALL_RIGHT = ""


def score(answers: Mapping[str, object], questions: Iterable[str] | None = None) -> ReviewScore:
    """Score answers ``{question id: option}`` over ``questions`` (all fifteen by default).

    A question missing from ``answers``, or answered None, is still to answer.

    Examples
    --------
    >>> score({"q1": "marketing", "q2": "positioning"})
    Score: 1 of 15 right, 1 not yet, 13 still to answer.
    >>> score({q.id: q.answer for q in QUESTIONS})
    Score: 15 of 15 right.
    """
    ids = list(questions) if questions is not None else [q.id for q in QUESTIONS]
    statuses = [grade(i, answers.get(i)).status for i in ids]
    return ReviewScore(statuses.count(RIGHT), statuses.count(WRONG), statuses.count(MISSING))


# -------------------------------------------------------------------------------------------------
# The student's answers, kept in their workspace


def review_file() -> Path:
    """Where the review's answers are kept: ``review.json`` in the student's workspace."""
    return workspace_dir() / FILE


def _valid(entry: dict) -> bool:
    return isinstance(entry.get("option"), str) and entry.get("first") in (RIGHT, WRONG)


def _read(path: Path) -> dict:
    answers = read_record(path, "questions", _valid, kind="review file")
    return {k: v for k, v in answers.items() if k in _BY_ID}


def saved() -> dict[str, dict]:
    """The answers kept so far: ``{question id: {"option", "status", "first", "at"}}``; empty if none or unreadable."""
    try:
        return _read(review_file())
    except UnreadableFile:
        return {}


def record(question_id: str, option) -> Feedback:
    """Grade an answer, keep it (the latest option, and whether the first try was right), and return the feedback.

    An unanswered question is not kept. Keeping never stops the quiz: when the file cannot be read or
    written, the feedback says so in one more sentence.

    Examples
    --------
    >>> import os, tempfile
    >>> os.environ["SMK_HOME"] = tempfile.mkdtemp()
    >>> record("q11", "25%").passed, record("q11", "50%").passed
    (False, True)
    >>> saved()["q11"]["option"], saved()["q11"]["first"]
    ('50%', 'wrong')
    >>> result()
    Score: 1 of 15 right (0 at the first try), 14 still to answer.
    """
    feedback = grade(question_id, option)
    if feedback.status not in (RIGHT, WRONG):
        return feedback
    q = question(question_id)
    path = review_file()

    def change(answers: dict) -> dict:
        answers = {k: v for k, v in answers.items() if k in _BY_ID}
        answers[q.id] = {
            "option": option.strip(),
            "status": feedback.status,
            "first": answers.get(q.id, {}).get("first", feedback.status),
            "at": dt.datetime.now().isoformat(timespec="seconds"),
        }
        return {k: answers[k] for k in _BY_ID if k in answers}

    try:
        update_record(path, "questions", _valid, change, kind="review file")
    except (UnreadableFile, OSError) as exc:
        return not_recorded(feedback, path, exc)
    return feedback


def result(questions: Iterable[str] | None = None) -> ReviewScore:
    """The review's score from the answers kept: right, not yet, still to answer, and right at the first try.

    Only answers that were checked are kept, so an option chosen but never checked does not count.

    Parameters
    ----------
    questions : iterable of str, optional
        The questions to score, such as a part's (`PARTS`); all fifteen by default.

    Examples
    --------
    >>> import os, tempfile
    >>> os.environ["SMK_HOME"] = tempfile.mkdtemp()
    >>> record("q1", "marketing").passed, record("q6", "a 3% rise").passed
    (True, False)
    >>> result(PARTS["1"])
    Score: 1 of 5 right (1 at the first try), 4 still to answer.
    """
    ids = list(questions) if questions is not None else list(_BY_ID)
    answers = {k: v for k, v in saved().items() if k in ids}
    found = score({k: v["option"] for k, v in answers.items()}, ids)
    return dataclasses.replace(found, first_try=sum(v["first"] == RIGHT for v in answers.values()))


# -------------------------------------------------------------------------------------------------
# The widget


def review_quiz(part: str | None = None):
    """The review quiz as a widget: per question, its options as radio buttons, a Check button and the feedback.

    The radio buttons start at the answer kept from an earlier session, if any. "Check" calls `record`
    and shows its feedback; for a right answer, a fold under it explains every other option too. The
    score line under the questions calls `result` for this part's questions and for the whole quiz: it
    counts the answers checked and kept, never an option chosen but not checked.

    Parameters
    ----------
    part : str, optional
        ``"1"``, ``"2"`` or ``"3"`` (see `PARTS`); every question when omitted.

    Returns
    -------
    ipywidgets.VBox
        Its ``radios``, ``buttons`` and ``feedback`` attributes map each question id to its RadioButtons,
        its Button and its HTML feedback; ``score`` is the HTML score line (handy for tests).
    """
    import ipywidgets as widgets

    ids = PARTS[str(part)] if part is not None else tuple(_BY_ID)
    kept = saved()
    score_line = widgets.HTML()
    radios, buttons, lines, rows = {}, {}, {}, []
    for qid in ids:
        q = _BY_ID[qid]
        chosen = kept.get(qid, {}).get("option")
        radio = widgets.RadioButtons(
            options=q.options,
            value=chosen if chosen in q.options else None,
            layout=widgets.Layout(width="auto"),
        )
        button = widgets.Button(description="Check", tooltip=f"Check your answer to question {qid[1:]}")
        line = widgets.HTML(_explained(qid, grade(qid, chosen)) if chosen in q.options else "")
        number = html.escape(qid[1:])
        rows.append(
            widgets.VBox(
                [
                    widgets.HTML(f"<p><b>{number}.</b> {html.escape(q.text)} <i>(lesson {q.lesson})</i></p>"),
                    radio,
                    button,
                    line,
                ],
                layout=widgets.Layout(margin="0 0 12px 0"),
            )
        )
        radios[qid], buttons[qid], lines[qid] = radio, button, line

    def update_score():
        here = result(ids)
        whole = result()
        text = f"<b>Score:</b> {html.escape(here.message)}"
        if part is not None:
            text += f" <b>Whole review so far:</b> {html.escape(whole.message)}"
        score_line.value = f'<p role="status">{text}</p>'

    def on_check(qid):
        def handler(_button):
            option = radios[qid].value
            lines[qid].value = _explained(qid, grade(qid, None) if option is None else record(qid, option))
            update_score()

        return handler

    for qid, button in buttons.items():
        button.on_click(on_check(qid))
    update_score()
    quiz = widgets.VBox([*rows, score_line], _dom_classes=["smk-review-quiz"])
    quiz.radios, quiz.buttons, quiz.feedback, quiz.score = radios, buttons, lines, score_line
    return quiz


def _explained(question_id: str, feedback: Feedback) -> str:
    """``feedback`` as HTML; once the answer is right, a fold explains every other option as well."""
    shown = feedback_html(feedback)
    if not feedback.passed:
        return shown
    q = question(question_id)
    others = "".join(
        f"<li><b>{html.escape(other)}</b>: {html.escape(why)}</li>" for other, why in q.why.items() if other != q.answer
    )
    return f"{shown}<details><summary>Why not the others</summary><ul>{others}</ul></details>"
