"""``skill_disambiguator``: apply the taxonomy's context rules to ambiguous aliases, then resolve overlaps.

An ambiguous alias ("Go", "R", "React", "Chef") counts when it sits between two skills or starts/ends
a keyword line of them ("spring java cloud"), whatever its case; otherwise only when
  - no negative cue holds: the rule's ``not_before``/``not_after`` words, or a hyphen compound
    glued to it ("C-suite", "R-squared"; "React-based" is fine). A separated list before it beats
    ``not_before`` ("Django and/or React to get things done"), and so does a purpose ("React to build"),
  - and, when it is written as in the taxonomy (``case_sensitive`` rules: "Go", not "go"), at least one
    positive cue holds: a ``near`` word or skill within ``window`` tokens, a skill next to it ("Go, Rust
    and C++"), or an ``after`` phrase right before it (the rule's own plus generic ones such as
    "experience with", "proficient in");
  - when it is written otherwise ("react", "GO"), it must sit in a run of at least two other skills that
    is closed on its open side ("typescript javascript node.js react go", "熟悉 java、kotlin、swift"), or
    follow an ``after`` phrase with a ``near`` cue too ("familiarity with windows, mac and linux").
    Forms with inner capitals (SOLID, LeSS, SAFe) accept no other casing ("Solid Linux skills", "Less"
    the CSS language), except an all-capitals acronym in lowercase right after a skill ("... microservices rest").
The context rules come from the taxonomy; only the generic cues live here.

Overlaps resolve to the longest match, then the most specific skill (deepest in the parent chain),
then an unambiguous alias: "AWS Lambda" beats "Lambda", "Spring Boot" beats "Spring".
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from skills_taxonomy.tokenizer import doc_text
from skills_taxonomy.components.common import BatchedPipe, SPANS_KEY, ensure_extensions, read_json, write_json

ensure_extensions()

GENERIC_AFTER = (
    "experience with",
    "experience in",
    "experienced in",
    "experienced with",
    "experience using",
    "proficient in",
    "proficient with",
    "proficiency in",
    "proficiency with",
    "knowledge of",
    "familiarity with",
    "familiar with",
    "expertise in",
    "expert in",
    "skilled in",
    "skills in",
    "fluent in",
    "fluency in",
    "written in",
    "programming in",
    "coding in",
    "code in",
    "develop in",
    "developing in",
    "built with",
    "built in",
    "background in",
    # "2+ years of (professional) Go", "5 years with Spark": a length of experience is asked for the name after it
    "years of",
    "years of professional",
    "years of commercial",
    "years of hands-on",
    "years of production",
    "years with",
    "stack:",
    "languages:",
    "tech stack:",
    "technologies:",
    "skills:",
    # Chinese postings: 熟悉 (familiar with), 精通 (expert in), 掌握 (command of), 熟练 (skilled), 擅长 (good at)
    "熟悉",
    "精通",
    "掌握",
    "熟练",
    "擅长",
    "了解",
    "使用",
)
# right after the word: "Jenkins is a plus", "Swift experience is required"
GENERIC_BEFORE = re.compile(
    r"\s*(?:(?:experience|knowledge|skills)\s+(?:is|are|would\s+be)\s+(?:required|preferred|desirable|a\s+must)"
    r"|(?:(?:experience|knowledge|skills)\s+)?(?:is|are|would\s+be)\s+(?:a\s+(?:big\s+|huge\s+|strong\s+)?plus"
    r"|an?\s+(?:big\s+)?advantage|nice\s+to\s+have))\b"
)
# a tool used for a purpose, written as in the taxonomy: "React to build dashboards" is not "react to feedback"
PURPOSE_AFTER = re.compile(r"\s*to\s+(?:build|create|develop|write|implement|ship|design|render|deliver|power|prototype)\b")
LIST_SEPARATORS = {",", "/", "&", "and", "or", "and/or", "|", "+", ";", "(", ")", "、", "，", "／", "；", "（", "）"}
# a word right before a keyword run that makes it a list: "Technologies ios objective-c swift"
RUN_HEADINGS = {"technologies", "technology", "stack", "tools", "skills", "languages", "frameworks", "tags"}
HYPHEN_OK = {"based", "powered", "driven", "first", "native", "certified", "compatible", "like", "style"}


def _hashes(words: Iterable[str]) -> frozenset[int]:
    """The ``LOWER`` attribute values of ``words`` (lowercase strings): token tests read the doc's array of
    them instead of making a Token object per look."""
    return frozenset(get_string_id(w) for w in words)


_SEP = _hashes(LIST_SEPARATORS)
_RUN_HEADINGS = _hashes(RUN_HEADINGS)
_HYPHEN_OK = _hashes(HYPHEN_OK)
_DASHES = _hashes(("-", "–"))  # caseless characters: their LOWER is their text
_GLUE_BEFORE = _hashes(("-", "'", "’"))
_POSSESSIVE = ("'s", "’s")


class _Tokens:
    """One doc's lowercase token hashes (one array read instead of a Token object per look), with char offsets
    read from the few tokens that need them.

    ``low`` is a memoryview of the array: indexing it makes the int of the one hash looked at, where
    ``tolist()`` made a (multi-digit) int for every token of the doc, most of which are never looked at.
    """

    __slots__ = ("doc", "low", "n", "text")

    def __init__(self, doc: Doc, text: str):
        self.doc = doc
        self.low = memoryview(doc.to_array(LOWER))
        self.n = len(self.low)
        self.text = text

    def start(self, i: int) -> int:
        """Char offset of token ``i``."""
        return self.doc[i].idx

    def end(self, i: int) -> int:
        """Char offset right after token ``i``."""
        tok = self.doc[i]
        return tok.idx + len(tok)

    def span_text(self, s: int, e: int) -> str:
        """``doc[s:e].text`` (tokens cover the text exactly, so it is a slice of it)."""
        return self.text[self.doc[s].idx : self.end(e - 1)]


def _phrase_regex(phrases: Iterable[str]) -> re.Pattern | None:
    parts = sorted({p.casefold().strip() for p in phrases if p and p.strip()}, key=len, reverse=True)
    if not parts:
        return None
    return re.compile(r"(?<![\w+#.])(?:" + "|".join(re.escape(p) for p in parts) + r")(?![\w+#])")


def _has_cjk(word: str) -> bool:
    return any("\u2e80" <= ch <= "\u9fff" for ch in word)


def _latin_word(tok) -> bool:
    """A word in a Latin-script sentence (CJK text around "java、kotlin、swift" closes a keyword run)."""
    return tok.is_alpha and tok.text[0] < "\u2e80"


class _Rule:
    __slots__ = (
        "case_sensitive",
        "forms",
        "near_words",
        "near_hashes",
        "near_re",
        "near_cjk",
        "near_skills",
        "window",
        "list_context",
        "after",
        "not_before",
        "not_after",
        "marked_case",
        "acronym",
    )

    def __init__(self, raw: dict, *, skill_ids: set[str]):
        self.case_sensitive = bool(raw.get("case_sensitive"))
        self.forms = set(raw.get("forms", ()))
        near = [n for n in raw.get("near", ()) if n]
        self.near_skills = {n for n in near if n in skill_ids}
        # CJK words ("后端", backend) are split into characters by the tokenizer: found in the window's text
        cjk = [n for n in near if _has_cjk(n)]
        self.near_words = {n.casefold() for n in near if " " not in n and n not in cjk}
        self.near_hashes = _hashes(self.near_words)
        self.near_re = _phrase_regex(n for n in near if " " in n and n not in cjk)
        self.near_cjk = re.compile("|".join(re.escape(n) for n in cjk)) if cjk else None
        self.window = int(raw.get("window", 8))
        self.list_context = bool(raw.get("list_context", True))
        self.after = tuple(sorted({a.casefold() for a in (*raw.get("after", ()), *GENERIC_AFTER)}, key=len))
        self.not_before = _phrase_regex(raw.get("not_before", ()))
        self.not_after = tuple(a.casefold() for a in raw.get("not_after", ()) if a)
        # forms with capitals inside (SOLID, RAG, LeSS, SAFe): another casing is an ordinary word ("Solid",
        # "Less" the CSS language), except an all-capitals acronym written in lowercase in a list ("... rest")
        self.marked_case = bool(self.forms) and all(any(ch.isupper() for ch in f[1:]) for f in self.forms)
        self.acronym = self.marked_case and all(f.isupper() for f in self.forms)


class SkillDisambiguator(BatchedPipe):
    """Keep ambiguous candidates that pass their context rule; write ``doc.spans["skills"]``."""

    def __init__(self, nlp: Language, name: str = "skill_disambiguator"):
        self.name = name
        self.strings = nlp.vocab.strings
        self.config: dict = {"skills": {}}
        self._compile()

    def set_config(self, config: dict) -> None:
        """``config = {"skills": {id: {"depth": int, "rule": {...} | None}}}`` (see ``pipeline.build_pipeline``)."""
        self.config = config
        self._compile()

    def _compile(self) -> None:
        skills = self.config.get("skills", {})
        ids = set(skills)
        self.depth = {sid: int(v.get("depth", 0)) for sid, v in skills.items()}
        # span labels as string-store hashes: a str label is hashed (and added) again for every span
        self.label_ids = {sid: self.strings.add(sid) for sid in skills}
        self.rules = {sid: _Rule(v.get("rule") or {}, skill_ids=ids) for sid, v in skills.items()}
        self._default = _Rule({}, skill_ids=ids)

    # -- context checks --------------------------------------------------------------------------
    def _keep(self, doc: Doc, tk: _Tokens, cand: tuple, unamb_ends: set, unamb_starts: set, unamb: list,
              runs: tuple[dict, dict] = ({}, {})) -> bool:
        sid, _, s, e = cand
        rule = self.rules.get(sid, self._default)
        text = tk.text
        low = tk.low
        span_text = tk.span_text(s, e)
        n = tk.n
        left = s > 0 and ((s - 1) in unamb_ends or (low[s - 1] in _SEP and (s - 2) in unamb_ends))
        right = e < n and (e in unamb_starts or (low[e] in _SEP and (e + 1) in unamb_starts))
        case_ok = not (rule.case_sensitive and rule.forms and span_text not in rule.forms)
        if not case_ok and rule.marked_case and not (rule.acronym and span_text.islower() and left):
            return False  # "Solid" is never SOLID; "solid Linux skills" is no list (an acronym needs a skill before it)
        if rule.list_context and left and right:
            return True  # inside a list of skills ("spring java cloud", "Docker, Go, Rust"), whatever the case
        if rule.list_context and ((s == 0 and right and self._chain(low, e, unamb_starts, forward=True))
                                  or (e == n and left and self._chain(low, s, unamb_ends, forward=False))):
            return True  # a keyword line that starts or ends with it: "spring java cloud", "circleci jenkins"
        # negative cues
        tech_compound = False
        if e < n - 1 and low[e] in _DASHES and not doc[e - 1].whitespace_ and not doc[e].whitespace_:
            if low[e + 1] not in _HYPHEN_OK:
                return False  # C-suite, R-squared, Go-to
            tech_compound = True  # React-based, Go-powered
        if s > 0 and low[s - 1] in _GLUE_BEFORE and not doc[s - 1].whitespace_:
            return False  # T-R, O'Go
        if e < n and tk.span_text(e, e + 1) in _POSSESSIVE:
            return False  # possessive: "Chef's table", "Swift's response"
        # a separated list ending in it: "Django and/or React to get things done" is not "react to"
        listed_left = (case_ok and rule.list_context and s > 1
                       and low[s - 1] in _SEP and (s - 2) in unamb_ends)
        end_char = tk.end(e - 1)
        if rule.not_before is not None and not listed_left:
            following = text[end_char : end_char + 40].casefold()
            m = rule.not_before.search(following)
            if m and not following[: m.start()].strip(" \t") and not (case_ok and PURPOSE_AFTER.match(following)):
                return False
        start_char = tk.start(s)
        before = text[max(0, start_char - 60) : start_char].casefold().rstrip()
        # ``endswith`` of a tuple tells in one call whether any phrase ends ``before``; the loops then find which
        if before.endswith(rule.not_after):
            for phrase in rule.not_after:
                if before.endswith(phrase) and (len(before) == len(phrase) or not before[-len(phrase) - 1].isalnum()):
                    # a longer positive cue wins: "knowledge of Spring" is not "spring of 2025"
                    if not any(len(a) > len(phrase) and before.endswith(a) for a in rule.after):
                        return False
        if not case_ok:
            # written otherwise than in the taxonomy ("react", "go", "windows"): only inside a run of at least
            # two other skills ("typescript javascript node.js react go", "ios objective-c swift"), or right
            # after an ask that also has a context word near ("familiarity with windows, mac and linux")
            if rule.list_context and self._in_run(doc, tk, s, e, unamb_starts, unamb_ends, runs):
                return True
            cued = not rule.marked_case and before.endswith(rule.after) and any(
                before.endswith(a) and (len(before) == len(a) or not before[-len(a) - 1].isalnum()) for a in rule.after)
            return cued and self._near(tk, rule, s, e, unamb)
        # positive cues
        if tech_compound:
            return True
        following = text[end_char : end_char + 30].casefold()
        if GENERIC_BEFORE.match(following):
            return True  # "Jenkins is a plus", "Go experience is required"
        if before.endswith(rule.after):
            return True
        if rule.list_context:
            # a separator or plain juxtaposition ("React Redux Angular") next to another skill
            if s > 0 and (low[s - 1] in _SEP and (s - 2) in unamb_ends or (s - 1) in unamb_ends):
                return True
            if e < n and (low[e] in _SEP and (e + 1) in unamb_starts or e in unamb_starts):
                return True
            # "Python, Go, and Rust" / "Django and/or React": two separators
            j = s - 1
            while j >= 0 and s - j <= 3 and low[j] in _SEP:
                j -= 1
            if s - j > 2 and j >= 0 and j in unamb_ends:
                return True
        return self._near(tk, rule, s, e, unamb)

    @staticmethod
    def _near(tk: _Tokens, rule: _Rule, s: int, e: int, unamb: list) -> bool:
        """A ``near`` skill, word or phrase of the rule within ``window`` tokens of [s, e)."""
        lo, hi = max(0, s - rule.window), min(tk.n, e + rule.window)
        if rule.near_skills and any(
            osid in rule.near_skills and os_ < hi and oe > lo for osid, os_, oe in unamb
        ):
            return True
        if rule.near_words:
            near, low = rule.near_hashes, tk.low
            for i in range(lo, hi):
                if low[i] in near and not (s <= i < e):
                    return True
        if rule.near_re is not None or rule.near_cjk is not None:
            window_text = tk.span_text(lo, hi).casefold()
            if rule.near_re is not None and rule.near_re.search(window_text):
                return True
            if rule.near_cjk is not None and rule.near_cjk.search(window_text):
                return True
        return False

    @staticmethod
    def _in_run(doc: Doc, tk: _Tokens, s: int, e: int, starts: set, ends: set, runs: tuple[dict, dict]) -> bool:
        """[s, e) sits in a run of skills with at least two list neighbours (``starts``/``ends``) in it.

        A run is candidates (ambiguous ones too) that follow each other directly or across at most two list
        separators ("node.js react go", "Java, Spring, and Hibernate"). A side of [s, e) without a neighbour
        must close the run: text boundary, punctuation, a capitalised word after lowercase ones (lost line
        break: "... java-ee spring Job description") or a list heading before it ("Technologies ios swift").
        "iOS and Android development accelerate your creativity" is no run for "accelerate".
        """
        by_start, by_end = runs
        low, n = tk.low, tk.n
        right = 0
        i = e
        for _ in range(8):
            j = i
            while j < n and j - i < 2 and low[j] in _SEP:
                j += 1
            if j not in by_start:
                break
            right += j in starts
            i = by_start[j]
        right_edge = i
        left = 0
        i = s
        for _ in range(8):
            j = i
            while j > 0 and i - j < 2 and low[j - 1] in _SEP:
                j -= 1
            if j not in by_end:
                break
            left += (j - 1) in ends
            i = by_end[j]
        left_edge = i
        if left + right < 2:
            return False
        if not right and right_edge < n and _latin_word(doc[right_edge]):
            if not (doc[right_edge].is_title and doc[e - 1].is_lower):
                return False
        if not left and left_edge > 0 and _latin_word(doc[left_edge - 1]):
            if low[left_edge - 1] not in _RUN_HEADINGS:
                return False
        return True

    @staticmethod
    def _chain(low, i: int, edges: set, *, forward: bool) -> bool:
        """Two more skills follow token ``i`` (forward) or precede it (backward), juxtaposed or separated;
        ``low``: the doc's ``LOWER`` hashes."""
        n = len(low)
        hops = 0
        while hops < 2:
            if forward:
                nxt = i if i in edges else (i + 1 if i < n and low[i] in _SEP and i + 1 in edges else None)
                if nxt is None:
                    return False
                # skip to the end of the skill starting at nxt (one token, or until the next separator/skill)
                i = nxt + 1
                while i < n and i not in edges and low[i] not in _SEP and i - nxt < 4:
                    i += 1
            else:
                prv = i - 1 if (i - 1) in edges else (i - 2 if i > 1 and low[i - 1] in _SEP and (i - 2) in edges else None)
                if prv is None:
                    return False
                i = prv
                while i > 0 and (i - 1) not in edges and low[i - 1] not in _SEP and prv - i < 3:
                    i -= 1
            hops += 1
        return True

    def __call__(self, doc: Doc) -> Doc:
        cands = doc._.skill_candidates or []
        if not cands:
            doc.spans[SPANS_KEY] = []
            doc._.skill_info = {}
            return doc
        if any(c[1] for c in cands):
            tk = _Tokens(doc, doc_text(doc))
            unamb = [(c[0], c[2], c[3]) for c in cands if not c[1]]
            # list neighbours: unambiguous skills, and ambiguous ones written exactly as in the taxonomy
            rules, default = self.rules, self._default
            neighbours = unamb + [
                (c[0], c[2], c[3])
                for c in cands
                if c[1] and (not rules.get(c[0], default).case_sensitive
                             or tk.span_text(c[2], c[3]) in rules.get(c[0], default).forms)
            ]
            ends = {e - 1 for _, _, e in neighbours}
            starts = {s for _, s, _ in neighbours}
            # every candidate, for walking runs of skills: start -> furthest end, end -> earliest start
            by_start: dict[int, int] = {}
            by_end: dict[int, int] = {}
            for c in cands:
                by_start[c[2]] = max(by_start.get(c[2], c[3]), c[3])
                by_end[c[3]] = min(by_end.get(c[3], c[2]), c[2])
            kept = []
            for c in cands:
                if not c[1]:
                    kept.append(c)
                    continue
                own_ends = ends - {c[3] - 1}
                own_starts = starts - {c[2]}
                if self._keep(doc, tk, c, own_ends, own_starts, unamb, (by_start, by_end)):
                    kept.append(c)
            cands = kept
        depth = self.depth
        # longest first, then deepest skill, then unambiguous
        cands = sorted(cands, key=lambda c: (c[2] - c[3], -depth.get(c[0], 0), c[1], c[2]))
        taken: set[int] = set()
        chosen = []
        for c in cands:
            s, e = c[2], c[3]
            if e - s == 1:
                if s in taken:
                    continue
                taken.add(s)
            else:
                if not taken.isdisjoint(range(s, e)):
                    continue
                taken.update(range(s, e))
            chosen.append(c)
        chosen.sort(key=lambda c: c[2])
        label_ids = self.label_ids
        spans = [Span(doc, s, e, label=label_ids.get(sid) or sid) for sid, _, s, e in chosen]
        doc.spans[SPANS_KEY] = spans
        # later components read these plain dicts, not Span objects (a Span costs an allocation per read); keyed by
        # the span's first token (spans do not overlap), an int, so a Doc survives to_bytes/from_bytes and DocBin
        doc._.skill_info = {
            sp.start: {"skill_id": sid, "start_char": sp.start_char, "end_char": sp.end_char}
            for sp, (sid, _, _, _) in zip(spans, chosen)
        }
        return doc

    def to_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> None:
        write_json(path, "config.json", self.config)

    def from_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> "SkillDisambiguator":
        self.set_config(read_json(path, "config.json"))
        return self


@Language.factory("skill_disambiguator")
def make_skill_disambiguator(nlp: Language, name: str) -> SkillDisambiguator:
    return SkillDisambiguator(nlp, name)
