"""Exercises of lesson 03 (the four Ps)."""

import functools

from ...core import kpis
from .. import mix
from ..grading import bookhub, check_choice, check_number, check_option, exercise


@functools.cache
def _lines():
    """The Book Hub's order lines with their products (read once for all checks)."""
    return mix.sales_lines(mix.order_lines(), mix.load_catalogue(), bookhub().orders)


@exercise("03.1")
def most_profit_per_copy(answer):
    """The category that earns the most gross profit per copy sold, over the two years."""
    table = mix.category_mix(_lines())
    expected = table["profit_per_copy"].idxmax()
    hints = {
        table["copies"].idxmax(): "that category sells the most copies; divide its gross profit by its copies.",
        table["revenue"]
        .drop(table["gross_margin"].idxmax())
        .idxmax(): "that book category brings in the most revenue in total; the question is about each single copy.",
    }
    hints[table["gross_margin"].idxmax()] = (
        "that category keeps the largest share of each dollar (the highest "
        "margin), but its items are cheap. Compare dollars of profit per copy."
    )
    hints = {k: v for k, v in hints.items() if k != expected}
    return check_choice(answer, expected, options=list(table.index), hints=hints)


@exercise("03.2")
def marketplace_margin(answer):
    """Gross margin of the marketplace channel over the two years (a fraction, after fees)."""
    orders = bookhub().orders
    table = mix.channel_economics(orders)
    market = orders[orders["channel"].eq("marketplace")]
    return check_number(
        answer,
        table.loc["marketplace", "gross_margin"],
        near_misses={
            "that is the mean of each order's margin; add up gross profit and revenue first, then divide "
            "(a ratio of sums).": float((market["gross_profit"] / market["revenue"]).mean()),
            "that is the margin before the marketplace's fees; gross_profit already has them taken off, "
            "so divide gross_profit by revenue.": table.loc["marketplace", "margin_before_fees"],
            "that is the whole shop's margin; keep only the marketplace orders.": kpis.ratio_of_sums(
                orders["gross_profit"], orders["revenue"]
            ),
            "that is the in-store margin; the question is about the marketplace.": table.loc[
                "in-store", "gross_margin"
            ],
            "that is the website's margin; the question is about the marketplace.": table.loc[
                "website", "gross_margin"
            ],
            "that is the gross profit in dollars; divide it by the channel's revenue.": table.loc[
                "marketplace", "gross_profit"
            ],
        },
        unit="a fraction such as 0.25",
        hint="Select the marketplace orders, then kpis.ratio_of_sums(gross_profit, revenue).",
    )


@exercise("03.3")
def search_roas(answer):
    """ROAS of the search channel over the two years."""
    hub = bookhub()
    table = mix.campaigns_by_channel(hub.campaigns, hub.orders)
    row = table.loc["search"]
    search = hub.campaigns[hub.campaigns["channel"].eq("search")]
    per_campaign = search["campaign_id"].map(hub.orders.groupby("campaign_id")["revenue"].sum()).fillna(0.0)
    start, end = "2025-01-01", "2025-12-31"
    year = mix.campaigns_by_channel(
        hub.campaigns[kpis.in_period(hub.campaigns["start_date"], start, end)],
        hub.orders[kpis.in_period(hub.orders["order_date"], start, end)],
    )
    return check_number(
        answer,
        row["roas"],
        near_misses={
            "that is the mean of each campaign's ROAS; divide the channel's total attributed revenue by its "
            "total spend (a ratio of sums).": float(kpis.roas(per_campaign, search["spend"]).mean()),
            "that is the ROI, which uses gross profit and takes the spend off; ROAS is revenue / spend.": row["roi"],
            "that divides gross profit by spend; ROAS uses the attributed revenue.": kpis.safe_divide(
                row["attributed_gross_profit"], row["spend"]
            ),
            "that is spend / revenue, upside down; ROAS is attributed revenue / spend.": kpis.safe_divide(
                row["spend"], row["attributed_revenue"]
            ),
            "that is 2025 only; the question is about both years.": year.loc["search", "roas"],
        },
        unit="a ratio such as 2.5",
        hint='Divide the search row\'s "Revenue credited" by its "Spend": in promotion, the columns '
        "attributed_revenue and spend (kpis.roas does the division).",
    )


@exercise("03.4", kind="decision")
def sponsored_listings(answer):
    """Sponsored listings on the marketplace: keep, change or cut, from their ROAS against the orders' break-evens?"""
    orders = bookhub().orders
    roas = mix.campaigns_by_channel(bookhub().campaigns, orders).loc["marketplace", "roas"]
    channel = mix.channel_economics(orders).loc["marketplace"]
    commission = mix.fee_terms(orders)["commission"]
    margin, best = channel["gross_margin"], channel["margin_before_fees"] - commission
    own, changed = kpis.break_even_roas(margin), kpis.break_even_roas(best)
    shop = kpis.break_even_roas(kpis.ratio_of_sums(orders["gross_profit"], orders["revenue"]))
    expected = mix.keep_change_or_cut(roas, own, changed)
    facts = (
        f"the listings return {roas:.2f} in revenue per dollar; marketplace orders keep {margin:.1%} after fees, "
        f"so they need {own:.2f}, and even with no item fee the {commission:.0%} commission leaves them at most "
        f"{best:.1%}, which needs {changed:.2f}"
    )
    if expected == mix.KEEP:
        why = {
            mix.KEEP: f"{facts}. They clear even their own orders' break-even, so they pay for themselves.",
            mix.CHANGE: f"{facts}. They already clear their own orders' break-even; changing what pays is "
            "fixing something that is not broken.",
            mix.CUT: f"{facts}. Cutting a channel that pays for itself mistakes a low margin for a loss.",
        }
    elif expected == mix.CHANGE:
        why = {
            mix.KEEP: f"{facts}. Keeping them as they are judges the listings against the shop's average "
            f"break-even of {shop:.2f}, but the orders they bring keep less after the marketplace's fees.",
            mix.CHANGE: f"{facts}. As they stand they lose money, but they clear the break-even of the best margin "
            "a marketplace order can keep: promote pricier books, on which the item fee weighs less, and measure "
            "again.",
            mix.CUT: f"{facts}. Cutting treats the listings as hopeless, yet a pricier mix of books could make "
            "them pay: try the change first.",
        }
    else:
        why = {
            mix.KEEP: f"{facts}. Keeping them judges the listings against the shop's average break-even of "
            f"{shop:.2f}, but the orders they bring keep far less after the marketplace's fees, so they need a "
            "far higher ROAS, and each dollar spent brings back only about "
            f"${roas * margin:.2f} of gross profit.",
            mix.CHANGE: f"{facts}. Changing what they promote hopes that pricier books would mend the margin, but "
            "the commission alone caps what a marketplace order can keep, and at that cap the listings still "
            "fall short: no choice of book makes them pay.",
            mix.CUT: f"{facts}. They fall short of both: each dollar spent brings back about ${roas * margin:.2f} "
            "of gross profit, and no book on the marketplace could keep enough to change that.",
        }
    return check_option(answer, expected, why)


@exercise("03.5", kind="concept")
def bike_delivery(answer):
    """Which of the four Ps is delivering orders by bike to readers in town?"""
    why = {
        "product": "the book is the same book whether the reader carries it home or it comes to the door. "
        "Calling it product mistakes a way of getting the goods for the goods themselves.",
        "price": "delivery does not change what the book costs: the price on the cover stays the same. Calling it "
        "price mistakes a service around the sale for a decision about what customers pay; only a delivery "
        "charge would be a price decision.",
        "place": "delivery decides where and how a reader gets the book, the question Place answers. Delivering "
        "by bike makes the shop as easy to buy from as the marketplace, for the readers in town.",
        "promotion": "the shop will announce it, and the announcement is promotion; but the delivery itself is "
        "not a message. Calling it promotion takes anything that attracts customers for promotion.",
    }
    return check_option(answer, next(p for p, q in mix.FOUR_PS.items() if q.startswith("Where")), why)
