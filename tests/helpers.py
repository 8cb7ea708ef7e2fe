"""Helpers the test files share: business folders, the loader's problems, notebooks, and a free port."""

import socket
from pathlib import Path

import nbformat
import pytest

from smk_helpers import BusinessDataError, load_business

# ---------------------------------------------------------------------------------------------
# Business folders and the loader


def business_folder(folder, files=None, /, **tables) -> Path:
    """Make ``folder``, write ``files`` (name -> text or bytes) and ``tables`` (stem -> text or bytes of stem.csv)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)  # text is written as UTF-8, bytes as they are
    for name, content in {**(files or {}), **{f"{stem}.csv": text for stem, text in tables.items()}}.items():
        (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return folder


def loader_problems(folder, **kwargs) -> list[str]:
    """The problem sentences `load_business` raises for ``folder`` (the test fails if it loads)."""
    with pytest.raises(BusinessDataError) as info:
        load_business(folder, **kwargs)
    return info.value.problems


# ---------------------------------------------------------------------------------------------
# Notebooks, read with nbformat (cell sources and output texts as one string each)


def read_notebook(path) -> nbformat.NotebookNode:
    """The notebook at ``path``, as nbformat version 4."""
    return nbformat.read(path, as_version=4)


def code_cells(nb) -> list:
    """The code cells of ``nb``, in order."""
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def markdown_cells(nb) -> list:
    """The markdown cells of ``nb``, in order."""
    return [cell for cell in nb.cells if cell.cell_type == "markdown"]


def tags(cell) -> list[str]:
    """The tags of ``cell`` (none: an empty list)."""
    return cell.metadata.get("tags", [])


def source(cell) -> str:
    """The source of ``cell`` as one string."""
    return cell.source


# ---------------------------------------------------------------------------------------------
# Servers


def free_port() -> int:
    """A TCP port that nothing listens on at 127.0.0.1, as the system picks it."""
    # Not smk_helpers.system.ports.free_port: it hands out 8866 whenever that is free, so two servers started
    # at once (pytest -n) would both be given it.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
