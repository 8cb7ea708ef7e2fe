"""Each seller's results over one period: conversations, hours, win rate, revenue won and attainment of target.

Tracking each seller's performance is one of the seven sales activities (lesson 01); lesson 08 does it for The
Book Hub's booksellers and Northway's reps. The formulas are `smk_helpers.core.kpis`'s (`conversations_by`,
`staff_revenue`, `quota_attainment`, `win_rate`): this module sets them side by side for one period
(`seller_table`), and says where one person falls short of the others (`drivers`).

The rules of every KPI hold: ratios are ratios of sums, and a zero denominator gives NaN.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import kpis
from .formatting import fmt_number
from .formatting import readable as _readable
from .rules import in_period, ratio_of_sums, safe_divide

__all__ = ["COLUMNS", "DRIVERS", "LEVERS", "TEAM_SPLITS", "drivers", "readable", "seller_table", "who_handles"]

# The columns of `seller_table`, with the heading and format `readable` shows them in.
COLUMNS = {
    "conversations": ("Conversations", "number"),
    "won": ("Won", "number"),
    "lost": ("Lost", "number"),
    "open": ("Open", "number"),
    "win_rate": ("Win rate", "pct"),
    "hours": ("Hours talking", "number1"),
    "paid_hours": ("Paid hours", "number"),
    "conversations_per_paid_hour": ("Conversations per paid hour", "number2"),
    "revenue_won": ("Revenue won", "money0"),
    "revenue_per_win": ("Revenue per win", "money"),
    "target": ("Target", "money0"),
    "attainment": ("Attainment", "pct"),
    "months_on_target": ("Months on target", "number"),
    "target_months": ("Months with a target", "number"),
}
# What a person's revenue per paid hour is made of, in order: how many conversations, how many won, how big.
DRIVERS = ("conversations_per_paid_hour", "win_rate", "revenue_per_win")
# What a manager can do about each driver, in a word: more conversations (hours, leads), more of them won
# (coaching), or bigger sales (the larger deals, a second item). Lesson 08's exercise 08.3 offers these.
LEVERS = {
    "conversations_per_paid_hour": "more conversations",
    "win_rate": "more wins",
    "revenue_per_win": "bigger sales",
}
# The three usual ways to divide a sales team, each with what it gives one seller to look after (lesson 08).
TEAM_SPLITS = {
    "region": "an area, and every buyer in it",
    "product": "one product line, sold to every buyer",
    "customer type": "one kind of buyer: new or existing, small or large, one trade",
}


def _months(start, end):
    """The first and last month ("YYYY-MM") of a period; None leaves that side open."""
    first = None if start is None else pd.Timestamp(start).strftime("%Y-%m")
    last = None if end is None else pd.Timestamp(end).strftime("%Y-%m")
    return first, last


def _in_months(periods: pd.Series, first, last) -> pd.Series:
    inside = pd.Series(True, index=periods.index)
    if first is not None:
        inside &= periods >= first
    if last is not None:
        inside &= periods <= last
    return inside


def seller_table(
    orders: pd.DataFrame,
    interactions: pd.DataFrame,
    targets: pd.DataFrame | None = None,
    staff: pd.DataFrame | None = None,
    start=None,
    end=None,
) -> pd.DataFrame:
    """Each seller's conversations, hours, win rate, revenue won and attainment of target, over one period.

    Formula: win_rate = won / (won + lost); hours = Σ minutes / 60; revenue_won = Σ revenue of the orders of the
    person's won conversations (`kpis.staff_revenue`); revenue_per_win = revenue_won / won; attainment = Σ revenue of
    the months with a target / Σ target (`kpis.quota_attainment`); paid_hours = hours_per_week × days / 7;
    conversations_per_paid_hour = conversations / paid_hours.

    Conversations count by their date; revenue, targets and attainment by whole months, from the month of ``start``
    to the month of ``end`` (an order counts in the month it was placed). The team's target rows are left out.

    Parameters
    ----------
    orders, interactions : DataFrame
        The contract tables (all of them: the period is chosen here).
    targets : DataFrame, optional
        ``targets.csv``: period, target, staff. Without it, target and attainment are NaN.
    staff : DataFrame, optional
        ``staff.csv``: staff, hours_per_week. Without it, paid hours are NaN.
    start, end : str, date or None
        First and last day; None takes the first or last conversation's day.

    Returns
    -------
    DataFrame indexed by staff, with the columns of `COLUMNS`.

    Examples
    --------
    >>> table = seller_table(EXAMPLE_ORDERS, EXAMPLE_TALKS, EXAMPLE_TARGETS, EXAMPLE_STAFF, "2025-03-01", "2025-03-28")
    >>> table[["conversations", "win_rate", "paid_hours", "revenue_won", "attainment"]]
           conversations  win_rate  paid_hours  revenue_won  attainment
    staff
    Ann                3       0.5        40.0        100.0        0.50
    Bo                 1       1.0        80.0        300.0        1.25
    """
    days = interactions["date"]
    start = days.min() if start is None and len(days) else start
    end = days.max() if end is None and len(days) else end
    talks = interactions[in_period(days, start, end)]
    counts = kpis.conversations_by(talks, by="staff")
    table = counts[["won", "lost", "open", "win_rate", "hours"]].copy()
    table.insert(0, "conversations", counts[["won", "lost", "open"]].sum(axis=1))

    first, last = _months(start, end)
    credited = kpis.staff_revenue(orders, interactions)
    credited = credited[_in_months(credited["period"], first, last)]
    revenue = credited.groupby("staff")["revenue"].sum()

    people = set(table.index) | set(revenue.index)
    aims = None
    if targets is not None:
        person = targets[targets["staff"].notna() & _in_months(targets["period"], first, last)]
        aims = kpis.quota_attainment(orders, person, interactions)
        people |= set(aims["staff"])
    if staff is not None:
        people |= set(staff["staff"])
    table = table.reindex(sorted(people))
    for column in ("conversations", "won", "lost", "open"):
        table[column] = table[column].fillna(0).astype("int64")
    table["win_rate"] = kpis.win_rate(table["won"], table["lost"])
    table.index.name = "staff"

    known = start is not None and end is not None
    weeks = ((pd.Timestamp(end).normalize() - pd.Timestamp(start).normalize()).days + 1) / 7 if known else np.nan
    paid = staff.set_index("staff")["hours_per_week"] * weeks if staff is not None else pd.Series(dtype=float)
    table["paid_hours"] = paid.reindex(table.index).astype(float)
    table["conversations_per_paid_hour"] = safe_divide(table["conversations"], table["paid_hours"])
    table["revenue_won"] = revenue.reindex(table.index).fillna(0.0)
    table["revenue_per_win"] = safe_divide(table["revenue_won"], table["won"])
    if aims is not None and len(aims):
        table["target"] = aims.groupby("staff")["target"].sum().reindex(table.index)
        table["attainment"] = ratio_of_sums(aims["revenue"], aims["target"], by=aims["staff"]).reindex(table.index)
        on_target = (aims["attainment"] >= 1).groupby(aims["staff"]).sum()
        table["months_on_target"] = on_target.reindex(table.index).astype(float)
        table["target_months"] = aims.groupby("staff").size().reindex(table.index).astype(float)
    else:
        for column in ("target", "attainment", "months_on_target", "target_months"):
            table[column] = np.nan
    return table[list(COLUMNS)]


def drivers(table: pd.DataFrame, person: str, others=None) -> pd.Series:
    """Where one seller stands against the others on the three drivers of revenue per paid hour.

    Formula: for each driver, the person's value / the others' value, the others' as a ratio of their sums:
    conversations per paid hour = Σ conversations / Σ paid hours; win rate = Σ won / (Σ won + Σ lost); revenue per
    win = Σ revenue won / Σ won.

    Revenue per paid hour is nearly the product of the three (exactly, if no conversation is still open), so the
    driver furthest below 1 is where most of the gap comes from.

    Parameters
    ----------
    table : DataFrame
        A `seller_table`.
    person : str
        A name in its index.
    others : list of str, optional
        Whom to compare with; everyone else in the table by default.

    Returns
    -------
    Series indexed by `DRIVERS`: 1.0 is as good as the others, 0.9 is 10% below them.

    Examples
    --------
    >>> table = seller_table(EXAMPLE_ORDERS, EXAMPLE_TALKS, EXAMPLE_TARGETS, EXAMPLE_STAFF, "2025-03-01", "2025-03-28")
    >>> drivers(table, "Ann").round(3).to_dict()  # Ann: 3 talks in 40 h, 1 of 2 won, $100; Bo: 1 in 80 h, won, $300
    {'conversations_per_paid_hour': 6.0, 'win_rate': 0.5, 'revenue_per_win': 0.333}
    """
    if person not in table.index:
        raise KeyError(f"{person!r} is not in the table; the sellers are {', '.join(map(str, table.index))}.")
    rest = table.drop(index=person) if others is None else table.loc[list(others)]
    sums = rest[["conversations", "won", "lost", "paid_hours", "revenue_won"]].sum(min_count=1)
    theirs = pd.Series(
        {
            "conversations_per_paid_hour": safe_divide(sums["conversations"], sums["paid_hours"]),
            "win_rate": kpis.win_rate(sums["won"], sums["lost"]),
            "revenue_per_win": safe_divide(sums["revenue_won"], sums["won"]),
        }
    )
    mine = table.loc[person, list(DRIVERS)].astype(float)
    return safe_divide(mine, theirs).rename(person)


def who_handles(interactions: pd.DataFrame, by: str = "type") -> pd.DataFrame:
    """How a team shares the work: each seller's share of every kind of conversation.

    Formula: share = conversations of the kind held by the seller / conversations of the kind; each
    column adds up to 1. A team split by customer type shows one seller (or a pair) per kind.

    Parameters
    ----------
    interactions : DataFrame
        ``interactions.csv``, with its ``staff`` column; a conversation without a seller is left out.
    by : str, default "type"
        The column whose kinds to share out (``"type"``, ``"lead_source"``, ...).

    Returns
    -------
    DataFrame indexed by staff, one column per kind.

    Examples
    --------
    >>> who_handles(EXAMPLE_TALKS.assign(type=["call", "call", "visit", "call"])).round(2)
    type   call  visit
    staff
    Ann    0.67    1.0
    Bo     0.33    0.0
    """
    talks = interactions[interactions["staff"].notna() & interactions[by].notna()]
    counts = talks.groupby(["staff", by]).size().unstack(fill_value=0)
    return safe_divide(counts, counts.sum())


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """A `seller_table` (or some of its columns) as text for reading: plain headings, money, percentages.

    Examples
    --------
    >>> table = seller_table(EXAMPLE_ORDERS, EXAMPLE_TALKS, EXAMPLE_TARGETS, EXAMPLE_STAFF, "2025-03-01", "2025-03-28")
    >>> readable(table[["win_rate", "conversations_per_paid_hour", "revenue_won", "attainment"]])
          Win rate Conversations per paid hour Revenue won Attainment
    staff
    Ann      50.0%                        0.07        $100      50.0%
    Bo      100.0%                        0.01        $300     125.0%
    """
    shown = {column: COLUMNS[column] for column in table.columns if column in COLUMNS}
    two_decimals = [column for column, (_, kind) in shown.items() if kind == "number2"]
    text = _readable(
        table, {c: (heading, "number1" if c in two_decimals else kind) for c, (heading, kind) in shown.items()}
    )
    for column in two_decimals:
        text[shown[column][0]] = [fmt_number(x, digits=2) for x in table[column]]
    return text


def _examples():
    """A hand-made month of two sellers, for the examples."""
    day = pd.to_datetime
    talks = pd.DataFrame(
        {
            "date": day(["2025-03-03", "2025-03-10", "2025-03-20", "2025-03-12"]),
            "staff": ["Ann", "Ann", "Ann", "Bo"],
            "outcome": ["won", "lost", "open", "won"],
            "order_id": ["1", None, None, "2"],
            "minutes": [30.0, 20.0, 10.0, 60.0],
        }
    )
    orders = pd.DataFrame(
        {"order_id": ["1", "2"], "order_date": day(["2025-03-03", "2025-03-12"]), "revenue": [100.0, 300.0]}
    )
    targets = pd.DataFrame(
        {"period": ["2025-03", "2025-03", "2025-03"], "target": [5000.0, 200.0, 240.0], "staff": [None, "Ann", "Bo"]}
    )
    staff = pd.DataFrame({"staff": ["Ann", "Bo"], "hours_per_week": [10, 20]})
    return orders, talks, targets, staff


EXAMPLE_ORDERS, EXAMPLE_TALKS, EXAMPLE_TARGETS, EXAMPLE_STAFF = _examples()
