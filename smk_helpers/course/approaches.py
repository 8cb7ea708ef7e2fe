"""One-to-many (marketing) against one-to-one (sales): reach, cost, conversion and capacity.

Lesson 04 compares the two ways a shop reaches a customer. The formulas live in
`smk_helpers.core.kpis` (`one_to_many_vs_one_to_one`, `staff_cost`, `safe_divide`, ...); this module
puts them together:

* `load_staff`: The Book Hub's ``staff.csv`` (hourly cost and contracted hours of each person);
* `by_kind`: `kpis.one_to_many_vs_one_to_one` per kind of campaign and per kind of conversation;
  `comparison_for_reading` shows either table as text;
* `staff_capacity`: the hours staff are paid for, against the hours their conversations took;
  `hourly_cost`: what an hour of conversation costs at each person's own wage; `readable` shows
  the capacity and scenario tables as text;
* `compare_approaches`: the slider model, an ad campaign against hand-selling with one budget
  (`compare_scenarios` runs it for several sets of inputs, `break_even_conversion` finds the
  hand-sell conversion at which both cost the same per order);
* `approach_explorer`: labelled sliders wired to `compare_approaches` (the widget holds no logic).

The default inputs are the worked example of GUIDE §5: a social ad at a $15 CPM with a 1%
click-through rate and 2% website conversion, against a 10-minute hand-sell at $13.56 an hour.
The hand-sell conversion rate (25%) is an assumption, not a measurement: The Book Hub logs about
40% of in-store recommendations as won, but some of those customers would have bought anyway.
"""

from __future__ import annotations

import html
import math

import pandas as pd

from ..core import kpis
from ..core.data import read_extra_table
from ..core.formatting import fmt_money, fmt_money_small, fmt_number, fmt_pct, fmt_pct_small
from ..core.formatting import readable as readable_table

AD, HAND_SELL = "one-to-many: social ad", "one-to-one: hand-sell"
# The two approaches, each by how it talks to a customer.
APPROACHES = {
    "one-to-many": "the same message for everyone, carried to many at once; it cannot listen",
    "one-to-one": "a conversation with one person, shaped by what they say",
}
DEFAULTS = {
    "cpm": 15.0,  # dollars per 1,000 impressions (Meta retail, GUIDE §5)
    "ctr": 0.01,  # click-through rate
    "site_conversion": 0.02,  # website visit → order
    "minutes_per_contact": 10.0,  # one hand-sell
    "hourly_cost": kpis.STAFF_HOURLY_COST,  # a bookseller's wage (BLS 2022)
    "hand_sell_conversion": 0.25,  # an ASSUMPTION: the share of hand-sells that end in an order
    "staff_hours": 20.0,  # bookseller hours set aside for hand-selling
    "budget": 300.0,  # dollars, for either approach
}
COLUMNS = [
    "contacts",
    "cost",
    "cost_per_contact",
    "conversion_per_contact",
    "orders",
    "cost_per_order",
    "capacity",
    "staff_hours",
    "limited_by",
]


def load_staff(folder=None) -> pd.DataFrame:
    """The staff table (``staff.csv``): one row per person.

    Parameters
    ----------
    folder : path, optional
        A folder holding ``staff.csv``; The Book Hub's by default.

    Returns
    -------
    DataFrame with staff, role, hourly_cost, hours_per_week

    Examples
    --------
    >>> staff = load_staff()
    >>> staff.columns.tolist()
    ['staff', 'role', 'hourly_cost', 'hours_per_week']
    """
    return read_extra_table("staff.csv", folder, text_columns=["staff", "role"])


# ---------------------------------------------------------------------------------------------
# The Book Hub's own campaigns and conversations
# ---------------------------------------------------------------------------------------------


def by_kind(
    campaigns: pd.DataFrame,
    interactions: pd.DataFrame,
    orders: pd.DataFrame | None = None,
    staff_hourly_cost: float = kpis.STAFF_HOURLY_COST,
) -> pd.DataFrame:
    """`kpis.one_to_many_vs_one_to_one` for each kind of campaign and each kind of conversation.

    Campaigns are grouped by their ``type`` column when they have one (The Book Hub's: email
    newsletter, targeted ads, author event, ...), else by ``channel``; conversations by ``type``
    (in-store recommendation, special order, ...). Each group gets the row of its approach.

    Parameters
    ----------
    campaigns, interactions : DataFrame
        The contract tables, filtered to one period.
    orders : DataFrame, optional
        Needed to count the orders campaigns brought.
    staff_hourly_cost : float, default 13.56

    Returns
    -------
    DataFrame indexed by kind: approach ("one-to-many" or "one-to-one"), then reach, cost,
    orders, cost_per_contact, conversion_per_contact, cost_per_order

    Examples
    --------
    >>> campaigns = pd.DataFrame({"campaign_id": ["A1", "E1"], "type": ["targeted ads", "email newsletter"],
    ...                           "spend": [150.0, 30.0], "impressions": [10000.0, 2000.0]})
    >>> orders = pd.DataFrame({"campaign_id": ["A1", "A1", "E1"]})
    >>> interactions = pd.DataFrame({"type": ["special order", "special order"], "minutes": [10.0, 20.0],
    ...                              "outcome": ["won", "lost"]})
    >>> by_kind(campaigns, interactions, orders)[["approach", "reach", "cost_per_order"]].round(2)
                          approach    reach  cost_per_order
    kind
    email newsletter   one-to-many   2000.0           30.00
    targeted ads       one-to-many  10000.0           75.00
    special order       one-to-one      2.0            6.78
    """
    kind_column = "type" if "type" in campaigns else "channel"
    rows = {}
    for kind, group in campaigns.groupby(campaigns[kind_column].fillna("(unknown)"), sort=True):
        row = kpis.one_to_many_vs_one_to_one(group, None, orders, staff_hourly_cost).loc[kpis.ONE_TO_MANY]
        rows[kind] = pd.concat([pd.Series({"approach": "one-to-many"}), row])
    for kind, group in interactions.groupby(interactions["type"].fillna("(unknown)"), sort=True):
        row = kpis.one_to_many_vs_one_to_one(None, group, None, staff_hourly_cost).loc[kpis.ONE_TO_ONE]
        rows[kind] = pd.concat([pd.Series({"approach": "one-to-one"}), row])
    table = pd.DataFrame(rows).T
    numbers = [column for column in table.columns if column != "approach"]
    table[numbers] = table[numbers].astype("float64")
    table.index.name = "kind"
    return table


def comparison_for_reading(table: pd.DataFrame) -> pd.DataFrame:
    """A `kpis.one_to_many_vs_one_to_one` or `by_kind` table as text, with digits enough to redo its arithmetic.

    Small amounts keep their digits ($0.0118 per contact, 0.042% of contacts), so dividing the shown
    cost per contact by the shown orders per contact gives the shown cost per order, to the cent or so.

    Examples
    --------
    >>> table = pd.DataFrame({"count": [3.0], "reach": [643938.0], "cost": [7585.98], "orders": [273.0],
    ...                       "cost_per_contact": [0.01178], "conversion_per_contact": [0.000424],
    ...                       "cost_per_order": [27.79]}, index=pd.Index(["campaigns"], name="approach"))
    >>> comparison_for_reading(table).iloc[0].tolist()
    ['3', '643,938', '$7,586', '273', '$0.0118', '0.042%', '$27.79']
    """
    columns = {
        "approach": ("Approach", str),
        "count": ("Campaigns or conversations", fmt_number),
        "reach": ("Contacts", fmt_number),
        "cost": ("Cost", lambda x: fmt_money(x, digits=0)),
        "orders": ("Orders", fmt_number),
        "cost_per_contact": ("Cost per contact", fmt_money_small),
        "conversion_per_contact": ("Orders per contact", fmt_pct_small),
        "cost_per_order": ("Cost per order", fmt_money),
    }
    return pd.DataFrame(
        {heading: table[column].map(show) for column, (heading, show) in columns.items() if column in table},
        index=table.index,
    )


def hours_for(contacts, minutes_per_contact):
    """Staff hours needed to have ``contacts`` conversations of ``minutes_per_contact`` each.

    Formula: contacts × minutes per contact / 60.

    Examples
    --------
    >>> hours_for(120, 10)
    20.0
    """
    return contacts * minutes_per_contact / 60


def staff_capacity(staff: pd.DataFrame, interactions: pd.DataFrame, weeks: float = 52) -> pd.DataFrame:
    """Hours each person is paid for, against the hours their logged conversations took.

    Formulas, per person: paid_hours = hours per week × weeks; conversation_hours = Σ minutes /
    60; share_of_paid_hours = conversation hours / paid hours; conversation_cost = `kpis.staff_cost`
    of their minutes at *their own* hourly cost. A last row, "all staff", adds them up.

    Parameters
    ----------
    staff : DataFrame from `load_staff`
    interactions : DataFrame (filter it to the period that ``weeks`` covers, e.g. one year)
    weeks : float, default 52

    Returns
    -------
    DataFrame indexed by staff

    Examples
    --------
    >>> staff = pd.DataFrame({"staff": ["Ana", "Ben"], "role": ["bookseller"] * 2,
    ...                       "hourly_cost": [12.0, 18.0], "hours_per_week": [10.0, 20.0]})
    >>> interactions = pd.DataFrame({"staff": ["Ana", "Ana", "Ben"], "minutes": [30.0, 30.0, 60.0]})
    >>> staff_capacity(staff, interactions, weeks=1)[["paid_hours", "conversation_hours", "conversation_cost"]]
               paid_hours  conversation_hours  conversation_cost
    staff
    Ana              10.0                 1.0               12.0
    Ben              20.0                 1.0               18.0
    all staff        30.0                 2.0               30.0
    """
    people = staff.set_index("staff")
    minutes = interactions["minutes"].groupby(interactions["staff"]).sum(min_count=1).reindex(people.index)
    minutes = minutes.fillna(0.0)
    table = pd.DataFrame(
        {
            "role": people["role"],
            "hourly_cost": people["hourly_cost"].astype("float64"),
            "paid_hours": people["hours_per_week"].astype("float64") * weeks,
            "conversations": interactions["staff"].value_counts().reindex(people.index, fill_value=0).astype("float64"),
            "conversation_hours": hours_for(minutes, 1),
            "conversation_cost": kpis.staff_cost(minutes, people["hourly_cost"].astype("float64")),
        }
    )
    total = table.drop(columns=["role", "hourly_cost"]).sum()
    table.loc["all staff"] = pd.Series({"role": "", "hourly_cost": math.nan, **total.to_dict()})
    for column in table.columns.drop("role"):
        table[column] = table[column].astype("float64")
    table["share_of_paid_hours"] = kpis.safe_divide(table["conversation_hours"], table["paid_hours"])
    table.index.name = "staff"
    return table


def hourly_cost(staff: pd.DataFrame, interactions: pd.DataFrame) -> float:
    """What an hour of conversation costs when each one is priced at its own person's wage.

    Formula: Σ (minutes × the person's hourly cost) / Σ minutes, over the conversations whose person
    and minutes are both known (a ratio of sums, so a person who talks more weighs more).

    Parameters
    ----------
    staff : DataFrame from `load_staff`
    interactions : DataFrame with staff and minutes

    Examples
    --------
    >>> staff = pd.DataFrame({"staff": ["Ana", "Ben"], "hourly_cost": [60.0, 30.0]})
    >>> interactions = pd.DataFrame({"staff": ["Ana", "Ben", "Ben", "Cy"], "minutes": [60.0, 90.0, 30.0, 50.0]})
    >>> hourly_cost(staff, interactions)  # (60 × 60 + 120 × 30) / 180; Cy is not in the staff table
    40.0
    """
    wage = interactions["staff"].map(staff.set_index("staff")["hourly_cost"]).astype("float64")
    minutes = pd.to_numeric(interactions["minutes"], errors="coerce").where(wage.notna())
    return kpis.ratio_of_sums(minutes * wage, minutes)


# How `readable` shows the columns of `staff_capacity` and `compare_scenarios`: (heading, format).
READABLE = {
    "role": ("Role", "text"),
    "hourly_cost": ("Hourly cost", "money"),
    "paid_hours": ("Paid hours", "number"),
    "conversations": ("Conversations", "number"),
    "conversation_hours": ("Hours talking", "number"),
    "share_of_paid_hours": ("Share of paid hours", "pct"),
    "conversation_cost": ("Cost at own wage", "money0"),
    "ad_contacts": ("Ad contacts", "number"),
    "hand_sell_contacts": ("Hand-sell contacts", "number"),
    "ad_orders": ("Ad orders", "number1"),
    "hand_sell_orders": ("Hand-sell orders", "number1"),
    "ad_cost_per_order": ("Ad cost per order", "money"),
    "hand_sell_cost_per_order": ("Hand-sell cost per order", "money"),
    "more_orders": ("More orders", "text"),
}


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """A `staff_capacity` or `compare_scenarios` table as text for reading: plain headings, hours, dollars.

    The contacts of `compare_scenarios` are left out: its orders and costs are what it compares.

    Examples
    --------
    >>> readable(compare_scenarios({"example": {}, "a busy week": {"staff_hours": 2}}))[["Ad orders", "More orders"]]
                Ad orders  More orders
    scenario
    example           4.0   one-to-one
    a busy week       4.0  one-to-many
    """
    hidden = {"ad_contacts", "hand_sell_contacts"} if "more_orders" in table else set()
    return readable_table(table, {c: READABLE[c] for c in table.columns if c in READABLE and c not in hidden})


def worked_example(**changes) -> str:
    """The inputs of the ad-against-hand-sell model, worked out step by step in three sentences.

    Formulas: clicks = 1,000 × CTR; ad cost per order = CPM / (clicks × site conversion);
    hand-sell cost per contact = minutes / 60 × hourly cost.

    Parameters
    ----------
    **changes
        Inputs to change from `DEFAULTS` (cpm, ctr, site_conversion, minutes_per_contact, hourly_cost,
        hand_sell_conversion, staff_hours, budget).

    Examples
    --------
    >>> print(worked_example(hourly_cost=12.0))
    The ad: $15 buys 1,000 impressions, which bring 10 clicks at 1%, which bring 0.2 orders at 2%: $75.00 per order.
    The hand-sell: 10 minutes at $12.00 an hour = $2.00 per contact.
    Assumed: 25% of hand-sells end in an order; a budget of $300 and 20 staff hours for hand-selling.
    """
    inputs = {**DEFAULTS, **changes}
    cpm, ctr, conversion, minutes = (inputs[k] for k in ("cpm", "ctr", "site_conversion", "minutes_per_contact"))
    clicks = 1000 * ctr
    return "\n".join(
        [
            f"The ad: {fmt_money(cpm, digits=0)} buys 1,000 impressions, which bring {clicks:.0f} clicks "
            f"at {fmt_pct(ctr, 0)}, which bring {clicks * conversion:.1f} orders at {fmt_pct(conversion, 0)}: "
            f"{fmt_money(kpis.safe_divide(cpm, clicks * conversion))} per order.",
            f"The hand-sell: {minutes:.0f} minutes at {fmt_money(inputs['hourly_cost'])} an hour = "
            f"{fmt_money(kpis.staff_cost(minutes, inputs['hourly_cost']))} per contact.",
            f"Assumed: {fmt_pct(inputs['hand_sell_conversion'], 0)} of hand-sells end in an order; a budget of "
            f"{fmt_money(inputs['budget'], digits=0)} and {inputs['staff_hours']:.0f} staff hours for hand-selling.",
        ]
    )


# ---------------------------------------------------------------------------------------------
# The slider model
# ---------------------------------------------------------------------------------------------


def _check_inputs(values: dict) -> None:
    for name in ("ctr", "site_conversion", "hand_sell_conversion"):
        if not 0 <= values[name] <= 1:
            raise ValueError(f"{name} is a fraction between 0 and 1 (0.02 for 2%), not {values[name]!r}.")
    for name in ("cpm", "minutes_per_contact", "hourly_cost"):
        if not values[name] > 0:
            raise ValueError(f"{name} must be more than 0, not {values[name]!r}.")
    for name in ("staff_hours", "budget"):
        if not values[name] >= 0:
            raise ValueError(f"{name} cannot be negative ({values[name]!r}).")


def compare_approaches(
    cpm: float = DEFAULTS["cpm"],
    ctr: float = DEFAULTS["ctr"],
    site_conversion: float = DEFAULTS["site_conversion"],
    minutes_per_contact: float = DEFAULTS["minutes_per_contact"],
    hourly_cost: float = DEFAULTS["hourly_cost"],
    hand_sell_conversion: float = DEFAULTS["hand_sell_conversion"],
    staff_hours: float = DEFAULTS["staff_hours"],
    budget: float = DEFAULTS["budget"],
) -> pd.DataFrame:
    """The same budget spent on an ad (one-to-many) or on hand-selling (one-to-one).

    One-to-many (a social ad): the budget buys impressions at the CPM (impressions = budget /
    CPM × 1000, the CPM definition turned round); clicks = impressions × CTR; orders = clicks ×
    website conversion. Contacts are impressions; capacity is what the budget buys.

    One-to-one (a hand-sell): a conversation costs `kpis.staff_cost` of its minutes. Capacity is
    the conversations the staff hours allow (hours × 60 / minutes); contacts are the smaller of
    capacity and what the budget pays for; orders = contacts × hand-sell conversion (an assumption).

    Both: cost_per_contact = cost / contacts, conversion_per_contact = orders / contacts and
    cost_per_order = cost / orders, with `kpis.safe_divide` (n/a when the denominator is 0).

    Parameters
    ----------
    cpm : float, default 15.0
        Dollars per 1,000 impressions.
    ctr, site_conversion : float, default 0.01 and 0.02
        Fractions: clicks per impression, orders per website visit.
    minutes_per_contact : float, default 10
    hourly_cost : float, default 13.56
    hand_sell_conversion : float, default 0.25
        Share of hand-sells that end in an order: an assumption, not a measurement.
    staff_hours : float, default 20
        Hours the booksellers can give to hand-selling.
    budget : float, default 300
        Dollars available to either approach.

    Returns
    -------
    DataFrame indexed by approach, columns contacts, cost, cost_per_contact,
    conversion_per_contact, orders, cost_per_order, capacity, staff_hours (hours the contacts
    take; the model counts none for the ad) and limited_by ("budget" or "staff hours")

    Raises
    ------
    ValueError
        For a rate outside 0–1, a CPM, minutes or hourly cost of 0 or less, or negative hours or budget.

    Examples
    --------
    >>> table = compare_approaches()
    >>> table[["contacts", "cost_per_contact", "orders", "cost_per_order"]].round(2)
                            contacts  cost_per_contact  orders  cost_per_order
    approach
    one-to-many: social ad   20000.0              0.02     4.0           75.00
    one-to-one: hand-sell      120.0              2.26    30.0            9.04
    >>> table["limited_by"].tolist()
    ['budget', 'staff hours']
    """
    values = {
        "cpm": cpm,
        "ctr": ctr,
        "site_conversion": site_conversion,
        "minutes_per_contact": minutes_per_contact,
        "hourly_cost": hourly_cost,
        "hand_sell_conversion": hand_sell_conversion,
        "staff_hours": staff_hours,
        "budget": budget,
    }
    v = {name: float(value) for name, value in values.items()}
    _check_inputs(v)

    impressions = kpis.safe_divide(v["budget"], v["cpm"]) * 1000
    clicks = impressions * v["ctr"]
    ad_orders = clicks * v["site_conversion"]
    ad = {
        "contacts": impressions,
        "cost": v["budget"],
        "orders": ad_orders,
        "capacity": impressions,
        "staff_hours": 0.0,
        "limited_by": "budget",
    }

    per_contact = kpis.staff_cost(v["minutes_per_contact"], v["hourly_cost"])
    capacity = kpis.safe_divide(v["staff_hours"] * 60, v["minutes_per_contact"])
    affordable = kpis.safe_divide(v["budget"], per_contact)
    contacts = min(capacity, affordable)
    hand = {
        "contacts": contacts,
        "cost": kpis.staff_cost(contacts * v["minutes_per_contact"], v["hourly_cost"]),
        "orders": contacts * v["hand_sell_conversion"],
        "capacity": capacity,
        "staff_hours": hours_for(contacts, v["minutes_per_contact"]),
        "limited_by": "staff hours" if capacity <= affordable else "budget",
    }

    table = pd.DataFrame([ad, hand], index=pd.Index([AD, HAND_SELL], name="approach"))
    table["cost_per_contact"] = kpis.cost_per_contact(table["cost"], table["contacts"])
    table["conversion_per_contact"] = kpis.safe_divide(table["orders"], table["contacts"])
    table["cost_per_order"] = kpis.safe_divide(table["cost"], table["orders"])
    table = table[COLUMNS]
    numbers = COLUMNS[:-1]
    table[numbers] = table[numbers].astype("float64")
    return table


def break_even_conversion(table: pd.DataFrame) -> float:
    """The hand-sell conversion at which a hand-sell order costs as much as an ad order.

    Formula: hand-sell cost per contact / ad cost per order. Above it, hand-selling is cheaper
    per order; below it, the ad is.

    Parameters
    ----------
    table : DataFrame from `compare_approaches`

    Returns
    -------
    float (NaN when either part is unknown)

    Examples
    --------
    >>> round(break_even_conversion(compare_approaches()), 4)  # $2.26 / $75
    0.0301
    """
    return kpis.safe_divide(table.loc[HAND_SELL, "cost_per_contact"], table.loc[AD, "cost_per_order"])


def compare_scenarios(scenarios: dict[str, dict]) -> pd.DataFrame:
    """`compare_approaches` for several sets of inputs: orders and cost per order of each approach.

    Parameters
    ----------
    scenarios : dict
        ``{name: inputs}``; each ``inputs`` is a dict of `compare_approaches` arguments (the rest
        keep their defaults), e.g. ``{"a busy week": {"staff_hours": 2}}``.

    Returns
    -------
    DataFrame indexed by scenario: ad_contacts, hand_sell_contacts, ad_orders, hand_sell_orders,
    ad_cost_per_order, hand_sell_cost_per_order, more_orders ("one-to-many", "one-to-one" or "tie")

    Examples
    --------
    >>> table = compare_scenarios({"example": {}, "a busy week": {"staff_hours": 2}})
    >>> table[["ad_orders", "hand_sell_orders", "more_orders"]]
                 ad_orders  hand_sell_orders  more_orders
    scenario
    example            4.0              30.0   one-to-one
    a busy week        4.0               3.0  one-to-many
    """
    rows = {}
    for name, inputs in scenarios.items():
        table = compare_approaches(**inputs)
        ad, hand = table.loc[AD], table.loc[HAND_SELL]
        more = (
            "tie"
            if ad["orders"] == hand["orders"]
            else ("one-to-one" if hand["orders"] > ad["orders"] else "one-to-many")
        )
        rows[name] = {
            "ad_contacts": ad["contacts"],
            "hand_sell_contacts": hand["contacts"],
            "ad_orders": ad["orders"],
            "hand_sell_orders": hand["orders"],
            "ad_cost_per_order": ad["cost_per_order"],
            "hand_sell_cost_per_order": hand["cost_per_order"],
            "more_orders": more,
        }
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index.name = "scenario"
    return frame


def comparison_frame(table: pd.DataFrame) -> pd.DataFrame:
    """A `compare_approaches` table as text for reading, one row per approach.

    Examples
    --------
    >>> comparison_frame(compare_approaches())[["Contacts", "Cost per order", "Limited by"]]
                           Contacts Cost per order   Limited by
    approach
    one-to-many: social ad   20,000         $75.00       budget
    one-to-one: hand-sell       120          $9.04  staff hours
    """
    return readable_table(
        table,
        {
            "contacts": ("Contacts", "number"),
            "cost": ("Cost", "money"),
            "cost_per_contact": ("Cost per contact", "money_small"),
            "conversion_per_contact": ("Orders per contact", "pct2"),
            "orders": ("Orders", "number1"),
            "cost_per_order": ("Cost per order", "money"),
            "capacity": ("Capacity (contacts)", "number"),
            "staff_hours": ("Staff hours", "number1"),
            "limited_by": ("Limited by", "text"),
        },
    )


def verdict(table: pd.DataFrame) -> list[str]:
    """Plain sentences saying which approach wins on what, for a `compare_approaches` table.

    Examples
    --------
    >>> for sentence in verdict(compare_approaches()):
    ...     print(sentence)
    Cheaper per order: one-to-one ($9.04 against $75.00).
    More contacts (impressions or conversations): one-to-many (20,000 against 120).
    More orders: one-to-one (30 against 4).
    Hand-selling is capped by staff hours: 20 hours allow 120 conversations.
    Hand-selling costs less per order than the ad whenever more than 3.0% of conversations end in an order.
    """
    ad, hand = table.loc[AD], table.loc[HAND_SELL]
    if ad["contacts"] == 0 and hand["contacts"] == 0:
        return ["Nothing is spent, so neither approach reaches anyone: raise the budget."]

    def winner(column: str, fmt, smaller_wins: bool) -> str:
        a, h = ad[column], hand[column]
        if math.isnan(a) and math.isnan(h):
            return "n/a (neither approach has any orders)"
        if math.isnan(a) or math.isnan(h):
            known, name, other = (h, "one-to-one", "one-to-many") if math.isnan(a) else (a, "one-to-many", "one-to-one")
            return f"{name} ({fmt(known)}; {other} brings no orders)"
        if a == h:
            return f"a tie ({fmt(a)} each)"
        hand_wins = (h < a) if smaller_wins else (h > a)
        first, second = (h, a) if hand_wins else (a, h)
        return f"{'one-to-one' if hand_wins else 'one-to-many'} ({fmt(first)} against {fmt(second)})"

    sentences = [
        f"Cheaper per order: {winner('cost_per_order', fmt_money, smaller_wins=True)}.",
        f"More contacts (impressions or conversations): {winner('contacts', fmt_number, smaller_wins=False)}.",
        f"More orders: {winner('orders', fmt_number, smaller_wins=False)}.",
    ]
    if hand["limited_by"] == "staff hours":
        sentences.append(
            f"Hand-selling is capped by staff hours: {_hours_text(hand['staff_hours'])} hours allow "
            f"{fmt_number(hand['capacity'])} conversations."
        )
    else:
        sentences.append(
            f"Hand-selling is capped by the budget: it pays for {fmt_number(hand['contacts'])} "
            f"of the {fmt_number(hand['capacity'])} conversations the staff hours allow."
        )
    even = break_even_conversion(table)
    if not math.isnan(even):
        sentences.append(
            "Hand-selling costs less per order than the ad whenever more than "
            f"{fmt_pct(even)} of conversations end in an order."
        )
    return sentences


def _hours_text(hours: float) -> str:
    """20.0 -> "20", 2.5 -> "2.5"."""
    return fmt_number(hours, 0 if float(hours).is_integer() else 1)


def comparison_html(table: pd.DataFrame) -> str:
    """A `compare_approaches` table (one row per measure) and its `verdict`, as the HTML the explorer shows.

    Examples
    --------
    >>> "$75.00" in comparison_html(compare_approaches())
    True
    """
    frame = comparison_frame(table).T  # one row per measure, one column per approach: narrow enough to read
    head = "".join(f"<th style='padding:0 8px'>{html.escape(c)}</th>" for c in ["", *frame.columns])
    body = "".join(
        "<tr>"
        + f"<th style='text-align:left'>{html.escape(label)}</th>"
        + "".join(f"<td style='text-align:right;padding:0 8px'>{html.escape(v)}</td>" for v in row)
        + "</tr>"
        for label, row in zip(frame.index, frame.to_numpy().tolist(), strict=True)
    )
    points = "".join(f"<li>{html.escape(sentence)}</li>" for sentence in verdict(table))
    return (
        f'<div role="status"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table><ul>{points}</ul></div>'
    )


# ---------------------------------------------------------------------------------------------
# The widget
# ---------------------------------------------------------------------------------------------

# (name, label, kind, min, max, step, scale): a slider shows value × scale (percent for rates)
SLIDERS = (
    ("cpm", "Ad CPM ($ per 1,000 impressions)", "float", 2.0, 40.0, 0.5, 1),
    ("ctr", "Ad click-through rate (%)", "float", 0.1, 5.0, 0.1, 100),
    ("site_conversion", "Website conversion (%)", "float", 0.5, 10.0, 0.1, 100),
    ("minutes_per_contact", "Minutes per hand-sell", "int", 1, 60, 1, 1),
    ("hourly_cost", "Staff cost ($ an hour)", "float", 8.0, 40.0, 0.01, 1),
    ("hand_sell_conversion", "Hand-sell conversion (%)", "int", 1, 100, 1, 100),
    ("staff_hours", "Staff hours for hand-selling", "int", 0, 160, 1, 1),
    ("budget", "Budget ($)", "int", 0, 3000, 50, 1),
)


def approach_explorer(**start):
    """Labelled sliders for every input of `compare_approaches`, and the result under them.

    Moving a slider calls `compare_approaches` with the sliders' values and shows
    `comparison_html` in an HTML output (CSS class ``smk-approach-output``); the widget holds no
    logic of its own. Rates are set in percent on the sliders.

    Parameters
    ----------
    **start
        Starting values, as `compare_approaches` takes them (fractions for rates);
        the defaults are `DEFAULTS`.

    Returns
    -------
    ipywidgets.VBox
        With attributes ``sliders`` (dict: input name → slider, in the order shown) and
        ``output`` (the HTML widget), handy for tests.
    """
    import ipywidgets as widgets

    unknown = sorted(set(start) - set(DEFAULTS))
    if unknown:
        raise TypeError(f"approach_explorer() has no input {unknown[0]!r}; the inputs are {', '.join(DEFAULTS)}.")
    values = {**DEFAULTS, **start}
    style = {"description_width": "240px"}
    layout = widgets.Layout(width="580px")
    sliders = {}
    for name, label, kind, low, high, step, scale in SLIDERS:
        shown = values[name] * scale
        if kind == "int":
            slider = widgets.IntSlider(
                value=round(shown), min=low, max=high, step=step, description=label, style=style, layout=layout
            )
        else:
            slider = widgets.FloatSlider(
                value=shown,
                min=low,
                max=high,
                step=step,
                description=label,
                readout_format=".2f" if step < 0.1 else ".1f",
                style=style,
                layout=layout,
            )
        sliders[name] = slider
    scales = {name: scale for name, *_, scale in SLIDERS}
    output = widgets.HTML().add_class("smk-approach-output")

    def update(_change=None):
        inputs = {name: slider.value / scales[name] for name, slider in sliders.items()}
        try:
            output.value = comparison_html(compare_approaches(**inputs))
        except ValueError as problem:
            output.value = f'<div role="status"><p>{html.escape(str(problem))}</p></div>'

    for slider in sliders.values():
        slider.observe(update, names="value")
    update()
    panel = widgets.VBox([*sliders.values(), output])
    panel.sliders, panel.output = sliders, output
    return panel
