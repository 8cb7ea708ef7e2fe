"""smk: helpers for the Sales-vs-Marketing course and workbook.

The package is built in layers; each imports only from the layers below it (the contract in
pyproject.toml's ``[tool.importlinter]`` holds this):

* ``cli`` and ``dev``: the ``smk`` command, and the tools that re-make the data and notebooks;
* ``worksheet.page``: the owner's worksheet page in the browser (it can make a report);
* ``reports``: the report notebook, its sections, single reports and batches;
* ``worksheet``: the worksheet's questions, numbers, scores, files and summary;
* ``course``: the lessons' models and widgets, the exercises and their grading;
* ``core``: the library: the data contract, the loader, the KPIs, the funnel, formatting and charts;
* ``system``: safe reading and writing of files, staging, stopping, ports, PDF;
* ``limits`` and ``errors``: every limit and every exception.

The names lessons use are here, and load on first use (PEP 562), so ``import smk_helpers`` loads
neither pandas nor matplotlib: ``from smk_helpers import kpis, load_bookhub, check``, or
``from smk_helpers import pipeline, load_example`` for the second example business.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# The name a lesson imports -> the module that holds it.
_MODULES = {
    "contract": "core.contract",
    "data": "core.data",
    "kpis": "core.kpis",
    "funnel": "core.funnel",
    "pipeline": "core.pipeline",
    "attribution": "core.attribution",
    "incrementality": "core.incrementality",
    "sellers": "core.sellers",
    "segments": "core.segments",
    "profile": "core.profile",
    "survey": "core.survey",
    "benchmarks": "core.benchmarks",
    "formatting": "core.formatting",
    "plots": "core.plots",
    "course": "course",
    "grading": "course.grading",
    "concepts": "course.concepts",
    "mix": "course.mix",
    "approaches": "course.approaches",
    "whatif": "course.whatif",
    "mistakes": "course.mistakes",
    "alignment": "course.alignment",
    "worksheet": "worksheet",
    "sections": "reports.sections",
    "report": "reports",
    "batch": "reports.batch",
    "cli": "cli",
    "limits": "limits",
}
# The functions and classes a lesson imports -> the module that defines them.
_NAMES = {
    "Business": "core.data",
    "BusinessDataError": "core.data",
    "bookhub_path": "core.data",
    "load_bookhub": "core.data",
    "load_business": "core.data",
    "load_example": "core.data",
    "fmt_money": "core.formatting",
    "fmt_number": "core.formatting",
    "fmt_pct": "core.formatting",
    "fmt_ratio": "core.formatting",
    "check": "course.exercises",
}

__all__ = sorted(_NAMES) + sorted(_MODULES) + ["__version__"]


def __getattr__(name: str):
    if name in _MODULES:
        module = importlib.import_module(f".{_MODULES[name]}", __name__)
    elif name in _NAMES:
        module = getattr(importlib.import_module(f".{_NAMES[name]}", __name__), name)
    else:
        raise AttributeError(f"module 'smk_helpers' has no attribute {name!r}")
    globals()[name] = module  # the next lookup is an ordinary attribute
    return module


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
