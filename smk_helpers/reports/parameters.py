"""The report's parameters: what each one is, and how a value given as text or data is checked.

Papermill passes a notebook's parameters without checking them, so `make_report` checks them here
before any kernel starts; the rules of the values (a gross margin, an hourly cost, a period) are
`smk_helpers.core.params`'. A batch file's rows and ``smk report -p key=value`` come through here too.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from .. import limits
from ..core.params import STAFF_HOURLY_COST, not_a_date_text, parameter_problems
from ..errors import ParameterError

__all__ = [
    "BY_NAME",
    "DEFAULT_FORMATS",
    "FORMATS",
    "PARAMETERS",
    "Parameter",
    "check_parameters",
    "parameters_text",
    "parse_formats",
]

FORMATS = ("html", "pdf", "ipynb")
DEFAULT_FORMATS = ("html", "ipynb")


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str  # "text", "date", "number", "bool"
    default: object
    optional: bool  # may be empty (None)
    help: str
    max_chars: int = limits.MAX_PATH_CHARS  # text only: the longest value taken

    @property
    def type_text(self) -> str:
        words = {"text": "text", "date": "date YYYY-MM-DD", "number": "number", "bool": "true or false"}[self.kind]
        return words + (", or empty" if self.optional else "")


PARAMETERS: tuple[Parameter, ...] = (
    Parameter("data_dir", "text", "", False, "the business folder (holding orders.csv); empty for The Book Hub"),
    Parameter(
        "business_name", "text", "", False, "the name in titles; empty for the folder's name", limits.MAX_NAME_CHARS
    ),
    Parameter("currency", "text", "$", False, "the symbol written before amounts of money", limits.MAX_CURRENCY_CHARS),
    Parameter("period_start", "date", None, True, "first day of the period; empty for 12 months before the end"),
    Parameter("period_end", "date", None, True, "last day of the period; empty for the last order's day"),
    Parameter(
        "gross_margin", "number", None, True, "a fraction such as 0.45, for ROI when orders have no gross_profit"
    ),
    Parameter("staff_hourly_cost", "number", STAFF_HOURLY_COST, False, "what an hour of selling time costs"),
    Parameter(
        "handoff", "text", "", False, "the first funnel stage sales owns; empty to leave it out", limits.MAX_NAME_CHARS
    ),
    Parameter("worksheet", "text", "", False, "a saved worksheet (.json) whose goals and plan to show; empty for none"),
    Parameter("dayfirst", "bool", None, True, "how to read slash dates: true for 14/03/2025, false for 03/14/2025"),
    Parameter("output_dir", "text", "", False, "where the notebook writes metrics.json; empty to write nothing"),
)
BY_NAME = {p.name: p for p in PARAMETERS}
BOOKHUB_HANDOFF = "engaged"  # the first stage The Book Hub's sales own (lesson 05)


def parameters_text() -> str:
    """The valid parameters with their types, for error messages.

    Examples
    --------
    >>> parameters_text().split("; ")[:2]
    ['data_dir (text)', 'business_name (text)']
    """
    return "; ".join(f"{p.name} ({p.type_text})" for p in PARAMETERS if p.name != "output_dir")


_EMPTY = {"", "none", "null"}


def _shown(value, limit: int = 40) -> str:
    """A value as a message quotes it: its repr, cut short.

    Examples
    --------
    >>> _shown("0.45"), _shown("x" * 100)
    ("'0.45'", "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…'")
    """
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 2] + "…'"


def _coerce(p: Parameter, value):
    """The value as the notebook wants it, or a sentence saying what is wrong with it."""
    if isinstance(value, str) and p.kind != "text":
        value = value.strip()
        if value.lower() in _EMPTY:
            value = None
    if value is None:
        if p.optional:
            return None
        if p.kind == "text":
            return ""
        raise ParameterError(f"{p.name} cannot be empty; give a {p.type_text}.")
    if p.kind == "text":
        if not isinstance(value, str):
            raise ParameterError(
                f"{p.name} {_shown(value)} is not text; put it in quotes (a number such as 01234 "
                "loses its leading zero otherwise)."
            )
        if len(value) > p.max_chars:
            raise ParameterError(f"{p.name} is {len(value):,} characters long; give at most {p.max_chars:,}.")
        return value
    if p.kind == "date":
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return value.isoformat()
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise ParameterError(not_a_date_text(p.name, _shown(value))) from None
    if p.kind == "bool":
        if isinstance(value, bool):
            return value
        words = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}
        if str(value).lower() in words:
            return words[str(value).lower()]
        raise ParameterError(f"{p.name} {_shown(value)} is not true or false.")
    # number
    if isinstance(value, bool):
        raise ParameterError(f"{p.name} {_shown(value)} is not a number.")
    if isinstance(value, str):
        text = value.replace(",", "")
        if text.endswith("%"):
            raise ParameterError(
                f"{p.name} {_shown(value)} looks like a percentage; give a fraction such as 0.45 for 45%."
            )
        try:
            value = float(text)
        except ValueError:
            raise ParameterError(f"{p.name} {_shown(value)} is not a number.") from None
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ParameterError(f"{p.name} {_shown(value)} is not a number.")
    return float(value)


def check_parameters(values: dict | None = None) -> dict:
    """Every report parameter, checked and typed: the defaults, overridden by ``values``.

    Values may be typed (from YAML or Python) or text (from ``-p key=value`` or a CSV cell);
    text is converted by the parameter's type, so ``-p business_name=01234`` stays text.

    Raises
    ------
    ParameterError
        For an unknown name, a value of the wrong type or out of range; the message names the
        parameter and lists the valid ones with their types.

    Examples
    --------
    >>> check_parameters({"gross_margin": "0.45", "period_end": "2025-12-31"})["gross_margin"]
    0.45
    >>> check_parameters({"margin": 0.45})
    Traceback (most recent call last):
    ...
    smk_helpers.errors.ParameterError: There is no parameter 'margin'. Did you mean gross_margin?
    The report's parameters are: data_dir (text); ...
    """
    values = dict(values or {})
    unknown = [name for name in values if name not in BY_NAME]
    if unknown:
        close = [p.name for p in PARAMETERS if unknown[0].lower() in p.name or p.name in unknown[0].lower()]
        hint = f" Did you mean {close[0]}?" if close else ""
        raise ParameterError(
            f"There is no parameter {unknown[0]!r}.{hint} The report's parameters are: {parameters_text()}."
        )
    checked = {}
    for p in PARAMETERS:
        try:
            checked[p.name] = _coerce(p, values.get(p.name, p.default))
        except ParameterError as exc:
            raise ParameterError(f"{exc} The report's parameters are: {parameters_text()}.") from None
    problems = parameter_problems(
        currency=checked["currency"],
        gross_margin=checked["gross_margin"],
        staff_hourly_cost=checked["staff_hourly_cost"],
        start=checked["period_start"],
        end=checked["period_end"],
        names={"start": "period_start", "end": "period_end"},
    )
    if problems:
        raise ParameterError(problems[0])
    return checked


def parse_formats(text) -> tuple[str, ...]:
    """'html,pdf' -> ('html', 'pdf'); raises ParameterError for an unknown format.

    Examples
    --------
    >>> parse_formats("HTML, pdf")
    ('html', 'pdf')
    """
    if isinstance(text, (list, tuple)):
        text = ",".join(text)
    formats = tuple(dict.fromkeys(f.strip().lower() for f in str(text).split(",") if f.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ParameterError(
            f"--format {text!r} is not known; give one or more of html, pdf and ipynb, separated by commas."
        )
    return formats
