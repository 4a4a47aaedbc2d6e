"""Text from TXT and Markdown CVs: decode the bytes, and for Markdown drop the markup but keep the headings."""

from __future__ import annotations

import codecs
import re

__all__ = ["decode_text", "looks_like_text", "markdown_to_text", "text_with_nuls"]


def decode_text(data: bytes) -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 (with BOM), else CP-1252 / Latin-1."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def looks_like_text(data: bytes) -> bool:
    """True when *data* is text in a common encoding rather than a binary format."""
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF8)):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls <= max(2, len(head) // 200)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark: NUL in every other byte (ASCII-range text), else None."""
    head = data[: 8192 - 8192 % 2]
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.4 * len(zeros) and other.count(0) <= 0.02 * len(other):
            try:
                return data[: len(data) - len(data) % 2].decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def text_with_nuls(data: bytes) -> tuple[str, str] | None:
    """Text from bytes holding NUL bytes, with a note saying what was done; None when the rest is not text either.

    UTF-16 without a byte-order mark is decoded as such; otherwise stray NULs (padding left by a broken export,
    a sync tool or a crash while saving) are dropped when everything else reads as text.
    """
    utf16 = _utf16_without_bom(data)
    if utf16 is not None and looks_like_text(utf16.encode("utf-8")):
        return utf16, "it is UTF-16 text without a byte-order mark; it was read as UTF-16"
    nuls = data.count(0)
    rest = data.replace(b"\x00", b"")
    if not rest.strip():
        return None
    sample = rest[:1_000_000]
    controls = sum(sample.count(bytes([b])) for b in range(32) if b not in (9, 10, 12, 13))
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
