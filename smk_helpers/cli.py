"""The ``smk`` command line: validate, summarise and start a business folder; serve and print the worksheet.

Every error is one sentence per problem on standard error and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import sys
from pathlib import Path

from . import limits
from .core import contract as C
from .errors import BusinessDataError, UsageError
from .system.files import write_bytes_atomic, write_text_atomic
from .system.interrupt import EXIT_INTERRUPTED, stoppable

EXIT_OK, EXIT_USAGE = 0, 2


# ---------------------------------------------------------------------------------------------
# Parsing parameters


def _date_arg(option: str, value: str | None) -> dt.date | None:
    from .core import params

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(params.not_a_date_text(option, f"'{value}'")) from None


def _margin_arg(value: str | None) -> float | None:
    from .core import params

    if value is None:
        return None
    text = value.strip()
    try:
        margin = float(text.rstrip("%"))
    except ValueError:
        margin = text  # not a number: the rule says so
    if text.endswith("%") and isinstance(margin, float):
        margin = max(margin, 100.0)  # "45%" is a percentage, whatever its number
    problem = params.margin_problem(margin, "--gross-margin", f"'{value}'")
    if problem:
        raise UsageError(problem)
    return margin


def _dayfirst(args) -> bool | None:
    return True if args.dayfirst else False if args.monthfirst else None


def _load(args):
    from .core.data import bookhub_path, load_business  # pandas loads only for commands that read data

    folder = args.dir if args.dir is not None else bookhub_path()
    name = "The Book Hub" if args.dir is None else None
    return load_business(folder, dayfirst=_dayfirst(args), name=name)


# ---------------------------------------------------------------------------------------------
# Commands


def cmd_validate(args) -> int:
    from .core.data import load_business

    folder = Path(args.dir)
    try:
        business = load_business(folder, dayfirst=_dayfirst(args))
    except BusinessDataError as exc:
        if args.json:
            _print_json({"folder": str(folder), "valid": False, "problems": [r.as_dict() for r in exc.records]})
            return EXIT_USAGE
        n = len(exc.problems)
        print(f"{folder}: {n} problem{'s' if n != 1 else ''} found.")
        for problem in problem_lines(exc):
            print(f"  - {problem}")
        return EXIT_USAGE
    tables = [(spec.filename, getattr(business, spec.stem)) for spec in C.FILES]
    if args.json:
        rows = {name: len(df) for name, df in tables if df is not None}
        _print_json(
            {"folder": str(folder), "valid": True, "problems": [], "rows": rows, "warnings": list(business.warnings)}
        )
        return EXIT_OK
    found = ", ".join(f"{name} ({len(df):,} row{'' if len(df) == 1 else 's'})" for name, df in tables if df is not None)
    print(f"{folder}: valid. Read {found}.")
    for warning in business.warnings:
        print(f"  warning: {warning}")
    return EXIT_OK


def problem_lines(exc: BusinessDataError) -> list[str]:
    """The loader's sentences, each with what to type here when the command line can fix it.

    Examples
    --------
    >>> from smk_helpers.errors import Problem
    >>> problem_lines(BusinessDataError([Problem("orders.csv, column 'order_date', row 2: a slash date.",
    ...                                          "ambiguous_date", "orders.csv", "order_date", (2,))]))
    ["orders.csv, column 'order_date', row 2: a slash date. Give --dayfirst or --monthfirst to say which."]
    """
    hints = {
        "ambiguous_date": "Give --dayfirst or --monthfirst to say which.",
        "missing_file": "Run 'smk init FOLDER' to get a template.",
    }
    return [f"{r.message} {hints[r.code]}" if r.code in hints else r.message for r in exc.records]


def _print_json(data: dict) -> None:
    """One JSON document on standard output, for scripts (UTF-8, keys in the order given)."""
    import json

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def cmd_summary(args) -> int:
    from .core import kpis, params

    start, end = _date_arg("--start", args.start), _date_arg("--end", args.end)
    if start and end and start > end:
        raise UsageError(params.period_problem(start, end, ("--start", "--end")))
    margin = _margin_arg(args.gross_margin)
    business = _load(args)
    summary = kpis.summary(business, start=start, end=end, gross_margin=margin)
    if args.json:
        sys.stdout.write(kpis.summary_json(summary))
    else:
        sys.stdout.write(summary_text(summary, currency=args.currency))
    return EXIT_OK


def summary_text(s: dict, currency: str = "$") -> str:
    """The summary dict as a plain-text table for the terminal."""
    from .core import catalog
    from .core.formatting import fmt_days, fmt_money, fmt_number, fmt_pct, fmt_ratio

    def money(x):
        return fmt_money(x, currency=currency)

    period = s.get("period")
    span = f"{period['start']} to {period['end']}" if period else "all dates in the data"
    lines = [f"{s.get('business') or 'Business'} – {span}", ""]

    def section(title, rows):
        lines.append(title)
        width = max(len(label) for label, _ in rows)
        lines.extend(f"  {label:<{width}}  {value}" for label, value in rows)
        lines.append("")

    def rows(side):
        """The side's KPIs of the catalogue that the summary holds, each formatted in its unit."""
        shown = []
        for kpi in catalog.KPIS:
            if kpi.side != side or kpi.key not in s:
                continue
            label = kpi.label
            if kpi.key == "marketing_roi" and s.get("marketing_roi_basis"):
                label += f" (from {s['marketing_roi_basis'].replace('_', ' ')})"
            shown.append((label, formats[kpi.unit](s[kpi.key])))
        return shown

    formats = {
        "money": money,
        "count": fmt_number,
        "pct": fmt_pct,
        "pct2": lambda x: fmt_pct(x, digits=2),
        "ratio": fmt_ratio,
        "days": fmt_days,
        "points": fmt_number,
    }

    def table(header, body):
        """Columns under a header: the first left-aligned, the others right-aligned."""
        widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
        for row in [header, *body]:
            lines.append(
                f"  {row[0]:<{widths[0]}}  "
                + "  ".join(f"{cell:>{w}}" for cell, w in zip(row[1:], widths[1:], strict=True))
            )
        lines.append("")

    section("Sales", rows(catalog.SALES))
    by_channel = s.get("revenue_by_channel") or {}
    if by_channel:
        section("Revenue by channel", [(ch, money(v)) for ch, v in by_channel.items()])
    if s.get("pipeline"):
        body = [
            (
                r["stage"],
                fmt_number(r["reached"]),
                fmt_pct(r["conversion"]),
                fmt_pct(r["win_rate"]),
                fmt_number(r["open_deals"]),
                money(r["open_value"]),
            )
            for r in s["pipeline"]
        ]
        table(("Pipeline stage", "reached", "moved on", "won from here", "open now", "open value"), body)
    section("Marketing", rows(catalog.MARKETING))

    funnel = s.get("funnel") or []
    if funnel:
        body = [
            (
                r["stage"],
                fmt_number(r["count"]),
                fmt_pct(r["rate_from_previous"]),
                fmt_pct(r["rate_from_top"], digits=2),
            )
            for r in funnel
        ]
        table(("Funnel stage", "count", "from previous", "from top"), body)
    if s.get("attribution"):
        body = [
            (r["channel"], *(fmt_number(r[m], digits=1) for m in ("first_touch", "last_touch", "linear")))
            for r in s["attribution"]
        ]
        table(("First orders credited", "first-touch", "last-touch", "linear"), body)
    if s.get("heard_from"):
        table(("How customers heard of you", "share"), [(k, fmt_pct(v)) for k, v in s["heard_from"].items()])
    return "\n".join(lines)


def template_csv(spec: C.FileSpec) -> str:
    """Header and the two example rows of one contract file, as CSV text."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([c.name for c in spec.columns])
    for i in range(2):
        writer.writerow([c.example[i] for c in spec.columns])
    return buf.getvalue()


TEMPLATE_README = """\
# Your business data

This folder is ready to fill in. Each CSV file holds a header row and two example rows: replace the
examples with your own records, keep the header, and run

    smk validate {folder}

to check the folder. It lists every problem it finds, with the file, column and row. Then

    smk summary {folder}

shows your headline numbers. Only `orders.csv` is required: delete any other file you have no data for.

## From a spreadsheet

Keep one table per sheet with the column names of this README in the first row. Save each sheet with
*File → Save As → CSV UTF-8* (Excel) or *File → Download → Comma-separated values* (Google Sheets), using the
file names below. An `.xlsx` file with the same name (e.g. `orders.xlsx`) works too: its first sheet is read.

## What goes in each file

{contract}
"""


def cmd_init(args) -> int:
    folder = Path(args.dir).expanduser()
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file; give a folder name for the new business folder.")
    targets = [folder / spec.filename for spec in C.FILES] + [folder / "README.md"]
    existing = [p.name for p in targets if p.exists()]
    if existing:
        raise UsageError(
            f"{folder} already holds {', '.join(existing)}; smk init never overwrites files, so choose a new folder."
        )
    for spec in C.FILES:
        write_text_atomic(folder / spec.filename, template_csv(spec))
    write_text_atomic(folder / "README.md", TEMPLATE_README.format(folder=folder, contract=C.contract_markdown()))
    print(
        f"Wrote {len(C.FILES)} template files and README.md to {folder}. Fill them in, then run: smk validate {folder}"
    )
    return EXIT_OK


def cmd_answers(args) -> int:
    from .course.exercises import answer_sheet, registry

    lessons = sorted({exercise_id[:2] for exercise_id in registry()})
    if args.lesson is not None and args.lesson.zfill(2) not in lessons:
        raise UsageError(f"lesson {args.lesson} has no exercises; give one of {', '.join(lessons)}, or no lesson.")
    rows = answer_sheet(args.lesson.zfill(2) if args.lesson else None)
    width = max(len(answer) for _, _, answer in rows)
    for exercise_id, asks, answer in rows:
        print(f"{exercise_id}  {answer:<{width}}  {asks}")
    return EXIT_OK


def cmd_worksheet(args) -> int:
    from .worksheet import server as worksheet_server

    folder = Path(args.folder) if args.folder else None
    if args.port is not None and not 1 <= args.port <= 65535:
        raise UsageError(f"--port {args.port} is not a port; give a number from 1 to 65535, e.g. 8866.")
    if args.idle < 1:
        raise UsageError(f"--idle {args.idle} is not a number of seconds; give 1 or more, e.g. 3600 for an hour.")
    try:
        worksheet_server.serve(port=args.port, open_browser=not args.no_browser, folder=folder, idle=args.idle)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return EXIT_OK


def cmd_lab(args) -> int:
    import os
    import subprocess

    from .course.workspace import lab_arguments, sync_lessons, workspace_dir

    workspace = Path(args.folder).expanduser() if args.folder else workspace_dir()
    if args.port is not None and not 1 <= args.port <= 65535:
        raise UsageError(f"--port {args.port} is not a port; give a number from 1 to 65535, e.g. 8888.")
    if workspace.exists() and not workspace.is_dir():
        raise UsageError(f"{workspace} is a file; give a folder for your lessons with --folder or SMK_HOME.")
    if args.port is not None:
        from .system.ports import port_is_free, taken_port_text

        if not port_is_free(args.port):
            raise UsageError(taken_port_text(args.port))
    for line in sync_lessons(target=workspace / "lessons"):
        print(line)
    extra = args.jupyter_args[1:] if args.jupyter_args[:1] == ["--"] else args.jupyter_args
    root = getattr(os, "geteuid", lambda: 1)() == 0
    cmd = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        *lab_arguments(workspace, args.port, not args.no_browser, root),
        *(["--ServerApp.port_retries=0"] if args.port is not None else []),
        *extra,
    ]
    print(f"Your lessons are in {workspace / 'lessons'}; an update never overwrites a lesson you changed.", flush=True)
    if os.name == "posix":  # JupyterLab takes this process's place, so Ctrl+C and kill reach it directly
        os.execv(sys.executable, cmd)
    return subprocess.call(cmd)


def cmd_blank_worksheet(args) -> int:
    from . import worksheet
    from .system.pdf import PdfError, html_to_pdf

    formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in ("html", "pdf")]
    if unknown or not formats:
        raise UsageError(f"--format '{args.format}' is not known; give html, pdf or html,pdf.")
    out = Path(args.out).expanduser()
    page = worksheet.blank_worksheet_html()
    pdf = None
    if "pdf" in formats:  # made first, so a missing Chromium leaves no half of the pair behind
        try:
            pdf = html_to_pdf(page)
        except PdfError as exc:
            raise UsageError(str(exc)) from None
    written = [write_text_atomic(out / "blank-worksheet.html", page)] if "html" in formats else []
    if pdf is not None:
        written.append(write_bytes_atomic(out / "blank-worksheet.pdf", pdf))
    print("Wrote " + " and ".join(str(p) for p in written) + ". Print it on A4 or Letter paper.")
    return EXIT_OK


def _param_args(pairs) -> dict:
    values = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"-p '{pair}' is not key=value; write e.g. -p gross_margin=0.45.")
        values[key.strip()] = value
    return values


def cmd_report(args) -> int:
    from .reports import build as R
    from .reports.parameters import parse_formats

    values = _param_args(args.param)
    if args.dir is not None:
        if "data_dir" in values:
            raise UsageError("Give the business folder once: either as DIR or as -p data_dir=..., not both.")
        values["data_dir"] = args.dir
    if args.name is not None:
        values["business_name"] = args.name
    if _dayfirst(args) is not None:
        values["dayfirst"] = _dayfirst(args)
    try:
        formats = parse_formats(args.format)
        if args.batch:
            return _report_batch(args, values, formats)
        if args.workers is not None:
            raise UsageError("--workers is for --batch only.")
        print("Checking the parameters and the business folder...", file=sys.stderr)
        result = R.make_report(
            values, args.out or "report", formats, step=lambda text: print(text, file=sys.stderr, flush=True)
        )
    except R.NotebookFailed as exc:
        print(f"smk: {exc}", file=sys.stderr)
        return 1
    except R.USER_ERRORS as exc:
        raise UsageError(str(exc)) from None
    names = [str(p) for p in result.files]
    print(f"Wrote {', '.join(names[:-1])} and {names[-1]} for {result.name} ({result.seconds:.1f} s).")
    html = result.out / "report.html"
    if html in result.files:
        print(f"Open {html} in your browser; it prints on A4 or Letter paper.")
    return EXIT_OK


def _report_batch(args, values, formats) -> int:
    from .reports import batch

    if args.dir is not None or values:
        raise UsageError(
            "With --batch, give every parameter in the batch file (a 'defaults' entry in YAML "
            "applies to all rows), not as DIR, --name or -p."
        )
    if args.workers is not None and args.workers < 1:
        raise UsageError(f"--workers {args.workers} is not a number of processes; give 1 or more.")
    try:
        jobs = batch.read_batch(args.batch, args.out or "reports")
    except batch.BatchError as exc:
        raise UsageError(str(exc)) from None
    print(f"Making {len(jobs)} reports with {batch.worker_count(args.workers, len(jobs))} workers...", file=sys.stderr)
    try:
        outcomes = batch.run_batch(jobs, formats, workers=args.workers)
    except batch.BatchStopped as stopped:
        print(batch.summary_table(stopped.outcomes))
        raise
    print(batch.summary_table(outcomes))
    return EXIT_OK if all(o.ok for o in outcomes) else 1


# ---------------------------------------------------------------------------------------------
# Wiring


def _describe_parameters_on_help(parser: argparse.ArgumentParser) -> None:
    """Add the report's parameters to ``parser``'s description when its help is shown, and only then.

    Listing them imports the reports, which every other command (and ``smk --help``) does without.
    """
    shown = parser.format_help

    def format_help() -> str:
        from .reports.parameters import parameters_text

        parser.description = (
            f"Make a report of a business folder (default: The Book Hub). Parameters: {parameters_text()}."
        )
        return shown()

    parser.format_help = format_help


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="smk",
        description="Sales vs Marketing: check, summarise and report on business data, and run the worksheet.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def date_order(p):
        group = p.add_mutually_exclusive_group()
        group.add_argument("--dayfirst", action="store_true", help="read slash dates as day/month/year (14/03/2025)")
        group.add_argument("--monthfirst", action="store_true", help="read slash dates as month/day/year (03/14/2025)")

    p = sub.add_parser("validate", help="check a business folder against the data contract")
    p.add_argument("dir", help="the business folder (holding orders.csv)")
    p.add_argument(
        "--json",
        action="store_true",
        help="print the problems as JSON records (code, file, column, rows, message) for scripts",
    )
    date_order(p)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("summary", help="headline KPIs of a business folder (default: The Book Hub)")
    p.add_argument("dir", nargs="?", help="the business folder (default: The Book Hub)")
    p.add_argument("--json", action="store_true", help="print JSON (the metrics.json format) instead of a table")
    p.add_argument("--start", help="first day of the period, YYYY-MM-DD (inclusive)")
    p.add_argument("--end", help="last day of the period, YYYY-MM-DD (inclusive)")
    p.add_argument(
        "--gross-margin", help="gross margin as a fraction (e.g. 0.45), used for ROI when orders have no gross_profit"
    )
    p.add_argument("--currency", default="$", help="currency symbol for the table (default: $)")
    date_order(p)
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("init", help="write a ready-to-fill business folder")
    p.add_argument("dir", help="the folder to create")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser(
        "report",
        help="make a report of a business folder: report.html, report.ipynb, metrics.json (default: The Book Hub)",
        description="Make a report of a business folder (default: The Book Hub).",
    )
    _describe_parameters_on_help(p)
    p.add_argument("dir", nargs="?", help="the business folder (holding orders.csv); default: The Book Hub")
    p.add_argument("--out", help="the folder to write to (default: report, or reports with --batch)")
    p.add_argument("--name", help="the business name in titles (default: the folder's name)")
    p.add_argument(
        "--format",
        default="html,ipynb",
        help="html, pdf and/or ipynb, comma-separated (default: "
        "html,ipynb); metrics.json is always written; PDF needs Chromium",
    )
    p.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a report parameter, e.g. -p gross_margin=0.45 -p period_start=2025-01-01 (repeatable)",
    )
    p.add_argument(
        "--batch", metavar="FILE", help="a YAML or CSV file with one business per row: make all their reports"
    )
    p.add_argument(
        "--workers", type=int, help="with --batch: how many reports to make at once (default: the number of cores)"
    )
    date_order(p)
    p.set_defaults(func=cmd_report)

    p = sub.add_parser(
        "worksheet", help="open the sales-vs-marketing worksheet in your browser (on this computer only)"
    )
    p.add_argument("--port", type=int, help="the port to serve on (default: 8866, or a free one if that is taken)")
    p.add_argument("--folder", help="where answers are saved (default: $SMK_WORKSHEET_DIR or ~/smk-worksheets)")
    p.add_argument("--no-browser", action="store_true", help="only print the address; do not open a browser")
    p.add_argument(
        "--idle",
        type=int,
        default=limits.KERNEL_IDLE_SECONDS,
        metavar="SECONDS",
        help=f"shut a page's kernel down after this long unused (default: {limits.KERNEL_IDLE_SECONDS}); "
        "its answers are saved, and reloading the page goes on",
    )
    p.set_defaults(func=cmd_worksheet)

    p = sub.add_parser(
        "lab",
        help="open the course in JupyterLab, on your own copy of the lessons (~/smk/lessons)",
        description="Copy the lessons into your workspace (once; an update never overwrites your "
        "work) and open them in JupyterLab on 127.0.0.1 with a login token.",
    )
    p.add_argument("--folder", help="your workspace (default: $SMK_HOME or ~/smk); the lessons go in its lessons/")
    p.add_argument("--port", type=int, help="the port to serve on (default: JupyterLab's, 8888 or the next free one)")
    p.add_argument("--no-browser", action="store_true", help="only print the address; do not open a browser")
    p.add_argument("jupyter_args", nargs=argparse.REMAINDER, help="after --, options for jupyter lab itself")
    p.set_defaults(func=cmd_lab)

    p = sub.add_parser("answers", help="the exercises' answer key, for trainers (the lessons keep theirs folded)")
    p.add_argument("lesson", nargs="?", help="a lesson number such as 03 (default: every lesson)")
    p.set_defaults(func=cmd_answers)

    p = sub.add_parser("blank-worksheet", help="write the worksheet to print and fill in by hand (HTML and PDF)")
    p.add_argument("--out", default=".", help="the folder to write blank-worksheet.html/.pdf to (default: here)")
    p.add_argument("--format", default="html,pdf", help="html, pdf or html,pdf (default); PDF needs Chromium")
    p.set_defaults(func=cmd_blank_worksheet)
    return parser


def main(argv=None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a file or folder name with bytes that are not UTF-8 still prints
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    try:
        with stoppable():
            return args.func(args)
    except KeyboardInterrupt:
        print("smk: stopped before it finished; nothing half-made was left behind.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BusinessDataError as exc:
        for problem in problem_lines(exc):
            print(f"smk: {problem}", file=sys.stderr)
        return EXIT_USAGE
    except UsageError as exc:
        print(f"smk: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(
            f"smk: {exc.filename or 'a file'}: {(exc.strerror or str(exc)).lower()}; "
            "check the path and its permissions.",
            file=sys.stderr,
        )
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
