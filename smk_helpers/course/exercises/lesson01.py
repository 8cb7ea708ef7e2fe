"""Exercises of lesson 01 (sales vs marketing)."""

from ...core import kpis
from ..grading import bookhub, check_choice, check_number, exercise

SIDES = ["marketing", "sales"]


@exercise("01.1")
def special_orders_side(answer):
    """Which side owns The Book Hub's special-order service: marketing or sales?"""
    return check_choice(
        answer,
        "sales",
        options=SIDES,
        hints={
            "marketing": "a special order is arranged with one customer, for one book they asked for: "
            "a one-to-one conversation that ends in a purchase. Which side works like that?",
        },
    )


def _type_share(table, kind: str) -> float:
    return kpis.safe_divide((table["type"] == kind).sum(), len(table))


@exercise("01.2")
def special_order_share(answer):
    """The share of all logged one-to-one contacts (2024–2025) that were special orders."""
    talks = bookhub().interactions
    won = talks[talks["outcome"] == "won"]
    special = int((talks["type"] == "special order").sum())
    in_store = int((talks["type"] == "in-store recommendation").sum())
    return check_number(
        answer,
        _type_share(talks, "special order"),
        near_misses={
            "that is the number of special orders; divide it by the number of all contacts.": special,
            "that is the share among the won contacts only; divide by all contacts, won, lost and open.": _type_share(
                won, "special order"
            ),
            "you divided by the in-store recommendations only; divide by all contacts of every type.": kpis.safe_divide(
                special, in_store
            ),
        },
        hint="Count the rows of hub.interactions whose type is 'special order' and divide by all rows.",
    )


def _spend_share(kind: str, start=None, end=None) -> float:
    campaigns = bookhub().campaigns
    if start is not None:
        campaigns = kpis.prorate_campaigns(campaigns, start, end)
    totals = kpis.campaign_totals(campaigns, by="type")
    return kpis.safe_divide(totals.loc[kind, "spend"], totals["spend"].sum())


@exercise("01.3")
def influencer_spend_share(answer):
    """The share of The Book Hub's 2025 marketing spend that went to influencer campaigns."""
    campaigns_2025 = kpis.prorate_campaigns(bookhub().campaigns, "2025-01-01", "2025-12-31")
    influencer_spend = kpis.campaign_totals(campaigns_2025, by="type").loc["influencer", "spend"]
    return check_number(
        answer,
        _spend_share("influencer", "2025-01-01", "2025-12-31"),
        near_misses={
            "that is the share over both years; keep only the campaigns of 2025.": _spend_share("influencer"),
            "that is 2024's share; the question asks about 2025.": _spend_share(
                "influencer", "2024-01-01", "2024-12-31"
            ),
            "that is the share of the number of campaigns; the question asks for the share of the spend.": _type_share(
                campaigns_2025, "influencer"
            ),
            "that is the amount in dollars; divide it by the total spend of 2025.": influencer_spend,
        },
        hint="Sum the spend of 2025's influencer campaigns and divide by the spend of all 2025 campaigns.",
    )
