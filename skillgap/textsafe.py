"""Make user-supplied text safe to show and to export (no markup, no formulas)."""

from __future__ import annotations

import re

# Every character Markdown, HTML or Streamlit's directives (:red[..], :material/..:, $math$) give meaning to.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_markdown(text: str | None) -> str:
    """Escape every Markdown/HTML control character so text renders literally (no links, images, HTML)."""
    if not text:
        return ""
    return _MD_SPECIAL.sub(r"\\\1", text)


def highlight_markdown(sentence: str, start: int, end: int) -> str:
    """Escape a sentence and bold the span [start, end) within it."""
    start, end = max(0, start), min(len(sentence), end)
    if start >= end:
        return escape_markdown(sentence)
    return (
        escape_markdown(sentence[:start])
        + "**"
        + escape_markdown(sentence[start:end])
        + "**"
        + escape_markdown(sentence[end:])
    )


def csv_safe(value: object) -> object:
    """Neutralise spreadsheet formula injection in a CSV cell (=, +, -, @ at the start)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
