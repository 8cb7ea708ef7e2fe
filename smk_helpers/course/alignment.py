"""Lesson 09: sales and marketing working as one ("smarketing").

Three plain parts, each wired by a widget:

* `lead_quality`: sales' feedback on marketing's leads, per kind of campaign: how many leads
  became conversations, how many were won, how many brought a new customer, and what each of
  those cost. Every ratio comes from `smk_helpers.core.kpis`. `lead_source_win_rates` compares
  the win rate of each lead source within each kind of conversation.
* `reallocate`: a transparent what-if model. Move part of one channel's budget to another and
  see spend, leads, wins, new customers, revenue, cost per lead, CAC and revenue per dollar before and after.
  Its assumptions are parameters, written out in its docstring. `reallocation_widget` wires it.
* `assess_alignment`: a short self-assessment that places a business on the four stages of
  Kotler, Rackham & Krishnaswamy ("Ending the War Between Sales and Marketing", Harvard
  Business Review, 2006): undefined → defined → aligned → integrated, with advice.
  The statements and the cut-offs are ours. `self_assessment_widget` wires it; `stages_table` shows the
  stages, and `PRACTICES` names the five practices the statements test.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from ..core import kpis
from ..core.formatting import fmt_money, fmt_number, fmt_pct, fmt_ratio
from .grading import is_unanswered

# ---------------------------------------------------------------------------------------------
# Sales' feedback on lead quality
# ---------------------------------------------------------------------------------------------

QUALITY_COLUMNS = [
    "spend",
    "leads",
    "conversations",
    "won",
    "lost",
    "open",
    "new_customers",
    "revenue",
    "cost_per_lead",
    "conversation_rate",
    "win_rate",
    "lead_to_win",
    "new_customer_share",
    "cost_per_win",
    "cac",
    "revenue_per_win",
    "roas",
]


def lead_quality(
    campaigns: pd.DataFrame, interactions: pd.DataFrame, orders: pd.DataFrame, by: str = "type"
) -> pd.DataFrame:
    """What became of marketing's leads once sales talked to them, per group of campaigns.

    Only campaigns that report leads take part (a campaign without leads hands nothing over to
    sales). A conversation belongs to the campaign named in its ``campaign_id``. A won
    conversation brings a *new customer* when the order it led to is that customer's first
    order (judged over all ``orders``).

    Formulas, per group (all ratios of sums, through `smk_helpers.core.kpis`):

    * cost_per_lead = spend / leads (`kpis.cost_per_lead`)
    * conversation_rate = conversations / leads: the share of leads sales talked to
    * win_rate = won / (won + lost), open conversations left out (`kpis.win_rate`)
    * lead_to_win = won / leads: sales' verdict on the leads
    * new_customer_share = new customers / won
    * cost_per_win = spend / won
    * cac = spend / new customers (`kpis.cac`): what a new customer cost through this path
    * revenue_per_win = revenue of the won orders / won (`kpis.average_order_value`)
    * roas = revenue of the won orders / spend (`kpis.roas`): the lead path only, so lower than the
      business's ROAS, which counts every order credited to a campaign

    Parameters
    ----------
    campaigns : DataFrame (the campaigns table) with ``campaign_id``, ``spend``, ``leads`` and ``by``
    interactions : DataFrame (the interactions table) with ``campaign_id``, ``outcome``, ``order_id``
    orders : DataFrame (all orders) with ``order_id``, ``customer_id``, ``order_date``, ``revenue``
    by : str, default "type"
        The campaigns column to group by ("type" or "channel"; "campaign_id" gives one row per
        campaign).

    Returns
    -------
    DataFrame indexed by group, columns `QUALITY_COLUMNS`, sorted by the group label

    Examples
    --------
    >>> campaigns = pd.DataFrame({"campaign_id": ["E1", "S1"], "type": ["email", "social"],
    ...                           "spend": [100.0, 300.0], "leads": [50.0, 20.0]})
    >>> interactions = pd.DataFrame({"campaign_id": ["E1", "E1", "S1", "S1", None],
    ...                              "outcome": ["won", "lost", "won", "open", "won"],
    ...                              "order_id": ["1", None, "2", None, "3"]})
    >>> orders = pd.DataFrame({"order_id": ["0", "1", "2", "3"], "customer_id": ["C1", "C1", "C2", None],
    ...                        "order_date": pd.to_datetime(["2025-01-02", "2025-02-01", "2025-02-03", "2025-02-04"]),
    ...                        "revenue": [20.0, 40.0, 60.0, 10.0]})
    >>> q = lead_quality(campaigns, interactions, orders)
    >>> q[["leads", "won", "new_customers", "win_rate", "lead_to_win", "cac"]]
            leads  won  new_customers  win_rate  lead_to_win    cac
    type
    email    50.0    1              0       0.5         0.02    NaN
    social   20.0    1              1       1.0         0.05  300.0

    C1 had bought before, so the email lead's win is not a new customer and email's CAC is n/a.
    """
    with_leads = campaigns[campaigns["leads"].notna()]
    with_leads = with_leads.assign(**{c: math.nan for c in kpis.CAMPAIGN_NUMBERS if c not in with_leads.columns})
    group_of = pd.Series(with_leads[by].fillna("(unknown)").to_numpy(), index=with_leads["campaign_id"].to_numpy())
    totals = kpis.campaign_totals(with_leads.assign(_group=group_of.to_numpy()), by="_group")

    talks = interactions[interactions["campaign_id"].isin(group_of.index)]
    talks = talks.assign(_group=talks["campaign_id"].map(group_of))
    counts = kpis.outcome_counts(talks, by="_group")

    won_orders = talks[talks["outcome"] == "won"][["_group", "order_id"]].merge(
        orders[["order_id", "customer_id", "order_date", "revenue"]], on="order_id", how="left"
    )
    first = kpis.first_order_dates(orders)
    is_new = won_orders["customer_id"].map(first).eq(won_orders["order_date"])
    new_customers = is_new.groupby(won_orders["_group"]).sum()
    revenue = won_orders["revenue"].groupby(won_orders["_group"]).sum()

    table = pd.DataFrame(index=totals.index)
    table["spend"] = totals["spend"]
    table["leads"] = totals["leads"]
    table["conversations"] = talks.groupby("_group").size().reindex(table.index, fill_value=0)
    for outcome in ("won", "lost", "open"):
        table[outcome] = counts[outcome].reindex(table.index, fill_value=0).astype("int64") if len(counts) else 0
    table["new_customers"] = new_customers.reindex(table.index, fill_value=0).astype("int64")
    table["revenue"] = revenue.reindex(table.index, fill_value=0.0).astype("float64")
    table["cost_per_lead"] = kpis.cost_per_lead(table["spend"], table["leads"])
    table["conversation_rate"] = kpis.safe_divide(table["conversations"], table["leads"])
    table["win_rate"] = kpis.win_rate(table["won"], table["lost"])
    table["lead_to_win"] = kpis.safe_divide(table["won"], table["leads"])
    table["new_customer_share"] = kpis.safe_divide(table["new_customers"], table["won"])
    table["cost_per_win"] = kpis.safe_divide(table["spend"], table["won"])
    table["cac"] = kpis.cac(table["spend"], table["new_customers"])
    table["revenue_per_win"] = kpis.average_order_value(table["revenue"], table["won"])
    table["roas"] = kpis.roas(table["revenue"], table["spend"])
    table.index.name = by
    return table[QUALITY_COLUMNS].sort_index()


def quality_for_reading(quality: pd.DataFrame) -> pd.DataFrame:
    """The lead-quality table with its main columns as short text, for showing in a lesson.

    Examples
    --------
    >>> q = pd.DataFrame({"spend": [100.0], "leads": [50.0], "conversations": [20], "won": [10],
    ...                   "new_customers": [4], "cost_per_lead": [2.0], "win_rate": [0.5],
    ...                   "lead_to_win": [0.2], "cac": [25.0]}, index=pd.Index(["email"], name="type"))
    >>> quality_for_reading(q).iloc[0].tolist()
    ['$100', '50', '20', '10', '4', '$2.00', '50.0%', '20.0%', '$25.00']
    """
    money0 = lambda x: fmt_money(x, digits=0)  # noqa: E731
    return pd.DataFrame(
        {
            "spend": quality["spend"].map(money0),
            "leads": quality["leads"].map(fmt_number),
            "conversations": quality["conversations"].map(fmt_number),
            "won": quality["won"].map(fmt_number),
            "new customers": quality["new_customers"].map(fmt_number),
            "cost per lead": quality["cost_per_lead"].map(fmt_money),
            "win rate": quality["win_rate"].map(fmt_pct),
            "won per lead": quality["lead_to_win"].map(fmt_pct),
            "cost per new customer": quality["cac"].map(fmt_money),
        },
        index=quality.index,
    )


NO_CAMPAIGN = "no campaign"


def lead_source_win_rates(
    campaigns: pd.DataFrame, interactions: pd.DataFrame, by: str = "channel", within: str = "type"
) -> pd.DataFrame:
    """Win rate of the conversations by where the lead came from, overall and within each kind of conversation.

    A conversation's lead source is the ``by`` column (the channel, by default) of the campaign its
    ``campaign_id`` names; a conversation that names none is "no campaign". Comparing sources
    *within* one kind of conversation (``within``) keeps the mix of kinds out of the comparison:
    special orders are won far more often than recommendations, so a source that brings many of
    them looks better overall without its leads being any warmer.

    Formula, per source and kind: win_rate = won / (won + lost) (`kpis.win_rate`); decided = won + lost.

    Parameters
    ----------
    campaigns : DataFrame with ``campaign_id`` and ``by``
    interactions : DataFrame with ``campaign_id``, ``outcome`` and ``within``
    by, within : str

    Returns
    -------
    DataFrame with one row per (source, kind), the kind "all kinds" included: source, kind, won,
    lost, decided, win_rate

    Examples
    --------
    >>> campaigns = pd.DataFrame({"campaign_id": ["E1", "S1"], "channel": ["email", "social"]})
    >>> talks = pd.DataFrame({"campaign_id": ["E1", "E1", "S1", "S1", None, None],
    ...                       "type": ["special order", "recommendation"] * 3,
    ...                       "outcome": ["won", "won", "won", "lost", "won", "lost"]})
    >>> table = lead_source_win_rates(campaigns, talks)
    >>> table[table["kind"] == "all kinds"][["source", "decided", "win_rate"]]
            source  decided  win_rate
    0        email        2       1.0
    1  no campaign        2       0.5
    2       social        2       0.5
    """
    source_of = campaigns.set_index("campaign_id")[by]
    source = interactions["campaign_id"].map(source_of).fillna(NO_CAMPAIGN)
    source = source.where(interactions["campaign_id"].notna(), NO_CAMPAIGN)
    talks = interactions.assign(_source=source.to_numpy())
    groups = [("all kinds", talks)] + [(kind, group) for kind, group in talks.groupby(within, sort=True)]
    frames = []
    for kind, group in groups:
        counts = kpis.outcome_counts(group, by="_source")
        frames.append(
            pd.DataFrame({"source": counts.index, "kind": kind, "won": counts["won"], "lost": counts["lost"]})
        )
    table = pd.concat(frames, ignore_index=True)
    table["decided"] = table["won"] + table["lost"]
    table["win_rate"] = kpis.win_rate(table["won"], table["lost"])
    return table[["source", "kind", "won", "lost", "decided", "win_rate"]]


def lead_sources_for_reading(table: pd.DataFrame, min_decided: int = 20) -> pd.DataFrame:
    """`lead_source_win_rates` as text: one row per source, one column per kind, "62% of 120" in each cell.

    A cell with fewer than ``min_decided`` decided conversations shows "too few (n)": a rate of a
    handful of conversations jumps about by chance.

    Examples
    --------
    >>> table = pd.DataFrame({"source": ["email", "email"], "kind": ["all kinds", "special order"],
    ...                       "won": [30, 3], "lost": [10, 1], "decided": [40, 4], "win_rate": [0.75, 0.75]})
    >>> lead_sources_for_reading(table)
    kind      all kinds special order
    source
    email   75% of 40  too few (4)
    """
    text = [
        f"{fmt_pct(rate, 0)} of {fmt_number(n)}" if n >= min_decided else f"too few ({fmt_number(n)})"
        for rate, n in zip(table["win_rate"], table["decided"], strict=True)
    ]
    kinds = list(dict.fromkeys(table["kind"]))
    return table.assign(text=text).pivot(index="source", columns="kind", values="text")[kinds].fillna("none")


# ---------------------------------------------------------------------------------------------
# Moving budget: the reallocation model
# ---------------------------------------------------------------------------------------------

# Revenue of the lead path's won sales per dollar of its spend. Not ROAS, which divides the revenue of every
# order credited to a campaign by all campaign spend: this counts only sales won in a logged conversation.
LEAD_PATH_RETURN = "lead-path revenue per dollar"

REALLOCATION_ROWS = [
    "spend",
    "leads",
    "won sales",
    "new customers",
    "revenue",
    "cost per lead",
    "cost per new customer (CAC)",
    LEAD_PATH_RETURN,
]


def reallocate(
    quality: pd.DataFrame, move_from: str, move_to: str, share: float, new_money_efficiency: float = 1.0
) -> pd.DataFrame:
    """What if a share of one channel's budget moved to another? A transparent linear model.

    The assumptions, all of them:

    1. **Leads scale linearly with spend** at each group's observed cost per lead: a dollar
       taken away loses the group's average number of leads per dollar.
    2. A dollar *added* to ``move_to`` buys ``new_money_efficiency`` times that group's observed
       leads per dollar: 1.0 means no diminishing returns; 0.5 means the extra money works half
       as well (audiences saturate, the cheapest leads are already taken).
    3. **Each lead behaves like the group's past leads**: it is won at the observed lead-to-win
       rate, a win is a new customer at the observed new-customer share, and it brings the
       observed revenue per win.
    4. Total spend stays the same, and nothing outside the lead path changes: orders a campaign
       brings without a conversation (event-day sales, sponsored listings), brand effects and
       timing are left out.

    Spend that moves within the model changes only the groups ``move_from`` and ``move_to``.

    Parameters
    ----------
    quality : DataFrame from `lead_quality` (indexed by group)
    move_from, move_to : str
        Two different groups of ``quality``'s index.
    share : float
        The fraction of ``move_from``'s spend to move, from 0 to 1 (0.5 moves half).
    new_money_efficiency : float, default 1.0
        Leads per added dollar in ``move_to``, as a fraction of its observed leads per dollar.

    Returns
    -------
    DataFrame indexed by `REALLOCATION_ROWS`, columns before, after, change (after − before),
    over all groups of ``quality``. Cost per lead, CAC and the lead path's revenue per dollar
    (`LEAD_PATH_RETURN`) are recomputed from the totals with `kpis.cost_per_lead`, `kpis.cac` and `kpis.roas`.

    Examples
    --------
    >>> quality = pd.DataFrame({"spend": [100.0, 100.0], "leads": [10.0, 50.0], "won": [5, 10],
    ...                         "new_customers": [4, 8], "revenue": [250.0, 400.0]},
    ...                        index=pd.Index(["social", "search"], name="type"))
    >>> table = reallocate(quality, "social", "search", share=0.5)
    >>> table.loc[["spend", "leads", "new customers", "revenue", "cost per new customer (CAC)"]].round(2)
                                 before   after  change
    spend                         200.00  200.00    0.00
    leads                          60.00   80.00   20.00
    new customers                  12.00   14.00    2.00
    revenue                       650.00  725.00   75.00
    cost per new customer (CAC)    16.67   14.29   -2.38

    Moving $50 costs social 5 leads, worth 2 new customers at its 0.4 a lead, and buys search
    25 leads, worth 4 at its 0.16 a lead: 2 more new customers for the same money.
    """
    _check_reallocation(quality, move_from, move_to, share, new_money_efficiency)
    spend = quality["spend"].astype("float64")
    leads = quality["leads"].astype("float64")
    moved = spend[move_from] * share
    new_spend = spend.copy()
    new_spend[move_from] -= moved
    new_spend[move_to] += moved
    leads_per_dollar = kpis.safe_divide(leads, spend).fillna(0.0)
    new_leads = leads.copy()
    new_leads[move_from] -= moved * leads_per_dollar[move_from]
    new_leads[move_to] += moved * leads_per_dollar[move_to] * new_money_efficiency
    # every outcome per lead stays as observed (assumption 3): outcome × new leads / old leads
    growth = kpis.safe_divide(new_leads, leads).fillna(1.0)
    before = _reallocation_totals(spend, leads, quality["won"], quality["new_customers"], quality["revenue"])
    after = _reallocation_totals(
        new_spend, new_leads, quality["won"] * growth, quality["new_customers"] * growth, quality["revenue"] * growth
    )
    table = pd.DataFrame({"before": before, "after": after}, index=REALLOCATION_ROWS, dtype="float64")
    table["change"] = table["after"] - table["before"]
    return table


def _check_reallocation(quality, move_from, move_to, share, new_money_efficiency) -> None:
    groups = quality.index.tolist()
    for name, value in (("move_from", move_from), ("move_to", move_to)):
        if value not in groups:
            raise ValueError(f"{name}={value!r} is not a group of the table; choose one of {groups}.")
    if move_from == move_to:
        raise ValueError("move_from and move_to are the same group; choose two different ones.")
    if not (isinstance(share, (int, float)) and 0 <= share <= 1):
        raise ValueError(f"share is a fraction from 0 to 1 (0.5 moves half), not {share!r}.")
    if not (isinstance(new_money_efficiency, (int, float)) and new_money_efficiency >= 0):
        raise ValueError(f"new_money_efficiency must be 0 or more (1.0 = linear), not {new_money_efficiency!r}.")


def _reallocation_totals(spend, leads, won, new_customers, revenue) -> list[float]:
    spend, leads = kpis.known_sum(spend), kpis.known_sum(leads)
    won, new_customers, revenue = kpis.known_sum(won), kpis.known_sum(new_customers), kpis.known_sum(revenue)
    return [
        spend,
        leads,
        won,
        new_customers,
        revenue,
        kpis.cost_per_lead(spend, leads),
        kpis.cac(spend, new_customers),
        kpis.roas(revenue, spend),
    ]


def reallocation_for_reading(table: pd.DataFrame) -> pd.DataFrame:
    """The before/after table of `reallocate` as text: money as money, counts rounded, revenue per dollar as 1.2x.

    Examples
    --------
    >>> table = pd.DataFrame({"before": [200.0, 60.0], "after": [200.0, 80.4], "change": [0.0, 20.4]},
    ...                      index=["spend", "leads"])
    >>> reallocation_for_reading(table)
        before   after change
    spend   $200    $200     $0
    leads     60      80    +20
    """

    def text(row, value, signed):
        if row in ("spend", "revenue"):
            out = fmt_money(value, digits=0)
        elif row in ("cost per lead", "cost per new customer (CAC)"):
            out = fmt_money(value)
        elif row == LEAD_PATH_RETURN:
            out = fmt_ratio(value, digits=2)
        else:
            out = fmt_number(value)
        if (
            signed
            and not (isinstance(value, float) and math.isnan(value))
            and not out.startswith("-")
            and out.strip("$0.,x") != ""
        ):
            out = "+" + out
        return out

    return pd.DataFrame(
        {
            column: [text(row, table.loc[row, column], column == "change") for row in table.index]
            for column in table.columns
        },
        index=table.index,
    )


def reallocation_widget(
    quality: pd.DataFrame, move_from: str, move_to: str, share: float = 0.5, new_money_efficiency: float = 1.0
):
    """Dropdowns and sliders around `reallocate`; the table under them follows every change.

    Parameters
    ----------
    quality : DataFrame from `lead_quality`
    move_from, move_to, share, new_money_efficiency
        The starting values (see `reallocate`).

    Returns
    -------
    ipywidgets.VBox
        Attributes ``move_from``, ``move_to``, ``share``, ``efficiency`` (the inputs) and
        ``output`` (the HTML table) are there for tests.
    """
    import ipywidgets as widgets

    groups = quality.index.tolist()
    style = {"description_width": "170px"}
    layout = widgets.Layout(width="440px")
    from_box = widgets.Dropdown(
        options=groups, value=move_from, description="Move budget from", style=style, layout=layout
    )
    to_box = widgets.Dropdown(options=groups, value=move_to, description="to", style=style, layout=layout)
    share_box = widgets.FloatSlider(
        value=share,
        min=0,
        max=1,
        step=0.05,
        description="Share moved",
        readout_format=".0%",
        style=style,
        layout=layout,
    )
    efficiency_box = widgets.FloatSlider(
        value=new_money_efficiency,
        min=0,
        max=1.5,
        step=0.05,
        description="Extra money works at",
        readout_format=".0%",
        style=style,
        layout=layout,
    )
    output = widgets.HTML()

    def update(_change=None):
        try:
            table = reallocate(quality, from_box.value, to_box.value, share_box.value, efficiency_box.value)
        except ValueError as exc:
            output.value = f'<p role="status">{html.escape(str(exc))}</p>'
            return
        output.value = reallocation_for_reading(table).to_html(classes="smk-table")

    for box in (from_box, to_box, share_box, efficiency_box):
        box.observe(update, names="value")
    update()
    panel = widgets.VBox([from_box, to_box, share_box, efficiency_box, output])
    panel.move_from, panel.move_to, panel.share, panel.efficiency, panel.output = (
        from_box,
        to_box,
        share_box,
        efficiency_box,
        output,
    )
    return panel


# ---------------------------------------------------------------------------------------------
# The four stages: a self-assessment
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stage:
    """One of the four stages of the relationship between sales and marketing."""

    name: str
    looks_like: str
    advice: str


STAGES: tuple[Stage, ...] = (
    Stage(
        "undefined",
        "Each side works on its own tasks and knows little of the other's. When results "
        "disappoint, each blames the other.",
        "Start small: agree on one shared goal for the next quarter, and write down what a lead ready for sales is.",
    ),
    Stage(
        "defined",
        "Rules keep the peace: there is a shared word for a lead and a clear handoff, and the "
        "two sides work together on big occasions. Most of the time they still work apart.",
        "Plan together: a short monthly meeting where sales reports which leads bought and "
        "marketing says what is coming, with both working from one customer record.",
    ),
    Stage(
        "aligned",
        "Boundaries are clear but flexible. The two sides plan and learn together, use the same "
        "words with customers, and sales' feedback changes marketing's plans.",
        "Share the scoreboard: judge both sides partly on the same numbers (revenue from new "
        "customers, CAC, win rate), and let the feedback loop move the budget.",
    ),
    Stage(
        "integrated",
        "Sales and marketing act as one revenue team, with shared goals, systems, metrics and "
        "budget. The boundary has blurred.",
        "Guard what integration can lose: keep long-term brand work funded even when this "
        "month's sales are the loudest voice, and keep field knowledge flowing to the planners.",
    ),
)


def stages_table() -> pd.DataFrame:
    """The four stages, each with what it looks like and the next step to take.

    Examples
    --------
    >>> stages_table().index.tolist()
    ['undefined', 'defined', 'aligned', 'integrated']
    """
    return pd.DataFrame(
        {"what it looks like": [s.looks_like for s in STAGES], "next step": [s.advice for s in STAGES]},
        index=pd.Index([s.name for s in STAGES], name="stage"),
    )


@dataclass(frozen=True)
class Statement:
    """A statement of the self-assessment, with the practice it tests and a tip if it scores low."""

    key: str
    text: str
    practice: str
    tip: str


STATEMENTS: tuple[Statement, ...] = (
    Statement(
        "goals",
        "Sales and marketing work towards the same targets, set together.",
        "shared goals",
        "set one shared target, such as new customers a month, and review it together.",
    ),
    Statement(
        "lead_definition",
        "We have written down when a lead is ready to hand to sales.",
        "lead handoff",
        "agree on the MQL → SQL rule (for a bookshop: a subscriber becomes a sales "
        "lead when they ask for a special order or a consultation).",
    ),
    Statement(
        "handoff",
        "A lead that is ready reaches the right person quickly, and none get lost.",
        "lead handoff",
        "name who follows up each kind of lead, and how soon.",
    ),
    Statement(
        "crm",
        "Both sides keep customers and conversations in one shared record.",
        "one CRM",
        "keep one customer record both sides update; a shared spreadsheet is a fine start.",
    ),
    Statement(
        "messaging",
        "What our campaigns promise is what our sellers say and do.",
        "consistent messaging",
        "brief the sellers on every campaign before it starts.",
    ),
    Statement(
        "feedback",
        "Sales regularly tells marketing which campaigns bring leads that buy.",
        "the feedback loop",
        "tag each conversation with the campaign that brought it, and share the win rates monthly.",
    ),
    Statement(
        "act_on_feedback",
        "Marketing changes its plans and budget because of that feedback.",
        "the feedback loop",
        "move a little budget each quarter towards the channels whose leads buy, and check the result.",
    ),
    Statement(
        "metrics",
        "Both sides are judged partly on the same numbers.",
        "shared goals",
        "add one shared number, such as CAC or revenue from new customers, to both sides' reports.",
    ),
)

# The five practices of "smarketing", in the order lesson 09 teaches them (each statement tests one).
PRACTICES: tuple[str, ...] = tuple(dict.fromkeys(s.practice for s in STATEMENTS))

SCALE = {1: "not true", 2: "rarely true", 3: "partly true", 4: "mostly true", 5: "fully true"}


@dataclass(frozen=True)
class Assessment:
    """The result of the self-assessment.

    ``stage`` is None until at least one statement is answered; ``provisional`` is True while
    some statements are still open. ``focus`` lists the tips of the lowest-scored statements.
    """

    answered: int
    total: int
    mean: float
    stage: Stage | None
    focus: tuple[str, ...]

    @property
    def provisional(self) -> bool:
        return self.answered < self.total

    @property
    def message(self) -> str:
        if self.stage is None:
            return f"Answer the statements to see your stage (0 of {self.total} answered)."
        head = (
            f"Stage: {self.stage.name} (average {self.mean:.1f} on the 1–5 scale"
            + (f", provisional: {self.answered} of {self.total} answered" if self.provisional else "")
            + ")."
        )
        tips: dict[str, list[str]] = {}  # the two lowest statements may belong to one practice: name it once
        for item in self.focus:
            practice, _, tip = item.partition(": ")
            tips.setdefault(practice, []).append(tip.rstrip("."))
        focus = " Then ".join(f"{practice}: {'; '.join(each)}." for practice, each in tips.items())
        return f"{head} {self.stage.looks_like} Next step: {self.stage.advice}" + (f" Work on {focus}" if focus else "")

    def __repr__(self) -> str:
        return self.message


def stage_for(mean: float) -> Stage | None:
    """The stage for an average score on the 1–5 scale (our cut-offs: below 2, 3 and 4).

    Examples
    --------
    >>> [stage_for(x).name for x in (1.0, 2.0, 3.5, 4.0, 5.0)]
    ['undefined', 'defined', 'aligned', 'integrated', 'integrated']
    >>> stage_for(float("nan")) is None
    True
    """
    if mean is None or math.isnan(mean):
        return None
    return STAGES[min(3, max(0, int(math.floor(mean)) - 1))]


def _score(value) -> int | None:
    if is_unanswered(value):
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value not in SCALE:
        raise ValueError(f"an answer is a whole number from 1 (not true) to 5 (fully true), not {value!r}.")
    return int(value)


def assess_alignment(answers: Mapping[str, int | None] | Sequence[int | None]) -> Assessment:
    """Place a business on the four stages from its answers to `STATEMENTS`.

    Each statement is scored from 1 (not true) to 5 (fully true). The average over the answered
    statements gives the stage: below 2 undefined, below 3 defined, below 4 aligned, from 4
    integrated. The tips of the statements scored lowest (at most two, and only those below 4)
    say where to start.

    Parameters
    ----------
    answers : mapping of statement key -> 1..5 (or None), or a sequence in `STATEMENTS` order

    Returns
    -------
    Assessment

    Raises
    ------
    ValueError
        For an unknown statement key, too many answers, or a score outside 1..5.

    Examples
    --------
    >>> a = assess_alignment([3, 3, 2, 1, 3, 2, 2, 3])
    >>> a.stage.name, a.mean
    ('defined', 2.375)
    >>> a.focus[0]
    'one CRM: keep one customer record both sides update; a shared spreadsheet is a fine start.'
    >>> assess_alignment({"goals": 5}).provisional
    True
    """
    keys = [s.key for s in STATEMENTS]
    if isinstance(answers, Mapping):
        unknown = [k for k in answers if k not in keys]
        if unknown:
            raise ValueError(f"unknown statement(s) {unknown}; the keys are {keys}.")
        given = dict(answers)
    else:
        answers = list(answers)
        if len(answers) > len(keys):
            raise ValueError(f"there are {len(keys)} statements, but {len(answers)} answers.")
        given = dict(zip(keys, answers, strict=False))
    scores = {s.key: _score(given.get(s.key)) for s in STATEMENTS}
    known = {k: v for k, v in scores.items() if v is not None}
    mean = sum(known.values()) / len(known) if known else math.nan
    low = sorted((v, i) for i, (k, v) in enumerate(scores.items()) if v is not None and v < 4)
    focus = tuple(f"{STATEMENTS[i].practice}: {STATEMENTS[i].tip}" for _, i in low[:2])
    return Assessment(answered=len(known), total=len(keys), mean=mean, stage=stage_for(mean), focus=focus)


def assessment_html(assessment: Assessment) -> str:
    """An Assessment as a short HTML block (what the widget shows).

    Examples
    --------
    >>> print(assessment_html(assess_alignment([])))
    <div role="status"><p>Answer the statements to see your stage (0 of 8 answered).</p></div>
    """
    if assessment.stage is None:
        return f'<div role="status"><p>{html.escape(assessment.message)}</p></div>'
    stage = assessment.stage
    note = f" (provisional: {assessment.answered} of {assessment.total} answered)" if assessment.provisional else ""
    focus = "".join(f"<li>{html.escape(tip)}</li>" for tip in assessment.focus)
    return (
        f'<div role="status"><p><b>Stage: {html.escape(stage.name)}</b>, average '
        f"{assessment.mean:.1f} on the 1–5 scale{note}.</p>"
        f"<p>{html.escape(stage.looks_like)}</p><p><b>Next step:</b> {html.escape(stage.advice)}</p>"
        + (f"<p><b>Start with:</b></p><ul>{focus}</ul>" if focus else "")
        + "</div>"
    )


def self_assessment_widget():
    """One dropdown per statement (1–5); the stage and advice under them follow every answer.

    Returns
    -------
    ipywidgets.VBox
        Attributes ``answers`` (statement key -> Dropdown) and ``output`` (the HTML result).
    """
    import ipywidgets as widgets

    options = [("choose…", None)] + [(f"{n} – {text}", n) for n, text in SCALE.items()]
    dropdowns, rows = {}, []
    for number, statement in enumerate(STATEMENTS, start=1):
        label = widgets.HTML(f"<b>{number}. {html.escape(statement.text)}</b>")
        dropdown = widgets.Dropdown(
            options=options, value=None, description=f"Statement {number}", layout=widgets.Layout(width="320px")
        )
        dropdowns[statement.key] = dropdown
        rows.append(widgets.VBox([label, dropdown]))
    output = widgets.HTML()

    def update(_change=None):
        output.value = assessment_html(assess_alignment({k: d.value for k, d in dropdowns.items()}))

    for dropdown in dropdowns.values():
        dropdown.observe(update, names="value")
    update()
    panel = widgets.VBox([*rows, output])
    panel.answers, panel.output = dropdowns, output
    return panel
