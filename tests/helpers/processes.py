"""Child processes the end-to-end tests start: the CLI, a live Streamlit app, headless Chromium."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import pytest

from skillgap.commands.dashboard import streamlit_command
from skillgap.scheduling import free_port

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# without the background-networking flags Chromium keeps trying hosts this machine cannot reach
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]  # fmt: skip


def run_cli(*args: str, env: dict) -> subprocess.CompletedProcess:
    """`skillgap ARGS` in a child process with ``env``."""
    return subprocess.run([sys.executable, "-m", "skillgap.cli", *args], env=env, capture_output=True, text=True,
                          timeout=120)


def wait_for(predicate: Callable[[], object], *, timeout: float, every: float = 1.0, what: str):
    """Call ``predicate`` until it returns something true (returned), or fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = predicate()
        if last:
            return last
        time.sleep(every)
    raise AssertionError(f"timed out waiting for {what}; last={last!r}")


@contextmanager
def streamlit_app(env: dict[str, str]) -> Iterator[str]:
    """The dashboard served as `skillgap dashboard` serves it, on a free port of 127.0.0.1; yields its URL."""
    port = free_port()
    proc = subprocess.Popen(streamlit_command(port=port, address="127.0.0.1"), env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail("streamlit did not start within 60 s")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
