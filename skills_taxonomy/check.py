"""Validate the taxonomy's data files and list every violation with its file, record and field.

``check_taxonomy(data_dir)`` starts from ``read_taxonomy_files``: each record has already passed (or failed) its
pydantic model in ``skills_taxonomy.schema``, so what is left here are the rules across records — unknown ids,
cycles, alias collisions, guides against the phases the build parsed. Each rule is one function that flags what it
finds. ``skillgap taxonomy check`` prints the result; CI runs it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from skills_taxonomy.aliases import normalize_alias
from skills_taxonomy.load import DATA_DIR
from skills_taxonomy.schema import SkillRecord
from skills_taxonomy.schema_files import (
    BUILT_IN,
    TaxonomyFiles,
    Violation,
    read_generated_json,
    read_taxonomy_files,
)

__all__ = ["CheckResult", "Violation", "check_taxonomy"]


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


def check_taxonomy(data_dir: Path | str | None = None) -> CheckResult:
    """Check every consistency rule of the taxonomy in ``data_dir`` and return all violations."""
    d = Path(data_dir).resolve() if data_dir else DATA_DIR
    if not (d / "taxonomy.yaml").exists():
        return CheckResult([Violation("taxonomy.yaml", "", f"missing: {d} is not a taxonomy data folder")], {})
    files = read_taxonomy_files(d)
    out = _Flags(list(files.violations))
    _check_categories(out, files)
    _check_extensions(out, files)
    for _, located in sorted(files.checkable("skills").items()):
        _check_skill(out, files, located.record, file=located.file)
    _check_skill_cycles(out, files)
    alias_count = _check_aliases(out, files)
    for located in files.checkable("guides").values():
        _check_guide(out, files, located.record)
    for located in files.checkable("roles").values():
        _check_role(out, files, located.record)
    _check_resources(out, files)
    _check_provenance(out, files)
    _check_guide_phases(out, files)
    if not out.items:
        _check_loader(out, d)
    return CheckResult(out.items, _counts(files, alias_count))


class _Flags:
    def __init__(self, items: list[Violation]):
        self.items = items

    def __call__(self, file: str, where: str, message: str) -> None:
        self.items.append(Violation(file, where, message))


def _counts(files: TaxonomyFiles, alias_count: int) -> dict[str, int]:
    return {
        "skills": len(files.skill_ids),
        "aliases": alias_count,
        "categories": sum(1 for f in files.category_ids.values() if f != BUILT_IN),
        "guides": len(files.guide_ids),
        "roles": len(files.role_ids),
        "ambiguous": sum(1 for s in files.checkable("skills").values() if s.record.ambiguous_aliases),
        "extensions": len(files.extensions),
    }


def _check_categories(flag: _Flags, files: TaxonomyFiles) -> None:
    cats = files.checkable("categories")
    for cid, located in sorted(cats.items()):
        parent = located.record.parent
        if parent is not None and parent not in files.category_ids:
            flag(located.file, f"category {cid!r}", f"field 'parent': unknown category {parent!r}")
    for cyc in _find_cycle({k: [c.record.parent] if c.record.parent else [] for k, c in cats.items()}):
        flag(cats[cyc[0]].file, f"category {cyc[0]!r}", "field 'parent': cycle " + " -> ".join(cyc))


def _check_extensions(flag: _Flags, files: TaxonomyFiles) -> None:
    for ext in files.extensions:
        sid = ext.record.id
        if sid not in files.skill_ids:
            flag(ext.file, f"extension of {sid!r}", f"field 'id': extends unknown skill {sid!r}")


def _check_skill(flag: _Flags, files: TaxonomyFiles, skill: SkillRecord, *, file: str) -> None:
    """The references of one skill (category, parent, prerequisites, certifications) and its surface forms."""

    def v(message: str) -> None:
        flag(file, f"skill {skill.id!r}", message)

    if skill.category not in files.category_ids:
        v(f"field 'category': unknown category {skill.category!r}")
    if skill.parent is not None:
        if skill.parent not in files.skill_ids:
            v(f"field 'parent': unknown skill {skill.parent!r}")
        elif skill.parent == skill.id:
            v("field 'parent': a skill cannot be its own parent")
    for i, pre in enumerate(skill.prerequisites):
        if pre not in files.skill_ids:
            v(f"field 'prerequisites[{i}]': unknown skill {pre!r}")
    for i, cert in enumerate(skill.certifications):
        kind = files.skill_kinds.get(cert)
        if kind is None:
            v(f"field 'certifications[{i}]': unknown skill {cert!r}")
        elif kind != "certification":
            v(f"field 'certifications[{i}]': {cert!r} has kind {kind!r}, not 'certification'")
    _check_surface_forms(v, skill)


def _check_surface_forms(v, skill: SkillRecord) -> None:
    forms = [skill.label, *skill.aliases]
    for i, amb in enumerate(skill.ambiguous_aliases):
        if amb not in forms:
            v(f"field 'ambiguous_aliases[{i}]': {amb!r} is not the label or one of the aliases")
    if skill.ambiguous_aliases and skill.context is None:
        v("field 'context': skills with ambiguous_aliases need a context rule")
    for i, form in enumerate(forms):
        where = "label" if i == 0 else f"aliases[{i - 1}]"
        if not form.strip():
            v(f"field {where!r}: empty alias")
        elif not normalize_alias(form):
            v(f"field {where!r}: {form!r} normalises to nothing")


def _check_skill_cycles(flag: _Flags, files: TaxonomyFiles) -> None:
    skills = files.checkable("skills")
    for cyc in _find_cycle({k: list(s.record.prerequisites) for k, s in skills.items()}):
        flag(skills[cyc[0]].file, f"skill {cyc[0]!r}", "field 'prerequisites': cycle " + " -> ".join(cyc))
    for cyc in _find_cycle({k: [s.record.parent] if s.record.parent else [] for k, s in skills.items()}):
        if len(cyc) > 2:  # a self-parent is reported by _check_skill
            flag(skills[cyc[0]].file, f"skill {cyc[0]!r}", "field 'parent': cycle " + " -> ".join(cyc))


def _alias_claims(files: TaxonomyFiles) -> tuple[dict[str, list[tuple[str, str, bool, str]]], int]:
    """normalised surface form -> [(skill id, form, flagged ambiguous, file)], and how many forms were claimed."""
    claims: dict[str, list[tuple[str, str, bool, str]]] = defaultdict(list)
    count = 0

    def claim(sid: str, ambiguous: set[str], file: str, forms: list[str]) -> None:
        nonlocal count
        seen: set[str] = set()
        for form in forms:
            key = normalize_alias(form)
            if not key or key in seen:
                continue
            seen.add(key)
            count += 1
            claims[key].append((sid, form, form in ambiguous, file))

    skills = files.checkable("skills")
    for sid, located in skills.items():
        s = located.record
        claim(sid, set(s.ambiguous_aliases), located.file, [s.label, *s.aliases])
    for ext in files.extensions:
        base = skills.get(ext.record.id)
        own = {normalize_alias(f) for f in [base.record.label, *base.record.aliases]} if base else set()
        extra = [a for a in ext.record.aliases if normalize_alias(a) not in own]
        claim(ext.record.id, set(base.record.ambiguous_aliases) if base else set(), ext.file, extra)
    return claims, count


def _check_aliases(flag: _Flags, files: TaxonomyFiles) -> int:
    """Every normalised surface form belongs to one skill, unless all claimants flag it ambiguous with context."""
    claims, count = _alias_claims(files)
    skills = files.checkable("skills")
    for key, owners in sorted(claims.items()):
        ids = sorted({o[0] for o in owners})
        if len(ids) < 2:
            continue
        with_context = all(sid in skills and skills[sid].record.context is not None for sid in ids)
        if all(o[2] for o in owners) and with_context:
            continue
        desc = ", ".join(f"{sid!r} ({form!r} in {file}{', ambiguous' if amb else ''})" for sid, form, amb, file in owners)
        last = owners[-1]
        flag(last[3], f"skill {last[0]!r}", f"alias collision on {key!r}: claimed by {desc}; "
             "rename one, or list it in ambiguous_aliases of every claimant with a context rule")
    return count


def _check_guide(flag: _Flags, files: TaxonomyFiles, guide) -> None:
    """A guide's roles, phase and project skills, project phases and certification steps must exist."""
    where = f"guide {guide.id!r}"
    for i, role in enumerate(guide.roles):
        if role not in files.role_ids:
            flag("guides.yaml", where, f"field 'roles[{i}]': unknown role {role!r}")
    for ph in guide.phases:
        pw = f"{where} phase {ph.id!r}"
        if ph.month_start is not None and ph.month_end is not None and ph.month_end < ph.month_start:
            flag("guides.yaml", pw, f"month_end {ph.month_end} is before month_start {ph.month_start}")
        _unknown_skills(flag, files, pw, "skills", ph.skills)
    phase_ids = {ph.id for ph in guide.phases}
    for pr in guide.projects:
        pw = f"{where} project {pr.id!r}"
        _unknown_skills(flag, files, pw, "skills", pr.skills)
        if pr.phase is not None and pr.phase not in phase_ids:
            flag("guides.yaml", pw, f"field 'phase': unknown phase {pr.phase!r} of this guide")
    for cp in guide.certification_paths:
        pw = f"{where} certification path {cp.id!r}"
        for i, step in enumerate(cp.steps):
            kind = files.skill_kinds.get(step)
            if kind is None:
                flag("guides.yaml", pw, f"field 'steps[{i}]': unknown skill {step!r}")
            elif kind != "certification":
                flag("guides.yaml", pw, f"field 'steps[{i}]': {step!r} has kind {kind!r}, not 'certification'")


def _unknown_skills(flag: _Flags, files: TaxonomyFiles, where: str, name: str, ids: list[str]) -> None:
    for i, sid in enumerate(ids):
        if sid not in files.skill_ids:
            flag("guides.yaml", where, f"field '{name}[{i}]': unknown skill {sid!r}")


def _check_role(flag: _Flags, files: TaxonomyFiles, role) -> None:
    where = f"role {role.id!r}"
    for name in ("title_patterns", "exclude_patterns"):
        for i, pattern in enumerate(getattr(role, name)):
            try:
                re.compile(pattern, re.IGNORECASE)
            except re.error as exc:
                flag("roles.yaml", where, f"field '{name}[{i}]': {pattern!r} is not a valid regex ({exc})")
    for sid in role.core_skills:
        if sid not in files.skill_ids:
            flag("roles.yaml", where, f"field 'core_skills.{sid}': unknown skill {sid!r}")
    for i, gid in enumerate(role.guides):
        if gid not in files.guide_ids:
            flag("roles.yaml", where, f"field 'guides[{i}]': unknown guide {gid!r}")


def _check_resources(flag: _Flags, files: TaxonomyFiles) -> None:
    """Every id in ``resources.yaml`` names a known skill or category."""
    for section, known, noun in (("skills", files.skill_ids, "skill"), ("categories", files.category_ids, "category")):
        for key in files.resources[section]:
            if key not in known:
                flag("resources.yaml", f"{section}.{key}", f"unknown {noun} {key!r}")


def _check_provenance(flag: _Flags, files: TaxonomyFiles) -> None:
    stale = sorted(k for k in files.provenance if k not in files.skill_ids)
    if stale:
        flag("provenance.json", "", f"names unknown skill(s) {stale[:10]}{' ...' if len(stale) > 10 else ''}; "
             "rerun `skillgap taxonomy build --guides DIR`")


def _check_guide_phases(flag: _Flags, files: TaxonomyFiles) -> None:
    """guides.yaml phases against the headings `taxonomy build` parsed: provenance joins them by name."""
    parsed, problem = read_generated_json(files.data_dir / "guide_phases.json")
    if problem:
        flag("guide_phases.json", "", problem)
    for gid, located in sorted(files.checkable("guides").items()):
        if gid not in parsed:
            continue
        found = {str(p.get("name")): p for p in parsed[gid] if isinstance(p, dict)}
        for ph in located.record.phases:
            pw = f"guide {gid!r} phase {ph.id!r}"
            got = found.get(ph.name)
            if got is None:
                flag("guides.yaml", pw, f"name {ph.name!r} is not a phase heading the build found in the guide "
                     f"(found: {sorted(found)}); provenance cannot join to it")
            elif not got.get("duration") and (got.get("month_start"), got.get("month_end")) != (
                    ph.month_start, ph.month_end):
                flag("guides.yaml", pw, f"months {ph.month_start}-{ph.month_end} differ from the "
                     f"guide's heading ({got.get('month_start')}-{got.get('month_end')})")


def _check_loader(flag: _Flags, data_dir: Path) -> None:
    """The loader must accept what the checker accepted."""
    from skillgap.errors import TaxonomyError
    from skills_taxonomy.load import load_taxonomy

    try:
        load_taxonomy(data_dir)
    except (TaxonomyError, KeyError, TypeError, ValueError) as exc:
        flag("(loader)", "", f"load_taxonomy failed: {exc}")
