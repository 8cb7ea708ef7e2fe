"""Reports of a business: the report notebook, its sections, single reports and batches.

* `parameters`: the report's parameters and how a given value is checked;
* `notebook`: what ``report.ipynb`` calls while it runs (``report.begin(...)``, ``run.show(...)``);
* `build`: `make_report`, which checks, runs the notebook in a kernel and exports HTML, PDF, metrics.json;
* `batch`: many businesses at once, one worker process each;
* `sections`: the analysis blocks the report and lesson 10 show.

``from smk_helpers import report`` gives this package: ``report.begin``, ``report.make_report``.
"""

from .build import make_report
from .notebook import ReportRun, begin
from .parameters import PARAMETERS, check_parameters

__all__ = ["PARAMETERS", "ReportRun", "begin", "check_parameters", "make_report"]
