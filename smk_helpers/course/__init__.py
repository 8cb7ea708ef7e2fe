"""The course itself: its lessons, in order, with the minutes each takes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Lesson:
    number: str
    file: str
    title: str
    about: str
    minutes: int


LESSONS: tuple[Lesson, ...] = (
    Lesson("00", "00_start_here.ipynb", "Start here", "how the course works, and The Book Hub in one page", 15),
    Lesson(
        "01",
        "01_sales_vs_marketing.ipynb",
        "Sales vs marketing",
        "what each one is, side by side, and a sorting quiz",
        30,
    ),
    Lesson("02", "02_four_ps.ipynb", "The four Ps", "product, price, place and promotion at The Book Hub", 35),
    Lesson(
        "03",
        "03_one_to_many_vs_one_to_one.ipynb",
        "One-to-many vs one-to-one",
        "campaigns against conversations: reach, cost and conversion",
        30,
    ),
    Lesson(
        "04",
        "04_the_funnel.ipynb",
        "The funnel",
        "from first glance to repeat purchase, and where marketing hands over to sales",
        35,
    ),
    Lesson("05", "05_kpis.ipynb", "KPIs", "what each side measures, and the mistakes that make numbers lie", 40),
    Lesson(
        "06", "06_alignment.ipynb", "Alignment", '"smarketing": shared goals, lead handoff and the feedback loop', 30
    ),
    Lesson("07", "07_your_business.ipynb", "Your business", "the same analyses on your own data", 30),
)


def lesson_map():
    """The lessons as a table: number, title, what it is about, minutes (and the total).

    Examples
    --------
    >>> int(lesson_map().loc["00", "minutes"])
    15
    """
    import pandas as pd

    table = pd.DataFrame(
        [(lesson.number, lesson.title, lesson.about, lesson.minutes) for lesson in LESSONS],
        columns=["lesson", "title", "what it is about", "minutes"],
    ).set_index("lesson")
    return table


def total_minutes() -> int:
    """How long the whole course takes, in minutes."""
    return sum(lesson.minutes for lesson in LESSONS)
