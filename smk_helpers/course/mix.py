"""The marketing mix (the 4 Ps) of a shop, measured on its orders: lesson 03.

Product, price, place and promotion are four decisions marketing makes (McCarthy 1960). Each one
leaves a trace in the data, and this module reads it:

* **Product**: `category_mix` (what sells, and what it earns) and `bestsellers`;
* **Price**: `price_bands` (where the list prices sit) and `discount_effect` (what money off did);
* **Place**: `channel_economics` (revenue, margin after fees and customers per sales channel) and
  `fee_terms` (a channel's fee, read from its orders);
* **Promotion**: `campaigns_by_channel` (spend, reach and results of the campaigns per channel).

Product and price need the order lines and the catalogue, two files The Book Hub has beyond the
data contract: `order_lines` and `load_catalogue` read them, and `sales_lines` joins them.
Every ratio comes from `smk_helpers.core.kpis` (a ratio of sums; NaN, shown as "n/a", for a zero
denominator); this module only selects and groups rows. `readable` turns any of its tables into text for a
lesson, with plain headings; `keep_change_or_cut` reads a channel's ROAS against two break-evens.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..core import kpis
from ..core.contract import UNKNOWN_CHANNEL
from ..core.data import read_extra_table
from ..core.formatting import fmt_pct, fmt_ratio, is_missing
from ..core.formatting import readable as _readable

FULL_PRICE, LOYALTY_REWARD, PROMOTION = "full price", "loyalty reward", "in-store promotion"
QUOTED = "agreed in a quote"  # money off a deal's order, agreed in the quote (a school's class set, say)
PRICE_EDGES = (0.0, 15.0, 20.0, 25.0, 30.0, math.inf)  # list-price bands, in dollars
# The four Ps (McCarthy 1960), each with the question it answers.
FOUR_PS = {
    "product": "What do we sell?",
    "price": "What do customers pay?",
    "place": "Where and how can customers buy?",
    "promotion": "How do people hear about it?",
}
KEEP, CHANGE, CUT = "keep", "change", "cut"

# How `readable` shows the columns of this module's tables: (heading, format of core.formatting.readable).
COLUMNS = {
    "title": ("Title", "text"),
    "category": ("Category", "text"),
    "campaigns": ("Campaigns", "number"),
    "orders": ("Orders", "number"),
    "copies": ("Copies", "number"),
    "copies_share": ("Share of copies", "pct"),
    "spend": ("Spend", "money0"),
    "impressions": ("Impressions", "number"),
    "clicks": ("Clicks", "number"),
    "ctr": ("Click-through", "pct"),
    "cpc": ("Cost per click", "money"),
    "cpm": ("Cost per 1,000 impressions", "money"),
    "leads": ("Leads", "number"),
    "cost_per_lead": ("Cost per lead", "money"),
    "revenue": ("Revenue", "money0"),
    "revenue_share": ("Share of revenue", "pct"),
    "discount": ("Money off", "money0"),
    "list_value": ("At full price", "money0"),
    "discount_rate": ("Discount rate", "pct"),
    "average_price": ("Average price", "money"),
    "average_order_value": ("Average order", "money"),
    "fees": ("Fees", "money0"),
    "gross_profit": ("Gross profit", "money0"),
    "gross_margin": ("Gross margin", "pct"),
    "margin_before_fees": ("Margin before fees", "pct"),
    "profit_per_copy": ("Gross profit per copy", "money"),
    "customers": ("Customers", "number"),
    "identified_share": ("Orders with a known customer", "pct"),
    "attributed_revenue": ("Revenue credited", "money0"),
    "attributed_gross_profit": ("Gross profit credited", "money0"),
    "cost_per_order": ("Cost per order", "money"),
    "roas": ("ROAS", "ratio2"),
    "roi": ("ROI", "pct"),
}
# Shown only when asked for by name: the parts of other columns, and the ratios the exercises ask for.
DETAILS = frozenset(
    {"gross_profit", "profit_per_copy", "list_value", "margin_before_fees", "clicks", "cpc", "cpm", "cost_per_lead"}
    | {"attributed_gross_profit", "cost_per_order", "roas", "roi"}
)


# ---------------------------------------------------------------------------------------------
# Reading the results
# ---------------------------------------------------------------------------------------------


def readable(table: pd.DataFrame, columns=None) -> pd.DataFrame:
    """A table of this module as text for reading: plain headings, dollars, percentages, "n/a" when unknown.

    Parameters
    ----------
    table : DataFrame
        From `category_mix`, `bestsellers`, `price_bands`, `discount_effect`, `channel_economics` or
        `campaigns_by_channel`.
    columns : list of str or dict, optional
        The columns to show, in this order. By default, every column of ``table`` that `COLUMNS`
        knows, except the `DETAILS`. A dict ``{column: (heading, format)}`` chooses the headings and
        formats too (see `smk_helpers.core.formatting.readable`).

    Returns
    -------
    DataFrame of str, same index

    Examples
    --------
    >>> table = pd.DataFrame({"orders": [120.0, 30.0], "revenue": [5400.0, 810.0],
    ...                       "gross_margin": [0.456, float("nan")], "roas": [2.0, 0.5]},
    ...                      index=pd.Index(["in-store", "website"], name="channel"))
    >>> readable(table)
             Orders Revenue Gross margin
    channel
    in-store    120  $5,400        45.6%
    website      30    $810          n/a
    >>> readable(table, ["revenue", "roas"])
             Revenue   ROAS
    channel
    in-store  $5,400  2.00x
    website     $810  0.50x
    """
    if isinstance(columns, dict):
        return _readable(table, columns)
    names = [c for c in table.columns if c in COLUMNS and c not in DETAILS] if columns is None else list(columns)
    unknown = [name for name in names if name not in COLUMNS]
    if unknown:
        raise ValueError(f"no heading for the column {unknown[0]!r}; give a dict {{column: (heading, format)}}.")
    shown = {name: COLUMNS[name] for name in names}
    if "orders" in shown and "attributed_revenue" in table:  # a campaign's orders are the ones credited to it
        shown["orders"] = ("Orders credited", "number")
    return _readable(table, shown)


# ---------------------------------------------------------------------------------------------
# Reading the Book Hub's extra files
# ---------------------------------------------------------------------------------------------


def load_catalogue(folder=None) -> pd.DataFrame:
    """The product catalogue (``products.csv``): one row per title or gift.

    Parameters
    ----------
    folder : path, optional
        A folder holding ``products.csv``; The Book Hub's by default.

    Returns
    -------
    DataFrame with product_id, title, author, category, list_price, unit_cost

    Examples
    --------
    >>> catalogue = load_catalogue()
    >>> catalogue.columns.tolist()
    ['product_id', 'title', 'author', 'category', 'list_price', 'unit_cost']
    >>> catalogue["product_id"].is_unique
    True
    """
    return read_extra_table("products.csv", folder, text_columns=["product_id"])


def order_lines(folder=None) -> pd.DataFrame:
    """The order lines (``order_lines.csv``): one row per product in an order.

    Parameters
    ----------
    folder : path, optional
        A folder holding ``order_lines.csv``; The Book Hub's by default.

    Returns
    -------
    DataFrame with order_id, product_id, quantity, unit_price, discount, line_revenue

    Examples
    --------
    >>> lines = order_lines()
    >>> lines.columns.tolist()
    ['order_id', 'product_id', 'quantity', 'unit_price', 'discount', 'line_revenue']
    """
    return read_extra_table("order_lines.csv", folder, text_columns=["order_id", "product_id"])


def sales_lines(lines: pd.DataFrame, catalogue: pd.DataFrame, orders: pd.DataFrame | None = None) -> pd.DataFrame:
    """Order lines with what the catalogue knows about each product, and what each line earned.

    Adds title, author, category, unit_cost (from the catalogue), then ``cost`` = quantity ×
    unit cost and ``gross_profit`` = line revenue − cost. Marketplace fees are charged per order,
    not per line, so this gross profit is *before* fees (`channel_economics` takes them off).
    With ``orders``, each line also gets its order's channel and date.

    Parameters
    ----------
    lines : DataFrame (see `order_lines`)
    catalogue : DataFrame (see `load_catalogue`)
    orders : DataFrame, optional
        The orders table, for ``channel`` and ``order_date``.

    Returns
    -------
    DataFrame, one row per line (lines of unknown products keep NaN for their cost)

    Examples
    --------
    >>> lines = pd.DataFrame({"order_id": ["1", "1"], "product_id": ["B1", "G1"], "quantity": [1, 2],
    ...                       "unit_price": [20.0, 5.0], "discount": [0.0, 0.0], "line_revenue": [20.0, 10.0]})
    >>> catalogue = pd.DataFrame({"product_id": ["B1", "G1"], "title": ["A novel", "A mug"],
    ...                           "author": ["Ann Lee", None], "category": ["fiction", "gifts"],
    ...                           "list_price": [20.0, 5.0], "unit_cost": [11.0, 2.5]})
    >>> sales_lines(lines, catalogue)[["category", "cost", "gross_profit"]].to_dict("records")
    [{'category': 'fiction', 'cost': 11.0, 'gross_profit': 9.0},
     {'category': 'gifts', 'cost': 5.0, 'gross_profit': 5.0}]
    """
    products = catalogue[["product_id", "title", "author", "category", "unit_cost"]]
    table = lines.merge(products, on="product_id", how="left", validate="many_to_one")
    table["cost"] = table["quantity"] * table["unit_cost"]
    table["gross_profit"] = table["line_revenue"] - table["cost"]
    if orders is not None:
        table = table.merge(
            orders[["order_id", "order_date", "channel"]], on="order_id", how="left", validate="many_to_one"
        )
    return table


# ---------------------------------------------------------------------------------------------
# Product
# ---------------------------------------------------------------------------------------------


def _line_totals(lines: pd.DataFrame, by: pd.Series) -> pd.DataFrame:
    """Copies, revenue, gross profit and their ratios per group of ``by`` (ratios of sums)."""
    revenue = lines["line_revenue"].groupby(by).sum(min_count=1)
    table = pd.DataFrame(
        {
            "copies": lines["quantity"].groupby(by).sum(min_count=1).astype("float64"),
            "revenue": revenue,
            "revenue_share": kpis.safe_divide(revenue, kpis.known_sum(lines["line_revenue"])),
            "gross_profit": lines["gross_profit"].groupby(by).sum(min_count=1),
            "gross_margin": kpis.ratio_of_sums(lines["gross_profit"], lines["line_revenue"], by=by),
            "average_price": kpis.ratio_of_sums(lines["line_revenue"], lines["quantity"], by=by),
            "profit_per_copy": kpis.ratio_of_sums(lines["gross_profit"], lines["quantity"], by=by),
        }
    )
    return table


def category_mix(lines: pd.DataFrame) -> pd.DataFrame:
    """What each category sells and earns, largest revenue first.

    Formulas, per category: copies = Σ quantity; revenue = Σ line revenue; revenue_share =
    revenue / all revenue; gross_profit = Σ (line revenue − cost); gross_margin = Σ gross profit /
    Σ revenue; average_price = Σ revenue / Σ copies; profit_per_copy = Σ gross profit / Σ copies.
    Margins are before marketplace fees (see `sales_lines`).

    Parameters
    ----------
    lines : DataFrame from `sales_lines`

    Returns
    -------
    DataFrame indexed by category

    Examples
    --------
    >>> lines = pd.DataFrame({"category": ["fiction", "fiction", "gifts"], "quantity": [1, 1, 4],
    ...                       "line_revenue": [20.0, 30.0, 20.0], "gross_profit": [9.0, 13.0, 11.0]})
    >>> category_mix(lines)[["revenue", "gross_margin", "profit_per_copy"]].round(2)
              revenue  gross_margin  profit_per_copy
    category
    fiction      50.0          0.44            11.00
    gifts        20.0          0.55             2.75
    """
    table = _line_totals(lines, lines["category"].fillna("(unknown)"))
    table.index.name = "category"
    return table.sort_values("revenue", ascending=False, kind="stable")


def bestsellers(lines: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The ``n`` products that sold the most copies (ties: more revenue first, then product id).

    Parameters
    ----------
    lines : DataFrame from `sales_lines`
    n : int, default 10

    Returns
    -------
    DataFrame indexed by rank (1 = best), columns product_id, title, category, copies, revenue

    Examples
    --------
    >>> lines = pd.DataFrame({"product_id": ["B1", "B2", "B1"], "title": ["Dawn", "Dusk", "Dawn"],
    ...                       "category": ["fiction"] * 3, "quantity": [1, 1, 2],
    ...                       "line_revenue": [18.0, 25.0, 36.0]})
    >>> bestsellers(lines, n=2)[["title", "copies", "revenue"]]
         title  copies  revenue
    rank
    1     Dawn       3     54.0
    2     Dusk       1     25.0
    """
    table = lines.groupby(["product_id", "title", "category"], as_index=False, dropna=False).agg(
        copies=("quantity", "sum"), revenue=("line_revenue", "sum")
    )
    table = table.sort_values(["copies", "revenue", "product_id"], ascending=[False, False, True], kind="stable")
    table = table.head(n).reset_index(drop=True)
    table.index = pd.RangeIndex(1, len(table) + 1, name="rank")
    return table


# ---------------------------------------------------------------------------------------------
# Price
# ---------------------------------------------------------------------------------------------


def band_labels(edges=PRICE_EDGES) -> list[str]:
    """Readable names of list-price bands: "under $15", "$15–19.99", ..., "$30 and over".

    Examples
    --------
    >>> band_labels((0, 15, 20, float("inf")))
    ['under $15', '$15–19.99', '$20 and over']
    """
    labels = []
    for low, high in zip(edges[:-1], edges[1:], strict=True):
        if low == 0:
            labels.append(f"under ${high:g}")
        elif math.isinf(high):
            labels.append(f"${low:g} and over")
        else:
            labels.append(f"${low:g}–{high - 0.01:.2f}")
    return labels


def price_bands(lines: pd.DataFrame, edges=PRICE_EDGES) -> pd.DataFrame:
    """Copies, revenue and margin per band of list price (``unit_price``), cheapest band first.

    A band includes its lower edge and stops short of its upper one: $15.00 is in "$15–19.99".
    Formulas as in `category_mix`, plus copies_share = copies / all copies.

    Parameters
    ----------
    lines : DataFrame from `sales_lines`
    edges : sequence of float
        Band edges in dollars, from 0 up (the last may be ``math.inf``).

    Returns
    -------
    DataFrame indexed by band (every band, also the empty ones)

    Examples
    --------
    >>> lines = pd.DataFrame({"unit_price": [12.99, 17.99, 17.99], "quantity": [2, 1, 1],
    ...                       "line_revenue": [25.98, 17.99, 17.99], "gross_profit": [11.0, 8.0, 8.0]})
    >>> price_bands(lines, edges=(0, 15, 20, float("inf")))[["copies", "copies_share", "revenue"]]
                  copies  copies_share  revenue
    band
    under $15        2.0           0.5    25.98
    $15–19.99        2.0           0.5    35.98
    $20 and over     0.0           0.0     0.00
    """
    labels = band_labels(edges)
    band = pd.cut(lines["unit_price"], bins=list(edges), right=False, labels=labels)
    band = band.astype("str").where(band.notna())
    table = _line_totals(lines, band).reindex(labels)
    for column in ("copies", "revenue", "revenue_share", "gross_profit"):
        table[column] = table[column].fillna(0.0)
    table.insert(1, "copies_share", kpis.safe_divide(table["copies"], kpis.known_sum(lines["quantity"])))
    table.index.name = "band"
    return table


def _money_column(orders: pd.DataFrame, column: str) -> pd.Series:
    """An optional money column as float (The Book Hub's extra columns load as text); NaN if absent."""
    if column not in orders:
        return pd.Series(math.nan, index=orders.index, dtype="float64")
    return pd.to_numeric(orders[column], errors="coerce").astype("float64")


def discount_kind(
    orders: pd.DataFrame, campaigns: pd.DataFrame, promotion_channel: str = "in-store", interactions=None
) -> pd.Series:
    """Why each order was discounted: "in-store promotion", "agreed in a quote", "loyalty reward" or "full price".

    An order credited to a campaign of ``promotion_channel`` is a promotion order. With ``interactions``,
    an order that a deal of the sales pipeline led to (a row with a ``deal_value`` naming the order) had
    its money off agreed in the quote. Any other order with money off (``discount`` > 0) redeemed a
    loyalty reward; the rest paid full price.

    Parameters
    ----------
    orders : DataFrame with order_id, campaign_id and a ``discount`` column (dollars off)
    campaigns : DataFrame with campaign_id and channel
    promotion_channel : str, default "in-store"
    interactions : DataFrame, optional
        With order_id and deal_value: the deals, whose orders' discounts were quoted.

    Returns
    -------
    Series of str, aligned with ``orders``

    Examples
    --------
    >>> orders = pd.DataFrame({"order_id": ["1", "2", "3", "4"], "campaign_id": ["P1", None, None, None],
    ...                        "discount": ["3.00", "2.00", "0.00", "40.00"]})
    >>> campaigns = pd.DataFrame({"campaign_id": ["P1"], "channel": ["in-store"]})
    >>> deals = pd.DataFrame({"order_id": ["4"], "deal_value": [160.0]})
    >>> discount_kind(orders, campaigns, interactions=deals).tolist()
    ['in-store promotion', 'loyalty reward', 'full price', 'agreed in a quote']
    """
    promotions = campaigns.loc[campaigns["channel"].eq(promotion_channel), "campaign_id"]
    promoted = orders["campaign_id"].isin(promotions)
    off = _money_column(orders, "discount").gt(0) & ~promoted
    quoted = pd.Series(False, index=orders.index)
    if interactions is not None and "deal_value" in interactions:
        deal_orders = interactions.loc[interactions["deal_value"].notna(), "order_id"].dropna()
        quoted = off & orders["order_id"].isin(deal_orders)
    kind = np.where(promoted, PROMOTION, np.where(quoted, QUOTED, np.where(off, LOYALTY_REWARD, FULL_PRICE)))
    return pd.Series(kind, index=orders.index, dtype="str", name="kind")


def discount_effect(
    orders: pd.DataFrame, campaigns: pd.DataFrame, promotion_channel: str = "in-store", interactions=None
) -> pd.DataFrame:
    """What money off did: orders at full price against discounted ones (see `discount_kind`).

    Formulas, per kind: orders; revenue (what customers paid); discount = Σ dollars off;
    list_value = revenue + discount (what the same baskets cost at full price); discount_rate =
    discount / list_value; gross_margin = Σ gross profit / Σ revenue; average_order_value.

    Parameters
    ----------
    orders : DataFrame with revenue, gross_profit, campaign_id and ``discount``
    campaigns : DataFrame with campaign_id and channel
    promotion_channel : str, default "in-store"
    interactions : DataFrame, optional
        The deals: their orders' money off was agreed in a quote, and gets a row of its own.

    Returns
    -------
    DataFrame indexed by kind: full price, loyalty reward, in-store promotion (and agreed in a quote, with
    ``interactions``)

    Examples
    --------
    >>> orders = pd.DataFrame({"campaign_id": ["P1", None, None], "discount": ["15.00", "0.00", "0.00"],
    ...                        "revenue": [85.0, 100.0, 50.0], "gross_profit": [31.0, 46.0, 23.0]})
    >>> campaigns = pd.DataFrame({"campaign_id": ["P1"], "channel": ["in-store"]})
    >>> discount_effect(orders, campaigns)[["orders", "discount_rate", "gross_margin"]].round(3)
                        orders  discount_rate  gross_margin
    kind
    full price             2.0           0.00         0.460
    loyalty reward         0.0            NaN           NaN
    in-store promotion     1.0           0.15         0.365
    """
    kind = discount_kind(orders, campaigns, promotion_channel, interactions)
    discount = _money_column(orders, "discount")
    revenue = orders["revenue"].groupby(kind).sum(min_count=1)
    off = discount.groupby(kind).sum(min_count=1)
    count = kind.value_counts().astype("float64")
    table = pd.DataFrame(
        {
            "orders": count,
            "revenue": revenue,
            "discount": off,
            "list_value": revenue + off,
            "discount_rate": kpis.safe_divide(off, revenue + off),
            "gross_margin": kpis.ratio_of_sums(orders["gross_profit"], orders["revenue"], by=kind),
            "average_order_value": kpis.average_order_value(revenue, count),
        }
    ).reindex([FULL_PRICE, LOYALTY_REWARD, PROMOTION] + ([QUOTED] if interactions is not None else []))
    table["orders"] = table["orders"].fillna(0.0)
    table.index.name = "kind"
    return table


# ---------------------------------------------------------------------------------------------
# Place
# ---------------------------------------------------------------------------------------------


def channel_economics(orders: pd.DataFrame) -> pd.DataFrame:
    """Revenue, margin after fees and customers of each sales channel, largest revenue first.

    Formulas, per channel: orders; revenue (`kpis.revenue_by_channel`); revenue_share = revenue /
    all revenue; average_order_value; fees = Σ marketplace fees (NaN without a ``fees`` column);
    gross_profit = Σ gross profit (after fees); gross_margin = Σ gross profit / Σ revenue;
    margin_before_fees = Σ (gross profit + fees) / Σ revenue; customers = identified customers
    (`kpis.customer_count`); identified_share = orders with a customer id / orders.

    Parameters
    ----------
    orders : DataFrame with channel, revenue, gross_profit, customer_id (and ``fees`` if known)

    Returns
    -------
    DataFrame indexed by channel

    Examples
    --------
    >>> orders = pd.DataFrame({"channel": ["in-store", "in-store", "marketplace"],
    ...                        "customer_id": [None, "C1", "C2"], "revenue": [40.0, 60.0, 50.0],
    ...                        "gross_profit": [18.0, 28.0, 10.0], "fees": ["0.00", "0.00", "9.30"]})
    >>> channel_economics(orders)[["revenue", "gross_margin", "margin_before_fees", "customers"]].round(3)
                 revenue  gross_margin  margin_before_fees  customers
    channel
    in-store       100.0          0.46               0.460        1.0
    marketplace     50.0          0.20               0.386        1.0
    """
    channel = orders["channel"].fillna(UNKNOWN_CHANNEL)
    revenue = kpis.revenue_by_channel(orders)
    count = channel.value_counts().astype("float64")
    fees = _money_column(orders, "fees")
    identified = orders["customer_id"].notna() & orders["customer_id"].astype("str").str.strip().ne("")
    customers = pd.Series(
        {name: float(kpis.customer_count(group)) for name, group in orders.groupby(channel)}, dtype="float64"
    )
    table = pd.DataFrame(
        {
            "orders": count,
            "revenue": revenue,
            "revenue_share": kpis.safe_divide(revenue, kpis.total_revenue(orders)),
            "average_order_value": kpis.average_order_value(revenue, count),
            "fees": fees.groupby(channel).sum(min_count=1),
            "gross_profit": orders["gross_profit"].groupby(channel).sum(min_count=1),
            "gross_margin": kpis.ratio_of_sums(orders["gross_profit"], orders["revenue"], by=channel),
            "margin_before_fees": kpis.ratio_of_sums(orders["gross_profit"] + fees, orders["revenue"], by=channel),
            "customers": customers,
            "identified_share": kpis.safe_divide(identified.groupby(channel).sum().astype("float64"), count),
        }
    ).reindex(revenue.index)
    table.index.name = "channel"
    return table


def fee_terms(orders: pd.DataFrame, channel: str = "marketplace") -> pd.Series:
    """A sales channel's fee, read from its orders: a share of each sale plus a fixed amount per item.

    Formula: fees = commission × revenue + per_item × items, solved for commission and per_item by least
    squares over the channel's orders (exact when the fee follows that rule). NaN for both when the orders
    have no ``fees`` or ``items`` column, or too few orders to tell the two terms apart.

    Parameters
    ----------
    orders : DataFrame with channel, revenue, items and fees
    channel : str, default "marketplace"

    Returns
    -------
    Series with commission (a fraction of revenue) and per_item (dollars an item)

    Examples
    --------
    >>> orders = pd.DataFrame({"channel": ["marketplace", "marketplace", "in-store"],
    ...                        "revenue": [20.0, 50.0, 30.0], "items": [1.0, 2.0, 1.0],
    ...                        "fees": ["5.00", "11.50", "0.00"]})
    >>> fee_terms(orders).round(2).tolist()
    [0.15, 2.0]
    """
    rows = orders[orders["channel"].eq(channel)]
    fees, items = _money_column(rows, "fees"), _money_column(rows, "items")
    known = fees.notna() & items.notna() & rows["revenue"].notna()
    terms = pd.Series(math.nan, index=["commission", "per_item"], dtype="float64")
    inputs = np.column_stack([rows.loc[known, "revenue"], items[known]])
    if len(inputs) >= 2 and np.linalg.matrix_rank(inputs) == 2:
        terms[:] = np.linalg.lstsq(inputs, fees[known].to_numpy(), rcond=None)[0]
    return terms


# ---------------------------------------------------------------------------------------------
# Promotion
# ---------------------------------------------------------------------------------------------


def campaigns_by_channel(campaigns: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    """Spend, reach and results of the campaigns, per marketing channel, most spend first.

    Spend, impressions, clicks, leads, ctr, cpc, cpm and cost_per_lead come from
    `kpis.campaign_totals` (by channel). Results use the orders that name a campaign of the
    channel: orders, attributed_revenue, attributed_gross_profit, cost_per_order = spend /
    orders, roas = attributed revenue / spend (`kpis.roas`) and roi = (attributed gross profit −
    spend) / spend (`kpis.marketing_roi`). When no order names any campaign, attribution is
    unknown and those columns are NaN.

    Parameters
    ----------
    campaigns : DataFrame (the campaigns table; filter or pro-rate it to a period first)
    orders : DataFrame with campaign_id, revenue and gross_profit (the same period)

    Returns
    -------
    DataFrame indexed by channel

    Examples
    --------
    >>> campaigns = pd.DataFrame({"campaign_id": ["E1", "S1"], "channel": ["email", "social"],
    ...                           "spend": [100.0, 300.0], "impressions": [5000.0, 40000.0],
    ...                           "clicks": [300.0, 400.0], "leads": [40.0, 10.0]})
    >>> orders = pd.DataFrame({"campaign_id": ["E1", "E1", "S1", None], "revenue": [100.0, 150.0, 60.0, 80.0],
    ...                        "gross_profit": [45.0, 70.0, 27.0, 36.0]})
    >>> campaigns_by_channel(campaigns, orders)[["spend", "orders", "roas", "roi"]].round(2)
             spend  orders  roas   roi
    channel
    social   300.0     1.0   0.2 -0.91
    email    100.0     2.0   2.5  0.15
    """
    channel_of = campaigns.set_index("campaign_id")["channel"].fillna(UNKNOWN_CHANNEL)
    table = kpis.campaign_totals(campaigns, by="channel")
    table.insert(0, "campaigns", campaigns["channel"].fillna(UNKNOWN_CHANNEL).value_counts().astype("float64"))
    if orders["campaign_id"].notna().any():
        credited = orders[orders["campaign_id"].isin(channel_of.index)]
        by = credited["campaign_id"].map(channel_of)
        count = by.value_counts().reindex(table.index, fill_value=0).astype("float64")
        revenue = credited["revenue"].groupby(by).sum(min_count=1).reindex(table.index, fill_value=0.0)
        profit = credited["gross_profit"].groupby(by).sum(min_count=1).reindex(table.index, fill_value=0.0)
    else:
        count = revenue = profit = pd.Series(math.nan, index=table.index)
    table["orders"] = count
    table["attributed_revenue"] = revenue
    table["attributed_gross_profit"] = profit
    table["cost_per_order"] = kpis.safe_divide(table["spend"], count)
    table["roas"] = kpis.roas(revenue, table["spend"])
    table["roi"] = kpis.marketing_roi(profit, table["spend"])
    table.index.name = "channel"
    return table.sort_values("spend", ascending=False, kind="stable")


def roas_blind_spots(
    discounts: pd.DataFrame, channels: pd.DataFrame, promotion: pd.DataFrame, orders: pd.DataFrame
) -> str:
    """Three numbers a ROAS does not show, one sentence each: two orders' own margins and how few orders it sees.

    Formulas: break-even ROAS = 1 / the orders' gross margin; the share of orders that name a campaign;
    the share of in-store orders with no customer id.

    Parameters
    ----------
    discounts : DataFrame
        `discount_effect` (its "in-store promotion" row).
    channels : DataFrame
        `channel_economics` (its "marketplace" row).
    promotion : DataFrame
        `campaigns_by_channel` (the marketplace listings' ROAS).
    orders : DataFrame
        All orders, with campaign_id, channel and customer_id.

    Examples
    --------
    >>> orders = pd.DataFrame({"campaign_id": ["P1", None, None, None], "customer_id": ["C1", None, "C2", None],
    ...                        "channel": ["in-store", "in-store", "in-store", "marketplace"]})
    >>> print(roas_blind_spots(pd.DataFrame({"gross_margin": [0.4]}, index=["in-store promotion"]),
    ...                        pd.DataFrame({"gross_margin": [0.2]}, index=["marketplace"]),
    ...                        pd.DataFrame({"roas": [3.0]}, index=["marketplace"]), orders))
    The promotion orders keep 40.0%: their own break-even ROAS is 2.50x.
    Marketplace orders keep 20.0% after fees: their break-even ROAS is 5.00x, against sponsored listings' ROAS of 3.00x.
    25.0% of all orders name a campaign; 33.3% of the till's orders are anonymous.
    """
    promo_margin = discounts.loc["in-store promotion", "gross_margin"]
    market_margin = channels.loc["marketplace", "gross_margin"]
    in_store = orders[orders["channel"] == "in-store"]
    return "\n".join(
        [
            f"The promotion orders keep {fmt_pct(promo_margin)}: their own break-even ROAS is "
            f"{fmt_ratio(kpis.break_even_roas(promo_margin), 2)}.",
            f"Marketplace orders keep {fmt_pct(market_margin)} after fees: their break-even ROAS is "
            f"{fmt_ratio(kpis.break_even_roas(market_margin), 2)}, against sponsored listings' ROAS of "
            f"{fmt_ratio(promotion.loc['marketplace', 'roas'], 2)}.",
            f"{fmt_pct(orders['campaign_id'].notna().mean())} of all orders name a campaign; "
            f"{fmt_pct(in_store['customer_id'].isna().mean())} of the till's orders are anonymous.",
        ]
    )


def keep_change_or_cut(roas: float, orders_break_even: float, changed_break_even: float) -> str | float:
    """What to do with a promotion channel, from its ROAS against two break-evens: "keep", "change" or "cut".

    Rule: "keep" when ROAS ≥ the break-even ROAS of the orders it brings (1 / their own gross margin):
    it pays for itself. "change" when it clears only ``changed_break_even``, the break-even its orders
    would have after a change that can be made (say, orders at the shop's usual margin, or without a fee
    that can be avoided): a change could make it pay. "cut" when it clears neither: no change of what its
    orders keep would make it pay. NaN gives NaN.

    Parameters
    ----------
    roas : float
        The channel's ROAS (`kpis.roas`).
    orders_break_even : float
        `kpis.break_even_roas` of the margin of the orders the channel brings.
    changed_break_even : float
        `kpis.break_even_roas` of the best margin those orders could keep after a change.

    Examples
    --------
    >>> keep_change_or_cut(3.1, 2.2, 2.2), keep_change_or_cut(3.1, 4.7, 2.2), keep_change_or_cut(3.1, 4.7, 3.4)
    ('keep', 'change', 'cut')
    """
    if any(is_missing(x) for x in (roas, orders_break_even, changed_break_even)):
        return math.nan
    if roas >= orders_break_even:
        return KEEP
    return CHANGE if roas >= changed_break_even else CUT
