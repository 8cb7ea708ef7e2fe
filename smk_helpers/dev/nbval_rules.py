"""The course's rules for nbval, loaded by every pytest run (``-p smk_helpers.dev.nbval_rules`` in pyproject).

A solution cell stores no output (see `smk_helpers.dev.notebooks.hide_solutions`), so nbval has
nothing to compare it with; it still runs it, and fails it on an error. The kernels nbval starts
inherit ``SMK_SOLUTIONS_MUST_PASS``, under which a solution whose check does not pass raises: so
every solution is proved right in every test run. The tests' own process unsets it, since unit
tests call `check` with wrong answers on purpose.
"""

import atexit
import os
import shutil
import tempfile

import pytest

from ..course.grading import SOLUTIONS_MUST_PASS

os.environ[SOLUTIONS_MUST_PASS] = "1"
# The kernels nbval starts record the lessons' checks as a student's progress: in a workspace of the
# run's own, never the user's ~/smk, even when pytest is given one notebook and no conftest is loaded.
_WORKSPACE = tempfile.mkdtemp(prefix="smk-test-workspace-")
atexit.register(shutil.rmtree, _WORKSPACE, ignore_errors=True)
os.environ["SMK_HOME"] = _WORKSPACE


def pytest_collection_modifyitems(items):
    for item in items:
        cell = getattr(item, "cell", None)
        if type(item).__name__ == "IPyNbCell" and "solution" in cell.metadata.get("tags", []):
            item.options["check"] = False


@pytest.fixture(autouse=True)
def _checks_grade_in_tests(monkeypatch, tmp_path):
    """Unit tests grade wrong answers on purpose; only the lessons' kernels must pass their solutions.

    Each test also has its own workspace, so the progress its checks record never reaches another test,
    nor the progress a lesson shows when nbval runs it.
    """
    monkeypatch.delenv(SOLUTIONS_MUST_PASS, raising=False)
    monkeypatch.setenv("SMK_HOME", str(tmp_path / "smk-home"))
