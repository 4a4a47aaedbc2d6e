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
from skills_taxonomy.components.common import ensure_extensions, read_json, write_json

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


def _is_tag_line(sentence: str) -> bool:
    """A short keyword line ("Industry: Financial Services", "Fintech, B2B SaaS") rather than company prose."""
    return len(sentence.split()) <= 6 and not _SELF_TALK.search(sentence)


_SENT_END = re.compile(r"[.!?。！？](?=\s|$)|\n|•|;(?=\s)")
_NOT_AN_END = ("e.g", "i.e", "etc", " vs", "(vs")  # the three characters before a full stop that ends nothing


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


def _norm_heading(h: str) -> str:
    return re.sub(r"\s+", " ", h.replace("’", "'").strip(" \t-–:*_#").casefold())


def find_headings(text: str) -> list[tuple[int, str, str]]:
    """(char offset, posting section, CV section) for each heading line; sections may be ``""``."""
    out: list[tuple[int, str, str]] = []
    for start in _HEADING_START.finditer(text):
        m = _HEADING_LINE.match(text, start.start())
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
        inline = [(m.start(), _INLINE_LABELS[m.group(1).casefold()], "") for m in _INLINE_HEADING.finditer(text)]
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


class SentenceIndex:
    """Sentence (or bullet line) boundaries of one text, found in one regex pass, looked up by bisection."""

    def __init__(self, text: str):
        self.n = len(text)
        self.text = text
        cuts = [m for m in _SENT_END.finditer(text) if text[m.start() - 3 : m.start()] not in _NOT_AN_END]
        self.cut_ends = [m.end() for m in cuts]
        self.cut_starts = [m.start() for m in cuts]
        self.cut_is_break = [text[m.start()] in "\n•" for m in cuts]

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.cut_ends, start) - 1
        s = self.cut_ends[i] if i >= 0 else 0
        j = bisect.bisect_left(self.cut_starts, end)
        if j < len(self.cut_starts):
            e = self.cut_starts[j] if self.cut_is_break[j] else self.cut_ends[j]
        else:
            e = self.n
        text = self.text
        while s < start and text[s].isspace():
            s += 1
        return s, max(e, end)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or bullet line) around ``text[start:end]``, by punctuation and line breaks."""
    return SentenceIndex(text).bounds(start, end)


def requirement_level(section: str, sentence: str) -> bool | None:
    """True: required, False: nice-to-have, None: unknown (sentence cues override the section)."""
    if _PREFERRED_CUE.search(sentence):
        return False
    if section == "preferred":
        return False
    if section == "requirements" or _REQUIRED_CUE.search(sentence):
        return True
    return None


class SkillSections:
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
        headings = find_headings(text)
        offsets = [h[0] for h in headings]
        low_text = text.lower()
        eeo = eeo_regions(text) if any(h in low_text for h in _EEO_HINTS) and _EEO.search(text) else []
        sentences = SentenceIndex(text)
        cue_cache: dict = {}
        for (start, end), meta in info.items():
            sc, ec = meta["start_char"], meta["end_char"]
            i = bisect.bisect_right(offsets, sc) - 1
            posting, cv = (headings[i][1], headings[i][2]) if i >= 0 else ("", "")
            if any(a <= sc < b for a, b in eeo):
                posting = "about"
            posting = posting or "other"
            s, e = sentences.bounds(sc, ec)
            cues = cue_cache.get((s, e, posting))
            if cues is None:
                sentence = text[s:e]
                cues = (requirement_level(posting, sentence), sentence)
                cue_cache[(s, e, posting)] = cues
            meta.update({
                "section": posting,
                "cv_section": cv or "other",
                "required": cues[0],
                "sent_start": s,
                "sent_end": e,
                "negated": False,
                "years": None,
                "role": role_in_text(text, sc, ec),
                "uncued": posting not in ("requirements", "preferred")
                and (
                    (meta["skill_id"] in self.soft and not _SOFT_CUE.search(cues[1]))
                    or (meta["skill_id"] in self.domains and not _DOMAIN_CUE.search(cues[1])
                        and not _is_tag_line(cues[1]))
                ),
            })
        return doc

    def to_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> None:
        write_json(path, "config.json", {"soft_skills": sorted(self.soft), "domain_skills": sorted(self.domains)})

    def from_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> "SkillSections":
        self.set_config(read_json(path, "config.json"))
        return self


@Language.factory("skill_sections")
def make_skill_sections(nlp: Language, name: str) -> SkillSections:
    return SkillSections(nlp, name)
