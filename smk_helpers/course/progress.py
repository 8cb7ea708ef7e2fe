"""A student's progress: which exercises they have done, kept in their workspace between sessions.

Every `check` of a student's own answer (not a solution's) is recorded in ``progress.json`` in the
student's workspace (``$SMK_HOME``, else ``~/smk``; see `smk_helpers.course.workspace`). An exercise
counts as done when its latest checked answer was right; an unanswered cell (``...``) is no attempt,
so running a fresh copy of a lesson, or deleting cells, never undoes what was done.

The file is small and the student's own: it is written atomically (staged, then renamed), read only
as a regular file of at most ``limits.MAX_PROGRESS_FILE_BYTES``, and a damaged one is never
overwritten: progress then says which file to move away, and checks go on working.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import html
import json
from dataclasses import dataclass
from pathlib import Path

from .. import limits
from ..errors import UnreadableFile
from ..system.files import write_text_atomic
from ..system.userfiles import read_bytes
from . import ready_lessons
from .grading import RIGHT, WRONG, Feedback
from .workspace import workspace_dir

FILE = "progress.json"
VERSION = 1

try:  # serialise the read-change-write of two kernels that check at once (POSIX only)
    import fcntl
except ImportError:  # pragma: no cover - Windows: the rename is still atomic, only a race can lose a line
    fcntl = None


def progress_file() -> Path:
    """Where the student's progress is kept: ``progress.json`` in their workspace."""
    return workspace_dir() / FILE


def read_record(path: Path, key: str, valid, *, kind: str) -> dict:
    """The ``key`` part of one of the student's record files (``progress.json``, ``review.json``).

    {} when the file does not exist yet. A file that is not a regular file, is over
    ``limits.MAX_PROGRESS_FILE_BYTES``, is not JSON, or has entries for which ``valid(entry)`` is
    false is an `UnreadableFile` naming it: it is never overwritten, and the student moves it away.
    """
    if not path.exists():
        return {}
    raw = read_bytes(path, limits.MAX_PROGRESS_FILE_BYTES, kind=kind, fix="move it away to start afresh.")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        data = None
    if not (
        isinstance(data, dict)
        and data.get("version") == VERSION
        and isinstance(data.get(key), dict)
        and all(isinstance(v, dict) and valid(v) for v in data[key].values())
    ):
        raise UnreadableFile(f"{path} is not a {kind} smk wrote; move it away to start afresh.")
    return data[key]


def update_record(path: Path, key: str, valid, change, *, kind: str) -> None:
    """Read the ``key`` part of a record file, apply ``change`` to it, and write it back whole.

    The read-change-write holds a lock (two kernels may record at once) and the write is atomic.
    Raises `UnreadableFile` for a damaged file (left as it is) and OSError when it cannot be written.
    """
    with _locked(path):
        entries = change(read_record(path, key, valid, kind=kind))
        write_text_atomic(path, json.dumps({"version": VERSION, key: entries}, indent=1) + "\n")


def not_recorded(feedback: Feedback, path: Path, error: Exception) -> Feedback:
    """``feedback`` with one more sentence: why its answer could not be recorded."""
    if isinstance(error, UnreadableFile):
        return dataclasses.replace(feedback, message=f"{feedback.message} (Not recorded: {error})")
    reason = (getattr(error, "strerror", None) or str(error)).lower()
    return dataclasses.replace(feedback, message=f"{feedback.message} (Not recorded in {path}: {reason}.)")


def _valid(entry: dict) -> bool:
    return entry.get("status") in (RIGHT, WRONG)


def _read(path: Path) -> dict:
    """The recorded results, ``{exercise id: {"status": ..., "at": ...}}``; `UnreadableFile` if damaged."""
    return read_record(path, "exercises", _valid, kind="progress file")


@contextlib.contextmanager
def _locked(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    if fcntl is None:  # pragma: no cover
        yield
        return
    with open(path.parent / f".{path.name}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def record(exercise_id: str, feedback: Feedback) -> Feedback:
    """Record a checked answer (right or wrong) and return ``feedback``; an unanswered one is not recorded.

    Recording never stops a lesson: when the file cannot be written or read, the feedback says so
    in one more sentence and the check itself stands.

    Examples
    --------
    >>> import os, tempfile
    >>> from smk_helpers.course.grading import right
    >>> os.environ["SMK_HOME"] = tempfile.mkdtemp()
    >>> record("00.1", right("42.35 is correct."))
    ✔ Right: 42.35 is correct.
    >>> sorted(_read(progress_file()))
    ['00.1']
    """
    if feedback.status not in (RIGHT, WRONG):
        return feedback
    path = progress_file()
    entry = {"status": feedback.status, "at": dt.datetime.now().isoformat(timespec="seconds")}
    try:
        update_record(
            path, "exercises", _valid, lambda results: dict(sorted({**results, exercise_id: entry}.items())),
            kind="progress file",
        )  # fmt: skip
    except (UnreadableFile, OSError) as exc:
        return not_recorded(feedback, path, exc)
    return feedback


@dataclass(frozen=True)
class Progress:
    """Which of the course's exercises are done (their latest check was right) and which are left.

    ``left`` lists, lesson by lesson, the exercises not done yet; ``problem`` is a sentence when the
    progress file could not be read.
    """

    done: tuple[str, ...]
    left: tuple[str, ...]
    problem: str = ""

    @property
    def total(self) -> int:
        return len(self.done) + len(self.left)

    def sentence(self) -> str:
        if self.problem:
            return self.problem
        text = f"You have done {len(self.done)} of {self.total} exercises."
        if not self.left:
            return text + " Every exercise of the course is done: well done."
        return f"{text} Left to do: {_by_lesson(self.left)}."

    def __repr__(self) -> str:
        return self.sentence()

    def _repr_html_(self) -> str:
        """The count in a sentence, then a line per lesson: its title, how many are done, and which are left."""
        if self.problem or not self.total:
            return f'<div role="status"><strong>Your progress:</strong> {html.escape(self.sentence())}</div>'
        titles = {lesson.number: lesson.title for lesson in ready_lessons()}
        lessons: dict[str, list[str]] = {}
        for exercise_id in sorted(self.done + self.left, key=lambda e: (e[:2], int(e.split(".")[1]))):
            lessons.setdefault(exercise_id[:2], []).append(exercise_id)
        rows = []
        for number, ids in lessons.items():
            lesson = html.escape(f"{number} {titles.get(number, '')}".strip())
            left = html.escape(", ".join(e for e in ids if e not in self.done) or "none")
            done = sum(e in self.done for e in ids)
            rows.append(
                f'<tr><td style="text-align:left">{lesson}</td><td style="text-align:right">{done} of {len(ids)}</td>'
                f'<td style="text-align:left">{left}</td></tr>'
            )
        count = html.escape(f"You have done {len(self.done)} of {self.total} exercises.")
        return (
            f'<div role="status"><strong>Your progress:</strong> {count}</div>'
            '<table><thead><tr><th style="text-align:left">lesson</th><th>done</th>'
            f'<th style="text-align:left">left to do</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
        )


def _by_lesson(ids) -> str:
    lessons: dict[str, list[str]] = {}
    for exercise_id in ids:
        lessons.setdefault(exercise_id[:2], []).append(exercise_id)
    return "; ".join(f"lesson {lesson}: {', '.join(found)}" for lesson, found in lessons.items())


def course_exercises() -> list[str]:
    """Every exercise of the written lessons, in order."""
    from .exercises import registry  # the exercises import this module to record their checks

    written = {lesson.number for lesson in ready_lessons()}
    return sorted((e for e in registry() if e[:2] in written), key=lambda e: (e[:2], int(e.split(".")[1])))


def progress() -> Progress:
    """The student's progress through the course's exercises, read from their workspace.

    Examples
    --------
    >>> import os, tempfile
    >>> os.environ["SMK_HOME"] = tempfile.mkdtemp()
    >>> p = progress()
    >>> len(p.done), p.total == len(course_exercises())
    (0, True)
    """
    everything = course_exercises()
    try:
        results = _read(progress_file())
    except UnreadableFile as exc:
        return Progress((), tuple(everything), problem=f"Your progress could not be read: {exc}")
    done = tuple(e for e in everything if results.get(e, {}).get("status") == RIGHT)
    return Progress(done, tuple(e for e in everything if e not in done))
