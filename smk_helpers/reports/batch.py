"""Many reports at once: ``smk report --batch FILE`` runs one report per business, in parallel.

The batch file is YAML or CSV, one business per row, with report parameters as keys (columns)
and an optional ``out`` (the business's folder under ``--out``; by default made from its name)::

    # shops.yaml                              # shops.csv
    defaults:                                 data_dir,business_name,gross_margin
      currency: "€"                           north,North Books,0.44
    businesses:                               south,South Books,
      - data_dir: north
        business_name: North Books
        gross_margin: 0.44
      - data_dir: south

A relative ``data_dir`` or ``worksheet`` is read from the batch file's folder. Every row is
checked before any report starts; then the reports run in worker processes (one per core by
default), each on its own kernel over IPC sockets, so parallel kernels never race for ports. A
report that fails is reported and the others go on.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed, wait
from dataclasses import dataclass
from pathlib import Path

from .. import limits
from ..errors import BatchError, BatchStopped
from ..system.interrupt import EXIT_INTERRUPTED, SIGNALS, stoppable
from ..system.staging import (
    PRIVATE_PREFIX,
    STAGING_PREFIX,
    cannot_write,
    make_folders,
    remove_if_empty,
    remove_left_by,
)
from ..system.userfiles import damaged_text, swallowed_rows_text
from . import build as R
from . import parameters as P

__all__ = ["BatchError", "BatchStopped", "Job", "Outcome", "read_batch", "run_batch", "summary_table", "worker_count"]


@dataclass
class Job:
    row: int  # 1-based row of the batch file (for a CSV, the row a spreadsheet shows)
    values: dict
    out: Path

    @property
    def label(self) -> str:
        return self.values.get("business_name") or Path(str(self.values.get("data_dir") or "The Book Hub")).name


@dataclass
class Outcome:
    job: Job
    ok: bool
    message: str
    seconds: float


def _rows(path: Path) -> tuple[list[tuple[int, dict]], dict]:
    """(row number, values) pairs and the defaults of a YAML or CSV batch file."""
    from ..system.userfiles import UnreadableFile, decode_text, load_yaml, read_bytes, split_csv

    suffix = path.suffix.lower()
    if suffix not in (".csv", ".yaml", ".yml"):
        raise BatchError(f"{path.name} is neither .yaml, .yml nor .csv; give the batch as YAML or CSV.")
    if not path.exists() and not path.is_symlink():
        raise BatchError(f"The batch file {path} does not exist.")
    try:
        raw = read_bytes(
            path,
            limits.MAX_BATCH_FILE_BYTES,
            name=path.name,
            kind="batch file",
            fix="a batch file lists businesses, one per row; is it the right file?",
        )
        text = decode_text(raw, path.name)
        if suffix == ".csv":
            table = split_csv(text, path.name)
            for row, columns in table.multiline.items():  # no parameter spans lines: stray quotes swallowed rows
                raise UnreadableFile(swallowed_rows_text(path.name, table.header[columns[0]], row, table.spans[row]))
        else:
            data = load_yaml(text, path.name)
    except UnreadableFile as exc:
        raise BatchError(str(exc)) from None
    if damaged_text(text):
        raise BatchError(f"{path.name} holds bytes that are not UTF-8; save it again as UTF-8 text.")
    if suffix == ".csv":
        if not any(table.header):
            raise BatchError(
                f"{path.name} is empty; give a header row (data_dir,business_name,...) and one row per business."
            )
        return [
            (row, {key: value for key, value in zip(table.header, cells, strict=False) if key and value != ""})
            for row, cells in zip(table.row_numbers, table.rows, strict=True)
        ], {}
    defaults = {}
    if isinstance(data, dict):
        defaults = data.get("defaults") or {}
        unknown = [key for key in data if key not in ("defaults", "businesses")]
        if unknown or not isinstance(defaults, dict):
            raise BatchError(
                f"{path.name}: the top level holds only 'defaults' and 'businesses' (found {unknown[0]!r})."
                if unknown
                else f"{path.name}: 'defaults' must map parameter names to values."
            )
        data = data.get("businesses")
    if not isinstance(data, list) or not data:
        raise BatchError(f"{path.name} lists no businesses; give a list under 'businesses', one entry per business.")
    _plain_values(path.name, "defaults", defaults)
    rows = []
    for number, entry in enumerate(data, start=1):
        if not isinstance(entry, dict):
            raise BatchError(f"{path.name}, business {number}: give its parameters as 'name: value' lines.")
        _plain_values(path.name, f"business {number}", entry)
        rows.append((number, entry))
    return rows, defaults


def _plain_values(name: str, where: str, values: dict) -> None:
    """Every parameter is one plain value (text, a number, yes/no or a date), never a list or a map."""
    for key, value in values.items():
        if not isinstance(key, str) or isinstance(value, (list, dict, set, tuple)):
            shown = key if isinstance(key, str) else type(key).__name__
            raise BatchError(
                f"{name}, {where}: '{shown}' must be one plain value (text, a number, yes/no or a date), "
                "not a list or a map."
            )


def read_batch(path, out) -> list[Job]:
    """Read and check a batch file: one `Job` per business, or a `BatchError` naming the row.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "shops.csv").write_text("data_dir,business_name,gross_margin\\nnorth,North Books,0.44\\n")
    >>> [(job.row, job.values["business_name"], job.out.name)
    ...  for job in read_batch(folder / "shops.csv", folder / "reports")]
    [(2, 'North Books', 'north-books')]
    >>> _ = (folder / "bad.csv").write_text("data_dir,margin\\nnorth,0.44\\n")
    >>> read_batch(folder / "bad.csv", folder / "reports")
    Traceback (most recent call last):
    ...
    smk_helpers.errors.BatchError: bad.csv, row 2: There is no parameter 'margin'. Did you mean gross_margin? ...
    """
    from ..system.files import slug

    path, out = Path(path).expanduser(), Path(out).expanduser()
    rows, defaults = _rows(path)
    where = "row" if path.suffix.lower() == ".csv" else "business"
    jobs, seen = [], {}
    for number, entry in rows:
        values = {**defaults, **entry}
        folder_name = values.pop("out", None)
        if "output_dir" in values:
            raise BatchError(
                f"{path.name}, {where} {number}: output_dir is set by smk report; use 'out' for the folder name."
            )
        for key in ("data_dir", "worksheet"):
            given = values.get(key)
            if isinstance(given, str) and given.strip() and not Path(given).expanduser().is_absolute():
                values[key] = str(path.parent / given)
        try:
            P.check_parameters(values)
        except R.ParameterError as exc:
            raise BatchError(f"{path.name}, {where} {number}: {exc}") from None
        job = Job(row=number, values=values, out=out)
        target = out / slug(str(folder_name) if folder_name else job.label)
        if target in seen:
            plural = "rows" if where == "row" else "businesses"
            raise BatchError(
                f"{path.name}, {plural} {seen[target]} and {number} would both write to {target}; "
                "give them different business names or an 'out' of their own."
            )
        seen[target] = number
        job.out = target
        jobs.append(job)
    return jobs


# In a worker process: the event the main process sets to stop the batch, whether a report is running, and
# whether a stop signal reached this worker itself (Ctrl+C reaches every process of the terminal, maybe before
# the main process has said anything): after that, the worker starts no report.
_STOP = None
_IDLE = threading.Event()
_SIGNALLED = threading.Event()


def _note_signal(signum, frame) -> None:
    """Between reports, a stop signal changes nothing but this: the worker starts no further report."""
    _SIGNALLED.set()


def _watch(stop, parent: int) -> None:
    """In a worker: stop the running report when the batch is stopped or the main process is gone."""
    while not stop.wait(0.5):
        if os.getppid() != parent:  # killed without a word: end this worker too, not write more reports
            break
    orphaned = os.getppid() != parent
    os.kill(os.getpid(), signal.SIGTERM)  # a running report takes its way out; an idle worker starts no further report
    if orphaned:
        _IDLE.wait()
        os._exit(EXIT_INTERRUPTED)


def _start_worker(stop, parent: int) -> None:
    global _STOP
    _STOP = stop
    _IDLE.set()
    for sig in SIGNALS:  # between reports a signal only keeps the next one from starting
        signal.signal(sig, _note_signal)
    threading.Thread(target=_watch, args=(stop, parent), daemon=True).start()


def _run(job: Job, formats) -> Outcome:
    """One report, in a worker process; every failure becomes a message, a stop becomes "stopped"."""
    from ..core.data import BusinessDataError

    start = time.perf_counter()
    # Asked here, before `stoppable`: the main process's event sits behind a lock all the processes share,
    # and a KeyboardInterrupt raised while this one holds it would leave it held for ever (every worker and
    # the main process then wait on it). Between reports a signal only sets `_SIGNALLED`, which has no lock.
    if _SIGNALLED.is_set() or (_STOP is not None and _STOP.is_set()):
        return Outcome(job, False, NOT_STARTED, 0.0)
    _IDLE.clear()
    try:
        with stoppable():
            if _SIGNALLED.is_set():  # a signal came in between
                return Outcome(job, False, NOT_STARTED, 0.0)
            result = R.make_report(job.values, job.out, formats)
    except KeyboardInterrupt:
        _SIGNALLED.set()
        return Outcome(job, False, STOPPED, time.perf_counter() - start)
    except BusinessDataError as exc:
        more = f" (and {len(exc.problems) - 1} more; run smk validate on the folder)" if len(exc.problems) > 1 else ""
        return Outcome(job, False, exc.problems[0] + more, time.perf_counter() - start)
    except R.USER_ERRORS as exc:
        return Outcome(job, False, str(exc), time.perf_counter() - start)
    except Exception as exc:  # noqa: BLE001 - a bug must not stop the other reports; say what it was, without a traceback
        return Outcome(job, False, f"unexpected error: {type(exc).__name__}: {exc}", time.perf_counter() - start)
    finally:
        _IDLE.set()
    return Outcome(
        job,
        True,
        str(result.out / "report.html") if "html" in formats else str(result.out),
        time.perf_counter() - start,
    )


STOPPED = "stopped half-way; nothing of it was kept"
NOT_STARTED = "not started"


def worker_count(workers: int | None, jobs: int) -> int:
    """How many processes a batch uses: ``workers``, else one per core, never more than the jobs.

    Examples
    --------
    >>> worker_count(8, 3), worker_count(None, 1)
    (3, 1)
    """
    return max(1, min(workers or os.cpu_count() or 1, jobs))


def run_batch(
    jobs: list[Job], formats=P.DEFAULT_FORMATS, workers: int | None = None, progress: bool = True, stream=None
) -> list[Outcome]:
    """Run the jobs in ``workers`` processes (default: the number of cores); outcomes in batch order.

    One status line per business is printed as it finishes, under a progress bar. Ctrl+C or SIGTERM
    stops the batch: no new report starts, the running ones stop and remove their staging folders,
    and `BatchStopped` carries the outcomes (made, stopped, not started).
    """
    formats = P.parse_formats(formats)
    roots = sorted({job.out.parent for job in jobs})
    try:  # made here, not by the workers, so that no worker removes it while another still needs it
        created = [folder for root in roots for folder in make_folders(root)]
    except OSError as exc:
        raise cannot_write(roots[0], exc) from None
    try:
        return _run_all(jobs, formats, worker_count(workers, len(jobs)), progress, stream or sys.stderr)
    finally:
        remove_if_empty(created)


def _run_all(jobs, formats, workers: int, progress: bool, stream) -> list[Outcome]:
    import multiprocessing

    from tqdm import tqdm

    outcomes: dict[int, Outcome] = {}
    existed = {job.out for job in jobs if job.out.exists()}
    bar = tqdm(total=len(jobs), desc="reports", unit="report", file=stream, disable=not progress, leave=False)

    def record(outcome: Outcome) -> None:
        outcomes[outcome.job.row] = outcome
        if outcome.message != NOT_STARTED:
            bar.write(
                f"{_result(outcome):<6} {outcome.job.label} ({outcome.seconds:.1f} s): {outcome.message}", file=stream
            )
        bar.update()

    context = multiprocessing.get_context("spawn")
    stop = context.Event()
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(stop, os.getpid())
    )
    futures = {}
    try:
        with stoppable():
            for job in jobs:  # one at a time, so that a stop during submission knows what was submitted
                futures[pool.submit(_run, job, formats)] = job
            for future in as_completed(futures):
                record(future.result())
    except KeyboardInterrupt:
        stop.set()  # each worker's watchdog stops its running report
        lost, ended_pids = _end_stragglers(pool, futures, limits.STOP_GRACE_SECONDS)
        pool.shutdown(wait=True, cancel_futures=True)
        for future, job in futures.items():
            if job.row not in outcomes:
                finished = future.done() and not future.cancelled() and future.exception() is None
                cut_short = future in lost  # its worker was ended while it ran
                record(future.result() if finished else Outcome(job, False, STOPPED if cut_short else NOT_STARTED, 0.0))
        _remove_folders_of(ended_pids, jobs, existed)
        bar.close()
        raise BatchStopped([outcomes.get(job.row, Outcome(job, False, NOT_STARTED, 0.0)) for job in jobs]) from None
    pool.shutdown(wait=True)
    bar.close()
    return [outcomes[job.row] for job in jobs]


def _end_stragglers(pool: ProcessPoolExecutor, futures, grace: float) -> tuple[set, frozenset[int]]:
    """Wait up to ``grace`` seconds for the stopped reports to clean up; end the workers still busy after that.

    A report normally stops within seconds (its kernel ends, its staging folder goes). If one does not,
    the batch must not wait for ever: every worker still alive is ended with its kernels. Returns the
    futures whose worker was ended before they finished, and the process ids of the workers ended.
    """
    import psutil

    busy = [future for future in futures if not future.done()]
    if not busy or not wait(busy, timeout=grace).not_done:
        return set(), frozenset()
    processes = list((getattr(pool, "_processes", None) or {}).values())  # the pool's own record of its workers
    pids = set()
    for process in processes:
        if process.pid is None or not process.is_alive():
            continue
        try:
            tree = psutil.Process(process.pid)
            members = [tree, *tree.children(recursive=True)]
        except psutil.Error:
            continue
        for member in members:
            with contextlib.suppress(psutil.Error):
                member.kill()
        psutil.wait_procs(members, timeout=10)
        pids.add(process.pid)
    lost = {future for future in busy if not future.done() or future.exception() is not None}
    return lost, frozenset(pids)


def _remove_folders_of(pids, jobs, existed) -> None:
    """What ended workers could not remove themselves: their staging and private folders, and the
    report folders they had made (only while empty, and only those that did not exist before the batch)."""
    import tempfile

    if not pids:
        return
    for job in jobs:
        remove_left_by(pids, job.out, STAGING_PREFIX)
        if job.out not in existed:
            remove_if_empty([job.out])
    remove_left_by(pids, Path(tempfile.gettempdir()), PRIVATE_PREFIX)


def summary_table(outcomes: list[Outcome]) -> str:
    """A plain-text table of the outcomes, then one line with the counts.

    Examples
    --------
    >>> job = Job(row=2, values={"business_name": "North Books"}, out=Path("reports/north-books"))
    >>> print(summary_table([Outcome(job, True, "reports/north-books/report.html", 6.2)]))
    business     result  seconds  report or problem
    North Books  ok          6.2  reports/north-books/report.html
    <BLANKLINE>
    1 of 1 reports made.
    """
    header = ("business", "result", "seconds", "report or problem")
    rows = [(o.job.label, _result(o), f"{o.seconds:.1f}", o.message) for o in outcomes]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]
    lines = [f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:>{widths[2]}}  {r[3]}" for r in [header, *rows]]
    made = sum(o.ok for o in outcomes)
    counts = {result: sum(_result(o) == result for o in outcomes) for result in ("FAILED", "stopped", "not started")}
    words = {"FAILED": "failed", "stopped": "stopped half-way", "not started": "not started"}
    rest = [f"{n} {words[result]}" for result, n in counts.items() if n]
    lines += ["", f"{made} of {len(outcomes)} reports made." + (f" {', '.join(rest)}; see above." if rest else "")]
    return "\n".join(lines)


def _result(outcome: Outcome) -> str:
    if outcome.ok:
        return "ok"
    return {STOPPED: "stopped", NOT_STARTED: "not started"}.get(outcome.message, "FAILED")
