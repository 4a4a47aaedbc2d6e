"""Measure the CV status reading on passages with expected statuses (``skillgap evaluate cv-status``).

A probe file is a YAML list of ``{id, text, expect: {skill: status}}``; each text is read as a whole CV (sections,
cues, taxonomy implications) and every expected skill is judged twice: held or not held (a skill not found is not
held), and, where the passage shows it held, used or only listed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from skillgap.cv.model import STATUS_ORDER
from skillgap.cv.read import read_cv
from skillgap.cv.skills import cv_skills
from skillgap.cv.status import held_sets
from skillgap.errors import EvaluationDataError
from skillgap.yamlfile import YAMLError, read_yaml

__all__ = ["evaluate_cv_status", "load_probe"]

HELD = ("used", "listed")


def _skill_index(taxonomy) -> dict[str, str]:
    index: dict[str, str] = {}
    for sid, skill in taxonomy.skills.items():
        for form in (*skill.surface_forms, skill.label):
            index.setdefault(" ".join(form.casefold().split()), sid)
    for sid in taxonomy.skills:
        index[sid.casefold()] = sid
    return index


def load_probe(paths: Iterable[str | Path], *, taxonomy) -> list[dict]:
    """Passages from probe files, expected skills resolved to taxonomy ids; bad entries raise naming file and id."""
    index = _skill_index(taxonomy)
    out: list[dict] = []
    for path in paths:
        path = Path(path)
        try:
            raw = read_yaml(path)
        except (OSError, YAMLError) as exc:
            raise EvaluationDataError(f"Cannot read the probe {path}: {exc}") from exc
        if not isinstance(raw, list):
            raise EvaluationDataError(f"{path}: expected a list of passages with id, text and expect.")
        for i, item in enumerate(raw):
            where = f"{path}: [{i}] {item.get('id', '?') if isinstance(item, dict) else '?'}"
            if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not isinstance(
                item.get("expect"), dict
            ):
                raise EvaluationDataError(f"{where}: needs 'text' (a string) and 'expect' (skill: status).")
            expect: dict[str, str] = {}
            for key, status in item["expect"].items():
                sid = index.get(" ".join(str(key).casefold().split()))
                if sid is None:
                    raise EvaluationDataError(f"{where}: expect.{key}: not a skill id, label or alias.")
                if status not in STATUS_ORDER:
                    raise EvaluationDataError(f"{where}: expect.{key}: {status!r} is not one of {STATUS_ORDER}.")
                expect[sid] = status
            out.append({"id": str(item.get("id", i)), "text": item["text"], "expect": expect, "file": path.name})
    return out


def evaluate_cv_status(passages: list[dict], *, nlp, taxonomy) -> dict:
    """Held/not-held and used-vs-listed accuracy over every expected skill of every passage, with the errors."""
    held_right = held_total = use_right = use_total = 0
    errors: list[dict] = []
    by_file: dict[str, dict] = {}
    for p in passages:
        doc = read_cv(p["text"].encode("utf-8"), filename=f"{p['id']}.txt")
        sets = held_sets(cv_skills(doc, nlp=nlp, taxonomy=taxonomy), taxonomy=taxonomy)
        f = by_file.setdefault(p["file"], {"passages": 0, "held_right": 0, "held_total": 0, "use_right": 0,
                                           "use_total": 0})
        f["passages"] += 1
        for sid, want in p["expect"].items():
            got = sets.status(sid) or "not_held"
            ok_held = (got in HELD) == (want in HELD)
            held_total += 1
            held_right += ok_held
            f["held_total"] += 1
            f["held_right"] += ok_held
            ok_use = True
            if want in HELD:
                ok_use = got == want
                use_total += 1
                use_right += ok_use
                f["use_total"] += 1
                f["use_right"] += ok_use
            if not (ok_held and ok_use):
                errors.append({"passage": p["id"], "skill_id": sid, "expected": want, "got": got})
    for f in by_file.values():
        f["held_accuracy"] = f["held_right"] / f["held_total"] if f["held_total"] else None
        f["use_accuracy"] = f["use_right"] / f["use_total"] if f["use_total"] else None
    return {
        "passages": len(passages),
        "held_judgments": held_total,
        "held_accuracy": held_right / held_total if held_total else None,
        "use_judgments": use_total,
        "use_accuracy": use_right / use_total if use_total else None,
        "by_file": by_file,
        "errors": errors,
    }
