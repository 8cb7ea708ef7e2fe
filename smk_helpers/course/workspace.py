"""The student's own workspace: a copy of the lessons outside the repository, which no update overwrites.

`smk lab` (and `make lab`) opens JupyterLab on the workspace, by default ``~/smk`` (or ``$SMK_HOME``).
Its ``lessons/`` folder holds the student's copy of every lesson, made on the first run; their edits
and outputs live there, so a ``git pull`` or a new release of smk never meets them. Business folders
made with ``smk init`` can sit beside it (``~/smk/my-shop`` is ``../my-shop`` from a lesson).

When a lesson is updated, `sync_lessons` brings the new version in:

- a lesson the student has not changed since it was copied is replaced (nothing of theirs is lost);
- a lesson they changed stays as it is, and the new version is put beside it as
  ``NN_name.updated.ipynb``;
- a lesson they deleted comes back fresh, which is also how to start a lesson again;
- a lesson the course no longer has (an earlier version's file name, such as ``05_kpis.ipynb``, whose
  content moved to new numbers) is removed only if the student never changed it, so its bytes are
  still the ones smk copied; a changed one stays as it is, and the terminal says where the lesson is now.

``.smk-lessons.json`` in the lessons folder remembers which version each copy started from.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ..system.files import write_bytes_atomic, write_text_atomic
from . import FORMER_FILES

MANIFEST = ".smk-lessons.json"
UPDATED = ".updated.ipynb"


def workspace_dir() -> Path:
    """The student's workspace: ``$SMK_HOME``, else ``~/smk``."""
    return Path(os.environ.get("SMK_HOME") or Path.home() / "smk").expanduser()


def lessons_source() -> Path:
    """The lessons as shipped: the copy inside the installed package, else the checkout's ``notebooks/``."""
    shipped = Path(__file__).resolve().parents[1] / "lessons"
    if any(shipped.glob("*.ipynb")):
        return shipped
    return Path(__file__).resolve().parents[2] / "notebooks"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sync_lessons(source=None, target=None) -> list[str]:
    """Copy new and updated lessons into the student's lessons folder, never overwriting their work.

    Returns one sentence per change, for the terminal. See the module's docstring for the rules.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> src, dst = (pathlib.Path(tempfile.mkdtemp()) for _ in range(2))
    >>> _ = (src / "01_x.ipynb").write_text("version 1")
    >>> sync_lessons(src, dst)
    ['Copied 1 lesson into ...']
    >>> _ = (dst / "01_x.ipynb").write_text("my notes")      # the student works on it
    >>> _ = (src / "01_x.ipynb").write_text("version 2")     # the course is updated
    >>> sync_lessons(src, dst)
    ['01_x.ipynb has a newer version; yours is kept as it is, and the new one is beside it as 01_x.updated.ipynb.']
    >>> (dst / "01_x.ipynb").read_text(), (dst / "01_x.updated.ipynb").read_text()
    ('my notes', 'version 2')
    """
    source = Path(source) if source is not None else lessons_source()
    target = Path(target) if target is not None else workspace_dir() / "lessons"
    target.mkdir(parents=True, exist_ok=True)
    manifest_path = target / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        copied, offered = dict(manifest.get("copied", {})), dict(manifest.get("offered", {}))
    except (OSError, ValueError, AttributeError):
        copied, offered = {}, {}
    said, fresh = [], []
    for lesson in sorted(source.glob("[0-9][0-9]_*.ipynb")):
        new = lesson.read_bytes()
        name, mine = lesson.name, target / lesson.name
        version = _digest(new)
        if not mine.exists():
            write_bytes_atomic(mine, new)
            copied[name] = version
            fresh.append(name)
            continue
        if copied.get(name) == version:
            continue  # the student's copy started from this version: nothing new
        if copied.get(name) == _digest(mine.read_bytes()):  # untouched since copied: nothing of theirs to lose
            write_bytes_atomic(mine, new)
            copied[name] = version
            said.append(f"Updated {name} to the new version (you had not changed it).")
            continue
        beside = target / (lesson.stem + UPDATED)
        if offered.get(name) == version and beside.exists():
            continue  # already offered
        if beside.exists() and _digest(beside.read_bytes()) != offered.get(name):
            said.append(f"{name} has a newer version, but {beside.name} is yours now; rename it to get the new one.")
            continue
        write_bytes_atomic(beside, new)
        offered[name] = version
        said.append(
            f"{name} has a newer version; yours is kept as it is, and the new one is beside it as {beside.name}."
        )
    shipped = {lesson.name for lesson in source.glob("[0-9][0-9]_*.ipynb")}
    retired = sorted(set(copied) - shipped) if shipped else []  # a source without lessons is broken: retire none
    for name in retired:
        said.extend(_retire(name, target, copied, offered))
    if fresh:
        said.insert(
            0, f"Copied {len(fresh)} lesson{'s' if len(fresh) != 1 else ''} into {target}: " + ", ".join(fresh) + "."
        )
    write_text_atomic(
        manifest_path, json.dumps({"copied": copied, "offered": offered}, indent=2, sort_keys=True) + "\n"
    )
    return said


def _retire(name: str, target: Path, copied: dict, offered: dict) -> list[str]:
    """Take a lesson the course no longer ships out of the manifest; remove the student's copy only if untouched.

    A copy whose bytes are still the version smk copied holds nothing of the student's, so it goes (and
    so does an offered ``.updated.ipynb`` beside it that they never edited). A changed copy is never
    touched: it stays, and the sentence returned says where the lesson is now. Either way the lesson
    leaves the manifest, so this is said once.
    """
    mine, beside = target / name, target / (Path(name).stem + UPDATED)
    version, offered_version = copied.pop(name), offered.pop(name, None)
    if offered_version is not None and beside.is_file() and _digest(beside.read_bytes()) == offered_version:
        beside.unlink()
    if not mine.is_file():
        return []
    now = " and ".join(FORMER_FILES.get(name, ()))
    if _digest(mine.read_bytes()) == version:
        mine.unlink()
        where = f"the course has it now as {now}" if now else "the course no longer has it"
        return [f"Removed {name}, which you had not changed: {where}."]
    said = f"{name} is from an earlier version of the course and has your changes, so it stays as it is"
    if not now:
        return [said + "."]
    return [
        f"{said}; the course has it now as {now}. Its exercise numbers changed too: do the exercises in the "
        "new lesson, where the checks match."
    ]


def lab_arguments(workspace: Path, port: int | None, open_browser: bool, allow_root: bool) -> list[str]:
    """The ``jupyter lab`` options of `smk lab`: 127.0.0.1 only, token on, opening lesson 00 of the workspace."""
    args = [
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.root_dir={workspace}",
        "--LabApp.default_url=/lab/tree/lessons/00_start_here.ipynb",
    ]
    if port is not None:
        args.append(f"--ServerApp.port={port}")
    if not open_browser:
        args.append("--no-browser")
    if allow_root:
        args.append("--allow-root")  # Jupyter refuses root unless told; containers and CI machines often are root
    return args
