"""The monthly schedule on a real local Prefect server: next runs, a triggered run, the store changing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import datetime

import pytest

from skillgap.scheduling import DEPLOYMENT, api_healthy
from tests.helpers.processes import run_cli as _cli
from tests.helpers.processes import wait_for as _wait
from tests.helpers.refresh import store_state

pytestmark = pytest.mark.slow


def test_schedule_registers_monthly_runs_and_a_triggered_run_refreshes_the_store(exports_one, tmp_path):
    data = tmp_path / "data"
    db = data / "store.duckdb"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update({"SKILLGAP_DATA_DIR": str(data), "SKILLGAP_DB": str(db), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                "SKILLGAP_MODEL_DIR": str(tmp_path / "models")})
    serve = subprocess.Popen(
        [sys.executable, "-m", "skillgap.cli", "schedule", "--cron", "0 6 1 * *", "--timezone", "UTC",
         "--exports", str(exports_one)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    server_state = data / "prefect" / "server" / "server.json"
    try:
        _wait(lambda: server_state.exists(), timeout=120, what="the local Prefect server")
        api_url = json.loads(server_state.read_text())["api_url"]
        assert api_url.startswith("http://127.0.0.1:")

        def status():
            r = _cli("schedule", "--status", "--json", env=env)
            if r.returncode != 0:
                return None
            s = json.loads(r.stdout)
            return s if len(s["next_runs"]) >= 3 else None

        s = _wait(status, timeout=120, every=2, what="three scheduled runs")
        assert s["deployment"] == DEPLOYMENT and s["cron"] == "0 6 1 * *" and s["timezone"] == "UTC"
        runs = [datetime.fromisoformat(r) for r in s["next_runs"]]
        assert all(r.day == 1 and r.hour == 6 for r in runs)
        assert runs == sorted(runs) and len({(r.year, r.month) for r in runs}) == len(runs)
        assert runs[0] > datetime.now(runs[0].tzinfo)
        assert not db.exists()

        run_env = dict(env, PREFECT_API_URL=api_url, PREFECT_HOME=str(data / "prefect" / "client"))
        trigger = subprocess.run([sys.executable, "-m", "prefect", "deployment", "run", DEPLOYMENT],
                                 env=run_env, capture_output=True, text=True, timeout=120)
        assert trigger.returncode == 0, trigger.stderr

        def completed():
            r = _cli("schedule", "--status", "--json", env=env)
            last = json.loads(r.stdout)["last_run"] if r.returncode == 0 else None
            return last if last and last["state"] in ("COMPLETED", "FAILED", "CRASHED") else None

        last = _wait(completed, timeout=240, every=3, what="the triggered run to finish")
        assert last["state"] == "COMPLETED"
        assert last["summary"]["loaded"] > 0
        assert store_state(db)[0] == last["summary"]["loaded"]
    finally:
        os.killpg(serve.pid, signal.SIGINT)
        try:
            serve.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(serve.pid, signal.SIGKILL)
    # the schedule stopped its server cleanly
    assert not server_state.exists()
    assert not api_healthy(api_url)

