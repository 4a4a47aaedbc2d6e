"""No CV content in logs, files or the store: a gap analysis with a CV carrying a unique marker leaves the marker
only in the result returned to the user."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.helpers import corpus
from skillgap.ingest import ingest_paths

ROOT = Path(__file__).resolve().parents[2]
MARKER = "ZEBRA-PRIVACY-7731"
CV = (
    f"Alex {MARKER} Example\nMachine learning engineer\n\nExperience\n{MARKER} Analytics Ltd, 2020-2025\n"
    f"Built models in Python and SQL ({MARKER}); deployed with Docker on AWS; PyTorch and scikit-learn.\n\n"
    f"Skills\nPython, SQL, Docker, PyTorch, scikit-learn, {MARKER}\n"
)


def _files_containing(folder: Path, needle: bytes, *, skip: set[Path] = frozenset()) -> list[Path]:
    hits = []
    for p in folder.rglob("*"):
        if p.is_file() and p not in skip:
            try:
                if needle in p.read_bytes():
                    hits.append(p)
            except OSError:
                pass
    return hits


@pytest.fixture(scope="module")
def small_store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("priv_exports")
    (folder / "board_2026-10-01.csv").write_bytes(corpus.csv_bytes(corpus.posting_rows(20)))
    db = tmp_path_factory.mktemp("priv_store") / "store.duckdb"
    ingest_paths([str(folder)], db)
    return db


def test_gap_analysis_in_process_logs_and_writes_nothing_of_the_cv(tmp_path, monkeypatch, caplog, small_store,
                                                                   model_dir):  # fmt: skip
    from skillgap.gap import gap_for_cv
    from skills_taxonomy.load import load_taxonomy
    from skills_taxonomy.pipeline import load_pipeline

    taxonomy = load_taxonomy()
    nlp = load_pipeline(model_dir, taxonomy=taxonomy)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    caplog.set_level(logging.DEBUG)
    logging.getLogger().setLevel(logging.DEBUG)
    before = small_store.read_bytes()
    con = duckdb.connect(str(small_store), read_only=True)
    try:
        doc, skills, result = gap_for_cv(CV.encode(), "cv.txt", taxonomy=taxonomy, nlp=nlp, con=con,
                                         role="ml-engineer")
    finally:
        con.close()
    assert MARKER in doc.text  # the marker really was read...
    assert {s.skill_id for s in skills} & {"python", "sql", "docker"}
    assert result.coverage is not None
    logged = "\n".join(f"{r.getMessage()} {r.args!r} {r.exc_text or ''}" for r in caplog.records)
    assert MARKER not in logged  # ...and appears in no log record
    assert os.listdir(tmp_path) == []  # nothing written to the working/temp folder
    assert small_store.read_bytes() == before
    assert _files_containing(small_store.parent, MARKER.encode()) == []


@pytest.mark.slow  # a child process loading spaCy and the pipeline: ~20 s on a busy 2-core machine
def test_gap_cli_keeps_the_cv_out_of_logs_data_and_prefect_home(tmp_path, small_store, model_dir):
    data = tmp_path / "data"
    prefect_home = tmp_path / "prefect"
    cv = tmp_path / "cv.txt"
    cv.write_text(CV, encoding="utf-8")
    env = dict(os.environ, SKILLGAP_DATA_DIR=str(data), PREFECT_HOME=str(prefect_home), SKILLGAP_MODEL_DIR=str(model_dir),
               PREFECT_LOGGING_LEVEL="DEBUG", SKILLGAP_LOG_LEVEL="DEBUG", TMPDIR=str(tmp_path))
    r = subprocess.run([sys.executable, "-m", "skillgap.cli", "gap", str(cv), "--db", str(small_store), "--json",
                        "--markdown", str(tmp_path / "plan.md"), "--csv", str(tmp_path / "plan.csv")],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    out = json.loads(r.stdout)
    assert out["role"] and "coverage" in out
    assert MARKER not in r.stderr
    # the exported plan is about skills, not the CV; the data folder, Prefect home and the store hold no CV text
    leaks = _files_containing(tmp_path, MARKER.encode(), skip={cv}) + _files_containing(small_store.parent, MARKER.encode())
    assert leaks == []
