"""Keep environment.yml (conda, Binder) carrying exactly the pins of requirements.lock."""

from __future__ import annotations

import sys
from pathlib import Path

HEADER = """\
# Generated from requirements.lock by `make lock`; tests/test_setup.py fails if the two disagree.
# Conda / Binder: conda env create -f environment.yml && conda activate smk
name: smk
channels:
  - conda-forge
dependencies:
  - python=3.11
  - pip
  - pip:
"""


def pins(lock_text: str) -> list[str]:
    """The requirement lines of a lock file, without comments.

    Examples
    --------
    >>> pins("pandas==3.1.1            # via smk\\n# comment\\n\\nnumpy==2.4.6 ; python_version < '3.12'\\n")
    ['pandas==3.1.1', "numpy==2.4.6 ; python_version < '3.12'"]
    """
    lines = (line.split("#", 1)[0].strip() for line in lock_text.splitlines())
    return [line for line in lines if line]


def environment_yml(lock_text: str) -> str:
    """The text of environment.yml for a lock file: the same pins, then the package itself."""
    body = "".join(f'      - "{pin}"\n' for pin in pins(lock_text))
    return HEADER + body + "      - -e .\n"


if __name__ == "__main__":  # python -m smk_helpers.dev.envfile requirements.lock environment.yml
    lock, out = map(Path, sys.argv[1:3])
    out.write_text(environment_yml(lock.read_text(encoding="utf-8")), encoding="utf-8")
