"""The student's path in a real browser: JupyterLab (started as `make lab` starts it) in headless chromium.

`smk lab` copies the lessons into a temporary workspace (SMK_HOME), so running them never touches the repository.

Every wait is on the state itself, read from JupyterLab's own objects (the lab runs with
`--LabApp.expose_app_in_browser`, as JupyterLab's own browser tests run it), never on how the page looks.
On a loaded machine the page looks ready long before it is: the toolbar reads "idle" before the file has
loaded or a kernel has started; a Clear Outputs sent then clears the empty placeholder notebook, and the file's
stored outputs arrive after it; a Run All sent then runs nothing (JupyterLab asks which kernel to start); and
the stored prompts and "✔ Right" verdicts look like a finished run. So the tests wait for the notebook to be
loaded and its kernel connected and idle, check in the notebook's model that the outputs are gone, and wait
until every code cell has run in this session. An output is looked for in the page only after its cell has
been scrolled into view, since JupyterLab renders the cells far from the viewport lazily.
"""

import pytest

from conftest import new_page, start_lab, stop
from smk_helpers.course.grading import SOLUTION_FOLD

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON_03 = "03_four_ps.ipynb"
LESSON_04 = "04_one_to_many_vs_one_to_one.ipynb"


@pytest.fixture
def lab(tmp_path):
    (tmp_path / "jupyter").mkdir()
    proc, base, token, _ = start_lab(
        tmp_path / "home", tmp_path / "jupyter", extra=["--LabApp.expose_app_in_browser=True"]
    )
    yield base, token
    stop(proc)


# The notebook panel open on `path`, from JupyterLab's application object.
PANEL = """const panel = [...window.jupyterapp.shell.widgets('main')]
    .find(w => w.context && w.context.path === path);"""

KERNEL_READY = f"""(path) => {{
  if (!window.jupyterapp) return false;
  {PANEL}
  const kernel = panel && panel.sessionContext.session && panel.sessionContext.session.kernel;
  return Boolean(panel && panel.context.isReady && panel.sessionContext.isReady && kernel
                 && kernel.connectionStatus === 'connected' && kernel.status === 'idle');
}}"""

# Each cell of the notebook's model: its type, tags, execution count and state, and its outputs as nbformat JSON.
CELLS = f"""(path) => {{
  {PANEL}
  return [...panel.content.model.cells].map(c => ({{
    type: c.type,
    tags: c.getMetadata('tags') || [],
    source: c.sharedModel.getSource(),
    count: c.type === 'code' ? c.executionCount : null,
    running: c.type === 'code' && c.executionState === 'running',
    outputs: c.type === 'code' ? Array.from({{length: c.outputs.length}}, (_, i) => c.outputs.get(i).toJSON()) : [],
  }}));
}}"""

# The kernel has run every non-blank code cell and is idle again; or a cell failed, which stops Run All.
RUN_FINISHED = f"""(path) => {{
  {PANEL}
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const code = [...panel.content.model.cells].filter(c => c.type === 'code' && c.sharedModel.getSource().trim());
  const failed = code.some(c => Array.from({{length: c.outputs.length}}, (_, i) => c.outputs.get(i).type)
                                     .includes('error'));
  const ran = code.every(c => c.executionCount !== null && c.executionState !== 'running');
  return failed || (ran && kernel && kernel.status === 'idle');
}}"""

# Scroll cell `index` into view and, once the first `selector` inside it is attached and laid out, give back
# what `want` asks for, read in the same moment: "element" (the node), "text" (its drawn text, once there is
# some) or "image" (true once the image has loaded). Reading later through a handle can race JupyterLab,
# which may draw an output again (for one, when the notebook becomes trusted) and empty the node held.
RENDERED = f"""([path, index, selector, want]) => {{
  {PANEL}
  const cell = panel.content.widgets[index];
  if (!cell || cell.isPlaceholder() || !cell.node.isConnected) {{
    panel.content.scrollToItem(index, 'center').catch(() => {{}});
    return null;
  }}
  const found = cell.node.querySelector(selector);
  if (!found) {{
    cell.node.scrollIntoView({{block: 'center'}});
    return null;
  }}
  found.scrollIntoView({{block: 'center'}});
  const box = found.getBoundingClientRect();
  if (!(box.width > 0 && box.height > 0)) return null;
  if (want === 'text') return found.innerText.trim() || null;
  if (want === 'image') return found.complete && found.naturalWidth > 0 ? true : null;
  return found;
}}"""


def menu(page, top, item):
    page.locator(".lm-MenuBar-itemLabel", has_text=top).first.click()
    page.locator(".lm-Menu-itemLabel", has_text=item).first.click()


def cells(page, path):
    return page.evaluate(CELLS, path)


def text_of(output):
    """The text a student reads in one output (its HTML, plain text or stream)."""
    if output["output_type"] == "stream":
        return "".join(output["text"])
    if output["output_type"] == "error":
        return f"{output['ename']}: {output['evalue']}"
    data = output.get("data", {})
    return "".join(data.get("text/html") or data.get("text/plain") or "")


def open_and_run_all(browser, base, token, notebook):
    """Open a lesson, clear its stored outputs, run all cells as a student does; returns (page, path).

    Fails with the cell's error if a cell raised, and if any cell wrote to stderr.
    """
    path = f"lessons/{notebook}"
    page = new_page(browser)
    page.goto(f"{base}/lab/tree/{path}?token={token}")
    page.wait_for_function(KERNEL_READY, arg=path, polling=250)

    menu(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function(
        f"""(path) => {{ {PANEL}
        return [...panel.content.model.cells].every(c => c.type !== 'code'
            || (c.outputs.length === 0 && c.executionCount === null)); }}""",
        arg=path,
        polling=250,
    )

    menu(page, "Run", "Run All Cells")
    page.wait_for_function(RUN_FINISHED, arg=path, polling=250)

    code = [c for c in cells(page, path) if c["type"] == "code" and c["source"].strip()]
    errors = [text_of(o) for c in code for o in c["outputs"] if o["output_type"] == "error"]
    assert not errors, f"{notebook}: a cell failed: {errors[0]}"
    assert all(c["count"] is not None for c in code), f"{notebook}: Run All Cells left cells unrun"
    stderr = [text_of(o) for c in code for o in c["outputs"] if o.get("name") == "stderr"]
    assert not stderr, f"{notebook}: a cell wrote to stderr: {stderr[0]}"
    return page, path


# The drawn text of `selector` in cell `index`, once it differs from `before`.
CHANGED = f"""([path, index, selector, before]) => {{
  const text = ({RENDERED})([path, index, selector, 'text']);
  return text && text !== before ? text : null;
}}"""


def rendered(page, path, index, selector):
    """The element ``selector`` in cell ``index``, scrolled into view and drawn with a size."""
    return page.wait_for_function(RENDERED, arg=[path, index, selector, "element"], polling=250).as_element()


def drawn_text(page, path, index, selector) -> str:
    """The text the page draws in ``selector`` of cell ``index`` (waits until there is some)."""
    return page.wait_for_function(RENDERED, arg=[path, index, selector, "text"], polling=250).json_value()


def image_loaded(page, path, index, selector) -> bool:
    """Whether the image ``selector`` of cell ``index`` is drawn and loaded (waits until it is)."""
    return page.wait_for_function(RENDERED, arg=[path, index, selector, "image"], polling=250).json_value()


def outputs_with(page, path, predicate):
    """Indices of the cells with an output for which ``predicate(output)`` holds."""
    return [i for i, c in enumerate(cells(page, path)) if any(predicate(o) for o in c["outputs"])]


def assert_solutions_are_right(page, path):
    """Every solution cell ran and its verdict is folded: hidden until the student opens it, then "✔ Right"."""
    solutions = [i for i, c in enumerate(cells(page, path)) if "solution" in c["tags"]]
    assert len(solutions) >= 2, path
    for i in solutions:
        folded = drawn_text(page, path, i, ".jp-OutputArea-output")
        assert SOLUTION_FOLD in folded and "✔" not in folded, (path, i, folded)
        rendered(page, path, i, ".jp-OutputArea-output summary").click()
        opened = page.wait_for_function(CHANGED, arg=[path, i, ".jp-OutputArea-output", folded], polling=250)
        assert "✔ Right" in opened.json_value(), (path, i, opened.json_value())


# What a reader sees of cell `index` once it is drawn: its text as laid out (a closed fold's content is not).
CELL_TEXT = f"""([path, index]) => {{
  {PANEL}
  const cell = panel.content.widgets[index];
  if (!cell || cell.isPlaceholder() || !cell.node.isConnected
      || (cell.model.type === 'markdown' && !cell.rendered)) {{
    panel.content.scrollToItem(index, 'center').catch(() => {{}});
    return null;
  }}
  cell.node.scrollIntoView({{block: 'center'}});
  return cell.node.innerText;
}}"""


def test_a_freshly_opened_lesson_shows_no_answer_until_a_solution_is_opened(browser, lab):
    """As the student finds it: every cell drawn, no verdict anywhere; Run All, still none until one is opened."""
    base, token = lab
    path = f"lessons/{LESSON_03}"
    page = new_page(browser)
    page.goto(f"{base}/lab/tree/{path}?token={token}")
    page.wait_for_function(KERNEL_READY, arg=path, polling=250)
    shown = [
        page.wait_for_function(CELL_TEXT, arg=[path, i], polling=250).json_value()
        for i in range(len(cells(page, path)))
    ]
    assert len(shown) > 20 and not [text for text in shown if "✔" in text]
    assert any("Check your answer" in text for text in shown)  # the folds of the discussion, closed
    page.close()

    page, path = open_and_run_all(browser, base, token, LESSON_03)
    assert_solutions_are_right(page, path)
    page.close()


def is_widget(output):
    return "application/vnd.jupyter.widget-view+json" in output.get("data", {})


def test_lesson_00_runs_in_jupyterlab(browser, lab):
    page, path = open_and_run_all(browser, *lab, "00_start_here.ipynb")
    assert_solutions_are_right(page, path)
    figures = outputs_with(page, path, lambda o: "image/png" in o.get("data", {}))
    assert len(figures) >= 2
    for i in figures:
        assert image_loaded(page, path, i, ".jp-OutputArea-output img")
    page.close()


@pytest.mark.parametrize("notebook", ["01_sales_vs_marketing.ipynb", "05_the_funnel.ipynb", "09_alignment.ipynb"])
def test_lessons_with_widgets_run_and_render_them(browser, lab, notebook):
    page, path = open_and_run_all(browser, *lab, notebook)
    assert_solutions_are_right(page, path)
    widgets = outputs_with(page, path, is_widget)
    assert widgets, f"{notebook} shows no widget"
    for i in widgets:  # every widget is drawn by the kernel's live model, not an error in its place
        view = drawn_text(page, path, i, ".jupyter-widgets.widget-container")
        assert "Error displaying widget" not in view, (path, i, view)
    page.close()


def test_lesson_04_slider_changes_the_model(browser, lab):
    page, path = open_and_run_all(browser, *lab, LESSON_04)
    [cell] = outputs_with(page, path, is_widget)  # the model's controls and its output
    before = drawn_text(page, path, cell, ".smk-approach-output")
    handle = rendered(page, path, cell, ".widget-slider .noUi-handle")
    handle.focus()
    for _ in range(5):
        handle.press("ArrowRight")
    after = page.wait_for_function(CHANGED, arg=[path, cell, ".smk-approach-output", before], polling=250).json_value()
    assert after != before
    assert not [o for c in cells(page, path) for o in c["outputs"] if o["output_type"] == "error"]
    page.close()
