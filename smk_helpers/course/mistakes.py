"""The common KPI mistakes (GUIDE §4), each shown as a wrong number next to the right one.

Every function here returns a `Demo`: the mistake, the wrong number, the right number, and a
few words on how each was computed. Both numbers come from `smk_helpers.core.kpis` and
`smk_helpers.core.funnel`; the wrong one is what you get by feeding them the wrong inputs (or by
reading the result the wrong way), never a formula of its own. Lessons 06 and 07 show them one by one;
`all_demos` collects them for a period of a business, and `demo_table` lays them side by side.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core import kpis
from ..core.formatting import fmt_money, fmt_number, fmt_pct, fmt_ratio

KINDS = ("money", "percent", "ratio", "number")


@dataclass(frozen=True)
class Demo:
    """One mistake: the wrong number, the right number, and how each was computed.

    ``kind`` says how to show both numbers: "money", "percent" (a fraction), "ratio" or "number".
    ``over`` says which rows both numbers are worked out over (``all_demos`` fills it), so a table
    of demos never passes off one slice of the data for another. ``texts`` (wrong, right), when given,
    replace the two numbers in `frame`, and ``also_right`` (text, how) adds a second right row.
    """

    mistake: str
    wrong: float
    right: float
    wrong_how: str
    right_how: str
    kind: str = "number"
    digits: int = 1
    over: str = ""
    texts: tuple[str, str] | None = None
    also_right: tuple[str, str] | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {self.kind!r}.")

    def show(self, value: float) -> str:
        """A value as text in this demo's kind; an infinity shows as "inf" (that is the mistake)."""
        if value is not None and not pd.isna(value) and math.isinf(value):
            return "inf" if value > 0 else "-inf"
        if self.kind == "money":
            return fmt_money(value)
        if self.kind == "percent":
            return fmt_pct(value, self.digits)
        if self.kind == "ratio":
            return fmt_ratio(value, self.digits)
        return fmt_number(value, self.digits)

    def frame(self) -> pd.DataFrame:
        """The two numbers as a small table of text: one row for the wrong way, one for the right.

        Examples
        --------
        >>> Demo("open deals", 0.4, 0.5, "won / all", "won / (won + lost)", "percent").frame()
                value                 how
        wrong   40.0%           won / all
        right   50.0%  won / (won + lost)
        """
        values = list(self.texts) if self.texts else [self.show(self.wrong), self.show(self.right)]
        rows = [(values[0], self.wrong_how), (values[1], self.right_how)]
        rows += [self.also_right] if self.also_right else []
        return pd.DataFrame(
            {"value": [v for v, _ in rows], "how": [h for _, h in rows]},
            index=["wrong", "right", "right"][: len(rows)],
        )


def demo_frames(demos) -> pd.DataFrame:
    """Several demos' `Demo.frame` tables stacked, one block of rows per mistake.

    Examples
    --------
    >>> demo_frames([Demo("open deals", 0.4, 0.5, "won / all", "won / (won + lost)", "percent")])
                      value                 how
    open deals wrong  40.0%           won / all
               right  50.0%  won / (won + lost)
    """
    return pd.concat({demo.mistake: demo.frame() for demo in demos})


def demo_table(demos) -> pd.DataFrame:
    """Several demos side by side: one row per mistake, the wrong and the right number as text.

    When the demos say what they are worked out over (``Demo.over``), a last column, "over",
    says it: the rows of such a table may use other slices of the data than a lesson's examples.

    Examples
    --------
    >>> demo_table([Demo("open deals", 0.4, 0.5, "won / all", "won / (won + lost)", "percent")])
                wrong  right
    mistake
    open deals  40.0%  50.0%
    >>> demo_table([Demo("open deals", 0.4, 0.5, "won / all", "won / (won + lost)", "percent", over="2025")])
                wrong  right  over
    mistake
    open deals  40.0%  50.0%  2025
    """
    frame = pd.DataFrame(
        {"wrong": [d.show(d.wrong) for d in demos], "right": [d.show(d.right) for d in demos]},
        index=pd.Index([d.mistake for d in demos], name="mistake"),
    )
    if any(d.over for d in demos):
        frame["over"] = [d.over for d in demos]
    return frame


# ---------------------------------------------------------------------------------------------
# The mistakes of GUIDE §4, in its order
# ---------------------------------------------------------------------------------------------


def zero_denominator(numerator, denominator, what: str = "rate") -> Demo:
    """Dividing by zero: the answer is unknown ("n/a"), not 0 and not infinity.

    Wrong: plain division, where 0 / 0 gives a blank that a spreadsheet's IFERROR turns into 0,
    and x / 0 gives infinity. Right: `kpis.safe_divide`, which gives NaN (shown as "n/a").

    Parameters
    ----------
    numerator, denominator : number
    what : str
        What the ratio is, for the labels.

    Returns
    -------
    Demo (kind "percent")

    Examples
    --------
    >>> zero_denominator(0, 0).frame()
          value                              how
    wrong  0.0%         0 / 0 with the blank filled as 0
    right   n/a  kpis.safe_divide: unknown, shown as n/a
    >>> zero_denominator(3, 0).wrong
    inf
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        plain = float(np.float64(numerator) / np.float64(denominator))
    wrong, how = (0.0, "with the blank filled as 0") if math.isnan(plain) else (plain, "divided as it is")
    return Demo(
        f"{what} with a zero denominator",
        wrong,
        kpis.safe_divide(numerator, denominator),
        f"{fmt_number(numerator)} / {fmt_number(denominator)} {how}",
        "kpis.safe_divide: unknown, shown as n/a",
        "percent",
    )


def mean_of_ratios(campaigns: pd.DataFrame) -> Demo:
    """CTR over several campaigns: the mean of their CTRs is not the CTR of all of them.

    Wrong: the mean of each campaign's `kpis.ctr`, which gives a small campaign as much weight
    as a big one. Right: Σ clicks / Σ impressions (`kpis.campaign_totals`).

    Parameters
    ----------
    campaigns : DataFrame with ``impressions``, ``clicks`` and ``spend`` (pro-rate it to a period first)

    Returns
    -------
    Demo (kind "percent")

    Examples
    --------
    >>> campaigns = pd.DataFrame({"spend": [10.0, 300.0], "impressions": [100.0, 10000.0],
    ...                           "clicks": [10.0, 100.0], "leads": [1.0, 5.0]})
    >>> demo = mean_of_ratios(campaigns)  # 10% and 1%: their mean is 5.5%, but 110 / 10,100 is 1.1%
    >>> round(demo.wrong, 4), round(demo.right, 4)
    (0.055, 0.0109)
    """
    known = campaigns[campaigns["impressions"].notna() & campaigns["clicks"].notna()]
    wrong = float(kpis.ctr(known["clicks"], known["impressions"]).mean())
    right = float(kpis.campaign_totals(known)["ctr"])
    return Demo(
        "CTR as a mean of ratios",
        wrong,
        right,
        f"mean of the {len(known)} campaigns' CTRs",
        "Σ clicks / Σ impressions",
        "percent",
        2,
    )


def simpson_example() -> pd.DataFrame:
    """Simpson's paradox in a made-up example: better in every group, worse overall.

    Bookseller A wins more often than B at special orders *and* at recommendations, yet B's
    win rate over both is higher: A takes on far more of the hard recommendations. All win rates
    are `kpis.win_rate`; the numbers are invented for the illustration.

    Returns
    -------
    DataFrame indexed by (bookseller, kind of conversation), columns won, lost, win_rate

    Examples
    --------
    >>> table = simpson_example()
    >>> table["win_rate"].round(3).to_dict()  # doctest: +NORMALIZE_WHITESPACE
    {('A', 'special orders'): 0.9, ('A', 'recommendations'): 0.3, ('A', 'both'): 0.5,
     ('B', 'special orders'): 0.85, ('B', 'recommendations'): 0.25, ('B', 'both'): 0.679}
    """
    counts = {
        ("A", "special orders"): (45, 5),
        ("A", "recommendations"): (30, 70),
        ("B", "special orders"): (85, 15),
        ("B", "recommendations"): (10, 30),
    }
    rows = []
    for person in ("A", "B"):
        mine = [(kind, won, lost) for (who, kind), (won, lost) in counts.items() if who == person]
        mine.append(("both", sum(r[1] for r in mine), sum(r[2] for r in mine)))
        rows += [(person, kind, won, lost, kpis.win_rate(won, lost)) for kind, won, lost in mine]
    table = pd.DataFrame(rows, columns=["bookseller", "kind of conversation", "won", "lost", "win_rate"])
    return table.set_index(["bookseller", "kind of conversation"])


def different_periods(
    orders: pd.DataFrame, campaigns: pd.DataFrame, start, end, customers_start, customers_end
) -> Demo:
    """CAC with spend from one period and new customers from another.

    Wrong: spend of ``start``–``end`` / new customers of ``customers_start``–``customers_end``.
    Right: both from ``start``–``end`` (`kpis.cac`, `kpis.new_customer_count`,
    `kpis.prorate_campaigns`).

    Parameters
    ----------
    orders : DataFrame (all orders: "new" is judged over the whole table)
    campaigns : DataFrame
    start, end : the period the question is about
    customers_start, customers_end : the (wrong) period the new customers were counted in
        (None leaves that side open)

    Returns
    -------
    Demo (kind "money")

    Examples
    --------
    >>> orders = pd.DataFrame({"customer_id": ["C1", "C2", "C3", "C4"],
    ...                        "order_date": pd.to_datetime(["2025-01-10", "2025-02-10", "2025-03-10", "2025-03-20"])})
    >>> campaigns = pd.DataFrame({"start_date": pd.to_datetime(["2025-03-01"]),
    ...                           "end_date": pd.to_datetime(["2025-03-31"]),
    ...                           "spend": [100.0], "impressions": [None], "clicks": [None], "leads": [None]})
    >>> demo = different_periods(orders, campaigns, "2025-03-01", "2025-03-31", "2025-01-01", "2025-03-31")
    >>> demo.wrong, demo.right  # $100 over 4 customers of the quarter, or over the 2 of March
    (25.0, 50.0)
    """
    spend = kpis.campaign_totals(kpis.prorate_campaigns(campaigns, start, end))["spend"]
    right = kpis.cac(spend, kpis.new_customer_count(orders, start, end))
    wrong = kpis.cac(spend, kpis.new_customer_count(orders, customers_start, customers_end))

    def days(first, last):
        if first is None and last is None:
            return "all the data"
        return (
            f"{'the start' if first is None else f'{pd.Timestamp(first):%Y-%m-%d}'} to "
            f"{'the end' if last is None else f'{pd.Timestamp(last):%Y-%m-%d}'}"
        )

    return Demo(
        "CAC from two different periods",
        wrong,
        right,
        f"spend of {days(start, end)} / new customers of {days(customers_start, customers_end)}",
        f"spend and new customers both of {days(start, end)}",
        "money",
        2,
    )


def sessions_vs_users(orders: pd.DataFrame, start=None, end=None) -> Demo:
    """Counting visits (orders, sessions) where people (customers, users) are meant.

    Wrong: the number of identified orders, as if each were a different customer. Right:
    `kpis.customer_count`, the distinct customers behind them. Every per-customer KPI (CAC,
    revenue per customer, a conversion rate of people) inherits the error.

    Parameters
    ----------
    orders : DataFrame with ``customer_id`` and ``order_date``
    start, end : str, date or None

    Returns
    -------
    Demo (kind "number")

    Examples
    --------
    >>> orders = pd.DataFrame({"customer_id": ["C1", "C1", "C1", "C2", None],
    ...                        "order_date": pd.to_datetime(["2025-03-01"] * 5)})
    >>> demo = sessions_vs_users(orders)
    >>> demo.wrong, demo.right
    (4, 2)
    """
    inside = orders[kpis.in_period(orders["order_date"], start, end)]
    identified = inside[inside["customer_id"].notna() & inside["customer_id"].astype("str").str.strip().ne("")]
    return Demo(
        "customers counted as visits",
        kpis.order_count(identified),
        kpis.customer_count(inside),
        "orders with a customer id, each taken for a customer",
        "distinct customer ids",
        "number",
        0,
    )


def percent_vs_points(before: float, after: float, what: str = "rate") -> Demo:
    """A change in a rate: percentage points are not percent.

    Wrong: after − before, reported with a "%" (2% → 3% "up 1%"). Right: the same gap in percentage
    points (up 1 pp), or the relative change, (after − before) / before, in percent (up 50% relative).
    Say which: "pp" for the gap between two rates, "%" for the relative change.

    Parameters
    ----------
    before, after : float
        Two rates, as fractions.
    what : str
        What the rate is, for the labels.

    Returns
    -------
    Demo (kind "percent"): ``wrong`` is the gap, ``right`` the relative change; its `Demo.frame` shows the gap
    twice, as "%" (wrong) and as "pp" (right), and the relative change as a second right row.

    Examples
    --------
    >>> demo = percent_vs_points(0.02, 0.03, "conversion rate")
    >>> demo.frame()
                      value                                                how
    wrong            +1.00%         3.00% − 2.00%: points, written as percent
    right          +1.00 pp       3.00% − 2.00%: the gap, in percentage points
    right  +50.00% relative       (3.00% − 2.00%) / 2.00%: the relative change
    """
    change = after - before
    relative = kpis.safe_divide(change, before)
    b, a = fmt_pct(before, 2 if before < 0.1 else 1), fmt_pct(after, 2 if after < 0.1 else 1)
    digits = 2 if abs(change) < 0.01 else 1
    sign = "+" if change >= 0 else ""
    gap = f"{sign}{fmt_pct(change, digits)}"
    return Demo(
        f"change in {what}: percent vs points",
        change,
        relative,
        f"{a} − {b}: points, written as percent",
        f"{a} − {b}: the gap, in percentage points",
        "percent",
        digits,
        texts=(gap, f"{gap.removesuffix('%')} pp"),
        also_right=(f"{sign}{fmt_pct(relative, digits)} relative", f"({a} − {b}) / {b}: the relative change"),
    )


def clv_revenue_vs_margin(aov: float, purchases_per_year: float, years: float, gross_margin: float) -> Demo:
    """Customer lifetime value in revenue instead of in margin.

    Wrong: `kpis.simple_clv` with a gross margin of 100% (the revenue a customer brings). Right:
    with the real gross margin: what is left to pay for acquiring and keeping the customer.

    Parameters
    ----------
    aov, purchases_per_year, years : float
    gross_margin : float (a fraction)

    Returns
    -------
    Demo (kind "money")

    Examples
    --------
    >>> demo = clv_revenue_vs_margin(aov=48, purchases_per_year=5, years=3, gross_margin=0.5)
    >>> demo.wrong, demo.right
    (720.0, 360.0)
    """
    return Demo(
        "CLV in revenue instead of margin",
        kpis.simple_clv(aov, purchases_per_year, years, 1.0),
        kpis.simple_clv(aov, purchases_per_year, years, gross_margin),
        "AOV × purchases a year × years",
        f"the same × gross margin ({fmt_pct(gross_margin)})",
        "money",
    )


def roas_as_profit(orders: pd.DataFrame, campaigns: pd.DataFrame, start=None, end=None) -> Demo:
    """ROAS read as profit: "every dollar brought back $2.65, so we made $1.65 on it".

    Wrong: ROAS − 1 taken as the profit on each dollar spent. Right: `kpis.marketing_roi`,
    (attributed gross profit − spend) / spend. The campaigns pay for themselves only when ROAS
    is above `kpis.break_even_roas`.

    Parameters
    ----------
    orders : DataFrame with ``campaign_id``, ``revenue`` and ``gross_profit`` (all orders)
    campaigns : DataFrame
    start, end : str, date or None

    Returns
    -------
    Demo (kind "percent": profit per dollar spent)

    Examples
    --------
    >>> orders = pd.DataFrame({"campaign_id": ["E1", None], "revenue": [300.0, 50.0], "gross_profit": [135.0, 20.0],
    ...                        "order_date": pd.to_datetime(["2025-03-05", "2025-03-06"])})
    >>> campaigns = pd.DataFrame({"start_date": pd.to_datetime(["2025-03-01"]),
    ...                           "end_date": pd.to_datetime(["2025-03-31"]),
    ...                           "spend": [100.0], "impressions": [None], "clicks": [None], "leads": [None]})
    >>> demo = roas_as_profit(orders, campaigns)  # ROAS 3.0x, but only $135 - $100 of profit
    >>> round(demo.wrong, 2), round(demo.right, 2)
    (2.0, 0.35)
    """
    spend = kpis.campaign_totals(kpis.prorate_campaigns(campaigns, start, end))["spend"]
    roas = kpis.roas(kpis.attributed_revenue(orders, start, end), spend)
    roi = kpis.marketing_roi(kpis.attributed_gross_profit(orders, start, end), spend)
    return Demo(
        "ROAS read as profit",
        roas - 1,
        roi,
        f"ROAS {fmt_ratio(roas, 2)} − 1, taken as profit per dollar",
        "ROI: (attributed gross profit − spend) / spend",
        "percent",
    )


def _claimed_by_sales(orders: pd.DataFrame, interactions: pd.DataFrame) -> pd.Series:
    won = interactions.loc[interactions["outcome"].eq("won"), "order_id"].dropna()
    return orders["order_id"].isin(won)


def double_counting(orders: pd.DataFrame, interactions: pd.DataFrame, start=None, end=None) -> Demo:
    """Two claims on one order: marketing credits it to a campaign, sales to a won conversation.

    Wrong: the revenue marketing claims (`kpis.attributed_revenue`) plus the revenue sales
    claims (`kpis.staff_revenue`), added up. Right: `kpis.total_revenue` of the orders that at
    least one side claims, each order once. Ad platforms do the same to each other: each counts
    the orders its own clicks touched.

    Parameters
    ----------
    orders : DataFrame with ``order_id``, ``order_date``, ``campaign_id``, ``revenue``
    interactions : DataFrame with ``outcome``, ``order_id`` and ``staff``
    start, end : str, date or None

    Returns
    -------
    Demo (kind "money")

    Examples
    --------
    >>> orders = pd.DataFrame({"order_id": ["1", "2", "3"], "campaign_id": ["E1", "E1", None],
    ...                        "revenue": [40.0, 30.0, 20.0], "order_date": pd.to_datetime(["2025-03-01"] * 3)})
    >>> interactions = pd.DataFrame({"staff": ["Maya", "Tom"], "outcome": ["won", "won"], "order_id": ["2", "3"]})
    >>> demo = double_counting(orders, interactions)  # order 2 is claimed twice
    >>> demo.wrong, demo.right
    (120.0, 90.0)
    """
    inside = orders[kpis.in_period(orders["order_date"], start, end)]
    marketing = kpis.attributed_revenue(inside)
    sales = kpis.known_sum(kpis.staff_revenue(inside, interactions)["revenue"])
    claimed = inside[inside["campaign_id"].notna() | _claimed_by_sales(inside, interactions)]
    return Demo(
        "attribution double counting",
        marketing + sales,
        kpis.total_revenue(claimed),
        "marketing's claimed revenue + sales' claimed revenue",
        "revenue of the claimed orders, each once",
        "money",
    )


def open_deals(interactions: pd.DataFrame, start=None, end=None) -> Demo:
    """Win rate with the open conversations counted as if they were lost.

    Wrong: won / (won + lost + open). Right: `kpis.win_rate`, won / (won + lost): an open
    conversation has not been decided yet.

    Parameters
    ----------
    interactions : DataFrame with ``outcome`` and ``date``
    start, end : str, date or None

    Returns
    -------
    Demo (kind "percent")

    Examples
    --------
    >>> interactions = pd.DataFrame({"outcome": ["won", "won", "lost", "open"],
    ...                              "date": pd.to_datetime(["2025-03-01"] * 4)})
    >>> demo = open_deals(interactions)
    >>> round(demo.wrong, 3), round(demo.right, 3)
    (0.5, 0.667)
    """
    counts = kpis.outcome_counts(interactions[kpis.in_period(interactions["date"], start, end)])
    won, lost, still_open = (int(counts[key]) for key in ("won", "lost", "open"))
    return Demo(
        "open deals in the win rate",
        kpis.win_rate(won, lost + still_open),
        kpis.win_rate(won, lost),
        f"{fmt_number(won)} won / {fmt_number(won + lost + still_open)} conversations",
        f"{fmt_number(won)} won / {fmt_number(won + lost)} decided (won + lost)",
        "percent",
    )


# ---------------------------------------------------------------------------------------------
# All of them for one business and period
# ---------------------------------------------------------------------------------------------


def _empty_stage(funnel: pd.DataFrame, start, end, where: bool = False):
    """(numerator, denominator) of the first month and source whose stage above is empty, or (0, 0).

    With ``where``, a third item says which month, source and stage that is (or that none is empty).
    """
    from ..core.funnel import funnel_table

    rows = funnel[kpis.months_in_period(funnel["period"], start, end)]
    for (month, source), group in rows.groupby(["period", "source"], sort=True):
        table = funnel_table(group)
        counts, stages = table["count"].tolist(), table["stage"].tolist()
        for k, (above, here) in enumerate(zip(counts, counts[1:], strict=False)):
            if above == 0:
                found = f"{source} funnel, {month}: {stages[k + 1]} / {stages[k]}"
                return (here, above, found) if where else (here, above)
    return (0, 0, "no empty stage in the period: 0 / 0 stands in") if where else (0, 0)


def all_demos(business, start=None, end=None) -> list[Demo]:
    """Every mistake of GUIDE §4 on one business and period (the tables it needs must be there).

    Each demo is worked out over the whole period (or, for the zero denominator, over the first
    month and funnel source of the period with an empty stage), and its ``over`` says so: the
    percent-vs-points demo compares the CTR of this period with the CTR of the same period a
    year earlier; the different-periods demo counts new customers over all the data; the CLV demo
    assumes customers stay 3 years. A lesson's own example of a mistake may use another slice.

    Parameters
    ----------
    business : Business (orders with gross_profit, campaigns, funnel and interactions)
    start, end : str or date
        First and last day of the period.

    Returns
    -------
    list of Demo, in the order of GUIDE §4

    Examples
    --------
    >>> from smk_helpers import load_bookhub
    >>> demos = all_demos(load_bookhub(), "2025-01-01", "2025-12-31")
    >>> len(demos), all(d.wrong != d.right for d in demos)
    (9, True)
    >>> demos[4].over
    "the period's CTR against the same dates a year earlier"
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    orders, campaigns = business.orders, business.campaigns
    a_year = pd.DateOffset(years=1)
    ctr_now = kpis.campaign_totals(kpis.prorate_campaigns(campaigns, start, end))["ctr"]
    ctr_before = kpis.campaign_totals(kpis.prorate_campaigns(campaigns, start - a_year, end - a_year))["ctr"]
    profit = kpis.ratio_of_sums(
        *(
            orders.loc[kpis.in_period(orders["order_date"], start, end), column]
            for column in ("gross_profit", "revenue")
        )
    )
    inside = orders[kpis.in_period(orders["order_date"], start, end)]
    identified = inside[inside["customer_id"].notna()]
    years = kpis.safe_divide((end - start).days + 1, 365)
    per_year = kpis.safe_divide(kpis.safe_divide(kpis.order_count(identified), kpis.customer_count(identified)), years)
    aov = kpis.average_order_value(kpis.total_revenue(identified), kpis.order_count(identified))
    here, above, where = _empty_stage(business.funnel, start, end, where=True)
    demos = {
        where: zero_denominator(here, above, what="stage rate"),
        "the period's campaigns": mean_of_ratios(kpis.prorate_campaigns(campaigns, start, end)),
        "the period's spend; new customers of all the data (wrong) or of the period": different_periods(
            orders, campaigns, start, end, None, None
        ),
        "the period's identified orders": sessions_vs_users(orders, start, end),
        "the period's CTR against the same dates a year earlier": percent_vs_points(ctr_before, ctr_now, "CTR"),
        "the period's identified customers, staying 3 years": clv_revenue_vs_margin(aov, per_year, 3, profit),
        "the period's campaigns and attributed orders": roas_as_profit(orders, campaigns, start, end),
        "the period's orders": double_counting(orders, business.interactions, start, end),
        "every conversation of the period": open_deals(business.interactions, start, end),
    }
    return [dataclasses.replace(demo, over=over) for over, demo in demos.items()]
