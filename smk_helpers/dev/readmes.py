"""Keep the generated parts of the READMEs current: the contract's tables, The Book Hub's figures and the limits.

``make data`` runs ``python -m smk_helpers.dev.readmes`` after the generator; the tests check that the blocks are
current.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .. import limits
from ..core.contract import contract_markdown
from ..system.files import write_text_atomic
from . import bookhub
from .b2b import readme_block as northway_block


def replace_block(text: str, marker: str, body: str) -> str:
    """Replace what stands between ``<!-- marker:start -->`` and ``<!-- marker:end -->``.

    Examples
    --------
    >>> replace_block("a <!-- x:start -->old<!-- x:end --> b", "x", "new")
    'a <!-- x:start -->\\nnew\\n<!-- x:end --> b'
    """
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{body.strip()}\n{end}{tail}"


def sync_block(path, marker: str, body: str) -> None:
    """Rewrite the ``marker`` block of the file at ``path`` with ``body``."""
    target = Path(path)
    write_text_atomic(target, replace_block(target.read_text(encoding="utf-8"), marker, body))


def sync_readmes(root=".") -> None:
    """The contract and The Book Hub's section into ``data/README.md``, the limits into ``README.md``, under ``root``.

    The Book Hub's figures are measured on ``data/bookhub/``, so run the generator first.
    """
    sync_block(Path(root) / "data" / "README.md", "contract", contract_markdown())
    sync_block(Path(root) / "data" / "README.md", "bookhub", bookhub.readme_block(Path(root) / "data" / "bookhub"))
    sync_block(Path(root) / "README.md", "limits", limits.markdown())
    sync_block(Path(root) / "data" / "README.md", "northway", northway_block(Path(root) / "data" / "northway"))


if __name__ == "__main__":  # python -m smk_helpers.dev.readmes [ROOT]
    sync_readmes(*sys.argv[1:2])
