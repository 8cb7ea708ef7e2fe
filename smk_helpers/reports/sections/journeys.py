"""Who brought the new customers: the credit for first orders under three attribution models (`journeys`)."""

from __future__ import annotations

import pandas as pd

from ...core import attribution as _attribution
from ...core.data import Business
from ...core.formatting import fmt_number
from .base import Section, _blocked, _not_shown
from .periods import _period_opening
from .wording import _count

__all__ = ["JOURNEYS_KEY", "JOURNEYS_TITLE", "journeys"]

JOURNEYS_KEY = "journeys"
JOURNEYS_TITLE = "Customer journeys: three ways to share the credit for a first order"
MODEL_NAMES = {"first_touch": "first-touch", "last_touch": "last-touch", "linear": "linear"}


def journeys(business: Business | None, *, start=None, end=None) -> Section:
    """The first orders of the period with touchpoints before them, credited to channels by first-touch,
    last-touch and linear attribution (`attribution.attribution_table`).

    Examples
    --------
    >>> from smk_helpers.core.data import Business
    >>> b = Business.from_frames(orders=_attribution.ORDERS, touchpoints=_attribution.TOUCHPOINTS)
    >>> section = journeys(b)
    >>> section.summary
    'Over all dates in the data, 2 first orders had marketing contacts before them; first-touch gives the most credit to search and social, last-touch to email and search.'
    >>> section.close()
    """  # noqa: E501
    blocked = _blocked(JOURNEYS_KEY, JOURNEYS_TITLE, business, start=start, end=end)
    if blocked:
        return blocked
    if business.touchpoints is None:
        return _not_shown(
            JOURNEYS_KEY,
            JOURNEYS_TITLE,
            "There is no touchpoints.csv, so first orders cannot be traced back to the marketing contacts before "
            "them; add one to compare first-touch, last-touch and linear attribution.",
        )
    table = _attribution.attribution_table(business.touchpoints, business.orders, start=start, end=end)
    if table.empty:
        return _not_shown(
            JOURNEYS_KEY,
            JOURNEYS_TITLE,
            f"{_period_opening(start, end)}, no first order had a touchpoint on or before its day.",
        )
    orders = round(table["linear"].sum())

    def leaders(model):
        top = table[model].round(9)
        return " and ".join(top[top == top.max()].index)

    summary = (
        f"{_period_opening(start, end)}, {_count(orders, 'first order')} had marketing contacts before them; "
        f"first-touch gives the most credit to {leaders('first_touch')}, last-touch to {leaders('last_touch')}."
    )
    shown = pd.DataFrame(
        {MODEL_NAMES[m]: table[m].map(lambda x: fmt_number(x, digits=1)) for m in _attribution.MODELS},
        index=table.index,
    )
    from ...core import plots

    figure = plots.bar_chart(
        table["linear"].sort_values(ascending=False),
        title=f"{business.name}: first orders credited to each channel, linear model",
        xlabel="Marketing channel",
        ylabel="First orders credited",
        color=plots.MARKETING,
    )
    notes = [
        "A journey is the touchpoints of a customer on or before the day of their first order (a contact on the "
        "day itself counts, since most files have no time of day). First-touch gives "
        "the whole order to the first contact, last-touch to the last, linear an equal share to each; every "
        "model's column adds up to the same first orders.",
        "No model is the truth: first-touch shows what opens journeys, last-touch what closes them.",
    ]
    return Section(
        JOURNEYS_TITLE,
        summary,
        tables={"First orders credited to each channel": shown},
        figures=[figure],
        notes=notes,
        raw_tables={"attribution": table.reset_index()},
        key=JOURNEYS_KEY,
    )
