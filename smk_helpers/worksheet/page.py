"""The worksheet page: the widgets that ``worksheets/sales_vs_marketing.ipynb`` lays out and Voilà serves.

This module only wires widgets to `smk_helpers.worksheet`, which holds every question, check,
number, score, file and summary; the report step's work without widgets (uploaded files, the
loader's verdict, the report's links) is in `smk_helpers.worksheet.uploads`, and serving the page
with Voilà in `smk_helpers.worksheet.server`. Every callback is a plain method, so the tests drive
a page without a browser: set a widget's ``value`` or call a button's ``click()``.

How the page behaves:

* On opening it continues the most recently saved worksheet, or starts a new one.
* Every change is saved at once (`worksheet.save`: atomic, revisioned). A new worksheet gets its
  file with the first answer typed.
* A save refused because another tab saved a newer revision, or because the file on disk cannot
  be read, pauses saving and offers to reload the saved version or to save this page's answers as
  a copy. Nothing on disk is overwritten meanwhile, and nothing typed on the page is lost.
* What is typed stays as typed: a wrong number shows a message under its field and the numbers
  that need it show "n/a" with the reason.
* The last step makes the report of ``smk report`` from the owner's own files: they are copied,
  under the contract's names only, into a temporary folder of their own (never the worksheet
  folder), checked at once with the loader's messages, and the report comes back as download
  links. Nothing in that step writes to the saved worksheet.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import os
import shutil
import sys
import traceback
import weakref
from pathlib import Path

import ipywidgets as widgets

from .. import worksheet as ws
from ..system.staging import new_private_folder
from .server import IDLE_VARIABLE, sleep_note
from .uploads import (
    _SLASH_VALUE,
    SLASH_DATES,
    UPLOAD_HELP,
    _download_link,
    _lines_html,
    check_uploads,
    report_links_html,
    report_values,
    upload_html,
    write_uploads,
)

__all__ = ["WorksheetPage"]


LABEL_WIDTH = "15em"
FIELD_LAYOUT = dict(width="100%", max_width="60em")
CURRENCY_NAMES = {"$": "$ (dollar)", "€": "€ (euro)", "£": "£ (pound)", "¥": "¥ (yen)"}
NOT_SCORED = "not scored yet"

CSS = """
<style>
.smk-ws .widget-label { white-space: normal; line-height: 1.25; height: auto; \
min-height: var(--jp-widgets-inline-height);
  padding-top: 4px; font-weight: 600; color: #111; }
.smk-ws-field { margin: 0 0 .9em 0; }
.smk-ws .widget-html-content { line-height: 1.4; }
.smk-ws-help { color: #444; font-size: .92em; margin-left: calc(15em + 12px); max-width: 44em; }
.smk-ws-help details { margin-top: .15em; }
.smk-ws-help summary { cursor: pointer; color: #005a8c; width: fit-content; }
.smk-ws-help .smk-ws-example { background: #f3f6f9; border-left: 3px solid #0072B2; padding: .3em .6em; \
white-space: pre-wrap; }
.smk-ws-note { color: #444; font-size: .92em; max-width: 44em; margin: 0 0 .4em 0; }
.smk-ws-error { color: #8a2b00; font-weight: 600; margin-left: calc(15em + 12px); }
.smk-ws .smk-ws-score { height: auto; }
.smk-ws-score .widget-label { text-align: left; max-width: 44em; margin-bottom: .2em; }
.smk-ws-score select { width: 14em; flex: 0 0 auto; height: var(--jp-widgets-inline-height); }
.smk-ws-field-score .smk-ws-help { margin-left: 0; }
.smk-ws-group-label { font-weight: 600; margin: .2em 0; }
.smk-ws-bar { border-bottom: 1px solid #bbb; padding: .4em 0; }
.smk-ws-badge { position: fixed; right: 12px; bottom: 12px; z-index: 20; background: #fff; border: 1px solid #0072B2;
  border-radius: 4px; padding: 4px 10px; box-shadow: 0 1px 4px rgba(0,0,0,.2); font-size: .9em; }
.smk-ws-badge.smk-ws-unsaved { border: 2px solid #D55E00; }
/* Voilà's page scrolls inside a Lumino panel whose `contain: strict` would pin the badge to the panel,
   so it would scroll away; on that one panel, let it be pinned to the window instead. */
.lm-BoxPanel-child:has(.smk-ws-badge), .lm-BoxPanel:has(.smk-ws-badge) { contain: none !important; }
.smk-ws-status progress { width: 12em; vertical-align: middle; }
.smk-ws-alert { border: 2px solid #D55E00; background: #fff4ec; padding: .5em .8em; }
.smk-ws-out table { border-collapse: collapse; margin: .4em 0; max-width: 60em; }
.smk-ws-out th, .smk-ws-out td { border: 1px solid #bbb; padding: 3px 8px; text-align: left; vertical-align: top; }
.smk-ws-out td.num { white-space: nowrap; font-variant-numeric: tabular-nums; }
.smk-ws-out .problem { color: #8a2b00; font-weight: 600; }
.smk-ws-out figure { margin: .6em 0; max-width: 46em; } .smk-ws-out figcaption { color: #444; font-size: .92em; }
.smk-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media print {
  .smk-ws-bar, .smk-ws-badge, .widget-button, .smk-ws-downloads { display: none !important; }
  .smk-ws-help details:not([open]) { display: none; }
}
</style>
"""


def _guarded(method):
    """Show an unexpected error in the status line (Voilà hides tracebacks) instead of failing silently."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - the page must keep working; the server log has the traceback
            traceback.print_exc(file=sys.stderr)
            self._show_alert(
                f"Something went wrong ({type(exc).__name__}: {exc}). Your answers are still on "
                "this page; the worksheet keeps them in memory until they can be saved."
            )
            return None

    return wrapper


class WorksheetPage:
    """The widgets of the worksheet page and what they do.

    Parameters
    ----------
    folder : path, optional
        Where worksheets are saved; default `worksheet.worksheet_dir()`.

    Attributes
    ----------
    record : dict
        The worksheet on the page (`worksheet.new_record` format); ``record["answers"]`` is kept
        equal to what the widgets show.
    inputs : dict
        Field id → its widget (for the multi-choice field, a box of `checkboxes`).
    """

    def __init__(self, folder=None):
        self.folder = Path(folder) if folder is not None else ws.worksheet_dir()
        self.record = ws.new_record()
        self.on_disk = False  # has self.record a file yet?
        self.paused: str | None = None  # why saving is stopped (a conflict, an unreadable file, a disk error)
        self.last_saved: str | None = None
        self._loading = False
        self._drawn_funnel = None
        self.inputs: dict[str, widgets.Widget] = {}
        self.checkboxes: dict[str, widgets.Checkbox] = {}
        self.messages: dict[str, widgets.HTML] = {}
        self.rows: dict[str, widgets.Widget] = {}
        for field in ws.FIELDS:
            self._build_field(field)
        self._build_outputs()
        self._build_toolbar()
        self._build_report_step()
        self._fill(self.record["answers"])
        self._refresh_list()
        rows, _ = ws.list_worksheets(self.folder)
        if rows:
            self.open_saved(rows[0]["id"])

    # ------------------------------------------------------------------ building
    def _build_field(self, field: ws.Field) -> None:
        common = dict(
            description=field.label, style={"description_width": LABEL_WIDTH}, layout=widgets.Layout(**FIELD_LAYOUT)
        )
        if field.kind == "text":
            widget = widgets.Text(continuous_update=True, **common)
        elif field.kind == "long text":
            widget = widgets.Textarea(rows=3, continuous_update=True, **common)
        elif field.kind in ws.NUMBER_KINDS:
            widget = widgets.Text(continuous_update=True, **common)
        elif field.kind == "date":
            widget = widgets.DatePicker(
                description=field.label,
                style={"description_width": LABEL_WIDTH},
                layout=widgets.Layout(width="calc(15em + 13em)"),
            )
        elif field.kind == "choice":
            options = [("choose…", "")] + [(CURRENCY_NAMES.get(o, o), o) for o in field.options]
            widget = widgets.Dropdown(
                options=options, value="", description=field.label, style={"description_width": LABEL_WIDTH}
            )
        elif field.kind == "score":  # the statement is the label, on a line of its own above the choice
            options = [(NOT_SCORED, "")] + [(f"{n} – {word}", n) for n, word in ws.SCALE.items()]
            widget = widgets.Dropdown(
                options=options,
                value="",
                description=field.label,
                style={"description_width": "initial"},
                layout=widgets.Layout(flex_flow="column", align_items="flex-start", width="100%", max_width="60em"),
            )
            widget.add_class("smk-ws-score")
        elif field.kind == "multi-choice":
            boxes = [
                widgets.Checkbox(value=False, description=option, indent=False, layout=widgets.Layout(width="11em"))
                for option in field.options
            ]
            for option, box in zip(field.options, boxes, strict=True):
                self.checkboxes[option] = box
                box.observe(lambda _change, fid=field.id: self._changed(fid), names="value")
            widget = widgets.HBox(boxes, layout=widgets.Layout(flex_flow="row wrap", max_width="46em"))
        else:  # pragma: no cover - KINDS is closed
            raise ValueError(field.kind)
        if field.kind != "multi-choice":
            widget.observe(lambda _change, fid=field.id: self._changed(fid), names="value")
        self.inputs[field.id] = widget
        self.messages[field.id] = widgets.HTML("")
        parts = [widget, widgets.HTML(self._help_html(field)), self.messages[field.id]]
        if field.kind == "multi-choice":
            parts.insert(0, widgets.HTML(f'<div class="smk-ws-group-label">{html.escape(field.label)}</div>'))
        row = widgets.VBox(parts)
        row.add_class("smk-ws-field")
        if field.kind == "score":
            row.add_class("smk-ws-field-score")
        self.rows[field.id] = row

    @staticmethod
    def _help_html(field: ws.Field) -> str:
        esc = html.escape
        limit = f" Up to {field.max_length:,} characters." if field.max_length else ""
        example = ws.answer_text(field, field.example)
        source = field.example_source
        if example:
            shown = f"The Book Hub: {esc(example)}"
            if source:
                shown += f"<br><small>From its data: {esc(source)}.</small>"
        else:  # its data cannot answer this one: the source says why
            shown = esc(source)
        return (
            f'<div class="smk-ws-help">{esc(field.guidance)}{limit}<details><summary>Show example'
            f'<span class="smk-sr"> for {esc(field.label)}</span></summary>'
            f'<div class="smk-ws-example">{shown}</div></details></div>'
        )

    def _build_outputs(self) -> None:
        self.kpi_html = widgets.HTML()
        self.funnel_html = widgets.HTML()
        self.alignment_html = widgets.HTML()
        self.download_html = widgets.HTML()
        for w in (self.kpi_html, self.funnel_html, self.alignment_html, self.download_html):
            w.add_class("smk-ws-out")
        self.prepare_button = widgets.Button(
            description="Prepare the summary and downloads",
            button_style="primary",
            layout=widgets.Layout(width="fit-content"),
        )
        self.prepare_button.on_click(lambda _b: self.prepare_downloads())

    def _build_report_step(self) -> None:
        self.upload_dir: Path | None = None  # the temporary folder holding the files uploaded last
        self.files_ok = False  # did they pass the loader's checks?
        self._upload_cleanup = None
        self._left_out: list[str] = []
        self._report_links: str | None = None
        self.upload_label = widgets.HTML(
            f'<div class="smk-ws-group-label">Your business files</div>'
            f'<div class="smk-ws-note">{html.escape(UPLOAD_HELP)}</div>'
        )
        self.upload = widgets.FileUpload(
            accept=".csv,.xlsx",
            multiple=True,
            description="Choose your files",
            tooltip="Choose your business files (CSV or .xlsx)",
            layout=widgets.Layout(width="fit-content"),
        )
        self.upload.observe(self._uploaded, names="value")
        self.dayfirst = widgets.Dropdown(
            options=list(SLASH_DATES.items()),
            value="",
            description="Dates like 03/04/2025",
            style={"description_width": LABEL_WIDTH},
            layout=widgets.Layout(width="calc(15em + 24em)"),
        )
        self.dayfirst.observe(lambda _change: self.check_files(), names="value")
        self.upload_html = widgets.HTML()
        self.report_button = widgets.Button(
            description="Make my report",
            button_style="primary",
            disabled=True,
            layout=widgets.Layout(width="fit-content"),
        )
        self.report_button.on_click(lambda _b: self.make_my_report())
        self.report_html = widgets.HTML()
        for w in (self.upload_html, self.report_html):
            w.add_class("smk-ws-out")

    def _build_toolbar(self) -> None:
        self.status_html = widgets.HTML()
        self.status_html.add_class("smk-ws-status")
        self.badge_html = widgets.HTML()  # always in view, bottom right: saved or not, and progress
        idle = os.environ.get(IDLE_VARIABLE, "")
        self.sleep_html = widgets.HTML(sleep_note(int(idle)) if idle.isdigit() and int(idle) > 0 else "")
        self.alert_html = widgets.HTML()
        self.files_html = widgets.HTML()
        self.saved_list = widgets.Dropdown(
            options=[],
            description="Saved worksheets",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="34em"),
        )
        self.open_button = widgets.Button(description="Open", tooltip="Open the worksheet chosen in the list")
        self.new_button = widgets.Button(
            description="Start a new worksheet", layout=widgets.Layout(width="fit-content")
        )
        self.example_button = widgets.Button(
            description="Load the Book Hub example", layout=widgets.Layout(width="fit-content")
        )
        self.reload_button = widgets.Button(
            description="Reload the saved version", layout=widgets.Layout(width="fit-content")
        )
        self.copy_button = widgets.Button(description="Save mine as a copy", layout=widgets.Layout(width="fit-content"))
        self.retry_button = widgets.Button(description="Try saving again", layout=widgets.Layout(width="fit-content"))
        self.open_button.on_click(lambda _b: self.open_saved(self.saved_list.value))
        self.new_button.on_click(lambda _b: self.start_new())
        self.example_button.on_click(lambda _b: self.load_example())
        self.reload_button.on_click(lambda _b: self.reload_saved())
        self.copy_button.on_click(lambda _b: self.save_copy())
        self.retry_button.on_click(lambda _b: self.save_now())
        self.resolve_box = widgets.HBox(
            [self.reload_button, self.copy_button, self.retry_button], layout=widgets.Layout(display="none")
        )

    # ------------------------------------------------------------------ layout (used by the notebook)
    def toolbar(self) -> widgets.Widget:
        """The bar at the top: what is open, its save status and progress, and the worksheet buttons."""
        bar = widgets.VBox(
            [
                widgets.HTML(CSS),
                self.badge_html,
                self.status_html,
                self.alert_html,
                self.resolve_box,
                self.files_html,
                widgets.HBox([self.saved_list, self.open_button], layout=widgets.Layout(flex_flow="row wrap")),
                widgets.HBox([self.new_button, self.example_button], layout=widgets.Layout(flex_flow="row wrap")),
                self.sleep_html,
            ]
        )
        bar.add_class("smk-ws-bar")
        bar.add_class("smk-ws")
        return bar

    def section(self, number: int) -> widgets.Widget:
        """The questions of one section (1–6), with the live numbers under section 4 and the score under 5."""
        if number == 6:
            parts = []
            for label, key in ws.ACTIONS:
                parts.append(widgets.HTML(f"<h3>{label} action</h3>"))
                parts.extend(self.rows[f"{key}_{part}"] for part in ("action", "owner", "date"))
        else:
            parts, group = [], ""
            for f in ws.fields_in(number):
                if f.group != group:
                    group = f.group
                    parts.append(widgets.HTML(f"<h3>{html.escape(group)}</h3>"))
                parts.append(self.rows[f.id])
        if number == 4:
            parts += [
                widgets.HTML("<h3>Your numbers, worked out</h3>"),
                self.kpi_html,
                widgets.HTML("<h3>Your funnel</h3>"),
                self.funnel_html,
            ]
        if number == 5:
            parts += [widgets.HTML("<h3>Your result</h3>"), self.alignment_html]
        box = widgets.VBox(parts)
        box.add_class("smk-ws")
        return box

    def downloads(self) -> widgets.Widget:
        """The export step: a printable summary (HTML, PDF) and the answers (CSV, JSON) to download."""
        box = widgets.VBox([self.prepare_button, self.download_html])
        box.add_class("smk-ws")
        box.add_class("smk-ws-downloads")
        return box

    def report_step(self) -> widgets.Widget:
        """The report step: upload the business files, see what the loader says, make the report."""
        box = widgets.VBox(
            [self.upload_label, self.upload, self.dayfirst, self.upload_html, self.report_button, self.report_html]
        )
        box.add_class("smk-ws")
        box.add_class("smk-ws-downloads")
        return box

    # ------------------------------------------------------------------ answers <-> widgets
    @property
    def answers(self) -> dict:
        return self.record["answers"]

    def _value_of(self, field_id: str):
        field = ws.FIELDS_BY_ID[field_id]
        if field.kind == "multi-choice":
            return [o for o in field.options if self.checkboxes[o].value]
        value = self.inputs[field_id].value
        if field.kind == "date":
            return value.isoformat() if value else ""
        return value

    def _fill(self, answers: dict) -> None:
        """Show ``answers`` in the widgets without saving; a value a widget cannot show stays in the answers."""
        self._loading = True
        try:
            for field in ws.FIELDS:
                raw = answers.get(field.id)
                value, message = ws.validate_field(field.id, raw)
                widget = self.inputs[field.id]
                if field.kind == "multi-choice":
                    chosen = set(raw or [])
                    for option in field.options:
                        self.checkboxes[option].value = option in chosen
                elif field.kind == "date":
                    widget.value = value if not message else None
                elif field.kind in ("choice", "score"):
                    widget.value = value if (value is not None and not message) else ""
                else:
                    widget.value = "" if raw is None else str(raw)
        finally:
            self._loading = False
        for field in ws.FIELDS:
            self._show_message(field.id)
        self._drawn_funnel = None
        self._refresh_numbers()
        self._report_outdated()

    # ------------------------------------------------------------------ events
    @_guarded
    def _changed(self, field_id: str) -> None:
        if self._loading:
            return
        self.answers[field_id] = self._value_of(field_id)
        self._autosave(list_changed=field_id == "business_name" or not self.on_disk)  # first: the answer is safe
        self._show_message(field_id)
        self.download_html.value = (
            "<p>Your answers changed since the downloads were prepared; prepare them again.</p>"
            if self.download_html.value
            else ""
        )
        self._refresh_numbers()
        self._report_outdated()

    def _report_outdated(self) -> None:
        """A report made before the answers changed stays downloadable, with a note that it is out of date."""
        if self._report_links:
            self.report_html.value = (
                "<p><b>Your answers changed after this report was made;</b> click Make my report "
                "again to bring them in.</p>" + self._report_links
            )

    def _show_message(self, field_id: str) -> None:
        _, message = ws.validate_field(field_id, self.answers.get(field_id))
        self.messages[field_id].value = (
            f'<div class="smk-ws-error" role="alert">{html.escape(message)}</div>' if message else ""
        )

    def _refresh_numbers(self) -> None:
        answers = self.answers
        self.kpi_html.value = ws.kpi_table_html(answers)
        counts = tuple(ws.worksheet_funnel_table(answers)["count"].fillna(-1))
        if counts != self._drawn_funnel:  # draw again only when a funnel count changed
            self._drawn_funnel = counts
            self.funnel_html.value = ws.funnel_html(answers)
        self.alignment_html.value = f"<p>{html.escape(ws.alignment_result(answers).message)}</p>"
        self._show_status()

    def _show_status(self) -> None:
        esc = html.escape
        answered, total = ws.progress(self.answers)
        name = str(self.answers.get("business_name") or "").strip() or "a worksheet with no business name yet"
        if self.paused:
            saved = "<b>not saved</b> – see the message below"
        elif self.on_disk:
            saved = f"all changes saved{' at ' + self.last_saved if self.last_saved else ''}"
        else:
            saved = "new – it is saved as soon as you type an answer"
        where = esc(str(self.folder / ws.file_name(self.record))) if self.on_disk else esc(str(self.folder))
        short = (
            "Not saved – see the message at the top"
            if self.paused
            else f"Saved{' ' + self.last_saved if self.last_saved else ''}"
            if self.on_disk
            else "New worksheet"
        )
        self.badge_html.value = (
            f'<div class="smk-ws-badge{" smk-ws-unsaved" if self.paused else ""}" role="status">'
            f"{short} · {answered} of {total} answered</div>"
        )
        self.status_html.value = (
            f"<div>Editing <b>{esc(name)}</b>: {saved}.</div>"
            f'<div><progress max="{total}" value="{answered}" aria-label="Questions answered"></progress> '
            f"{answered} of {total} questions answered.</div>"
            f'<div style="font-size:.85em;color:#555">Saved in {where}</div>'
        )

    def _show_alert(self, text: str | None, buttons: tuple = ()) -> None:
        self.alert_html.value = f'<div class="smk-ws-alert" role="alert">{html.escape(text)}</div>' if text else ""
        for button in (self.reload_button, self.copy_button, self.retry_button):
            button.layout.display = None if button in buttons else "none"
        self.resolve_box.layout.display = None if buttons else "none"
        for button in (self.open_button, self.new_button, self.example_button):
            button.disabled = bool(buttons)  # nothing else is opened until this page's answers are safe

    def _autosave(self, list_changed: bool = False) -> None:
        if self.paused:
            self._show_status()
            return
        try:
            self.record = ws.save(self.record, folder=self.folder)
        except ws.ConflictError as exc:
            self._pause(str(exc), (self.reload_button, self.copy_button))
            return
        except ws.WorksheetFileError as exc:
            self._pause(
                f"{exc} So that nothing is overwritten, this page stopped saving; save your answers as a copy.",
                (self.copy_button,),
            )
            return
        except OSError as exc:
            self._pause(
                f"Your answers could not be saved in {self.folder} ({exc.strerror or exc}). They are still on "
                "this page; free some space or fix the folder, then try again.",
                (self.retry_button, self.copy_button),
            )
            return
        self.on_disk = True
        self.last_saved = dt.datetime.now().strftime("%H:%M:%S")
        if list_changed:
            self._refresh_list()
        self._show_status()

    def _pause(self, reason: str, buttons: tuple) -> None:
        self.paused = reason
        self._show_alert(reason, buttons)
        self._show_status()

    def _resume(self, note: str | None = None) -> None:
        self.paused = None
        self._show_alert(note)
        self._refresh_list()
        self._show_status()

    def _refresh_list(self) -> None:
        rows, bad = ws.list_worksheets(self.folder)
        options = [
            (f"{r['name']} – {r['answered']} of {r['total']} answered – saved {_local_time(r['updated'])}", r["id"])
            for r in rows
        ]
        self.saved_list.options = options or [("(none saved yet)", "")]
        ids = [ident for _, ident in self.saved_list.options]
        self.saved_list.value = self.record["id"] if self.record["id"] in ids else ids[0]
        self.open_button.disabled = not options or bool(self.paused)
        self.files_html.value = (
            '<div class="smk-ws-alert">These files in the worksheet folder could not be read '
            "and were left as they are: " + " ".join(html.escape(b) for b in bad) + "</div>"
            if bad
            else ""
        )

    # ------------------------------------------------------------------ buttons
    @_guarded
    def open_saved(self, ident: str) -> None:
        """Continue the saved worksheet with this id."""
        if not ident or self.paused:
            return
        try:
            record = ws.reload({"id": ident}, folder=self.folder)
        except (ws.WorksheetFileError, ValueError) as exc:
            self._show_alert(str(exc))
            return
        self.record, self.on_disk, self.last_saved = record, True, None
        self._fill(record["answers"])
        notes = record.get("migration_notes")
        self._resume(" ".join(notes) if notes else None)

    @_guarded
    def start_new(self) -> None:
        """A blank worksheet; the one open before stays saved and listed."""
        if self.paused:
            return
        self.record, self.on_disk, self.last_saved = ws.new_record(), False, None
        self._fill(self.record["answers"])
        self._resume("A new, blank worksheet. The one you had open is saved and listed under Saved worksheets.")

    @_guarded
    def load_example(self) -> None:
        """Open The Book Hub's filled-in worksheet (saved once, then reused while it is unchanged)."""
        if self.paused:
            return
        example = ws.bookhub_example()
        rows, _ = ws.list_worksheets(self.folder)
        same = next((row for row in rows if row["answers"] == example), None)
        if same is not None:
            self.open_saved(same["id"])
            return
        self.record, self.on_disk = ws.new_record(example), False
        self._fill(example)
        self._autosave(list_changed=True)
        self._show_alert(
            "The Book Hub's example answers, saved as a worksheet of their own; "
            "your worksheets are unchanged. Change anything to try it out."
        )

    @_guarded
    def reload_saved(self) -> None:
        """After a conflict: show the saved version, dropping what this page had not saved."""
        record = ws.reload(self.record, folder=self.folder)
        self.record, self.on_disk, self.last_saved = record, True, None
        self._fill(record["answers"])
        self._resume("The saved version is shown; the changes this page could not save were dropped.")

    @_guarded
    def save_copy(self) -> None:
        """After a conflict or an unreadable file: save this page's answers as a new worksheet."""
        try:
            self.record = ws.save_as_copy(self.record, folder=self.folder)
        except OSError as exc:
            self._pause(
                f"The copy could not be saved in {self.folder} ({exc.strerror or exc}).",
                (self.retry_button, self.copy_button),
            )
            return
        self.on_disk, self.last_saved = True, dt.datetime.now().strftime("%H:%M:%S")
        self._resume(
            f"Your answers were saved as a new worksheet ({ws.file_name(self.record)}); "
            "the other version was left as it was."
        )

    @_guarded
    def save_now(self) -> None:
        """Try the save again (after a disk error)."""
        self.paused = None
        self._show_alert(None)
        self._autosave(list_changed=True)

    @_guarded
    def prepare_downloads(self) -> None:
        """Make the summary (HTML, and PDF where Chromium is installed) and the answers (CSV, JSON) as download
        links."""
        from ..system.pdf import PdfError, html_to_pdf

        answers = self.answers
        stem = ws.slug(answers.get("business_name"))
        self.download_html.value = "<p>Preparing…</p>"
        page = ws.summary_html(answers)
        links = [_download_link(f"{stem}-summary.html", "text/html", page.encode("utf-8"), "Printable summary (HTML)")]
        try:
            links.append(
                _download_link(f"{stem}-summary.pdf", "application/pdf", html_to_pdf(page), "Printable summary (PDF)")
            )
        except PdfError as exc:
            links.append(f"<span>{html.escape(str(exc))}</span>")
        links.append(
            _download_link(
                f"{stem}-answers.csv",
                "text/csv",
                ws.answers_csv(answers).encode("utf-8"),
                "Answers (CSV, for a spreadsheet)",
            )
        )
        links.append(
            _download_link(
                f"{stem}-answers.json", "application/json", ws.answers_json(answers).encode("utf-8"), "Answers (JSON)"
            )
        )
        self.download_html.value = (
            "<p>Ready. Open the summary and print it, or keep the files:</p><ul>"
            + "".join(f"<li>{link}</li>" for link in links)
            + "</ul>"
        )

    # ------------------------------------------------------------------ the report step
    def _uploaded(self, change) -> None:
        files = [(str(f["name"]), bytes(f["content"])) for f in change["new"] or ()]
        if files:  # an empty value is the widget being cleared, not a new choice
            self.upload_files(files)

    @_guarded
    def upload_files(self, files) -> None:
        """Take a new set of uploaded files, ``[(name, bytes)]``, in place of the last one, and check them."""
        if self._upload_cleanup is not None:
            self._upload_cleanup()  # the previous set is removed from disk
        folder = new_private_folder()
        self._upload_cleanup = weakref.finalize(self, shutil.rmtree, str(folder), ignore_errors=True)
        self.upload_dir = folder
        self._left_out = write_uploads(files, folder)
        self._report_links = None
        self.report_html.value = ""
        self.check_files()

    @_guarded
    def check_files(self) -> None:
        """Run the loader on the uploaded files and show what it says; the report button follows the result."""
        if self.upload_dir is None:
            return
        business, lines = check_uploads(self.upload_dir, self._name_for_text(), _SLASH_VALUE[self.dayfirst.value])
        self.files_ok = business is not None
        self.upload_html.value = upload_html(self._left_out, business is not None, lines)
        self.report_button.disabled = not self.files_ok

    def _name_for_text(self) -> str:
        return str(self.answers.get("business_name") or "").strip() or "your business"

    @_guarded
    def make_my_report(self) -> None:
        """Make the report of `smk report` (`report.make_report`) from the uploaded files and this worksheet."""
        from ..core.data import BusinessDataError
        from ..reports import build as report

        if not self.files_ok:
            self.report_html.value = "<p>Choose your files above first; the report is made from them.</p>"
            return
        worksheet = ws.path_of(self.record, self.folder) if self.on_disk else None
        values = report_values(self.answers, self.upload_dir, worksheet, dayfirst=_SLASH_VALUE[self.dayfirst.value])
        self.report_button.disabled = True
        self._report_links = None
        self.report_html.value = (
            '<p role="status"><b>Making your report…</b> This takes 10 to 20 seconds; keep this page open.</p>'
        )
        out = new_private_folder()  # the report holds the owner's figures: made where only they can read it
        try:
            result = report.make_report(values, out=out / "report", formats=("html",))
            self._report_links = report_links_html(result, with_worksheet=worksheet is not None)
            self.report_html.value = self._report_links
        except BusinessDataError as exc:
            self.report_html.value = _lines_html("The report could not be made:", exc.problems)
        except report.USER_ERRORS as exc:
            self.report_html.value = _lines_html("The report could not be made:", [str(exc)])
        except Exception:
            self.report_html.value = "<p>The report could not be made; the message at the top of the page says why.</p>"
            raise
        finally:
            shutil.rmtree(out, ignore_errors=True)
            self.report_button.disabled = not self.files_ok


def _local_time(iso: str) -> str:
    try:
        return dt.datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso or "at an unknown time"
