"""What customers say: the Net Promoter Score and how they heard of the business (``survey.csv``)."""

from __future__ import annotations

import pandas as pd

from .rules import safe_divide

__all__ = ["NO_ANSWER", "heard_from_shares", "nps", "nps_groups"]

NO_ANSWER = "(no answer)"


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
