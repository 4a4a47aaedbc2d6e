"""``skill_sections``: section, requirement level and sentence of each skill span, from the raw text.

Headings are found with regexes over the raw text (only for docs that have skill spans), and each span
takes the last heading before it. Two readings are kept: the posting one (requirements, preferred,
responsibilities, about, benefits, other) and the CV one (skills, experience, projects, education,
certifications, summary, other). Paragraphs with equal-opportunity wording count as "about" wherever
they are. Sentences are cut around each span by punctuation and line breaks, never for the whole doc.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from skills_taxonomy.tokenizer import doc_text
from skills_taxonomy.components.common import (
    AnchorHits,
    BatchedPipe,
    Cue,
    anchor_group,
    any_between,
    doc_anchors,
    doc_lower,
    ensure_extensions,
    lower_view,
    read_json,
    write_json,
)

ensure_extensions()

POSTING_HEADINGS: dict[str, tuple[str, ...]] = {
    "requirements": (
        "requirements", "job requirements", "the requirements", "requirements and qualifications",
        "qualifications", "required qualifications", "minimum qualifications", "basic qualifications",
        "required skills", "required experience", "skills", "skills and experience", "skills & experience",
        "key skills", "technical skills", "your skills", "must have", "must haves", "must-haves", "must-have",
        "what you'll need", "what you need", "what you will need", "what we're looking for",
        "what we are looking for", "who you are", "about you", "you have", "you are", "you should have",
        "your profile", "profile", "what you bring", "what you'll bring", "experience", "ideal candidate",
        "the ideal candidate", "candidate requirements", "we're looking for", "we are looking for",
        "what we need", "your background", "requirements/qualifications", "tech stack", "our stack", "stack",
    ),
    "preferred": (
        "nice to have", "nice to haves", "nice-to-have", "nice-to-haves", "preferred", "preferred qualifications",
        "preferred skills", "preferred experience", "bonus", "bonus points", "bonus skills", "plus", "pluses",
        "desired skills", "desired qualifications", "desirable", "good to have", "extra credit",
        "it's a plus if", "ideally", "nice to haves (not required)", "additional qualifications",
    ),
    "responsibilities": (
        "responsibilities", "key responsibilities", "your responsibilities", "job responsibilities",
        "what you'll do", "what you will do", "what you'll be doing", "what you will be doing", "the role",
        "your role", "role", "about the role", "the job", "duties", "job duties", "day to day",
        "day-to-day", "in this role", "the opportunity", "position summary", "job description",
        "role description", "your mission", "your impact", "what you'll work on",
    ),
    "about": (
        "about us", "about the company", "who we are", "our company", "company overview", "company",
        "about", "our mission", "our story", "the company", "company description", "why us", "our team",
        "the team", "about the team", "our culture", "culture", "our values", "equal opportunity",
        "equal employment opportunity", "eeo", "eeo statement", "diversity", "diversity and inclusion",
        "diversity, equity and inclusion", "our commitment",
    ),
    "benefits": (
        "benefits", "perks", "perks and benefits", "benefits and perks", "what we offer", "we offer",
        "compensation", "compensation and benefits", "salary", "why join us", "why work with us",
        "what's in it for you", "our offer", "what you get", "why you'll love working here",
    ),
}

CV_HEADINGS: dict[str, tuple[str, ...]] = {
    "skills": (
        "skills", "technical skills", "core skills", "key skills", "technologies", "tech stack", "tools",
        "competencies", "core competencies", "skills and tools", "languages and tools", "tools and technologies",
        "programming languages", "skills & tools", "expertise", "areas of expertise",
    ),
    "experience": (
        "experience", "work experience", "professional experience", "employment", "employment history",
        "work history", "career history", "relevant experience", "career",
    ),
    "projects": ("projects", "personal projects", "selected projects", "side projects", "open source", "portfolio"),
    "education": ("education", "academic background", "education and training", "academic qualifications"),
    "certifications": (
        "certifications", "certificates", "certification", "licenses", "licenses & certifications",
        "licenses and certifications", "courses", "training", "courses and certifications",
    ),
    "summary": ("summary", "profile", "about me", "objective", "professional summary", "personal statement"),
}

_POSTING = {h: sec for sec, hs in POSTING_HEADINGS.items() for h in hs}
_CV = {h: sec for sec, hs in CV_HEADINGS.items() for h in hs}
# A line that is only a heading ("Requirements:", "## Nice to have", "**Benefits**", "WHAT WE OFFER")
# or starts with one followed by a colon ("Requirements: Python, SQL").
_HEADING_LINE = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*|[*_]{1,2}|[-•▪◦*][ \t]+)?(?P<h>[A-Za-z][\w '’/&,()\-]{1,60}?)[ \t]*(?:[*_]{1,2})?[ \t]*"
    r"(?:(?P<colon>[:：])[ \t]*(?:[*_]{1,2})?[ \t]*(?P<rest>[^\n]*))?$",
    re.MULTILINE,
)
# Cheap pre-filter: only lines that start with a known heading word get the full heading check.
_HEADING_WORDS = sorted(
    {h.split(" ")[0].split("-")[0].split("/")[0] for h in (*_POSTING, *_CV)} | {"about"}, key=len, reverse=True
)
_HEADING_START = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*|[*_]{1,2}|[-•▪◦*][ \t]+)?(?:" + "|".join(re.escape(w) for w in _HEADING_WORDS) + r")\b",
    re.MULTILINE | re.IGNORECASE,
)


def _trie_pattern(words: Iterable[str]) -> str:
    """An alternation of ``words`` written as a trie ("a(?:bout|reas)|..."): it matches the same strings,
    but the regex engine tries each letter once instead of every word in turn."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return "(?:" + emit(trie) + ")"


# the same at the text's start and after a line break (a leading literal lets the regex engine skip straight to each
# "\n"), with the words as a trie
_HEADING_START_0 = re.compile(
    r"[ \t]*(?:#{1,6}[ \t]*|[*_]{1,2}|[-•▪◦*][ \t]+)?" + _trie_pattern(_HEADING_WORDS) + r"\b", re.IGNORECASE
)
_HEADING_START_NL = re.compile(r"\n" + _HEADING_START_0.pattern, re.IGNORECASE)
_ABOUT_X = re.compile(r"^about [\w&.\- ]{2,40}$")
_EEO = re.compile(
    r"equal (?:employment )?opportunit|without regard to (?:race|age|sex|gender|religion)|affirmative action"
    r"|reasonable accommodation|regardless of (?:race|age|gender|sex|religion|background)|\bEEO\b|protected veteran",
    re.IGNORECASE,
)
_EEO_HINTS = ("equal", "regard", "affirmative", "accommodation", "eeo", "veteran")
_PREFERRED_CUE = re.compile(
    r"\b(?:nice[ -]to[ -]haves?|plus|bonus|advantage|preferred|preferably|ideally|desirable|desired|would be great"
    r"|is helpful|optional|not required|not a requirement)\b",
    re.IGNORECASE,
)
_REQUIRED_CUE = re.compile(
    r"\b(?:required|requirements?|must|mandatory|essential|at least|minimum|need to have|you have|you'll have"
    r"|strong (?:experience|knowledge|background|proficiency)|proficien|\d+\+? years)",
    re.IGNORECASE,
)
# Soft skills count as asked for only with a cue ("strong communication skills", "ability to ..."),
# not in culture talk ("we value ownership and autonomy", "flexibility to work from home").
_SOFT_CUE = re.compile(
    r"\b(?:skills?|abilit(?:y|ies)|able to|strong|excellent|good|great|effective|exceptional|outstanding|solid"
    r"|proven|demonstrated|you are|you're|you have|must|required|requirements?|experience|proficien\w*|fluent"
    r"|fluency|written|spoken|verbal)\b",
    re.IGNORECASE,
)
# Industry/knowledge domains (category ``domains``) count only with an ask in their sentence ("experience in
# financial services", "a degree in physics"), not in company self-descriptions ("a leader in banking").
_DOMAIN_CUE = re.compile(
    r"\b(?:skills?|abilit(?:y|ies)|strong|solid|proven|demonstrated|you are|you're|you have|you bring|must"
    r"|required|requirements?|experience[ds]?|proficien\w*|knowledge|background|understanding|familiar\w*"
    r"|degree|bachelor'?s?|master'?s?|phd|bsc|msc|bs|ms|ba|plus|preferred|ideally|exposure|expertise)\b",
    re.IGNORECASE,
)
_SELF_TALK = re.compile(r"\b(?:we|we're|our|us|is|are|was|were)\b", re.IGNORECASE)
# The same cues with the lowercase words one of which each of their matches contains (tested against the regexes
# in tests/extract/test_equivalence.py): a sentence without any of them is not searched.
PREFERRED_CUE = Cue(_PREFERRED_CUE, (
    "nice", "plus", "bonus", "advantage", "prefer", "ideally", "desir", "would be great", "helpful", "optional",
    "not required", "not a requirement",
))
REQUIRED_CUE = Cue(_REQUIRED_CUE, (
    "requir", "must", "mandatory", "essential", "at least", "minimum", "need to have", "you have", "you'll have",
    "strong ", "proficien", " years",
))
SOFT_CUE = Cue(_SOFT_CUE, (
    "skill", "abilit", "able to", "strong", "excellent", "good", "great", "effective", "exceptional", "outstanding",
    "solid", "proven", "demonstrated", "you are", "you're", "you have", "must", "requir", "experience", "proficien",
    "fluen", "written", "spoken", "verbal",
))
DOMAIN_CUE = Cue(_DOMAIN_CUE, (
    "skill", "abilit", "strong", "solid", "proven", "demonstrated", "you are", "you're", "you have", "you bring",
    "must", "requir", "experience", "proficien", "knowledge", "background", "understanding", "familiar", "degree",
    "bachelor", "master", "phd", "bsc", "msc", "bs", "ms", "ba", "plus", "preferred", "ideally", "exposure",
    "expertise",
))

# the same anchors, found for the whole text in the components' one shared scan (``doc_anchors``)
PREFERRED_WORDS = anchor_group("preferred_cue", PREFERRED_CUE.anchors)
REQUIRED_WORDS = anchor_group("required_cue", REQUIRED_CUE.anchors)
SOFT_WORDS = anchor_group("soft_cue", SOFT_CUE.anchors)
DOMAIN_WORDS = anchor_group("domain_cue", DOMAIN_CUE.anchors)
EEO_WORDS = anchor_group("eeo_hints", _EEO_HINTS)


def _is_tag_line(sentence: str) -> bool:
    """A short keyword line ("Industry: Financial Services", "Fintech, B2B SaaS") rather than company prose."""
    return len(sentence.split()) <= 6 and not _SELF_TALK.search(sentence)


_SENT_END = re.compile(r"[.!?。！？](?=\s|$)|\n|•|;(?=\s)")
# the same single characters, written to start with one character class so the engine scans for it in C
_SENT_CUT = re.compile(r"[.!?。！？\n•;](?:(?<=[.!?。！？])(?=\s|$)|(?<=[\n•])|(?<=;)(?=\s))")
_NOT_AN_END = ("e.g", "i.e", "etc", " vs", "(vs")  # the three characters before a full stop that ends nothing
_NOT_AN_END_HINTS = ("e.g", "i.e", "etc", "vs")
NOT_AN_END_WORDS = anchor_group("not_an_end", _NOT_AN_END_HINTS)  # found in the lowercase text: a superset


ROLE_NOUNS = frozenset(
    "developer developers engineer engineers programmer programmers architect architects consultant consultants "
    "lead leads specialist specialists administrator administrators admin analyst analysts designer designers "
    "tester testers devs dev expert experts ninja ninjas intern interns manager managers".split()
)
_ROLE_FILLERS = frozenset({"software", "stack", "(", ")", "native", "-", "/", "end", "web", "application", "senior"})


def is_role_title(doc: Doc, start: int, end: int, lower: list[str] | None = None) -> bool:
    """The skill is part of a job title: "Java Developer", "Full Stack Software Engineer", "QA engineers",
    "Software Engineer - Java", "Full-Stack Engineer (Java, React)".

    ``lower``: the doc's lowercased token texts, when the caller has them (saves a Token object per look).
    """
    if lower is None:
        lower = [t.lower_ for t in doc]
    n = len(lower)
    if lower[end - 1] in ROLE_NOUNS:
        return True  # the alias itself is a job ("software engineer", "project manager")
    for i in range(end, min(n, end + 3)):
        low = lower[i]
        if low in ROLE_NOUNS:
            return True
        if low not in _ROLE_FILLERS:
            break
    # backwards: "<role noun> ( ... skill" or "<role noun> - skill"
    for i in range(start - 1, max(-1, start - 7), -1):
        low = lower[i]
        if low in {")", ".", ":", ";"}:
            return False
        if low in {"(", "-", "–", "|"} and i > 0 and lower[i - 1] in ROLE_NOUNS:
            return True
    return False


_ROLE_ALT = "|".join(sorted(ROLE_NOUNS, key=len, reverse=True))
_ROLE_AFTER = re.compile(
    r"(?:[ \t]*(?:software|stack|native|end|web|application|senior|test|qa|devops|cloud|data|solutions?|backend"
    r"|frontend|full|integration|automation|systems?|platform|infrastructure|security|site|reliability|mobile"
    r"|[()/\-]))*[ \t]*(?:" + _ROLE_ALT + r"|group|department|division|guild|chapter)\b",
    re.IGNORECASE,
)
_ROLE_BEFORE = re.compile(r"\b(?:" + _ROLE_ALT + r")[ \t]*[(\-–|][^().:;\n]{0,60}$", re.IGNORECASE)
_ROLE_SUFFIXES = tuple(ROLE_NOUNS)
_ROLE_LAST = re.compile(r"\b(?:" + _ROLE_ALT + r")$", re.IGNORECASE)


def role_in_text(text: str, start: int, end: int) -> bool:
    """``is_role_title`` on the raw text (no tokens): "Java Developer", "Engineer (Java, React)", "QA engineer"."""
    tail = text[max(start, end - 15) : end].lower()
    if tail.endswith(_ROLE_SUFFIXES) and _ROLE_LAST.search(tail):
        return True
    if _ROLE_AFTER.match(text, end, min(len(text), end + 40)):
        return True
    before = text[max(0, start - 70) : start]
    if not any(c in before for c in "(-–|"):
        return False
    return bool(_ROLE_BEFORE.search(before))


# Every role noun contains one of these ("dev" in "developers", "admin" in "administrator"): ``_ROLE_AFTER``
# and ``_ROLE_BEFORE`` cannot match a stretch of text without one.
_ROLE_ANCHORS = tuple(sorted(w for w in ROLE_NOUNS if not any(o != w and o in w for o in ROLE_NOUNS)))
_UNIT_ANCHORS = ("group", "department", "division", "guild", "chapter")
ROLE_WORDS = anchor_group("role_nouns", _ROLE_ANCHORS)
UNIT_WORDS = anchor_group("unit_words", _UNIT_ANCHORS)


class RoleFinder:
    """``role_in_text`` for the spans of one text: each regex runs only when a role noun is in its reach.

    ``low`` is the ``lower_view`` of ``text`` (None: no pre-screen, plain ``role_in_text``); ``hits``, when the
    caller has them, its ``AnchorHits`` (else ``low`` is scanned for the role and unit words here). The three
    checks of ``role_in_text`` each need a role noun (or a unit word after the span) within
    [start - 70, end + 40): most spans have none, and one bisection tells.
    """

    __slots__ = ("text", "n", "role_pos", "unit_pos")

    def __init__(self, text: str, low: str | None, hits: AnchorHits | None = None):
        self.text = text
        self.n = len(text)
        if low is None:
            self.role_pos = self.unit_pos = None
        else:
            if hits is None:
                hits = AnchorHits.of(low)
            self.role_pos, self.unit_pos = hits.positions(ROLE_WORDS), hits.positions(UNIT_WORDS)

    def __call__(self, start: int, end: int) -> bool:
        text, role_pos = self.text, self.role_pos
        if role_pos is None:
            return role_in_text(text, start, end)
        lo, hi = max(0, start - 70), min(self.n, end + 40)
        k = bisect.bisect_left(role_pos, lo)
        first = role_pos[k] if k < len(role_pos) else hi
        if first >= hi and not (self.unit_pos and any_between(self.unit_pos, end, hi)):
            return False
        # the same checks as role_in_text, each only with a role noun where its regex looks
        if any_between(role_pos, max(start, end - 15), end):
            tail = text[max(start, end - 15) : end].lower()
            if tail.endswith(_ROLE_SUFFIXES) and _ROLE_LAST.search(tail):
                return True
        if (any_between(role_pos, end, hi) or any_between(self.unit_pos, end, hi)) and _ROLE_AFTER.match(
            text, end, hi
        ):
            return True
        if first >= start:
            return False
        before = text[lo:start]
        if not any(c in before for c in "(-–|"):
            return False
        return bool(_ROLE_BEFORE.search(before))


_SPACE_RUN = re.compile(r"\s+")


def _norm_heading(h: str) -> str:
    h = h.replace("’", "'").strip(" \t-–:*_#").casefold()
    # ``h`` holds no whitespace but spaces (see _HEADING_LINE): only runs of them need collapsing
    return _SPACE_RUN.sub(" ", h) if "  " in h else h


def _heading_starts(text: str) -> list[int]:
    """Offsets of the lines ``_HEADING_START`` accepts: the same lines as its ``finditer`` gives, found by jumping
    from line break to line break (a leading literal is scanned for in C) instead of trying ``^`` at every offset."""
    starts = [0] if _HEADING_START_0.match(text) else []
    starts += [m.start() + 1 for m in _HEADING_START_NL.finditer(text)]
    return starts


_HEADING_MAX = 61  # the longest ``h`` group of _HEADING_LINE: a letter and up to 60 more characters
_LEAD_CHARS = " \t#*_-•▪◦"  # what _HEADING_LINE allows before the heading (spaces, "#", "**", bullets)
_TRAIL_CHARS = " \t*_"  # and between the heading and its colon or the line end


def _heading_fits(text: str, start: int) -> bool:
    """False when the line at ``start`` cannot match ``_HEADING_LINE``: its heading part (from the first character
    that is no space, "#", emphasis or bullet, to the first colon or the line end, trailing spaces and emphasis
    dropped) is longer than a heading can be. A long sentence that merely starts with a heading word ("Experience
    creating data models and ...") costs the lazy regex a try at every length; this check is two ``find``\s."""
    eol = text.find("\n", start)
    if eol < 0:
        eol = len(text)
    cut = text.find(":", start, eol)
    if cut < 0:
        cut = eol
    wide = text.find("：", start, cut)
    if wide >= 0:
        cut = wide
    if cut - start <= _HEADING_MAX:
        return True
    return len(text[start:cut].lstrip(_LEAD_CHARS).rstrip(_TRAIL_CHARS)) <= _HEADING_MAX


def _inline_matches(text: str, low: str | None, hits: AnchorHits | None = None) -> list[re.Match]:
    """``list(_INLINE_HEADING.finditer(text))``, trying the regex only where a label follows spaces or tabs.

    A match starts where a run of spaces/tabs before a label starts, so the scan visits those offsets in
    order and skips the ones inside an earlier match, exactly as ``finditer`` does. ``hits``: the text's
    ``AnchorHits``, which hold where each label occurs (else ``low`` is scanned here).
    """
    if low is None:
        return list(_INLINE_HEADING.finditer(text))
    if hits is None:
        hits = AnchorHits.of(low)
    candidates = set()
    for q in hits.positions(INLINE_WORDS):
        p = q
        while p > 0 and text[p - 1] in " \t":
            p -= 1
        if p < q:
            candidates.add(p)
    out: list[re.Match] = []
    last_end = 0
    for p in sorted(candidates):
        if p < last_end:
            continue
        m = _INLINE_HEADING.match(text, p)
        if m is not None:
            out.append(m)
            last_end = m.end()
    return out


def find_headings(text: str, *, low: str | None = None, hits: AnchorHits | None = None) -> list[tuple[int, str, str]]:
    """(char offset, posting section, CV section) for each heading line; sections may be ``""``.

    ``low``: the ``lower_view`` of ``text`` when the caller has it, and ``hits`` its ``AnchorHits`` (both speed
    up the search for inline labels).
    """
    out: list[tuple[int, str, str]] = []
    for start in _heading_starts(text):
        if not _heading_fits(text, start):
            continue
        m = _HEADING_LINE.match(text, start)
        if m is None:
            continue
        h = _norm_heading(m.group("h"))
        rest = m.group("rest")
        posting = _POSTING.get(h, "")
        if not posting and not rest and _ABOUT_X.match(h) and h not in _CV:
            posting = "about"  # "About Acme"
        cv = _CV.get(h, "")
        if posting or cv:
            out.append((m.start(), posting, cv))
    if ":" in text:
        # postings whose line breaks were lost: "... Job benefits: Home office ... Company description: We ..."
        if low is None:
            low = lower_view(text)
        matches = _inline_matches(text, low, hits)
        inline = [(m.start(), _INLINE_LABELS[m.group(1).casefold()], "") for m in matches]
        if inline:
            out = sorted(out + inline)
    return out


_INLINE_LABELS = {
    "job benefits": "benefits", "benefits": "benefits", "perks": "benefits", "what we offer": "benefits",
    "company description": "about", "about us": "about", "about the company": "about",
    "job description": "responsibilities", "your tasks": "responsibilities", "your responsibilities": "responsibilities",
    "requirements": "requirements", "your profile": "requirements", "what you bring": "requirements",
    "skills needed": "requirements", "qualifications": "requirements",
}
INLINE_WORDS = anchor_group("inline_labels", tuple(_INLINE_LABELS))
_INLINE_HEADING = re.compile(
    r"(?<=[^\s\n])[ \t]+(" + "|".join(re.escape(k) for k in sorted(_INLINE_LABELS, key=len, reverse=True))
    + r")[ \t]*:(?=[ \t]+\S)",
    re.IGNORECASE,
)


def eeo_regions(text: str) -> list[tuple[int, int]]:
    """Paragraphs (between line breaks) that carry equal-opportunity wording."""
    regions = []
    for m in _EEO.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        regions.append((start, len(text) if end < 0 else end))
    return regions


def _eeo_lines(text: str, low: str | None, hits: AnchorHits | None = None) -> list[tuple[int, int]]:
    """The lines ``eeo_regions`` covers (as a set, not one region per match): ``_EEO`` runs only on lines
    holding one of its hint words (read from ``hits``, the ``AnchorHits`` of ``low``, scanned here when not given).
    A match never spans a line break, so its region is its line."""
    if low is None:
        return eeo_regions(text)
    if hits is None:
        hits = AnchorHits.of(low)
    lines = []
    end = -1
    for q in hits.positions(EEO_WORDS):
        if q < end:
            continue  # on the line just taken
        start = text.rfind("\n", 0, q) + 1
        end = text.find("\n", q)
        end = len(text) if end < 0 else end
        lines.append((start, end))
    return [line for line in lines if _EEO.search(text, *line)]


class SentenceIndex:
    """Sentence (or bullet line) boundaries of one text, found in one regex pass, looked up by bisection.

    Every cut is one character (a full stop, "!", "?", line break, bullet or "; "), so one sorted list of their
    offsets is the whole index.
    """

    __slots__ = ("n", "text", "cuts")

    def __init__(self, text: str, hits: AnchorHits | None = None):
        """``hits``: the text's ``AnchorHits`` when the caller has them (tell whether any cut needs the
        "e.g."/"etc." check, without looking for those words again)."""
        self.n = len(text)
        self.text = text
        cuts = [m.start() for m in _SENT_CUT.finditer(text)]
        if hits.has(NOT_AN_END_WORDS) if hits is not None else any(w in text for w in _NOT_AN_END_HINTS):
            cuts = [c for c in cuts if text[c - 3 : c] not in _NOT_AN_END]
        self.cuts = cuts

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        cuts = self.cuts
        i = bisect.bisect_left(cuts, start)  # the last cut ending at or before ``start`` is cuts[i - 1]
        s = cuts[i - 1] + 1 if i > 0 else 0
        j = bisect.bisect_left(cuts, end)
        if j < len(cuts):
            c = cuts[j]
            e = c if self.text[c] in "\n•" else c + 1
        else:
            e = self.n
        text = self.text
        while s < start and text[s].isspace():
            s += 1
        return s, max(e, end)


def requirement_level(section: str, sentence: str) -> bool | None:
    """True: required, False: nice-to-have, None: unknown (sentence cues override the section)."""
    low = lower_view(sentence)
    return _requirement_level(section, sentence, low, PREFERRED_CUE.present(low), REQUIRED_CUE.present(low))


def _requirement_level(section: str, sentence: str, low: str | None, preferred: tuple[str, ...] | None,
                       required: tuple[str, ...] | None) -> bool | None:
    """``requirement_level`` for a sentence of a text whose cue words (``Cue.present``) are known."""
    if PREFERRED_CUE.search_part(sentence, low, preferred):
        return False
    if section == "preferred":
        return False
    if section == "requirements" or REQUIRED_CUE.search_part(sentence, low, required):
        return True
    return None


_LATER = object()


class SkillSections(BatchedPipe):
    """Annotate each skill span with section, CV section, requirement level and sentence bounds."""

    def __init__(self, nlp: Language, name: str = "skill_sections"):
        self.name = name
        self.soft: frozenset[str] = frozenset()
        self.domains: frozenset[str] = frozenset()

    def set_config(self, config: dict) -> None:
        """``{"soft_skills": [ids], "domain_skills": [ids]}``: skills that need a cue word in their sentence
        (``_SOFT_CUE`` for soft skills, ``_DOMAIN_CUE`` for industry/knowledge domains)."""
        self.soft = frozenset(config.get("soft_skills", ()))
        self.domains = frozenset(config.get("domain_skills", ()))

    def __call__(self, doc: Doc) -> Doc:
        info = doc._.skill_info
        if not info:
            return doc
        text = doc_text(doc)
        low = doc_lower(doc)  # one lowercase copy for every pre-screen below (None: none of them apply)
        hits = doc_anchors(doc)  # where each pre-screen word occurs in it (None exactly when low is)
        headings = find_headings(text, low=low, hits=hits)
        offsets = [h[0] for h in headings]
        if hits is not None:
            eeo = _eeo_lines(text, low, hits) if hits.has(EEO_WORDS) else []
        else:
            low_text = text.lower()
            eeo = _eeo_lines(text, low) if any(h in low_text for h in _EEO_HINTS) else []
        bounds = SentenceIndex(text, hits).bounds
        roles = RoleFinder(text, low, hits)
        soft, domains = self.soft, self.domains
        # which cue words the whole text holds: most texts lack most of them, and then no sentence needs a look
        if hits is not None:
            preferred, required = hits.present(PREFERRED_WORDS), hits.present(REQUIRED_WORDS)
        else:
            preferred = required = None
        soft_words = domain_words = _LATER  # the same for soft-skill and domain cues, looked up on first need
        cue_cache: dict = {}
        for meta in info.values():
            sc, ec = meta["start_char"], meta["end_char"]
            i = bisect.bisect_right(offsets, sc) - 1
            posting, cv = (headings[i][1], headings[i][2]) if i >= 0 else ("", "")
            if eeo and any(a <= sc < b for a, b in eeo):
                posting = "about"
            posting = posting or "other"
            s, e = bounds(sc, ec)
            key = (s, e, posting)
            cues = cue_cache.get(key)
            if cues is None:
                sentence = text[s:e]
                sentence_low = low[s:e] if low is not None else None
                cues = (_requirement_level(posting, sentence, sentence_low, preferred, required), sentence, sentence_low)
                cue_cache[key] = cues
            sid = meta["skill_id"]
            uncued = False
            if posting != "requirements" and posting != "preferred":
                if sid in soft:
                    if soft_words is _LATER:
                        soft_words = hits.present(SOFT_WORDS) if hits is not None else None
                    uncued = not SOFT_CUE.search_part(cues[1], cues[2], soft_words)
                if not uncued and sid in domains:
                    if domain_words is _LATER:
                        domain_words = hits.present(DOMAIN_WORDS) if hits is not None else None
                    uncued = not DOMAIN_CUE.search_part(cues[1], cues[2], domain_words) and not _is_tag_line(cues[1])
            meta["section"] = posting
            meta["cv_section"] = cv or "other"
            meta["required"] = cues[0]
            meta["sent_start"] = s
            meta["sent_end"] = e
            meta["negated"] = False
            meta["years"] = None
            meta["role"] = roles(sc, ec)
            meta["uncued"] = uncued
        return doc

    def to_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> None:
        write_json(path, "config.json", {"soft_skills": sorted(self.soft), "domain_skills": sorted(self.domains)})

    def from_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> "SkillSections":
        self.set_config(read_json(path, "config.json"))
        return self


@Language.factory("skill_sections")
def make_skill_sections(nlp: Language, name: str) -> SkillSections:
    return SkillSections(nlp, name)
