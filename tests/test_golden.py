"""The KPI engine's results, byte for byte: `smk summary --json` on both example businesses.

The golden files in tests/fixtures/golden were written by the code as it stood when the speed work began
(issue 16's first commit). A faster loader or KPI engine must give the same bytes. Write them again only
for a deliberate change of a KPI, and say which and why in the commit.
"""

import pytest

from conftest import REPO
from smk_helpers.cli import main

GOLDEN = REPO / "tests" / "fixtures" / "golden"
PERIODS = {"all": [], "2025": ["--start", "2025-01-01", "--end", "2025-12-31"]}


@pytest.mark.parametrize("period", PERIODS, ids=list(PERIODS))
@pytest.mark.parametrize("business", ["bookhub", "northway"])
def test_summary_json_is_byte_identical_to_the_golden_file(business, period, capsys):
    assert main(["summary", str(REPO / "data" / business), "--json", *PERIODS[period]]) == 0
    name = f"{business}-summary.json" if period == "all" else f"{business}-summary-{period}.json"
    assert capsys.readouterr().out.encode("utf-8") == (GOLDEN / name).read_bytes()
