"""Golden files: the skills found in the bundled sample CVs and in 21 fixed sample postings.

* ``tests/golden/cv_<persona>.json`` — for each CV in data/sample/cvs, read with ``skillgap.cv.read_cv_file`` and
  ``skillgap.cv.skills.cv_skills`` (the real taxonomy and pipeline): each skill's id, label, the CV sections it
  appears in, whether it is listed/used/certified, months of use ("Present" = 2026-11-01) and the matched texts.
* ``tests/golden/posting_<seq>.json`` — for 21 postings of the default sample generator (the first two of each
  role family plus one with a precision trap, text as JobSpy's markdown), ``skillgap.extract.extract_mentions``
  rolled up per skill the way ``skillgap.aggregate`` does: required unless every mention is nice-to-have.

The extractor, taxonomy and CV reader are meant to improve, so these files change on purpose. After such a change:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py -q    # rewrites tests/golden/*.json
    git diff tests/golden/                                                # review it like code

A failing case prints the skills added, removed and changed. The snapshot is not the only check: the
``test_*_invariants`` tests assert what must hold whatever the goldens say (each persona's core skills are found,
trap phrases such as "go live" or "head chef" never yield Go or Chef, most skills the generator wrote are found).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from skillgap.sample.cvs import CV_DIR_NAME, PERSONAS
from skillgap.sample.exports import DEFAULT_END_MONTH, DEFAULT_MONTHS, DEFAULT_POSTINGS, DEFAULT_SEED, EXPORT_DAY
from skillgap.sample.exports import start_month_for
from skillgap.sample.writer import iter_postings
from skillgap.settings import PROJECT_ROOT

GOLDEN = Path(__file__).resolve().parent / "golden"
CV_DIR = PROJECT_ROOT / "data" / "sample" / CV_DIR_NAME
TODAY = dt.date(2026, 11, 1)  # what "Present" means in the goldens' months
UPDATE = os.environ.get("UPDATE_GOLDEN", "").strip() not in ("", "0")
# Trap phrases in the sample postings and the skill each must NOT produce.
TRAP_SKILL = {"go live": "go", "R&D": "r", "C-suite": "c", "react quickly": "react", "head chef": "chef",
              "spring offsite": "spring", "excel at": "excel", "go-to-market": "go"}  # fmt: skip
MIN_POSTING_RECALL = 0.85


def _golden_postings() -> list:
    """The first two postings of each role family plus its first one with a trap phrase (21 in all)."""
    start = start_month_for(DEFAULT_END_MONTH, DEFAULT_MONTHS)
    chosen: dict[str, list] = {}
    for p in iter_postings(seed=DEFAULT_SEED, start_month=start, months=DEFAULT_MONTHS, postings=DEFAULT_POSTINGS,
                           max_day=EXPORT_DAY):
        picked = chosen.setdefault(p.family, [])
        if len(picked) < 2 or (len(picked) == 2 and p.traps):
            picked.append(p)
        if len(chosen) == 7 and all(len(v) == 3 for v in chosen.values()):
            break
    return sorted((p for v in chosen.values() for p in v), key=lambda p: p.seq)


POSTINGS = {f"posting_{p.seq:04d}": p for p in _golden_postings()}
CV_CASES = {f"cv_{p.key}": p for p in PERSONAS}


@pytest.fixture(scope="module")
def taxonomy():
    from skills_taxonomy.load import load_taxonomy

    return load_taxonomy()


@pytest.fixture(scope="module")
def nlp(model_dir, taxonomy):
    from skills_taxonomy.pipeline import load_pipeline

    return load_pipeline(model_dir, taxonomy=taxonomy)


# ---------------------------------------------------------------------------------------------------------------
# What the goldens hold


def cv_case(persona, *, nlp, taxonomy) -> dict:
    from skillgap.cv import read_cv_file
    from skillgap.cv.skills import cv_skills

    doc = read_cv_file(CV_DIR / persona.filename)
    skills = cv_skills(doc, nlp=nlp, taxonomy=taxonomy, today=TODAY)
    return {
        "file": f"data/sample/{CV_DIR_NAME}/{persona.filename}",
        "role": persona.role,
        "sections": [s.name for s in doc.sections],
        "jobs": len(doc.jobs),
        "skills": {
            s.skill_id: {
                "label": s.label,
                "sections": s.sections,
                "in_skills_list": s.in_skills_list,
                "used_in_experience": s.used_in_experience,
                "certified": s.certified,
                "status": s.status,
                "months": s.months,
                "texts": sorted({e["text"] for e in s.evidence}),
            }
            for s in sorted(skills, key=lambda s: s.skill_id)
        },
    }


def posting_case(p, *, nlp) -> dict:
    from skillgap.extract import extract_mentions

    roll: dict[str, dict] = {}
    for m in extract_mentions(p.markdown(), nlp=nlp, mode="posting"):
        entry = roll.setdefault(m.skill_id, {"label": m.label, "required": False, "sections": set()})
        entry["required"] = entry["required"] or m.required is not False  # as aggregate.py's bool_or
        entry["sections"].add(m.section)
    return {
        "posting_id": f"sample-{p.seq:04d}",
        "family": p.family,
        "title": p.title,
        "company": p.company.name,
        "skills": {
            sid: {"label": e["label"], "required": e["required"], "preferred": not e["required"],
                  "sections": sorted(e["sections"])}
            for sid, e in sorted(roll.items())
        },
    }


# ---------------------------------------------------------------------------------------------------------------
# Comparing with the goldens


def _dump(data: dict) -> str:
    """JSON with one line per skill, so a reviewed diff shows one line per skill that changed."""

    def one(value) -> str:
        return json.dumps(value, sort_keys=True, ensure_ascii=False)

    lines = ["{"]
    keys = sorted(data)
    for i, key in enumerate(keys):
        comma = "," if i < len(keys) - 1 else ""
        if key == "skills":
            items = list(data[key].items())
            lines.append(f'  "skills": {{' if items else '  "skills": {}' + comma)
            for j, (sid, entry) in enumerate(items):
                lines.append(f"    {one(sid)}: {one(entry)}" + ("," if j < len(items) - 1 else ""))
            if items:
                lines.append("  }" + comma)
        else:
            lines.append(f"  {one(key)}: {one(data[key])}{comma}")
    return "\n".join(lines) + "\n}\n"


def describe_diff(case: str, old: dict, new: dict) -> str:
    """A readable account of how ``new`` differs from the golden ``old``: skills added/removed/changed first."""
    lines = []
    before, after = old.get("skills", {}), new.get("skills", {})
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(k for k in set(before) & set(after) if before[k] != after[k])
    for key in sorted((set(old) | set(new)) - {"skills"}):
        if old.get(key) != new.get(key):
            lines.append(f"  ~ {key}: {old.get(key)!r} -> {new.get(key)!r}")
    for sid in added:
        s = after[sid]
        lines.append(f"  + {sid} ({s['label']}) in {', '.join(s['sections'])}")
    for sid in removed:
        lines.append(f"  - {sid} ({before[sid]['label']})")
    for sid in changed:
        diffs = [f"{f} {before[sid].get(f)!r} -> {after[sid].get(f)!r}"
                 for f in sorted(set(before[sid]) | set(after[sid])) if before[sid].get(f) != after[sid].get(f)]
        lines.append(f"  ~ {sid}: " + "; ".join(diffs))
    head = f"{case}: {len(added)} skill(s) added, {len(removed)} removed, {len(changed)} changed"
    return "\n".join([head, *lines])


def check_golden(case: str, current: dict) -> None:
    path = GOLDEN / f"{case}.json"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != _dump(current):
            path.write_text(_dump(current), encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"{path.relative_to(PROJECT_ROOT)} is missing: run `UPDATE_GOLDEN=1 pytest tests/test_golden.py` "
                    "and review the new file.")
    golden = json.loads(path.read_text(encoding="utf-8"))
    current = json.loads(_dump(current))  # the same JSON round trip (tuples, floats) as the file
    if golden != current:
        pytest.fail(describe_diff(case, golden, current) + "\nIf the change is intended, regenerate with "
                    "`UPDATE_GOLDEN=1 pytest tests/test_golden.py` and review `git diff tests/golden/`.",
                    pytrace=False)


@pytest.mark.parametrize("case", sorted(CV_CASES))
def test_cv_golden(case, nlp, taxonomy):
    check_golden(case, cv_case(CV_CASES[case], nlp=nlp, taxonomy=taxonomy))


@pytest.mark.parametrize("case", sorted(POSTINGS))
def test_posting_golden(case, nlp):
    check_golden(case, posting_case(POSTINGS[case], nlp=nlp))


def test_no_stale_golden_files():
    expected = {f"{c}.json" for c in [*CV_CASES, *POSTINGS]}
    present = {p.name for p in GOLDEN.glob("*.json")} if GOLDEN.is_dir() else set()
    if UPDATE:
        for name in present - expected:
            (GOLDEN / name).unlink()
        return
    assert not present - expected, f"golden files with no case: {sorted(present - expected)} (UPDATE_GOLDEN=1 prunes)"
    assert not expected - present, f"missing golden files: {sorted(expected - present)} (run with UPDATE_GOLDEN=1)"


def test_golden_cases_cover_every_family_and_trap():
    families = {p.family for p in POSTINGS.values()}
    assert len(POSTINGS) == 21 and len(families) == 7
    assert sum(bool(p.traps) for p in POSTINGS.values()) >= 7
    assert {p.fmt for p in CV_CASES.values()} >= {"txt", "md", "docx", "pdf"}


def test_describe_diff_names_added_removed_and_changed_skills():
    old = {"role": "x", "skills": {"python": {"label": "Python", "sections": ["skills"], "months": 12.0},
                                   "sap": {"label": "SAP", "sections": ["header"]}}}  # fmt: skip
    new = {"role": "x", "skills": {"python": {"label": "Python", "sections": ["skills"], "months": 14.0},
                                   "kafka": {"label": "Kafka", "sections": ["experience"]}}}  # fmt: skip
    text = describe_diff("cv_demo", old, new)
    assert text.splitlines()[0] == "cv_demo: 1 skill(s) added, 1 removed, 1 changed"
    assert "  + kafka (Kafka) in experience" in text
    assert "  - sap (SAP)" in text
    assert "  ~ python: months 12.0 -> 14.0" in text


# ---------------------------------------------------------------------------------------------------------------
# What must hold whatever the goldens say


@pytest.mark.parametrize("case", sorted(CV_CASES))
def test_cv_invariants(case, nlp, taxonomy):
    persona = CV_CASES[case]
    got = cv_case(persona, nlp=nlp, taxonomy=taxonomy)
    skills = got["skills"]
    missing = [sid for sid in persona.core if sid not in skills]
    assert not missing, f"{persona.filename}: core skills not found: {missing}"
    for sid in persona.core:  # every core skill is shown in use, not only listed
        assert skills[sid]["used_in_experience"] or "summary" in skills[sid]["sections"], (sid, skills[sid])
    assert {"summary", "skills", "experience", "education"} <= set(got["sections"])
    assert got["jobs"] == len(persona.experience) + len(persona.projects)
    for sid, s in skills.items():
        if taxonomy.skills[sid].kind == "certification":
            assert s["certified"], f"{sid} is a certification the CV lists, so it must count as certified"


def test_cv_names_are_not_read_as_skills(nlp, taxonomy):
    """The invented person's name (first line) never yields a skill ("Hana" once matched SAP HANA)."""
    from skillgap.cv import read_cv_file
    from skillgap.cv.skills import cv_skills

    for persona in PERSONAS:
        doc = read_cv_file(CV_DIR / persona.filename)
        name_end = doc.text.find("\n")
        hits = [(s.skill_id, e["text"]) for s in cv_skills(doc, nlp=nlp, taxonomy=taxonomy, today=TODAY)
                for e in s.evidence if e["start"] < name_end]
        assert not hits, f"{persona.filename}: the name line matched {hits}"


def test_posting_invariants(nlp, taxonomy):
    asked = found = 0
    traps = []
    for case, p in sorted(POSTINGS.items()):
        skills = posting_case(p, nlp=nlp)["skills"]
        wanted = [k for k in [*p.skills_required, *p.skills_nice] if k in taxonomy.skills]
        asked += len(wanted)
        found += sum(k in skills for k in wanted)
        for phrase in p.traps:
            sid = TRAP_SKILL[phrase]
            if sid in skills and sid not in wanted:
                traps.append((case, phrase, sid))
        for sid, s in skills.items():
            if s["sections"] == ["preferred"]:
                assert s["preferred"] and not s["required"], (case, sid, s)
    assert not traps, f"trap phrases read as skills: {traps}"
    assert found / asked >= MIN_POSTING_RECALL, f"only {found}/{asked} of the generator's skills found"
