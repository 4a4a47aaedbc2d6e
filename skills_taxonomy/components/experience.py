"""``skill_experience``: years of experience attached to a skill ("5+ years of Python", "Go (3 yrs)").

A years phrase applies to skills in the same sentence that follow it ("5+ years of experience with
Python and Django" -> both) or directly precede it ("Python: 3+ years").
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from skills_taxonomy.tokenizer import doc_text
from skills_taxonomy.components.common import BatchedPipe, anchor_group, any_between, doc_anchors, ensure_extensions

ensure_extensions()

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "twelve": 12, "fifteen": 15,
}
# The lookahead is what every match starts with (a digit or the first letter of a number word): the engine tests one
# character class at each offset instead of trying the whole case-insensitive alternation there (about half the time).
YEARS_START = r"(?=[\dotfsen])"
YEARS = re.compile(
    YEARS_START + r"(?P<lo>\d{1,2}(?:\.\d)?|" + "|".join(_NUMBER_WORDS) + r")\s*(?:\+|plus)?\s*"
    r"(?:(?:-|–|to)\s*\d{1,2}\s*\+?\s*)?(?:\(\s*\d+\s*\)\s*)?(?:years?|yrs?)\b(?P<tail>[^.;\n]{0,25})",
    re.IGNORECASE,
)
_EXPERIENCE_TAIL = re.compile(
    r"^\s*(?:'|’)?\s*(?:of|with|in|using|working|professional|hands|industry|commercial|relevant|experience|exp\b|\)|$|[,:])",
    re.IGNORECASE,
)
# every match of YEARS holds one of these, in any case ("5+ Years", "3 YRS")
YEARS_WORDS = anchor_group("years_words", ("year", "yr"))
_NOT_EXPERIENCE = re.compile(r"^\s*(?:old|ago|in business|of age|running)", re.IGNORECASE)


def years_phrases(sentence: str) -> list[tuple[int, int, float]]:
    """(start, end, years) of each years-of-experience phrase in a sentence."""
    out = []
    for m in YEARS.finditer(sentence):
        tail = m.group("tail")
        if _NOT_EXPERIENCE.match(tail) or not _EXPERIENCE_TAIL.match(tail):
            continue
        raw = m.group("lo").lower()
        value = float(_NUMBER_WORDS.get(raw, raw) if raw in _NUMBER_WORDS else raw)
        out.append((m.start(), m.end("tail") - len(tail), value))
    return out


class SkillExperience(BatchedPipe):
    """Set ``years`` in ``doc._.skill_info`` when a years phrase belongs to the skill."""

    def __init__(self, nlp: Language, name: str = "skill_experience"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        info = doc._.skill_info
        if not info:
            return doc
        text = doc_text(doc)
        hits = doc_anchors(doc)
        year_pos = hits.positions(YEARS_WORDS) if hits is not None else None
        if year_pos is not None and not year_pos:
            return doc  # no "year" or "yr" anywhere, in any case
        cache: dict[tuple[int, int], list] = {}
        for meta in info.values():
            if "sent_start" not in meta:
                continue
            bounds = (meta["sent_start"], meta["sent_end"])
            if bounds not in cache:
                sentence = text[bounds[0] : bounds[1]]
                if year_pos is not None:
                    hinted = any_between(year_pos, bounds[0], bounds[1])
                else:
                    low = sentence.lower()
                    hinted = "year" in low or "yr" in low
                cache[bounds] = years_phrases(sentence) if hinted else []
            phrases = cache[bounds]
            if not phrases:
                continue
            sc, ec = meta["start_char"] - bounds[0], meta["end_char"] - bounds[0]
            best = None
            for ps, pe, value in phrases:
                if pe <= sc and sc - pe <= 90:
                    dist = sc - pe
                elif ps >= ec and ps - ec <= 12:
                    dist = ps - ec
                else:
                    continue
                if best is None or dist < best[0]:
                    best = (dist, value)
            if best:
                meta["years"] = best[1]
        return doc

    def to_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> "SkillExperience":
        return self


@Language.factory("skill_experience")
def make_skill_experience(nlp: Language, name: str) -> SkillExperience:
    return SkillExperience(nlp, name)
