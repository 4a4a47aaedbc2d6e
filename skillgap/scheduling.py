"""A local Prefect API for scheduling, and reading the monthly deployment's status.

Prefect's temporary ephemeral server cannot create scheduled runs, so ``skillgap schedule``
needs a real API: the one in ``PREFECT_API_URL`` when set (a team server or Prefect Cloud),
else a ``prefect server start`` we launch on 127.0.0.1 with its SQLite database under
``data/prefect/`` and stop when the schedule stops. Where that server listens is written to
``data/prefect/server.json`` so ``skillgap schedule --status`` in another terminal finds it.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from skillgap.errors import AnalyzerError

FLOW_NAME = "fetch-and-refresh"  # flows/monthly.py: configured fetches, then refresh
DEPLOYMENT_NAME = "monthly"
DEPLOYMENT = f"{FLOW_NAME}/{DEPLOYMENT_NAME}"
DEFAULT_CRON = "0 6 1 * *"


class SchedulerError(AnalyzerError):
    """The Prefect API for scheduling cannot be started or reached."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api_healthy(api_url: str, *, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(api_url.rstrip("/") + "/health", timeout=timeout) as resp:
            return resp.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


@dataclass
class LocalPrefectServer:
    """``prefect server start`` on 127.0.0.1 with a SQLite database under ``home``."""

    home: Path
    port: int = 0
    process: subprocess.Popen | None = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    @property
    def state_file(self) -> Path:
        return self.home / "server.json"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("PREFECT_API_URL", None)
        env.update(
            {
                "PREFECT_HOME": str(self.home),
                "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                "PREFECT_UI_ENABLED": "false",
                "PREFECT_API_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{self.home / 'server.db'}",
                "DO_NOT_TRACK": "1",
                # create scheduled runs promptly after `schedule` registers the deployment
                "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "5",
            }
        )
        return env

    def start(self, *, timeout: float = 90.0) -> str:
        """Start the server and wait until its API answers; return the API URL."""
        self.home.mkdir(parents=True, exist_ok=True)
        if not self.port:
            self.port = free_port()
        log = open(self.home / "server.log", "ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(self.port)],
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SchedulerError(
                    f"The local Prefect server exited early (code {self.process.returncode}); "
                    f"see {self.home / 'server.log'}."
                )
            if api_healthy(self.api_url):
                self.state_file.write_text(json.dumps({"api_url": self.api_url, "pid": self.process.pid}))
                return self.api_url
            time.sleep(0.5)
        self.stop()
        raise SchedulerError(
            f"The local Prefect server did not answer on {self.api_url} within {timeout:.0f}s; "
            f"see {self.home / 'server.log'}."
        )

    def stop(self, *, timeout: float = 20.0) -> None:
        """Stop the server and everything it started (its own process group)."""
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        try:
            state = json.loads(self.state_file.read_text())
            if self.process is None or state.get("pid") == self.process.pid:
                self.state_file.unlink()
        except (FileNotFoundError, ValueError):
            pass


def find_api_url(*, prefect_home: Path, env_api_url: str | None) -> str:
    """The API a status query should ask: PREFECT_API_URL, else the local server ``schedule`` started."""
    if env_api_url:
        return env_api_url
    try:
        state = json.loads((prefect_home / "server.json").read_text())
    except (FileNotFoundError, ValueError):
        raise SchedulerError(
            "No schedule is being served: start one with 'skillgap schedule' (or set PREFECT_API_URL "
            "to the Prefect server that serves it)."
        ) from None
    url = state["api_url"]
    if not api_healthy(url):
        raise SchedulerError(
            f"The Prefect server recorded in {prefect_home / 'server.json'} ({url}) does not answer; "
            "is 'skillgap schedule' still running?"
        )
    return url


def deployment_status(api_url: str, *, limit: int = 3) -> dict:
    """The monthly deployment's cron, timezone, next scheduled runs and last finished run."""
    os.environ["PREFECT_API_URL"] = api_url
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        DeploymentFilter,
        DeploymentFilterId,
        FlowRunFilter,
        FlowRunFilterParentFlowRunId,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType
    from prefect.client.schemas.sorting import FlowRunSort

    with get_client(sync_client=True) as client:
        try:
            dep = client.read_deployment_by_name(DEPLOYMENT)
        except Exception as exc:  # ObjectNotFound and transport errors alike
            raise SchedulerError(f"The Prefect API at {api_url} has no deployment {DEPLOYMENT!r}: {exc}") from None
        cron, tz = None, None
        for sched in dep.schedules or []:
            inner = getattr(sched, "schedule", None)
            if getattr(inner, "cron", None):
                cron, tz = inner.cron, inner.timezone
                break
        dep_filter = DeploymentFilter(id=DeploymentFilterId(any_=[dep.id]))
        upcoming = client.read_flow_runs(
            deployment_filter=dep_filter,
            flow_run_filter=FlowRunFilter(state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.SCHEDULED]))),
            sort=FlowRunSort.EXPECTED_START_TIME_ASC,
            limit=limit,
        )
        finished = client.read_flow_runs(
            deployment_filter=dep_filter,
            flow_run_filter=FlowRunFilter(
                state=FlowRunFilterState(
                    type=FlowRunFilterStateType(
                        any_=[StateType.COMPLETED, StateType.FAILED, StateType.CRASHED, StateType.CANCELLED, StateType.RUNNING]
                    )
                )
            ),
            sort=FlowRunSort.START_TIME_DESC,
            limit=1,
        )
        subflows = []
        if finished:
            children = client.read_flow_runs(flow_run_filter=FlowRunFilter(
                parent_flow_run_id=FlowRunFilterParentFlowRunId(any_=[finished[0].id])))
            subflows = [str(r.id) for r in children]
    last = None
    if finished:
        run = finished[0]
        last = {
            "id": str(run.id),
            "state": run.state.type.value if run.state else None,
            "started": run.start_time.isoformat() if run.start_time else None,
            "finished": run.end_time.isoformat() if run.end_time else None,
            "summary": None,
            "subflow_run_ids": subflows,  # the refresh runs inside it (refresh_runs rows carry these ids)
        }
    return {
        "deployment": DEPLOYMENT,
        "cron": cron,
        "timezone": tz,
        "paused": bool(getattr(dep, "paused", False)),
        "api_url": api_url,
        "next_runs": [r.expected_start_time.isoformat() for r in upcoming if r.expected_start_time],
        "last_run": last,
    }
