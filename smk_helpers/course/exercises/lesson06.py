"""Exercises of lesson 06 (marketing KPIs)."""

import pandas as pd

from ...core import attribution, incrementality, kpis
from ...core.formatting import fmt_money
from ..grading import CONCEPT, DECISION, bookhub, check_number, check_option, exercise

YEAR = ("2025-01-01", "2025-12-31")
Q4 = ("2025-10-01", "2025-12-31")
JULY = ("2025-07-01", "2025-07-31")
PROMOTION = "in-store promotion"


def _campaigns(channel=None, start=None, end=None):
    campaigns = kpis.prorate_campaigns(bookhub().campaigns, start, end)
    return campaigns if channel is None else campaigns[campaigns["channel"].eq(channel)]


@exercise("06.1")
def social_ctr(answer):
    """CTR of The Book Hub's social campaigns in 2025 (a fraction, ratio of sums)."""
    social = _campaigns("social", *YEAR)
    return check_number(
        answer,
        kpis.campaign_totals(social)["ctr"],
        near_misses={
            "that is the mean of the campaigns' CTRs; divide the total clicks by the total impressions.": float(
                kpis.ctr(social["clicks"], social["impressions"]).mean()
            ),
            "that is the CTR of all channels; keep only the social campaigns.": kpis.campaign_totals(
                _campaigns(None, *YEAR)
            )["ctr"],
            "that is 2024; use the campaigns of 2025.": kpis.campaign_totals(
                _campaigns("social", "2024-01-01", "2024-12-31")
            )["ctr"],
            "that is over both years; keep 2025 only.": kpis.campaign_totals(_campaigns("social"))["ctr"],
            "that is impressions per click, upside down; divide the clicks by the impressions.": kpis.safe_divide(
                kpis.known_sum(social["impressions"]), kpis.known_sum(social["clicks"])
            ),
        },
        hint="Use kpis.campaign_totals on the social campaigns of 2025 and read 'ctr'.",
    )


@exercise("06.2")
def q4_cac(answer):
    """Blended CAC in the fourth quarter of 2025 (October to December), in dollars."""
    hub = bookhub()
    spend_q4 = kpis.campaign_totals(_campaigns(None, *Q4))["spend"]
    spend_year = kpis.campaign_totals(_campaigns(None, *YEAR))["spend"]
    new_q4 = kpis.new_customer_count(hub.orders, *Q4)
    new_year = kpis.new_customer_count(hub.orders, *YEAR)
    return check_number(
        answer,
        kpis.cac(spend_q4, new_q4),
        near_misses={
            "that divides the quarter's spend by the whole year's new customers; count the new customers "
            "of October to December only.": kpis.cac(spend_q4, new_year),
            "that divides the whole year's spend by the quarter's new customers; take the spend of "
            "October to December only.": kpis.cac(spend_year, new_q4),
            "that is the CAC of the whole of 2025; the question is about October to December.": kpis.cac(
                spend_year, new_year
            ),
            "that divides by every customer who bought in the quarter; CAC counts new customers only.": kpis.cac(
                spend_q4, kpis.customer_count(hub.orders[kpis.in_period(hub.orders["order_date"], *Q4)])
            ),
        },
        hint="kpis.summary(hub, start='2025-10-01', end='2025-12-31') has it under 'cac'.",
    )


@exercise("06.3")
def email_roi(answer):
    """Marketing ROI of 2025's email newsletters: (gross profit − spend) / spend (a fraction)."""
    hub = bookhub()
    email = hub.campaigns[hub.campaigns["channel"].eq("email") & kpis.in_period(hub.campaigns["start_date"], *YEAR)]
    credited = hub.orders[hub.orders["campaign_id"].isin(email["campaign_id"])]
    spend = kpis.known_sum(email["spend"])
    revenue, profit = kpis.known_sum(credited["revenue"]), kpis.known_sum(credited["gross_profit"])
    return check_number(
        answer,
        kpis.marketing_roi(profit, spend),
        near_misses={
            "that is the ROAS (revenue per dollar), not the ROI; use gross profit, and take the spend off.": kpis.roas(
                revenue, spend
            ),
            (
                "that is computed from revenue (ROAS − 1); ROI uses the orders' gross profit, not their revenue."
            ): kpis.marketing_roi(revenue, spend),
            (
                "that is gross profit per dollar spent; take the spend off first: (gross profit − spend) / spend."
            ): kpis.safe_divide(profit, spend),
        },
        hint="Select the email campaigns of 2025, the orders credited to them, and use kpis.marketing_roi.",
    )


def promotion_lifts(hub=None):
    """The in-store promotions, and the gross-profit lift of each against comparable weeks of the shop's orders.

    The promotions run in the shop, so the comparison is over in-store orders (`incrementality.baseline_comparison`,
    four weeks either side).
    """
    hub = hub or bookhub()
    promotions = hub.campaigns[hub.campaigns["type"].eq(PROMOTION)]
    shop = hub.orders[hub.orders["channel"].eq("in-store")]
    return promotions, incrementality.baseline_comparison(shop, promotions, "gross_profit")


@exercise("06.4", kind=DECISION)
def summer_promotion(answer):
    """Keep, cut or test July 2025's in-store promotion, from its extra gross profit, its swing and its spend."""
    promotions, profit = promotion_lifts()
    july = promotions[kpis.in_period(promotions["start_date"], *JULY)].iloc[0]
    extra = profit.loc[july["campaign_id"]]
    lift, swing, spend = extra["lift"], extra["swing"], july["spend"]
    expected = incrementality.verdict(lift, swing, spend)
    hub = bookhub()
    shop = hub.orders[hub.orders["channel"].eq("in-store")]
    months = kpis.revenue_by_month(shop)
    before = incrementality.baseline_comparison(shop, promotions, "gross_profit", after=False).loc[july["campaign_id"]]
    month = pd.Timestamp(july["start_date"])
    after_month = (month + pd.DateOffset(months=1)).strftime("%Y-%m")
    august = fmt_money(months[after_month], digits=0)
    july_revenue = fmt_money(months[month.strftime("%Y-%m")], digits=0)
    season = (
        f"The weeks after July are August's, and the shop's sales rise then (in-store revenue {august} "
        f"in August against {july_revenue} in July), so this baseline "
        "cannot judge the challenge either; "
        f"with the four weeks before only, the extra gross profit is {fmt_money(before['lift'], digits=0)} ± "
        f"{fmt_money(before['swing'], digits=0)}, still too uncertain."
    )
    low, high, cost = fmt_money(lift - 2 * swing, digits=0), fmt_money(lift + 2 * swing, digits=0), fmt_money(spend)
    span = f"its extra gross profit, give or take twice the swing, runs from {low} to {high}, against a spend of {cost}"
    why = {
        incrementality.KEEP: (
            f"{span}: even at its lowest it pays for itself, more than chance could explain."
            if expected == incrementality.KEEP
            else "that trusts the ROAS. It credits the promotion with every order that used it, including orders "
            f"that would have come anyway at full price. Keep a promotion when even the low end pays: here {span}."
        ),
        incrementality.CUT: (
            f"{span}: even at its highest it does not pay for itself."
            if expected == incrementality.CUT
            else "no lift seen is not proof of no lift. Cut a promotion when even the high end of its extra gross "
            f"profit stays below its spend; here {span}, so chance could hide a gain that pays."
        ),
        incrementality.TEST: (
            f"{span}: it may pay or not, and the baseline cannot tell. {season} A holdout can: run it in weeks "
            "picked at random, and compare."
            if expected == incrementality.TEST
            else "a test is for a lift that chance could explain either way; here the baseline already says "
            f"whether it pays: {span}."
        ),
    }
    return check_option(answer, expected, why)


@exercise("06.5", kind=CONCEPT)
def newsletter_report_view(answer):
    """Which view of the credit does the newsletter tool use when it reports the example journey's whole order?"""
    hub = bookhub()
    customer = attribution.example_journey(hub.touchpoints, hub.orders, *YEAR)
    contacts = hub.touchpoints[hub.touchpoints["customer_id"].eq(customer)]
    channels = attribution.journeys(contacts, hub.orders)["channel"].tolist()
    views = attribution.attribution_table(contacts, hub.orders, with_claims=True)
    why = {
        "first_touch": (
            f"first-touch gives the whole order to the contact that opened the journey, here {channels[0]}, and "
            "nothing to the email. A tool that sees only its own emails cannot know what came first."
        ),
        "last_touch": (
            f"many platforms say they report the last click, but last-touch gives this order to {channels[-1]}, "
            "the contact just before the sale. A tool that sees only its own emails cannot know what came after."
        ),
        "linear": (
            f"linear shares the order equally among the journey's {len(channels)} contacts, so the email would get "
            "one share, not the whole order; a report that splits credit says so."
        ),
        "claims": (
            "the newsletter tool counts every first order whose journey holds one of its emails, whatever else the "
            "customer saw. Each channel of this journey can claim the same order, so the claims add up to more."
        ),
    }
    return check_option(answer, views.loc["email"].idxmax(), why)
