"""Test-wide settings: nothing a test does may land in the repository or the user's home."""

import copy
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
    "SMK_WORKSHEET_DIR": "worksheets",  # kernels (nbval, Voilà) inherit it: no test saves a worksheet in ~
}.items():
    os.environ[var] = str(_SCRATCH / sub)
    (_SCRATCH / sub).mkdir(parents=True, exist_ok=True)

# No example database in the repository (.hypothesis/); the same examples every run.
set_hypothesis_home_dir(_SCRATCH / "hypothesis")
settings.register_profile("smk", database=None, derandomize=True, deadline=None)
settings.load_profile("smk")

REPO = Path(__file__).resolve().parents[1]

# The ceiling for any one wait on a kernel, a server or the browser. Waits end as soon as the awaited state is
# reached, so this only bounds how long a broken run takes to fail; it is not how long anything should take.
PATIENCE_S = 180
PATIENCE_MS = PATIENCE_S * 1000


@pytest.fixture(scope="session")
def repo() -> Path:
    """The project's root folder (read only in tests)."""
    return REPO


@pytest.fixture
def worksheet_folder(tmp_path, monkeypatch) -> Path:
    """The worksheet folder SMK_WORKSHEET_DIR points at during the test (not created yet)."""
    folder = tmp_path / "worksheets"
    monkeypatch.setenv("SMK_WORKSHEET_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def _bookhub_once():
    """The Book Hub, loaded once per test process; tests take it through `hub`."""
    from smk_helpers import load_bookhub

    return load_bookhub()


@pytest.fixture
def hub(_bookhub_once):
    """The Book Hub, a copy of the test's own: changing it changes no other test's."""
    return copy.deepcopy(_bookhub_once)


# ---------------------------------------------------------------------------------------------
# JupyterLab as `make lab` starts it, and a real browser


def make_command(target: str, bin_dir: Path | None = None) -> list[str]:
    """The Makefile's recipe for ``target`` as an argument list, with $(BIN) resolved to this venv."""
    import re
    import shlex
    import sys

    make = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(rf"^{re.escape(target)}:.*\n((?:\t.*\n)+)", make, re.M).group(1).replace("\\\n", " ")
    return shlex.split(recipe.replace("$(BIN)", str(bin_dir or Path(sys.executable).parent)))


def lab_command(bin_dir: Path | None = None) -> list[str]:
    """The Makefile's lab recipe as an argument list."""
    return make_command("lab", bin_dir)


def start_lab(home: Path, scratch: Path, extra=()):
    """Start `make lab`'s command with SMK_HOME=``home`` on a free loopback port; returns (process, url, token, info).

    ``extra`` options go to jupyter lab itself.
    """
    import json
    import subprocess
    import time

    from helpers import free_port

    port = free_port()
    runtime = scratch / "runtime"
    env = dict(
        os.environ,
        SMK_HOME=str(home),
        JUPYTER_RUNTIME_DIR=str(runtime),
        JUPYTERLAB_WORKSPACES_DIR=str(scratch / "workspaces"),
        JUPYTERLAB_SETTINGS_DIR=str(scratch / "settings"),
    )
    cmd = lab_command() + [f"--port={port}", "--no-browser", "--", *extra]
    log = scratch / "lab.log"  # a file, not a pipe: a pipe nobody reads fills up and stalls the server
    with open(log, "wb") as sink:
        proc = subprocess.Popen(cmd, cwd=scratch, env=env, stdout=subprocess.DEVNULL, stderr=sink)
    deadline = time.monotonic() + PATIENCE_S
    while time.monotonic() < deadline:
        for found in runtime.glob("jpserver-*.json") if runtime.exists() else []:
            try:
                info = json.loads(found.read_text())
            except (OSError, ValueError):  # the server writes this file in place: seen empty or half-written
                continue
            # jupyter_server writes this file before it binds its port (the bind is a callback of the event loop
            # that starts next), so a request right now can be refused: wait until the port takes connections.
            if "token" in info and _listening(info.get("port", port)):
                return proc, f"http://127.0.0.1:{info.get('port', port)}", info["token"], info
        if proc.poll() is not None:
            raise RuntimeError(log.read_text(encoding="utf-8", errors="replace"))
        time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"JupyterLab did not start within {PATIENCE_S} s")


def _listening(port: int) -> bool:
    """True when something accepts TCP connections on 127.0.0.1:``port``."""
    import socket

    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", int(port))) == 0


def stop(proc):
    """Stop a server started by a test: SIGTERM, then SIGKILL if it has not ended within 30 s."""
    import subprocess

    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:  # a loaded machine can take longer to shut a server and its kernels down
        proc.kill()
        proc.wait(timeout=30)


def chromium_path() -> str:
    """Debian's chromium, or skip with the reason (fail under CI=true, where it must be there)."""
    from smk_helpers.system.pdf import find_chromium

    path = find_chromium()
    if path:
        return path
    reason = (
        "no chromium found: `make test` installs Debian's chromium when run as root; "
        "elsewhere install it (apt-get install chromium) or set SMK_CHROMIUM"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def new_page(browser, **options):
    """A new browser page whose every wait and action may take up to PATIENCE_MS on a loaded machine."""
    page = browser.new_page(**options)
    page.set_default_timeout(PATIENCE_MS)
    return page


@pytest.fixture(scope="session")
def browser():
    """A headless Debian chromium driven by Playwright (never a downloaded browser)."""
    path = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=path,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--disable-quic",
            ],
        )
        yield b
        b.close()
