"""The house chart style: titled, labelled, described, colour-stable charts."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from smk_helpers.core import plots
from smk_helpers.core.plots import (
    MARKETING,
    PALETTE,
    SALES,
    bar_chart,
    describe,
    funnel_chart,
    line_chart,
    money_axis,
    percent_axis,
)

REVENUE = pd.Series({"in-store": 390_000, "website": 40_000, "marketplace": 20_000}, name="revenue")
MONTHLY = pd.DataFrame(
    {"sales": [4000.0, 3500.0, 3000.0], "marketing": [1000.0, 2000.0, 1500.0]},
    index=["2025-01", "2025-02", "2025-03"],
)
FUNNEL = pd.DataFrame(
    {
        "stage": ["visits", "subscribers", "requests", "purchases"],
        "count": [12_000, 1_200, 300, 240],
        "rate_from_previous": [np.nan, 0.10, 0.25, 0.80],
        "rate_from_top": [1.0, 0.10, 0.025, 0.02],
    }
)
HEX_PALETTE = {to_hex(c) for c in PALETTE}

CHARTS = {
    "bar": lambda **kw: bar_chart(
        REVENUE, **{"title": "Revenue by channel", "xlabel": "Channel", "ylabel": "Revenue", **kw}
    ),
    "barh": lambda **kw: bar_chart(
        REVENUE, horizontal=True, **{"title": "Revenue by channel", "xlabel": "Revenue", "ylabel": "Channel", **kw}
    ),
    "line": lambda **kw: line_chart(MONTHLY, **{"title": "Monthly spend", "xlabel": "Month", "ylabel": "Spend", **kw}),
    "line-series": lambda **kw: line_chart(
        MONTHLY["sales"], **{"title": "Monthly sales", "xlabel": "Month", "ylabel": "Sales", **kw}
    ),
    "funnel": lambda **kw: funnel_chart(FUNNEL, **{"title": "Book Hub funnel", **kw}),
}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _colours(ax):
    return [to_hex(p.get_facecolor()) for p in ax.patches] + [to_hex(line.get_color()) for line in ax.get_lines()]


def _tick_texts(fig, axis="y"):
    fig.canvas.draw()
    ax = fig.axes[0]
    return [t.get_text() for t in (ax.get_yticklabels() if axis == "y" else ax.get_xticklabels())]


@pytest.mark.parametrize("kind", CHARTS)
def test_every_chart_has_title_axis_labels_and_description(kind):
    fig = CHARTS[kind]()
    assert isinstance(fig, matplotlib.figure.Figure)
    ax = fig.axes[0]
    for text in (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()):
        assert text.strip()
    sentence = describe(fig)
    assert sentence.endswith(".") and sentence.count(". ") == 0  # one sentence
    assert describe(ax) == sentence


@pytest.mark.parametrize("kind", CHARTS)
@pytest.mark.parametrize("field", ["title", "xlabel", "ylabel"])
@pytest.mark.parametrize("bad", ["", "   ", None])
def test_empty_title_or_axis_label_raises(kind, field, bad):
    with pytest.raises(ValueError, match=field):
        CHARTS[kind](**{field: bad})


def test_title_and_labels_are_required_arguments():
    with pytest.raises(TypeError):
        bar_chart(REVENUE)  # no title, no labels
    with pytest.raises(TypeError):
        funnel_chart(FUNNEL)


def test_bar_description_names_largest_and_smallest():
    fig = CHARTS["bar"](money=True)
    assert describe(fig) == (
        "Bar chart of revenue by channel: in-store is highest at $390,000; marketplace is lowest at $20,000."
    )


def test_bar_description_with_percent_and_ties():
    rates = pd.Series({"email": 0.25, "social": 0.01, "search": 0.03})
    fig = bar_chart(rates, title="CTR by channel", xlabel="Channel", ylabel="CTR", percent=True)
    assert describe(fig) == "Bar chart of CTR by channel: email is highest at 25.0%; social is lowest at 1.0%."
    assert _tick_texts(fig)[1].endswith("%")
    same = bar_chart(pd.Series({"a": 5, "b": 5}), title="Equal", xlabel="x", ylabel="y")
    assert "all 2 bars are at 5" in describe(same)


def test_line_description_names_largest_and_smallest():
    text = describe(CHARTS["line"](money=True))
    assert "sales at $4,000 in Jan 2025" in text
    assert "marketing at $1,000 in Jan 2025" in text
    single = describe(CHARTS["line-series"]())
    assert "highest at 4,000 in Jan 2025" in single and "lowest at 3,000 in Mar 2025" in single


def test_line_chart_legend_only_with_several_lines():
    assert CHARTS["line"]().axes[0].get_legend() is not None
    assert CHARTS["line-series"]().axes[0].get_legend() is None


def test_funnel_description_names_top_and_bottom():
    text = describe(funnel_chart(FUNNEL, title="Book Hub funnel", handoff="requests"))
    assert "12,000 visits" in text and "240 purchases" in text and "2.0% of the top" in text
    assert "marketing owns visits to subscribers, sales from requests" in text


def test_funnel_labels_show_counts_and_rates_with_na():
    ax = funnel_chart(FUNNEL, title="Funnel").axes[0]
    labels = [t.get_text() for t in ax.texts]
    assert labels == [
        "12,000 · n/a of previous",
        "1,200 · 10.0% of previous",
        "300 · 25.0% of previous",
        "240 · 80.0% of previous",
    ]
    assert [t.get_text() for t in ax.get_yticklabels()] == list(FUNNEL["stage"])


def test_funnel_unknown_values_show_na():
    table = FUNNEL.assign(count=[12_000, np.nan, 0, 0], rate_from_previous=[np.nan, np.nan, np.nan, np.nan])
    labels = [t.get_text() for t in funnel_chart(table, title="Funnel").axes[0].texts]
    assert labels[1] == "n/a · n/a of previous"
    assert all("n/a of previous" in label for label in labels)


def test_funnel_bars_are_centred_and_shrink_down_the_page():
    ax = funnel_chart(FUNNEL, title="Funnel").axes[0]
    bars = ax.patches
    centres = {round(b.get_x() + b.get_width() / 2, 6) for b in bars}
    assert len(centres) == 1
    assert [b.get_width() for b in bars] == [12_000, 1_200, 300, 240]
    assert ax.yaxis_inverted()  # the first stage at the top


def test_funnel_handoff_colours_and_legend():
    ax = funnel_chart(FUNNEL, title="Funnel", handoff="requests").axes[0]
    assert [to_hex(b.get_facecolor()) for b in ax.patches] == [to_hex(c) for c in (MARKETING, MARKETING, SALES, SALES)]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Marketing", "Sales"]
    assert funnel_chart(FUNNEL, title="Funnel").axes[0].get_legend() is None


def test_funnel_rejects_bad_tables():
    with pytest.raises(ValueError, match="rate_from_top"):
        funnel_chart(FUNNEL.drop(columns="rate_from_top"), title="Funnel")
    with pytest.raises(ValueError, match="no stages"):
        funnel_chart(FUNNEL.iloc[0:0], title="Funnel")
    with pytest.raises(ValueError, match="not a stage"):
        funnel_chart(FUNNEL, title="Funnel", handoff="MQL")


@pytest.mark.parametrize("kind", CHARTS)
def test_colours_come_from_the_palette(kind):
    assert set(_colours(CHARTS[kind]().axes[0])) <= HEX_PALETTE


def test_marketing_and_sales_keep_their_colours():
    marketing, sales = to_hex(MARKETING), to_hex(SALES)
    for order in (["marketing", "sales"], ["sales", "marketing"]):
        spend = pd.Series([1.0, 2.0], index=order)
        bars = bar_chart(spend, title="Spend by team", xlabel="Team", ylabel="Spend").axes[0]
        assert _colours(bars) == [marketing if name == "marketing" else sales for name in order]
        lines = line_chart(MONTHLY[order], title="Spend", xlabel="Month", ylabel="Spend").axes[0]
        assert _colours(lines) == [marketing if name == "marketing" else sales for name in order]
    # other series never borrow the team colours
    other = line_chart(pd.DataFrame({"a": [1, 2], "b": [2, 1], "c": [3, 3]}), title="T", xlabel="x", ylabel="y")
    assert not {marketing, sales} & set(_colours(other.axes[0]))
    assert marketing != sales


def test_explicit_colour_wins():
    ax = bar_chart(REVENUE, title="T", xlabel="x", ylabel="y", color=plots.NEUTRAL).axes[0]
    assert set(_colours(ax)) == {to_hex(plots.NEUTRAL)}


def test_money_axis_formats_ticks_as_currency():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 25_000])
    ax.set_ylim(0, 25_000)
    money_axis(ax)
    assert _tick_texts(fig) == ["$0", "$5,000", "$10,000", "$15,000", "$20,000", "$25,000"]
    money_axis(ax, axis="x", currency="€")
    ax.set_xlim(0, 1)
    assert all(t.startswith("€") for t in _tick_texts(fig, "x"))
    with pytest.raises(ValueError):
        money_axis(ax, axis="z")


def test_money_axis_cents_and_negatives():
    fig, ax = plt.subplots()
    ax.set_ylim(-1, 1)
    money_axis(ax)
    ticks = _tick_texts(fig)
    assert "$0.50" in ticks and "$0.00" in ticks and any(t.startswith(("-$", "\N{MINUS SIGN}$")) for t in ticks)


def test_money_chart_uses_money_axis():
    ticks = _tick_texts(CHARTS["bar"](money=True))
    assert ticks[1].startswith("$") and "," in ticks[-1]
    ticks = _tick_texts(CHARTS["barh"](money=True), "x")
    assert all(t.startswith("$") for t in ticks if t)


def test_percent_axis():
    fig, ax = plt.subplots()
    ax.set_ylim(0, 0.5)
    percent_axis(ax)
    assert _tick_texts(fig)[:3] == ["0%", "10%", "20%"]


def test_money_and_percent_together_raise():
    with pytest.raises(ValueError, match="not both"):
        CHARTS["bar"](money=True, percent=True)


def test_draws_on_a_given_axes():
    fig, (left, right) = plt.subplots(1, 2)
    assert bar_chart(REVENUE, title="A", xlabel="x", ylabel="y", ax=left) is fig
    assert funnel_chart(FUNNEL, title="B", ax=right) is fig
    assert describe(fig).startswith("Bar chart of A:") and "Funnel chart of B:" in describe(fig)


def test_describe_refuses_foreign_figures():
    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match="no description"):
        describe(fig)


def test_house_style_and_charts_leave_global_settings_alone():
    before = dict(matplotlib.rcParams)
    fig = CHARTS["bar"]()
    assert dict(matplotlib.rcParams) == before
    ax = fig.axes[0]
    assert not ax.spines["top"].get_visible() and not ax.spines["right"].get_visible()
    assert list(fig.get_size_inches()) == list(plots.HOUSE_RC["figure.figsize"])
    with plots.house_style():
        assert matplotlib.rcParams["axes.spines.top"] is False
    assert dict(matplotlib.rcParams) == before


def test_show_prints_the_description_and_closes(capsys):
    fig = CHARTS["bar"]()
    plots.show(fig)
    assert capsys.readouterr().out == describe(fig) + "\n"
    assert not plt.fignum_exists(fig.number)


def test_saved_chart_keeps_its_labels(tmp_path):
    fig = CHARTS["bar"](money=True)
    fig.savefig(tmp_path / "chart.png")
    assert (tmp_path / "chart.png").stat().st_size > 0


def test_palette_constants():
    assert len(PALETTE) == len(HEX_PALETTE)  # no duplicates
    assert MARKETING in PALETTE and SALES in PALETTE and plots.NEUTRAL in PALETTE
    assert not {MARKETING, SALES} & set(plots.CATEGORIES)


def test_house_style_puts_back_only_its_own_settings():
    # Jupyter's inline backend turns interactive mode on when the first figure is made;
    # leaving the style block must not turn it off again (figures would stop displaying).
    was = matplotlib.is_interactive()
    try:
        with plots.house_style():
            matplotlib.interactive(not was)
        assert matplotlib.is_interactive() is (not was)
    finally:
        matplotlib.interactive(was)


def test_edge_cases_still_describe_themselves():
    one = funnel_chart(FUNNEL.iloc[:1], title="Funnel", handoff="visits")
    assert describe(one) == "Funnel chart of funnel: one stage, visits, with 12,000; sales owns every stage."
    assert [t.get_text() for t in one.axes[0].get_legend().get_texts()] == ["Sales"]
    empty = bar_chart(pd.Series({"a": np.nan}), title="Nothing yet", xlabel="x", ylabel="y")
    assert describe(empty) == "Bar chart of nothing yet: no values to show."
    single = bar_chart(pd.Series({"in-store": 48.5}), title="AOV", xlabel="x", ylabel="y", money=True)
    assert describe(single) == "Bar chart of AOV: one bar, in-store, at $48.50."


def test_bar_roles_colour_each_bar_by_team():
    from matplotlib.colors import to_hex

    data = pd.Series({"newsletter": 30.0, "special order": 4.0, "ads": 60.0})
    fig = plots.bar_chart(
        data,
        title="Cost per order",
        xlabel="Kind",
        ylabel="Dollars",
        roles={"newsletter": "marketing", "ads": "Marketing", "special order": "sales"},
    )
    ax = fig.axes[0]
    assert [to_hex(p.get_facecolor()).upper() for p in ax.patches] == [plots.MARKETING, plots.SALES, plots.MARKETING]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Marketing", "Sales"]
    plt.close(fig)
    with pytest.raises(ValueError, match="'both'"):
        plots.bar_chart(data, title="t", xlabel="x", ylabel="y", roles={"ads": "both"})


@pytest.mark.parametrize("name", ["x" * 5000, "W" * 300, "Long name " * 30])
def test_a_chart_keeps_its_size_whatever_its_labels(name):
    """A 5,000-character business name once made an 85,000-pixel-wide report chart (2.9 GB at 50,000)."""
    import struct

    def size(label):
        with plots.house_style():  # as in the report, where savefig.bbox is "tight"
            fig = plots.bar_chart(
                pd.Series({label: 3, "b": 1}),
                title=f"{label}: revenue by channel",
                xlabel=f"Channel of {label}",
                ylabel=f"Revenue of {label}",
            )
            png = plots.to_png(fig)
        plt.close(fig)
        return struct.unpack(">II", png[16:24])

    assert size(name) == size("Shop") == (1050, 600)


class ZMQInteractiveShell:  # the shell of a Jupyter kernel (ipykernel), by name
    pass


class ColabShell(ZMQInteractiveShell):  # a kernel's shell under another name (Colab's is a subclass)
    pass


class TerminalInteractiveShell:  # `ipython` in a terminal: no frontend to show a figure in
    pass


@pytest.mark.parametrize(
    "shell, rich",
    [(None, False), (TerminalInteractiveShell, False), (ZMQInteractiveShell, True), (ColabShell, True)],
)
def test_show_displays_the_figure_only_in_a_jupyter_kernel(shell, rich, monkeypatch, capsys):
    """plots.show and Section.show share one check (`formatting.in_jupyter`): only a kernel's shell counts."""
    from smk_helpers.core.formatting import in_jupyter

    displayed = []
    monkeypatch.setattr("IPython.get_ipython", lambda: None if shell is None else shell())
    monkeypatch.setattr("IPython.display.display", lambda obj: displayed.append(obj))
    assert in_jupyter() is rich
    fig = CHARTS["bar"]()
    plots.show(fig)
    assert displayed == ([fig] if rich else [])
    assert capsys.readouterr().out == describe(fig) + "\n"
    assert not plt.fignum_exists(fig.number)
