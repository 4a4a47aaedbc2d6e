"""``country_of(location)`` -> ISO-3166 alpha-2 code from free-text locations, with a compact built-in table.

Lookup order: the whole string, then comma/slash/paren/pipe separated parts from right to left (the country or
state usually comes last: "Austin, TX", "Berlin, Germany"), then known city names anywhere, then Chinese city/country
names as substrings. "Remote" alone gives None; "Remote (US)" gives "US". Ambiguous two-letter parts are read as
US state / Canadian province codes only when they follow a comma ("Portland, OR"), so "IN" on its own is India.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["country_of"]

_US_STATES = {
    "AL": "alabama", "AK": "alaska", "AZ": "arizona", "AR": "arkansas", "CA": "california", "CO": "colorado",
    "CT": "connecticut", "DE": "delaware", "FL": "florida", "GA": "georgia", "HI": "hawaii", "ID": "idaho",
    "IL": "illinois", "IN": "indiana", "IA": "iowa", "KS": "kansas", "KY": "kentucky", "LA": "louisiana",
    "ME": "maine", "MD": "maryland", "MA": "massachusetts", "MI": "michigan", "MN": "minnesota",
    "MS": "mississippi", "MO": "missouri", "MT": "montana", "NE": "nebraska", "NV": "nevada",
    "NH": "new hampshire", "NJ": "new jersey", "NM": "new mexico", "NY": "new york", "NC": "north carolina",
    "ND": "north dakota", "OH": "ohio", "OK": "oklahoma", "OR": "oregon", "PA": "pennsylvania",
    "RI": "rhode island", "SC": "south carolina", "SD": "south dakota", "TN": "tennessee", "TX": "texas",
    "UT": "utah", "VT": "vermont", "VA": "virginia", "WA": "washington", "WV": "west virginia",
    "WI": "wisconsin", "WY": "wyoming", "DC": "district of columbia", "PR": "puerto rico",
}  # fmt: skip
_CA_PROVINCES = {
    "AB": "alberta", "BC": "british columbia", "MB": "manitoba", "NB": "new brunswick",
    "NL": "newfoundland and labrador", "NS": "nova scotia", "NT": "northwest territories", "NU": "nunavut",
    "ON": "ontario", "PE": "prince edward island", "QC": "quebec", "SK": "saskatchewan", "YT": "yukon",
}  # fmt: skip

# Country names and common aliases (casefolded, accents stripped) -> alpha-2.
_COUNTRIES = {
    "united states": "US", "united states of america": "US", "usa": "US", "us": "US", "u.s.": "US",
    "u.s.a.": "US", "america": "US", "us only": "US", "us-only": "US",
    "united kingdom": "GB", "uk": "GB", "u.k.": "GB", "great britain": "GB", "britain": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "northern ireland": "GB", "gb": "GB",
    "canada": "CA", "germany": "DE", "deutschland": "DE", "france": "FR", "spain": "ES", "espana": "ES",
    "portugal": "PT", "italy": "IT", "italia": "IT", "netherlands": "NL", "the netherlands": "NL",
    "holland": "NL", "belgium": "BE", "luxembourg": "LU", "switzerland": "CH", "austria": "AT",
    "ireland": "IE", "denmark": "DK", "sweden": "SE", "norway": "NO", "finland": "FI", "iceland": "IS",
    "poland": "PL", "czech republic": "CZ", "czechia": "CZ", "slovakia": "SK", "hungary": "HU",
    "romania": "RO", "bulgaria": "BG", "greece": "GR", "croatia": "HR", "serbia": "RS", "slovenia": "SI",
    "estonia": "EE", "latvia": "LV", "lithuania": "LT", "ukraine": "UA", "russia": "RU", "belarus": "BY",
    "turkey": "TR", "turkiye": "TR", "israel": "IL", "cyprus": "CY", "malta": "MT",
    "india": "IN", "china": "CN", "prc": "CN", "mainland china": "CN", "hong kong": "HK", "taiwan": "TW",
    "japan": "JP", "south korea": "KR", "korea": "KR", "singapore": "SG", "malaysia": "MY",
    "indonesia": "ID", "thailand": "TH", "vietnam": "VN", "viet nam": "VN", "philippines": "PH",
    "pakistan": "PK", "bangladesh": "BD", "sri lanka": "LK", "nepal": "NP",
    "australia": "AU", "new zealand": "NZ",
    "united arab emirates": "AE", "uae": "AE", "saudi arabia": "SA", "qatar": "QA", "egypt": "EG",
    "nigeria": "NG", "kenya": "KE", "south africa": "ZA", "morocco": "MA", "ghana": "GH",
    "mexico": "MX", "brazil": "BR", "brasil": "BR", "argentina": "AR", "chile": "CL", "colombia": "CO",
    "peru": "PE", "uruguay": "UY", "costa rica": "CR",
}  # fmt: skip

# Major cities (only unambiguous ones) -> alpha-2.
_CITIES = {
    "new york city": "US", "nyc": "US", "new york": "US", "san francisco": "US", "sf": "US",
    "sf bay area": "US", "bay area": "US", "silicon valley": "US", "los angeles": "US",
    "seattle": "US", "boston": "US", "greater boston": "US", "chicago": "US", "austin": "US", "denver": "US",
    "atlanta": "US", "miami": "US", "dallas": "US", "houston": "US", "san jose": "US", "palo alto": "US",
    "mountain view": "US", "menlo park": "US", "sunnyvale": "US", "redmond": "US", "san diego": "US",
    "philadelphia": "US", "pittsburgh": "US", "portland": "US", "salt lake city": "US", "phoenix": "US",
    "minneapolis": "US", "detroit": "US", "nashville": "US", "raleigh": "US", "washington dc": "US",
    "durham": "US", "chapel hill": "US", "harrisburg": "US", "cincinnati": "US", "tallahassee": "US",
    "st louis": "US", "st. louis": "US", "saint louis": "US", "st paul": "US", "st. paul": "US", "charlotte": "US",
    "columbus": "US", "cleveland": "US", "indianapolis": "US", "kansas city": "US", "baltimore": "US",
    "sacramento": "US", "orlando": "US", "tampa": "US", "las vegas": "US", "san antonio": "US", "fort worth": "US",
    "jersey city": "US", "newark": "US", "hoboken": "US", "reston": "US", "herndon": "US", "mclean": "US",
    "santa clara": "US", "south san francisco": "US", "irvine": "US", "oakland": "US", "berkeley": "US",
    "boulder": "US", "ann arbor": "US", "providence": "US", "hartford": "US", "new haven": "US",
    "princeton": "US", "stamford": "US", "albany": "US", "buffalo": "US", "honolulu": "US", "anchorage": "US",
    "milwaukee": "US", "omaha": "US", "louisville": "US", "memphis": "US", "new orleans": "US", "cupertino": "US",
    "santa monica": "US", "pasadena": "US", "el segundo": "US", "somerville": "US", "bellevue": "US",
    "kirkland": "US", "redwood city": "US", "san mateo": "US", "foster city": "US", "los gatos": "US",
    "washington d.c.": "US", "brooklyn": "US", "manhattan": "US", "cambridge ma": "US",
    "london": "GB", "manchester": "GB", "edinburgh": "GB", "bristol": "GB", "glasgow": "GB", "leeds": "GB",
    "birmingham uk": "GB", "oxford": "GB",
    "berlin": "DE", "munich": "DE", "munchen": "DE", "hamburg": "DE", "frankfurt": "DE", "cologne": "DE",
    "koln": "DE", "stuttgart": "DE", "paris": "FR", "lyon": "FR", "madrid": "ES", "barcelona": "ES",
    "lisbon": "PT", "porto": "PT", "amsterdam": "NL", "rotterdam": "NL", "utrecht": "NL", "brussels": "BE",
    "zurich": "CH", "geneva": "CH", "vienna": "AT", "wien": "AT", "dublin": "IE", "copenhagen": "DK",
    "stockholm": "SE", "oslo": "NO", "helsinki": "FI", "warsaw": "PL", "krakow": "PL", "prague": "CZ",
    "budapest": "HU", "bucharest": "RO", "milan": "IT", "rome": "IT", "athens": "GR", "tallinn": "EE",
    "kyiv": "UA", "kiev": "UA", "tel aviv": "IL", "istanbul": "TR",
    "toronto": "CA", "vancouver": "CA", "montreal": "CA", "ottawa": "CA", "calgary": "CA", "waterloo": "CA",
    "bengaluru": "IN", "bangalore": "IN", "mumbai": "IN", "delhi": "IN", "new delhi": "IN", "hyderabad": "IN",
    "pune": "IN", "chennai": "IN", "gurgaon": "IN", "gurugram": "IN", "noida": "IN", "kolkata": "IN",
    "beijing": "CN", "shanghai": "CN", "shenzhen": "CN", "hangzhou": "CN", "guangzhou": "CN",
    "chengdu": "CN", "nanjing": "CN", "wuhan": "CN", "xi'an": "CN", "xian": "CN", "suzhou": "CN",
    "tokyo": "JP", "osaka": "JP", "seoul": "KR", "taipei": "TW", "sydney": "AU", "melbourne": "AU",
    "brisbane": "AU", "perth": "AU", "auckland": "NZ", "wellington": "NZ", "dubai": "AE", "abu dhabi": "AE",
    "sao paulo": "BR", "mexico city": "MX", "buenos aires": "AR", "bogota": "CO", "santiago": "CL",
    "lagos": "NG", "nairobi": "KE", "cape town": "ZA", "johannesburg": "ZA", "cairo": "EG",
    "kuala lumpur": "MY", "jakarta": "ID", "bangkok": "TH", "manila": "PH", "ho chi minh city": "VN",
    "hanoi": "VN",
}  # fmt: skip

# Chinese names: substring match (Chinese text has no word boundaries). Longer names first.
_CJK_NAMES = [
    ("新加坡", "SG"), ("香港", "HK"), ("台湾", "TW"), ("台北", "TW"), ("日本", "JP"), ("东京", "JP"),
    ("韩国", "KR"), ("首尔", "KR"), ("美国", "US"), ("硅谷", "US"), ("西雅图", "US"), ("纽约", "US"),
    ("旧金山", "US"), ("加拿大", "CA"), ("多伦多", "CA"), ("温哥华", "CA"), ("英国", "GB"), ("伦敦", "GB"),
    ("德国", "DE"), ("柏林", "DE"), ("法国", "FR"), ("巴黎", "FR"), ("荷兰", "NL"), ("阿姆斯特丹", "NL"),
    ("西班牙", "ES"), ("巴塞罗那", "ES"), ("澳大利亚", "AU"), ("澳洲", "AU"), ("悉尼", "AU"), ("印度", "IN"),
    ("阿联酋", "AE"), ("迪拜", "AE"), ("马来西亚", "MY"), ("越南", "VN"), ("泰国", "TH"), ("菲律宾", "PH"),
    ("印尼", "ID"), ("中国", "CN"), ("北京", "CN"), ("上海", "CN"), ("深圳", "CN"), ("杭州", "CN"),
    ("广州", "CN"), ("南京", "CN"), ("成都", "CN"), ("西安", "CN"), ("武汉", "CN"), ("重庆", "CN"),
    ("苏州", "CN"), ("长沙", "CN"), ("无锡", "CN"), ("天津", "CN"), ("合肥", "CN"), ("大连", "CN"),
    ("厦门", "CN"), ("珠海", "CN"), ("青岛", "CN"), ("郑州", "CN"), ("东莞", "CN"), ("福州", "CN"),
    ("佛山", "CN"), ("济南", "CN"), ("宁波", "CN"), ("沈阳", "CN"), ("昆明", "CN"), ("南宁", "CN"),
    ("义乌", "CN"), ("唐山", "CN"), ("贵阳", "CN"), ("南昌", "CN"), ("哈尔滨", "CN"), ("长春", "CN"),
    ("石家庄", "CN"), ("太原", "CN"), ("兰州", "CN"), ("海口", "CN"), ("三亚", "CN"), ("常州", "CN"),
    ("北上广深", "CN"), ("全国", "CN"), ("山景城", "US"), ("湾区", "US"), ("中关村", "CN"), ("海淀", "CN"),
    ("朝阳区", "CN"), ("望京", "CN"), ("张江", "CN"), ("徐汇", "CN"), ("浦东", "CN"), ("南山", "CN"),
    ("福田", "CN"), ("滨江", "CN"), ("余杭", "CN"), ("河南", "CN"), ("河北", "CN"), ("江苏", "CN"),
    ("安徽", "CN"), ("广东", "CN"), ("浙江", "CN"), ("山东", "CN"), ("四川", "CN"), ("湖北", "CN"),
    ("湖南", "CN"), ("福建", "CN"), ("江西", "CN"), ("云南", "CN"), ("贵州", "CN"), ("陕西", "CN"),
    ("山西", "CN"), ("辽宁", "CN"), ("吉林", "CN"), ("黑龙江", "CN"), ("广西", "CN"), ("海南", "CN"),
    ("甘肃", "CN"), ("内蒙古", "CN"), ("新疆", "CN"), ("宁夏", "CN"), ("青海", "CN"), ("西藏", "CN"),
    ("南通", "CN"), ("廊坊", "CN"), ("丹东", "CN"), ("海宁", "CN"), ("绍兴", "CN"), ("温州", "CN"),
    ("嘉兴", "CN"), ("徐州", "CN"), ("扬州", "CN"), ("烟台", "CN"), ("洛阳", "CN"), ("惠州", "CN"),
    ("中山", "CN"), ("澳门", "MO"),
]

_NAME_TO_CC: dict[str, str | None] = {}
_NAME_TO_CC.update({name: "US" for name in _US_STATES.values()})
_NAME_TO_CC.update({name: "CA" for name in _CA_PROVINCES.values()})
_NAME_TO_CC.update(_COUNTRIES)
_NAME_TO_CC.update(_CITIES)
# "Washington" alone is the state (Seattle area) for US boards; "georgia" collides with the country: boards in our
# data use it as the US state ("Atlanta, Georgia, United States"), so the state wins.

_SPLIT = re.compile(r"\s*(?:[,;/|()\[\]·•]|\s-\s|\s–\s)\s*")
_ZIP = re.compile(r"\b\d{5}(?:-\d{4})?\b|\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b")
_NOISE = re.compile(
    r"\b(?:remote|hybrid|on[\s-]?site|onsite|only|area|greater|metro(?:politan)?|metroplex|region|based|hq|office|"
    r"headquarters|and|or|in|from|anywhere|time ?zones?|tz|relocation|visa)\b",
    re.IGNORECASE,
)
_CJK = re.compile(r"[\u3400-\u9fff]")
_WORD_PUNCT = re.compile(r"[,;/|()\[\]{}:!?\"“”]+|\s-|-\s|(?<=[a-z])-(?=[A-Z])")
_REMOTE_US = re.compile(r"\bremote\s*[-(]?\s*(?:us|usa|u\.s\.?)\b", re.IGNORECASE)


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(s.casefold().replace("’", "'").split())


def _lookup(part: str, *, after_comma: bool) -> str | None:
    raw = part.strip(" .")
    if not raw:
        return None
    if len(raw) == 2 and raw.isalpha() and raw.isupper():
        if after_comma:
            if raw in _US_STATES:
                return "US"
            if raw in _CA_PROVINCES:
                return "CA"
        if raw in ("UK", "GB"):
            return "GB"
        if raw == "US":
            return "US"
        return None
    key = _fold(raw)
    if key in _NAME_TO_CC:
        return _NAME_TO_CC[key]
    stripped = _fold(_NOISE.sub(" ", raw))
    if stripped and stripped != key:
        if stripped in _NAME_TO_CC:
            return _NAME_TO_CC[stripped]
        if len(stripped) == 2 and stripped.upper() in ("US", "UK"):
            return "US" if stripped == "us" else "GB"
    return None


def country_of(location: str | None) -> str | None:
    """ISO-3166 alpha-2 code for a free-text location, or None when it names no place we know. Never raises."""
    try:
        if not isinstance(location, str):
            return None
        return _country_of(location)
    except Exception:  # noqa: BLE001
        return None


@lru_cache(maxsize=65_536)  # locations repeat heavily ("New York, NY")
def _country_of(location: str | None) -> str | None:
    if not location or not isinstance(location, str):
        return None
    loc = location.strip()
    if not loc or len(loc) > 300:
        loc = loc[:300]
    if _CJK.search(loc):
        for name, cc in _CJK_NAMES:
            if name in loc:
                return cc
    whole = _lookup(loc, after_comma=False)
    if whole:
        return whole
    loc_nozip = _ZIP.sub(" ", loc)
    parts = [p for p in _SPLIT.split(loc_nozip) if p and p.strip()]
    # Which parts came after a comma (state/province position)?
    for i in range(len(parts) - 1, -1, -1):
        part = parts[i].strip(" .")
        if i > 0 and len(part) == 2 and part.isupper():
            # "Amsterdam, NL" / "Berlin, DE": a country code that agrees with the known city beats the
            # Newfoundland / Delaware reading; "London, ON" keeps the province reading.
            city_cc = _CITIES.get(_fold(parts[i - 1])) or _COUNTRIES.get(_fold(parts[i - 1]))
            if city_cc == part or (city_cc == "GB" and part == "UK"):
                return city_cc
        cc = _lookup(parts[i], after_comma=i > 0)
        if cc:
            return cc
    # Words inside a part: "Remote US", "Toronto ON", "Berlin Germany".
    words = _WORD_PUNCT.sub(" ", loc_nozip).split()
    for n in (3, 2, 1):
        for j in range(len(words) - n, -1, -1):
            chunk = " ".join(words[j : j + n])
            cc = _lookup(chunk, after_comma=(n == 1 and j > 0 and chunk.isupper() and len(chunk) == 2))
            if cc:
                return cc
    if _REMOTE_US.search(loc):
        return "US"
    return None
