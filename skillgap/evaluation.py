"""Measure the extractor: SkillSpan spans, Decorte ESCO-linked sentences, and other parties' posting labels.

- ``evaluate_skillspan(path, nlp=..., taxonomy=...)``: SkillSpan JSON lines (``tokens``, ``tags_skill``,
  ``tags_knowledge``, ``source``). Text is ``" ".join(tokens)``; mentions map back to tokens. Reports, per
  source (tech/house/all): loose precision (a mention counts when it overlaps any SKILL or KNOWLEDGE span),
  loose recall of KNOWLEDGE spans, strict (exact-boundary) P/R/F1 against KNOWLEDGE and against the union,
  precision/recall on ambiguous aliases, and the most frequent missed knowledge spans and false positives.
  With ``adjudications=`` (a CSV of verdicts keyed by sentence hash, see ``load_adjudications``) the
  ambiguous-name figures are also given after a person judged the mentions SkillSpan did not annotate.
- ``evaluate_decorte(path, nlp=..., taxonomy=...)``: ``sentence,span,sub_span,label`` CSV; our skills map to
  ESCO preferred labels when a label or alias equals the ESCO label (ignoring a parenthesised qualifier:
  "Java" = "Java (computer programming)"). Micro P/R/F1 over deduplicated (sentence, ESCO label) pairs.
- ``evaluate_labels(postings_dir, ...)``: HN ``technologies`` and the Chinese board's ``techStack`` (LLM-made
  labels, not truth) against our skills per posting, plus recall on *plain mentions*: labels of
  taxonomy skills whose name appears literally in the posting text.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from skillgap.errors import EvaluationDataError
from skillgap.extract import mentions_from_doc
from skillgap.mentions import posting_text
from skillgap.normalize.text import html_to_text
from skills_taxonomy.patterns import taxonomy_patterns

if TYPE_CHECKING:
    from spacy.language import Language

    from skills_taxonomy.model import Taxonomy


# ----------------------------------------------------------------------------------------------- helpers
def bio_spans(tags: list[str]) -> list[tuple[int, int]]:
    """Token spans [start, end) of a BIO tag sequence (an I without a B starts a span)."""
    spans, start = [], None
    for i, tag in enumerate(tags):
        if tag.startswith("B") or (tag.startswith("I") and start is None):
            if start is not None:
                spans.append((start, i))
            start = i
        elif not tag.startswith("I"):
            if start is not None:
                spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, len(tags)))
    return spans


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> dict:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


# Kinds whose ambiguous aliases are homonyms: a product/language NAME that is also an ordinary word
# (Go, R, Spark, Spring, React, Excel, Chef, Lambda, Glue, Bedrock, Airflow ...). Ambiguous aliases of
# concepts and practices ("cloud", "testing", "AI", "scaling") are generic topic words: whether SkillSpan
# annotates them says nothing about word-sense disambiguation, so they are scored separately.
NAMED_KINDS = frozenset({"language", "framework", "library", "tool", "platform", "service"})


def ambiguous_forms(taxonomy: "Taxonomy", *, named: bool | None = None) -> dict[str, set[str]]:
    """skill id -> casefolded ambiguous aliases (``named=True``: only homonym names, ``False``: only the rest)."""
    return {
        sid: {a.casefold() for a in s.ambiguous_aliases}
        for sid, s in taxonomy.skills.items()
        if s.ambiguous_aliases and (named is None or (s.kind in NAMED_KINDS) == named)
    }


# ----------------------------------------------------------------------------------------------- adjudication
# Verdicts on ambiguous-name mentions the automatic scoring counts wrong (SkillSpan leaves title lines, tag
# lists and some list items unannotated). Only ids are stored: a hash of the sentence, the mention's first
# token, the skill id, the verdict and a reason code; never the sentence text.
ADJUDICATIONS = Path(__file__).parent / "adjudications" / "skillspan_ambiguous.csv"
ADJUDICATION_FIELDS = ("sentence_sha1", "token", "skill_id", "verdict", "reason")
VERDICTS = frozenset({"right", "wrong"})


def sentence_key(tokens: list[str]) -> str:
    """A stable id for a SkillSpan sentence: the first 16 hex digits of SHA-1 over the space-joined tokens."""
    return hashlib.sha1(" ".join(tokens).encode("utf-8")).hexdigest()[:16]


def load_adjudications(path: Path | str) -> dict[tuple[str, int, str], bool]:
    """(sentence_sha1, token, skill_id) -> True when judged the right reading, from an adjudication CSV."""
    path = Path(path)
    out: dict[tuple[str, int, str], bool] = {}
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(line for line in handle if not line.startswith("#"))
            if not set(ADJUDICATION_FIELDS) <= set(reader.fieldnames or ()):
                raise EvaluationDataError(
                    f"{path}: expected the columns {', '.join(ADJUDICATION_FIELDS)} (got {reader.fieldnames})."
                )
            for n, row in enumerate(reader, start=2):
                verdict = (row["verdict"] or "").strip()
                if verdict not in VERDICTS:
                    raise EvaluationDataError(f"{path}, row {n}: verdict must be right or wrong, not {verdict!r}.")
                try:
                    token = int(row["token"])
                except ValueError as exc:
                    raise EvaluationDataError(f"{path}, row {n}: token must be a number ({row['token']!r}).") from exc
                out[(row["sentence_sha1"].strip(), token, row["skill_id"].strip())] = verdict == "right"
    except OSError as exc:
        raise EvaluationDataError(f"Cannot read the adjudication file {path}: {exc.strerror}.") from exc
    return out


# ----------------------------------------------------------------------------------------------- SkillSpan
@dataclass
class SpanSentence:
    tokens: list[str]
    skill: list[tuple[int, int]]
    knowledge: list[tuple[int, int]]
    source: str


def load_skillspan(path: Path | str) -> list[SpanSentence]:
    """Read SkillSpan's JSON-lines file (one sentence per line)."""
    path = Path(path)
    out = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvaluationDataError(f"Cannot read {path}: {exc.strerror}.") from exc
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            out.append(
                SpanSentence(
                    tokens=list(row["tokens"]),
                    skill=bio_spans(row["tags_skill"]),
                    knowledge=bio_spans(row["tags_knowledge"]),
                    source=str(row.get("source", "all")),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise EvaluationDataError(
                f"{path}, line {n}: not a SkillSpan JSON line (needs tokens, tags_skill, tags_knowledge): {exc}"
            ) from exc
    if not out:
        raise EvaluationDataError(f"{path} holds no sentences.")
    return out


def _token_offsets(tokens: list[str]) -> list[tuple[int, int]]:
    offsets, pos = [], 0
    for tok in tokens:
        offsets.append((pos, pos + len(tok)))
        pos += len(tok) + 1
    return offsets


def _chars_to_tokens(offsets: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    idx = [i for i, (s, e) in enumerate(offsets) if s < end and start < e]
    return (idx[0], idx[-1] + 1) if idx else None


@dataclass
class _Tally:
    n_pred: int = 0
    loose_tp: int = 0
    n_know: int = 0
    know_found: int = 0
    n_union: int = 0
    union_found: int = 0
    strict_know_tp: int = 0
    strict_union_tp: int = 0
    amb_pred: int = 0
    amb_tp: int = 0
    amb_gold: int = 0
    amb_found: int = 0
    amb_pred_ann: int = 0
    amb_tp_ann: int = 0
    amb_adj_right: int = 0  # automatic misses judged right
    amb_adj_wrong: int = 0  # automatic hits judged wrong
    amb_judged: int = 0
    unjudged: list = field(default_factory=list)
    gen_pred: int = 0
    gen_tp: int = 0
    gen_gold: int = 0
    gen_found: int = 0
    sentences: int = 0
    missed: Counter = field(default_factory=Counter)
    false_pos: Counter = field(default_factory=Counter)

    def report(self) -> dict:
        return {
            "sentences": self.sentences,
            "mentions": self.n_pred,
            "knowledge_spans": self.n_know,
            "loose_precision": round(self.loose_tp / self.n_pred, 4) if self.n_pred else 0.0,
            "knowledge_recall": round(self.know_found / self.n_know, 4) if self.n_know else 0.0,
            "union_recall": round(self.union_found / self.n_union, 4) if self.n_union else 0.0,
            "strict_knowledge": _prf(self.strict_know_tp, self.n_pred, self.strict_know_tp, self.n_know),
            "strict_union": _prf(self.strict_union_tp, self.n_pred, self.strict_union_tp, self.n_union),
            "ambiguous": {
                "mentions": self.amb_pred,
                "precision": round(self.amb_tp / self.amb_pred, 4) if self.amb_pred else None,
                "gold_spans": self.amb_gold,
                "recall": round(self.amb_found / self.amb_gold, 4) if self.amb_gold else None,
                # only sentences with at least one gold span: SkillSpan leaves whole lines (titles, tag
                # lists) unannotated, where a correctly read "React" or "Spark" would count as wrong
                "mentions_in_annotated_sentences": self.amb_pred_ann,
                "precision_in_annotated_sentences": (
                    round(self.amb_tp_ann / self.amb_pred_ann, 4) if self.amb_pred_ann else None
                ),
                # after adjudication: automatic misses a person judged right count as right (and judged-wrong
                # hits as wrong); automatic misses nobody judged stay wrong and are counted in "unadjudicated"
                "adjudicated_precision": (
                    round((self.amb_tp + self.amb_adj_right - self.amb_adj_wrong) / self.amb_pred, 4)
                    if self.amb_pred else None
                ),
                "adjudicated_mentions": self.amb_judged,
                "adjudicated_right": self.amb_adj_right,
                "unadjudicated": len(self.unjudged),
            },
            "ambiguous_generic": {
                "mentions": self.gen_pred,
                "precision": round(self.gen_tp / self.gen_pred, 4) if self.gen_pred else None,
                "gold_spans": self.gen_gold,
                "recall": round(self.gen_found / self.gen_gold, 4) if self.gen_gold else None,
            },
        }


def evaluate_skillspan(path: Path | str, *, nlp: "Language", taxonomy: "Taxonomy", top: int = 25,
                       adjudications: Path | str | dict | None = None) -> dict:
    """Score the extractor on a SkillSpan JSON file; returns {"by_source": {...}, "missed": [...], ...}.

    ``adjudications``: an adjudication CSV (or its ``load_adjudications`` dict). Without it the adjudicated
    precision equals the automatic one and every automatic miss on an ambiguous name is "unadjudicated".
    The JSON lists those (``ambiguous_unadjudicated``: sentence hash, token, skill, text and sentence) so a
    person can judge them; only the hash, token, skill and verdict go into the CSV.
    """
    verdicts = adjudications if isinstance(adjudications, dict) else (
        load_adjudications(adjudications) if adjudications is not None else {})
    sentences = load_skillspan(path)
    amb = ambiguous_forms(taxonomy, named=True)
    amb_any = set().union(*amb.values()) if amb else set()
    gen = ambiguous_forms(taxonomy, named=False)
    gen_any = set().union(*gen.values()) - amb_any if gen else set()
    tallies: dict[str, _Tally] = {}
    texts = [" ".join(s.tokens) for s in sentences]
    for sent, doc in zip(sentences, nlp.pipe(texts, batch_size=256)):
        offsets = _token_offsets(sent.tokens)
        preds = []
        for m in mentions_from_doc(doc, mode="posting"):
            span = _chars_to_tokens(offsets, m.start, m.end)
            if span:
                preds.append((span, m))
        union = list(dict.fromkeys(sent.skill + sent.knowledge))
        key_hash = sentence_key(sent.tokens)
        for key in (sent.source, "all"):
            t = tallies.setdefault(key, _Tally())
            t.sentences += 1
            t.n_pred += len(preds)
            t.n_know += len(sent.knowledge)
            t.n_union += len(union)
            for span, m in preds:
                hit = any(_overlaps(span, g) for g in union)
                t.loose_tp += hit
                t.strict_know_tp += span in sent.knowledge
                t.strict_union_tp += span in union
                if m.text.casefold() in amb.get(m.skill_id, ()):
                    t.amb_pred += 1
                    t.amb_tp += hit
                    if union:
                        t.amb_pred_ann += 1
                        t.amb_tp_ann += hit
                    verdict = verdicts.get((key_hash, span[0], m.skill_id))
                    if verdict is not None:
                        t.amb_judged += 1
                        t.amb_adj_right += verdict and not hit
                        t.amb_adj_wrong += hit and not verdict
                    elif not hit:
                        t.unjudged.append({"sentence_sha1": key_hash, "token": span[0], "skill_id": m.skill_id,
                                           "text": m.text, "annotated_sentence": bool(union),
                                           "sentence": " ".join(sent.tokens)})
                elif m.text.casefold() in gen.get(m.skill_id, ()):
                    t.gen_pred += 1
                    t.gen_tp += hit
                if not hit:
                    t.false_pos[f"{m.text.casefold()} -> {m.skill_id}"] += 1
            for g in sent.knowledge:
                found = any(_overlaps(span, g) for span, _ in preds)
                t.know_found += found
                gold_text = " ".join(sent.tokens[g[0] : g[1]])
                if gold_text.casefold() in amb_any:
                    t.amb_gold += 1
                    t.amb_found += found
                elif gold_text.casefold() in gen_any:
                    t.gen_gold += 1
                    t.gen_found += found
                if not found:
                    t.missed[gold_text.casefold()] += 1
            for g in union:
                t.union_found += any(_overlaps(span, g) for span, _ in preds)
    out = {"file": str(path), "by_source": {k: v.report() for k, v in sorted(tallies.items())}}
    for key, t in tallies.items():
        out["by_source"][key]["top_missed_knowledge"] = t.missed.most_common(top)
        out["by_source"][key]["top_false_positives"] = t.false_pos.most_common(top)
        out["by_source"][key]["ambiguous_unadjudicated"] = t.unjudged
    return out


# ----------------------------------------------------------------------------------------------- Decorte
SPECIAL_LABELS = {"LABEL NOT PRESENT", "UNDERSPECIFIED"}
_QUALIFIER = re.compile(r"\s*\([^)]*\)\s*$")


def esco_label_map(taxonomy: "Taxonomy", esco_labels: Iterable[str]) -> dict[str, set[str]]:
    """skill id -> ESCO preferred labels it stands for (same name, ignoring a parenthesised qualifier)."""
    by_name: dict[str, set[str]] = {}
    for label in esco_labels:
        label = label.strip()
        if not label:
            continue
        by_name.setdefault(label.casefold(), set()).add(label)
        bare = _QUALIFIER.sub("", label).casefold()
        if bare != label.casefold():
            by_name.setdefault(bare, set()).add(label)
    out: dict[str, set[str]] = {}
    for sid, skill in taxonomy.skills.items():
        found = set()
        for form in skill.surface_forms:
            found |= by_name.get(form.casefold(), set())
        if found:
            out[sid] = found
    return out


def evaluate_decorte(path: Path | str, *, nlp: "Language", taxonomy: "Taxonomy",
                     labels_path: Path | str | None = None) -> dict:
    """Score on Decorte-format CSV(s): ``path`` is one CSV or a folder of ``*_annotations.csv`` files."""
    path = Path(path)
    files = sorted(path.glob("*annotations.csv")) if path.is_dir() else [path]
    if not files:
        raise EvaluationDataError(f"No *annotations.csv files in {path}.")
    labels_file = Path(labels_path) if labels_path else (files[0].parent / "skills_en_label.txt")
    if not labels_file.exists():
        raise EvaluationDataError(
            f"{labels_file} is missing: pass the ESCO label list (skills_en_label.txt) with --labels."
        )
    mapping = esco_label_map(taxonomy, labels_file.read_text(encoding="utf-8").splitlines())
    reachable = set().union(*mapping.values()) if mapping else set()
    report: dict = {"files": [str(f) for f in files], "mapped_skills": len(mapping), "by_file": {}}
    for f in files:
        gold: dict[str, set[str]] = {}
        try:
            with f.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    gold.setdefault(row["sentence"], set())
                    if row["label"] not in SPECIAL_LABELS:
                        gold[row["sentence"]].add(row["label"])
        except (OSError, KeyError, csv.Error) as exc:
            raise EvaluationDataError(f"{f}: expected columns sentence,span,sub_span,label ({exc}).") from exc
        sentences = list(gold)
        tp = n_pred = n_gold = reach = 0
        for sentence, doc in zip(sentences, nlp.pipe(sentences, batch_size=256)):
            pred = set()
            for m in mentions_from_doc(doc, mode="posting"):
                pred |= mapping.get(m.skill_id, set())
            tp += len(pred & gold[sentence])
            n_pred += len(pred)
            n_gold += len(gold[sentence])
            reach += len(gold[sentence] & reachable)
        name = f.stem.replace("_validation_annotations", "")
        report["by_file"][name] = {
            "sentences": len(sentences),
            "gold_pairs": n_gold,
            "predicted_pairs": n_pred,
            **_prf(tp, n_pred, tp, n_gold),
            "gold_reachable": round(reach / n_gold, 4) if n_gold else 0.0,
        }
    return report


# ----------------------------------------------------------------------------------------------- labels
def surface_index(taxonomy: "Taxonomy") -> dict[str, str]:
    """casefolded surface form (and variant) -> skill id, for reading other parties' label strings."""
    index: dict[str, str] = {}
    for p in taxonomy_patterns(taxonomy):
        index.setdefault(p.text.casefold(), p.skill_id)
    for sid, skill in taxonomy.skills.items():  # labels win over anyone's variants
        index[skill.label.casefold()] = sid
    return index


def map_label(label: str, index: dict[str, str]) -> str | None:
    """A source label ("Node.js", "PostgreSQL 15", "AWS (Lambda)") -> skill id, or None."""
    raw = label.strip().casefold()
    for candidate in (raw, re.sub(r"\s*\(.*\)$", "", raw), re.sub(r"\s*v?\d+(\.\d+)*$", "", raw),
                      raw.replace(" ", ""), raw.replace("-", " ")):
        if candidate in index:
            return index[candidate]
    return None


def load_hn(folder: Path) -> list[tuple[str, str, list[str]]]:
    """(id, text, technologies) from hn_whoishiring_2026/runs/*/{raw,classified}.json, deduplicated by id."""
    rows: dict[str, tuple[str, str, list[str]]] = {}
    for run in sorted((folder / "runs").glob("*")):
        raw_file, cls_file = run / "raw.json", run / "classified.json"
        if not raw_file.exists() or not cls_file.exists():
            continue
        texts = {str(j["id"]): j.get("text") or "" for j in json.loads(raw_file.read_text(encoding="utf-8"))["jobs"]}
        for job in json.loads(cls_file.read_text(encoding="utf-8"))["jobs"]:
            jid = str(job["id"])
            if jid in texts:
                rows[jid] = (f"hn:{jid}", html_to_text(texts[jid]), list(job.get("technologies") or []))
    return list(rows.values())


def load_cn(folder: Path) -> list[tuple[str, str, list[str]]]:
    """(id, text, techStack) from cn_whoishiring_ruanyf/parsed/*.json."""
    rows = []
    for f in sorted((folder / "parsed").glob("*.json")):
        for p in json.loads(f.read_text(encoding="utf-8")).get("postings") or []:
            if p.get("techStack"):
                rows.append((f"cn:{p['id']}", p.get("rawContent") or "", list(p["techStack"])))
    return rows


def _literal(text_cf: str, forms: Iterable[str]) -> bool:
    for form in forms:
        f = form.casefold()
        i = text_cf.find(f)
        while i >= 0:
            before = text_cf[i - 1] if i else " "
            after = text_cf[i + len(f)] if i + len(f) < len(text_cf) else " "
            if not (before.isalnum() or before in "+#") and not (after.isalnum() or after in "+#"):
                return True
            i = text_cf.find(f, i + 1)
    return False


def score_labels(rows: list[tuple[str, str, list[str]]], *, nlp: "Language", taxonomy: "Taxonomy",
                 top: int = 25) -> dict:
    """Our skills vs a source's labels per posting (a child skill counts for its labelled parent)."""
    index = surface_index(taxonomy)
    amb = ambiguous_forms(taxonomy)
    unmapped: Counter = Counter()
    extra: Counter = Counter()
    missed_plain: Counter = Counter()
    tp_p = n_pred = tp_r = n_gold = plain_gold = plain_found = 0
    amb_plain = amb_plain_found = 0
    texts = [r[1] for r in rows]
    for (rid, text, labels), doc in zip(rows, nlp.pipe(texts, batch_size=64)):
        ours = {m.skill_id for m in mentions_from_doc(doc, mode="cv")}
        expanded = set(ours)
        for sid in ours:
            expanded.update(taxonomy.ancestors(sid) if sid in taxonomy.skills else ())
        gold = set()
        for label in labels:
            sid = map_label(label, index)
            if sid is None:
                unmapped[label.strip()] += 1
            else:
                gold.add(sid)
        gold_expanded = set(gold)
        for sid in gold:
            gold_expanded.update(taxonomy.ancestors(sid))
        n_pred += len(ours)
        tp_p += len({s for s in ours if s in gold_expanded or set(taxonomy.ancestors(s)) & gold})
        n_gold += len(gold)
        tp_r += len(gold & expanded)
        for sid in ours - gold_expanded:
            extra[sid] += 1
        text_cf = text.casefold()
        for sid in gold:
            forms = taxonomy.skills[sid].surface_forms
            if _literal(text_cf, forms):
                is_amb = all(f.casefold() in amb.get(sid, ()) for f in forms if _literal(text_cf, [f]))
                if is_amb:
                    amb_plain += 1
                    amb_plain_found += sid in expanded
                    continue
                plain_gold += 1
                plain_found += sid in expanded
                if sid not in expanded:
                    missed_plain[sid] += 1
    return {
        "postings": len(rows),
        "precision_vs_labels": round(tp_p / n_pred, 4) if n_pred else 0.0,
        "recall_of_mapped_labels": round(tp_r / n_gold, 4) if n_gold else 0.0,
        "mapped_labels": n_gold,
        "plain_mention_recall": round(plain_found / plain_gold, 4) if plain_gold else 0.0,
        "plain_mentions": plain_gold,
        "ambiguous_plain_recall": round(amb_plain_found / amb_plain, 4) if amb_plain else None,
        "ambiguous_plain_mentions": amb_plain,
        "top_unmapped_labels": unmapped.most_common(top),
        "top_missed_plain": missed_plain.most_common(top),
        "top_unlabelled_skills": extra.most_common(top),
    }


def evaluate_labels(postings_dir: Path | str, *, nlp: "Language", taxonomy: "Taxonomy", top: int = 25) -> dict:
    """Score against HN ``technologies`` and the Chinese board's ``techStack`` found under ``postings_dir``."""
    base = Path(postings_dir)
    out: dict = {"folder": str(base), "by_source": {}}
    hn = next((p for p in [base, *base.glob("hn_*")] if (p / "runs").is_dir()), None)
    cn = next((p for p in [base, *base.glob("cn_*")] if (p / "parsed").is_dir()), None)
    if hn is None and cn is None:
        raise EvaluationDataError(
            f"No HN runs/ or Chinese-board parsed/ folder under {base}; point at /work/shared/data/postings or one of them."
        )
    if hn is not None:
        out["by_source"]["hn"] = score_labels(load_hn(hn), nlp=nlp, taxonomy=taxonomy, top=top)
    if cn is not None:
        out["by_source"]["cn"] = score_labels(load_cn(cn), nlp=nlp, taxonomy=taxonomy, top=top)
    return out


def labels_from_store(con) -> list[tuple[str, str, list[str]]]:
    """(posting_id, text, technology labels) from a loaded store's ``source_labels`` and ``postings``."""
    rows = con.execute(
        "SELECT p.posting_id, any_value(p.title), any_value(p.description), list(l.label) "
        "FROM source_labels l JOIN postings p ON p.posting_id = l.posting_id "
        "WHERE l.kind = 'technology' GROUP BY p.posting_id ORDER BY p.posting_id"
    ).fetchall()
    return [(pid, posting_text(title, desc), list(labels)) for pid, title, desc, labels in rows]
