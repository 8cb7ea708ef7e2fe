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


def _read(path: Path) -> dict:
    """The recorded results, ``{exercise id: {"status": ..., "at": ...}}``; `UnreadableFile` if damaged."""
    if not path.exists():
        return {}
    raw = read_bytes(path, limits.MAX_PROGRESS_FILE_BYTES, kind="progress file", fix="move it away to start afresh.")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        data = None
    if not (
        isinstance(data, dict)
        and data.get("version") == VERSION
        and isinstance(data.get("exercises"), dict)
        and all(isinstance(v, dict) and v.get("status") in (RIGHT, WRONG) for v in data["exercises"].values())
    ):
        raise UnreadableFile(f"{path} is not a progress file smk wrote; move it away to start your progress afresh.")
    return data["exercises"]


@contextlib.contextmanager
def _locked(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    if fcntl is None:  # pragma: no cover
        yield
        return
    with open(path.parent / f".{FILE}.lock", "a") as lock:
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
    try:
        with _locked(path):
            results = _read(path)
            results[exercise_id] = {"status": feedback.status, "at": dt.datetime.now().isoformat(timespec="seconds")}
            text = json.dumps({"version": VERSION, "exercises": dict(sorted(results.items()))}, indent=1)
            write_text_atomic(path, text + "\n")
    except UnreadableFile as exc:
        return dataclasses.replace(feedback, message=f"{feedback.message} (Not recorded: {exc})")
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        return dataclasses.replace(feedback, message=f"{feedback.message} (Not recorded in {path}: {reason}.)")
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
