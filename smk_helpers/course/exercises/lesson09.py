"""Exercises of lesson 09 (alignment)."""

from ...core import kpis
from ..alignment import PRACTICES, STATEMENTS, assess_alignment, lead_quality, reallocate
from ..grading import bookhub, check_number, check_option, exercise, northway

# The answers of a shop in exercise 09.3, in the order of alignment.STATEMENTS: the rules of a defined shop
# (a written lead rule, a handoff that mostly works, a shared target) without the feedback loop.
EXAMPLE_ANSWERS = {
    "goals": 4,
    "lead_definition": 4,
    "handoff": 3,
    "crm": 3,
    "messaging": 4,
    "feedback": 1,
    "act_on_feedback": 1,
    "metrics": 2,
}


def _ads_talks(year: str | None):
    hub = bookhub()
    campaigns = hub.campaigns[hub.campaigns["type"] == "targeted ads"]
    if year is not None:
        campaigns = campaigns[campaigns["start_date"].dt.year == int(year)]
    talks = hub.interactions[hub.interactions["campaign_id"].isin(campaigns["campaign_id"])]
    return talks, kpis.known_sum(campaigns["leads"])


def _ads_win_rate(year: str | None) -> float:
    talks, _ = _ads_talks(year)
    counts = kpis.outcome_counts(talks)
    return kpis.win_rate(counts["won"], counts["lost"])


@exercise("09.1")
def ads_win_rate_2025(answer):
    """The win rate of the conversations that came from 2025's targeted-ads campaigns."""
    talks, leads = _ads_talks("2025")
    counts = kpis.outcome_counts(talks)
    return check_number(
        answer,
        _ads_win_rate("2025"),
        near_misses={
            "that is the win rate over both years; keep only the campaigns that ran in 2025.": _ads_win_rate(None),
            "that is 2024's win rate; the question asks about 2025.": _ads_win_rate("2024"),
            (
                "that is won sales per lead; the win rate divides by the decided conversations (won + lost)."
            ): kpis.safe_divide(counts["won"], leads),
            "that is the number of won conversations; turn it into a rate with kpis.win_rate.": counts["won"],
        },
        hint="Select the 2025 targeted-ads campaigns, keep the conversations with those campaign_ids, "
        "then kpis.outcome_counts and kpis.win_rate.",
    )


def _social_to_seo(efficiency: float) -> float:
    hub = bookhub()
    quality = lead_quality(hub.campaigns, hub.interactions, hub.orders)
    return reallocate(quality, "social media content", "SEO content", 0.5, efficiency)


@exercise("09.2")
def cac_after_cautious_move(answer):
    """CAC of the lead path after moving half of social's budget to SEO, with extra money at 25%."""
    cautious, linear = _social_to_seo(0.25), _social_to_seo(1.0)
    row = "cost per new customer (CAC)"
    return check_number(
        answer,
        cautious.loc[row, "after"],
        near_misses={
            "that is the result if the extra money worked as well as the old (efficiency 1.0); "
            "set new_money_efficiency=0.25.": linear.loc[row, "after"],
            "that is CAC before the move; read the 'after' column.": cautious.loc[row, "before"],
            "that is the change in CAC; the question asks for CAC after the move.": cautious.loc[row, "change"],
            "that is the number of new customers after the move; read the CAC row.": cautious.loc[
                "new customers", "after"
            ],
        },
        hint="Call reallocate(quality, 'social media content', 'SEO content', share=0.5, "
        "new_money_efficiency=0.25) and read the 'after' value of the CAC row.",
    )


@exercise("09.3", kind="concept")
def example_stage(answer):
    """The alignment stage of the shop whose answers are EXAMPLE_ANSWERS."""
    result = assess_alignment(EXAMPLE_ANSWERS)
    mean = f"{result.mean:.2f}"
    why = {
        "undefined": f"the answers average {mean}, and a business is undefined only below 2. This shop already has "
        "rules: it has written down when a lead is ready for sales, and it shares a target. One weak practice "
        "does not make the whole relationship undefined.",
        "defined": f"the answers average {mean}, between 2 and 3. The shop has the rules of "
        "that stage (a written rule for a ready lead, a handoff that mostly works, a shared target), but sales does "
        "not report which leads bought, so the two sides do not yet plan or learn together.",
        "aligned": f"the average, {mean}, is below 3, where the aligned stage begins. An aligned business lets "
        "sales' feedback change marketing's plans, and this one scores 1 on both feedback statements: a shared "
        "target alone is not planning together.",
        "integrated": f"an integrated business averages 4 or more, and this one averages {mean}, with a 1 on both "
        "feedback statements. Taking the best answers for the whole picture puts it two stages too high.",
    }
    return check_option(answer, result.stage.name, why)


def northway_quality():
    """Sales' verdict on Northway's leads, per kind of campaign (`lead_quality`)."""
    nw = northway()
    return lead_quality(nw.campaigns, nw.interactions, nw.orders)


# Exercise 09.4: Northway's four largest lead budgets, one of which the feedback loop reviews first.
BIGGEST = 4


@exercise("09.4", kind="decision")
def northway_budget_to_review(answer):
    """Of Northway's four largest lead budgets, which to review first: decided by the cost per new customer."""
    quality = northway_quality()
    biggest = quality.nlargest(BIGGEST, "spend")
    cost = biggest["spend"] / biggest["new_customers"]
    fair, ads, search, partner = (
        quality.loc[kind] for kind in ("trade fair stand", "linkedin ads", "search ads", "partner commissions")
    )
    why = {
        "trade fair stand": f"each new customer it brought cost ${cost[fair.name]:,.0f}, the most of the four. The "
        f"fair brings by far the most leads ({fair['leads']:,.0f}) at a low cost per lead "
        f"(${fair['cost_per_lead']:,.0f}), but sales talked to only {fair['conversation_rate']:.0%} of them and won "
        f"{fair['won']:,.0f} deals.",
        "linkedin ads": f"LinkedIn ads are a large budget, and each new customer cost ${cost[ads.name]:,.0f}; the "
        "fair's cost more still. Reviewing the biggest spender after the fair mistakes a large budget for a poor "
        "one: what counts is what each new customer costs.",
        "search ads": f"search ads won the fewest new customers of the four ({search['new_customers']:,.0f}), but few "
        f"is not dear: each cost ${cost[search.name]:,.0f}, less than the fair's. Counting customers without the "
        "spend behind them is the mistake.",
        "partner commissions": f"partner leads cost the most per lead (${partner['cost_per_lead']:,.0f}), but "
        f"{partner['lead_to_win']:.0%} of them became customers, so each new customer cost "
        f"${cost[partner.name]:,.0f}. Judging a channel by its cost per lead ignores sales' verdict on the leads.",
    }
    return check_option(answer, cost.idxmax(), {kind: why[kind] for kind in biggest.index})


# Exercise 09.5: the rule Northway's two sides agree on for the leads of a trade fair.
FAIR_RULE = {
    "shared goals": "the two sides agree on something, but not on a target both own, such as new customers a "
    "quarter. Not every agreement between them is a shared goal; this one is a rule for passing leads on.",
    "lead handoff": "the rule says when a lead is ready for sales (it asked for a quote or a sample) and who "
    "follows it up, how soon: the agreed handoff between the two sides.",
    "one CRM": "a shared record would hold the fair's leads, but the rule is about when a lead passes to sales "
    "and who calls it. Keeping the same records is not the same as agreeing how leads move.",
    "consistent messaging": "nothing in the rule is about what the stand promises or what the reps say. "
    "Consistent messaging means the stand and the rep tell a buyer the same thing.",
    "the feedback loop": "the feedback loop runs the other way: sales tells marketing which leads bought, and "
    "marketing changes its plans. Here marketing passes leads on to sales; nothing flows back yet.",
}


@exercise("09.5", kind="concept")
def northway_fair_rule(answer):
    """Which practice is Northway's rule: a fair visitor who asks for a quote gets a rep's call in two days?"""
    practice = next(s.practice for s in STATEMENTS if s.key == "lead_definition")
    return check_option(answer, practice, {p: FAIR_RULE[p] for p in PRACTICES})
