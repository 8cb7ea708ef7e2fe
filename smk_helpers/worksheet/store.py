"""The worksheet's files: one JSON file per worksheet in `worksheet_dir()`, named ``<slug>-<id>.json``.

The random id is the worksheet's identity; the slug follows the business name (a rename renames the
file at the next save). `save` writes atomically with a schema version and a revision counter,
holds a lock on the folder while it checks and writes, and refuses to overwrite a newer revision
(`ConflictError`); a corrupt or unknown-version file raises `WorksheetFileError` and is never
written to. A file of an older schema version opens through `migrate`, with nothing lost.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
from contextlib import contextmanager
from pathlib import Path

from .. import limits
from ..errors import ConflictError, WorksheetFileError
from ..system.files import slug, write_text_atomic
from ..system.userfiles import UnreadableFile
from .fields import FIELDS_BY_ID, _is_blank, blank, progress

SCHEMA_VERSION = 2


# ---------------------------------------------------------------------------------------------
# Older files: what changed, and how their answers move
# ---------------------------------------------------------------------------------------------

# Version 1 → 2: "People reached" became impressions (times seen, not people) and section 5 became lesson 09's
# eight statements, whose "one customer record" statement has the key ``crm``. Every other answer keeps its key.
_RENAMED = {1: {"reach": "impressions", "align_record": "align_crm"}}
_NOTES = {
    1: (
        "This worksheet was saved by an older version of the worksheet; every answer is kept. What changed:",
        '"People reached" is now "Times your marketing was seen (impressions, emails sent)": check that your number '
        "counts times seen and emails sent, not people.",
        '"Visits" is now "Website visits": leave out people who walked into your shop.',
        "The funnel now ends with the leads who bought, and new questions ask for your gross margin, what your "
        "marketing brought, the conversations won, your repeat customers, who does each side's work and how each "
        "side will measure success.",
        "Section 5 now asks the eight statements of lesson 09; your five scores were kept under the same "
        "statements. Score the new ones for a firm result.",
    )
}


def migrate(data: dict) -> dict:
    """A worksheet record (or exported answers) of an older schema version, brought to `SCHEMA_VERSION`.

    Answers move to their new keys (`_RENAMED`); nothing is dropped, and keys this version does not know
    are kept. The result says what it came from (``migrated_from``) and what changed in words
    (``migration_notes``); `save` leaves both out of the file. A record of this version comes back as it is.

    Examples
    --------
    >>> old = {"schema_version": 1, "answers": {"reach": "12,500", "align_record": 3, "align_goals": 4}}
    >>> new = migrate(old)
    >>> new["schema_version"], new["migrated_from"], new["answers"]
    (2, 1, {'impressions': '12,500', 'align_crm': 3, 'align_goals': 4})
    >>> old["answers"]["reach"]  # the record given is not changed
    '12,500'
    """
    version = data.get("schema_version")
    if version == SCHEMA_VERSION:
        return data
    if version not in _RENAMED:
        raise ValueError(f"worksheet format version {version!r} is not one this worksheet can read")
    given = data.get("answers", {})
    moving = {old: new for old, new in _RENAMED[version].items() if old in given and _is_blank(given.get(new))}
    answers = {moving.get(key, key): value for key, value in given.items() if key not in moving.values()}
    return {
        **data,
        "schema_version": SCHEMA_VERSION,
        "answers": answers,
        "migrated_from": version,
        "migration_notes": list(_NOTES[version]),
    }


# ---------------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------------


_ID = re.compile(r"[0-9a-f]{8}")
_FILE_NAME = re.compile(r"(?:[a-z0-9]+(?:-[a-z0-9]+)*-)?([0-9a-f]{8})\.json")  # <slug>-<id>.json


def worksheet_dir() -> Path:
    """The folder of saved worksheets: ``$SMK_WORKSHEET_DIR``, or ``~/smk-worksheets``.

    Examples
    --------
    >>> import os, tempfile
    >>> old = os.environ.get("SMK_WORKSHEET_DIR")
    >>> os.environ["SMK_WORKSHEET_DIR"] = d = tempfile.mkdtemp()
    >>> str(worksheet_dir()) == d
    True
    >>> _ = os.environ.pop("SMK_WORKSHEET_DIR") if old is None else os.environ.update(SMK_WORKSHEET_DIR=old)
    """
    folder = os.environ.get("SMK_WORKSHEET_DIR", "").strip()
    return Path(folder).expanduser() if folder else Path.home() / "smk-worksheets"


def new_id() -> str:
    """A short random id (8 hex digits) that tells apart two worksheets with one name.

    Examples
    --------
    >>> len(new_id()), new_id() != new_id()
    (8, True)
    """
    return secrets.token_hex(4)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def new_record(answers: dict | None = None) -> dict:
    """A new, unsaved worksheet (revision 0) with a fresh id.

    Examples
    --------
    >>> rec = new_record({"business_name": "../../x"})
    >>> rec["revision"], len(rec["id"]), rec["answers"]["business_name"], rec["answers"]["impressions"]
    (0, 8, '../../x', '')
    """
    now = _now()
    return {
        "schema_version": SCHEMA_VERSION,
        "id": new_id(),
        "revision": 0,
        "created": now,
        "updated": now,
        "answers": {**blank(), **_normalised(answers or {})},
    }


def file_name(record: dict) -> str:
    """The file a worksheet is saved in: ``<slug of the business name>-<id>.json``.

    Only the id identifies a worksheet; the slug follows the business name, so renaming the
    business renames the file at the next save, and two businesses with one name get two files.

    Examples
    --------
    >>> file_name({"id": "0a1b2c3d", "answers": {"business_name": "../../Corner Café"}})
    'corner-cafe-0a1b2c3d.json'
    >>> file_name({"id": "../x", "answers": {}})
    Traceback (most recent call last):
    ...
    ValueError: '../x' is not a worksheet id; make the record with new_record().
    """
    return f"{slug(record.get('answers', {}).get('business_name'))}-{_checked_id(record)}.json"


def _checked_id(record: dict) -> str:
    ident = str(record.get("id", ""))
    if not _ID.fullmatch(ident):
        raise ValueError(f"{ident!r} is not a worksheet id; make the record with new_record().")
    return ident


def path_of(record: dict, folder=None) -> Path:
    """Where `save` writes a worksheet now: ``folder`` (default `worksheet_dir()`) / `file_name`."""
    return Path(folder if folder is not None else worksheet_dir()) / file_name(record)


def _copies(ident: str, folder: Path) -> list[Path]:
    """The files of one worksheet id (one, except after a rename that was cut off half-way)."""
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.glob(f"*{ident}.json") if (m := _FILE_NAME.fullmatch(p.name)) and m.group(1) == ident
    )


@contextmanager
def _folder_lock(folder: Path):
    """Hold an exclusive lock on the folder while checking a revision and writing (POSIX only).

    Each page of the worksheet runs in its own kernel process, so two tabs saving at once
    are two processes; the lock makes the revision check and the write one step.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no lock; the revision check still catches all but simultaneous saves
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _normalised(answers: dict) -> dict:
    """Answers as the page holds them: text as str, multi-choice as a list of str, scores as int or str.

    Values of another type (from a file edited by hand) become text, so nothing is dropped.
    """
    out = dict(answers)
    for key, raw in answers.items():
        field = FIELDS_BY_ID.get(key)
        if field is None or raw is None:
            out[key] = [] if field is not None and field.kind == "multi-choice" else ("" if field else raw)
        elif field.kind == "multi-choice":
            out[key] = [str(x) for x in raw] if isinstance(raw, (list, tuple)) else [str(raw)]
        elif field.kind == "score" and isinstance(raw, int) and not isinstance(raw, bool):
            out[key] = raw
        elif not isinstance(raw, str):
            out[key] = json.dumps(raw, ensure_ascii=False) if isinstance(raw, (dict, list)) else str(raw)
    return out


def _json_of(path: Path):
    """The JSON in a worksheet file, read safely (a regular file of limited size); UnreadableFile else."""
    from ..system.userfiles import load_json, read_bytes

    raw = read_bytes(
        path,
        limits.MAX_WORKSHEET_FILE_BYTES,
        name=path.name,
        kind="worksheet file",
        fix="a worksheet file holds a few kilobytes of answers; is it the right file?",
    )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UnreadableFile(f"{path.name} is not UTF-8 text.") from None
    return load_json(text, path.name)


def _read(path: Path) -> dict:
    name = path.name
    try:
        data = _json_of(path)
    except UnreadableFile as exc:  # "NAME is not valid JSON (...)." and the like
        reason = str(exc).removeprefix(f"{name} ").rstrip(".")
        raise WorksheetFileError(
            f"{name} {reason}, so it could not be read as a worksheet; it was left as it is."
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        raise WorksheetFileError(f"{name} is not a worksheet file; it was left as it is.")
    version = data.get("schema_version")
    if version != SCHEMA_VERSION and version not in _RENAMED:
        raise WorksheetFileError(
            f"{name} has worksheet format version {version!r}, but this worksheet reads versions "
            f"{_readable_versions()}; it was left as it is."
        )
    if not isinstance(data.get("revision"), int) or isinstance(data.get("revision"), bool):
        raise WorksheetFileError(f"{name} has no revision number; it was left as it is.")
    match = _FILE_NAME.fullmatch(name)
    if not match or data.get("id") != match.group(1):
        raise WorksheetFileError(f"{name} does not carry the id its name ends with; it was left as it is.")
    return migrate(data)


def _readable_versions() -> str:
    versions = [*sorted(_RENAMED), SCHEMA_VERSION]
    return ", ".join(str(v) for v in versions[:-1]) + f" and {versions[-1]}"


def load(path) -> dict:
    """Read a saved worksheet; raises `WorksheetFileError` (file untouched) when it cannot.

    Fields missing from the file are blank; fields this version does not know are kept. A file of an
    older schema version is read through `migrate` (the file itself is rewritten only at the next `save`).

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> from smk_helpers.worksheet.fields import bookhub_example
    >>> saved = save(new_record(bookhub_example()), folder=folder)
    >>> again = load(path_of(saved, folder))
    >>> again["answers"]["business_name"], again["revision"]
    ('The Book Hub', 1)
    """
    path = Path(path)
    data = _read(path)
    data["answers"] = {**blank(), **_normalised(data["answers"])}
    data["file"] = path.name
    return data


def read_answers(path) -> dict:
    """The answers of a worksheet file: a saved worksheet, or the JSON the page exports.

    Raises `WorksheetFileError` with one sentence when the file is missing or is not a worksheet.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from smk_helpers.worksheet.export import answers_json
    >>> from smk_helpers.worksheet.fields import bookhub_example
    >>> exported = pathlib.Path(tempfile.mkdtemp()) / "answers.json"
    >>> _ = exported.write_text(answers_json(bookhub_example()), encoding="utf-8")
    >>> read_answers(exported)["sales_owner"]
    'Priya'
    """
    from ..system.userfiles import what_is_there

    path = Path(path).expanduser()
    found = what_is_there(path)
    if found == "nothing":
        raise WorksheetFileError(
            f"The worksheet file {path} does not exist; give the .json file the worksheet page saved or exported."
        )
    if found is not None:
        raise WorksheetFileError(
            f"The worksheet file {path} is {found}; give the .json file the worksheet page saved or exported."
        )
    try:
        data = _json_of(path)
    except UnreadableFile as exc:
        raise WorksheetFileError(f"{exc} Give the .json file the worksheet page saved or exported.") from None
    try:
        return load(path)["answers"]
    except WorksheetFileError:
        pass
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("answers"), dict)
        or (data.get("schema_version") != SCHEMA_VERSION and data.get("schema_version") not in _RENAMED)
    ):
        raise WorksheetFileError(
            f"{path.name} is not a worksheet file; give the .json file the worksheet page saved or exported."
        )
    return {**blank(), **_normalised(migrate(data)["answers"])}


def reload(record: dict, folder=None) -> dict:
    """The newest saved revision of a worksheet (found by its id, whatever its file is called now).

    Raises `WorksheetFileError` if it has no readable file.
    """
    folder = Path(folder if folder is not None else worksheet_dir())
    copies = [load(p) for p in _copies(_checked_id(record), folder)]
    if not copies:
        raise WorksheetFileError(f"No saved file of this worksheet was found in {folder}.")
    return max(copies, key=lambda r: r["revision"])


def save(record: dict, expected_revision: int | None = None, folder=None) -> dict:
    """Save a worksheet atomically; returns the saved record (revision + 1, new ``updated`` time).

    The file is `file_name` (temp file + rename; a file of the same id under an older name is
    removed afterwards). Refuses with `ConflictError` when a file of this worksheet has a newer
    revision than ``expected_revision`` (default: the record's own revision), and with
    `WorksheetFileError` when one is corrupt or of another version; nothing is written then.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> tab1 = save(new_record({"business_name": "Corner Café"}), folder=folder)
    >>> tab2 = dict(tab1)
    >>> tab1 = save(tab1, folder=folder)
    >>> tab1["revision"], tab1["file"] == f"corner-cafe-{tab1['id']}.json"
    (2, True)
    >>> save(tab2, folder=folder)
    Traceback (most recent call last):
    ...
    smk_helpers.errors.ConflictError: This worksheet was changed elsewhere (another tab or window saved
    revision 2; this page has revision 1). Reload it to see those changes, or save yours as a copy.
    """
    name = file_name(record)
    folder = Path(folder if folder is not None else worksheet_dir())
    expected = record.get("revision", 0) if expected_revision is None else expected_revision
    folder.mkdir(parents=True, exist_ok=True)
    with _folder_lock(folder):
        existing = _copies(_checked_id(record), folder)
        on_disk = max((_read(p)["revision"] for p in existing), default=0)
        if on_disk > expected:
            raise ConflictError(
                f"This worksheet was changed elsewhere (another tab or window saved revision {on_disk}; "
                f"this page has revision {expected}). Reload it to see those changes, or save yours as a copy."
            )
        saved = {
            **{k: v for k, v in record.items() if k not in ("migrated_from", "migration_notes")},
            "schema_version": SCHEMA_VERSION,
            "revision": max(expected, on_disk) + 1,
            "updated": _now(),
            "answers": {**blank(), **record.get("answers", {})},
            "file": name,
        }
        text = json.dumps(saved, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        write_text_atomic(folder / name, text)
        for old in existing:
            if old.name != name:
                old.unlink(missing_ok=True)
    return saved


def save_as_copy(record: dict, folder=None) -> dict:
    """Save the answers as a new worksheet (new id and file, revision 1); the original is untouched.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> first = save(new_record({"business_name": "Corner Café"}), folder=folder)
    >>> copy = save_as_copy(first, folder=folder)
    >>> copy["id"] != first["id"], copy["revision"], copy["answers"] == first["answers"]
    (True, 1, True)
    """
    return save(new_record(dict(record.get("answers", {}))), folder=folder)


def list_worksheets(folder=None) -> tuple[list[dict], list[str]]:
    """The saved worksheets (newest first) and a sentence per file that could not be read.

    Each row: id, name, updated, revision, answered, total, path, answers. Files that cannot be read are
    reported, not changed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = tempfile.mkdtemp()
    >>> _ = save(new_record({"business_name": "Corner Café"}), folder=folder)
    >>> _ = pathlib.Path(folder, "broken.json").write_text("{")
    >>> rows, bad = list_worksheets(folder)
    >>> [(r["name"], r["answered"]) for r in rows], bad
    ([('Corner Café', 1)],
     ['broken.json is not valid JSON (line 1: ...), so it could not be read as a worksheet; it was left as it is.'])
    """
    folder = Path(folder if folder is not None else worksheet_dir())
    newest, bad = {}, []
    if not folder.is_dir():
        return [], bad
    for path in sorted(folder.glob("*.json")):
        try:
            record = load(path)
        except WorksheetFileError as exc:
            bad.append(str(exc))
            continue
        if record["id"] not in newest or record["revision"] > newest[record["id"]]["revision"]:
            newest[record["id"]] = record
    rows = []
    for record in newest.values():
        answered, total = progress(record["answers"])
        name = str(record["answers"].get("business_name") or "").strip() or "(no name yet)"
        rows.append(
            {
                "id": record["id"],
                "name": name,
                "updated": str(record.get("updated", "")),
                "revision": record["revision"],
                "answered": answered,
                "total": total,
                "path": folder / record["file"],
                "answers": record["answers"],
            }
        )
    rows.sort(key=lambda r: (r["updated"], r["revision"]), reverse=True)
    return rows, bad
