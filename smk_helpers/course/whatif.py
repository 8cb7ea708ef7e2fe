"""Funnel what-if: lift one stage's conversion rate and see what happens to purchases and revenue.

The formulas live in `smk_helpers.core.funnel` (`funnel_table`, `what_if`) and `smk_helpers.core.kpis`
(average order value); this module only puts them together for lesson 05:

* `funnel_aov`: the average order value of the orders the funnel counts;
* `lift_stage`: one what-if, as plain numbers (before, after, extra);
* `compare_stages`: the same lift tried at every stage, one row each (`comparison_text` shows it);
* `compare_plans`: projects that each lift one stage by their own number of points, side by side;
* `result_frame` and `result_html`: the same numbers as text;
* `what_if_widget`: a stage dropdown and a lift slider wired to `lift_stage`.

A lift is *relative* by default: +10% turns a 2.0% rate into 2.2%. With ``points=True`` it is
in percentage points: +1 point turns 2.0% into 3.0%, which is a 50% relative lift.
"""

from __future__ import annotations

import html
import math

import pandas as pd

from ..core import kpis
from ..core.formatting import fmt_money, fmt_number, fmt_pct
from ..core.funnel import what_if

PURCHASE = "purchase"  # the stage whose count is the number of orders, in The Book Hub's funnel
RESULT_KEYS = (
    "stage",
    "rate_before",
    "rate_after",
    "purchases_before",
    "purchases_after",
    "extra_purchases",
    "revenue_before",
    "revenue_after",
    "extra_revenue",
)


def funnel_orders(orders: pd.DataFrame, campaigns: pd.DataFrame, sources) -> pd.DataFrame:
    """The orders credited to a campaign whose channel is one of the funnel's sources.

    In The Book Hub's data these are exactly the orders that the funnel's ``purchase`` stage
    counts (the funnel's sources are campaign channels: email, search, social).

    Parameters
    ----------
    orders : DataFrame with ``campaign_id``
    campaigns : DataFrame with ``campaign_id`` and ``channel``
    sources : list of str
        The funnel's sources, e.g. ``hub.funnel["source"].unique()``.

    Returns
    -------
    DataFrame, a subset of ``orders``

    Examples
    --------
    >>> orders = pd.DataFrame({"campaign_id": ["E1", "S1", None, "V1"], "revenue": [30.0, 40.0, 50.0, 60.0]})
    >>> campaigns = pd.DataFrame({"campaign_id": ["E1", "S1", "V1"], "channel": ["email", "social", "event"]})
    >>> funnel_orders(orders, campaigns, ["email", "social"])["revenue"].tolist()
    [30.0, 40.0]
    """
    wanted = campaigns.loc[campaigns["channel"].isin(list(sources)), "campaign_id"]
    return orders[orders["campaign_id"].isin(wanted)]


def funnel_aov(orders: pd.DataFrame, campaigns: pd.DataFrame, sources) -> float:
    """Average order value of the orders the funnel counts (see `funnel_orders`).

    Formula: `kpis.average_order_value` = revenue / orders, over those orders only.

    Parameters
    ----------
    orders, campaigns : DataFrame
    sources : list of str

    Returns
    -------
    float (NaN when there are no such orders)

    Examples
    --------
    >>> orders = pd.DataFrame({"campaign_id": ["E1", "S1", None], "revenue": [30.0, 40.0, 50.0]})
    >>> campaigns = pd.DataFrame({"campaign_id": ["E1", "S1"], "channel": ["email", "social"]})
    >>> funnel_aov(orders, campaigns, ["email", "social"])
    35.0
    """
    credited = funnel_orders(orders, campaigns, sources)
    return kpis.average_order_value(kpis.total_revenue(credited), kpis.order_count(credited))


def _count(table: pd.DataFrame, stage: str) -> float:
    hit = table["stage"].eq(stage)
    if not hit.any():
        raise ValueError(f"There is no stage {stage!r}; the stages are {table['stage'].tolist()}.")
    return float(table.loc[hit, "count"].iloc[0])


def _rate(table: pd.DataFrame, stage: str) -> float:
    return float(table.loc[table["stage"].eq(stage), "rate_from_previous"].iloc[0])


def relative_lift(table: pd.DataFrame, stage: str, lift: float, points: bool = False) -> float:
    """The relative lift that `funnel.what_if` needs, from a lift in percent or in points.

    Formula: relative lift = lift (``points=False``), or points / current rate (``points=True``).

    Parameters
    ----------
    table : DataFrame from `funnel.funnel_table`
    stage : str
    lift : float
        0.10 for +10% (relative) or for +10 percentage points (with ``points=True``).
    points : bool, default False

    Returns
    -------
    float

    Raises
    ------
    ValueError
        With ``points=True`` for the top stage (it has no rate) or a stage whose rate is 0 or n/a.

    Examples
    --------
    >>> from smk_helpers.core.funnel import funnel_table
    >>> table = funnel_table(pd.DataFrame({"stage": ["visits", "purchase"], "count": [1000, 20]}))
    >>> relative_lift(table, "purchase", 0.01, points=True)  # 2% + 1 point = 3%: 50% more
    0.5
    """
    _count(table, stage)
    if not points:
        return float(lift)
    rate = _rate(table, stage)
    if math.isnan(rate) or rate == 0:
        raise ValueError(
            f"Stage {stage!r} has no conversion rate to add points to "
            f"({'it is the top stage' if math.isnan(rate) else 'its rate is 0'})."
        )
    return float(lift) / rate


def lift_stage(
    table: pd.DataFrame, stage: str, lift: float, aov: float, *, points: bool = False, purchase_stage: str = PURCHASE
) -> pd.Series:
    """What one stage converting better would bring: purchases and revenue, before and after.

    Formulas: the new funnel is `funnel.what_if` (the stage and every stage below it × (1 +
    relative lift)); purchases are the count of ``purchase_stage``; revenue = purchases × AOV.

    Parameters
    ----------
    table : DataFrame from `funnel.funnel_table` (one funnel)
    stage : str
        The stage whose rate from the stage above is lifted (the top stage: more contacts at the top).
    lift : float
        Relative (0.10 = +10%), or percentage points with ``points=True`` (0.01 = +1 point).
    aov : float
        Average order value of the funnel's orders (see `funnel_aov`).
    points : bool, default False
    purchase_stage : str, default "purchase"

    Returns
    -------
    Series with stage, rate_before, rate_after, purchases_before, purchases_after,
    extra_purchases, revenue_before, revenue_after, extra_revenue

    Raises
    ------
    ValueError
        For an unknown stage, or when the lifted rate would fall below 0 or rise above 100%.

    Examples
    --------
    >>> from smk_helpers.core.funnel import funnel_table
    >>> table = funnel_table(pd.DataFrame({"stage": ["visits", "cart", "purchase"], "count": [1000, 100, 30]}))
    >>> result = lift_stage(table, "cart", 0.10, aov=40.0)
    >>> result[["rate_after", "purchases_after", "extra_revenue"]].round(2).tolist()
    [0.11, 33.0, 120.0]
    """
    _count(table, purchase_stage)
    relative = relative_lift(table, stage, lift, points)
    rate = _rate(table, stage)
    new_rate = rate * (1 + relative)
    if relative < -1 or new_rate > 1:
        raise ValueError(
            f"That lift would take the rate of {stage!r} from {fmt_pct(rate)} to "
            f"{fmt_pct(new_rate)}; a conversion rate stays between 0% and 100%."
        )
    better = what_if(table, stage, relative)
    before, after = _count(table, purchase_stage), _count(better, purchase_stage)
    return pd.Series(
        {
            "stage": stage,
            "rate_before": rate,
            "rate_after": _rate(better, stage),
            "purchases_before": before,
            "purchases_after": after,
            "extra_purchases": after - before,
            "revenue_before": before * aov,
            "revenue_after": after * aov,
            "extra_revenue": (after - before) * aov,
        },
        index=list(RESULT_KEYS),
        dtype="object",
    )


def liftable_stages(table: pd.DataFrame, purchase_stage: str = PURCHASE) -> list[str]:
    """The stages whose rate can be lifted to change purchases: below the top, down to purchase.

    Examples
    --------
    >>> from smk_helpers.core.funnel import funnel_table
    >>> table = funnel_table(pd.DataFrame({"stage": ["visits", "cart", "purchase", "repeat"],
    ...                                    "count": [1000, 100, 30, 5]}))
    >>> liftable_stages(table)
    ['cart', 'purchase']
    """
    stages = table["stage"].tolist()
    _count(table, purchase_stage)
    return stages[1 : stages.index(purchase_stage) + 1]


def compare_stages(
    table: pd.DataFrame, lift: float, aov: float, *, points: bool = False, purchase_stage: str = PURCHASE
) -> pd.DataFrame:
    """The same lift tried at each stage in turn (see `liftable_stages`): one `lift_stage` row each.

    A relative lift gives the same extra purchases wherever it is applied (the rates multiply);
    a lift in points does not: a point is worth most where the rate is smallest. A stage whose
    rate cannot take the lift gets NaN.

    Parameters
    ----------
    table : DataFrame from `funnel.funnel_table`
    lift, aov, points, purchase_stage
        As in `lift_stage`.

    Returns
    -------
    DataFrame indexed by stage, columns as `lift_stage` (without ``stage``), floats

    Examples
    --------
    >>> from smk_helpers.core.funnel import funnel_table
    >>> table = funnel_table(pd.DataFrame({"stage": ["visits", "cart", "purchase"], "count": [1000, 100, 30]}))
    >>> compare_stages(table, 0.10, aov=40.0)["extra_purchases"].round(2).tolist()
    [3.0, 3.0]
    >>> compare_stages(table, 0.01, aov=40.0, points=True)["extra_purchases"].round(2).tolist()
    [3.0, 1.0]
    """
    rows = {}
    for stage in liftable_stages(table, purchase_stage):
        try:
            rows[stage] = lift_stage(table, stage, lift, aov, points=points, purchase_stage=purchase_stage)
        except ValueError:
            rows[stage] = pd.Series({key: math.nan for key in RESULT_KEYS})
    frame = pd.DataFrame(rows).T.drop(columns="stage").astype("float64")
    frame.index.name = "stage lifted"
    return frame


def comparison_text(compare: pd.DataFrame) -> pd.DataFrame:
    """A `compare_stages` (or `compare_plans`) table as text to read: rates, extra purchases and revenue.

    Examples
    --------
    >>> from smk_helpers.core.funnel import funnel_table
    >>> table = funnel_table(pd.DataFrame({"stage": ["visits", "cart", "purchase"], "count": [1000, 100, 30]}))
    >>> comparison_text(compare_stages(table, 0.10, aov=40.0))
                 rate before rate after extra purchases extra revenue
    stage lifted
    cart              10.00%     11.00%             3.0       $120.00
    purchase          30.00%     33.00%             3.0       $120.00
    """
    return pd.DataFrame(
        {
            "rate before": compare["rate_before"].map(lambda rate: fmt_pct(rate, 2)),
            "rate after": compare["rate_after"].map(lambda rate: fmt_pct(rate, 2)),
            "extra purchases": compare["extra_purchases"].map(lambda n: fmt_number(n, 1)),
            "extra revenue": compare["extra_revenue"].map(fmt_money),
        }
    )


def compare_plans(
    table: pd.DataFrame, plans: pd.DataFrame, aov: float = math.nan, *, purchase_stage: str = PURCHASE
) -> pd.DataFrame:
    """Projects that each lift one stage by a number of percentage points, side by side.

    Formula: for each plan, `lift_stage` with ``points=True``; its relative lift is points / the stage's
    rate, and the purchases grow by that share, whichever the stage.

    Parameters
    ----------
    table : DataFrame from `funnel.funnel_table`
    plans : DataFrame
        One row per project, indexed by its name, with columns ``stage`` (the stage it lifts) and
        ``points`` (0.01 for one percentage point).
    aov : float, optional
        Average order value, to price the extra purchases; without it the revenue is n/a.
    purchase_stage : str, default "purchase"

    Returns
    -------
    DataFrame indexed by plan: stage, rate_before, rate_after, relative_lift, extra_purchases, extra_revenue

    Examples
    --------
    >>> from smk_helpers.core.funnel import funnel_table
    >>> table = funnel_table(pd.DataFrame({"stage": ["visits", "cart", "purchase"], "count": [1000, 100, 30]}))
    >>> plans = pd.DataFrame({"stage": ["cart", "purchase"], "points": [0.01, 0.05]}, index=["site", "staff"])
    >>> compare_plans(table, plans)[["relative_lift", "extra_purchases"]].round(3)
           relative_lift  extra_purchases
    plan
    site           0.100              3.0
    staff          0.167              5.0
    """
    rows = {}
    for name, plan in plans.iterrows():
        result = lift_stage(table, plan["stage"], plan["points"], aov, points=True, purchase_stage=purchase_stage)
        rows[name] = {
            "stage": plan["stage"],
            "rate_before": result["rate_before"],
            "rate_after": result["rate_after"],
            "relative_lift": relative_lift(table, plan["stage"], plan["points"], points=True),
            "extra_purchases": result["extra_purchases"],
            "extra_revenue": result["extra_revenue"],
        }
    columns = ["stage", "rate_before", "rate_after", "relative_lift", "extra_purchases", "extra_revenue"]
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=columns)
    frame.index.name = plans.index.name or "plan"
    return frame.astype({c: "float64" for c in columns[1:]})


def result_frame(result: pd.Series) -> pd.DataFrame:
    """A `lift_stage` result as a small table of text: before, after and the difference.

    Examples
    --------
    >>> from smk_helpers.core.funnel import funnel_table
    >>> table = funnel_table(pd.DataFrame({"stage": ["visits", "cart", "purchase"], "count": [1000, 100, 30]}))
    >>> result_frame(lift_stage(table, "cart", 0.10, aov=40.0))
                         before     after  difference
    rate of cart          10.0%     11.0%    +1.0 pts
    purchases                30        33          +3
    revenue           $1,200.00 $1,320.00     +$120.00
    """
    r = result
    points = (r["rate_after"] - r["rate_before"]) * 100
    point_text = "n/a" if math.isnan(points) else f"{points:+.{2 if abs(points) < 1 else 1}f} pts"
    digits = 2 if min(r["rate_before"], r["rate_after"]) < 0.1 else 1
    extra = "n/a" if math.isnan(r["extra_purchases"]) else f"{r['extra_purchases']:+,.0f}"
    return pd.DataFrame(
        {
            "before": [
                fmt_pct(r["rate_before"], digits),
                fmt_number(r["purchases_before"]),
                fmt_money(r["revenue_before"]),
            ],
            "after": [
                fmt_pct(r["rate_after"], digits),
                fmt_number(r["purchases_after"]),
                fmt_money(r["revenue_after"]),
            ],
            "difference": [point_text, extra, ("+" if r["extra_revenue"] >= 0 else "") + fmt_money(r["extra_revenue"])],
        },
        index=[f"rate of {r['stage']}", "purchases", "revenue"],
    )


def result_html(result: pd.Series) -> str:
    """A `lift_stage` result as a short HTML table (what the widget shows).

    Examples
    --------
    >>> from smk_helpers.core.funnel import funnel_table
    >>> table = funnel_table(pd.DataFrame({"stage": ["visits", "cart", "purchase"], "count": [1000, 100, 30]}))
    >>> "+$120.00" in result_html(lift_stage(table, "cart", 0.10, aov=40.0))
    True
    """
    frame = result_frame(result)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in ["", *frame.columns])
    body = "".join(
        "<tr>"
        + f"<th style='text-align:left'>{html.escape(label)}</th>"
        + "".join(f"<td style='text-align:right;padding:0 8px'>{html.escape(v)}</td>" for v in row)
        + "</tr>"
        for label, row in zip(frame.index, frame.to_numpy().tolist(), strict=True)
    )
    return f'<div role="status"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _message_html(text: str) -> str:
    return f'<div role="status"><p>{html.escape(text)}</p></div>'


def what_if_widget(
    table: pd.DataFrame, aov: float, *, stage: str | None = None, lift: float = 0.10, purchase_stage: str = PURCHASE
):
    """A stage dropdown, a "percent or points" switch and a lift slider, wired to `lift_stage`.

    Every change calls `lift_stage` and shows `result_html` (or, for a lift the rate cannot
    take, the reason); the widget holds no logic of its own.

    Parameters
    ----------
    table : DataFrame from `funnel.funnel_table`
    aov : float
        Average order value of the funnel's orders.
    stage : str, optional
        The stage selected at first (default: the first of `liftable_stages`).
    lift : float, default 0.10
        The starting lift (relative).
    purchase_stage : str, default "purchase"

    Returns
    -------
    ipywidgets.VBox
        Attributes ``stage`` (Dropdown), ``unit`` (ToggleButtons), ``lift`` (IntSlider, in
        percent or points) and ``output`` (HTML), handy for tests.
    """
    import ipywidgets as widgets

    stages = liftable_stages(table, purchase_stage)
    style = {"description_width": "120px"}
    stage_box = widgets.Dropdown(options=stages, value=stage or stages[0], description="Stage to lift", style=style)
    unit_box = widgets.ToggleButtons(
        options=[("relative %", False), ("percentage points", True)], value=False, description="Lift in", style=style
    )
    lift_box = widgets.IntSlider(
        value=round(lift * 100), min=-20, max=50, step=1, description="Lift", style=style, continuous_update=False
    )
    output = widgets.HTML()

    def update(_change=None):
        try:
            result = lift_stage(
                table, stage_box.value, lift_box.value / 100, aov, points=unit_box.value, purchase_stage=purchase_stage
            )
        except ValueError as problem:
            output.value = _message_html(str(problem))
            return
        output.value = result_html(result)

    for box in (stage_box, unit_box, lift_box):
        box.observe(update, names="value")
    update()
    panel = widgets.VBox([stage_box, unit_box, lift_box, output])
    panel.stage, panel.unit, panel.lift, panel.output = stage_box, unit_box, lift_box, output
    return panel
