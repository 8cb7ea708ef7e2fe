"""`make bench`: how long the core steps take, each next to a baseline measured in the same run.

This machine is shared and noisy, so absolute times mean little; ratios against a baseline taken
in the same run are what to compare between versions. Not a test: nothing here asserts a time.
"""

import statistics
import time
import timeit

import pandas as pd

from smk_helpers import bookhub_path, kpis, load_bookhub
from smk_helpers.contract import FILES


def best(func, repeat=5):
    """Best of ``repeat`` runs, in seconds (the minimum is the least disturbed by other load)."""
    return min(timeit.repeat(func, number=1, repeat=repeat))


def plain_read():
    folder = bookhub_path()
    return [pd.read_csv(folder / spec.filename, dtype=str, keep_default_na=False) for spec in FILES]


def main():
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
    print(f"\norders: {len(hub.orders):,}; measured {time.strftime('%Y-%m-%d %H:%M')}; "
          f"spread of the baseline: {statistics.pstdev(timeit.repeat(plain_read, number=1, repeat=5)) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
