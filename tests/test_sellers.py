"""Each seller's results (smk_helpers.core.sellers): kpis.py's KPIs side by side, and where one person falls short."""

import math

import pandas as pd
import pytest

from smk_helpers.core import kpis, sellers
from smk_helpers.course.approaches import load_staff
from smk_helpers.course.grading import bookhub

YEAR = ("2025-01-01", "2025-12-31")


@pytest.fixture(scope="module")
def year():
    hub = bookhub()
    return sellers.seller_table(hub.orders, hub.interactions, hub.targets, load_staff(), *YEAR)


def test_the_book_hubs_year_holds_every_conversation_and_the_kpis_of_kpis_py(year):
    hub = bookhub()
    talks = hub.interactions[kpis.in_period(hub.interactions["date"], *YEAR)]
    assert list(year.columns) == list(sellers.COLUMNS)
    assert year.index.tolist() == sorted(load_staff()["staff"])
    assert year["conversations"].sum() == len(talks)
    counts = kpis.outcome_counts(talks, by="staff")
    assert (year[["won", "lost", "open"]] == counts[["won", "lost", "open"]]).all().all()
    assert year["win_rate"].round(12).equals(kpis.win_rate(counts["won"], counts["lost"]).round(12))
    assert year["hours"].round(9).equals((talks.groupby("staff")["minutes"].sum() / 60).round(9))


def test_revenue_won_and_attainment_are_kpis_py_s_credited_revenue_over_the_targets(year):
    hub = bookhub()
    credited = kpis.staff_revenue(hub.orders, hub.interactions)
    credited = credited[credited["period"].str.startswith("2025")].groupby("staff")["revenue"].sum()
    assert year["revenue_won"].round(2).to_dict() == credited.round(2).to_dict()
    person = hub.targets[hub.targets["staff"].notna() & hub.targets["period"].str.startswith("2025")]
    targets = person.groupby("staff")["target"].sum()
    assert year["target"].to_dict() == targets.to_dict()
    # a ratio of sums over the year, not the mean of the twelve monthly attainments
    quota = kpis.quota_attainment(hub.orders, person, hub.interactions)
    mean_of_months = quota.groupby("staff")["attainment"].mean()
    assert (year["attainment"] - credited / targets).abs().max() < 1e-12
    assert (year["attainment"] - mean_of_months).abs().max() > 0.001
    assert (year["target_months"] == 12).all()
    on_target = (quota["attainment"] >= 1).groupby(quota["staff"]).sum()
    assert year["months_on_target"].to_dict() == on_target.astype(float).to_dict()


def test_paid_hours_are_the_contracted_hours_of_the_period(year):
    staff = load_staff().set_index("staff")
    assert year["paid_hours"].round(6).to_dict() == (staff["hours_per_week"] * 365 / 7).round(6).to_dict()
    assert year.loc["Sam", "conversations_per_paid_hour"] == pytest.approx(
        year.loc["Sam", "conversations"] / year.loc["Sam", "paid_hours"]
    )


def test_the_book_hub_2025_one_bookseller_misses_the_target(year):
    assert (year["attainment"] < 1).sum() == 1
    assert year["attainment"].idxmin() == "Sam"
    assert year["revenue_per_win"].round(9).equals((year["revenue_won"] / year["won"]).round(9))


def test_a_person_with_a_target_but_no_conversation_has_zero_revenue_and_nothing_to_divide():
    orders = pd.DataFrame({"order_id": ["1"], "order_date": pd.to_datetime(["2025-03-02"]), "revenue": [50.0]})
    talks = pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-03-02"]),
            "staff": ["Ann"],
            "outcome": ["won"],
            "order_id": ["1"],
            "minutes": [15.0],
        }
    )
    targets = pd.DataFrame({"period": ["2025-03", "2025-03"], "target": [100.0, 80.0], "staff": ["Ann", "Cy"]})
    table = sellers.seller_table(orders, talks, targets, start="2025-03-01", end="2025-03-31")
    assert table.index.tolist() == ["Ann", "Cy"]
    assert table.loc["Cy", ["conversations", "won", "revenue_won", "attainment"]].tolist() == [0, 0, 0.0, 0.0]
    assert math.isnan(table.loc["Cy", "win_rate"]) and math.isnan(table.loc["Cy", "revenue_per_win"])
    assert table.loc["Ann", "attainment"] == 0.5
    assert table["paid_hours"].isna().all()  # no staff table: paid hours are unknown, not 0


def test_without_targets_or_staff_those_columns_are_unknown():
    table = sellers.seller_table(sellers.EXAMPLE_ORDERS, sellers.EXAMPLE_TALKS)
    assert table[["target", "attainment", "paid_hours", "conversations_per_paid_hour"]].isna().all().all()
    assert table["conversations"].tolist() == [3, 1]


def test_no_conversation_and_no_period_gives_a_table_of_unknowns_not_an_error():
    no_talks = sellers.EXAMPLE_TALKS.iloc[0:0]
    table = sellers.seller_table(sellers.EXAMPLE_ORDERS, no_talks, sellers.EXAMPLE_TARGETS, sellers.EXAMPLE_STAFF)
    assert table.index.tolist() == ["Ann", "Bo"]
    assert (table["conversations"] == 0).all() and table["paid_hours"].isna().all()
    assert table["target"].tolist() == [200.0, 240.0]  # no period: every month with a target


def test_the_period_chooses_the_conversations_and_the_months():
    args = (sellers.EXAMPLE_ORDERS, sellers.EXAMPLE_TALKS, sellers.EXAMPLE_TARGETS, sellers.EXAMPLE_STAFF)
    early = sellers.seller_table(*args, "2025-03-01", "2025-03-10")
    assert early.loc["Ann", "conversations"] == 2 and early.loc["Bo", "conversations"] == 0
    assert early.loc["Ann", "paid_hours"] == pytest.approx(10 * 10 / 7)
    april = sellers.seller_table(*args, "2025-04-01", "2025-04-30")
    assert april["conversations"].sum() == 0 and april["revenue_won"].sum() == 0
    assert april["target"].isna().all()  # no target row for April


def test_drivers_compare_with_the_others_as_a_ratio_of_their_sums(year):
    gap = sellers.drivers(year, "Sam")
    assert gap.index.tolist() == list(sellers.DRIVERS)
    others = year.drop(index="Sam")
    conversations_per_hour = others["conversations"].sum() / others["paid_hours"].sum()
    assert gap["conversations_per_paid_hour"] == pytest.approx(
        year.loc["Sam", "conversations_per_paid_hour"] / conversations_per_hour
    )
    revenue_per_win = others["revenue_won"].sum() / others["won"].sum()
    assert gap["revenue_per_win"] == pytest.approx(year.loc["Sam", "revenue_per_win"] / revenue_per_win)
    assert gap["revenue_per_win"] != pytest.approx(
        year.loc["Sam", "revenue_per_win"] / others["revenue_per_win"].mean()
    )
    assert gap.idxmin() == "revenue_per_win"  # Sam's wins are the small sales (lesson 08, exercise 08.3)


def test_drivers_multiply_to_revenue_per_paid_hour_when_nothing_is_open():
    table = sellers.seller_table(
        sellers.EXAMPLE_ORDERS,
        sellers.EXAMPLE_TALKS[sellers.EXAMPLE_TALKS["outcome"] != "open"],
        staff=sellers.EXAMPLE_STAFF,
        start="2025-03-01",
        end="2025-03-28",
    )
    gap = sellers.drivers(table, "Ann")
    per_hour = table["revenue_won"] / table["paid_hours"]
    assert gap.prod() == pytest.approx(per_hour["Ann"] / per_hour["Bo"])


def test_drivers_against_chosen_people_and_an_unknown_name(year):
    against_tom = sellers.drivers(year, "Sam", others=["Tom"])
    assert against_tom["win_rate"] == pytest.approx(year.loc["Sam", "win_rate"] / year.loc["Tom", "win_rate"])
    with pytest.raises(KeyError, match="Maya"):
        sellers.drivers(year, "Samantha")


def test_readable_names_and_formats_the_columns(year):
    shown = sellers.readable(year[["win_rate", "conversations_per_paid_hour", "revenue_won", "attainment"]])
    assert shown.columns.tolist() == ["Win rate", "Conversations per paid hour", "Revenue won", "Attainment"]
    assert shown.loc["Sam", "Win rate"].endswith("%") and shown.loc["Sam", "Revenue won"].startswith("$")
    assert shown.loc["Sam", "Conversations per paid hour"] == f"{year.loc['Sam', 'conversations_per_paid_hour']:.2f}"


def test_northway_works_the_same_way():
    from smk_helpers import load_example

    north = load_example("northway")
    table = sellers.seller_table(north.orders, north.interactions, north.targets, load_staff(north.path), *YEAR)
    assert set(table.index) == set(load_staff(north.path)["staff"])
    assert (table["revenue_per_win"] > 1000).all()  # B2B: each win is worth thousands
    assert table["conversations"].sum() == kpis.in_period(north.interactions["date"], *YEAR).sum()


def test_who_handles_shares_out_each_kind_of_conversation_and_leaves_out_the_unassigned():
    from smk_helpers import load_example

    north = sellers.who_handles(load_example("northway").interactions)
    assert north.sum().round(9).eq(1).all()
    assert north.loc["Ben", "reorder call"] == 1 and north.loc["Ruth", "tender"] == 1  # a team split by buyer
    talks = sellers.EXAMPLE_TALKS.assign(type=["call", "call", "visit", None], staff=["Ann", None, "Bo", "Bo"])
    shares = sellers.who_handles(talks)
    assert shares.to_dict() == {"call": {"Ann": 1.0, "Bo": 0.0}, "visit": {"Ann": 0.0, "Bo": 1.0}}
    assert set(sellers.TEAM_SPLITS) == {"region", "product", "customer type"}
