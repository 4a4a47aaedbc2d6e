"""Classify postings into the taxonomy's role families and seniority levels."""

from __future__ import annotations

import re
from dataclasses import dataclass

from skills_taxonomy.model import Role

OTHER = "other"
# Bump when the classification code changes (not the taxonomy's patterns, which the taxonomy version covers):
# posting_roles rows carry rules_version(taxonomy) and are classified again when it differs.
CLASSIFIER_REVISION = 2


def rules_version(taxonomy_version: str) -> str:
    """The version stamp of role/seniority classifications made with this taxonomy and this code."""
    return f"{taxonomy_version}/roles-{CLASSIFIER_REVISION}"
SENIORITIES = ("intern", "junior", "mid", "senior", "lead", "principal", "manager")

# Checked in this order: the first level whose pattern matches the title wins.
# Latin words are fenced with (?<![a-z0-9]) ... (?![a-z0-9]) rather than \b, because \b does not fire between a
# Latin letter and a CJK character ("资深Senior工程师"); see skills_taxonomy/data/roles.yaml.
_L, _R = r"(?<![a-z0-9])", r"(?![a-z0-9])"
_IC_TITLE = r"(?:engineer|developer|analyst|scientist|programmer|designer|administrator|specialist|technician|consultant)"
_SENIORITY_TITLE = [
    ("intern", rf"{_L}(intern|internship|trainee|werkstudent){_R}|实习"),
    # "Product/Project/Program Manager" names a role family, not a people-manager level
    ("manager", rf"{_L}(?<!product )(?<!project )(?<!program )(?<!account )(manager|head of|director|vp|vice president|chief|cto|cdo){_R}"
                r"|(?<!产品)(?<!项目)经理|总监|负责人"),
    ("principal", rf"{_L}(principal|staff|distinguished|fellow){_R}|首席|专家"),
    ("lead", rf"{_L}(lead|tech lead|team lead){_R}|组长|主管"),
    ("senior", rf"{_L}(senior|sr|snr|iii|iv){_R}|{_IC_TITLE}\s+(3|4){_R}|高级|资深"),
    # a bare "I" is junior only right after a job noun ("Software Engineer I"), never "I/O" or "I'm hiring"
    ("junior", rf"{_L}(junior|jr|entry[- ]level|graduate|new grad|associate){_R}|{_IC_TITLE}\s+(i|1)(?![a-z0-9/'’.-])"
               r"|初级|应届"),
]
_SENIORITY_RES = [(level, re.compile(p, re.IGNORECASE)) for level, p in _SENIORITY_TITLE]
# Separators between the parts of a title: pipes, semicolons, the ideographic comma, and a slash with spaces
# around it (a bare slash stays: "AI/ML Engineer", "UI/UX designer").
_TITLE_PARTS = re.compile(r"\s*[|｜;；、]\s*|\s+/\s+")
_YEARS = re.compile(r"(\d{1,2})\s*\+?\s*(?:years|yrs)", re.IGNORECASE)


@dataclass(frozen=True)
class RoleClassifier:
    """Compiled title patterns, highest priority first."""

    patterns: tuple[tuple[str, re.Pattern, re.Pattern | None], ...]

    @classmethod
    def from_roles(cls, roles: dict[str, Role]) -> "RoleClassifier":
        compiled = []
        for role in sorted(roles.values(), key=lambda r: (-r.priority, r.id)):
            if not role.title_patterns:
                continue
            include = re.compile("|".join(f"(?:{p})" for p in role.title_patterns), re.IGNORECASE)
            exclude = (
                re.compile("|".join(f"(?:{p})" for p in role.exclude_patterns), re.IGNORECASE)
                if role.exclude_patterns
                else None
            )
            compiled.append((role.id, include, exclude))
        return cls(tuple(compiled))

    def classify(self, title: str | None) -> str:
        """The role family of a job title, or 'other' when no role's patterns match."""
        return self.match(title)[0]

    def match(self, title: str | None) -> tuple[str, str]:
        """The role family and the part of the title that named it.

        Titles that list several parts ("Acme | Senior Backend Engineer | Remote", or the Chinese board's
        "前端工程师 / Java工程师 / 产品经理") are read part by part, and the first part naming a role wins: a
        pattern never spans two parts, and a role listed last does not outrank the one listed first.
        """
        if not title:
            return OTHER, ""
        for part in _TITLE_PARTS.split(title):
            for role_id, include, exclude in self.patterns:
                if include.search(part) and not (exclude and exclude.search(part)):
                    return role_id, part
        return OTHER, title


def title_seniority(title: str | None) -> str | None:
    """The seniority a title states, or None when it states none."""
    title = title or ""
    for level, pattern in _SENIORITY_RES:
        if pattern.search(title):
            return level
    return None


def seniority_of(title: str | None, text: str | None = None) -> str:
    """Seniority from the title, else from the years of experience the text asks for."""
    level = title_seniority(title)
    if level is not None:
        return level
    if text:
        years = [int(y) for y in _YEARS.findall(text[:4000]) if int(y) < 40]
        if years:
            most = max(years)
            if most >= 8:
                return "senior"
            if most <= 1:
                return "junior"
    return "mid"
