"""Lesson 01's content, quiz logic, quiz widget and exercises (smk_helpers.course.concepts, exercises.lesson01)."""

import pandas as pd
import pytest

from smk_helpers.course import concepts
from smk_helpers.course.concepts import ACTIVITIES, MARKETING, SALES, quiz_score, sort_feedback
from smk_helpers.course.exercises import check
from smk_helpers.course.grading import MISSING, RIGHT, WRONG, bookhub

MARKETING_ACTIVITIES = {
    "market research",
    "content marketing",
    "advertising",
    "influencer marketing",
    "search engine optimisation (seo)",
    "brand marketing",
    "email marketing",
    "sales promotions",
}
SALES_ACTIVITIES = {
    "prospecting",
    "cold calling",
    "customer relationship management (crm)",
    "presentations",
    "objection handling",
    "negotiation",
    "closing",
    "post-sale service",
}


# ---------------------------------------------------------------- the comparison
def test_comparison_has_the_ten_dimensions_with_text_on_both_sides():
    table = concepts.comparison_table()
    assert table.index.tolist() == [
        "Purpose",
        "Core function",
        "Audience",
        "Time horizon",
        "Approach",
        "Strategy",
        "Metrics",
        "Activities",
        "Skills",
        "Role in the customer journey",
    ]
    assert table.columns.tolist() == [MARKETING, SALES]
    assert table.map(lambda text: isinstance(text, str) and len(text) > 10).all().all()
    assert (table[MARKETING] != table[SALES]).all()


def test_definitions_cover_both_sides():
    assert set(concepts.DEFINITIONS) == {MARKETING, SALES}
    assert all(text.endswith(".") for text in concepts.DEFINITIONS.values())


# ---------------------------------------------------------------- the activities
def test_the_quiz_has_the_sixteen_activities_on_the_right_sides():
    by_side = {side: {a.name.lower() for a in ACTIVITIES if a.side == side} for side in (MARKETING, SALES)}
    assert by_side[MARKETING] == MARKETING_ACTIVITIES
    assert by_side[SALES] == SALES_ACTIVITIES
    assert len({a.name for a in ACTIVITIES}) == 16


def test_quiz_order_is_mixed():
    sides = [a.side for a in ACTIVITIES]
    assert sides[:8] != [MARKETING] * 8 and sides[:8] != [SALES] * 8


@pytest.mark.parametrize("item", ACTIVITIES, ids=lambda a: a.name)
def test_feedback_for_every_activity_says_why(item):
    other = SALES if item.side == MARKETING else MARKETING
    good, bad = sort_feedback(item.name, item.side), sort_feedback(item.name, other)
    assert good.status == RIGHT and bad.status == WRONG
    for feedback in (good, bad):
        assert item.why in feedback.message
        assert (item.blurry in feedback.message) if item.blurry else "blurry" not in feedback.message
    assert f"belongs to {item.side}" in bad.message


@pytest.mark.parametrize("name", ["customer relationship management (CRM)", "sales promotions"])
def test_the_blurry_cases_say_so_honestly(name):
    item = next(a for a in ACTIVITIES if a.name == name)
    assert "blurry" in item.blurry
    assert "blurry" in sort_feedback(name, item.side).message


def test_feedback_ignores_case_spaces_and_knows_short_names():
    assert sort_feedback("  Cold Calling ", " SALES ").status == RIGHT
    assert sort_feedback("CRM", "sales").status == RIGHT
    assert sort_feedback("seo", "marketing").status == RIGHT


@pytest.mark.parametrize("choice", [None, ..., "", "   "])
def test_no_choice_is_not_answered(choice):
    assert sort_feedback("closing", choice).status == MISSING


@pytest.mark.parametrize("choice", ["both", 1, ["sales"], 3.5])
def test_an_impossible_choice_is_wrong_and_never_raises(choice):
    feedback = sort_feedback("closing", choice)
    assert feedback.status == WRONG
    assert "marketing or sales" in feedback.message


@pytest.mark.parametrize("activity", ["telepathy", None, 42])
def test_an_unknown_activity_is_named_and_never_raises(activity):
    feedback = sort_feedback(activity, "sales")
    assert feedback.status == WRONG and "no activity" in feedback.message


def test_quiz_score_counts_right_wrong_and_open():
    score = quiz_score(
        {
            "advertising": "marketing",
            "Closing": "marketing",
            "CRM": "sales",
            "not an activity": "sales",
            "prospecting": None,
        }
    )
    assert (score.right, score.wrong, score.unanswered, score.total) == (2, 1, 13, 16)
    assert score.message == "2 of 16 right, 1 not yet, 13 still to answer."


def test_quiz_score_of_a_perfect_and_an_empty_quiz():
    assert quiz_score({a.name: a.side for a in ACTIVITIES}).message == "16 of 16 right: every activity is in its place."
    empty = quiz_score({})
    assert (empty.right, empty.unanswered) == (0, 16)


def test_quiz_score_all_wrong():
    score = quiz_score({a.name: SALES if a.side == MARKETING else MARKETING for a in ACTIVITIES})
    assert (score.right, score.wrong, score.unanswered) == (0, 16, 0)
    assert score.message == "0 of 16 right, 16 not yet."


# ---------------------------------------------------------------- the widget
def test_quiz_widget_labels_every_input_and_starts_empty():
    quiz = concepts.sorting_quiz()
    assert list(quiz.dropdowns) == concepts.activity_names()
    assert all(d.description == name and d.value is None for name, d in quiz.dropdowns.items())
    assert all(line.value == "" for line in quiz.feedback.values())
    assert "0 of 16 right, 16 still to answer" in quiz.score.value


def test_quiz_widget_answers_through_sort_feedback_and_quiz_score():
    quiz = concepts.sorting_quiz()
    quiz.dropdowns["closing"].value = SALES
    assert "Right" in quiz.feedback["closing"].value
    assert "1 of 16 right, 15 still to answer" in quiz.score.value

    quiz.dropdowns["sales promotions"].value = SALES
    line = quiz.feedback["sales promotions"].value
    assert "Not yet" in line and "blurry" in line
    assert "1 of 16 right, 1 not yet, 14 still to answer" in quiz.score.value

    quiz.dropdowns["closing"].value = None
    assert quiz.feedback["closing"].value == ""
    assert "0 of 16 right, 1 not yet, 15 still to answer" in quiz.score.value


def test_feedback_html_escapes_what_it_shows():
    shown = concepts.feedback_html(sort_feedback("<b>x</b>", "sales"))
    assert "<b>" not in shown and "&lt;b&gt;x&lt;/b&gt;" in shown


# ---------------------------------------------------------------- The Book Hub's activities
def test_bookhub_activities_sorts_every_campaign_and_conversation():
    hub = bookhub()
    table = concepts.bookhub_activities(hub.campaigns, hub.interactions)
    marketing, sales = table[table["side"] == MARKETING], table[table["side"] == SALES]
    assert marketing["count"].sum() == len(hub.campaigns) == 104
    assert sales["count"].sum() == len(hub.interactions)
    assert set(marketing["activity"]) == set(hub.campaigns["type"])
    assert (table["example of"] != "").all(), "every Book Hub type should name its textbook activity"
    assert (
        sales.set_index("activity").loc["special order", "count"] == (hub.interactions["type"] == "special order").sum()
    )
    assert table["side"].tolist() == sorted(table["side"].tolist())  # marketing first
    for part in (marketing, sales):
        assert part["count"].is_monotonic_decreasing


def test_bookhub_activities_of_another_business():
    campaigns = pd.DataFrame({"channel": ["radio", "radio", None]})
    interactions = pd.DataFrame({"type": ["demo", None]})
    table = concepts.bookhub_activities(campaigns, interactions)
    assert table[["side", "activity", "example of", "count"]].values.tolist() == [
        [MARKETING, "radio", "", 2],
        [MARKETING, "(unknown)", "", 1],
        [SALES, "(unknown)", "", 1],
        [SALES, "demo", "", 1],
    ]


def test_every_textbook_example_is_a_quiz_activity():
    names = set(concepts.activity_names())
    assert set(concepts.CAMPAIGN_TYPES.values()) <= names
    assert set(concepts.INTERACTION_TYPES.values()) <= names


# ---------------------------------------------------------------- exercises
def test_01_1():
    assert check("01.1", "Sales").status == RIGHT
    wrong = check("01.1", "marketing")
    assert wrong.status == WRONG and "one customer" in wrong.message
    assert check("01.1", ...).status == MISSING
    assert check("01.1", 3).status == WRONG


def test_01_2_right_and_near_misses():
    talks = bookhub().interactions
    special, store = (talks["type"] == "special order").sum(), (talks["type"] == "in-store recommendation").sum()
    assert check("01.2", special / len(talks)).status == RIGHT
    assert check("01.2", (talks["type"] == "special order").mean()).status == RIGHT
    assert "number of special orders" in check("01.2", special).message
    won = talks[talks["outcome"] == "won"]
    assert "won contacts only" in check("01.2", (won["type"] == "special order").mean()).message
    assert "in-store recommendations only" in check("01.2", special / store).message
    assert "percentage" in check("01.2", round(special / len(talks) * 100, 3)).message


def test_01_3_right_and_near_misses():
    campaigns = bookhub().campaigns
    spend = campaigns.groupby([campaigns["start_date"].dt.year, "type"])["spend"].sum()
    share_2025 = spend[2025]["influencer"] / spend[2025].sum()
    assert check("01.3", share_2025).status == RIGHT
    both = spend.xs("influencer", level="type").sum() / spend.sum()
    assert "both years" in check("01.3", both).message
    assert "2024" in check("01.3", spend[2024]["influencer"] / spend[2024].sum()).message
    assert "number of campaigns" in check("01.3", 1 / 52).message
    assert "dollars" in check("01.3", spend[2025]["influencer"]).message
