"""Staged output: a run builds its files out of sight and moves them into place only when all are made.

A run removes only what it made: its staging folder, its private work folder, and the folders it
created for its output, if they are still empty. Anything else in the output folder, such as a report
another run finished in the meantime, is never touched.

- `Staging` holds the files a run is making, in a hidden folder inside the output folder, so that
  the final move is a rename on one disk.
- `private_folder` holds what must never sit in a folder the user might share (the business data
  handed to a kernel, a kernel's sockets): a folder only this user can open, in the system's
  temporary folder.

Both names carry the process id, so the next run can sweep what a killed run left behind: folders
older than `limits.STALE_STAGING_SECONDS` whose process has ended.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
import time
from pathlib import Path

from .. import limits
from ..errors import OutputError

STAGING_PREFIX = ".smk-staging-"
PRIVATE_PREFIX = "smk-private-"
_OWNER = re.compile(r"-(\d+)-[^-]+$")


def cannot_write(folder, exc: OSError, what: str = "--out") -> OutputError:
    """The sentence for an output folder that cannot be made or written to (never its staging folder)."""
    reason = (exc.strerror or str(exc)).lower()
    return OutputError(f"{folder} cannot be written to ({reason}); choose another {what} or check its permissions.")


def _alive(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":  # on Windows os.kill would end the process: never sweep there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, but belongs to someone else
        return True
    return True


def sweep(folder: Path, prefix: str, *, now: float | None = None) -> list[Path]:
    """Remove the ``prefix`` folders in ``folder`` left by runs that ended long ago; returns what was removed.

    A folder is removed only if its name carries a process id that is no longer running and it has not
    changed for `limits.STALE_STAGING_SECONDS`. Links and files are never touched.

    Examples
    --------
    >>> import tempfile, pathlib, os
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> dead = folder / ".smk-staging-999999999-abc"; dead.mkdir()
    >>> mine = folder / f".smk-staging-{os.getpid()}-def"; mine.mkdir()
    >>> os.utime(dead, (0, 0)); os.utime(mine, (0, 0))
    >>> [p.name for p in sweep(folder, ".smk-staging-")]
    ['.smk-staging-999999999-abc']
    >>> sorted(p.name for p in folder.iterdir()) == [mine.name]
    True
    """
    now = time.time() if now is None else now
    return _remove(
        path for path, _, changed in _left_behind(folder, prefix) if now - changed >= limits.STALE_STAGING_SECONDS
    )


def remove_left_by(pids, folder: Path, prefix: str) -> list[Path]:
    """Remove the ``prefix`` folders in ``folder`` made by the processes ``pids`` once they have ended.

    For a run that ended processes it started (a stopped batch's workers): their folders need not wait
    for `sweep`'s hour. Folders of a process still running, links and files are never touched.

    Examples
    --------
    >>> import tempfile, pathlib, os
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> (folder / ".smk-staging-999999999-abc").mkdir(); (folder / f".smk-staging-{os.getpid()}-d").mkdir()
    >>> [p.name for p in remove_left_by({999999999, os.getpid()}, folder, ".smk-staging-")]
    ['.smk-staging-999999999-abc']
    """
    return _remove(path for path, pid, _ in _left_behind(folder, prefix) if pid in pids)


def _left_behind(folder, prefix: str):
    """(path, process id, last change) of each ``prefix`` folder in ``folder`` that is this user's and whose
    process has ended; links and files are never among them."""
    try:
        candidates = [p for p in Path(folder).iterdir() if p.name.startswith(prefix)]
    except OSError:
        return
    for path in candidates:
        owner = _OWNER.search(path.name)
        try:
            info = path.lstat()
        except OSError:
            continue
        if owner is None or not stat.S_ISDIR(info.st_mode) or _alive(int(owner.group(1))):
            continue
        if getattr(os, "getuid", None) and info.st_uid != os.getuid():
            continue
        yield path, int(owner.group(1)), info.st_mtime


def _remove(paths) -> list[Path]:
    removed = []
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def make_folders(out: Path) -> list[Path]:
    """Create ``out`` and any missing parents; returns the folders this call created, outermost first."""
    missing = []
    for folder in [out, *out.parents]:
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            folder.mkdir()
        except FileExistsError:  # another run made it in the meantime: it is theirs
            if not folder.is_dir():
                raise
            missing.remove(folder)
    return list(reversed(missing))


def remove_if_empty(folders: list[Path]) -> None:
    """Remove these folders, innermost first, while they are empty (what another run put there stays)."""
    for folder in reversed(folders):
        try:
            folder.rmdir()  # only an empty folder goes: files another run put there stay
        except OSError:
            return


class Staging:
    """A hidden folder in ``out`` where a run makes its files; `publish` moves them into ``out``.

    Use it as a context manager. On leaving, the staging folder is removed; if the run failed (or was
    stopped), the folders it created for ``out`` are removed too, but only while they are empty.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "new" / "report"
    >>> with Staging(out) as stage:
    ...     _ = (stage.path / "a.txt").write_text("made")
    ...     [p.name for p in stage.publish(["a.txt"])]
    ['a.txt']
    >>> sorted(p.name for p in out.iterdir())
    ['a.txt']
    >>> try:
    ...     with Staging(out.parent / "other") as stage:
    ...         raise RuntimeError("the run failed")
    ... except RuntimeError:
    ...     pass
    >>> sorted(p.name for p in out.parent.iterdir())
    ['report']
    """

    def __init__(self, out, *, what: str = "--out"):
        self.out = Path(out).expanduser()
        self.what = what
        self.path: Path | None = None
        self.created: list[Path] = []

    def __enter__(self) -> Staging:
        out = self.out
        if out.exists() and not out.is_dir():
            raise OutputError(f"{out} is a file; give a folder for {self.what}.")
        try:
            self.created = make_folders(out)
            sweep(out, STAGING_PREFIX)
            self.path = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out))
        except OSError as exc:
            remove_if_empty(self.created)
            raise cannot_write(out, exc, self.what) from None
        return self

    def publish(self, names) -> list[Path]:
        """Move the named files from the staging folder into the output folder, one rename each."""
        placed = []
        for name in names:
            os.replace(self.path / name, self.out / name)
            placed.append(self.out / name)
        return placed

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.path is not None:
            shutil.rmtree(self.path, ignore_errors=True)
        if exc_type is not None:
            remove_if_empty(self.created)


def new_private_folder() -> Path:
    """Make a folder only this user can open (mode 0700) in the system's temporary folder; the caller removes it.

    If the process is killed first, a later run sweeps it (see `sweep`).
    """
    base = Path(tempfile.gettempdir())
    sweep(base, PRIVATE_PREFIX)
    return Path(tempfile.mkdtemp(prefix=f"{PRIVATE_PREFIX}{os.getpid()}-", dir=base))  # mkdtemp: mode 0700


@contextlib.contextmanager
def private_folder():
    """A `new_private_folder`, removed with all it holds on leaving.

    Examples
    --------
    >>> with private_folder() as folder:
    ...     oct(folder.stat().st_mode & 0o777), folder.name.startswith(PRIVATE_PREFIX)
    ('0o700', True)
    >>> folder.exists()
    False
    """
    folder = new_private_folder()
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
