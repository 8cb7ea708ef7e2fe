"""Exercises of lesson 11 (glossary and review): a formula looked up in the glossary, applied to Northway.

The review quiz's questions are checked by `smk_helpers.course.review`, not here.
"""

from ...core import kpis
from ..grading import check_number, check_option, exercise, northway
from .lesson12 import NEW_BUSINESS

YEAR = ("2025-01-01", "2025-12-31")
YEARS = 5  # how long an account is assumed to keep buying; the lesson states it
# Exercise 11.2: what LTV:CAC says about a bigger budget for new accounts; 3 is the rule of thumb's line.
RULE_OF_THUMB = 3.0
MORE, HOLD, CUT = "spend more", "hold", "cut"


def _summary() -> dict:
    return kpis.summary(northway(), start=YEAR[0], end=YEAR[1])


def accounts_won() -> int:
    """The new accounts Northway won in 2025: its new-business deals (quote requests, tenders) won and closed that year.

    `kpis.summary`'s new customers count every account whose first order in the data falls in 2025; the data
    starts in 2024, so an existing account that did not order in 2024 looks new too. Lesson 12 counts a new
    account as a won new-business deal, and so does this lesson.
    """
    talks = northway().interactions
    won = talks[talks["type"].isin(NEW_BUSINESS) & (talks["outcome"] == "won")]
    return int((won["closed_date"].dt.year == int(YEAR[0][:4])).sum())


def cac() -> float:
    """Northway's CAC in 2025: marketing spend / the new accounts won (not `kpis.summary`'s new customers)."""
    return kpis.cac(_summary()["marketing_spend"], accounts_won())


def account_clv(years: float = YEARS, margin: bool = True) -> float:
    """What a Northway account is worth over ``years``: 2025's AOV × orders per customer × years × gross margin."""
    s = _summary()
    purchases_per_year = s["orders"] / s["customers"]
    return kpis.simple_clv(s["average_order_value"], purchases_per_year, years, s["gross_margin"] if margin else 1.0)


@exercise("11.1")
def northway_clv(answer):
    """What a Northway account is worth over five years in gross profit (the glossary's simple CLV, 2025's numbers)."""
    s = _summary()
    return check_number(
        answer,
        account_clv(),
        near_misses={
            "that is in revenue: CLV counts what a customer leaves in gross profit, so multiply by the gross "
            "margin.": account_clv(margin=False),
            "that is one year's worth; the question asks for five years.": account_clv(years=1),
            "that leaves out how often an account orders: multiply by the orders per customer as well.": (
                s["average_order_value"] * YEARS * s["gross_margin"]
            ),
            "that divides by the new customers only; purchases per year are all orders over all customers.": (
                kpis.simple_clv(s["average_order_value"], s["orders"] / s["new_customers"], YEARS, s["gross_margin"])
            ),
        },
        unit="dollars",
        hint="Purchases per year are 2025's orders over its customers; then AOV × purchases × 5 × gross margin.",
    )


WHY = {
    MORE: "each new account is worth well over three times what it cost to win, by a wide margin, so there is "
    "room to spend more. Raise it step by step: the CAC is an average, and the next accounts cost more.",
    HOLD: "holding is right when LTV:CAC sits between 1 and 3, where accounts pay back thinly; reading a ratio "
    "far above the rule of thumb as thin forgets to compare it with the line.",
    CUT: "cutting is right when an account costs more than it is worth (LTV:CAC below 1); a large CAC in dollars "
    "is not too large when each account brings far more.",
}


def ltv_to_cac() -> float:
    return kpis.ltv_to_cac(account_clv(), cac())


@exercise("11.2", kind="decision")
def northway_budget(answer):
    """Should Northway spend more to win accounts, hold, or cut: its LTV:CAC (CAC over the accounts won) against 3."""
    ratio = ltv_to_cac()
    expected = MORE if ratio >= RULE_OF_THUMB else HOLD if ratio >= 1 else CUT
    return check_option(answer, expected, WHY)
