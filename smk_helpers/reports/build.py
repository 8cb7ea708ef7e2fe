"""Making a report: `make_report` checks, runs the report notebook and exports it.

``smk report`` and the worksheet page both call :func:`make_report`. It checks the parameters
and the business folder before any kernel starts, runs the report notebook (``report.ipynb``,
shipped in this package) in-process with papermill, and exports it to a self-contained HTML page
(our own lean nbconvert template: no code, no prompts, no remote scripts, styles or fonts), and
optionally a PDF through Chromium. Everything is written to a hidden folder first and moved into
place only when all of it succeeded, so a failed report leaves no partial output.

The parameters are checked in `parameters`; what the notebook calls while it runs is in `notebook`.
"""

from __future__ import annotations

import itertools
import os
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from ..errors import NotebookFailed, ParameterError, ReportError
from ..system.pdf import PdfError
from ..system.staging import OutputError, Staging, private_folder
from .notebook import PRELOADED, _load_key, default_period, load
from .parameters import DEFAULT_FORMATS, check_parameters, parse_formats

__all__ = [
    "NotebookFailed",
    "ParameterError",
    "ReportError",
    "ReportResult",
    "USER_ERRORS",
    "export_html",
    "make_report",
    "notebook_path",
]

# What make_report refuses with a sentence for the user; catch NotebookFailed (a bug) before these.
USER_ERRORS = (ParameterError, ReportError, OutputError, PdfError)


def notebook_path() -> Path:
    """The report notebook shipped in this package."""
    return Path(__file__).with_name("report.ipynb")


REPORT_CSS = """
:root { --marketing: #0072B2; --sales: #D55E00; --grey: #595959; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1a1a1a; line-height: 1.45; margin: 0; background: #fff; }
main.smk-report { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.8rem; margin: 0 0 .3rem; } h2 { font-size: 1.3rem; margin: 2rem 0 .4rem;
  border-bottom: 3px solid var(--marketing); padding-bottom: .2rem; }
.smk-meta { color: var(--grey); margin: 0 0 1rem; }
.smk-summary { font-size: 1.05rem; }
.smk-caption { font-weight: 600; margin: 1rem 0 .3rem; }
.smk-table-wrap { overflow-x: auto; }
table.smk-table { border-collapse: collapse; font-size: .85rem; font-variant-numeric: tabular-nums; }
table.smk-table th, table.smk-table td { border-bottom: 1px solid #ccc; padding: .25rem .5rem; text-align: right;
  vertical-align: top; }
table.smk-table th { background: #f2f2f2; } table.smk-table tbody th { text-align: left; white-space: nowrap; }
table.smk-table .text { text-align: left; } table.smk-table thead th { vertical-align: bottom; }
table.smk-table thead th:first-child { text-align: left; } table.smk-wide { font-size: .76rem; }
ul.smk-notes { color: #333; font-size: .92rem; }
figure.smk-figure { margin: 1.2rem 0; max-width: 42rem; }
figure.smk-figure img { display: block; width: 100%; height: auto; }
figcaption { color: var(--grey); font-size: .88rem; }
footer.smk-footer { color: var(--grey); font-size: .85rem; margin-top: 2rem; border-top: 1px solid #ccc; }
@page { size: A4; margin: 14mm; }
@media print { main.smk-report { max-width: none; padding: 0; }
  h2 { break-after: avoid; } table, figure, .smk-table-wrap { break-inside: avoid; }
  .smk-table-wrap { overflow: visible; } a { color: inherit; text-decoration: none; } }
"""


# ---------------------------------------------------------------------------------------------
# Running the notebook and exporting it
# ---------------------------------------------------------------------------------------------


_SOCKET_PATH_MAX = 100  # a Unix socket's path may hold about 104 to 108 bytes, by system


def _ipc_manager_class(folder=None):
    """A kernel manager class whose kernels keep their sockets and connection file in ``folder``.

    ``folder`` (default: the system's temporary folder) should be private to the run, so that nothing
    of the kernel's is left where others can see it. Kernels talk over IPC sockets, so parallel kernels
    never race for TCP ports (papermill #511); over TCP where there are no Unix sockets (Windows) or where
    the folder's path is too long for one. The class keeps the kernels it started in ``launched``, so that
    a run that is stopped can end them (see `_end_kernels`).
    """
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    private = folder is not None
    folder = str(folder or tempfile.gettempdir())
    prefix = "k" if private else f"smk-kernel-{uuid.uuid4().hex[:12]}-"  # in a shared folder, names no one can guess
    ipc = os.name != "nt" and len(os.fsencode(os.path.join(folder, f"{prefix}99-65535"))) <= _SOCKET_PATH_MAX
    names = itertools.count()

    class PrivateKernelManager(AsyncKernelManager):
        launched: list = []

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.launched.append(self)

        @default("connection_file")
        def _default_connection_file(self):
            return os.path.join(folder, f"kernel-{uuid.uuid4().hex[:12]}.json")

        @default("transport")
        def _default_transport(self):
            return "ipc" if ipc else "tcp"

        @default("ip")
        def _default_ip(self):
            return os.path.join(folder, f"{prefix}{next(names)}") if ipc else "127.0.0.1"

    PrivateKernelManager.launched = []
    return PrivateKernelManager


def _end_kernels(kernel_manager_class, private: Path) -> None:
    """Kill the run's kernels that are still running (a run stopped half-way).

    Those its kernel manager class knows of, and any child process started on a connection file in the run's
    private folder: a stop can come between a kernel's start and its manager hearing of it.
    """
    import psutil

    for manager in getattr(kernel_manager_class, "launched", ()):
        process = getattr(manager.provisioner, "process", None)
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()
    for child in psutil.Process().children():
        try:
            if any(str(private) in part for part in child.cmdline()):
                child.kill()
                child.wait(timeout=30)
        except (psutil.Error, OSError):
            continue


TEMPLATES = Path(__file__).with_name("templates")


def export_html(nb, title: str) -> str:
    """The executed notebook as one self-contained page: outputs only, our lean template and styles."""
    _skip_iri_checker()
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="smk-report",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    page, _ = exporter.from_notebook_node(nb, resources={"smk_title": title, "smk_css": REPORT_CSS})
    return page


@dataclass
class ReportResult:
    """What `make_report` wrote."""

    name: str
    out: Path
    files: list
    seconds: float = 0.0


def _failure_text(exc) -> str:
    ename, evalue = getattr(exc, "ename", type(exc).__name__), getattr(exc, "evalue", str(exc))
    return f"{ename}: {evalue}".strip()


def make_report(
    values: dict | None = None,
    out=None,
    formats=DEFAULT_FORMATS,
    *,
    kernel_manager_class=None,
    timeout: int = 600,
    step=None,
) -> ReportResult:
    """Make a report: check, run the report notebook, export; write report.html/.ipynb/.pdf and metrics.json.

    Parameters
    ----------
    values : dict
        Report parameters (see `PARAMETERS`; ``output_dir`` is set here).
    out : str or Path
        The folder to write to (created if needed); default ``report``.
    formats : str or sequence
        Any of html, pdf and ipynb; metrics.json is always written.
    kernel_manager_class : optional
        Default: a kernel on IPC sockets in the run's private folder.
    step : callable, optional
        Called with a short sentence as each step starts (for a progress line).

    Raises
    ------
    ParameterError, BusinessDataError, ReportError, OutputError, PdfError
        Each with a message for the user; nothing is written then, and nothing this run did not make is
        removed (see `smk_helpers.system.staging`).
    """
    import time

    t0 = time.perf_counter()
    formats = parse_formats(formats)
    values = dict(values or {})
    if "output_dir" in values:
        raise ParameterError("output_dir is set by smk report; give --out instead.")
    params = check_parameters(values)
    if "pdf" in formats:
        from ..system.pdf import NO_CHROMIUM, find_chromium

        if not find_chromium():
            raise PdfError(NO_CHROMIUM)
    business, _ = load(params)  # the contract's messages, before any kernel starts
    default_period(business, params["period_start"], params["period_end"])
    say = step or (lambda text: None)
    with Staging(out if out is not None else "report") as stage, private_folder() as private:
        say(f"Running the report notebook on {business.name}...")
        manager = kernel_manager_class or _ipc_manager_class(private)
        nb = _execute(params, stage.path, private, manager, timeout, business)
        made = ["metrics.json"]
        if not (stage.path / "metrics.json").is_file():
            raise ReportError("The report notebook did not write metrics.json; nothing was written.")
        if "ipynb" in formats:
            import nbformat

            _tidy_parameters(nb, stage.path, stage.out)
            (stage.path / "report.ipynb").write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
            made.append("report.ipynb")
        if "html" in formats or "pdf" in formats:
            say("Writing the report page" + (" and printing it to PDF..." if "pdf" in formats else "..."))
            page = export_html(nb, f"{business.name}: sales and marketing report")
            if "html" in formats:
                (stage.path / "report.html").write_text(page, encoding="utf-8")
                made.append("report.html")
            if "pdf" in formats:
                from ..system.pdf import html_to_pdf

                (stage.path / "report.pdf").write_bytes(html_to_pdf(page))
                made.append("report.pdf")
        written = stage.publish(made)  # all made: now move them into place, one rename each
    return ReportResult(name=business.name, out=stage.out, files=written, seconds=time.perf_counter() - t0)


def _skip_iri_checker() -> None:
    """Keep jsonschema from loading its IRI format checker, which takes about 2 s to import.

    nbformat validates notebooks with jsonschema, which imports ``rfc3987_syntax`` (a Lark grammar
    built at import) only to check "iri" strings; notebook schemas have none. jsonschema skips the
    checker when the import fails, so a None in sys.modules is all it takes.
    """
    import sys

    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


def _execute(params: dict, staging: Path, private: Path, kernel_manager_class, timeout: int, business=None):
    """Run the report notebook; it writes into ``staging``, and the loaded business goes to ``private``."""
    import pickle

    _skip_iri_checker()
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    run_params = {**params, "output_dir": str(staging)}
    before = os.environ.get(PRELOADED)
    if business is not None:  # the kernel inherits the variable and reads the folder from this file
        shared = private / "business.pickle"
        with open(shared, "wb") as fh:
            pickle.dump((_load_key(params), business), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.environ[PRELOADED] = str(shared)
    try:
        return pm.execute_notebook(
            str(notebook_path()),
            None,
            parameters=run_params,
            kernel_name="python3",
            progress_bar=False,
            cwd=os.getcwd(),
            kernel_manager_class=kernel_manager_class,
            execution_timeout=timeout,
            log_output=False,
            shutdown_kernel="immediate",
        )
    except PapermillExecutionError as exc:
        first = _failure_text(exc).splitlines()[0]
        raise NotebookFailed(
            f"The report notebook stopped at cell {exc.exec_count} ({first}); nothing was "
            "written. Please report this as a bug, with the command you ran."
        ) from None
    finally:
        _end_kernels(kernel_manager_class, private)
        if before is None:
            os.environ.pop(PRELOADED, None)
        else:
            os.environ[PRELOADED] = before


def _tidy_parameters(nb, staging: Path, out: Path) -> None:
    """Show the final folder, not the temporary one, in the injected parameters of report.ipynb."""
    for cell in nb.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell.source = cell.source.replace(str(staging), str(out))
