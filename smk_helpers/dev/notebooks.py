"""Re-execute notebooks in place, so the outputs they store (and nbval compares) are the real ones."""

from __future__ import annotations

import sys
from pathlib import Path


def execute_in_place(path, timeout: int = 600) -> None:
    """Run every cell of a notebook top to bottom in the ``python3`` kernel and save the outputs.

    The kernel's working folder is the notebook's folder, as in JupyterLab. No timing metadata is
    recorded, so re-running an unchanged notebook changes as little as possible. The worksheet
    folder is an empty temporary one, so the stored outputs never show (or depend on) the
    worksheets saved on this machine.
    """
    import os
    import tempfile

    import nbformat
    from nbclient import NotebookClient

    from ..system.files import write_text_atomic

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="smk-worksheets-") as folder:
        old = os.environ.get("SMK_WORKSHEET_DIR")
        os.environ["SMK_WORKSHEET_DIR"] = folder  # the kernel inherits it
        try:
            client = NotebookClient(
                nb,
                kernel_name="python3",
                timeout=timeout,
                record_timing=False,
                resources={"metadata": {"path": str(path.parent.resolve())}},
            )
            client.execute()
        finally:
            if old is None:
                os.environ.pop("SMK_WORKSHEET_DIR", None)
            else:
                os.environ["SMK_WORKSHEET_DIR"] = old
    write_text_atomic(path, nbformat.writes(nb) + "\n")


if __name__ == "__main__":  # python -m smk_helpers.dev.notebooks notebooks/*.ipynb
    for name in sys.argv[1:]:
        print(f"executing {name}")
        execute_in_place(name)
