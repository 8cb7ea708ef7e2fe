"""Turn KPI numbers into short text for notebooks, the command line and reports.

Every formatter prints a missing value (None, NaN, or an infinity) as "n/a": a KPI with a zero
denominator is unknown, and must never show up as 0 or "inf".
"""

from __future__ import annotations

import math

import pandas as pd

MISSING = "n/a"


def is_missing(x) -> bool:
    """True for a value that cannot be shown as a number: None, NaN, pd.NA or an infinity.

    Examples
    --------
    >>> is_missing(float("nan")), is_missing(None), is_missing(0)
    (True, True, False)
    """
    return x is None or bool(pd.isna(x)) or math.isinf(x)


def _rounded(x, digits: int) -> float:
    return round(float(x), digits) + 0.0  # "+ 0.0" turns -0.0 into 0.0, so -0.001 prints as 0.00


def fmt_money(x, currency: str = "$", digits: int = 2) -> str:
    """Format an amount of money: thousands separators, two decimals, the currency in front.

    Parameters
    ----------
    x : number or None
    currency : str, default "$"
        Symbol written before the amount (after the minus sign of a negative amount).
    digits : int, default 2
        Decimals to show.

    Returns
    -------
    str
        For example "$1,234.50", "-$12.00", or "n/a".

    Examples
    --------
    >>> fmt_money(1234.5)
    '$1,234.50'
    >>> fmt_money(-12, currency="€")
    '-€12.00'
    >>> fmt_money(float("nan"))
    'n/a'
    """
    if is_missing(x):
        return MISSING
    value = _rounded(x, digits)
    sign = "-" if value < 0 else ""
    return f"{sign}{currency}{abs(value):,.{digits}f}"


def fmt_pct(x, digits: int = 1) -> str:
    """Format a fraction as a percentage: 0.123 becomes "12.3%".

    Parameters
    ----------
    x : number or None
        A fraction (0.5 means half), as every ratio in ``smk_helpers.core.kpis`` returns.
    digits : int, default 1
        Decimals to show.

    Returns
    -------
    str

    Examples
    --------
    >>> fmt_pct(0.1234)
    '12.3%'
    >>> fmt_pct(1.25, digits=0)
    '125%'
    >>> fmt_pct(None)
    'n/a'
    """
    if is_missing(x):
        return MISSING
    return f"{_rounded(x * 100, digits):,.{digits}f}%"


def fmt_ratio(x, digits: int = 1, suffix: str = "x") -> str:
    """Format a ratio such as ROAS ("4.2x") or LTV:CAC (``suffix=":1"`` gives "3.0:1").

    Parameters
    ----------
    x : number or None
    digits : int, default 1
        Decimals to show.
    suffix : str, default "x"
        Text written after the number.

    Returns
    -------
    str

    Examples
    --------
    >>> fmt_ratio(4.2)
    '4.2x'
    >>> fmt_ratio(3, suffix=":1")
    '3.0:1'
    >>> fmt_ratio(float("nan"))
    'n/a'
    """
    if is_missing(x):
        return MISSING
    return f"{_rounded(x, digits):,.{digits}f}{suffix}"


def fmt_number(x, digits: int = 0) -> str:
    """Format a plain number with thousands separators: 41000 becomes "41,000".

    Parameters
    ----------
    x : number or None
    digits : int, default 0
        Decimals to show.

    Returns
    -------
    str

    Examples
    --------
    >>> fmt_number(41000)
    '41,000'
    >>> fmt_number(1234.56, digits=1)
    '1,234.6'
    >>> fmt_number(None)
    'n/a'
    """
    if is_missing(x):
        return MISSING
    return f"{_rounded(x, digits):,.{digits}f}"


# An amount of money under SMALL_MONEY (10 cents) is shown with four decimals, not two: a campaign's cost
# per impression is a fraction of a cent, and "$0.00" would hide it.
SMALL_MONEY = 0.10
# A rate under SMALL_RATE (10%) is shown with two decimals, and one under TINY_RATE (0.1%) with three,
# so a funnel's or a campaign's small rates read 0.045% rather than 0.0%.
SMALL_RATE = 0.10
TINY_RATE = 0.001


def fmt_money_small(x, currency: str = "$") -> str:
    """Money with four decimals under 10 cents, so a cost per impression does not read $0.01.

    Examples
    --------
    >>> fmt_money_small(0.0118), fmt_money_small(12.5), fmt_money_small(float("nan"))
    ('$0.0118', '$12.50', 'n/a')
    """
    return fmt_money(x, currency=currency, digits=4 if not is_missing(x) and abs(x) < SMALL_MONEY else 2)


def fmt_pct_small(x) -> str:
    """A rate with digits enough to see it: three decimals under 0.1%, two under 10%, else one.

    Examples
    --------
    >>> fmt_pct_small(0.00042), fmt_pct_small(0.045), fmt_pct_small(0.45), fmt_pct_small(0)
    ('0.042%', '4.50%', '45.0%', '0.0%')
    """
    if is_missing(x) or x == 0:
        return fmt_pct(x)
    return fmt_pct(x, digits=1 if abs(x) >= SMALL_RATE else 2 if abs(x) >= TINY_RATE else 3)


def fmt_days(x, digits: int = 0) -> str:
    """Format a number of days: 41.6 becomes "42 days".

    Examples
    --------
    >>> fmt_days(41.6), fmt_days(1), fmt_days(None)
    ('42 days', '1 day', 'n/a')
    """
    if is_missing(x):
        return MISSING
    text = fmt_number(x, digits)
    return f"{text} day" if text == "1" else f"{text} days"


_FORMATS = {
    "money": fmt_money,
    "money0": lambda x: fmt_money(x, digits=0),
    "money_small": lambda x: fmt_money(x, digits=3 if not is_missing(x) and abs(x) < 1 else 2),
    "pct": fmt_pct,
    "pct2": lambda x: fmt_pct(x, digits=2),
    "number": fmt_number,
    "number1": lambda x: fmt_number(x, digits=1),
    "number2": lambda x: fmt_number(x, digits=2),
    "days": fmt_days,
    "ratio": fmt_ratio,
    "ratio2": lambda x: fmt_ratio(x, digits=2),
    "text": lambda x: "n/a" if x is None or (isinstance(x, float) and math.isnan(x)) else str(x),
}


def readable(table: pd.DataFrame, columns: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """A result table as text for reading: chosen columns, plain-English names, formatted values.

    Parameters
    ----------
    table : DataFrame
    columns : dict
        ``{column: (heading, kind)}`` in the order to show them; kind is one of "money",
        "money0" (whole dollars), "money_small" (three decimals below $1), "pct", "pct2" (two decimals),
        "number", "number1" (one decimal), "number2" (two), "ratio" (4.2x),
        "ratio2" or "text". A missing value shows as "n/a".

    Returns
    -------
    DataFrame of str, same index

    Examples
    --------
    >>> table = pd.DataFrame({"revenue": [1234.5, 99.0], "gross_margin": [0.4561, float("nan")]},
    ...                      index=pd.Index(["in-store", "website"], name="channel"))
    >>> readable(table, {"revenue": ("Revenue", "money0"), "gross_margin": ("Gross margin", "pct")})
             Revenue Gross margin
    channel
    in-store  $1,234        45.6%
    website      $99          n/a
    >>> readable(pd.DataFrame({"cost": [0.25, None]}, dtype=object), {"cost": ("Cost per contact", "money_small")})
      Cost per contact
    0           $0.250
    1              n/a
    """
    unknown = sorted({kind for _, kind in columns.values()} - set(_FORMATS))
    if unknown:
        raise ValueError(f"unknown format {unknown[0]!r}; use one of {', '.join(_FORMATS)}.")
    return pd.DataFrame(
        {heading: [_FORMATS[kind](x) for x in table[column]] for column, (heading, kind) in columns.items()},
        index=table.index,
    )


def in_jupyter() -> bool:
    """True inside a Jupyter kernel, where a rich display (a table, a figure) reaches a frontend.

    Only a kernel's shell counts (ipykernel's ``ZMQInteractiveShell``, or a subclass such as Colab's):
    IPython in a terminal can only print a figure's repr, so there the text form is the right one.
    It lives here, the lowest module that both `smk_helpers.core.plots` and the report sections
    import, so the two always agree on where they run; IPython is imported only when called.

    Examples
    --------
    >>> in_jupyter()  # the tests run outside a kernel
    False
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency of the course
        return False
    shell = get_ipython()
    return shell is not None and any(cls.__name__ == "ZMQInteractiveShell" for cls in type(shell).__mro__)
