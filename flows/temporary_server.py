"""Prefect's temporary server for a CLI command, started as the command starts instead of at its first flow run.

With no ``PREFECT_API_URL``, Prefect starts a temporary local server on the first flow run of a process
(``SubprocessASGIServer``): this process first imports Prefect's server package (about 2 s of CPU) only to
launch it, then waits while it boots (about 3 s more). A CLI command that runs flows calls ``start()`` before
importing Prefect: the same server (the command Prefect runs, with its ephemeral settings: no UI, no
background services) boots on another core while the command imports what it needs and prepares its work;
``wait_until_ready()`` before the first flow run. ``PREFECT_API_URL`` points this process at it; the server is
stopped at exit as Prefect stops its own, and on Linux it also ends when the command is killed. With ``PREFECT_API_URL`` already set (a long-lived server), nothing
starts. Nothing here imports Prefect.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

# the exit code uvicorn gives when its port was taken meanwhile (Prefect retries on another port too)
PORT_TAKEN = 3
_server: dict = {}


def start() -> bool:
    """Start the server in the background unless ``PREFECT_API_URL`` is set or Prefect is already imported (its
    settings are read then: this process would not use the server). Returns whether one was started."""
    if os.environ.get("PREFECT_API_URL") or _server or "prefect" in sys.modules:
        return False
    _server["process"], _server["port"] = _launch()
    os.environ["PREFECT_API_URL"] = _api_url(_server["port"])
    atexit.register(stop)
    return True


def wait_until_ready(timeout: float | None = None) -> None:
    """Block until the server ``start`` launched answers (no-op if none). Raises ``RuntimeError`` naming the
    exit code if it stops, or if it does not answer within ``timeout`` seconds (default: Prefect's
    ``PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS``, else 120)."""
    if not _server or _server.get("ready"):
        return
    limit = timeout or float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS") or 120)
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        code = _server["process"].poll()
        if code == PORT_TAKEN:  # another process took the port before the server bound it: another port
            _server["process"], _server["port"] = _launch()
            _point_at(_server["port"])
            continue
        if code is not None:
            raise RuntimeError(f"Prefect's temporary server stopped while starting (exit code {code}).")
        if _healthy(_server["port"]):
            _server["ready"] = True
            return
        time.sleep(0.05)
    raise RuntimeError(f"Prefect's temporary server did not answer within {limit:.0f} s.")


def stop() -> None:
    """Stop the server (at exit): terminate, wait up to 5 s, then kill."""
    process = _server.pop("process", None)
    if "port" in _server and os.environ.get("PREFECT_API_URL") == _api_url(_server["port"]):
        del os.environ["PREFECT_API_URL"]
    _server.clear()
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _point_at(port: int) -> None:
    """Send this process's flows to ``port``: the environment for what starts later, and Prefect's settings when
    it was imported meanwhile (it read the old address then)."""
    os.environ["PREFECT_API_URL"] = _api_url(port)
    if "prefect.settings" in sys.modules:
        from prefect.settings import PREFECT_API_URL, temporary_settings

        context = temporary_settings(updates={PREFECT_API_URL: _api_url(port)})
        context.__enter__()  # for the rest of the process, like the environment variable
        _server["settings"] = context


def _launch() -> tuple[subprocess.Popen, int]:
    port = _free_port()
    prefect_dir = Path(importlib.util.find_spec("prefect").origin).parent
    env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
    env.pop("PREFECT_API_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--app-dir", str(prefect_dir.parent), "--factory",
         "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port), "--log-level",
         "error", "--lifespan", "on"],
        env=env, stdin=subprocess.DEVNULL,
        # a function run between fork and exec is only safe while this process has one thread (at the start)
        preexec_fn=_die_with_parent if sys.platform == "linux" and threading.active_count() == 1 else None,
    )
    return process, port


def _die_with_parent() -> None:
    """In the server's process before it starts (Linux): end it when this command's process ends, also when that
    is killed and ``stop`` never runs (``prctl(PR_SET_PDEATHSIG, SIGTERM)``)."""
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)
    except (OSError, AttributeError):  # no prctl here: ``stop`` at exit is all there is
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _api_url(port: int) -> str:
    return f"http://127.0.0.1:{port}/api"


_direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # 127.0.0.1 never goes through a proxy


def _healthy(port: int) -> bool:
    try:
        with _direct.open(f"{_api_url(port)}/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False
