"""Exercises of lesson 03 (the four Ps)."""

import functools

from ...core import kpis
from .. import mix
from ..grading import bookhub, check_choice, check_number, exercise


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
        hint="Read the roas column of mix.campaigns_by_channel for the search row.",
    )
