"""Parse and validate the taxonomy's data files once; ``check`` and ``load`` both start from the result.

``read_taxonomy_files(data_dir)`` reads every YAML/JSON file of the taxonomy, validates each record with its model
from ``skills_taxonomy.schema`` and keeps the valid ones, each with the file it came from. Everything a single
record or file gets wrong becomes a ``Violation`` naming the file, the record and the field; rules across records
are ``skills_taxonomy.check``'s. The result is cached per data folder and content version.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from skillgap.yamlfile import YAMLError, read_yaml
from skills_taxonomy.schema import (
    CategoryRecord,
    ExtensionRecord,
    GuideRecord,
    ResourceRecord,
    RoleRecord,
    SkillRecord,
    TaxonomyMeta,
    describe_errors,
)

R = TypeVar("R", bound=BaseModel)

# Categories that imported skills use; built in so `taxonomy import-*` never needs a category file.
IMPORTED_CATEGORIES = {
    "imported": CategoryRecord(id="imported", label="Imported"),
    "imported/esco": CategoryRecord(id="imported/esco", label="Imported from ESCO", parent="imported"),
    "imported/onet": CategoryRecord(id="imported/onet", label="Imported from O*NET", parent="imported"),
}
BUILT_IN = "(built-in)"


@dataclass(frozen=True)
class Violation:
    """One problem: ``file`` (relative to the data dir), the record (``where``) and what is wrong."""

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.message}" if self.where else f"{self.file}: {self.message}"


@dataclass(frozen=True)
class Located(Generic[R]):
    """A validated record and the file (relative to the data dir) it was read from."""

    record: R
    file: str


@dataclass
class TaxonomyFiles:
    """Every record of a taxonomy folder that passed its model, plus what did not."""

    data_dir: Path
    version: str
    categories: dict[str, Located[CategoryRecord]] = field(default_factory=dict)
    skills: dict[str, Located[SkillRecord]] = field(default_factory=dict)
    extensions: list[Located[ExtensionRecord]] = field(default_factory=list)
    guides: dict[str, Located[GuideRecord]] = field(default_factory=dict)
    roles: dict[str, Located[RoleRecord]] = field(default_factory=dict)
    # "skills" / "categories" -> id -> its valid resources (every id of resources.yaml is a key)
    resources: dict[str, dict[str, tuple[ResourceRecord, ...]]] = field(
        default_factory=lambda: {"skills": {}, "categories": {}})
    provenance: dict = field(default_factory=dict)
    # id -> file for every record with an id, valid or not (so one bad record does not make its id "unknown")
    skill_ids: dict[str, str] = field(default_factory=dict)
    category_ids: dict[str, str] = field(default_factory=dict)
    guide_ids: dict[str, str] = field(default_factory=dict)
    role_ids: dict[str, str] = field(default_factory=dict)
    skill_kinds: dict[str, str] = field(default_factory=dict)
    violations: list[Violation] = field(default_factory=list)
    # "skills" / "categories" / "guides" / "roles" -> id -> the record without its faulty fields (check only)
    partial: dict[str, dict[str, Located]] = field(
        default_factory=lambda: {"skills": {}, "categories": {}, "guides": {}, "roles": {}})

    def checkable(self, kind: str) -> dict[str, Located]:
        """Valid and partial records of one kind: what the rules across records look at."""
        return {**getattr(self, kind), **self.partial[kind]}

    def flag(self, file: str, where: str, message: str) -> None:
        self.violations.append(Violation(file, where, message))


def data_files(data_dir: Path) -> list[Path]:
    """Every file that defines the taxonomy, in a stable order (the version hashes these)."""
    files = [data_dir / "taxonomy.yaml", data_dir / "guides.yaml", data_dir / "roles.yaml", data_dir / "resources.yaml"]
    files += sorted((data_dir / "categories").glob("*.yaml"))
    files += sorted((data_dir / "skills").glob("*.yaml"))
    files += sorted((data_dir / "imported").glob("*.yaml"))
    prov = data_dir / "provenance.json"
    if prov.exists():
        files.append(prov)
    return [f for f in files if f.exists()]


def declared_version(data_dir: Path) -> str:
    """The ``version`` written in ``taxonomy.yaml`` ("0" when it declares none)."""
    from skillgap.errors import TaxonomyError

    path = data_dir / "taxonomy.yaml"
    try:
        raw = read_yaml(path) or {}
    except YAMLError as exc:
        raise TaxonomyError(f"{path}: invalid YAML: {exc}") from exc
    try:
        return TaxonomyMeta.model_validate(raw).version
    except ValidationError as exc:
        raise TaxonomyError(f"{path}: {'; '.join(describe_errors(exc, TaxonomyMeta))}") from exc


def content_version(data_dir: Path) -> str:
    """Declared version plus a hash of the data files, so any edit yields a new version."""
    digest = hashlib.sha256()
    for f in data_files(data_dir):
        digest.update(f.name.encode())
        digest.update(f.read_bytes())
    return f"{declared_version(data_dir)}+{digest.hexdigest()[:8]}"


def read_taxonomy_files(data_dir: Path, *, version: str | None = None) -> TaxonomyFiles:
    """Parse and validate every file of the taxonomy in ``data_dir`` (cached per content ``version``)."""
    data_dir = Path(data_dir).resolve()
    return _read_cached(data_dir, version or content_version(data_dir))


@lru_cache(maxsize=4)
def _read_cached(data_dir: Path, version: str) -> TaxonomyFiles:
    files = TaxonomyFiles(data_dir=data_dir, version=version)
    for path in sorted((data_dir / "categories").glob("*.yaml")):
        _read_categories(files, path)
    for cid, cat in IMPORTED_CATEGORIES.items():
        if cid not in files.category_ids:
            files.category_ids[cid] = BUILT_IN
            files.categories[cid] = Located(cat, BUILT_IN)
    for path in sorted((data_dir / "skills").glob("*.yaml")) + sorted((data_dir / "imported").glob("*.yaml")):
        _read_skills(files, path)
    if (data_dir / "roles.yaml").exists():
        _read_roles(files, data_dir / "roles.yaml")
    if (data_dir / "guides.yaml").exists():
        _read_guides(files, data_dir / "guides.yaml")
    _read_resources(files, data_dir / "resources.yaml")
    files.provenance = _read_json(files, data_dir / "provenance.json")
    return files


def _rel(files: TaxonomyFiles, path: Path) -> str:
    return path.relative_to(files.data_dir).as_posix()


def _read_list(files: TaxonomyFiles, path: Path) -> list[tuple[int, dict]]:
    """``(position, mapping)`` for each record of a YAML list file; anything else is flagged."""
    rel = _rel(files, path)
    try:
        data = read_yaml(path)
    except YAMLError as exc:
        files.flag(rel, "", f"invalid YAML: {exc}".replace("\n", " "))
        return []
    if data is None:
        return []
    if not isinstance(data, list):
        files.flag(rel, "", f"expected a list of records at the top level, found {type(data).__name__}")
        return []
    good = []
    for i, item in enumerate(data):
        if isinstance(item, dict):
            good.append((i, item))
        else:
            files.flag(rel, f"item {i + 1}", f"expected a mapping, found {item!r}")
    return good


def _validate(files: TaxonomyFiles, model: type[R], raw: dict, *, file: str, where: str) -> tuple[R | None, R | None]:
    """``(record, None)`` when ``raw`` passes ``model``; else ``(None, partial)`` after flagging each error.

    ``partial`` is the record without its faulty fields, when the rest still passes: the check runs its rules across
    records on it too, so one typo does not hide an unknown prerequisite in the same record.
    """
    try:
        return model.model_validate(raw), None
    except ValidationError as exc:
        for message in describe_errors(exc, model):
            files.flag(file, where, message)
        faulty = {err["loc"][0] for err in exc.errors() if err["loc"]}
        try:
            return None, model.model_validate({k: v for k, v in raw.items() if k not in faulty})
        except ValidationError:
            return None, None


def _keep(valid: dict, partial: dict, key: str, record: Any, part: Any, file: str) -> None:
    if record is not None:
        valid[key] = Located(record, file)
    elif part is not None:
        partial[key] = Located(part, file)


def _read_categories(files: TaxonomyFiles, path: Path) -> None:
    rel = _rel(files, path)
    for _, raw in _read_list(files, path):
        if not raw.get("id"):
            files.flag(rel, f"category {raw!r}", "lacks the field 'id'")
            continue
        cid = str(raw["id"])
        if cid in files.category_ids:
            files.flag(rel, f"category {cid!r}", f"id is defined twice (also in {files.category_ids[cid]})")
            continue
        files.category_ids[cid] = rel
        record, partial = _validate(files, CategoryRecord, raw, file=rel, where=f"category {cid!r}")
        _keep(files.categories, files.partial["categories"], cid, record, partial, rel)


def _read_skills(files: TaxonomyFiles, path: Path) -> None:
    rel = _rel(files, path)
    for _, raw in _read_list(files, path):
        if not raw.get("id"):
            files.flag(rel, f"skill {raw.get('label', raw)!r}", "lacks the field 'id'")
            continue
        sid = str(raw["id"])
        if raw.get("extend"):
            ext, _ = _validate(files, ExtensionRecord, raw, file=rel, where=f"extension of {sid!r}")
            if ext is not None:
                files.extensions.append(Located(ext, rel))
            continue
        if sid in files.skill_ids:
            files.flag(rel, f"skill {sid!r}", f"duplicate skill id (first defined in {files.skill_ids[sid]})")
            continue
        files.skill_ids[sid] = rel
        files.skill_kinds[sid] = str(raw.get("kind"))
        skill, partial = _validate(files, SkillRecord, raw, file=rel, where=f"skill {sid!r}")
        _keep(files.skills, files.partial["skills"], sid, skill, partial, rel)


def _read_keyed(files: TaxonomyFiles, path: Path, *, noun: str, name_key: str, ids: dict, model, into: dict,
                partial: dict) -> None:
    """``roles.yaml`` / ``guides.yaml``: a list of records with unique ids, each validated by ``model``."""
    file = path.name
    for _, raw in _read_list(files, path):
        if not raw.get("id"):
            files.flag(file, f"{noun} {raw.get(name_key, '?')!r}", "lacks the field 'id'")
            continue
        rid = str(raw["id"])
        if rid in ids:
            files.flag(file, f"{noun} {rid!r}", f"duplicate {noun} id")
            continue
        ids[rid] = file
        record, part = _validate(files, model, raw, file=file, where=f"{noun} {rid!r}")
        _keep(into, partial, rid, record, part, file)


def _read_roles(files: TaxonomyFiles, path: Path) -> None:
    _read_keyed(files, path, noun="role", name_key="label", ids=files.role_ids, model=RoleRecord,
                into=files.roles, partial=files.partial["roles"])


def _read_guides(files: TaxonomyFiles, path: Path) -> None:
    _read_keyed(files, path, noun="guide", name_key="title", ids=files.guide_ids, model=GuideRecord,
                into=files.guides, partial=files.partial["guides"])


def _read_resources(files: TaxonomyFiles, path: Path) -> None:
    """``resources.yaml``: ``{skills: {id: [resource, ...]}, categories: {id: [resource, ...]}}``."""
    if not path.exists():
        return
    try:
        raw = read_yaml(path) or {}
    except YAMLError as exc:
        files.flag("resources.yaml", "", f"invalid YAML: {exc}".replace("\n", " "))
        return
    if not isinstance(raw, dict) or set(raw) - {"skills", "categories"}:
        files.flag("resources.yaml", "", "expected a mapping with the keys 'skills' and 'categories'")
        return
    for section in ("skills", "categories"):
        entries = raw.get(section) or {}
        if not isinstance(entries, dict):
            files.flag("resources.yaml", section, "expected a mapping id -> list of resources")
            continue
        for key, items in entries.items():
            files.resources[section][str(key)] = _read_resource_list(files, f"{section}.{key}", items)


def _read_resource_list(files: TaxonomyFiles, where: str, items: Any) -> tuple[ResourceRecord, ...]:
    if not isinstance(items, list) or not items:
        files.flag("resources.yaml", where, "expected a non-empty list of resources")
        return ()
    good = []
    for i, raw in enumerate(items):
        if not isinstance(raw, dict):
            files.flag("resources.yaml", f"{where}[{i}]", f"expected a mapping {{title, url, kind, cost}}, found {raw!r}")
            continue
        record, _ = _validate(files, ResourceRecord, raw, file="resources.yaml", where=f"{where}[{i}]")
        if record is not None:
            good.append(record)
    return tuple(good)


def _read_json(files: TaxonomyFiles, path: Path) -> dict:
    data, problem = read_generated_json(path)
    if problem:
        files.flag(path.name, "", problem)
    return data


def read_generated_json(path: Path) -> tuple[dict, str | None]:
    """A JSON file ``taxonomy build`` writes (``{}`` when absent), and what is wrong with it, if anything.

    ``guide_phases.json`` is read this way, outside the cache: it is not part of the taxonomy's version.
    """
    if not path.exists():
        return {}, None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        return {}, f"invalid JSON: {exc}; rerun `skillgap taxonomy build`"
    return (data if isinstance(data, dict) else {}), None
