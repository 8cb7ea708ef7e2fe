"""Exercises of lesson 12, the capstone: Northway's marketing money and its sales steps."""

from ...core import attribution, kpis, pipeline, survey
from ..alignment import lead_quality, reallocate
from ..grading import check_number, check_option, exercise, northway

# The kinds of deal that win a new account (a range refresh is an existing account's).
NEW_BUSINESS = ("quote request", "tender")
FAIR = "trade fair stand"
# Exercise 12.1: one kind of campaign within the search channel.
CONTENT = "SEO content"
# Exercise 12.3: the referral and partner costs are paid per introduction, so no budget moves from them.
PAID_PER_RESULT = ("referral rewards", "partner commissions")
# Exercise 12.4: the move the lesson forecasts. The extra money is assumed to work half as well as the
# destination's past dollars (the lesson states it), and half the budget moves.
MOVE_TO = CONTENT
SHARE = 0.5
EFFICIENCY = 0.5
# Exercise 12.6: one action against the lost deals of each stage (the lesson prints them).
ACTIONS = {
    "prospect": "screen faster",
    "qualified": "send samples",
    "proposal": "qualify harder",
    "negotiation": "discount more",
}


def close_but_rounded(expected: float, digits: int) -> dict[str, float]:
    """A near miss for an answer rounded to ``digits`` decimals, when that is outside the tolerance."""
    more = "one decimal" if digits == 0 else f"{digits + 1} decimals"
    return {f"close, but rounded too far: give at least {more}.": round(expected, digits)}


def channels():
    north = northway()
    return kpis.channel_table(north.interactions, north.campaigns)


def types():
    """Northway's campaign types: cost per account, ROAS, what an account is worth (2025, five years), LTV:CAC."""
    north = northway()
    return kpis.type_table(north.interactions, north.campaigns, north.orders, year=2025)


def credited_orders():
    """The orders marketing is credited with: those that name a campaign (each a new account's first order)."""
    orders = northway().orders
    return orders[orders["campaign_id"].notna()]


def break_even():
    credited = credited_orders()
    return kpis.break_even_roas(kpis.gross_margin_rate(credited["gross_profit"].sum(), credited["revenue"].sum()))


def new_business():
    talks = northway().interactions
    return talks[talks["type"].isin(NEW_BUSINESS)]


def budget_options() -> list[str]:
    """The campaign types a budget can move from: every type with spend, except those paid per introduction."""
    table = types()
    return [kind for kind in table.index[table["spend"].notna()] if kind not in PAID_PER_RESULT]


def type_to_cut() -> str:
    """Of the types with won deals, the one whose accounts bring least per dollar: the lowest LTV:CAC."""
    table = types().loc[budget_options()]
    return table.loc[table["won"] > 0, "ltv_to_cac"].idxmin()


def forecast(move_from: str | None = None, share: float = SHARE, efficiency: float = EFFICIENCY):
    """`reallocate` on Northway's lead quality: part of one type's budget moved to SEO content."""
    north = northway()
    quality = lead_quality(north.campaigns, north.interactions, north.orders)
    return reallocate(quality, move_from or type_to_cut(), MOVE_TO, share=share, new_money_efficiency=efficiency)


@exercise("12.1")
def content_cac(answer):
    """What one new account from SEO content cost: the spend of its campaigns over the deals they won."""
    north = northway()
    campaigns = north.campaigns[north.campaigns["type"] == CONTENT]
    deals = north.interactions[north.interactions["campaign_id"].isin(campaigns["campaign_id"])]
    won = (deals["outcome"] == "won").sum()
    spend = campaigns["spend"].sum()
    return check_number(
        answer,
        spend / won,
        near_misses={
            "that is the cost per deal, won or not. A new account is a won deal: divide by the won ones.": (
                spend / len(deals)
            ),
            "that is the cost per lead: most leads never became an account. Divide by the won deals.": (
                spend / campaigns["leads"].sum()
            ),
            "that is the whole search channel, search ads included. Keep the campaigns whose type is "
            "'SEO content'.": channels().loc["search", "cost_per_win"],
        },
        unit="dollars",
        hint="Add up the spend of the campaigns whose type is 'SEO content', then divide by the number of won "
        "deals whose campaign_id is one of them.",
    )


@exercise("12.2")
def break_even_of_credited_orders(answer):
    """The break-even ROAS of the orders Northway's campaigns are credited with: 1 / their gross margin."""
    orders = northway().orders
    credited = credited_orders()
    margin = kpis.gross_margin_rate(credited["gross_profit"].sum(), credited["revenue"].sum())
    every_order = kpis.gross_margin_rate(orders["gross_profit"].sum(), orders["revenue"].sum())
    return check_number(
        answer,
        break_even(),
        near_misses={
            "that is the gross margin itself. The break-even ROAS is 1 / the gross margin: the revenue each "
            "dollar of spend must bring to pay for itself.": margin,
            "that is the break-even of all Northway's orders. A new account's first order earns a lower margin "
            "than its reorders: keep the orders that name a campaign.": kpis.break_even_roas(every_order),
            "that is the mean of each order's own break-even, which gives small orders as much weight as large "
            "ones. Add up the gross profit and the revenue first, then divide (a ratio of sums).": (
                (credited["revenue"] / credited["gross_profit"]).mean()
            ),
            **close_but_rounded(break_even(), 1),
        },
        unit="a ratio, such as 2.5",
        hint="Keep the orders whose campaign_id is filled in, divide their gross profit by their revenue, and take "
        "1 / that margin (kpis.break_even_roas).",
    )


@exercise("12.3", kind="decision")
def type_to_give_up_budget(answer):
    """Which campaign type gives up budget: of those with deals, the one whose accounts bring least per dollar."""
    table = types()
    expected = type_to_cut()
    line = break_even()
    fair_heard = survey.heard_from_shares(northway().survey)["a trade fair"]
    first_touch = attribution.attribution(northway(), model="first_touch")
    lowest = table.loc[expected]

    def facts(kind: str) -> str:
        row = table.loc[kind]
        pays = "below" if row["roas"] < line else "above"
        return (
            f"an account won by {kind} cost ${row['cost_per_win']:,.0f} and is worth ${row['account_value']:,.0f} in "
            f"gross profit over five years, {row['ltv_to_cac']:.1f} times its cost; its first orders brought "
            f"{row['roas']:.2f} per dollar, {pays} the break-even of {line:.2f}"
        )

    def why(kind: str) -> str:
        row = table.loc[kind]
        if kind == expected:
            return (
                f"{facts(kind)}. That is the lowest LTV:CAC of the types with deals: a dollar moved from here loses "
                "the least. It still pays back over an account's life, so shrink it rather than drop it."
            )
        if row["won"] == 0:
            return (
                f"the {kind} brought no deal of its own, so its ROAS and LTV:CAC are n/a, not zero: it is never the "
                "last touch. Reading n/a as nothing mistakes a channel that keeps leads warm for one that does "
                f"not work; first-touch credit gives the {row['channel']} channel "
                f"{first_touch.loc[row['channel'], 'orders']:.0f} first orders."
            )
        if kind == FAIR:
            return (
                f"{facts(kind)}. The fairs are the dearest way to win an account, and their first orders fall short, "
                f"but a fair account is worth more: LTV:CAC {row['ltv_to_cac']:.1f}, against "
                f"{lowest['ltv_to_cac']:.1f} for {expected}. And {fair_heard:.0%} of the survey answers heard of "
                "Northway at a fair. Judging by the first order or the price of an account alone mistakes the "
                "dearest way for the worst one."
            )
        return (
            f"{facts(kind)}. Its accounts bring back more per dollar than those of {expected} "
            f"({lowest['ltv_to_cac']:.1f} times their cost). Judging a type by its budget or the price of one "
            "account forgets what the account is worth."
        )

    return check_option(answer, expected, {kind: why(kind) for kind in budget_options()})


@exercise("12.4")
def accounts_from_the_move(answer):
    """How many more new accounts the two years would have brought with half of one type's budget in SEO content."""
    table = forecast()
    change = table.loc["new customers", "change"]
    return check_number(
        answer,
        change,
        near_misses={
            "that assumes each added dollar works as well as SEO content's past dollars. The question says half "
            "as well: new_money_efficiency=0.5.": forecast(efficiency=1.0).loc["new customers", "change"],
            "that moves the whole budget. The question moves half of it: share=0.5.": (
                forecast(share=1.0).loc["new customers", "change"]
            ),
            "that is the number of new accounts after the move, in all. The question asks how many more: read the "
            "column 'change'.": table.loc["new customers", "after"],
            "that is the change in won deals. Read the row 'new customers'.": table.loc["won sales", "change"],
            **close_but_rounded(change, 0),
        },
        unit="accounts, with one decimal",
        hint=f"reallocate(quality, move_from='{type_to_cut()}', move_to='{MOVE_TO}', share={SHARE}, "
        f"new_money_efficiency={EFFICIENCY}), then the row 'new customers' and the column 'change'.",
    )


@exercise("12.5")
def new_business_win_rate_from_the_quote(answer):
    """Of the new-business deals (quote requests and tenders) that got a quote and were decided, the share won."""
    table = pipeline.stage_table(new_business())
    every = pipeline.win_rate_by_stage(northway().interactions)["proposal"]
    return check_number(
        answer,
        table.loc["proposal", "win_rate"],
        near_misses={
            "you divided by every deal that got a quote, open ones too. Divide the won by the won and the lost.": (
                table.loc["proposal", "won"] / table.loc["proposal", "reached"]
            ),
            "that is the conversion from the proposal to the next stage, negotiation. The question asks how many "
            "of the quoted deals were won in the end.": table.loc["proposal", "conversion"],
            "that is the win rate of new business from its first contact. Take the deals that reached the "
            "proposal.": table.loc["prospect", "win_rate"],
            "that includes the range refreshes of existing accounts. Keep the quote requests and tenders.": every,
            **close_but_rounded(table.loc["proposal", "win_rate"], 1),
        },
        unit="a fraction",
        hint="Keep the interactions whose type is 'quote request' or 'tender', then read the proposal row of "
        "pipeline.win_rate_by_stage.",
    )


@exercise("12.6", kind="decision")
def sales_action(answer):
    """Which action the sales director takes first: the one against the lost deals that took the most hours."""
    lost = pipeline.lost_by_stage(new_business())
    costliest = lost["hours_lost"].idxmax()
    expected = ACTIONS[costliest]
    before_quote = lost.loc["qualified", "hours_per_lost_deal"]

    def facts(stage: str) -> str:
        row = lost.loc[stage]
        return (
            f"{row['lost']:.0f} new-business deals were lost at the {stage} stage, after "
            f"{row['hours_lost']:,.0f} hours of the reps' time ({row['hours_per_lost_deal']:.1f} per deal)"
        )

    def why(stage: str) -> str:
        action = ACTIONS[stage]
        if action == expected:
            return (
                f"{facts(stage)}, more hours than at any other stage. A buyer who would say no after the quote, "
                f"found out before it, is let go after about {before_quote:.1f} hours instead: asking for a budget, "
                "the person who decides and a date before writing a quote saves most of the lost time."
            )
        if stage == lost["lost"].idxmax():
            return (
                f"'{action}' works on the first calls: {facts(stage)}. That is the most deals but the fewest hours "
                "each, so a poor lead already goes cheaply; reading the count of lost deals as the cost mistakes "
                "a cheap no for a leak."
            )
        if stage == "negotiation":
            return (
                f"'{action}' works on the negotiation: {facts(stage)}, the most hours per deal but fewer hours in "
                f"all than the {costliest}. A bigger discount also gives margin away on every deal that would have "
                "been won anyway: judging by the dearest deal mistakes the cost of one deal for the cost of a stage."
            )
        return (
            f"'{action}' works on the deals lost between qualifying and the quote: {facts(stage)}, fewer hours than "
            f"at the {costliest}. Spending more on a stage that loses little time is not the first fix."
        )

    return check_option(answer, expected, {ACTIONS[stage]: why(stage) for stage in pipeline.DEAL_STAGES})
