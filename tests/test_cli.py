"""The smk command line: exit codes, output, and no tracebacks."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from smk_helpers.cli import main


def run(*args):
    """Run the real console entry point in a subprocess (as a user would)."""
    return subprocess.run([sys.executable, "-m", "smk_helpers", *map(str, args)], capture_output=True, text=True)


def test_the_smk_console_script_is_installed():
    script = Path(sys.executable).parent / ("smk.exe" if sys.platform == "win32" else "smk")
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and all(cmd in result.stdout for cmd in ("validate", "summary", "init"))


def test_unreadable_file_is_a_message_not_a_traceback(tmp_path, monkeypatch, capsys):
    import os

    from smk_helpers.system import userfiles

    (tmp_path / "orders.csv").write_text("order_id\n", encoding="utf-8")
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith("orders.csv"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(userfiles.os, "open", refuse)  # root can read anything, so simulate the refusal
    assert main(["validate", str(tmp_path)]) == 2
    out = capsys.readouterr().out
    assert out == (
        f"{tmp_path}: 1 problem found.\n"
        "  - orders.csv could not be opened (permission denied); check its permissions.\n"
    )


def test_init_writes_a_folder_that_validates(tmp_path, capsys):
    target = tmp_path / "my-shop"
    assert main(["init", str(target)]) == 0
    names = sorted(p.name for p in target.iterdir())
    assert names == [
        "README.md",
        "campaigns.csv",
        "funnel.csv",
        "interactions.csv",
        "orders.csv",
        "survey.csv",
        "targets.csv",
        "touchpoints.csv",
    ]
    orders = (target / "orders.csv").read_text(encoding="utf-8").splitlines()
    assert orders[0].startswith("order_id,order_date,customer_id,channel,revenue") and len(orders) == 3
    readme = (target / "README.md").read_text(encoding="utf-8")
    assert "CSV UTF-8" in readme and "`gross_profit`" in readme
    assert main(["validate", str(target)]) == 0
    assert "valid" in capsys.readouterr().out


def test_init_never_overwrites(tmp_path, capsys):
    (tmp_path / "orders.csv").write_text("mine", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 2
    assert "orders.csv" in capsys.readouterr().err
    assert (tmp_path / "orders.csv").read_text(encoding="utf-8") == "mine"


def test_validate_lists_every_problem_and_exits_2(tmp_path):
    (tmp_path / "orders.csv").write_text(
        "order_id,order_date,customer_id,channel,revenue\n1,2025-01-01,,s,-3\n2,someday,,s,4\n", encoding="utf-8"
    )
    result = run("validate", tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip().startswith("- ")]
    assert (
        len(lines) == 2
        and any("'revenue', row 2" in line for line in lines)
        and any("'order_date', row 3" in line for line in lines)
    )


def test_validate_json_gives_one_record_per_problem(tmp_path, capsys):
    (tmp_path / "orders.csv").write_text(
        "order_id,order_date,customer_id,channel,revenue\n1,2025-01-01,,s,-3\n2,someday,,s,4\n3,someday,,s,5\n",
        encoding="utf-8",
    )
    assert main(["validate", str(tmp_path), "--json"]) == 2
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False
    records = {r["code"]: r for r in report["problems"]}
    assert records["not_a_date"] | {"message": ""} == {
        "code": "not_a_date",
        "file": "orders.csv",
        "column": "order_date",
        "rows": [3, 4],
        "message": "",
    }
    assert records["negative"]["column"] == "revenue" and records["negative"]["rows"] == [2]
    assert all(r["message"].startswith("orders.csv, column ") for r in report["problems"])


def test_validate_json_of_a_valid_folder_counts_the_rows(capsys):
    from smk_helpers import bookhub_path

    assert main(["validate", str(bookhub_path()), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is True and report["problems"] == [] and report["rows"]["orders.csv"] > 10_000


def test_a_missing_folder_is_a_record_too(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nowhere"), "--json"]) == 2
    [record] = json.loads(capsys.readouterr().out)["problems"]
    assert record["code"] == "no_folder" and "does not exist" in record["message"]


def test_a_folder_without_orders_gets_the_init_command(tmp_path):
    (tmp_path / "targets.csv").write_text("period,target\n2025-01,10\n", encoding="utf-8")
    result = run("validate", tmp_path)
    assert result.returncode == 2 and "Run 'smk init FOLDER' to get a template." in result.stdout


def test_validate_missing_folder(tmp_path):
    result = run("validate", tmp_path / "nowhere")
    assert result.returncode == 2 and "does not exist" in result.stdout and "Traceback" not in result.stderr


def test_validate_date_order_options(tmp_path):
    (tmp_path / "orders.csv").write_text(
        "order_id,order_date,customer_id,channel,revenue\n1,14/03/2025,,s,3\n", encoding="utf-8"
    )
    assert run("validate", tmp_path).returncode == 2
    assert run("validate", tmp_path, "--dayfirst").returncode == 0
    assert run("validate", tmp_path, "--monthfirst").returncode == 2


def test_summary_json_of_the_bookhub():
    result = run("summary", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["business"] == "The Book Hub"
    assert data["revenue"] > 0 and data["orders"] > 0
    assert sum(data["revenue_by_channel"].values()) == pytest.approx(data["revenue"], abs=0.05)
    assert data["funnel"][0]["rate_from_previous"] is None
    assert isinstance(data["orders"], int) and isinstance(data["funnel"][0]["count"], int)


def test_summary_table_and_period(tmp_path, capsys):
    assert main(["summary", "--start", "2025-12-01", "--end", "2025-12-31"]) == 0
    out = capsys.readouterr().out
    assert "The Book Hub" in out and "2025-12-01 to 2025-12-31" in out and "Revenue" in out and "Funnel" in out


@pytest.mark.parametrize(
    "args, words",
    [
        (["summary", "--start", "2025-13-01"], "--start '2025-13-01' is not a date"),
        (["summary", "--end", "2025/03/14"], "--end '2025/03/14' is not a date; write it as YYYY-MM-DD"),
        (
            ["summary", "--start", "2025-02-01", "--end", "2025-01-01"],
            "starts after it ends (2025-02-01 > 2025-01-01); swap --start and --end",
        ),
        (["summary", "--gross-margin", "45"], "looks like a percentage"),
        (["summary", "--gross-margin", "abc"], "is not a number"),
    ],
)
def test_bad_parameters_get_one_sentence_and_exit_2(args, words, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1


def test_summary_of_a_broken_folder(tmp_path):
    (tmp_path / "orders.csv").write_text("order_id,order_date\n1,2025-01-01\n", encoding="utf-8")
    result = run("summary", tmp_path)
    assert result.returncode == 2 and "missing the columns" in result.stderr and "Traceback" not in result.stderr


def test_init_files_get_ordinary_permissions(tmp_path):
    import os

    assert main(["init", str(tmp_path / "shop")]) == 0
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "shop" / "orders.csv").stat().st_mode & 0o777 == 0o666 & ~umask


def test_answers_give_the_trainer_every_expected_answer_of_a_lesson(capsys):
    from smk_helpers.course.exercises import answer_key, registry

    assert main(["answers", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == sorted(e for e in registry() if e.startswith("03."))
    margin = next(line for line in lines if line.startswith("03.2"))
    assert f"{answer_key('03.2'):.4g}" in margin and "marketplace" in margin


def test_answers_for_a_lesson_without_exercises_is_one_sentence_and_exit_2(capsys):
    assert main(["answers", "99"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "lesson 99 has no exercises" in err and "Traceback" not in err
