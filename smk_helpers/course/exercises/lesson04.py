"""Exercises of lesson 04 (one-to-many vs one-to-one)."""

from ...core import kpis
from .. import approaches
from ..grading import bookhub, check_number, check_option, exercise, northway

START, END = "2024-01-01", "2024-12-31"  # the lesson shows 2025; exercise 04.1 asks for 2024


def _comparison(start=START, end=END):
    hub = bookhub()
    return kpis.one_to_many_vs_one_to_one(
        hub.campaigns[kpis.in_period(hub.campaigns["start_date"], start, end)],
        hub.interactions[kpis.in_period(hub.interactions["date"], start, end)],
        hub.orders[kpis.in_period(hub.orders["order_date"], start, end)],
    )


@exercise("04.1")
def one_to_one_cost_per_order(answer):
    """Cost per order of one-to-one selling (staff time per won conversation) in 2024."""
    table = _comparison()
    one = table.loc[kpis.ONE_TO_ONE]
    interactions = bookhub().interactions
    year = interactions[kpis.in_period(interactions["date"], START, END)]
    counts = kpis.outcome_counts(year)
    kinds = approaches.by_kind(bookhub().campaigns.iloc[:0], year)
    return check_number(
        answer,
        one["cost_per_order"],
        near_misses={
            "that is 2025, the year the lesson showed; filter the rows to 2024.": _comparison(
                "2025-01-01", "2025-12-31"
            ).loc[kpis.ONE_TO_ONE, "cost_per_order"],
            "that is both years; keep 2024 only.": _comparison(None, None).loc[kpis.ONE_TO_ONE, "cost_per_order"],
            "that is the one-to-many (campaigns) row; the question asks about one-to-one.": table.loc[
                kpis.ONE_TO_MANY, "cost_per_order"
            ],
            "that is the cost per contact (per conversation); divide the cost by the orders (won conversations).": one[
                "cost_per_contact"
            ],
            (
                "that divides the cost by the decided conversations (won + lost); divide by the won ones only."
            ): kpis.safe_divide(one["cost"], counts["won"] + counts["lost"]),
            "that is the mean of the kinds' costs per order; divide the total cost by the total orders.": float(
                kinds["cost_per_order"].mean()
            ),
        },
        unit="dollars",
        hint="Keep the 2024 rows of the three tables (.dt.year == 2024), call "
        "kpis.one_to_many_vs_one_to_one and read cost_per_order in the one-to-one row.",
    )


@exercise("04.2")
def break_even_conversion(answer):
    """The hand-sell conversion at which a hand-sell order costs as much as an ad order (defaults)."""
    table = approaches.compare_approaches()
    ad, hand = table.loc[approaches.AD], table.loc[approaches.HAND_SELL]
    return check_number(
        answer,
        approaches.break_even_conversion(table),
        near_misses={
            "that is upside down (ad cost per order / hand-sell cost per contact); divide the hand-sell's cost "
            "per contact by the ad's cost per order.": kpis.safe_divide(ad["cost_per_order"], hand["cost_per_contact"]),
            "that is the hand-sell's cost per order at the assumed 25%; the question asks for a conversion rate.": hand[
                "cost_per_order"
            ],
            "that is the hand-sell's cost per contact; divide it by the ad's cost per order.": hand["cost_per_contact"],
            "that is the ad's own conversion per contact (per impression); the question asks about hand-sells.": ad[
                "conversion_per_contact"
            ],
        },
        unit="a fraction such as 0.05",
        hint="Cost per order = cost per contact / conversion, so set it equal to the ad's $75 and solve.",
    )


@exercise("04.3", kind="decision")
def more_orders_with_one_hour(answer):
    """With only 1 staff hour for hand-selling (other inputs as default), which brings more orders?"""
    table = approaches.compare_approaches(staff_hours=1)
    ad, hand = table.loc[approaches.AD], table.loc[approaches.HAND_SELL]
    talks_2025 = bookhub().interactions[kpis.in_period(bookhub().interactions["date"], "2025-01-01", "2025-12-31")]
    kinds = approaches.by_kind(bookhub().campaigns.iloc[:0], talks_2025)  # the rate the lesson prints
    logged = kinds.loc["in-store recommendation", "conversion_per_contact"]
    at_logged = approaches.compare_approaches(staff_hours=1, hand_sell_conversion=logged).loc[approaches.HAND_SELL]
    talks = (
        f"one hour leaves time for {hand['contacts']:.0f} hand-sells, which bring about {hand['orders']:.1f} orders "
        f"at the assumed {hand['conversion_per_contact']:.0%} (about {at_logged['orders']:.1f} at the shop's own "
        f"logged {logged:.0%})"
    )
    ad_orders = f"about {ad['orders']:.0f} orders from the ad"
    same = (ad["orders"] > hand["orders"]) == (ad["orders"] > at_logged["orders"])
    robust = " The answer is the same at either rate." if same else ""
    if ad["orders"] > hand["orders"]:
        expected = "one-to-many"
        why = {
            "one-to-many": f"{talks}, against {ad_orders}. The hand-sell still costs less per order, but it runs "
            f"out of time; when staff hours, not money, are the limit, capacity decides.{robust}",
            "one-to-one": f"one-to-one is still cheaper per order, but cheaper per order is not more orders: {talks}, "
            f"against {ad_orders}. Look at the orders, not the cost per order.{robust}",
        }
    else:
        expected = "one-to-one"
        why = {
            "one-to-many": f"{talks}, against {ad_orders}. Reaching more people is not selling more: "
            f"even a short week of conversations brings more orders than a small budget's impressions.{robust}",
            "one-to-one": f"{talks}, against {ad_orders}: even a short week of conversations outsells the ad.{robust}",
        }
    return check_option(answer, expected, why)


def _northway_comparison(hourly_cost, start=None, end=None):
    nw = northway()
    return kpis.one_to_many_vs_one_to_one(
        nw.campaigns[kpis.in_period(nw.campaigns["start_date"], start, end)],
        nw.interactions[kpis.in_period(nw.interactions["date"], start, end)],
        nw.orders[kpis.in_period(nw.orders["order_date"], start, end)],
        staff_hourly_cost=hourly_cost,
    )


@exercise("04.4")
def northway_cost_per_order(answer):
    """Northway's one-to-one cost per order over its two years, at its own staff's hourly cost."""
    nw = northway()
    wage = approaches.hourly_cost(approaches.load_staff(nw.path), nw.interactions)
    table = _northway_comparison(wage)
    one = table.loc[kpis.ONE_TO_ONE]
    counts = kpis.outcome_counts(nw.interactions)
    return check_number(
        answer,
        one["cost_per_order"],
        near_misses={
            "that prices Northway's time at a bookseller's wage, the default; pass staff_hourly_cost=wage.": (
                _northway_comparison(kpis.STAFF_HOURLY_COST).loc[kpis.ONE_TO_ONE, "cost_per_order"]
            ),
            "that is the one-to-many (campaigns) row; the question asks about one-to-one.": table.loc[
                kpis.ONE_TO_MANY, "cost_per_order"
            ],
            "that is the row of the campaigns with known reach; the question asks about one-to-one.": table.loc[
                kpis.ONE_TO_MANY_KNOWN, "cost_per_order"
            ],
            "that is the cost per contact (per conversation); divide the cost by the orders (won conversations).": one[
                "cost_per_contact"
            ],
            "that divides the cost by the decided conversations (won + lost); divide by the won ones only.": (
                kpis.safe_divide(one["cost"], counts["won"] + counts["lost"])
            ),
            "that is 2025 only; the question is about both years, so use the whole tables.": _northway_comparison(
                wage, "2025-01-01", "2025-12-31"
            ).loc[kpis.ONE_TO_ONE, "cost_per_order"],
            "that is The Book Hub's figure; pass Northway's tables (nw.campaigns, nw.interactions, nw.orders).": (
                kpis.one_to_many_vs_one_to_one(
                    bookhub().campaigns, bookhub().interactions, bookhub().orders, staff_hourly_cost=wage
                ).loc[kpis.ONE_TO_ONE, "cost_per_order"]
            ),
        },
        unit="dollars",
        hint="Call kpis.one_to_many_vs_one_to_one(nw.campaigns, nw.interactions, nw.orders, staff_hourly_cost=wage) "
        "and read cost_per_order in the one-to-one row.",
    )


@exercise("04.5", kind="concept")
def staff_pick_cards(answer):
    """Hand-written, signed staff-pick cards on the shelf: one-to-many or one-to-one?"""
    why = {
        "one-to-many": "the card says the same words to every browser who picks up the book, and it cannot hear "
        "a question or change its advice: one message to many, however personal it looks.",
        "one-to-one": "a signed, hand-written card feels personal, but a personal tone is not a conversation. "
        "Taking the warmth of a message for one-to-one forgets that the card says the same to everyone and "
        "cannot listen.",
    }
    expected = next(way for way, how in approaches.APPROACHES.items() if how.startswith("the same message"))
    return check_option(answer, expected, why)
