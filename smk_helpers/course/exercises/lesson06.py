"""Exercises of lesson 06 (marketing KPIs)."""

from ...core import kpis
from ..grading import bookhub, check_number, exercise

YEAR = ("2025-01-01", "2025-12-31")
Q4 = ("2025-10-01", "2025-12-31")


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
