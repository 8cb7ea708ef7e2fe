"""HTML pages to PDF through a local Chromium (Debian's ``chromium``), never a downloaded browser.

Chromium prints the page as its print stylesheet asks (``@page``, ``@media print``), so what
the PDF shows is what a reader gets from the browser's own Print button. Nothing is fetched
from the network: the page must be self-contained (inlined images and styles).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import PdfError

__all__ = ["PdfError", "find_chromium", "html_to_pdf"]

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
NO_CHROMIUM = (
    "PDF needs Chromium, which was not found: install it (on Debian or Ubuntu: "
    "apt-get install chromium) or set SMK_CHROMIUM to its path. Meanwhile, open the HTML "
    "file and use your browser's Print, then Save as PDF."
)


def find_chromium() -> str | None:
    """The Chromium to print with: ``$SMK_CHROMIUM``, else the first of `CHROMIUM_NAMES` on PATH.

    Examples
    --------
    >>> import os
    >>> old = os.environ.get("SMK_CHROMIUM")
    >>> os.environ["SMK_CHROMIUM"] = "/opt/my/chromium"
    >>> find_chromium()
    '/opt/my/chromium'
    >>> _ = os.environ.pop("SMK_CHROMIUM") if old is None else os.environ.update(SMK_CHROMIUM=old)
    """
    configured = os.environ.get("SMK_CHROMIUM", "").strip()
    if configured:
        return configured
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def html_to_pdf(page: str, chromium: str | None = None, timeout: float = 120) -> bytes:
    """Print an HTML page to PDF with headless Chromium and return the PDF's bytes.

    The page is written to a temporary folder with a fresh Chromium profile, both removed
    afterwards; no header or footer (date, file path) is added to the pages.

    Parameters
    ----------
    page : str
        A whole, self-contained HTML document.
    chromium : str, optional
        The browser binary; default `find_chromium()`.
    timeout : float
        Seconds before giving up.

    Raises
    ------
    PdfError
        When there is no Chromium, or it fails or times out.
    """
    chromium = chromium or find_chromium()
    if not chromium:
        raise PdfError(NO_CHROMIUM)
    with tempfile.TemporaryDirectory(prefix="smk-pdf-") as tmp:
        source, target = Path(tmp, "page.html"), Path(tmp, "page.pdf")
        source.write_text(page, encoding="utf-8")
        cmd = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            f"--user-data-dir={Path(tmp, 'profile')}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        try:
            done = subprocess.run(
                cmd, capture_output=True, timeout=timeout, check=False, env={**os.environ, "HOME": tmp}
            )
        except FileNotFoundError as exc:
            raise PdfError(f"Chromium could not be started ({chromium}): {exc.strerror}. " + NO_CHROMIUM) from exc
        except subprocess.TimeoutExpired as exc:
            raise PdfError(
                f"Chromium took longer than {timeout:.0f} s to print the PDF; try again, "
                "or print the HTML file from your browser."
            ) from exc
        data = target.read_bytes() if target.exists() else b""
        if not data.startswith(b"%PDF"):
            last = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
            raise PdfError(
                f"Chromium did not write a PDF (exit code {done.returncode}: {last}); "
                "print the HTML file from your browser instead."
            )
        return data
