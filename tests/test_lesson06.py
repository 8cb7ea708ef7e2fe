"""Lesson 06's additions: channel claims (attribution.claims), exercise 06.4, and the claims its prose makes."""

import pandas as pd
import pytest

from smk_helpers.core import attribution, incrementality, kpis

YEAR = ("2025-01-01", "2025-12-31")


# ------------------------------------------------------------------------------------------- attribution.claims


def test_each_channel_claims_every_first_order_it_touched_once():
    touchpoints = pd.DataFrame(
        {
            "customer_id": ["A", "A", "A", "B", "C"],
            "date": pd.to_datetime(["2025-03-01", "2025-03-02", "2025-03-03", "2025-03-01", "2025-03-01"]),
            "channel": ["social", "email", "email", "email", None],
            "campaign_id": [None, "E1", "E1", "E1", None],
        }
    )
    orders = pd.DataFrame(
        {
            "order_id": ["1", "2", "3", "4"],
            "order_date": pd.to_datetime(["2025-03-05", "2025-03-02", "2025-03-09", "2025-03-02"]),
            "customer_id": ["A", "B", "B", "C"],
            "revenue": [60.0, 30.0, 25.0, 10.0],
        }
    )
    claimed = attribution.claims(touchpoints, orders)
    # A's two emails make one claim; B's second order is not a first order; C's blank channel is "(unknown)"
    assert claimed.to_dict("index") == {
        "(unknown)": {"orders": 1, "revenue": 10.0},
        "email": {"orders": 2, "revenue": 90.0},
        "social": {"orders": 1, "revenue": 60.0},
    }
    first_orders = attribution.attribution_table(touchpoints, orders)["linear"].sum()
    assert claimed["orders"].sum() == 4 > first_orders == 3  # A is claimed twice
    by_campaign = attribution.claims(touchpoints, orders, by="campaign_id")
    assert by_campaign["orders"].to_dict() == {attribution.NO_CAMPAIGN: 2, "E1": 2}


def test_claims_of_a_period_and_of_no_touchpoints():
    touchpoints, orders = attribution.TOUCHPOINTS, attribution.ORDERS
    assert attribution.claims(touchpoints, orders, start="2025-03-05")["orders"].to_dict() == {"email": 1, "social": 1}
    none = attribution.claims(touchpoints.iloc[:0], orders)
    assert none.empty and list(none.columns) == ["orders", "revenue"]


def test_the_book_hubs_channels_claim_more_first_orders_than_the_models_share_out(hub):
    claimed = attribution.claims(hub.touchpoints, hub.orders, start=YEAR[0], end=YEAR[1])
    credit = attribution.attribution_table(hub.touchpoints, hub.orders, start=YEAR[0], end=YEAR[1])
    assert (claimed["orders"] >= credit.max(axis=1).round(6)).all()  # a claim is at least any model's credit
    assert claimed["orders"].sum() > round(credit["linear"].sum())


# -------------------------------------------------------------------------------------------------- exercise 06.4


def test_exercise_06_4_names_the_misconception_of_each_wrong_option():
    from smk_helpers.course.exercises import answer_key, check

    assert answer_key("06.4") == incrementality.TEST
    assert check("06.4", "test").passed
    assert check("06.4", " Test ").passed
    assert "ROAS" in check("06.4", "keep").message and "every order" in check("06.4", "keep").message
    assert "no lift seen is not proof of no lift" in check("06.4", "cut").message
    assert "not one of the options" in check("06.4", "maybe").message


def test_exercise_06_4_follows_the_verdict_of_the_julys_numbers():
    """The expected answer is computed: July's extra gross profit is within twice its swing of the spend."""
    from smk_helpers.course.exercises.lesson06 import promotion_lifts
    from smk_helpers.course.grading import bookhub

    promotions, profit = promotion_lifts(bookhub())
    july = promotions[promotions["start_date"].dt.strftime("%Y-%m") == "2025-07"].iloc[0]
    extra = profit.loc[july["campaign_id"]]
    assert extra["lift"] - 2 * extra["swing"] < july["spend"] < extra["lift"] + 2 * extra["swing"]


# --------------------------------------------------------------------- what the lesson's prose says of the data


def test_the_credited_orders_keep_less_than_the_shop_and_still_clear_their_break_even(hub):
    year = kpis.summary(hub, *YEAR)
    orders = hub.orders[kpis.in_period(hub.orders["order_date"], *YEAR)]
    credited = orders[orders["campaign_id"].notna()]
    own = kpis.gross_margin_rate(credited["gross_profit"].sum(), credited["revenue"].sum())
    assert own < year["gross_margin"]
    assert kpis.break_even_roas(own) < year["roas"]  # "they just pay for themselves"
    assert year["roas"] * own - 1 == pytest.approx(year["marketing_roi"], abs=1e-9)


def test_the_cac_range_the_lesson_shows(hub):
    year = kpis.summary(hub, *YEAR)
    q4 = kpis.summary(hub, "2025-10-01", "2025-12-31")
    campaigns = kpis.prorate_campaigns(hub.campaigns, *YEAR)
    paid = campaigns[campaigns["type"].isin(["targeted ads", "influencer", "marketplace listing"])]
    paid_cac = kpis.paid_cac(hub.orders, hub.campaigns, paid["campaign_id"], *YEAR)
    middle = kpis.cac(year["marketing_spend"], year["journey_first_orders"])
    assert year["cac"] < middle < paid_cac
    assert q4["cac"] > year["cac"]  # the fold of 06.2: the quarter's share of spend beats its share of customers
    assert q4["marketing_spend"] / year["marketing_spend"] > q4["new_customers"] / year["new_customers"]


def test_the_promotions_the_lesson_judges(hub):
    promotions = hub.campaigns[hub.campaigns["type"] == "in-store promotion"]
    shop = hub.orders[hub.orders["channel"] == "in-store"]
    lift = incrementality.baseline_comparison(shop, promotions, "revenue")
    profit = incrementality.baseline_comparison(shop, promotions, "gross_profit")
    orders = hub.orders[hub.orders["campaign_id"].isin(promotions["campaign_id"])]
    credited = orders.groupby("campaign_id")[["revenue", "gross_profit"]].sum()
    spend = promotions.set_index("campaign_id")["spend"]
    margin = kpis.gross_margin_rate(credited["gross_profit"].sum(), credited["revenue"].sum())
    assert 0.35 < margin < 0.41  # "promotion orders keep about 38%"
    assert (kpis.roas(credited["revenue"], spend) > 2 * kpis.break_even_roas(margin)).all()  # "far above"
    spring, december = "PRM-2025-04", "PRM-2025-12"
    assert lift.loc[spring, "lift"] > 2 * lift.loc[spring, "swing"]  # "well beyond the swing"
    assert 0.8 < lift.loc[spring, "lift"] / credited.loc[spring, "revenue"] < 1.25  # "about as much as its orders"
    assert profit.loc[spring, "lift"] > 3 * spend[spring]  # "several times its spend"
    assert lift.loc[december, "lift"] > 5 * credited.loc[december, "revenue"]  # "many times larger": Christmas


def test_exercise_06_4_is_a_decision_that_explains_every_option_with_julys_numbers():
    from smk_helpers.course.exercises import check
    from smk_helpers.course.grading import kind_of

    assert kind_of("06.4") == "decision"
    messages = {option: check("06.4", option).message for option in ("keep", "cut", "test")}
    assert len(set(messages.values())) == 3
    assert all("twice the swing" in message and "$" in message for message in messages.values())
    assert "holdout" in messages["test"]


# ------------------------------------------------------------------------------ exercises 06.1 and 06.5


def test_exercise_06_1_is_clicks_over_impressions_summed_first():
    from smk_helpers.course.exercises import check
    from smk_helpers.course.grading import bookhub

    campaigns = kpis.prorate_campaigns(bookhub().campaigns, *YEAR)
    social = campaigns[campaigns["channel"] == "social"]
    assert check("06.1", social["clicks"].sum() / social["impressions"].sum()).passed  # the fill-in's answer
    assert "upside down" in check("06.1", social["impressions"].sum() / social["clicks"].sum()).message
    assert "mean of the campaigns' CTRs" in check("06.1", (social["clicks"] / social["impressions"]).mean()).message


def test_the_example_journey_and_the_claims_column():
    touchpoints, orders = attribution.TOUCHPOINTS, attribution.ORDERS
    table = attribution.attribution_table(touchpoints, orders, with_claims=True)
    assert list(table.columns) == [*attribution.MODELS, "claims"]
    assert table["claims"].sum() > table["linear"].sum()
    assert attribution.example_journey(touchpoints, orders, contacts=4) is None


def test_exercise_06_5_the_newsletter_report_is_a_claim(hub):
    """The lesson's example journey has the email in the middle, so only a claim gives it the whole order."""
    from smk_helpers.course.exercises import answer_key, check
    from smk_helpers.course.grading import kind_of

    customer = attribution.example_journey(hub.touchpoints, hub.orders, *YEAR)
    channels = attribution.journeys(hub.touchpoints[hub.touchpoints["customer_id"] == customer], hub.orders)[
        "channel"
    ].tolist()
    assert len(channels) == 3 and channels[1] == "email"
    assert kind_of("06.5") == "concept" and answer_key("06.5") == "claims"
    assert check("06.5", "claims").passed
    assert channels[0] in check("06.5", "first_touch").message
    assert channels[-1] in check("06.5", "last_touch").message
    assert "equally" in check("06.5", "linear").message
