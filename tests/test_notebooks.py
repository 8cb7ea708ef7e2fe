"""Notebook lint: what nbval's execution does not check (nbval itself runs every notebook)."""

import json
import re

import pytest

from conftest import REPO

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb")) + sorted((REPO / "worksheets").glob("*.ipynb"))


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_there_is_a_start_here_notebook():
    assert (REPO / "notebooks" / "00_start_here.ipynb").is_file()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_kernel_is_the_venv_python3(path):
    spec = load(path)["metadata"]["kernelspec"]
    assert spec["name"] == "python3" and spec["language"] == "python"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_one_title(path):
    markdown = ["".join(c["source"]) for c in load(path)["cells"] if c["cell_type"] == "markdown"]
    titles = [line for text in markdown for line in text.splitlines() if re.match(r"^# \S", line)]
    assert len(titles) == 1, titles
    assert markdown and markdown[0].lstrip().startswith("# "), "the first cell should hold the title"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_outputs_are_current_and_clean(path):
    code = [c for c in load(path)["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    assert all(c["execution_count"] is not None for c in code), "run `make notebooks` to store real outputs"
    counts = [c["execution_count"] for c in code]
    assert counts == list(range(1, len(code) + 1)), "outputs must come from one top-to-bottom run"
    assert not any(o["output_type"] == "error" for c in code for o in c["outputs"])
    text = json.dumps([c["outputs"] for c in code])
    assert str(REPO) not in text, "an output shows a path of this machine"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_is_described(path):
    """A figure output is followed, in the same or the next cell, by a sentence saying what it shows."""
    cells = load(path)["cells"]
    for i, cell in enumerate(cells):
        outputs = cell.get("outputs", [])
        if any("image/png" in o.get("data", {}) for o in outputs):
            after = "".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/markdown", "")) for o in outputs)
            nxt = "".join(cells[i + 1]["source"]) if i + 1 < len(cells) else ""
            assert re.search(r"[A-Za-z].*\.", after + nxt), f"cell {i} shows a figure without a description"
