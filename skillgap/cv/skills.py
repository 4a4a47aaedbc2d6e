"""The taxonomy skills in a CV: where each appears, for how long it was used, how recently, and certifications.

Extraction itself is ``skillgap.extract.extract_mentions`` (the same matcher as for postings, in "cv" mode); this
module adds what only a CV has. Months of experience come from an explicit figure next to the skill ("Python-
Exprience - 24 months", "5 years of AWS", "Docker (3 yrs)") when there is one, else from the summed length of the
jobs whose text mentions it (overlapping jobs are counted once). ``last_used_year`` is the end year of the latest
such job (the current year for "- Present").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from skillgap.cv.cues import read_mention
from skillgap.cv.model import STATUS_ORDER, CVDocument, CVSkill, JobSpan
from skillgap.extract import Mention, mentions_from_doc

__all__ = ["LESS_THAN_A_YEAR_MONTHS", "cv_mentions", "cv_skills", "explicit_months", "listed_skills", "skill_row_mentions",
           "text_parts"]

LESS_THAN_A_YEAR_MONTHS = 6.0  # "Less than 1 year months" in the exported Skill Details blocks

_NUM = r"(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve)"
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "twelve": 12}  # fmt: skip
_UNIT = r"(months?|mos?|years?|yrs?|y)"
# right after the skill: "Python- Exprience - 24 months", "Docker (3 yrs)", "AWS: 5+ years"
_AFTER = re.compile(
    rf"[ \t]*[-:–(]?[ \t]*(?:exp[e]?rience[ \t]*[-:–]?[ \t]*)?"
    rf"(?:(less[ \t]+than[ \t]+1[ \t]+year)|{_NUM}[ \t]*\+?[ \t]*{_UNIT}(?-i:(?![a-z])))",
    re.IGNORECASE,
)
# right before the skill: "5 years of AWS", "3+ years' experience in Python", "6 years of hands-on Python"
_BEFORE = re.compile(
    rf"\b{_NUM}[ \t]*\+?[ \t]*{_UNIT}['’]?[ \t]+(?:of[ \t]+)?(?:(?:hands-on|professional|commercial|industry|"
    r"production|working)[ \t]+)?(?:experience[ \t]+)?(?:(?:with|in|using|of|on)[ \t]+)?$",
    re.IGNORECASE,
)
_SKILL_ROW = re.compile(
    r"^[ \t]*(?P<name>[^\n]+?)[ \t]*-[ \t]*Exp[e]?rience[ \t]*-[ \t]*(?P<value>[^\n]*?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_CERT_WORD = re.compile(r"\bcertif(?:ied|icate|ication)", re.IGNORECASE)


def _months(num: str, unit: str) -> float:
    n = float(_WORDS.get(num.casefold(), num)) if not num.replace(".", "").isdigit() else float(num)
    return n if unit.casefold().startswith("m") else n * 12


def explicit_months(text: str, start: int, end: int) -> float | None:
    """Months stated right next to the span ``text[start:end]`` on the same line, or None."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    m = _AFTER.match(text, end, line_end)
    if m:
        if m.group(1):
            return LESS_THAN_A_YEAR_MONTHS
        return _months(m.group(2), m.group(3))
    before = text[max(line_start, start - 60) : start]
    m = _BEFORE.search(before)
    if m:
        return _months(m.group(1), m.group(2))
    return None


def listed_skills(doc: CVDocument) -> list[tuple[str, float | None]]:
    """The "NAME- Exprience - 24 months" rows of a CV's skills sections as (name, months) pairs.

    These are the CV author's own list of skills in the exported résumé format; months is None when the row gives
    no figure.
    """
    out: list[tuple[str, float | None]] = []
    for sec in doc.sections:
        if sec.name != "skills":
            continue
        for m in _SKILL_ROW.finditer(doc.text, sec.start, sec.end):
            name = m.group("name").strip(" \t•-:")
            value = m.group("value")
            months: float | None = None
            if re.match(r"less[ \t]+than[ \t]+1[ \t]+year", value, re.IGNORECASE):
                months = LESS_THAN_A_YEAR_MONTHS
            else:
                vm = re.match(rf"{_NUM}[ \t]*\+?[ \t]*{_UNIT}", value, re.IGNORECASE)
                if vm:
                    months = _months(vm.group(1), vm.group(2))
            if name:
                out.append((name, months))
    return out


def _surface_index(taxonomy: Any) -> dict[str, str]:
    index: dict[str, str] = {}
    for sid, skill in (getattr(taxonomy, "skills", {}) or {}).items():
        for form in (*getattr(skill, "surface_forms", ()), getattr(skill, "label", sid)):
            index.setdefault(" ".join(form.casefold().split()), sid)
    return index


def skill_row_mentions(doc: CVDocument, *, taxonomy: Any, found: Iterable[Any] = ()) -> list[dict]:
    """Mentions for the names of "Skill Details" rows ("C- Exprience - 6 months") the extractor left out.

    A row is the author's own statement that the name is a skill, so a name that is exactly a taxonomy name or
    alias counts even when it is ambiguous elsewhere ("C", "R", "SELENIUM"); "AutoCAD, SolidWorks" rows are split.
    """
    covered = sorted((int(_get(m, "start", 0)), int(_get(m, "end", 0))) for m in found)
    covered_starts = [c[0] for c in covered]
    index = None
    out: list[dict] = []
    for sec in doc.sections:
        if sec.name != "skills":
            continue
        for m in _SKILL_ROW.finditer(doc.text, sec.start, sec.end):
            n_start, n_end = m.start("name"), m.end("name")
            i = bisect.bisect_left(covered_starts, n_end)
            if any(s < n_end and n_start < e for s, e in covered[max(0, i - 8) : i]):
                continue
            index = _surface_index(taxonomy) if index is None else index
            for part in re.finditer(r"[^,/()]+", doc.text[n_start:n_end]):
                name = part.group(0).strip(" \t•-:.")
                sid = index.get(" ".join(name.casefold().split()))
                if sid:
                    start = n_start + part.start() + part.group(0).index(name)
                    out.append({"skill_id": sid, "start": start, "end": start + len(name), "text": name})
    return out


def _sentence(text: str, start: int, end: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    # within long run-on lines keep to the sentence
    s = max(line_start, *(text.rfind(p, line_start, start) + 2 for p in (". ", "; ", "• ")))
    cut = [i for i in (text.find(". ", end, line_end), text.find("; ", end, line_end)) if i >= 0]
    e = min(cut) + 1 if cut else line_end
    return text[s:e].strip()[:300]


def _merged_months(jobs: Iterable[JobSpan], *, today: date) -> float | None:
    spans: list[tuple[int, int]] = []
    for job in jobs:
        end = today if job.current else job.date_to
        if job.date_from is None or end is None or end < job.date_from:
            continue
        spans.append((job.date_from.year * 12 + job.date_from.month, end.year * 12 + end.month))
    if not spans:
        return None
    spans.sort()
    total = 0
    cur_s, cur_e = spans[0]
    for s, e in spans[1:]:
        if s <= cur_e + 1:
            cur_e = max(cur_e, e)
        else:
            total += cur_e - cur_s + 1
            cur_s, cur_e = s, e
    total += cur_e - cur_s + 1
    return float(total)


def _get(m: Any, name: str, default: Any = None) -> Any:
    if isinstance(m, dict):
        return m.get(name, default)
    return getattr(m, name, default)


MAX_EVIDENCE = 20  # evidence kept per skill; the status is read from every mention
PART_CHARS = 100_000  # a CV longer than this is read in parts cut at line breaks (spaCy's max_length is 1,000,000)


def text_parts(text: str, *, size: int = PART_CHARS) -> list[tuple[int, str]]:
    """``(offset, part)`` pieces of *text* of at most about *size* characters, cut at line breaks where possible."""
    parts: list[tuple[int, str]] = []
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + size)
        if end < len(text):
            cut = text.rfind("\n", pos + size // 2, end)
            end = cut + 1 if cut > 0 else end
        parts.append((pos, text[pos:end]))
        pos = end
    return parts


def cv_mentions(text: str, *, nlp: Any) -> list[Any]:
    """Every skill mention in a CV's text, negated ones included, read in parts when the text is long."""
    if not text.strip():
        return []
    size = min(PART_CHARS, int(getattr(nlp, "max_length", PART_CHARS)))
    parts = text_parts(text, size=size)
    out: list[Any] = []
    for doc, offset in nlp.pipe(((part, offset) for offset, part in parts), as_tuples=True, batch_size=8):
        for m in mentions_from_doc(doc, mode="cv", keep_negated=True):
            out.append(m if not offset else Mention(**{**m.__dict__, "start": m.start + offset, "end": m.end + offset}))
    return out


def _read(doc: CVDocument, m: Any, *, skill: Any, cache: dict | None = None) -> dict:
    """One evidence entry for mention *m*, with the status it gives its skill and the cue that decided it."""
    text = doc.text
    start, end = int(_get(m, "start", 0)), int(_get(m, "end", 0))
    sec = doc.section_at(start)
    section = sec.name if sec is not None else "header"
    reading = read_mention(text, start, end, section=section, section_title=sec.title if sec else "",
                           is_certification=getattr(skill, "kind", None) == "certification", cache=cache)
    status, cue = reading.status, reading.cue
    if _get(m, "negated") and not cue:
        status, cue = "not_held", "negated"
    return {"text": _get(m, "text") or text[start:end], "sentence": _get(m, "sentence") or _sentence(text, start, end),
            "section": section, "start": start, "end": end, "status": status, "cue": cue}


def _strongest(statuses: Iterable[str]) -> str:
    return min(statuses, key=STATUS_ORDER.index)


def _certified_by(found: dict[str, str], skills: dict) -> set[str]:
    """Skills an earned (used) certification in *found* (id -> status) certifies: the certification itself, its
    parent and the skills that list it."""
    out: set[str] = set()
    earned = {sid for sid, st in found.items() if st == "used" and getattr(skills.get(sid), "kind", None) == "certification"}
    for sid in earned:
        out.add(sid)
        if getattr(skills[sid], "parent", None):
            out.add(skills[sid].parent)
    for sid, skill in skills.items():
        if earned.intersection(getattr(skill, "certifications", ()) or ()):
            out.add(sid)
    return out


def cv_skills(
    doc: CVDocument,
    *,
    nlp: Any,
    taxonomy: Any,
    extractor: Callable[[str], Iterable[Any]] | None = None,
    today: date | None = None,
) -> list[CVSkill]:
    """The taxonomy skills mentioned in *doc*, in order of first mention, each with its status.

    Args:
        nlp: the skills pipeline (``skills_taxonomy.pipeline.load_pipeline()``); unused when *extractor* is given.
        taxonomy: the ``Taxonomy`` the pipeline was built from (labels, certifications).
        extractor: ``text -> mentions`` (each with skill_id, label, start, end, text; optionally sentence, years,
            negated); defaults to ``cv_mentions(text, nlp=nlp)`` (the pipeline in "cv" mode, in parts).
        today: the date "Present" means (defaults to today).
    """
    today = today or date.today()
    if extractor is None:
        def extractor(text: str) -> Iterable[Any]:
            return cv_mentions(text, nlp=nlp)

    text = doc.text
    by_skill: dict[str, list[Any]] = {}
    found = list(extractor(text))
    for m in [*found, *skill_row_mentions(doc, taxonomy=taxonomy, found=found)]:
        sid = _get(m, "skill_id")
        if sid:
            by_skill.setdefault(sid, []).append(m)
    skills = getattr(taxonomy, "skills", {}) or {}
    read: dict[str, list[dict]] = {}
    cache: dict = {}
    for sid, mentions in by_skill.items():
        mentions.sort(key=lambda m: (_get(m, "start", 0), _get(m, "end", 0)))
        read[sid] = [_read(doc, m, skill=skills.get(sid), cache=cache) for m in mentions]
    status = {sid: _strongest(e["status"] for e in evs) for sid, evs in read.items()}
    certified_ids = _certified_by(status, skills)
    job_starts = [j.start_char for j in doc.jobs]  # jobs are in text order and do not overlap

    out: list[CVSkill] = []
    for sid, mentions in by_skill.items():
        evidence = read[sid]
        explicit, jobs_using, cert_line = _level(doc, mentions, evidence, job_starts=job_starts)
        certified = sid in certified_ids or cert_line
        sections = {e["section"] for e in evidence}
        ended = [
            (today.year if j.current else j.date_to.year) for j in jobs_using.values() if j.current or j.date_to
        ]
        skill = skills.get(sid)
        label = getattr(skill, "label", None) or _get(mentions[0], "label") or sid
        st = "used" if certified and status[sid] in ("used", "listed") else status[sid]
        out.append(
            CVSkill(
                skill_id=sid,
                label=label,
                evidence=_pick_evidence(evidence),
                in_skills_list="skills" in sections,
                used_in_experience=bool(sections & {"experience", "projects"}),
                months=max(explicit) if explicit else _merged_months(jobs_using.values(), today=today),
                last_used_year=max(ended) if ended else None,
                certified=certified and st == "used",
                status=st,
            )
        )
    out.sort(key=lambda s: (s.evidence[0]["start"] if s.evidence else 0, s.skill_id))
    return out


def _level(doc: CVDocument, mentions: list[Any], evidence: list[dict], *,
           job_starts: list[int]) -> tuple[list[float], dict[int, JobSpan], bool]:
    """From a skill's held mentions only: the explicit months stated next to it, the jobs whose text holds it, and
    whether a certifications line says it is certified."""
    explicit: list[float] = []
    jobs_using: dict[int, JobSpan] = {}
    cert_line = False
    for m, ev in zip(mentions, evidence):
        if ev["status"] not in ("used", "listed"):
            continue  # years and recency come from held mentions only
        start, end = ev["start"], ev["end"]
        years = _get(m, "years")
        months = explicit_months(doc.text, start, end)
        if months is None and isinstance(years, (int, float)) and years > 0:
            months = float(years) * 12
        if months is not None:
            explicit.append(months)
        i = bisect.bisect_right(job_starts, start) - 1
        if i >= 0 and doc.jobs[i].start_char <= start < doc.jobs[i].end_char:
            jobs_using[i] = doc.jobs[i]
        if ev["section"] == "certifications" and _CERT_WORD.search(ev["sentence"]):
            cert_line = True
    return explicit, jobs_using, cert_line


def _pick_evidence(evidence: list[dict]) -> list[dict]:
    """At most MAX_EVIDENCE entries, the strongest readings first kept, then in text order."""
    if len(evidence) <= MAX_EVIDENCE:
        return evidence
    ranked = sorted(range(len(evidence)), key=lambda i: (STATUS_ORDER.index(evidence[i]["status"]), i))
    return [evidence[i] for i in sorted(ranked[:MAX_EVIDENCE])]


def cv_reading(doc: CVDocument, *, nlp: Any, taxonomy: Any, today: date | None = None) -> tuple[list[CVSkill], list[dict]]:
    """The CV's skills (``cv_skills``) and every mention behind them as JSON rows, from one extraction.

    Each row has the keys of ``skillgap extract --json`` plus ``status`` and ``years`` (its skill's, the same as
    ``skillgap gap`` reports), ``mention_status`` and ``cue`` (what this mention alone says).
    """
    found = cv_mentions(doc.text, nlp=nlp)
    skills = cv_skills(doc, nlp=nlp, taxonomy=taxonomy, extractor=lambda _text: found, today=today)
    by_id = {s.skill_id: s for s in skills}
    tax_skills = getattr(taxonomy, "skills", {}) or {}
    rows: list[dict] = []
    cache: dict = {}
    for m in [*found, *skill_row_mentions(doc, taxonomy=taxonomy, found=found)]:
        sid = _get(m, "skill_id")
        ev = _read(doc, m, skill=tax_skills.get(sid), cache=cache)
        skill = by_id[sid]
        rows.append({
            "skill_id": sid, "label": skill.label, "start": ev["start"], "end": ev["end"], "text": ev["text"],
            "section": ev["section"], "required": None, "sentence": ev["sentence"], "years": skill.years,
            "status": skill.status, "mention_status": ev["status"], "cue": ev["cue"],
        })
    rows.sort(key=lambda r: (r["start"], r["end"]))
    return skills, rows
