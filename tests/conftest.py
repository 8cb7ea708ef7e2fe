"""Test-wide settings: nothing a test does may land in the repository or the user's home."""

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

# Kernels, matplotlib and Jupyter write caches and runtime files; send them all to a scratch folder.
_SCRATCH = Path(tempfile.mkdtemp(prefix="smk-tests-"))
for var, sub in {
    "HOME": "home",  # tools that write to ~ (jupyter, npm called by jupyterlab, rustup called by pip) write here
    "JUPYTER_CONFIG_DIR": "jupyter-config",
    "JUPYTER_DATA_DIR": "jupyter-data",
    "JUPYTER_RUNTIME_DIR": "jupyter-runtime",
    "IPYTHONDIR": "ipython",
    "MPLCONFIGDIR": "matplotlib",
    "XDG_CACHE_HOME": "cache",
    "SMK_HOME": "smk-home",
}.items():
    os.environ[var] = str(_SCRATCH / sub)
    (_SCRATCH / sub).mkdir(parents=True, exist_ok=True)

# No example database in the repository (.hypothesis/); the same examples every run.
set_hypothesis_home_dir(_SCRATCH / "hypothesis")
settings.register_profile("smk", database=None, derandomize=True, deadline=None)
settings.load_profile("smk")

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo() -> Path:
    """The project's root folder (read only in tests)."""
    return REPO
