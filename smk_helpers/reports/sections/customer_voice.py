"""What customers say: the Net Promoter Score and how they heard of the business (`customer_voice`)."""

from __future__ import annotations

import pandas as pd

from ...core import kpis
from ...core import survey as _survey
from ...core.data import Business
from ...core.formatting import fmt_number, fmt_pct
from .base import Section, _blocked, _not_shown
from .periods import _period_opening
from .wording import _count

__all__ = ["VOICE_KEY", "VOICE_TITLE", "customer_voice"]

VOICE_KEY = "customer_voice"
VOICE_TITLE = "What customers say: Net Promoter Score and how they heard of you"


def customer_voice(business: Business | None, *, start=None, end=None) -> Section:
    """The survey answers of the period: NPS (`survey.nps`) and the shares of how-heard answers.

    Examples
    --------
    >>> from smk_helpers.core.data import Business
    >>> orders = pd.DataFrame({"order_id": ["1"], "order_date": ["2025-03-01"], "customer_id": [None],
    ...                        "channel": ["web"], "revenue": [40.0]})
    >>> answers = pd.DataFrame({"date": ["2025-03-02"] * 4, "score": [10, 9, 7, 3],
    ...                         "heard_from": ["a friend", "a friend", "search", None]})
    >>> section = customer_voice(Business.from_frames(orders=orders, survey=answers))
    >>> section.summary
    'Over all dates in the data, the survey had 4 answers: an NPS of 25 (2 promoters, 1 passive and 1 detractor); the most common answer to how they heard of you was a friend (50.0%).'
    >>> section.close()
    """  # noqa: E501
    blocked = _blocked(VOICE_KEY, VOICE_TITLE, business, start=start, end=end)
    if blocked:
        return blocked
    if business.survey is None:
        return _not_shown(
            VOICE_KEY,
            VOICE_TITLE,
            "There is no survey.csv, so there is no Net Promoter Score; add the answers of a short survey "
            "(0–10 likelihood to recommend, and how they heard of you) to see what customers say.",
        )
    answers = business.survey[kpis.in_period(business.survey["date"], start, end)]
    if answers.empty:
        return _not_shown(VOICE_KEY, VOICE_TITLE, f"{_period_opening(start, end)}, nobody answered the survey.")
    groups = _survey.nps_groups(answers["score"])
    score = _survey.nps(answers["score"])
    asked = business.has_column("survey", "heard_from")
    shares = _survey.heard_from_shares(answers) if asked else pd.Series(dtype=float)
    answered = shares.drop(_survey.NO_ANSWER, errors="ignore")
    heard = (
        f"; the most common answer to how they heard of you was {answered.index[0]} ({fmt_pct(answered.iloc[0])})"
        if len(answered)
        else ""
    )
    summary = (
        f"{_period_opening(start, end)}, the survey had {_count(len(answers), 'answer')}: an NPS of "
        f"{fmt_number(score)} ({_count(groups['promoters'], 'promoter')}, {_count(groups['passives'], 'passive')} "
        f"and {_count(groups['detractors'], 'detractor')}){heard}."
    )
    group_table = pd.DataFrame(
        {
            "answers": groups.map(fmt_number),
            "share": (groups / groups.sum()).map(fmt_pct),
        }
    ).rename_axis("group")
    tables = {"Promoters, passives and detractors": group_table}
    raw = {"nps_groups": groups.rename("answers").rename_axis("group").reset_index()}
    figures = []
    if asked:
        from ...core import plots

        tables["How they heard of you"] = pd.DataFrame({"share of answers": shares.map(fmt_pct)})
        raw["heard_from"] = shares.reset_index()
        figures.append(
            plots.bar_chart(
                shares.head(8),
                title=f"{business.name}: how customers heard of the business",
                xlabel="Answer to 'how did you hear of us?'",
                ylabel="Share of answers",
                percent=True,
                color=plots.MARKETING,
                horizontal=True,
            )
        )
    notes = [
        "NPS = % promoters (9–10) − % detractors (0–6), in points from −100 to 100; passives (7–8) count among "
        "the answers only. A survey is a sample: with few answers, a few points either way mean little.",
    ]
    return Section(
        VOICE_TITLE,
        summary,
        tables=tables,
        figures=figures,
        notes=notes,
        data={"nps": score},
        raw_tables=raw,
        key=VOICE_KEY,
    )
