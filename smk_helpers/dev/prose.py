"""The numbers typed in a lesson's prose, and whether the outputs above them say the same.

A number typed in markdown is a copy of a result; when the data or the code changes, the copy
drifts. So every number in a markdown cell must appear, at the rounding it is written with, in a
stored output of a code cell above it. The only exceptions (`ALLOWED`) are numbers that are not
copies of a result. A number in a "Check your answer" fold may also be the answer of the exercise
the fold belongs to, since a solution's output is not stored.

Run ``python -m smk_helpers.dev.prose notebooks/*.ipynb`` to list the numbers that match nothing.
"""

from __future__ import annotations

import html
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

# The numbers prose may type without an output that says them, each with its reason.
ALLOWED = {
    "a year (1900-2099)": "a date, not a result",
    "a whole number from 0 to 12": "a count the text chooses (the four Ps, three channels, lesson 7)",
    "a two-digit number with a leading zero (05, 06.2), or an exercise's id (12.3)": "a lesson or exercise number",
    "the **Time:** line": "the lesson's minutes, tested against the estimate in smk_helpers.course.timing",
    "inside `inline code` or a code block": "code, not prose",
}

NUMBER = re.compile(
    r"(?<![\w.,])(?P<minus>[-−])?(?P<dollar>\$)?"
    r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?"
    r"(?P<suffix>\s?%|k\b|\s?(?:pp|pts?)\b| percentage points?)?"
)
FOLD = re.compile(r"<details>.*?</details>", re.S)
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)
TAG = re.compile(r"<[^>]+>")
LINK_TARGET = re.compile(r"\]\([^)]*\)")
TIME_LINE = re.compile(r"\*\*Time:\*\*[^\n]*")
CHECK_CALL = re.compile(r"""check\(\s*["'](\d\d\.\d+)["']""")


@dataclass(frozen=True)
class Number:
    """One number as written: its value, the tolerance its rounding implies, and the text."""

    value: float
    tolerance: float
    percent: bool
    text: str


def numbers_in(text: str) -> list[Number]:
    """Every number written in ``text``, with the tolerance of its rounding.

    "2,400" is rounded to the hundred (±50), "21%" to the point (±0.5), "$13.50" to the cent.

    Examples
    --------
    >>> [(n.value, n.tolerance, n.percent) for n in numbers_in("about 2,400 emails, 21% and $13.50; 9.8k")]
    [(2400.0, 50.0, False), (21.0, 0.5, True), (13.5, 0.005, False), (9800.0, 50.0, False)]
    """
    found = []
    for m in NUMBER.finditer(text):
        digits = m["int"].replace(",", "")
        frac = m["frac"] or ""
        value = float(digits + frac)
        if frac:
            tolerance = 0.5 * 10 ** -(len(frac) - 1)
        else:
            zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
            tolerance = 0.5 * 10 ** min(zeros, len(digits) - 1)
        suffix = (m["suffix"] or "").strip()
        if suffix == "k":
            value, tolerance = value * 1000, max(tolerance * 1000, 0.5 * 10 ** (3 - len(frac[1:])) if frac else 500)
        if m["minus"]:
            value = -value
        found.append(Number(value, tolerance, suffix == "%", m.group(0)))
    return found


def _exercise_ids() -> set[str]:
    from ..course.exercises import registry

    return set(registry())


def _allowed(n: Number) -> bool:
    text = n.text.lstrip("-−$")
    if re.fullmatch(r"(19|20)\d\d", text):
        return True
    if re.fullmatch(r"0\d(\.\d)?", text):
        return True
    if re.fullmatch(r"\d\d\.\d+", text) and not n.percent and "$" not in n.text and text in _exercise_ids():
        return True
    return n.value.is_integer() and 0 <= n.value <= 12 and not n.percent and "$" not in n.text


def output_text(cell) -> str:
    """The text of a code cell's stored outputs: streams, plain text, markdown, and HTML without its tags."""
    parts = []
    for out in cell.get("outputs", []):
        if "text" in out:
            parts.append("".join(out["text"]) if isinstance(out["text"], list) else out["text"])
        for kind, data in out.get("data", {}).items():
            if kind in ("text/plain", "text/markdown", "text/html"):
                text = "".join(data) if isinstance(data, list) else data
                parts.append(html.unescape(TAG.sub(" ", text)) if kind == "text/html" else text)
    return "\n".join(parts)


def _values(numbers: list[Number]) -> list[float]:
    values = []
    for n in numbers:
        values.append(n.value)
        if n.percent:
            values.append(n.value / 100)
    return values


def matches(n: Number, seen: list[float]) -> bool:
    """Whether ``n``, at its rounding, states one of the values ``seen`` (a percentage also as a fraction).

    Examples
    --------
    >>> [matches(n, [0.2135]) for n in numbers_in("21%, 21.3%, 0.21, 22%")]
    [True, True, True, False]
    """
    targets = [(n.value, n.tolerance)] + ([(n.value / 100, n.tolerance / 100)] if n.percent else [])
    if not n.percent and abs(n.value) < 1:  # "0.21" may be written for an output of 21.3%
        targets.append((n.value * 100, n.tolerance * 100))
    return any(abs(v - t) <= tol * (1 + 1e-9) + 1e-12 for t, tol in targets for v in seen)


def prose(markdown: str) -> str:
    """The text of a markdown cell whose numbers are checked: no code, tags, link targets or **Time:** line."""
    text = CODE.sub(" ", markdown)
    text = TIME_LINE.sub(" ", text)
    text = LINK_TARGET.sub("]", text)
    return html.unescape(TAG.sub(" ", text))


def unmatched_numbers(nb, answers: dict[str, object] | None = None) -> list[tuple[int, str]]:
    """``(cell index, number as written)`` for each typed number that no output above supports.

    ``answers`` maps an exercise id to its expected answer (`smk_helpers.course.exercises.answer_key`):
    a "Check your answer" fold may state the answer of the last exercise above it.
    """
    seen: list[float] = []
    last_exercise = None
    problems = []
    for i, cell in enumerate(nb["cells"]):
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "code":
            seen += _values(numbers_in(output_text(cell)))
            found = CHECK_CALL.search(source)
            if found:
                last_exercise = found.group(1)
            continue
        if cell["cell_type"] != "markdown":
            continue
        answer = (answers or {}).get(last_exercise)
        in_fold = " ".join(FOLD.findall(source))
        for part, extra in ((FOLD.sub(" ", source), []), (in_fold, _answer_values(answer))):
            for n in numbers_in(prose(part)):
                if not _allowed(n) and not matches(n, seen + extra):
                    problems.append((i, n.text.strip()))
    return problems


def _answer_values(answer) -> list[float]:
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return []
    return [value, value * 100]


def main(paths) -> int:
    from ..course.exercises import answer_key, registry

    answers = {k: answer_key(k) for k in registry()}
    count = 0
    for path in paths:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        for index, text in unmatched_numbers(nb, answers):
            print(f"{path} cell {index}: {text}")
            count += 1
    print(f"{count} typed number(s) with no output above them that says the same")
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
