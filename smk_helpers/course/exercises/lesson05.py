"""Exercises of lesson 05 (the funnel)."""

import pandas as pd

from ...core import funnel, kpis
from ...core.formatting import fmt_pct
from .. import whatif
from ..grading import CONCEPT, DECISION, bookhub, check_number, check_option, exercise, northway

# Exercise 05.5: three projects Northway could fund, each lifting one stage of its funnel by some points.
# The lesson's cell that states the case builds the same table.
NORTHWAY_PLANS = pd.DataFrame(
    {"stage": ["enquiries", "qualified", "won"], "points": [0.005, 0.10, 0.10]},
    index=pd.Index(["form", "handoff", "proposals"], name="plan"),
)


def _table(start=None, end=None):
    rows = bookhub().funnel
    return funnel.funnel_table(rows[kpis.months_in_period(rows["period"], start, end)])


def _counts(table, first, last):
    """The counts from stage ``first`` to stage ``last``, top first."""
    return funnel.stage_counts(table, first, last)


def _rate(table, stage, column="rate_from_previous"):
    return float(table.loc[table["stage"].eq(stage), column].iloc[0])


@exercise("05.1")
def visits_to_purchase(answer):
    """Share of site visits that ended in a purchase, over the two years (a fraction)."""
    table = _table()
    expected = funnel.overall_conversion(_counts(table, "site visits", "purchase"))
    by_source = funnel.funnel_by_source(bookhub().funnel)
    source_rates = [
        funnel.overall_conversion(_counts(group, "site visits", "purchase")) for _, group in by_source.groupby("source")
    ]
    return check_number(
        answer,
        expected,
        near_misses={
            (
                "that is the conversion from the very top (reach) to purchase; start at site visits."
            ): funnel.overall_conversion(_counts(table, "reach", "purchase")),
            "that is only the last step, engaged → purchase; divide purchases by site visits.": _rate(
                table, "purchase"
            ),
            "that goes on to repeat purchase; stop at the purchase stage.": funnel.overall_conversion(
                _counts(table, "site visits", "repeat purchase")
            ),
            "that is the mean of the three sources' rates; use the totals of all sources together.": sum(source_rates)
            / len(source_rates),
        },
        hint="Use funnel.overall_conversion on the counts from 'site visits' down to 'purchase'.",
    )


@exercise("05.2")
def december_engaged_to_purchase(answer):
    """Stage conversion engaged → purchase in December 2025 (a fraction)."""
    december = _table("2025-12-01", "2025-12-31")
    return check_number(
        answer,
        _rate(december, "purchase"),
        near_misses={
            "that is the rate over both years; keep only the rows of December 2025.": _rate(_table(), "purchase"),
            "that is December 2024; the question is about December 2025.": _rate(
                _table("2024-12-01", "2024-12-31"), "purchase"
            ),
            "that is the rate from the top (reach); read rate_from_previous instead.": _rate(
                december, "purchase", "rate_from_top"
            ),
            "that divides purchases by sign-ups; the step asked for starts at engaged.": funnel.overall_conversion(
                _counts(december, "sign-ups", "purchase")
            ),
        },
        hint="Keep the rows of hub.funnel whose 'period' is \"2025-12\", build their funnel.funnel_table, "
        "and read rate_from_previous where 'stage' is \"purchase\".",
    )


@exercise("05.3")
def sign_up_lift_revenue(answer):
    """Extra revenue (two years) if the sign-up rate were 20% higher (relative)."""
    hub = bookhub()
    table = _table()
    aov = whatif.funnel_aov(hub.orders, hub.campaigns, hub.funnel["source"].unique())
    result = whatif.lift_stage(table, "sign-ups", 0.20, aov)
    shop_aov = kpis.average_order_value(kpis.total_revenue(hub.orders), kpis.order_count(hub.orders))
    near = {
        "that is the revenue after the lift; the question asks for the extra revenue (after − before).": result[
            "revenue_after"
        ],
        "that is the number of extra purchases; multiply it by the funnel's average order value.": result[
            "extra_purchases"
        ],
        "that uses the whole shop's average order value; use the AOV of the funnel's own orders "
        "(whatif.funnel_aov).": result["extra_purchases"] * shop_aov,
    }
    try:
        points = whatif.lift_stage(table, "sign-ups", 0.20, aov, points=True)["extra_revenue"]
        near["that adds 20 percentage points to the rate; the lift is relative: 20% more than the rate now."] = points
    except ValueError:  # a rate above 80% cannot take 20 more points
        pass
    return check_number(
        answer,
        result["extra_revenue"],
        near_misses=near,
        hint="Use whatif.lift_stage(table, 'sign-ups', 0.20, aov) and read extra_revenue.",
    )


@exercise("05.4", kind=CONCEPT)
def newsletter_part_of_funnel(answer):
    """Is The Book Hub's newsletter top, middle or bottom of the funnel, for subscribers who have not bought yet?"""
    why = {
        "top": (
            "one email reaches many readers at once, and the funnel file even counts the sends as reach, but "
            "one-to-many is not the same as the top of the funnel. The part depends on where the reader is: a "
            "subscriber already knows the shop, and the top is for strangers, who have not heard of it yet."
        ),
        "middle": (
            "these readers signed up but have not bought (consideration: they are MQLs). The newsletter keeps "
            "them interested and moves them towards a first purchase, with staff picks and news of events: it "
            "nurtures leads rather than finding new ones. For readers who have bought already, the same email "
            "works after the purchase, on loyalty."
        ),
        "bottom": (
            "an email is often the last contact before an order, but coming last is not the same as closing a "
            "sale. The bottom is where a reader weighs one particular book, one to one: at the shelf, with a "
            "bookseller, or in a special order."
        ),
    }
    return check_option(answer, funnel.funnel_part("consideration"), why)


@exercise("05.5", kind=DECISION)
def northway_project(answer):
    """Which project lifts Northway's won deals most: a better form, a faster handoff, or proposal coaching?"""
    table = funnel.funnel_table(northway().funnel)
    plans = whatif.compare_plans(table, NORTHWAY_PLANS, purchase_stage="won")
    best = plans["extra_purchases"].idxmax()

    def numbers(plan):
        row = plans.loc[plan]
        return (
            f"{(row['rate_after'] - row['rate_before']) * 100:g} points on a rate of {fmt_pct(row['rate_before'])} "
            f"is {fmt_pct(row['relative_lift'], 0)} more, so {row['extra_purchases']:.1f} more won deals"
        )

    misconception = {
        "form": "the lowest rate is not the place to work by itself: what counts is each project's lift "
        "relative to its own stage's rate.",
        "handoff": "the handoff is often the weak link, but not always: compare each project's lift relative to "
        "its own stage's rate.",
        "proposals": "a step near the money feels like the best lever, but a point is worth most where the rate "
        "is smallest, and this rate is already high.",
    }
    right = "the most of the three: the won deals grow by the same share as the stage it lifts."
    why = {
        plan: (
            f"{numbers(plan)}, {right}"
            if plan == best
            else f"{misconception[plan]} Here {numbers(plan)}, fewer than with the {best} project."
        )
        for plan in plans.index
    }
    return check_option(answer, best, why)
