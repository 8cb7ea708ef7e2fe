"""A business in one column: who buys, how much at a time, how long a sale takes, and how much of it is one-to-one.

`business_profile` works the same measures out of any business's contract files, so a shop that sells to
consumers (B2C, The Book Hub) and a firm that sells to other businesses (B2B, Northway) can be set side by
side with `compare` (lesson 02). A measure whose file is missing is NaN ("n/a").

The rules of every KPI hold: ratios are ratios of sums, and a zero denominator gives NaN.
"""

from __future__ import annotations

import pandas as pd

from .data import Business
from .formatting import readable as _readable
from .kpis import average_order_value, customer_count, spend_share, total_revenue, win_rate
from .pipeline import deals
from .rules import known_sum, safe_divide

__all__ = ["KINDS", "MEASURES", "business_profile", "compare", "one_to_one_orders", "selling_time"]

# The two kinds of sale, told apart by who buys (not by who sells).
KINDS = {
    "B2B": "business to business: the buyer is an organisation, buying for its own use or to sell on",
    "B2C": "business to consumer: the buyer is a person, buying for themselves or as a gift",
}

# The measures of `business_profile`, in order, with the heading and format `compare` shows them in.
MEASURES = {
    "orders": ("Orders", "number"),
    "named_customers": ("Customers who bought (named)", "number"),
    "anonymous_share": ("Orders with no customer named", "pct"),
    "average_order_value": ("Average order", "money"),
    "median_order": ("Median order", "money"),
    "orders_per_customer": ("Orders per named customer", "number1"),
    "revenue_per_customer": ("Revenue per named customer", "money0"),
    "deal_win_rate": ("Win rate of deals (not of every conversation)", "pct"),
    "days_to_win": ("Days from prospect to won deal (median)", "days"),
    "one_to_one_share": ("Share of revenue from one-to-one selling", "pct"),
    "minutes_per_won_sale": ("Staff minutes per won conversation", "number"),
    "marketing_share": ("Marketing spend as a share of revenue", "pct"),
}


def one_to_one_orders(orders: pd.DataFrame, interactions: pd.DataFrame | None) -> pd.Series:
    """Mark the orders that a won one-to-one conversation or deal led to.

    Formula: an order is one-to-one when a won row of ``interactions`` names its ``order_id``.

    Examples
    --------
    >>> orders = pd.DataFrame({"order_id": ["1", "2", "3"]})
    >>> talks = pd.DataFrame({"outcome": ["won", "lost", "won"], "order_id": ["2", None, None]})
    >>> one_to_one_orders(orders, talks).tolist()
    [False, True, False]
    """
    if interactions is None or "order_id" not in interactions:
        return pd.Series(False, index=orders.index)
    won = interactions.loc[interactions["outcome"].eq("won"), "order_id"].dropna()
    return orders["order_id"].isin(set(won))


def selling_time(*businesses: Business) -> pd.DataFrame:
    """Each business's one-to-one selling: its conversations, the won ones, their minutes and what the wins brought.

    Formula: minutes = Σ minutes of all conversations, won, lost or open; revenue and gross_profit = Σ over the
    orders a won conversation led to (`one_to_one_orders`). Gross profit per selling hour is then
    gross_profit / (minutes / 60).

    Returns
    -------
    DataFrame with a row per business (named) and the columns conversations, won, minutes, revenue, gross_profit

    Examples
    --------
    >>> orders = pd.DataFrame({"order_id": ["1", "2"], "revenue": [100.0, 50.0], "gross_profit": [40.0, 20.0]})
    >>> talks = pd.DataFrame({"outcome": ["won", "lost"], "order_id": ["1", None], "minutes": [20.0, 10.0]})
    >>> selling_time(Business.from_frames("Shop", orders=orders, interactions=talks))
          conversations  won  minutes  revenue  gross_profit
    Shop              2    1     30.0    100.0          40.0
    """
    rows = {}
    for business in businesses:
        orders, talks = business.orders, business.interactions
        won = one_to_one_orders(orders, talks)
        profit = orders["gross_profit"] if "gross_profit" in orders else pd.Series(float("nan"), index=orders.index)
        rows[business.name] = {
            "conversations": 0 if talks is None else len(talks),
            "won": 0 if talks is None else int(talks["outcome"].eq("won").sum()),
            "minutes": float("nan") if talks is None else known_sum(talks["minutes"]),
            "revenue": known_sum(orders.loc[won, "revenue"]),
            "gross_profit": known_sum(profit[won]),
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def business_profile(business: Business) -> pd.Series:
    """The measures of `MEASURES` for one business, over all its data.

    Formulas: average_order_value = Σ revenue / orders; orders_per_customer and revenue_per_customer = the
    named customers' orders and revenue / named customers; deal_win_rate = won / (won + lost) of the deals;
    days_to_win = the median of closed_date − date over the won deals; one_to_one_share = Σ revenue of the
    orders a won conversation or deal led to / Σ revenue; minutes_per_won_sale = Σ minutes of all
    conversations / won conversations; marketing_share = Σ campaign spend / Σ revenue.

    Parameters
    ----------
    business : Business
        Filter its tables to a period first if you want one; the deals and spend are read as given.

    Returns
    -------
    Series indexed by measure, named after the business

    Examples
    --------
    >>> orders = pd.DataFrame({"order_id": ["1", "2", "3"], "customer_id": ["A", "A", None],
    ...                        "order_date": pd.to_datetime(["2025-01-10", "2025-02-10", "2025-02-11"]),
    ...                        "channel": ["direct"] * 3, "revenue": [3000.0, 1000.0, 500.0]})
    >>> deals_ = pd.DataFrame({"interaction_id": ["I1", "I2"], "date": pd.to_datetime(["2024-12-01"] * 2),
    ...                        "staff": ["Ann", "Ann"], "type": ["quote"] * 2, "outcome": ["won", "lost"],
    ...                        "order_id": ["1", None], "minutes": [300.0, 120.0], "deal_value": [3000.0, 800.0],
    ...                        "closed_date": pd.to_datetime(["2025-01-10", "2024-12-20"])})
    >>> profile = business_profile(Business.from_frames("Firm", orders=orders, interactions=deals_))
    >>> profile[["orders_per_customer", "deal_win_rate", "days_to_win", "one_to_one_share"]].round(3).to_dict()
    {'orders_per_customer': 2.0, 'deal_win_rate': 0.5, 'days_to_win': 40.0, 'one_to_one_share': 0.667}
    """
    orders, talks = business.orders, business.interactions
    revenue = total_revenue(orders)
    named = orders[orders["customer_id"].notna()]
    customers = customer_count(orders)
    found = deals(talks)
    won = found[found["outcome"].eq("won") & found["closed_date"].notna()]
    days = (pd.to_datetime(won["closed_date"]).dt.normalize() - pd.to_datetime(won["date"]).dt.normalize()).dt.days
    won_talks = float("nan") if talks is None else int(talks["outcome"].eq("won").sum())
    spend = float("nan") if business.campaigns is None else known_sum(business.campaigns["spend"])
    values = {
        "orders": len(orders),
        "named_customers": customers,
        "anonymous_share": safe_divide(len(orders) - len(named), len(orders)),
        "average_order_value": average_order_value(revenue, len(orders)),
        "median_order": float(orders["revenue"].median()),
        "orders_per_customer": safe_divide(len(named), customers),
        "revenue_per_customer": safe_divide(known_sum(named["revenue"]), customers),
        "deal_win_rate": win_rate(int(found["outcome"].eq("won").sum()), int(found["outcome"].eq("lost").sum())),
        "days_to_win": float(days.median()) if len(days) else float("nan"),
        "one_to_one_share": safe_divide(known_sum(orders.loc[one_to_one_orders(orders, talks), "revenue"]), revenue),
        "minutes_per_won_sale": float("nan") if talks is None else safe_divide(known_sum(talks["minutes"]), won_talks),
        "marketing_share": spend_share(spend, revenue),
    }
    return pd.Series({key: float(values[key]) for key in MEASURES}, name=business.name)


def compare(*businesses: Business) -> pd.DataFrame:
    """The profiles of several businesses side by side, as text for reading: one row per measure, one column each.

    Examples
    --------
    >>> shop = Business.from_frames("Shop", orders=pd.DataFrame({
    ...     "order_id": ["1", "2"], "customer_id": ["C1", None], "channel": ["in-store"] * 2,
    ...     "order_date": pd.to_datetime(["2025-01-02", "2025-01-03"]), "revenue": [20.0, 30.0]}))
    >>> compare(shop).loc[["Orders", "Average order"]]
                     Shop
    Orders              2
    Average order  $25.00
    """
    table = pd.DataFrame([business_profile(business) for business in businesses])
    return _readable(table, MEASURES).T.rename_axis(None, axis=1)
