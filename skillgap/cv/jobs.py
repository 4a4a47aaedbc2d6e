"""Find job (and project) entries and their date ranges in a CV's experience and projects sections.

Date ranges in the forms CVs use: "Jan 2019 - Present", "January 2019 to May 2021", "2016-2018", "03/2017 – 06/2020",
"2017.03 - 2019.11", "December 2017 - Till Date". A line holding a range starts an entry; its title is the rest of
the line, or the line above when the range stands alone. Lines like "company - Acme" (exported job boards) also
start an entry, and a range in the next two lines belongs to it.
"""

from __future__ import annotations

import re
from datetime import date

from skillgap.cv.model import CVSection, JobSpan

__all__ = ["DATE_RANGE", "find_jobs", "parse_range"]

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_POINT = (
    rf"(?:{_MONTH}[ \t,'’]*{_YEAR}|{_MONTH}[ \t]*['’]\d\d"  # Jan 2019, Jan '19
    rf"|(?:0?[1-9]|1[0-2])[/.]{_YEAR}|{_YEAR}[/.-](?:0[1-9]|1[0-2])(?![\d])|{_YEAR})"  # 03/2017, 2017.03, 2019
)
_NOW = r"(?:present|current(?:ly)?|now|ongoing|today|till[ \t]+(?:date|now|today)|to[ \t]+date|date|running)"
DATE_RANGE = re.compile(
    rf"(?<![\w/.])(?P<from>{_POINT})[ \t]*(?:-|–|—|~|to|till|until|through)[ \t]*(?P<to>{_POINT}|{_NOW})(?![\w/])",
    re.IGNORECASE,
)
_COMPANY_LINE = re.compile(r"^[ \t]*company[ \t]*[-:][ \t]*(?P<name>.*)$", re.IGNORECASE | re.MULTILINE)
_TITLE_JUNK = " \t|,;:-–—()[]•*·"
_JOB_SECTIONS = ("experience", "projects")
_NOT_JOB_SECTIONS = ("education", "skills", "certifications", "summary")


def _point(s: str, *, end: bool) -> date | None:
    s = s.strip().casefold().replace("’", "'")
    m = re.match(rf"({_MONTH})[ \t,']*(\d{{2,4}})$", s, re.IGNORECASE)
    if m:
        year = int(m.group(2))
        year = year + (2000 if year < 50 else 1900) if year < 100 else year
        return date(year, _MONTHS[m.group(1)[:3]], 1)
    m = re.match(r"(\d{1,2})[/.](\d{4})$", s)
    if m:
        return date(int(m.group(2)), int(m.group(1)), 1)
    m = re.match(r"(\d{4})[/.-](\d{2})$", s)
    if m:
        return date(int(m.group(1)), int(m.group(2)), 1)
    if re.fullmatch(r"\d{4}", s):
        return date(int(s), 12 if end else 1, 1)
    return None


def parse_range(m: re.Match[str]) -> tuple[date | None, date | None, bool]:
    """(from, to, current) for a DATE_RANGE match; year-only ends count to December."""
    start = _point(m.group("from"), end=False)
    to_text = m.group("to")
    if re.fullmatch(_NOW, to_text.strip(), re.IGNORECASE):
        return start, None, True
    end = _point(to_text, end=True)
    if start and end and end < start:
        return None, None, False
    return start, end, False


def _lines(text: str, start: int, end: int):
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        yield pos, stop
        pos = stop + 1


def _regions(text: str, sections: list[CVSection]) -> list[tuple[int, int]]:
    wanted = [(s.start, s.end) for s in sections if s.name in _JOB_SECTIONS]
    if wanted:
        return wanted
    # No experience heading found: look everywhere except sections that hold dates of other kinds.
    if not sections:
        return [(0, len(text))]
    return [(s.start, s.end) for s in sections if s.name not in _NOT_JOB_SECTIONS]


def find_jobs(text: str, sections: list[CVSection]) -> list[JobSpan]:
    """Job/project entries in the experience and projects sections, in text order."""
    jobs: list[JobSpan] = []
    for r_start, r_end in _regions(text, sections):
        # (start_char, title, from, to, current, has_dates, line_index)
        entries: list[list] = []
        prev_lines: list[tuple[int, int]] = []
        for idx, (ls, le) in enumerate(_lines(text, r_start, r_end)):
            line = text[ls:le]
            cm = _COMPANY_LINE.match(line)
            if cm:
                entries.append([ls, cm.group("name").strip(_TITLE_JUNK), None, None, False, False, idx])
                prev_lines.append((ls, le))
                continue
            m = DATE_RANGE.search(line)
            if m:
                d_from, d_to, current = parse_range(m)
                title = (line[: m.start()] + " " + line[m.end() :]).strip(_TITLE_JUNK)
                title = re.sub(r"^description[ \t]*-[ \t]*", "", title, flags=re.IGNORECASE).strip(_TITLE_JUNK)
                last = entries[-1] if entries else None
                if last is not None and not last[5] and idx - last[6] <= 2:
                    # "company - Acme\ndescription - 2015 - Present": the range dates the entry above
                    last[2:6] = [d_from, d_to, current, True]
                    prev_lines.append((ls, le))
                    continue
                start_char = ls
                if len(re.sub(r"[^A-Za-z]", "", title)) < 3:
                    # a range on its own line: the entry's title is the line above
                    above = [p for p in prev_lines[-2:] if text[p[0] : p[1]].strip()]
                    if above and (not entries or above[-1][0] > entries[-1][0]):
                        start_char = above[-1][0]
                        title = text[above[-1][0] : above[-1][1]].strip(_TITLE_JUNK)
                entries.append([start_char, title, d_from, d_to, current, True, idx])
            prev_lines.append((ls, le))
        for i, (start_char, title, d_from, d_to, current, _has, _idx) in enumerate(entries):
            end_char = entries[i + 1][0] if i + 1 < len(entries) else r_end
            jobs.append(
                JobSpan(
                    title=title[:200],
                    start_char=start_char,
                    end_char=end_char,
                    date_from=d_from,
                    date_to=d_to,
                    current=current,
                )
            )
    return jobs
