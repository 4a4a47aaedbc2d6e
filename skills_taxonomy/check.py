"""Validate the taxonomy's data files and list every violation with its file, record and field.

``check_taxonomy(data_dir)`` reads the raw YAML itself (not through ``load_taxonomy``) so that problems
the loader would stop at — a duplicate id, a missing field — are reported alongside everything else,
each with the file it sits in. ``skillgap taxonomy check`` prints the result; CI runs it.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from skills_taxonomy.aliases import normalize_alias
from skills_taxonomy.load import DATA_DIR, EXTEND_FIELDS, IMPORTED_CATEGORIES
from skills_taxonomy.model import KINDS, RESOURCE_COSTS, RESOURCE_KINDS

try:  # the C loader is ~10x faster
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

SKILL_FIELDS = frozenset(
    {
        "id", "label", "category", "kind", "parent", "aliases", "ambiguous_aliases", "context",
        "prerequisites", "hours", "certifications", "description", "esco_uris", "onet_codes",
    }
)
CONTEXT_FIELDS = frozenset({"case_sensitive", "near", "window", "list_context", "after", "not_before", "not_after"})
_HTTPS_URL = re.compile(r"https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(/[^\s@]*)?")
_LIST_FIELDS = ("aliases", "ambiguous_aliases", "prerequisites", "certifications", "esco_uris", "onet_codes")


@dataclass(frozen=True)
class Violation:
    """One problem: ``file`` (relative to the data dir), the record (``where``) and what is wrong."""

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.message}" if self.where else f"{self.file}: {self.message}"


@dataclass
class CheckResult:
    violations: list[Violation] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.violations

    def summary(self) -> str:
        c = self.counts
        return (
            f"taxonomy OK: {c.get('skills', 0)} skills, {c.get('aliases', 0)} surface forms, "
            f"{c.get('categories', 0)} categories, {c.get('guides', 0)} guides, {c.get('roles', 0)} roles, "
            f"{c.get('ambiguous', 0)} ambiguous skills, {c.get('extensions', 0)} import extensions"
        )


@dataclass
class _Rec:
    raw: dict
    file: str


class _Checker:
    def __init__(self, data_dir: Path):
        self.dir = data_dir
        self.out: list[Violation] = []

    def v(self, file: str, where: str, message: str) -> None:
        self.out.append(Violation(file, where, message))

    def read_list(self, path: Path) -> list[dict]:
        rel = path.relative_to(self.dir).as_posix()
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        except yaml.YAMLError as exc:
            self.v(rel, "", f"invalid YAML: {exc}".replace("\n", " "))
            return []
        if data is None:
            return []
        if not isinstance(data, list):
            self.v(rel, "", f"expected a list of records at the top level, found {type(data).__name__}")
            return []
        good = []
        for i, item in enumerate(data):
            if isinstance(item, dict):
                good.append(item)
            else:
                self.v(rel, f"item {i + 1}", f"expected a mapping, found {item!r}")
        return good


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _find_cycle(graph: dict[str, list[str]]) -> list[list[str]]:
    """Every distinct cycle reachable in ``graph`` (node -> successors), each as a closed path."""
    color: dict[str, int] = {}
    cycles: list[list[str]] = []
    seen_sets: set[frozenset] = set()

    def visit(node: str, stack: list[str]) -> None:
        color[node] = 1
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in graph:
                continue
            if color.get(nxt) == 1:
                cyc = stack[stack.index(nxt):] + [nxt]
                key = frozenset(cyc)
                if key not in seen_sets:
                    seen_sets.add(key)
                    cycles.append(cyc)
            elif color.get(nxt) is None:
                visit(nxt, stack)
        stack.pop()
        color[node] = 2

    import sys

    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 10_000))
    try:
        for node in sorted(graph):
            if color.get(node) is None:
                visit(node, [])
    finally:
        sys.setrecursionlimit(old)
    return cycles


def _check_resource(c: _Checker, where: str, raw: Any) -> None:
    if not isinstance(raw, dict):
        c.v("resources.yaml", where, f"expected a mapping {{title, url, kind, cost}}, found {raw!r}")
        return
    unknown = sorted(set(raw) - {"title", "url", "kind", "cost"})
    if unknown:
        c.v("resources.yaml", where, f"unknown field(s) {unknown} (allowed: cost, kind, title, url)")
    if not isinstance(raw.get("title"), str) or not raw["title"].strip():
        c.v("resources.yaml", where, "field 'title': a non-empty text is required")
    if raw.get("kind") not in RESOURCE_KINDS:
        c.v("resources.yaml", where, f"field 'kind': {raw.get('kind')!r} is not one of {', '.join(RESOURCE_KINDS)}")
    if raw.get("cost") not in RESOURCE_COSTS:
        c.v("resources.yaml", where, f"field 'cost': {raw.get('cost')!r} is not one of {', '.join(RESOURCE_COSTS)}")
    url = raw.get("url")
    if url is not None and not (isinstance(url, str) and _HTTPS_URL.fullmatch(url)):
        c.v("resources.yaml", where, f"field 'url': {url!r} is not an https:// address (no spaces, no credentials)")


def check_resources(c: _Checker, path: Path, *, skills: set[str], categories: set[str]) -> None:
    """Validate ``resources.yaml``: known skill and category ids, kind and cost from their lists, https URLs."""
    if not path.exists():
        return
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        c.v("resources.yaml", "", f"invalid YAML: {exc}".replace("\n", " "))
        return
    if not isinstance(data, dict) or set(data) - {"skills", "categories"}:
        c.v("resources.yaml", "", "expected a mapping with the keys 'skills' and 'categories'")
        return
    for section, known in (("skills", skills), ("categories", categories)):
        entries = data.get(section) or {}
        if not isinstance(entries, dict):
            c.v("resources.yaml", section, "expected a mapping id -> list of resources")
            continue
        for key, items in entries.items():
            noun = section[:-1] if section == "skills" else "category"
            where = f"{section}.{key}"
            if str(key) not in known:
                c.v("resources.yaml", where, f"unknown {noun} {key!r}")
            if not isinstance(items, list) or not items:
                c.v("resources.yaml", where, "expected a non-empty list of resources")
                continue
            for i, raw in enumerate(items):
                _check_resource(c, f"{where}[{i}]", raw)


def check_taxonomy(data_dir: Path | str | None = None) -> CheckResult:
    """Check every consistency rule of the taxonomy in ``data_dir`` and return all violations."""
    d = Path(data_dir).resolve() if data_dir else DATA_DIR
    c = _Checker(d)
    if not (d / "taxonomy.yaml").exists():
        c.v("taxonomy.yaml", "", f"missing: {d} is not a taxonomy data folder")
        return CheckResult(c.out, {})

    # --- categories ------------------------------------------------------------------------------
    categories: dict[str, _Rec] = {}
    for f in sorted((d / "categories").glob("*.yaml")):
        rel = f.relative_to(d).as_posix()
        for raw in c.read_list(f):
            cid = raw.get("id")
            if not cid:
                c.v(rel, f"category {raw!r}", "lacks the field 'id'")
                continue
            cid = str(cid)
            if cid in categories:
                c.v(rel, f"category {cid!r}", f"id is defined twice (also in {categories[cid].file})")
                continue
            if not raw.get("label"):
                c.v(rel, f"category {cid!r}", "lacks the field 'label'")
            categories[cid] = _Rec(raw, rel)
    for cid, cat in IMPORTED_CATEGORIES.items():
        categories.setdefault(cid, _Rec({"id": cid, "label": cat.label, "parent": cat.parent}, "(built-in)"))
    for cid, rec in sorted(categories.items()):
        parent = rec.raw.get("parent")
        if parent is not None and str(parent) not in categories:
            c.v(rec.file, f"category {cid!r}", f"field 'parent': unknown category {parent!r}")
    for cyc in _find_cycle({k: [str(r.raw["parent"])] if r.raw.get("parent") else [] for k, r in categories.items()}):
        c.v(categories[cyc[0]].file, f"category {cyc[0]!r}", "field 'parent': cycle " + " -> ".join(cyc))

    # --- skills ----------------------------------------------------------------------------------
    skills: dict[str, _Rec] = {}
    extensions: list[_Rec] = []
    skill_files = sorted((d / "skills").glob("*.yaml")) + sorted((d / "imported").glob("*.yaml"))
    for f in skill_files:
        rel = f.relative_to(d).as_posix()
        for raw in c.read_list(f):
            sid = raw.get("id")
            if not sid:
                c.v(rel, f"skill {raw.get('label', raw)!r}", "lacks the field 'id'")
                continue
            sid = str(sid)
            if raw.get("extend"):
                extensions.append(_Rec(raw, rel))
                continue
            if sid in skills:
                c.v(rel, f"skill {sid!r}", f"duplicate skill id (first defined in {skills[sid].file})")
                continue
            skills[sid] = _Rec(raw, rel)

    for ext in extensions:
        sid = str(ext.raw["id"])
        where = f"extension of {sid!r}"
        if sid not in skills:
            c.v(ext.file, where, f"field 'id': extends unknown skill {sid!r}")
        unknown = sorted(set(ext.raw) - EXTEND_FIELDS - {"id", "extend"})
        if unknown:
            c.v(ext.file, where, f"fields {unknown} cannot be set by an extension (allowed: {sorted(EXTEND_FIELDS)})")

    kinds = {sid: str(r.raw.get("kind")) for sid, r in skills.items()}

    for sid, rec in sorted(skills.items()):
        raw, rel, where = rec.raw, rec.file, f"skill {sid!r}"
        for req in ("label", "category", "kind"):
            if not raw.get(req):
                c.v(rel, where, f"lacks the field {req!r}")
        if "resources" in raw:
            c.v(rel, where, "field 'resources': resources live in resources.yaml (skills: {id: [{title, url, kind, cost}]})")
        unknown = sorted(set(raw) - SKILL_FIELDS - {"resources"})
        if unknown:
            c.v(rel, where, f"unknown field(s) {unknown} (typo? allowed: {sorted(SKILL_FIELDS)})")
        for lf in _LIST_FIELDS:
            val = raw.get(lf)
            if val is not None and not isinstance(val, list):
                c.v(rel, where, f"field {lf!r} must be a list, found {val!r}")
        if raw.get("kind") and raw["kind"] not in KINDS:
            c.v(rel, where, f"field 'kind': {raw['kind']!r} is not one of {', '.join(KINDS)}")
        if raw.get("category") and str(raw["category"]) not in categories:
            c.v(rel, where, f"field 'category': unknown category {raw['category']!r}")
        hours = raw.get("hours")
        if hours is not None and (isinstance(hours, bool) or not isinstance(hours, int) or hours <= 0):
            c.v(rel, where, f"field 'hours': expected a positive whole number, found {hours!r}")
        parent = raw.get("parent")
        if parent is not None:
            if str(parent) not in skills:
                c.v(rel, where, f"field 'parent': unknown skill {parent!r}")
            elif str(parent) == sid:
                c.v(rel, where, "field 'parent': a skill cannot be its own parent")
        for pre in _as_list(raw.get("prerequisites")):
            if str(pre) not in skills:
                c.v(rel, where, f"field 'prerequisites': unknown skill {pre!r}")
        for cert in _as_list(raw.get("certifications")):
            if str(cert) not in skills:
                c.v(rel, where, f"field 'certifications': unknown skill {cert!r}")
            elif kinds[str(cert)] != "certification":
                c.v(rel, where, f"field 'certifications': {cert!r} has kind {kinds[str(cert)]!r}, not 'certification'")
        ctx = raw.get("context")
        if ctx is not None:
            if not isinstance(ctx, dict):
                c.v(rel, where, f"field 'context': expected a mapping, found {ctx!r}")
            else:
                bad = sorted(set(ctx) - CONTEXT_FIELDS)
                if bad:
                    c.v(rel, where, f"field 'context': unknown key(s) {bad} (allowed: {sorted(CONTEXT_FIELDS)})")
        forms = [str(raw.get("label", ""))] + [str(a) for a in _as_list(raw.get("aliases"))]
        for amb in _as_list(raw.get("ambiguous_aliases")):
            if str(amb) not in forms:
                c.v(rel, where, f"field 'ambiguous_aliases': {amb!r} is not the label or one of the aliases")
        if _as_list(raw.get("ambiguous_aliases")) and not isinstance(ctx, dict):
            c.v(rel, where, "field 'context': skills with ambiguous_aliases need a context rule")
        for form in forms:
            if not form.strip():
                c.v(rel, where, "field 'aliases': empty alias")
            elif not normalize_alias(form):
                c.v(rel, where, f"field 'aliases': {form!r} normalises to nothing")

    for cyc in _find_cycle({k: [str(p) for p in _as_list(r.raw.get("prerequisites"))] for k, r in skills.items()}):
        c.v(skills[cyc[0]].file, f"skill {cyc[0]!r}", "field 'prerequisites': cycle " + " -> ".join(cyc))
    for cyc in _find_cycle({k: [str(r.raw["parent"])] if r.raw.get("parent") else [] for k, r in skills.items()}):
        if len(cyc) > 2:  # a self-parent is reported above
            c.v(skills[cyc[0]].file, f"skill {cyc[0]!r}", "field 'parent': cycle " + " -> ".join(cyc))

    # --- aliases: every normalised surface form belongs to one skill, unless all claimants flag it ambiguous
    claims: dict[str, list[tuple[str, str, bool, str]]] = defaultdict(list)  # key -> [(sid, form, ambiguous, file)]
    alias_count = 0

    def claim(sid: str, raw: dict, file: str, forms: list[str]) -> None:
        nonlocal alias_count
        amb = {str(a) for a in _as_list(raw.get("ambiguous_aliases"))}
        seen: set[str] = set()
        for form in forms:
            key = normalize_alias(form)
            if not key or key in seen:
                continue
            seen.add(key)
            alias_count += 1
            claims[key].append((sid, form, form in amb, file))

    for sid, rec in skills.items():
        claim(sid, rec.raw, rec.file, [str(rec.raw.get("label", ""))] + [str(a) for a in _as_list(rec.raw.get("aliases"))])
    for ext in extensions:
        sid = str(ext.raw["id"])
        base = skills.get(sid)
        own = {normalize_alias(str(a)) for a in _as_list(base.raw.get("aliases"))} if base else set()
        if base:
            own.add(normalize_alias(str(base.raw.get("label", ""))))
        extra = [str(a) for a in _as_list(ext.raw.get("aliases")) if normalize_alias(str(a)) not in own]
        claim(sid, base.raw if base else {}, ext.file, extra)
    for key, owners in sorted(claims.items()):
        ids = sorted({o[0] for o in owners})
        if len(ids) < 2:
            continue
        has_ctx = {sid: isinstance(skills[sid].raw.get("context"), dict) if sid in skills else False for sid in ids}
        if all(o[2] for o in owners) and all(has_ctx.values()):
            continue
        desc = ", ".join(f"{sid!r} ({form!r} in {file}{', ambiguous' if amb else ''})" for sid, form, amb, file in owners)
        first = owners[-1]
        c.v(first[3], f"skill {first[0]!r}", f"alias collision on {key!r}: claimed by {desc}; "
            "rename one, or list it in ambiguous_aliases of every claimant with a context rule")

    # --- guides ----------------------------------------------------------------------------------
    guides: dict[str, _Rec] = {}
    roles_raw: list[dict] = c.read_list(d / "roles.yaml") if (d / "roles.yaml").exists() else []
    role_ids = {str(r.get("id")) for r in roles_raw if r.get("id")}
    if (d / "guides.yaml").exists():
        for raw in c.read_list(d / "guides.yaml"):
            gid = raw.get("id")
            if not gid:
                c.v("guides.yaml", f"guide {raw.get('title', '?')!r}", "lacks the field 'id'")
                continue
            gid = str(gid)
            where = f"guide {gid!r}"
            if gid in guides:
                c.v("guides.yaml", where, "duplicate guide id")
                continue
            guides[gid] = _Rec(raw, "guides.yaml")
            for req in ("title", "file"):
                if not raw.get(req):
                    c.v("guides.yaml", where, f"lacks the field {req!r}")
            for role in _as_list(raw.get("roles")):
                if str(role) not in role_ids:
                    c.v("guides.yaml", where, f"field 'roles': unknown role {role!r}")
            phase_ids: set[str] = set()
            for i, ph in enumerate(_as_list(raw.get("phases"))):
                if not isinstance(ph, dict):
                    c.v("guides.yaml", where, f"phases[{i}]: expected a mapping")
                    continue
                pw = f"{where} phase {ph.get('id', i)!r}"
                for req in ("id", "name", "order"):
                    if ph.get(req) is None:
                        c.v("guides.yaml", pw, f"lacks the field {req!r}")
                phase_ids.add(str(ph.get("id")))
                ms, me = ph.get("month_start"), ph.get("month_end")
                if ms is not None and me is not None and isinstance(ms, int) and isinstance(me, int) and me < ms:
                    c.v("guides.yaml", pw, f"month_end {me} is before month_start {ms}")
                for s in _as_list(ph.get("skills")):
                    if str(s) not in skills:
                        c.v("guides.yaml", pw, f"field 'skills': unknown skill {s!r}")
            for i, pr in enumerate(_as_list(raw.get("projects"))):
                if not isinstance(pr, dict):
                    c.v("guides.yaml", where, f"projects[{i}]: expected a mapping")
                    continue
                pw = f"{where} project {pr.get('id', i)!r}"
                for req in ("id", "name"):
                    if not pr.get(req):
                        c.v("guides.yaml", pw, f"lacks the field {req!r}")
                for s in _as_list(pr.get("skills")):
                    if str(s) not in skills:
                        c.v("guides.yaml", pw, f"field 'skills': unknown skill {s!r}")
                if pr.get("phase") is not None and str(pr["phase"]) not in phase_ids:
                    c.v("guides.yaml", pw, f"field 'phase': unknown phase {pr['phase']!r} of this guide")
            for i, cp in enumerate(_as_list(raw.get("certification_paths"))):
                if not isinstance(cp, dict):
                    c.v("guides.yaml", where, f"certification_paths[{i}]: expected a mapping")
                    continue
                pw = f"{where} certification path {cp.get('id', i)!r}"
                for step in _as_list(cp.get("steps")):
                    if str(step) not in skills:
                        c.v("guides.yaml", pw, f"field 'steps': unknown skill {step!r}")
                    elif kinds[str(step)] != "certification":
                        c.v("guides.yaml", pw, f"field 'steps': {step!r} has kind {kinds[str(step)]!r}, not 'certification'")

    # --- roles -----------------------------------------------------------------------------------
    seen_roles: set[str] = set()
    for raw in roles_raw:
        rid = raw.get("id")
        if not rid:
            c.v("roles.yaml", f"role {raw.get('label', '?')!r}", "lacks the field 'id'")
            continue
        rid = str(rid)
        where = f"role {rid!r}"
        if rid in seen_roles:
            c.v("roles.yaml", where, "duplicate role id")
            continue
        seen_roles.add(rid)
        if not raw.get("label"):
            c.v("roles.yaml", where, "lacks the field 'label'")
        if not _as_list(raw.get("title_patterns")):
            c.v("roles.yaml", where, "needs at least one title_pattern")
        for fld in ("title_patterns", "exclude_patterns"):
            for pat in _as_list(raw.get(fld)):
                try:
                    re.compile(str(pat), re.IGNORECASE)
                except re.error as exc:
                    c.v("roles.yaml", where, f"field {fld!r}: {pat!r} is not a valid regex ({exc})")
        core = raw.get("core_skills") or {}
        if not isinstance(core, dict):
            c.v("roles.yaml", where, "field 'core_skills': expected a mapping skill id -> weight")
            core = {}
        for sid, weight in core.items():
            if str(sid) not in skills:
                c.v("roles.yaml", where, f"field 'core_skills': unknown skill {sid!r}")
            if not isinstance(weight, (int, float)) or isinstance(weight, bool) or not 0 <= weight <= 1:
                c.v("roles.yaml", where, f"field 'core_skills': weight of {sid!r} must be between 0 and 1, found {weight!r}")
        for g in _as_list(raw.get("guides")):
            if str(g) not in guides:
                c.v("roles.yaml", where, f"field 'guides': unknown guide {g!r}")

    check_resources(c, d / "resources.yaml", skills=set(skills), categories=set(categories))

    # --- provenance (generated) ------------------------------------------------------------------
    prov_file = d / "provenance.json"
    if prov_file.exists():
        try:
            prov = json.loads(prov_file.read_text(encoding="utf-8"))
        except ValueError as exc:
            c.v("provenance.json", "", f"invalid JSON: {exc}; rerun `skillgap taxonomy build`")
            prov = {}
        stale = sorted(k for k in prov if k not in skills)
        if stale:
            c.v("provenance.json", "", f"names unknown skill(s) {stale[:10]}{' ...' if len(stale) > 10 else ''}; "
                "rerun `skillgap taxonomy build --guides DIR`")

    # --- guides.yaml phases vs the phases `taxonomy build` parsed (provenance joins them by name) ------
    phases_file = d / "guide_phases.json"
    if phases_file.exists():
        try:
            parsed = json.loads(phases_file.read_text(encoding="utf-8"))
        except ValueError as exc:
            c.v("guide_phases.json", "", f"invalid JSON: {exc}; rerun `skillgap taxonomy build`")
            parsed = {}
        for gid, rec in sorted(guides.items()):
            if gid not in parsed:
                continue
            found = {str(p.get("name")): p for p in parsed[gid] if isinstance(p, dict)}
            for ph in _as_list(rec.raw.get("phases")):
                if not isinstance(ph, dict) or ph.get("name") is None:
                    continue
                pw = f"guide {gid!r} phase {ph.get('id')!r}"
                got = found.get(str(ph["name"]))
                if got is None:
                    c.v("guides.yaml", pw, f"name {ph['name']!r} is not a phase heading the build found in the guide "
                        f"(found: {sorted(found)}); provenance cannot join to it")
                elif not got.get("duration") and (got.get("month_start"), got.get("month_end")) != (
                        ph.get("month_start"), ph.get("month_end")):
                    c.v("guides.yaml", pw, f"months {ph.get('month_start')}-{ph.get('month_end')} differ from the "
                        f"guide's heading ({got.get('month_start')}-{got.get('month_end')})")

    # --- the loader must accept what the checker accepted -----------------------------------------
    if not c.out:
        from skillgap.errors import TaxonomyError
        from skills_taxonomy.load import load_taxonomy

        try:
            load_taxonomy(d)
        except (TaxonomyError, KeyError, TypeError, ValueError) as exc:
            c.v("(loader)", "", f"load_taxonomy failed: {exc}")

    counts = {
        "skills": len(skills),
        "aliases": alias_count,
        "categories": sum(1 for r in categories.values() if r.file != "(built-in)"),
        "guides": len(guides),
        "roles": len(seen_roles),
        "ambiguous": sum(1 for r in skills.values() if _as_list(r.raw.get("ambiguous_aliases"))),
        "extensions": len(extensions),
    }
    return CheckResult(c.out, counts)
