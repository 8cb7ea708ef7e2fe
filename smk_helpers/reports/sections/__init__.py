"""The analysis sections that lesson 07 and the report notebook share.

Each section is a plain function that takes a :class:`~smk_helpers.core.data.Business` (or None)
and a few parameters, and returns a :class:`Section`: a title, a one-sentence summary, one or
more small tables of formatted values, house-style figures (made by :mod:`smk_helpers.core.plots`)
and notes. ``section.show()`` displays it in a notebook; ``section.text()`` gives plain text.

Every number comes from :mod:`smk_helpers.core.kpis` and :mod:`smk_helpers.core.funnel`; this module only
selects rows, formats and words the results. A section never raises for missing data or a
wrong parameter: an absent optional file, a folder that could not be loaded (``None``) or a
gross margin written as a percentage each give a section that says so in one sentence.

Typical use in a notebook::

    shop = open_business(data_dir)          # prints what it loaded, or the loader's problems
    kpi_table(shop, gross_margin=None).show()
    funnel(shop).show()
"""

from __future__ import annotations

import html
import math
import numbers
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from ..core import funnel as _funnel
from ..core import kpis
from ..core.contract import UNKNOWN_CHANNEL
from ..core.data import Business, BusinessDataError, load_bookhub, load_business
from ..core.formatting import fmt_money, fmt_number, fmt_pct, fmt_ratio, is_missing

__all__ = [
    "Section",
    "open_business",
    "loaded_text",
    "problems_text",
    "parameter_problems",
    "kpi_table",
    "funnel",
    "channel_mix",
    "one_to_many_vs_one_to_one",
    "all_sections",
    "NO_DATA",
]

NO_DATA = "There is no data to show, because the business folder could not be loaded (the message above says why)."


# ---------------------------------------------------------------------------------------------
# The Section object
# ---------------------------------------------------------------------------------------------


@dataclass(eq=False)
class Section:
    """One analysis, ready to show: title, summary sentence, tables, figures and notes.

    Attributes
    ----------
    title : str
    summary : str
        One sentence saying what the section found (or why there is nothing to show).
    tables : dict of str to DataFrame
        Small tables of formatted values, each under a caption.
    figures : list of matplotlib Figure
        Made by `smk_helpers.core.plots`, so each one describes itself.
    notes : list of str
        How to read the numbers, data-quality warnings, and what is missing.
    data : dict
        The raw numbers behind the tables (for tests and reports).
    raw_tables : dict of str to DataFrame
        The unformatted tables a report writes to metrics.json, under stable snake_case names.

    Examples
    --------
    >>> section = Section("Example", "Nothing to show yet.", notes=["Add orders.csv."])
    >>> print(section.text())
    Example
    Nothing to show yet.
    Note: Add orders.csv.
    >>> section.table is None, section.figure is None
    (True, True)
    """

    title: str
    summary: str
    tables: dict = field(default_factory=dict)
    figures: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    data: dict = field(default_factory=dict)
    raw_tables: dict = field(default_factory=dict)

    @property
    def table(self) -> pd.DataFrame | None:
        """The first table, or None when the section has none."""
        return next(iter(self.tables.values()), None)

    @property
    def figure(self):
        """The first figure, or None when the section has none."""
        return self.figures[0] if self.figures else None

    def text(self) -> str:
        """The section as plain text (figures as their one-sentence descriptions)."""
        parts = [self.title, self.summary]
        for caption, table in self.tables.items():
            parts += ["", f"{caption}:", table.to_string()]
        if self.figures:
            from ..core.plots import describe

            parts += [""] + [describe(fig) for fig in self.figures]
        if self.notes:
            parts += [f"Note: {note}" for note in self.notes]
        return "\n".join(parts)

    def show(self) -> None:
        """Display the section: in a notebook as text, tables and figures; elsewhere as plain text.

        Each figure is shown with its description underneath (`smk_helpers.core.plots.show`) and then
        closed.
        """
        if not _in_notebook():
            print(self.text())
            self.close()
            return
        from IPython.display import Markdown, display

        from ..core import plots

        display(Markdown(f"**{self.title}**\n\n{self.summary}"))
        for caption, table in self.tables.items():
            display(Markdown(f"*{caption}*"))
            display(table)
        if self.notes:
            display(Markdown("\n".join(f"- {note}" for note in self.notes)))
        for fig in self.figures:
            plots.show(fig)

    def html(self, level: int = 2) -> str:
        """The section as an HTML fragment: every text escaped, figures inlined as PNG with their description.

        Examples
        --------
        >>> print(Section("A <b>", "Sales & more.", notes=["n/a <i>"]).html())
        <section class="smk-section"><h2>A &lt;b&gt;</h2><p class="smk-summary">Sales &amp;
        more.</p><ul class="smk-notes"><li>n/a &lt;i&gt;</li></ul></section>
        """
        from ..core import plots

        esc = html.escape
        parts = [
            f'<section class="smk-section"><h{level}>{esc(self.title)}</h{level}>',
            f'<p class="smk-summary">{esc(self.summary)}</p>',
        ]
        for caption, table in self.tables.items():
            parts.append(
                f'<div class="smk-table-wrap"><p class="smk-caption">{esc(caption)}</p>{table_html(table)}</div>'
            )
        if self.notes:
            parts.append('<ul class="smk-notes">' + "".join(f"<li>{esc(n)}</li>" for n in self.notes) + "</ul>")
        parts += [plots.figure_html(fig) for fig in self.figures]
        self.figures = []  # figure_html closed them
        parts.append("</section>")
        return "".join(parts)

    def close(self) -> None:
        """Close the figures (free their memory) without showing them."""
        if self.figures:
            import matplotlib.pyplot as plt

            for fig in self.figures:
                plt.close(fig)

    def _ipython_display_(self) -> None:  # a section as the last line of a cell shows itself
        self.show()

    def __repr__(self) -> str:
        return f"Section({self.title!r}: {self.summary})"


_NUMERIC = re.compile(r"^(?:n/a|[−+-]?[$€£¥]?[−-]?[\d.,]+(?:%| pp|x)?|[−+-]?\d[\d.,]*x)$")


def table_html(table: pd.DataFrame) -> str:
    """A table of formatted values as escaped HTML: numbers right-aligned, text left-aligned.

    Examples
    --------
    >>> t = pd.DataFrame({"who": ["<b>"], "revenue": ["$1.00"]}, index=pd.Index(["a"], name="k"))
    >>> print(table_html(t))
    <table class="smk-table"><thead><tr><th scope="col">k</th><th scope="col" class="text">who</th><th
    scope="col">revenue</th></tr></thead><tbody><tr><th
    scope="row">a</th><td class="text">&lt;b&gt;</td><td>$1.00</td></tr></tbody></table>
    """
    esc = html.escape

    def text_column(values) -> bool:
        cells = [str(v) for v in values if str(v) != ""]
        return bool(cells) and not all(_NUMERIC.match(c) for c in cells)

    text = ' class="text"'
    kinds = {c: text if text_column(table[c]) else "" for c in table.columns}
    head = "".join(f'<th scope="col"{kinds[c]}>{esc(str(c))}</th>' for c in table.columns)
    rows = []
    for label, row in table.iterrows():
        cells = "".join(f"<td{kinds[c]}>{esc(str(v))}</td>" for c, v in row.items())
        rows.append(f'<tr><th scope="row">{esc(str(label))}</th>{cells}</tr>')
    wide = " smk-wide" if len(table.columns) >= 8 else ""
    return (
        f'<table class="smk-table{wide}"><thead><tr><th scope="col">{esc(str(table.index.name or ""))}</th>{head}</tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _in_notebook() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency of the course
        return False
    shell = get_ipython()
    return shell is not None and "ZMQ" in type(shell).__name__  # a Jupyter kernel, not a terminal


def _not_shown(title: str, summary: str, notes=()) -> Section:
    return Section(title=title, summary=summary, notes=list(notes))


# ---------------------------------------------------------------------------------------------
# Opening a folder and checking parameters
# ---------------------------------------------------------------------------------------------


def _count(n, word: str) -> str:
    """'1 order', '2 orders', '1,311 orders'."""
    return f"{fmt_number(n)} {word}{'' if n == 1 else 's'}"


def _join(words) -> str:
    """'a', 'a and b', 'a, b and c'."""
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" and {words[-1]}"


def _day_text(day) -> str:
    return f"{day.day} {day:%B %Y}"


def loaded_text(business: Business) -> str:
    """What was loaded, in a sentence or two, plus one line per loader warning.

    Examples
    --------
    >>> from smk_helpers.core.data import Business
    >>> orders = pd.DataFrame({"order_id": ["1", "2"], "order_date": ["2025-03-01", "2025-03-20"],
    ...                        "customer_id": ["C1", None], "channel": ["in-store", "web"],
    ...                        "revenue": [40.0, 20.0]})
    >>> print(loaded_text(Business.from_frames(name="Corner Shop", orders=orders)))
    Loaded Corner Shop: 2 orders from 1 March 2025 to 20 March 2025.
    Not in the folder: campaigns.csv, funnel.csv, interactions.csv and targets.csv; the sections that need them say so.
    """
    orders = business.orders
    dates = orders["order_date"].dropna()
    count = _count(len(orders), "order")
    span = f" from {_day_text(dates.min())} to {_day_text(dates.max())}" if len(dates) else ""
    lines = [f"Loaded {business.name}: {count}{span}."]
    optional = ["campaigns", "funnel", "interactions", "targets"]
    present = [f"{stem}.csv" for stem in optional if getattr(business, stem) is not None]
    absent = [f"{stem}.csv" for stem in optional if getattr(business, stem) is None]
    if present and not absent:
        lines[0] = lines[0][:-1] + f", with {_join(present)}."
    elif absent:
        lines.append(
            f"Not in the folder: {_join(absent)}; the sections that need {'it' if len(absent) == 1 else 'them'} say so."
        )
    lines += [f"Warning: {warning}" for warning in business.warnings]
    return "\n".join(lines)


def problems_text(data_dir, problems) -> str:
    """The loader's problems as a message for a notebook: one line per problem, then what to do.

    Examples
    --------
    >>> print(problems_text("my-shop", ["orders.csv, column 'revenue', row 3: not a number ('abc')."]))
    The business folder my-shop could not be loaded: 1 problem.
      - orders.csv, column 'revenue', row 3: not a number ('abc').
    Fix it, then run the notebook again; `smk validate my-shop` in a terminal checks the folder on its own.
    Until then every section below says that there is no data to show.
    """
    problems = list(problems)
    n = len(problems)
    lines = [f"The business folder {data_dir} could not be loaded: {n} problem{'' if n == 1 else 's'}."]
    lines += [f"  - {problem}" for problem in problems]
    lines.append(
        f"Fix {'it' if n == 1 else 'them'}, then run the notebook again; "
        f"`smk validate {data_dir}` in a terminal checks the folder on its own."
    )
    if any("slash date" in problem for problem in problems):
        lines.append(
            "In this notebook, say how to read slash dates with open_business(data_dir, dayfirst=True) "
            "for 14/03/2025 or dayfirst=False for 03/14/2025."
        )
    relative = not Path(str(data_dir)).expanduser().is_absolute()
    if relative and any("does not exist" in problem for problem in problems):
        lines.append(
            "A relative data_dir is read from the folder the notebook runs in (for the lessons, your "
            "lessons folder), so a folder beside it, such as one made with `smk init ~/smk/my-shop`, is "
            "written as '../my-shop'."
        )
    lines.append("Until then every section below says that there is no data to show.")
    return "\n".join(lines)


def open_business(data_dir="", business_name=None, dayfirst=None) -> Business | None:
    """Load a business folder for a notebook: print what was loaded, or the loader's problems.

    Parameters
    ----------
    data_dir : str or Path, default ""
        The business folder (it holds orders.csv). Empty means The Book Hub.
    business_name : str, optional
        The name shown in titles; by default the folder's name ("The Book Hub" for the example).
    dayfirst : bool, optional
        How to read slash dates: True for 14/03/2025, False for 03/14/2025.

    Returns
    -------
    Business, or None when the folder could not be loaded
        For a bad folder the message lists every problem, one sentence each, and says what to
        do; nothing is raised, so a notebook runs on and its sections say there is no data.

    Examples
    --------
    >>> shop = open_business("no-such-folder")
    The business folder no-such-folder could not be loaded: 1 problem.
      - The business folder no-such-folder does not exist; give the folder that holds orders.csv.
    ...
    >>> shop is None
    True
    """
    name = str(business_name).strip() if business_name else ""
    folder = "" if data_dir is None else str(data_dir).strip()
    if not folder:
        business = load_bookhub()  # its own copy: a lesson may change it in place
        if name:
            business = replace(business, name=name)
    else:
        try:
            business = load_business(folder, dayfirst=dayfirst, name=name or None)
        except BusinessDataError as exc:
            print(problems_text(folder, exc.problems))
            return None
        except OSError as exc:
            reason = (exc.strerror or str(exc)).lower()
            print(
                problems_text(
                    folder, [f"A file in {folder} could not be read ({reason}); check the folder and its permissions."]
                )
            )
            return None
    print(loaded_text(business))
    return business


def _is_number(x) -> bool:
    """A finite real number (int, float or numpy number), not a bool."""
    return isinstance(x, numbers.Real) and not isinstance(x, (bool, np.bool_)) and math.isfinite(x)


def parameter_problems(
    *, currency="$", gross_margin=None, staff_hourly_cost=kpis.STAFF_HOURLY_COST, start=None, end=None
) -> list[str]:
    """Check the parameters of a section; one sentence per problem (an empty list when all is well).

    Papermill passes parameters without checking them, so the sections check them here.

    Examples
    --------
    >>> parameter_problems(gross_margin=0.45)
    []
    >>> parameter_problems(gross_margin=45, staff_hourly_cost=-1)  # doctest: +NORMALIZE_WHITESPACE
    ['gross_margin 45 looks like a percentage; give a fraction such as 0.45 for 45%.',
     'staff_hourly_cost -1 is not an amount of money per hour; give a number of 0 or more, such as 13.56.']
    """
    problems = []
    if not isinstance(currency, str):
        problems.append(f'currency {currency!r} is not text; give a symbol in quotes, such as "$" or "€".')
    if gross_margin is not None:
        if not _is_number(gross_margin):
            problems.append(
                f"gross_margin {gross_margin!r} is not a number; give a fraction such as 0.45 for 45%, or None."
            )
        elif gross_margin > 1:
            problems.append(
                f"gross_margin {gross_margin!r} looks like a percentage; give a fraction such as 0.45 for 45%."
            )
        elif gross_margin <= 0:
            problems.append(f"gross_margin {gross_margin!r} must be above 0; give a fraction such as 0.45 for 45%.")
    if staff_hourly_cost is None or not _is_number(staff_hourly_cost) or staff_hourly_cost < 0:
        problems.append(
            f"staff_hourly_cost {staff_hourly_cost!r} is not an amount of money per hour; "
            "give a number of 0 or more, such as 13.56."
        )
    days = {}
    for label, value in (("start", start), ("end", end)):
        if value is None:
            continue
        try:
            day = pd.Timestamp(value)
        except (TypeError, ValueError):
            day = pd.NaT
        if pd.isna(day):
            problems.append(f"{label} {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-03-14.")
        else:
            days[label] = day.normalize()
    if len(days) == 2 and days["start"] > days["end"]:
        problems.append(
            f"The period starts after it ends ({days['start']:%Y-%m-%d} > {days['end']:%Y-%m-%d}); swap start and end."
        )
    return problems


def _blocked(title, business, **params) -> Section | None:
    """A section saying why it cannot be shown (no data, or bad parameters), or None to go on."""
    if business is None:
        return _not_shown(title, NO_DATA)
    problems = parameter_problems(**params)
    if problems:
        return _not_shown(title, "This section cannot be shown until its parameters are fixed: " + " ".join(problems))
    return None


def _period_text(start, end) -> str:
    if start is None and end is None:
        return "over all dates in the data"
    if end is None:
        return f"from {pd.Timestamp(start):%Y-%m-%d} on"
    if start is None:
        return f"up to {pd.Timestamp(end):%Y-%m-%d}"
    return f"from {pd.Timestamp(start):%Y-%m-%d} to {pd.Timestamp(end):%Y-%m-%d}"


def _period_opening(start, end) -> str:
    """'From 2025-01-01 to 2025-12-31', to open a sentence."""
    text = _period_text(start, end)
    return text[0].upper() + text[1:]


def _money_small(x, currency="$") -> str:
    """Money, with four decimals for amounts under 10 cents (a campaign's cost per impression)."""
    return fmt_money(x, currency=currency, digits=4 if not is_missing(x) and abs(x) < 0.10 else 2)


def _pct_small(x) -> str:
    """A percentage, with more decimals for small rates (0.045% rather than 0.0%)."""
    if is_missing(x) or x == 0:
        return fmt_pct(x)
    return fmt_pct(x, digits=1 if abs(x) >= 0.10 else 2 if abs(x) >= 0.001 else 3)


# ---------------------------------------------------------------------------------------------
# The sections
# ---------------------------------------------------------------------------------------------

KPI_TITLE = "Headline KPIs: marketing and sales"


# (label, side, summary key, kind, how it is worked out); kind picks the format and how a change is shown
KPI_ROWS = (
    ("Marketing spend", "marketing", "marketing_spend", "money", "what the campaigns cost"),
    ("Marketing spend / revenue", "marketing", "marketing_share", "pct", "spend / revenue"),
    ("Impressions", "marketing", "impressions", "count", "times the campaigns were shown"),
    ("Clicks", "marketing", "clicks", "count", "clicks on the campaigns"),
    ("Click-through rate", "marketing", "ctr", "pct2", "clicks / impressions"),
    ("Leads", "marketing", "leads", "count", "sign-ups and enquiries"),
    ("Cost per lead", "marketing", "cost_per_lead", "money", "spend / leads"),
    ("Customer acquisition cost (CAC)", "marketing", "cac", "money", "spend / new customers"),
    ("Attributed revenue", "marketing", "attributed_revenue", "money", "revenue of orders credited to a campaign"),
    ("ROAS", "marketing", "roas", "ratio", "attributed revenue / spend"),
    (
        "Break-even ROAS",
        "marketing",
        "break_even_roas",
        "ratio",
        "1 / gross margin: the ROAS at which marketing pays for itself",
    ),
    ("Marketing ROI", "marketing", "marketing_roi", "pct", "(attributed gross profit - spend) / spend"),
    ("Revenue", "sales", "revenue", "money", "what customers paid"),
    ("Orders", "sales", "orders", "count", "receipts, web and marketplace orders"),
    ("Average order value", "sales", "average_order_value", "money", "revenue / orders"),
    ("Gross margin", "sales", "gross_margin", "pct", "gross profit / revenue"),
    ("Customers (identified)", "sales", "customers", "count", "customers with an id; anonymous orders left out"),
    ("New customers", "sales", "new_customers", "count", "customers whose first order is in the period"),
    ("Repeat purchase rate", "sales", "repeat_purchase_rate", "pct", "customers with 2+ orders / customers"),
    ("Win rate", "sales", "win_rate", "pct", "won / (won + lost) conversations; open ones left out"),
)


def _kpi_value(kind, x, currency):
    if kind == "money":
        return fmt_money(x, currency=currency)
    if kind == "count":
        return fmt_number(x)
    if kind == "ratio":
        return fmt_ratio(x, digits=2)
    return fmt_pct(x, digits=2 if kind == "pct2" else 1)


def _kpi_change(kind, now, before):
    """A change as readers expect it: percent for amounts and counts, points for rates, 'x' for ratios."""
    if is_missing(now) or is_missing(before):
        return fmt_pct(None)
    if kind in ("money", "count"):
        change, digits, unit = kpis.relative_change(now, before), 1, "%"
        if is_missing(change):
            return fmt_pct(None)
        change *= 100
    elif kind == "ratio":
        change, digits, unit = now - before, 2, "x"
    else:
        change, digits, unit = (now - before) * 100, 2 if kind == "pct2" else 1, " pp"
    change = round(change, digits)
    if change == 0:
        return "0" + unit
    return f"{change:+.{digits}f}{unit}".replace("-", "−")


def previous_period(start, end, covered_from=None):
    """The period of the same length just before ``start``–``end``, or None when the data does not reach back.

    Parameters
    ----------
    start, end : str or date
        Both needed; the period's first and last day.
    covered_from : date, optional
        The first day the data covers; a previous period starting earlier is not covered.

    Examples
    --------
    >>> previous_period("2025-01-01", "2025-12-31")
    (Timestamp('2024-01-01 00:00:00'), Timestamp('2024-12-31 00:00:00'))
    >>> previous_period("2025-03-01", "2025-03-31", covered_from="2025-01-01")  # whole months: the month before
    (Timestamp('2025-02-01 00:00:00'), Timestamp('2025-02-28 00:00:00'))
    >>> previous_period("2025-03-10", "2025-03-16")  # otherwise the same number of days
    (Timestamp('2025-03-03 00:00:00'), Timestamp('2025-03-09 00:00:00'))
    >>> previous_period("2025-01-01", "2025-12-31", covered_from="2024-06-01") is None
    True
    """
    if start is None or end is None:
        return None
    start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    before_end = start - pd.Timedelta(days=1)
    if (start.day, end.day) == (1, (end + pd.offsets.MonthEnd(0)).day):  # whole months: the same months before
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        before_start = start - pd.DateOffset(months=months)
    else:
        before_start = before_end - (end - start)
    if covered_from is not None and before_start < pd.Timestamp(covered_from).normalize():
        return None
    return before_start, before_end


def kpi_table(
    business: Business | None,
    *,
    start=None,
    end=None,
    gross_margin=None,
    currency="$",
    compare: bool = False,
    benchmarks: bool = False,
) -> Section:
    """The headline KPIs of a business, marketing's and sales', in one table (from `kpis.summary`).

    Parameters
    ----------
    business : Business or None
        None (a folder that could not be loaded) gives a section saying there is no data.
    start, end : str or date, optional
        First and last day of the period, both included; the whole data by default.
    gross_margin : float, optional
        A fraction (0.45 for 45%). Used for marketing ROI when orders.csv has no gross_profit,
        and for the break-even ROAS row.
    currency : str, default "$"
    compare : bool, default False
        Add the previous period of the same length (`previous_period`) and the change, where
        the orders reach back that far.
    benchmarks : bool, default False
        Add the typical range of each KPI that has one (`smk_helpers.core.benchmarks`), with its source.

    Returns
    -------
    Section
        ``tables["KPIs"]`` is indexed by KPI, with columns side (marketing / sales), value
        (formatted) and "how it is worked out"; ``data`` is the `kpis.summary` dict, and
        ``data["previous"]`` the previous period's (or None).

    Examples
    --------
    >>> from smk_helpers.core.data import Business
    >>> orders = pd.DataFrame({"order_id": ["1", "2", "3"], "order_date": ["2025-03-01", "2025-03-20", "2025-04-02"],
    ...                        "customer_id": ["C1", "C1", "C2"], "channel": ["in-store", "web", "in-store"],
    ...                        "revenue": [40.0, 20.0, 30.0]})
    >>> section = kpi_table(Business.from_frames(name="Corner Shop", orders=orders))
    >>> section.summary
    'Corner Shop took $90.00 in 3 orders over all dates in the data.'
    >>> section.table.loc["Average order value", "value"]
    '$30.00'
    >>> kpi_table(None).summary == NO_DATA
    True
    >>> april = kpi_table(Business.from_frames(orders=orders), start="2025-04-01", end="2025-04-30", compare=True)
    >>> april.table.loc["Revenue", ["value", "previous period", "change"]].tolist()
    ['$30.00', '$60.00', '−50.0%']
    """
    from ..core import benchmarks as B

    blocked = _blocked(KPI_TITLE, business, currency=currency, gross_margin=gross_margin, start=start, end=end)
    if blocked:
        return blocked
    s = kpis.summary(business, start=start, end=end, gross_margin=gross_margin)

    def with_break_even(summary: dict) -> dict:  # from the margin given, else the one the orders earned
        margin = gross_margin if gross_margin is not None else summary["gross_margin"]
        return {**summary, "break_even_roas": None if is_missing(margin) else kpis.break_even_roas(margin)}

    values = with_break_even(s)
    before = None
    if compare:
        dates = business.orders["order_date"].dropna()
        window = previous_period(start, end, covered_from=dates.min() if len(dates) else None)
        if window is not None:
            before = with_break_even(kpis.summary(business, start=window[0], end=window[1], gross_margin=gross_margin))

    rows = []
    for label, side, key, kind, how in KPI_ROWS:
        if key == "break_even_roas" and (is_missing(values[key]) or business.campaigns is None):
            continue
        if key == "gross_margin" and is_missing(values[key]):
            continue
        row = {"KPI": label, "side": side, "value": _kpi_value(kind, values[key], currency)}
        if before is not None:
            row["previous period"] = _kpi_value(kind, before[key], currency)
            row["change"] = _kpi_change(kind, values[key], before[key])
        if benchmarks:
            mark = B.by_key(key)
            row["benchmark"] = f"{mark.range_text(currency)} ({mark.source})" if mark else ""
        row["how it is worked out"] = how
        rows.append(row)
    table = pd.DataFrame(rows).set_index("KPI")

    basis = {"gross_profit": "the orders' gross profit", "gross_margin": f"a gross margin of {fmt_pct(gross_margin)}"}
    notes = []
    if s["marketing_roi_basis"] and s["marketing_roi"] is not None:
        notes.append(f"Marketing ROI is worked out from {basis[s['marketing_roi_basis']]}.")
    elif business.campaigns is not None and s["attributed_revenue"] is not None:
        notes.append(
            "Marketing ROI is n/a: orders.csv has no gross_profit column; set gross_margin (e.g. 0.45) to estimate it."
        )
    if business.campaigns is None:
        notes.append("There is no campaigns.csv, so the marketing KPIs are n/a.")
    elif s["attributed_revenue"] is None:
        notes.append(
            "No order names a campaign (orders.csv, column campaign_id), so attributed revenue, ROAS and ROI are n/a."
        )
    if business.interactions is None:
        notes.append("There is no interactions.csv, so the win rate is n/a.")
    if start is None and end is None:
        notes.append(
            "Over the whole data every customer is new, so CAC is spend / all identified customers; "
            "pass start and end to see one period."
        )
    if compare:
        if before is None:
            notes.append(
                "There is no comparison with a previous period: the orders do not reach back a whole "
                "period before this one."
            )
        else:
            notes.append(
                f"The previous period is {_period_text(*window)[5:]}, of the same length. Changes of "
                "amounts and counts are in percent; changes of rates in percentage points (pp)."
            )
    if benchmarks:
        notes.append(
            "Benchmarks are typical figures for US independent bookstores and small retailers; for "
            "another kind of business read them as a rough guide only."
        )

    summary = (
        f"{business.name} took {fmt_money(s['revenue'], currency=currency)} in {_count(s['orders'], 'order')} "
        f"{_period_text(start, end)}"
    )
    if before is not None and not is_missing(kpis.relative_change(s["revenue"], before["revenue"])):
        change = kpis.relative_change(s["revenue"], before["revenue"])
        summary += f" ({fmt_pct(abs(change))} {'more' if change >= 0 else 'less'} than the period before)"
    if not is_missing(s["marketing_spend"]):
        summary += f", and its marketing spent {fmt_money(s['marketing_spend'], currency=currency)}"
        if not is_missing(s["roas"]):
            summary += f" for a ROAS of {fmt_ratio(s['roas'], digits=2)}"
    raw = pd.DataFrame(
        [
            {"kpi": label, "key": key, "value": values[key], "previous": None if before is None else before[key]}
            for label, _, key, _, _ in KPI_ROWS
            if label in table.index
        ]
    )
    return Section(
        KPI_TITLE,
        summary + ".",
        tables={"KPIs": table},
        notes=notes,
        data={**s, "previous": before, "previous_period": None if before is None else window},
        raw_tables={"headline_kpis": raw},
    )


FUNNEL_TITLE = "The funnel: from first contact to purchase"


def funnel(
    business: Business | None, *, start=None, end=None, handoff: str | None = None, benchmarks: bool = False
) -> Section:
    """The funnel of funnel.csv: count per stage, stage and top-to-bottom rates, and a chart.

    Parameters
    ----------
    business : Business or None
    start, end : str or date, optional
        Funnel rows count when their month overlaps the period; the whole data by default.
    handoff : str, optional
        The first stage sales owns; the chart colours the stages above it as marketing's. A
        stage the funnel does not have is ignored, with a note.
    benchmarks : bool, default False
        When the funnel has a visits stage and a later purchase stage, add a note comparing the
        share of visits that end in a purchase with the e-commerce benchmark.

    Returns
    -------
    Section
        ``tables["Funnel"]`` (stage, count, from previous stage, from the top), one funnel chart,
        and a note per data-quality warning (a stage larger than the one above it). Without
        funnel.csv the section says so. ``data["table"]`` is `funnel.funnel_table`.

    Examples
    --------
    >>> from smk_helpers.core.data import Business
    >>> orders = pd.DataFrame({"order_id": ["1"], "order_date": ["2025-03-01"], "customer_id": [None],
    ...                        "channel": ["web"], "revenue": [40.0]})
    >>> rows = pd.DataFrame({"stage": ["visits", "cart", "purchase"], "count": [1000, 100, 30]})
    >>> section = funnel(Business.from_frames(name="Corner Shop", orders=orders, funnel=rows))
    >>> section.summary
    'The funnel starts with 1,000 at visits and ends with 30 at purchase (3.0% of the top); the biggest drop is from visits to cart, where 10.0% carry on.'
    >>> section.close()
    >>> funnel(Business.from_frames(orders=orders)).summary
    'There is no funnel.csv in this folder, so there is no funnel to show; add one (data/README.md describes it) to see where people drop out.'
    """  # noqa: E501
    blocked = _blocked(FUNNEL_TITLE, business, start=start, end=end)
    if blocked:
        return blocked
    if business.funnel is None:
        return _not_shown(
            FUNNEL_TITLE,
            "There is no funnel.csv in this folder, so there is no funnel to show; "
            "add one (data/README.md describes it) to see where people drop out.",
        )
    rows = business.funnel[kpis.months_in_period(business.funnel["period"], start, end)]
    if rows.empty:
        return _not_shown(
            FUNNEL_TITLE, f"funnel.csv has no rows {_period_text(start, end)}, so there is no funnel to show."
        )
    table = _funnel.funnel_table(rows)
    stages = table["stage"].tolist()
    notes = [f"Data quality: {warning}" for warning in _funnel.funnel_warnings(table)]
    if handoff is not None and handoff not in stages:
        notes.append(
            f"There is no stage '{handoff}' in this funnel, so the chart does not mark where marketing "
            f"hands over to sales; set handoff to the first stage sales owns (one of: {', '.join(stages)})."
        )
        handoff = None

    shown = pd.DataFrame(
        {
            "count": table["count"].map(fmt_number).to_numpy(),
            "from previous stage": table["rate_from_previous"].map(_pct_small).to_numpy(),
            "from the top": table["rate_from_top"].map(_pct_small).to_numpy(),
        },
        index=pd.Index(stages, name="stage"),
    )

    from ..core import plots

    drawn = table
    if len(table) > 2 and table["count"].iloc[1] > 0 and table["count"].iloc[0] > 20 * table["count"].iloc[1]:
        drawn = table.iloc[1:].reset_index(drop=True)
        notes.append(
            f"The chart starts at {stages[1]}: {stages[0]} ({fmt_number(table['count'].iloc[0])}) is "
            f"{fmt_number(table['count'].iloc[0] / table['count'].iloc[1])} times larger and would shrink "
            f"every other bar to a sliver. The table above includes it."
        )
    if benchmarks:
        notes += _visit_benchmark(table)
    title = f"{business.name}: funnel" + ("" if drawn is table else f" from {stages[1]}")
    fig = plots.funnel_chart(drawn, title=title, handoff=handoff if handoff in drawn["stage"].tolist() else None)
    first, last = table.iloc[0], table.iloc[-1]
    if len(table) == 1:
        summary = f"The funnel has one stage, {first['stage']}, with {fmt_number(first['count'])}."
    else:
        summary = (
            f"The funnel starts with {fmt_number(first['count'])} at {first['stage']} and ends with "
            f"{fmt_number(last['count'])} at {last['stage']} ({_pct_small(last['rate_from_top'])} of the top)"
        )
        steps = table["rate_from_previous"].iloc[1:].dropna()
        if not steps.empty:
            k = steps.idxmin()
            summary += (
                f"; the biggest drop is from {table.loc[k - 1, 'stage']} to {table.loc[k, 'stage']}, "
                f"where {_pct_small(steps[k])} carry on"
            )
        summary += "."
    return Section(
        FUNNEL_TITLE,
        summary,
        tables={"Funnel": shown},
        figures=[fig],
        notes=notes,
        data={"table": table, "warnings": _funnel.funnel_warnings(table)},
        raw_tables={"funnel": table},
    )


def _visit_benchmark(table: pd.DataFrame) -> list[str]:
    """A note on visits → purchase against the benchmark, when the funnel has both stages."""
    from ..core import benchmarks as B

    stages = [str(s).lower() for s in table["stage"]]
    visits = next((i for i, s in enumerate(stages) if "visit" in s), None)
    buys = [
        i for i, s in enumerate(stages) if "purchase" in s and "repeat" not in s and visits is not None and i > visits
    ]
    if visits is None or not buys:
        return []
    counts = table["count"].iloc[[visits, buys[0]]].tolist()
    mark = B.by_key("visit_to_purchase")
    return [
        f"{_pct_small(_funnel.overall_conversion(counts))} of {table['stage'].iloc[visits]} end in "
        f"{table['stage'].iloc[buys[0]]}; the benchmark is {mark.range_text()} ({mark.source})."
    ]


MIX_TITLE = "Channel mix: where the revenue comes from"


def channel_mix(business: Business | None, *, start=None, end=None, currency="$") -> Section:
    """Revenue by sales channel with each channel's share, and revenue by month.

    Parameters
    ----------
    business : Business or None
    start, end : str or date, optional
        First and last day of the period, both included; the whole data by default.
    currency : str, default "$"

    Returns
    -------
    Section
        ``tables["Revenue by channel"]`` (revenue, share of revenue; the shares add up to
        100%), a bar chart by channel and a line chart by month. ``data`` holds the raw Series
        ``by_channel``, ``share`` and ``by_month``.

    Examples
    --------
    >>> from smk_helpers.core.data import Business
    >>> orders = pd.DataFrame({"order_id": ["1", "2", "3"], "order_date": ["2025-03-01", "2025-03-20", "2025-04-02"],
    ...                        "customer_id": ["C1", None, "C2"], "channel": ["in-store", "web", "in-store"],
    ...                        "revenue": [40.0, 20.0, 40.0]})
    >>> section = channel_mix(Business.from_frames(orders=orders))
    >>> section.table
             revenue share of revenue
    channel
    in-store  $80.00            80.0%
    web       $20.00            20.0%
    >>> section.close()
    """
    blocked = _blocked(MIX_TITLE, business, currency=currency, start=start, end=end)
    if blocked:
        return blocked
    orders = business.orders[kpis.in_period(business.orders["order_date"], start, end)]
    if orders.empty:
        return _not_shown(
            MIX_TITLE, f"There are no orders {_period_text(start, end)}, so there is no channel mix to show."
        )
    per_channel = kpis.sales_by(orders, "channel")
    by_channel, share = per_channel["revenue"], per_channel["share"].rename(None)
    by_month = kpis.revenue_by_month(orders)
    table = pd.DataFrame(
        {
            "revenue": by_channel.map(lambda x: fmt_money(x, currency=currency)),
            "share of revenue": share.map(fmt_pct),
        }
    )
    table.index.name = "channel"

    from ..core import plots

    figures = [
        plots.bar_chart(
            by_channel,
            title=f"{business.name}: revenue by channel",
            xlabel="Channel",
            ylabel="Revenue",
            money=True,
            currency=currency,
        ),
        plots.line_chart(
            by_month,
            title=f"{business.name}: revenue by month",
            xlabel="Month",
            ylabel="Revenue",
            money=True,
            currency=currency,
        ),
    ]
    top = by_channel.index[0]
    if len(by_channel) == 1:
        summary = f"All the revenue {_period_text(start, end)} comes through one channel, {top}"
    else:
        summary = (
            f"The biggest channel {_period_text(start, end)} is {top}, with {fmt_pct(share[top])} of the "
            f"revenue, and the smallest is {by_channel.index[-1]}, with {fmt_pct(share.iloc[-1])}"
        )
    if len(by_month) > 1:
        summary += (
            f"; the best month was {by_month.idxmax()} ({fmt_money(by_month.max(), currency=currency)}) "
            f"and the quietest {by_month.idxmin()} ({fmt_money(by_month.min(), currency=currency)})"
        )
    notes = []
    if UNKNOWN_CHANNEL in by_channel.index:
        notes.append("'(unknown)' is the revenue of orders with a blank channel.")
    return Section(
        MIX_TITLE,
        summary + ".",
        tables={"Revenue by channel": table},
        figures=figures,
        notes=notes,
        data={"by_channel": by_channel, "share": share, "by_month": by_month},
        raw_tables={
            "revenue_by_channel": pd.DataFrame({"revenue": by_channel, "share": share}).reset_index(),
            "revenue_by_month": by_month.reset_index(),
        },
    )


VERSUS_TITLE = "One-to-many (campaigns) vs one-to-one (conversations)"


def one_to_many_vs_one_to_one(
    business: Business | None, *, start=None, end=None, staff_hourly_cost=kpis.STAFF_HOURLY_COST, currency="$"
) -> Section:
    """Campaigns against sales conversations: reach, cost, orders, and cost per contact and per order.

    Parameters
    ----------
    business : Business or None
    start, end : str or date, optional
        Orders and conversations are those dated in the period; campaigns are pro-rated by
        their days inside it (`kpis.prorate_campaigns`). The whole data by default.
    staff_hourly_cost : float, default 13.56
        What an hour of a salesperson's time costs (a bookseller's wage, BLS 2022).
    currency : str, default "$"

    Returns
    -------
    Section
        ``tables["Comparison"]`` has one row per approach (from `kpis.one_to_many_vs_one_to_one`),
        a bar chart compares the cost per order, and notes say how to read it. ``data["table"]``
        holds the raw numbers.

    Examples
    --------
    >>> from smk_helpers.core.data import Business
    >>> orders = pd.DataFrame({"order_id": ["1", "2"], "order_date": ["2025-03-01", "2025-03-02"],
    ...                        "customer_id": [None, None], "channel": ["web", "in-store"],
    ...                        "revenue": [40.0, 30.0], "campaign_id": ["S1", None]})
    >>> campaigns = pd.DataFrame({"campaign_id": ["S1"], "channel": ["social"], "start_date": ["2025-03-01"],
    ...                           "end_date": ["2025-03-31"], "spend": [75.0], "impressions": [5000]})
    >>> talks = pd.DataFrame({"interaction_id": ["I1", "I2"], "date": ["2025-03-02", "2025-03-03"],
    ...                       "staff": ["Ann", "Ann"], "type": ["recommendation"] * 2, "outcome": ["won", "lost"],
    ...                       "minutes": [10, 20]})
    >>> shop = Business.from_frames(orders=orders, campaigns=campaigns, interactions=talks)
    >>> section = one_to_many_vs_one_to_one(shop, staff_hourly_cost=12)
    >>> section.table["cost per order"].tolist()
    ['$75.00', '$6.00']
    >>> section.close()
    """
    blocked = _blocked(
        VERSUS_TITLE, business, currency=currency, staff_hourly_cost=staff_hourly_cost, start=start, end=end
    )
    if blocked:
        return blocked
    if business.campaigns is None and business.interactions is None:
        return _not_shown(
            VERSUS_TITLE,
            "There is no campaigns.csv and no interactions.csv, so there is nothing to "
            "compare; add either to see what a contact and an order cost.",
        )
    campaigns = None if business.campaigns is None else kpis.prorate_campaigns(business.campaigns, start, end)
    interactions = business.interactions
    if interactions is not None:
        interactions = interactions[kpis.in_period(interactions["date"], start, end)]
    orders = business.orders[kpis.in_period(business.orders["order_date"], start, end)]
    raw = kpis.one_to_many_vs_one_to_one(campaigns, interactions, orders, staff_hourly_cost=staff_hourly_cost)

    def money(x):
        return fmt_money(x, currency=currency)

    table = pd.DataFrame(
        {
            "reach": raw["reach"].map(fmt_number),
            "cost": raw["cost"].map(money),
            "orders": raw["orders"].map(fmt_number),
            "cost per contact": raw["cost_per_contact"].map(lambda x: _money_small(x, currency)),
            "orders per contact": raw["conversion_per_contact"].map(_pct_small),
            "cost per order": raw["cost_per_order"].map(money),
        }
    )
    many, one = raw.loc[kpis.ONE_TO_MANY], raw.loc[kpis.ONE_TO_ONE]

    parts = []
    if business.campaigns is None:
        parts.append("there is no campaigns.csv, so the one-to-many row is n/a")
    else:
        reached = (
            f"campaigns reached {fmt_number(many['reach'])} impressions at "
            f"{_money_small(many['cost_per_contact'], currency)} each"
        )
        if is_missing(many["orders"]):
            parts.append(f"{reached}, but which orders they brought is not known")
        else:
            parts.append(
                f"{reached} and brought {_count(many['orders'], 'order')} at {money(many['cost_per_order'])} an order"
            )
    if business.interactions is None:
        parts.append("there is no interactions.csv, so the one-to-one row is n/a")
    else:
        parts.append(
            f"{_count(one['reach'], 'conversation')} cost "
            f"{_money_small(one['cost_per_contact'], currency)} each and won {_count(one['orders'], 'order')} "
            f"at {money(one['cost_per_order'])} an order"
        )
    summary = f"{_period_opening(start, end)}, {'; '.join(parts)}."

    notes = [
        f"A conversation costs the staff time it takes, at {money(staff_hourly_cost)} an hour "
        "(staff_hourly_cost); campaigns cost their spend."
    ]
    if business.campaigns is not None:
        notes.append(
            "Campaign reach is impressions (times shown), not distinct people; campaign orders are the "
            "orders whose campaign_id names the campaign."
        )
        if is_missing(many["orders"]):
            notes.append("No order names a campaign (orders.csv, column campaign_id), so campaign orders are n/a.")
    if interactions is not None:
        untimed = int(interactions["minutes"].isna().sum())
        if untimed:
            notes.append(
                f"{fmt_number(untimed)} conversation{'s have' if untimed != 1 else ' has'} no minutes, "
                "so the cost per contact and per order leave "
                f"{'them' if untimed != 1 else 'it'} out."
            )
    if start is not None or end is not None:
        notes.append("Campaign spend and impressions are pro-rated by the days each campaign ran inside the period.")

    figures = []
    per_order = pd.Series({"marketing": many["cost_per_order"], "sales": one["cost_per_order"]})
    if per_order.notna().any():
        from ..core import plots

        figures.append(
            plots.bar_chart(
                per_order,
                title=f"{business.name}: cost per order, campaigns vs conversations",
                xlabel="Marketing (campaigns, one-to-many) and sales (conversations, one-to-one)",
                ylabel="Cost per order",
                money=True,
                currency=currency,
            )
        )
    return Section(
        VERSUS_TITLE,
        summary,
        tables={"Comparison": table},
        figures=figures,
        notes=notes,
        data={"table": raw},
        raw_tables={"one_to_many_vs_one_to_one": raw.reset_index()},
    )


def all_sections(
    business: Business | None,
    *,
    currency="$",
    gross_margin=None,
    staff_hourly_cost=kpis.STAFF_HOURLY_COST,
    start=None,
    end=None,
    handoff=None,
) -> list[Section]:
    """Every section, in the order lesson 07 and the report show them.

    Examples
    --------
    >>> [section.title for section in all_sections(None)]  # doctest: +NORMALIZE_WHITESPACE
    ['Headline KPIs: marketing and sales', 'The funnel: from first contact to purchase',
     'Channel mix: where the revenue comes from', 'One-to-many (campaigns) vs one-to-one (conversations)']
    """
    return [
        kpi_table(business, start=start, end=end, gross_margin=gross_margin, currency=currency),
        funnel(business, start=start, end=end, handoff=handoff),
        channel_mix(business, start=start, end=end, currency=currency),
        one_to_many_vs_one_to_one(
            business, start=start, end=end, staff_hourly_cost=staff_hourly_cost, currency=currency
        ),
    ]


# ---------------------------------------------------------------------------------------------
# The report's further sections: sales, marketing, handoff, data quality, glossary, the owner's plan
# ---------------------------------------------------------------------------------------------

SALES_TITLE = "Sales: channels, months and people"


def sales(business: Business | None, *, start=None, end=None, currency="$", goal: str | None = None) -> Section:
    """Sales in the period: orders, revenue and average order value by channel and by month, win rate
    and cost per won conversation by person, and revenue against target where targets exist.

    Parameters
    ----------
    business : Business or None
    start, end : str or date, optional
    currency : str, default "$"
    goal : str, optional
        The owner's sales goal (from a worksheet), shown first.

    Returns
    -------
    Section
        Tables "By channel", "By month" and, with interactions.csv, "By person"; raw tables
        ``sales_by_channel``, ``sales_by_month``, ``conversations_by_staff`` and
        ``quota_attainment``.

    Examples
    --------
    >>> from smk_helpers.core.data import Business
    >>> orders = pd.DataFrame({"order_id": ["1", "2", "3"], "order_date": ["2025-03-01", "2025-03-20", "2025-04-02"],
    ...                        "customer_id": ["C1", "C1", None], "channel": ["in-store", "web", "in-store"],
    ...                        "revenue": [40.0, 20.0, 30.0]})
    >>> section = sales(Business.from_frames(name="Corner Shop", orders=orders))
    >>> section.tables["By channel"]
             orders revenue average order value share of revenue
    channel
    in-store      2  $70.00              $35.00            77.8%
    web           1  $20.00              $20.00            22.2%
    >>> section.close()
    """
    blocked = _blocked(SALES_TITLE, business, currency=currency, start=start, end=end)
    if blocked:
        return blocked
    orders = business.orders[kpis.in_period(business.orders["order_date"], start, end)]
    if orders.empty:
        return _not_shown(
            SALES_TITLE, f"There are no orders {_period_text(start, end)}, so there are no sales to show."
        )
    by_channel = kpis.sales_by(orders, "channel")
    by_month = kpis.sales_by(orders, "month")
    tables, raw, notes, figures = {}, {}, [], []
    if goal:
        notes.append(f"Your sales goal: {goal}")

    def money(x):
        return fmt_money(x, currency=currency)

    def formatted(t):
        return pd.DataFrame(
            {
                "orders": t["orders"].map(fmt_number),
                "revenue": t["revenue"].map(money),
                "average order value": t["average_order_value"].map(money),
                "share of revenue": t["share"].map(fmt_pct),
            },
            index=t.index,
        )

    tables["By channel"] = formatted(by_channel)
    raw["sales_by_channel"] = by_channel.reset_index()
    month_table = formatted(by_month).drop(columns="share of revenue")
    month_raw = by_month.drop(columns="share")
    if business.targets is not None:
        targets = business.targets[kpis.months_in_period(business.targets["period"], start, end)]
        quota = kpis.quota_attainment(business.orders, targets, business.interactions)
        raw["quota_attainment"] = quota
        team = quota[quota["staff"].eq(kpis.TEAM)].set_index("period")
        if not team.empty:
            month_raw = month_raw.join(team[["target", "attainment"]], how="left")
            month_table["target"] = month_raw["target"].map(money)
            month_table["revenue / target"] = month_raw["attainment"].map(fmt_pct)
    raw["sales_by_month"] = month_raw.reset_index()
    tables["By month"] = month_table

    from ..core import plots

    lines = month_raw[["revenue"] + (["target"] if "target" in month_raw else [])]
    figures.append(
        plots.line_chart(
            lines if lines.shape[1] > 1 else lines["revenue"],
            title=f"{business.name}: revenue by month" + (" against target" if lines.shape[1] > 1 else ""),
            xlabel="Month",
            ylabel="Revenue",
            money=True,
            currency=currency,
        )
    )
    rate = kpis.repeat_purchase_rate(orders)
    revenue = kpis.total_revenue(orders)
    summary = (
        f"{_period_opening(start, end)}, {_count(len(orders), 'order')} brought {money(revenue)}, an average "
        f"of {money(kpis.average_order_value(revenue, kpis.order_count(orders)))} an order; "
        f"{by_channel.index[0]} took {fmt_pct(by_channel['share'].iloc[0])} of it"
    )
    if not is_missing(rate):
        summary += f", and {fmt_pct(rate)} of identified customers bought more than once"
    if "attainment" in month_raw and month_raw["target"].notna().any():
        overall = kpis.ratio_of_sums(month_raw["revenue"], month_raw["target"])
        summary += f"; revenue reached {fmt_pct(overall)} of the team's target"
    summary += "."

    if business.interactions is not None:
        talks = business.interactions[kpis.in_period(business.interactions["date"], start, end)]
        if len(talks):
            people = kpis.conversations_by(talks, "staff")
            person = pd.DataFrame(
                {
                    "won": people["won"].map(fmt_number),
                    "lost": people["lost"].map(fmt_number),
                    "open": people["open"].map(fmt_number),
                    "win rate": people["win_rate"].map(fmt_pct),
                    "hours": people["hours"].map(lambda x: fmt_number(x, digits=1)),
                    "cost per won sale": people["cost_per_win"].map(money),
                },
                index=people.index,
            )
            if "quota_attainment" in raw:
                mine = raw["quota_attainment"][~raw["quota_attainment"]["staff"].eq(kpis.TEAM)]
                if not mine.empty:
                    attained = kpis.ratio_of_sums(mine["revenue"], mine["target"], by=mine["staff"])
                    people = people.assign(attainment=attained.reindex(people.index))
                    person["revenue / target"] = people["attainment"].map(fmt_pct)
            tables["By person"] = person
            raw["conversations_by_staff"] = people.reset_index()
            figures.append(
                plots.bar_chart(
                    people["win_rate"].dropna().sort_values(ascending=False),
                    title=f"{business.name}: win rate by person",
                    xlabel="Person",
                    ylabel="Win rate",
                    percent=True,
                    color=plots.SALES,
                )
            )
            notes.append(
                "Win rate leaves open conversations out; cost per won sale is the staff time of all of a "
                "person's conversations, won or not, divided by the sales won."
            )
    if UNKNOWN_CHANNEL in by_channel.index:
        notes.append("'(unknown)' is the orders with a blank channel.")
    return Section(SALES_TITLE, summary, tables=tables, figures=figures, notes=notes, raw_tables=raw)


MARKETING_TITLE = "Marketing: campaigns and channels"


def marketing(
    business: Business | None, *, start=None, end=None, gross_margin=None, currency="$", goal: str | None = None
) -> Section:
    """Marketing in the period: spend, reach, CTR, cost per lead, CAC, ROAS and ROI, by channel and
    by campaign (`kpis.campaign_results`).

    Examples
    --------
    >>> from smk_helpers.core.data import Business
    >>> orders = pd.DataFrame({"order_id": ["1", "2"], "order_date": ["2025-03-01", "2025-03-02"],
    ...                        "customer_id": ["C1", None], "channel": ["web", "in-store"],
    ...                        "revenue": [40.0, 30.0], "campaign_id": ["S1", None]})
    >>> campaigns = pd.DataFrame({"campaign_id": ["S1"], "channel": ["social"], "start_date": ["2025-03-01"],
    ...                           "end_date": ["2025-03-31"], "spend": [20.0], "impressions": [5000]})
    >>> section = marketing(Business.from_frames(orders=orders, campaigns=campaigns))
    >>> section.tables["By channel"].loc["social", ["spend", "ROAS"]].tolist()
    ['$20.00', '2.00x']
    >>> section.close()
    """
    blocked = _blocked(MARKETING_TITLE, business, currency=currency, gross_margin=gross_margin, start=start, end=end)
    if blocked:
        return blocked
    if business.campaigns is None:
        return _not_shown(
            MARKETING_TITLE,
            "There is no campaigns.csv in this folder, so there is no marketing to show; "
            "add one (data/README.md describes it) to see what each campaign cost and brought.",
        )
    per_campaign = kpis.campaign_results(business.campaigns, business.orders, start, end, gross_margin=gross_margin)
    if per_campaign.empty:
        return _not_shown(
            MARKETING_TITLE, f"No campaign ran {_period_text(start, end)}, so there is no marketing to show."
        )
    per_channel = kpis.campaign_results(
        business.campaigns, business.orders, start, end, gross_margin=gross_margin, by="channel"
    )
    ran = len(kpis.prorate_campaigns(business.campaigns, start, end))  # the others only brought orders

    def money(x):
        return fmt_money(x, currency=currency)

    def formatted(t, labels=()):
        return pd.DataFrame(
            {
                **{label: t[label].fillna("") for label in labels},
                "spend": t["spend"].map(money),
                "impressions": t["impressions"].map(fmt_number),
                "CTR": t["ctr"].map(lambda x: fmt_pct(x, digits=2)),
                "leads": t["leads"].map(fmt_number),
                "cost per lead": t["cost_per_lead"].map(money),
                "new customers": t["new_customers"].map(fmt_number),
                "CAC": t["cac"].map(money),
                "attributed revenue": t["attributed_revenue"].map(money),
                "ROAS": t["roas"].map(lambda x: fmt_ratio(x, digits=2)),
                "ROI": t["roi"].map(fmt_pct),
            },
            index=t.index,
        )

    tables = {
        "By channel": formatted(per_channel),
        "By campaign": formatted(per_campaign, [c for c in ("name", "channel") if c in per_campaign]).drop(
            columns=["impressions", "new customers", "CAC"]
        ),
    }
    notes = [f"Your marketing goal: {goal}"] if goal else []
    s = kpis.summary(business, start=start, end=end, gross_margin=gross_margin)
    if is_missing(s["attributed_revenue"]):
        notes.append(
            "No order names a campaign (orders.csv, column campaign_id), so orders, new customers, CAC, "
            "attributed revenue, ROAS and ROI per campaign are n/a."
        )
    elif is_missing(s["marketing_roi"]):
        notes.append("ROI is n/a: orders.csv has no gross_profit column; set gross_margin (e.g. 0.45) to estimate it.")
    notes.append(
        "CAC by channel is the channel's spend over the new customers whose first order names one of its "
        "campaigns; the headline CAC divides all spend by all new customers, so it is lower."
    )
    if start is not None or end is not None:
        notes.append("A campaign that ran partly inside the period counts with the share of its days inside it.")
        idle = len(per_campaign) - ran
        if idle:
            notes.append(
                f"{_count(idle, 'campaign')} ran before the period but brought orders in it; with "
                "no spend in the period, their ROAS is n/a, but their orders count in their channel's."
            )
    from ..core import benchmarks as B

    if "social" in per_channel.index and not is_missing(per_channel.loc["social", "impressions"]):
        social_cpm = kpis.cpm(per_channel.loc["social", "spend"], per_channel.loc["social", "impressions"])
        mark = B.by_key("social_cpm")
        notes.append(
            f"Social ads cost {money(social_cpm)} per 1,000 impressions; the benchmark is "
            f"{mark.range_text(currency)} ({mark.source})."
        )

    from ..core import plots

    figures = []
    roas_by_channel = per_channel["roas"].dropna().sort_values(ascending=False)
    if not roas_by_channel.empty:
        figures.append(
            plots.bar_chart(
                roas_by_channel,
                title=f"{business.name}: ROAS by marketing channel",
                xlabel="Marketing channel",
                ylabel="Attributed revenue per 1 spent",
                color=plots.MARKETING,
            )
        )
    figures.append(
        plots.bar_chart(
            per_channel["spend"],
            title=f"{business.name}: marketing spend by channel",
            xlabel="Marketing channel",
            ylabel="Spend",
            money=True,
            currency=currency,
            color=plots.MARKETING,
        )
    )
    top = per_channel.index[0]
    summary = (
        f"{_period_opening(start, end)}, {_count(ran, 'campaign')} "
        f"cost {money(s['marketing_spend'])}, {fmt_pct(s['marketing_share'])} of revenue; {top} took the most "
        f"({money(per_channel.loc[top, 'spend'])})"
    )
    if not roas_by_channel.empty:
        summary += (
            f", and {roas_by_channel.index[0]} returned the most revenue per {currency or ''}1 spent "
            f"({fmt_ratio(roas_by_channel.iloc[0], digits=2)})"
        )
    return Section(
        MARKETING_TITLE,
        summary + ".",
        tables=tables,
        figures=figures,
        notes=notes,
        raw_tables={"marketing_by_channel": per_channel.reset_index(), "campaigns": per_campaign.reset_index()},
    )


HANDOFF_TITLE = "The handoff: from marketing's leads to sales' conversations"


def handoff(business: Business | None, *, start=None, end=None, stage: str | None = None) -> Section:
    """Where marketing hands over to sales: the funnel's rate into the first sales stage, and how many of
    each channel's leads sales followed up and won (`kpis.handoff_by`).

    Parameters
    ----------
    business : Business or None
    start, end : str or date, optional
    stage : str, optional
        The first funnel stage sales owns (for the Book Hub, "engaged").

    Examples
    --------
    >>> from smk_helpers.core.data import Business
    >>> orders = pd.DataFrame({"order_id": ["1"], "order_date": ["2025-03-01"], "customer_id": [None],
    ...                        "channel": ["web"], "revenue": [40.0]})
    >>> handoff(Business.from_frames(orders=orders)).summary
    'There is no funnel.csv and no interactions.csv that name a campaign, so the handoff cannot be measured; add either to see how many of marketing’s leads sales takes up.'
    """  # noqa: E501
    blocked = _blocked(HANDOFF_TITLE, business, start=start, end=end)
    if blocked:
        return blocked
    parts, tables, raw, notes, figures = [], {}, {}, [], []
    if business.funnel is not None and stage:
        rows = business.funnel[kpis.months_in_period(business.funnel["period"], start, end)]
        table = _funnel.funnel_table(rows)
        stages = table["stage"].tolist()
        if stage in stages and stages.index(stage) > 0:
            k = stages.index(stage)
            rate = table["rate_from_previous"].iloc[k]
            parts.append(
                f"in the funnel, {_pct_small(rate)} of {stages[k - 1]} ({fmt_number(table['count'].iloc[k - 1])}) "
                f"reached {stage}, the first stage sales owns"
            )
        elif stage not in stages:
            notes.append(
                f"There is no stage '{stage}' in funnel.csv, so the funnel's handoff rate is not shown; "
                f"set handoff to one of: {', '.join(stages)}."
            )
    elif business.funnel is not None:
        notes.append("Set handoff to the first funnel stage sales owns to see the funnel's handoff rate.")
    linked = (
        business.interactions is not None
        and business.campaigns is not None
        and business.has_column("interactions", "campaign_id")
        and business.interactions["campaign_id"].notna().any()
    )
    if linked:
        table = kpis.handoff_by(business.campaigns, business.interactions, start, end)
        table = table[(table["conversations"] > 0) | table["leads"].notna()]
        raw["handoff_by_channel"] = table.reset_index()
        tables["Leads and conversations by marketing channel"] = pd.DataFrame(
            {
                "leads": table["leads"].map(fmt_number),
                "conversations": table["conversations"].map(fmt_number),
                "followed up": table["follow_up_rate"].map(fmt_pct),
                "won": table["won"].map(fmt_number),
                "win rate": table["win_rate"].map(fmt_pct),
            },
            index=table.index,
        )
        leads, talks = kpis.known_sum(table["leads"]), int(table["conversations"].sum())
        parts.append(
            f"sales had {_count(talks, 'conversation')} with leads from campaigns, "
            f"{fmt_pct(kpis.follow_up_rate(talks, leads))} of the {fmt_number(leads)} leads campaigns produced"
        )
        talks_all = business.interactions[kpis.in_period(business.interactions["date"], start, end)]
        sourced = talks_all["campaign_id"].notna()
        mine, other = kpis.outcome_counts(talks_all[sourced]), kpis.outcome_counts(talks_all[~sourced])
        wr_m, wr_o = kpis.win_rate(mine["won"], mine["lost"]), kpis.win_rate(other["won"], other["lost"])
        if not is_missing(wr_m) and not is_missing(wr_o):
            parts.append(f"they won {fmt_pct(wr_m)} of them, against {fmt_pct(wr_o)} of the other conversations")
        raw["handoff_win_rates"] = pd.DataFrame(
            {
                "source": ["campaign leads", "other"],
                "won": [mine["won"], other["won"]],
                "lost": [mine["lost"], other["lost"]],
                "win_rate": [wr_m, wr_o],
            }
        )
        followed = table["follow_up_rate"].dropna()
        if len(followed) > 1:
            from ..core import plots

            figures.append(
                plots.bar_chart(
                    followed.sort_values(ascending=False),
                    title=f"{business.name}: leads followed up by sales, by channel",
                    xlabel="Marketing channel of the lead",
                    ylabel="Leads followed up",
                    percent=True,
                    color=plots.SALES,
                )
            )
        notes.append(
            "A lead counts as followed up when a conversation in interactions.csv names its campaign; "
            "leads are pro-rated like spend when a campaign runs partly outside the period."
        )
    if not parts:
        if business.funnel is None and not linked:
            return _not_shown(
                HANDOFF_TITLE,
                "There is no funnel.csv and no interactions.csv that name a campaign, so "
                "the handoff cannot be measured; add either to see how many of marketing’s leads sales "
                "takes up.",
            )
        return _not_shown(HANDOFF_TITLE, "The handoff cannot be measured yet: " + " ".join(notes), notes=[])
    summary = f"{_period_opening(start, end)}, " + "; ".join(parts) + "."
    return Section(HANDOFF_TITLE, summary, tables=tables, figures=figures, notes=notes, raw_tables=raw)


QUALITY_TITLE = "Data quality: what was missing and what was assumed"


def data_quality(business: Business | None, *, start=None, end=None, assumptions=()) -> Section:
    """What a reader should know before trusting the numbers: missing files and columns, blanks,
    the loader's warnings, and the assumptions the report made.

    Examples
    --------
    >>> from smk_helpers.core.data import Business
    >>> orders = pd.DataFrame({"order_id": ["1", "2"], "order_date": ["2025-03-01", "2025-03-02"],
    ...                        "customer_id": ["C1", None], "channel": ["web", None], "revenue": [40.0, 60.0]})
    >>> for note in data_quality(Business.from_frames(orders=orders)).notes:
    ...     print(note)
    Not in the folder: campaigns.csv, funnel.csv, interactions.csv and targets.csv.
    orders.csv has no gross_profit column, so ROI needs a gross_margin and the gross margin is not shown.
    orders.csv has no campaign_id column, so no order is credited to a campaign.
    1 order (60.0% of revenue) has no customer_id: it counts in revenue but not in customers, repeat purchases or CAC.
    1 order has a blank channel and is shown as '(unknown)'.
    """
    if business is None:
        return _not_shown(QUALITY_TITLE, NO_DATA)
    notes = []
    absent = [
        f"{stem}.csv" for stem in ("campaigns", "funnel", "interactions", "targets") if getattr(business, stem) is None
    ]
    if absent:
        notes.append(f"Not in the folder: {_join(absent)}.")
    if not business.has_column("orders", "gross_profit"):
        notes.append(
            "orders.csv has no gross_profit column, so ROI needs a gross_margin and the gross margin is not shown."
        )
    if not business.has_column("orders", "campaign_id"):
        notes.append("orders.csv has no campaign_id column, so no order is credited to a campaign.")
    orders = business.orders[kpis.in_period(business.orders["order_date"], start, end)]
    anonymous = orders["customer_id"].isna()
    if anonymous.any():
        share = kpis.safe_divide(kpis.known_sum(orders.loc[anonymous, "revenue"]), kpis.total_revenue(orders))
        n = int(anonymous.sum())
        notes.append(
            f"{_count(n, 'order')} ({fmt_pct(share)} of revenue) {'has' if n == 1 else 'have'} no customer_id: "
            f"{'it counts' if n == 1 else 'they count'} in revenue but not in customers, repeat purchases or CAC."
        )
    blank = int(orders["channel"].isna().sum() + orders["channel"].eq(UNKNOWN_CHANNEL).sum())
    if blank:
        notes.append(
            f"{_count(blank, 'order')} {'has' if blank == 1 else 'have'} a blank channel and "
            f"{'is' if blank == 1 else 'are'} shown as '(unknown)'."
        )
    if business.campaigns is not None:
        for column in ("impressions", "clicks", "leads"):
            if not business.has_column("campaigns", column):
                notes.append(f"campaigns.csv has no {column} column, so the KPIs built on it are n/a.")
            else:
                missing = int(business.campaigns[column].isna().sum())
                if missing:
                    notes.append(
                        f"{_count(missing, 'campaign')} {'has' if missing == 1 else 'have'} no {column}; "
                        f"the ratios use only the campaigns that know it."
                    )
    if business.interactions is not None:
        untimed = int(business.interactions["minutes"].isna().sum())
        if untimed:
            notes.append(
                f"{_count(untimed, 'conversation')} {'has' if untimed == 1 else 'have'} no minutes, so "
                "staff costs leave them out."
            )
    if business.funnel is not None:
        rows = business.funnel[kpis.months_in_period(business.funnel["period"], start, end)]
        if len(rows):
            notes += [f"Funnel: {w}" for w in _funnel.funnel_warnings(_funnel.funnel_table(rows))]
    notes += [f"Loader: {w}" for w in business.warnings]
    notes += list(assumptions)
    summary = (
        "Nothing was missing and nothing had to be assumed."
        if not notes
        else f"{_count(len(notes), 'point')} to keep in mind when reading the numbers above."
    )
    return Section(QUALITY_TITLE, summary, notes=notes)


GLOSSARY_TITLE = "Glossary: every formula in this report"

GLOSSARY = (
    ("Average order value", kpis.average_order_value),
    ("Gross margin", kpis.gross_margin_rate),
    ("Repeat purchase rate", kpis.repeat_purchase_rate),
    ("Win rate", kpis.win_rate),
    ("Revenue / target", kpis.quota_attainment),
    ("Staff cost", kpis.staff_cost),
    ("Marketing spend / revenue", kpis.spend_share),
    ("Click-through rate (CTR)", kpis.ctr),
    ("Cost per 1,000 impressions (CPM)", kpis.cpm),
    ("Cost per lead", kpis.cost_per_lead),
    ("Customer acquisition cost (CAC)", kpis.cac),
    ("Attributed revenue", kpis.attributed_revenue),
    ("ROAS", kpis.roas),
    ("Break-even ROAS", kpis.break_even_roas),
    ("Marketing ROI", kpis.marketing_roi),
    ("Funnel: from previous stage", _funnel.stage_conversion),
    ("Funnel: from the top", _funnel.top_conversion),
    ("Leads followed up", kpis.follow_up_rate),
    ("Cost per contact", kpis.cost_per_contact),
    ("Change against the previous period", kpis.relative_change),
)


def glossary() -> Section:
    """Every formula the report uses, quoted from the docstring of the function that computes it.

    Examples
    --------
    >>> table = glossary().table
    >>> table.loc["Customer acquisition cost (CAC)", "formula"]
    'marketing spend / new customers'
    >>> table.loc["ROAS", "computed by"]
    'kpis.roas'
    """
    rows = [
        (
            term,
            kpis.formula(func).replace("``", ""),
            f"{'funnel' if func.__module__.endswith('funnel') else 'kpis'}.{func.__name__}",
        )
        for term, func in GLOSSARY
    ]
    table = pd.DataFrame(rows, columns=["term", "formula", "computed by"]).set_index("term")
    return Section(
        GLOSSARY_TITLE,
        "Each number above is worked out as below; a ratio is always a ratio of sums, and "
        "a zero or unknown denominator gives n/a.",
        tables={"Formulas": table},
        notes=["The functions are in the smk_helpers package, each with its formula in its docstring."],
    )


PLAN_TITLE = "Your goals and action plan"


def owner_plan(answers: dict | None, source: str = "") -> Section | None:
    """The owner's goals, action plan and alignment score from a saved worksheet; None without answers.

    Examples
    --------
    >>> from smk_helpers.worksheet import bookhub_example
    >>> section = owner_plan(bookhub_example(), "the-book-hub.json")
    >>> section.tables["Action plan"].loc["Sales", "owner"]
    'Priya'
    >>> owner_plan(None) is None
    True
    """
    if answers is None:
        return None
    from ..worksheet import ACTIONS, alignment_result

    goals = pd.DataFrame(
        {
            "goal": [
                answers.get("marketing_goal") or "(not written yet)",
                answers.get("sales_goal") or "(not written yet)",
            ]
        },
        index=pd.Index(["Marketing", "Sales"], name="side"),
    )
    plan = pd.DataFrame(
        [
            {
                "who": label,
                "action": answers.get(f"{key}_action") or "",
                "owner": answers.get(f"{key}_owner") or "",
                "by when": answers.get(f"{key}_date") or "",
            }
            for label, key in ACTIONS
        ]
    ).set_index("who")
    result = alignment_result(answers)
    summary = f"From the worksheet{f' {source}' if source else ''}: {result.message}"
    return Section(
        PLAN_TITLE,
        summary,
        tables={"Goals": goals, "Action plan": plan},
        raw_tables={"action_plan": plan.reset_index()},
    )
