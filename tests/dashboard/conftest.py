"""Point the app at a store through the same environment variables `skillgap dashboard` sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillgap.commands.dashboard import ALLOW_REFRESH_ENV

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")

CV_TEXT = """Jordan Example
Senior Data Engineer

Summary
Data engineer with 7 years building batch and streaming pipelines on AWS.

Skills
Python, SQL, Apache Spark, Apache Airflow, Kafka, Docker, PostgreSQL, Terraform, Tableau

Experience
Data Engineer, Northwind Analytics — Jan 2019 - Present
- Built data pipelines in Python and SQL with Apache Spark on Amazon EMR, orchestrated with Apache Airflow.
- Streamed events with Kafka into PostgreSQL and Amazon S3; deployed services with Docker and Terraform.

Education
BSc Computer Science, 2016
"""


@pytest.fixture
def app_env(monkeypatch, sample_store, model_dir):
    """The app as `skillgap dashboard` starts it with no flags: read-only."""
    monkeypatch.delenv(ALLOW_REFRESH_ENV, raising=False)
    monkeypatch.setenv("SKILLGAP_DB", str(sample_store))
    monkeypatch.setenv("SKILLGAP_MODEL_DIR", str(model_dir))
    return sample_store


@pytest.fixture
def empty_env(monkeypatch, tmp_path, model_dir):
    monkeypatch.delenv(ALLOW_REFRESH_ENV, raising=False)
    monkeypatch.setenv("SKILLGAP_DB", str(tmp_path / "empty.duckdb"))
    monkeypatch.setenv("SKILLGAP_MODEL_DIR", str(model_dir))
    return tmp_path / "empty.duckdb"


@pytest.fixture
def allow_refresh(monkeypatch):
    """As `skillgap dashboard --allow-refresh` starts the app (use after app_env or empty_env)."""
    monkeypatch.setenv(ALLOW_REFRESH_ENV, "1")
