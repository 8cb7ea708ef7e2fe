"""`make bench`: smk against DuckDB on the same CSVs, and smk's other costs against their baselines.

This machine is shared and noisy, so absolute times mean little: every measure here is set beside its
baseline, taken in the same run, alternating the two, and the medians are compared. Nothing here is a
test and nothing asserts a time; but before it times anything, it checks that smk's headline numbers
equal DuckDB's to the cent, since a fast wrong answer is worth nothing.

    python bench/run.py            # quick: 10k, 100k and 1M orders, then the reports
    python bench/run.py --full     # adds 10M orders (checks free disk and memory first)
    python bench/run.py --no-reports

It prints a table and writes build/bench/results.json: the machine, the versions, every median and ratio.
The large folders are The Book Hub scaled up (bench/scale.py), kept in build/bench/data between runs.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "build" / "bench"
BIN = Path(sys.executable).parent
QUICK_SIZES = (10_000, 100_000, 1_000_000)
FULL_SIZE = 10_000_000
MONEY = {"revenue", "average_order_value", "marketing_spend", "attributed_revenue", "cost_per_lead", "cac"}


def run(cmd, cwd=None) -> tuple[float, float]:
    """Wall seconds and peak memory (MiB) of one whole process; fails loudly if it fails.

    A child's peak memory counts what it inherited at the fork, so this process imports nothing large
    before the sizes are timed: the numbers and the folders come from subprocesses too.
    """
    start = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"bench: {' '.join(map(str, cmd))} failed: {child.stderr.read().decode()[-500:]}")
    child.stderr.close()
    return seconds, usage.ru_maxrss / 1024  # Linux gives ru_maxrss in KiB


def timed(cmd, cwd) -> float:
    return run(cmd, cwd)[0]


def alternate(commands: dict[str, list], rounds: int) -> dict[str, dict]:
    """Run each command ``rounds`` times, taking turns, so all see the same load; medians of time and memory."""
    seen = {name: ([], []) for name in commands}
    for _ in range(rounds):
        for name, cmd in commands.items():
            seconds, mib = run(cmd)
            seen[name][0].append(seconds)
            seen[name][1].append(mib)
    return {
        name: {"median_s": statistics.median(t), "runs_s": t, "peak_mib": statistics.median(m)}
        for name, (t, m) in seen.items()
    }


def numbers_of(cmd) -> dict:
    """The JSON a command prints."""
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def same_numbers(folder: Path) -> None:
    """smk's and polars' headline KPIs equal DuckDB's: counts exactly, money to the cent, ratios to 9 digits."""
    duck = numbers_of([sys.executable, str(HERE / "duckdb_kpis.py"), str(folder)])
    for who, cmd in (
        ("smk", [str(BIN / "smk"), "summary", str(folder), "--json"]),
        ("polars", [sys.executable, str(HERE / "polars_kpis.py"), str(folder)]),
    ):
        theirs_all = numbers_of(cmd)
        for key, expected in duck.items():
            got = theirs_all.get(key)
            if expected is None or got is None:
                agree = expected is None and got is None
            elif key in MONEY:
                agree = round(expected, 2) == round(got, 2)
            else:
                agree = abs(expected - got) <= 1e-9 * max(1.0, abs(expected))
            if not agree:
                raise SystemExit(f"bench: {folder.name}: {key} is {got} in {who} but {expected} in DuckDB; not timing.")


def folder_of(n: int) -> Path:
    """The scaled Book Hub with ``n`` orders, made once and kept (remade if the Book Hub changed)."""
    folder = OUT / "data" / f"orders-{n}"
    stamp = folder / ".made-from"
    source = (ROOT / "data" / "bookhub" / "orders.csv").stat()
    mark = f"{n} {source.st_size} {source.st_mtime_ns}"
    if not stamp.is_file() or stamp.read_text() != mark:
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run(
            [sys.executable, str(HERE / "scale.py"), str(n), str(folder)], check=True, stdout=subprocess.DEVNULL
        )
        stamp.write_text(mark)
    return folder


def room_for(n: int) -> None:
    """Enough free disk and memory for a folder of ``n`` orders, or a sentence saying what is missing."""
    need_disk = n * 80 * 2  # about 60 bytes an order in orders.csv, and room to spare
    free_disk = shutil.disk_usage(OUT).free
    free_mem = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    if free_disk < need_disk:
        raise SystemExit(
            f"bench: {n:,} orders need about {need_disk / 2**30:.1f} GiB of disk; {free_disk / 2**30:.1f} are free."
        )
    if free_mem < 8 * 2**30:
        raise SystemExit(f"bench: {n:,} orders need about 8 GiB of free memory; {free_mem / 2**30:.1f} free.")


def bench_sizes(sizes, rounds: int) -> list[dict]:
    """`smk summary DIR --json` against DuckDB's headline KPIs, whole processes, at each size."""
    rows = []
    print(f"\n{'orders':>12} {'smk':>9} {'DuckDB':>9} {'ratio':>7} {'smk MiB':>9} {'DuckDB MiB':>11}  (goals ≤ 2×)")
    for n in sizes:
        if n >= FULL_SIZE:
            room_for(n)
        folder = folder_of(n)
        same_numbers(folder)
        result = alternate(
            {
                "smk": [str(BIN / "smk"), "summary", str(folder), "--json"],
                "duckdb": [sys.executable, str(HERE / "duckdb_kpis.py"), str(folder)],
                "polars": [sys.executable, str(HERE / "polars_kpis.py"), str(folder)],
            },
            rounds if n < FULL_SIZE else 3,
        )
        smk, duck, polars = result["smk"], result["duckdb"], result["polars"]
        row = {
            "orders": n,
            "smk": smk,
            "duckdb": duck,
            "polars": polars,
            "time_ratio": smk["median_s"] / duck["median_s"],
            "memory_ratio": smk["peak_mib"] / duck["peak_mib"],
        }
        rows.append(row)
        print(
            f"{n:>12,} {smk['median_s']:>8.2f}s {duck['median_s']:>8.2f}s {row['time_ratio']:>6.1f}× "
            f"{smk['peak_mib']:>9.0f} {duck['peak_mib']:>11.0f}  (memory {row['memory_ratio']:.1f}×; "
            f"polars {polars['median_s']:.2f}s, {polars['peak_mib']:.0f} MiB)"
        )
    by_size = {row["orders"]: row for row in rows}
    if 1_000_000 in by_size and FULL_SIZE in by_size:
        growth = by_size[FULL_SIZE]["smk"]["median_s"] / by_size[1_000_000]["smk"]["median_s"]
        print(f"  growth from 1M to 10M orders: {growth:.1f}× the time (goal ≤ 11×)")
    return rows


def bench_startup(rounds: int) -> dict:
    """`smk --help`, and `smk summary --json` on The Book Hub against importing pandas, whole processes."""
    result = alternate(
        {
            "smk --help": [str(BIN / "smk"), "--help"],
            "python -c 'import pandas'": [sys.executable, "-c", "import pandas"],
            "smk summary --json (Book Hub)": [str(BIN / "smk"), "summary", "--json"],
        },
        rounds,
    )
    pandas_s = result["python -c 'import pandas'"]["median_s"]
    summary_s = result["smk summary --json (Book Hub)"]["median_s"]
    print("\nStarting up, whole processes, medians:")
    for name, measured in result.items():
        print(f"  {name:<32} {measured['median_s']:6.2f} s")
    print(f"  smk --help: goal < 0.15 s; summary − import pandas: {summary_s - pandas_s:+.2f} s (goal ≤ +0.2 s)")
    return {"measures": result, "summary_minus_import_pandas_s": summary_s - pandas_s}


def bench_lessons(rounds: int = 3) -> list[dict]:
    """Each lesson, run top to bottom in a new kernel, against a bare kernel start plus the lesson's own compute.

    Own compute is the sum of the lesson's cell times on a second run in the same, warm kernel: what the
    lesson itself costs, without the imports and the first loads that the first run pays for.
    """
    import nbformat
    from nbclient import NotebookClient

    def one_run(client, nb) -> float:
        start = time.perf_counter()
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        return time.perf_counter() - start

    rows = []
    print(f"\n{'lesson':<40} {'new kernel':>10} {'bare start':>10} {'own compute':>12} {'ratio':>6}  (goal ≤ 1.5×)")
    quiet = {"stderr": subprocess.DEVNULL}  # the kernels' start-up warnings would bury the table
    with tempfile.TemporaryDirectory(prefix="smk-bench-") as tmp:
        os.environ["SMK_WORKSHEET_DIR"] = tmp
        os.environ["SMK_HOME"] = tmp  # the lessons' checks record progress: never in the user's ~/smk
        bare_runs = []
        for _ in range(5):  # the same for every lesson: a median of five
            bare_start = time.perf_counter()
            empty = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])
            bare = NotebookClient(empty, kernel_name="python3")
            with bare.setup_kernel(**quiet):
                bare.execute_cell(empty.cells[0], 0)
            bare_runs.append(time.perf_counter() - bare_start)
        bare_s = statistics.median(bare_runs)
        for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
            wholes, owns = [], []
            for _ in range(rounds):
                nb = nbformat.read(path, as_version=4)
                client = NotebookClient(nb, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
                start = time.perf_counter()
                with client.setup_kernel(**quiet):
                    one_run(client, nb)
                    wholes.append(time.perf_counter() - start)
                    owns.append(one_run(client, nb))
            whole, own = statistics.median(wholes), statistics.median(owns)
            ratio = whole / (bare_s + own)
            rows.append(
                {
                    "lesson": path.name,
                    "new_kernel_s": whole,
                    "bare_start_s": bare_s,
                    "own_compute_s": own,
                    "ratio": ratio,
                }
            )
            print(f"{path.name:<40} {whole:>9.2f}s {bare_s:>9.2f}s {own:>11.2f}s {ratio:>5.2f}×")
    return rows


def bench_worksheet(changes: int = 21) -> dict:
    """The worksheet page's recompute after one number changes (save, live numbers, funnel), in this process.

    The page is filled with The Book Hub's example, then one number is changed ``changes`` times: half of
    the changes move a count the funnel chart draws (so the chart is drawn again), half only money.
    """
    from smk_helpers.worksheet.fields import bookhub_example
    from smk_helpers.worksheet.page import WorksheetPage

    with tempfile.TemporaryDirectory(prefix="smk-bench-") as tmp:
        os.environ["SMK_WORKSHEET_DIR"] = tmp
        os.environ["SMK_HOME"] = tmp  # nothing of the bench's reaches the user's ~/smk
        page = WorksheetPage()
        for field_id, value in bookhub_example().items():
            widget = page.inputs.get(field_id)
            if widget is not None and isinstance(value, str) and isinstance(widget.value, str):
                widget.value = value
        timings = {"money only": [], "funnel redrawn": []}
        for i in range(changes):
            kind, field_id = ("funnel redrawn", "visits") if i % 2 else ("money only", "revenue")
            base = float(str(page.inputs[field_id].value).replace(",", "") or 0)
            start = time.perf_counter()
            page.inputs[field_id].value = f"{base + 1:g}"
            timings[kind].append(time.perf_counter() - start)
    medians = {kind: statistics.median(t) * 1000 for kind, t in timings.items()}
    print("\nThe worksheet page's recompute after one number changes (save, live numbers), medians:")
    for kind, ms in medians.items():
        print(f"  {kind:<16} {ms:6.1f} ms")
    print("  goal < 50 ms")
    return {"median_ms": medians}


def versions() -> dict:
    found = {}
    for name in ("pandas", "numpy", "pyarrow", "duckdb", "polars", "papermill", "nbclient"):
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    found["python"] = platform.python_version()
    found["smk"] = commit.stdout.strip() or None
    return found


def bench_report(rounds: int = 3) -> dict:
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
    return {"smk_report_s": smk, "manual_route_s": manual, "ratio": smk / manual, "goal": "<= 0.5"}


def bench_batch(n: int = 16) -> dict:
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
    print(f"  speed-up: {serial / parallel:.2f}× (goal ≥ 1.8×)")
    return {"reports": n, "serial_s": serial, "parallel_s": parallel, "speed_up": serial / parallel, "goal": ">= 1.8"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="add 10M orders (about 600 MB of CSV, several minutes)")
    parser.add_argument("--no-reports", action="store_true", help="skip the report benchmarks (about 5 minutes)")
    parser.add_argument("--rounds", type=int, default=5, help="runs of each measure at the quick sizes (default 5)")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    sizes = QUICK_SIZES + ((FULL_SIZE,) if args.full else ())
    results = {
        "measured": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": {
            "platform": platform.platform(),
            "cores": os.cpu_count(),
            "memory_gib": round(os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 2**30, 1),
        },
        "versions": versions(),
        "sizes": bench_sizes(sizes, args.rounds),
        "startup": bench_startup(args.rounds),
    }
    results["lessons"] = bench_lessons()
    results["worksheet"] = bench_worksheet()
    if not args.no_reports:
        results["report"] = bench_report()
        results["batch"] = bench_batch()
    staging = OUT / "results.json.partial"
    staging.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    staging.replace(OUT / "results.json")
    print(f"\nWrote {OUT / 'results.json'}")


if __name__ == "__main__":
    main()
