"""Lesson 11 in a real browser: JupyterLab (started as `make lab` starts it) in headless chromium.

A link of the lesson to a term lands on the term's line of the glossary, in the lesson as stored (its
outputs not trusted) and after Run All. After Run All, the glossary shows a known term's line, and a review
question answered wrongly, then rightly, shows the explanation of each option checked and a running score.
The waits are those of `test_browser`: on JupyterLab's own objects, and on an output only once its cell is
scrolled into view (`rendered`).
"""

import pytest
from test_browser import (  # noqa: F401 (lab, the fixture of JupyterLab)
    KERNEL_READY,
    RENDERED,
    cells,
    is_widget,
    lab,
    open_and_run_all,
    outputs_with,
    rendered,
)

from conftest import new_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON_11 = "11_glossary_and_review.ipynb"

# The drawn text of `selector` in cell `index`, once it contains `want`.
CONTAINS = f"""([path, index, selector, want]) => {{
  const text = ({RENDERED})([path, index, selector, 'text']);
  return text && text.includes(want) ? text : null;
}}"""

# The glossary's line `anchor`, wherever it is, once it is drawn inside the window (a link scrolled to it).
IN_VIEW = """(anchor) => {
  const row = document.querySelector(`[data-jupyter-id="${anchor}"]`) || document.getElementById(anchor);
  if (!row) return null;
  const box = row.getBoundingClientRect();
  return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight ? row.innerText : null;
}"""


def text_when(page, path, index, selector, want) -> str:
    """The text of ``selector`` in cell ``index`` once it contains ``want``."""
    return page.wait_for_function(CONTAINS, arg=[path, index, selector, want], polling=250).json_value()


def is_glossary(output):
    return "smk-glossary" in "".join(output.get("data", {}).get("text/html", ""))


def follow_a_link_to_the_glossary(page, path, anchor) -> str:
    """Click the recap's link to ``anchor``; the text of the glossary line it scrolled into view."""
    recap = next(i for i, cell in enumerate(cells(page, path)) if "## The course on one page" in cell["source"])
    rendered(page, path, recap, f'a[href$="#{anchor}"]').click()
    return page.wait_for_function(IN_VIEW, arg=anchor, polling=250).json_value()


def test_a_link_lands_on_its_term_in_the_lesson_as_stored(browser, lab):  # noqa: F811
    """As a student finds lesson 11, its outputs stored and not trusted (JupyterLab renames their ids)."""
    base, token = lab
    path = f"lessons/{LESSON_11}"
    page = new_page(browser)
    page.goto(f"{base}/lab/tree/{path}?token={token}")
    page.wait_for_function(KERNEL_READY, arg=path, polling=250)
    assert "Weighted forecast" in follow_a_link_to_the_glossary(page, path, "weighted-forecast")
    page.close()


def test_lesson_11_shows_the_glossary_follows_a_link_to_it_and_runs_the_review_quiz(browser, lab):  # noqa: F811
    page, path = open_and_run_all(browser, *lab, LESSON_11)

    # The glossary: a known term's line, with its meaning and its formula.
    glossary_cell = outputs_with(page, path, is_glossary)[0]
    row = text_when(page, path, glossary_cell, 'tr[id="roas"]', "attributed revenue / spend")
    assert "ROAS" in row and "03 The four Ps" in row

    # A link to a term, as lessons write it, lands on the term's line.
    assert "Customer acquisition cost" in follow_a_link_to_the_glossary(page, path, "cac")

    # The review quiz: question 1 answered wrongly, then rightly.
    part_1 = outputs_with(page, path, is_widget)[0]
    quiz = ".smk-review-quiz"
    assert "0 of 5 right" in text_when(page, path, part_1, quiz, "Score:")
    rendered(page, path, part_1, f"{quiz} .widget-radio-box label:nth-of-type(2) input").click()  # "sales"
    rendered(page, path, part_1, f"{quiz} button").click()
    wrong = text_when(page, path, part_1, quiz, "Not yet")
    assert "a personal tone does not make a letter one-to-one" in wrong
    assert "1 not yet" in text_when(page, path, part_1, quiz, "1 not yet")

    rendered(page, path, part_1, f"{quiz} .widget-radio-box label:nth-of-type(1) input").click()  # "marketing"
    rendered(page, path, part_1, f"{quiz} button").click()
    right = text_when(page, path, part_1, quiz, "Right")
    assert "one message goes to everyone on the list at once" in right and "Why not the others" in right
    assert "1 of 5 right" in text_when(page, path, part_1, quiz, "1 of 5 right")
    page.close()
