"""Serving the worksheet page with Voilà (`smk worksheet`, `make worksheet`): on 127.0.0.1 only, with a login
token, a worksheet folder checked before it starts, and kernels that are shut down when unused.

Voilà is imported only when `serve` runs, so importing this module stays light.
"""

from __future__ import annotations

from pathlib import Path

from .. import limits
from .. import worksheet as ws
from ..system import ports
from ..system.ports import free_port, port_is_free, taken_port_text

# ---------------------------------------------------------------------------------------------
# Serving the page (`smk worksheet`, `make worksheet`)
# ---------------------------------------------------------------------------------------------

NOTEBOOK = "sales_vs_marketing.ipynb"
DEFAULT_PORT = ports.DEFAULT_PORT
IDLE_VARIABLE = "SMK_WORKSHEET_IDLE"  # how long a page may sit unused, for the page's own note (seconds)
# The page may load nothing from elsewhere (Voilà's lab template links Font Awesome on a CDN:
# blocked here, so no request leaves the machine) and typed text can never run as a script.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)


def notebook_path() -> Path:
    """The worksheet notebook: the copy inside the installed package, else the checkout's ``worksheets/``."""
    here = Path(__file__).resolve().parents[1]
    shipped = here / "worksheets" / NOTEBOOK
    return shipped if shipped.is_file() else here.parent / "worksheets" / NOTEBOOK


def check_folder(folder: Path) -> Path:
    """Make sure worksheets can be saved in ``folder``; returns it resolved, or raises ValueError saying why."""
    folder = Path(folder).expanduser().resolve()
    package = Path(__file__).resolve().parents[1]
    if folder == package or package in folder.parents:
        raise ValueError(
            f"The worksheet folder {folder} is inside the smk package, which may be replaced at the next "
            "install; choose a folder of your own with --folder or SMK_WORKSHEET_DIR."
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".smk-write-test-{ws.new_id()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise ValueError(
            f"Worksheets cannot be saved in {folder} ({(exc.strerror or str(exc)).lower()}); choose "
            "a folder you can write to with --folder or SMK_WORKSHEET_DIR."
        ) from None
    return folder


def idle_text(seconds: int) -> str:
    """How long the page may sit unused, in words: "an hour", "10 minutes", "30 seconds".

    Examples
    --------
    >>> idle_text(3600), idle_text(600), idle_text(90), idle_text(5)
    ('an hour', '10 minutes', '90 seconds', '5 seconds')
    """
    if seconds % 3600 == 0:
        return "an hour" if seconds == 3600 else f"{seconds // 3600} hours"
    if seconds % 60 == 0:
        return "a minute" if seconds == 60 else f"{seconds // 60} minutes"
    return f"{seconds} seconds"


def sleep_note(seconds: int) -> str:
    """What the page says about being shut down when unused (its answers are saved all along)."""
    return (
        f'<p class="smk-ws-sleep">Your answers are saved as you type. After {idle_text(seconds)} without use '
        "this page goes to sleep to free the computer's memory: if it stops answering, reload it (F5) and "
        "carry on where you were.</p>"
    )


def voila_argv(port: int, token: str, open_browser: bool, idle: int = limits.KERNEL_IDLE_SECONDS) -> list[str]:
    """Voilà's arguments: the worksheet notebook, on 127.0.0.1 only, with a login token.

    Each page load has a kernel of its own; one left unused for ``idle`` seconds is shut down (even with the
    page still open), so that pages opened and forgotten do not pile up kernels.
    """
    return [
        str(notebook_path()),
        f"--port={port}",
        "--Voila.port_retries=0",
        "--Voila.ip=127.0.0.1",
        f"--Voila.token={token}",
        "--theme=light",
        "--VoilaConfiguration.show_tracebacks=False",
        f"--MappingKernelManager.cull_idle_timeout={idle}",
        "--MappingKernelManager.cull_connected=True",
        f"--MappingKernelManager.cull_interval={max(1, min(60, idle // 4))}",
        *([] if open_browser else ["--no-browser"]),
    ]


def serve(
    port: int | None = None, open_browser: bool = True, folder=None, idle: int = limits.KERNEL_IDLE_SECONDS
) -> None:
    """Serve the worksheet with Voilà until Ctrl+C, printing where to open it and where answers are saved.

    Raises ValueError (one sentence) for a folder that cannot hold worksheets or a ``port`` already in use.
    """
    import os
    import secrets

    from voila.app import Voila

    folder = check_folder(folder if folder is not None else ws.worksheet_dir())
    if port is not None and not port_is_free(port):
        raise ValueError(taken_port_text(port))
    os.environ["SMK_WORKSHEET_DIR"] = str(folder)  # the page's kernels inherit both
    os.environ[IDLE_VARIABLE] = str(idle)
    port = port or free_port(DEFAULT_PORT)
    token = secrets.token_hex(24)
    print(
        f"The sales-vs-marketing worksheet: open http://127.0.0.1:{port}/?token={token}\n"
        f"Answers are saved in {folder}. A page unused for {idle_text(idle)} goes to sleep (reload it to go on). "
        "Stop the worksheet with Ctrl+C.",
        flush=True,
    )
    Voila.launch_instance(
        argv=voila_argv(port, token, open_browser, idle),
        tornado_settings={"headers": {"Content-Security-Policy": CONTENT_SECURITY_POLICY}},
    )
