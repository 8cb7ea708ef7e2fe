"""What customers say: the Net Promoter Score and how they heard of the business (``survey.csv``).

Also the measures a shop needs beside ROAS (`measures_beyond_roas`), and how far a survey's NPS can
move by chance (`nps_margin`), so that a change between two surveys is read as a signal only when it
is larger than that.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from .formatting import fmt_pct
from .rules import safe_divide

__all__ = [
    "CHANGE_READINGS",
    "NO_ANSWER",
    "change_reading",
    "heard_from_shares",
    "heard_from_side_by_side",
    "margin_of_change",
    "measures_beyond_roas",
    "nps",
    "nps_groups",
    "nps_margin",
    "nps_table",
]

NO_ANSWER = "(no answer)"
Z_95 = 1.96  # a 95% margin of error: about 95 samples in 100 land within it of the true score


def nps_groups(scores) -> pd.Series:
    """How many answers are promoters (9–10), passives (7–8) and detractors (0–6).

    Parameters
    ----------
    scores : Series or list of numbers from 0 to 10 (blank answers, and any outside 0–10, are left out)

    Examples
    --------
    >>> nps_groups(pd.Series([10, 9, 8, 7, 6, 0])).to_dict()
    {'promoters': 2, 'passives': 2, 'detractors': 2}
    """
    scores = _scores(scores)
    return pd.Series(
        {
            "promoters": int((scores >= 9).sum()),
            "passives": int(((scores >= 7) & (scores < 9)).sum()),
            "detractors": int((scores < 7).sum()),
        }
    )


def _scores(scores) -> pd.Series:
    """The answers as numbers; a blank, or anything outside 0–10, is left out."""
    values = pd.to_numeric(pd.Series(list(scores) if not isinstance(scores, pd.Series) else scores), errors="coerce")
    return values[(values >= 0) & (values <= 10)].astype(float)


def nps(scores) -> float:
    """The Net Promoter Score: the share of promoters minus the share of detractors, in points from −100 to 100.

    Formula: (promoters − detractors) / answers × 100, where promoters score 9–10 and detractors 0–6.

    Passives (7–8) count among the answers but on neither side. An NPS of 20 means the promoters
    outnumber the detractors by 20 percentage points; it is not a percentage of anything.

    Parameters
    ----------
    scores : Series of numbers from 0 to 10

    Returns
    -------
    float, NaN without answers

    Examples
    --------
    >>> nps(pd.Series([10, 9, 9, 8, 7, 6, 3, 10, 9, 5]))  # 5 promoters, 3 detractors, 10 answers
    20.0
    >>> nps(pd.Series([], dtype=float))
    nan
    """
    groups = nps_groups(scores)
    answers = groups.sum()
    return safe_divide(groups["promoters"] - groups["detractors"], answers) * 100


def heard_from_shares(survey: pd.DataFrame) -> pd.Series:
    """How customers heard of the business: each answer's share of all answers, largest first.

    Formula: answers naming the source / all answers; a blank answer counts as "(no answer)".

    Answers are grouped as written, ignoring letter case and spaces around them.

    Examples
    --------
    >>> shares = heard_from_shares(pd.DataFrame({"heard_from": ["a friend", "Search", "A friend ", None]}))
    >>> shares.to_dict()
    {'a friend': 0.5, '(no answer)': 0.25, 'search': 0.25}
    """
    answers = survey["heard_from"].astype("string").str.strip().str.lower().replace("", pd.NA).fillna(NO_ANSWER)
    counts = answers.value_counts()
    counts = counts.sort_index().sort_values(ascending=False, kind="stable")
    return (counts / counts.sum()).rename_axis("heard_from").rename("share").astype(float)


def nps_margin(scores, z: float = Z_95) -> float:
    """The margin of error of a survey's NPS, in points: how far the score could move by chance alone.

    Formula: z × √((p + d − (p − d)²) / n) × 100, where p and d are the shares of promoters and
    detractors and n the answers; z = 1.96 gives a 95% margin.

    Each answer counts +1 (promoter), 0 (passive) or −1 (detractor), and the NPS is their mean × 100;
    ``p + d − (p − d)²`` is the variance of that +1/0/−1 score. With a few dozen answers the margin is
    wide, and below about 30 it is itself rough.

    Parameters
    ----------
    scores : Series or list of numbers from 0 to 10
    z : float, default 1.96 (95%)

    Returns
    -------
    float, NaN without answers

    Examples
    --------
    >>> round(nps_margin([10] * 50 + [8] * 30 + [3] * 20), 1)  # NPS 30 from 100 answers
    15.3
    >>> nps_margin([])
    nan
    """
    groups = nps_groups(scores)
    answers = int(groups.sum())
    if not answers:
        return math.nan
    p, d = groups["promoters"] / answers, groups["detractors"] / answers
    return z * math.sqrt(max(p + d - (p - d) ** 2, 0.0) / answers) * 100


def margin_of_change(earlier: float, later: float) -> float:
    """The margin of error of a change between two independent surveys, from each one's margin.

    Formula: √(earlier² + later²). It is larger than either margin: both scores can be off by chance.

    Examples
    --------
    >>> margin_of_change(3.0, 4.0)
    5.0
    """
    return math.hypot(earlier, later)


# How a change in NPS between two surveys reads (`change_reading`); lesson 07 asks which one applies.
FALL, NOISE, RISE = "a real fall", "within the noise", "a real rise"
CHANGE_READINGS = (FALL, NOISE, RISE)


def change_reading(change: float, margin: float) -> str:
    """Whether a change in NPS is a signal: a real fall or rise only when it is larger than its margin.

    Parameters
    ----------
    change : float
        The later NPS minus the earlier one, in points.
    margin : float
        The change's margin of error (`margin_of_change`).

    Returns
    -------
    str
        One of `CHANGE_READINGS`: "a real fall", "within the noise" or "a real rise".

    Examples
    --------
    >>> change_reading(-4.7, 9.4), change_reading(-12.0, 9.4), change_reading(10.0, 9.4)
    ('within the noise', 'a real fall', 'a real rise')
    """
    if math.isnan(change) or math.isnan(margin) or abs(change) <= margin:
        return NOISE
    return FALL if change < 0 else RISE


def nps_table(survey: pd.DataFrame, by=None, decimals: int = 1) -> pd.DataFrame:
    """The NPS, its parts and its margin of error, per group of answers (per year, say), ready to read.

    Formula per group: NPS = % promoters (9–10) − % detractors (0–6); the margin is `nps_margin`.

    Parameters
    ----------
    survey : DataFrame with a ``score`` column
    by : str or Series, optional
        A column name, or a Series aligned with ``survey`` (``survey["date"].dt.year``); one row
        "all answers" when omitted.
    decimals : int, default 1
        The rounding of the percentages, the NPS and the margin.

    Returns
    -------
    DataFrame
        One row per group: answers, % promoters, % passives, % detractors, NPS and ± margin.

    Examples
    --------
    >>> answers = pd.DataFrame({"year": [2024] * 4 + [2025] * 4, "score": [10, 9, 8, 3, 10, 7, 6, 5]})
    >>> nps_table(answers, by="year")
          answers  % promoters  % passives  % detractors   NPS  ± margin
    year
    2024        4         50.0        25.0          25.0  25.0      81.3
    2025        4         25.0        25.0          50.0 -25.0      81.3
    """
    groups = [("all answers", survey)] if by is None else list(survey.groupby(by, sort=True))
    rows = {}
    for key, answers in groups:
        counts = nps_groups(answers["score"])
        n = int(counts.sum())
        shares = counts / n * 100 if n else counts * math.nan
        rows[key] = {
            "answers": n,
            "% promoters": shares["promoters"],
            "% passives": shares["passives"],
            "% detractors": shares["detractors"],
            "NPS": nps(answers["score"]),
            "± margin": nps_margin(answers["score"]),
        }
    table = pd.DataFrame.from_dict(rows, orient="index")
    name = by if isinstance(by, str) else getattr(by, "name", None)
    table.index.name = name
    rounded = table.drop(columns="answers").round(decimals) + 0.0  # + 0.0: no "-0.0"
    return pd.concat([table[["answers"]], rounded], axis=1)


def heard_from_side_by_side(surveys: Mapping[str, pd.DataFrame], top: int = 8) -> pd.DataFrame:
    """How customers heard of each business, side by side: its answers, most common first, with their shares.

    Formula per business: answers naming the source / all its answers (`heard_from_shares`).

    Parameters
    ----------
    surveys : mapping of a business's name to its survey (with a ``heard_from`` column)
    top : int, default 8
        The most common answers to show per business.

    Returns
    -------
    DataFrame
        One column per business; row k holds its k-th most common answer and its share.

    Examples
    --------
    >>> shop = pd.DataFrame({"heard_from": ["walked past", "walked past", "a friend", None]})
    >>> firm = pd.DataFrame({"heard_from": ["a trade fair"]})
    >>> heard_from_side_by_side({"Shop": shop, "Firm": firm})
                         Shop                   Firm
    rank
    1     walked past (50.0%)  a trade fair (100.0%)
    2     (no answer) (25.0%)
    3        a friend (25.0%)
    """
    columns = {}
    for name, survey in surveys.items():
        shares = heard_from_shares(survey).head(top)
        columns[name] = [f"{answer} ({fmt_pct(share)})" for answer, share in shares.items()]
    rows = max((len(c) for c in columns.values()), default=0)
    table = pd.DataFrame({name: c + [""] * (rows - len(c)) for name, c in columns.items()})
    table.index = pd.RangeIndex(1, rows + 1, name="rank")
    return table


_MEASURES = (
    (
        "awareness",
        "marketing",
        "how many people know the business: they name it unprompted (recall) or pick it from a list",
        "asking the public",
        "how many would think of you when they need what you sell",
        "whether they like you, or will ever buy",
    ),
    (
        "engagement",
        "marketing",
        "what readers do with a post or an email: replies, shares, saves, clicks",
        "the platforms' and the email tool's reports",
        "whether your content interests the audience it reaches",
        "whether anyone buys; likes are easy to win and easy to inflate",
    ),
    (
        "share of search",
        "marketing",
        "searches for your name against searches for your rivals' names (share of market: sales against the market's)",
        "search tools such as Google Trends; trade figures for the market",
        "your weight against rivals, and an early sign of share of market",
        "much for a small business, whose name is searched too rarely to count",
    ),
    (
        "list growth",
        "marketing",
        "subscribers or followers gained minus those lost, month by month",
        "the email tool or the social account",
        "whether the audience you can reach for free is growing",
        "whether the new names read, or buy",
    ),
    (
        "NPS",
        "both",
        "% of customers who would recommend you (9–10) minus % who would not (0–6)",
        "asking customers",
        "whether customers are likely to bring others, or to warn them off",
        "why they feel so, or what the people who did not answer think",
    ),
    (
        "how they heard of us",
        "both",
        "each source's share of customers' answers to 'how did you hear of us?'",
        "asking customers",
        "first contacts no campaign claims: walking past, a friend, a colleague",
        "what tipped the sale; memory is patchy, and one answer names one source",
    ),
)


def measures_beyond_roas() -> pd.DataFrame:
    """What ROAS cannot see, and the measures that can: what each counts, where it comes from, what it can tell.

    ROAS counts only the revenue of orders a campaign can claim. These measures see the rest: who
    knows the business, who interacts with it, how it stands against rivals, whether its audience
    grows, and what customers say. All but the last two are marketing's; what customers say (NPS, how
    they heard of us) both sides watch, so the "watched by" column says marketing, sales or both.

    Examples
    --------
    >>> measures_beyond_roas().loc["list growth", "comes from"]
    'the email tool or the social account'
    >>> measures_beyond_roas()["watched by"].to_dict()["NPS"]
    'both'
    """
    columns = ["watched by", "counts", "comes from", "can tell", "cannot tell"]
    table = pd.DataFrame([row[1:] for row in _MEASURES], columns=columns, index=[row[0] for row in _MEASURES])
    return table.rename_axis("measure")
