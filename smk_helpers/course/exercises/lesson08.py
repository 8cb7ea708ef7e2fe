"""Exercises of lesson 08 (the sales process)."""

from ...core import pipeline, sellers
from ..approaches import load_staff
from ..grading import bookhub, check_number, check_option, exercise, northway

YEAR = ("2025-01-01", "2025-12-31")  # the year lesson 08 judges the booksellers on
# Exercise 08.3: what the owner can do about a seller below target: raise a driver, or lower the target.
RESPONSES = sellers.LEVERS
LOWER_TARGET = "lower target"


def _consultations():
    talks = bookhub().interactions
    return talks[talks["type"] == "store consultation"]


@exercise("08.1")
def consultation_win_rate_from_proposal(answer):
    """Of the store consultations that reached the proposal (a written quote) and were decided, the share won."""
    consultations = _consultations()
    table = pipeline.stage_table(consultations)
    specials = bookhub().interactions[bookhub().interactions["type"] == "special order"]
    return check_number(
        answer,
        table.loc["proposal", "win_rate"],
        near_misses={
            "you divided by every consultation that reached the quote, open ones too. An open deal is not lost "
            "yet: divide the won ones by the won and the lost.": table.loc["proposal", "won"]
            / table.loc["proposal", "reached"],
            "that is the conversion from the proposal to the next stage (negotiation). The question asks how many "
            "of the deals that got a quote were won in the end.": table.loc["proposal", "conversion"],
            "that is the win rate of all consultations, from their first contact. Take only those that reached "
            "the proposal.": table.loc["prospect", "win_rate"],
            "that is the rate of all deals, special orders included. Keep only the store consultations.": (
                pipeline.win_rate_by_stage(bookhub().interactions)["proposal"]
            ),
            "that is the special orders' rate. The question is about the store consultations.": (
                pipeline.win_rate_by_stage(specials)["proposal"]
            ),
        },
        unit="a fraction",
        hint="Keep the rows of hub.interactions whose type is 'store consultation', then read the proposal row "
        "of pipeline.win_rate_by_stage.",
    )


# Exercise 08.2: the kind of deal that holds most of Northway's open value, forecast from its own stage win rates.
KIND = "quote request"


@exercise("08.2")
def northway_quote_request_forecast(answer):
    """What Northway's open quote requests are likely to bring, weighted by the quote requests' own stage win rates."""
    talks = northway().interactions
    quotes = talks[talks["type"] == KIND]
    stages = pipeline.forecast_by_stage(quotes)
    return check_number(
        answer,
        (stages["open_value"] * stages["win_rate"]).sum(),
        near_misses={
            "that is the open value of the quote requests: every open quote counted as if it were won. Multiply "
            "each stage's open value by the win rate from that stage.": stages["open_value"].sum(),
            "that is the forecast of all Northway's kinds of deal. Keep only the quote requests.": (
                pipeline.weighted_forecast(talks)
            ),
            "that weights the quote requests with the rates of every deal from their first stage. A deal further "
            "along is likelier to be won: each stage has its own rate.": stages["open_value"].sum()
            * stages.loc["prospect", "win_rate"],
            "that is The Book Hub's forecast. Use Northway's interactions.": pipeline.weighted_forecast(
                bookhub().interactions
            ),
        },
        unit="dollars",
        hint="Keep the rows of north.interactions whose type is 'quote request', pass them to "
        "pipeline.forecast_by_stage, multiply its open_value column by its win_rate column and add up.",
    )


def _year_table():
    hub = bookhub()
    return sellers.seller_table(hub.orders, hub.interactions, hub.targets, load_staff(), *YEAR)


def sams_gap():
    """Sam's drivers against the other booksellers' (the owner-manager's large deals are no yardstick)."""
    staff = load_staff()
    others = staff.loc[(staff["role"] == "bookseller") & (staff["staff"] != "Sam"), "staff"]
    return sellers.drivers(_year_table(), "Sam", others=others)


@exercise("08.3", kind="decision")
def what_to_do_about_sam(answer):
    """Which response fits the driver on which Sam falls furthest short of the other booksellers?"""
    gap = sams_gap()
    expected = RESPONSES[gap.idxmin()]
    words = {
        "conversations_per_paid_hour": "conversations per paid hour",
        "win_rate": "win rate",
        "revenue_per_win": "revenue per win",
    }
    cures = {
        "conversations_per_paid_hour": "more hours on the floor and more leads to call back",
        "win_rate": "coaching him to win more of the conversations he already has",
        "revenue_per_win": "making each win bigger (a second book at the till, and some of the larger deals to handle)",
    }

    def why(driver: str) -> str:
        share = f"Sam's {words[driver]} is {gap[driver]:.0%} of the other booksellers'"
        if RESPONSES[driver] == expected:
            return f"{share}, the driver furthest below theirs, so {cures[driver]} works on his largest gap."
        extra = (
            " More shifts would also raise his target, which follows his hours."
            if driver == "conversations_per_paid_hour"
            else ""
        )
        return (
            f"{share}: a gap, but not his largest. Fixing a smaller gap first mistakes any weakness for the "
            f"main one; compare the three drivers and pick the one furthest below 100%.{extra}"
        )

    explanations = {RESPONSES[driver]: why(driver) for driver in sellers.DRIVERS}
    explanations[LOWER_TARGET] = (
        "every bookseller's target is a share of the shop's, split by the hours they work, and the others meet "
        "theirs under the same rule. A lower target would hide Sam's gap, not close it: it treats the yardstick "
        "as the problem."
    )
    return check_option(answer, expected, explanations)


# Exercise 08.4: how Northway's sales team is split, one of the three ways a sales team is organised.
ORGANISED_BY = {
    "region": "a split by region gives each rep an area of the map, and it assumes that where a buyer is "
    "decides who sells to them. Northway's data records no region, and its reps divide the work by the kind "
    "of account instead.",
    "product": "a split by product gives each rep one range to sell, and it assumes the reps sell different "
    "things. Every Northway rep sells the same branded uniforms and workwear; what differs is the buyer.",
    "customer type": "Ben looks after the accounts that already buy (their reorders and range refreshes), "
    "Aisha and Marcus answer the quote requests of new ones, and Ruth takes the tenders of the largest "
    "organisations: each rep serves one kind of buyer.",
}


@exercise("08.4", kind="concept")
def how_northway_sells(answer):
    """Is Northway's sales team organised by region, by product or by customer type?"""
    return check_option(answer, "customer type", ORGANISED_BY)


# Exercise 08.5: the lead sources whose buyers did not know Northway before they first asked.
COLD_SOURCES = ("trade fair", "linkedin", "search")


@exercise("08.5")
def cold_lead_win_rate(answer):
    """The win rate of Northway's deals from cold lead sources, all three together (a ratio of sums)."""
    talks = northway().interactions
    by_source = pipeline.deal_summary(talks, by="lead_source")
    cold = by_source.loc[list(COLD_SOURCES)]
    warm = by_source.drop(index=list(COLD_SOURCES))
    return check_number(
        answer,
        cold["won"].sum() / (cold["won"].sum() + cold["lost"].sum()),
        near_misses={
            "that is the average of the three sources' win rates, each counting the same however many deals it "
            "had. Add up the won and lost deals of all three first, then divide (a ratio of sums).": (
                cold["win_rate"].mean()
            ),
            "you divided by every cold deal, open ones too. An open deal is not lost yet: divide the won ones by "
            "the won and the lost.": cold["won"].sum() / cold["deals"].sum(),
            "that is the warm leads' win rate. The question asks for the cold sources: trade fair, linkedin and "
            "search.": warm["won"].sum() / (warm["won"].sum() + warm["lost"].sum()),
            "that is the win rate of all Northway's deals. Keep only the three cold sources.": (
                pipeline.win_rate_by_stage(talks)["prospect"]
            ),
        },
        unit="a fraction",
        hint="Keep the deals whose lead_source is one of the three cold sources, count their outcomes, and divide "
        "the won by the won and the lost.",
    )
