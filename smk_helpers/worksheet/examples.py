"""The Book Hub's answers to the worksheet ("Show example", "Load the Book Hub example"), read from its data.

Every number an example states is computed here from The Book Hub's files (`smk_helpers.core.data.load_example`)
with the library's KPI functions: the numbers of section 4 for one month (`MONTH`, March 2025), the goals and
habits from the 12 months up to that month's end (`window`). Nothing is typed, so the examples and the lessons
show one Book Hub, and a re-made data set moves both. `book_hub` reads the data once per process and keeps the
answers; nothing else in the worksheet loads it (the live numbers never do).

The alignment scores of section 5 are judgements, not data: they are chosen so that their average sits well
inside a stage of lesson 09's scale (`assess_alignment`), and their two weakest practices are the ones the Book
Hub's action plan works on.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from dataclasses import dataclass

import pandas as pd

from ..core import kpis, pipeline
from ..core.data import example_path, load_example, read_extra_table
from ..course.alignment import STATEMENTS
from ..course.mix import LOYALTY_REWARD, PROMOTION, discount_effect

__all__ = ["MONTH", "Example", "book_hub", "book_hub_facts", "window", "SCORES", "NO_MARKETING_HOURS"]

MONTH = "2025-03"  # the month the Book Hub's worksheet is filled in for

# Section 5: the Book Hub's self-scores, one per statement of lesson 09 (`course.alignment.STATEMENTS`).
SCORES = {
    "goals": 3,
    "lead_definition": 3,  # "a subscriber becomes a sales lead when they ask for a special order": written down
    "handoff": 2,  # fewer than half of its leads ever talk to a bookseller (the sales goal's figure)
    "crm": 3,
    "messaging": 4,
    "feedback": 2,  # conversations name their campaign, but nobody reports on it yet
    "act_on_feedback": 2,
    "metrics": 2,
}

NO_MARKETING_HOURS = (
    "The Book Hub's files log the minutes of every sales conversation, but not the time its marketing takes, so "
    "its example leaves this blank. Most small businesses are the same: a rough estimate of yours is fine."
)

# How campaign types (the `type` column of the Book Hub's campaigns.csv) map onto the worksheet's channels,
# in the order of the worksheet's choices (`fields.CHANNELS`). In-store promotions are price, not a channel.
_CHANNEL_OF_TYPE = {
    "social media content": "social media",
    "email newsletter": "email",
    "SEO content": "website/SEO",
    "targeted ads": "ads",
    "marketplace listing": "marketplaces",
    "author event": "events",
    "influencer": "influencers",
}


@dataclass(frozen=True)
class Example:
    """One example answer: as it would be typed, and where its number comes from."""

    value: object  # str, an int score, a tuple of choices; "" when the data holds no answer
    source: str = ""  # in words, for a number taken from the data; "" for a plain text answer


def _month_bounds(month: str) -> tuple[dt.date, dt.date]:
    first = dt.date.fromisoformat(f"{month}-01")
    last = (pd.Timestamp(first) + pd.offsets.MonthEnd(0)).date()
    return first, last


def window(month: str = MONTH) -> tuple[dt.date, dt.date]:
    """The 12 months up to the end of ``month``: the Book Hub's recent habits, as its owner knew them then.

    Examples
    --------
    >>> window("2025-03")
    (datetime.date(2024, 4, 1), datetime.date(2025, 3, 31))
    """
    first, last = _month_bounds(month)
    start = (pd.Timestamp(first) - pd.DateOffset(months=11)).date()
    return start, last


def _count(x) -> str:
    return f"{round(x):,}"


def _money(x) -> str:
    return f"{x:,.2f}" if round(x, 2) != round(x) else f"{round(x):,}"


def _one_decimal(x) -> str:
    return f"{x:,.1f}"


def _in(table: pd.DataFrame, column: str, start, end) -> pd.DataFrame:
    return table[kpis.in_period(table[column], start, end)]


@functools.cache
def book_hub_facts(month: str = MONTH) -> dict:
    """The Book Hub's figures behind its example answers, as numbers (computed once per process).

    Section 4's numbers are those of ``month``; the goals and habits use the 12 months to its end
    (`window`), and the marketing goal's December also looks at the newsletters after ``month``.
    """
    business = load_example("bookhub")
    orders, campaigns, interactions = business.orders, business.campaigns, business.interactions
    first, last = _month_bounds(month)
    start, end = window(month)
    summary = kpis.summary(business, first, last)
    funnel = {row["stage"]: row["count"] for row in summary["funnel"]}

    facts = {"month": month, "first": first, "last": last, "window": (start, end)}
    # section 4: one month
    in_month = _in(interactions, "date", first, last)
    counts = kpis.outcome_counts(in_month)
    attributed = _in(orders, "order_date", first, last)
    attributed = attributed[attributed["campaign_id"].notna()]
    facts.update(
        impressions=summary["impressions"],
        visits=funnel["site visits"],
        leads=summary["leads"],
        lead_buyers=funnel["purchase"],
        new_customers=summary["new_customers"],
        orders=summary["orders"],
        revenue=summary["revenue"],
        marketing_spend=summary["marketing_spend"],
        attributed_orders=kpis.order_count(attributed),
        attributed_revenue=kpis.attributed_revenue(orders, first, last),
        attributed_margin=kpis.gross_margin_rate(
            kpis.attributed_gross_profit(orders, first, last), kpis.attributed_revenue(orders, first, last)
        ),
        selling_hours=kpis.known_sum(in_month["minutes"]) / 60,
        conversations=int(counts.sum()),
        conversations_won=int(counts["won"]),
        weeks_in_month=((last - first).days + 1) / 7,
    )
    # the last 12 months: customers who came back
    recent = _in(orders, "order_date", start, end)
    customers = kpis.customer_count(recent)
    facts.update(
        customers_12m=customers,
        repeat_customers=round(kpis.repeat_purchase_rate(recent) * customers),
    )
    # the marketing goal: the newsletter list (emails sent = readers on the list), its growth, December's list
    newsletters = campaigns[campaigns["type"].eq("email newsletter")].set_index("campaign_id")
    sent = newsletters.groupby(newsletters["start_date"].dt.strftime("%Y-%m"))["impressions"].sum()
    year_before = (pd.Timestamp(first) - pd.DateOffset(years=1)).strftime("%Y-%m")
    december = f"{first.year}-12"
    facts.update(
        newsletter_list=sent[month],
        newsletter_growth=(sent[month] - sent[year_before]) / 12,
        newsletter_months_left=12 - first.month,
        newsletter_december=sent.get(december, math.nan),
        newsletters_a_year=int(_in(newsletters, "start_date", start, end).shape[0]),
    )
    # the sales goal: how many of marketing's leads a bookseller talked to (the handoff)
    recent_talks = _in(interactions, "date", start, end)
    recent_campaigns = kpis.prorate_campaigns(campaigns, start, end)
    followed = int(recent_talks["campaign_id"].notna().sum())
    recent_leads = kpis.known_sum(recent_campaigns["leads"])
    facts.update(
        followed_up=followed,
        followed_leads=recent_leads,
        follow_up_rate=kpis.follow_up_rate(followed, recent_leads),
    )
    # the mix: what the shop did in the 12 months
    money_off = discount_effect(recent, campaigns, interactions=interactions)
    staff = read_extra_table("staff.csv", example_path("bookhub"), text_columns=["staff"])
    consultations = recent_talks[recent_talks["type"].eq("store consultation")]
    owner = staff.loc[staff["role"].eq("owner-manager"), "staff"].iloc[0]
    facts.update(
        campaign_types=recent_campaigns["type"].value_counts().to_dict(),
        loyalty_reward=money_off.loc[LOYALTY_REWARD, "discount_rate"],
        promotion_discount=money_off.loc[PROMOTION, "discount_rate"],
        special_order_days=pipeline.days_to_close(recent_talks[recent_talks["type"].eq("special order")]),
        owner=owner,
        booksellers=staff.loc[staff["role"].eq("bookseller"), "staff"].tolist(),
        owner_consultation_share=kpis.safe_divide(int(consultations["staff"].eq(owner).sum()), len(consultations)),
        interaction_types=sorted(recent_talks["type"].dropna().unique()),
    )
    return facts


def _frequency(per_year: int) -> str:
    return {12: "monthly", 52: "weekly", 4: "quarterly"}.get(per_year, f"{per_year} times a year")


def _goal_follow_up(rate: float) -> float:
    """Two tenths above today's share, in whole tenths: a goal the shop has not reached."""
    return math.ceil(round(rate * 10 + 2, 6)) / 10


def _marketing_goal_target(f: dict) -> int:
    """Twice the list's usual monthly growth until December, rounded to tens."""
    return int(round(f["newsletter_list"] + 2 * f["newsletter_growth"] * f["newsletter_months_left"], -1))


def _words(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


@functools.cache
def book_hub() -> dict[str, Example]:
    """The Book Hub's answer to every question of the worksheet, by field id (computed once per process).

    Examples
    --------
    >>> ex = book_hub()
    >>> ex["month"].value, ex["business_name"].value
    ('2025-03-01', 'The Book Hub')
    >>> ex["impressions"].source
    "March 2025, campaigns.csv: the impressions and emails sent of the month's campaigns"
    """
    f = book_hub_facts()
    first = f["first"]
    month_name = first.strftime("%B %Y")
    next_month = (pd.Timestamp(first) + pd.DateOffset(months=1)).date()
    types = f["campaign_types"]
    channels = tuple(channel for kind, channel in _CHANNEL_OF_TYPE.items() if kind in types)
    target_list = _marketing_goal_target(f)
    target_rate = _goal_follow_up(f["follow_up_rate"])
    per_week = f["selling_hours"] / f["weeks_in_month"]
    occasional = [
        name
        for kind, name in (
            ("targeted ads", "ads"),
            ("marketplace listing", "sponsored marketplace listings"),
            ("author event", "author evenings"),
            ("influencer", "an influencer's feature"),
            ("in-store promotion", "in-store promotions"),
        )
        if kind in types
    ]
    month_src = f"{month_name}, "
    examples = {
        # 1. Your business
        "business_name": Example("The Book Hub"),
        "what_you_sell": Example(
            "New books in every category, gifts and stationery, special orders of any book in print, and larger "
            "orders for schools, book clubs and companies."
        ),
        "who_buys": Example(
            "Local readers who like advice, parents buying for their children, book clubs, teachers ordering class "
            "sets, and a few online shoppers from further away."
        ),
        "currency": Example("$"),
        # 2. Marketing
        "marketing_goal": Example(
            f"Grow the newsletter list from {_count(f['newsletter_list'])} to {_count(target_list)} readers by "
            f"December: twice the {_count(f['newsletter_growth'])} a month it gains now.",
            f"the newsletter of {month_name} went to {_count(f['newsletter_list'])} readers, "
            f"{_count(f['newsletter_growth'] * 12)} more than a year before (campaigns.csv: emails sent)",
        ),
        "marketing_measure": Example(
            "New customers and leads each month and what each cost (CAC, cost per lead), and whether the orders "
            "our campaigns bring pay for them: ROAS against break-even."
        ),
        "target_audiences": Example("Local families; book clubs; schools and teachers; companies buying gifts."),
        "channels": Example(channels, "campaigns.csv: the kinds of campaign it ran in the last 12 months"),
        "marketing_who": Example(
            f"{f['owner']}, the owner-manager, alongside running the shop; {f['booksellers'][2]} helps with the "
            "newsletter and the social posts."
        ),
        "marketing_hours": Example("", NO_MARKETING_HOURS),
        "product": Example(
            "A hand-picked range with staff recommendations on the shelves, and special orders of any book in "
            f"print, ready to collect {round(f['special_order_days'])} days after the request on average.",
            "interactions.csv: the average days to close of the special orders won in the last 12 months",
        ),
        "price": Example(
            f"The publisher's list price; loyalty-card holders now and then redeem a reward of "
            f"{f['loyalty_reward']:.0%} off, in-store promotions take {f['promotion_discount']:.0%} off, and a "
            "larger order gets a discount agreed in its quote.",
            "orders.csv: the money off each kind of discounted order in the last 12 months",
        ),
        "place": Example("The shop on the high street, our own website, and a marketplace listing."),
        "promotion": Example(
            f"A {_frequency(f['newsletters_a_year'])} newsletter with social and blog posts; "
            f"{_words(occasional)} at set times of the year.",
            "campaigns.csv: the campaigns of the last 12 months",
        ),
        # 3. Sales
        "sales_goal": Example(
            f"Follow up more of marketing's leads: booksellers talked to {f['follow_up_rate']:.0%} of them in the "
            f"last 12 months ({_count(f['followed_up'])} of {_count(f['followed_leads'])}); aim for "
            f"{target_rate:.0%} by December.",
            "interactions.csv (conversations that name a campaign) and campaigns.csv (leads), the last 12 months",
        ),
        "sales_measure": Example(
            "Share of leads called back within a day, the win rate of special orders and store consultations, "
            "and each bookseller's revenue against their monthly target."
        ),
        "where_one_to_one": Example(
            "At the counter (recommendations and special orders), by phone and email when following up a lead, "
            "and in consultations with schools, book clubs and companies ordering many copies."
        ),
        "sales_steps": Example(
            "For a special order: check the title can be got, quote a price and a date, order it once the customer "
            "confirms, and call when it arrives."
        ),
        "objections": Example('"It\'s cheaper online": we offer to order it at the same price and hold it for them.'),
        "sales_who": Example(
            f"Everyone at the counter: {f['owner']} and the booksellers {_words(f['booksellers'])}. "
            + (
                f"{f['owner']} handles most store consultations."
                if f["owner_consultation_share"] > 0.5
                else "The booksellers handle most store consultations."
            ),
            "staff.csv and interactions.csv (who held each store consultation in the last 12 months)",
        ),
        "sales_hours": Example(
            _one_decimal(per_week),
            f"{month_src}interactions.csv: {_one_decimal(f['selling_hours'])} hours of logged conversations "
            f"over the month's {_one_decimal(f['weeks_in_month'])} weeks",
        ),
        # 4. Numbers
        "month": Example(first.isoformat()),
        "impressions": Example(
            _count(f["impressions"]),
            f"{month_src}campaigns.csv: the impressions and emails sent of the month's campaigns",
        ),
        "visits": Example(
            _count(f["visits"]),
            f"{month_src}funnel.csv: the site visits its campaigns brought (it does not count people walking in)",
        ),
        "leads": Example(_count(f["leads"]), f"{month_src}campaigns.csv: sign-ups, enquiries and event RSVPs"),
        "lead_buyers": Example(
            _count(f["lead_buyers"]), f"{month_src}funnel.csv: the purchases at the end of its online funnel"
        ),
        "customers": Example(_count(f["new_customers"]), f"{month_src}orders.csv: customers whose first order it was"),
        "orders": Example(_count(f["orders"]), f"{month_src}orders.csv"),
        "revenue": Example(_money(f["revenue"]), f"{month_src}orders.csv"),
        "gross_margin": Example(
            _one_decimal(100 * f["attributed_margin"]),
            f"{month_src}orders.csv: gross profit / revenue of the orders credited to a campaign",
        ),
        "marketing_spend": Example(_money(f["marketing_spend"]), f"{month_src}campaigns.csv: spend"),
        "attributed_orders": Example(
            _count(f["attributed_orders"]), f"{month_src}orders.csv: orders credited to a campaign"
        ),
        "attributed_revenue": Example(
            _money(f["attributed_revenue"]), f"{month_src}orders.csv: the revenue of those orders"
        ),
        "selling_hours": Example(
            _one_decimal(f["selling_hours"]), f"{month_src}interactions.csv: the minutes of its conversations"
        ),
        "hourly_cost": Example(
            _money(kpis.STAFF_HOURLY_COST), "a bookseller's hourly cost (BLS 2022), as in the lessons"
        ),
        "conversations": Example(_count(f["conversations"]), f"{month_src}interactions.csv"),
        "conversations_won": Example(_count(f["conversations_won"]), f"{month_src}interactions.csv: outcome won"),
        "customers_12m": Example(
            _count(f["customers_12m"]), "orders.csv: customers with a customer id in the 12 months to the month's end"
        ),
        "repeat_customers": Example(
            _count(f["repeat_customers"]), "orders.csv: those of them with two or more orders in the 12 months"
        ),
        # 6. Action plan
        "marketing_action": Example("Add a special-order request form to every newsletter."),
        "marketing_owner": Example(f["booksellers"][2]),
        "marketing_date": Example(next_month.replace(day=15).isoformat()),
        "sales_action": Example(
            "Call back every lead within a day, from a newsletter sign-up to a special-order request."
        ),
        "sales_owner": Example(f["booksellers"][1]),
        "sales_date": Example(next_month.isoformat()),
        "shared_action": Example("A short monthly meeting on which campaigns brought leads that bought."),
        "shared_owner": Example(f"{f['booksellers'][2]} and {f['booksellers'][1]}"),
        "shared_date": Example(_month_bounds(next_month.strftime("%Y-%m"))[1].isoformat()),
    }
    handoff_note = f"booksellers talked to {f['follow_up_rate']:.0%} of marketing's leads in the last 12 months"
    for statement in STATEMENTS:
        examples[f"align_{statement.key}"] = Example(
            SCORES[statement.key], handoff_note if statement.key == "handoff" else ""
        )
    return examples
