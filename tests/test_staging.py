"""Nothing lost: a report run removes only what it made, keeps the business data out of --out, and stops
cleanly on Ctrl+C or SIGTERM (one line, exit code 130, no staging left).

Signals go to a process group the test started itself (see GUIDE §3, "Signals in tests").
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import PATIENCE_S
from smk_helpers import cli
from smk_helpers.limits import STALE_STAGING_SECONDS
from smk_helpers.reports import build as R
from smk_helpers.system.interrupt import EXIT_INTERRUPTED
from smk_helpers.system.staging import PRIVATE_PREFIX, STAGING_PREFIX, Staging, sweep

SMK = str(Path(sys.executable).with_name("smk"))


def test_a_failed_run_keeps_the_report_another_run_finished_meanwhile(tmp_path, monkeypatch):
    """The run made --out, but another run put its report there before this one failed: it stays."""
    out = tmp_path / "new" / "out"

    def another_run_finishes_then_this_one_fails(params, staging, *args):
        (out / "report.html").write_text("the other run's report", encoding="utf-8")
        raise R.NotebookFailed("The report notebook stopped at cell 3 (ZeroDivisionError); nothing was written.")

    monkeypatch.setattr(R, "_execute", another_run_finishes_then_this_one_fails)
    assert cli.main(["report", "--out", str(out)]) == 1
    assert sorted(p.name for p in out.iterdir()) == ["report.html"]  # the other report, and no staging folder
    assert (out / "report.html").read_text(encoding="utf-8") == "the other run's report"


def test_a_failed_run_removes_the_folders_it_made_while_empty(tmp_path, monkeypatch):
    monkeypatch.setattr(R, "_execute", lambda *args: (_ for _ in ()).throw(R.ReportError("broken")))
    with pytest.raises(R.ReportError):
        R.make_report({}, tmp_path / "a" / "b" / "out")
    assert list(tmp_path.iterdir()) == []


def test_the_business_data_never_goes_under_out(tmp_path, monkeypatch):
    seen = {}

    def look(params, staging, private, *args):
        seen["out"] = sorted(str(p.relative_to(tmp_path)) for p in (tmp_path / "out").rglob("*"))
        seen["private"] = private
        seen["mode"] = private.stat().st_mode & 0o777
        raise R.ReportError("stop here")

    monkeypatch.setattr(R, "_execute", look)
    with pytest.raises(R.ReportError):
        R.make_report({}, tmp_path / "out")
    [staging] = seen["out"]
    assert Path(staging).name.startswith(STAGING_PREFIX)  # an empty staging folder: nothing else
    assert seen["mode"] == 0o700 and not seen["private"].is_relative_to(tmp_path)
    assert not seen["private"].exists()


def test_an_out_that_cannot_be_made_is_named(tmp_path, capsys):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    out = tmp_path / "a-file" / "report"
    assert cli.main(["report", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1].startswith(f"smk: {out} cannot be written to (not a directory)")
    assert STAGING_PREFIX not in err
    assert cli.main(["report", "--out", str(tmp_path / "a-file")]) == 2
    assert "is a file; give a folder for --out" in capsys.readouterr().err


def _stale(folder, prefix, pid):
    path = folder / f"{prefix}{pid}-abc123"
    path.mkdir()
    (path / "business.pickle").write_bytes(b"someone's business")
    old = time.time() - STALE_STAGING_SECONDS - 60
    os.utime(path, (old, old))
    return path


def test_staging_left_by_a_killed_run_is_swept_and_a_live_one_kept(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    dead = 2**22 + 12345  # above Linux's default pid_max: no such process
    gone = _stale(out, STAGING_PREFIX, dead)
    live = _stale(out, STAGING_PREFIX, os.getppid())
    recent = out / f"{STAGING_PREFIX}{dead}-def456"
    recent.mkdir()
    (out / f"{STAGING_PREFIX}notes").mkdir()  # no process id: not ours to judge
    with Staging(out):
        pass
    assert not gone.exists() and live.exists() and recent.exists() and (out / f"{STAGING_PREFIX}notes").exists()
    private = _stale(tmp_path, PRIVATE_PREFIX, dead)
    assert sweep(tmp_path, PRIVATE_PREFIX) == [private]


# ---------------------------------------------------------------------------------------------
# Ctrl+C and SIGTERM, sent to a real `smk report`


def start_report(out: Path, tmp: Path, *extra) -> subprocess.Popen:
    """`smk report` in a session of its own (so a signal reaches it as Ctrl+C would), TMPDIR in ``tmp``."""
    env = dict(os.environ, TMPDIR=str(tmp))
    return subprocess.Popen(
        [SMK, "report", "--out", str(out), *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def wait_for(condition, proc):
    deadline = time.monotonic() + PATIENCE_S
    while not condition():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the report never got that far"
        time.sleep(0.05)


def kernel_running(tmp: Path):
    """True once the report's kernel has its sockets (in the private folder): the notebook is running."""
    return lambda: any(p.name.startswith("kernel-") for d in tmp.glob(PRIVATE_PREFIX + "*") for p in d.iterdir())


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_stopped_report_says_one_line_exits_130_and_leaves_the_old_report(tmp_path, sig):
    out, tmp = tmp_path / "out", tmp_path / "tmp"
    out.mkdir()
    tmp.mkdir()
    (out / "report.html").write_text("last week's report", encoding="utf-8")
    proc = start_report(out, tmp)
    wait_for(kernel_running(tmp), proc)
    os.killpg(proc.pid, sig)
    _, err = proc.communicate(timeout=PATIENCE_S)
    assert proc.returncode == EXIT_INTERRUPTED
    lines = err.strip().splitlines()
    assert lines[-1] == "smk: stopped before it finished; nothing half-made was left behind.", err
    assert "Traceback" not in err and "Running the report notebook" in lines[-2]
    assert sorted(p.name for p in out.iterdir()) == ["report.html"]
    assert (out / "report.html").read_text(encoding="utf-8") == "last week's report"
    assert list(tmp.iterdir()) == []  # no private folder, no kernel sockets, no connection file


@pytest.mark.slow
def test_an_interrupted_run_leaves_the_report_a_concurrent_run_made(tmp_path):
    """Two processes on one new --out: A makes the folder, B finishes a report in it, then A is stopped."""
    out, tmp = tmp_path / "new" / "out", tmp_path / "tmp"
    tmp.mkdir()
    first = start_report(out, tmp)
    wait_for(kernel_running(tmp), first)
    os.killpg(first.pid, signal.SIGSTOP)  # A holds still, its staging folder in --out, while B runs
    second = subprocess.run(
        [SMK, "report", "--out", str(out), "--format", "html"], capture_output=True, text=True, timeout=PATIENCE_S
    )
    assert second.returncode == 0, second.stderr
    os.killpg(first.pid, signal.SIGINT)
    os.killpg(first.pid, signal.SIGCONT)
    first.communicate(timeout=PATIENCE_S)
    assert first.returncode == EXIT_INTERRUPTED
    assert sorted(p.name for p in out.iterdir()) == ["metrics.json", "report.html"]


# ---------------------------------------------------------------------------------------------
# Batches: a stop ends every worker and keeps only finished reports


def start_batch(tmp_path: Path, tmp: Path, businesses=5) -> subprocess.Popen:
    batch = tmp_path / "batch.csv"
    batch.write_text("business_name\n" + "".join(f"Shop {i}\n" for i in range(businesses)), encoding="utf-8")
    env = dict(os.environ, TMPDIR=str(tmp))
    return subprocess.Popen(
        [
            SMK,
            "report",
            "--batch",
            str(batch),
            "--out",
            str(tmp_path / "reports"),
            "--workers",
            "2",
            "--format",
            "html",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def session_processes(proc) -> str:
    """What still runs in the session the test started (the batch, its workers and their kernels)."""
    ps = subprocess.run(["ps", "-o", "pid=,args=", "-s", str(proc.pid)], capture_output=True, text=True)
    return ps.stdout.strip()


def session_ends(proc) -> str:
    """Wait until nothing runs in the test's session any more; what still runs at the ceiling."""
    deadline = time.monotonic() + PATIENCE_S
    while session_processes(proc) and time.monotonic() < deadline:
        time.sleep(0.2)  # a process that has just exited is reaped by init a moment later
    return session_processes(proc)


def two_kernels_running(tmp: Path):
    return lambda: sum(1 for d in tmp.glob(PRIVATE_PREFIX + "*") for p in d.glob("kernel-*")) >= 2


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_stopped_batch_ends_its_workers_and_says_what_was_made(tmp_path, sig):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc = start_batch(tmp_path, tmp)
    wait_for(two_kernels_running(tmp), proc)
    os.killpg(proc.pid, sig)
    out, err = proc.communicate(timeout=PATIENCE_S)
    assert proc.returncode == EXIT_INTERRUPTED, err
    assert err.strip().splitlines()[-1] == "smk: stopped before it finished; nothing half-made was left behind."
    assert "Traceback" not in err
    assert "0 of 5 reports made. 2 stopped half-way, 3 not started; see above." in out
    assert session_ends(proc) == ""  # no worker, no kernel goes on
    assert not (tmp_path / "reports").exists() and list(tmp.iterdir()) == []


@pytest.mark.slow
def test_a_killed_batch_leaves_no_worker_making_reports(tmp_path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc = start_batch(tmp_path, tmp)
    wait_for(two_kernels_running(tmp), proc)
    proc.kill()  # the main process only, with no chance to say anything to its workers
    proc.wait()
    assert session_ends(proc) == ""
    made = [p for p in (tmp_path / "reports").rglob("*")] if (tmp_path / "reports").exists() else []
    assert [p for p in made if p.is_file()] == [] and list(tmp.iterdir()) == []


def _a_report_that_never_stops(folder: str) -> None:
    """In a worker: make a staging folder, then ignore every signal and never finish."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_IGN)
    (Path(folder) / f"{STAGING_PREFIX}{os.getpid()}-stuck").mkdir()
    time.sleep(3600)


def test_a_stopped_batch_ends_a_worker_that_does_not_stop_and_removes_its_folders(tmp_path):
    """A stop never waits for ever: after the grace time the worker and its children are ended."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    import psutil

    from smk_helpers.reports import batch as B

    out = tmp_path / "shop"
    out.mkdir()
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
    future = pool.submit(_a_report_that_never_stops, str(out))
    deadline = time.monotonic() + PATIENCE_S
    while not list(out.glob(STAGING_PREFIX + "*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    lost, pids = B._end_stragglers(pool, {future: None}, grace=0.5)
    pool.shutdown(wait=True, cancel_futures=True)  # returns: the stuck worker is gone
    assert future in lost and len(pids) == 1 and not any(psutil.pid_exists(p) for p in pids)
    job = B.Job(row=2, values={}, out=out)
    B._remove_folders_of(pids, [job], existed=set())
    assert not out.exists()  # its staging folder, then the report folder it had made and left empty


def test_a_worker_that_got_a_stop_signal_starts_no_further_report(tmp_path, monkeypatch):
    """Ctrl+C reaches the workers too, maybe before the main process says stop: no report starts after it."""
    import threading

    from smk_helpers.reports import batch as B

    monkeypatch.setattr(B, "_SIGNALLED", threading.Event())
    monkeypatch.setattr(B.R, "make_report", lambda *args, **kwargs: pytest.fail("a report was started"))
    B._note_signal(signal.SIGINT, None)  # the handler a worker has between reports
    outcome = B._run(B.Job(row=2, values={}, out=tmp_path / "shop"), ("html",))
    assert outcome.message == B.NOT_STARTED and not outcome.ok
