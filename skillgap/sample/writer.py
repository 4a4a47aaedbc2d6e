"""Write synthetic job postings: pick a role, company, place, date, pay and skills, then render the text.

A :class:`Posting` keeps the structured parts (sections as sentences and bullet lists); ``markdown()``,
``html()`` and ``plain()`` render them the way different sources publish text. All templates are written for
this project. Randomness comes only from the ``random.Random`` passed in, so a seed fixes every byte.
"""

from __future__ import annotations

import datetime as dt
import html as _html
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from skillgap.sample.vocab import COMPANIES, COUNTRIES, LOCATIONS, ROLES, SENIORITIES, SKILLS, Company, Location, Role

__all__ = ["Posting", "TRAPS", "fmt_money", "iter_postings", "make_posting", "month_counts", "month_range"]

# Phrases that contain a skill-like word in its everyday sense. Extraction must NOT report Go, R, C, React,
# Chef, Spring or Excel for these.
TRAPS: dict[str, tuple[str, ...]] = {
    "go live": ("We go live with something new almost every week.",
                "Your first project should go live within your first quarter."),
    "R&D": ("Our R&D group publishes openly and shares its tools.",
            "You'll sit close to our R&D team and see ideas become products."),
    "C-suite": ("You'll present recommendations directly to the C-suite.",
                "Our work is reviewed by the C-suite every quarter, so it matters."),
    "react quickly": ("We react quickly to what customers tell us.",
                      "Small teams let us react quickly when the market moves."),
    "head chef": ("Lunch is cooked on site by our head chef.",
                  "Free breakfast and lunch, planned by our head chef"),
    "spring offsite": ("A yearly spring offsite where the whole company meets in person",
                       "Every team joins our spring offsite by the sea."),
    "excel at": ("People who excel at explaining complex ideas simply do well here.",
                 "You excel at turning messy problems into clear plans."),
    "go-to-market": ("You'll work with our go-to-market team on launches.",),
}
_TRAP_BENEFITS = {"head chef", "spring offsite"}

_ABOUT_HEAD = ("About us", "About {company}", "Who we are", "About the company")
_ROLE_HEAD = ("The role", "About the role", "The opportunity", "Your mission")
_DUTY_HEAD = ("What you'll do", "Responsibilities", "Key responsibilities", "In this role you will")
_REQ_HEAD = ("Requirements", "What you'll need", "What we're looking for", "Qualifications", "About you")
_NICE_HEAD = ("Nice to have", "Bonus points", "Preferred qualifications", "It's a plus if you have")
_BEN_HEAD = ("Benefits", "What we offer", "Perks and benefits", "Why join us")

_ABOUT_EXTRA = (
    "We are a team of {size} people across {n} countries.",
    "We care about doing careful work and explaining it well.",
    "We are profitable, growing, and hiring thoughtfully.",
    "Our customers range from small teams to some of the largest companies in {industry_l}.",
    "We were founded in {year} and have grown every year since.",
    "We believe the best products come from diverse teams.",
)
_ROLE_INTRO = (
    "We're looking for {a_title} to join our {dept} team.",
    "As a {title} at {company}, you'll join the {dept} team.",
    "{company} is hiring a {title} for the {dept} group.",
    "Join our {dept} team as a {title}.",
)
_ROLE_INTRO2 = (
    "You'll have real ownership and a direct line to the people who use what you build.",
    "It is a hands-on role with room to shape how we work.",
    "The team is small, senior and friendly.",
    "You'll work with engineers, analysts and product managers every day.",
    "This is a new position created as the team grows.",
)
_TEAM = (  # extra paragraphs for the longer "full" postings used in benchmarks
    "The {dept} team is {n} people today, split between {city} and remote colleagues.",
    "You'll report to the head of {dept} and work closely with product managers and designers.",
    "We plan in six-week cycles and leave room for cleanup work between them.",
    "Most of our work starts as a short written proposal that anyone can comment on.",
    "We hold blameless reviews after incidents and share what we learn with the whole company.",
    "On-call is shared fairly across the team and is rarely noisy.",
    "New joiners get a buddy and a written onboarding plan for their first ninety days.",
)
_PROCESS = (
    "Our interview process has four steps: a call with a recruiter, a technical conversation, a practical "
    "exercise based on real work, and a meeting with the team.",
    "We reply to every application within two weeks, whatever the outcome.",
    "We're happy to talk about part-time arrangements and flexible hours during the process.",
)
_WORKPLACE = {
    "remote": ("This role is fully remote within {country}.", "You can work from anywhere in {country}.",
               "This is a remote position ({country})."),
    "hybrid": ("This is a hybrid role: two to three days a week in our {city} office.",
               "We work hybrid from {city}.", "Hybrid working, with our office in {city}."),
    "onsite": ("This role is based in our {city} office.", "You'll work on-site in {city}.",
               "The position is office-based in {city}."),
}
_REQ_TEMPLATES = {
    "lang": ("{y}+ years of {s}", "Strong {s} skills", "Proficiency in {s}", "Professional experience writing {s}",
             "You write clean, well-tested {s}", "{y}+ years of professional {s} development"),
    "tool": ("Hands-on experience with {s}", "Production experience with {s}", "{y}+ years working with {s}",
             "Experience with {s}", "Familiarity with {s}", "Solid working knowledge of {s}"),
    "cloud": ("Experience deploying workloads on {s}", "{y}+ years of experience with {s}",
              "Hands-on {s} experience", "Experience with {s}"),
    "concept": ("Solid understanding of {s}", "Experience with {s}", "Practical experience with {s}",
                "A track record of delivering {s} work in production", "Deep knowledge of {s}"),
    "practice": ("Experience with {s}", "A working knowledge of {s}", "You have put {s} into practice"),
    "soft": ("Excellent {s} skills", "Strong {s} skills", "Proven {s} skills"),
}
_NICE_TEMPLATES = ("Experience with {s}", "Exposure to {s}", "Familiarity with {s}", "Any experience with {s}",
                   "Knowledge of {s}")
_GROUP_TEMPLATES = ("Experience with {a} or {b}", "Hands-on experience with {a} and {b}",
                    "Experience with tools such as {a}, {b} and {c}", "Familiarity with {a}, {b} or {c}")
_EXPERIENCE_LINE = ("{y}+ years of experience in {field}", "At least {y} years of experience in {field}",
                    "{y}+ years of relevant industry experience", "A degree in {degree}, or equivalent experience")
_FIELD = {
    "ai_architect": "AI, machine learning or solution architecture", "ml_engineer": "machine learning engineering",
    "data_engineer": "data engineering", "data_scientist": "data science or analytics",
    "cloud_architect": "cloud infrastructure", "backend_engineer": "backend software engineering",
    "fullstack_engineer": "web development",
}
_DEGREES = ("Computer Science", "Computer Science, Statistics or a related field", "a quantitative field",
            "Engineering or a related discipline")
_BENEFITS_COMMON = (
    "Generous parental leave", "A learning budget for courses and conferences", "Home-office setup allowance",
    "Flexible working hours", "Mental health support and a wellness allowance", "Equity in a growing company",
    "Paid volunteering days", "Latest laptop and tools of your choice", "Annual performance bonus",
)
_BENEFITS_BY_COUNTRY = {
    "US": ("Medical, dental and vision insurance", "401(k) with company match", "Unlimited PTO"),
    "GB": ("25 days of holiday plus bank holidays", "Private medical insurance", "Pension contributions"),
    "DE": ("30 days of vacation", "Company pension scheme", "Public transport ticket"),
    "IN": ("Health insurance for you and your family", "Meal allowance", "Annual health check-up"),
    "CA": ("Extended health and dental benefits", "RRSP matching", "Three weeks of vacation to start"),
}
_EEO = (
    "{company} is an equal opportunity employer. We welcome applicants of every background and do not "
    "discriminate on the basis of race, religion, gender, sexual orientation, age, disability or veteran status.",
    "We are committed to building a diverse team. If you need an accommodation during the hiring process, "
    "let us know.",
    "{company} values diversity and is proud to be an equal opportunity workplace.",
    "Even if you don't meet every requirement, we encourage you to apply.",
)
_JOB_TYPES = (("fulltime", 0.86), ("contract", 0.1), ("parttime", 0.02), ("internship", 0.02))
_YEARS = {"junior": (1, 2), "mid": (2, 4), "senior": (4, 7), "staff": (7, 10), "lead": (6, 9), "principal": (8, 12)}


@dataclass
class Posting:
    """One synthetic posting: structured facts plus text sections."""

    seq: int
    family: str
    title: str
    seniority: str
    company: Company
    department: str
    country: str
    city: str | None
    region: str | None
    workplace: str  # remote | hybrid | onsite
    posted: dt.date
    job_type: str
    salary_min: float | None
    salary_max: float | None
    currency: str | None
    interval: str | None  # yearly | hourly
    skills_required: list[str]
    skills_nice: list[str]
    about_head: str
    about: str
    role_head: str
    role: str
    duty_head: str
    duties: list[str]
    req_head: str
    requirements: list[str]
    nice_head: str
    nice: list[str]
    ben_head: str
    benefits: list[str]
    pay_note: str | None
    eeo: str
    traps: list[str] = field(default_factory=list)

    @property
    def month(self) -> str:
        return self.posted.strftime("%Y-%m")

    @property
    def location_text(self) -> str:
        """Human location: "Austin, TX", "London, England" or the country's remote label."""
        if self.workplace == "remote":
            return str(COUNTRIES[self.country]["remote"])
        return f"{self.city}, {self.region}"

    def _sections(self) -> list[tuple[str, str | list[str]]]:
        out: list[tuple[str, str | list[str]]] = [
            (self.about_head, self.about),
            (self.role_head, self.role),
            (self.duty_head, self.duties),
            (self.req_head, self.requirements),
        ]
        if self.nice:
            out.append((self.nice_head, self.nice))
        out.append((self.ben_head, self.benefits))
        tail = f"{self.pay_note} {self.eeo}" if self.pay_note else self.eeo
        out.append(("", tail))
        return out

    def plain(self) -> str:
        """Plain text with headings on their own lines and "• " bullets."""
        parts = []
        for head, body in self._sections():
            block = "\n".join(f"• {b}" for b in body) if isinstance(body, list) else body
            parts.append(f"{head}\n{block}" if head else block)
        return "\n\n".join(parts)

    def markdown(self) -> str:
        """Markdown as job-board scrapers produce it (bold headings, "* " bullets)."""
        parts = []
        for head, body in self._sections():
            block = "\n".join(f"* {b}" for b in body) if isinstance(body, list) else body
            parts.append(f"**{head}**\n\n{block}" if head else block)
        return "\n\n".join(parts)

    def html(self) -> str:
        """HTML as an ATS stores it (paragraphs, strong headings, lists)."""
        def esc(x: str) -> str:
            return _html.escape(x, quote=False)

        parts = []
        for head, body in self._sections():
            if head:
                parts.append(f"<p><strong>{esc(head)}</strong></p>")
            if isinstance(body, list):
                parts.append("<ul>" + "".join(f"<li>{esc(b)}</li>" for b in body) + "</ul>")
            else:
                parts.append(f"<p>{esc(body)}</p>")
        return "".join(parts)

    @property
    def text(self) -> str:
        """The plain text (what ``plain()`` gives)."""
        return self.plain()


def month_range(start: str, months: int) -> list[str]:
    """``months`` consecutive "YYYY-MM" strings from ``start``."""
    y, m = (int(x) for x in start.split("-"))
    out = []
    for _ in range(months):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def month_counts(total: int, months: int, *, growth: float = 0.5) -> list[int]:
    """Split ``total`` postings over ``months`` months with volume rising by ``growth`` from first to last."""
    if months <= 0:
        return []
    weights = [1.0 + growth * (i / max(1, months - 1)) for i in range(months)]
    s = sum(weights)
    raw = [total * w / s for w in weights]
    counts = [int(x) for x in raw]
    rest = total - sum(counts)
    for i in sorted(range(months), key=lambda i: (-(raw[i] - counts[i]), i))[:rest]:
        counts[i] += 1
    return counts


def _weighted(rng: random.Random, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


_FORMS = {k: ([f for f, _ in s.forms], list(accumulate(w for _, w in s.forms))) for k, s in SKILLS.items()}
_FAMILIES = list(ROLES)
_SENIORITY_CUM = list(accumulate(s[3] for s in SENIORITIES))


def _form(rng: random.Random, key: str) -> str:
    forms, cum = _FORMS[key]
    if len(forms) == 1:
        return forms[0]
    return rng.choices(forms, cum_weights=cum, k=1)[0]


_COMPANY_CUM = list(accumulate(c.weight for c in COMPANIES))
_LOC_BY_COUNTRY: dict[str, list[Location]] = {}
for _loc in LOCATIONS:
    _LOC_BY_COUNTRY.setdefault(_loc.country, []).append(_loc)
_COUNTRY_W = {"US": 0.55, "GB": 0.13, "DE": 0.1, "IN": 0.12, "CA": 0.1}


@lru_cache(maxsize=512)
def _skill_probs(family: str, day: dt.date) -> tuple[tuple[str, float, bool], ...]:
    """(skill, probability on ``day``, is soft) for a role family; cached because many postings share a day."""
    return tuple((key, base * SKILLS[key].trend.factor(day), SKILLS[key].kind == "soft")
                 for key, base in ROLES[family].skills.items())


@lru_cache(maxsize=64)
def _family_cum_weights(day: dt.date) -> tuple[float, ...]:
    return tuple(accumulate(ROLES[f].share * ROLES[f].share_trend.factor(day) for f in _FAMILIES))


def _pick_skills(rng: random.Random, family: str, day: dt.date, seniority: str) -> tuple[list[str], list[str]]:
    role = ROLES[family]
    chosen: list[str] = []
    senior = seniority in ("staff", "lead", "principal")
    for key, p, soft in _skill_probs(family, day):
        if soft and senior:
            p *= 1.5
        if rng.random() < min(0.97, p):
            chosen.append(key)
    if len(chosen) < 4:
        for key, _ in sorted(role.skills.items(), key=lambda kv: -kv[1]):
            if key not in chosen and SKILLS[key].trend.kind != "decline" and SKILLS[key].trend.kind != "rise":
                chosen.append(key)
            if len(chosen) >= 4:
                break
    rng.shuffle(chosen)
    chosen = chosen[:14]
    required, nice = [], []
    for key in chosen:
        core = role.skills[key] >= 0.5
        (required if rng.random() < (0.8 if core else 0.45) else nice).append(key)
    if not required:
        required.append(nice.pop(0))
    return required, nice


def _requirement_lines(rng: random.Random, keys: list[str], seniority: str) -> list[str]:
    lo, hi = _YEARS[seniority]
    lines: list[str] = []
    tools = [k for k in keys if SKILLS[k].kind == "tool"]
    grouped: set[str] = set()
    if len(tools) >= 3 and rng.random() < 0.5:
        n = 3 if len(tools) >= 3 and rng.random() < 0.5 else 2
        grp = tools[:n]
        grouped.update(grp)
        tpl = rng.choice([t for t in _GROUP_TEMPLATES if ("{c}" in t) == (n == 3)])
        lines.append(tpl.format(**dict(zip("abc", (_form(rng, k) for k in grp)))))
    for key in keys:
        if key in grouped:
            continue
        tpl = rng.choice(_REQ_TEMPLATES[SKILLS[key].kind])
        lines.append(tpl.format(s=_form(rng, key), y=rng.randint(lo, hi)))
    rng.shuffle(lines)
    return lines


def _salary(rng: random.Random, family: str, seniority: str, country: str, job_type: str):
    mult = next(m for k, _, m, _ in SENIORITIES if k == seniority)
    lo, hi = ROLES[family].pay
    cfg = COUNTRIES[country]
    noise = rng.uniform(0.9, 1.1)
    smin, smax = lo * mult * noise * float(cfg["pay"]), hi * mult * noise * float(cfg["pay"])
    if job_type in ("contract", "parttime", "internship") and country != "IN":
        rate = 1.25 if job_type == "contract" else 0.8
        return round(smin / 2080 * rate), round(smax / 2080 * rate), cfg["currency"], "hourly"
    step = 100_000 if country == "IN" else 1_000 if smin < 100_000 else 5_000
    return round(smin / step) * step, round(smax / step) * step, cfg["currency"], "yearly"


def fmt_money(amount: float, currency: str) -> str:
    """ "$140,000", "£55,000", "₹25,00,000" (Indian grouping)."""
    symbol = next(str(c["symbol"]) for c in COUNTRIES.values() if c["currency"] == currency)
    n = int(round(amount))
    if currency == "INR" and n >= 100_000:
        s = str(n)
        head, tail = s[:-3], s[-3:]
        groups = []
        while len(head) > 2:
            groups.insert(0, head[-2:])
            head = head[:-2]
        if head:
            groups.insert(0, head)
        return symbol + ",".join(groups + [tail])
    return f"{symbol}{n:,}"


def _title(rng: random.Random, role: Role, prefix: str) -> str:
    """A title from the role's list, with the seniority prefix and now and then a board's suffix."""
    base_title = rng.choice(role.titles)
    if prefix and not base_title.startswith(("Senior", "Principal", "Staff", "Lead")):
        title = f"{prefix} {base_title}"
    else:
        title = base_title
    if rng.random() < 0.06:
        title += rng.choice([" (Remote)", " - Contract", " II", ", Platform", " (m/f/d)"])
    return title


def _trap_lines(rng: random.Random, trap_keys: list[str], *, benefits: bool) -> list[str]:
    """One sentence per trap key that belongs in the benefits section (``benefits=True``) or elsewhere."""
    return [rng.choice(TRAPS[k]) for k in trap_keys if (k in _TRAP_BENEFITS) == benefits]


def _about_and_role(rng: random.Random, company: Company, fmt: dict, *, workplace: str, detail: str,
                    trap_keys: list[str]) -> tuple[list[str], list[str]]:
    """The sentences of the "about us" and "the role" sections."""
    about_bits = [f"{company.name} {company.blurb}."]
    about_bits += [rng.choice(_ABOUT_EXTRA).format(**fmt)]
    if detail == "full":
        about_bits += [rng.choice(_ABOUT_EXTRA).format(**fmt)]
    about_bits += _trap_lines(rng, trap_keys, benefits=False)
    role_bits = [rng.choice(_ROLE_INTRO).format(**fmt), rng.choice(_WORKPLACE[workplace]).format(**fmt)]
    role_bits.append(rng.choice(_ROLE_INTRO2))
    if detail == "full":
        role_bits += [t.format(**fmt) for t in rng.sample(_TEAM, 3)]
    return about_bits, role_bits


def _duties(rng: random.Random, role: Role, skills: list[str], *, detail: str) -> list[str]:
    """The duty bullets, naming the posting's cloud, GenAI and pipeline skills where it has them."""
    cloud = next((_form(rng, k) for k in skills if SKILLS[k].kind == "cloud"), "the cloud")
    has_genai = any(k in ("generative_ai", "llm", "rag", "ai_agents") for k in skills)
    genai = rng.choice(("generative AI", "GenAI", "LLM")) if has_genai else "AI"
    pipeline = next((_form(rng, k) for k in skills if k == "data_pipelines"), "batch and streaming pipelines")
    n_duties = rng.randint(3, 5) if detail == "compact" else rng.randint(5, 7)
    duties = [d.format(cloud=cloud, genai=genai, pipeline=pipeline)
              for d in rng.sample(role.duties, min(n_duties, len(role.duties)))]
    return [d[0].upper() + d[1:] for d in duties]


def _requirements(rng: random.Random, required: list[str], *, family: str, sen_key: str) -> list[str]:
    """The requirement bullets, an experience line first."""
    requirements = _requirement_lines(rng, required, sen_key)
    lo, hi = _YEARS[sen_key]
    requirements.insert(0, rng.choice(_EXPERIENCE_LINE).format(y=rng.randint(lo, hi), field=_FIELD[family],
                                                                degree=rng.choice(_DEGREES)))
    return requirements


def _pay(rng: random.Random, *, family: str, sen_key: str, country: str, job_type: str) -> tuple:
    """``(salary_min, salary_max, currency, interval, pay_note)``; all None where the posting names no pay."""
    salary_min = salary_max = currency = interval = None
    pay_note = None
    p_salary = {"US": 0.78, "CA": 0.62, "GB": 0.55, "DE": 0.35, "IN": 0.3}[country]
    if rng.random() < p_salary:
        salary_min, salary_max, currency, interval = _salary(rng, family, sen_key, country, job_type)
        if rng.random() < 0.6:
            per = "a year" if interval == "yearly" else "an hour"
            pay_note = (f"The base pay range for this role is {fmt_money(salary_min, currency)} - "
                        f"{fmt_money(salary_max, currency)} {per}; final pay depends on experience and location.")
    return salary_min, salary_max, currency, interval, pay_note


def make_posting(rng: random.Random, *, seq: int, day: dt.date, detail: str = "compact") -> Posting:
    """Generate one posting dated ``day``. ``detail="full"`` writes longer texts (benchmark exports)."""
    family = rng.choices(_FAMILIES, cum_weights=_family_cum_weights(day), k=1)[0]
    role = ROLES[family]
    sen_key, prefix, _, _ = rng.choices(SENIORITIES, cum_weights=_SENIORITY_CUM, k=1)[0]
    title = _title(rng, role, prefix)
    company = rng.choices(COMPANIES, cum_weights=_COMPANY_CUM, k=1)[0]
    country = company.home if rng.random() < 0.7 else _weighted(rng, list(_COUNTRY_W), list(_COUNTRY_W.values()))
    locs = _LOC_BY_COUNTRY[country]
    loc = _weighted(rng, locs, [x.weight for x in locs])
    workplace = _weighted(rng, ("remote", "hybrid", "onsite"), (0.25, 0.42, 0.33))
    job_type = _weighted(rng, [j for j, _ in _JOB_TYPES], [w for _, w in _JOB_TYPES])
    if "Contract" in title:
        job_type = "contract"
    dept = rng.choice(role.departments)
    required, nice = _pick_skills(rng, family, day, sen_key)

    fmt = {
        "company": company.name, "title": title, "a_title": ("an " if title[0] in "AEIOU" else "a ") + title,
        "dept": dept, "city": loc.city,
        "country": ("the " if country in ("US", "GB") else "") + str(COUNTRIES[country]["name"]),
        "size": company.size.split("-")[0].rstrip("+"),
        "n": rng.randint(3, 30), "industry_l": company.industry.lower(), "year": rng.randint(1990, 2021),
    }  # fmt: skip
    trap_keys = [k for k in TRAPS if rng.random() < 0.07]
    about_bits, role_bits = _about_and_role(rng, company, fmt, workplace=workplace, detail=detail,
                                            trap_keys=trap_keys)
    duties = _duties(rng, role, required + nice, detail=detail)
    requirements = _requirements(rng, required, family=family, sen_key=sen_key)
    nice_lines = [rng.choice(_NICE_TEMPLATES).format(s=_form(rng, k)) for k in nice]

    ben_pool = list(_BENEFITS_BY_COUNTRY[country]) + list(_BENEFITS_COMMON)
    benefits = rng.sample(ben_pool, rng.randint(3, 5) if detail == "compact" else rng.randint(5, 8))
    benefits += _trap_lines(rng, trap_keys, benefits=True)
    traps = [k for k in trap_keys if k not in _TRAP_BENEFITS] + [k for k in trap_keys if k in _TRAP_BENEFITS]

    salary_min, salary_max, currency, interval, pay_note = _pay(rng, family=family, sen_key=sen_key,
                                                                country=country, job_type=job_type)
    eeo = rng.choice(_EEO).format(**fmt)
    if detail == "full":
        eeo = f"{rng.choice(_PROCESS)} {eeo}"

    return Posting(
        seq=seq, family=family, title=title, seniority=sen_key, company=company, department=dept,
        country=country, city=loc.city, region=loc.region, workplace=workplace, posted=day, job_type=job_type,
        salary_min=salary_min, salary_max=salary_max, currency=currency, interval=interval,
        skills_required=required, skills_nice=nice,
        about_head=rng.choice(_ABOUT_HEAD).format(**fmt), about=" ".join(about_bits),
        role_head=rng.choice(_ROLE_HEAD), role=" ".join(role_bits),
        duty_head=rng.choice(_DUTY_HEAD), duties=duties,
        req_head=rng.choice(_REQ_HEAD), requirements=requirements,
        nice_head=rng.choice(_NICE_HEAD), nice=nice_lines,
        ben_head=rng.choice(_BEN_HEAD), benefits=benefits,
        pay_note=pay_note, eeo=eeo, traps=traps,
    )  # fmt: skip


def iter_postings(
    *, seed: int, start_month: str, months: int, postings: int, detail: str = "compact", max_day: int = 28
) -> Iterator[Posting]:
    """Yield ``postings`` postings in date order over ``months`` months from ``start_month``.

    One ``random.Random`` drives everything in sequence, so the stream is identical however a caller chunks it.
    """
    rng = random.Random(f"skillgap-sample:{seed}")
    seq = 0
    for month, count in zip(month_range(start_month, months), month_counts(postings, months)):
        y, m = (int(x) for x in month.split("-"))
        _skill_probs.cache_clear()  # keep the caches to one month of days: memory must not grow with the export
        _family_cum_weights.cache_clear()
        days = sorted(rng.randint(1, max_day) for _ in range(count))
        for d in days:
            yield make_posting(rng, seq=seq, day=dt.date(y, m, d), detail=detail)
            seq += 1
