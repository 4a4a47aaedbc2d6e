"""CV-specific text clean-up on top of ``skillgap.normalize.text.clean_text``.

CVs bring a few things postings do not: words hyphenated at line ends by a PDF or a narrow column ("experi-\nence"),
soft hyphens, bullet glyphs from symbol fonts, and the double-encoded bullet "â¢" on its own (ftfy cannot tell it from
real text when nothing else in the CV is broken, so it is repaired here before the general fix runs).
"""

from __future__ import annotations

import re

from skillgap.normalize.text import clean_text

__all__ = ["clean_cv_text", "dehyphenate"]

# "â¢" / "â€¢" / "â\x80¢" is UTF-8 "•" read as CP-1252 or Latin-1.
_BROKEN_BULLET = re.compile("\u00e2(?:\u20ac|\u0080)?\u00a2")
_SOFT_HYPHEN = "\u00ad"
# Private-use bullets from Symbol/Wingdings fonts (Word exports them from bulleted lists).
_PUA_BULLETS = re.compile("[\uf0a7\uf0b7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf0be]")
# A lowercase word broken at a line end: "experi-\nence". Hyphens kept for real compounds ("well-\nknown").
_HYPHEN_BREAK = re.compile(r"(\b[^\W\d_]*[a-z])-[ \t]*\n[ \t]*([a-z][^\W\d_]*)[ \t]*")
_KEEP_HYPHEN_PREFIXES = frozenset(
    "well self non co cross multi full part high low long short end real open semi sub pre post re e "
    "state up down top hands data cloud client server front back test user cost time team fast".split()
)
# "Python- Exprience - 24 months" rows of exported résumés: the hyphen glued to the skill name hides it from the
# tokenizer, so it gets its own space.
_SKILL_ROW_HYPHEN = re.compile(r"(\S)-[ \t]+(?=Exp[e]?rience[ \t]*-)", re.IGNORECASE)
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
_LIGATURE_RE = re.compile("[\ufb00-\ufb04]")


def dehyphenate(s: str) -> str:
    """Join words split at line ends: "experi-\\nence" -> "experience\\n"; "well-\\nknown" -> "well-known\\n".

    The line break moves to after the joined word so the number of lines stays the same.
    """
    if "-" not in s:
        return s

    def _join(m: re.Match[str]) -> str:
        head, tail = m.group(1), m.group(2)
        last_part = head.rsplit("-", 1)[-1].casefold()
        if last_part in _KEEP_HYPHEN_PREFIXES or not head.islower():
            return f"{head}-{tail}\n"
        return f"{head}{tail}\n"

    return _HYPHEN_BREAK.sub(_join, s)


def clean_cv_text(raw: str) -> str:
    """Clean text extracted from any CV format: mojibake, controls, bullets, ligatures, line-end hyphenation."""
    if not raw:
        return ""
    s = _BROKEN_BULLET.sub("\u2022", raw)
    s = s.replace(_SOFT_HYPHEN + "\n", "").replace(_SOFT_HYPHEN, "")
    s = clean_text(s)
    if "\u00e2" in s:  # clean_text can itself reveal one ("Ã¢¢" -> "â¢")
        s = _BROKEN_BULLET.sub("\u2022", s)
    s = _PUA_BULLETS.sub("\u2022", s)
    if _LIGATURE_RE.search(s):
        s = _LIGATURE_RE.sub(lambda m: _LIGATURES[m.group(0)], s)
    s = dehyphenate(s)
    if "xp" in s:
        s = _SKILL_ROW_HYPHEN.sub(r"\1 - ", s)
    return s.strip()
