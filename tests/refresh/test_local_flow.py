"""flows.local_flow: flows called in this process run without Prefect's flow-run heartbeats (each run would
otherwise wait up to a second for the heartbeat thread), unless the environment sets a frequency."""

from __future__ import annotations

import pytest


@pytest.fixture
def probe(prefect_harness):
    from prefect.settings import get_current_settings

    from flows.local_flow import local_flow

    @local_flow(name="heartbeat-probe")
    def heartbeat_probe() -> int | None:
        return get_current_settings().flows.heartbeat_frequency

    return heartbeat_probe


def test_a_local_flow_runs_without_heartbeats(probe):
    from prefect.settings import get_current_settings

    assert get_current_settings().flows.heartbeat_frequency == 180  # Prefect's default outside the call
    assert probe() is None


def test_a_heartbeat_frequency_set_in_the_environment_is_kept(probe, monkeypatch):
    from prefect.settings import temporary_settings, PREFECT_FLOWS_HEARTBEAT_FREQUENCY

    monkeypatch.setenv("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", "60")
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: 60}):
        assert probe() == 60


def test_every_project_flow_is_a_local_flow():
    from flows.aggregate import aggregate_market
    from flows.extract import extract_skills
    from flows.ingest import ingest_exports
    from flows.local_flow import LocalFlow
    from flows.monthly import fetch_and_refresh
    from flows.refresh import refresh

    for flow in (aggregate_market, extract_skills, ingest_exports, fetch_and_refresh, refresh):
        assert isinstance(flow, LocalFlow), flow.name
