"""The shared analysis sections (smk_helpers.reports.sections) on The Book Hub, the hand-computed shop,
a folder with only orders.csv, and folders that cannot be loaded.

Every section takes its numbers from kpis/funnel, so the tests compare the formatted tables with
hand-computed values (tests/fixtures/handcalc) and with the kpis functions themselves.
"""

import datetime as dt
import math
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from helpers import business_folder, loader_problems
from smk_helpers import load_business
from smk_helpers.core import funnel as F
from smk_helpers.core import kpis, plots
from smk_helpers.core.data import bookhub_path
from smk_helpers.reports import sections as S

FIXTURE = Path(__file__).parent / "fixtures" / "handcalc"


@pytest.fixture(autouse=True)
def no_figures_left_open():
    yield
    leftover = plt.get_fignums()
    plt.close("all")
    assert not leftover, "a test left figures open"


@pytest.fixture(scope="module")
def hand():
    return load_business(FIXTURE, name="Hand-computed shop")


def write_orders(folder, drop=("campaign_id",)):
    """The fixture's orders.csv without some columns (by default campaign_id, which needs campaigns.csv)."""
    orders = pd.read_csv(FIXTURE / "orders.csv", dtype=str, keep_default_na=False)
    return business_folder(folder, orders=orders.drop(columns=list(drop)).to_csv(index=False))


def copy_fixture(tmp_path, *stems):
    """The fixture's files ``stems`` (orders, campaigns, ...), copied as they are into tmp_path."""
    return business_folder(tmp_path, **{stem: (FIXTURE / f"{stem}.csv").read_bytes() for stem in stems})


@pytest.fixture
def orders_only(tmp_path):
    return load_business(write_orders(tmp_path), name="Orders only")


@pytest.fixture
def broken(tmp_path):
    """Two problems in orders.csv and one in campaigns.csv."""
    return business_folder(
        tmp_path,
        orders="order_id,order_date,customer_id,channel,revenue\n"
        "1,2025-03-01,C1,in-store,40.00\n"
        "2,2025-03-02,,in-store,abc\n"
        "2,2025-03-03,C2,website,12.00\n",
        campaigns="campaign_id,channel,start_date,end_date,spend\nE1,email,2025-03-10,2025-03-01,30\n",
    )


def sections_of(business, **params):
    return S.all_sections(business, **params)


def closed(section):
    section.close()
    return section


# ---------------------------------------------------------------------------------------------
# open_business


def test_open_business_empty_means_the_book_hub(capsys):
    shop = S.open_business("")
    orders = len(pd.read_csv(bookhub_path() / "orders.csv"))
    assert shop.name == "The Book Hub" and len(shop.orders) == orders
    out = capsys.readouterr().out
    assert out.startswith(f"Loaded The Book Hub: {orders:,} orders from 1 January 2024 to 31 December 2025")
    assert "campaigns.csv, funnel.csv, interactions.csv, targets.csv, touchpoints.csv and survey.csv" in out
    assert S.open_business(None, business_name="  ").name == "The Book Hub"


def test_open_business_renames_without_touching_the_shared_copy(capsys):
    renamed = S.open_business("", business_name=" My Bookshop ")
    assert renamed.name == "My Bookshop"
    assert S.open_business("").name == "The Book Hub"
    assert "Loaded My Bookshop:" in capsys.readouterr().out


def test_open_business_on_a_folder(capsys):
    shop = S.open_business(str(FIXTURE), business_name="Hand shop")
    assert shop.name == "Hand shop" and len(shop.orders) == 6
    assert capsys.readouterr().out.startswith("Loaded Hand shop: 6 orders from 5 January 2025 to 15 March 2025")
    assert S.open_business(FIXTURE).name == "handcalc"  # a Path works too; the name is the folder's


def test_open_business_lists_what_is_missing(tmp_path, capsys):
    write_orders(tmp_path)
    assert S.open_business(tmp_path) is not None
    out = capsys.readouterr().out
    assert (
        "Not in the folder: campaigns.csv, funnel.csv, interactions.csv, targets.csv, touchpoints.csv and survey.csv"
        in out
    )


def test_open_business_prints_loader_warnings(tmp_path, capsys):
    business_folder(write_orders(tmp_path), funnel="stage,count\nvisits,100\nsign-ups,150\npurchase,5\n")
    S.open_business(tmp_path)
    out = capsys.readouterr().out
    assert (
        "Not in the folder: campaigns.csv, interactions.csv, targets.csv, touchpoints.csv and survey.csv; the "
        "sections that need them say so." in out
    )
    assert "Warning: funnel.csv: Stage 'sign-ups' (150) is larger than the stage above it" in out


def test_a_broken_folder_prints_every_problem_and_returns_none(broken, capsys):
    problems = loader_problems(broken)
    assert len(problems) == 3
    assert S.open_business(str(broken)) is None
    out = capsys.readouterr().out
    assert f"The business folder {broken} could not be loaded: 3 problems." in out
    for problem in problems:
        assert f"  - {problem}\n" in out
    assert f"`smk validate {broken}`" in out
    assert "Traceback" not in out
    assert "relative data_dir" not in out  # the folder exists and its path is absolute


def test_a_missing_relative_folder_explains_relative_paths(capsys):
    assert S.open_business("no-such-shop") is None
    out = capsys.readouterr().out
    assert "The business folder no-such-shop does not exist" in out
    assert "'../my-shop'" in out


def test_a_file_instead_of_a_folder(tmp_path, capsys):
    assert S.open_business(business_folder(tmp_path, orders="x\n") / "orders.csv") is None
    assert "is a file, not a folder" in capsys.readouterr().out


def test_slash_dates_name_dayfirst_and_load_with_it(tmp_path, capsys):
    business_folder(tmp_path, orders="order_id,order_date,customer_id,channel,revenue\n1,14/03/2025,C1,in-store,10\n")
    assert S.open_business(tmp_path) is None
    assert "dayfirst=True" in capsys.readouterr().out
    shop = S.open_business(tmp_path, dayfirst=True)
    assert shop.orders["order_date"].iloc[0] == pd.Timestamp("2025-03-14")


def test_an_unreadable_file_is_a_message_not_a_traceback(tmp_path, capsys, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("smk_helpers.reports.sections.loading.load_business", refuse)
    assert S.open_business(tmp_path) is None
    out = capsys.readouterr().out
    assert "could not be read (permission denied)" in out and "1 problem." in out


# ---------------------------------------------------------------------------------------------
# No data, bad parameters: a sentence, never an exception


def test_every_section_accepts_none(capsys):
    shown = sections_of(None)
    assert [s.title for s in shown] == [S.KPI_TITLE, S.FUNNEL_TITLE, S.MIX_TITLE, S.VERSUS_TITLE]
    for section in shown:
        assert section.summary == S.NO_DATA
        assert section.tables == {} and section.figures == [] and section.table is None and section.figure is None
        section.show()
    out = capsys.readouterr().out
    assert out.count(S.NO_DATA) == 4


@pytest.mark.parametrize(
    "params, words",
    [
        ({"gross_margin": 45}, "gross_margin 45 looks like a percentage"),
        ({"gross_margin": "0.45"}, "gross_margin '0.45' is not a number"),
        ({"gross_margin": -0.2}, "gross_margin -0.2 must be above 0"),
        ({"gross_margin": True}, "gross_margin True is not a number"),
        ({"gross_margin": math.nan}, "gross_margin nan is not a number"),
        ({"staff_hourly_cost": -1}, "staff_hourly_cost -1 is not an amount"),
        ({"staff_hourly_cost": "13.56"}, "staff_hourly_cost '13.56' is not an amount"),
        ({"staff_hourly_cost": None}, "staff_hourly_cost None is not an amount"),
        ({"currency": 5}, "currency 5 is not text"),
        ({"start": "last spring"}, "start 'last spring' is not a date"),
        ({"end": ""}, "end '' is not a date"),
        ({"start": "2025-03-01", "end": "2025-02-01"}, "The period starts after it ends (2025-03-01 > 2025-02-01)"),
    ],
)
def test_bad_parameters_give_a_sentence(hand, params, words):
    assert any(words in p for p in S.parameter_problems(**params))
    shown = [closed(s) for s in sections_of(hand, **params)]
    blocked = [s for s in shown if s.summary.startswith("This section cannot be shown")]
    assert blocked, "at least one section uses this parameter"
    for section in blocked:
        assert words in section.summary and section.tables == {} and section.figures == []


def test_good_parameters_have_no_problems():
    assert S.parameter_problems() == []
    assert (
        S.parameter_problems(currency="€", gross_margin=1, staff_hourly_cost=0, start="2025-01-01", end="2025-01-01")
        == []
    )
    assert (
        S.parameter_problems(
            gross_margin=np.float32(0.5),
            staff_hourly_cost=np.int64(15),
            start=pd.Timestamp("2025-01-01"),
            end=dt.date(2025, 2, 1),
        )
        == []
    )


# ---------------------------------------------------------------------------------------------
# KPI table


def test_kpi_table_on_the_book_hub_matches_kpis_summary(hub):
    section = S.kpi_table(hub)
    s = kpis.summary(hub)
    assert {key: section.data[key] for key in s} == s
    assert section.data["previous"] is None  # no comparison unless asked
    table = section.table
    assert list(table.columns) == ["side", "value", "how it is worked out"]
    # By hand, from the CSV files read with plain pandas as a student would
    folder = bookhub_path()
    orders, campaigns = pd.read_csv(folder / "orders.csv"), pd.read_csv(folder / "campaigns.csv")
    talks = pd.read_csv(folder / "interactions.csv")
    revenue, spend = orders["revenue"].sum(), campaigns["spend"].sum()
    roas = orders.loc[orders["campaign_id"].notna(), "revenue"].sum() / spend
    won, lost = (talks["outcome"] == "won").sum(), (talks["outcome"] == "lost").sum()
    shown = campaigns.dropna(subset=["impressions", "clicks"])
    assert table.loc["ROAS", "value"] == f"{roas:.2f}x"
    assert table.loc["Revenue", "value"] == f"${revenue:,.2f}"
    assert table.loc["Orders", "value"] == f"{len(orders):,}"
    assert table.loc["Customer acquisition cost (CAC)", "value"] == f"${spend / orders['customer_id'].nunique():.2f}"
    assert table.loc["Win rate (all sales conversations)", "value"] == f"{won / (won + lost):.1%}"
    assert table.loc["Click-through rate", "value"] == f"{shown['clicks'].sum() / shown['impressions'].sum():.2%}"
    assert set(table["side"]) == {"marketing", "sales"}
    assert table.loc["Marketing spend", "side"] == "marketing"
    assert table.loc["Win rate (all sales conversations)", "side"] == "sales"
    # with gross_profit in orders.csv, the break-even ROAS comes from the margin actually earned
    assert s["gross_margin"] == pytest.approx(0.46, abs=0.01)
    assert table.loc["Break-even ROAS", "value"] == f"{1 / s['gross_margin']:.2f}x"
    assert table.loc["Gross margin", "value"] == f"{s['gross_margin']:.1%}"
    assert not section.figures
    assert section.summary == (
        f"The Book Hub took ${revenue:,.2f} in {len(orders):,} orders over all dates in the data, "
        f"and its marketing spent ${spend:,.2f} for a ROAS of {roas:.2f}x."
    )
    assert "Marketing ROI is worked out from the orders' gross profit." in section.notes
    # ROI rests on the credited orders' own margin, which is not the whole shop's: the note gives it and its break-even
    credited = orders[orders["campaign_id"].notna()]
    own = credited["gross_profit"].sum() / credited["revenue"].sum()
    assert own < s["gross_margin"] - 0.02
    assert (
        f"The orders credited to campaigns keep {own:.1%} of their revenue as gross profit, so the campaigns pay "
        f"for themselves above a ROAS of {1 / own:.2f}x; the break-even ROAS row uses the whole shop's margin."
    ) in section.notes


def test_kpi_table_shows_break_even_roas_with_a_margin(hub):
    table = S.kpi_table(hub, gross_margin=0.45).table
    assert table.loc["Break-even ROAS", "value"] == "2.22x"  # 1 / 0.45
    assert table.index.get_loc("Break-even ROAS") == table.index.get_loc("ROAS") + 1


def test_kpi_table_on_the_hand_computed_shop(hand):
    section = S.kpi_table(hand, currency="€")
    values = section.table["value"]
    assert values["Revenue"] == "€320.00"  # 100 + 50 + 30 + 20 + 80 + 40
    assert values["Orders"] == "6"
    assert values["Average order value"] == "€53.33"  # 320 / 6
    assert values["Marketing spend"] == "€97.00"  # 31 + 56 + 10
    assert values["Impressions"] == "3,000"  # S1 unknown
    assert values["Click-through rate"] == "5.00%"  # 50 / 1000: only E1 knows both
    assert values["Cost per lead"] == "€2.93"  # (31 + 10) / 14
    assert values["Customer acquisition cost (CAC)"] == "€32.33"  # 97 / 3
    assert values["Attributed revenue"] == "€160.00"  # O2 + O3 + O5
    assert values["ROAS"] == "1.65x"  # 160 / 97
    assert values["Marketing ROI"] == "-36.1%"  # (20 + 12 + 30 - 97) / 97
    assert values["Repeat purchase rate"] == "66.7%"  # C1 and C2 of C1, C2, C3
    assert values["Win rate (all sales conversations)"] == "66.7%"  # I1, I3 won; I2 lost; I4 open left out
    assert section.summary.startswith("Hand-computed shop took €320.00 in 6 orders over all dates in the data")


def test_kpi_table_for_a_period(hand):
    section = S.kpi_table(hand, start="2025-02-01", end="2025-03-05")
    values = section.table["value"]
    assert values["Revenue"] == "$130.00" and values["Orders"] == "3"  # O3, O4, O5
    assert values["Marketing spend"] == "$61.00"  # S1 56 + half of P1's 10
    assert values["New customers"] == "1"
    assert "from 2025-02-01 to 2025-03-05" in section.summary
    assert not any("every customer is new" in note for note in section.notes)


def test_kpi_table_uses_the_gross_margin_when_orders_have_no_gross_profit(tmp_path):
    shop = load_business(write_orders(copy_fixture(tmp_path, "campaigns", "interactions"), drop=["gross_profit"]))
    without = S.kpi_table(shop)
    assert without.table.loc["Marketing ROI", "value"] == "n/a"
    assert any("no gross_profit column" in note for note in without.notes)
    with_margin = S.kpi_table(shop, gross_margin=0.5)
    assert with_margin.table.loc["Marketing ROI", "value"] == "-17.5%"  # (160 × 0.5 - 97) / 97
    assert "Marketing ROI is worked out from a gross margin of 50.0%." in with_margin.notes


def test_sections_of_a_folder_with_no_orders_yet(tmp_path):
    copy_fixture(tmp_path, "campaigns", "funnel")
    business_folder(tmp_path, orders="order_id,order_date,customer_id,channel,revenue\n")
    shop = load_business(tmp_path, name="New shop")
    kpi, fun, mix, versus = sections_of(shop, gross_margin=0.4)
    assert kpi.summary == "New shop took $0.00 in 0 orders over all dates in the data, and its marketing spent $97.00."
    assert kpi.table.loc["Average order value", "value"] == "n/a"
    assert not any(note.startswith("Marketing ROI is worked out") for note in kpi.notes)  # ROI is n/a
    assert fun.table["count"].tolist() == ["1,500", "200", "9"]
    assert mix.summary == "There are no orders over all dates in the data, so there is no channel mix to show."
    assert (
        "campaigns cost $97.00, but which orders came through them is not known; the 2 with known reach made 3,000 "
        "impressions at $0.0137 each" in versus.summary
    )
    assert versus.table.loc[kpis.ONE_TO_MANY, "cost per order"] == "n/a"
    for section in (kpi, fun, mix, versus):
        section.close()


def test_kpi_table_with_orders_only(orders_only):
    section = S.kpi_table(orders_only)
    values = section.table["value"]
    marketing = section.table["side"] == "marketing"
    assert (values[marketing] == "n/a").all()
    assert values["Revenue"] == "$320.00" and values["Win rate (all sales conversations)"] == "n/a"
    assert "There is no campaigns.csv, so the marketing KPIs are n/a." in section.notes
    assert "There is no interactions.csv, so the win rate is n/a." in section.notes
    assert section.summary == "Orders only took $320.00 in 6 orders over all dates in the data."


def test_kpi_table_without_attribution(tmp_path):
    section = S.kpi_table(load_business(write_orders(copy_fixture(tmp_path, "campaigns"))))
    assert section.table.loc["ROAS", "value"] == "n/a"
    assert any(note.startswith("No order names a campaign") for note in section.notes)
    assert "ROAS" not in section.summary and "marketing spent $97.00" in section.summary


# ---------------------------------------------------------------------------------------------
# Funnel


def test_funnel_on_the_book_hub(hub):
    section = S.funnel(hub, handoff="engaged")
    expected = F.funnel_table(hub.funnel)
    pd.testing.assert_frame_equal(section.data["table"], expected)
    table = section.table
    assert table.index.tolist() == ["reach", "site visits", "sign-ups", "engaged", "purchase", "repeat purchase"]
    assert table["count"].tolist() == [f"{int(c):,}" for c in expected["count"]]
    assert table.loc["site visits", "from previous stage"] == "2.15%"
    assert section.data["warnings"] == []
    # reach is 47 times site visits: the chart starts one stage lower and a note says why
    assert len(section.notes) == 1 and "starts at site visits" in section.notes[0]
    assert len(section.figures) == 1 and len(section.figure.axes[0].patches) == 5
    assert "marketing owns site visits to sign-ups, sales from engaged" in plots.describe(section.figure)
    # "of the top" is measured from the chart's own top bar, site visits (it once said 0.0%, measured from reach)
    share = expected["count"].iloc[-1] / expected["count"].iloc[1]
    assert f"repeat purchase at the bottom ({share:.1%} of the top)" in plots.describe(section.figure)
    assert "biggest drop is from reach to site visits" in section.summary
    # the chart's own steepest step is only among its bars, and its description says so
    assert "the steepest step of those drawn (the chart leaves out reach, above them) is site visits to" in (
        plots.describe(section.figure)
    )
    section.close()
    # The e-commerce benchmark counts visitors who buy on the site; here every purchase went through two steps.
    noted = S.funnel(hub, benchmarks=True)
    assert noted.notes[-1].endswith(
        "the benchmark is 1.5%–3.0% (online-shop rule of thumb, no published survey). "
        "It counts visitors who buy on the site itself; "
        "in this funnel sign-ups and engaged come between, so the two do not compare."
    )
    noted.close()


def test_funnel_on_the_hand_computed_shop(hand):
    section = S.funnel(hand)
    table = section.table
    assert table.index.tolist() == ["reach", "visits", "purchase"]
    assert table["count"].tolist() == ["1,500", "200", "9"]  # 1000 + 500; 100 + 60 + 40; 4 + 2 + 3
    assert table["from previous stage"].tolist() == ["n/a", "13.3%", "4.50%"]  # 200 / 1500, 9 / 200
    assert table["from the top"].tolist() == ["100.0%", "13.3%", "0.60%"]  # 9 / 1500
    assert section.summary == (
        "The funnel starts with 1,500 at reach and ends with 9 at purchase (0.60% of the top); "
        "the biggest drop is from visits to purchase, where 4.50% carry on."
    )
    section.close()


def test_funnel_with_an_unknown_handoff_draws_without_it(hand):
    section = S.funnel(hand, handoff="engaged")
    assert any("There is no stage 'engaged'" in note and "reach, visits, purchase" in note for note in section.notes)
    assert "marketing owns" not in plots.describe(section.figure)
    section.close()


def test_funnel_for_a_period(hand):
    section = S.funnel(hand, start="2025-02-01", end="2025-02-28")
    assert section.table["count"].tolist() == ["500", "60", "2"]  # February only
    section.close()
    empty = S.funnel(hand, start="2026-01-01", end="2026-12-31")
    assert empty.summary == "funnel.csv has no rows from 2026-01-01 to 2026-12-31, so there is no funnel to show."
    assert empty.figures == []


def test_funnel_warns_about_a_stage_larger_than_the_one_above(tmp_path):
    shop = business_folder(write_orders(tmp_path), funnel="stage,count\nvisits,100\nsign-ups,150\npurchase,5\n")
    section = S.funnel(load_business(shop))
    assert section.table.loc["sign-ups", "from previous stage"] == "150.0%"
    assert len(section.notes) == 1 and section.notes[0].startswith("Data quality: Stage 'sign-ups' (150)")
    section.close()


def test_funnel_without_funnel_csv(orders_only):
    section = S.funnel(orders_only)
    assert "There is no funnel.csv in this folder" in section.summary
    assert section.tables == {} and section.figures == []


def test_a_one_stage_funnel(tmp_path):
    shop = business_folder(write_orders(tmp_path), funnel="stage,count\nvisits,100\nvisits,20\n")
    section = S.funnel(load_business(shop))
    assert section.summary == "The funnel has one stage, visits, with 120."
    section.close()


# ---------------------------------------------------------------------------------------------
# Channel mix


def test_channel_mix_on_the_hand_computed_shop(hand):
    section = S.channel_mix(hand)
    table = section.table
    assert table.index.tolist() == ["in-store", "website", "(unknown)"]
    assert table["revenue"].tolist() == ["$150.00", "$90.00", "$80.00"]
    assert table["share of revenue"].tolist() == ["46.9%", "28.1%", "25.0%"]  # 150, 90, 80 of 320
    assert section.data["share"].sum() == pytest.approx(1.0)
    assert section.data["by_month"].to_dict() == {"2025-01": 150.0, "2025-02": 50.0, "2025-03": 120.0}
    assert "'(unknown)' is the revenue of orders with a blank channel." in section.notes
    assert len(section.figures) == 2
    assert [plots.describe(f).split(":")[0].lower() for f in section.figures] == [
        "bar chart of hand-computed shop",
        "line chart of hand-computed shop",
    ]
    assert "the best month was 2025-01 ($150.00) and the quietest 2025-02 ($50.00)" in section.summary
    section.close()


def test_channel_mix_on_the_book_hub(hub):
    section = S.channel_mix(hub)
    pd.testing.assert_series_equal(section.data["by_channel"], kpis.revenue_by_channel(hub.orders))
    assert section.data["share"].sum() == pytest.approx(1.0)
    orders = pd.read_csv(bookhub_path() / "orders.csv")
    share = orders.loc[orders["channel"] == "in-store", "revenue"].sum() / orders["revenue"].sum()
    assert section.table.loc["in-store", "share of revenue"] == f"{share:.1%}"
    assert section.summary.startswith(f"The biggest channel over all dates in the data is in-store, with {share:.1%}")
    assert section.notes == []
    section.close()


def test_channel_mix_for_a_period_and_an_empty_one(hand):
    section = S.channel_mix(hand, start="2025-02-01", end="2025-03-05")
    assert section.table["revenue"].to_dict() == {"(unknown)": "$80.00", "in-store": "$50.00"}
    section.close()
    empty = S.channel_mix(hand, start="2024-01-01", end="2024-12-31")
    assert empty.summary == "There are no orders from 2024-01-01 to 2024-12-31, so there is no channel mix to show."


def test_channel_mix_with_one_channel_and_one_month(tmp_path):
    shop = business_folder(
        tmp_path, orders="order_id,order_date,customer_id,channel,revenue\n1,2025-03-01,,web,10\n2,2025-03-09,,web,30\n"
    )
    section = S.channel_mix(load_business(shop), currency="£")
    assert section.summary == "All the revenue over all dates in the data comes through one channel, web."
    assert section.table.loc["web", "revenue"] == "£40.00"
    section.close()


# ---------------------------------------------------------------------------------------------
# One-to-many vs one-to-one


def test_one_to_many_vs_one_to_one_on_the_hand_computed_shop(hand):
    section = S.one_to_many_vs_one_to_one(hand)
    table = section.table
    assert table.index.tolist() == [kpis.ONE_TO_MANY, kpis.ONE_TO_MANY_KNOWN, kpis.ONE_TO_ONE, kpis.ONE_TO_ONE_TIMED]
    many, known = table.loc[kpis.ONE_TO_MANY], table.loc[kpis.ONE_TO_MANY_KNOWN]
    assert (many["reach"], many["cost"], many["orders"]) == ("n/a", "$97.00", "3")  # S1's impressions are unknown
    assert many["cost per contact"] == many["orders per contact"] == "n/a"
    assert many["cost per order"] == "$32.33"  # 97 / 3 (O2, O3, O5)
    assert (known["campaigns or conversations"], known["reach"], known["cost"], known["orders"]) == (
        "2",
        "3,000",
        "$41.00",
        "2",
    )  # E1 and P1: 1000 + 2000 impressions, 31 + 10 spent, O2 and O5
    assert known["cost per contact"] == "$0.0137"  # 41 / 3000
    assert known["orders per contact"] == "0.067%"  # 2 / 3000
    assert known["cost per order"] == "$20.50"  # 41 / 2 = 0.0137 / 0.00067
    one, timed = table.loc[kpis.ONE_TO_ONE], table.loc[kpis.ONE_TO_ONE_TIMED]
    assert (one["reach"], one["cost"], one["orders"], one["orders per contact"]) == ("4", "n/a", "2", "50.0%")
    assert one["cost per order"] == "n/a"  # I3 (won) has no minutes: the cost of all four is unknown
    assert (timed["reach"], timed["cost"], timed["orders"]) == ("3", "$6.78", "1")  # I1, I2, I4: 30 minutes
    assert timed["cost per contact"] == "$2.26" and timed["orders per contact"] == "33.3%"
    assert timed["cost per order"] == "$6.78"  # only I1 is a timed win
    assert any(
        note.startswith("1 conversation has no minutes, so the conversations' cost is n/a") for note in section.notes
    )
    assert any(note.startswith("1 campaign has no impressions") for note in section.notes)
    assert plots.describe(section.figure).endswith("marketing is highest at $32.33; sales is lowest at $6.78.")
    section.close()


def test_staff_hourly_cost_changes_only_one_to_one(hand):
    section = S.one_to_many_vs_one_to_one(hand, staff_hourly_cost=20)
    assert section.table.loc[kpis.ONE_TO_ONE_TIMED, "cost"] == "$10.00"  # 30 minutes at $20 an hour
    assert section.table.loc[kpis.ONE_TO_ONE_TIMED, "cost per order"] == "$10.00"  # 30 timed minutes / 1 timed win
    assert section.table.loc[kpis.ONE_TO_MANY, "cost"] == "$97.00"
    assert any("at $20.00 an hour" in note for note in section.notes)
    section.close()


def test_one_to_many_vs_one_to_one_on_the_book_hub(hub):
    section = S.one_to_many_vs_one_to_one(hub)
    raw = kpis.one_to_many_vs_one_to_one(hub.campaigns, hub.interactions, hub.orders)
    pd.testing.assert_frame_equal(section.data["table"], raw)
    assert section.table["cost per order"].tolist() == ["$14.93", "$28.73", "$4.35"]
    assert "4,131 conversations cost $2.19 each and won 2,076 orders at $4.35 an order" in section.summary
    assert (
        "campaigns cost $19,309.54 and were credited with 1,293 orders at $14.93 an order; the 88 with known reach"
        in section.summary
    )
    for name, row in raw.dropna().iterrows():  # each complete row: cost per contact ÷ conversion = cost per order
        assert row["cost_per_contact"] / row["conversion_per_contact"] == pytest.approx(row["cost_per_order"]), name
    section.close()


def test_one_to_many_vs_one_to_one_for_a_period(hand):
    section = S.one_to_many_vs_one_to_one(hand, start="2025-02-01", end="2025-03-05")
    assert section.table.loc[kpis.ONE_TO_MANY, "cost"] == "$61.00"  # S1 + half of P1, pro-rated
    assert section.table.loc[kpis.ONE_TO_ONE, "reach"] == "2"  # I2, I3
    assert any("pro-rated" in note for note in section.notes)
    section.close()


def test_one_to_many_vs_one_to_one_with_campaigns_only(tmp_path):
    shop = load_business(copy_fixture(tmp_path, "orders", "campaigns"))
    section = S.one_to_many_vs_one_to_one(shop)
    assert (section.table.loc[kpis.ONE_TO_ONE] == "n/a").all()
    assert "there is no interactions.csv, so the one-to-one row is n/a" in section.summary
    assert plots.describe(section.figure).endswith("one bar, marketing, at $32.33.")
    section.close()


def test_one_to_many_vs_one_to_one_with_orders_only(orders_only):
    section = S.one_to_many_vs_one_to_one(orders_only)
    assert "There is no campaigns.csv and no interactions.csv" in section.summary
    assert section.tables == {} and section.figures == []


# ---------------------------------------------------------------------------------------------
# Showing


def test_show_outside_a_notebook_prints_text_and_closes_figures(hand, capsys):
    section = S.funnel(hand)
    assert plt.get_fignums()
    section.show()
    out = capsys.readouterr().out
    assert out.startswith(f"{S.FUNNEL_TITLE}\n{section.summary}\n")
    assert "funnel chart of hand-computed shop: funnel" in out.lower()
    assert not plt.get_fignums()


@pytest.mark.parametrize("which", ["hub", "hand", "orders_only"])
def test_all_sections_show_without_error(which, request, capsys):
    business = request.getfixturevalue(which)
    shown = sections_of(business, gross_margin=0.45, staff_hourly_cost=15)
    for section in shown:
        assert section.summary.endswith(".")
        assert repr(section).startswith(f"Section({section.title!r}")
        section.show()
    out = capsys.readouterr().out
    assert all(section.summary in out for section in shown)


def test_show_in_a_notebook_displays_markdown_tables_and_described_figures(hand, monkeypatch, capsys):
    shown = []
    monkeypatch.setattr("smk_helpers.reports.sections.base.in_jupyter", lambda: True)
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    S.channel_mix(hand).show()
    markdown = [obj.data for obj in shown if type(obj).__name__ == "Markdown"]
    assert markdown[0].startswith(f"**{S.MIX_TITLE}**")
    assert any(isinstance(obj, pd.DataFrame) for obj in shown)
    out = capsys.readouterr().out.lower()  # plots.show prints each figure's description under it
    assert "bar chart of hand-computed shop: revenue by channel" in out
    assert "line chart of hand-computed shop: revenue by month" in out
    assert not plt.get_fignums()


# ---------------------------------------------------------------------------------------------
# The report's sections


YEAR = {"start": "2025-01-01", "end": "2025-12-31"}


def test_sales_tables_add_up_to_the_summary(hub):
    section = S.sales(hub, **YEAR)
    s = kpis.summary(hub, **YEAR)
    by_channel, by_month = section.raw_tables["sales_by_channel"], section.raw_tables["sales_by_month"]
    assert by_channel["revenue"].sum() == pytest.approx(s["revenue"])
    assert by_month["orders"].sum() == s["orders"] and by_channel["share"].sum() == pytest.approx(1.0)
    people = section.raw_tables["conversations_by_staff"]
    assert people["won"].sum() / (people["won"].sum() + people["lost"].sum()) == pytest.approx(s["win_rate"])
    assert list(section.tables) == ["By channel", "By month", "By person"] and len(section.figures) == 2
    section.close()


def test_marketing_channels_are_ratios_of_their_sums(hub):
    section = S.marketing(hub, **YEAR)
    section.close()
    s = kpis.summary(hub, **YEAR)
    channels, campaigns = section.raw_tables["marketing_by_channel"], section.raw_tables["campaigns"]
    assert channels["spend"].sum() == pytest.approx(s["marketing_spend"])
    assert campaigns["attributed_revenue"].sum() == pytest.approx(s["attributed_revenue"])
    social = channels.set_index("channel").loc["social"]
    rows = campaigns[campaigns["channel"] == "social"]
    assert social["roas"] == pytest.approx(rows["attributed_revenue"].sum() / rows["spend"].sum())  # not a mean
    assert social["roas"] != pytest.approx(rows["roas"].mean())
    assert "ran before the period but brought orders in it" in " ".join(section.notes)  # December 2024's


def test_handoff_counts_the_conversations_that_name_a_campaign(hub):
    section = S.handoff(hub, **YEAR, stage="engaged")
    talks = hub.interactions[kpis.in_period(hub.interactions["date"], **YEAR)]
    table = section.raw_tables["handoff_by_channel"]
    assert table["conversations"].sum() == talks["campaign_id"].notna().sum()
    assert "reached engaged, the first stage sales owns" in section.summary
    section.close()
    other = S.handoff(hub, **YEAR, stage="lead")
    assert "There is no stage 'lead'" in " ".join(other.notes)
    other.close()


def test_data_quality_names_the_anonymous_orders(hub):
    orders = hub.orders[kpis.in_period(hub.orders["order_date"], **YEAR)]
    notes = S.data_quality(hub, **YEAR, assumptions=["An assumption."]).notes
    assert f"{orders['customer_id'].isna().sum():,} orders" in notes[0]
    assert notes[-1] == "An assumption."


def test_glossary_quotes_every_formula_from_its_docstring():
    table = S.glossary().table
    assert len(table) == len(S.GLOSSARY)
    for term, func in S.GLOSSARY:
        assert table.loc[term, "formula"] == kpis.formula(func).replace("``", "")


def test_section_html_escapes_and_inlines(hub):
    section = S.sales(hub.__class__(**{**hub.__dict__, "name": "<i>Shop</i>"}), **YEAR)
    page = section.html()
    assert "<i>Shop</i>" not in page and "&lt;i&gt;Shop&lt;/i&gt;" in page
    assert page.count('<img src="data:image/png;base64,') == 2
    section.close()


def test_section_html_has_no_side_effects(hand):
    """Rendering twice gives the same page, figures included; closing them is the caller's job."""
    section = S.channel_mix(hand)
    figures = list(section.figures)
    first = section.html()
    assert first.count('<img src="data:image/png;base64,') == 2
    assert section.html() == first
    assert section.figures == figures and all(plt.fignum_exists(fig.number) for fig in figures)
    section.close()
    assert not plt.get_fignums()


SECTION_KEYS = {
    "headline_kpis": lambda b: S.kpi_table(b),
    "funnel": lambda b: S.funnel(b),
    "channel_mix": lambda b: S.channel_mix(b),
    "one_to_many_vs_one_to_one": lambda b: S.one_to_many_vs_one_to_one(b),
    "sales": lambda b: S.sales(b),
    "marketing": lambda b: S.marketing(b),
    "handoff": lambda b: S.handoff(b, stage="engaged"),
    "data_quality": lambda b: S.data_quality(b),
}


@pytest.mark.parametrize("key", SECTION_KEYS)
def test_every_section_has_a_stable_key_shown_or_not(key, hub):
    shown = closed(SECTION_KEYS[key](hub))
    assert shown.key == key
    assert SECTION_KEYS[key](None).key == key  # no data: the same key
    assert closed(SECTION_KEYS[key](hub.__class__(**{**hub.__dict__, "name": "Other"}))).key == key


def test_keys_of_the_other_sections(hub):
    from smk_helpers.worksheet import bookhub_example

    assert S.glossary().key == "glossary"
    assert S.owner_plan(bookhub_example()).key == "owner_plan"
    assert S.kpi_table(hub, gross_margin=45).key == "headline_kpis"  # blocked by a bad parameter
    assert S.funnel(hub, start="not a date").key == "funnel"
    assert [s.key for s in S.all_sections(None)] == [
        "headline_kpis",
        "funnel",
        "channel_mix",
        "one_to_many_vs_one_to_one",
    ]


def test_report_metrics_find_the_headline_section_by_key_not_title(hub):
    """A retitled headline section is still the one metrics.json takes its numbers from."""
    import dataclasses

    from smk_helpers.reports.notebook import ReportRun

    head = S.kpi_table(hub, **YEAR, compare=True)
    assert head.data["previous"] is not None
    renamed = dataclasses.replace(head, title="The numbers that matter most")
    run = ReportRun(params={"gross_margin": None}, business=hub, answers=None, **YEAR, shown=[renamed])
    metrics = run.metrics()
    assert metrics["previous"] == head.data["previous"]
    pd.testing.assert_frame_equal(
        pd.DataFrame(metrics["tables"]["headline_kpis"]), head.raw_tables["headline_kpis"].reset_index(drop=True)
    )


def test_the_book_hub_a_lesson_edits_is_its_own_copy_not_the_exercise_checks():
    """Lesson 10's `shop`: a student who changes it in place must not change what the checks compare against."""
    from smk_helpers.course.grading import bookhub

    shop = S.open_business("")
    shop.orders["revenue"] = 0.0
    assert bookhub().orders["revenue"].sum() > 0
