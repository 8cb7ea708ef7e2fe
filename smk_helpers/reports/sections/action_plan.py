"""The owner's goals, action plan and alignment score from a saved worksheet (`owner_plan`).

The only section that needs the worksheet; it imports the worksheet's model (fields, scoring) on
first use, so importing the sections does not load the worksheet or the course.
"""

from __future__ import annotations

import pandas as pd

from .base import Section

__all__ = ["PLAN_KEY", "PLAN_TITLE", "owner_plan"]

PLAN_KEY = "owner_plan"
PLAN_TITLE = "Your goals and action plan"


def owner_plan(answers: dict | None, source: str = "") -> Section | None:
    """The owner's goals, action plan and alignment score from a saved worksheet; None without answers.

    Examples
    --------
    >>> from smk_helpers.worksheet import bookhub_example
    >>> section = owner_plan(bookhub_example(), "the-book-hub.json")
    >>> section.tables["Action plan"].loc["Sales", "owner"]
    'Priya'
    >>> owner_plan(None) is None
    True
    """
    if answers is None:
        return None
    from ...worksheet.fields import ACTIONS
    from ...worksheet.scoring import alignment_result

    goals = pd.DataFrame(
        {
            "goal": [
                answers.get("marketing_goal") or "(not written yet)",
                answers.get("sales_goal") or "(not written yet)",
            ]
        },
        index=pd.Index(["Marketing", "Sales"], name="side"),
    )
    plan = pd.DataFrame(
        [
            {
                "who": label,
                "action": answers.get(f"{key}_action") or "",
                "owner": answers.get(f"{key}_owner") or "",
                "by when": answers.get(f"{key}_date") or "",
            }
            for label, key in ACTIONS
        ]
    ).set_index("who")
    result = alignment_result(answers)
    summary = f"From the worksheet{f' {source}' if source else ''}: {result.message}"
    return Section(
        PLAN_TITLE,
        summary,
        tables={"Goals": goals, "Action plan": plan},
        raw_tables={"action_plan": plan.reset_index()},
        key=PLAN_KEY,
    )
