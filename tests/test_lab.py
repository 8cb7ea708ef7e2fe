"""`make lab` serves JupyterLab on 127.0.0.1 with token authentication on, with the venv's kernel."""

import json
import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path




def lab_command(repo):
    """The lab recipe of the Makefile, with $(BIN) resolved to this venv."""
    make = (repo / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^lab:.*\n((?:\t.*\n)+)", make, re.M).group(1).replace("\\\n", " ")
    allow_root = "--allow-root" if getattr(os, "geteuid", lambda: 1)() == 0 else ""
    return shlex.split(recipe.replace("$(BIN)", str(Path(sys.executable).parent)).replace("$(ALLOW_ROOT)", allow_root))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, b""


def test_kernelspec_is_the_venvs_python(tmp_path):
    out = subprocess.run([sys.executable, "-m", "jupyter", "kernelspec", "list", "--json"],
                         capture_output=True, text=True, check=True).stdout
    spec = json.loads(out)["kernelspecs"]["python3"]
    assert Path(spec["resource_dir"]).resolve().is_relative_to(Path(sys.prefix).resolve())


def test_lab_binds_localhost_and_asks_for_a_token(repo, tmp_path):
    port = free_port()
    env = dict(os.environ, JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "ws"), JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "settings"),
               JUPYTER_CONFIG_DIR=str(tmp_path / "config"), JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    cmd = lab_command(repo) + [f"--ServerApp.port={port}", "--ServerApp.port_retries=0", "--no-browser"]
    proc = subprocess.Popen(cmd, cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            servers = list((tmp_path / "runtime").glob("jpserver-*.json"))
            if servers:
                break
            assert proc.poll() is None, proc.stderr.read().decode()
            time.sleep(0.3)
        info = json.loads(servers[0].read_text())
        assert info["hostname"] in ("127.0.0.1", "localhost") and info["token"]
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        status = None
        while time.monotonic() < deadline and status is None:
            try:
                status, _ = get(f"{base}/api/status")
            except OSError:
                time.sleep(0.3)
        assert status == 403  # no token, no entry
        status, body = get(f"{base}/api/status?token={info['token']}")
        assert status == 200
        status, body = get(f"{base}/api/contents/notebooks/00_start_here.ipynb?content=0&token={info['token']}")
        assert status == 200  # the whole project is browsable, not only notebooks/
        with urllib.request.urlopen(f"{base}/?token={info['token']}", timeout=10) as resp:
            assert resp.url.split("?")[0].endswith("/lab/tree/notebooks/00_start_here.ipynb")
    finally:
        proc.terminate()
        proc.wait(timeout=20)
