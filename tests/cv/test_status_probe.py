"""The status probe (tests/cv/probe/*.yaml) read with the real pipeline meets the targets of issue 17."""

from __future__ import annotations

from pathlib import Path

from skillgap.cv.probe import evaluate_cv_status, load_probe

PROBE = Path(__file__).resolve().parent / "probe"


def test_probe_meets_the_targets(real_pipeline):
    taxonomy, nlp = real_pipeline
    passages = load_probe(sorted(PROBE.glob("*.yaml")), taxonomy=taxonomy)
    assert len(passages) >= 60
    expected = {s for p in passages for s in p["expect"].values()}
    assert expected == {"used", "listed", "learning", "not_held"}
    report = evaluate_cv_status(passages, nlp=nlp, taxonomy=taxonomy)
    print(report["held_accuracy"], report["use_accuracy"], report["errors"])
    assert report["held_accuracy"] >= 0.95, report["errors"]
    assert report["use_accuracy"] >= 0.85, report["errors"]
    for name, f in report["by_file"].items():  # each batch on its own, the fresh one included
        assert f["held_accuracy"] >= 0.95 and f["use_accuracy"] >= 0.85, (name, report["errors"])
