"""Is a posting remote? ``remote_mode`` -> "remote" | "hybrid" | "onsite" | None; ``detect_remote`` -> bool | None.

Decision: hybrid is NOT remote. ``detect_remote`` returns True only for fully remote postings, False for onsite
*and* hybrid ones, None when the texts say nothing. Callers that need the three-way answer use ``remote_mode``.

Texts are checked in order (e.g. location, then title, then description) and the first one that says something
decides, so a location of "Remote (US)" wins over a description that mentions an office.
Within one text, negations win ("no remote" -> onsite); then hybrid ("hybrid", "3 days in office") unless remote is
offered as an alternative ("Remote or hybrid", "Hybrid/Remote", "REMOTE (EU) or HYBRID (Stockholm)" -> remote);
then remote + onsite together: remote when remote is stated first or as an alternative ("Onsite or remote"),
otherwise hybrid; then remote alone; then onsite alone. "Remote sensing/desktop/access..." does not count.
"""

from __future__ import annotations

import re

__all__ = ["detect_remote", "remote_mode"]

_NEGATED = re.compile(
    r"\b(?:no|not|non|never)[\s-]+(?:a\s+)?(?:fully\s+)?remote\b|\bremote\s+(?:work\s+)?(?:is\s+)?not\s+(?:possible|"
    r"available|an\s+option|offered)|\bno\s+(?:wfh|work\s+from\s+home)\b|不(?:支持|接受|可以?)远程|非远程|不远程",
    re.IGNORECASE,
)
_HYBRID = re.compile(r"\bhybrid\b|\bpartially\s+remote\b|\bpart[\s-]+remote\b|\bflex(?:ible)?[\s-]+remote\b|混合办公|部分远程", re.I)
_REMOTE = re.compile(
    r"\bremote\b|\bremotely\b|\bwork(?:ing)?\s+from\s+(?:home|anywhere)\b|\bwfh\b|\bwfa\b|\bdistributed\s+team\b|"
    r"\btelecommut\w*|\bhome[\s-]?based\b|\banywhere\s+in\s+the\s+world\b|远程|在家办公|居家办公",
    re.IGNORECASE,
)
_ONSITE = re.compile(
    r"\bon[\s-]?site\b|\bonsite\b|\bin[\s-]office\b|\bin[\s-]person\b|\boffice[\s-]based\b|\bon[\s-]premises?\b|"
    r"\bin\s+the\s+office\b|\bno\s+remote\b|坐班|现场办公|驻场",
    re.IGNORECASE,
)
# Phrases that contain "remote" but say nothing about the job's location.
_REMOTE_FALSE_FRIENDS = re.compile(
    r"\bremote\s+(?:sensing|control|monitoring|desktop|access|patient|procedure|call|server|repository|"
    r"debugging|execution|api|cache|state|branch|origin)s?\b",
    re.IGNORECASE,
)


# Literal anchors (lowercase) near which every pattern above must match; the regexes run only on windows around
# them, so a long description costs a few str.find calls instead of several full regex scans.
_ANCHORS = ("remote", "wfh", "wfa", "home", "hybrid", "site", "office", "person", "premise", "anywhere",
            "distributed", "telecommut", "远程", "办公", "坐班", "驻场", "混合")  # fmt: skip
_WINDOW = 48
_SHORT = 160


def _windows(text: str) -> str | None:
    """The parts of *text* (lowercased) within _WINDOW chars of an anchor, joined by a separator no pattern spans."""
    low = text.lower()
    if len(low) <= _SHORT:
        return low if any(a in low for a in _ANCHORS) else None
    spans: list[tuple[int, int]] = []
    for anchor in _ANCHORS:
        i = low.find(anchor)
        while i != -1:
            spans.append((max(0, i - _WINDOW), i + len(anchor) + _WINDOW))
            i = low.find(anchor, i + 1)
    if not spans:
        return None
    spans.sort()
    merged = [spans[0]]
    for a, b in spans[1:]:
        if a <= merged[-1][1]:
            if b > merged[-1][1]:
                merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return " ¦ ".join(low[a:b] for a, b in merged)


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def _alternatives(text: str, hits_a: list[re.Match[str]], hits_b: list[re.Match[str]]) -> bool:
    """True when some pair of mentions is listed as alternatives ("remote or hybrid", "Hybrid/Remote",
    "REMOTE (EU) or HYBRID (Stockholm)", "ONSITE (Hybrid OK), REMOTE (US)")."""
    for a in hits_a:
        for b in hits_b:
            lo, hi = (a, b) if a.start() < b.start() else (b, a)
            between = text[lo.end() : hi.start()]
            if len(between) <= 40 and _ALT_SEP.search(between):
                return True
    return False


def _mode_of(raw: str) -> str | None:
    text = _windows(raw)
    if text is None:
        return None
    # Cheap substring guards decide which patterns can match at all (regex scans cost ~30 ns per char).
    has_remote_word = "remote" in text or "远程" in text
    if (has_remote_word or "wfh" in text or "home" in text) and _NEGATED.search(text):
        return "onsite"
    if "remote" in text and _REMOTE_FALSE_FRIENDS.search(text):
        text = _REMOTE_FALSE_FRIENDS.sub(_blank, text)  # same length: positions stay comparable
    remote_hits = list(_REMOTE.finditer(text))
    hybrid_hits = list(_HYBRID.finditer(text)) if any(w in text for w in _HYBRID_WORDS) else []
    if hybrid_hits:
        return "remote" if remote_hits and _alternatives(text, remote_hits, hybrid_hits) else "hybrid"
    onsite_possible = any(w in text for w in _ONSITE_WORDS)
    if onsite_possible and ("day" in text or "x" in text) and _PART_WEEK.search(text):
        return "hybrid"  # "In office 3 days, remote 2 days"
    onsite_hits = list(_ONSITE.finditer(text)) if onsite_possible else []
    if remote_hits and onsite_hits:
        # Remote stated first ("Remote (EU) ... office visits on-site") or offered as an alternative
        # ("Onsite or remote", "Remote / on-site") -> remote; otherwise a mix -> hybrid.
        if remote_hits[0].start() <= onsite_hits[0].start() or _alternatives(text, remote_hits, onsite_hits):
            return "remote"
        return "hybrid"
    if remote_hits:
        return "remote"
    if onsite_hits:
        return "onsite"
    return None


_HYBRID_WORDS = ("hybrid", "partially", "part", "flex", "混合", "部分")
_ONSITE_WORDS = ("site", "office", "person", "premise", "remote", "坐班", "现场", "驻场")
_ALT_SEP = re.compile(r"\bor\b|/|,|\||;|\band\b|或")
# "3 days in office", "on-site (4 days)", "3x/week in office": part of the week on site = hybrid.
_PART_WEEK = re.compile(
    r"\b[1-4](?:\s*-\s*[1-4])?\s*(?:x|days?)\b[^.|;\n]{0,20}?(?:in[\s-]office|on[\s-]?site|in[\s-]person|at\s+the\s+office)|"
    r"(?:in[\s-]office|on[\s-]?site|onsite|in[\s-]person)\s*\(?\s*[1-4](?:\s*-\s*[1-4])?\s*(?:x|days?)\b",
    re.IGNORECASE,
)



def remote_mode(*texts: str | None) -> str | None:
    """"remote", "hybrid", "onsite", or None when none of *texts* says. The first text that says something wins."""
    for text in texts:
        if not text or not isinstance(text, str):
            continue
        mode = _mode_of(text)
        if mode is not None:
            return mode
    return None


def detect_remote(*texts: str | None) -> bool | None:
    """True for fully remote postings, False for onsite or hybrid ones, None when nothing is said. Never raises."""
    try:
        mode = remote_mode(*texts)
    except Exception:  # noqa: BLE001
        return None
    if mode is None:
        return None
    return mode == "remote"
