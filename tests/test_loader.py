"""The loader accepts what real exports look like and rejects the rest with a precise message."""

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import business_folder, loader_problems
from smk_helpers import load_business
from smk_helpers.core.data import parse_numbers

HEADER = "order_id,order_date,customer_id,channel,revenue\n"


# --- accepted variants -------------------------------------------------------------------------


def test_plain_utf8_file_is_typed(tmp_path):
    b = load_business(
        business_folder(tmp_path, orders=HEADER + "1,2025-03-14,C1,in-store,48.50\n2,2025-03-15,,website,12\n")
    )
    o = b.orders
    assert o["order_id"].tolist() == ["1", "2"]
    assert o["order_date"].dt.strftime("%Y-%m-%d").tolist() == ["2025-03-14", "2025-03-15"]
    assert o["revenue"].tolist() == [48.5, 12.0]
    assert o["customer_id"].isna().tolist() == [False, True]
    assert b.campaigns is None and b.funnel is None and b.interactions is None and b.targets is None
    assert b.name == tmp_path.name


def test_bom_crlf_and_whitespace(tmp_path):
    text = "\ufeff order_id , order_date ,customer_id,channel,revenue\r\n 7 , 2025-01-02 , C9 , Shop ,  10.00 \r\n"
    o = load_business(business_folder(tmp_path, orders=text)).orders
    assert o.loc[0, "order_id"] == "7" and o.loc[0, "channel"] == "Shop" and o.loc[0, "revenue"] == 10.0
    assert o.loc[0, "customer_id"] == "C9"


def test_windows_1252_text(tmp_path):
    raw = (HEADER + "1,2025-01-02,C1,Café corner,5\n").encode("cp1252")
    assert load_business(business_folder(tmp_path, orders=raw)).orders.loc[0, "channel"] == "Café corner"


def test_semicolon_file_with_decimal_commas(tmp_path):
    text = HEADER.replace(",", ";") + "1;2025-01-02;C1;shop;1.234,50\n2;2025-01-03;;shop;12,5\n"
    assert load_business(business_folder(tmp_path, orders=text)).orders["revenue"].tolist() == [1234.5, 12.5]


def test_money_formats(tmp_path):
    text = HEADER + '1,2025-01-02,,s,1234.5\n2,2025-01-02,,s,"1,234.50"\n3,2025-01-02,,s,"$1,234.50"\n'
    assert load_business(business_folder(tmp_path, orders=text)).orders["revenue"].tolist() == [1234.5] * 3


def test_xlsx_in_place_of_csv(tmp_path):
    pd.DataFrame(
        {
            "order_id": ["00123", "2"],
            "order_date": ["2025-01-02", "2025-01-03"],
            "customer_id": ["C1", None],
            "channel": ["shop", "web"],
            "revenue": [10.5, 3],
        }
    ).to_excel(tmp_path / "orders.xlsx", index=False)
    o = load_business(tmp_path).orders
    assert o["order_id"].tolist() == ["00123", "2"] and o["revenue"].tolist() == [10.5, 3.0]
    assert o["customer_id"].isna().tolist() == [False, True]


def test_iso_datetimes_keep_the_wall_clock_date(tmp_path):
    text = HEADER + "1,2025-03-14T23:30:00-05:00,,s,1\n2,2025-03-14 08:00,,s,1\n3,2025-03-14T23:59:59Z,,s,1\n"
    dates = load_business(business_folder(tmp_path, orders=text)).orders["order_date"]
    assert (dates.dt.date.astype(str) == "2025-03-14").all()
    assert dates.iloc[0].hour == 23  # the offset is dropped, never applied


@pytest.mark.parametrize(
    "dayfirst, cell, expected",
    [
        (True, "14/03/2025", "2025-03-14"),
        (False, "03/14/2025", "2025-03-14"),
        (True, "03/04/2025", "2025-04-03"),
        (False, "03/04/2025", "2025-03-04"),
    ],
)
def test_slash_dates_with_a_stated_order(tmp_path, dayfirst, cell, expected):
    o = load_business(business_folder(tmp_path, orders=HEADER + f"1,{cell},,s,1\n"), dayfirst=dayfirst).orders
    assert str(o.loc[0, "order_date"].date()) == expected


def test_slash_dates_without_an_order_are_refused_with_advice(tmp_path):
    [msg] = loader_problems(
        business_folder(tmp_path, orders=HEADER + "1,2025-01-01,,s,1\n2,14/03/2025,,s,1\n3,15/03/2025,,s,1\n")
    )
    assert "orders.csv" in msg and "'order_date'" in msg and "rows 3 and 4" in msg
    assert "day first is likely right" in msg and "YYYY-MM-DD" in msg
    assert "--" not in msg  # the loader speaks to every front-end; the command line adds its options


def test_each_front_end_says_how_to_give_the_date_order(tmp_path):
    from smk_helpers.cli import problem_lines
    from smk_helpers.errors import BusinessDataError
    from smk_helpers.worksheet.uploads import check_uploads

    folder = business_folder(tmp_path, orders=HEADER + "1,14/03/2025,,s,1\n")
    with pytest.raises(BusinessDataError) as info:
        load_business(folder)
    [record] = info.value.records
    assert record.code == "ambiguous_date" and record.column == "order_date" and record.rows == (2,)
    assert problem_lines(info.value)[0].endswith("Give --dayfirst or --monthfirst to say which.")
    _, lines = check_uploads(folder, "Shop")
    assert "--" not in " ".join(lines) and 'the choice "Dates like 03/04/2025"' in lines[-1]


def test_ids_are_text_and_only_empty_is_missing(tmp_path):
    text = "order_id,order_date,customer_id,channel,revenue\n00123,2025-01-01,NA,s,1\n0045,2025-01-01,null,s,1\n"
    o = load_business(business_folder(tmp_path, orders=text)).orders
    assert o["order_id"].tolist() == ["00123", "0045"] and o["customer_id"].tolist() == ["NA", "null"]


def test_blank_channel_is_grouped_as_unknown(tmp_path):
    o = load_business(business_folder(tmp_path, orders=HEADER + "1,2025-01-01,,,5\n2,2025-01-01,,shop,7\n")).orders
    assert o["channel"].tolist() == ["(unknown)", "shop"]


def test_optional_numbers_may_be_blank_extra_columns_and_files_are_kept(tmp_path):
    campaigns = (
        "campaign_id,channel,start_date,end_date,spend,impressions,clicks,note\n"
        "A,email,2025-01-01,2025-01-31,10,,,x\n"
        "B,ads,2025-01-01,2025-01-31,5,100,4,y\n"
    )
    path = business_folder(
        tmp_path,
        {"notes.txt": "anything"},
        orders=HEADER.replace("\n", ",campaign_id\n") + "1,2025-01-02,,s,5,A\n",
        campaigns=campaigns,
    )
    b = load_business(path)
    assert b.campaigns["impressions"].isna().tolist() == [True, False]
    assert b.campaigns["note"].tolist() == ["x", "y"]
    assert b.has_column("campaigns", "impressions") and not b.has_column("campaigns", "leads")
    assert b.campaigns["leads"].isna().all()


def test_file_names_match_whatever_the_case(tmp_path):
    assert len(load_business(business_folder(tmp_path, {"Orders.CSV": HEADER + "1,2025-01-01,,s,1\n"})).orders) == 1


def test_blank_rows_are_skipped_without_shifting_row_numbers(tmp_path):
    text = HEADER + "1,2025-01-01,,s,1\n,,,,\n\n2,2025-01-01,,s,oops\n"
    [msg] = loader_problems(business_folder(tmp_path, orders=text))
    assert "row 5" in msg and "'revenue'" in msg and "'oops'" in msg


def test_all_contract_files_load(tmp_path):
    path = business_folder(
        tmp_path,
        orders=HEADER.replace("\n", ",gross_profit,campaign_id,items\n") + "1,2025-01-02,C1,s,10,4,A,2\n",
        campaigns="campaign_id,channel,start_date,end_date,spend,leads\nA,email,2025-01-01,2025-01-31,10,3\n",
        funnel="stage,count,period,source\nvisits,100,2025-01,web\nbuy,3,2025-01,web\n",
        interactions=(
            "interaction_id,date,staff,type,outcome,order_id,minutes,campaign_id\n"
            "I1,2025-01-02,Ann,special order,WON,1,10,A\n"
        ),
        targets="period,target,staff\n2025-01,1000,\n2025-01,400,Ann\n",
    )
    b = load_business(path)
    assert b.interactions.loc[0, "outcome"] == "won"
    assert b.targets["period"].tolist() == ["2025-01", "2025-01"] and b.targets["staff"].isna().tolist() == [
        True,
        False,
    ]
    assert b.funnel["count"].tolist() == [100, 3] and b.orders.loc[0, "items"] == 2
    assert b.warnings == ()


# --- rejected input ----------------------------------------------------------------------------


def test_missing_folder_and_missing_orders(tmp_path):
    [msg] = loader_problems(tmp_path / "nope")
    assert "does not exist" in msg
    [msg] = loader_problems(business_folder(tmp_path, targets="period,target\n2025-01,10\n"))
    assert "orders.csv" in msg and "the one file every business folder needs" in msg


def test_missing_required_column_names_it_and_the_header(tmp_path):
    [msg] = loader_problems(business_folder(tmp_path, orders="order_id,order_date,channel,revenue\n1,2025-01-01,s,1\n"))
    assert "orders.csv" in msg and "'customer_id'" in msg and "order_id, order_date, channel, revenue" in msg


def test_a_header_without_rows_loads_with_a_warning(tmp_path):
    b = load_business(business_folder(tmp_path, orders=HEADER))
    assert b.orders.empty and list(b.orders.columns[:5]) == HEADER.strip().split(",")
    assert any("no orders yet" in w for w in b.warnings)


@pytest.mark.parametrize("content", ["", "\n\n  \n"])
def test_empty_file(tmp_path, content):
    [msg] = loader_problems(business_folder(tmp_path, orders=content))
    assert msg.startswith("orders.csv is empty")


def test_binary_file(tmp_path):
    [msg] = loader_problems(business_folder(tmp_path, orders=b"\x00\x01\x02binary\x00"))
    assert "orders.csv" in msg and "not a text file" in msg


def test_workbook_saved_with_a_csv_name(tmp_path):
    pd.DataFrame({"a": [1]}).to_excel(tmp_path / "orders.csv", index=False, engine="openpyxl")
    [msg] = loader_problems(tmp_path)
    assert "Excel workbook" in msg


def test_duplicate_ids_that_look_like_item_rows(tmp_path):
    text = HEADER + "1,2025-01-01,C1,s,5\n1,2025-01-01,C1,s,7\n2,2025-01-02,,s,1\n2,2025-01-02,,s,1\n"
    [msg] = loader_problems(business_folder(tmp_path, orders=text))
    assert "'order_id'" in msg and "rows 3 and 5" in msg and "one row per item" in msg and "per order_id" in msg


def test_duplicate_ids_of_different_orders(tmp_path):
    [msg] = loader_problems(business_folder(tmp_path, orders=HEADER + "1,2025-01-01,C1,s,5\n1,2025-02-01,C2,s,7\n"))
    assert "row 3" in msg and "one row per item" not in msg and "its own id" in msg


def test_negative_revenue_explains_refunds(tmp_path):
    [msg] = loader_problems(business_folder(tmp_path, orders=HEADER + "1,2025-01-01,,s,-5\n"))
    assert "'revenue'" in msg and "row 2" in msg and "refund" in msg


def test_unparseable_date_and_number_are_both_reported(tmp_path):
    msgs = loader_problems(business_folder(tmp_path, orders=HEADER + "1,yesterday,,s,ten\n2,2025-02-30,,s,1\n"))
    assert any("'order_date'" in m and "rows 2 and 3" in m and "not a date" in m for m in msgs)
    assert any("'revenue'" in m and "row 2" in m and "not a number" in m for m in msgs)


def test_gross_profit_must_be_complete_once_present(tmp_path):
    text = HEADER.replace("\n", ",gross_profit\n") + "1,2025-01-01,,s,5,2\n2,2025-01-01,,s,5,\n"
    [msg] = loader_problems(business_folder(tmp_path, orders=text))
    assert "'gross_profit'" in msg and "row 3" in msg and "empty" in msg


def test_campaign_rules(tmp_path):
    campaigns = (
        "campaign_id,channel,start_date,end_date,spend,impressions,clicks\nA,email,2025-01-10,2025-01-01,-1,10,20\n"
    )
    msgs = loader_problems(
        business_folder(
            tmp_path,
            orders=HEADER.replace("\n", ",campaign_id\n") + "1,2025-01-02,,s,5,Z\n",
            campaigns=campaigns,
        )
    )
    assert any("campaigns.csv" in m and "'spend'" in m for m in msgs)
    assert any("campaigns.csv" in m and "'clicks'" in m and "impressions" in m for m in msgs)
    assert any("campaigns.csv" in m and "'end_date'" in m for m in msgs)
    assert any("orders.csv" in m and "'campaign_id'" in m and "'Z'" in m for m in msgs)
    assert len(msgs) == 4


def test_campaign_id_without_a_campaigns_file(tmp_path):
    [msg] = loader_problems(
        business_folder(tmp_path, orders=HEADER.replace("\n", ",campaign_id\n") + "1,2025-01-02,,s,5,A\n")
    )
    assert "no campaigns.csv" in msg


def test_unknown_outcome(tmp_path):
    interactions = "interaction_id,date,staff,type,outcome\nI1,2025-01-01,Ann,call,maybe\nI2,2025-01-01,Ann,call,Lost\n"
    [msg] = loader_problems(business_folder(tmp_path, orders=HEADER + "1,2025-01-01,,s,1\n", interactions=interactions))
    assert "interactions.csv" in msg and "'outcome'" in msg and "row 2" in msg and "'maybe'" in msg


def test_ragged_row_names_the_row(tmp_path):
    [msg] = loader_problems(business_folder(tmp_path, orders=HEADER + "1,2025-01-01,,s,1,234.50\n"))
    assert "orders.csv, row 2" in msg and "quotes" in msg


def test_a_column_named_twice(tmp_path):
    [msg] = loader_problems(
        business_folder(tmp_path, orders=HEADER.replace("\n", ",Revenue\n") + "1,2025-01-01,,s,1,2\n")
    )
    assert "'revenue' more than once" in msg


def test_many_rows_are_summarised(tmp_path):
    text = HEADER + "".join(f"{i},2025-01-01,,s,x\n" for i in range(12))
    [msg] = loader_problems(business_folder(tmp_path, orders=text))
    assert "rows 2, 3, 4, 5, 6 and 7 more" in msg


def test_funnel_stage_larger_than_the_one_above_is_a_warning(tmp_path):
    funnel = "stage,count\nvisits,10\nsign-ups,30\nbuy,2\n"
    b = load_business(business_folder(tmp_path, orders=HEADER + "1,2025-01-01,,s,1\n", funnel=funnel))
    assert any("sign-ups" in w for w in b.warnings)


# --- number parsing properties -----------------------------------------------------------------


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_money_round_trips_through_every_format(value):
    cents = float(value)
    formats = [f"{cents:.2f}", f"{cents:,.2f}", f"${cents:,.2f}", f"{cents:,.2f}".replace(",", " ").replace(".", ",")]
    dot, _ = parse_numbers(pd.Series(formats[:3]))
    comma, _ = parse_numbers(pd.Series(formats[3:]), decimal_comma=True)
    assert dot.tolist() == [pytest.approx(cents)] * 3
    assert comma.tolist() == [pytest.approx(cents)]
