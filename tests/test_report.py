"""`smk report`: parameters checked before any kernel, reports on two differently shaped folders,
metrics.json against numbers worked out by hand, the HTML page, batches, and the no-partial-output rule.

Every report is written under pytest's tmp folders; the report notebook runs in a real kernel.
"""

import base64
import json
import re
from pathlib import Path

import pytest

from conftest import chromium_path
from helpers import business_folder, code_cells, read_notebook, tags
from smk_helpers import cli
from smk_helpers.core import kpis
from smk_helpers.reports import build as R
from smk_helpers.reports import notebook as N
from smk_helpers.reports import parameters as P
from smk_helpers.worksheet import answers_json, bookhub_example

HOSTILE = "<script>alert(1)</script> Café"

# A café that sells at a market stall and by phone, advertises with flyers and radio, never knows
# who its customers are, and keeps no conversations, funnel or targets. Hand-computed numbers below.
CAFE_ORDERS = """order_id,order_date,customer_id,channel,revenue,campaign_id
O1,2025-01-01,,market stall,20.00,
O2,2025-02-15,,phone,30.00,F1
O3,2025-03-20,,market stall,50.00,
O4,2025-04-05,,market stall,40.00,F2
O5,2025-04-25,,phone,60.00,F2
O6,2025-05-10,,market stall,25.00,
O7,2025-06-30,,phone,75.00,R1
O8,2025-07-02,,market stall,10.00,
"""
CAFE_CAMPAIGNS = """campaign_id,channel,start_date,end_date,spend,leads,name
F1,flyers,2025-02-01,2025-02-28,56.00,4,Winter flyers
F2,flyers,2025-04-01,2025-04-30,30.00,6,Spring flyers
R1,radio,2025-06-01,2025-07-30,120.00,10,Summer radio
"""
CAFE_PARAMS = {
    "business_name": HOSTILE,
    "currency": "€",
    "gross_margin": "0.6",
    "period_start": "2025-04-01",
    "period_end": "2025-06-30",
}


@pytest.fixture(scope="module")
def cafe(tmp_path_factory) -> Path:
    return business_folder(tmp_path_factory.mktemp("cafe") / "cafe", orders=CAFE_ORDERS, campaigns=CAFE_CAMPAIGNS)


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> Path:
    answers = {
        **bookhub_example(),
        "marketing_goal": "Fill <b>every</b> table on Saturdays.",
        "sales_action": "Offer a loyalty card & a coffee.",
    }
    path = tmp_path_factory.mktemp("plan") / "answers.json"
    path.write_text(answers_json(answers), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def cafe_report(cafe, plan, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "cafe-report"
    result = R.make_report({**CAFE_PARAMS, "data_dir": str(cafe), "worksheet": str(plan)}, out, "html,ipynb")
    return result


@pytest.fixture(scope="module")
def hub_report(tmp_path_factory):
    return R.make_report({}, tmp_path_factory.mktemp("hub") / "report", "html,ipynb")


def metrics(result):
    return json.loads((result.out / "metrics.json").read_text(encoding="utf-8"))


def page(result):
    return (result.out / "report.html").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Parameters: checked before any kernel starts


def test_defaults_and_types():
    params = P.check_parameters(
        {
            "gross_margin": "0.45",
            "business_name": "01234",
            "dayfirst": "yes",
            "period_start": "2025-01-01",
            "staff_hourly_cost": 15,
        }
    )
    assert params["gross_margin"] == 0.45 and params["business_name"] == "01234"  # text stays text
    assert params["dayfirst"] is True and params["staff_hourly_cost"] == 15.0
    assert params["period_start"] == "2025-01-01" and params["period_end"] is None
    assert set(params) == {p.name for p in P.PARAMETERS}


@pytest.mark.parametrize(
    "values, words",
    [
        ({"margin": "0.4"}, "There is no parameter 'margin'. Did you mean gross_margin?"),
        ({"gross_margin": "abc"}, "gross_margin 'abc' is not a number"),
        ({"gross_margin": "45%"}, "looks like a percentage"),
        ({"gross_margin": 45}, "looks like a percentage"),
        ({"period_start": "14/03/2025"}, "period_start '14/03/2025' is not a date; write it as YYYY-MM-DD"),
        ({"period_start": "2025-05-01", "period_end": "2025-04-01"}, "The period starts after it ends"),
        ({"staff_hourly_cost": "-3"}, "staff_hourly_cost -3.0 is not an amount of money per hour"),
        ({"business_name": 1234}, "business_name 1234 is not text; put it in quotes"),
        ({"dayfirst": "maybe"}, "dayfirst 'maybe' is not true or false"),
    ],
)
def test_bad_parameters_are_named(values, words):
    with pytest.raises(R.ParameterError) as caught:
        P.check_parameters(values)
    assert words in str(caught.value)


def test_the_message_lists_every_parameter_with_its_type():
    with pytest.raises(R.ParameterError) as caught:
        P.check_parameters({"shop": "x"})
    message = str(caught.value)
    for p in P.PARAMETERS:
        if p.name != "output_dir":
            assert f"{p.name} ({p.type_text})" in message
    assert "gross_margin (number, or empty)" in message and "period_end (date YYYY-MM-DD, or empty)" in message


@pytest.mark.parametrize(
    "argv, words",
    [
        (["-p", "margin=0.4"], "There is no parameter 'margin'"),
        (["-p", "gross_margin=abc"], "gross_margin 'abc' is not a number"),
        (["-p", "gross_margin"], "-p 'gross_margin' is not key=value"),
        (["--format", "docx"], "--format 'docx' is not known"),
        (["-p", "output_dir=x"], "output_dir is set by smk report; give --out instead"),
        (["here", "-p", "data_dir=there"], "Give the business folder once"),
        (["--workers", "2"], "--workers is for --batch only"),
    ],
)
def test_cli_parameter_errors_exit_2_before_any_output(argv, words, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(R, "_execute", lambda *a, **k: pytest.fail("a kernel was started"))
    assert cli.main(["report", *argv, "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("smk: ")
    assert not (tmp_path / "out").exists()


def test_bad_data_gives_the_contracts_message_and_no_output(tmp_path, capsys, monkeypatch):
    folder = business_folder(tmp_path / "broken", orders=CAFE_ORDERS.replace("25.00", "abc"), campaigns=CAFE_CAMPAIGNS)
    monkeypatch.setattr(R, "_execute", lambda *a, **k: pytest.fail("a kernel was started"))
    assert cli.main(["report", str(folder), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "orders.csv, column 'revenue', row 7: not a number ('abc')" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_a_period_without_orders_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(R, "_execute", lambda *a, **k: pytest.fail("a kernel was started"))
    argv = ["report", "-p", "period_start=2030-01-01", "-p", "period_end=2030-12-31", "--out", str(tmp_path / "o")]
    assert cli.main(argv) == 2
    assert (
        "There are no orders from 2030-01-01 to 2030-12-31: orders.csv runs from 2024-01-01 to 2025-12-31"
        in capsys.readouterr().err
    )
    assert not (tmp_path / "o").exists()


def test_a_failed_report_leaves_an_earlier_report_as_it_was(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.html").write_text("the old report", encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")

    def broken(params, staging, *args):
        (staging / "metrics.json").write_text("{half", encoding="utf-8")
        raise R.NotebookFailed("The report notebook stopped at cell 3 (ZeroDivisionError); nothing was written.")

    monkeypatch.setattr(R, "_execute", broken)
    assert cli.main(["report", "--out", str(out)]) == 1
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt", "report.html"]  # no staging folder, no metrics
    assert (out / "report.html").read_text(encoding="utf-8") == "the old report"


@pytest.mark.slow
def test_a_notebook_that_fails_is_reported_in_one_sentence(tmp_path, monkeypatch):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("output_dir = ''", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("1 / 0"),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    broken = tmp_path / "broken.ipynb"
    nbformat.write(nb, broken)
    monkeypatch.setattr(R, "notebook_path", lambda: broken)
    with pytest.raises(
        R.NotebookFailed, match=r"stopped at cell \d \(ZeroDivisionError: division by zero\); nothing was written"
    ):
        R.make_report({}, tmp_path / "out")
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------------------------------------
# The Book Hub


@pytest.mark.slow
def test_book_hub_report_files(hub_report):
    assert sorted(p.name for p in hub_report.files) == ["metrics.json", "report.html", "report.ipynb"]
    assert sorted(p.name for p in hub_report.out.iterdir()) == ["metrics.json", "report.html", "report.ipynb"]
    assert hub_report.name == "The Book Hub"


@pytest.mark.slow
def test_book_hub_metrics_match_kpis_summary(hub_report, hub):
    m = metrics(hub_report)
    expected = json.loads(kpis.summary_json(kpis.summary(hub, start="2025-01-01", end="2025-12-31")))
    assert {key: m[key] for key in expected} == expected  # kpis.summary's keys at the top level
    assert m["period"] == {"start": "2025-01-01", "end": "2025-12-31"}  # the 12 months up to the last order
    assert m["previous_period"] == {"start": "2024-01-01", "end": "2024-12-31"}
    before = json.loads(kpis.summary_json(kpis.summary(hub, start="2024-01-01", end="2024-12-31")))
    assert m["previous"]["revenue"] == before["revenue"]
    assert m["parameters"]["handoff"] == "engaged" and "output_dir" not in m["parameters"]
    assert {
        "sales_by_channel",
        "sales_by_month",
        "conversations_by_staff",
        "quota_attainment",
        "campaigns",
        "marketing_by_channel",
        "funnel",
        "one_to_many_vs_one_to_one",
        "handoff_by_channel",
        "headline_kpis",
    } <= set(m["tables"])
    assert (
        len(m["tables"]["sales_by_month"]) == 12 and len(m["tables"]["campaigns"]) == 53
    )  # 52 ran in 2025; one from 2024 still brought orders
    assert {b["key"] for b in m["benchmarks"]} >= {"average_order_value", "ctr", "gross_margin"}


@pytest.mark.slow
def test_every_number_of_a_table_is_in_the_json(hub_report):
    m, html = metrics(hub_report), page(hub_report)
    channel = {row["channel"]: row for row in m["tables"]["sales_by_channel"]}
    revenue = channel["in-store"]["revenue"]
    assert f"${revenue:,.2f}" in html
    person = {row["staff"]: row for row in m["tables"]["conversations_by_staff"]}
    assert f"{person['Maya']['win_rate']:.1%}" in html


@pytest.mark.slow
def test_book_hub_sections_and_benchmarks(hub_report):
    html = page(hub_report)
    for title in (
        "Headline KPIs: marketing and sales",
        "Sales: channels, months and people",
        "Marketing: campaigns and channels",
        "The funnel: from first contact to purchase",
        "One-to-many (campaigns) vs one-to-one (conversations)",
        "The handoff: from marketing's leads to sales' conversations",
        "Data quality: what was missing and what was assumed",
        "Glossary: every formula in this report",
    ):
        assert f"<h2>{title}</h2>" in html, title
    assert "previous period" in html and "Womply card data" in html and "ABA ABACUS-18" in html
    assert (
        "of site visits end in purchase; the benchmark is 1.5%–3.0% (online-shop rule of thumb, no published survey)."
        in html
    )
    assert "Social ads cost $" in html and "Meta retail ads, higher in Q4" in html
    assert "marketing spend / new customers" in html  # the glossary quotes kpis.cac's docstring


@pytest.mark.slow
def test_report_ipynb_is_the_executed_notebook(hub_report):
    nb = read_notebook(hub_report.out / "report.ipynb")
    injected = [c for c in nb.cells if "injected-parameters" in tags(c)]
    assert len(injected) == 1 and str(hub_report.out) in injected[0].source  # the final folder, not the staging one
    assert ".smk-report-" not in injected[0].source
    assert all(c.get("execution_count") for c in code_cells(nb))
    assert not any(o.get("output_type") == "error" for c in nb.cells for o in c.get("outputs", []))


# ---------------------------------------------------------------------------------------------
# The café: other channels and campaign types, anonymous customers, no interactions or funnel


@pytest.mark.slow
def test_cafe_metrics_by_hand(cafe_report):
    m = metrics(cafe_report)
    assert m["business"] == HOSTILE
    assert m["period"] == {"start": "2025-04-01", "end": "2025-06-30"}
    assert m["revenue"] == 200.0 and m["orders"] == 4 and m["average_order_value"] == 50.0
    assert m["revenue_by_channel"] == {"phone": 135.0, "market stall": 65.0}
    assert m["customers"] == 0 and m["new_customers"] == 0
    assert m["cac"] is None and m["repeat_purchase_rate"] is None  # no customer is known: n/a, not 0
    assert m["marketing_spend"] == 90.0  # F2 30 + half of R1's 120 (30 of its 60 days are in June)
    assert m["leads"] == 11 and m["cost_per_lead"] == round(90 / 11, 2)  # money: in cents
    assert m["impressions"] is None and m["ctr"] is None  # campaigns.csv has no impressions column
    assert m["attributed_revenue"] == 175.0 and m["roas"] == pytest.approx(175 / 90)
    assert m["marketing_roi"] == pytest.approx((175 * 0.6 - 90) / 90) and m["marketing_roi_basis"] == "gross_margin"
    assert m["marketing_share"] == pytest.approx(90 / 200)
    assert m["win_rate"] is None and m["funnel"] is None and m["quota_attainment"] is None
    assert m["gross_margin"] is None  # no gross_profit column: the margin given is a parameter, not a result
    assert m["previous_period"] == {"start": "2025-01-01", "end": "2025-03-31"}
    assert m["previous"]["revenue"] == 100.0 and m["previous"]["marketing_spend"] == 56.0
    assert m["parameters"]["currency"] == "€" and m["parameters"]["gross_margin"] == 0.6


@pytest.mark.slow
def test_cafe_tables_by_hand(cafe_report):
    tables = metrics(cafe_report)["tables"]
    assert [(r["channel"], r["orders"], r["revenue"], r["share"]) for r in tables["sales_by_channel"]] == [
        ("phone", 2, 135.0, 0.675),
        ("market stall", 2, 65.0, 0.325),
    ]
    assert [(r["month"], r["orders"], r["revenue"]) for r in tables["sales_by_month"]] == [
        ("2025-04", 2, 100.0),
        ("2025-05", 1, 25.0),
        ("2025-06", 1, 75.0),
    ]
    campaigns = {r["campaign_id"]: r for r in tables["campaigns"]}
    assert set(campaigns) == {"F2", "R1"}  # F1 ran in February only
    assert campaigns["R1"]["spend"] == 60.0 and campaigns["R1"]["leads"] == 5.0
    assert campaigns["F2"]["attributed_revenue"] == 100.0 and campaigns["F2"]["roas"] == pytest.approx(100 / 30)
    by_channel = {r["channel"]: r for r in tables["marketing_by_channel"]}
    assert by_channel["radio"]["roas"] == pytest.approx(75 / 60)
    assert "funnel" not in tables and "conversations_by_staff" not in tables


@pytest.mark.slow
def test_cafe_missing_sections_say_so(cafe_report):
    html = page(cafe_report)
    assert "There is no funnel.csv in this folder, so there is no funnel to show" in html
    assert "there is no interactions.csv, so the one-to-one row is n/a" in html
    assert "the handoff cannot be measured" in html
    assert "Not in the folder: funnel.csv, interactions.csv, targets.csv, touchpoints.csv and survey.csv." in html
    assert "4 orders (100.0% of revenue) have no customer_id" in html


@pytest.mark.slow
def test_cafe_shows_the_owners_plan_escaped(cafe_report):
    html = page(cafe_report)
    assert "Your goals and action plan" in html
    assert "From the worksheet answers.json: Average 2.6 of 5" in html  # the file's name, not its folder
    assert "Fill &lt;b&gt;every&lt;/b&gt; table on Saturdays." in html
    assert "Offer a loyalty card &amp; a coffee." in html and "<b>every</b>" not in html


@pytest.mark.slow
def test_cafe_money_in_its_currency(cafe_report):
    assert "€200.00" in page(cafe_report)


# ---------------------------------------------------------------------------------------------
# The page: self-contained, printable, no code, hostile text escaped


@pytest.fixture(params=["hub_report", "cafe_report"], ids=["hub", "cafe"])
def any_report(request):
    """Each module report in turn; only the one a test asks for is made (``-k cafe`` makes no Book Hub report)."""
    return request.getfixturevalue(request.param)


@pytest.mark.slow
def test_no_code_no_prompts_no_scripts(any_report):
    html = page(any_report)
    assert "<script" not in html.lower()
    assert "run.show(" not in html and "import " not in html and "In&nbsp;[" not in html
    assert "jp-InputArea" not in html and "input_prompt" not in html


@pytest.mark.slow
def test_nothing_is_fetched_from_the_network(any_report):
    html = page(any_report)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "@import" not in html and "url(http" not in html


@pytest.mark.slow
def test_images_are_inlined_and_described(any_report):
    html = page(any_report)
    images = re.findall(r"<img [^>]*>", html)
    assert images
    for tag in images:
        src = re.search(r'src="([^"]+)"', tag).group(1)
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
        assert re.search(r'alt="[^"]{20,}"', tag)


@pytest.mark.slow
def test_printable(any_report):
    html = page(any_report)
    assert "@page" in html and "@media print" in html and '<html lang="en">' in html


@pytest.mark.slow
def test_hostile_business_name_is_text(cafe_report):
    html = page(cafe_report)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Café: sales and marketing report" in html


@pytest.mark.slow
def test_same_input_same_metrics_bytes(cafe, plan, cafe_report, tmp_path):
    again = R.make_report({**CAFE_PARAMS, "data_dir": str(cafe), "worksheet": str(plan)}, tmp_path / "again", "html")
    assert (again.out / "metrics.json").read_bytes() == (cafe_report.out / "metrics.json").read_bytes()
    assert sorted(p.name for p in again.out.iterdir()) == ["metrics.json", "report.html"]


@pytest.mark.browser
@pytest.mark.slow
def test_pdf_through_chromium(cafe, tmp_path):
    chromium_path()  # skips with the reason (fails under CI=true) when there is none
    result = R.make_report({"data_dir": str(cafe)}, tmp_path / "pdf", "pdf")
    assert sorted(p.name for p in result.out.iterdir()) == ["metrics.json", "report.pdf"]
    assert (result.out / "report.pdf").read_bytes()[:5] == b"%PDF-"


# ---------------------------------------------------------------------------------------------
# Batch


@pytest.mark.slow
def test_batch_with_one_bad_folder(cafe, tmp_path, capsys, monkeypatch):
    business_folder(tmp_path / "shops" / "broken", orders=CAFE_ORDERS.replace("O4,", "O3,"), campaigns=CAFE_CAMPAIGNS)
    (tmp_path / "shops" / "cafe").symlink_to(cafe, target_is_directory=True)
    batch = tmp_path / "shops" / "batch.csv"
    batch.write_text(
        "data_dir,business_name,gross_margin\ncafe,North Café,0.6\nbroken,Broken Books,\ncafe,South Café,\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    code = cli.main(
        ["report", "--batch", str(batch), "--out", str(tmp_path / "reports"), "--format", "html", "--workers", "2"]
    )
    captured = capsys.readouterr()
    assert code == 1
    assert "FAILED Broken Books" in captured.err and "order_id" in captured.err
    assert re.search(r"North Café\s+ok", captured.out) and re.search(r"Broken Books\s+FAILED", captured.out)
    assert "2 of 3 reports made. 1 failed" in captured.out
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["north-cafe", "south-cafe"]
    north = json.loads((tmp_path / "reports" / "north-cafe" / "metrics.json").read_text(encoding="utf-8"))
    south = json.loads((tmp_path / "reports" / "south-cafe" / "metrics.json").read_text(encoding="utf-8"))
    assert north["business"] == "North Café" and north["marketing_roi_basis"] == "gross_margin"
    assert south["business"] == "South Café" and south["marketing_roi"] is None


def test_batch_yaml_defaults_and_row_errors(tmp_path):
    from smk_helpers.reports import batch as B

    (tmp_path / "b.yaml").write_text(
        "defaults:\n  currency: '€'\nbusinesses:\n"
        "  - data_dir: north\n    business_name: North\n"
        "  - data_dir: south\n    gross_margin: 45%\n",
        encoding="utf-8",
    )
    with pytest.raises(B.BatchError, match=r"b.yaml, business 2: gross_margin '45%' looks like a percentage"):
        B.read_batch(tmp_path / "b.yaml", tmp_path / "out")
    (tmp_path / "c.yaml").write_text(
        "businesses:\n  - data_dir: north\n    business_name: Same\n  - data_dir: south\n    business_name: Same\n",
        encoding="utf-8",
    )
    with pytest.raises(B.BatchError, match="c.yaml, businesses 1 and 2 would both write to"):
        B.read_batch(tmp_path / "c.yaml", tmp_path / "out")
    (tmp_path / "d.yaml").write_text("defaults:\n  currency: '€'\nbusinesses:\n  - data_dir: north\n", encoding="utf-8")
    [job] = B.read_batch(tmp_path / "d.yaml", tmp_path / "out")
    assert job.values == {"currency": "€", "data_dir": str(tmp_path / "north")}  # relative to the batch file
    assert job.out == tmp_path / "out" / "north"


def test_batch_file_errors_exit_2(tmp_path, capsys):
    (tmp_path / "b.txt").write_text("x", encoding="utf-8")
    assert cli.main(["report", "--batch", str(tmp_path / "b.txt")]) == 2
    assert "neither .yaml, .yml nor .csv" in capsys.readouterr().err
    assert cli.main(["report", "--batch", str(tmp_path / "none.csv")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert cli.main(["report", "--batch", str(tmp_path / "b.txt"), "-p", "currency=€"]) == 2
    assert "give every parameter in the batch file" in capsys.readouterr().err


def test_the_kernel_reads_the_folder_the_parent_checked(tmp_path, monkeypatch, hub):
    """make_report hands its loaded business to the kernel once; other parameters never get that copy."""
    import os
    import pickle

    params = P.check_parameters({"business_name": "Shared"})
    shared = tmp_path / "b.pickle"
    with open(shared, "wb") as fh:
        pickle.dump((N._load_key(params), hub), fh)
    monkeypatch.setenv(N.PRELOADED, str(shared))
    business, _ = N.load(params)
    assert business.name == "Shared" and len(business.orders) == len(hub.orders)
    other = P.check_parameters({"data_dir": "/no/such/folder"})
    with pytest.raises(Exception, match="does not exist"):  # a different folder is read, not the shared copy
        N.load(other)
    monkeypatch.delenv(N.PRELOADED)
    assert N._preloaded(params) is None
    assert N.PRELOADED not in os.environ


@pytest.mark.slow
def test_no_pickle_is_left_behind(cafe_report):
    assert not list(cafe_report.out.glob(".*"))


# ---------------------------------------------------------------------------------------------
# Data the contract accepts never crashes a report


ORDERS_HEAD = "order_id,order_date,customer_id,channel,revenue,campaign_id\n"
EXTREMES = {
    "the earliest and latest dates": {
        "orders": ORDERS_HEAD + "1,1900-01-01,C1,shop,5,\n2,2099-12-31,C1,shop,6,\n3,2099-12-30,C2,web,7,\n"
    },
    "the largest amounts": {
        "orders": ORDERS_HEAD + "1,2025-01-01,C1,shop,1000000000000,\n2,2025-02-01,C1,shop,999999999999,\n"
    },
    "the longest names": {
        "orders": ORDERS_HEAD + f"1,2025-01-01,C1,{'x' * 200},5,A\n2,2025-02-01,C2,{'y' * 200},5,\n",
        "campaigns": "campaign_id,channel,start_date,end_date,spend,name\n"
        f"A,{'z' * 200},2025-01-01,2025-01-31,10,{'n' * 200}\n",
        "funnel": f"stage,count\n{'s' * 200},10\nbuy,2\n",
    },
}


@pytest.mark.slow
@pytest.mark.parametrize("files", EXTREMES.values(), ids=EXTREMES.keys())
def test_data_at_the_contracts_edges_makes_a_report(tmp_path, files):
    result = R.make_report({"data_dir": str(business_folder(tmp_path / "shop", **files))}, tmp_path / "out", "html")
    assert (result.out / "report.html").stat().st_size > 10_000
