"""flows.temporary_server: the CLI's Prefect server, started before the command imports Prefect.

The server is started in a child process here: in the test process Prefect is imported already, and ``start``
then (rightly) starts nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from flows import temporary_server

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

ANSWERS_THEN_STOPS = """
import os, urllib.request
from flows import temporary_server as t
assert t.start() is True
url = os.environ["PREFECT_API_URL"]
assert url.startswith("http://127.0.0.1:") and url.endswith("/api"), url
t.wait_until_ready()
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
with opener.open(url + "/health", timeout=10) as response:
    assert response.status == 200
process = t._server["process"]
t.stop()
assert process.poll() is not None and "PREFECT_API_URL" not in os.environ
print("ok")
"""

DIES_WHILE_STARTING = """
from flows import temporary_server as t
assert t.start() is True
t._server["process"].kill()
try:
    t.wait_until_ready()
except RuntimeError as exc:
    print(exc)
"""


KILLED_MID_RUN = """
import os, sys, time
from flows import temporary_server as t
assert t.start() is True
print(t._server["process"].pid, flush=True)
time.sleep(600)
"""


def _child(code: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PYTHONPATH"] = REPO_ROOT
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=180)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_nothing_starts_when_a_server_is_configured(monkeypatch):
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")
    assert temporary_server.start() is False
    temporary_server.wait_until_ready()  # nothing to wait for
    assert os.environ["PREFECT_API_URL"] == "http://127.0.0.1:9/api"


def test_nothing_starts_once_prefect_is_imported(monkeypatch):
    import prefect  # noqa: F401  (its settings are read: a server started now would go unused)

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    assert temporary_server.start() is False
    assert "PREFECT_API_URL" not in os.environ


@pytest.mark.slow
def test_the_server_answers_then_stops():
    assert _child(ANSWERS_THEN_STOPS) == "ok"


def test_a_server_that_dies_while_starting_is_one_clear_error():
    assert "stopped while starting" in _child(DIES_WHILE_STARTING)


def test_the_server_ends_when_the_command_is_killed():
    """SIGKILL leaves no atexit handler to stop the server; on Linux it goes with its parent all the same."""
    if sys.platform != "linux":
        pytest.skip("PR_SET_PDEATHSIG is Linux only")
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PYTHONPATH"] = REPO_ROOT
    command = subprocess.Popen([sys.executable, "-c", KILLED_MID_RUN], stdout=subprocess.PIPE, text=True, env=env)
    try:
        server = int(command.stdout.readline())
        command.kill()
        command.wait(timeout=30)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and _running(server):
            time.sleep(0.1)
        assert not _running(server)
    finally:
        command.kill()
        command.wait()


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.slow
def test_the_cli_runs_its_flows_on_the_early_server(tmp_path, model_dir):
    """`skillgap ingest` with no server configured: the flow runs on the server started early; Prefect never
    starts its own (its start message never appears)."""
    from tests.helpers.refresh import sample_files

    exports = tmp_path / "exports"
    exports.mkdir()
    src = sample_files()[0]
    (exports / src.name).write_bytes(src.read_bytes())
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update({"SKILLGAP_DATA_DIR": str(tmp_path / "data"), "SKILLGAP_MODEL_DIR": str(model_dir),
                "PREFECT_LOGGING_LEVEL": "INFO"})
    done = subprocess.run([sys.executable, "-m", "skillgap.cli", "ingest", str(exports), "--json"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert '"loaded"' in done.stdout
    assert "Starting temporary server" not in done.stderr
