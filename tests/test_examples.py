"""What both example businesses promise alike: each generator's committed files are a fresh run, byte for byte,
plain UTF-8 that follows the business-data contract, and each folder's block of data/README.md is current.

What each one shows (a bookstore's calibration, a B2B firm's shape) is in tests/test_bookhub.py and
tests/test_b2b.py.
"""

from __future__ import annotations

import pandas as pd
import pytest

from smk_helpers.core import contract as C
from smk_helpers.dev import b2b, bookhub, synth
from smk_helpers.dev.readmes import replace_block

GENERATORS = {"bookhub": bookhub, "northway": b2b}  # the folder under data/ and the module that writes it
ID_COLUMNS = ("order_id", "customer_id", "campaign_id", "product_id", "interaction_id", "staff")


@pytest.fixture(scope="module", params=sorted(GENERATORS))
def example(request, repo, tmp_path_factory):
    """(folder name, its generator, the committed folder, the files a fresh run writes)."""
    name = request.param
    generator = GENERATORS[name]
    return name, generator, repo / "data" / name, generator.write(tmp_path_factory.mktemp(name))


def test_committed_copy_is_current(example):
    """The committed files are what the seed writes now, byte for byte: so one seed always gives the same files."""
    name, _, committed, fresh = example
    assert sorted(p.name for p in committed.iterdir()) == [p.name for p in fresh]
    for path in fresh:
        assert (committed / path.name).read_bytes() == path.read_bytes(), f"data/{name}/{path.name} is stale: make data"


def test_other_seed_gives_other_data(example, tmp_path):
    _, generator, _, fresh = example
    [orders] = [p for p in generator.write(tmp_path, seed=7) if p.name == "orders.csv"]
    assert orders.read_bytes() != (fresh[0].parent / "orders.csv").read_bytes()


def test_files_are_plain_utf8_with_unix_line_ends(example):
    for path in example[2].glob("*.csv"):
        raw = path.read_bytes()
        raw.decode("utf-8")
        assert b"\r" not in raw and raw.endswith(b"\n"), path.name


def test_readme_block_is_current(example, repo):
    name, generator, committed, _ = example
    text = (repo / "data" / "README.md").read_text(encoding="utf-8")
    assert replace_block(text, name, generator.readme_block(committed)) == text, (
        f"the {name} block of data/README.md is stale: run `make data`"
    )


@pytest.mark.parametrize("spec", C.FILES, ids=lambda s: s.stem)
def test_contract_files(example, spec):
    """Every contract file is there, with the contract's columns in the contract's formats, within the two years."""
    df = synth.read_tables(example[2], ID_COLUMNS)[spec.stem]
    assert {c.name for c in spec.columns} <= set(df.columns)
    for col in spec.columns:
        values = df[col.name]
        if not col.blank_ok:
            assert values.notna().all(), col.name
        present = values.dropna()
        if col.kind == "date":
            assert pd.to_datetime(present, format="%Y-%m-%d").dt.strftime("%Y-%m-%d").eq(present).all(), col.name
            assert present.between("2024-01-01", "2025-12-31").all(), col.name
        elif col.kind == "month":
            assert present.str.fullmatch(r"\d{4}-(0[1-9]|1[0-2])").all(), col.name
        elif col.kind == "outcome":
            assert present.isin(C.OUTCOMES).all()
        elif col.kind == "count":
            assert (present >= 0).all() and (present == present.round()).all(), col.name
        elif col.kind == "money" and col.name != "gross_profit":
            assert (present >= 0).all(), col.name
    if spec.key:
        assert df[spec.key].is_unique
