"""Exercises of lesson 01 (sales vs marketing)."""

from ...core import kpis, profile
from ...core.formatting import fmt_money
from .. import concepts
from ..grading import bookhub, check_number, check_option, exercise, northway

# Exercise 01.1: why a special order is sales' work, and the misconception behind calling it marketing.
SPECIAL_ORDER = {
    concepts.SALES: "a bookseller hears which title one customer wants, finds it, quotes a price and a date, and "
    "the customer collects and pays. One conversation, from the request to the purchase, is how sales works.",
    concepts.MARKETING: "marketing may have brought the customer to the counter, and loyal customers are its aim "
    "too, but the special order itself is arranged with one customer for one book. A service that keeps customers "
    "coming back is not marketing when it is done one customer at a time.",
}


@exercise("01.1", kind="concept")
def special_orders_side(answer):
    """Which side owns The Book Hub's special-order service: marketing or sales?"""
    activity = concepts.INTERACTION_TYPES["special order"]
    side = next(a.side for a in concepts.ACTIVITIES if a.name == activity)
    return check_option(answer, side, SPECIAL_ORDER)


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


# Exercise 01.4: a local radio station interviews the owner about the shop's reading club.
RADIO_INTERVIEW = {
    concepts.PUBLIC_RELATIONS: "the station chose the story and the shop paid nothing for the airtime: the "
    "attention was earned, not bought. It reaches every listener at once, so it is marketing's work.",
    concepts.ADVERTISING: "an advertisement is space the shop buys and words it writes itself. Nobody paid "
    "the station here, and its host, not the shop, chose the questions: being on the radio is not the same as "
    "advertising on it.",
    concepts.OWNED_MEDIA: "owned media is the shop's own channel, such as its newsletter or its page. The radio "
    "station belongs to someone else, who decided to give the shop the airtime; whose channel it is decides this.",
    concepts.SALES: "the owner does the talking, but to thousands of listeners at once, and nobody is asked to "
    "decide on a purchase. A person speaking does not make it sales; sales is one conversation with one buyer.",
}


@exercise("01.4", kind="concept")
def radio_interview(answer):
    """A local radio station interviews the owner about the reading club: advertising, owned media, PR or sales?"""
    return check_option(answer, concepts.contact_kind(one_to_one=False, own_channel=False, paid=False), RADIO_INTERVIEW)


@exercise("01.5", kind="decision")
def where_selling_pays(answer):
    """Per hour of its sellers' time, which business's one-to-one selling brings in more gross profit?"""
    selling = profile.selling_time(bookhub(), northway())
    per_hour = selling["gross_profit"] / (selling["minutes"] / 60)
    per_win = selling["minutes"] / selling["won"]
    best, other = per_hour.sort_values(ascending=False).index
    quick = per_win.idxmin()
    why = {
        best: f"an hour of its sellers' time brings in about {fmt_money(per_hour[best], digits=0)} of gross profit, "
        f"against {fmt_money(per_hour[other], digits=0)} at {other}. "
        + (
            f"Its sellers take longer over each win ({per_win[best]:.0f} minutes against {per_win[other]:.0f}), "
            "but each win is worth far more, so the long conversations pay."
            if quick != best
            else "Its wins are also the quicker ones."
        ),
        other: f"{other}'s hour of selling brings in about {fmt_money(per_hour[other], digits=0)} of gross profit, "
        f"against {fmt_money(per_hour[best], digits=0)} at {best}. "
        + (
            f"Its sellers win in fewer minutes ({per_win[other]:.0f} against {per_win[best]:.0f}), but a quick "
            "win is not a profitable hour: divide what the wins brought by the time spent on all conversations."
            if quick == other
            else "Compare what the wins brought with the time spent on all conversations, won or not."
        ),
    }
    return check_option(answer, best, why)
