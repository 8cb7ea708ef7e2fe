"""`smk worksheet` and `smk blank-worksheet` (`make worksheet`, `make blank-worksheet`): messages, files, PDF."""

import subprocess
import sys

import pytest

from conftest import chromium_path
from smk_helpers.cli import main
from smk_helpers.system import pdf
from smk_helpers.worksheet import server as worksheet_server


def test_blank_worksheet_html_only(tmp_path, capsys):
    assert main(["blank-worksheet", "--out", str(tmp_path / "out"), "--format", "html"]) == 0
    [page] = (tmp_path / "out").iterdir()
    assert page.name == "blank-worksheet.html"
    text = page.read_text(encoding="utf-8")
    assert "Working together" in text and "☐ social media" in text and "marketing spend / new customers" in text
    assert "Wrote" in capsys.readouterr().out


@pytest.mark.browser
@pytest.mark.slow
def test_blank_worksheet_pdf_with_chromium(tmp_path):
    chromium_path()  # skips with the reason (fails under CI=true) when there is no chromium
    out = tmp_path / "class"
    assert main(["blank-worksheet", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["blank-worksheet.html", "blank-worksheet.pdf"]
    data = (out / "blank-worksheet.pdf").read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 10_000


def test_blank_worksheet_without_chromium_is_a_message_and_writes_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SMK_CHROMIUM", str(tmp_path / "no-such-chromium"))
    assert main(["blank-worksheet", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("smk: Chromium could not be started") and "Save as PDF" in err and err.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_blank_worksheet_bad_format(tmp_path, capsys):
    assert main(["blank-worksheet", "--out", str(tmp_path), "--format", "html,docx"]) == 2
    assert capsys.readouterr().err == "smk: --format 'html,docx' is not known; give html, pdf or html,pdf.\n"


def test_pdf_error_when_chromium_writes_nothing(tmp_path):
    fake = tmp_path / "fake-chromium"
    fake.write_text("#!/bin/sh\necho 'no display' >&2\nexit 3\n")
    fake.chmod(0o755)
    with pytest.raises(pdf.PdfError, match=r"Chromium did not write a PDF \(exit code 3: no display\)"):
        pdf.html_to_pdf("<p>hi</p>", chromium=str(fake))


def test_worksheet_refuses_a_folder_inside_the_package(capsys):
    package_folder = worksheet_server.notebook_path().parent
    inside = worksheet_server.Path(worksheet_server.__file__).parent / "answers"
    assert main(["worksheet", "--no-browser", "--folder", str(inside)]) == 2
    err = capsys.readouterr().err
    assert "is inside the smk package" in err and err.count("\n") == 1
    assert not inside.exists() and package_folder.exists()


def test_worksheet_refuses_a_folder_it_cannot_write(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert main(["worksheet", "--no-browser", "--folder", str(blocker / "sub")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"smk: Worksheets cannot be saved in {blocker / 'sub'}") and err.count("\n") == 1


def test_worksheet_bad_port(capsys):
    assert main(["worksheet", "--port", "70000"]) == 2
    assert "--port 70000 is not a port" in capsys.readouterr().err


def test_voila_serves_only_loopback_with_a_token():
    argv = worksheet_server.voila_argv(8866, "abc", open_browser=False)
    assert "--Voila.ip=127.0.0.1" in argv and "--Voila.token=abc" in argv and "--no-browser" in argv
    assert argv[0] == str(worksheet_server.notebook_path()) and worksheet_server.notebook_path().is_file()
    assert "default-src 'self'" in worksheet_server.CONTENT_SECURITY_POLICY


def test_free_port_skips_a_taken_one():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        taken = s.getsockname()[1]
        assert worksheet_server.free_port(taken) != taken


def test_help_lists_the_worksheet_commands():
    out = subprocess.run([sys.executable, "-m", "smk_helpers", "--help"], capture_output=True, text=True).stdout
    assert "worksheet" in out and "blank-worksheet" in out


@pytest.mark.parametrize("command", ["worksheet", "lab"])
def test_a_chosen_port_that_is_taken_is_named(command, tmp_path, capsys):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        taken = s.getsockname()[1]
        assert main([command, "--no-browser", "--port", str(taken), "--folder", str(tmp_path / "f")]) == 2
    assert capsys.readouterr().err == (
        f"smk: Port {taken} is already in use on this computer; choose another with "
        "--port, or leave --port out and smk picks a free one.\n"
    )


@pytest.mark.slow
def test_pages_left_unused_give_their_kernels_back(tmp_path):
    """Each page load starts a kernel; with --idle 2 they are shut down again, open page or not."""
    import os
    import re
    import socket
    import time
    import urllib.request

    from conftest import PATIENCE_S, make_command, stop

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = make_command("worksheet") + ["--no-browser", f"--port={port}", f"--folder={tmp_path / 'answers'}", "--idle=2"]
    proc = subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        first, second = proc.stdout.readline(), proc.stdout.readline()
        url = re.search(r"open (http://\S+)", first).group(1)
        assert "A page unused for 2 seconds goes to sleep" in second

        def kernels():
            ps = subprocess.run(["ps", "-o", "pid=", "--ppid", str(proc.pid)], capture_output=True, text=True)
            return len(ps.stdout.split())

        deadline = time.monotonic() + PATIENCE_S
        while True:  # listening yet?
            try:
                urllib.request.urlopen(url, timeout=PATIENCE_S).read()
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.3)
        for _ in range(2):
            urllib.request.urlopen(url, timeout=PATIENCE_S).read()
        assert kernels() >= 1
        while kernels() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert kernels() == 0
    finally:
        stop(proc)
        assert not os.path.exists(tmp_path / "answers" / ".lock")
