"""Plain-text normalisation for posting descriptions and CV text.

Everything here is a pure ``str -> str`` function, cheap enough to run on a million postings: regexes are
compiled at import, and each function returns early when the input has nothing for it to do.
"""

from __future__ import annotations

import ast
import hashlib
import html
import re
import unicodedata

__all__ = [
    "clean_text",
    "fix_mojibake",
    "html_outline",
    "html_to_text",
    "looks_like_html",
    "normalize_title",
    "python_list_repr_to_text",
    "text_fingerprint",
    "text_fingerprints",
]

# --------------------------------------------------------------------------------------------------- HTML

# Tags we understand; anything else that looks like a tag is dropped (its text is kept).
# Only real HTML element names count as tags, so decoded text such as "email me <at> example <dot> com" or
# "Subject: <Job Title>" survives a second pass unchanged (html_to_text and clean_text stay idempotent).
_TAG_NAMES = (
    r"(?:a|abbr|address|article|aside|b|big|blockquote|body|br|caption|center|cite|code|col|colgroup|dd|del|details|"
    r"dfn|div|dl|dt|em|figcaption|figure|font|footer|h[1-6]|head|header|hr|html|i|img|ins|kbd|label|li|link|main|"
    r"mark|meta|nav|ol|p|pre|q|s|samp|section|small|span|strike|strong|sub|summary|sup|table|tbody|td|tfoot|th|"
    r"thead|title|tr|tt|u|ul|var|wbr|script|style|noscript|iframe|form|input|button|select|option|textarea|svg)"
)
_TAG_HINT = re.compile(r"</?" + _TAG_NAMES + r"(?:\s[^<>]*)?/?>|<!--", re.IGNORECASE)
_ENTITY_HINT = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]{1,31});")
_ENTITY_HINT_BYTES = re.compile(_ENTITY_HINT.pattern.encode("ascii"))
# A "<" that does not open a known tag (or a comment) is text: escaped before parsing, the parser keeps it.
_BARE_LT = re.compile(r"<(?!/?" + _TAG_NAMES + r"(?:\s[^<>]*)?/?>|!--)", re.IGNORECASE)
_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 ul ol dl table blockquote section article header footer hr nav main aside figure "
    "address details summary form center".split()
)
_LINE_TAGS = frozenset("br tr dt dd caption figcaption".split())
_CELL_TAGS = frozenset("td th".split())
_DROPPED_TAGS = frozenset(("script", "style"))
# What an element adds before and after its text.
_EDGES = {
    **{t: ("\n\n", "\n\n") for t in _BLOCK_TAGS},
    **{t: ("\n", "\n") for t in _LINE_TAGS},
    **{t: (" ", " ") for t in _CELL_TAGS},
    "li": ("\n- ", ""),
    "br": ("\n", ""),  # a void element: one line break, where the tag stood
}
_SPECIAL_WS = "\t\f\v\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_SPACES = re.compile(" {2,}")
_MANY_NEWLINES = re.compile(r"\n\n\n+")  # literal prefix: much faster to scan than \n{3,}
_PRE_MARK = "\ue000PRE%d\ue001"  # private-use characters: cannot come from the markup around them
_PRE_MARK_RE = re.compile("\ue000PRE(\\d+)\ue001")
# HN escapes every "/" and "'" — decode the frequent ones with str.replace before the (slower) general pass.
_FAST_ENTITIES = (("&#x2F;", "/"), ("&#x27;", "'"), ("&quot;", '"'), ("&#39;", "'"), ("&nbsp;", " "))


def looks_like_html(s: str) -> bool:
    """True when *s* contains at least one HTML tag (a known element name) or character entity."""
    if "<" not in s and "&" not in s:
        return False
    return bool(_TAG_HINT.search(s) or _ENTITY_HINT.search(s))


def _unescape(s: str) -> str:
    if "&" not in s:
        return s
    for ent, ch in _FAST_ENTITIES:
        if ent in s:
            s = s.replace(ent, ch)
    return html.unescape(s) if "&" in s else s


def _collapse_ws(s: str) -> str:
    """Collapse whitespace within lines, drop spaces at line edges, keep at most one blank line.

    str.replace loops guarded by ``in`` checks: several times faster than one regex with a Unicode class.
    """
    for ch in _SPECIAL_WS:
        if ch in s:
            s = s.replace(ch, " ")
    if "  " in s:
        s = _SPACES.sub(" ", s)
    if " \n" in s:
        s = s.replace(" \n", "\n")
    if "\n " in s:
        s = s.replace("\n ", "\n")
    if "\n\n\n" in s:
        s = _MANY_NEWLINES.sub("\n\n", s)
    return s.strip("\n ")


def _anchor_text(node) -> str:
    text = node.text(deep=True).replace("\n", " ").strip()
    href = (node.attributes.get("href") or "").strip()
    if not text:
        return href
    # HN truncates long link text to "https://example.com/very/lo..." — keep the full URL instead.
    if href and text.endswith(("...", "\u2026")):
        stem = text.rstrip(".\u2026")
        if href.startswith(stem) or stem.startswith(("http://", "https://", "www.")):
            return href
    return text


def _children(node) -> list:
    out = []
    child = node.child
    while child is not None:
        out.append(child)
        child = child.next
    return out


def _render(root, *, edges: dict[str, tuple[str, str]], text_of, pres: list[str] | None = None,
            dropped: frozenset[str] = _DROPPED_TAGS) -> str:
    """The text of a parsed tree, each element's text between its *edges*; *text_of* shapes text nodes.

    With *pres* (the ``html_to_text`` mode) links become their text or full URL and ``<pre>`` bodies are set aside
    in *pres* (a mark stands in their place). Iterative, so nesting depth is unbounded.
    """
    out: list[str] = []
    stack: list = [*reversed(_children(root))]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            out.append(node)
            continue
        tag = node.tag
        if tag == "-text":
            out.append(text_of(node.text_content))
        elif tag == "-comment" or tag is None:
            continue
        elif tag in dropped:
            out.append(" ")
        elif pres is not None and tag == "a":
            out.append(_anchor_text(node))
        elif pres is not None and tag == "pre":
            pres.append(node.text(deep=True).strip("\n"))
            out.append("\n\n" + _PRE_MARK % (len(pres) - 1) + "\n\n")
        else:
            before, after = edges.get(tag, ("", ""))
            out.append(before)
            stack.append(after)
            stack.extend(reversed(_children(node)))
    return "".join(out)


def _one_line(s: str) -> str:
    return s.replace("\n", " ")


def html_to_text(s: str) -> str:
    """Turn HN-style HTML into plain text, parsed by lexbor (selectolax).

    Paragraphs become blank-line separated, ``<br>`` and list items become single lines (list items keep a
    "- " bullet), link text is kept (the full URL replaces HN's truncated "https://x.com/..." text), ``<pre>``
    blocks keep their line structure, entities are decoded and whitespace is collapsed within lines. Only real
    HTML element names count as tags, so decoded text such as "<at>" or "<Your Name>" is kept. Text without
    tags or entities is returned unchanged.
    """
    if not s or not looks_like_html(s):
        return s
    out = s.replace("\r\n", "\n").replace("\r", "\n") if "\r" in s else s
    if "<" not in out:  # entities only: no parse needed
        return _collapse_ws(_unescape(out.replace("\n", " ")))
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(_BARE_LT.sub("&lt;", out))
    pres: list[str] = []
    out = _collapse_ws(_render(tree.root, edges=_EDGES, text_of=_one_line, pres=pres))
    if pres:
        out = _PRE_MARK_RE.sub(lambda m: pres[int(m.group(1))] if int(m.group(1)) < len(pres) else "", out)
    return out


_OUTLINE_EDGES = {
    **{t: ("\n", "\n") for t in "p div tr section article ul ol table blockquote header footer".split()},
    **{f"h{n}": ("\n" + "#" * n + " ", "\n") for n in range(1, 7)},
    "li": ("\n- ", "\n"),
    "br": ("\n", ""),
}
_WS_RUN = re.compile(r"\s+")


def html_outline(s: str) -> str:
    """A whole HTML page as outline text: headings as Markdown "#" lines, list items as "- " lines, one line per
    block; script, style and noscript dropped; entities decoded; whitespace runs in text become one space."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(s)
    return _render(tree.root, edges=_OUTLINE_EDGES, text_of=lambda t: _WS_RUN.sub(" ", t),
                   dropped=frozenset(("script", "style", "noscript")))


# --------------------------------------------------------------------------------------------------- mojibake

# Characters that show up when UTF-8 bytes were decoded as Latin-1 / CP-1252: lead bytes Ã Â â Ä Å Æ Ð Ñ Ø Ù etc.
# followed by a continuation-range char. A cheap pre-check before calling ftfy.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)

# "â¢" is "•" (E2 80 A2) and "â¦" is "…" (E2 80 A6) with the 0x80 byte lost; not followed by another
# continuation-range character (which would make it an intact sequence for ftfy).
_LOSSY = {"â¢": "•", "â¦": "…"}
_LOSSY_RE = re.compile("â[¢¦](?![\u0080-\u00bf])")

_ftfy_config = None


def _ftfy_fix(s: str) -> str:
    global _ftfy_config
    import ftfy

    if _ftfy_config is None:
        _ftfy_config = ftfy.TextFixerConfig(
            unescape_html=False,
            remove_terminal_escapes=False,
            fix_encoding=True,
            restore_byte_a0=False,  # True turns "â¢ x" into a Braille "⢠x"; the lossy forms are handled below
            replace_lossy_sequences=True,
            decode_inconsistent_utf8=True,
            fix_c1_controls=True,
            fix_latin_ligatures=False,
            fix_character_width=False,
            uncurl_quotes=False,
            fix_line_breaks=False,
            fix_surrogates=True,
            remove_control_chars=False,
            normalization=None,
            explain=False,
        )
    return ftfy.fix_text(s, config=_ftfy_config)


def fix_mojibake(s: str) -> str:
    """Repair text whose UTF-8 bytes were decoded as Latin-1/CP-1252 ("NaÃ¯ve" -> "Naïve", "â€™" -> "’").

    Uses ftfy with only its encoding fixes switched on (no quote uncurling, width or ligature changes, no HTML
    unescaping), so correct text — including CJK — comes back unchanged. Returns *s* itself when it contains no
    telltale mojibake characters (the common case).
    """
    if not s or s.isascii() or not _MOJIBAKE_HINT.search(s):
        return s
    if "â" in s:
        # Lossy forms whose middle byte (0x80) was dropped by some earlier tool: ftfy cannot know what is missing.
        s = _LOSSY_RE.sub(lambda m: _LOSSY[m.group()], s)
    try:
        fixed = _ftfy_fix(s)
    except Exception:  # pragma: no cover - ftfy is defensive; never let normalisation fail a load
        return s
    if fixed != s and _implausible_fix(s, fixed):
        return s
    return fixed


# Scripts that a one-off "fix" should not introduce into Latin/CJK text: Armenian..NKo..Indic, Braille, private use.
_RARE_SCRIPT = re.compile("[\u0530-\u1dff\u2800-\u28ff\ue000-\uf8ff]")


def _implausible_fix(before: str, after: str) -> bool:
    """True when ftfy's result only adds one or two characters of an unrelated script ("ß€" -> "߀" NKo).

    Genuinely double-encoded Hebrew/Arabic/Indic text produces many such characters and is still repaired."""
    new_rare = _RARE_SCRIPT.findall(after)
    if not new_rare:
        return False
    old_rare = set(_RARE_SCRIPT.findall(before))
    added = [ch for ch in new_rare if ch not in old_rare]
    return 0 < len(added) <= 2


# --------------------------------------------------------------------------------------------------- clean_text

# C0/C1 controls except \t and \n (\r is normalised before this runs), plus zero-width/BOM characters.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u2028\u2029\ufeff]")
_TRAILING_WS = re.compile(r"[ \t]+\n")


def _strip_controls(s: str) -> str:
    # Guard: a string that is printable once \n and \t are removed has no control/format chars (cheap C loops;
    # a regex character-class scan costs ~30 ns per char on CPython).
    if s.replace("\n", "").replace("\t", "").isprintable():
        return s
    return _CONTROL.sub("", s)


def _clean_once(s: str) -> str:
    # Mojibake first: C1 "controls" such as \x9d are often the last byte of a mis-decoded character ("â€\x9d").
    out = fix_mojibake(s)
    if "\r" in out:
        out = out.replace("\r\n", "\n").replace("\r", "\n")
    out = _strip_controls(out)
    if looks_like_html(out):
        out = _strip_controls(html_to_text(out))
    if " \n" in out or "\t\n" in out:
        out = _TRAILING_WS.sub("\n", out)
    if "\n\n\n" in out:  # whitespace-only lines are empty by now
        out = _MANY_NEWLINES.sub("\n\n", out)
    return out.strip()


def clean_text(s: str | None) -> str:
    """Normalise any description/CV text: mojibake, line endings, control chars, blank-line runs, HTML.

    ``None`` becomes "". Idempotent: ``clean_text(clean_text(x)) == clean_text(x)`` (when a step exposes new work
    for an earlier one — e.g. removing a control char completes a mojibake sequence — the steps are repeated).
    """
    if not s:
        return ""
    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    out = _clean_once(s)
    for _ in range(4):
        if not (_MOJIBAKE_HINT.search(out) or looks_like_html(out)):
            break
        again = _clean_once(out)
        if again == out:
            break
        out = again
    return out


# --------------------------------------------------------------------------------------------------- list repr

_LIST_REPR_START = re.compile(r"^\s*\[\s*(?:'|\")")
# One Python string literal (single or double quoted) with backslash escapes.
_PY_STR = re.compile(r"""'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)\"""", re.DOTALL)
_MAX_LITERAL_EVAL = 200_000
_ESCAPES = re.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|U[0-9a-fA-F]{8}|.)", re.DOTALL)
_SIMPLE_ESC = {"n": "\n", "t": "\t", "r": "\n", "\\": "\\", "'": "'", '"': '"', "0": ""}


def _unescape_py(body: str) -> str:
    if "\\" not in body:
        return body

    def _one(m: re.Match[str]) -> str:
        code = m.group(1)
        if code[0] in "uxU" and len(code) > 1:
            try:
                return chr(int(code[1:], 16))
            except ValueError:
                return code
        return _SIMPLE_ESC.get(code, "\\" + code)

    return _ESCAPES.sub(_one, body)


def _join_paragraphs(parts: list[str]) -> str:
    paras = [p.strip() for p in parts]
    return "\n\n".join(p for p in paras if p)


def python_list_repr_to_text(s: str) -> str | None:
    """Turn "['About Us', 'We are...']" (a Python list repr of paragraphs) into paragraphs joined by blank lines.

    Uses ``ast.literal_eval`` for well-formed reprs up to 200 kB and a tolerant string-literal scan for truncated or
    oversized ones. Returns ``None`` when *s* is not such a repr.
    """
    if not s or not _LIST_REPR_START.match(s):
        return None
    stripped = s.strip()
    if len(stripped) <= _MAX_LITERAL_EVAL and stripped.endswith("]"):
        try:
            value = ast.literal_eval(stripped)
        except (ValueError, SyntaxError, MemoryError, RecursionError, TypeError):
            value = None
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return _join_paragraphs(value)
    # Tolerant path: collect string literals in order; a final unterminated one is kept too.
    parts: list[str] = []
    pos = stripped.index("[") + 1
    n = len(stripped)
    while pos < n:
        m = _PY_STR.match(stripped, pos)
        if m:
            body = m.group(1) if m.group(1) is not None else m.group(2)
            parts.append(_unescape_py(body))
            pos = m.end()
            # skip separators
            while pos < n and stripped[pos] in " ,\n\t\r":
                pos += 1
            if pos < n and stripped[pos] == "]":
                break
            continue
        ch = stripped[pos]
        if ch in "'\"":  # unterminated final literal (truncated export)
            parts.append(_unescape_py(stripped[pos + 1 :].rstrip("]").rstrip()))
            break
        pos += 1
    if not parts:
        return None
    return _join_paragraphs(parts)


# --------------------------------------------------------------------------------------------------- titles

_SENIORITY = [
    (re.compile(r"\bsr\b\.?"), "senior"),
    (re.compile(r"\bsnr\b\.?"), "senior"),
    (re.compile(r"\bjr\b\.?"), "junior"),
    (re.compile(r"\bjnr\b\.?"), "junior"),
    (re.compile(r"\bmgr\b\.?"), "manager"),
    (re.compile(r"\beng\b\.?"), "engineer"),
    (re.compile(r"\bdev\b\.?"), "developer"),
    (re.compile(r"\bassoc\b\.?"), "associate"),
    (re.compile(r"\bprin\b\.?"), "principal"),
    (re.compile(r"\bmid[\s-]+level\b"), "mid"),
]
_ROMAN_LEVEL = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5"}
_TITLE_PUNCT = re.compile(r"[^\w+#]+")  # keep c++, c#, .net-ish tokens' symbols
_TITLE_PARENS = re.compile(r"\((?:m|f|d|w|x|all genders?|m/f/d|m/w/d|f/m/d|h/f|f/h)(?:\s*/\s*\w+)*\)", re.IGNORECASE)


def normalize_title(s: str | None) -> str:
    """A dedup key for job titles: casefolded, abbreviations expanded ("Sr." -> "senior"), punctuation removed.

    "Sr. Data Scientist (m/f/d)" and "senior data-scientist" both give "senior data scientist".
    Roman level numbers ("Engineer II") become digits.
    """
    if not s:
        return ""
    t = unicodedata.normalize("NFKC", str(s))
    t = _TITLE_PARENS.sub(" ", t)
    t = t.casefold()
    for pat, repl in _SENIORITY:
        t = pat.sub(repl, t)
    t = _TITLE_PUNCT.sub(" ", t)
    words = [_ROMAN_LEVEL.get(w, w) if i else w for i, w in enumerate(t.split())]
    return " ".join(words).replace("_", " ").strip()


# --------------------------------------------------------------------------------------------------- fingerprint

_WORDS = re.compile(r"[^\W_]+")
# [0-9a-z] stay, [A-Z] become lowercase, every other byte becomes a space.
_FP_ASCII_TABLE = bytes(c if (48 <= c <= 57 or 97 <= c <= 122) else c + 32 if 65 <= c <= 90 else 32 for c in range(256))
FINGERPRINT_WORDS = 200
# Non-ASCII characters that are word separators for the general path (not letters/digits, and NFKC keeps them
# separators): replacing them by spaces keeps the fingerprint and lets the text take the ASCII fast path.
_FP_SEPARATORS = (
    "\u2019\u2018\u201c\u201d\u2013\u2014\u2022\u2026\u00b7\u00a0\u2012\u2015\u201a\u201e\u2032\u00ab\u00bb\u25cf"
    "\u25aa\u2023\u2043\u2212\u00a3\u20ac\u20b9\u00a5\u00a2\u00a9\u00ae\u00a7\u00b6"
)
# Bytes per word that nearly always hold the first FINGERPRINT_WORDS words of a posting (checked, not assumed).
_FP_BYTES_PER_WORD = 12


def _fp_hash(tokens: bytes) -> str:
    return hashlib.blake2b(tokens, digest_size=8).hexdigest()


def _fp_ascii(b: bytes, words: int) -> str:
    """The fingerprint of ASCII bytes: one C-level translate (lowercase, non-word bytes -> spaces), one split."""
    head = words * _FP_BYTES_PER_WORD
    if len(b) > head:
        # When a (words+1)-th piece follows within the head, the first *words* pieces are whole words.
        toks = b[:head].translate(_FP_ASCII_TABLE).split(None, words)
        if len(toks) > words:
            toks.pop()
            return _fp_hash(b" ".join(toks))
    return _fp_hash(b" ".join(b.translate(_FP_ASCII_TABLE).split(None, words)[:words]))


def text_fingerprint(s: str | None, *, words: int = FINGERPRINT_WORDS) -> str:
    """A stable 16-hex-char hash of a description's first *words* alphanumeric words (lowercased, HTML removed).

    The same post captured twice with different whitespace, HTML markup, entities or punctuation gets the same
    fingerprint. ASCII text (also after common typographic separators become spaces) takes a byte-level fast path
    with the same result as the general Unicode path (NFKC, casefold, ``[^\W_]+`` words).
    """
    if not s:
        return _fp_hash(b"")
    t = s
    if looks_like_html(t):
        t = html_to_text(t)
    if not t.isascii():
        stripped = t
        for c in _FP_SEPARATORS:
            if c in stripped:
                stripped = stripped.replace(c, " ")
        if stripped.isascii():
            t = stripped
    if t.isascii():
        return _fp_ascii(t.encode("ascii"), words)
    rest = unicodedata.normalize("NFKC", t).casefold()
    toks: list[str] = []
    # str.split + isalnum handles the common token without a regex; only tokens with punctuation are re-split.
    # Split in chunks of *words* pieces so a long description is not split in full.
    while rest and len(toks) < words:
        parts = rest.split(None, words)
        rest = parts.pop() if len(parts) > words else ""
        for tok in parts:
            if tok.isalnum():
                toks.append(tok)
            else:
                toks.extend(_WORDS.findall(tok))
    toks = toks[:words]
    return _fp_hash(" ".join(toks).encode("utf-8"))


def text_fingerprints(texts, *, words: int = FINGERPRINT_WORDS) -> list[str | None]:
    """``text_fingerprint`` of each text of an iterable of str (or a polars String Series); None for null/empty.

    A polars Series is read as UTF-8 bytes: ASCII rows without HTML (no ``<``, and no entity such as ``&amp;``;
    a plain "R&D" is fine) go straight to the byte-level path without a Python ``str`` per row. (A polars-regex
    tokeniser was tried and was slower than this path; inlining ``_fp_ascii`` gained nothing.)
    """
    fp = text_fingerprint
    cast = getattr(texts, "cast", None)
    if cast is None:
        return [fp(t, words=words) if t else None for t in texts]
    import polars as pl

    # Without "<" only an entity makes ASCII text HTML; the bytes pattern matches exactly where the str one does.
    entity = _ENTITY_HINT_BYTES
    out: list[str | None] = []
    for b in cast(pl.Binary).to_list():
        if not b:
            out.append(None)
        elif b.isascii() and b"<" not in b and (b"&" not in b or entity.search(b) is None):
            out.append(_fp_ascii(b, words))
        else:
            out.append(fp(b.decode("utf-8"), words=words))
    return out
