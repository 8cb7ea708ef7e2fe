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
# The seven sales activities of the sources (seeds 000, 001, 002), as issue 14 lists them.
SALES_ACTIVITIES = {
    "prospecting and lead generation",
    "sales calls and presentations",
    "negotiation",
    "closing",
    "building customer relationships",
    "post-sale service",
    "tracking sales performance and developing sales strategy",
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
def test_the_quiz_has_the_eight_marketing_and_seven_sales_activities_on_the_right_sides():
    by_side = {side: {a.name.lower() for a in ACTIVITIES if a.side == side} for side in (MARKETING, SALES)}
    assert by_side[MARKETING] == MARKETING_ACTIVITIES
    assert by_side[SALES] == SALES_ACTIVITIES
    assert len({a.name for a in ACTIVITIES}) == 15


def test_the_activity_table_gives_every_activity_an_example_marketing_first():
    table = concepts.activity_table()
    assert table["side"].tolist() == [MARKETING] * 8 + [SALES] * 7
    assert set(table.index) == {a.name for a in ACTIVITIES}
    assert table["at The Book Hub"].map(lambda text: len(text) > 15).all()
    assert concepts.activity_table(SALES).index.str.lower().tolist() == [
        a.name.lower() for a in ACTIVITIES if a.side == SALES
    ]


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


@pytest.mark.parametrize("name", ["building customer relationships", "sales promotions", "email marketing"])
def test_the_blurry_cases_say_so_honestly(name):
    item = next(a for a in ACTIVITIES if a.name == name)
    assert "blurry" in item.blurry
    assert "blurry" in sort_feedback(name, item.side).message


def test_feedback_ignores_case_spaces_and_knows_short_and_older_names():
    assert sort_feedback("  Cold Calling ", " SALES ").status == RIGHT
    assert "prospecting and lead generation is sales" in sort_feedback("cold calling", "sales").message
    assert sort_feedback("CRM", "sales").status == RIGHT
    assert sort_feedback("seo", "marketing").status == RIGHT
    assert sort_feedback("tracking sales performance", "marketing").status == WRONG


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
    assert (score.right, score.wrong, score.unanswered, score.total) == (2, 1, 12, 15)
    assert score.message == "2 of 15 right, 1 not yet, 12 still to answer."


def test_quiz_score_of_a_perfect_and_an_empty_quiz():
    assert quiz_score({a.name: a.side for a in ACTIVITIES}).message == "15 of 15 right: every activity is in its place."
    empty = quiz_score({})
    assert (empty.right, empty.unanswered) == (0, 15)


def test_quiz_score_all_wrong():
    score = quiz_score({a.name: SALES if a.side == MARKETING else MARKETING for a in ACTIVITIES})
    assert (score.right, score.wrong, score.unanswered) == (0, 15, 0)
    assert score.message == "0 of 15 right, 15 not yet."


# ---------------------------------------------------------------- the widget
def test_quiz_widget_labels_every_input_and_starts_empty():
    quiz = concepts.sorting_quiz()
    assert list(quiz.dropdowns) == concepts.activity_names()
    assert all(d.description == name and d.value is None for name, d in quiz.dropdowns.items())
    assert all(line.value == "" for line in quiz.feedback.values())
    assert "0 of 15 right, 15 still to answer" in quiz.score.value


def test_quiz_widget_answers_through_sort_feedback_and_quiz_score():
    quiz = concepts.sorting_quiz()
    quiz.dropdowns["closing"].value = SALES
    assert "Right" in quiz.feedback["closing"].value
    assert "1 of 15 right, 14 still to answer" in quiz.score.value

    quiz.dropdowns["sales promotions"].value = SALES
    line = quiz.feedback["sales promotions"].value
    assert "Not yet" in line and "blurry" in line
    assert "1 of 15 right, 1 not yet, 13 still to answer" in quiz.score.value

    quiz.dropdowns["closing"].value = None
    assert quiz.feedback["closing"].value == ""
    assert "0 of 15 right, 1 not yet, 14 still to answer" in quiz.score.value


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


# What each kind of Book Hub conversation is an example of (review 2026-12, §2c item 8).
BOOKHUB_SALES = {
    "in-store recommendation": "sales calls and presentations",
    "special order": "building customer relationships",  # a customer-service offer, not "closing"
    "phone follow-up": "building customer relationships",  # not "prospecting": see the audience test
    "email follow-up": "building customer relationships",
    "store consultation": "negotiation",
}


@pytest.mark.parametrize("kind", sorted(BOOKHUB_SALES))
def test_each_bookhub_conversation_maps_to_the_right_sales_activity(kind):
    activity = concepts.INTERACTION_TYPES[kind]
    assert activity == BOOKHUB_SALES[kind]
    assert next(a for a in ACTIVITIES if a.name == activity).side == SALES
    table = concepts.bookhub_activities(bookhub().campaigns, bookhub().interactions).set_index("activity")
    assert table.loc[kind, "example of"] == activity and table.loc[kind, "side"] == SALES


@pytest.mark.parametrize("kind", sorted(concepts.CAMPAIGN_TYPES))
def test_each_bookhub_campaign_maps_to_a_marketing_activity(kind):
    assert next(a for a in ACTIVITIES if a.name == concepts.CAMPAIGN_TYPES[kind]).side == MARKETING


def test_the_mapping_covers_every_kind_of_conversation_in_the_data():
    assert set(bookhub().interactions["type"]) == set(concepts.INTERACTION_TYPES)


def test_no_conversation_of_the_book_hub_is_called_prospecting_or_closing():
    assert not {"prospecting and lead generation", "closing"} & set(concepts.INTERACTION_TYPES.values())


def test_follow_ups_and_special_orders_often_reach_existing_customers():
    """The data behind the mapping: these conversations are relationship work, not a search for new buyers."""
    hub = bookhub()
    audience = concepts.conversation_audience(hub.interactions, hub.orders)
    shares = audience.drop(columns="conversations")
    assert (shares.sum(axis=1) - 1).abs().max() < 1e-9
    assert audience["conversations"].sum() == len(hub.interactions)
    for kind in ("phone follow-up", "email follow-up", "special order"):
        assert 0.35 < audience.loc[kind, "existing customer"] < 0.55, kind
        assert audience.loc[kind, "anonymous"] == 0  # every one names its customer
    # a recommendation at the shelf is mostly with strangers: shown what fits them, not followed up
    assert audience.loc["in-store recommendation", "anonymous"] > 0.5
    # a campaign lead's follow-up counts as a lead's, an existing customer's as a customer's
    talks = hub.interactions
    first = talks["customer_id"].map(hub.orders.groupby("customer_id")["order_date"].min())
    existing = (first < talks["date"]).groupby(talks["type"]).mean()
    assert audience["existing customer"].round(12).to_dict() == existing.round(12).to_dict()


def test_conversation_audience_decides_each_person_once():
    orders = pd.DataFrame({"customer_id": ["C1", "C2"], "order_date": pd.to_datetime(["2025-01-05", "2025-03-01"])})
    talks = pd.DataFrame(
        {
            "type": ["call"] * 5,
            "customer_id": ["C1", "C1", "C2", "C3", None],
            "campaign_id": ["E1", None, "E1", None, "E1"],  # C1 is a customer by then, whatever the campaign
            "date": pd.to_datetime(["2025-02-01", "2025-01-05", "2025-02-01", "2025-02-01", "2025-02-01"]),
        }
    )
    row = concepts.conversation_audience(talks, orders).loc["call"]
    assert row.to_dict() == {
        "conversations": 5,
        "existing customer": 0.2,  # C1 after its first order, although a campaign is named
        "campaign lead": 0.4,  # C2 before its first order, and the anonymous lead from E1
        "other new customer": 0.4,  # C1 on the day of its first order, and C3
        "anonymous": 0.0,
    }


def test_the_sales_process_has_six_stages_that_match_the_data():
    from smk_helpers.core.contract import STAGE_COLUMNS

    table = concepts.sales_process_table()
    assert table.index.tolist() == ["prospect", "qualify", "present", "handle objections", "close", "follow up"]
    assert table.notna().all().all()
    named = " ".join(table["in the data"])
    assert all(column in named for column in STAGE_COLUMNS.values()) and "closed_date" in named


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


def test_contact_kind_sorts_by_the_three_questions_and_the_table_agrees():
    assert concepts.contact_kind(one_to_one=True, own_channel=False, paid=True) == SALES
    assert concepts.contact_kind(one_to_one=False, own_channel=True, paid=True) == concepts.OWNED_MEDIA
    assert concepts.contact_kind(one_to_one=False, own_channel=False, paid=True) == concepts.ADVERTISING
    assert concepts.contact_kind(one_to_one=False, own_channel=False, paid=False) == concepts.PUBLIC_RELATIONS
    table = concepts.contact_table()
    assert table.notna().all().all()
    for kind, row in table.iterrows():
        flags = (row[column] == "yes" for column in ("one to one", "own channel", "paid for the space"))
        assert concepts.contact_kind(*flags) == kind
    assert set(table.loc[table["side"] == MARKETING].index) == {"advertising", "owned media", "public relations"}


def test_01_4_explains_every_kind_of_contact():
    assert check("01.4", " Public Relations ").status == RIGHT
    assert "earned" in check("01.4", "public relations").message
    assert "buys" in check("01.4", "advertising").message
    assert "whose channel" in check("01.4", "owned media").message
    assert "one conversation with one buyer" in check("01.4", "sales").message
    assert "not one of the options" in check("01.4", "PR").message


def test_01_5_is_decided_by_the_gross_profit_per_selling_hour():
    from smk_helpers.core import profile
    from smk_helpers.course.exercises.lesson01 import northway

    hub, nw = bookhub(), northway()
    selling = profile.selling_time(hub, nw)
    per_hour = selling["gross_profit"] / (selling["minutes"] / 60)
    assert per_hour[nw.name] > per_hour[hub.name]
    assert selling.loc[nw.name, "minutes"] / selling.loc[nw.name, "won"] > 10 * (
        selling.loc[hub.name, "minutes"] / selling.loc[hub.name, "won"]
    )
    right = check("01.5", nw.name)
    assert right.status == RIGHT and f"${per_hour[nw.name]:,.0f}" in right.message
    wrong = check("01.5", "the book hub")
    assert wrong.status == WRONG and "a quick win is not a profitable hour" in wrong.message
    assert check("01.5", "Northway").status == WRONG
