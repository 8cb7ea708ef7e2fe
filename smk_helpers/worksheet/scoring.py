"""The worksheet's alignment score (section 5): lesson 09's self-assessment, one instrument for both.

Section 5 asks the statements of `smk_helpers.course.alignment.STATEMENTS`, one field each (``align_<key>``),
and `alignment.assess_alignment` scores them: the same statements, the same cut-offs, the same advice and
the same choice of weakest statements as the lesson's widget.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..course.alignment import STATEMENTS, assess_alignment
from .fields import validate_field

# Each field of section 5 and the lesson-09 statement it asks.
PRACTICES = {f"align_{s.key}": s.key for s in STATEMENTS}


# ---------------------------------------------------------------------------------------------
# Working together: the alignment score
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AlignmentResult:
    """The self-score of section 5: average (NaN until something is scored), stage, next step and weakest areas.

    ``weakest`` holds up to two (practice, score, suggestion) tuples, lowest score first: the statements
    `assess_alignment` names to start with (only those scored below 4).
    """

    answered: int
    total: int
    score: float
    stage: str | None
    weakest: tuple[tuple[str, int, str], ...]
    advice: str = ""

    @property
    def message(self) -> str:
        if self.stage is None:
            return f"Score the statements to see your result (0 of {self.total} scored)."
        text = f"Average {self.score:.1f} of 5 ({self.answered} of {self.total} scored): stage {self.stage}."
        if self.answered < self.total:
            text += " Score the rest for a firm result."
        text += f" Next step: {self.advice}"
        for practice, score, tip in self.weakest:
            text += f" {practice[:1].upper()}{practice[1:]} ({score}): {tip}"
        return text


def alignment_result(answers: dict) -> AlignmentResult:
    """Score section 5 with lesson 09's `assess_alignment`: its statements, cut-offs, advice and tips.

    The average of the scored statements gives the stage (below 2 undefined, below 3 defined, below 4
    aligned, from 4 integrated); the statements the assessment names to start with (the two lowest, only
    those below 4, ties in the lesson's order) come with their score and tip. An invalid score is left
    out, like a blank one.

    Examples
    --------
    >>> from smk_helpers.worksheet.fields import bookhub_example
    >>> r = alignment_result(bookhub_example())
    >>> r.score, r.stage
    (2.625, 'defined')
    >>> [(practice, score) for practice, score, _ in r.weakest]
    [('lead handoff', 2), ('the feedback loop', 2)]
    """
    scores = {}
    for field_id, key in PRACTICES.items():
        value, message = validate_field(field_id, answers.get(field_id))
        scores[key] = None if message else value
    assessment = assess_alignment(scores)
    by_focus = {f"{s.practice}: {s.tip}": s for s in STATEMENTS}
    weakest = tuple(
        (by_focus[focus].practice, scores[by_focus[focus].key], by_focus[focus].tip) for focus in assessment.focus
    )
    return AlignmentResult(
        answered=assessment.answered,
        total=assessment.total,
        score=assessment.mean,
        stage=assessment.stage.name if assessment.stage else None,
        weakest=weakest,
        advice=assessment.stage.advice if assessment.stage else "",
    )
