"""The funnel: how many reach each stage, and what share of them moves on.

A stage counts what its source counts: impressions or emails sent at the top, then visits
(sessions), then people (sign-ups, leads, buyers). One person can make many visits, so a rate
between a count of visits and a count of people is a ratio of different things.


A funnel table (from `funnel_table`) has one row per stage, top stage first, with columns
stage, count, rate_from_previous (n(k) / n(k-1)) and rate_from_top (n(k) / n(first)). Stage
order is the order in which stages first appear in the funnel file. A stage may be larger than
the one above it (a stage can be skipped); its rate is then above 100% and `funnel_warnings`
says so.
"""

from __future__ import annotations

import math

import pandas as pd

from .contract import UNKNOWN_CHANNEL
from .formatting import fmt_number, fmt_pct
from .rules import safe_divide

COLUMNS = ["stage", "count", "rate_from_previous", "rate_from_top"]

# The modern funnel's stages, top first, and the part of the funnel each belongs to (TOFU, MOFU, BOFU).
PARTS = {
    "awareness": "top",
    "interest": "top",
    "consideration": "middle",
    "intent": "middle",
    "evaluation": "bottom",
    "purchase": "bottom",
    "loyalty": "after the purchase",
}


def funnel_part(stage: str) -> str:
    """The part of the funnel a textbook stage belongs to: "top", "middle", "bottom" or "after the purchase".

    Formula: awareness and interest are the top (TOFU); consideration and intent the middle (MOFU);
    evaluation and purchase the bottom (BOFU); loyalty comes after the purchase.

    Parameters
    ----------
    stage : str
        A stage of the modern funnel (letter case and spaces around it are ignored).

    Returns
    -------
    str

    Examples
    --------
    >>> funnel_part("Consideration"), funnel_part("awareness"), funnel_part("loyalty")
    ('middle', 'top', 'after the purchase')
    """
    name = str(stage).strip().lower()
    if name not in PARTS:
        raise ValueError(f"{stage!r} is not a stage of the funnel; the stages are {', '.join(PARTS)}.")
    return PARTS[name]


def stage_conversion(counts) -> pd.Series:
    """Conversion from each stage to the next: the share of the stage above that got here.

    Formula: n(k) / n(k-1); NaN for the top stage.

    Parameters
    ----------
    counts : list or Series of numbers, top stage first

    Returns
    -------
    Series

    Examples
    --------
    >>> stage_conversion([1000, 100, 20]).tolist()
    [nan, 0.1, 0.2]
    """
    counts = pd.Series(counts, dtype="float64")
    return safe_divide(counts, counts.shift())


def top_conversion(counts) -> pd.Series:
    """Conversion from the top of the funnel to each stage.

    Formula: n(k) / n(first), the product of the stage rates above it.

    Parameters
    ----------
    counts : list or Series of numbers, top stage first

    Returns
    -------
    Series

    Examples
    --------
    >>> top_conversion([1000, 100, 20]).tolist()
    [1.0, 0.1, 0.02]
    """
    counts = pd.Series(counts, dtype="float64")
    return safe_divide(counts, counts.iloc[0] if len(counts) else math.nan)


def overall_conversion(counts) -> float:
    """Top-to-bottom conversion of a funnel.

    Formula: n(last) / n(first).

    Parameters
    ----------
    counts : list or Series of numbers, top stage first

    Returns
    -------
    float

    Examples
    --------
    >>> overall_conversion([1000, 100, 20])
    0.02
    >>> overall_conversion([0, 0])
    nan
    """
    counts = pd.Series(counts, dtype="float64")
    return safe_divide(counts.iloc[-1], counts.iloc[0]) if len(counts) else math.nan


def stage_order(funnel: pd.DataFrame) -> list[str]:
    """The stages, in the order they first appear in the funnel file.

    Parameters
    ----------
    funnel : DataFrame with a ``stage`` column

    Returns
    -------
    list of str

    Examples
    --------
    >>> funnel = pd.DataFrame({"stage": ["visits", "purchase", "visits", "cart", "purchase"]})
    >>> stage_order(funnel)
    ['visits', 'purchase', 'cart']
    """
    return funnel["stage"].dropna().drop_duplicates().tolist()


def _add_rates(table: pd.DataFrame, by: str | None) -> pd.DataFrame:
    """(Re)compute both rate columns from ``count``, within each group of ``by``."""
    key = table[by] if by else pd.Series(0, index=table.index)
    counts = table["count"].groupby(key)
    return table.assign(
        rate_from_previous=counts.transform(stage_conversion),
        rate_from_top=counts.transform(top_conversion),
    )


def funnel_table(funnel: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Count per stage, summed over periods and sources, with stage and top-to-bottom rates.

    Formulas: count = Σ count of the stage; rate_from_previous = n(k) / n(k-1);
    rate_from_top = n(k) / n(first).

    Parameters
    ----------
    funnel : DataFrame (the funnel table: stage, count, period, source)
        Filter the rows first for one period (`smk_helpers.core.kpis.months_in_period`).
    by : str, optional
        A column such as "source": one funnel per value, each over the stages it has (in the
        file's stage order). A blank value is "(unknown)".

    Returns
    -------
    DataFrame with columns [by,] stage, count, rate_from_previous, rate_from_top, top stage first

    Examples
    --------
    >>> funnel = pd.DataFrame({"stage": ["visits", "cart", "purchase", "visits", "cart", "purchase"],
    ...                        "count": [600, 60, 15, 400, 40, 15],
    ...                        "period": ["2025-03"] * 3 + ["2025-04"] * 3})
    >>> funnel_table(funnel)
          stage  count  rate_from_previous  rate_from_top
    0    visits   1000                 NaN           1.00
    1      cart    100                 0.1           0.10
    2  purchase     30                 0.3           0.03
    """
    rows = pd.DataFrame(
        {
            "stage": pd.Categorical(funnel["stage"], categories=stage_order(funnel), ordered=True),
            "count": funnel["count"],
        }
    )
    if by is not None:
        rows.insert(0, by, funnel[by].fillna(UNKNOWN_CHANNEL))
    keys = "stage" if by is None else [by, "stage"]  # a categorical stage sorts in file order
    table = rows.groupby(keys, observed=True, as_index=False)["count"].sum(min_count=1)
    return _add_rates(table.astype({"stage": "str"}), by)


def funnel_text(table: pd.DataFrame, digits: int = 2) -> pd.DataFrame:
    """A funnel table as text to read: counts with thousands separators, rates as percentages.

    Parameters
    ----------
    table : DataFrame from `funnel_table` (with or without ``by``)
    digits : int
        Decimals of the stage conversion; the conversion from the top gets one more.

    Returns
    -------
    DataFrame of text, the same rows and columns

    Examples
    --------
    >>> funnel_text(funnel_table(pd.DataFrame({"stage": ["visits", "purchase"], "count": [1500, 30]})))
          stage  count rate_from_previous rate_from_top
    0    visits  1,500                n/a      100.000%
    1  purchase     30              2.00%        2.000%
    """
    return table.assign(
        count=table["count"].map(fmt_number),
        rate_from_previous=table["rate_from_previous"].map(lambda rate: fmt_pct(rate, digits)),
        rate_from_top=table["rate_from_top"].map(lambda rate: fmt_pct(rate, digits + 1)),
    )


def funnel_by_source(funnel: pd.DataFrame) -> pd.DataFrame:
    """One funnel per source (social, email, walk-in, ...): `funnel_table` with ``by="source"``.

    Parameters
    ----------
    funnel : DataFrame (the funnel table)

    Returns
    -------
    DataFrame with columns source, stage, count, rate_from_previous, rate_from_top

    Examples
    --------
    >>> funnel = pd.DataFrame({"stage": ["visits", "purchase", "visits", "purchase"],
    ...                        "count": [1000, 20, 200, 10],
    ...                        "source": ["social", "social", "email", "email"]})
    >>> funnel_by_source(funnel)[["source", "stage", "rate_from_top"]]
       source     stage  rate_from_top
    0   email    visits           1.00
    1   email  purchase           0.05
    2  social    visits           1.00
    3  social  purchase           0.02
    """
    return funnel_table(funnel, by="source")


def stage_counts(table: pd.DataFrame, first: str | None = None, last: str | None = None) -> pd.Series:
    """The counts of a run of stages, from stage ``first`` down to stage ``last`` (both included), top first.

    Formula: the ``count`` column of the rows from ``first`` to ``last``; `overall_conversion` takes it.

    Parameters
    ----------
    table : DataFrame from `funnel_table` (without ``by``)
    first, last : str, optional
        The first and the last stage of the run; None starts at the top or ends at the bottom.

    Returns
    -------
    Series of counts, indexed by stage

    Examples
    --------
    >>> table = funnel_table(pd.DataFrame({"stage": ["reach", "visits", "purchase", "repeat"],
    ...                                    "count": [5000, 1500, 30, 12]}))
    >>> stage_counts(table, last="purchase").tolist(), stage_counts(table, "visits", "purchase").tolist()
    ([5000, 1500, 30], [1500, 30])
    """
    counts = table.set_index("stage")["count"]
    return counts.loc[first:last]


def rates_by_source(by_source: pd.DataFrame, column: str = "rate_from_previous", digits: int = 1) -> pd.DataFrame:
    """One funnel rate side by side for each source, stages top first, as percentages to read.

    Formula: ``column`` of `funnel_by_source`, one column per source.

    Parameters
    ----------
    by_source : DataFrame from `funnel_by_source`
    column : str
        The rate to show: ``"rate_from_previous"`` (the stage conversion) or ``"rate_from_top"``.
    digits : int
        Decimals of the percentages.

    Returns
    -------
    DataFrame of text, one row per stage and one column per source

    Examples
    --------
    >>> funnel = pd.DataFrame({"stage": ["visits", "purchase", "visits", "purchase"],
    ...                        "count": [1000, 20, 200, 10],
    ...                        "source": ["social", "social", "email", "email"]})
    >>> rates_by_source(funnel_by_source(funnel))
    source   email social
    stage
    visits     n/a    n/a
    purchase  5.0%   2.0%
    """
    stages = list(dict.fromkeys(by_source["stage"]))
    rates = by_source.pivot(index="stage", columns="source", values=column).reindex(stages)
    return rates.map(lambda rate: fmt_pct(rate, digits))


def funnel_warnings(table: pd.DataFrame, by: str | None = None) -> list[str]:
    """Sentences about the stages that are larger than the stage above them (rate > 100%).

    Such a funnel is allowed (a stage can be skipped), but it often means a count is wrong or
    the stages are in the wrong order in the file.

    Parameters
    ----------
    table : DataFrame from `funnel_table` (or `funnel_by_source`, with ``by="source"``)
    by : str, optional
        The grouping column of the table, named in the sentences.

    Returns
    -------
    list of str (empty when every stage is at most as large as the one above)

    Examples
    --------
    >>> funnel = pd.DataFrame({"stage": ["visits", "newsletter", "purchase"],
    ...                        "count": [1000, 1200, 30]})
    >>> for warning in funnel_warnings(funnel_table(funnel)):
    ...     print(warning)
    Stage 'newsletter' (1,200) is larger than the stage above it, 'visits' (1,000):
    a rate of 120.0%. Check the counts and the stage order.
    """
    key = table[by] if by else pd.Series(0, index=table.index)
    above = table[["stage", "count"]].groupby(key).shift()
    larger = table["rate_from_previous"] > 1
    return [
        (f"{by} {group}: " if by else "") + f"Stage '{stage}' ({fmt_number(count)}) is larger than the stage above it, "
        f"'{above_stage}' ({fmt_number(above_count)}): a rate of {fmt_pct(rate)}. "
        "Check the counts and the stage order."
        for group, stage, count, above_stage, above_count, rate in zip(
            key[larger],
            table["stage"][larger],
            table["count"][larger],
            above["stage"][larger],
            above["count"][larger],
            table["rate_from_previous"][larger],
            strict=True,
        )
    ]


def what_if(table: pd.DataFrame, stage: str, lift: float) -> pd.DataFrame:
    """The funnel you would get if one stage converted better: its rate × (1 + lift).

    Formula: the count of ``stage`` and of every stage below it × (1 + lift); the other
    stages' rates stay as they were. ``lift`` is relative: 0.10 turns a 2% rate into 2.2%,
    not 12% (that would be 10 percentage points). Lifting the top stage means a larger count
    at the top. Counts may come out fractional.

    Parameters
    ----------
    table : DataFrame from `funnel_table` (one funnel, no ``by``)
    stage : str
        The stage whose rate from the stage above is lifted.
    lift : float
        Relative change, e.g. 0.10 for +10% (negative for a drop).

    Returns
    -------
    DataFrame, a new funnel table; its last count is the resulting purchases

    Examples
    --------
    >>> funnel = pd.DataFrame({"stage": ["visits", "cart", "purchase"], "count": [1000, 100, 30]})
    >>> better = what_if(funnel_table(funnel), "cart", lift=0.10)
    >>> better["count"].tolist()
    [1000.0, 110.0, 33.0]
    """
    hit = table["stage"].eq(stage)
    if not hit.any():
        raise ValueError(f"There is no stage {stage!r}; the stages are {table['stage'].tolist()}.")
    from_here_down = hit.cummax()
    counts = table["count"].where(~from_here_down, table["count"] * (1 + lift))
    return _add_rates(table.assign(count=counts), by=None)
