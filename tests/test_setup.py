"""The project's front door: pins, Makefile, README, CI, licences, packaging."""

import os
import re
import subprocess
import sys
import tomllib
import zipfile

import pytest
import yaml

from helpers import read_notebook
from smk_helpers.core.data import EXAMPLES
from smk_helpers.dev.envfile import pins


def lock_pins(repo):
    return pins((repo / "requirements.lock").read_text(encoding="utf-8"))


def test_environment_yml_carries_the_lock_pins(repo):
    env = yaml.safe_load((repo / "environment.yml").read_text(encoding="utf-8"))
    pip_section = next(d for d in env["dependencies"] if isinstance(d, dict))["pip"]
    assert [p for p in pip_section if p != "-e ."] == lock_pins(repo)
    assert "python=3.11" in env["dependencies"]


def test_every_pin_is_exact_and_every_dependency_is_locked(repo):
    locked = {re.split(r"[=;\s]", p)[0].lower() for p in lock_pins(repo)}
    assert all("==" in p for p in lock_pins(repo))
    project = tomllib.loads((repo / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["test"]
    names = {re.split(r"[<>=\[ ]", w)[0].lower() for w in wanted}
    assert names <= locked, names - locked
    assert {"jupyterlab", "ipywidgets", "pandas", "matplotlib", "papermill", "nbval", "pytest", "hypothesis"} <= names


def test_makefile_is_the_face_of_the_project(repo):
    make = (repo / "Makefile").read_text(encoding="utf-8")
    for target in ("lab", "test", "install", "notebooks", "data", "lock", "help", "worksheet", "blank-worksheet"):
        assert re.search(rf"^{target}:", make, re.M), target
    lab = re.search(r"^lab:.*\n((?:\t.*\n)+)", make, re.M).group(1)
    assert lab.split() == ["$(BIN)/smk", "lab"]  # test_lab.py starts it and checks 127.0.0.1 and the token
    stamp = re.search(r"^\$\(STAMP\):(.*)$", make, re.M).group(1)
    assert "requirements.lock" in stamp  # re-install only when the lock changes
    assert "ipykernel install --sys-prefix --name python3" in make


def test_readme_opens_with_the_two_commands_and_ci_runs_the_test_command(repo):
    readme = (repo / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```bash\n(.*?)```", readme, re.S).group(1)
    assert [line.split("#")[0].strip() for line in first_block.strip().splitlines()] == ["make lab", "make test"]
    assert "pip install -r requirements.lock -e ." in readme and "python -m venv" in readme
    ci = (repo / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line for line in ci.splitlines() if line.strip() and not line.startswith("#")]
    assert commands[-1].strip() == "make test"


def test_licences_for_code_and_content(repo):
    assert "MIT License" in (repo / "LICENSE").read_text(encoding="utf-8")
    assert "CC BY 4.0" in (repo / "LICENSE-CONTENT.md").read_text(encoding="utf-8")


# Run in a fresh interpreter: after each import, which of the libraries it may not load are loaded.
LIGHT_IMPORTS = """
import sys

def loaded(*names):
    print(sorted(m for m in names if m in sys.modules))

import contextlib, io
import smk_helpers
loaded("pandas", "numpy", "matplotlib", "papermill", "nbformat", "ipywidgets")
from smk_helpers.cli import main
with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):
    main(["--help"])  # smk --help answers without the data libraries
loaded("pandas", "numpy", "matplotlib", "papermill", "nbformat", "ipywidgets", "smk_helpers.reports")
import smk_helpers.core.kpis, smk_helpers.core.funnel, smk_helpers.core.formatting
loaded("matplotlib", "papermill", "nbformat", "ipywidgets")
"""


def test_import_stays_light(repo, tmp_path):
    """`import smk_helpers` and `smk --help` load no heavy library; the KPIs load no charts, notebooks or widgets."""
    env = {**os.environ, "PYTHONPATH": str(repo), "PYTHONDONTWRITEBYTECODE": "1"}
    run = subprocess.run(
        [sys.executable, "-c", LIGHT_IMPORTS], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    )
    assert run.stdout.splitlines() == ["[]", "[]", "[]"]


def test_a_report_s_help_lists_its_parameters_which_other_commands_never_load(repo, tmp_path):
    """`smk report --help` names the report's parameters; `smk summary` runs without importing the reports."""
    env = {**os.environ, "PYTHONPATH": str(repo), "PYTHONDONTWRITEBYTECODE": "1"}
    helped = subprocess.run(
        [sys.executable, "-m", "smk_helpers", "report", "--help"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert helped.returncode == 0 and "Parameters:" in helped.stdout and "period_start" in helped.stdout
    code = "import sys; from smk_helpers.cli import main; main(['summary', '--json']); "
    code += "print('smk_helpers.reports' in sys.modules, file=sys.stderr)"
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.stderr.strip().splitlines()[-1] == "False"


@pytest.fixture(scope="module")
def wheel(repo, tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(repo)],
        check=True,
        capture_output=True,
    )
    [path] = out.glob("smk-*.whl")
    return path


@pytest.mark.slow
@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_wheel_ships_the_example_data_unchanged(repo, wheel, example):
    source = sorted(p for p in (repo / "data" / example).iterdir() if p.is_file())
    assert source, f"data/{example} is empty"
    with zipfile.ZipFile(wheel) as zf:
        shipped = {
            n.rsplit("/", 1)[1]: zf.read(n) for n in zf.namelist() if n.startswith(f"smk_helpers/data/{example}/")
        }
    assert sorted(shipped) == [p.name for p in source]
    for p in source:
        assert shipped[p.name] == p.read_bytes(), p.name


@pytest.mark.slow
def test_wheel_ships_the_worksheet_page(repo, wheel, tmp_path):
    with zipfile.ZipFile(wheel) as zf:
        shipped = zf.read("smk_helpers/worksheets/sales_vs_marketing.ipynb")
        zf.extractall(tmp_path / "site")
    assert shipped == (repo / "worksheets" / "sales_vs_marketing.ipynb").read_bytes()
    code = "from smk_helpers.worksheet.server import notebook_path; print(notebook_path())"
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "site")},
        check=True,
    )
    assert run.stdout.strip() == str(tmp_path / "site" / "smk_helpers" / "worksheets" / "sales_vs_marketing.ipynb")


@pytest.mark.slow
def test_wheel_ships_the_lessons_for_smk_lab(repo, wheel, tmp_path):
    with zipfile.ZipFile(wheel) as zf:
        shipped = {n.rsplit("/", 1)[1]: zf.read(n) for n in zf.namelist() if n.startswith("smk_helpers/lessons/")}
        zf.extractall(tmp_path / "site")
    assert shipped == {p.name: p.read_bytes() for p in (repo / "notebooks").glob("*.ipynb")}
    code = "from smk_helpers.course.workspace import lessons_source; print(lessons_source())"
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "site")},
        check=True,
    )
    assert run.stdout.strip() == str(tmp_path / "site" / "smk_helpers" / "lessons")


@pytest.mark.slow
def test_installed_wheel_finds_the_bookhub_and_runs_the_cli(wheel, tmp_path):
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    code = (
        "import smk_helpers as s, sys; b = s.load_bookhub(); "
        "from smk_helpers.core.data import load_example; assert load_example('northway').orders['revenue'].sum() > 0; "
        "print(s.bookhub_path()); print(len(b.orders)); sys.exit(s.cli.main(['summary', '--json']))"
    )
    run = subprocess.run(
        [sys.executable, "-c", "import smk_helpers.cli; " + code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(site)},
    )
    assert run.returncode == 0, run.stderr
    path, n_orders, *_ = run.stdout.splitlines()
    assert path.startswith(str(site)) and int(n_orders) > 10_000
    assert '"revenue"' in run.stdout


def test_readme_lesson_table_matches_the_course(repo):
    from smk_helpers.course import COMING, LESSONS, total_minutes

    readme = (repo / "README.md").read_text(encoding="utf-8")
    for lesson in LESSONS:
        notebook = f"`{lesson.file}`" if lesson.ready else COMING
        row = f"| {lesson.number} | {lesson.title} | {lesson.about} | {lesson.minutes} | {lesson.data} | {notebook} |"
        assert row in readme, row
    assert f"{total_minutes()} minutes in all" in readme


@pytest.mark.slow
def test_installed_wheel_makes_a_report(wheel, tmp_path):
    """`smk report` works from a plain install: the report notebook and its template ship in the package."""
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        zf.extractall(site)
    assert {
        "smk_helpers/reports/report.ipynb",
        "smk_helpers/reports/templates/smk-report/index.html.j2",
        "smk_helpers/reports/templates/smk-report/conf.json",
    } <= names
    code = (
        "import sys; from smk_helpers import cli; "
        "sys.exit(cli.main(['report', '--out', 'out', '--format', 'html,ipynb']))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(site)},
    )
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["metrics.json", "report.html", "report.ipynb"]
    nb = read_notebook(tmp_path / "out" / "report.ipynb")
    assert nb.metadata["papermill"]["input_path"] == str(site / "smk_helpers" / "reports" / "report.ipynb")


def test_the_contract_tables_in_data_readme_are_current(repo):
    from smk_helpers.core.contract import contract_markdown

    readme = (repo / "data" / "README.md").read_text(encoding="utf-8")
    assert contract_markdown().strip() in readme, "run `make data` to write the contract into data/README.md"


def test_every_make_target_is_in_the_readme(repo):
    make = (repo / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z-]+):.*## ", make, re.M)) - {"help", "install"}
    listed = (repo / "README.md").read_text(encoding="utf-8").split("## Make targets", 1)[1]
    assert {"check", "lint", "test"} <= targets
    assert [t for t in sorted(targets) if f"make {t} " not in listed] == []


def test_lint_leaves_no_cache_in_the_repository(repo):
    """ruff and import-linter would each leave a cache folder in the checkout; `make lint` tells them not to."""
    make = (repo / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^lint:.*\n((?:\t.*\n)+)", make, re.M).group(1).splitlines()
    assert all("--no-cache" in line for line in recipe if "ruff" in line or "lint-imports" in line)
    assert sum("--no-cache" in line for line in recipe) == 3


def test_every_name_of_the_package_resolves_and_importing_it_loads_no_pandas():
    """The lessons' names (``from smk_helpers import pipeline, load_example``) load on first use, and only then."""
    code = (
        "import sys, smk_helpers as s; assert 'pandas' not in sys.modules, 'import smk_helpers loaded pandas'; "
        "missing = [n for n in s.__all__ if getattr(s, n, None) is None]; assert not missing, missing; "
        "print(s.load_example('northway').name)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "Northway Workwear"
