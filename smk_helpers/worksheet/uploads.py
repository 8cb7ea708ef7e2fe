"""The worksheet page's report step without widgets: the uploaded files, the loader's verdict, the report's links.

Nothing here needs a browser or ipywidgets; `smk_helpers.worksheet.page` shows what these return.
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

from ..core import contract

__all__ = [
    "upload_name",
    "write_uploads",
    "check_uploads",
    "upload_html",
    "report_values",
    "report_links_html",
]

# ---------------------------------------------------------------------------------------------
# The report step, without widgets
# ---------------------------------------------------------------------------------------------

UPLOAD_STEMS = tuple(spec.stem for spec in contract.FILES)
UPLOAD_SUFFIXES = (".csv", ".xlsx")
UPLOAD_HELP = (
    "Choose all your files at once (hold Ctrl, or Cmd on a Mac, to pick several): orders, and if you "
    f"have them {contract.optional_files_text()}, each saved as CSV or Excel (.xlsx). Choosing "
    "again replaces the whole set."
)
SLASH_DATES = {  # label -> value of the Dropdown; _SLASH_VALUE turns it into the report's dayfirst
    "not needed (my dates look like 2025-03-14)": "",
    "day first: 14/03/2025 is 14 March": "day",
    "month first: 03/14/2025 is March 14": "month",
}
_SLASH_VALUE = {"": None, "day": True, "month": False}
UPLOAD_ROOM = "Your upload"  # the loader names the folder; here it is a temporary one, so say this instead


def upload_name(name) -> str | None:
    """The name an uploaded file is saved under: its contract name in lower case, or None for any other file.

    Only the last part of the name counts, so a name can never point outside the upload folder.

    Examples
    --------
    >>> upload_name("Orders.CSV"), upload_name("campaigns.xlsx"), upload_name("../../funnel.csv")
    ('orders.csv', 'campaigns.xlsx', 'funnel.csv')
    >>> upload_name("sales.csv") is None, upload_name("orders.txt") is None, upload_name("orders (1).csv") is None
    (True, True, True)
    """
    base = re.split(r"[\\/]", str(name))[-1].strip().lower()
    stem, suffix = Path(base).stem, Path(base).suffix
    return f"{stem}{suffix}" if stem in UPLOAD_STEMS and suffix in UPLOAD_SUFFIXES else None


def not_read_text(name) -> str:
    """Why an uploaded file was left out."""
    stems = ", ".join(UPLOAD_STEMS[:-1]) + f" or {UPLOAD_STEMS[-1]}"
    return f"{name} is not one of the files smk reads: {stems}, each .csv or .xlsx; rename it or leave it out."


def write_uploads(files, folder) -> list[str]:
    """Write uploaded files, ``[(name, bytes)]``, into ``folder`` under their contract names.

    A file whose name is not in the contract is not written; nor is a second file for the same
    name (a CSV wins over a workbook, as in the loader). Returns one sentence per file left out.
    """
    folder = Path(folder)
    chosen: dict[str, tuple[str, str, bytes]] = {}  # stem -> (target, uploaded name, content)
    left_out = []
    for name, content in files:
        target = upload_name(name)
        if target is None:
            left_out.append(not_read_text(name))
            continue
        stem = Path(target).stem
        if stem in chosen:
            if target.endswith(".csv") and not chosen[stem][0].endswith(".csv"):
                chosen[stem], (target, name) = (target, name, content), chosen[stem][:2]
            left_out.append(
                f"{name} was left out: {chosen[stem][1]} is read as the {stem} file; choose only one {stem} file."
            )
            continue
        chosen[stem] = (target, name, content)
    for target, _name, content in chosen.values():
        (folder / target).write_bytes(content)
    return left_out


def check_uploads(folder, name: str, dayfirst: bool | None = None):
    """Load the uploaded files with the loader: (Business or None, lines to show).

    The lines are `sections.loaded_text` when the files are fine, else the loader's problems, one
    each (the temporary folder's path, meaningless to the owner, is called "Your upload").
    """
    from ..core.data import BusinessDataError, load_business
    from ..reports.sections import loaded_text

    try:
        business = load_business(folder, dayfirst=dayfirst, name=name)
    except BusinessDataError as exc:
        lines = [problem.replace(str(folder), UPLOAD_ROOM) for problem in exc.problems]
        if any(record.code == "ambiguous_date" for record in exc.records):
            lines.append(
                'On this page, say how to read such dates with the choice "Dates like 03/04/2025" above; '
                "your files are checked again at once."
            )
        return None, lines
    return business, loaded_text(business).splitlines()


def _lines_html(heading: str, lines) -> str:
    items = "".join(f'<li class="problem">{html.escape(line)}</li>' for line in lines)
    return f'<div role="alert"><p>{html.escape(heading)}</p><ul>{items}</ul></div>'


def upload_html(left_out, ok: bool, lines) -> str:
    """What the page says about an upload: the files left out, then the loader's verdict."""
    parts = [_lines_html("Left out:", left_out)] if left_out else []
    if ok:
        parts.append(
            "<div><p><b>Your files are fine.</b></p><ul>"
            + "".join(f"<li>{html.escape(line)}</li>" for line in lines)
            + "</ul><p>Now click Make my report.</p></div>"
        )
    else:
        parts.append(
            _lines_html(
                "Your files need fixing before a report can be made; fix these, then choose the files again:", lines
            )
        )
    return "".join(parts)


def report_values(answers: dict, data_dir, worksheet=None, dayfirst: bool | None = None) -> dict:
    """The report's parameters for the page: the uploaded folder, the worksheet's name and currency, its file.

    Examples
    --------
    >>> report_values({"business_name": " Corner Café ", "currency": "€"}, "/tmp/up", "/w/c.json")
    {'data_dir': '/tmp/up', 'business_name': 'Corner Café', 'currency': '€', 'worksheet': '/w/c.json'}
    >>> report_values({"business_name": "", "currency": ""}, "/tmp/up")
    {'data_dir': '/tmp/up', 'business_name': 'Your business'}
    """
    values = {
        "data_dir": str(data_dir),
        "business_name": str(answers.get("business_name") or "").strip() or "Your business",
    }
    if answers.get("currency"):
        values["currency"] = str(answers["currency"])
    if worksheet is not None:
        values["worksheet"] = str(worksheet)
    if dayfirst is not None:
        values["dayfirst"] = dayfirst
    return values


def report_links_html(result, with_worksheet: bool = True) -> str:
    """The made report as download links: report.html, then metrics.json."""
    texts = {
        "report.html": ("text/html", "Your report (report.html): open it in the browser, print it or keep it"),
        "metrics.json": ("application/json", "The report's numbers (metrics.json), for another program"),
    }
    links = [
        _download_link(path.name, texts[path.name][0], Path(path).read_bytes(), texts[path.name][1])
        for name in texts
        for path in result.files
        if Path(path).name == name
    ]
    note = (
        "It shows the goals and action plan saved in this worksheet."
        if with_worksheet
        else "This worksheet is not saved yet, so the report has no goals or action plan; answer the questions "
        "above, then make the report again."
    )
    return (
        f"<p>Your report is ready ({result.seconds:.0f} s). {html.escape(note)}</p><ul>"
        + "".join(f"<li>{link}</li>" for link in links)
        + "</ul>"
    )


def _download_link(filename: str, mime: str, data: bytes, text: str) -> str:
    """An ``<a download>`` with the file inlined (Voilà serves no local files)."""
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<a download="{html.escape(filename)}" href="data:{mime};base64,{encoded}">{html.escape(text)}</a> '
        f"<small>({html.escape(filename)}, {max(1, round(len(data) / 1024)):,} KB)</small>"
    )
