"""`make lab` serves JupyterLab on 127.0.0.1 with token authentication on, with the venv's kernel."""

import json
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import PATIENCE_S, REPO, start_lab, stop


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=PATIENCE_S) as resp:
            return resp.status, resp.url
    except urllib.error.HTTPError as err:
        return err.code, ""


def test_kernelspec_is_the_venvs_python():
    out = subprocess.run(
        [sys.executable, "-m", "jupyter", "kernelspec", "list", "--json"], capture_output=True, text=True, check=True
    ).stdout
    spec = json.loads(out)["kernelspecs"]["python3"]
    assert Path(spec["resource_dir"]).resolve().is_relative_to(Path(sys.prefix).resolve())


@pytest.mark.slow
def test_lab_binds_localhost_and_asks_for_a_token(tmp_path):
    home = tmp_path / "home"
    proc, base, token, info = start_lab(home, tmp_path)
    try:
        assert info["hostname"] in ("127.0.0.1", "localhost") and token
        assert Path(info["root_dir"]) == home  # the student's workspace, not the repository
        assert get(f"{base}/api/status")[0] == 403  # no token, no entry
        assert get(f"{base}/api/status?token={token}")[0] == 200
        assert get(f"{base}/api/contents/lessons/00_start_here.ipynb?content=0&token={token}")[0] == 200
        status, url = get(f"{base}/?token={token}")
        assert url.split("?")[0].endswith("/lab/tree/lessons/00_start_here.ipynb")
    finally:
        stop(proc)
    lessons = sorted(p.name for p in (home / "lessons").glob("*.ipynb"))
    assert lessons == sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb"))
