"""The served monthly deployment fetches first: a triggered run of fetch-and-refresh/monthly on a real local
Prefect server fetches HN from the local stand-in (as configured in sources.toml), refreshes, and
`schedule --status` reports both what the source fetched and the refresh's summary."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest

from skillgap.scheduling import DEPLOYMENT

from tests.helpers.processes import run_cli as _cli
from tests.helpers.processes import wait_for as _wait

pytestmark = pytest.mark.slow


def test_triggered_monthly_run_fetches_then_refreshes_and_status_shows_both(small_api, tmp_path):
    _, api, _ = small_api
    data = tmp_path / "data"
    data.mkdir()
    (data / "sources.toml").write_text(f'[hn]\nmonths = 3\napi_url = "{api}"\n')
    exports, db = tmp_path / "exports", data / "store.duckdb"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update({"SKILLGAP_DATA_DIR": str(data), "SKILLGAP_DB": str(db), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                "SKILLGAP_MODEL_DIR": str(tmp_path / "models")})
    serve = subprocess.Popen([sys.executable, "-m", "skillgap.cli", "schedule", "--exports", str(exports)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    server_state = data / "prefect" / "server" / "server.json"
    try:
        _wait(lambda: server_state.exists(), timeout=120, every=1, what="the local Prefect server")
        api_url = json.loads(server_state.read_text())["api_url"]

        def registered():
            r = _cli("schedule", "--status", "--json", env=env)
            return json.loads(r.stdout) if r.returncode == 0 else None

        status = _wait(registered, timeout=120, every=2, what="the deployment")
        assert status["deployment"] == DEPLOYMENT == "fetch-and-refresh/monthly"
        assert status["sources"] == ["hn: Ask HN: Who is hiring? (3 newest months)"] and status["fetches"] == []
        run_env = dict(env, PREFECT_API_URL=api_url, PREFECT_HOME=str(data / "prefect" / "client"))
        trigger = subprocess.run([sys.executable, "-m", "prefect", "deployment", "run", DEPLOYMENT], env=run_env,
                                 capture_output=True, text=True, timeout=120)
        assert trigger.returncode == 0, trigger.stderr

        def finished():
            s = registered()
            last = s and s["last_run"]
            return s if last and last["state"] in ("COMPLETED", "FAILED", "CRASHED") else None

        status = _wait(finished, timeout=240, every=3, what="the triggered run to finish")
        assert status["last_run"]["state"] == "COMPLETED"
        assert status["last_run"]["summary"]["loaded"] == 4
        assert status["last_run"]["summary"]["months"] == ["2026-10", "2026-11", "2026-12"]
        (hn,) = status["fetches"]
        assert hn["source"] == "hn" and hn["ok"] and hn["threads"] == 3 and hn["new"] == 4
        assert len(list((exports / "hn").glob("hn_whoishiring_*.json"))) == 3
        text = _cli("schedule", "--status", env=env).stdout
        assert "last hn:" in text and "4 new posts in 3 thread(s)" in text
    finally:
        os.killpg(serve.pid, signal.SIGINT)
        try:
            serve.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(serve.pid, signal.SIGKILL)
