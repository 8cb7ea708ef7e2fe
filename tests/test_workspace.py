"""A student's work lives outside the repository: `smk lab` copies the lessons once, and no update overwrites them."""

import json

import pytest

from conftest import REPO
from smk_helpers import cli
from smk_helpers.course.workspace import MANIFEST, lab_arguments, lessons_source, sync_lessons


@pytest.fixture
def course(tmp_path):
    source, target = tmp_path / "course", tmp_path / "home" / "lessons"
    source.mkdir()
    for name in ("00_start.ipynb", "01_one.ipynb"):
        (source / name).write_text(f"{name} version 1", encoding="utf-8")
    return source, target


def read(path):
    return path.read_text(encoding="utf-8")


def test_the_first_run_copies_every_lesson(course):
    source, target = course
    assert sync_lessons(source, target) == [f"Copied 2 lessons into {target}: 00_start.ipynb, 01_one.ipynb."]
    assert read(target / "01_one.ipynb") == "01_one.ipynb version 1"
    assert sync_lessons(source, target) == []  # nothing new: nothing said, nothing written


def test_an_update_never_overwrites_a_students_work(course):
    source, target = course
    sync_lessons(source, target)
    (target / "01_one.ipynb").write_text("my answers", encoding="utf-8")
    for name in ("00_start.ipynb", "01_one.ipynb"):
        (source / name).write_text(f"{name} version 2", encoding="utf-8")
    said = sync_lessons(source, target)
    assert said == [
        "Updated 00_start.ipynb to the new version (you had not changed it).",
        "01_one.ipynb has a newer version; yours is kept as it is, and the new one is beside it as "
        "01_one.updated.ipynb.",
    ]
    assert read(target / "01_one.ipynb") == "my answers"
    assert read(target / "01_one.updated.ipynb") == "01_one.ipynb version 2"
    assert read(target / "00_start.ipynb") == "00_start.ipynb version 2"
    assert sync_lessons(source, target) == []  # offered once


def test_an_offered_update_the_student_edited_is_kept_too(course):
    source, target = course
    sync_lessons(source, target)
    (target / "01_one.ipynb").write_text("my answers", encoding="utf-8")
    (source / "01_one.ipynb").write_text("version 2", encoding="utf-8")
    sync_lessons(source, target)
    (target / "01_one.updated.ipynb").write_text("my answers in the new one", encoding="utf-8")
    (source / "01_one.ipynb").write_text("version 3", encoding="utf-8")
    [said] = sync_lessons(source, target)
    assert "01_one.updated.ipynb is yours now" in said
    assert read(target / "01_one.updated.ipynb") == "my answers in the new one"


def test_a_deleted_lesson_comes_back_fresh_and_new_lessons_arrive(course):
    source, target = course
    sync_lessons(source, target)
    (target / "00_start.ipynb").unlink()
    (source / "02_two.ipynb").write_text("new lesson", encoding="utf-8")
    assert sync_lessons(source, target) == [f"Copied 2 lessons into {target}: 00_start.ipynb, 02_two.ipynb."]
    assert read(target / "02_two.ipynb") == "new lesson"
    manifest = json.loads(read(target / MANIFEST))
    assert sorted(manifest["copied"]) == ["00_start.ipynb", "01_one.ipynb", "02_two.ipynb"]


def test_a_damaged_manifest_never_costs_the_students_work(course):
    source, target = course
    sync_lessons(source, target)
    (target / "01_one.ipynb").write_text("my answers", encoding="utf-8")
    (target / MANIFEST).write_text("{", encoding="utf-8")
    (source / "01_one.ipynb").write_text("version 2", encoding="utf-8")
    sync_lessons(source, target)
    assert read(target / "01_one.ipynb") == "my answers" and read(target / "01_one.updated.ipynb") == "version 2"


def test_the_lessons_come_from_the_checkout():
    assert lessons_source() == REPO / "notebooks"


def test_smk_lab_refuses_a_file_as_workspace(tmp_path, capsys):
    (tmp_path / "f").write_text("x", encoding="utf-8")
    assert cli.main(["lab", "--folder", str(tmp_path / "f")]) == 2
    assert "is a file; give a folder for your lessons" in capsys.readouterr().err
    assert cli.main(["lab", "--port", "70000"]) == 2


@pytest.mark.slow
def test_jupyterlab_listens_on_127_0_0_1_with_its_token_and_opens_lesson_00(tmp_path):
    args = lab_arguments(tmp_path, 8890, open_browser=False, allow_root=False)
    assert "--ServerApp.ip=127.0.0.1" in args and f"--ServerApp.root_dir={tmp_path}" in args
    assert "--LabApp.default_url=/lab/tree/lessons/00_start_here.ipynb" in args
    assert not any("token" in a.lower() or "password" in a.lower() for a in args)  # token login stays on


def test_a_lesson_copy_kept_from_before_the_move_still_imports(tmp_path):
    """A student's changed lesson is never replaced, so its old import lines must keep working."""
    import subprocess
    import sys

    old_lines = (
        "from smk_helpers.checks import check\n"
        "from smk_helpers.formatting import fmt_money, fmt_number, fmt_pct, fmt_ratio\n"
        "from smk_helpers.course import lesson_map\n"
        "print(check('99.9', 1).status, fmt_money(1234.5), fmt_pct(0.25))\n"
    )
    done = subprocess.run([sys.executable, "-c", old_lines], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["wrong", "$1,234.50", "25.0%"]


def test_a_lesson_the_course_renamed_goes_only_if_the_student_never_changed_it(tmp_path):
    """Lessons that moved to new numbers: an untouched old copy is smk's bytes and goes; a changed one stays."""
    source, target = tmp_path / "course", tmp_path / "lessons"
    source.mkdir()
    old = ("00_start_here.ipynb", "02_four_ps.ipynb", "05_kpis.ipynb", "06_alignment.ipynb")
    for name in old:
        (source / name).write_text(f"{name} as shipped", encoding="utf-8")
    sync_lessons(source, target)
    (target / "05_kpis.ipynb").write_text("my answers", encoding="utf-8")
    (target / "06_alignment.ipynb").unlink()  # deleted by the student: nothing to say about it
    for name in old[1:]:
        (source / name).unlink()
    for name in ("03_four_ps.ipynb", "06_marketing_kpis.ipynb", "07_sales_kpis.ipynb", "09_alignment.ipynb"):
        (source / name).write_text(f"{name} as shipped", encoding="utf-8")

    said = sync_lessons(source, target)
    assert said == [
        f"Copied 4 lessons into {target}: 03_four_ps.ipynb, 06_marketing_kpis.ipynb, 07_sales_kpis.ipynb, "
        "09_alignment.ipynb.",
        "Removed 02_four_ps.ipynb, which you had not changed: the course has it now as 03_four_ps.ipynb.",
        "05_kpis.ipynb is from an earlier version of the course and has your changes, so it stays as it is; the "
        "course has it now as 06_marketing_kpis.ipynb and 07_sales_kpis.ipynb. Its exercise numbers changed too: "
        "do the exercises in the new lesson, where the checks match.",
    ]
    assert not (target / "02_four_ps.ipynb").exists()
    assert read(target / "05_kpis.ipynb") == "my answers"
    assert read(target / "03_four_ps.ipynb") == "03_four_ps.ipynb as shipped"
    assert sorted(p.name for p in target.glob("*.ipynb")) == [
        "00_start_here.ipynb",
        "03_four_ps.ipynb",
        "05_kpis.ipynb",
        "06_marketing_kpis.ipynb",
        "07_sales_kpis.ipynb",
        "09_alignment.ipynb",
    ]
    manifest = json.loads(read(target / MANIFEST))
    assert "05_kpis.ipynb" not in manifest["copied"] and "02_four_ps.ipynb" not in manifest["copied"]
    assert sync_lessons(source, target) == []  # said once
    assert read(target / "05_kpis.ipynb") == "my answers"


def test_a_retired_lessons_offered_update_goes_only_if_unedited(course):
    source, target = course
    sync_lessons(source, target)
    (target / "01_one.ipynb").write_text("my answers", encoding="utf-8")
    (source / "01_one.ipynb").write_text("version 2", encoding="utf-8")
    sync_lessons(source, target)  # offers 01_one.updated.ipynb
    assert read(target / "01_one.updated.ipynb") == "version 2"
    (source / "01_one.ipynb").unlink()  # the course drops the lesson
    [said] = sync_lessons(source, target)
    assert said == "01_one.ipynb is from an earlier version of the course and has your changes, so it stays as it is."
    assert read(target / "01_one.ipynb") == "my answers"
    assert not (target / "01_one.updated.ipynb").exists()  # smk's own bytes, never edited

    (source / "02_two.ipynb").write_text("version 1", encoding="utf-8")
    sync_lessons(source, target)
    (target / "02_two.ipynb").write_text("my notes", encoding="utf-8")
    (source / "02_two.ipynb").write_text("version 2", encoding="utf-8")
    sync_lessons(source, target)
    (target / "02_two.updated.ipynb").write_text("my notes in the new one", encoding="utf-8")
    (source / "02_two.ipynb").unlink()
    sync_lessons(source, target)
    assert read(target / "02_two.ipynb") == "my notes"
    assert read(target / "02_two.updated.ipynb") == "my notes in the new one"


def test_a_source_without_lessons_retires_nothing(course):
    """A broken install that finds no lessons must not empty the student's folder, even of untouched copies."""
    source, target = course
    sync_lessons(source, target)
    for lesson in source.glob("*.ipynb"):
        lesson.unlink()
    assert sync_lessons(source, target) == []
    assert sorted(p.name for p in target.glob("*.ipynb")) == ["00_start.ipynb", "01_one.ipynb"]


def test_every_former_lesson_file_names_lessons_of_the_map():
    from smk_helpers.course import FORMER_FILES, LESSONS

    files = {lesson.file for lesson in LESSONS if lesson.ready}
    assert FORMER_FILES and not set(FORMER_FILES) & {lesson.file for lesson in LESSONS}
    assert all(set(now) <= files for now in FORMER_FILES.values())
