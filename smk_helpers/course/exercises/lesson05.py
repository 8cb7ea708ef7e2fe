"""Exercises of lesson 05 (the funnel)."""

from ...core import funnel, kpis
from .. import whatif
from ..grading import bookhub, check_number, exercise


def _table(start=None, end=None):
    rows = bookhub().funnel
    return funnel.funnel_table(rows[kpis.months_in_period(rows["period"], start, end)])


def _counts(table, first, last):
    """The counts from stage ``first`` to stage ``last``, top first."""
    stages = table["stage"].tolist()
    return table["count"].iloc[stages.index(first) : stages.index(last) + 1]


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
        hint="Filter hub.funnel with kpis.months_in_period(hub.funnel['period'], '2025-12-01', '2025-12-31'), "
        "then read rate_from_previous of the purchase stage in funnel.funnel_table.",
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
