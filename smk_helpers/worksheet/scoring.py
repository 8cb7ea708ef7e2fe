"""The worksheet's alignment score (section 5), on top of `smk_helpers.course.alignment.assess_alignment`."""

from __future__ import annotations

from dataclasses import dataclass

from ..course.alignment import STATEMENTS, assess_alignment
from .fields import FIELDS_BY_ID, validate_field

# The five practices of section 5 and the lesson-09 statement whose tip each one reuses.
PRACTICES = {
    "align_goals": "goals",
    "align_handoff": "handoff",
    "align_record": "crm",
    "align_messaging": "messaging",
    "align_feedback": "feedback",
}


# ---------------------------------------------------------------------------------------------
# Working together: the alignment score
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AlignmentResult:
    """The self-score of section 5: average (NaN until something is scored), stage and weakest areas.

    ``weakest`` holds up to two (practice, score, suggestion) tuples, lowest score first.
    """

    answered: int
    total: int
    score: float
    stage: str | None
    weakest: tuple[tuple[str, int, str], ...]

    @property
    def message(self) -> str:
        if self.stage is None:
            return f"Score the practices to see your result (0 of {self.total} scored)."
        text = f"Average {self.score:.1f} of 5 ({self.answered} of {self.total} scored): stage {self.stage}."
        for practice, score, tip in self.weakest:
            text += f" {practice} ({score}): {tip}"
        return text


def alignment_result(answers: dict) -> AlignmentResult:
    """Score the five practices of section 5 with lesson 09's `assess_alignment`.

    The average of the scored practices gives the stage (lesson 09's cut-offs); the two lowest
    scored practices (ties in worksheet order) come with lesson 09's concrete tip. An invalid
    score is left out, like a blank one.

    Examples
    --------
    >>> from smk_helpers.worksheet.fields import bookhub_example
    >>> r = alignment_result(bookhub_example())
    >>> r.score, r.stage
    (3.0, 'aligned')
    >>> [(practice, score) for practice, score, _ in r.weakest]
    [('Lead handoff', 2), ('Feedback loop', 2)]
    """
    scores = {}
    for field_id in PRACTICES:
        value, message = validate_field(field_id, answers.get(field_id))
        scores[field_id] = None if message else value
    assessment = assess_alignment({PRACTICES[k]: v for k, v in scores.items()})
    tips = {s.key: s.tip for s in STATEMENTS}
    scored = [(v, i, k) for i, (k, v) in enumerate(scores.items()) if v is not None]
    weakest = tuple((FIELDS_BY_ID[k].label, v, tips[PRACTICES[k]]) for v, _, k in sorted(scored)[:2])
    return AlignmentResult(
        answered=len(scored),
        total=len(PRACTICES),
        score=assessment.mean,
        stage=assessment.stage.name if assessment.stage else None,
        weakest=weakest,
    )
