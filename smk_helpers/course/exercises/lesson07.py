"""Exercises of lesson 07 (sales KPIs, and the customer's voice: measures beside ROAS, NPS)."""

from ...core import kpis, survey
from ..grading import bookhub, check_number, check_option, exercise, northway

YEAR = ("2025-01-01", "2025-12-31")
SECOND_HALF = ("2025-07-01", "2025-12-31")  # the window exercise 07.2 asks about


LATE_DECEMBER = ("2025-12-15", "2025-12-31")  # the weeks exercise 07.1 asks about: most open deals began then


@exercise("07.1")
def late_december_special_orders(answer):
    """Win rate of the special orders that began from 15 to 31 December 2025 (open ones left out; a fraction).

    Most of 2025's open conversations began in those two weeks, so the open-deals mistake bites hardest there.
    (The whole of December gives, by chance, the same rate as the whole year, so it makes no good question.)
    """
    interactions = bookhub().interactions

    def counts_of(start, end, kind="special order"):
        rows = interactions[kpis.in_period(interactions["date"], start, end)]
        return kpis.outcome_counts(rows if kind is None else rows[rows["type"].eq(kind)])

    late, december = counts_of(*LATE_DECEMBER), counts_of("2025-12-01", "2025-12-31")
    every_kind, year = counts_of(*LATE_DECEMBER, kind=None), counts_of(*YEAR)
    return check_number(
        answer,
        kpis.win_rate(late["won"], late["lost"]),
        near_misses={
            (
                "that counts the open special orders as if they were lost; leave open ones out: won / (won + lost)."
            ): kpis.win_rate(late["won"], late["lost"] + late["open"]),
            "that is every kind of conversation of those weeks; keep the special orders only.": kpis.win_rate(
                every_kind["won"], every_kind["lost"]
            ),
            "that is the whole of December; keep the conversations from 15 December on.": kpis.win_rate(
                december["won"], december["lost"]
            ),
            "that is the whole of 2025; keep the conversations from 15 December on.": kpis.win_rate(
                year["won"], year["lost"]
            ),
        },
        hint="Keep the special orders dated 2025-12-15 to 2025-12-31 (kpis.in_period), then kpis.outcome_counts "
        "and kpis.win_rate(won, lost).",
    )


def _orders(start=None, end=None):
    orders = bookhub().orders
    return orders if start is None else orders[kpis.in_period(orders["order_date"], start, end)]


@exercise("07.2")
def second_half_repeat_rate(answer):
    """Repeat purchase rate of The Book Hub within July to December 2025 (a fraction)."""
    window = _orders(*SECOND_HALF)
    per_customer = window["customer_id"].dropna().value_counts()
    repeaters = per_customer[per_customer >= 2]
    return check_number(
        answer,
        kpis.repeat_purchase_rate(window),
        near_misses={
            "that is the rate within the whole of 2025; the window asked for is July to December.": (
                kpis.repeat_purchase_rate(_orders(*YEAR))
            ),
            "that is the rate over both years; keep only the orders of July to December 2025.": (
                kpis.repeat_purchase_rate(_orders())
            ),
            "that is the number of customers who came back; divide it by all the customers of the window.": len(
                repeaters
            ),
            "that is the share of orders placed by returning customers; the rate counts customers, "
            "not orders.": kpis.safe_divide(int(repeaters.sum()), int(per_customer.sum())),
            "that divides by every order, anonymous ones included; divide by the customers with an id.": (
                kpis.safe_divide(len(repeaters), len(window))
            ),
        },
        unit="a fraction such as 0.25",
        hint="Keep the orders of July to December 2025 with kpis.in_period, then kpis.repeat_purchase_rate.",
    )


# --- What ROAS can't see: the measures beside it, and what customers say (survey.csv) -----------------

# Exercise 07.3: a survey of passers-by who name the bookshops they know. The options are rows of
# `survey.measures_beyond_roas`, whose "comes from" column tells the measures apart.
MEASURE_OF_A_STREET_SURVEY = {
    "awareness": "she asks the public, not customers, to name bookshops with no list to pick from. That is "
    "unprompted recall, the strictest measure of how many people know the shop.",
    "engagement": "engagement counts what people do with the shop's posts and emails. These shoppers were "
    "stopped in the street and had no content in front of them, so any contact with the public is being "
    "mistaken for engagement.",
    "share of search": "share of search counts names typed into a search engine, the shop's against its "
    "rivals'. Nobody searched for anything here: a question asked face to face is a survey, not a search.",
    "NPS": "NPS asks customers how likely they are to recommend the shop. These are passers-by, many of whom "
    "have never bought there, and the question was whether they know the shop, not whether they would "
    "recommend it.",
}


@exercise("07.3", kind="concept")
def street_survey_measure(answer):
    """Shoppers in the town centre are asked to name the bookshops they know: which measure is that?"""
    measures = survey.measures_beyond_roas()
    expected = (measures["comes from"] == "asking the public").idxmax()
    return check_option(answer, expected, MEASURE_OF_A_STREET_SURVEY)


NORTHWAY_YEAR = 2025  # the year exercise 07.4 asks Northway's NPS for


def _scores(business, year=None):
    answers = business.survey
    return answers["score"] if year is None else answers.loc[answers["date"].dt.year == year, "score"]


@exercise("07.4")
def northway_nps(answer):
    """Northway's Net Promoter Score in 2025, from its survey answers (in points)."""
    scores = _scores(northway(), NORTHWAY_YEAR)
    groups = survey.nps_groups(scores)
    n = groups.sum()
    return check_number(
        answer,
        survey.nps(scores),
        near_misses={
            "that is a fraction; the NPS is given in points, so multiply by 100.": survey.nps(scores) / 100,
            "that is over both years; keep the answers of 2025 only.": survey.nps(_scores(northway())),
            "that is 2024's score; keep the answers of 2025.": survey.nps(_scores(northway(), 2024)),
            "that is The Book Hub's NPS of 2025; use Northway's survey, north.survey.": survey.nps(
                _scores(bookhub(), NORTHWAY_YEAR)
            ),
            "that counts a 7 as a detractor; detractors score 0 to 6, and 7 and 8 are passives.": (
                ((scores >= 9).mean() - (scores <= 7).mean()) * 100
            ),
            "that counts an 8 as a promoter; promoters score 9 or 10 only.": (
                ((scores >= 8).mean() - (scores <= 6).mean()) * 100
            ),
            "that is the share of promoters alone; take the share of detractors off it.": (
                groups["promoters"] / n * 100
            ),
            "that leaves the passives out of the answers; they count in the total, on neither side.": (
                (groups["promoters"] - groups["detractors"]) / (groups["promoters"] + groups["detractors"]) * 100
            ),
        },
        unit="points, such as 25",
        hint="Keep Northway's answers of 2025, then take the share of detractors (0–6) from the share of "
        "promoters (9–10), times 100.",
    )


NPS_YEARS = (2024, 2025)  # the two years exercise 07.5 compares


def _nps_change(business):
    """The change in NPS from the first year of `NPS_YEARS` to the second, and its margin of error.

    Worked out from the rounded scores and margins of `survey.nps_table`, as the lesson shows them, so the
    change the feedback prints is the one a student gets from the table (67.7 to 63.1 is -4.6, not -4.7).
    """
    answers = business.survey
    years = survey.nps_table(answers, by=answers["date"].dt.year)
    earlier, later = (years.loc[year] for year in NPS_YEARS)
    change = round(later["NPS"] - earlier["NPS"], 1)
    margin = survey.margin_of_change(earlier["± margin"], later["± margin"])
    return earlier["NPS"], later["NPS"], change, margin


@exercise("07.5", kind="decision")
def book_hub_nps_change(answer):
    """The Book Hub's NPS moved from 2024 to 2025: a real fall, within the noise, or a real rise?"""
    before, after, change, margin = _nps_change(bookhub())
    expected = survey.change_reading(change, margin)
    moved = f"the score went from {before:.1f} to {after:.1f}, a change of {change:+.1f} points"
    inside = f"inside the ±{margin:.1f}-point margin of a change (95 times in 100, chance alone moves it less)"
    outside = f"more than the ±{margin:.1f}-point margin of a change"
    if expected == survey.NOISE:
        fall = (
            f"{moved}, {inside}. Reading every dip of a sample as news is the mistake here: two samples of a few "
            "hundred answers differ by several points by chance alone."
        )
        noise = f"{moved}, {inside}. Keep watching: act if the next survey falls again, or by more than the margin."
    else:
        fall = f"{moved}, {outside}: a fall that chance alone rarely makes. Look for its cause in what detractors say."
        noise = f"{moved}, {outside}. Calling it noise ignores a change the survey is large enough to show."
    rise = f"{moved}, {outside}: a rise that chance alone rarely makes."
    if expected != survey.RISE:
        rise = (
            f"{moved}. Taking the later year from the earlier one turns a fall into a rise: subtract 2024 from 2025."
            if change < 0
            else f"{moved}, {inside}: a rise inside its margin is not yet a real rise."
        )
    if expected == survey.RISE:
        fall = f"{moved}: the score went up, so reading it as a fall gets the subtraction the wrong way round."
    why = {survey.FALL: fall, survey.NOISE: noise, survey.RISE: rise}
    return check_option(answer, expected, why)
