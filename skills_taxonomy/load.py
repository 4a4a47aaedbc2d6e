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

import hashlib
import json
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

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

DATA_DIR = Path(__file__).resolve().parent / "data"

# Categories that imported skills use; defined here so `taxonomy import-*` never needs a category file.
IMPORTED_CATEGORIES = {
    "imported": Category(id="imported", label="Imported"),
    "imported/esco": Category(id="imported/esco", label="Imported from ESCO", parent="imported"),
    "imported/onet": Category(id="imported/onet", label="Imported from O*NET", parent="imported"),
}

# Fields an extension record (``extend: true``) may add to an existing skill.
EXTEND_FIELDS = frozenset({"aliases", "esco_uris", "onet_codes"})

try:  # the C loader is ~10x faster on 600+ skills
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as exc:
        raise TaxonomyError(f"{path}: invalid YAML: {exc}") from exc


def data_files(data_dir: Path = DATA_DIR) -> list[Path]:
    """Every file that defines the taxonomy, in a stable order (the version hashes these)."""
    files = [data_dir / "taxonomy.yaml", data_dir / "guides.yaml", data_dir / "roles.yaml", data_dir / "resources.yaml"]
    files += sorted((data_dir / "categories").glob("*.yaml"))
    files += sorted((data_dir / "skills").glob("*.yaml"))
    files += sorted((data_dir / "imported").glob("*.yaml"))
    prov = data_dir / "provenance.json"
    if prov.exists():
        files.append(prov)
    return [f for f in files if f.exists()]


def taxonomy_version(data_dir: Path = DATA_DIR) -> str:
    """Declared version plus a hash of the data files, so any edit yields a new version."""
    meta = _read_yaml(data_dir / "taxonomy.yaml") or {}
    digest = hashlib.sha256()
    for f in data_files(data_dir):
        digest.update(f.name.encode())
        digest.update(f.read_bytes())
    return f"{meta.get('version', '0')}+{digest.hexdigest()[:8]}"


def _tuple(value: Any) -> tuple:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(value)
    return (value,)


def _context(raw: dict | None) -> ContextRule | None:
    if not raw:
        return None
    return ContextRule(
        case_sensitive=bool(raw.get("case_sensitive", False)),
        near=_tuple(raw.get("near")),
        window=int(raw.get("window", 8)),
        list_context=bool(raw.get("list_context", True)),
        after=_tuple(raw.get("after")),
        not_before=_tuple(raw.get("not_before")),
        not_after=_tuple(raw.get("not_after")),
    )


def skill_from_dict(raw: dict, *, where: str, provenance: dict | None = None) -> Skill:
    """Build one ``Skill`` from its YAML mapping; ``where`` names the file for error messages."""
    try:
        sid = str(raw["id"])
        refs = tuple(GuideRef(**r) for r in (provenance or {}).get(sid, ()))
        return Skill(
            id=sid,
            label=str(raw["label"]),
            category=str(raw["category"]),
            kind=str(raw["kind"]),
            parent=raw.get("parent"),
            aliases=tuple(str(a) for a in _tuple(raw.get("aliases"))),
            ambiguous_aliases=tuple(str(a) for a in _tuple(raw.get("ambiguous_aliases"))),
            context=_context(raw.get("context")),
            prerequisites=_tuple(raw.get("prerequisites")),
            hours=int(raw.get("hours", 20)),
            certifications=_tuple(raw.get("certifications")),
            description=str(raw.get("description", "")),
            esco_uris=_tuple(raw.get("esco_uris")),
            onet_codes=_tuple(raw.get("onet_codes")),
            guides=refs,
        )
    except KeyError as exc:
        raise TaxonomyError(f"{where}: skill {raw.get('id', raw)!r} lacks the field {exc.args[0]!r}") from exc
    except (TypeError, ValueError) as exc:
        raise TaxonomyError(f"{where}: skill {raw.get('id', raw)!r}: {exc}") from exc


def extend_skill(skill: Skill, raw: dict) -> Skill:
    """Merge an extension record's aliases / ESCO URIs / O*NET codes into ``skill`` (no duplicates)."""

    def merged(old: tuple, new: Any, *, fold: bool = False) -> tuple:
        out = list(old)
        keys = {(x.casefold() if fold else x) for x in (skill.label, *old)} if fold else set(old)
        for item in _tuple(new):
            item = str(item)
            key = item.casefold() if fold else item
            if key not in keys:
                keys.add(key)
                out.append(item)
        return tuple(out)

    return replace(
        skill,
        aliases=merged(skill.aliases, raw.get("aliases"), fold=True),
        esco_uris=merged(skill.esco_uris, raw.get("esco_uris")),
        onet_codes=merged(skill.onet_codes, raw.get("onet_codes")),
    )


def _guide(raw: dict) -> Guide:
    return Guide(
        id=raw["id"],
        title=raw["title"],
        file=raw["file"],
        roles=_tuple(raw.get("roles")),
        phases=tuple(
            Phase(
                id=p["id"],
                name=p["name"],
                order=int(p["order"]),
                month_start=p.get("month_start"),
                month_end=p.get("month_end"),
                skills=_tuple(p.get("skills")),
            )
            for p in raw.get("phases") or ()
        ),
        projects=tuple(
            Project(
                id=p["id"],
                name=p["name"],
                skills=_tuple(p.get("skills")),
                hours=int(p.get("hours", 8)),
                phase=p.get("phase"),
                description=p.get("description", ""),
            )
            for p in raw.get("projects") or ()
        ),
        certification_paths=tuple(
            CertificationPath(id=c["id"], name=c["name"], steps=_tuple(c.get("steps")))
            for c in raw.get("certification_paths") or ()
        ),
    )


def _resources(raw_list: Any) -> tuple[Resource, ...]:
    return tuple(
        Resource(title=str(r["title"]), kind=str(r["kind"]), cost=str(r["cost"]), url=r.get("url") or None)
        for r in raw_list or ()
    )


def read_resources(data_dir: Path) -> tuple[dict[str, tuple[Resource, ...]], dict[str, tuple[Resource, ...]]]:
    """(skill id -> resources, category id -> resources) from ``resources.yaml`` (empty when the file is absent)."""
    path = data_dir / "resources.yaml"
    raw = (_read_yaml(path) or {}) if path.exists() else {}
    try:
        by_skill = {str(k): _resources(v) for k, v in (raw.get("skills") or {}).items()}
        by_category = {str(k): _resources(v) for k, v in (raw.get("categories") or {}).items()}
    except (KeyError, TypeError, AttributeError) as exc:
        raise TaxonomyError(f"{path}: malformed resource ({exc}); run `skillgap taxonomy check` for details") from exc
    return by_skill, by_category


def _role(raw: dict) -> Role:
    return Role(
        id=raw["id"],
        label=raw["label"],
        title_patterns=_tuple(raw.get("title_patterns")),
        exclude_patterns=_tuple(raw.get("exclude_patterns")),
        core_skills={str(k): float(v) for k, v in (raw.get("core_skills") or {}).items()},
        guides=_tuple(raw.get("guides")),
        priority=int(raw.get("priority", 0)),
    )


def load_taxonomy(data_dir: Path | str | None = None) -> Taxonomy:
    """Load (and cache) the taxonomy from ``data_dir`` (default: the packaged data)."""
    path = Path(data_dir).resolve() if data_dir else DATA_DIR
    return _load_cached(path, taxonomy_version(path))


@lru_cache(maxsize=4)
def _load_cached(data_dir: Path, version: str) -> Taxonomy:
    if not (data_dir / "taxonomy.yaml").exists():
        raise TaxonomyError(f"No taxonomy at {data_dir}: taxonomy.yaml is missing.")
    prov_file = data_dir / "provenance.json"
    provenance = json.loads(prov_file.read_text(encoding="utf-8")) if prov_file.exists() else {}
    categories: dict[str, Category] = {}
    for f in sorted((data_dir / "categories").glob("*.yaml")):
        for raw in _read_yaml(f) or []:
            if raw["id"] in categories:
                raise TaxonomyError(f"{f.name}: category {raw['id']!r} is defined twice")
            categories[raw["id"]] = Category(id=raw["id"], label=raw["label"], parent=raw.get("parent"))
    for cid, cat in IMPORTED_CATEGORIES.items():
        categories.setdefault(cid, cat)
    skills: dict[str, Skill] = {}
    extensions: list[tuple[str, dict]] = []
    skill_files = sorted((data_dir / "skills").glob("*.yaml")) + sorted((data_dir / "imported").glob("*.yaml"))
    for f in skill_files:
        for raw in _read_yaml(f) or []:
            if isinstance(raw, dict) and raw.get("extend"):
                extensions.append((f.name, raw))
                continue
            skill = skill_from_dict(raw, where=f.name, provenance=provenance)
            if skill.id in skills:
                raise TaxonomyError(f"{f.name}: skill id {skill.id!r} is defined twice")
            skills[skill.id] = skill
    for where, raw in extensions:
        sid = str(raw.get("id"))
        if sid not in skills:
            raise TaxonomyError(f"{where}: extension of unknown skill {sid!r}; rerun the import or delete the file")
        skills[sid] = extend_skill(skills[sid], raw)
    skill_resources, category_resources = read_resources(data_dir)
    for sid, resources in skill_resources.items():
        if sid in skills:
            skills[sid] = replace(skills[sid], resources=resources)
    guides_file = data_dir / "guides.yaml"
    guides = {g.id: g for g in (_guide(r) for r in (_read_yaml(guides_file) or []))} if guides_file.exists() else {}
    roles_file = data_dir / "roles.yaml"
    roles = {r.id: r for r in (_role(x) for x in (_read_yaml(roles_file) or []))} if roles_file.exists() else {}
    return Taxonomy(version=version, skills=skills, categories=categories, guides=guides, roles=roles,
                    category_resources=category_resources)
