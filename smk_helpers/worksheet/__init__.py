"""The sales-vs-marketing worksheet: its questions, checks, numbers, scoring, files and summary.

Everything the worksheet page needs lives in this package; the notebook only lays out widgets. Each
part is a module of its own, and each imports only the ones listed before it; every name is also
here, so ``from smk_helpers import worksheet as ws; ws.FIELDS, ws.save(...)`` works.

* **Model** (`fields`) – `FIELDS` (sections 1–6 of the worksheet), `blank`, `bookhub_example`, `progress`.
  Section 5 asks lesson 09's statements (`smk_helpers.course.alignment.STATEMENTS`), defined once there.
* **The Book Hub's answers** (`examples`) – every number an example states is computed from the Book Hub's
  data (March 2025 and the 12 months to its end) with the KPI library, once per process; nothing else here
  loads the data.
* **Answers hold what was typed.** An answers dict maps every field id to the raw text as the
  owner typed it (a list of strings for a multi-choice field; a score may also be an int).
  Nothing is parsed on save, so a half-typed or wrong number is never lost: numbers are parsed
  on use with `validate_field` (also in `fields`), which returns the value or a one-sentence message.
* **Live numbers** (`numbers`) – `worksheet_kpis` and `worksheet_funnel_table`, through
  `smk_helpers.core.kpis` and `smk_helpers.core.funnel` (no formula is written here).
* **Alignment** (`scoring`) – `alignment_result`: lesson 09's `smk_helpers.course.alignment.assess_alignment`
  (its statements, cut-offs, advice and tips).
* **Files** (`store`) – one JSON file per worksheet in `worksheet_dir()`, named ``<slug>-<id>.json``
  (`slug` is `smk_helpers.system.files.slug`). The random id is the worksheet's identity; the slug
  follows the business name (a rename renames the file at the next save). `save` writes atomically
  with a schema version and a revision counter, holds a lock on the folder while it checks and
  writes, and refuses to overwrite a newer revision (`ConflictError`); a corrupt or unknown-version
  file raises `WorksheetFileError` and is never written to. A file of an older schema version opens
  through `migrate`, with nothing lost.
* **Summary** (`export`) – `summary_html` (printable on A4 and Letter), `blank_worksheet_html`,
  `answers_csv`, `answers_json`.

The page itself is in `page` (widgets), `uploads` (its report step, without widgets) and `server`
(serving it with Voilà); this package does not import them.
"""

from __future__ import annotations

from ..system.files import slug
from .export import (
    answer_text,
    answers_csv,
    answers_json,
    blank_worksheet_html,
    funnel_html,
    kpi_table_html,
    summary_html,
)
from .fields import (
    ACTIONS,
    CHANNELS,
    CURRENCIES,
    FIELDS,
    FIELDS_BY_ID,
    KINDS,
    MAX_LONG_TEXT,
    MAX_TEXT,
    NUMBER_KINDS,
    SCALE,
    SECTIONS,
    Field,
    blank,
    bookhub_example,
    fields_in,
    problems,
    progress,
    validate_field,
)
from .numbers import (
    FUNNEL_WAITING,
    HANDOFF,
    ONE_TO_ONE_LABEL,
    STAGES,
    KpiRow,
    funnel_drawing,
    funnel_figure,
    funnel_notes,
    worksheet_funnel_table,
    worksheet_kpis,
)
from .scoring import PRACTICES, AlignmentResult, alignment_result
from .store import (
    SCHEMA_VERSION,
    ConflictError,
    WorksheetFileError,
    file_name,
    list_worksheets,
    load,
    migrate,
    new_id,
    new_record,
    path_of,
    read_answers,
    reload,
    save,
    save_as_copy,
    worksheet_dir,
)
from .store import _folder_lock as _folder_lock  # the tests hold the lock

__all__ = [
    "SCHEMA_VERSION",
    "FIELDS",
    "SECTIONS",
    "Field",
    "KpiRow",
    "AlignmentResult",
    "ConflictError",
    "WorksheetFileError",
    "blank",
    "bookhub_example",
    "progress",
    "validate_field",
    "problems",
    "worksheet_kpis",
    "worksheet_funnel_table",
    "funnel_drawing",
    "funnel_figure",
    "alignment_result",
    "file_name",
    "reload",
    "blank_worksheet_html",
    "kpi_table_html",
    "funnel_html",
    "answer_text",
    "funnel_notes",
    "worksheet_dir",
    "slug",
    "new_id",
    "new_record",
    "path_of",
    "load",
    "migrate",
    "read_answers",
    "save",
    "save_as_copy",
    "list_worksheets",
    "summary_html",
    "answers_csv",
    "answers_json",
    # also public before the split, and used by the page and the reports
    "MAX_TEXT",
    "MAX_LONG_TEXT",
    "KINDS",
    "NUMBER_KINDS",
    "CURRENCIES",
    "CHANNELS",
    "SCALE",
    "FIELDS_BY_ID",
    "PRACTICES",
    "ACTIONS",
    "fields_in",
    "STAGES",
    "HANDOFF",
    "ONE_TO_ONE_LABEL",
    "FUNNEL_WAITING",
]
