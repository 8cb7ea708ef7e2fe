"""Exercises of lesson 12, the capstone: Northway's marketing money and its sales steps."""

from ...core import attribution, kpis, pipeline, survey
from ..grading import check_number, check_option, exercise
from .lesson08 import northway

# The kinds of deal that win a new account (a range refresh is an existing account's).
NEW_BUSINESS = ("quote request", "tender")
# Exercise 12.3: the channels the owner could take money from (referral and partner costs are paid per result).
BUDGET_OPTIONS = ("trade fair", "linkedin", "search", "email")
FAIR = "trade fair"


def channels():
    north = northway()
    return pipeline.channel_table(north.interactions, north.campaigns)


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


@exercise("12.1")
def fair_cac(answer):
    """What one new account from a trade fair cost: the fairs' spend over the fair deals won."""
    north = northway()
    spend = north.campaigns.loc[north.campaigns["channel"] == FAIR, "spend"].sum()
    deals = north.interactions[north.interactions["lead_source"] == FAIR]
    outcomes = deals["outcome"].value_counts()
    table = channels()
    return check_number(
        answer,
        spend / outcomes["won"],
        near_misses={
            "that is the cost per deal, won or not. A new account is a won deal: divide by the won ones.": (
                spend / len(deals)
            ),
            "that is the cost per lead: most stand conversations never became an account. Divide by the won "
            "deals.": spend / north.campaigns.loc[north.campaigns["channel"] == FAIR, "leads"].sum(),
            "that is the CAC of all channels together. Keep the trade fairs' spend and deals only.": (
                table["spend"].sum() / table.loc[table.index != pipeline.NO_CAMPAIGN, "won"].sum()
            ),
        },
        unit="dollars",
        hint="Add up the spend of the campaigns whose channel is 'trade fair', then divide by the number of deals "
        "with lead_source 'trade fair' that were won.",
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
        },
        unit="a ratio, such as 2.5",
        hint="Keep the orders whose campaign_id is filled in, divide their gross profit by their revenue, and take "
        "1 / that margin (kpis.break_even_roas).",
    )


@exercise("12.3", kind="decision")
def channel_to_cut(answer):
    """Which channel should give up budget: the one whose deals pay back least per dollar, against break-even."""
    table = channels()
    with_deals = table[table["won"] + table["lost"] > 0]
    expected = with_deals["roas"].idxmin()
    line = break_even()
    first_touch = attribution.attribution(northway(), model="first_touch")

    def roas_line(channel: str) -> str:
        row = table.loc[channel]
        return (
            f"its deals brought {row['roas']:.2f} dollars of first orders per dollar spent, against a break-even "
            f"of {line:.2f}, and a new account from it cost ${row['cost_per_win']:,.0f}"
        )

    def why(channel: str) -> str:
        if channel == expected:
            return (
                f"{roas_line(channel)}. No other channel with deals earns less per dollar against break-even, so "
                "this is where money can move from."
            )
        if channel == "email":
            return (
                "the newsletter is never the last touch, so last-touch ROAS credits it with nothing; judging it "
                "by ROAS mistakes a channel that keeps leads warm for one that closes them. First-touch "
                f"attribution credits it with {first_touch.loc['email', 'orders']:.0f} first orders, and it is "
                "the smallest budget."
            )
        cost_per_lead = table.loc[channel, "spend"] / northway().campaigns.groupby("channel")["leads"].sum()[channel]
        return (
            f"{roas_line(channel)}: {table.loc[channel, 'roas'] / line:.1f} times break-even. Its cost per lead "
            f"(${cost_per_lead:,.0f}) or its budget may look high, but a channel is judged by what its deals "
            "bring per dollar against break-even, not by what it costs alone."
        )

    return check_option(answer, expected, {channel: why(channel) for channel in BUDGET_OPTIONS})


@exercise("12.4")
def heard_at_a_fair(answer):
    """The share of Northway's survey answers that heard of it at a trade fair (blank answers count)."""
    answers = northway().survey
    shares = survey.heard_from_shares(answers)
    counts = answers["heard_from"].value_counts()
    return check_number(
        answer,
        shares["a trade fair"],
        near_misses={
            "that is the share of the customers who gave an answer. A blank is an answer too (they did not say): "
            "divide by every survey answer.": counts["a trade fair"] / counts.sum(),
            "that is the fairs' share of the won new accounts, which ROAS sees. The question asks how customers "
            "heard of Northway.": channels().loc[FAIR, "won"] / channels()["won"].sum(),
        },
        unit="a fraction",
        hint="survey.heard_from_shares(nw.survey) gives each answer's share; read the row 'a trade fair'.",
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
        },
        unit="a fraction",
        hint="Keep the interactions whose type is 'quote request' or 'tender', then read the proposal row of "
        "pipeline.win_rate_by_stage.",
    )


@exercise("12.6", kind="decision")
def sales_step_to_fix(answer):
    """Which stage of new business should the sales director work on first: where lost deals took most hours."""
    lost = pipeline.lost_by_stage(new_business())
    expected = lost["hours_lost"].idxmax()
    most_lost = lost["lost"].idxmax()
    costliest_each = lost["hours_per_lost_deal"].idxmax()

    def facts(stage: str) -> str:
        row = lost.loc[stage]
        return (
            f"{row['lost']:.0f} new-business deals were lost at the {stage} stage, after "
            f"{row['hours_lost']:,.0f} hours of the reps' time ({row['hours_per_lost_deal']:.1f} per deal)"
        )

    def why(stage: str) -> str:
        if stage == expected:
            return f"{facts(stage)}, more hours than at any other stage: this is where lost deals cost the team most."
        if stage == most_lost:
            return (
                f"{facts(stage)}: the most deals, but the fewest hours each. Letting a poor lead go early is "
                "qualifying done well; reading the count of lost deals as the cost mistakes a cheap no for a leak."
            )
        if stage == costliest_each:
            return (
                f"{facts(stage)}: the most hours per deal, but fewer deals, so fewer hours in all. Judging a stage "
                "by its dearest deal mistakes the cost of one deal for the cost of the stage."
            )
        return (
            f"{facts(stage)}: neither the most deals nor the most hours. A stage that loses little time is not "
            "the first one to fix, however it looks in the funnel."
        )

    return check_option(answer, expected, {stage: why(stage) for stage in pipeline.DEAL_STAGES})
