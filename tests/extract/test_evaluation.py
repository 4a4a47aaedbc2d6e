"""The evaluation core: BIO spans, SkillSpan/Decorte/labels scoring on small generated files, and a real-data smoke run."""

from __future__ import annotations

import csv
import json

import pytest

from skillgap.errors import AnalyzerError
from skillgap.evaluation import (
    ADJUDICATION_FIELDS,
    ADJUDICATIONS,
    bio_spans,
    esco_label_map,
    evaluate_decorte,
    evaluate_skillspan,
    load_adjudications,
    map_label,
    score_labels,
    sentence_key,
    surface_index,
)


def test_bio_spans():
    assert bio_spans(["O", "B", "I", "O", "B", "B", "I"]) == [(1, 3), (4, 5), (5, 7)]
    assert bio_spans(["I", "I", "O"]) == [(0, 2)]
    assert bio_spans([]) == []


# Python and SQL annotated, Excel (an ambiguous alias) not: an automatic false positive
PYTHON_SQL_EXCEL = {"tokens": ["Python", ",", "SQL", "and", "Excel"], "tags_skill": ["O"] * 5,
                    "tags_knowledge": ["B", "O", "B", "O", "O"], "source": "tech"}


def _skillspan_file(tmp_path, rows):
    f = tmp_path / "x.json"
    f.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return f


def test_skillspan_scoring_loose_and_strict(tmp_path, nlp, tiny_taxonomy):
    rows = [
        # "AWS Lambda" matches a longer gold span loosely, not strictly
        {"tokens": ["Deploy", "on", "AWS", "Lambda", "functions"], "tags_skill": ["O"] * 5,
         "tags_knowledge": ["O", "O", "B", "I", "I"], "source": "tech"},
        # Python exact; Excel is a false positive (no gold span)
        PYTHON_SQL_EXCEL,
    ]
    r = evaluate_skillspan(_skillspan_file(tmp_path, rows), nlp=nlp, taxonomy=tiny_taxonomy)["by_source"]["tech"]
    assert r["mentions"] == 4
    assert r["loose_precision"] == 0.75
    assert r["knowledge_recall"] == 1.0
    assert r["strict_knowledge"]["precision"] == 0.5 and r["strict_knowledge"]["recall"] == round(2 / 3, 4)
    assert r["top_false_positives"] == [("excel -> excel", 1)]
    assert r["ambiguous"]["mentions"] == 1 and r["ambiguous"]["precision"] == 0.0


def test_skillspan_adjudicated_precision(tmp_path, nlp, tiny_taxonomy):
    """Unannotated ambiguous mentions are listed by hash; a verdict file turns them into the adjudicated figure."""
    rows = [PYTHON_SQL_EXCEL, {"tokens": ["Reports", "in", "Excel", "and", "SQL"], "tags_skill": ["O"] * 5,
                               "tags_knowledge": ["O", "O", "B", "O", "B"], "source": "tech"}]
    f = _skillspan_file(tmp_path, rows)
    auto = evaluate_skillspan(f, nlp=nlp, taxonomy=tiny_taxonomy)["by_source"]["tech"]
    amb = auto["ambiguous"]
    assert amb["mentions"] == 2 and amb["precision"] == 0.5
    assert amb["adjudicated_precision"] == 0.5 and amb["unadjudicated"] == 1
    (case,) = auto["ambiguous_unadjudicated"]
    assert case["sentence_sha1"] == sentence_key(rows[0]["tokens"]) and case["token"] == 4
    assert case["skill_id"] == "excel" and case["text"] == "Excel" and case["annotated_sentence"] is True

    verdicts = tmp_path / "adj.csv"
    verdicts.write_text("# a comment\n" + ",".join(ADJUDICATION_FIELDS) + "\n"
                        f"{case['sentence_sha1']},4,excel,right,list-item\n")
    adj = evaluate_skillspan(f, nlp=nlp, taxonomy=tiny_taxonomy, adjudications=verdicts)["by_source"]["tech"]
    assert adj["ambiguous"]["precision"] == 0.5  # the automatic figure is still reported
    assert adj["ambiguous"]["adjudicated_precision"] == 1.0
    assert adj["ambiguous"]["adjudicated_right"] == 1 and adj["ambiguous"]["unadjudicated"] == 0
    # a verdict can also overrule an automatic hit (right span, wrong sense)
    hit = (sentence_key(rows[1]["tokens"]), 2, "excel")
    both = {hit: False, (case["sentence_sha1"], 4, "excel"): True}
    r = evaluate_skillspan(f, nlp=nlp, taxonomy=tiny_taxonomy, adjudications=both)["by_source"]["tech"]
    assert r["ambiguous"]["adjudicated_precision"] == 0.5 and r["ambiguous"]["adjudicated_mentions"] == 2


def test_sentence_key_is_stable_and_short():
    key = sentence_key(["Python", "and", "Go"])
    assert key == sentence_key(["Python", "and", "Go"]) and len(key) == 16 and int(key, 16) >= 0
    assert key != sentence_key(["Python", "and", "Rust"])


@pytest.mark.parametrize(
    ("body", "match"),
    [("sentence_sha1,token,skill_id\nabc,1,go\n", "columns"),
     ("sentence_sha1,token,skill_id,verdict,reason\nabc,1,go,maybe,x\n", "row 2: verdict"),
     ("sentence_sha1,token,skill_id,verdict,reason\nabc,one,go,right,x\n", "token must be a number")],
)
def test_bad_adjudication_file(tmp_path, body, match):
    f = tmp_path / "adj.csv"
    f.write_text(body)
    with pytest.raises(AnalyzerError, match=match):
        load_adjudications(f)
    with pytest.raises(AnalyzerError, match="Cannot read"):
        load_adjudications(tmp_path / "missing.csv")


def test_packaged_adjudications_hold_ids_only():
    """The committed verdicts: hashes, token numbers, known skill ids and codes -- never sentence text."""
    from skills_taxonomy import load_taxonomy

    verdicts = load_adjudications(ADJUDICATIONS)
    skills = load_taxonomy().skills
    assert len(verdicts) >= 20
    for (key, token, skill_id), _ in verdicts.items():
        assert len(key) == 16 and int(key, 16) >= 0 and token >= 0 and skill_id in skills
    rows = [line for line in ADJUDICATIONS.read_text().splitlines() if line and not line.startswith("#")]
    reasons = {line.split(",")[4] for line in rows[1:]}
    assert reasons <= {"tag-line", "list-item", "prose", "wrong-sense"}
    assert all(len(line.split(",")) == len(ADJUDICATION_FIELDS) for line in rows)


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
    r = evaluate_skillspan(f, nlp=build_pipeline(taxonomy), taxonomy=taxonomy,
                           adjudications=ADJUDICATIONS)["by_source"]["all"]
    assert r["mentions"] > 50
    assert r["loose_precision"] > 0.5 and r["knowledge_recall"] > 0.3
    # the target for ambiguous names, after judging what SkillSpan leaves unannotated
    amb = r["ambiguous"]
    assert amb["adjudicated_precision"] >= max(amb["precision"], 0.95), amb
