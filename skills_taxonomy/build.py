"""Read career guides, find which taxonomy skills each one names and where, and list unknown terms.

``skillgap taxonomy build --guides DIR`` calls ``build_provenance``: every guide (``.txt``, ``.md``,
``.html``) is turned into lines, headings and phase headings are recognised (``Phase 1: The Foundation
(Months 1–3)``, ``## Stage 2 — Y (months 4-6)``, ``<h2>``, a step number glued to its title followed by a
duration line, ``- Months 0–2: ...`` list items, and — when a guide has no explicit phases — its top-level
markdown headings, e.g. numbered competency areas), and every skill mention found by the simple
``TermFinder`` is attributed to its guide, phase and section. The result is written to
``provenance.json`` (and the parsed phases to ``guide_phases.json``) with sorted keys, so reruns over
the same inputs give byte-identical files.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from skillgap.normalize.text import html_outline
from skills_taxonomy.aliases import TermFinder, normalize_alias
from skills_taxonomy.model import Taxonomy

GUIDE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")

# Headings that close the phase list rather than belong to the last phase.
_END_WORDS = re.compile(
    r"\b(certifications?|frequently asked|faq|questions|conclusions?|closing|bottom line|resources|sources|"
    r"references|summary|next steps|further reading|job search|getting hired|introduction)\b",
    re.IGNORECASE,
)
_PHASE_WORD = r"(?:Phase|Stage|Step|Part|Level|Milestone)"
_PHASE_AT_START = re.compile(rf"^{_PHASE_WORD}\s+(\d{{1,2}})\b\s*[:.\-\u2013\u2014]?\s*(.*)$", re.IGNORECASE)
_INLINE_PHASE = re.compile(rf"(?<=[\s.!?)])(?={_PHASE_WORD}\s+\d{{1,2}}\s*[:\u2013\u2014-])")
_MONTHS = re.compile(
    r"\(?\s*months?\s+(\d{1,2})\s*(?:(?:[-\u2010-\u2015]|to)\s*(\d{1,2})|(\+))?\s*\)?", re.IGNORECASE
)
_DURATION = re.compile(
    r"^\s*(\d{1,2})\s*(?:[-\u2010-\u2015]|to)\s*(\d{1,2})\s+(months?|years?|weeks?)\s*$|^\s*(ongoing)\s*$",
    re.IGNORECASE,
)
_GLUED_STEP = re.compile(r"^(\d{1,2})([A-Z][A-Za-z].{2,90})$")
_MONTH_ITEM = re.compile(
    r"^\s*[-*\u2022]\s*(months?\s+(\d{1,2})\s*(?:[-\u2010-\u2015]|to)\s*(\d{1,2})|ongoing)\s*:", re.IGNORECASE
)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*\*{2,}(.+?)\**\s*$")
_NUMBERED = re.compile(r"^\d{1,2}\.\s+\S")


@dataclass(frozen=True)
class ParsedPhase:
    """A phase heading found in a guide. ``duration``: the months are a duration ("3-6 months"), not a range."""

    order: int
    name: str
    month_start: int | None = None
    month_end: int | None = None
    duration: bool = False


@dataclass
class _Heading:
    text: str
    level: float  # 1 = most important; a competency-heading phase sits half a level below its heading
    phase: ParsedPhase | None = None


@dataclass
class GuideDoc:
    """A guide split into lines, with the phase and section each line belongs to."""

    guide_id: str
    path: Path
    phases: list[ParsedPhase] = field(default_factory=list)
    blocks: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # (text, phase, section)


@dataclass
class Candidate:
    term: str
    count: int
    guides: list[str]


@dataclass
class BuildResult:
    provenance: dict[str, list[dict]]
    phases: dict[str, list[ParsedPhase]]
    candidates: list[Candidate]
    guides: list[str]
    mentions: int

    def phases_json(self) -> dict[str, list[dict]]:
        return {g: [asdict(p) for p in ps] for g, ps in sorted(self.phases.items())}


# ------------------------------------------------------------------------------------------------
# Reading guide files
# ------------------------------------------------------------------------------------------------


def guide_text(path: Path) -> str:
    """The text of one guide; HTML headings become markdown ``#`` lines, entities are decoded."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix.lower() in (".html", ".htm"):
        raw = html_outline(raw)
    else:
        raw = html.unescape(raw)
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return "\n".join(line.strip() for line in raw.split("\n"))


def _months(text: str) -> tuple[int | None, int | None, str]:
    """Month range in a heading and the heading without it."""
    m = _MONTHS.search(text)
    if not m:
        return None, None, text
    start = int(m.group(1))
    end = int(m.group(2)) if m.group(2) else (None if m.group(3) else start)
    cleaned = (text[: m.start()] + text[m.end():]).strip(" :-\u2013\u2014*")
    return start, end, cleaned


def _strip_markup(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("*", "").replace("__", "")).strip(" #:")


def _short_title(rest: str, words: int = 3) -> str:
    """Title of an inline heading without a month range: its first few words (the guide gives no end)."""
    sentence = re.split(r"(?<=[.!?])\s|\s:\s", rest, maxsplit=1)[0]
    return " ".join(sentence.split()[:words]).rstrip(".:;,")


def _split_inline_phases(line: str) -> list[str]:
    """Break a long line before each inline ``Phase N:`` marker; the heading becomes its own line."""
    cuts = [m.start() for m in _INLINE_PHASE.finditer(line)]
    if not cuts:
        return [line]
    pieces = [line[: cuts[0]]] + [line[a:b] for a, b in zip(cuts, cuts[1:] + [len(line)])]
    out: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        m = _PHASE_AT_START.match(piece)
        if not m:
            out.append(piece)
            continue
        mm = _MONTHS.search(piece, 0, 160)
        if mm:
            out += [piece[: mm.end()].strip(), piece[mm.end():].strip()]
        else:
            head = f"{piece[: m.start(2)]}{_short_title(m.group(2))}"
            out += [head.strip(), piece[len(head):].strip()]
    return [p for p in out if p]


def _is_title_line(line: str) -> bool:
    if not 2 < len(line) <= 80 or line[-1] in ".,;:!?" or not line[0].isupper():
        return False
    words = line.split()
    if not 2 <= len(words) <= 10 or not re.search(r"[A-Za-z]{2}", line):
        return False
    long_words = [w for w in words if len(w) >= 4 and w[0].isalpha()]
    if not long_words:
        return len(words) <= 3 and not re.search(r"\d", line)
    return sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.5


def _classify(lines: list[str], i: int, *, markdown: bool) -> tuple[_Heading | None, int]:
    """Return the heading on line ``i`` (or None) and how many following lines it consumed."""
    line = lines[i]
    if not line:
        return None, 0
    level = None
    text = line
    md = _MD_HEADING.match(line) if markdown or line.startswith("#") else None
    if md:
        level, text = len(md.group(1)), md.group(2)
    elif line.startswith("**"):
        bold = _bold_text(line)
        if bold is not None:
            text = bold
            level = 1 if _NUMBERED.match(text) else 2
    text = _strip_markup(text) if level is not None else line

    plain = _strip_markup(line)
    pm = _PHASE_AT_START.match(plain)
    if pm and len(plain) <= 160:
        start, end, name = _months(plain)
        phase = ParsedPhase(order=int(pm.group(1)), name=name, month_start=start, month_end=end)
        return _Heading(name, level if level is not None else 2, phase), 0
    gm = _GLUED_STEP.match(plain)
    if gm and level is None:
        j = i + 1
        while j < len(lines) and not lines[j]:
            j += 1
        dm = _DURATION.match(lines[j]) if j < len(lines) else None
        if dm:
            if dm.group(4):
                start = end = None
            else:
                factor = 12 if dm.group(3).lower().startswith("year") else 1
                start, end = int(dm.group(1)) * factor, int(dm.group(2)) * factor
                if dm.group(3).lower().startswith("week"):
                    start, end = None, None
            name = gm.group(2).strip()
            phase = ParsedPhase(order=int(gm.group(1)), name=name, month_start=start, month_end=end,
                                duration=start is not None)
            return _Heading(name, 2, phase), j - i
    mi = _MONTH_ITEM.match(line)
    if mi:
        label = mi.group(1)
        if mi.group(2):
            label = f"Months {int(mi.group(2))}\u2013{int(mi.group(3))}"
            phase = ParsedPhase(order=0, name=label, month_start=int(mi.group(2)), month_end=int(mi.group(3)))
        else:
            phase = ParsedPhase(order=0, name=label.capitalize())
        return _Heading(phase.name, 4, phase), 0
    if level is not None:
        if level > 1 and _END_WORDS.search(text):
            level = 1
        return _Heading(text, level), 0
    if not markdown and _is_title_line(line) and not line.startswith(("-", "*", "\u2022")):
        return _Heading(line, 1 if _END_WORDS.search(line) else 3), 0
    return None, 0


def _bold_text(line: str) -> str | None:
    m = _BOLD_LINE.match(line)
    if not m or len(line) > 160:
        return None
    return m.group(1)


def parse_guide(path: Path, *, guide_id: str) -> GuideDoc:
    """Split one guide into (text, phase name, section) blocks and collect its phases."""
    markdown = path.suffix.lower() in (".md", ".markdown", ".html", ".htm")
    lines: list[str] = []
    for line in guide_text(path).split("\n"):
        lines += _split_inline_phases(line) if len(line) > 200 else [line]

    headings: dict[int, _Heading] = {}
    skip_until = -1
    for i in range(len(lines)):
        if i <= skip_until:
            continue
        h, consumed = _classify(lines, i, markdown=markdown)
        if h is not None:
            headings[i] = h
            skip_until = i + consumed
            if consumed:  # the duration line under a numbered step belongs to the heading
                lines[i + consumed] = ""

    # "Ongoing" list items count as a phase only right after "Months a–b" items.
    prev_month_item = False
    for i in sorted(headings):
        h = headings[i]
        if h.phase is not None and h.level == 4:
            if h.phase.month_start is None and not prev_month_item:
                headings[i] = _Heading(h.text, 4)
            prev_month_item = True
        elif lines[i].strip():
            prev_month_item = prev_month_item and h.level == 4

    explicit = [i for i in sorted(headings) if headings[i].phase is not None]
    if not explicit:  # competency areas: the top-level markdown headings, else numbered headings ("**1. X**")
        md_levels = [h.level for i, h in headings.items() if _MD_HEADING.match(lines[i])]
        top = min(md_levels) if md_levels else None
        tops = [i for i in sorted(headings) if top is not None and headings[i].level == top
                and _MD_HEADING.match(lines[i]) and not _END_WORDS.search(headings[i].text)]
        if len(tops) < 2:
            tops = [i for i in sorted(headings) if _NUMBERED.match(headings[i].text)
                    and not _END_WORDS.search(headings[i].text)]
            top = min((headings[i].level for i in tops), default=None)
            tops = [i for i in tops if headings[i].level == top]
        if len(tops) >= 2:
            for i in tops:
                headings[i] = _Heading(headings[i].text, top + 0.5, ParsedPhase(order=0, name=headings[i].text))
            explicit = tops

    # Number phases in reading order when the guide did not (list items, competency headings).
    phases: list[ParsedPhase] = []
    for n, i in enumerate(explicit, start=1):
        ph = headings[i].phase
        if ph.order == 0:
            ph = ParsedPhase(n, ph.name, ph.month_start, ph.month_end, ph.duration)
            headings[i] = _Heading(headings[i].text, headings[i].level, ph)
        phases.append(ph)

    doc = GuideDoc(guide_id=guide_id, path=path, phases=phases)
    phase: ParsedPhase | None = None
    phase_level: float = 0
    section: str | None = None
    buf: list[str] = []

    def flush() -> None:
        if buf:
            doc.blocks.append(("\n".join(buf), phase.name if phase else None, section))
            buf.clear()

    for i, line in enumerate(lines):
        h = headings.get(i)
        if h is not None:
            flush()
            if h.phase is not None:
                phase, phase_level = h.phase, h.level
            elif phase is not None and h.level < phase_level:
                phase = None
            section = h.text
        if line:
            buf.append(line)
    flush()
    return doc


# ------------------------------------------------------------------------------------------------
# Candidate terms
# ------------------------------------------------------------------------------------------------

_STOP = frozenset(
    """a an the and or of to in on for with by at from as is are be this that these those it its we you your our
    they their i he she not no but if then than so do does how what when where which who why will can may
    must should would could just also more most very all any each every some such only into over under about
    after before between through during without within across per via vs etc e.g i.e here there
    phase stage step month months year years week weeks day days hour hours project projects priority option
    goal key core new one two three four five first second third role roles job jobs guide note tip
    ai ml it architect architects engineer engineers developer senior lead junior principal staff associate
    professional specialty expert actions depth career certification certifications considerations covered
    critical diagrams community data security compute cost training platform deployment evaluation metrics
    team teams company companies experience skills knowledge path learning roadmap""".split()
)
_ACRONYM = re.compile(r"(?<![\w-])([A-Z][A-Z0-9]{1,7}(?:-[A-Z0-9]{2,4})?s?)(?![\w-])")
_CAMEL = re.compile(r"(?<![\w-])([A-Za-z]*[a-z][A-Z][A-Za-z0-9]*|[A-Z][a-z]+[A-Z][A-Za-z0-9]*)(?![\w-])")
_CAP_SEQ = re.compile(r"(?<=[a-z,;(/] )((?:[A-Z][\w.+#]*[a-z0-9+#][\w.+#]*)(?:[ \t]+[A-Z][\w.+#]*){0,3})")
_LIST_ITEM = re.compile(r"[^,;/()\n:]+")


def _clean_term(term: str) -> str:
    term = term.strip(" .,:;()[]'\"*-\u2013\u2014\u2019")
    return term[:-2] if term.endswith(("'s", "\u2019s")) else term


def candidate_terms(text: str, hits: list, known: set[str]) -> Counter:
    """Terms in ``text`` that look like skills but are not in the taxonomy.

    Capitalised product names (CamelCase, capitalised words mid-sentence), acronyms, and short noun
    phrases that sit in the same comma/slash list as a known skill. ``hits`` are the known mentions
    (their spans are excluded); ``known`` holds normalised surface forms of every skill.
    """
    covered = [(h.start, h.end) for h in hits]

    def inside(a: int, b: int) -> bool:
        return any(s < b and a < e for s, e in covered)

    found: Counter = Counter()

    def add(term: str, a: int, b: int) -> None:
        term = _clean_term(term)
        key = normalize_alias(term)
        if not key or key in known or inside(a, b) or len(term) < 2:
            return
        words = key.split()
        if all(w in _STOP or w.isdigit() for w in words) or len(words) > 4:
            return
        if words[0] in _STOP or words[-1] in _STOP:
            return
        if len(words) == 1 and term.islower():
            return  # a lone lowercase word ("latency") is vocabulary, not a product or practice name
        found[term] += 1

    for rx in (_ACRONYM, _CAMEL, _CAP_SEQ):
        for m in rx.finditer(text):
            add(m.group(1), m.start(1), m.end(1))
    # Noun phrases listed next to a known skill ("Kafka, Pulsar and NATS").
    for line_m in re.finditer(r"[^\n.!?]+", text):
        line, base = line_m.group(0), line_m.start()
        items = [(m.start() + base, m.end() + base, m.group(0)) for m in _LIST_ITEM.finditer(line)]
        if len(items) < 3:
            continue
        has_known = [inside(a, b) for a, b, _ in items]
        for (a, b, item), _k in zip(items, has_known):
            words = re.sub(r"^\s*(?:and|or|e\.g\.|eg|such as|like)\s+", "", item.strip(), flags=re.I)
            if not words or len(words.split()) > 3 or inside(a, b) or sum(has_known) < 2:
                continue
            off = item.find(words)
            add(words, a + max(off, 0), b)
    return found


# ------------------------------------------------------------------------------------------------
# Build
# ------------------------------------------------------------------------------------------------


def guide_files(guides_dir: Path) -> list[Path]:
    return sorted(p for p in Path(guides_dir).iterdir() if p.is_file() and p.suffix.lower() in GUIDE_SUFFIXES)


def build_provenance(guides_dir: Path | str, *, taxonomy: Taxonomy) -> BuildResult:
    """Find every skill mention in every guide of ``guides_dir`` with its guide, phase and section."""
    finder = TermFinder.from_taxonomy(taxonomy)
    by_file = {g.file: g.id for g in taxonomy.guides.values()}
    known = {normalize_alias(f) for s in taxonomy.skills.values() for f in (*s.surface_forms, *s.ambiguous_aliases)}
    counts: Counter = Counter()  # (skill, guide, phase, section) -> n
    phase_order: dict[tuple[str, str], int] = {}
    phases: dict[str, list[ParsedPhase]] = {}
    cand: Counter = Counter()
    cand_guides: dict[str, set[str]] = defaultdict(set)
    guide_ids: list[str] = []
    mentions = 0
    for path in guide_files(Path(guides_dir)):
        gid = by_file.get(path.name, path.stem)
        guide_ids.append(gid)
        doc = parse_guide(path, guide_id=gid)
        phases[gid] = doc.phases
        for ph in doc.phases:
            phase_order.setdefault((gid, ph.name), ph.order)
        for text, phase, section in doc.blocks:
            hits = finder.find(text)
            mentions += len(hits)
            for h in hits:
                counts[(h.skill_id, gid, phase, section)] += 1
            for term, n in candidate_terms(text, hits, known).items():
                cand[term] += n
                cand_guides[term].add(gid)

    provenance: dict[str, list[dict]] = defaultdict(list)
    for (sid, gid, phase, section), n in counts.items():
        provenance[sid].append({"guide": gid, "phase": phase, "section": section, "count": n})
    for sid, refs in provenance.items():
        refs.sort(key=lambda r: (r["guide"], phase_order.get((r["guide"], r["phase"]), 10_000) if r["phase"] else -1,
                                 r["section"] or "", r["phase"] or ""))
    # Merge spellings that normalise alike ("Security"/"security"); keep the most frequent one.
    merged: dict[str, list] = {}
    for term, n in sorted(cand.items(), key=lambda kv: (-kv[1], kv[0])):
        key = normalize_alias(term)
        if key in merged:
            merged[key][1] += n
            merged[key][2] |= cand_guides[term]
        else:
            merged[key] = [term, n, set(cand_guides[term])]
    candidates = [Candidate(t, n, sorted(g)) for t, n, g in merged.values()]
    candidates.sort(key=lambda c: (-c.count, c.term.casefold(), c.term))
    return BuildResult(
        provenance=dict(sorted(provenance.items())),
        phases=phases,
        candidates=candidates,
        guides=guide_ids,
        mentions=mentions,
    )


def write_json(path: Path, obj: object) -> None:
    """Write ``obj`` as stable, diff-friendly JSON (sorted keys, 2-space indent, final newline)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def write_build(result: BuildResult, data_dir: Path) -> list[Path]:
    """Write ``provenance.json`` and ``guide_phases.json`` into ``data_dir``; return the paths."""
    prov, phases = Path(data_dir) / "provenance.json", Path(data_dir) / "guide_phases.json"
    write_json(prov, result.provenance)
    write_json(phases, result.phases_json())
    return [prov, phases]
