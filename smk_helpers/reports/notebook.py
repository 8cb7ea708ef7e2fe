"""The report notebook's side: what ``report.ipynb`` calls while it runs in its kernel.

:func:`begin` opens the business (the copy `make_report` already loaded, if the parameters match)
and works out the period; ``run.show(section)`` displays one `smk_helpers.reports.sections` section
and keeps its raw tables; ``run.finish(output_dir)`` writes ``metrics.json``.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReportError
from .parameters import BOOKHUB_HANDOFF, check_parameters

__all__ = ["PRELOADED", "ReportRun", "begin", "default_period", "load"]


def default_period(business, start=None, end=None) -> tuple[str, str, list[str]]:
    """The report's period (lesson 10 uses it too): see `smk_helpers.reports.sections.periods.default_period`.

    Imported when called: the sections load pandas, and `smk --help` reads this package's parameters.
    """
    from .sections.periods import default_period as period

    return period(business, start, end)


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
