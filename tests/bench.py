"""`make bench`: how long the core steps take, each next to a baseline measured in the same run.

This machine is shared and noisy, so absolute times mean little; ratios against a baseline taken
in the same run are what to compare between versions. Not a test: nothing here asserts a time.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from pathlib import Path

import pandas as pd

from smk_helpers import bookhub_path, load_bookhub
from smk_helpers.core import kpis
from smk_helpers.core.contract import FILES


def best(func, repeat=5):
    """Best of ``repeat`` runs, in seconds (the minimum is the least disturbed by other load)."""
    return min(timeit.repeat(func, number=1, repeat=repeat))


def plain_read():
    folder = bookhub_path()
    return [pd.read_csv(folder / spec.filename, dtype=str, keep_default_na=False) for spec in FILES]


BIN = Path(sys.executable).parent


def timed(cmd, cwd) -> float:
    """Seconds one command takes, end to end (its interpreter's start included); fails loudly."""
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def bench_report(rounds: int = 3) -> None:
    """One Book Hub report to HTML: `smk report` against papermill's CLI, then nbconvert's, alternated."""
    from smk_helpers.reports.build import notebook_path

    with tempfile.TemporaryDirectory(prefix="smk-bench-") as tmp:
        smk_route, manual_route = [], []
        for i in range(rounds):  # alternate, so both routes see the same machine load
            smk_route.append(timed([str(BIN / "smk"), "report", "--format", "html", "--out", f"smk{i}"], tmp))
            out = Path(tmp, f"manual{i}")
            out.mkdir()
            manual_route.append(
                timed(
                    [
                        str(BIN / "papermill"),
                        "-k",
                        "python3",
                        "--no-progress-bar",
                        str(notebook_path()),
                        str(out / "report.ipynb"),
                        "-p",
                        "output_dir",
                        str(out),
                    ],
                    tmp,
                )
                + timed(
                    [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(out / "report.ipynb")], tmp
                )
            )
    smk, manual = statistics.median(smk_route), statistics.median(manual_route)
    print(f"\nOne Book Hub report to HTML, end to end, median of {rounds} alternated runs:")
    print(
        f"  papermill CLI + jupyter nbconvert --no-input   {manual:6.1f} s   "
        f"(runs: {', '.join(f'{x:.1f}' for x in manual_route)})"
    )
    print(
        f"  smk report --format html                       {smk:6.1f} s   "
        f"(runs: {', '.join(f'{x:.1f}' for x in smk_route)})"
    )
    print(f"  smk / manual: {smk / manual:.2f}× (goal ≤ 0.5×)")


def bench_batch(n: int = 16) -> None:
    """n Book Hub reports: `smk report --batch` with one worker per core against one worker (one after another)."""
    with tempfile.TemporaryDirectory(prefix="smk-bench-") as tmp:
        rows = "".join(f",Book Hub {i:02d}\n" for i in range(n))
        Path(tmp, "batch.csv").write_text("data_dir,business_name\n" + rows, encoding="utf-8")
        cores = os.cpu_count() or 1
        base = [str(BIN / "smk"), "report", "--batch", "batch.csv", "--format", "html"]
        serial = timed(base + ["--workers", "1", "--out", "serial"], tmp)
        parallel = timed(base + ["--workers", str(cores), "--out", "parallel"], tmp)
    print(f"\nA batch of {n} Book Hub reports on {cores} cores:")
    print(f"  one after another (--workers 1)   {serial:6.1f} s   ({serial / n:.1f} s a report)")
    print(f"  in parallel (--workers {cores})       {parallel:6.1f} s   ({parallel / n:.1f} s a report)")
    print(f"  speed-up: {serial / parallel:.2f}× (goal ≥ 1.7×)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-reports", action="store_true", help="skip the report benchmarks (about 5 minutes)")
    args = parser.parse_args()
    hub = load_bookhub()
    rows = [
        ("pandas.read_csv of the 5 contract files (baseline)", best(plain_read)),
        ("load_bookhub(): read, parse, validate", best(load_bookhub)),
        ("kpis.summary(), whole range", best(lambda: kpis.summary(hub))),
        ("kpis.summary(), one month", best(lambda: kpis.summary(hub, start="2025-12-01", end="2025-12-31"))),
        ("kpis.summary_json()", best(lambda: kpis.summary_json(kpis.summary(hub)))),
    ]
    base = rows[0][1]
    print(f"{'step':<52} {'best of 5':>10} {'× baseline':>11}")
    for name, seconds in rows:
        print(f"{name:<52} {seconds * 1000:>8.1f} ms {seconds / base:>10.2f}×")
    print(
        f"\norders: {len(hub.orders):,}; measured {time.strftime('%Y-%m-%d %H:%M')}; "
        f"spread of the baseline: {statistics.pstdev(timeit.repeat(plain_read, number=1, repeat=5)) * 1000:.1f} ms"
    )
    if not args.no_reports:
        bench_report()
        bench_batch()


if __name__ == "__main__":
    main()
