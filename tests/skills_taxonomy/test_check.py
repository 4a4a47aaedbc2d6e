"""`taxonomy check`: passes on the real data, and fails with a precise message on each kind of break."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from skillgap.cli import app
from skills_taxonomy.check import check_taxonomy
from skills_taxonomy.load import DATA_DIR

runner = CliRunner()


def _messages(data_dir: Path) -> list[str]:
    return [str(v) for v in check_taxonomy(data_dir).violations]


def _first_skill(data_dir: Path) -> dict:
    for f in sorted((data_dir / "skills").glob("*.yaml")):
        for raw in yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or []:
            if raw.get("kind") != "certification" and not raw.get("ambiguous_aliases"):
                return raw
    pytest.skip("the taxonomy has no skills yet")


def _assert_has(messages: list[str], *parts: str) -> None:
    hits = [m for m in messages if all(p in m for p in parts)]
    assert hits, f"no violation containing {parts}; got {messages[:8]}"


def test_real_taxonomy_passes_check() -> None:
    result = check_taxonomy(DATA_DIR)
    assert result.violations == [], "\n".join(str(v) for v in result.violations[:40])
    assert result.counts["skills"] > 100


def test_cli_check_on_real_data_exits_zero_with_summary() -> None:
    res = runner.invoke(app, ["taxonomy", "check"])
    assert res.exit_code == 0, res.output[-3000:]
    line = res.output.strip()
    assert line.startswith("taxonomy OK:") and "skills" in line and "\n" not in line


def test_tiny_clean_taxonomy_passes(tiny_data: Path) -> None:
    result = check_taxonomy(tiny_data)
    assert result.ok, [str(v) for v in result.violations]
    assert result.counts["skills"] == 13 and result.counts["roles"] == 1 and result.counts["guides"] == 1


# --- one test per violation, on a broken copy of the real data ------------------------------------


def test_duplicate_id(real_copy: Path, append_yaml) -> None:
    existing = _first_skill(real_copy)
    append_yaml(real_copy / "skills" / "zz_broken.yaml",
                [{"id": existing["id"], "label": "Copy cat", "category": existing["category"], "kind": "tool"}])
    _assert_has(_messages(real_copy), "skills/zz_broken.yaml", f"skill {existing['id']!r}", "duplicate skill id")


def test_alias_collision(real_copy: Path, append_yaml) -> None:
    existing = _first_skill(real_copy)
    append_yaml(real_copy / "skills" / "zz_broken.yaml",
                [{"id": "zz-thief", "label": "Thief", "category": existing["category"], "kind": "tool",
                  "aliases": [existing["label"].upper()]}])
    _assert_has(_messages(real_copy), "alias collision", "'zz-thief'", repr(existing["id"]))


def test_missing_prerequisite(real_copy: Path, append_yaml) -> None:
    cat = _first_skill(real_copy)["category"]
    append_yaml(real_copy / "skills" / "zz_broken.yaml",
                [{"id": "zz-a", "label": "Zz A", "category": cat, "kind": "tool", "prerequisites": ["zz-nowhere"]}])
    _assert_has(_messages(real_copy), "skills/zz_broken.yaml: skill 'zz-a': field 'prerequisites[0]': unknown skill 'zz-nowhere'")


def test_prerequisite_cycle(real_copy: Path, append_yaml) -> None:
    cat = _first_skill(real_copy)["category"]
    append_yaml(real_copy / "skills" / "zz_broken.yaml", [
        {"id": "zz-a", "label": "Zz A", "category": cat, "kind": "tool", "prerequisites": ["zz-b"]},
        {"id": "zz-b", "label": "Zz B", "category": cat, "kind": "tool", "prerequisites": ["zz-c"]},
        {"id": "zz-c", "label": "Zz C", "category": cat, "kind": "tool", "prerequisites": ["zz-a"]},
    ])
    _assert_has(_messages(real_copy), "field 'prerequisites': cycle zz-a -> zz-b -> zz-c -> zz-a")


def test_parent_cycle(real_copy: Path, append_yaml) -> None:
    cat = _first_skill(real_copy)["category"]
    append_yaml(real_copy / "skills" / "zz_broken.yaml", [
        {"id": "zz-a", "label": "Zz A", "category": cat, "kind": "tool", "parent": "zz-b"},
        {"id": "zz-b", "label": "Zz B", "category": cat, "kind": "tool", "parent": "zz-a"},
    ])
    _assert_has(_messages(real_copy), "field 'parent': cycle zz-a -> zz-b -> zz-a")


def test_unknown_category(real_copy: Path, append_yaml) -> None:
    append_yaml(real_copy / "skills" / "zz_broken.yaml",
                [{"id": "zz-a", "label": "Zz A", "category": "no/such-category", "kind": "tool"}])
    _assert_has(_messages(real_copy), "skills/zz_broken.yaml: skill 'zz-a': field 'category': unknown category 'no/such-category'")


def test_unknown_category_parent(real_copy: Path, append_yaml) -> None:
    append_yaml(real_copy / "categories" / "zz_broken.yaml", [{"id": "zz/child", "label": "Child", "parent": "zz"}])
    _assert_has(_messages(real_copy), "categories/zz_broken.yaml: category 'zz/child': field 'parent': unknown category 'zz'")


def test_invalid_kind(real_copy: Path, append_yaml) -> None:
    cat = _first_skill(real_copy)["category"]
    append_yaml(real_copy / "skills" / "zz_broken.yaml", [{"id": "zz-a", "label": "Zz A", "category": cat, "kind": "gadget"}])
    _assert_has(_messages(real_copy), "skill 'zz-a': field 'kind': 'gadget' is not one of")


def test_certification_must_be_certification_kind(real_copy: Path, append_yaml) -> None:
    existing = _first_skill(real_copy)
    append_yaml(real_copy / "skills" / "zz_broken.yaml", [{"id": "zz-a", "label": "Zz A", "category": existing["category"],
                                                             "kind": "tool", "certifications": [existing["id"]]}])
    _assert_has(_messages(real_copy), "skill 'zz-a': field 'certifications[0]'", f"has kind {existing['kind']!r}")


def test_guide_phase_references_missing_skill(real_copy: Path, append_yaml) -> None:
    append_yaml(real_copy / "guides.yaml", [{"id": "zz-guide", "title": "Zz", "file": "zz.txt",
                                               "phases": [{"id": "p1", "name": "One", "order": 1, "skills": ["zz-ghost"]}]}])
    _assert_has(_messages(real_copy), "guides.yaml: guide 'zz-guide' phase 'p1': field 'skills[0]': unknown skill 'zz-ghost'")


def test_guide_project_and_cert_path_reference_missing_skills(real_copy: Path, append_yaml) -> None:
    append_yaml(real_copy / "guides.yaml", [{"id": "zz-guide", "title": "Zz", "file": "zz.txt",
                                               "projects": [{"id": "pr", "name": "P", "skills": ["zz-ghost"]}],
                                               "certification_paths": [{"id": "cp", "name": "C", "steps": ["zz-cert"]}]}])
    msgs = _messages(real_copy)
    _assert_has(msgs, "guide 'zz-guide' project 'pr': field 'skills[0]': unknown skill 'zz-ghost'")
    _assert_has(msgs, "guide 'zz-guide' certification path 'cp': field 'steps[0]': unknown skill 'zz-cert'")


def test_bad_title_regex(real_copy: Path, append_yaml) -> None:
    existing = _first_skill(real_copy)
    append_yaml(real_copy / "roles.yaml", [{"id": "zz-role", "label": "Zz", "title_patterns": ["(unclosed"],
                                              "core_skills": {existing["id"]: 0.5}}])
    _assert_has(_messages(real_copy), "roles.yaml: role 'zz-role': field 'title_patterns[0]': '(unclosed' is not a valid regex")


def test_role_core_skill_must_exist(real_copy: Path, append_yaml) -> None:
    append_yaml(real_copy / "roles.yaml", [{"id": "zz-role", "label": "Zz", "title_patterns": ["zz"],
                                              "core_skills": {"zz-ghost": 0.5}}])
    _assert_has(_messages(real_copy), "role 'zz-role': field 'core_skills.zz-ghost': unknown skill 'zz-ghost'")


def test_ambiguous_alias_needs_surface_form_and_context(tiny_data: Path, append_yaml) -> None:
    append_yaml(tiny_data / "skills" / "zz.yaml", [{"id": "zz-r", "label": "R language", "category": "languages",
                                                     "kind": "language", "ambiguous_aliases": ["R"]}])
    msgs = _messages(tiny_data)
    _assert_has(msgs, "skill 'zz-r': field 'ambiguous_aliases[0]': 'R' is not the label or one of the aliases")
    _assert_has(msgs, "skill 'zz-r': field 'context': skills with ambiguous_aliases need a context rule")


def test_shared_ambiguous_alias_is_allowed_when_both_flag_it(tiny_data: Path, append_yaml) -> None:
    append_yaml(tiny_data / "skills" / "zz.yaml", [{"id": "zz-go-board", "label": "Go (board game)", "category": "ai",
                                                     "kind": "concept", "aliases": ["Go"], "ambiguous_aliases": ["Go"],
                                                     "context": {"near": ["board"]}}])
    assert check_taxonomy(tiny_data).ok
    append_yaml(tiny_data / "skills" / "zz.yaml", [{"id": "zz-golang", "label": "GoLang runtime", "category": "ai",
                                                     "kind": "tool", "aliases": ["go"]}])
    _assert_has(_messages(tiny_data), "alias collision on 'go'", "'zz-golang'")


def test_all_violations_are_listed_and_cli_exits_one(tiny_data: Path, append_yaml) -> None:
    append_yaml(tiny_data / "skills" / "zz.yaml", [
        {"id": "zz-a", "label": "Zz A", "category": "nowhere", "kind": "tool", "prerequisites": ["zz-ghost"]},
        {"id": "python", "label": "Python again", "category": "languages", "kind": "language"},
    ])
    append_yaml(tiny_data / "roles.yaml", [{"id": "zz-role", "label": "Zz", "title_patterns": ["[bad"]}])
    res = runner.invoke(app, ["taxonomy", "check", "--data-dir", str(tiny_data)])
    assert res.exit_code == 1
    out = res.output
    assert "unknown category 'nowhere'" in out and "unknown skill 'zz-ghost'" in out
    assert "duplicate skill id" in out and "'[bad' is not a valid regex" in out
    assert "4 taxonomy violation(s)" in out


def test_cli_check_clean_tiny_exits_zero(tiny_data: Path) -> None:
    res = runner.invoke(app, ["taxonomy", "check", "--data-dir", str(tiny_data)])
    assert res.exit_code == 0, res.output
    assert res.output.strip() == ("taxonomy OK: 13 skills, 28 surface forms, 6 categories, 1 guides, 1 roles, "
                                  "1 ambiguous skills, 0 import extensions")


def test_invalid_yaml_is_reported_with_file(tiny_data: Path) -> None:
    (tiny_data / "skills" / "zz.yaml").write_text("- id: [unclosed\n", encoding="utf-8")
    _assert_has(_messages(tiny_data), "skills/zz.yaml", "invalid YAML")


def test_extension_of_unknown_skill(tiny_data: Path, append_yaml) -> None:
    append_yaml(tiny_data / "imported" / "esco.yaml", [{"id": "zz-ghost", "extend": True, "aliases": ["Ghost"]}])
    _assert_has(_messages(tiny_data), "imported/esco.yaml: extension of 'zz-ghost': field 'id': extends unknown skill 'zz-ghost'")


def test_guide_phase_names_and_months_must_match_the_build(tiny_data: Path) -> None:
    import json

    (tiny_data / "guide_phases.json").write_text(json.dumps({"tiny-guide": [
        {"order": 1, "name": "Phase 1: Cloud Basics", "month_start": 1, "month_end": 4, "duration": False}]}),
        encoding="utf-8")
    _assert_has(_messages(tiny_data), "guides.yaml: guide 'tiny-guide' phase 'p1': months 1-3 differ from the guide's heading (1-4)")
    (tiny_data / "guide_phases.json").write_text(json.dumps({"tiny-guide": [
        {"order": 1, "name": "Phase 1: Basics", "month_start": 1, "month_end": 3, "duration": False}]}), encoding="utf-8")
    _assert_has(_messages(tiny_data),
                "guide 'tiny-guide' phase 'p1': name 'Phase 1: Cloud Basics' is not a phase heading the build found")


def test_cli_check_json(tiny_data: Path, append_yaml) -> None:
    import json

    res = runner.invoke(app, ["taxonomy", "check", "--json", "--data-dir", str(tiny_data)])
    assert res.exit_code == 0 and json.loads(res.output)["ok"] is True
    append_yaml(tiny_data / "skills" / "zz.yaml", [{"id": "zz-a", "label": "Zz A", "category": "nowhere", "kind": "tool"}])
    res = runner.invoke(app, ["taxonomy", "check", "--json", "--data-dir", str(tiny_data)])
    out = json.loads(res.output)
    assert res.exit_code == 1 and out["ok"] is False
    assert out["violations"] == ["skills/zz.yaml: skill 'zz-a': field 'category': unknown category 'nowhere'"]
