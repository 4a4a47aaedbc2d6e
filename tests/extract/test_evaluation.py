"""The evaluation core: BIO spans, SkillSpan/Decorte/labels scoring on small generated files, and a real-data smoke run."""

from __future__ import annotations

import csv
import json

import pytest

from skillgap.errors import AnalyzerError
from skillgap.evaluation import (
    bio_spans,
    esco_label_map,
    evaluate_decorte,
    evaluate_skillspan,
    map_label,
    score_labels,
    surface_index,
)


def test_bio_spans():
    assert bio_spans(["O", "B", "I", "O", "B", "B", "I"]) == [(1, 3), (4, 5), (5, 7)]
    assert bio_spans(["I", "I", "O"]) == [(0, 2)]
    assert bio_spans([]) == []


def test_skillspan_scoring_loose_and_strict(tmp_path, nlp, tiny_taxonomy):
    rows = [
        # "AWS Lambda" matches a longer gold span loosely, not strictly
        {"tokens": ["Deploy", "on", "AWS", "Lambda", "functions"], "tags_skill": ["O"] * 5,
         "tags_knowledge": ["O", "O", "B", "I", "I"], "source": "tech"},
        # Python exact; Excel is a false positive (no gold span)
        {"tokens": ["Python", ",", "SQL", "and", "Excel"], "tags_skill": ["O"] * 5,
         "tags_knowledge": ["B", "O", "B", "O", "O"], "source": "tech"},
    ]
    f = tmp_path / "x.json"
    f.write_text("".join(json.dumps(r) + "\n" for r in rows))
    r = evaluate_skillspan(f, nlp=nlp, taxonomy=tiny_taxonomy)["by_source"]["tech"]
    assert r["mentions"] == 4
    assert r["loose_precision"] == 0.75
    assert r["knowledge_recall"] == 1.0
    assert r["strict_knowledge"]["precision"] == 0.5 and r["strict_knowledge"]["recall"] == round(2 / 3, 4)
    assert r["top_false_positives"] == [("excel -> excel", 1)]
    assert r["ambiguous"]["mentions"] == 1 and r["ambiguous"]["precision"] == 0.0


def test_skillspan_bad_file(tmp_path, nlp, tiny_taxonomy):
    f = tmp_path / "bad.json"
    f.write_text('{"tokens": ["a"]}\n')
    with pytest.raises(AnalyzerError, match="line 1"):
        evaluate_skillspan(f, nlp=nlp, taxonomy=tiny_taxonomy)


def test_decorte_scoring(tmp_path, nlp, tiny_taxonomy):
    labels = tmp_path / "skills_en_label.txt"
    labels.write_text("Python (computer programming)\nSQL\nJava (computer programming)\nmanage staff\n")
    f = tmp_path / "tech_validation_annotations.csv"
    with f.open("w", newline="") as h:
        w = csv.writer(h)
        w.writerow(["sentence", "span", "sub_span", "label"])
        w.writerow(["python and sql", "python", "", "Python (computer programming)"])
        w.writerow(["python and sql", "python", "", "Python (computer programming)"])  # duplicate row
        w.writerow(["python and sql", "sql", "", "SQL"])
        w.writerow(["we use django and java", "django", "", "LABEL NOT PRESENT"])
        w.writerow(["lead the team", "lead the team", "", "manage staff"])
    assert esco_label_map(tiny_taxonomy, labels.read_text().splitlines())["java"] == {"Java (computer programming)"}
    r = evaluate_decorte(tmp_path, nlp=nlp, taxonomy=tiny_taxonomy)["by_file"]["tech"]
    assert r["gold_pairs"] == 3 and r["predicted_pairs"] == 3
    assert r["precision"] == round(2 / 3, 4) and r["recall"] == round(2 / 3, 4)


def test_labels_mapping_and_plain_mentions(nlp, tiny_taxonomy):
    index = surface_index(tiny_taxonomy)
    assert map_label("Node.js", index) == "nodejs"
    assert map_label("Python 3.12", index) == "python"
    assert map_label("Kubernetes (EKS)", index) == "kubernetes"
    assert map_label("Sidekiq", index) is None
    rows = [
        ("1", "We build with Python and Kubernetes on AWS Lambda.", ["Python", "Kubernetes", "AWS", "Sidekiq"]),
        ("2", "Our backend is in Go.", ["Go", "Rust"]),
    ]
    r = score_labels(rows, nlp=nlp, taxonomy=tiny_taxonomy)
    # AWS is labelled and we found its child AWS Lambda: that counts
    assert r["recall_of_mapped_labels"] == round(4 / 5, 4)
    assert r["plain_mention_recall"] == 1.0 and r["plain_mentions"] == 3  # python, kubernetes, aws
    assert r["ambiguous_plain_mentions"] == 1 and r["ambiguous_plain_recall"] == 1.0  # "Go" with "backend"
    assert r["top_unmapped_labels"] == [("Sidekiq", 1)]


@pytest.mark.shared
def test_real_skillspan_smoke(shared_dir, tmp_path):
    """The real taxonomy on the first SkillSpan dev sentences: a sanity floor, not the reported figure."""
    from skills_taxonomy import load_taxonomy
    from skills_taxonomy.pipeline import build_pipeline

    taxonomy = load_taxonomy()
    if len(taxonomy.skills) < 100:
        pytest.skip("the packaged taxonomy is still nearly empty")
    lines = (shared_dir / "data" / "gold" / "skillspan" / "dev.json").read_text().splitlines()[:600]
    f = tmp_path / "dev_head.json"
    f.write_text("\n".join(lines) + "\n")
    r = evaluate_skillspan(f, nlp=build_pipeline(taxonomy), taxonomy=taxonomy)["by_source"]["all"]
    assert r["mentions"] > 50
    assert r["loose_precision"] > 0.5 and r["knowledge_recall"] > 0.3
