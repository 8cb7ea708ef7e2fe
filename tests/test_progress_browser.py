"""The progress view in a real browser: a student answers an exercise in JupyterLab and sees it counted.

Lesson 00 is run as a student runs it (Run All), then the answer to 00.1 is typed into its exercise cell and
that cell is run, then the "Your progress" cell is run again: it now counts one exercise done, and no longer
lists 00.1 among those left. The waits are those of `test_browser`, on JupyterLab's own objects.
"""

import pytest
from test_browser import PANEL, cells, lab, open_and_run_all  # noqa: F401 (lab, the fixture of JupyterLab)

from smk_helpers.course.exercises import answer_key

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON_00 = "00_start_here.ipynb"

# Put `source` in cell `index` and run it, as a student does with Shift+Enter.
TYPE_AND_RUN = f"""([path, index, source]) => {{
  {PANEL}
  panel.content.model.cells.get(index).sharedModel.setSource(source);
  panel.content.activeCellIndex = index;
  return window.jupyterapp.commands.execute('notebook:run-cell');
}}"""

# The text of cell `index`'s outputs once they contain `want`.
OUTPUT_WITH = f"""([path, index, want]) => {{
  {PANEL}
  const outputs = panel.content.model.cells.get(index).outputs;
  const text = Array.from({{length: outputs.length}}, (_, i) => JSON.stringify(outputs.get(i).toJSON())).join(' ');
  return text.includes(want) ? text : null;
}}"""


def index_of(page, path, predicate) -> int:
    [index] = [i for i, c in enumerate(cells(page, path)) if c["type"] == "code" and predicate(c)]
    return index


def test_an_exercise_answered_in_jupyterlab_counts_in_the_progress_view(browser, lab):  # noqa: F811
    page, path = open_and_run_all(browser, *lab, LESSON_00)
    view = index_of(page, path, lambda c: "progress()" in c["source"])
    left = page.wait_for_function(OUTPUT_WITH, arg=[path, view, "You have done 0 of"], polling=250).json_value()
    assert "00.1" in left

    exercise = index_of(page, path, lambda c: 'check("00.1", answer)' in c["source"] and "solution" not in c["tags"])
    page.evaluate(TYPE_AND_RUN, [path, exercise, f'answer = {answer_key("00.1")!r}\ncheck("00.1", answer)'])
    page.wait_for_function(OUTPUT_WITH, arg=[path, exercise, "✔ Right"], polling=250)

    page.evaluate(TYPE_AND_RUN, [path, view, cells(page, path)[view]["source"]])
    done = page.wait_for_function(OUTPUT_WITH, arg=[path, view, "You have done 1 of"], polling=250).json_value()
    assert "00.1" not in done.split("Left to do")[-1]
    page.close()
