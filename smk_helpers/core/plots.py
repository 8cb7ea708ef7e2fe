"""One house style for every smk chart, and charts that describe themselves.

Every chart function needs a title and axis labels, returns the matplotlib ``Figure``, and
writes a one-sentence description of the chart that :func:`describe` returns (alt text for
screen readers and printouts).

In a notebook, ``show(bar_chart(...))`` displays the chart once with its sentence underneath.
(``fig = bar_chart(...)`` also displays it once, at the end of the cell, so anything printed
in that cell appears above it; a bare ``bar_chart(...)`` as the last line displays it twice.)

Colours come from the Okabe–Ito palette, which stays readable with colour-blindness.
Marketing is always :data:`MARKETING` (blue) and sales always :data:`SALES` (vermillion);
other series use :data:`CATEGORIES` in order, so they are never mistaken for either team.

This is the only smk module that imports matplotlib; ``import smk_helpers`` does not load it.
"""

from __future__ import annotations

import math
import weakref
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import cycle

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.patches import Patch
from matplotlib.ticker import Formatter, MaxNLocator, PercentFormatter

from .formatting import fmt_money, fmt_number, fmt_pct, in_jupyter, is_missing

__all__ = [
    "MARKETING",
    "SALES",
    "NEUTRAL",
    "CATEGORIES",
    "PALETTE",
    "ROLE_COLORS",
    "HOUSE_RC",
    "house_style",
    "apply_house_style",
    "bar_chart",
    "line_chart",
    "funnel_chart",
    "money_axis",
    "percent_axis",
    "describe",
    "show",
    "to_png",
    "figure_html",
]

# ---------------------------------------------------------------- palette (Okabe & Ito 2008)
MARKETING = "#0072B2"  # blue: marketing, everywhere
SALES = "#D55E00"  # vermillion: sales, everywhere
NEUTRAL = "#7F7F7F"  # grey: context, totals, "other"
CATEGORIES = ["#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000"]  # bluish green, orange, purple, sky blue, black
PALETTE = [MARKETING, SALES, *CATEGORIES, NEUTRAL]  # every colour a house chart may use
ROLE_COLORS = {"marketing": MARKETING, "sales": SALES}

HOUSE_RC = {
    "figure.figsize": (7.0, 4.0),  # fits a portrait A4/Letter page at full width
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "savefig.bbox": "tight",
    "figure.constrained_layout.use": True,  # labels never clipped, even when saved outside the style
    "font.size": 11,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.labelsize": 11,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 10,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.8,
    "axes.prop_cycle": cycler(color=CATEGORIES),
    "lines.linewidth": 2.0,
}


@contextmanager
def house_style():
    """Use the house style inside a ``with`` block (or as a decorator).

    The chart functions of this module apply it themselves; use this for charts you draw
    with plain matplotlib. The colour cycle is :data:`CATEGORIES`, not the team colours.
    On exit only the settings in :data:`HOUSE_RC` are put back. (``matplotlib.rc_context``
    would restore every setting, and so undo the interactive mode that Jupyter's inline
    backend switches on when the first figure of a session is made inside the block; later
    figures would then not display.)

    Examples
    --------
    >>> with house_style():
    ...     fig, ax = plt.subplots()
    >>> fig.get_size_inches().tolist()
    [7.0, 4.0]
    >>> ax.spines["top"].get_visible()
    False
    >>> plt.close(fig)
    """
    saved = {key: mpl.rcParams[key] for key in HOUSE_RC}
    mpl.rcParams.update(HOUSE_RC)
    try:
        yield
    finally:
        mpl.rcParams.update(saved)


def apply_house_style() -> None:
    """Make the house style the default for the rest of the session (e.g. in a notebook).

    Examples
    --------
    >>> saved = {key: mpl.rcParams[key] for key in HOUSE_RC}
    >>> apply_house_style()
    >>> mpl.rcParams["axes.spines.right"]
    False
    >>> mpl.rcParams.update(saved)
    """
    mpl.rcParams.update(HOUSE_RC)


# ---------------------------------------------------------------- number formatting
def _short_digits(x) -> int:
    """Cents only below 100 and only when there are any: $390,000 but $48.50."""
    return 0 if is_missing(x) or abs(float(x)) >= 100 or float(x).is_integer() else 2


def _fmt_money(x, currency: str = "$") -> str:
    return fmt_money(x, currency=currency, digits=_short_digits(x))


def _fmt_number(x) -> str:
    return fmt_number(x, digits=_short_digits(x))


def _fmt_label(label) -> str:
    """A point on the x axis in words: month starts as 'Feb 2025', other dates as '2025-02-14'."""
    if isinstance(label, pd.Timestamp):
        return label.strftime("%b %Y") if label == label.normalize() and label.day == 1 else label.strftime("%Y-%m-%d")
    return str(label)


# ---------------------------------------------------------------- axes
class _MoneyFormatter(Formatter):
    def __init__(self, currency: str):
        self.currency = currency

    def _format(self, x, digits):
        sign = ("\N{MINUS SIGN}" if mpl.rcParams["axes.unicode_minus"] else "-") if x < 0 else ""
        return f"{sign}{self.currency}{abs(x):,.{digits}f}"

    def __call__(self, x, pos=None):
        return self._format(x, 0 if float(x).is_integer() else 2)

    def format_ticks(self, values):  # cents on every tick, or on none
        digits = 0 if all(float(v).is_integer() for v in values) else 2
        return [self._format(v, digits) for v in values]


def _axes_of(ax, axis: str):
    if axis not in ("x", "y"):
        raise ValueError(f"axis must be 'x' or 'y', not {axis!r}")
    return ax.xaxis if axis == "x" else ax.yaxis


def money_axis(ax, axis: str = "y", currency: str = "$"):
    """Show an axis as money in full with thousands separators: ``$12,000`` (not ``$12k``).

    Full amounts never round two ticks to the same label and read the same as the numbers
    in the text. Cents are shown only when a tick is not a whole amount. Returns ``ax``.

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot([0, 1], [0, 25000])
    >>> _ = ax.set_ylim(0, 25000)
    >>> _ = money_axis(ax)
    >>> fig.canvas.draw()
    >>> [t.get_text() for t in ax.get_yticklabels()][:3]
    ['$0', '$5,000', '$10,000']
    >>> plt.close(fig)
    """
    target = _axes_of(ax, axis)
    target.set_major_formatter(_MoneyFormatter(currency))
    if axis == "x":  # full amounts are wide: fewer ticks side by side, so labels never touch
        target.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]))
    return ax


def percent_axis(ax, axis: str = "y", digits: int | None = None):
    """Show an axis of fractions (0.25) as percentages (``25%``). Returns ``ax``.

    ``digits=None`` picks as many decimals as the tick spacing needs, so small rates
    (0%, 0.5%, 1%, ...) never show two ticks with the same label.

    Examples
    --------
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot([0, 1], [0, 0.5])
    >>> _ = ax.set_ylim(0, 0.5)
    >>> _ = percent_axis(ax)
    >>> fig.canvas.draw()
    >>> [t.get_text() for t in ax.get_yticklabels()][:3]
    ['0%', '10%', '20%']
    >>> plt.close(fig)
    """
    _axes_of(ax, axis).set_major_formatter(PercentFormatter(xmax=1, decimals=digits))
    return ax


# ---------------------------------------------------------------- descriptions
_DESCRIPTIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # Axes -> sentence


def describe(fig) -> str:
    """The one-sentence description (alt text) of a chart made by this module.

    ``fig`` may be a Figure or one of its Axes; a figure with several smk charts gets one
    sentence per chart. Raises ``ValueError`` for a chart this module did not make.

    Examples
    --------
    >>> fig = bar_chart(pd.Series({"in-store": 390000, "website": 40000, "marketplace": 20000}),
    ...                 title="Revenue by channel", xlabel="Channel", ylabel="Revenue", money=True)
    >>> print(describe(fig))
    Bar chart of revenue by channel: in-store is highest at $390,000; marketplace is lowest at $20,000.
    >>> plt.close(fig)
    """
    axes = [fig] if isinstance(fig, Axes) else fig.axes
    sentences = [_DESCRIPTIONS[a] for a in axes if a in _DESCRIPTIONS]
    if not sentences:
        raise ValueError(
            "This chart was not made by smk_helpers.core.plots, so it has no description; write one in your own words."
        )
    return " ".join(sentences)


def show(fig) -> None:
    """Display ``fig`` with its description printed underneath, then close it.

    In Jupyter the figure appears once, above its sentence; elsewhere only the sentence prints.

    Examples
    --------
    >>> show(bar_chart(pd.Series({"a": 2, "b": 1}), title="Test", xlabel="Letter", ylabel="Count"))
    Bar chart of test: a is highest at 2; b is lowest at 1.
    """
    if in_jupyter():  # a terminal IPython would only print the figure's repr
        from IPython.display import display

        display(fig)
    text = describe(fig)
    plt.close(fig)
    print(text)


def to_png(fig, dpi: int = 150) -> bytes:
    """The figure as PNG bytes (house resolution for pages; the figure stays open).

    Examples
    --------
    >>> fig = bar_chart(pd.Series({"a": 2, "b": 1}), title="Test", xlabel="Letter", ylabel="Count")
    >>> to_png(fig)[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    >>> plt.close(fig)
    """
    import io

    buffer = io.BytesIO()
    # Constrained layout already fits the labels, so the whole figure is saved at its own size (None would
    # take savefig.bbox, "tight" in the house style: the figure drawn twice, and as wide as its longest text).
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches=fig.bbox_inches if fig.get_constrained_layout() else "tight")
    return buffer.getvalue()


def figure_html(fig, close: bool = True) -> str:
    """The figure as self-contained HTML: an inlined PNG whose alt text is its description, and
    the description again as a visible caption (for printouts and for readers who skim).

    Examples
    --------
    >>> fig = bar_chart(pd.Series({"a": 2, "b": 1}), title="A & B", xlabel="Letter", ylabel="Count")
    >>> page = figure_html(fig)
    >>> page.startswith('<figure class="smk-figure"><img src="data:image/png;base64,')
    True
    >>> 'alt="Bar chart of A &amp; B: a is highest at 2; b is lowest at 1."' in page
    True
    """
    import base64
    import html

    text = html.escape(describe(fig))
    data = base64.b64encode(to_png(fig)).decode("ascii")
    if close:
        plt.close(fig)
    return (
        f'<figure class="smk-figure"><img src="data:image/png;base64,{data}" alt="{text}" '
        f'style="max-width:100%;height:auto"><figcaption>{text}</figcaption></figure>'
    )


def _subject(title: str) -> str:
    """'Revenue by channel.' -> 'revenue by channel'.

    The first letter is lowered only when no other word is capitalised, so names and
    acronyms keep their case ('CAC by channel', 'Book Hub funnel').
    """
    t = title.strip().rstrip(".")
    words = t.split()
    plain = words[0][1:].islower() and not any(w[:1].isupper() for w in words[1:])
    return t[0].lower() + t[1:] if plain else t


# ---------------------------------------------------------------- shared plumbing
def _require_text(**kwargs) -> None:
    for name, value in kwargs.items():
        if not isinstance(value, str) or not value.strip():
            raise ValueError(
                f"{name} must be a non-empty text (got {value!r}); every chart needs a title "
                "and axis labels so a reader knows what it shows."
            )


def _figure_and_axes(ax):
    if ax is None:
        return plt.subplots()
    return ax.figure, ax


# The longest texts drawn, so that no name, however long, can stretch a chart beyond its 7 x 4 inches;
# a longer one ends in "…". A title takes up to two lines.
LABEL_CHARS = 32  # a category, stage or legend label
TITLE_LINE_CHARS = 56
XLABEL_CHARS = 64
YLABEL_CHARS = 40


def fit(text, limit: int = LABEL_CHARS) -> str:
    """``text`` on one line, cut to ``limit`` characters with "…", so that no label can stretch a chart.

    Examples
    --------
    >>> fit("in-store"), fit("x" * 40, 10)
    ('in-store', 'xxxxxxxxx…')
    """
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _fit_title(title: str) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(fit(title, 2 * TITLE_LINE_CHARS), TITLE_LINE_CHARS)[:2])


def _finish(fig, ax, *, title, xlabel, ylabel, grid_axis, description):
    ax.set_title(_fit_title(title))
    ax.set_xlabel(fit(xlabel, XLABEL_CHARS))
    ax.set_ylabel(fit(ylabel, YLABEL_CHARS))
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=HOUSE_RC["xtick.labelsize"])
    ax.grid(False)
    if grid_axis:
        ax.grid(True, axis=grid_axis, color=HOUSE_RC["grid.color"], linewidth=HOUSE_RC["grid.linewidth"])
    ax.set_axisbelow(True)
    _DESCRIPTIONS[ax] = description
    return fig


def _value_formatter(money: bool, percent: bool, currency: str):
    if money and percent:
        raise ValueError("Choose money=True or percent=True, not both.")
    if money:
        return lambda v: _fmt_money(v, currency)
    return fmt_pct if percent else _fmt_number


def _format_value_axis(ax, axis, money, percent, currency):
    if money:
        money_axis(ax, axis, currency)
    elif percent:
        percent_axis(ax, axis)


# ---------------------------------------------------------------- charts
def bar_chart(
    data: pd.Series,
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    money: bool = False,
    percent: bool = False,
    currency: str = "$",
    color: str | None = None,
    roles=None,
    horizontal: bool = False,
    ax=None,
):
    """Bar chart of a Series: one bar per index label, in the Series' order.

    Parameters
    ----------
    data : pandas.Series
        The values; the index gives the bar labels. Sort it first if order matters.
    title, xlabel, ylabel : str
        Required and non-empty. ``xlabel``/``ylabel`` name the horizontal/vertical axis.
    money : bool
        Format the value axis and the description as money (see :func:`money_axis`).
    percent : bool
        The values are fractions; show them as percentages.
    currency : str
        Currency symbol for ``money``.
    color : str, optional
        One colour for every bar. By default bars labelled "marketing"/"sales" get
        :data:`MARKETING`/:data:`SALES` and all others ``CATEGORIES[0]``.
    roles : dict or Series, optional
        ``{bar label: "marketing" or "sales"}``: colours each bar by the team it belongs to
        (:data:`MARKETING` / :data:`SALES`) and adds a legend. Overrides ``color``.
    horizontal : bool
        Horizontal bars, first label at the top (good for long labels).
    ax : matplotlib Axes, optional
        Draw here instead of on a new figure.
    above : str, optional
        A stage above the first one, left out of the chart (it would dwarf the rest); the
        description then says that its steepest step is only among the stages drawn.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> spend = pd.Series({"marketing": 9000, "sales": 12000})
    >>> fig = bar_chart(spend, title="Spend by team", xlabel="Team", ylabel="Spend", money=True)
    >>> fig.axes[0].get_title(), fig.axes[0].get_ylabel()
    ('Spend by team', 'Spend')
    >>> print(describe(fig))
    Bar chart of spend by team: sales is highest at $12,000; marketing is lowest at $9,000.
    >>> plt.close(fig)
    """
    _require_text(title=title, xlabel=xlabel, ylabel=ylabel)
    if not isinstance(data, pd.Series):
        raise TypeError(f"bar_chart needs a pandas Series, not {type(data).__name__}")
    fmt = _value_formatter(money, percent, currency)
    values = pd.to_numeric(data, errors="raise").astype(float)
    labels = [str(i) for i in data.index]
    colors = [color or ROLE_COLORS.get(lab.strip().lower(), CATEGORIES[0]) for lab in labels]
    if roles is not None:
        team = {str(k): str(v).strip().lower() for k, v in dict(roles).items()}
        odd = sorted(set(team.values()) - set(ROLE_COLORS))
        if odd:
            raise ValueError(f"roles must be 'marketing' or 'sales', not {', '.join(map(repr, odd))}")
        colors = [ROLE_COLORS.get(team.get(lab), NEUTRAL) for lab in labels]
    with house_style():
        fig, ax = _figure_and_axes(ax)
        pos = range(len(values))
        if horizontal:
            ax.barh(pos, values.fillna(0).to_numpy(), color=colors)
            ax.set_yticks(list(pos), [fit(lab) for lab in labels])
            ax.invert_yaxis()
        else:
            ax.bar(pos, values.fillna(0).to_numpy(), color=colors)
            ax.set_xticks(list(pos), [fit(lab) for lab in labels])
        _format_value_axis(ax, "x" if horizontal else "y", money, percent, currency)
        if roles is not None:
            used = [name for name in ROLE_COLORS if name in {team.get(lab) for lab in labels}]
            ax.legend(handles=[Patch(color=ROLE_COLORS[name], label=name.capitalize()) for name in used])
        known = values.dropna()
        if known.empty:
            text = "no values to show."
        elif len(known) == 1:
            text = f"one bar, {known.index[0]}, at {fmt(known.iloc[0])}."
        elif known.max() == known.min():
            text = f"all {len(known)} bars are at {fmt(known.iloc[0])}."
        else:
            text = (
                f"{known.idxmax()} is highest at {fmt(known.max())}; {known.idxmin()} is lowest at {fmt(known.min())}."
            )
        return _finish(
            fig,
            ax,
            title=title,
            xlabel=xlabel,
            ylabel=ylabel,
            grid_axis="x" if horizontal else "y",
            description=f"Bar chart of {_subject(title)}: {text}",
        )


def line_chart(
    data: pd.Series | pd.DataFrame,
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    money: bool = False,
    percent: bool = False,
    currency: str = "$",
    ax=None,
):
    """Line chart over the index (e.g. months): one line per column, with a legend when several.

    Columns named "marketing"/"sales" get :data:`MARKETING`/:data:`SALES`; the others take
    :data:`CATEGORIES` in order. Month text such as ``"2025-03"`` becomes a date axis.

    Parameters
    ----------
    data : pandas.Series or pandas.DataFrame
        The values, indexed by what goes along the x axis.
    title, xlabel, ylabel : str
        Required and non-empty.
    money, percent, currency, ax
        As in :func:`bar_chart`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> monthly = pd.DataFrame({"marketing": [10, 30, 20], "sales": [5, 15, 25]},
    ...                        index=["2025-01", "2025-02", "2025-03"])
    >>> fig = line_chart(monthly, title="Leads per month", xlabel="Month", ylabel="Leads")
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['marketing', 'sales']
    >>> print(describe(fig))
    Line chart of leads per month, 2 lines (marketing, sales): the highest value is marketing at 30 in Feb 2025;
    the lowest is sales at 5 in Jan 2025.
    >>> plt.close(fig)
    """
    _require_text(title=title, xlabel=xlabel, ylabel=ylabel)
    if isinstance(data, pd.Series):
        frame = data.to_frame(name=data.name if data.name is not None else ylabel)
    elif isinstance(data, pd.DataFrame):
        frame = data
    else:
        raise TypeError(f"line_chart needs a pandas Series or DataFrame, not {type(data).__name__}")
    fmt = _value_formatter(money, percent, currency)
    frame = frame.apply(pd.to_numeric, errors="raise").astype(float)
    index = frame.index
    if isinstance(index, pd.PeriodIndex):
        index = index.to_timestamp()
    elif index.dtype == object or pd.api.types.is_string_dtype(index):
        as_month = pd.to_datetime(pd.Series(index, dtype=str), format="%Y-%m", errors="coerce")
        if as_month.notna().all():
            index = pd.DatetimeIndex(as_month)
    frame = frame.set_axis(index)
    others = cycle(CATEGORIES)
    with house_style():
        fig, ax = _figure_and_axes(ax)
        for col in frame.columns:
            colour = ROLE_COLORS.get(str(col).strip().lower()) or next(others)
            ax.plot(
                frame.index,
                frame[col].to_numpy(),
                color=colour,
                label=fit(col),
                marker="o" if len(frame) <= 12 else None,
                markersize=4,
            )
        if isinstance(frame.index, pd.DatetimeIndex):
            locator = AutoDateLocator()
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        if frame.shape[1] > 1:
            ax.legend()
        if (frame.min(numeric_only=True) >= 0).all():
            ax.set_ylim(bottom=0)  # amounts and counts start at zero, so a rise is not exaggerated
        _format_value_axis(ax, "y", money, percent, currency)
        long = frame.stack().dropna()  # (x, column) -> value
        if long.empty:
            text = "no values to show."
        else:
            (x_hi, c_hi), (x_lo, c_lo) = long.idxmax(), long.idxmin()
            if frame.shape[1] == 1:
                text = (
                    f"highest at {fmt(long.max())} in {_fmt_label(x_hi)}; "
                    f"lowest at {fmt(long.min())} in {_fmt_label(x_lo)}."
                )
            else:
                text = (
                    f"the highest value is {c_hi} at {fmt(long.max())} in {_fmt_label(x_hi)}; "
                    f"the lowest is {c_lo} at {fmt(long.min())} in {_fmt_label(x_lo)}."
                )
        lines = "" if frame.shape[1] == 1 else f", {frame.shape[1]} lines ({', '.join(map(str, frame.columns))})"
        return _finish(
            fig,
            ax,
            title=title,
            xlabel=xlabel,
            ylabel=ylabel,
            grid_axis="y",
            description=f"Line chart of {_subject(title)}{lines}: {text}",
        )


FUNNEL_COLUMNS = ("stage", "count", "rate_from_previous", "rate_from_top")


def funnel_chart(
    table: pd.DataFrame,
    *,
    title: str,
    handoff: str | None = None,
    xlabel: str = "Number reaching each stage",
    ylabel: str = "Stage",
    ax=None,
    above: str | None = None,
):
    """Funnel: centred bars narrowing down the page, each labelled with its count and step rate.

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``stage``, ``count``, ``rate_from_previous``, ``rate_from_top`` (rates as
        fractions), top stage first; ``rate_from_previous`` is NaN for the top stage.
        Labels read ``"1,200 · 10.0% of previous"``; a NaN rate or count shows as ``n/a``.
    title : str
        Required and non-empty.
    handoff : str, optional
        The first stage sales owns. Stages above it get :data:`MARKETING`, the rest
        :data:`SALES`, and a legend says so. Without it every bar is ``CATEGORIES[0]``.
    xlabel, ylabel : str
        Axis labels; the defaults suit most funnels but may not be empty.
    ax : matplotlib Axes, optional
        Draw here instead of on a new figure.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> table = pd.DataFrame({"stage": ["visits", "subscribers", "requests", "purchases"],
    ...                       "count": [12000, 1200, 300, 240],
    ...                       "rate_from_previous": [float("nan"), 0.1, 0.25, 0.8],
    ...                       "rate_from_top": [1.0, 0.1, 0.025, 0.02]})
    >>> fig = funnel_chart(table, title="Book Hub funnel", handoff="requests")
    >>> [t.get_text() for t in fig.axes[0].texts][:2]
    ['12,000 · n/a of previous', '1,200 · 10.0% of previous']
    >>> print(describe(fig))
    Funnel chart of Book Hub funnel: 12,000 visits at the top narrow to 240 purchases at the bottom (2.0% of the top);
    the steepest step is visits to subscribers (10.0% carry on); marketing owns visits to subscribers, sales from
    requests.
    >>> plt.close(fig)
    """
    _require_text(title=title, xlabel=xlabel, ylabel=ylabel)
    f = _funnel_parts(table, title, handoff, above)
    widest = f.widest
    with house_style():
        fig, ax = _figure_and_axes(ax)
        ax.barh(range(len(f.stages)), f.widths, left=f.lefts, color=f.colors, height=0.7)
        for i, (w, label) in enumerate(zip(f.widths, f.labels, strict=True)):
            if w >= 0.45 * widest:
                ax.text(widest / 2, i, label, ha="center", va="center", color="white", fontweight="bold")
            else:
                ax.text((widest + w) / 2 + 0.01 * widest, i, label, ha="left", va="center", color="#333333")
        ax.set_yticks(range(len(f.stages)), [fit(stage) for stage in f.stages])
        ax.invert_yaxis()
        ax.set_xlim(0, widest * 1.02)
        ax.set_xticks([])
        ax.spines[["left", "bottom"]].set_visible(False)
        ax.tick_params(axis="y", length=0)
        if f.roles:
            ax.legend(
                handles=[Patch(color=c, label=name) for name, c in f.roles],
                loc="center left",
                bbox_to_anchor=(1.0, 0.5),
            )
        return _finish(fig, ax, title=title, xlabel=xlabel, ylabel=ylabel, grid_axis=None, description=f.description)


@dataclass
class _Funnel:
    """What a funnel chart shows, worked out once for both its drawings (`funnel_chart`, `funnel_svg`)."""

    stages: list
    widths: list  # each bar's length, 0 for an unknown count
    lefts: list  # where each bar starts, so the bars are centred
    widest: float
    labels: list  # "1,200 · 10.0% of previous"
    colors: list
    roles: list  # the legend: (name, colour) pairs; empty without a handoff
    description: str


def _funnel_parts(table, title: str, handoff, above) -> _Funnel:
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"funnel_chart needs a pandas DataFrame, not {type(table).__name__}")
    missing = [c for c in FUNNEL_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(
            f"The funnel table lacks the column(s) {', '.join(missing)}; it needs {', '.join(FUNNEL_COLUMNS)}."
        )
    if table.empty:
        raise ValueError("The funnel table has no stages.")
    stages = [str(s) for s in table["stage"]]
    counts = pd.to_numeric(table["count"]).astype(float).to_numpy()
    step = pd.to_numeric(table["rate_from_previous"]).astype(float).to_numpy()
    top = pd.to_numeric(table["rate_from_top"]).astype(float).to_numpy()
    if handoff is not None and handoff not in stages:
        raise ValueError(f"handoff {handoff!r} is not a stage; the stages are {', '.join(stages)}.")
    first_sales = stages.index(handoff) if handoff is not None else len(stages)
    colors = (
        [MARKETING if i < first_sales else SALES for i in range(len(stages))]
        if handoff is not None
        else [CATEGORIES[0]] * len(stages)
    )
    widest = max((c for c in counts if not math.isnan(c)), default=0.0) or 1.0
    widths = [0.0 if math.isnan(c) else c for c in counts]
    labels = [f"{_fmt_number(c)} · {fmt_pct(r)} of previous" for c, r in zip(counts, step, strict=True)]
    roles = ([("Marketing", MARKETING)] * (first_sales > 0) + [("Sales", SALES)]) if handoff is not None else []
    if len(stages) == 1:
        text = f"one stage, {stages[0]}, with {_fmt_number(counts[0])}"
    else:
        text = (
            f"{_fmt_number(counts[0])} {stages[0]} at the top narrow to {_fmt_number(counts[-1])} "
            f"{stages[-1]} at the bottom ({fmt_pct(top[-1])} of the top)"
        )
    steps = pd.Series(step[1:], index=range(1, len(stages))).dropna()
    if not steps.empty:
        k = steps.idxmin()
        shown = f" of those drawn (the chart leaves out {above}, above them)" if above else ""
        text += f"; the steepest step{shown} is {stages[k - 1]} to {stages[k]} ({fmt_pct(steps[k])} carry on)"
    if handoff is not None:
        owned = stages[0] if first_sales == 1 else f"{stages[0]} to {stages[first_sales - 1]}"
        text += f"; marketing owns {owned}, sales from {handoff}" if first_sales else "; sales owns every stage"
    description = f"Funnel chart of {_subject(title)}: {text}."
    lefts = [(widest - w) / 2 for w in widths]
    return _Funnel(stages, widths, lefts, widest, labels, colors, roles, description)


def funnel_svg(
    table: pd.DataFrame, *, title: str, handoff: str | None = None, xlabel: str = "Number reaching each stage"
) -> str:
    """The funnel of `funnel_chart` as an HTML figure drawn in SVG: the same bars, labels, colours and sentence.

    Drawn as text, in well under a millisecond, where a PNG takes matplotlib a tenth of a second: for a page
    that redraws the funnel as its owner types. The figure is titled, its sentence is its SVG description
    (what a screen reader says) and its caption, and it prints as it shows.

    Examples
    --------
    >>> table = pd.DataFrame({"stage": ["visits", "purchases"], "count": [1200, 240],
    ...                       "rate_from_previous": [float("nan"), 0.2], "rate_from_top": [1.0, 0.2]})
    >>> page = funnel_svg(table, title="Shop <funnel>", handoff="purchases")
    >>> page.startswith('<figure class="smk-figure"><svg'), "Shop &lt;funnel&gt;" in page
    (True, True)
    >>> "240 · 20.0% of previous" in page, page.count("<rect")  # two bars, two legend keys
    (True, 4)
    """
    import html

    _require_text(title=title, xlabel=xlabel)
    f = _funnel_parts(table, title, handoff, None)
    esc = html.escape
    name_w, bar_w, legend_w, row_h, top_h = 150, 420, 110 if f.roles else 0, 34, 44
    width, height = name_w + bar_w + legend_w + 20, top_h + row_h * len(f.stages) + 36
    scale = bar_w / f.widest
    parts = [
        f'<text x="{width / 2:.0f}" y="24" text-anchor="middle" font-weight="bold" font-size="16">{esc(title)}</text>'
    ]
    for i, (stage, w, left, label, color) in enumerate(
        zip(f.stages, f.widths, f.lefts, f.labels, f.colors, strict=True)
    ):
        y = top_h + i * row_h
        x = name_w + left * scale
        parts.append(
            f'<text x="{name_w - 8}" y="{y + row_h / 2 + 5:.0f}" text-anchor="end">{esc(fit(stage))}</text>'
            f'<rect x="{x:.1f}" y="{y + 3}" width="{w * scale:.1f}" height="{row_h - 6}" fill="{color}"/>'
        )
        if w >= 0.45 * f.widest:
            where = f'x="{name_w + bar_w / 2:.0f}" text-anchor="middle" fill="white" font-weight="bold"'
        else:
            where = f'x="{x + w * scale + 6:.1f}" fill="#333333"'
        parts.append(f'<text {where} y="{y + row_h / 2 + 5:.0f}">{esc(label)}</text>')
    for j, (role, color) in enumerate(f.roles):
        y = top_h + j * 24
        parts.append(
            f'<rect x="{name_w + bar_w + 20}" y="{y}" width="14" height="14" fill="{color}"/>'
            f'<text x="{name_w + bar_w + 40}" y="{y + 12}">{esc(role)}</text>'
        )
    parts.append(f'<text x="{name_w + bar_w / 2:.0f}" y="{height - 10}" text-anchor="middle">{esc(xlabel)}</text>')
    text = esc(f.description)
    return (
        f'<figure class="smk-figure"><svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'style="max-width:100%;height:auto;font-family:sans-serif;font-size:13px" aria-label="{text}">'
        f"<title>{esc(title)}</title><desc>{text}</desc>{''.join(parts)}</svg><figcaption>{text}</figcaption></figure>"
    )
