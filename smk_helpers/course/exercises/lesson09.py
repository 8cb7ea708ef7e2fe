"""Exercises of lesson 09 (alignment)."""

from ...core import kpis
from ..alignment import STAGES, assess_alignment, lead_quality, reallocate
from ..grading import bookhub, check_choice, check_number, exercise

# The answers of a shop in exercise 09.3, in the order of alignment.STATEMENTS.
EXAMPLE_ANSWERS = {
    "goals": 4,
    "lead_definition": 2,
    "handoff": 2,
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


@exercise("09.3")
def example_stage(answer):
    """The alignment stage of the shop whose answers are EXAMPLE_ANSWERS."""
    expected = assess_alignment(EXAMPLE_ANSWERS).stage.name
    names = [s.name for s in STAGES]
    return check_choice(
        answer,
        expected,
        options=names,
        hints={
            "undefined": "the average is above 2, so the shop is past the first stage: it has some rules.",
            "aligned": "the average is below 3: the rules exist, but planning together and the feedback loop "
            "are still missing.",
            "integrated": "an integrated shop scores 4 or more on nearly everything; this one scores 1 on the "
            "feedback loop.",
        },
    )
