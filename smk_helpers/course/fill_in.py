"""Fill-in-the-blank exercises: partly written code whose blanks, ``___``, the student completes.

A fill-in cell starts with the ``%%fill_in`` line::

    %%fill_in
    december = hub.orders[hub.orders["order_date"].dt.month == ___]
    answer = december["total"].sum()
    check("00.3", answer)

While a blank is left, the cell does not run its code: it says how many blanks are left, so a lesson
still runs from top to bottom. Once every ``___`` is replaced, the cell runs as ordinary code; if a
blank was filled with text but no quotes, a line under the error says to add them. The
magic is registered when a lesson imports `check` in Jupyter.
"""

from __future__ import annotations

import re

from .grading import MISSING, Feedback, wrong

BLANK = "___"
_BLANK = re.compile(r"(?<![A-Za-z0-9_])___(?![A-Za-z0-9_])")


def blanks_in(code: str) -> int:
    """How many blanks (``___``) are left in ``code``.

    Examples
    --------
    >>> blanks_in('orders[orders["channel"] == ___][___].sum()'), blanks_in("my___name = 1")
    (2, 0)
    """
    return len(_BLANK.findall(code))


def waiting(code: str) -> Feedback | None:
    """The feedback for a cell with blanks left, or None when it is ready to run.

    Examples
    --------
    >>> waiting("total = ___")
    … Not answered yet: fill in the 1 blank (___) in this cell, then run it again.
    >>> waiting("total = 3") is None
    True
    """
    left = blanks_in(code)
    if not left:
        return None
    noun = "blank" if left == 1 else "blanks"
    return Feedback(MISSING, f"fill in the {left} {noun} ({BLANK}) in this cell, then run it again.")


def fill_in(line: str, cell: str):
    """The ``%%fill_in`` cell magic: run the cell once no blank is left; until then, say how many are."""
    feedback = waiting(cell)
    if feedback is not None:
        return feedback
    from IPython import get_ipython

    result = get_ipython().run_cell(cell)
    return unquoted_text_hint(result.error_in_exec)


def unquoted_text_hint(error) -> Feedback | None:
    """A hint when a filled-in blank was text typed without quotes (Python then looks for a name).

    Examples
    --------
    >>> unquoted_text_hint(NameError("name 'website' is not defined", name="website"))
    ✘ Not yet: website is not a name the lesson made; if you meant the text website, put it in quotes: "website".
    >>> unquoted_text_hint(KeyError("x")) is None
    True
    """
    name = getattr(error, "name", None) if isinstance(error, NameError) else None
    if not name:
        return None
    return wrong(f'{name} is not a name the lesson made; if you meant the text {name}, put it in quotes: "{name}".')


def register() -> None:
    """Make ``%%fill_in`` available in the running IPython kernel (nothing happens outside IPython)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return
    shell = get_ipython()
    if shell is not None:
        shell.register_magic_function(fill_in, magic_kind="cell", magic_name="fill_in")
