"""Large business folders for the benchmark: The Book Hub scaled up to any number of orders.

``python bench/scale.py N DIR`` writes a contract folder whose ``orders.csv`` holds N orders: The Book
Hub's orders, copied as often as needed with new order ids and new customer ids, so orders, customers and
repeat buyers grow together, and the other files as they are. The first copy keeps the original ids, so
every reference from the other files (an interaction's order, a touchpoint's customer) still holds and the
folder loads without a problem. Written copy by copy, so memory stays flat at any size.
"""

import shutil
import sys
from pathlib import Path

import pandas as pd

from smk_helpers import bookhub_path
from smk_helpers.core.contract import FILES

ID_STEP = 10_000_000  # copy k's order ids are the originals + k × ID_STEP: never one of another copy's


def scaled_bookhub(n_orders: int, folder) -> Path:
    """Write The Book Hub with ``n_orders`` orders to ``folder`` (made if missing); returns the folder."""
    source, folder = bookhub_path(), Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for spec in FILES:
        if spec.stem != "orders" and (source / spec.filename).is_file():
            shutil.copyfile(source / spec.filename, folder / spec.filename)
    orders = pd.read_csv(source / "orders.csv", dtype=str, keep_default_na=False)
    ids = orders["order_id"].astype("int64")
    known = orders["customer_id"] != ""
    staging = folder / "orders.csv.partial"
    with staging.open("w", encoding="utf-8", newline="") as out:
        written, copy = 0, 0
        while written < n_orders:
            part = orders.iloc[: n_orders - written].copy()
            if copy:
                part["order_id"] = (ids.iloc[: len(part)] + copy * ID_STEP).astype(str)
                renamed = f"K{copy}-" + part["customer_id"]
                part["customer_id"] = part["customer_id"].where(~known.iloc[: len(part)], renamed)
            part.to_csv(out, index=False, header=copy == 0, lineterminator="\n")
            written, copy = written + len(part), copy + 1
    staging.replace(folder / "orders.csv")
    return folder


if __name__ == "__main__":
    print(scaled_bookhub(int(sys.argv[1]), sys.argv[2]))
