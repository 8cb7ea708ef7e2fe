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

    Solution cells (tag ``solution``) run like the others, and a solution whose check does not pass
    stops the run; but their outputs are not stored (see `hide_solutions`).
    """
    import os
    import tempfile

    import nbformat
    from nbclient import NotebookClient

    from ..course.grading import SOLUTIONS_MUST_PASS
    from ..system.files import write_text_atomic

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    # The kernel inherits a fresh worksheet folder and workspace, so the stored outputs show a new
    # student's view (no progress yet) and nothing of the author's own workspace.
    names = ("SMK_WORKSHEET_DIR", "SMK_HOME")
    with tempfile.TemporaryDirectory(prefix="smk-notebooks-") as folder:
        old = {name: os.environ.get(name) for name in names}
        os.environ["SMK_WORKSHEET_DIR"] = str(Path(folder) / "worksheets")
        os.environ["SMK_HOME"] = str(Path(folder) / "smk-home")
        os.environ[SOLUTIONS_MUST_PASS] = "1"
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
            os.environ.pop(SOLUTIONS_MUST_PASS, None)
            for name, value in old.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
    hide_solutions(nb)
    write_text_atomic(path, nbformat.writes(nb) + "\n")


def hide_solutions(nb) -> None:
    """Fold every solution cell and drop its output, so no view of the file shows an answer.

    JupyterLab folds a cell's source and outputs by the cell's ``jupyter`` metadata; nbconvert's HTML
    and a repository's file view ignore that metadata and show stored outputs as they are. So the
    outputs of a solution (its check's verdict, which states the answer) are not stored at all.
    """
    for cell in nb.cells:
        if cell.cell_type == "code" and "solution" in cell.metadata.get("tags", []):
            cell.metadata["jupyter"] = {"source_hidden": True, "outputs_hidden": True}
            cell.outputs = []
            cell.execution_count = None


if __name__ == "__main__":  # python -m smk_helpers.dev.notebooks notebooks/*.ipynb
    for name in sys.argv[1:]:
        print(f"executing {name}")
        execute_in_place(name)
