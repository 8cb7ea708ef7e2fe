"""The student's path in a real browser: JupyterLab (started as `make lab` starts it) in headless chromium.

The notebooks are served from a temporary copy, so running them never touches the repository.
"""

import shutil
import subprocess

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import REPO, start_lab

LESSON_03 = "03_one_to_many_vs_one_to_one.ipynb"


@pytest.fixture
def lab(tmp_path):
    root = tmp_path / "course"
    shutil.copytree(REPO / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    proc, base, token, _ = start_lab(root, tmp_path / "jupyter")
    yield base, token
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:  # a loaded machine can take longer to shut JupyterLab down
        proc.kill()
        proc.wait(timeout=30)


def menu(page, top, item):
    page.locator(".lm-MenuBar-itemLabel", has_text=top).first.click()
    page.locator(".lm-Menu-itemLabel", has_text=item).first.click()


def open_and_run_all(page, base, token, notebook):
    """Open a lesson, clear its stored outputs (so what shows next is new), then run all cells."""
    page.goto(f"{base}/lab/tree/notebooks/{notebook}?token={token}")
    page.locator(".jp-Notebook").first.wait_for(timeout=60_000)
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(timeout=60_000)
    menu(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function("document.querySelectorAll('.jp-OutputArea-output').length === 0", timeout=30_000)
    # On a loaded machine the indicator can read idle before the kernel's connection is up, and a
    # Run All sent then runs nothing (every prompt stays [ ]). Run again until a prompt shows [*] or [n].
    for _ in range(4):
        menu(page, "Run", "Run All Cells")
        try:
            page.wait_for_function(RUN_STARTED, timeout=20_000)
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"{notebook}: Run All Cells never started the kernel")


RUN_STARTED = """() => [...document.querySelectorAll('.jp-InputArea-prompt')]
    .some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))"""


def outputs(page):
    return page.locator(".jp-OutputArea-output")


def test_lesson_00_runs_in_jupyterlab(browser, lab):
    base, token = lab
    page = browser.new_page()
    open_and_run_all(page, base, token, "00_start_here.ipynb")
    # the solution cells print their check's verdict once the kernel has run them
    outputs(page).filter(has_text="✔ Right").nth(1).wait_for(timeout=90_000)
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(timeout=60_000)
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert page.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.error']").count() == 0
    assert page.locator(".jp-OutputArea-output img").count() >= 2
    page.close()


@pytest.mark.parametrize("notebook", ["01_sales_vs_marketing.ipynb", "04_the_funnel.ipynb", "06_alignment.ipynb"])
def test_lessons_with_widgets_run_and_render_them(browser, lab, notebook):
    base, token = lab
    page = browser.new_page()
    open_and_run_all(page, base, token, notebook)
    outputs(page).filter(has_text="✔ Right").nth(1).wait_for(timeout=90_000)
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(timeout=60_000)
    page.locator(".jupyter-widgets.widget-container").first.wait_for(timeout=30_000)
    assert page.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.error']").count() == 0
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    page.close()


def test_lesson_03_slider_changes_the_model(browser, lab):
    base, token = lab
    page = browser.new_page()
    open_and_run_all(page, base, token, LESSON_03)
    output = page.locator(".smk-approach-output").first
    output.wait_for(timeout=60_000)
    page.wait_for_function("document.querySelector('.smk-approach-output').innerText.trim().length > 0")
    before = output.inner_text()
    handle = page.locator(".widget-slider .noUi-handle").first
    handle.focus()
    for _ in range(5):
        handle.press("ArrowRight")
    page.wait_for_function(
        "(before) => document.querySelector('.smk-approach-output').innerText !== before", arg=before, timeout=30_000)
    assert output.inner_text() != before
    assert page.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.error']").count() == 0
    page.close()
