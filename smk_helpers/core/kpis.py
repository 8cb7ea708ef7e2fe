"""The KPI library: the one place where smk's formulas live.

Three rules hold for every function here:

* A ratio is a ratio of sums, never a mean of ratios.
* A zero or missing denominator gives NaN (shown as "n/a"), never 0, inf or an error: `safe_divide`.
* Blank means unknown. A sum over a column with no known value is NaN, not 0 (`known_sum`), and a
  ratio uses only the rows where both of its parts are known (`ratio_of_sums`).

Low-level functions (`ctr`, `cac`, `simple_clv`, ...) take plain numbers or pandas Series, so a
lesson can use them on anything. Table-level functions take the tables of the business-data
contract (`smk_helpers.core.contract`). `summary` takes a whole `Business` and returns plain data for
JSON. Funnel KPIs live in `smk_helpers.core.funnel`, the sales pipeline's in `smk_helpers.core.pipeline`,
multi-touch attribution in `smk_helpers.core.attribution` and the survey's NPS in `smk_helpers.core.survey`.
"""

from __future__ import annotations

import datetime as dt
import json
import math

import numpy as np
import pandas as pd

from . import catalog
from .attribution import NO_CAMPAIGN, attribution_table  # NO_CAMPAIGN re-exported
from .contract import OUTCOMES, UNKNOWN_CHANNEL
from .formatting import readable as _readable
from .funnel import funnel_table
from .params import STAFF_HOURLY_COST  # re-exported: lessons use kpis.STAFF_HOURLY_COST
from .pipeline import days_to_close, deals, open_pipeline_value, stage_table, weighted_forecast  # re-exported
from .rules import (  # the rules every formula here follows; re-exported for the lessons
    group_sum,
    in_period,
    known_sum,
    months_in_period,
    paired_sums,
    ratio_of_sums,  # noqa: F401 - re-exported: the lessons call kpis.ratio_of_sums
    safe_divide,
    to_day,
    to_number,
)
from .survey import heard_from_shares, nps  # re-exported

TEAM = "(team)"  # the `staff` label of a whole-team target
CAMPAIGN_NUMBERS = ("spend", "impressions", "clicks", "leads")
ONE_TO_MANY = "one-to-many (campaigns)"
ONE_TO_ONE = "one-to-one (interactions)"
# The rows of `one_to_many_vs_one_to_one` over only the campaigns / conversations with every part known.
ONE_TO_MANY_KNOWN = "one-to-many: campaigns with known reach"
ONE_TO_ONE_TIMED = "one-to-one: timed conversations"
APPROACH_COLUMNS = ["count", "reach", "cost", "orders", "cost_per_contact", "conversion_per_contact", "cost_per_order"]


# ---------------------------------------------------------------------------------------------
# Low-level formulas: plain numbers or Series in, numbers or Series out
# ---------------------------------------------------------------------------------------------


def _check_margin(gross_margin) -> None:
    if gross_margin is not None and np.any(np.asarray(to_number(gross_margin)) > 1):
        raise ValueError(f"gross_margin is a fraction (0.466 for 46.6%), not {gross_margin!r}.")


def average_order_value(revenue, order_count):
    """Average order value (AOV): what an order brings in on average.

    Formula: revenue / number of orders.

    Parameters
    ----------
    revenue : number or Series
    order_count : number or Series

    Returns
    -------
    float or Series (NaN when there are no orders)

    Examples
    --------
    >>> average_order_value(4800, 100)
    48.0
    >>> average_order_value(0, 0)
    nan
    """
    return safe_divide(revenue, order_count)


def ctr(clicks, impressions):
    """Click-through rate: the share of impressions that got a click.

    Formula: clicks / impressions.

    Parameters
    ----------
    clicks, impressions : number or Series

    Returns
    -------
    float or Series (a fraction: 0.01 is 1%)

    Examples
    --------
    >>> ctr(310, 5200)
    0.0596153...
    >>> ctr(0, 0)
    nan
    """
    return safe_divide(clicks, impressions)


def cpc(spend, clicks):
    """Cost per click.

    Formula: spend / clicks.

    Parameters
    ----------
    spend, clicks : number or Series

    Returns
    -------
    float or Series

    Examples
    --------
    >>> cpc(120, 300)
    0.4
    """
    return safe_divide(spend, clicks)


def cpm(spend, impressions):
    """Cost per mille: what a thousand impressions cost.

    Formula: spend / impressions × 1000.

    Parameters
    ----------
    spend, impressions : number or Series

    Returns
    -------
    float or Series

    Examples
    --------
    >>> cpm(150, 10000)
    15.0
    """
    return safe_divide(spend, impressions) * 1000


def cost_per_lead(spend, leads):
    """Cost per lead (a sign-up or an enquiry).

    Formula: spend / leads.

    Parameters
    ----------
    spend, leads : number or Series

    Returns
    -------
    float or Series

    Examples
    --------
    >>> cost_per_lead(120, 40)
    3.0
    >>> cost_per_lead(120, 0)
    nan
    """
    return safe_divide(spend, leads)


def cost_per_contact(cost, contacts):
    """Cost per contact: what one contact costs, by campaign (one-to-many) or conversation (one-to-one).

    Formula: cost / contacts. For a campaign the contacts are its impressions (times it was shown,
    emails sent: not distinct people) and the cost its spend; for conversations, the conversations
    and the staff time they took (`staff_cost`).

    Parameters
    ----------
    cost, contacts : number or Series

    Returns
    -------
    float or Series

    Examples
    --------
    >>> cost_per_contact(150, 10000)
    0.015
    >>> cost_per_contact(120, 0)
    nan
    """
    return safe_divide(cost, contacts)


def cost_per_order(cost, orders):
    """Cost per order: what one order cost, by campaigns (one-to-many) or conversations (one-to-one).

    Formula: cost / orders. For campaigns, their spend and the orders credited to them; for
    conversations, the staff time they took (`staff_cost`) and the conversations won.

    Parameters
    ----------
    cost, orders : number or Series

    Returns
    -------
    float or Series

    Examples
    --------
    >>> cost_per_order(150, 10)
    15.0
    >>> cost_per_order(150, 0)
    nan
    """
    return safe_divide(cost, orders)


def cac(spend, new_customers):
    """Customer acquisition cost (blended): marketing spend per new customer.

    Formula: marketing spend / new customers. Take both from the same period.

    Parameters
    ----------
    spend, new_customers : number or Series

    Returns
    -------
    float or Series

    Examples
    --------
    >>> cac(900, 60)
    15.0
    >>> cac(900, 0)
    nan
    """
    return safe_divide(spend, new_customers)


def roas(attributed_revenue, spend):
    """Return on ad spend: revenue brought in per dollar of marketing.

    Formula: attributed revenue / spend. It is revenue, not profit: compare it with
    `break_even_roas`.

    Parameters
    ----------
    attributed_revenue, spend : number or Series

    Returns
    -------
    float or Series

    Examples
    --------
    >>> roas(1200, 300)
    4.0
    """
    return safe_divide(attributed_revenue, spend)


def marketing_roi(gross_profit, spend):
    """Marketing return on investment: profit left after paying for the marketing, per dollar.

    Formula: (attributed gross profit − spend) / spend.

    Parameters
    ----------
    gross_profit : number or Series
        Gross profit of the orders the marketing brought (not their revenue).
    spend : number or Series

    Returns
    -------
    float or Series (0.5 means 50 cents of profit per dollar spent; below 0 is a loss)

    Examples
    --------
    >>> marketing_roi(450, 300)
    0.5
    >>> marketing_roi(450, 0)
    nan
    """
    gross_profit, spend = to_number(gross_profit), to_number(spend)
    return safe_divide(gross_profit - spend, spend)


def break_even_roas(gross_margin):
    """The ROAS at which marketing pays for itself and no more.

    Formula: 1 / gross margin.

    Parameters
    ----------
    gross_margin : number or Series
        A fraction: 0.466 for 46.6%.

    Returns
    -------
    float or Series

    Examples
    --------
    >>> break_even_roas(0.5)
    2.0
    >>> break_even_roas(0)
    nan
    """
    _check_margin(gross_margin)
    return safe_divide(1, gross_margin)


def simple_clv(aov, purchases_per_year, years, gross_margin):
    """Simple customer lifetime value, in gross profit (margin, not revenue).

    Formula: AOV × purchases per year × expected years × gross margin.

    Parameters
    ----------
    aov : number or Series
        Average order value.
    purchases_per_year, years : number or Series
    gross_margin : number or Series
        A fraction: 0.466 for 46.6%.

    Returns
    -------
    float or Series

    Examples
    --------
    >>> simple_clv(aov=48, purchases_per_year=5, years=3, gross_margin=0.5)
    360.0
    """
    _check_margin(gross_margin)
    return to_number(aov) * to_number(purchases_per_year) * to_number(years) * to_number(gross_margin)


def ltv_to_cac(ltv, cac):
    """LTV:CAC, what a customer is worth against what it cost to win them.

    Formula: lifetime value / CAC. The rule of thumb "at least 3" is a SaaS heuristic, not a law.

    Parameters
    ----------
    ltv, cac : number or Series

    Returns
    -------
    float or Series

    Examples
    --------
    >>> ltv_to_cac(360, 120)
    3.0
    """
    return safe_divide(ltv, cac)


def win_rate(won, lost):
    """Win rate of sales conversations, leaving open deals out.

    Formula: won / (won + lost).

    Parameters
    ----------
    won, lost : number or Series

    Returns
    -------
    float or Series

    Examples
    --------
    >>> win_rate(won=30, lost=10)
    0.75
    >>> win_rate(0, 0)
    nan
    """
    won, lost = to_number(won), to_number(lost)
    return safe_divide(won, won + lost)


def staff_cost(minutes, staff_hourly_cost=STAFF_HOURLY_COST):
    """What staff time costs.

    Formula: minutes / 60 × hourly cost.

    Parameters
    ----------
    minutes : number or Series
    staff_hourly_cost : number, default 13.56

    Returns
    -------
    float or Series

    Examples
    --------
    >>> staff_cost(10)  # a 10-minute hand-sell
    2.26
    """
    return to_number(minutes) / 60 * staff_hourly_cost


# ---------------------------------------------------------------------------------------------
# Orders
# ---------------------------------------------------------------------------------------------


def total_revenue(orders: pd.DataFrame) -> float:
    """Total revenue of the orders.

    Formula: Σ revenue of the orders.

    NaN if no order has a known revenue; 0 when there are no orders.

    Parameters
    ----------
    orders : DataFrame with a ``revenue`` column

    Returns
    -------
    float

    Examples
    --------
    >>> orders = pd.DataFrame({"revenue": [48.5, 23.99]})
    >>> total_revenue(orders)
    72.49
    """
    return known_sum(orders["revenue"])


def order_count(orders: pd.DataFrame) -> int:
    """Number of orders (rows).

    Formula: number of orders (one row each: a receipt, a web or marketplace order).

    Parameters
    ----------
    orders : DataFrame

    Returns
    -------
    int

    Examples
    --------
    >>> order_count(pd.DataFrame({"order_id": ["1001", "1002"]}))
    2
    """
    return len(orders)


def _customer_ids(orders: pd.DataFrame) -> pd.Series:
    """customer_id with anonymous orders (blank or empty) as NaN."""
    ids = orders["customer_id"]
    if isinstance(ids.dtype, pd.CategoricalDtype):  # made by _known_customers: already clean
        return ids
    codes, uniques = pd.factorize(ids)  # each distinct id once: strip the few, not every row
    blank = np.asarray(pd.Index(uniques).astype("str").str.strip() == "", dtype=bool)
    return ids.where(codes < 0 if not len(uniques) else (codes < 0) | ~blank[codes])


def _known_customers(orders: pd.DataFrame) -> pd.DataFrame:
    """``orders`` with customer_id as categories (anonymous ones NaN), so each grouping by customer is cheap.

    The customer measures of `summary` group by customer three times; this reads the ids once.
    """
    if "customer_id" not in orders or isinstance(orders["customer_id"].dtype, pd.CategoricalDtype):
        return orders
    codes, uniques = pd.factorize(orders["customer_id"])
    if len(uniques):
        blank = np.asarray(pd.Index(uniques).astype("str").str.strip() == "", dtype=bool)
        codes = np.where((codes >= 0) & blank[np.maximum(codes, 0)], -1, codes)
    ids = pd.Categorical.from_codes(codes, dtype=_categories_as_found(pd.Index(uniques)), validate=False)
    return orders.assign(customer_id=pd.Series(ids, index=orders.index))


def _categories_as_found(uniques: pd.Index) -> pd.CategoricalDtype:
    """A categorical type over ``uniques``, which `pandas.factorize` found distinct: not hashed again to check."""
    fast = getattr(pd.CategoricalDtype, "_from_fastpath", None)  # checking a million ids costs more than the rest
    return fast(uniques, False) if fast is not None else pd.CategoricalDtype(uniques)


def customer_count(orders: pd.DataFrame) -> int:
    """Number of identified customers: distinct non-empty ``customer_id`` values.

    Formula: distinct customer ids (anonymous orders left out).

    Parameters
    ----------
    orders : DataFrame with a ``customer_id`` column

    Returns
    -------
    int

    Examples
    --------
    >>> orders = pd.DataFrame({"customer_id": ["C1", "C2", "C1", None]})
    >>> customer_count(orders)
    2
    """
    return int(_customer_ids(orders).nunique())


def first_order_dates(orders: pd.DataFrame) -> pd.Series:
    """The date of each identified customer's first order.

    Parameters
    ----------
    orders : DataFrame with ``customer_id`` and ``order_date``

    Returns
    -------
    Series indexed by customer_id

    Examples
    --------
    >>> orders = pd.DataFrame({"customer_id": ["C1", "C1"],
    ...                        "order_date": pd.to_datetime(["2025-03-09", "2025-01-05"])})
    >>> first_order_dates(orders)["C1"]
    Timestamp('2025-01-05 00:00:00')
    """
    ids = _customer_ids(orders)
    if isinstance(ids.dtype, pd.CategoricalDtype) and _wall_clock(orders["order_date"]):
        return _first_by_code(orders["order_date"], ids)
    return orders["order_date"].groupby(ids).min()


def _wall_clock(dates: pd.Series) -> bool:
    """Whether ``dates`` are plain datetime64 (as the loader gives them), not dates with a time zone."""
    return isinstance(dates.dtype, np.dtype) and dates.dtype.kind == "M"


def _first_by_code(dates: pd.Series, ids: pd.Series) -> pd.Series:
    """``dates.groupby(ids).min()`` for categorical ids, by their codes: no grouping of millions of rows."""
    codes = ids.cat.codes.to_numpy()
    values = dates.to_numpy()
    stamps = values.view(np.int64)
    known = codes >= 0
    seen = np.bincount(codes[known], minlength=len(ids.cat.categories)) > 0
    never = np.iinfo(np.int64).max
    first = np.full(len(seen), never, dtype=np.int64)
    dated = known & ~np.isnat(values)
    np.minimum.at(first, codes[dated], stamps[dated])
    first = np.where(first == never, np.datetime64("NaT").astype(values.dtype).view(np.int64), first)
    present = pd.Categorical.from_codes(np.flatnonzero(seen), dtype=ids.dtype, validate=False)
    index = pd.CategoricalIndex(present, name=ids.name)
    return pd.Series(first[seen].view(values.dtype), index=index, name=dates.name)


def new_customer_count(orders: pd.DataFrame, start=None, end=None) -> int:
    """Number of customers whose first order falls in the period.

    Formula: customers whose first order is in the period.

    Pass all the orders, not just the period's: "first" is judged over the whole table.
    Customers who bought before the data starts look new in the first period.

    Parameters
    ----------
    orders : DataFrame with ``customer_id`` and ``order_date``
    start, end : str, date or None
        First and last day, both included. Without them every customer is new.

    Returns
    -------
    int

    Examples
    --------
    >>> orders = pd.DataFrame({"customer_id": ["C1", "C2", "C1"],
    ...                        "order_date": pd.to_datetime(["2025-01-05", "2025-02-10", "2025-02-11"])})
    >>> new_customer_count(orders, "2025-02-01", "2025-02-28")  # C1 first bought in January
    1
    """
    return int(in_period(first_order_dates(orders), start, end).sum())


def first_orders(orders: pd.DataFrame) -> pd.DataFrame:
    """Each identified customer's first order (the earliest; ties keep the file's order).

    Examples
    --------
    >>> orders = pd.DataFrame({"order_id": ["1", "2", "3"], "customer_id": ["C1", "C1", None],
    ...                        "order_date": pd.to_datetime(["2025-03-09", "2025-01-05", "2025-01-01"])})
    >>> first_orders(orders)["order_id"].tolist()
    ['2']
    """
    known = orders[_customer_ids(orders).notna()]
    return known.sort_values("order_date", kind="stable").drop_duplicates("customer_id")


def paid_cac(orders: pd.DataFrame, campaigns: pd.DataFrame, paid_ids, start=None, end=None) -> float:
    """Paid CAC: what paid campaigns cost per new customer they brought.

    Formula: Σ spend of the paid campaigns (pro-rated to the period) / number of customers whose
    first order of the whole data falls in the period and is attributed to a paid campaign.
    Blended CAC (`cac` over all spend and all new customers) flatters paid media, because it
    divides by customers that walked in on their own.

    Parameters
    ----------
    orders : DataFrame with ``customer_id``, ``order_date``, ``campaign_id`` (all the orders)
    campaigns : DataFrame (the campaigns table)
    paid_ids : list-like of the campaign ids that are paid media
    start, end : str, date or None
        First and last day, both included.

    Returns
    -------
    float (NaN when no new customer came from paid campaigns)

    Examples
    --------
    >>> orders = pd.DataFrame({"order_id": ["1", "2", "3"], "customer_id": ["C1", "C2", "C1"],
    ...                        "order_date": pd.to_datetime(["2025-01-05", "2025-01-06", "2025-01-07"]),
    ...                        "campaign_id": ["AD", None, "AD"]})
    >>> campaigns = pd.DataFrame({"campaign_id": ["AD", "NEWS"], "spend": [100.0, 40.0],
    ...     "start_date": pd.to_datetime(["2025-01-01"] * 2), "end_date": pd.to_datetime(["2025-01-31"] * 2)})
    >>> paid_cac(orders, campaigns, ["AD"])  # $100 brought C1 (C1's repeat order is not a new customer)
    100.0
    """
    paid = campaigns[campaigns["campaign_id"].isin(list(paid_ids))]
    spend = known_sum(prorate_campaigns(paid, start, end)["spend"])
    return cac(spend, new_customers_from(orders, paid_ids, start, end))


def new_customers_from(orders: pd.DataFrame, campaign_ids, start=None, end=None) -> int:
    """Customers whose first order (of the whole data) is in the period and came from these campaigns.

    Examples
    --------
    >>> orders = pd.DataFrame({"order_id": ["1", "2"], "customer_id": ["C1", "C2"],
    ...                        "order_date": pd.to_datetime(["2025-01-05", "2025-01-06"]),
    ...                        "campaign_id": ["AD", None]})
    >>> new_customers_from(orders, ["AD"])
    1
    """
    first = first_orders(orders)
    return int((in_period(first["order_date"], start, end) & first["campaign_id"].isin(list(campaign_ids))).sum())


def repeat_purchase_rate(orders: pd.DataFrame) -> float:
    """Share of identified customers who ordered at least twice (within the orders given).

    Formula: customers with 2+ orders / customers.

    Parameters
    ----------
    orders : DataFrame with a ``customer_id`` column (filter it to the window you mean)

    Returns
    -------
    float

    Examples
    --------
    >>> orders = pd.DataFrame({"customer_id": ["C1", "C1", "C2", "C3", None]})
    >>> repeat_purchase_rate(orders)  # C1 of C1, C2, C3
    0.333...
    """
    ids = _customer_ids(orders)
    if isinstance(ids.dtype, pd.CategoricalDtype):  # counted by code: a Series over a million ids is slow to index
        codes = ids.cat.codes.to_numpy()
        orders_per_customer = np.bincount(codes[codes >= 0], minlength=len(ids.cat.categories))
    else:
        orders_per_customer = ids.value_counts().to_numpy()
    orders_per_customer = orders_per_customer[orders_per_customer > 0]  # categories without an order here
    return repeat_rate(int((orders_per_customer >= 2).sum()), len(orders_per_customer))


def repeat_rate(repeat_customers, customers):
    """Repeat rate from two counts: the share of customers who bought twice or more.

    Formula: customers with 2+ orders / customers. `repeat_purchase_rate` counts both from orders.

    Examples
    --------
    >>> repeat_rate(28, 100)
    0.28
    >>> repeat_rate(0, 0)
    nan
    """
    return safe_divide(repeat_customers, customers)


def revenue_by_channel(orders: pd.DataFrame) -> pd.Series:
    """Revenue per sales channel, largest first; the channels add up to total revenue.

    Formula: Σ revenue per channel. A blank channel counts as "(unknown)", so nothing is lost.

    Parameters
    ----------
    orders : DataFrame with ``channel`` and ``revenue``

    Returns
    -------
    Series indexed by channel

    Examples
    --------
    >>> orders = pd.DataFrame({"channel": ["in-store", "website", "in-store"],
    ...                        "revenue": [40.0, 25.0, 30.0]})
    >>> revenue_by_channel(orders).to_dict()
    {'in-store': 70.0, 'website': 25.0}
    """
    channels = orders["channel"].fillna(UNKNOWN_CHANNEL)
    by_channel = orders["revenue"].groupby(channels).sum(min_count=1)
    return by_channel.sort_values(ascending=False, kind="stable").rename("revenue")


def revenue_by_month(orders: pd.DataFrame) -> pd.Series:
    """Revenue per calendar month, every month from the first order to the last (0 when none).

    Formula: Σ revenue per month of ``order_date``.

    Parameters
    ----------
    orders : DataFrame with ``order_date`` and ``revenue``

    Returns
    -------
    Series indexed by month "YYYY-MM"

    Examples
    --------
    >>> orders = pd.DataFrame({"order_date": pd.to_datetime(["2025-01-05", "2025-03-02"]),
    ...                        "revenue": [40.0, 25.0]})
    >>> revenue_by_month(orders).to_dict()
    {'2025-01': 40.0, '2025-02': 0.0, '2025-03': 25.0}
    """
    if _wall_clock(orders["order_date"]):  # each date's month as its first day: no Period made per order
        starts = orders["order_date"].to_numpy().astype("datetime64[M]")
        by_month = orders["revenue"].groupby(starts).sum(min_count=1)
        by_month.index = pd.DatetimeIndex(by_month.index).to_period("M")
    else:  # dates with a time zone: their months where they happened
        by_month = orders["revenue"].groupby(orders["order_date"].dt.to_period("M")).sum(min_count=1)
    if by_month.empty:
        return pd.Series(dtype="float64", index=pd.Index([], dtype="str", name="month"), name="revenue")
    every_month = pd.period_range(by_month.index.min(), by_month.index.max(), freq="M")
    by_month = by_month.reindex(every_month, fill_value=0.0)
    by_month.index = every_month.strftime("%Y-%m").rename("month")
    return by_month.rename("revenue")


def _attribution_known(orders: pd.DataFrame | None) -> bool:
    """Whether any order names a campaign; if none does, attribution is unknown, not zero."""
    return orders is not None and bool(orders["campaign_id"].notna().any())


def _attributed_sum(orders: pd.DataFrame, column: str, start, end) -> float:
    if not _attribution_known(orders):
        return math.nan
    attributed = orders["campaign_id"].notna() & in_period(orders["order_date"], start, end)
    return known_sum(orders.loc[attributed, column])


def attributed_revenue(orders: pd.DataFrame, start=None, end=None) -> float:
    """Revenue of the orders that name the campaign which brought them.

    Formula: Σ revenue of orders with a ``campaign_id`` (inside the period, if one is given).
    NaN when no order in the table has a campaign_id: then attribution is unknown.

    Parameters
    ----------
    orders : DataFrame with ``campaign_id``, ``order_date`` and ``revenue`` (all orders)
    start, end : str, date or None
        First and last day, both included.

    Returns
    -------
    float

    Examples
    --------
    >>> orders = pd.DataFrame({"campaign_id": ["C-EMAIL-01", None],
    ...                        "order_date": pd.to_datetime(["2025-03-01", "2025-03-02"]),
    ...                        "revenue": [40.0, 25.0]})
    >>> attributed_revenue(orders)
    40.0
    """
    return _attributed_sum(orders, "revenue", start, end)


def attributed_gross_profit(orders: pd.DataFrame, start=None, end=None) -> float:
    """Gross profit of the orders that name a campaign (NaN when attribution is unknown).

    Formula: Σ gross_profit of orders with a ``campaign_id`` (inside the period, if one is given).

    Parameters
    ----------
    orders : DataFrame with ``campaign_id``, ``order_date`` and ``gross_profit`` (all orders)
    start, end : str, date or None

    Returns
    -------
    float

    Examples
    --------
    >>> orders = pd.DataFrame({"campaign_id": ["C-EMAIL-01", None],
    ...                        "order_date": pd.to_datetime(["2025-03-01", "2025-03-02"]),
    ...                        "gross_profit": [18.0, 11.0]})
    >>> attributed_gross_profit(orders)
    18.0
    """
    return _attributed_sum(orders, "gross_profit", start, end)


# ---------------------------------------------------------------------------------------------
# Campaigns
# ---------------------------------------------------------------------------------------------


def campaign_share(campaigns: pd.DataFrame, start=None, end=None) -> pd.Series:
    """The share of each campaign's days that fall inside the period (0 to 1).

    Formula: days of overlap / days of the campaign; a campaign runs from start_date to
    end_date, both included.

    Parameters
    ----------
    campaigns : DataFrame with ``start_date`` and ``end_date``
    start, end : str, date or None
        First and last day of the period, both included. None leaves that side open.

    Returns
    -------
    Series of float

    Examples
    --------
    >>> campaigns = pd.DataFrame({"start_date": pd.to_datetime(["2025-03-01"]),
    ...                           "end_date": pd.to_datetime(["2025-03-10"])})
    >>> campaign_share(campaigns, "2025-03-09", "2025-03-31").tolist()  # 2 of its 10 days
    [0.2]
    """
    first = campaigns["start_date"].dt.normalize()
    last = campaigns["end_date"].dt.normalize()
    days = (last - first).dt.days + 1
    overlap_first = first if start is None else first.clip(lower=to_day(start))
    overlap_last = last if end is None else last.clip(upper=to_day(end))
    overlap = ((overlap_last - overlap_first).dt.days + 1).clip(lower=0)
    return safe_divide(overlap, days.where(days > 0))


def prorate_campaigns(campaigns: pd.DataFrame, start=None, end=None) -> pd.DataFrame:
    """The campaigns that ran in the period, their spend, impressions, clicks and leads scaled to it.

    Formula: value × share of the campaign's days inside the period (see `campaign_share`).
    Campaigns with no day in the period are left out, so the period's totals only depend on
    the campaigns that ran in it.

    Parameters
    ----------
    campaigns : DataFrame (the campaigns table)
    start, end : str, date or None
        First and last day, both included. Without them the table comes back unchanged.

    Returns
    -------
    DataFrame, a new table

    Examples
    --------
    >>> campaigns = pd.DataFrame({"start_date": pd.to_datetime(["2025-03-01"]),
    ...                           "end_date": pd.to_datetime(["2025-03-10"]),
    ...                           "spend": [100.0], "impressions": [5000.0],
    ...                           "clicks": [310.0], "leads": [20.0]})
    >>> prorate_campaigns(campaigns, "2025-03-09", "2025-03-31")[["spend", "leads"]].to_dict("records")
    [{'spend': 20.0, 'leads': 4.0}]
    """
    if start is None and end is None:
        return campaigns
    share = campaign_share(campaigns, start, end)
    scaled = campaigns.assign(
        **{column: campaigns[column] * share for column in CAMPAIGN_NUMBERS if column in campaigns}
    )
    return scaled[share > 0]


def campaign_totals(campaigns: pd.DataFrame, by: str | None = None):
    """Spend, reach and their ratios over a set of campaigns (ratios of sums).

    Formulas: spend, impressions, clicks, leads are sums; ctr = Σclicks / Σimpressions,
    cpc = Σspend / Σclicks, cpm = Σspend / Σimpressions × 1000, cost_per_lead = Σspend / Σleads,
    each over the campaigns where both of its parts are known.

    Parameters
    ----------
    campaigns : DataFrame (the campaigns table, pro-rated first if you want a period)
    by : str, optional
        A column to group by, e.g. "channel": one row per group.

    Returns
    -------
    Series, or DataFrame with one row per group when ``by`` is given

    Examples
    --------
    >>> campaigns = pd.DataFrame({"channel": ["email", "social"], "spend": [100.0, 300.0],
    ...                           "impressions": [5000.0, 40000.0], "clicks": [300.0, 400.0],
    ...                           "leads": [40.0, None]})
    >>> campaign_totals(campaigns).round(4)
    spend              400.0000
    impressions      45000.0000
    clicks             700.0000
    leads               40.0000
    ctr                  0.0156
    cpc                  0.5714
    cpm                  8.8889
    cost_per_lead        2.5000
    dtype: float64

    Only the email campaign knows its leads, so cost_per_lead is 100 / 40.
    """
    key = None if by is None else campaigns[by].fillna(UNKNOWN_CHANNEL)
    spend, impressions, clicks, leads = (campaigns[column] for column in CAMPAIGN_NUMBERS)
    totals = {
        "spend": group_sum(spend, key),
        "impressions": group_sum(impressions, key),
        "clicks": group_sum(clicks, key),
        "leads": group_sum(leads, key),
        "ctr": ctr(*paired_sums(clicks, impressions, key)),
        "cpc": cpc(*paired_sums(spend, clicks, key)),
        "cpm": cpm(*paired_sums(spend, impressions, key)),
        "cost_per_lead": cost_per_lead(*paired_sums(spend, leads, key)),
    }
    return pd.Series(totals, dtype="float64") if key is None else pd.DataFrame(totals)


# ---------------------------------------------------------------------------------------------
# Interactions and targets
# ---------------------------------------------------------------------------------------------


def outcome_counts(interactions: pd.DataFrame, by: str | None = None):
    """How many sales conversations were won, lost and still open.

    Parameters
    ----------
    interactions : DataFrame with an ``outcome`` column (won / lost / open, lower case)
    by : str, optional
        A column to group by, e.g. "staff".

    Returns
    -------
    Series (won, lost, open), or DataFrame with those columns and one row per group.
    Feed them to `win_rate`.

    Examples
    --------
    >>> interactions = pd.DataFrame({"outcome": ["won", "won", "lost", "open"]})
    >>> counts = outcome_counts(interactions)
    >>> counts.to_dict()
    {'won': 2, 'lost': 1, 'open': 1}
    >>> win_rate(counts["won"], counts["lost"])
    0.666...
    """
    if by is None:
        return interactions["outcome"].value_counts().reindex(OUTCOMES, fill_value=0)
    groups = [interactions[by].fillna(UNKNOWN_CHANNEL), interactions["outcome"]]
    counts = interactions.groupby(groups).size().unstack(fill_value=0)
    return counts.reindex(columns=list(OUTCOMES), fill_value=0)


def staff_revenue(orders: pd.DataFrame, interactions: pd.DataFrame) -> pd.DataFrame:
    """Revenue credited to each person per month: the orders linked to their won interactions.

    Formula: Σ revenue of the orders named by a person's won interactions, by month of the
    order. An order counts once per person, even if several of their interactions name it.

    Parameters
    ----------
    orders : DataFrame (the orders table)
    interactions : DataFrame (the interactions table)

    Returns
    -------
    DataFrame with columns period ("YYYY-MM"), staff, revenue

    Examples
    --------
    >>> orders = pd.DataFrame({"order_id": ["1001", "1002"], "revenue": [40.0, 25.0],
    ...                        "order_date": pd.to_datetime(["2025-03-01", "2025-03-02"])})
    >>> interactions = pd.DataFrame({"staff": ["Maya", "Tom"], "outcome": ["won", "lost"],
    ...                              "order_id": ["1001", "1002"]})
    >>> staff_revenue(orders, interactions).to_dict("records")
    [{'period': '2025-03', 'staff': 'Maya', 'revenue': 40.0}]
    """
    won = interactions.loc[interactions["outcome"].eq("won"), ["staff", "order_id"]]
    won = won.dropna().drop_duplicates()
    orders = orders.loc[orders["order_id"].isin(won["order_id"]), ["order_id", "order_date", "revenue"]]
    linked = won.merge(orders, on="order_id")
    linked["period"] = linked["order_date"].dt.strftime("%Y-%m")
    return linked.groupby(["period", "staff"], as_index=False)["revenue"].sum(min_count=1)


def quota_attainment(
    orders: pd.DataFrame, targets: pd.DataFrame, interactions: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Revenue against target for every target row: the team's, and each person's.

    Formula: revenue of the month / target. The team's revenue is all orders of the month;
    a person's is `staff_revenue` (needs ``interactions``, otherwise NaN). Revenue is NaN for
    months the orders do not cover.

    Parameters
    ----------
    orders : DataFrame (all orders; whole months are used)
    targets : DataFrame with ``period``, ``target`` and ``staff`` (blank = team)
    interactions : DataFrame, optional

    Returns
    -------
    DataFrame with columns period, staff ("(team)" for the team), target, revenue, attainment

    Examples
    --------
    >>> orders = pd.DataFrame({"order_id": ["1001", "1002"], "revenue": [400.0, 200.0],
    ...                        "order_date": pd.to_datetime(["2025-03-01", "2025-03-02"])})
    >>> targets = pd.DataFrame({"period": ["2025-03"], "target": [500.0], "staff": [None]})
    >>> quota_attainment(orders, targets)[["staff", "attainment"]].to_dict("records")
    [{'staff': '(team)', 'attainment': 1.2}]
    """
    rows = targets.assign(staff=targets["staff"].fillna(TEAM))
    rows = rows.groupby(["period", "staff"], as_index=False)["target"].sum(min_count=1)
    team_revenue = rows["period"].map(revenue_by_month(orders))  # NaN for months not covered
    if interactions is None:
        person_revenue = math.nan
    else:
        credited = staff_revenue(orders, interactions).set_index(["period", "staff"])["revenue"]
        wanted = pd.MultiIndex.from_frame(rows[["period", "staff"]])
        person_revenue = pd.Series(credited.reindex(wanted).to_numpy(), index=rows.index)
        person_revenue = person_revenue.fillna(0.0).where(team_revenue.notna())
    revenue = team_revenue.where(rows["staff"].eq(TEAM), person_revenue)
    return rows.assign(revenue=revenue, attainment=safe_divide(revenue, rows["target"]))


# ---------------------------------------------------------------------------------------------
# Report tables: sales, campaigns, conversations and the handoff, one row per group
# ---------------------------------------------------------------------------------------------


def gross_margin_rate(gross_profit, revenue):
    """Gross margin actually earned: the share of revenue left after the cost of goods.

    Formula: Σ gross profit / Σ revenue.

    Examples
    --------
    >>> gross_margin_rate(46.6, 100.0)
    0.466
    >>> gross_margin_rate(10.0, 0)
    nan
    """
    return safe_divide(gross_profit, revenue)


def spend_share(spend, revenue):
    """Marketing spend as a share of revenue (small retailers spend about 1–3%).

    Formula: marketing spend / revenue, both from the same period.

    Examples
    --------
    >>> spend_share(9000, 450000)
    0.02
    """
    return safe_divide(spend, revenue)


def relative_change(current, previous):
    """How much a number grew or shrank against the previous period, as a fraction.

    Formula: (current − previous) / previous. Use it for amounts and counts; for a rate, give
    the difference in percentage points instead (current − previous), never this.

    Examples
    --------
    >>> relative_change(120.0, 100.0)
    0.2
    >>> relative_change(5.0, 0.0)
    nan
    """
    return safe_divide(to_number(current) - to_number(previous), previous)


def follow_up_rate(conversations, leads):
    """Share of marketing's leads that sales followed up in a conversation.

    Formula: conversations that name a campaign / the leads campaigns produced.

    Examples
    --------
    >>> follow_up_rate(30, 120)
    0.25
    """
    return safe_divide(conversations, leads)


def sales_by(orders: pd.DataFrame, by: str = "channel") -> pd.DataFrame:
    """Orders, revenue, average order value and share of revenue per channel or per month.

    Formulas: orders = number of orders; revenue = Σ revenue; average_order_value = Σ revenue /
    orders; share = revenue / total revenue (the shares add up to 1).

    Parameters
    ----------
    orders : DataFrame (filter it to the period first)
    by : "channel" or "month"
        By channel the rows are sorted by revenue, largest first, and a blank channel is
        "(unknown)"; by month every month from the first order to the last has a row.

    Returns
    -------
    DataFrame indexed by channel or month

    Examples
    --------
    >>> orders = pd.DataFrame({"channel": ["in-store", "website", "in-store"], "revenue": [40.0, 25.0, 35.0],
    ...                        "order_date": pd.to_datetime(["2025-01-05", "2025-03-02", "2025-03-09"])})
    >>> sales_by(orders)
              orders  revenue  average_order_value  share
    channel
    in-store       2     75.0                 37.5   0.75
    website        1     25.0                 25.0   0.25
    >>> sales_by(orders, by="month")["orders"].to_dict()
    {'2025-01': 1, '2025-02': 0, '2025-03': 2}
    """
    if by == "channel":
        revenue = revenue_by_channel(orders)
        counts = orders["channel"].fillna(UNKNOWN_CHANNEL).value_counts().reindex(revenue.index)
    elif by == "month":
        revenue = revenue_by_month(orders)
        counts = orders["order_date"].dt.strftime("%Y-%m").value_counts().reindex(revenue.index, fill_value=0)
    else:
        raise ValueError(f"by must be 'channel' or 'month', not {by!r}.")
    counts = counts.fillna(0).astype("int64")
    table = pd.DataFrame(
        {
            "orders": counts,
            "revenue": revenue,
            "average_order_value": average_order_value(revenue, counts),
            "share": safe_divide(revenue, total_revenue(orders)),
        }
    )
    table.index.name = by
    return table


def campaign_results(
    campaigns: pd.DataFrame, orders: pd.DataFrame, start=None, end=None, gross_margin=None, by: str | None = None
) -> pd.DataFrame:
    """What each campaign (or each marketing channel) cost, reached and brought in a period.

    Formulas: spend, impressions, clicks and leads are pro-rated to the period
    (`prorate_campaigns`); ctr = Σclicks / Σimpressions; cost_per_lead = Σspend / Σleads;
    orders, attributed_revenue and gross_profit are those of the period's orders that name the
    campaign (a campaign that ran outside the period but brought orders in it has a row with
    no spend); new_customers are customers whose first order names it (`new_customers_from`);
    cac = Σspend / new customers; roas = attributed revenue / spend; roi = (gross profit −
    spend) / spend. Gross profit is the orders' gross_profit, else revenue × ``gross_margin``,
    else unknown. All ratios of a channel are ratios of its sums.

    Parameters
    ----------
    campaigns, orders : the contract tables (all rows; the period is applied here)
    start, end : str, date or None
    gross_margin : float, optional
    by : str, optional
        "channel" (or another campaigns column) for one row per group; one row per campaign by
        default.

    Returns
    -------
    DataFrame indexed by campaign_id (with its channel and name) or by the ``by`` column. The
    attributed columns are NaN when no order names any campaign.

    Examples
    --------
    >>> campaigns = pd.DataFrame({"campaign_id": ["E1", "S1"], "channel": ["email", "social"],
    ...     "start_date": pd.to_datetime(["2025-03-01", "2025-03-01"]),
    ...     "end_date": pd.to_datetime(["2025-03-31", "2025-03-31"]), "spend": [50.0, 150.0],
    ...     "impressions": [2000.0, 10000.0], "clicks": [100.0, 100.0], "leads": [10.0, 5.0], "name": ["News", "Ads"]})
    >>> orders = pd.DataFrame({"order_id": ["1", "2", "3"], "customer_id": ["C1", "C2", None],
    ...     "order_date": pd.to_datetime(["2025-03-03", "2025-03-04", "2025-03-05"]),
    ...     "campaign_id": ["E1", "S1", "S1"], "revenue": [40.0, 60.0, 60.0]})
    >>> table = campaign_results(campaigns, orders, gross_margin=0.5)
    >>> table[["spend", "orders", "new_customers", "roas", "roi"]]
                 spend  orders  new_customers  roas  roi
    campaign_id
    E1            50.0     1.0            1.0   0.8 -0.6
    S1           150.0     2.0            1.0   0.8 -0.6
    """
    known = _attribution_known(orders)
    period_orders = orders[in_period(orders["order_date"], start, end) & orders["campaign_id"].notna()]
    shown = prorate_campaigns(campaigns, start, end)
    earlier = campaigns[
        campaigns["campaign_id"].isin(period_orders["campaign_id"])
        & ~campaigns["campaign_id"].isin(shown["campaign_id"])
    ]
    if len(earlier):  # ran outside the period but brought orders in it: no spend here, their orders still count
        idle = earlier.assign(**{c: earlier[c] * 0.0 for c in CAMPAIGN_NUMBERS if c in earlier})
        shown = pd.concat([shown, idle]).sort_index()
    first = first_orders(orders)
    first = first[in_period(first["order_date"], start, end) & first["campaign_id"].notna()]
    if "gross_profit" in orders and orders["gross_profit"].notna().any():
        profit_of = period_orders["gross_profit"]
    elif gross_margin is not None:
        profit_of = period_orders["revenue"] * gross_margin
    else:
        profit_of = pd.Series(math.nan, index=period_orders.index)
    per_campaign = pd.DataFrame(
        {
            "orders": period_orders.groupby("campaign_id").size(),
            "attributed_revenue": period_orders["revenue"].groupby(period_orders["campaign_id"]).sum(min_count=1),
            "gross_profit": profit_of.groupby(period_orders["campaign_id"]).sum(min_count=1),
            "new_customers": first.groupby("campaign_id").size(),
        },
        columns=["orders", "attributed_revenue", "gross_profit", "new_customers"],
    ).astype("float64")
    rows = shown.set_index("campaign_id")
    brought = per_campaign.reindex(rows.index)  # per campaign; a campaign no order names brought 0
    if known:
        brought[["orders", "attributed_revenue", "new_customers"]] = brought[
            ["orders", "attributed_revenue", "new_customers"]
        ].fillna(0.0)
        if not profit_of.isna().all() or period_orders.empty:
            brought["gross_profit"] = brought["gross_profit"].fillna(0.0)
    numbers = pd.concat([rows[list(CAMPAIGN_NUMBERS)], brought], axis=1)
    if by is None:
        sums = numbers
        table = pd.DataFrame({column: numbers[column] for column in CAMPAIGN_NUMBERS})
        table["ctr"] = ctr(numbers["clicks"], numbers["impressions"])
        table["cost_per_lead"] = cost_per_lead(numbers["spend"], numbers["leads"])
    else:
        key = rows[by].fillna(UNKNOWN_CHANNEL)
        sums = numbers.groupby(key).sum(min_count=1)
        table = campaign_totals(rows.assign(**{by: key}), by=by).drop(columns=["cpc", "cpm"])
    for column in ("orders", "new_customers", "attributed_revenue"):
        table[column] = sums[column]
    table["cac"] = cac(sums["spend"], sums["new_customers"])
    table["roas"] = roas(sums["attributed_revenue"], sums["spend"])
    table["roi"] = marketing_roi(sums["gross_profit"], sums["spend"])
    if by is None:
        table = pd.concat([rows[[c for c in ("channel", "name") if c in rows]], table], axis=1)
        table.index.name = "campaign_id"
    else:
        table = table.sort_values("spend", ascending=False, kind="stable")
        table.index.name = by
    return table


def cac_range(
    summary_dict: dict, campaigns: pd.DataFrame, orders: pd.DataFrame, paid_types, start=None, end=None
) -> pd.DataFrame:
    """Three CACs, from too kind to too harsh: every new customer, those with a contact first, those paid campaigns won.

    Formula: cac = spend / new customers, where blended uses all marketing spend over all new
    customers; "with a marketing contact first" uses all spend over the first orders with a journey;
    paid uses the spend of the ``paid_types`` campaigns over the new customers credited to one of them.

    Parameters
    ----------
    summary_dict : dict
        `summary` of the period (its marketing_spend, new_customers and journey_first_orders).
    campaigns : DataFrame
        The period's campaigns, pro-rated (`prorate_campaigns`), with a ``type`` column.
    orders : DataFrame
        All orders (a new customer's first order is looked for in the whole data).
    paid_types : list of str
        The campaign types bought from someone else (ads, an influencer, sponsored listings).
    start, end : date-like, optional

    Returns
    -------
    DataFrame with columns spend, new_customers, cac, one row per way of counting.

    Examples
    --------
    >>> campaigns = pd.DataFrame({"campaign_id": ["A", "N"], "type": ["targeted ads", "email newsletter"],
    ...                           "spend": [60.0, 40.0], "impressions": [1.0, 1.0], "clicks": [1.0, 1.0],
    ...                           "leads": [1.0, 1.0]})
    >>> orders = pd.DataFrame({"customer_id": ["C1", "C2"], "campaign_id": ["A", None],
    ...                        "order_date": pd.to_datetime(["2025-01-02", "2025-01-03"])})
    >>> summary_dict = {"marketing_spend": 100.0, "new_customers": 10, "journey_first_orders": 4}
    >>> cac_range(summary_dict, campaigns, orders, ["targeted ads"])
                                       spend  new_customers   cac
    blended: every new customer        100.0             10  10.0
    with a marketing contact first     100.0              4  25.0
    paid: credited to a paid campaign   60.0              1  60.0
    """
    paid = campaigns[campaigns["type"].isin(paid_types)]
    table = pd.DataFrame(
        {
            "spend": [summary_dict["marketing_spend"], summary_dict["marketing_spend"], campaign_totals(paid)["spend"]],
            "new_customers": [
                summary_dict["new_customers"],
                summary_dict["journey_first_orders"],
                new_customers_from(orders, paid["campaign_id"], start, end),
            ],
        },
        index=["blended: every new customer", "with a marketing contact first", "paid: credited to a paid campaign"],
    )
    table["cac"] = cac(table["spend"], table["new_customers"])
    return table


def credited_margins(orders: pd.DataFrame) -> pd.DataFrame:
    """The gross margin, and so the break-even ROAS, of all orders and of the orders credited to a campaign.

    Formula: gross margin = Σ gross profit / Σ revenue (known gross profit only); break-even ROAS = 1 / gross margin.

    Parameters
    ----------
    orders : DataFrame
        The period's orders, with campaign_id, revenue and gross_profit.

    Returns
    -------
    DataFrame with columns gross_margin and break_even_roas, rows "all orders (the shop)" and
    "orders credited to a campaign".

    Examples
    --------
    >>> orders = pd.DataFrame({"campaign_id": ["A", None], "revenue": [100.0, 100.0],
    ...                        "gross_profit": [40.0, 60.0]})
    >>> credited_margins(orders)
                                   gross_margin  break_even_roas
    all orders (the shop)                   0.5              2.0
    orders credited to a campaign           0.4              2.5
    """
    credited = orders[orders["campaign_id"].notna()]
    margins = pd.Series(
        {
            "all orders (the shop)": gross_margin_rate(known_sum(orders["gross_profit"]), total_revenue(orders)),
            "orders credited to a campaign": gross_margin_rate(
                known_sum(credited["gross_profit"]), total_revenue(credited)
            ),
        }
    )
    return pd.DataFrame({"gross_margin": margins, "break_even_roas": break_even_roas(margins)})


def returns_by(campaigns: pd.DataFrame, orders: pd.DataFrame, start=None, end=None, by: str = "type") -> pd.DataFrame:
    """Each group of campaigns judged at the margin of its own credited orders, best ROAS first.

    Formulas: roas = credited revenue / spend; gross_margin = credited gross profit / credited revenue;
    break_even_roas = 1 / gross_margin; roi = (credited gross profit − spend) / spend.

    Parameters
    ----------
    campaigns, orders : DataFrame
        All rows: spend is pro-rated to the period (`prorate_campaigns`); the period's orders that
        name a campaign are its credited orders, even when the campaign ran before the period.
    start, end : date-like, optional
    by : str
        A campaigns column to group by ("type" or "channel").

    Returns
    -------
    DataFrame indexed by ``by`` with columns spend, roas, gross_margin, break_even_roas, roi.

    Examples
    --------
    >>> campaigns = pd.DataFrame({"campaign_id": ["A", "E"], "type": ["ads", "event"], "spend": [100.0, 50.0],
    ...     "start_date": pd.to_datetime(["2025-03-01"] * 2), "end_date": pd.to_datetime(["2025-03-31"] * 2)})
    >>> orders = pd.DataFrame({"campaign_id": ["A", "E", None], "revenue": [200.0, 400.0, 90.0],
    ...                        "gross_profit": [50.0, 200.0, 45.0], "order_date": pd.to_datetime(["2025-03-05"] * 3)})
    >>> returns_by(campaigns, orders)
           spend  roas  gross_margin  break_even_roas  roi
    type
    event   50.0   8.0          0.50              2.0  3.0
    ads    100.0   2.0          0.25              4.0 -0.5
    """
    period_orders = orders[in_period(orders["order_date"], start, end) & orders["campaign_id"].notna()]
    credited = period_orders.merge(campaigns[["campaign_id", by]], on="campaign_id")
    spend = prorate_campaigns(campaigns, start, end).groupby(by)["spend"].sum()
    revenue = credited.groupby(by)["revenue"].sum()
    profit = credited.groupby(by)["gross_profit"].sum()
    table = pd.DataFrame({"spend": spend, "revenue": revenue, "gross_profit": profit})
    table["roas"] = roas(table["revenue"], table["spend"])
    table["gross_margin"] = gross_margin_rate(table["gross_profit"], table["revenue"])
    table["break_even_roas"] = break_even_roas(table["gross_margin"])
    table["roi"] = marketing_roi(table["gross_profit"], table["spend"])
    table = table.sort_values("roas", ascending=False)
    return table[["spend", "roas", "gross_margin", "break_even_roas", "roi"]]


def clv_inputs(orders: pd.DataFrame, years: float, gross_margin: float) -> pd.Series:
    """The simple CLV of the customers with an id, with the inputs it is made of.

    Formulas: average_order_value = Σ revenue / orders; purchases_per_year = orders / customers (over a
    one-year ``orders``); clv = `simple_clv` (AOV × purchases per year × years × gross margin).

    Parameters
    ----------
    orders : DataFrame
        One year's orders; those without a customer_id are left out.
    years : float
        How long a customer keeps buying: an assumption.
    gross_margin : float

    Returns
    -------
    Series named "identified customers": average_order_value, purchases_per_year, years, gross_margin, clv.

    Examples
    --------
    >>> orders = pd.DataFrame({"customer_id": ["C1", "C1", "C2", None], "revenue": [40.0, 20.0, 30.0, 99.0]})
    >>> clv_inputs(orders, 3, 0.5)
    average_order_value    30.0
    purchases_per_year      1.5
    years                   3.0
    gross_margin            0.5
    clv                    67.5
    Name: identified customers, dtype: float64
    """
    known = orders[orders["customer_id"].notna()]
    aov = average_order_value(total_revenue(known), order_count(known))
    per_year = safe_divide(order_count(known), customer_count(known))
    parts = {"average_order_value": aov, "purchases_per_year": per_year, "years": years, "gross_margin": gross_margin}
    parts["clv"] = simple_clv(aov, per_year, years, gross_margin)
    return pd.Series(parts, dtype="float64", name="identified customers")


def list_growth(campaigns: pd.DataFrame, start=None, end=None, kind: str = "email newsletter") -> pd.Series:
    """How the mailing list grew over a period, read from the emails each newsletter sent.

    A newsletter goes once to every subscriber, so its impressions are the list's size that month.
    Formulas: list_added = last − first; list_growth = last / first − 1.

    Parameters
    ----------
    campaigns : DataFrame
        The campaigns, with type, start_date and impressions.
    start, end : date-like, optional
        The newsletters that start in the period count.
    kind : str
        The campaign type that goes to the whole list.

    Returns
    -------
    Series: list_first, list_last, list_added, list_growth.

    Examples
    --------
    >>> campaigns = pd.DataFrame({"type": ["email newsletter"] * 2 + ["targeted ads"],
    ...     "start_date": pd.to_datetime(["2025-01-01", "2025-12-01", "2025-06-01"]),
    ...     "impressions": [2000.0, 2500.0, 90000.0]})
    >>> list_growth(campaigns)
    list_first     2000.00
    list_last      2500.00
    list_added      500.00
    list_growth       0.25
    Name: newsletter subscribers, dtype: float64
    """
    letters = campaigns[(campaigns["type"] == kind) & in_period(campaigns["start_date"], start, end)]
    sent = letters.sort_values("start_date", kind="stable")["impressions"]
    first, last = float(sent.iloc[0]), float(sent.iloc[-1])
    parts = {
        "list_first": first,
        "list_last": last,
        "list_added": last - first,
        "list_growth": relative_change(last, first),
    }
    return pd.Series(parts, dtype="float64", name="newsletter subscribers")


# The KPI columns of this module's tables, with the heading and format `readable` shows them in.
# ---------------------------------------------------------------------------------------------
# From marketing spend to won deals: channels and campaign types, for businesses that sell by deals


def channel_table(interactions: pd.DataFrame | None, campaigns: pd.DataFrame) -> pd.DataFrame:
    """From marketing spend to won deals, channel by channel: what each channel cost, and what its deals brought.

    Formula: for each channel of campaigns.csv: spend = Σ spend of its campaigns; deals, won, lost = the deals
    whose campaign_id is one of its campaigns; win_rate = won / (won + lost); cost_per_win = spend / won (the
    CAC of a business whose won deal is a new customer's first order); revenue_won = Σ deal_value of the won
    deals; roas = revenue_won / spend.

    Give both tables over the same period. Deals that name no campaign (an existing account's, say) are the
    row "(no campaign)", with no spend; a channel with spend and no deal has a cost per win of NaN.

    Parameters
    ----------
    interactions : DataFrame or None
        ``interactions.csv``; its deals' ``campaign_id`` links them to a channel.
    campaigns : DataFrame
        ``campaigns.csv``: campaign_id, channel, spend.

    Returns
    -------
    DataFrame indexed by channel, largest spend first, with columns spend, deals, won, lost, win_rate,
    cost_per_win, revenue_won, roas.

    Examples
    --------
    >>> campaigns = pd.DataFrame({"campaign_id": ["F1", "S1", "S2"], "channel": ["fair", "search", "search"],
    ...                           "spend": [3000.0, 400.0, 600.0]})
    >>> from smk_helpers.core.pipeline import EXAMPLE  # five deals of a small firm
    >>> talks = EXAMPLE.assign(campaign_id=["S1", "F1", "S2", "F1", None])
    >>> channel_table(talks, campaigns)[["spend", "deals", "won", "win_rate", "cost_per_win", "roas"]]
                   spend  deals  won  win_rate  cost_per_win  roas
    channel
    fair          3000.0      2    0       0.0           NaN   0.0
    search        1000.0      2    1       0.5        1000.0   1.0
    (no campaign)    NaN      1    0       NaN           NaN   NaN
    """
    d = deals(interactions)
    channel_of = campaigns.drop_duplicates("campaign_id").set_index("campaign_id")["channel"]
    named = d["campaign_id"] if "campaign_id" in d else pd.Series(np.nan, index=d.index, dtype=object)
    channel = named.map(channel_of).astype(object).where(named.notna(), NO_CAMPAIGN).fillna(NO_CAMPAIGN)
    outcome = d["outcome"]
    counts = pd.DataFrame(
        {
            "deals": channel.value_counts(),
            "won": channel[outcome == "won"].value_counts(),
            "lost": channel[outcome == "lost"].value_counts(),
            "revenue_won": d.loc[outcome == "won", "deal_value"].groupby(channel[outcome == "won"]).sum(),
        }
    )
    spend = campaigns.groupby(campaigns["channel"].fillna(NO_CAMPAIGN))["spend"].sum(min_count=1)
    table = counts.reindex(spend.index.union(counts.index))
    for column in ("deals", "won", "lost"):
        table[column] = table[column].fillna(0).astype("int64")
    table["revenue_won"] = table["revenue_won"].fillna(0.0)
    table.insert(0, "spend", spend.reindex(table.index))
    table["win_rate"] = win_rate(table["won"], table["lost"])
    table["cost_per_win"] = cost_per_order(table["spend"], table["won"])
    table["roas"] = roas(table["revenue_won"], table["spend"])
    table = table.sort_values("spend", ascending=False, kind="stable", na_position="last")
    table.index.name = "channel"
    return table[["spend", "deals", "won", "lost", "win_rate", "cost_per_win", "revenue_won", "roas"]]


# The columns of the pipeline's tables, with the heading and format `readable` shows them in.


def type_table(
    interactions: pd.DataFrame | None,
    campaigns: pd.DataFrame,
    orders: pd.DataFrame | None = None,
    *,
    by: str = "type",
    year: int | None = None,
    years: float = 5,
) -> pd.DataFrame:
    """`channel_table` by another column of campaigns.csv (the campaign ``type``), with what an account is worth.

    A channel can hold campaigns of different kinds (search: SEO content and paid search ads), and its
    average hides them. Formula, per group of ``by``: the columns of `channel_table`, except that roas is NaN
    (n/a) for a group whose campaigns brought no deal: ROAS cannot judge it. ``channel`` names each group's
    channel. With ``orders``, two more columns:

    * account_value = the gross profit of the ``year``'s orders of the accounts the group won / those of them
      that ordered in the year × ``years``: the simple CLV (AOV × orders per account × years × gross
      margin), for the group's own accounts. An account belongs to the group of the campaign its first won
      deal names.
    * ltv_to_cac = account_value / cost_per_win (a won deal is a new account's first order).

    Parameters
    ----------
    interactions : DataFrame or None
        ``interactions.csv``: deals with campaign_id, outcome, deal_value and (for account_value) customer_id.
    campaigns : DataFrame
        ``campaigns.csv``: campaign_id, channel, spend and ``by``.
    orders : DataFrame, optional
        ``orders.csv``: order_id, customer_id, order_date, revenue, gross_profit.
    by : str, default "type"
    year : int, optional
        The year whose orders measure an account; by default the last year of ``orders``.
    years : float, default 5
        How long an account is assumed to keep buying.

    Returns
    -------
    DataFrame indexed by group, largest spend first: channel, spend, deals, won, lost, win_rate, cost_per_win,
    revenue_won, roas, and with ``orders`` account_value and ltv_to_cac.

    Examples
    --------
    >>> campaigns = pd.DataFrame({"campaign_id": ["F1", "S1", "S2", "E1"],
    ...                           "channel": ["fair", "search", "search", "email"],
    ...                           "type": ["stand", "ads", "content", "letter"], "spend": [3000.0, 400.0, 600.0, 50.0]})
    >>> from smk_helpers.core.pipeline import EXAMPLE  # five deals of a small firm
    >>> talks = EXAMPLE.assign(campaign_id=["S1", "F1", "S2", "F1", None], customer_id=["A", "B", "C", "D", "E"])
    >>> orders = pd.DataFrame({"order_id": ["1", "2", "3"], "customer_id": ["A", "A", "B"],
    ...                        "revenue": [700.0, 300.0, 90.0], "gross_profit": [300.0, 100.0, 50.0],
    ...                        "order_date": pd.to_datetime(["2025-02-01", "2025-06-01", "2025-03-01"])})
    >>> type_table(talks, campaigns, orders)[["channel", "spend", "won", "cost_per_win", "roas", "account_value"]]
                  channel   spend  won  cost_per_win  roas  account_value
    type
    stand            fair  3000.0    0           NaN   0.0            NaN
    content        search   600.0    0           NaN   0.0            NaN
    ads            search   400.0    1         400.0   2.5         2000.0
    letter          email    50.0    0           NaN   NaN            NaN
    (no campaign)     NaN     NaN    0           NaN   NaN            NaN

    Account A, won by the ads, left $400 of gross profit in 2025: $2,000 over five years, 5.0 times its
    $400. The letter brought no deal, so its ROAS is n/a, not 0.
    """
    table = channel_table(interactions, campaigns.assign(channel=campaigns[by]))
    table.index.name = by
    table["roas"] = table["roas"].where(table["deals"] > 0)
    channel_of = campaigns.drop_duplicates(by).set_index(by)["channel"]
    table.insert(0, "channel", table.index.map(channel_of))
    if orders is None:
        return table
    d = deals(interactions)
    group_of = campaigns.drop_duplicates("campaign_id").set_index("campaign_id")[by]
    won = d[(d["outcome"] == "won") & d["campaign_id"].isin(group_of.index) & d["customer_id"].notna()]
    won = won.sort_values("date", kind="stable").drop_duplicates("customer_id")
    account_group = pd.Series(won["campaign_id"].map(group_of).to_numpy(), index=won["customer_id"].to_numpy())
    if year is None:
        year = int(orders["order_date"].max().year)
    in_year = orders[orders["order_date"].dt.year == year]
    in_year = in_year[in_year["customer_id"].isin(account_group.index)]
    grouped = in_year.groupby(in_year["customer_id"].map(account_group))
    revenue, order_count = grouped["revenue"].sum(), grouped["order_id"].count()
    clv = simple_clv(
        average_order_value(revenue, order_count),
        safe_divide(order_count, grouped["customer_id"].nunique()),
        years,
        gross_margin_rate(grouped["gross_profit"].sum(), revenue),
    )
    table["account_value"] = clv.reindex(table.index)
    table["ltv_to_cac"] = ltv_to_cac(table["account_value"], table["cost_per_win"])
    return table


COLUMNS = {
    "spend": ("Spend", "money"),
    "orders": ("Orders", "number"),
    "revenue": ("Revenue", "money"),
    "new_customers": ("New customers", "number"),
    "ctr": ("CTR", "pct2"),
    "cpc": ("CPC", "money"),
    "cpm": ("CPM", "money"),
    "cost_per_lead": ("Cost per lead", "money"),
    "cac": ("CAC", "money"),
    "roas": ("ROAS", "ratio2"),
    "gross_margin": ("Gross margin", "pct"),
    "break_even_roas": ("Break-even ROAS", "ratio2"),
    "roi": ("ROI", "pct"),
    "average_order_value": ("Average order value", "money"),
    "purchases_per_year": ("Purchases per year", "number2"),
    "years": ("Expected years (assumed)", "number"),
    "clv": ("CLV", "money"),
    "list_first": ("Subscribers at the start", "number"),
    "list_last": ("Subscribers at the end", "number"),
    "list_added": ("Subscribers added", "number"),
    "list_growth": ("Growth", "pct"),
}


def readable(table: pd.DataFrame, columns=None) -> pd.DataFrame:
    """A KPI table (`campaign_totals`, `cac_range`, `returns_by`, ...) or Series (`clv_inputs`) as text for reading.

    Shows the chosen columns (a Series: its rows) (by default every column `COLUMNS` knows, in the table's order), with
    plain headings and formatted values; a missing value shows as "n/a".

    Examples
    --------
    >>> table = pd.DataFrame({"spend": [100.0, 50.0], "clicks": [3.0, None], "ctr": [0.0312, None]},
    ...                      index=pd.Index(["search", "event"], name="channel"))
    >>> readable(table)
               Spend    CTR
    channel
    search   $100.00  3.12%
    event     $50.00    n/a
    >>> readable(list_growth(pd.DataFrame({"type": ["email newsletter"] * 2, "impressions": [200.0, 250.0],
    ...                                    "start_date": pd.to_datetime(["2025-01-01", "2025-12-01"])})))
                             newsletter subscribers
    Subscribers at the start                    200
    Subscribers at the end                      250
    Subscribers added                            50
    Growth                                    25.0%
    """
    if isinstance(table, pd.Series):  # one value per row: the headings go down the side
        return readable(table.to_frame().T, columns).T
    chosen = [column for column in table.columns if column in COLUMNS] if columns is None else columns
    return _readable(table, {column: COLUMNS[column] for column in chosen})


def conversations_by(
    interactions: pd.DataFrame, by: str = "staff", staff_hourly_cost: float = STAFF_HOURLY_COST
) -> pd.DataFrame:
    """Sales conversations per person (or per type): won, lost, open, win rate, hours and cost.

    Formulas: win_rate = won / (won + lost); hours = Σ minutes / 60; cost = hours ×
    staff_hourly_cost (`staff_cost`); cost_per_win = cost / won.

    Examples
    --------
    >>> talks = pd.DataFrame({"staff": ["Ann", "Ann", "Bo"], "outcome": ["won", "lost", "open"],
    ...                       "minutes": [30.0, 30.0, None]})
    >>> conversations_by(talks, staff_hourly_cost=12)
           won  lost  open  win_rate  hours  cost  cost_per_win
    staff
    Ann      1     1     0       0.5    1.0  12.0          12.0
    Bo       0     0     1       NaN    NaN   NaN           NaN
    """
    counts = outcome_counts(interactions, by=by)
    counts.columns.name = None
    key = interactions[by].fillna(UNKNOWN_CHANNEL)
    minutes = interactions["minutes"].groupby(key).sum(min_count=1).reindex(counts.index)
    hours = minutes / 60
    cost = staff_cost(minutes, staff_hourly_cost)
    table = counts.assign(
        win_rate=win_rate(counts["won"], counts["lost"]),
        hours=hours,
        cost=cost,
        cost_per_win=safe_divide(cost, counts["won"]),
    )
    table.index.name = by
    return table


def handoff_by(
    campaigns: pd.DataFrame, interactions: pd.DataFrame, start=None, end=None, by: str = "channel"
) -> pd.DataFrame:
    """Marketing's leads and what sales made of them, per marketing channel.

    Formulas: leads = Σ leads of the campaigns (pro-rated to the period); conversations =
    the period's interactions that name a campaign of the channel; follow_up_rate =
    conversations / leads; win_rate = won / (won + lost) of those conversations.

    Examples
    --------
    >>> campaigns = pd.DataFrame({"campaign_id": ["E1", "S1"], "channel": ["email", "social"],
    ...     "start_date": pd.to_datetime(["2025-03-01"] * 2), "end_date": pd.to_datetime(["2025-03-31"] * 2),
    ...     "spend": [50.0, 150.0], "leads": [20.0, 10.0]})
    >>> talks = pd.DataFrame({"date": pd.to_datetime(["2025-03-02"] * 3), "campaign_id": ["E1", "E1", "S1"],
    ...                       "outcome": ["won", "lost", "won"]})
    >>> handoff_by(campaigns, talks)
             leads  conversations  won  lost  open  follow_up_rate  win_rate
    channel
    email     20.0              2    1     1     0             0.1       0.5
    social    10.0              1    1     0     0             0.1       1.0
    """
    shown = prorate_campaigns(campaigns, start, end)
    channel_of = campaigns.set_index("campaign_id")[by].fillna(UNKNOWN_CHANNEL)
    talks = interactions[in_period(interactions["date"], start, end) & interactions["campaign_id"].notna()]
    talks = talks.assign(**{by: talks["campaign_id"].map(channel_of).fillna(UNKNOWN_CHANNEL)})
    leads = (
        shown["leads"].groupby(shown[by].fillna(UNKNOWN_CHANNEL)).sum(min_count=1)
        if "leads" in shown
        else pd.Series(dtype="float64")
    )
    counts = outcome_counts(talks, by=by) if len(talks) else pd.DataFrame(columns=list(OUTCOMES), dtype="int64")
    index = leads.index.union(counts.index, sort=False)
    counts = counts.reindex(index, fill_value=0).astype("int64")
    table = pd.DataFrame({"leads": leads.reindex(index).astype("float64"), "conversations": counts.sum(axis=1)})
    table = table.join(counts)
    table["follow_up_rate"] = follow_up_rate(table["conversations"], table["leads"])
    table["win_rate"] = win_rate(table["won"], table["lost"])
    table.index.name = by
    return table


# ---------------------------------------------------------------------------------------------
# One-to-many (campaigns) vs one-to-one (interactions)
# ---------------------------------------------------------------------------------------------


def _campaign_contacts(campaigns: pd.DataFrame, orders: pd.DataFrame | None) -> pd.DataFrame:
    """One row per campaign: reach (impressions), cost (spend), orders that name it."""
    if _attribution_known(orders):
        brought = campaigns["campaign_id"].map(orders["campaign_id"].value_counts()).fillna(0.0)
    else:
        brought = math.nan
    return pd.DataFrame({"reach": campaigns["impressions"], "cost": campaigns["spend"], "orders": brought})


def _interaction_contacts(interactions: pd.DataFrame, staff_hourly_cost: float) -> pd.DataFrame:
    """One row per conversation: reach 1, cost of the staff time, 1 order if won."""
    return pd.DataFrame(
        {
            "reach": 1.0,
            "cost": staff_cost(interactions["minutes"], staff_hourly_cost),
            "orders": interactions["outcome"].eq("won").astype("float64"),
        }
    )


def _whole_sum(values: pd.Series) -> float:
    """Σ values when every one is known; NaN when any is unknown (a part of the total is missing)."""
    return math.nan if values.isna().any() else float(values.sum())


def _approach_totals(contacts: pd.DataFrame | None) -> dict:
    """Totals of one approach over all its rows, and every ratio from those very totals.

    A total with an unknown part is unknown (NaN), so is every ratio that uses it: the row never
    divides totals of different rows.
    """
    if contacts is None:
        return {}
    reach, cost, orders = (_whole_sum(contacts[column]) for column in ("reach", "cost", "orders"))
    return {
        "count": float(len(contacts)),
        "reach": reach,
        "cost": cost,
        "orders": orders,
        "cost_per_contact": cost_per_contact(cost, reach),
        "conversion_per_contact": safe_divide(orders, reach),
        "cost_per_order": cost_per_order(cost, orders),
    }


def _fully_known(contacts: pd.DataFrame | None) -> pd.DataFrame | None:
    """The rows whose reach and cost are both known, when they are some but not all of the rows."""
    if contacts is None:
        return None
    known = contacts[contacts["reach"].notna() & contacts["cost"].notna()]
    return known if 0 < len(known) < len(contacts) else None


def one_to_many_vs_one_to_one(
    campaigns: pd.DataFrame | None,
    interactions: pd.DataFrame | None,
    orders: pd.DataFrame | None = None,
    staff_hourly_cost: float = STAFF_HOURLY_COST,
) -> pd.DataFrame:
    """Compare marketing campaigns (one-to-many) with sales conversations (one-to-one).

    Formulas, per approach:

    * count: campaigns; conversations (interactions).
    * reach: Σ impressions (campaigns); number of interactions (one-to-one).
    * cost: Σ spend; Σ minutes / 60 × staff_hourly_cost.
    * orders: orders naming the campaign (needs ``orders``); interactions won.
    * cost_per_contact = cost / reach, conversion_per_contact = orders / reach,
      cost_per_order = cost / orders.

    Every ratio in a row divides that row's own totals, so cost_per_contact / conversion_per_contact
    = cost_per_order holds in every row where all three are known. A total with an unknown part
    (a campaign whose impressions nobody counted, a conversation without minutes) is unknown: so
    the row also shows n/a for the ratios that need it. When only some rows lack a part, one more
    row, `ONE_TO_MANY_KNOWN` ("campaigns with known reach") or `ONE_TO_ONE_TIMED` ("timed
    conversations"), gives every total and ratio over the rows whose reach and cost are both known.

    Parameters
    ----------
    campaigns, interactions : DataFrame or None
        The contract tables (filter them to one period first). None gives a row of NaN.
    orders : DataFrame, optional
        Needed to count the orders campaigns brought.
    staff_hourly_cost : float, default 13.56
        Hourly cost of a bookseller (BLS 2022).

    Returns
    -------
    DataFrame indexed by approach: `ONE_TO_MANY`, then `ONE_TO_MANY_KNOWN` when it differs,
    `ONE_TO_ONE`, then `ONE_TO_ONE_TIMED` when it differs. Columns count, reach, cost, orders,
    cost_per_contact, conversion_per_contact, cost_per_order.

    Examples
    --------
    >>> campaigns = pd.DataFrame({"campaign_id": ["C-SOCIAL-01"], "spend": [150.0],
    ...                           "impressions": [10000.0]})
    >>> orders = pd.DataFrame({"campaign_id": ["C-SOCIAL-01", "C-SOCIAL-01", None]})
    >>> interactions = pd.DataFrame({"minutes": [10.0, 20.0], "outcome": ["won", "open"]})
    >>> table = one_to_many_vs_one_to_one(campaigns, interactions, orders)
    >>> table["cost_per_order"].round(2).to_dict()
    {'one-to-many (campaigns)': 75.0, 'one-to-one (interactions)': 6.78}

    An event whose reach nobody counted: the campaigns' row keeps its cost and orders, and the
    row of the campaigns with known reach gives the per-contact figures.

    >>> campaigns = pd.DataFrame({"campaign_id": ["C-SOCIAL-01", "C-EVENT-01"], "spend": [150.0, 50.0],
    ...                           "impressions": [10000.0, None]})
    >>> orders = pd.DataFrame({"campaign_id": ["C-SOCIAL-01", "C-SOCIAL-01", "C-EVENT-01"]})
    >>> table = one_to_many_vs_one_to_one(campaigns, None, orders)
    >>> table.loc[[ONE_TO_MANY, ONE_TO_MANY_KNOWN], ["reach", "cost", "orders", "cost_per_contact",
    ...                                              "cost_per_order"]].round(3).T
    approach          one-to-many (campaigns)  one-to-many: campaigns with known reach
    reach                                 NaN                                10000.000
    cost                              200.000                                  150.000
    orders                              3.000                                    2.000
    cost_per_contact                      NaN                                    0.015
    cost_per_order                     66.667                                   75.000
    """
    many = None if campaigns is None else _campaign_contacts(campaigns, orders)
    one = None if interactions is None else _interaction_contacts(interactions, staff_hourly_cost)
    rows = {
        ONE_TO_MANY: many,
        ONE_TO_MANY_KNOWN: _fully_known(many),
        ONE_TO_ONE: one,
        ONE_TO_ONE_TIMED: _fully_known(one),
    }
    shown = [name for name, contacts in rows.items() if contacts is not None or name in (ONE_TO_MANY, ONE_TO_ONE)]
    table = pd.DataFrame(
        [_approach_totals(rows[name]) for name in shown],
        index=pd.Index(shown, name="approach"),
        columns=APPROACH_COLUMNS,
    )
    return table.astype("float64")


def known_figure(table: pd.DataFrame, approach: str, column: str) -> tuple[str, float]:
    """One figure of an approach in `one_to_many_vs_one_to_one`, and the row it comes from.

    ``approach`` is `ONE_TO_MANY` or `ONE_TO_ONE`. The figure is that row's when it is known, else
    that of its rows with every part known (`ONE_TO_MANY_KNOWN`, `ONE_TO_ONE_TIMED`), if the table
    has them. Say which row a figure came from whenever the two differ.

    Examples
    --------
    >>> campaigns = pd.DataFrame({"campaign_id": ["S1", "V1"], "spend": [150.0, 50.0],
    ...                           "impressions": [10000.0, None]})
    >>> table = one_to_many_vs_one_to_one(campaigns, None, pd.DataFrame({"campaign_id": ["S1", "V1"]}))
    >>> known_figure(table, ONE_TO_MANY, "cost_per_order")
    ('one-to-many (campaigns)', 100.0)
    >>> known_figure(table, ONE_TO_MANY, "cost_per_contact")
    ('one-to-many: campaigns with known reach', 0.015)
    """
    row = approach
    known = {ONE_TO_MANY: ONE_TO_MANY_KNOWN, ONE_TO_ONE: ONE_TO_ONE_TIMED}[approach]
    if pd.isna(table.loc[approach, column]) and known in table.index:
        row = known
    return row, float(table.loc[row, column])


# ---------------------------------------------------------------------------------------------
# The summary: the contract of `smk summary --json` and of a report's metrics.json
# ---------------------------------------------------------------------------------------------

# metrics.json rounds money to cents and writes counts as integers: the catalogue's units, plus the
# nested keys of the tables inside a summary (revenue by channel, the target and count of a month).
MONEY_KEYS = catalog.keys_in_unit("money") | {"revenue_by_channel", "target", "open_value"}


def _plain(value):
    """Python str/int/float/bool/None/list/dict only; NaN, inf and NaT become None."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (str, bool)):
        return value
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, dt.date):  # also pd.Timestamp
        return value.strftime("%Y-%m-%d")
    raise TypeError(f"cannot put {type(value).__name__} into a summary: {value!r}")


def _campaign_part(business, start, end) -> dict:
    """Pro-rated campaign totals; a column the file lacks is unknown even with no rows to add."""
    if business.campaigns is None:
        return {}
    totals = campaign_totals(prorate_campaigns(business.campaigns, start, end)).to_dict()
    absent = {column for column in CAMPAIGN_NUMBERS if not business.has_column("campaigns", column)}
    return {key: math.nan if key in absent else value for key, value in totals.items()}


def _attributed_profit(business, start, end, attributed, gross_margin):
    """Gross profit of attributed orders, and what it was based on."""
    if business.has_column("orders", "gross_profit"):
        return attributed_gross_profit(business.orders, start, end), "gross_profit"
    if gross_margin is not None:
        return attributed * gross_margin, "gross_margin"
    return math.nan, None


def summary(business, start=None, end=None, gross_margin=None) -> dict:
    """The headline KPIs of a business, as plain data ready for JSON.

    Over the whole data unless a period is given. With ``start``/``end`` (calendar days, both
    included; None leaves a side open):

    * orders, interactions (by date) and targets (by month) are filtered to the period;
    * campaign spend, impressions, clicks and leads are pro-rated by the days a campaign
      overlaps the period (`prorate_campaigns`);
    * funnel rows count when their ``period`` month overlaps it; rows with a blank period are
      left out;
    * ``customers`` bought in the period; ``new_customers`` made their first order of the whole
      data in it (customers who bought before the data starts look new); repeats are counted
      inside the period;
    * ``quota_attainment`` has a row per target whose month overlaps the period, compared with
      the revenue of that whole month.

    Keys: business, period ({start, end} or None), revenue, orders, average_order_value, customers,
    new_customers, repeat_purchase_rate, revenue_by_channel ({channel: revenue}), gross_margin
    (`gross_margin_rate` of the period's orders; None without gross_profit), marketing_spend,
    marketing_share (`spend_share`), impressions, clicks, leads, ctr, cost_per_lead, cac
    (marketing_spend / new_customers), attributed_revenue, roas, marketing_roi, marketing_roi_basis,
    win_rate, funnel (list of {stage, count, rate_from_previous, rate_from_top}), quota_attainment (list
    of {period, staff, target, revenue, attainment}); from the deals of the sales pipeline (the
    interactions with a deal_value that became prospects in the period): deal_win_rate, open_deals,
    open_pipeline_value, weighted_forecast, days_to_close and pipeline (list of `stage_table` rows:
    {stage, reached, moved_on, lost_here, conversion, won, lost, win_rate, open_deals, open_value});
    from the survey answers of the period: nps, survey_answers and heard_from ({answer: share}; None
    without a heard_from column); from the touchpoints: journey_first_orders (first orders of the period
    with a journey) and attribution (list of {channel, first_touch, last_touch, linear}, the orders each
    model credits). The formulas are those of the functions of the same names.

    Null rules: an unknown value is None, never 0. Every key is always there; it is None when its file
    (or, for the pipeline, the deal_value column) is absent, when a column it sums is absent or blank in
    every row, or when a denominator is 0. ``attributed_revenue`` (and so ROAS and ROI) is None when no
    order has a campaign_id. ``marketing_roi`` uses the orders' gross_profit when the file has it, else
    ``gross_margin`` × attributed revenue when given, else None; ``marketing_roi_basis`` says which
    ("gross_profit", "gross_margin" or None).

    Parameters
    ----------
    business : Business
    start, end : str, date or None
        First and last day of the period, both included.
    gross_margin : float, optional
        A fraction (0.466 for 46.6%), used for marketing_roi when orders have no gross_profit.

    Returns
    -------
    dict of plain Python values (str, int, float, None, list, dict). `summary_json` writes it.

    Examples
    --------
    >>> from smk_helpers.core.data import Business
    >>> orders = pd.DataFrame({"order_id": ["1", "2", "3"], "customer_id": ["C1", "C1", "C2"],
    ...                        "order_date": ["2025-03-01", "2025-03-20", "2025-04-02"],
    ...                        "channel": ["in-store", "website", "in-store"],
    ...                        "revenue": [40.0, 20.0, 30.0]})
    >>> kpis = summary(Business.from_frames(orders=orders), start="2025-03-01", end="2025-03-31")
    >>> kpis["revenue"], kpis["orders"], kpis["repeat_purchase_rate"], kpis["win_rate"]
    (60.0, 2, 1.0, None)
    """

    _check_margin(gross_margin)
    start, end = to_day(start), to_day(end)
    if start is not None and end is not None and start > end:
        raise ValueError(f"the period starts after it ends: {start:%Y-%m-%d} > {end:%Y-%m-%d}.")

    all_orders = _known_customers(business.orders)
    orders = all_orders[in_period(all_orders["order_date"], start, end)]
    revenue = total_revenue(orders)
    new_customers = new_customer_count(all_orders, start, end)
    campaigns = _campaign_part(business, start, end)
    spend = campaigns.get("spend", math.nan)
    attributed = attributed_revenue(business.orders, start, end)
    profit, roi_basis = _attributed_profit(business, start, end, attributed, gross_margin)

    deal_win_rate = None
    if business.interactions is not None:
        interactions = business.interactions[in_period(business.interactions["date"], start, end)]
        counts = outcome_counts(interactions)
        deal_win_rate = win_rate(counts["won"], counts["lost"])
    funnel = None
    if business.funnel is not None:
        rows = business.funnel[months_in_period(business.funnel["period"], start, end)]
        funnel = funnel_table(rows).to_dict("records")
    quota = None
    if business.targets is not None:
        targets = business.targets[months_in_period(business.targets["period"], start, end)]
        quota = quota_attainment(business.orders, targets, business.interactions).to_dict("records")
    pipeline = _pipeline_part(business, start, end)
    voice = _survey_part(business, start, end)
    journeys = _attribution_part(business, start, end)

    return _plain(
        {
            "business": business.name,
            "period": None if start is None and end is None else {"start": start, "end": end},
            "revenue": revenue,
            "orders": order_count(orders),
            "average_order_value": average_order_value(revenue, order_count(orders)),
            "customers": customer_count(orders),
            "new_customers": new_customers,
            "repeat_purchase_rate": repeat_purchase_rate(orders),
            "revenue_by_channel": revenue_by_channel(orders).to_dict(),
            "gross_margin": (
                gross_margin_rate(known_sum(orders["gross_profit"]), revenue)
                if business.has_column("orders", "gross_profit")
                else None
            ),
            "marketing_spend": spend,
            "marketing_share": spend_share(spend, revenue),
            "impressions": campaigns.get("impressions"),
            "clicks": campaigns.get("clicks"),
            "leads": campaigns.get("leads"),
            "ctr": campaigns.get("ctr"),
            "cost_per_lead": campaigns.get("cost_per_lead"),
            "cac": cac(spend, new_customers),
            "attributed_revenue": attributed,
            "roas": roas(attributed, spend),
            "marketing_roi": marketing_roi(profit, spend),
            "marketing_roi_basis": roi_basis,
            "win_rate": deal_win_rate,
            "funnel": funnel,
            "quota_attainment": quota,
            **pipeline,
            **voice,
            **journeys,
        }
    )


def _pipeline_part(business, start, end) -> dict:
    """The sales pipeline's measures over the deals that became prospects in the period; None without a deal."""
    keys = ("deal_win_rate", "open_deals", "open_pipeline_value", "weighted_forecast", "days_to_close", "pipeline")
    if business.interactions is None or not business.has_column("interactions", "deal_value"):
        return dict.fromkeys(keys)
    interactions = business.interactions[in_period(business.interactions["date"], start, end)]
    table = stage_table(interactions)
    if table["reached"].iloc[0] == 0:  # no deal in the period: nothing is known about the pipeline
        return dict.fromkeys(keys)
    return {
        "deal_win_rate": table["win_rate"].iloc[0],
        "open_deals": int(table["open_deals"].sum()),
        "open_pipeline_value": open_pipeline_value(interactions),
        "weighted_forecast": weighted_forecast(interactions),
        "days_to_close": days_to_close(interactions),
        "pipeline": table.reset_index().to_dict("records"),
    }


def _survey_part(business, start, end) -> dict:
    """NPS and how customers heard of the business, over the answers of the period; None without a survey."""
    if business.survey is None:
        return dict.fromkeys(("nps", "survey_answers", "heard_from"))
    answers = business.survey[in_period(business.survey["date"], start, end)]
    return {
        "nps": nps(answers["score"]),
        "survey_answers": len(answers),
        "heard_from": (
            (heard_from_shares(answers).to_dict() if len(answers) else {})
            if business.has_column("survey", "heard_from")
            else None
        ),
    }


def _attribution_part(business, start, end) -> dict:
    """First orders of the period with a journey, and the orders each model credits to each channel."""
    if business.touchpoints is None:
        return dict.fromkeys(("journey_first_orders", "attribution"))
    table = attribution_table(business.touchpoints, business.orders, start=start, end=end)
    return {
        "journey_first_orders": int(round(table["linear"].sum())),
        "attribution": table.reset_index().to_dict("records"),
    }


COUNT_KEYS = catalog.keys_in_unit("count") | {"count", "reached", "moved_on", "lost_here", "won", "lost"}


def _for_json(value, money=False, count=False):
    """Round money to cents and other floats to 10 significant digits (-0.0 becomes 0.0).

    Whole counts (``COUNT_KEYS``) are written as integers: 19574, not 19574.0.
    """
    if isinstance(value, dict):
        return {key: _for_json(item, money or key in MONEY_KEYS, key in COUNT_KEYS) for key, item in value.items()}
    if isinstance(value, list):
        return [_for_json(item, money) for item in value]
    if isinstance(value, float):
        value = (round(value, 2) if money else float(f"{value:.10g}")) + 0.0
        return int(value) if count and value.is_integer() else value
    return value


# How a unit of the KPI catalogue is shown, as a kind of `smk_helpers.core.formatting.readable`.
UNIT_FORMATS = {
    "money": "money",
    "count": "number",
    "points": "number",
    "days": "days",
    "ratio": "ratio2",
    "pct": "pct",
    "pct2": "pct2",
}


def headline(summary_dict: dict, keys, name: str = "value") -> pd.DataFrame:
    """Some KPIs of a `summary`, named as the KPI catalogue names them and formatted by their unit.

    Parameters
    ----------
    summary_dict : dict
        What `summary` returns.
    keys : list of str
        The catalogue keys to show, in order (`smk_helpers.core.catalog.keys`).
    name : str, default "value"
        The heading of the values, such as the period.

    Returns
    -------
    DataFrame of str with one column, ``name``, indexed by the KPIs' labels.

    Examples
    --------
    >>> headline({"revenue": 1234.5, "orders": 20, "marketing_share": 0.021, "roas": None},
    ...          ["revenue", "orders", "marketing_share", "roas"], name="2025")
                                    2025
    Revenue                    $1,234.50
    Orders                            20
    Marketing spend / revenue       2.1%
    ROAS                             n/a
    """
    kpis_shown = [catalog.by_key(key) for key in keys]
    columns = {k.key: (k.label, UNIT_FORMATS[k.unit]) for k in kpis_shown}
    values = pd.DataFrame([{key: summary_dict[key] for key in keys}], dtype=object)
    return _readable(values, columns).iloc[0].rename(name).to_frame()


def summary_json(summary_dict: dict) -> str:
    """Write a summary as stable JSON text: the same summary gives the same bytes.

    Keys are sorted, indent is 2, the text ends with a newline; money is rounded to cents and
    other numbers to 10 significant digits; NaN is written as null. Non-ASCII text is kept as
    is, so write the file as UTF-8.

    Parameters
    ----------
    summary_dict : dict
        What `summary` returns (numpy numbers and NaN are accepted too).

    Returns
    -------
    str

    Examples
    --------
    >>> print(summary_json({"revenue": 1234.5678, "ctr": 0.0123456789012, "roas": float("nan")}), end="")
    {
      "ctr": 0.0123456789,
      "revenue": 1234.57,
      "roas": null
    }
    """
    plain = _for_json(_plain(summary_dict))
    return json.dumps(plain, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


# ---------------------------------------------------------------------------------------------
# The formulas as words, for glossaries and worksheets
# ---------------------------------------------------------------------------------------------


def formula(func) -> str:
    """The formula of a KPI function in words, as its docstring's ``Formula:`` line states it.

    The docstring is the formula's one home; glossaries and worksheets quote it from here. Only
    the first sentence is returned, without its full stop.

    Parameters
    ----------
    func : a function of `smk_helpers.core.kpis`, `.funnel`, `.pipeline`, `.attribution` or `.survey`

    Returns
    -------
    str

    Examples
    --------
    >>> formula(cac)
    'marketing spend / new customers'
    >>> formula(marketing_roi)
    '(attributed gross profit − spend) / spend'
    >>> formula(len)
    Traceback (most recent call last):
    ...
    ValueError: len has no 'Formula:' line in its docstring.
    """
    import inspect
    import re

    doc = inspect.getdoc(func) or ""
    paragraph = next((p for p in doc.split("\n\n") if p.startswith("Formula: ")), None)
    if paragraph is None:
        raise ValueError(f"{func.__name__} has no 'Formula:' line in its docstring.")
    text = " ".join(paragraph[len("Formula: ") :].split()).replace("``", "")
    return re.split(r"\.(?:\s|$)", text, maxsplit=1)[0]


def formula_of(kpi: catalog.Kpi | str) -> str:
    """How a catalogue KPI is worked out: its function's ``Formula:`` line, or for a total what it adds up.

    Examples
    --------
    >>> formula_of("cac")
    'marketing spend / new customers'
    >>> formula_of("impressions")
    'Σ campaign impressions (times shown)'
    """
    kpi = catalog.by_key(kpi) if isinstance(kpi, str) else kpi
    return formula(globals()[kpi.computed_by]) if kpi.computed_by else kpi.counts
