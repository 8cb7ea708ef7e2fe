"""Business reports: the report notebook's parameters, its helpers, and `make_report`, which runs it.

``smk report`` and the worksheet page both call :func:`make_report`. It checks the parameters
and the business folder before any kernel starts, runs the report notebook (``report.ipynb``,
shipped in this package) in-process with papermill, and exports it to a self-contained HTML page
(our own lean nbconvert template: no code, no prompts, no remote scripts, styles or fonts), and
optionally a PDF through Chromium. Everything is written to a hidden folder first and moved into
place only when all of it succeeded, so a failed report leaves no partial output.

Inside the notebook, :func:`begin` opens the business and works out the period;
``run.show(section)`` displays one `smk_helpers.reports.sections` section and keeps its raw tables;
``run.finish(output_dir)`` writes ``metrics.json``.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import math
import os
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from .. import limits
from ..core.params import STAFF_HOURLY_COST, parameter_problems
from ..errors import NotebookFailed, ParameterError, ReportError
from ..system.pdf import PdfError
from ..system.staging import OutputError, Staging, private_folder

__all__ = [
    "PARAMETERS",
    "Parameter",
    "ParameterError",
    "ReportError",
    "NotebookFailed",
    "ReportResult",
    "check_parameters",
    "parameters_text",
    "notebook_path",
    "begin",
    "ReportRun",
    "make_report",
    "export_html",
    "FORMATS",
    "parse_formats",
    "USER_ERRORS",
]

FORMATS = ("html", "pdf", "ipynb")
DEFAULT_FORMATS = ("html", "ipynb")


# What make_report refuses with a sentence for the user; catch NotebookFailed (a bug) before these.
USER_ERRORS = (ParameterError, ReportError, OutputError, PdfError)


# ---------------------------------------------------------------------------------------------
# Parameters: papermill checks none of them, so they are checked here, before any kernel starts
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str  # "text", "date", "number", "bool"
    default: object
    optional: bool  # may be empty (None)
    help: str
    max_chars: int = limits.MAX_PATH_CHARS  # text only: the longest value taken

    @property
    def type_text(self) -> str:
        words = {"text": "text", "date": "date YYYY-MM-DD", "number": "number", "bool": "true or false"}[self.kind]
        return words + (", or empty" if self.optional else "")


PARAMETERS: tuple[Parameter, ...] = (
    Parameter("data_dir", "text", "", False, "the business folder (holding orders.csv); empty for The Book Hub"),
    Parameter(
        "business_name", "text", "", False, "the name in titles; empty for the folder's name", limits.MAX_NAME_CHARS
    ),
    Parameter("currency", "text", "$", False, "the symbol written before amounts of money", limits.MAX_CURRENCY_CHARS),
    Parameter("period_start", "date", None, True, "first day of the period; empty for 12 months before the end"),
    Parameter("period_end", "date", None, True, "last day of the period; empty for the last order's day"),
    Parameter(
        "gross_margin", "number", None, True, "a fraction such as 0.45, for ROI when orders have no gross_profit"
    ),
    Parameter("staff_hourly_cost", "number", STAFF_HOURLY_COST, False, "what an hour of selling time costs"),
    Parameter(
        "handoff", "text", "", False, "the first funnel stage sales owns; empty to leave it out", limits.MAX_NAME_CHARS
    ),
    Parameter("worksheet", "text", "", False, "a saved worksheet (.json) whose goals and plan to show; empty for none"),
    Parameter("dayfirst", "bool", None, True, "how to read slash dates: true for 14/03/2025, false for 03/14/2025"),
    Parameter("output_dir", "text", "", False, "where the notebook writes metrics.json; empty to write nothing"),
)
BY_NAME = {p.name: p for p in PARAMETERS}
BOOKHUB_HANDOFF = "engaged"  # the first stage The Book Hub's sales own (lesson 04)


def parameters_text() -> str:
    """The valid parameters with their types, for error messages.

    Examples
    --------
    >>> parameters_text().split("; ")[:2]
    ['data_dir (text)', 'business_name (text)']
    """
    return "; ".join(f"{p.name} ({p.type_text})" for p in PARAMETERS if p.name != "output_dir")


_EMPTY = {"", "none", "null"}


def _shown(value, limit: int = 40) -> str:
    """A value as a message quotes it: its repr, cut short.

    Examples
    --------
    >>> _shown("0.45"), _shown("x" * 100)
    ("'0.45'", "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…'")
    """
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 2] + "…'"


def _coerce(p: Parameter, value):
    """The value as the notebook wants it, or a sentence saying what is wrong with it."""
    if isinstance(value, str) and p.kind != "text":
        value = value.strip()
        if value.lower() in _EMPTY:
            value = None
    if value is None:
        if p.optional:
            return None
        if p.kind == "text":
            return ""
        raise ParameterError(f"{p.name} cannot be empty; give a {p.type_text}.")
    if p.kind == "text":
        if not isinstance(value, str):
            raise ParameterError(
                f"{p.name} {_shown(value)} is not text; put it in quotes (a number such as 01234 "
                "loses its leading zero otherwise)."
            )
        if len(value) > p.max_chars:
            raise ParameterError(f"{p.name} is {len(value):,} characters long; give at most {p.max_chars:,}.")
        return value
    if p.kind == "date":
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return value.isoformat()
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise ParameterError(
                f"{p.name} {_shown(value)} is not a date; write it as YYYY-MM-DD, e.g. 2025-03-14."
            ) from None
    if p.kind == "bool":
        if isinstance(value, bool):
            return value
        words = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}
        if str(value).lower() in words:
            return words[str(value).lower()]
        raise ParameterError(f"{p.name} {_shown(value)} is not true or false.")
    # number
    if isinstance(value, bool):
        raise ParameterError(f"{p.name} {_shown(value)} is not a number.")
    if isinstance(value, str):
        text = value.replace(",", "")
        if text.endswith("%"):
            raise ParameterError(
                f"{p.name} {_shown(value)} looks like a percentage; give a fraction such as 0.45 for 45%."
            )
        try:
            value = float(text)
        except ValueError:
            raise ParameterError(f"{p.name} {_shown(value)} is not a number.") from None
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ParameterError(f"{p.name} {_shown(value)} is not a number.")
    return float(value)


def check_parameters(values: dict | None = None) -> dict:
    """Every report parameter, checked and typed: the defaults, overridden by ``values``.

    Values may be typed (from YAML or Python) or text (from ``-p key=value`` or a CSV cell);
    text is converted by the parameter's type, so ``-p business_name=01234`` stays text.

    Raises
    ------
    ParameterError
        For an unknown name, a value of the wrong type or out of range; the message names the
        parameter and lists the valid ones with their types.

    Examples
    --------
    >>> check_parameters({"gross_margin": "0.45", "period_end": "2025-12-31"})["gross_margin"]
    0.45
    >>> check_parameters({"margin": 0.45})
    Traceback (most recent call last):
    ...
    smk_helpers.errors.ParameterError: There is no parameter 'margin'. Did you mean gross_margin?
    The report's parameters are: data_dir (text); ...
    """
    values = dict(values or {})
    unknown = [name for name in values if name not in BY_NAME]
    if unknown:
        close = [p.name for p in PARAMETERS if unknown[0].lower() in p.name or p.name in unknown[0].lower()]
        hint = f" Did you mean {close[0]}?" if close else ""
        raise ParameterError(
            f"There is no parameter {unknown[0]!r}.{hint} The report's parameters are: {parameters_text()}."
        )
    checked = {}
    for p in PARAMETERS:
        try:
            checked[p.name] = _coerce(p, values.get(p.name, p.default))
        except ParameterError as exc:
            raise ParameterError(f"{exc} The report's parameters are: {parameters_text()}.") from None
    problems = parameter_problems(
        currency=checked["currency"],
        gross_margin=checked["gross_margin"],
        staff_hourly_cost=checked["staff_hourly_cost"],
        start=checked["period_start"],
        end=checked["period_end"],
        names={"start": "period_start", "end": "period_end"},
    )
    if problems:
        raise ParameterError(problems[0])
    return checked


def notebook_path() -> Path:
    """The report notebook shipped in this package."""
    return Path(__file__).with_name("report.ipynb")


# ---------------------------------------------------------------------------------------------
# Inside the notebook
# ---------------------------------------------------------------------------------------------


def load(params: dict):
    """Open the business of checked parameters: (Business, worksheet answers or None).

    Raises `smk_helpers.errors.BusinessDataError` (the contract's messages) or ReportError.
    """
    from dataclasses import replace

    from ..core.data import bookhub_path, load_business
    from ..worksheet import WorksheetFileError, read_answers

    folder = params["data_dir"].strip()
    name = params["business_name"].strip() or None
    business = _preloaded(params)
    if business is None:
        if not folder:
            business = load_business(bookhub_path(), name=name or "The Book Hub")
        else:
            business = load_business(Path(folder).expanduser(), dayfirst=params["dayfirst"], name=name)
    if name and business.name != name:
        business = replace(business, name=name)
    answers = None
    if params["worksheet"].strip():
        try:
            answers = read_answers(params["worksheet"].strip())
        except WorksheetFileError as exc:
            raise ReportError(str(exc)) from None
    return business, answers


PRELOADED = "SMK_REPORT_PRELOADED"  # the kernel's copy of the folder `make_report` has already loaded


def _load_key(params: dict) -> tuple:
    return (params["data_dir"], params["business_name"], params["dayfirst"])


def _preloaded(params: dict):
    """The business `make_report` loaded (and checked) for these parameters, so the kernel need not read it again.

    `make_report` pickles it into its own private staging folder and names the file in an
    environment variable of the kernel it starts; anywhere else this returns None.
    """
    import pickle

    path = os.environ.get(PRELOADED)
    if not path:
        return None
    try:
        with open(path, "rb") as fh:
            key, business = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError):
        return None
    return business if key == _load_key(params) else None


def default_period(business, start=None, end=None) -> tuple[str, str, list[str]]:
    """The report's period: the given days, else the 12 months up to the last order (or all the data).

    Returns start, end (YYYY-MM-DD) and the sentences that say what was assumed. Raises
    ReportError when the period holds no order.

    Examples
    --------
    >>> from smk_helpers import load_bookhub
    >>> default_period(load_bookhub())[:2]
    ('2025-01-01', '2025-12-31')
    """
    import pandas as pd

    from ..core.rules import in_period

    dates = business.orders["order_date"].dropna()
    first, last = dates.min().normalize(), dates.max().normalize()
    notes = []
    if end is None:
        end = last
        notes.append(f"The period ends on the last order's day, {last:%Y-%m-%d}; set period_end to choose another.")
    end = pd.Timestamp(end)
    if start is None:
        year_before = end - pd.DateOffset(years=1) + pd.Timedelta(days=1)
        start = max(year_before, first) if first <= end else year_before
        what = "the 12 months up to its end" if start == year_before else "all the data up to its end"
        notes.append(f"The period covers {what}; set period_start to choose another.")
    start = pd.Timestamp(start)
    if not in_period(dates, start, end).any():
        raise ReportError(
            f"There are no orders from {start:%Y-%m-%d} to {end:%Y-%m-%d}: orders.csv runs from "
            f"{first:%Y-%m-%d} to {last:%Y-%m-%d}, so choose period_start and period_end inside it."
        )
    return f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}", notes


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


@dataclass
class ReportRun:
    """A report being made inside the notebook: the business, the period, and what was shown."""

    params: dict
    business: object
    answers: dict | None
    start: str
    end: str
    assumptions: list = field(default_factory=list)
    shown: list = field(default_factory=list)

    @property
    def period(self) -> dict:
        """``start`` and ``end`` keywords for the sections."""
        return {"start": self.start, "end": self.end}

    @property
    def worksheet_name(self) -> str:
        """The file name of the worksheet whose answers are shown ('' when none)."""
        return Path(self.params["worksheet"]).name if self.params["worksheet"].strip() else ""

    @property
    def goals(self) -> dict:
        """The owner's goals from the worksheet, as keywords for the sales and marketing sections."""
        answers = self.answers or {}
        return {"marketing": answers.get("marketing_goal") or None, "sales": answers.get("sales_goal") or None}

    def show(self, section) -> None:
        """Display a section as HTML (escaped text, inlined figures) and keep its raw tables for metrics.json."""
        if section is None:
            return
        from IPython.display import HTML, display

        self.shown.append(section)
        display(HTML(section.html()))
        section.close()  # its figures are on the page now

    def title(self) -> None:
        """Display the report's title, period and date (call it first)."""
        from IPython.display import HTML, display

        esc = html.escape
        display(
            HTML(
                f"<header><h1>{esc(self.business.name)}: sales and marketing report</h1>"
                f'<p class="smk-meta">From {esc(self.start)} to {esc(self.end)}. Made with smk on '
                f"{dt.date.today():%Y-%m-%d}; every number is in metrics.json, every formula in the "
                "glossary.</p></header>"
            )
        )

    def metrics(self) -> dict:
        """What metrics.json holds: the headline summary's keys, the previous period, tables, parameters."""
        from ..core import benchmarks, kpis
        from .sections import KPI_KEY

        head = next((s for s in self.shown if s.key == KPI_KEY and s.data), None)
        if head is None:  # a notebook that leaves the KPI table out still gets the summary's keys
            summary = {
                **kpis.summary(self.business, self.start, self.end, self.params["gross_margin"]),
                "previous": None,
                "previous_period": None,
            }
        else:
            summary = dict(head.data)
        previous, window = summary.pop("previous"), summary.pop("previous_period")
        tables = {}
        for section in self.shown:
            for key, table in section.raw_tables.items():
                tables[key] = table.to_dict("records")
        params = {k: v for k, v in self.params.items() if k != "output_dir"}
        return {
            **summary,
            "previous_period": None if window is None else {"start": window[0], "end": window[1]},
            "previous": previous,
            "tables": tables,
            "parameters": params,
            "benchmarks": [b.as_dict() for b in benchmarks.BENCHMARKS],
            "assumptions": list(self.assumptions),
        }

    def finish(self, output_dir: str = "") -> None:
        """Write metrics.json to ``output_dir`` (nothing when it is empty) and show the footer."""
        from IPython.display import HTML, display

        from ..core.kpis import summary_json
        from ..system.files import write_text_atomic

        display(
            HTML(
                '<footer class="smk-footer"><p>Made with smk, the sales-vs-marketing workbook. The Book Hub '
                "is a synthetic example; benchmarks are labelled with their sources.</p></footer>"
            )
        )
        if output_dir:
            write_text_atomic(Path(output_dir) / "metrics.json", summary_json(self.metrics()))  # stable bytes


def begin(**values) -> ReportRun:
    """Start a report inside the notebook: check the parameters, open the folder, work out the period.

    Raises ParameterError, ReportError or BusinessDataError with a clear message, so a bad run
    stops at the first cell.
    """
    from ..core.plots import apply_house_style

    params = check_parameters(values)
    business, answers = load(params)
    start, end, notes = default_period(business, params["period_start"], params["period_end"])
    if not params["handoff"] and not params["data_dir"].strip():
        params["handoff"] = BOOKHUB_HANDOFF
    apply_house_style()
    from ..core.formatting import fmt_money

    hourly = fmt_money(params["staff_hourly_cost"], currency=params["currency"])
    assumptions = notes + [f"A conversation costs {hourly} an hour of staff time (staff_hourly_cost)."]
    if params["gross_margin"] is not None:
        assumptions.append(
            f"The gross margin is taken as {params['gross_margin']:.1%} (gross_margin) where "
            "orders.csv has no gross_profit."
        )
    return ReportRun(params=params, business=business, answers=answers, start=start, end=end, assumptions=assumptions)


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


def parse_formats(text) -> tuple[str, ...]:
    """'html,pdf' -> ('html', 'pdf'); raises ParameterError for an unknown format.

    Examples
    --------
    >>> parse_formats("HTML, pdf")
    ('html', 'pdf')
    """
    if isinstance(text, (list, tuple)):
        text = ",".join(text)
    formats = tuple(dict.fromkeys(f.strip().lower() for f in str(text).split(",") if f.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ParameterError(
            f"--format {text!r} is not known; give one or more of html, pdf and ipynb, separated by commas."
        )
    return formats


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
