"""Read one job ad — a text, Markdown, HTML, PDF or DOCX file, pasted text, or a stored posting — into a ``JobAd``.

The ad's text is cleaned like every posting (``skillgap.normalize.text.clean_text``: mojibake, HTML to text), its
title and company are guessed from its first lines, and the text is checked before anyone scores it: an empty ad,
an ad in another language and a text that is not a job ad (a CV, an article) each raise their own ``JobAdError``
with a message that names the source and says what to do. Nothing here writes the ad anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from skillgap.errors import CVError, JobAdEmpty, JobAdLanguage, JobAdUnreadable, NotAJobAd, PostingNotFound
from skillgap.normalize.text import clean_text, looks_like_html

__all__ = ["MAX_BYTES", "JobAd", "check_english", "check_looks_like_ad", "guess_title_company", "job_ad_from_posting",
           "job_ad_from_text", "read_job_ad", "read_job_ad_file"]

MAX_BYTES = 5_000_000
MIN_LETTERS = 20  # fewer letters than this is not an ad we can read
MAX_CHARS = 100_000  # longer texts are cut (an ad is a page or two)


@dataclass(frozen=True)
class JobAd:
    """One job ad as clean text, with what we know about it."""

    text: str
    source: str  # the file name, "pasted text", "stdin" or "posting <id>"
    kind: str  # txt | md | html | pdf | docx | posting
    title: str | None = None
    company: str | None = None
    location: str | None = None
    month: str | None = None
    url: str | None = None
    posting_id: str | None = None
    warnings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------------------- files

_TEXT_EXTS = {"txt": "txt", "text": "txt", "md": "md", "markdown": "md", "html": "html", "htm": "html", "": "txt"}
_HTML_TITLE = re.compile(r"<title[^>]*>(.*?)</title>|<h1[^>]*>(.*?)</h1>", re.IGNORECASE | re.DOTALL)
_HTML_DOC = re.compile(r"<(?:html|body|div|p|ul|li|br|h[1-6])\b", re.IGNORECASE)


def read_job_ad_file(path: str | Path) -> JobAd:
    """Read a job ad from disk (size checked before the file is loaded)."""
    p = Path(path)
    if not p.is_file():
        what = "a folder, not a file" if p.is_dir() else "missing"
        raise JobAdUnreadable(f"The job ad '{p}' is {what}. Pass a .txt, .md, .html, .pdf or .docx file, or - for stdin.")
    if p.stat().st_size > MAX_BYTES:
        raise JobAdUnreadable(f"'{p.name}' is {p.stat().st_size / 1e6:.1f} MB; a job ad is far smaller. "
                              "Save the ad's text alone as .txt or .html.")
    return read_job_ad(p.read_bytes(), filename=p.name)


def read_job_ad(data: bytes, *, filename: str) -> JobAd:
    """Turn the bytes of a job ad file into a checked ``JobAd``.

    Raises:
        JobAdEmpty, JobAdUnreadable, JobAdLanguage, NotAJobAd: see ``skillgap.errors``.
    """
    name = Path(filename).name or "job ad"
    if len(data) > MAX_BYTES:
        raise JobAdUnreadable(f"'{name}' is {len(data) / 1e6:.1f} MB; a job ad is far smaller. "
                              "Save the ad's text alone as .txt or .html.")
    if not data.strip():
        raise JobAdEmpty(f"'{name}' is empty. Paste the job ad's text or upload it as .txt, .html, .pdf or .docx.")
    ext = name.rsplit(".", 1)[1].casefold() if "." in name else ""
    kind, raw, html_title = _file_text(data, name=name, ext=ext)
    return _checked(raw, source=name, kind=kind, html_title=html_title)


def _file_text(data: bytes, *, name: str, ext: str) -> tuple[str, str, str | None]:
    """(kind, raw text, title from an HTML <title>/<h1>) of a file's bytes."""
    from skillgap.cv.plain import decode_text, looks_like_text, markdown_to_text

    try:
        if b"%PDF-" in data[:1024]:
            from skillgap.cv.pdf import pdf_text

            return "pdf", pdf_text(data, filename=name).text, None
        if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
            from skillgap.cv.word import docx_text

            return "docx", docx_text(data, filename=name), None
    except CVError as exc:  # the same readers as for CVs; say it in job-ad words
        raise JobAdUnreadable(_unreadable_message(name, exc)) from None
    if not looks_like_text(data) or ext in ("pdf", "docx"):
        raise JobAdUnreadable(
            f"'{name}' is not a text, HTML, PDF or Word (.docx) file we can read. "
            "Save the job ad as .txt, .html, .pdf or .docx, or paste its text."
        )
    if ext not in _TEXT_EXTS:
        raise JobAdUnreadable(f"'{name}': .{ext} files are not read as job ads. Use .txt, .md, .html, .pdf or .docx.")
    text = decode_text(data)
    if _TEXT_EXTS[ext] == "html" or _HTML_DOC.search(text[:5000]):
        m = _HTML_TITLE.search(text)
        title = clean_text(next(g for g in m.groups() if g is not None)) if m else None
        return "html", text, title or None
    if _TEXT_EXTS[ext] == "md":
        return "md", markdown_to_text(text), None
    return "txt", text, None


def _unreadable_message(name: str, exc: CVError) -> str:
    from skillgap.errors import CVEncrypted

    if isinstance(exc, CVEncrypted):
        return f"'{name}' is password-protected. Save an unprotected copy (Print → Save as PDF) or paste the ad's text."
    return (f"'{name}' looks damaged or is not the file type its content claims ({type(exc).__name__}). "
            "Save the ad again as .pdf or .docx, or paste its text.")


def job_ad_from_text(text: str, *, source: str = "pasted text") -> JobAd:
    """A checked ``JobAd`` from text someone pasted (HTML is turned into text)."""
    if not text or not text.strip():
        raise JobAdEmpty(f"The job ad ({source}) is empty. Paste the ad's text, or upload it as a file.")
    m = _HTML_TITLE.search(text) if _HTML_DOC.search(text[:5000]) else None
    html_title = clean_text(next(g for g in m.groups() if g is not None)) if m else None
    return _checked(text, source=source, kind="html" if m or _HTML_DOC.search(text[:5000]) else "txt",
                    html_title=html_title or None)


def _checked(raw: str, *, source: str, kind: str, html_title: str | None) -> JobAd:
    if kind != "html" and "\n" in raw and looks_like_html(raw):
        # plain text with a stray tag or entity ("<b>", "&amp;"): HTML rules would join its lines into one
        # paragraph and lose the ad's sections, so its line breaks are made explicit first
        raw = raw.replace("\r\n", "\n").replace("\n", "<br>\n")
    text = clean_text(raw)
    warnings = []
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        warnings.append(f"'{source}' is unusually long; only its first {MAX_CHARS:,} characters were read.")
    if sum(ch.isalpha() for ch in text) < MIN_LETTERS:
        if kind == "pdf":
            raise JobAdEmpty(f"Couldn't read any text from '{source}' — is it a scanned image? Paste the ad's text.")
        raise JobAdEmpty(f"'{source}' has almost no text ({len(text.split())} words). Paste the whole job ad.")
    check_english(text, source=source)
    check_looks_like_ad(text, source=source)
    title, company = guess_title_company(text, html_title=html_title)
    return JobAd(text=text, source=source, kind=kind, title=title, company=company, warnings=warnings)


# --------------------------------------------------------------------------------------------------- stored

def job_ad_from_posting(con, posting_id: str) -> JobAd:
    """A stored posting as a ``JobAd`` (its text is checked like any ad)."""
    rows = con.execute(
        "SELECT title, company, location, posted_month, url, description FROM postings WHERE posting_id = ?",
        [posting_id],
    ).fetchall()
    if not rows:
        raise PostingNotFound(f"No stored posting has the id '{posting_id}'. Ids are listed under "
                              "`skillgap gap CV --json` → closest_postings, and in the dashboard.")
    title, company, location, month, url, description = rows[0]
    source = f"posting {posting_id}"
    if not description or not description.strip():
        raise JobAdEmpty(f"The stored {source} ({title or 'untitled'}) has no description to match against.")
    ad = _checked(description, source=source, kind="posting", html_title=None)
    return JobAd(text=ad.text, source=source, kind="posting", title=title or ad.title, company=company or ad.company,
                 location=location, month=month, url=url, posting_id=posting_id, warnings=ad.warnings)


# --------------------------------------------------------------------------------------------------- checks

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Frequent function words; an ad whose words are mostly another language's is refused (tag lists have none).
_STOPWORDS = {
    "English": "the and to of a in for with you we our is are will be on as or your this that have an at by from "
               "us who can what about it".split(),
    "German": "und der das mit für wir sie ist ein eine zu von auf den dem des im bei oder uns ihre unser "
              "sich werden als nicht auch".split(),
    "French": "et le la les des un une de du pour avec nous vous est en au aux sur dans votre notre qui que "
              "ou être sont ce par".split(),
    "Spanish": "y el la los las de del un una para con nosotros es en por que tu su sus al como más se o "
               "son este esta".split(),
    "Portuguese": "os da um uma para com nós é em por que seu sua você ao na são não dos das pelo".split(),
    "Italian": "il la le gli di del della un una per con noi è che sono al nel nella si anche alla delle".split(),
    "Dutch": "en de het een van voor met wij je jij op te zijn ons onze bij als niet ook".split(),
}
_STOP_SETS = {lang: frozenset(words) for lang, words in _STOPWORDS.items()}
_URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def detect_language(text: str) -> str:
    """"English", another language's name, or "unknown" (too few function words to tell, as in a tag list)."""
    sample = _URL.sub(" ", text[:20_000])
    letters = sum(ch.isalpha() for ch in sample) or 1
    for pattern, name in ((_CJK, "Chinese, Japanese or Korean"), (_CYRILLIC, "a Cyrillic-script language")):
        if len(pattern.findall(sample)) / letters > 0.2:
            return name
    words = [w.casefold() for w in _WORD.findall(sample)]
    hits = {lang: sum(w in stops for w in words) for lang, stops in _STOP_SETS.items()}
    best = max(hits, key=lambda lang: hits[lang])
    if hits[best] < 5:
        return "unknown"
    if best != "English" and hits[best] >= 2 * hits["English"]:
        return best
    return "English"


def check_english(text: str, *, source: str) -> None:
    """Raise ``JobAdLanguage`` when the ad is written in another language."""
    lang = detect_language(text)
    if lang not in ("English", "unknown"):
        raise JobAdLanguage(
            f"'{source}' looks like it is written in {lang}. skillgap reads English job ads only: it finds the "
            "requirements, nice-to-haves and company blurb by their English headings and wording, so a score for "
            "this ad would be wrong. Paste an English version of the ad."
        )


_AD_CUES = re.compile(
    r"(?:responsibilities|requirements|qualifications)|\b(?:we(?:'re| are) (?:looking|hiring|seeking)|looking for|you will|you'll|you(?:'ve| have)\b|your role|"
    r"the role|this role|responsibilities|requirements|qualifications|nice[- ]to[- ]have|must[- ]have|apply|"
    r"applicants?|candidates?|hiring|join (?:us|our)|job description|benefits|salary|compensation|we offer|"
    r"full[- ]time|part[- ]time|equal opportunity|the position|this position|what you|who you are|preferred|"
    r"required|requirement|about the job|about you|ideal)\b",
    re.IGNORECASE,
)
_ADDRESSING = re.compile(r"\b(?:you|your|you're|you'll|we|we're|our|us)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(
    r"\bI(?:'m|'ve| am| have| was| worked| led| built| developed| managed| designed| created| implemented| handled| "
    r"work| lead| love| enjoy| can| also| successfully)\b|\b[Mm]y\b"
)
_CV_WORDS = re.compile(r"\b(?:curriculum vitae|résumé|resume|education details|company details|personal details|"
                       r"date of birth|marital status|declaration|hobbies)\b", re.IGNORECASE)
_DATE_RANGE = re.compile(
    r"\b(?:19|20)\d\d\s*(?:[-–—]|to)\s*(?:(?:19|20)\d\d|present|current|now|till date|date)\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:19|20)\d\d\b",
    re.IGNORECASE,
)


_ASKS = re.compile(r"\b(?:will|must|should|ability to|knowledge of|proficien\w*|degree in|bachelor'?s degree|"
                   r"strong)\b", re.IGNORECASE)
# Words of guides, documentation and articles (they teach or describe) and of ads (they ask and offer): a long text
# with more of the first than of the second is not an ad.
_DOC_WORDS = re.compile(
    r"\b(?:learn|learning|learned|course|courses|roadmap|tutorial|tutorials|study|chapter|lesson|install|"
    r"installation|usage|function|functions|returns|module|modules|command|commands|example|examples|figure|"
    r"section|see|readme|phase|week|weeks|month|months|guide|step|steps|we will|this article|in this post|"
    r"introduction|conclusion|reader|readers)\b",
    re.IGNORECASE,
)
_AD_WORDS = re.compile(
    r"\b(?:years? of (?:professional |relevant |hands-on |industry |work )?experience|experience (?:with|in)|"
    r"(?:we are|we're) (?:looking|hiring|seeking)|looking for (?:a|an)\b|join (?:us|our|the) team|apply|"
    r"responsibilities|requirements|qualifications|nice to have|must have|ideal candidate|what you'll do|"
    r"what we offer|benefits|salary|compensation|full[- ]time|part[- ]time|equal opportunity|the role|this role|"
    r"about the role|about the job|we offer|employment type|job type|visa|degree in|bachelor'?s|master'?s|phd|"
    r"interview|hiring|position)\b",
    re.IGNORECASE,
)
_CV_SECTIONS = frozenset({"education", "projects", "certifications", "experience", "skills", "summary"})


def ad_signals(text: str) -> dict[str, int]:
    """Counts that tell a job ad from a CV or another document (for the check and its tests)."""
    from skillgap.cv.sections import find_sections

    return {
        "ad_cues": len({m.group(0).casefold() for m in _AD_CUES.finditer(text)}),
        "addressing": len(_ADDRESSING.findall(text)),
        "asks": len(_ASKS.findall(text)),
        "first_person": len(_FIRST_PERSON.findall(text)),
        "cv_words": len({m.group(0).casefold() for m in _CV_WORDS.finditer(text)}),
        "cv_sections": len({s.name for s in find_sections(text)} & _CV_SECTIONS),
        "date_ranges": len(_DATE_RANGE.findall(text)),
        "words": len(_WORD.findall(text)),
        "doc_words": len(_DOC_WORDS.findall(text)),
        "ad_words": len(_AD_WORDS.findall(text)),
    }


def check_looks_like_ad(text: str, *, source: str) -> None:
    """Raise ``NotAJobAd`` for a CV, or a longer text with no sign of a job ad (short keyword lists pass).

    A CV has CV headings (Education, Projects ...), job dates and first-person lines; an ad addresses its reader
    ("you", "we") and asks ("requirements", "must", "ability to"); a guide or documentation teaches ("learn",
    "course", "example", "steps"). On 60 real CVs, 3,417 real postings and 17 guides and docs this refuses 58 of the
    CVs, 16 of the guides and docs, and 50 postings (1.5 %, mostly Hacker News comments that are not ads).
    """
    s = ad_signals(text)
    cv_score = 2 * s["cv_words"] + 2 * s["cv_sections"] + min(s["date_ranges"], 6) + min(s["first_person"], 6)
    ad_score = 2 * s["ad_cues"] + min(s["addressing"], 10) + min(s["asks"], 10)
    if cv_score >= 4 and cv_score >= ad_score:
        raise NotAJobAd(
            f"'{source}' looks like a CV (CV headings, dates of jobs, first-person lines), not a job ad. Give the "
            "CV as the first argument (or on My gap) and the job ad as the second."
        )
    if s["words"] >= 500 and s["doc_words"] >= 10 and s["doc_words"] >= s["ad_words"]:
        raise NotAJobAd(
            f"'{source}' reads like a guide, documentation or an article (it teaches or describes: learn, course, "
            "example, steps ...) rather than a job ad, which asks and offers. Paste the text of the job ad itself."
        )
    if s["words"] >= 60 and s["ad_cues"] == 0 and s["addressing"] < 3 and s["asks"] <= 1:
        raise NotAJobAd(
            f"'{source}' does not read like a job ad: no requirements, responsibilities, role or application "
            "wording, and it never addresses the reader. Paste the text of the job ad itself."
        )


# --------------------------------------------------------------------------------------------------- title

_ROLE_WORD = re.compile(
    r"\b(?:engineer|developer|programmer|architect|analyst|scientist|consultant|specialist|administrator|"
    r"designer|manager|lead|intern|director|head of|researcher|devops|sre|technician|officer|associate|"
    r"coordinator|strateg\w*|owner|tester)s?\b",
    re.IGNORECASE,
)
_LABELLED = re.compile(r"^\s*(job title|title|position|role|company|employer|organi[sz]ation)\s*[:：]\s*(.{2,100})$",
                       re.IGNORECASE | re.MULTILINE)
_AT = re.compile(r"^(?P<title>.{3,80}?)\s+(?:at|@)\s+(?P<company>[^,|()]{2,60})", re.IGNORECASE)
_NOT_COMPANY = re.compile(r"\b(?:remote|hybrid|on-?site|full[- ]time|part[- ]time|contract|usa?|uk|eu|europe)\b|\d",
                          re.IGNORECASE)
_PARTS = re.compile(r"\s+\|\s+|\s*\|\s*|\s+[—–-]\s+")


def guess_title_company(text: str, *, html_title: str | None = None) -> tuple[str | None, str | None]:
    """The ad's job title and company from its first lines ("Senior Data Engineer at Acme", "Acme | ML Engineer |
    Remote", "Job title: ..."), or None for what cannot be told."""
    title = company = None
    head = text[:3000]
    for m in _LABELLED.finditer(head):
        key, value = m.group(1).casefold(), m.group(2).strip()
        if key in ("company", "employer", "organisation", "organization"):
            company = company or value
        else:
            title = title or value
    lines = [ln.strip(" \t#*-•") for ln in head.splitlines() if ln.strip(" \t#*-•")][:5]
    candidates = ([html_title] if html_title else []) + lines
    for line in candidates:
        if title:
            break
        t, c = _title_in_line(line[:200])  # a long first line is an HN header: "Role | Remote | $180k | https://..."
        title, company = t or title, company or c
    title = _URL.sub("", title).strip(" :-–—,") if title else None
    return (title[:120] or None) if title else None, (company[:80] if company else None)


def _title_in_line(line: str) -> tuple[str | None, str | None]:
    m = _AT.match(line)
    if m and _ROLE_WORD.search(m.group("title")):
        return m.group("title").strip(), m.group("company").strip()
    parts = [p.strip() for p in _PARTS.split(line) if p.strip()]
    for i, part in enumerate(parts):
        if _ROLE_WORD.search(part) and len(part) <= 80:
            company = parts[0] if i > 0 else (parts[1] if len(parts) == 2 else None)
            if company and (_ROLE_WORD.search(company) or _NOT_COMPANY.search(company)):
                company = None
            return part, company
    return None, None
