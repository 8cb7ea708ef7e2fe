"""The course itself: its lessons, in order, with the minutes each takes and the example data it uses.

The map is final: a lesson's number, file name and exercise ids ("06.2" is lesson 06's second
exercise) do not change any more. Lessons that are not written yet are in the map with
``ready=False``; they have no notebook until they are written, so a student never opens an empty one.
"""

from __future__ import annotations

from dataclasses import dataclass

BOOK_HUB = "Book Hub"
NORTHWAY = "Northway"
COMING = "coming in a later version"


@dataclass(frozen=True)
class Lesson:
    """One lesson of the course.

    ``data`` says which example business it uses (The Book Hub, a bookstore, in ``data/bookhub``;
    Northway, a B2B business, in ``data/northway``); ``ready`` is False for a lesson that is
    planned but not written yet, which has no notebook in ``notebooks/``.
    """

    number: str
    file: str
    title: str
    about: str
    minutes: int
    data: str
    ready: bool = True


LESSONS: tuple[Lesson, ...] = (
    Lesson("00", "00_start_here.ipynb", "Start here", "how the course works, pandas, The Book Hub", 45, BOOK_HUB),
    Lesson(
        "01",
        "01_sales_vs_marketing.ipynb",
        "Sales vs marketing",
        "the two jobs side by side, PR, B2C against B2B",
        40,
        f"{BOOK_HUB} and {NORTHWAY}",
    ),
    Lesson(
        "02",
        "02_segments_and_positioning.ipynb",
        "Segments, targets and positioning",
        "whom to serve, and how to stand out to them",
        40,
        f"{BOOK_HUB} and {NORTHWAY}",
    ),
    Lesson("03", "03_four_ps.ipynb", "The four Ps", "product, price, place and promotion in the data", 45, BOOK_HUB),
    Lesson(
        "04",
        "04_one_to_many_vs_one_to_one.ipynb",
        "One-to-many vs one-to-one",
        "campaigns vs conversations: cost, reach, orders",
        45,
        f"{BOOK_HUB} and {NORTHWAY}",
    ),
    Lesson(
        "05",
        "05_the_funnel.ipynb",
        "The funnel",
        "from first glance to purchase, and the handoff",
        45,
        f"{BOOK_HUB} and {NORTHWAY}'s funnel",
    ),
    Lesson(
        "06",
        "06_marketing_kpis.ipynb",
        "Marketing KPIs",
        "CTR, CAC, ROAS and ROI, and how they mislead",
        40,
        f"{BOOK_HUB} campaigns and touchpoints",
    ),
    Lesson(
        "07",
        "07_sales_kpis.ipynb",
        "Sales KPIs",
        "win rate, CLV, quota; the customer's voice (NPS)",
        45,
        f"{BOOK_HUB} and {NORTHWAY}'s survey",
    ),
    Lesson(
        "08",
        "08_the_sales_process.ipynb",
        "The sales process",
        "a deal's stages, the forecast, sellers and leads",
        45,
        f"{BOOK_HUB} deals and {NORTHWAY}'s pipeline",
    ),
    Lesson(
        "09",
        "09_alignment.ipynb",
        "Alignment",
        '"smarketing": shared goals, handoff, feedback',
        45,
        f"{BOOK_HUB} and {NORTHWAY}",
    ),
    Lesson(
        "10",
        "10_your_business.ipynb",
        "Your business",
        "the same analyses on your own data",
        45,
        f"your folder, else {BOOK_HUB}",
    ),
    Lesson(
        "11",
        "11_glossary_and_review.ipynb",
        "Glossary and review",
        "every term in one place, and a review quiz",
        30,
        f"{BOOK_HUB} and {NORTHWAY}",
    ),
    Lesson(
        "12",
        "12_capstone.ipynb",
        "Capstone: advise Northway",
        "study Northway's data and recommend what to do",
        50,
        NORTHWAY,
    ),
)

# Lesson files of earlier versions of the course -> the lessons that hold their content now, so that
# `smk lab` can tell a student where a lesson they already have went (see workspace.sync_lessons).
FORMER_FILES: dict[str, tuple[str, ...]] = {
    "02_four_ps.ipynb": ("03_four_ps.ipynb",),
    "03_one_to_many_vs_one_to_one.ipynb": ("04_one_to_many_vs_one_to_one.ipynb",),
    "04_the_funnel.ipynb": ("05_the_funnel.ipynb",),
    "05_kpis.ipynb": ("06_marketing_kpis.ipynb", "07_sales_kpis.ipynb"),
    "06_alignment.ipynb": ("09_alignment.ipynb",),
    "07_your_business.ipynb": ("10_your_business.ipynb",),
}


def ready_lessons() -> tuple[Lesson, ...]:
    """The lessons that are written, in order: the ones with a notebook."""
    return tuple(lesson for lesson in LESSONS if lesson.ready)


def lesson_map():
    """The lessons as a table: title, what it is about, the example data, minutes, and whether it is ready.

    Lessons that are not written yet are in the table too, marked "coming in a later version".
    Every text is at most 50 characters, so pandas shows it in full.

    Examples
    --------
    >>> table = lesson_map()
    >>> table.loc["12", "title"], table.loc["12", "status"]
    ('Capstone: advise Northway', 'ready')
    """
    import pandas as pd

    table = pd.DataFrame(
        [
            (
                lesson.number,
                lesson.title,
                lesson.about,
                lesson.data,
                lesson.minutes,
                "ready" if lesson.ready else COMING,
            )
            for lesson in LESSONS
        ],
        columns=["lesson", "title", "what it is about", "data", "minutes", "status"],
    ).set_index("lesson")
    return table


def total_minutes(include_coming: bool = False) -> int:
    """How long the course takes, in minutes: the written lessons only, unless ``include_coming``.

    Examples
    --------
    >>> total_minutes() <= total_minutes(include_coming=True)
    True
    """
    return sum(lesson.minutes for lesson in LESSONS if lesson.ready or include_coming)
