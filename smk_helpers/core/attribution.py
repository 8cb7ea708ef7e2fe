"""Multi-touch attribution: sharing the credit for a first purchase among the marketing contacts before it.

A customer's journey is their touchpoints (``touchpoints.csv``) on or before the day of their first order.
Each first order with a journey earns one order of credit (and its revenue), shared out by a model:

* **first-touch**: all of it to the journey's first contact (what opened the door);
* **last-touch**: all of it to the last contact (what closed the sale; the model of most ad platforms);
* **linear**: an equal share to every contact.

Whatever the model, the credit adds up to the same number of orders: the first orders with a journey.
Each ad platform, by contrast, counts every order its own ads touched (`claims`): added up, the
platforms claim more orders than were sold.
A contact on the day of the order counts (most files have no time of day); contacts on the same day keep
the order of the file.
"""

from __future__ import annotations

import pandas as pd

from .contract import UNKNOWN_CHANNEL
from .frames import isin
from .rules import in_period

__all__ = [
    "MODELS",
    "NO_CAMPAIGN",
    "attribute",
    "attribution",
    "attribution_table",
    "claims",
    "example_journey",
    "journeys",
]

MODELS = ("first_touch", "last_touch", "linear")
NO_CAMPAIGN = "(no campaign)"


def _model(model: str) -> str:
    name = str(model).strip().lower().replace("-", "_").replace(" ", "_")
    if name not in MODELS:
        raise ValueError(f"{model!r} is not an attribution model; use one of {', '.join(MODELS)}.")
    return name


def journeys(touchpoints: pd.DataFrame, orders: pd.DataFrame, start=None, end=None) -> pd.DataFrame:
    """The touchpoints that led to each first order: one row per contact, in the order they happened.

    Formula: for each customer whose first order of the whole data falls in the period, the touchpoints
    dated on or before that order's day.

    Parameters
    ----------
    touchpoints, orders : DataFrame
        ``touchpoints.csv`` and ``orders.csv`` as the loader types them.
    start, end : date-like, optional
        The period the first orders fall in (both days included).

    Returns
    -------
    DataFrame with the touchpoint's columns plus order_id, revenue, step (1, 2, ...) and steps (the
    journey's length).

    Examples
    --------
    >>> journeys(TOUCHPOINTS, ORDERS)[["customer_id", "channel", "step", "steps"]]
      customer_id channel  step  steps
    0          C1  social     1      3
    1          C1   email     2      3
    2          C1   email     3      3
    3          C2  search     1      1
    """
    known = orders[orders["customer_id"].notna() & isin(orders["customer_id"], touchpoints["customer_id"])]
    first = known.sort_values("order_date", kind="stable").drop_duplicates("customer_id")
    first = first[in_period(first["order_date"], start, end)]
    path = touchpoints.reset_index(drop=True).rename_axis("_file_row").reset_index()
    path = path.merge(first[["customer_id", "order_id", "order_date", "revenue"]], on="customer_id", how="inner")
    path = path[path["date"].dt.normalize() <= path["order_date"].dt.normalize()]
    path = path.sort_values(["customer_id", "date", "_file_row"], kind="stable", ignore_index=True)
    path["step"] = path.groupby("customer_id").cumcount() + 1
    path["steps"] = path.groupby("customer_id")["step"].transform("size")
    return path.drop(columns=["_file_row", "order_date"])


def attribute(touchpoints, orders, model: str = "last_touch", by: str = "channel", start=None, end=None):
    """Credit for the first orders, by channel (or campaign), under one attribution model.

    Formula: first-touch gives each first order's credit to its journey's first contact, last-touch to its last,
    linear 1 / steps to each; a contact's credit in orders is that share, in revenue that share × the order's
    revenue.

    Parameters
    ----------
    touchpoints, orders : DataFrame
    model : {"first_touch", "last_touch", "linear"}
    by : {"channel", "campaign_id"}
        What to credit; contacts with no campaign are credited to "(no campaign)".
    start, end : date-like, optional
        The period the first orders fall in.

    Returns
    -------
    DataFrame indexed by channel (or campaign) with columns orders and revenue; it adds up to the first
    orders with a journey, whatever the model.

    Examples
    --------
    >>> attribute(TOUCHPOINTS, ORDERS, "first_touch")
             orders  revenue
    channel
    search      1.0     30.0
    social      1.0     60.0
    >>> attribute(TOUCHPOINTS, ORDERS, "linear").round(2)
             orders  revenue
    channel
    email      0.67     40.0
    search     1.00     30.0
    social     0.33     20.0
    """
    return _credit(journeys(touchpoints, orders, start, end), _model(model), by)


def _credit(path: pd.DataFrame, model: str, by: str) -> pd.DataFrame:
    """`attribute`'s credit, from journeys already traced."""
    if model == "first_touch":
        share = (path["step"] == 1).astype(float)
    elif model == "last_touch":
        share = (path["step"] == path["steps"]).astype(float)
    else:
        share = 1.0 / path["steps"]
    credit = pd.DataFrame(
        {
            by: path[by].fillna(NO_CAMPAIGN if by == "campaign_id" else UNKNOWN_CHANNEL),
            "orders": share,
            "revenue": share * path["revenue"],
        }
    )
    table = credit.groupby(by, sort=True)[["orders", "revenue"]].sum()
    return table[table["orders"] > 0]


def attribution(business, model: str = "last_touch", by: str = "channel", start=None, end=None) -> pd.DataFrame:
    """Credit for a business's first orders under one attribution model (see `attribute`).

    Formula: first-touch, last-touch or linear credit of each first order with a journey, by channel.

    Parameters
    ----------
    business : Business
        Its ``touchpoints`` table (None when the folder has no touchpoints.csv: an empty result).
    model, by, start, end
        As for `attribute`.
    """
    if business.touchpoints is None:
        return pd.DataFrame(columns=["orders", "revenue"], dtype=float).rename_axis(by)
    return attribute(business.touchpoints, business.orders, model, by, start, end)


def attribution_table(
    touchpoints, orders, by: str = "channel", start=None, end=None, measure: str = "orders", with_claims: bool = False
):
    """The three models side by side: the orders (or revenue) each gives every channel.

    Formula: one column per model of `attribute`; each column adds up to the first orders with a journey.
    ``with_claims`` adds a fourth column, ``claims``: what each channel claims when it counts every order it
    touched (`claims`), which adds up to more.

    Examples
    --------
    >>> attribution_table(TOUCHPOINTS, ORDERS).round(2)
             first_touch  last_touch  linear
    channel
    email           0.00        1.00    0.67
    search          1.00        1.00    1.00
    social          1.00        0.00    0.33
    >>> attribution_table(TOUCHPOINTS, ORDERS, with_claims=True)["claims"].tolist()
    [1.0, 1.0, 1.0]
    """
    path = journeys(touchpoints, orders, start, end)  # traced once, credited three ways
    columns = {model: _credit(path, model, by)[measure] for model in MODELS}
    if with_claims:
        columns["claims"] = claims(touchpoints, orders, by, start, end)[measure].astype(float)
    return pd.DataFrame(columns).fillna(0.0).sort_index().rename_axis(by)


def example_journey(touchpoints, orders, start=None, end=None, contacts: int = 3):
    """The customer of the first journey with ``contacts`` contacts, each on a different channel: a case to study.

    Formula: the first customer, in the order of `journeys`, whose journey has ``contacts`` contacts and as
    many channels.

    Parameters
    ----------
    touchpoints, orders : DataFrame
    start, end : date-like, optional
        The period the first orders fall in.
    contacts : int
        The journey's length.

    Returns
    -------
    The customer id, or None when no journey fits.

    Examples
    --------
    >>> example_journey(TOUCHPOINTS, ORDERS, contacts=1)
    'C2'
    >>> example_journey(TOUCHPOINTS, ORDERS) is None  # C1's three contacts are on two channels
    True
    """
    path = journeys(touchpoints, orders, start, end)
    grouped = path.groupby("customer_id", sort=False)["channel"]
    fits = (grouped.size() == contacts) & (grouped.nunique() == contacts)
    return next(iter(fits[fits].index), None)


def claims(touchpoints, orders, by: str = "channel", start=None, end=None) -> pd.DataFrame:
    """What each channel claims when it counts every first order it touched, as each ad platform does for its own.

    Formula: for each channel, the first orders (and their revenue) whose journey has at least one of its contacts.

    A journey with contacts on two channels is claimed twice, so the claims add up to more than the
    first orders with a journey (which `attribute` shares out, whatever its model).

    Parameters
    ----------
    touchpoints, orders : DataFrame
    by : {"channel", "campaign_id"}
        Who claims; contacts with no campaign are "(no campaign)".
    start, end : date-like, optional
        The period the first orders fall in.

    Returns
    -------
    DataFrame indexed by channel (or campaign) with columns orders (a whole number) and revenue.

    Examples
    --------
    >>> claimed = claims(TOUCHPOINTS, ORDERS)  # C1's order is claimed by social and by email
    >>> claimed
             orders  revenue
    channel
    email         1     60.0
    search        1     30.0
    social        1     60.0
    >>> int(claimed["orders"].sum()), len(journeys(TOUCHPOINTS, ORDERS).drop_duplicates("customer_id"))
    (3, 2)
    """
    path = journeys(touchpoints, orders, start, end)
    who = path[by].fillna(NO_CAMPAIGN if by == "campaign_id" else UNKNOWN_CHANNEL)
    touched = path.assign(**{by: who}).drop_duplicates(["customer_id", by])
    table = touched.groupby(by, sort=True).agg(orders=("order_id", "size"), revenue=("revenue", "sum"))
    return table.astype({"orders": int, "revenue": float})


def _example():
    """Two customers' journeys, for the examples: C1 saw a post, then two emails; C2 came from search."""
    touchpoints = pd.DataFrame(
        {
            "customer_id": ["C1", "C1", "C1", "C2", "C2"],
            "date": pd.to_datetime(["2025-03-01", "2025-03-05", "2025-03-09", "2025-03-02", "2025-04-01"]),
            "channel": ["social", "email", "email", "search", "email"],
            "campaign_id": [None, "EML-03", "EML-03", None, "EML-04"],
        }
    )
    orders = pd.DataFrame(
        {
            "order_id": ["1", "2", "3"],
            "order_date": pd.to_datetime(["2025-03-09", "2025-03-03", "2025-05-01"]),
            "customer_id": ["C1", "C2", "C2"],
            "revenue": [60.0, 30.0, 25.0],
        }
    )
    return touchpoints, orders


TOUCHPOINTS, ORDERS = _example()
