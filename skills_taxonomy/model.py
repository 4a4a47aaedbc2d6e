"""The taxonomy's data model: skills, categories, guides and their phases, role profiles.

The curated YAML files under ``skills_taxonomy/data/`` are read into these frozen
dataclasses by ``skills_taxonomy.load``. See docs/taxonomy.md for the file format.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

KINDS = (
    "tool",
    "platform",
    "language",
    "framework",
    "library",
    "service",
    "practice",
    "concept",
    "soft_skill",
    "certification",
)


@dataclass(frozen=True)
class ContextRule:
    """When an ambiguous alias counts as the skill.

    An ambiguous alias matches only if at least one *positive* signal holds and no
    *negative* one does. Signals (all optional):
      - ``case_sensitive``: the alias must appear exactly as written in ``aliases`` (``Go`` not ``go``).
      - ``near``: any of these words/skill ids within ``window`` tokens (e.g. other languages).
      - ``list_context``: counts when it sits in a comma/slash separated list of other skills.
      - ``after``: phrases that, right before the alias, make it count ("experience with", "proficient in").
      - ``not_before``: words that, right after the alias, rule it out ("live" for "go live").
      - ``not_after``: words that, right before the alias, rule it out ("head" for "head chef").
    """

    case_sensitive: bool = False
    near: tuple[str, ...] = ()
    window: int = 8
    list_context: bool = True
    after: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()


@dataclass(frozen=True)
class GuideRef:
    """Where a guide mentions a skill (filled by ``skillgap taxonomy build``)."""

    guide: str
    phase: str | None = None
    section: str | None = None
    count: int = 1


RESOURCE_KINDS = ("docs", "course", "book", "certification", "project")
RESOURCE_COSTS = ("free", "paid")


@dataclass(frozen=True)
class Resource:
    """Something to learn a skill from: official documentation (with its URL), a course, a book, a certification."""

    title: str
    kind: str  # one of RESOURCE_KINDS
    cost: str  # one of RESOURCE_COSTS
    url: str | None = None  # https only, the stable root of an official site; None for a book or course by name

    def __str__(self) -> str:
        return f"{self.title} ({self.url})" if self.url else self.title

    def to_dict(self) -> dict:
        return {"title": self.title, "url": self.url, "kind": self.kind, "cost": self.cost}


@dataclass(frozen=True)
class Skill:
    id: str
    label: str
    category: str
    kind: str
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    ambiguous_aliases: tuple[str, ...] = ()  # subset of label+aliases that need context
    context: ContextRule | None = None
    prerequisites: tuple[str, ...] = ()
    hours: int = 20
    resources: tuple[Resource, ...] = ()  # from resources.yaml; see Taxonomy.resources_for for inherited ones
    certifications: tuple[str, ...] = ()  # ids of skills of kind "certification"
    description: str = ""
    esco_uris: tuple[str, ...] = ()
    onet_codes: tuple[str, ...] = ()
    guides: tuple[GuideRef, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return bool(self.ambiguous_aliases)

    @property
    def surface_forms(self) -> tuple[str, ...]:
        """Label first, then aliases, without duplicates (case-insensitive)."""
        seen: dict[str, str] = {}
        for form in (self.label, *self.aliases):
            seen.setdefault(form.casefold(), form)
        return tuple(seen.values())


@dataclass(frozen=True)
class Category:
    id: str  # path-like: "cloud/aws"
    label: str
    parent: str | None = None


@dataclass(frozen=True)
class Phase:
    id: str
    name: str
    order: int
    month_start: int | None = None
    month_end: int | None = None
    skills: tuple[str, ...] = ()


@dataclass(frozen=True)
class Project:
    id: str
    name: str
    skills: tuple[str, ...]
    hours: int
    phase: str | None = None
    description: str = ""


@dataclass(frozen=True)
class CertificationPath:
    id: str
    name: str
    steps: tuple[str, ...]  # certification skill ids in the order to take them


@dataclass(frozen=True)
class Guide:
    id: str
    title: str
    file: str  # file name in the guides folder
    roles: tuple[str, ...] = ()
    phases: tuple[Phase, ...] = ()
    projects: tuple[Project, ...] = ()
    certification_paths: tuple[CertificationPath, ...] = ()


@dataclass(frozen=True)
class Role:
    id: str
    label: str
    title_patterns: tuple[str, ...]  # case-insensitive regexes over posting titles
    core_skills: dict[str, float] = field(default_factory=dict)  # skill id -> weight 0..1 (from the guides)
    guides: tuple[str, ...] = ()
    exclude_patterns: tuple[str, ...] = ()
    priority: int = 0  # higher wins when several roles match a title


@dataclass(frozen=True)
class Taxonomy:
    version: str
    skills: dict[str, Skill]
    categories: dict[str, Category]
    guides: dict[str, Guide]
    roles: dict[str, Role]
    # category id -> resources for every skill of that category (or a sub-category) without docs of its own
    category_resources: dict[str, tuple[Resource, ...]] = field(default_factory=dict)

    def resources_for(self, skill_id: str) -> tuple[Resource, ...]:
        """The skill's own resources, plus official docs inherited when none of its own has a URL.

        Docs come from the nearest ancestor skill with a linked resource, else from the skill's category (or the
        nearest parent category) in ``resources.yaml``.
        """
        skill = self.skills[skill_id]
        own = skill.resources
        if any(r.url for r in own):
            return own
        titles = {r.title for r in own}

        def inherited(found: tuple[Resource, ...]) -> tuple[Resource, ...]:
            # the root of a site is shared by many skills: the title says what to look up there; links come first
            docs = tuple(replace(r, title=f"{r.title}: {skill.label}") if r.url else r
                         for r in found if r.title not in titles)
            return tuple(r for r in docs if r.url) + own + tuple(r for r in docs if not r.url)

        for sid in self.ancestors(skill_id):
            linked = tuple(r for r in self.skills[sid].resources if r.url and r.kind == "docs")
            if linked:
                return inherited(linked)
        category: str | None = skill.category
        while category:
            if category in self.category_resources:
                return inherited(self.category_resources[category])
            parent = self.categories[category].parent if category in self.categories else None
            category = parent or (category.rsplit("/", 1)[0] if "/" in category else None)
        return own

    def skill(self, skill_id: str) -> Skill:
        return self.skills[skill_id]

    def ancestors(self, skill_id: str) -> list[str]:
        """Parent, grandparent, ... of a skill (nearest first)."""
        out: list[str] = []
        current = self.skills[skill_id].parent
        while current and current not in out:
            out.append(current)
            current = self.skills[current].parent if current in self.skills else None
        return out

    def children(self, skill_id: str) -> list[str]:
        return sorted(s.id for s in self.skills.values() if s.parent == skill_id)
