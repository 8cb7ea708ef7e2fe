"""Writing files safely: a reader never sees a half-written file, and a failed write leaves the old one.

`slug` makes a name safe to use in a file name."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path


def write_bytes_atomic(path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename it into place.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = write_bytes_atomic(p, b"hello")
    >>> p.read_bytes()
    b'hello'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets what open() would give it (0o666 less umask)."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_text_atomic(path, text: str) -> Path:
    """Write UTF-8 ``text`` (Unix line ends) atomically; see :func:`write_bytes_atomic`."""
    return write_bytes_atomic(path, text.encode("utf-8"))


def slug(text) -> str:
    """A file-name-safe version of a name: lower-case ASCII letters, digits and dashes (at most 40).

    Examples
    --------
    >>> slug("Café Olé & Co."), slug("../../x"), slug("")
    ('cafe-ole-co', 'x', 'worksheet')
    """
    ascii_text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40].strip("-")
    return cleaned or "worksheet"
