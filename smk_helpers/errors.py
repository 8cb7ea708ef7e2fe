"""Every exception smk raises on purpose, in one place, and the record of one data problem.

Each message is one sentence for the user: what is wrong, where (file, column, row, field) and what
to do. The modules that raise an error re-export it (``report.ParameterError`` still works), but it
is defined here, so its name is the same wherever it is caught or printed.

The loader's problems are `Problem` records: a code a script can act on, the file, column and
spreadsheet rows, and the sentence. `BusinessDataError` carries them; ``smk validate --json``
prints them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "Problem",
    "BusinessDataError",
    "UnreadableFile",
    "OutputError",
    "PdfError",
    "ParameterError",
    "ReportError",
    "NotebookFailed",
    "BatchError",
    "BatchStopped",
    "WorksheetFileError",
    "ConflictError",
    "UsageError",
]


@dataclass(frozen=True)
class Problem:
    """One problem found in a business folder: a code, where it is, and the sentence that says it.

    Parameters
    ----------
    message : str
        The sentence shown to the user (it names the file, column and rows itself).
    code : str
        What kind of problem, for scripts: e.g. ``"missing_file"``, ``"not_a_number"``; ``"other"``
        when no finer code applies.
    file, column : str or None
        The file name (as the user named it) and the column, when the problem has one.
    rows : tuple of int
        The rows as a spreadsheet numbers them (the header is row 1); empty for a file-wide problem.

    Examples
    --------
    >>> p = Problem("orders.csv, column 'revenue', row 3: not a number.", "not_a_number", "orders.csv",
    ...             "revenue", (3,))
    >>> str(p)
    "orders.csv, column 'revenue', row 3: not a number."
    >>> p.as_dict()["rows"]
    [3]
    """

    message: str
    code: str = "other"
    file: str | None = None
    column: str | None = None
    rows: tuple[int, ...] = field(default_factory=tuple)

    def __str__(self) -> str:
        return self.message

    def as_dict(self) -> dict:
        """The record as plain data for JSON: code, file, column, rows (a list), message."""
        return {
            "code": self.code,
            "file": self.file,
            "column": self.column,
            "rows": list(self.rows),
            "message": self.message,
        }


class BusinessDataError(ValueError):
    """A business folder breaks the contract: ``problems`` holds one sentence per problem, ``records`` the `Problem`s.

    Examples
    --------
    >>> import pickle
    >>> err = BusinessDataError([Problem("orders.csv is missing.", "missing_file", "orders.csv"), "Another one."])
    >>> err.problems
    ['orders.csv is missing.', 'Another one.']
    >>> [r.code for r in pickle.loads(pickle.dumps(err)).records]
    ['missing_file', 'other']
    """

    def __init__(self, problems):
        items = [problems] if isinstance(problems, str | Problem) else list(problems)
        self.records = [p if isinstance(p, Problem) else Problem(str(p)) for p in items]
        self.problems = [p.message for p in self.records]
        super().__init__("\n".join(self.problems))

    def __reduce__(self):  # survive pickling (batch workers) with every record intact
        return (type(self), (self.records,))


class UnreadableFile(ValueError):
    """A user's file cannot be read safely; the message is one sentence saying why and what to do."""


class OutputError(ValueError):
    """The output folder cannot be used; the message names it and says what to do."""


class PdfError(Exception):
    """A PDF could not be made; the message says why and what to do instead."""


class ParameterError(ValueError):
    """A report parameter is unknown or of the wrong type; the message lists the valid ones."""


class ReportError(Exception):
    """The report could not be made; the message says why and what to do."""


class NotebookFailed(ReportError):
    """The report notebook itself failed (a bug, not the user's input); nothing was written."""


class BatchError(ValueError):
    """The batch file cannot be used; the message names the file, the row and what to fix."""


class BatchStopped(KeyboardInterrupt):
    """The batch was stopped (Ctrl+C or SIGTERM); ``outcomes`` says what was made and what was not."""

    def __init__(self, outcomes):
        super().__init__()
        self.outcomes = outcomes


class WorksheetFileError(Exception):
    """A worksheet file that cannot be read (corrupt, or from an unknown schema version); it is left as it is."""


class ConflictError(Exception):
    """The file on disk has a newer revision than the one being saved (another tab saved it)."""


class UsageError(Exception):
    """A parameter the user gave is wrong; the message says which and how to fix it."""
