"""Text from TXT and Markdown CVs: decode the bytes, and for Markdown drop the markup but keep the headings."""

from __future__ import annotations

import re

from skillgap.bytes_io import control_count, decode, looks_like_text, utf16_without_bom

__all__ = ["decode_text", "looks_like_text", "markdown_to_text", "text_with_nuls"]


def decode_text(data: bytes) -> str:
    """Decode a text CV's bytes (see ``skillgap.bytes_io.decode``)."""
    return decode(data).text


def text_with_nuls(data: bytes) -> tuple[str, str] | None:
    """Text from bytes holding NUL bytes, with a note saying what was done; None when the rest is not text either.

    UTF-16 without a byte-order mark is decoded as such; otherwise stray NULs (padding left by a broken export,
    a sync tool or a crash while saving) are dropped when everything else reads as text.
    """
    utf16 = utf16_without_bom(data)
    if utf16 is not None and looks_like_text(utf16.encode("utf-8")):
        return utf16, "it is UTF-16 text without a byte-order mark; it was read as UTF-16"
    nuls = data.count(0)
    rest = data.replace(b"\x00", b"")
    if not rest.strip():
        return None
    sample = rest[:1_000_000]
    controls = control_count(sample)
    if controls > max(2, len(sample) // 200):
        return None
    return decode_text(rest), f"it contained {nuls:,} NUL byte{'s' if nuls != 1 else ''}, which were dropped"


_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", re.MULTILINE)
_MD_SETEXT = re.compile(r"^[ \t]*(=+|-{3,})[ \t]*$", re.MULTILINE)
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_MD_EMPH = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\*)")
_MD_CODE = re.compile(r"`([^`\n]+)`")
_MD_FENCE = re.compile(r"^[ \t]*(```|~~~).*$", re.MULTILINE)
_MD_BULLET = re.compile(r"^([ \t]*)[*+][ \t]+", re.MULTILINE)
_MD_QUOTE = re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE)
_MD_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$", re.MULTILINE)
_MD_TABLE_EDGE = re.compile(r"^[ \t]*\|[ \t]*|[ \t]*\|[ \t]*$", re.MULTILINE)
_MD_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def markdown_to_text(md: str) -> str:
    """Plain text from Markdown: headings on their own lines, emphasis/code/link markup removed, URLs kept."""
    s = _MD_HTML_COMMENT.sub("", md)
    s = _MD_FENCE.sub("", s)
    s = _MD_HEADING.sub(r"\1", s)
    s = _MD_SETEXT.sub("", s)
    s = _MD_IMAGE.sub(r"\1", s)
    s = _MD_LINK.sub(lambda m: m.group(1) if m.group(1) == m.group(2) else f"{m.group(1)} ({m.group(2)})", s)
    s = _MD_EMPH.sub(lambda m: m.group(2) if m.group(2) is not None else m.group(3), s)
    s = _MD_CODE.sub(r"\1", s)
    s = _MD_BULLET.sub(r"\1- ", s)
    s = _MD_QUOTE.sub("", s)
    s = _MD_TABLE_RULE.sub("", s)
    s = _MD_TABLE_EDGE.sub("", s)
    return s
