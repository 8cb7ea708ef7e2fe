"""Customer segments: the known customers one row each, grouped by what they do or who they are.

Segmentation splits the customers into groups that behave alike (how often they buy, where, how they
found the business) or that are alike (an account's industry or size). `buyers` makes the one-row-per-
customer table, `frequency_segment` labels customers by how often they buy, and `segment_table` adds up
each group: customers, orders, revenue, orders per customer, average order value and share of revenue.
Lesson 02 uses them to choose whom The Book Hub's marketing should aim at, and to segment Northway's
accounts.

Only orders with a ``customer_id`` can be segmented: an anonymous till sale belongs to nobody. The rules
of every KPI hold: ratios are ratios of sums, and a zero denominator gives NaN.
"""

from __future__ import annotations

import pandas as pd

from .data import Business, read_extra_table
from .formatting import readable as _readable
from .kpis import average_order_value, gross_margin_rate
from .rules import safe_divide

__all__ = ["COLUMNS", "SEVERAL", "STP", "buyers", "customers", "frequency_segment", "readable", "segment_table"]

SEVERAL = "several channels"  # `buyers`' channel for a customer who bought in more than one
# The three steps marketers take before they choose their tools (STP), each with what it decides.
STP = {
    "segmentation": "divide the customers into groups that are alike in a way that matters",
    "targeting": "choose the groups to serve, and where the money goes",
    "positioning": "decide how the chosen groups should see the business against the alternatives",
}


def customers(business: Business) -> pd.DataFrame | None:
    """The business's ``customers.csv`` (one row per customer, with what is known of each), or None without one.

    The file is outside the data contract: The Book Hub's has how each customer found the shop and whether
    they hold a loyalty card; Northway's has each account's industry and number of employees.

    Examples
    --------
    >>> from smk_helpers.core.data import load_bookhub
    >>> customers(load_bookhub()).columns.tolist()
    ['customer_id', 'first_seen', 'acquisition_channel', 'loyalty_member']
    """
    if business.path is None or not (business.path / "customers.csv").is_file():
        return None
    return read_extra_table("customers.csv", business.path, text_columns=["customer_id"])


def buyers(orders: pd.DataFrame, customers: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per known customer: orders, revenue, gross profit, first and last order, and where they buy.

    Formula: per ``customer_id``, orders = number of orders; revenue and gross_profit = their sums;
    channel = the one channel of all their orders, or "several channels".

    Parameters
    ----------
    orders : DataFrame
        ``orders.csv`` as the loader types it; orders without a customer are left out.
    customers : DataFrame, optional
        One row per customer with a ``customer_id`` column; its other columns are added to each row (a
        column the orders already give, such as ``first_order``, is taken from the orders).

    Returns
    -------
    DataFrame indexed by customer_id, with columns orders, revenue, gross_profit, first_order, last_order,
    channel, then the columns of ``customers``.

    Examples
    --------
    >>> orders = pd.DataFrame({"customer_id": ["C1", "C1", "C2", None],
    ...                        "order_date": pd.to_datetime(["2025-01-05", "2025-03-01", "2025-02-02", "2025-02-03"]),
    ...                        "channel": ["in-store", "website", "in-store", "in-store"],
    ...                        "revenue": [40.0, 20.0, 15.0, 9.0], "gross_profit": [18.0, 9.0, 7.0, 4.0]})
    >>> buyers(orders)[["orders", "revenue", "channel"]]
                 orders  revenue           channel
    customer_id
    C1                2     60.0  several channels
    C2                1     15.0          in-store
    """
    known = orders[orders["customer_id"].notna()]
    grouped = known.groupby("customer_id", sort=True)
    first_channel = grouped["channel"].first(skipna=False)
    table = pd.DataFrame(
        {
            "orders": grouped.size(),
            "revenue": grouped["revenue"].sum(),
            "gross_profit": grouped["gross_profit"].sum(min_count=1),
            "first_order": grouped["order_date"].min(),
            "last_order": grouped["order_date"].max(),
            "channel": first_channel.where(grouped["channel"].nunique() == 1, SEVERAL),
        }
    )
    if customers is not None:
        extra = customers.drop_duplicates("customer_id").set_index("customer_id")
        table = table.join(extra.drop(columns=[c for c in extra.columns if c in table.columns]))
    return table


def frequency_segment(orders, edges=(2, 4)) -> pd.Series:
    """Label each customer by how many orders they placed: one-off, occasional or regular.

    Formula: one-off below ``edges[0]`` orders (one order), occasional from ``edges[0]`` to below
    ``edges[1]``, regular from ``edges[1]`` up.

    Parameters
    ----------
    orders : Series
        Orders per customer (`buyers`' ``orders`` column).
    edges : pair of int
        Where occasional and regular start.

    Returns
    -------
    Series of ordered categories, same index

    Examples
    --------
    >>> frequency_segment(pd.Series([1, 3, 12])).tolist()
    ['one-off (1 order)', 'occasional (2–3 orders)', 'regular (4+ orders)']
    >>> frequency_segment(pd.Series([2, 5]), edges=(3, 6)).tolist()
    ['one-off (1–2 orders)', 'occasional (3–5 orders)']
    """
    low, high = edges

    def span(first, last):
        return (
            f"{first} order" if first == last == 1 else f"{first} orders" if first == last else f"{first}–{last} orders"
        )

    labels = [f"one-off ({span(1, low - 1)})", f"occasional ({span(low, high - 1)})", f"regular ({high}+ orders)"]
    cut = pd.cut(orders, [0, low - 1, high - 1, float("inf")], labels=labels)
    return cut.rename("segment")


def segment_table(buyers: pd.DataFrame, by) -> pd.DataFrame:
    """Each segment's customers, orders and revenue, its orders per customer, order value and share of revenue.

    Formula: per segment, customers = number of customers; orders, revenue and gross_profit = their sums;
    orders_per_customer = orders / customers; average_order_value = revenue / orders; revenue_per_customer =
    revenue / customers; gross_profit_per_customer = gross_profit / customers; gross_margin = gross_profit /
    revenue; customer_share and revenue_share = the segment's customers or revenue / all of them (each adds
    up to 1). Every ratio is a ratio of sums.

    Parameters
    ----------
    buyers : DataFrame
        One row per customer, as `buyers` makes it.
    by : str or Series
        A column of ``buyers``, or one label per customer (e.g. `frequency_segment`).

    Returns
    -------
    DataFrame indexed by segment, largest revenue first (ordered categories keep their order).

    Examples
    --------
    >>> table = pd.DataFrame({"orders": [1, 5, 1], "revenue": [20.0, 200.0, 30.0],
    ...                       "gross_profit": [9.0, 90.0, 6.0], "found": ["search", "a friend", "search"]})
    >>> segment_table(table, "found")[["customers", "orders_per_customer", "average_order_value", "revenue_share"]]
              customers  orders_per_customer  average_order_value  revenue_share
    found
    a friend          1                  5.0                 40.0            0.8
    search            2                  1.0                 25.0            0.2
    """
    labels = buyers[by] if isinstance(by, str) else by
    grouped = buyers.groupby(labels, observed=True, sort=True)
    table = pd.DataFrame(
        {
            "customers": grouped.size(),
            "orders": grouped["orders"].sum(),
            "revenue": grouped["revenue"].sum(),
            "gross_profit": grouped["gross_profit"].sum(min_count=1),
        }
    )
    table = table.assign(
        orders_per_customer=safe_divide(table["orders"], table["customers"]),
        average_order_value=average_order_value(table["revenue"], table["orders"]),
        revenue_per_customer=safe_divide(table["revenue"], table["customers"]),
        gross_profit_per_customer=safe_divide(table["gross_profit"], table["customers"]),
        gross_margin=gross_margin_rate(table["gross_profit"], table["revenue"]),
        customer_share=safe_divide(table["customers"], table["customers"].sum()),
        revenue_share=safe_divide(table["revenue"], table["revenue"].sum()),
    )
    if not isinstance(labels.dtype, pd.CategoricalDtype):
        table = table.sort_values("revenue", ascending=False, kind="stable")
    table.index.name = labels.name
    return table


# The columns of `segment_table`, with the heading and format `readable` shows them in.
COLUMNS = {
    "customers": ("Customers", "number"),
    "customer_share": ("Share of customers", "pct"),
    "revenue": ("Revenue", "money0"),
    "revenue_share": ("Share of revenue", "pct"),
    "orders_per_customer": ("Orders per customer", "number1"),
    "average_order_value": ("Average order", "money"),
    "revenue_per_customer": ("Revenue per customer", "money"),
    "gross_profit": ("Gross profit", "money0"),
    "gross_margin": ("Gross margin", "pct"),
    "gross_profit_per_customer": ("Gross profit per customer", "money"),
}
# The columns `readable` shows unless told otherwise: a segment's size, its weight and how its customers buy.
SHOWN = (
    "customers",
    "customer_share",
    "revenue",
    "revenue_share",
    "orders_per_customer",
    "average_order_value",
    "gross_margin",
)


def readable(table: pd.DataFrame, columns=None) -> pd.DataFrame:
    """A `segment_table` as text for reading: the chosen columns of `COLUMNS` (by default `SHOWN`), named and formatted.

    Examples
    --------
    >>> table = segment_table(pd.DataFrame({"orders": [1, 3], "revenue": [20.0, 90.0], "gross_profit": [9.0, 40.0],
    ...                                     "kind": ["one-off", "regular"]}), "kind")
    >>> readable(table, ["customers", "revenue_share", "average_order_value"])
            Customers Share of revenue Average order
    kind
    regular         1            81.8%        $30.00
    one-off         1            18.2%        $20.00
    """
    chosen = {column: COLUMNS[column] for column in (SHOWN if columns is None else columns)}
    return _readable(table, chosen)
