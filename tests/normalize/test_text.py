"""html_to_text, fix_mojibake, clean_text, python_list_repr_to_text, normalize_title, text_fingerprint."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillgap.normalize.text import (
    clean_text,
    fix_mojibake,
    html_to_text,
    looks_like_html,
    normalize_title,
    python_list_repr_to_text,
    text_fingerprint,
)

# --------------------------------------------------------------------------------------------- html_to_text

HTML_CASES = [
    ("<p>First para<p>Second para", "First para\n\nSecond para"),
    ("Intro<p>Body", "Intro\n\nBody"),
    ("one<br>two<br/>three<br />four", "one\ntwo\nthree\nfour"),
    ("Tom &amp; Jerry", "Tom & Jerry"),
    ("a &gt; b &lt; c", "a > b < c"),
    ("it&#x27;s &quot;fine&quot;", "it's \"fine\""),
    ("path&#x2F;to&#x2F;x", "path/to/x"),
    ("<i>Python</i> and <b>Go</b>", "Python and Go"),
    ("x   y \t z", "x   y \t z"),  # no tags: unchanged
    ("<p>x   y \t z</p>", "x y z"),
    ("<ul><li>Python</li><li>SQL</li></ul>", "- Python\n- SQL"),
    ("Skills:<ul><li>A<li>B</ul>Apply", "Skills:\n\n- A\n- B\n\nApply"),
    ('<a href="mailto:jobs@example.com">jobs@example.com</a>', "jobs@example.com"),
    ('Apply <a href="https://example.com/apply" rel="nofollow">here</a>.', "Apply here."),
    (
        '<a href="https:&#x2F;&#x2F;example.com&#x2F;careers&#x2F;senior-data-engineer-123" rel="nofollow">'
        "https:&#x2F;&#x2F;example.com&#x2F;careers&#x2F;senior-...</a>",
        "https://example.com/careers/senior-data-engineer-123",
    ),
    ('<a href="https://x.io/a">https://x.io/a</a>', "https://x.io/a"),
    ("<pre><code>  def f():\n      return 1\n</code></pre>", "  def f():\n      return 1"),
    ("<p>Code:<pre><code>a &lt; b\n  c</code></pre>done", "Code:\n\na < b\n  c\n\ndone"),
    ("line one\nline two<p>next", "line one line two\n\nnext"),
    ("<div>A</div><div>B</div>", "A\n\nB"),
    ("<h2>Title</h2>text", "Title\n\ntext"),
    ("<table><tr><td>a</td><td>b</td></tr></table>", "a b"),
    ("<!-- comment -->visible", "visible"),
    ("Salary &gt;= $100k &amp; equity", "Salary >= $100k & equity"),
    ("<span style='x'>styled</span>", "styled"),
    ("5 < 6 and 7 > 3", "5 < 6 and 7 > 3"),  # a bare "<" is not a tag
    ("<p>mail jobs &lt;at&gt; example &lt;dot&gt; com", "mail jobs <at> example <dot> com"),
    ("<p>Subject: &lt;Job Title&gt;", "Subject: <Job Title>"),
    ("<p>a<script>var x = '<p>';</script>b<style>p {}</style>", "a b"),
    ("北京<p>上海", "北京\n\n上海"),
    ("", ""),
]


@pytest.mark.parametrize(("html", "expected"), HTML_CASES)
def test_html_to_text(html: str, expected: str) -> None:
    assert html_to_text(html) == expected


def test_decoded_angle_text_survives_second_pass() -> None:
    once = html_to_text("<p>email: jobs &lt;at&gt; x &lt;dot&gt; io<p>Subject: &lt;Your Name&gt;")
    assert html_to_text(once) == once
    assert clean_text(once) == once


def test_html_to_text_leaves_no_tags() -> None:
    out = html_to_text('<p>A <a href="u">b</a> <i>c</i><ul><li>d</li></ul><pre><code>e</code></pre></p><br>f')
    assert "<" not in out and ">" not in out
    assert out.split() == ["A", "b", "c", "-", "d", "e", "f"]


@pytest.mark.parametrize("text", ["plain text", "two\n\nparas", "a - b", "tabs\tkept", "C++ & C# rock"])
def test_plain_text_is_unchanged(text: str) -> None:
    # "&" without an entity name is not HTML either
    assert html_to_text(text) == text


def test_looks_like_html() -> None:
    assert looks_like_html("<p>x")
    assert looks_like_html("a &amp; b")
    assert not looks_like_html("a & b < c")
    assert not looks_like_html("plain")


_html_chars = st.lists(st.sampled_from(list("ab <>/&;#xp2Fi\n\t\"'=.") + ["<p>", "<br>", "&amp;", "<li>", "</a>"])).map(
    "".join
) | st.text()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["<p>", "<br>", "&amp;", "<li>", "<i>", "</i>", "word", " ", "\n", "&#x2F;", "<ul>",
                                 "<pre><code>", "</code></pre>", "x  y", "&lt;", "&gt;", "<a href=\"h\">", "</a>"])))
def test_html_to_text_idempotent_on_its_output(parts: list[str]) -> None:
    once = html_to_text("".join(parts))
    # Decoded entities can form new tag-like text ("&lt;p&gt;" -> "<p>"); only check outputs that are plain text.
    if not looks_like_html(once):
        assert html_to_text(once) == once


@settings(max_examples=200, deadline=None)
@given(_html_chars)
def test_html_to_text_never_raises(s: str) -> None:
    assert isinstance(html_to_text(s), str)


# --------------------------------------------------------------------------------------------- fix_mojibake

MOJIBAKE_CASES = [
    ("NaÃ¯ve", "Naïve"),
    ("donâ€™t", "don’t"),
    ("â€œquotedâ€\x9d", "“quoted”"),
    ("cafÃ©", "café"),
    ("Ã¼ber", "über"),
    ("â€¢ Python", "• Python"),
    ("Â£45,000", "£45,000"),
    ("10â€“20 years", "10–20 years"),
    ("ZÃ¼rich, Switzerland", "Zürich, Switzerland"),
    ("â¢ Python", "• Python"),  # lossy form: the 0x80 byte is gone
    ("Skills: â¢ SQL â¢ Python", "Skills: • SQL • Python"),
    ("and moreâ¦", "and more…"),
    ("Iâ\x80\x99m", "I’m"),  # C1 controls kept by the CSV reader
    ("rÃ©sumÃ©", "résumé"),
]


@pytest.mark.parametrize(("broken", "fixed"), MOJIBAKE_CASES)
def test_fix_mojibake(broken: str, fixed: str) -> None:
    assert fix_mojibake(broken) == fixed


def test_fix_mojibake_bullet_without_trailing_byte() -> None:
    # "â¢" is the bullet whose middle byte (0x80) was lost in transit; ftfy's lossy repair restores a bullet-ish
    # character or leaves it — but must not produce the garbage pair again.
    out = fix_mojibake("â€¢ SQL")
    assert out == "• SQL"


@pytest.mark.parametrize(
    "good",
    [
        "Naïve Bayes",
        "café crème",
        "don’t “quote” me",
        "北京 上海 深圳 远程 高级前端开发工程师",
        "Zürich — München — Kraków",
        "日本語のテキスト",
        "한국어 텍스트",
        "Ø and æ in Dansk",
        "£45,000 – €60,000",
        "plain ascii",
        "",
    ],
)
def test_fix_mojibake_leaves_good_text(good: str) -> None:
    assert fix_mojibake(good) == good


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF) | st.sampled_from(list(" ,.a1"))))
def test_fix_mojibake_leaves_cjk(s: str) -> None:
    assert fix_mojibake(s) == s


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_fix_mojibake_never_raises(s: str) -> None:
    assert isinstance(fix_mojibake(s), str)


# --------------------------------------------------------------------------------------------- clean_text

CLEAN_CASES = [
    (None, ""),
    ("", ""),
    ("a\r\nb\rc", "a\nb\nc"),
    ("a\x00b\x07c", "abc"),
    ("keep\ttabs\nand lines", "keep\ttabs\nand lines"),
    ("p1\n\n\n\n\np2", "p1\n\np2"),
    ("p1\n  \n \t\n\np2", "p1\n\np2"),
    ("  padded  \n", "padded"),
    ("trailing   \nspace", "trailing\nspace"),
    ("<p>HTML &amp; text<p>more", "HTML & text\n\nmore"),
    ("NaÃ¯ve <b>Bayes</b>", "Naïve Bayes"),
    ("\ufeffBOM first", "BOM first"),
    ("Meet â€œAnnaâ€\x9d today", "Meet “Anna” today"),  # the C1 byte belongs to the mojibake: not stripped first
    ("zero\u200bwidth", "zerowidth"),
]


@pytest.mark.parametrize(("raw", "expected"), CLEAN_CASES)
def test_clean_text(raw: str | None, expected: str) -> None:
    assert clean_text(raw) == expected


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_clean_text_idempotent(s: str) -> None:
    once = clean_text(s)
    assert clean_text(once) == once


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["<p>", "word", "\r\n", "\n\n\n", "\x00", "&amp;", "Ã©", "北京", " ", "\t", "<li>"])))
def test_clean_text_idempotent_on_markup(parts: list[str]) -> None:
    once = clean_text("".join(parts))
    assert clean_text(once) == once
    assert "\r" not in once and "\x00" not in once and "\n\n\n" not in once


# --------------------------------------------------------------------------------------------- list repr

LIST_REPR_CASES = [
    ("['About Us', 'We build tools.']", "About Us\n\nWe build tools."),
    ('["He said \\"hi\\"", \'x\']', 'He said "hi"\n\nx'),
    ("['It\\'s fine', '']", "It's fine"),
    ("['line\\nbreak']", "line\nbreak"),
    ("['caf\\xe9']", "café"),
    ("  ['padded']  ", "padded"),
    ("['one', 'two', 'thr", "one\n\ntwo\n\nthr"),  # truncated export
    ("['one', 'two'", "one\n\ntwo"),
    ("['a', \"b's\", 'c']", "a\n\nb's\n\nc"),
    ("['unterminated \\'quote", "unterminated 'quote"),
    ("[]", None),
    ("not a list", None),
    ("[1, 2, 3]", None),
    ("", None),
    ("About us. We are ['not', 'a repr']", None),
]


@pytest.mark.parametrize(("raw", "expected"), LIST_REPR_CASES)
def test_python_list_repr_to_text(raw: str, expected: str | None) -> None:
    assert python_list_repr_to_text(raw) == expected


def test_list_repr_large_uses_tolerant_path() -> None:
    paras = [f"Paragraph {i} " + "x" * 500 for i in range(600)]  # > 200 kB
    raw = repr(paras)
    assert len(raw) > 200_000
    out = python_list_repr_to_text(raw)
    assert out is not None
    assert out.split("\n\n") == paras


def test_list_repr_then_clean_text_repairs_escaped_mojibake() -> None:
    # The export's repr escapes the C1 byte of a mis-decoded quote: "\\x9d" must become the byte, then the quote.
    raw = "['Meet \u00e2\u20ac\u0153Anna\u00e2\u20ac\\x9d today', 'Second']"
    assert clean_text(python_list_repr_to_text(raw)) == "Meet \u201cAnna\u201d today\n\nSecond"


def test_list_repr_roundtrip_of_real_repr() -> None:
    paras = ["Über uns", "We're \"great\"", "Tabs\tand\\backslashes", "北京"]
    assert python_list_repr_to_text(repr(paras)) == "\n\n".join(paras)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=1).filter(lambda t: t.strip() == t and t.strip()), min_size=1, max_size=5))
def test_list_repr_roundtrip_property(paras: list[str]) -> None:
    out = python_list_repr_to_text(repr(paras))
    assert out == "\n\n".join(paras)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_list_repr_never_raises(s: str) -> None:
    out = python_list_repr_to_text("['" + s)
    assert out is None or isinstance(out, str)


# --------------------------------------------------------------------------------------------- titles, fingerprints

TITLE_CASES = [
    ("Sr. Data Scientist", "senior data scientist"),
    ("Senior Data-Scientist", "senior data scientist"),
    ("SR DATA SCIENTIST", "senior data scientist"),
    ("Jr. Analyst", "junior analyst"),
    ("Data Engineer II", "data engineer 2"),
    ("Data Engineer (m/f/d)", "data engineer"),
    ("Software Eng.", "software engineer"),
    ("C++ Developer", "c++ developer"),
    ("C# / .NET Dev", "c# net developer"),
    ("  Machine   Learning  Engineer ", "machine learning engineer"),
    ("Mgr, Analytics", "manager analytics"),
    ("高级前端开发工程师", "高级前端开发工程师"),
    (None, ""),
    ("", ""),
]


@pytest.mark.parametrize(("raw", "expected"), TITLE_CASES)
def test_normalize_title(raw: str | None, expected: str) -> None:
    assert normalize_title(raw) == expected


def test_normalize_title_near_duplicates_share_key() -> None:
    variants = ["Sr. Data Scientist", "Senior Data Scientist", "senior data-scientist", "SENIOR  DATA SCIENTIST!"]
    assert len({normalize_title(v) for v in variants}) == 1


def test_fingerprint_ignores_markup_and_whitespace() -> None:
    a = "<p>We are hiring a <b>Data Engineer</b>.</p><p>Python &amp; SQL required!</p>"
    b = "We are hiring a Data Engineer.\n\nPython & SQL   required"
    c = "we ARE hiring a data engineer -- python, sql required"
    assert text_fingerprint(a) == text_fingerprint(b) == text_fingerprint(c)


def test_fingerprint_differs_for_different_text() -> None:
    assert text_fingerprint("Python and SQL") != text_fingerprint("Python and Rust")


def test_fingerprint_uses_first_n_words() -> None:
    base = " ".join(f"w{i}" for i in range(300))
    assert text_fingerprint(base + " extra tail") == text_fingerprint(base)
    assert text_fingerprint("a b c", words=2) == text_fingerprint("a b d", words=2)
    assert text_fingerprint("a b c", words=3) != text_fingerprint("a b d", words=3)


def test_fingerprint_is_stable_hex() -> None:
    fp = text_fingerprint("hello world")
    assert len(fp) == 16 and int(fp, 16) >= 0
    assert fp == text_fingerprint("Hello,  World!")
    assert text_fingerprint("") == text_fingerprint(None)


# Real-looking words with accents, typographic punctuation and CJK, joined by separators (random adjacent pairs such
# as "ç€—" are valid UTF-8 when re-encoded and are genuinely ambiguous; they do not occur in postings).
_GOOD_WORDS = st.sampled_from(
    ["café", "naïve", "Zürich", "don’t", "“quote”", "—", "–", "€50k", "£40,000", "北京", "工程师", "远程办公", "Ørsted",
     "São Paulo", "Straße", "résumé", "…", "•", "Kraków", "Málaga", "crème brûlée", "façade", "Ñandú", "data",
     "Python", "(m/w/d)", "°C", "±5", "½", "©2026", "™"]
)
_good_text = st.lists(_GOOD_WORDS, max_size=12).flatmap(
    lambda words: st.sampled_from([" ", ", ", "\n", " | ", ": "]).map(lambda sep: sep.join(words))
)


@settings(max_examples=400, deadline=None)
@given(_good_text)
def test_fix_mojibake_leaves_valid_text(s: str) -> None:
    assert fix_mojibake(s) == s


@pytest.mark.parametrize("s", ["ß€", "Straße€", "Größe: 5"])
def test_fix_mojibake_refuses_implausible_fixes(s: str) -> None:
    assert fix_mojibake(s) == s


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["café ", "naïve ", "Zürich ", "don’t ", "“quote” ", "• item ", "über ", "—", "北京 ", "ok "]),
                min_size=1, max_size=8).map("".join).filter(lambda t: not t.isascii()))
def test_fix_mojibake_repairs_double_encoding(s: str) -> None:
    try:
        broken = s.encode("utf-8").decode("windows-1252")
    except UnicodeDecodeError:  # bytes undefined in cp1252 (0x9d in "”"): latin-1 keeps them as C1 controls
        broken = s.encode("utf-8").decode("latin-1")
    assert broken != s
    assert fix_mojibake(broken) == s


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)), st.integers(min_value=1, max_value=30))
def test_fingerprint_ascii_fast_path_matches_general_path(s: str, words: int) -> None:
    import hashlib
    import re

    if looks_like_html(s):
        return
    toks = re.findall(r"[a-z0-9]+", s.lower())[:words]
    expected = hashlib.blake2b(" ".join(toks).encode(), digest_size=8).hexdigest()
    assert text_fingerprint(s, words=words) == expected
    if len(toks) == words:  # a trailing non-ASCII word beyond the first *words* forces the general path
        assert text_fingerprint(s + " é", words=words) == expected


def test_html_outline_keeps_headings_and_items_as_lines() -> None:
    from skillgap.normalize.text import html_outline

    page = (
        "<html><head><style>h2 {}</style></head><body><h2>Phase 1 (Months 1&ndash;2)</h2>"
        "<p>Use   <b>Terraform</b></p><ul><li>Kubernetes</li></ul><script>var x;</script><noscript>n</noscript></body>"
    )
    lines = [ln.strip() for ln in html_outline(page).split("\n") if ln.strip()]
    assert lines == ["## Phase 1 (Months 1\u20132)", "Use Terraform", "- Kubernetes"]
