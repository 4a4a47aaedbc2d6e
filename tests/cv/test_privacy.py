"""A CV is processed in memory: nothing is written to disk and none of its text reaches the logs."""

from __future__ import annotations

import logging
import os
from datetime import date

from skillgap.cv import read_cv
from skillgap.cv.skills import cv_skills


def test_reading_a_cv_writes_nothing_and_logs_no_text(tmp_path, monkeypatch, caplog, sample_files,
                                                      tiny_taxonomy, fake_extractor):  # fmt: skip
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    caplog.set_level(logging.DEBUG)
    for name, data in sample_files.values():
        doc = read_cv(data, filename=name)
        cv_skills(doc, nlp=None, taxonomy=tiny_taxonomy, extractor=fake_extractor, today=date(2026, 1, 1))
    assert os.listdir(tmp_path) == []
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for secret in ("Riverbank", "jordan.sample@example.org", "Naïve Bayes"):
        assert secret not in logged
