"""The KPI-mistake demonstrations (lessons 06 and 07): wrong and right numbers, hand-computed."""

import math
import re

import pandas as pd
import pytest

from smk_helpers.core import kpis
from smk_helpers.course import mistakes as M


def campaigns(**columns):
    base = {
        "start_date": pd.to_datetime(["2025-03-01"]),
        "end_date": pd.to_datetime(["2025-03-31"]),
        "spend": [100.0],
        "impressions": [None],
        "clicks": [None],
        "leads": [None],
    }
    base.update(columns)
    return pd.DataFrame(base)


def test_demo_formats_each_kind_and_shows_infinity_as_inf():
    assert M.Demo("m", 1234.5, 2, "a", "b", "money").show(1234.5) == "$1,234.50"
    assert M.Demo("m", 0.25, 0.5, "a", "b", "percent").show(0.25) == "25.0%"
    assert M.Demo("m", 2.5, 3, "a", "b", "ratio", digits=2).show(2.5) == "2.50x"
    assert M.Demo("m", 5193, 3854, "a", "b", "number", digits=0).show(5193) == "5,193"
    demo = M.Demo("m", math.inf, math.nan, "a", "b", "percent")
    assert demo.frame()["value"].tolist() == ["inf", "n/a"]
    with pytest.raises(ValueError, match="kind"):
        M.Demo("m", 1, 2, "a", "b", "euros")


def test_demo_table_puts_one_mistake_per_row():
    demos = [M.Demo("one", 0.1, 0.2, "a", "b", "percent"), M.Demo("two", 10, 20, "a", "b", "money")]
    table = M.demo_table(demos)
    assert table.index.tolist() == ["one", "two"]
    assert table.loc["two"].tolist() == ["$10.00", "$20.00"]


def test_zero_denominator_wrong_is_zero_or_infinity_right_is_nan():
    zero_by_zero = M.zero_denominator(0, 0)
    assert zero_by_zero.wrong == 0.0 and math.isnan(zero_by_zero.right)
    some_by_zero = M.zero_denominator(3, 0)
    assert math.isinf(some_by_zero.wrong) and math.isnan(some_by_zero.right)
    fine = M.zero_denominator(1, 4)
    assert fine.wrong == fine.right == 0.25


def test_mean_of_ratios_against_ratio_of_sums():
    table = pd.DataFrame(
        {
            "spend": [10.0, 300.0, 5.0],
            "impressions": [100.0, 10000.0, None],
            "clicks": [10.0, 100.0, None],
            "leads": [None, None, None],
        }
    )
    demo = M.mean_of_ratios(table)
    assert demo.wrong == pytest.approx((0.10 + 0.01) / 2)
    assert demo.right == pytest.approx(110 / 10100)
    assert "2 campaigns" in demo.wrong_how  # the campaign with unknown impressions is left out


def test_simpson_example_is_better_in_every_group_and_worse_overall():
    rates = M.simpson_example()["win_rate"]
    for kind in ("special orders", "recommendations"):
        assert rates["A", kind] > rates["B", kind]
    assert rates["A", "both"] < rates["B", "both"]
    assert rates["A", "both"] == pytest.approx(75 / 150)


def test_different_periods_divides_one_periods_spend_by_anothers_customers():
    orders = pd.DataFrame(
        {
            "customer_id": ["C1", "C2", "C3", "C4", "C1"],
            "order_date": pd.to_datetime(["2025-01-10", "2025-02-10", "2025-03-10", "2025-03-20", "2025-03-25"]),
        }
    )
    demo = M.different_periods(orders, campaigns(), "2025-03-01", "2025-03-31", None, None)
    assert demo.wrong == pytest.approx(100 / 4)
    assert demo.right == pytest.approx(100 / 2)
    assert "all the data" in demo.wrong_how
    march_only = M.different_periods(orders, campaigns(), "2025-03-01", "2025-03-31", "2025-03-01", "2025-03-31")
    assert march_only.wrong == march_only.right


def test_sessions_vs_users_counts_orders_against_customers_in_the_period():
    orders = pd.DataFrame(
        {
            "customer_id": ["C1", "C1", "C1", "C2", None, ""],
            "order_date": pd.to_datetime(["2025-03-01"] * 5 + ["2025-04-01"]),
        }
    )
    demo = M.sessions_vs_users(orders, "2025-03-01", "2025-03-31")
    assert (demo.wrong, demo.right) == (4, 2)


def test_percent_vs_points():
    demo = M.percent_vs_points(0.02, 0.03)
    assert demo.wrong == pytest.approx(0.01)
    assert demo.right == pytest.approx(0.5)
    assert math.isnan(M.percent_vs_points(0.0, 0.03).right)


def test_percent_vs_points_shows_the_gap_in_points_and_the_relative_change_both_as_right():
    frame = M.percent_vs_points(0.02, 0.03).frame()
    assert frame.index.tolist() == ["wrong", "right", "right"]
    assert frame["value"].tolist() == ["+1.00%", "+1.00 pp", "+50.00% relative"]


def test_clv_in_revenue_is_the_clv_divided_by_the_margin():
    demo = M.clv_revenue_vs_margin(aov=40, purchases_per_year=2, years=3, gross_margin=0.45)
    assert demo.wrong == pytest.approx(240.0)
    assert demo.right == pytest.approx(108.0)


def test_roas_as_profit_against_roi():
    orders = pd.DataFrame(
        {
            "campaign_id": ["E1", "E1", None],
            "revenue": [200.0, 100.0, 50.0],
            "gross_profit": [90.0, 45.0, 20.0],
            "order_date": pd.to_datetime(["2025-03-05", "2025-03-06", "2025-03-07"]),
        }
    )
    demo = M.roas_as_profit(orders, campaigns(), "2025-03-01", "2025-03-31")
    assert demo.wrong == pytest.approx(300 / 100 - 1)
    assert demo.right == pytest.approx((135 - 100) / 100)


def test_double_counting_adds_both_claims_but_the_truth_counts_each_order_once():
    orders = pd.DataFrame(
        {
            "order_id": ["1", "2", "3", "4"],
            "campaign_id": ["E1", "E1", None, None],
            "revenue": [40.0, 30.0, 20.0, 10.0],
            "order_date": pd.to_datetime(["2025-03-01"] * 3 + ["2025-05-01"]),
        }
    )
    interactions = pd.DataFrame(
        {
            "staff": ["Maya", "Tom", "Tom", "Sam"],
            "outcome": ["won", "won", "lost", "won"],
            "order_id": ["2", "3", "1", "4"],
        }
    )
    demo = M.double_counting(orders, interactions, "2025-03-01", "2025-03-31")
    # marketing claims orders 1 and 2; sales orders 2 and 3 (a lost conversation claims nothing)
    assert demo.wrong == pytest.approx(70 + 50)
    assert demo.right == pytest.approx(90)  # orders 1, 2, 3 once each; order 4 is outside the period


def test_open_deals_in_the_denominator():
    interactions = pd.DataFrame(
        {
            "outcome": ["won", "won", "won", "lost", "open", "open"],
            "date": pd.to_datetime(["2025-03-01"] * 5 + ["2025-06-01"]),
        }
    )
    demo = M.open_deals(interactions, "2025-03-01", "2025-03-31")
    assert demo.wrong == pytest.approx(3 / 5)
    assert demo.right == pytest.approx(3 / 4)
    assert "3 won / 4 decided" in demo.right_how


def test_all_demos_on_the_book_hub_match_the_kpi_library(hub):
    demos = M.all_demos(hub, "2025-01-01", "2025-12-31")
    assert [d.mistake for d in demos] == [
        "stage rate with a zero denominator",
        "CTR as a mean of ratios",
        "CAC from two different periods",
        "customers counted as visits",
        "change in CTR: percent vs points",
        "CLV in revenue instead of margin",
        "ROAS read as profit",
        "attribution double counting",
        "open deals in the win rate",
    ]
    year = kpis.summary(hub, "2025-01-01", "2025-12-31")
    by_name = {d.mistake: d for d in demos}
    assert math.isnan(by_name["stage rate with a zero denominator"].right)
    assert by_name["CTR as a mean of ratios"].right == pytest.approx(year["ctr"])
    assert by_name["CAC from two different periods"].right == pytest.approx(year["cac"])
    assert by_name["customers counted as visits"].right == year["customers"]
    assert by_name["ROAS read as profit"].right == pytest.approx(year["marketing_roi"])
    assert by_name["ROAS read as profit"].wrong == pytest.approx(year["roas"] - 1)
    assert by_name["open deals in the win rate"].right == pytest.approx(year["win_rate"])
    double = by_name["attribution double counting"]
    assert year["attributed_revenue"] < double.right < double.wrong <= year["revenue"] * 2
    assert all(d.wrong != d.right for d in demos)
    # The table says which rows each mistake is worked out over: not always the slice a lesson showed it on.
    table = M.demo_table(demos)
    assert table.columns.tolist() == ["wrong", "right", "over"] and table["over"].str.len().gt(0).all()
    assert table.loc["change in CTR: percent vs points", "over"] == (
        "the period's CTR against the same dates a year earlier"
    )
    assert table.loc["open deals in the win rate", "over"] == "every conversation of the period"
    empty = table.loc["stage rate with a zero denominator", "over"]
    assert re.fullmatch(r"(email|search|social) funnel, 2025-\d\d: [a-z ]+ / [a-z -]+", empty), empty


# ------------------------------------------------------------------------------------- exercises 06.x and 07.1


def test_exercise_06_1_social_ctr_is_a_ratio_of_sums():
    from smk_helpers.course.exercises import check
    from smk_helpers.course.grading import bookhub

    c = bookhub().campaigns
    social = c[(c["channel"] == "social") & (c["start_date"].dt.year == 2025)]
    assert check("06.1", social["clicks"].sum() / social["impressions"].sum()).passed
    assert "mean" in check("06.1", (social["clicks"] / social["impressions"]).mean()).message


def test_exercise_06_2_q4_cac_takes_both_parts_from_the_quarter():
    from smk_helpers.course.exercises import check
    from smk_helpers.course.grading import bookhub

    hub = bookhub()
    c = hub.campaigns
    spend = c.loc[c["start_date"] >= "2025-10-01", "spend"].sum()  # campaigns run inside one month
    first = hub.orders.dropna(subset=["customer_id"]).groupby("customer_id")["order_date"].min()
    new_q4 = ((first >= "2025-10-01") & (first <= "2025-12-31")).sum()
    new_year = ((first >= "2025-01-01") & (first <= "2025-12-31")).sum()
    assert check("06.2", spend / new_q4).passed
    assert "whole year's new customers" in check("06.2", spend / new_year).message


def test_exercise_06_3_email_roi_uses_gross_profit():
    from smk_helpers.course.exercises import check
    from smk_helpers.course.grading import bookhub

    hub = bookhub()
    c = hub.campaigns
    email = c[(c["channel"] == "email") & (c["start_date"].dt.year == 2025)]
    credited = hub.orders[hub.orders["campaign_id"].isin(email["campaign_id"])]
    spend = email["spend"].sum()
    assert check("06.3", (credited["gross_profit"].sum() - spend) / spend).passed
    assert "ROAS" in check("06.3", credited["revenue"].sum() / spend).message
    assert "revenue" in check("06.3", (credited["revenue"].sum() - spend) / spend).message


def test_exercise_07_1_leaves_open_special_orders_out():
    from smk_helpers.course.exercises import check
    from smk_helpers.course.grading import bookhub

    i = bookhub().interactions
    late = i[(i["date"] >= "2025-12-15") & (i["type"] == "special order")]
    won, lost, still_open = ((late["outcome"] == o).sum() for o in ("won", "lost", "open"))
    assert still_open > 0
    assert check("07.1", won / (won + lost)).passed
    assert "open" in check("07.1", won / (won + lost + still_open)).message
    dec = i[(i["date"] >= "2025-12-01") & (i["type"] == "special order")]
    assert (
        "whole of December"
        in check("07.1", (dec["outcome"] == "won").sum() / dec["outcome"].isin(["won", "lost"]).sum()).message
    )
    assert check("07.1", [1, 2]).status == "wrong"


def test_exercise_07_2_repeat_rate_counts_customers_in_the_window():
    from smk_helpers.course.exercises import check
    from smk_helpers.course.grading import bookhub

    orders = bookhub().orders
    known = orders.dropna(subset=["customer_id"])
    second_half = known[(known["order_date"] >= "2025-07-01") & (known["order_date"] <= "2025-12-31")]
    per_customer = second_half.groupby("customer_id").size()
    assert check("07.2", (per_customer >= 2).mean()).passed
    year = known[known["order_date"].dt.year == 2025].groupby("customer_id").size()
    assert "whole of 2025" in check("07.2", (year >= 2).mean()).message
    assert "both years" in check("07.2", (known.groupby("customer_id").size() >= 2).mean()).message
    assert "number of customers" in check("07.2", int((per_customer >= 2).sum())).message
    orders_share = per_customer[per_customer >= 2].sum() / per_customer.sum()
    assert "not orders" in check("07.2", orders_share).message
    assert "percentage" in check("07.2", 100 * (per_customer >= 2).mean()).message


def test_lesson_06_zero_denominator_month_really_had_no_email_purchase(repo):
    """The lesson's example must show the mistake on the Book Hub's data, whatever the data's next re-make."""
    import re

    from helpers import code_cells, read_notebook
    from smk_helpers.core import funnel
    from smk_helpers.course.grading import bookhub

    cell = next(
        c
        for c in code_cells(read_notebook(repo / "notebooks" / "06_marketing_kpis.ipynb"))
        if "zero_denominator" in c.source
    )
    month = re.search(r'"period"\] == "(\d{4}-\d{2})"', cell.source).group(1)
    hub = bookhub()
    rows = hub.funnel[(hub.funnel["period"] == month) & (hub.funnel["source"] == "email")]
    counts = funnel.funnel_table(rows).set_index("stage")["count"]
    assert counts["purchase"] == 0 and counts["sign-ups"] > 0
