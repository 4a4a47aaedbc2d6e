"""Cached resources for the Streamlit app: settings, the store reader, the taxonomy, the pipeline.

Only caching and plumbing live here; every number comes from functions in skillgap/.
Resources are cached by their paths, so one process can serve (and test) several stores.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from dashboard import ALLOW_REFRESH_ENV
from skillgap import store
from skillgap.errors import SchemaOutdated, StoreMissing
from skillgap.settings import Settings


def settings() -> Settings:
    """Read on every rerun (cheap): SKILLGAP_DB and friends, as set by `skillgap dashboard`."""
    current = Settings.from_env()
    store.set_memory_limit(current.duckdb_memory_limit)
    return current


@st.cache_resource
def _reader(db_path: str) -> store.StoreReader:
    return store.StoreReader(db_path)


def reader() -> store.StoreReader:
    """One read-only connection per store per process; it follows the refresh's atomic swaps."""
    return _reader(str(settings().db_path))


@st.cache_resource
def _taxonomy(taxonomy_dir: str):
    from skills_taxonomy.load import load_taxonomy

    return load_taxonomy(taxonomy_dir)


def taxonomy():
    return _taxonomy(str(settings().taxonomy_dir))


@st.cache_resource(show_spinner="Loading the skills pipeline…")
def _pipeline(model_dir: str, taxonomy_dir: str):
    from skills_taxonomy.pipeline import load_pipeline

    return load_pipeline(Path(model_dir), taxonomy=_taxonomy(taxonomy_dir))


def pipeline():
    s = settings()
    return _pipeline(str(s.model_dir), str(s.taxonomy_dir))


def cursor():
    """A cursor on the live store for this rerun (one per thread), or None when there is no store yet."""
    try:
        return reader().cursor()
    except (StoreMissing, SchemaOutdated):
        return None


def generation() -> tuple | None:
    """Changes when a refresh lands: pass it to cached queries so they recompute."""
    return (str(settings().db_path), reader().generation)


def store_has_postings() -> bool:
    con = cursor()
    if con is None:
        return False
    return store.posting_count(con) > 0


def refresh_allowed() -> bool:
    """True only when the owner started the app with `skillgap dashboard --allow-refresh` (it sets the variable)."""
    return os.environ.get(ALLOW_REFRESH_ENV, "") == "1"


def refresh_folder() -> Path:
    """The one folder a refresh from the page may read: the configured exports folder, else the bundled sample."""
    s = settings()
    return s.exports_dir if s.exports_dir.is_dir() else s.sample_dir


def project_root() -> Path:
    return Path(__file__).resolve().parent.parent


def env_for_subprocess() -> dict[str, str]:
    env = dict(os.environ)
    env["SKILLGAP_DB"] = str(settings().db_path)
    return env
