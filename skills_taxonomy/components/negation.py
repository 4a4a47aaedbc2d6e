"""``skill_negation``: mark skills the posting says are not needed ("no Kubernetes experience needed").

Cues are generic (code, not taxonomy): a negator a few words before the skill in the same clause
("no", "without", "don't need"), or "not required/needed" after it. "X is a plus but not required"
is a nice-to-have, not a negation: the requirement level becomes False instead.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from skills_taxonomy.tokenizer import doc_text
from skills_taxonomy.components.common import (
    AnchorHits,
    BatchedPipe,
    anchor_group,
    any_between,
    doc_anchors,
    doc_lower,
    ensure_extensions,
)

ensure_extensions()

# the negator, then at most two words (skills in a list, "prior") before the skill
_BEFORE = re.compile(
    r"(?:\b(?:no|without|zero|nor)|\b(?:don't|do not|doesn't|does not|won't|will not|not)\s+"
    r"(?:need|require|expect|ask for)(?:\s+(?:to know|you to know|any))?|\bno need (?:for|to know))"
    r"\s+(?:(?:prior|previous|professional|any|existing|deep|formal)\s+)?(?:[\w.+#/-]+\s+(?:or\s+|and\s+)?){0,2}$",
    re.IGNORECASE,
)
_AFTER = re.compile(
    r"^[\w\s.+#/,-]{0,40}?\b(?:(?:is|are)\s+)?(?:not|n't|never)\s+(?:required|needed|necessary|a requirement|a must|expected)"
    r"|^[\w\s.+#/,-]{0,30}?\b(?:not required|unnecessary)",
    re.IGNORECASE,
)
_ANY_CUE = re.compile(r"\b(?:no|not|without|zero|nor|never|unnecessary)\b|n't", re.IGNORECASE)
# what a match of _ANY_CUE starts with: a word start (``\b``) for these ("nor", "not" start with "no"), anywhere
# for "n't"
_CUE_WORDS = ("no", "without", "zero", "never", "unnecessary")
NEGATOR_WORDS = anchor_group("negator_words", _CUE_WORDS)
NEGATOR_NT = anchor_group("negator_nt", ("n't",))
_BEFORE_HINTS = ("no", "without", "zero", "nor", "n't", "not")
_AFTER_HINTS = ("not", "n't", "never", "unnecessary")
_SOFTENER = re.compile(r"\b(?:plus|bonus|nice|preferred|helpful|advantage|welcome)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:()\[\]]|\bbut\b", re.IGNORECASE)


def negator_offsets(text: str, low: str, hits: AnchorHits | None = None) -> list[int]:
    """Sorted offsets where an ``_ANY_CUE`` match could start (``low``: the ``lower_view`` of ``text``, ``hits``: its
    ``AnchorHits`` when the caller has them, else it is scanned here): a sentence without one has no negator, whatever the regex would
    say, so it is never searched."""
    if hits is None:
        hits = AnchorHits.of(low)
    out = [p for p in hits.positions(NEGATOR_WORDS) if p == 0 or not (text[p - 1].isalnum() or text[p - 1] == "_")]
    out += hits.positions(NEGATOR_NT)
    out.sort()
    return out


def negation_state(before: str, after: str) -> str:
    """"negated", "optional" (a plus but not required) or "" for the text around one skill in its clause."""
    low_before, low_after = before.lower(), after.lower()
    if any(w in low_before for w in _BEFORE_HINTS) and _BEFORE.search(before):
        return "optional" if _SOFTENER.search(after) else "negated"
    if any(w in low_after for w in _AFTER_HINTS) and _AFTER.search(after):
        return "optional" if _SOFTENER.search(before + " " + after) else "negated"
    return ""


class SkillNegation(BatchedPipe):
    """Set ``negated`` (and soften ``required``) in ``doc._.skill_info``."""

    def __init__(self, nlp: Language, name: str = "skill_negation"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        info = doc._.skill_info
        if not info:
            return doc
        text = doc_text(doc)
        low = doc_lower(doc)
        negators = negator_offsets(text, low, doc_anchors(doc)) if low is not None else None
        has_cue: dict[tuple[int, int], bool] = {}  # most sentences have no negator at all: check each once
        for meta in info.values():
            if "sent_start" not in meta:
                continue
            key = (meta["sent_start"], meta["sent_end"])
            if key not in has_cue:
                has_cue[key] = (negators is None or any_between(negators, key[0], key[1])) and bool(
                    _ANY_CUE.search(text, key[0], key[1])
                )
            if not has_cue[key]:
                continue
            before = text[meta["sent_start"] : meta["start_char"]]
            cut = list(_CLAUSE_BREAK.finditer(before))
            if cut:
                before = before[cut[-1].end() :]
            after = text[meta["end_char"] : meta["sent_end"]]
            m = _CLAUSE_BREAK.search(after)
            after_clause = after[: m.start()] if m else after
            state = negation_state(before[-80:], after_clause[:80])
            if state == "negated" and not _SOFTENER.search(after):
                meta["negated"] = True
            elif state:
                meta["required"] = False
        return doc

    def to_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> "SkillNegation":
        return self


@Language.factory("skill_negation")
def make_skill_negation(nlp: Language, name: str) -> SkillNegation:
    return SkillNegation(nlp, name)
