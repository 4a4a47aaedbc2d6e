"""Find a CV's sections (summary, skills, experience, projects, education, certifications) from its headings.

Headings come in many styles: on a line of their own ("Work Experience", "EDUCATION", "## Skills", "Skills:"),
followed by content on the same line ("SKILLS: Python, SQL", "TECHNICAL SKILLS • Java"), or — in text pasted from
web forms — run together with the previous sentence ("...Deep learning.Education Details"). A phrase counts as a
heading only if it is in the vocabulary below, is written in Title Case or ALL CAPS, and sits where a heading can
sit, so "strong communication skills" in a sentence does not open a skills section.
"""

from __future__ import annotations

import re

from skillgap.cv.model import CVSection

__all__ = ["HEADINGS", "find_sections"]

HEADINGS: dict[str, tuple[str, ...]] = {
    "summary": (
        "summary", "professional summary", "career summary", "executive summary", "profile", "professional profile",
        "career profile", "personal profile", "objective", "career objective", "objectives", "about me", "about",
        "personal statement", "overview", "introduction",
    ),
    "skills": (
        "skills", "skill", "technical skills", "technical skill", "key skills", "core skills", "skill details",
        "skills details", "skill set", "skillset", "skill sets", "skills and abilities", "skills & abilities",
        "core competencies", "competencies", "key competencies", "technical competencies", "technical proficiency",
        "technical proficiencies", "technical expertise", "areas of expertise", "expertise", "technologies",
        "tools and technologies", "tools & technologies", "tech stack", "technical stack", "it skills",
        "computer skills", "software skills", "technological skills", "professional skills", "skills summary",
        "summary of skills", "technical summary", "key skills & competencies", "skills & expertise",
        "skills and expertise", "strengths", "programming skills", "top skills", "digital skills",
        "digital competence", "digital competences", "personal skills", "job related skills",
        "other skills", "technical skills and competences", "computer competences",
    ),
    "experience": (
        "experience", "work experience", "professional experience", "employment", "employment history",
        "work history", "career history", "relevant experience", "company details", "experience details",
        "professional background", "internships", "internship", "internship experience", "positions held",
        "industrial experience", "working experience", "job history", "employment details", "career",
    ),
    "projects": (
        "projects", "project", "personal projects", "academic projects", "key projects", "selected projects",
        "project details", "project experience", "projects undertaken", "side projects", "portfolio",
        "open source", "project profile", "major projects", "notable projects",
    ),
    "education": (
        "education", "education details", "educational details", "academic background", "academic qualifications",
        "academic qualification", "educational qualifications", "educational qualification", "qualifications",
        "academics", "academic details", "education & training", "education and training", "educational background",
        "academic profile", "academic record",
    ),
    "certifications": (
        "certifications", "certification", "certificates", "certificate", "licenses & certifications",
        "licenses and certifications", "licences & certifications", "certifications & training",
        "certifications and training", "courses", "courses & certifications", "courses and certifications",
        "training", "trainings", "training & certifications", "professional development", "accreditations",
        "certifications & courses", "trainings & certifications", "online courses",
    ),
    "other": (
        "languages", "language skills", "spoken languages", "interests", "hobbies", "hobbies & interests",
        "hobbies and interests", "references", "awards", "achievements", "awards & achievements",
        "honors", "honours", "honors & awards", "publications", "volunteering", "volunteer experience",
        "personal details", "personal information", "personal data", "declaration", "extracurricular activities",
        "extra curricular activities", "activities", "recognition", "additional information", "contact",
        "contact details", "contact information", "personal attributes", "attributes", "memberships",
        "accomplishments", "strength", "personal strengths", "mother tongue", "mother tongues", "mother tongue(s)",
        "other language(s)", "other languages", "areas of interest", "interests and hobbies",
    ),
}  # fmt: skip

def _norm(s: str) -> str:
    return " ".join(s.casefold().replace(" and ", " & ").split())


_LOOKUP = {_norm(phrase): name for name, phrases in HEADINGS.items() for phrase in phrases}
_SMALL_WORDS = frozenset({"and", "&", "of", "the", "for"})


def _phrase_re(phrase: str) -> str:
    return r"[ \t]+".join(re.escape(w) if w not in ("&", "and") else r"(?:&|and)" for w in phrase.split())


_ALTERNATION = "|".join(_phrase_re(p) for p in sorted(_LOOKUP, key=len, reverse=True))
# No look-behind: "monthsCompany Details" must match; _heading_at rejects real word-internal hits.
_CANDIDATE = re.compile(rf"(?:{_ALTERNATION})(?![\w&])", re.IGNORECASE)
# Trying the long alternation only where a heading's first word starts is ~20x faster than scanning with it.
_WORD_START = re.compile(r"(?<![A-Za-z])[A-Z]+(?![a-z])|(?<![A-Za-z])[A-Za-z][a-z]*|(?<=[a-z])[A-Z][a-z]*")
_FIRST_WORDS = frozenset(p.split()[0] for p in _LOOKUP)
_BULLETS = " \t#*•♦▪●◦➢❖✓>|-–—=_"
_AFTER_OK = re.compile(r"[ \t]*(?::|[-–—][ \t]|[•♦▪●◦➢❖✓·|]|$)")
_SKILL_ROW = re.compile(r"^[ \t]*-?[ \t]*Exp[e]?rience\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;:)][ \t]*$")


def _style(h: str) -> str | None:
    letters = [c for c in h if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return "upper"
    words = [w for w in h.split() if w.casefold() not in _SMALL_WORDS]
    if words and all(w[:1].isupper() for w in words):
        return "title"
    return None


def _heading_at(text: str, m: re.Match[str], *, current: str | None) -> bool:
    style = _style(m.group(0))
    if style is None:
        return False
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    before = text[line_start : m.start()]
    after = text[m.end() : line_end]
    if _SKILL_ROW.match(after):  # "Training- Exprience - 12 months" is a skill row, not a heading
        return False
    multiword = len(m.group(0).split()) > 1
    if not before.strip(_BULLETS):
        where = "line"
    elif before[-1:].isalnum() or before[-1:] in ".!?)]":
        # run together with the previous text: "...Deep learning.Education Details", "monthsCompany Details"
        prev = before[-1]
        if not (multiword or style == "upper") or prev.isupper() or (prev.isalpha() and not m.group(0)[0].isupper()):
            return False
        where = "joined"
    elif style == "upper" and len(m.group(0)) >= 5 and _SENTENCE_END.search(before):
        where = "midline"  # "... Powerpoint. RECOGNITION Academic ..."
    else:
        return False
    rest = after.strip()
    if not rest or rest.strip(":-–—*_#").strip() == "":
        return True
    if where == "joined":
        return False
    if where == "line" and current == "skills" and _LOOKUP.get(_norm(m.group(0))) in ("other", "skills"):
        return False  # "Languages: Python, SQL" (or a table row "Languages | ...") in a skills section is a sub-label
    if (where == "line" and current in ("experience", "projects") and style == "title"
            and _LOOKUP.get(_norm(m.group(0))) == "skills" and after.lstrip().startswith(":")):
        return False  # LinkedIn's "Skills: Python · SQL" under a position belongs to that position
    if _AFTER_OK.match(after):
        return True
    if style == "upper" and after[:1] in " \t" and rest[:1].isupper():
        return True  # "SKILLS C Basics, IOT, Python"
    return where == "line" and style == "title" and rest.startswith("(")  # "Technical Skills (Trained / ...)"


def find_sections(text: str) -> list[CVSection]:
    """Split *text* into sections at recognised headings; text before the first one is a "header" section."""
    starts: list[tuple[int, str, str]] = []
    for w in _WORD_START.finditer(text):
        if w.group(0).casefold() not in _FIRST_WORDS:
            continue
        m = _CANDIDATE.match(text, w.start())
        if m is None or (starts and m.start() < starts[-1][0]):
            continue
        if not _heading_at(text, m, current=starts[-1][1] if starts else None):
            continue
        title_end = m.end()
        if text[title_end : title_end + 1] == ":":
            title_end += 1
        name = _LOOKUP.get(_norm(m.group(0)), "other")
        start = m.start()
        line_start = text.rfind("\n", 0, start) + 1
        if not text[line_start:start].strip(_BULLETS):
            start = line_start  # the heading's decorations ("## ", "• ") belong to it
        starts.append((start, name, text[m.start() : title_end].strip()))
    sections: list[CVSection] = []
    if not text.strip():
        return sections
    first = starts[0][0] if starts else len(text)
    if text[:first].strip():
        sections.append(CVSection(name="header", title="", start=0, end=first))
    for i, (start, name, title) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        sections.append(CVSection(name=name, title=title, start=start, end=end))
    return sections
