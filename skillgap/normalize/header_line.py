"""Place and work mode from a "Who is hiring" header line: ``"Acme | Backend Engineer | Berlin | REMOTE | $120k"``.

Hacker News posts carry no location fields; by convention their first line is a pipe-separated header whose parts
come in any order. ``parse_header(line)`` classifies every part after the first (the company):

- URLs and bare domains, salaries ("$150k", "€70-100k", "Salary: ..."), visa/citizenship notes and parts that
  name a role ("Senior Engineer", "Multiple roles") are not places;
- employment type ("Full-time", "Contract"), time zones ("EST overlap", "UTC+2") and filler ("preferred",
  "only", "3 days in office") are dropped from a part, and what is left is its place text;
- work-mode words (remote, hybrid, on-site ...) decide the mode, through ``remote_mode`` over the place and mode
  parts only (never the role or company, so "Remote Sensing Engineer" says nothing);
- a part is a place when what is left names a known country/city (``country_of``), a region (Europe, LATAM,
  North America) or, next to a work-mode word, a short capitalised name ("ONSITE - Antananarivo").

``location`` joins the place parts with " / " ("NYC or SF", "US/Canada"); "Worldwide"/"Anywhere" are no place.
``country`` is the ISO code of the first place with a known country (regions give none). Lines without a pipe
are split on spaced dashes ("Acme - London (Hybrid) - Full-time") when that gives three or more parts.
When no part is a place, a place in brackets after the company ("Acme (Stockholm)") is used; ``header_place(text)``
then falls back to a "Location: ..." line among the post's first lines. Places a post excludes ("no US") and
conditions on the candidate ("must overlap with US hours") are not places. Never raises; results are cached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from skillgap.normalize.location import country_of
from skillgap.normalize.remote import remote_mode
from skillgap.normalize.text import html_to_text

__all__ = ["HeaderPlace", "header_line", "header_place", "parse_header", "split_header"]

MAX_LINE_CHARS = 600
MAX_LOCATION_CHARS = 200


@dataclass(frozen=True)
class HeaderPlace:
    """Where a posting's header line says the job is, and how (remote | hybrid | onsite)."""

    location: str | None = None
    country: str | None = None
    mode: str | None = None


_NONE = HeaderPlace()

_DASH_SPLIT = re.compile(r"\s+[—–-]+\s+|\s+[·•]\s+")
_URL = re.compile(r"https?://\S+|\bwww\.\S+", re.I)
_DOMAIN_ONLY = re.compile(r"^[\w.-]+\.(?:com|io|ai|co|dev|org|net|app|xyz|tech|care|fm|inc|build|network|de|uk|eu|"
                          r"me|so|sh|gg|us|ca|health|bio|tv|media|space|studio|systems|jobs|team|run|ag|ly)"
                          r"(?:/\S*)?$", re.I)
_SALARY = re.compile(
    r"[$€£¥₹]|\b\d+(?:\.\d+)?\s?[kK]\b|\b\d{2,3}[,.]\d{3}\b|\b(?:usd|eur|gbp|inr|cad|chf|aud|sgd)\b|"
    r"\b(?:salary|compensation|equity|stipend|bonus|per\s+(?:year|annum|hour|month)|annual|lpa|ctc)\b|"
    r"\b\d+\s?(?:-\s?\d+\s?)?(?:l|lakhs?)\b",
    re.I,
)
_VISA = re.compile(
    r"\bvisas?\b|sponsor|citizen|clearance|\bh-?1b\b|immigration|work\s+auth|authori[sz]|\bgreen\s+card\b|"
    r"\bwork\s+permit\b|\bcleared\b|\blegal(?:ly)?\s+(?:to|able\s+to)\s+work\b|\bright\s+to\s+work\b|\beligib",
    re.I,
)
# Parts naming a job, a team or the company's business rather than a place.
_ROLE = re.compile(
    r"\b(?:engineer\w*|developers?|scientists?|managers?|designers?|architects?|analysts?|researchers?|"
    r"founding|roles?|positions?|openings?|sre|devops|swe|cto|ceo|cfo|vp|director|head\s+of|staff|principal|"
    r"recruit\w*|advocates?|specialists?|consultants?|operations|sales|marketing|gtm|hiring|multiple|various|"
    r"full[\s-]?stack|back[\s-]?end|front[\s-]?end|programmers?|technician|machine\s+learning|\bml\b|\bai\b|"
    r"platform|infrastructure|product|software|data|security|research|startup|series\s+[a-e]|yc|funding|"
    r"saas|b2b|industry|team|company|we\b|we're|we’re|our\b|mission|building|build)\b",
    re.I,
)
_EMPLOYMENT = re.compile(
    r"\b(?:full|part)[\s-]?time\b|\bfulltime\b|\bpart[\s-]?ime\b|\bcontract(?:[\s-]to[\s-]hire|ors?)?\b|"
    r"\bpermanent\b|\bfreelance\b|\binterns?(?:hips?)?\b|\bco-?ops?\b|\btemp\b|\b1099\b|\bw2\b",
    re.I,
)
_MODE_WORDS = re.compile(
    r"\b(?:100\s?%\s*)?(?:fully\s+|full\s+|primarily\s+|mostly\s+|partially\s+|part\s+)?"
    r"(?:remote(?:[\s-](?:first|friendly|ok|possible|optional|available|only))?|remotely|hybrid|"
    r"on[\s-]?site|in[\s-]?(?:office|person)|office|wfh|work(?:ing)?\s+from\s+(?:home|anywhere))\b",
    re.I,
)
_TIMEZONE = re.compile(
    r"\b(?:utc|gmt|cet|cest|eet|est|edt|cst|cdt|mst|mdt|pst|pdt|pt|et|ct|mt|ist|aest|sgt|jst)\b"
    r"(?:\s*[+±-]\s*\d{1,2}(?::\d\d)?)?(?:\s*(?:to|-)\s*(?:utc|gmt)?\s*[+±-]?\s*\d{1,2}(?::\d\d)?)?|"
    r"\b(?:pacific|eastern|central|mountain|atlantic)\s+(?:time|hours?|tz|standard)\b|"
    r"[±+]\s?\d{1,2}\s?h(?:ours?|rs?)?\b|\btime\s?zones?\b|\btz\b|\bhours?\b|\boverlap\w*\b|\b(?:east|west)\s+coast\b",
    re.I,
)
_FILLER = re.compile(
    r"\b(?:only|preferred|prefer|preferably|ideally|required|must|be|based|ok|okay|possible|considered|welcome|"
    r"friendly|first|flexible|available|optional|open\s+to|in|at|from|within|near|around|across|the|our|hq|"
    r"headquarters|area|metro(?:politan)?|greater|region|location[s]?|countries|country|states?|any|all|most|some|"
    r"roles?|days?|week|wk|weekly|month|x|per|a|plus|also|travel|occasional|quarterly|meet-?ups?|offices?|"
    r"with|and|or|for|of|to|but|if|you|live|candidates?|exceptional|right|eligible|adjacent|"
    r"\d+(?:\s*-\s*\d+)?(?:x|\+)?)\b",
    re.I,
)
_STRICT_MODE = re.compile(r"\b(?:remote|hybrid|on[\s-]?site|in[\s-](?:office|person))\b", re.I)
_BASED = re.compile(r"-\s*based\b|\bbased\b|\bhq\b|\bheadquarters\b|\bmust\s+be\b|\bbut\b", re.I)
# Filler words go only where they stand alone, so names such as "Salt Lake City" stay whole.
# "OK" after a comma is Oklahoma ("Tulsa, OK"); elsewhere it is "Hybrid OK".
_LONE_FILLER = re.compile(r"(?<!,)(?<!, )\b(?:ok|okay)\b|"
                          r"\b(?:only|preferred|preferably|ideally|required|possible|considered|welcome|"
                          r"friendly|first|optional|available|adjacent|aligned|compatible)\b", re.I)
_DAYS = re.compile(r"\b\d+(?:\s*-\s*\d+)?\+?\s*(?:x|days?)\b(?:\s*(?:/|a|per)\s*(?:week|wk))?", re.I)
_SMALL_NUMBER = re.compile(r"(?<![\w#])\d{1,2}\+?(?![\w])")
_WEEK_WORDS = re.compile(r"\b(?:days?|a\s+week|per\s+week|/\s*week|/\s*wk|in\s+office|at\s+the\s+office)\b", re.I)
_WS = re.compile(r"\s+")
_DOUBLE_DASH = re.compile(r"\s*--+\s*")
_CONNECTOR_IN = re.compile(r"\b(or|and)\s+(?:in|at|from)\b", re.I)
_SPACE_BEFORE = re.compile(r"\s+([,;)])")
_SPACE_AFTER = re.compile(r"\(\s+")
# "Location: Berlin" lines in a post's first lines, when the header line names no place.
_LABELLED = re.compile(r"(?im)^[^\w\n]{0,3}(?:locations?|where|based\s+in)\s*:[ \t]*(.+)$")
_NEXT_LABEL = re.compile(r"\s+[A-Z][A-Za-z]+:\s|\s-->|\.(?:\s|$)|;\s")
# "(US or LATAM; must overlap with US hours)": a condition on the candidate, not a place.
_CONDITION = re.compile(r"[;,]\s*\b(?:must|should|needs?\s+to|required\s+to|willing\s+to)\b[^;()]*", re.I)
_THE_COUNTRY = re.compile(r"^the\s+(?=(?:US|USA|UK|U\.S\.|United)\b)", re.I)  # "the US" -> "US"
_REPEATED = re.compile(r"^(.+?) \(\1\)$", re.I)  # "UK (UK)" once "Remote" and "only" are gone
_LABEL = re.compile(r"^\s*(?:locations?|where|based\s+in|office)\s*:\s*", re.I)
# Regions: places without one country.
_REGIONS = re.compile(
    r"\b(?:europe|european\s+union|eu|emea|apac|asia(?:[\s-]pacific)?|latam|latin\s+america|"
    r"(?:north|south|central)\s+america|americas|africa|middle\s+east|mena|nordics?|scandinavia|dach|benelux|"
    r"oceania|anz|southeast\s+asia|sea|uk/eu|eu/uk|us/eu|eu/us)\b",
    re.I,
)
# "no US", "except Germany": places a post excludes are not its places.
_EXCLUDED = re.compile(r"\b(?:no|not|except|excluding|outside(?:\s+of)?)\s+(?:the\s+)?[A-Z][\w.]*", re.I)
# Short names a two-letter-code rule in country_of would refuse ("SF" alone is not a state code).
_SHORT_NAMES = {"sf": "US", "ny": "US", "la": "US", "dc": "US", "atx": "US", "sfo": "US", "sj": "US", "lon": "GB",
                "aus": "AU", "nz": "NZ", "can": "CA"}
_NOWHERE = re.compile(r"^(?:worldwide|global(?:ly)?|anywhere|world|international(?:ly)?|everywhere|earth)$", re.I)
_PROSE = re.compile(r"(?<=\S)\s+(?=(?:We|We're|We’re|Our|Join|Company:|Founded|Backed|Back|Looking|Hiring|"
                    r"About|Help|Come)\b)|\.\s+(?=[A-Z])")
# Connectors left at an edge once mode words are gone ("NYC or", "and Berlin"); all-caps "OR"/"IN" are states.
_CONNECTOR_EDGE = re.compile(r"^(?:[\s,;:/&+·•()\[\]—–.-]|\b(?:[oO]r|[aA]nd|[iI]n|[aA]t|[bB]ut|[wW]ith)\b)+|"
                             r"(?:[\s,;:/&+·•(\[—–-]|\b(?:[oO]r|[aA]nd|[iI]n|[aA]t|[bB]ut|[wW]ith)\b)+$|"
                             r"^(?:OR|AND)\s+|(?<!,)\s+(?:OR|AND)$")
_PLACE_SPLIT = re.compile(r"\s*(?:/|;|\+|&|·|•|\b[oO]r\b|\b[aA]nd\b|(?<!,)\s(?:OR|AND)\s|,|\s-\s|→)\s*")
_IN_PLACE = re.compile(r"\bin\s+((?:the\s+)?[A-Z][\w.'’-]*(?:(?:,\s*|\s+)[A-Z][\w.'’-]*){0,3})")
_BRACKET = re.compile(r"\(([^()]*)\)")
_EMPTY_BRACKETS = re.compile(r"\(\s*[,;:/&+-]*\s*\)|\[\s*\]")
# "NYC or (US)" once "REMOTE" is gone: a bracket after a connector is no longer an aside.
_LOOSE_BRACKET = re.compile(r"(^|\bor\b|\band\b|[,/;&+])\s*\(([^()]*)\)", re.I)
_WORD = re.compile(r"[^\W\d_][\w.'’-]*", re.UNICODE)


def header_line(text: str | None) -> str:
    """The first non-empty line of a post (HN HTML or plain text), tags dropped and entities decoded."""
    if not text:
        return ""
    head = text[: MAX_LINE_CHARS * 4]
    cut = head.find("<p>")
    return _first_line(_to_text(head[:cut] if cut > 0 else head))


def _to_text(s: str) -> str:
    return html_to_text(s)


def _first_line(clean: str) -> str:
    for line in clean.split("\n"):
        if line.strip():
            return " ".join(line.split())[:MAX_LINE_CHARS]
    return ""


def split_header(line: str) -> list[str]:
    """The parts of a header line: pipe-separated, else spaced-dash-separated when that gives 3+ parts."""
    line = (line or "").strip()
    if not line:
        return []
    if "|" in line:
        parts = line.split("|")
    else:
        parts = _DASH_SPLIT.split(line)
        if len(parts) < 3:
            return []
    return [p.strip() for p in parts if p.strip()]


def _strip_prose(part: str) -> str:
    """Cut a part where the post's prose starts ("Paris (HQ) We're building ..."), when it is long."""
    if len(part) <= 60:
        return part
    m = _PROSE.search(part)
    return part[: m.start()] if m and m.start() >= 2 else part


def _tidy(s: str) -> str:
    s = _EMPTY_BRACKETS.sub(" ", s)
    s = _WS.sub(" ", s).strip()
    s = _LOOSE_BRACKET.sub(lambda m: f"{m.group(1)} {m.group(2)}", s)
    s = _DOUBLE_DASH.sub(" ", s)
    s = _CONNECTOR_IN.sub(r"\1", s)
    s = _SPACE_BEFORE.sub(r"\1", s)
    s = _SPACE_AFTER.sub("(", s)
    prev = None
    while prev != s:
        prev = s
        s = _CONNECTOR_EDGE.sub("", s).strip()
        s = _EMPTY_BRACKETS.sub(" ", s).strip()
    if s.count("(") != s.count(")"):
        s = s.replace("(", " ").replace(")", " ")
        s = _WS.sub(" ", s).strip(" ,;")
    return s


def _has_place_word(s: str) -> bool:
    """Whether *s* still holds a word that is not filler (case-insensitive)."""
    rest = _FILLER.sub(" ", s)
    return any(len(w) >= 2 for w in _WORD.findall(rest))


def _place_text(part: str, *, nested: bool = False) -> tuple[str, bool]:
    """(what is left of *part* once work mode, employment type, time zones and filler are dropped, had_mode).

    Brackets that name no place ("(1-2 weeks travel)", "(Chinatown)") go too; "(US)", "(EU)" stay.
    """
    s = _LABEL.sub("", part)
    if not nested and "(" in s:
        s = _BRACKET.sub(_bracket_place, s)
    s = _URL.sub(" ", s)
    s = _CONDITION.sub(" ", s)
    had_mode = bool(_STRICT_MODE.search(s))
    s = _MODE_WORDS.sub(" ", s)
    s = _EMPLOYMENT.sub(" ", s)
    s = _TIMEZONE.sub(" ", s)
    s = _EXCLUDED.sub(" ", s)
    s = _BASED.sub(" ", s)
    s = _LONE_FILLER.sub(" ", s)
    s = _DAYS.sub(" ", s)
    s = _SMALL_NUMBER.sub(" ", s)
    s = _WEEK_WORDS.sub(" ", s)
    s = _THE_COUNTRY.sub("", _tidy(s))
    return _REPEATED.sub(r"\1", s), had_mode


def _bracket_place(m: re.Match[str]) -> str:
    """A bracket that names a place, cleaned ("(Remote US or Hybrid)" -> "(US)"); any other bracket goes."""
    text, had_mode = _place_text(m.group(1), nested=True)
    return f" ({text})" if _is_place(text, had_mode) else " "


def _places(text: str) -> list[str]:
    return [p for p in (q.strip(" ,.()[]") for q in _PLACE_SPLIT.split(text)) if p]


def _piece_country(piece: str) -> str | None:
    piece = _REGIONS.sub(" ", piece).strip(" ,")
    if not piece or _NOWHERE.match(piece):
        return None
    return _SHORT_NAMES.get(piece.casefold()) or country_of(piece)


def _country_for(text: str) -> str | None:
    """ISO code of the first place in *text* that names a country; regions and "worldwide" give none.

    A piece with no country of its own is read with a short next one ("Cambridge", "MA" -> "Cambridge, MA").
    """
    pieces = _places(text)
    for i, piece in enumerate(pieces):
        cc = _piece_country(piece)
        if cc is None and i + 1 < len(pieces) and len(pieces[i + 1]) <= 3:
            cc = _piece_country(f"{piece}, {pieces[i + 1]}")
        if cc:
            return cc
    return None


def _is_place(text: str, had_mode: bool) -> bool:
    if not text or len(text) > 120 or _NOWHERE.match(text):
        return False
    if not _has_place_word(text):
        return False
    if _country_for(text) or _REGIONS.search(text):
        return True
    # Next to a work-mode word a short capitalised name is a place we do not know ("ONSITE - Antananarivo").
    words = _WORD.findall(text)
    return had_mode and 0 < len(words) <= 3 and all(w[0].isupper() for w in words)


def _skip(part: str) -> bool:
    if _DOMAIN_ONLY.match(part) or (_URL.search(part) and len(_URL.sub("", part).strip()) < 4):
        return True
    return bool(_SALARY.search(part) or _VISA.search(part))


def _classify(part: str, *, near_mode: bool = False) -> tuple[str | None, bool]:
    """(place text or None, whether the part is about location/work mode at all).

    *near_mode*: the part sits next to a work-mode word ("ONSITE - Antananarivo"), so a short unknown name counts.
    """
    part = _strip_prose(part)
    # "REMOTE (US citizens only)": the note goes, the place and mode stay.
    part = _BRACKET.sub(lambda m: " " if _skip(m.group(1)) else m.group(0), part).strip()
    if not part or _skip(part):
        return None, False
    if _ROLE.search(part):
        # "Backend Engineer (Berlin)": a role part may still carry its place in brackets.
        for inner in _BRACKET.findall(part):
            if _ROLE.search(inner) or _skip(inner):
                continue
            text, had_mode = _place_text(inner)
            if _is_place(text, had_mode):
                return text, True
        # "Multiple positions in United States"
        for m in _IN_PLACE.finditer(part):
            text, _ = _place_text(m.group(1))
            if _country_for(text):
                return text, True
        return None, False
    text, had_mode = _place_text(part)
    if _is_place(text, had_mode or near_mode):
        return text, True
    return None, bool(_MODE_WORDS.search(part))


def _company_is_place(part: str) -> bool:
    """"Cologne, Germany | Acme | ...": a first part that is a place ("City, Country" or "City, ST")."""
    pieces = [p.strip() for p in part.split(",")]
    if len(pieces) != 2 or _ROLE.search(part) or len(part) > 40:
        return False
    last = pieces[1]
    return bool((len(last) == 2 and last.isupper() or _piece_country(last)) and country_of(part))


def parse_header(line: str | None) -> HeaderPlace:
    """Location, country and work mode from one header line; all None when it says nothing. Never raises."""
    try:
        return _parse(line or "")
    except Exception:  # noqa: BLE001
        return _NONE


@lru_cache(maxsize=16_384)
def _parse(line: str) -> HeaderPlace:
    parts = split_header(line[:MAX_LINE_CHARS])
    if len(parts) < 2:
        return _NONE
    places: list[str] = []
    about: list[str] = []  # the parts that speak about place or mode, in order: what remote_mode reads
    for part in parts[1:]:
        # "ONSITE - San Francisco", "Multiple roles in Canada - WORK FROM HOME": spaced dashes split a part too
        pieces = _DASH_SPLIT.split(part)
        if any(p.count("(") != p.count(")") for p in pieces):
            pieces = [part]  # "REMOTE (EU -- no US)": a dash inside brackets splits nothing
        near_mode = len(pieces) > 1 and bool(_STRICT_MODE.search(part))
        for piece in pieces:
            place, relevant = _classify(piece, near_mode=near_mode)
            if place and place.casefold() not in {p.casefold() for p in places}:
                places.append(place)
            if relevant:
                about.append(piece)
    if not places and _company_is_place(parts[0]):
        places.append(_tidy(parts[0]))
    if not places:
        for inner in _BRACKET.findall(parts[0]):
            text, had_mode = _place_text(inner)
            if not _ROLE.search(inner) and not _skip(inner) and country_of(text) and _is_place(text, had_mode):
                places.append(text)
                break
    location = " / ".join(places)[:MAX_LOCATION_CHARS].strip() or None
    mode = remote_mode(" | ".join(about)) if about else None
    country = _country_for(location) if location else None
    if location is None and mode is None:
        return _NONE
    return HeaderPlace(location=location, country=country, mode=mode)


def header_place(text: str | None) -> HeaderPlace:
    """``parse_header`` of a post's first line (HN HTML or plain text); else a "Location: ..." line. Never raises."""
    if not isinstance(text, str) or not text:
        return _NONE
    try:
        return _header_place(text)
    except Exception:  # noqa: BLE001
        return _NONE


@lru_cache(maxsize=4_096)  # a layout asks for location, country and mode of the same post in turn
def _header_place(text: str) -> HeaderPlace:
    found = parse_header(header_line(text))
    if found.location:
        return found
    clean = _to_text(text[:4000])
    lines = "\n".join(clean.split("\n")[:20])
    m = _LABELLED.search(lines)
    if not m:
        return found
    value = m.group(1)
    end = _NEXT_LABEL.search(value)
    labelled = parse_header("- | " + (value[: end.start()] if end else value)[:200])
    if not labelled.location:
        return found
    return HeaderPlace(location=labelled.location, country=labelled.country, mode=found.mode or labelled.mode)
