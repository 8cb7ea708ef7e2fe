"""The worksheet on paper and in files: `summary_html` (printable on A4 and Letter), `blank_worksheet_html`
(the questions to fill in by hand), `answers_csv` and `answers_json`."""

from __future__ import annotations

import csv
import html
import io
import json

from .fields import (
    ACTIONS,
    FIELDS,
    SCALE,
    SECTIONS,
    Field,
    _is_blank,
    blank,
    fields_in,
    problems,
    progress,
    validate_field,
)
from .numbers import FUNNEL_WAITING, funnel_drawing, funnel_notes, worksheet_kpis
from .scoring import alignment_result
from .store import SCHEMA_VERSION

# ---------------------------------------------------------------------------------------------
# Summary and exports
# ---------------------------------------------------------------------------------------------


def answer_text(field: Field, raw) -> str:
    """An answer as one line of text: choices joined with "; ", a score with its words ("4 – mostly true").

    Examples
    --------
    >>> from smk_helpers.worksheet.fields import FIELDS_BY_ID
    >>> answer_text(FIELDS_BY_ID["channels"], ["email", "print"]), answer_text(FIELDS_BY_ID["align_goals"], 4)
    ('email; print', '4 – mostly true')
    """
    if _is_blank(raw):
        return ""
    if isinstance(raw, (list, tuple)):
        return "; ".join(str(x) for x in raw)
    if field.kind == "score":
        value, message = validate_field(field.id, raw)
        return f"{value} – {SCALE[value]}" if not message else str(raw)
    return str(raw)


_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 11pt; line-height: 1.4;
       color: #111; max-width: 46em; margin: 1em auto; padding: 0 1em; }
h1 { font-size: 18pt; margin-bottom: .2em; } h2 { font-size: 13pt; border-bottom: 1px solid #999; margin-top: 1.4em; }
h3 { font-size: 11pt; }
dt { font-weight: bold; margin-top: .5em; } dd { margin: 0 0 0 1em; white-space: pre-wrap; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #999; padding: 4px 6px;
       text-align: left; vertical-align: top; white-space: pre-wrap; overflow-wrap: anywhere; }
th { background: #eee; }
.blank { color: #666; } .note, .guidance { font-size: 9pt; color: #444; } .problem { color: #8a2b00; }
figure { margin: 1em 0; } figcaption { font-size: 9pt; color: #444; }
.box { border: 1px solid #777; border-radius: 3px; min-height: 1.8em; margin: .2em 0 .6em; }
.box.long { min-height: 5.5em; } .choices { margin: .2em 0 .6em; } .choices span { margin-right: 1.4em; }
.question { break-inside: avoid; } td.write { height: 2.2em; width: 28%; } td.num { white-space: nowrap; }
table.actions td { height: 3.5em; }
@page { margin: 15mm; }  /* no page size: prints on A4 and on Letter alike */
@media print { body { margin: 0; max-width: none; } h2, h3 { break-after: avoid; }
  tr, dl div, figure, table { break-inside: avoid; } }
"""


def _page(title: str, body: list[str]) -> str:
    esc = html.escape
    return (
        "\n".join(
            [
                "<!DOCTYPE html>",
                '<html lang="en"><head><meta charset="utf-8">',
                '<meta name="viewport" content="width=device-width, initial-scale=1">',
                f"<title>{esc(title)}</title>",
                f"<style>{_CSS}</style></head><body>",
                *body,
                '<p class="note">Made with the smk sales-vs-marketing worksheet.</p></body></html>',
            ]
        )
        + "\n"
    )


def summary_html(answers: dict, title: str = "Sales and marketing worksheet", chart: bool = True) -> str:
    """A printable HTML page of the worksheet: every section, the live numbers and funnel, the
    alignment result and the action plan. Everything typed is escaped, so HTML or script shows
    as plain text; the page loads nothing from elsewhere (its chart is inlined).

    Parameters
    ----------
    answers : dict of raw answers
    title : str
    chart : bool, default True
        Include the funnel chart (as an inlined PNG with its description).

    Examples
    --------
    >>> page = summary_html({**blank(), "business_name": "<script>alert(1)</script>"})
    >>> "<script>" in page, "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    (False, True)
    """
    esc = html.escape
    name = str(answers.get("business_name") or "").strip()
    answered, total = progress(answers)
    found = problems(answers)
    body = [
        f"<h1>{esc(title)}{': ' + esc(name) if name else ''}</h1>",
        f'<p class="note">{answered} of {total} questions answered.</p>',
    ]
    if found:
        body.append(
            '<p class="problem"><b>To check:</b></p><ul class="problem">'
            + "".join(f"<li>{esc(m)}</li>" for m in found.values())
            + "</ul>"
        )
    for number, heading in SECTIONS.items():
        body.append(f"<h2>{number}. {esc(heading)}</h2>")
        if number == 6:
            body.append(_action_table(answers))
            continue
        body.append("<dl>")
        group = ""
        for f in fields_in(number):
            if f.group != group:
                group = f.group
                body.append(f"</dl><h3>{esc(group)}</h3><dl>")
            text = answer_text(f, answers.get(f.id))
            value = esc(text) if text else '<span class="blank">(not answered)</span>'
            body.append(f"<div><dt>{esc(f.label)}</dt><dd>{value}</dd></div>")
        body.append("</dl>")
        if number == 4:
            body.append("<h3>Your numbers</h3>" + kpi_table_html(answers))
            body.append(funnel_html(answers, chart=chart))
        if number == 5:
            body.append(f"<p><b>Result:</b> {esc(alignment_result(answers).message)}</p>")
    return _page(f"{title}{' – ' + name if name else ''}", body)


def funnel_html(answers: dict, chart: bool = True) -> str:
    """Section 4's funnel as HTML: the chart (an inline SVG described in words) or why it is not there
    yet, then its data-quality warnings.

    Examples
    --------
    >>> funnel_html(blank()) == f'<p class="note">{FUNNEL_WAITING}</p>'
    True
    >>> print(funnel_html({**blank(), "impressions": "10", "visits": "20"}, chart=False))
    <p class="problem">Stage &#x27;website visits&#x27; (20) is larger than the stage above it,
    &#x27;impressions&#x27; (10): a rate of 200.0%. Check the counts and the stage order.</p>
    """
    esc = html.escape
    parts = []
    if chart:
        drawing = funnel_drawing(answers)
        parts.append(drawing if drawing is not None else f'<p class="note">{esc(FUNNEL_WAITING)}</p>')
    parts.extend(f'<p class="problem">{esc(w)}</p>' for w in funnel_notes(answers))
    return "".join(parts)


def kpi_table_html(answers: dict) -> str:
    """The live numbers of section 4 as an HTML table: measure, value, what to compare it with (a benchmark and
    its source, or your break-even, with a verdict), how it is worked out, and why it is n/a.

    Examples
    --------
    >>> page = kpi_table_html({**blank(), "revenue": "<b>1</b>", "orders": "0"})
    >>> "<b>" in page, "orders is 0" in page, "Womply card data" in page
    (False, True, True)
    """
    esc = html.escape

    def compare(r) -> str:
        if not r.compare:
            return ""
        return esc(r.compare) + (f"<br><b>{esc(r.verdict)}</b>" if r.verdict else "")

    rows = "".join(
        f'<tr><td>{esc(r.label)}</td><td class="num">{esc(r.value)}</td><td>{compare(r)}</td>'
        f"<td>{esc(r.formula)}</td><td>{esc(r.reason or '')}</td></tr>"
        for r in worksheet_kpis(answers)
    )
    return (
        "<table><tr><th>measure</th><th>value</th><th>compare with</th><th>worked out as</th><th>why n/a</th></tr>"
        f"{rows}</table>"
    )


def blank_worksheet_html(title: str = "Sales and marketing worksheet") -> str:
    """The worksheet on paper: every question with its guidance and room to write, for a class.

    Choices are boxes to tick, scores are 1–5 to circle, and section 4 has a table for the
    month's numbers and one to work the KPIs out by hand, each with its formula in words.

    Examples
    --------
    >>> page = blank_worksheet_html()
    >>> page.count('class="question"') == len(FIELDS) - len(fields_in(4)) - len(fields_in(6))
    True
    >>> "marketing spend / new customers" in page
    True
    """
    esc = html.escape
    body = [
        f"<h1>{esc(title)}</h1>",
        '<p class="note">Name: ______________________ &nbsp; Date: ____________. '
        "Answer in a few words; an example from The Book Hub, a bookstore, is under each question "
        "in the online worksheet (<code>make worksheet</code>).</p>",
    ]
    for number, heading in SECTIONS.items():
        body.append(f"<h2>{number}. {esc(heading)}</h2>")
        if number == 4:
            body.append(_blank_numbers())
            continue
        if number == 6:
            rows = "".join(
                f'<tr><td>{label}</td><td style="width:50%"></td><td></td><td></td></tr>' for label, _ in ACTIONS
            )
            body.append(
                '<table class="actions"><tr><th>who</th><th>action</th><th>owner</th><th>by when</th></tr>'
                f"{rows}</table>"
            )
            continue
        for f in fields_in(number):
            body.append(
                f'<div class="question"><b>{esc(f.label)}</b><div class="guidance">{esc(f.guidance)}</div>'
                f"{_blank_answer(f)}</div>"
            )
        if number == 5:
            body.append(
                f'<p class="note">Your average: ______ of 5. Its stage: {esc(stage_cut_offs())}. Your two lowest '
                "statements (below 4) are where to start.</p>"
            )
    return _page(title, body)


def _blank_answer(field: Field) -> str:
    esc = html.escape
    if field.kind == "multi-choice" or field.kind == "choice":
        extra = " ☐ other: ________" if field.kind == "choice" else ""
        return '<div class="choices">' + "".join(f"<span>☐ {esc(o)}</span>" for o in field.options) + extra + "</div>"
    if field.kind == "score":
        return (
            '<div class="choices">' + "".join(f"<span>{n} {esc(word)}</span>" for n, word in SCALE.items()) + "</div>"
        )
    return f'<div class="box{" long" if field.kind == "long text" else ""}"></div>'


def _blank_numbers() -> str:
    esc = html.escape
    rows = []
    group = ""
    for f in fields_in(4):
        if f.group != group:
            group = f.group
            rows.append(f'<tr><th colspan="3">{esc(group)}</th></tr>')
        rows.append(
            f'<tr><td>{esc(f.label)}</td><td class="guidance">{esc(f.guidance)}</td><td class="write"></td></tr>'
        )
    kpi_rows = "".join(
        f'<tr><td>{esc(r.label)}</td><td>{esc(r.formula)}</td><td class="guidance">{esc(r.compare)}</td>'
        '<td class="write"></td></tr>'
        for r in worksheet_kpis(blank())
    )
    return (
        "<table><tr><th>number</th><th>what to count</th><th>yours</th></tr>" + "".join(rows) + "</table>"
        "<h3>Work them out</h3><table><tr><th>measure</th><th>worked out as</th><th>compare with</th>"
        "<th>yours</th></tr>"
        + kpi_rows
        + '</table><p class="note">A result whose bottom number is 0 or unknown is n/a: '
        "write n/a, not 0.</p>"
    )


def stage_cut_offs() -> str:
    """Lesson 09's stages and the averages that give them, in words (read from `assess_alignment`'s scale).

    Examples
    --------
    >>> stage_cut_offs()
    'below 2 undefined, 2 to below 3 defined, 3 to below 4 aligned, 4 or more integrated'
    """
    from ..course.alignment import STAGES, stage_for

    starts = {}
    for average in range(min(SCALE), max(SCALE) + 1):
        starts.setdefault(stage_for(float(average)).name, average)
    names = [s.name for s in STAGES]
    parts = []
    for i, name in enumerate(names):
        low = starts[name]
        high = starts[names[i + 1]] if i + 1 < len(names) else None
        if i == 0:
            parts.append(f"below {high} {name}")
        elif high is None:
            parts.append(f"{low} or more {name}")
        else:
            parts.append(f"{low} to below {high} {name}")
    return ", ".join(parts)


def _action_table(answers: dict) -> str:
    esc = html.escape
    rows = ["<table><tr><th>who</th><th>action</th><th>owner</th><th>by when</th></tr>"]
    for label, key in ACTIONS:
        cells = [esc(str(answers.get(f"{key}_{part}") or "")) for part in ("action", "owner", "date")]
        rows.append(f"<tr><td>{label}</td>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    rows.append("</table>")
    return "".join(rows)


def _csv_safe(text: str) -> str:
    """Keep a spreadsheet from running typed text as a formula (=, +, -, @ at the start)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def answers_csv(answers: dict) -> str:
    """The answers as CSV: section, field, question, answer (one row per question).

    Examples
    --------
    >>> print(answers_csv({**blank(), "business_name": "=HYPERLINK(1)"}).splitlines()[1])
    1,business_name,Business name,'=HYPERLINK(1)
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "field", "question", "answer"])
    for f in FIELDS:
        writer.writerow([f.section, f.id, f.label, _csv_safe(answer_text(f, answers.get(f.id)))])
    return out.getvalue()


def answers_json(answers: dict) -> str:
    """The answers as JSON text, with the schema version (sorted keys, UTF-8 text kept as is).

    Examples
    --------
    >>> json.loads(answers_json(blank()))["schema_version"]
    2
    """
    data = {"schema_version": SCHEMA_VERSION, "answers": {f.id: answers.get(f.id, "") for f in FIELDS}}
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
