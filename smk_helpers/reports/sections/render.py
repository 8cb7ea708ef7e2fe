"""A section as an HTML fragment, and a table of formatted values as HTML.

The CSS for the classes emitted here (``smk-section``, ``smk-table``, ``smk-wide`` …) is
`smk_helpers.reports.build.REPORT_CSS`. Rendering has no side effects: figures are inlined as PNG
and left open for the caller to close.
"""

from __future__ import annotations

import html
import re

import pandas as pd

__all__ = ["WIDE_TABLE_COLUMNS", "section_html", "table_html"]

# A table with this many columns or more is "wide": the report sets it in a smaller font so it fits the page.
WIDE_TABLE_COLUMNS = 8

# A formatted cell that reads as a number (money, percent, "pp", a ratio such as 2.00x, or n/a):
# a column of only such cells is right-aligned, any other column is text.
_NUMERIC = re.compile(r"^(?:n/a|[−+-]?[$€£¥]?[−-]?[\d.,]+(?:%| pp|x)?|[−+-]?\d[\d.,]*x)$")


def section_html(section, level: int = 2) -> str:
    """A `Section` as an HTML fragment (see `Section.html`); the section and its figures are left as they were."""
    from ...core import plots

    esc = html.escape
    parts = [
        f'<section class="smk-section"><h{level}>{esc(section.title)}</h{level}>',
        f'<p class="smk-summary">{esc(section.summary)}</p>',
    ]
    for caption, table in section.tables.items():
        parts.append(f'<div class="smk-table-wrap"><p class="smk-caption">{esc(caption)}</p>{table_html(table)}</div>')
    if section.notes:
        parts.append('<ul class="smk-notes">' + "".join(f"<li>{esc(n)}</li>" for n in section.notes) + "</ul>")
    parts += [plots.figure_html(fig, close=False) for fig in section.figures]
    parts.append("</section>")
    return "".join(parts)


def table_html(table: pd.DataFrame) -> str:
    """A table of formatted values as escaped HTML: numbers right-aligned, text left-aligned.

    Examples
    --------
    >>> t = pd.DataFrame({"who": ["<b>"], "revenue": ["$1.00"]}, index=pd.Index(["a"], name="k"))
    >>> print(table_html(t))
    <table class="smk-table"><thead><tr><th scope="col">k</th><th scope="col" class="text">who</th><th
    scope="col">revenue</th></tr></thead><tbody><tr><th
    scope="row">a</th><td class="text">&lt;b&gt;</td><td>$1.00</td></tr></tbody></table>
    """
    esc = html.escape

    def text_column(values) -> bool:
        cells = [str(v) for v in values if str(v) != ""]
        return bool(cells) and not all(_NUMERIC.match(c) for c in cells)

    text = ' class="text"'
    kinds = {c: text if text_column(table[c]) else "" for c in table.columns}
    head = "".join(f'<th scope="col"{kinds[c]}>{esc(str(c))}</th>' for c in table.columns)
    rows = []
    for label, row in table.iterrows():
        cells = "".join(f"<td{kinds[c]}>{esc(str(v))}</td>" for c, v in row.items())
        rows.append(f'<tr><th scope="row">{esc(str(label))}</th>{cells}</tr>')
    wide = " smk-wide" if len(table.columns) >= WIDE_TABLE_COLUMNS else ""
    return (
        f'<table class="smk-table{wide}"><thead><tr><th scope="col">{esc(str(table.index.name or ""))}</th>{head}</tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )
