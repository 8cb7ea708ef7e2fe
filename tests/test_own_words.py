"""smk's prose is our own: no run of 7 words from the source articles appears in a lesson or the package."""

import re

import pytest

from conftest import REPO
from helpers import read_notebook, source

SEEDS = REPO.parent / "shared" / "seeds"
N = 7


def words(text):
    return re.sub(r"[^a-z0-9 ]+", " ", text.lower()).split()


def runs(text):
    w = words(text)
    return {tuple(w[i : i + N]) for i in range(len(w) - N + 1)}


@pytest.fixture(scope="module")
def seed_runs():
    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        pytest.skip(f"the source articles are not beside the project ({SEEDS})")
    return set().union(*(runs(f.read_text(encoding="utf-8", errors="replace")) for f in files))


OWN = (
    sorted((REPO / "notebooks").glob("*.ipynb"))
    + sorted((REPO / "worksheets").glob("*.ipynb"))
    + sorted((REPO / "smk_helpers").rglob("*.py"))
    + [REPO / "README.md", REPO / "data" / "README.md"]
)


@pytest.mark.parametrize("path", OWN, ids=lambda p: str(p.relative_to(REPO)))
def test_no_sentence_is_copied_from_the_sources(path, seed_runs):
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        text = " ".join(source(c) for c in read_notebook(path).cells)
    copied = runs(text) & seed_runs
    assert not copied, f"copied from a source article: {' '.join(next(iter(copied)))!r}"
