"""Read the curated taxonomy files into a ``Taxonomy``.

Layout of ``skills_taxonomy/data/`` (see docs/taxonomy.md):
  taxonomy.yaml        version: "2026.11"
  categories/*.yaml    - {id: cloud/aws, label: AWS, parent: cloud}
  skills/*.yaml        - {id, label, category, kind, parent, aliases, ambiguous_aliases, context,
                          prerequisites, hours, certifications, description}
  resources.yaml       {skills: {skill_id: [{title, url, kind, cost}]}, categories: {category_id: [...]}}
  guides.yaml          - {id, title, file, roles, phases: [...], projects: [...], certification_paths: [...]}
  roles.yaml           - {id, label, title_patterns, exclude_patterns, core_skills: {skill_id: weight}, guides, priority}
  provenance.json      written by `skillgap taxonomy build`: {skill_id: [{guide, phase, section, count}]}
  imported/*.yaml      skills/aliases added by `taxonomy import-esco` / `import-onet`: full skill records (same
                       format as skills/) and extension records `{id: existing-id, extend: true, aliases: [...],
                       esco_uris: [...], onet_codes: [...]}` that add links/aliases to a curated skill
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from skillgap.errors import TaxonomyError
from skills_taxonomy.model import (
    Category,
    CertificationPath,
    ContextRule,
    Guide,
    GuideRef,
    Phase,
    Project,
    Resource,
    Role,
    Skill,
    Taxonomy,
)
from skills_taxonomy.schema import (
    ContextRecord,
    ExtensionRecord,
    GuideRecord,
    ResourceRecord,
    RoleRecord,
    SkillRecord,
)
from skills_taxonomy.schema_files import (
    TaxonomyFiles,
    content_version,
    read_taxonomy_files,
)

DATA_DIR = Path(__file__).resolve().parent / "data"


def taxonomy_version(data_dir: Path = DATA_DIR) -> str:
    """Declared version plus a hash of the data files, so any edit yields a new version."""
    return content_version(Path(data_dir))


def _context(record: ContextRecord | None) -> ContextRule | None:
    if record is None or not record.model_fields_set:
        return None
    return ContextRule(
        case_sensitive=record.case_sensitive,
        near=tuple(record.near),
        window=record.window,
        list_context=record.list_context,
        after=tuple(record.after),
        not_before=tuple(record.not_before),
        not_after=tuple(record.not_after),
    )


def skill_from_record(record: SkillRecord, *, provenance: dict | None = None) -> Skill:
    """Build one ``Skill`` from its validated record; ``provenance`` adds where the guides mention it."""
    return Skill(
        id=record.id,
        label=record.label,
        category=record.category,
        kind=record.kind,
        parent=record.parent,
        aliases=tuple(record.aliases),
        ambiguous_aliases=tuple(record.ambiguous_aliases),
        context=_context(record.context),
        prerequisites=tuple(record.prerequisites),
        hours=record.hours,
        certifications=tuple(record.certifications),
        description=record.description,
        esco_uris=tuple(record.esco_uris),
        onet_codes=tuple(record.onet_codes),
        guides=tuple(GuideRef(**r) for r in (provenance or {}).get(record.id, ())),
    )


def extend_skill(skill: Skill, record: ExtensionRecord) -> Skill:
    """Merge an extension record's aliases / ESCO URIs / O*NET codes into ``skill`` (no duplicates)."""

    def merged(old: tuple, new: list[str], *, fold: bool = False) -> tuple:
        out = list(old)
        keys = {x.casefold() for x in (skill.label, *old)} if fold else set(old)
        for item in new:
            key = item.casefold() if fold else item
            if key not in keys:
                keys.add(key)
                out.append(item)
        return tuple(out)

    return replace(
        skill,
        aliases=merged(skill.aliases, record.aliases, fold=True),
        esco_uris=merged(skill.esco_uris, record.esco_uris),
        onet_codes=merged(skill.onet_codes, record.onet_codes),
    )


def _guide(record: GuideRecord) -> Guide:
    return Guide(
        id=record.id,
        title=record.title,
        file=record.file,
        roles=tuple(record.roles),
        phases=tuple(
            Phase(id=p.id, name=p.name, order=p.order, month_start=p.month_start, month_end=p.month_end,
                  skills=tuple(p.skills))
            for p in record.phases
        ),
        projects=tuple(
            Project(id=p.id, name=p.name, skills=tuple(p.skills), hours=p.hours, phase=p.phase,
                    description=p.description)
            for p in record.projects
        ),
        certification_paths=tuple(
            CertificationPath(id=c.id, name=c.name, steps=tuple(c.steps)) for c in record.certification_paths
        ),
    )


def _resources(records: tuple[ResourceRecord, ...]) -> tuple[Resource, ...]:
    return tuple(Resource(title=r.title, kind=r.kind, cost=r.cost, url=r.url or None) for r in records)


def _role(record: RoleRecord) -> Role:
    return Role(
        id=record.id,
        label=record.label,
        title_patterns=tuple(record.title_patterns),
        exclude_patterns=tuple(record.exclude_patterns),
        core_skills=dict(record.core_skills),
        guides=tuple(record.guides),
        priority=record.priority,
    )


def load_taxonomy(data_dir: Path | str | None = None) -> Taxonomy:
    """Load (and cache) the taxonomy from ``data_dir`` (default: the packaged data)."""
    path = Path(data_dir).resolve() if data_dir else DATA_DIR
    if not (path / "taxonomy.yaml").exists():
        raise TaxonomyError(f"No taxonomy at {path}: taxonomy.yaml is missing.")
    return _load_cached(path, taxonomy_version(path))


@lru_cache(maxsize=4)
def _load_cached(data_dir: Path, version: str) -> Taxonomy:
    files = read_taxonomy_files(data_dir, version=version)
    if files.violations:
        shown = "; ".join(str(v) for v in files.violations[:3])
        more = f" (and {len(files.violations) - 3} more)" if len(files.violations) > 3 else ""
        raise TaxonomyError(f"The taxonomy in {data_dir} cannot be loaded: {shown}{more}. "
                            "Run `skillgap taxonomy check` for the full list.")
    return taxonomy_from_files(files)


def taxonomy_from_files(files: TaxonomyFiles) -> Taxonomy:
    """Build the frozen ``Taxonomy`` from validated files."""
    categories = {cid: Category(id=c.record.id, label=c.record.label, parent=c.record.parent)
                  for cid, c in files.categories.items()}
    skills = {sid: skill_from_record(s.record, provenance=files.provenance) for sid, s in files.skills.items()}
    for ext in files.extensions:
        sid = ext.record.id
        if sid not in skills:
            raise TaxonomyError(f"{ext.file}: extension of unknown skill {sid!r}; rerun the import or delete the file")
        skills[sid] = extend_skill(skills[sid], ext.record)
    for sid, resources in files.resources["skills"].items():
        if sid in skills:
            skills[sid] = replace(skills[sid], resources=_resources(resources))
    category_resources = {cid: _resources(r) for cid, r in files.resources["categories"].items()}
    return Taxonomy(
        version=files.version,
        skills=skills,
        categories=categories,
        guides={gid: _guide(g.record) for gid, g in files.guides.items()},
        roles={rid: _role(r.record) for rid, r in files.roles.items()},
        category_resources=category_resources,
    )
