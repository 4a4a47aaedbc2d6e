"""The taxonomy's record models: each mistake in one record is named with its file, record and field path, and the
loader refuses a record its model rejects (with the same message) instead of loading half of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillgap.errors import TaxonomyError
from skills_taxonomy.check import check_taxonomy
from skills_taxonomy.load import DATA_DIR, load_taxonomy, taxonomy_version
from skills_taxonomy.schema_files import read_taxonomy_files


def _messages(data_dir: Path) -> list[str]:
    return [str(v) for v in check_taxonomy(data_dir).violations]


@pytest.mark.parametrize(("record", "expected"), [
    ({"label": "Zz A", "category": "ai", "kind": "tool", "hours": 0},
     "skill 'zz-a': field 'hours': expected a positive whole number, found 0"),
    ({"label": "Zz A", "category": "ai", "kind": "tool", "aliases": "A"},
     "skill 'zz-a': field 'aliases' must be a list, found 'A'"),
    ({"label": "Zz A", "category": "ai", "kind": "tool", "alias": ["A"]},
     "skill 'zz-a': field 'alias': unknown field (typo? allowed: ["),
    ({"label": "Zz A", "category": "ai", "kind": "tool", "context": {"nearby": ["x"]}},
     "skill 'zz-a': field 'context.nearby': unknown field"),
    ({"label": "Zz A", "category": "ai", "kind": "tool", "resources": []},
     "skill 'zz-a': field 'resources': resources live in resources.yaml"),
    ({"category": "ai", "kind": "tool"}, "skill 'zz-a': lacks the field 'label'"),
])
def test_record_mistakes_are_located(tiny_data: Path, append_yaml, record: dict, expected: str) -> None:
    append_yaml(tiny_data / "skills" / "zz.yaml", [{"id": "zz-a", **record}])
    messages = _messages(tiny_data)
    assert any(m.startswith("skills/zz.yaml: ") and expected in m for m in messages), messages
    with pytest.raises(TaxonomyError, match="skills/zz.yaml: skill 'zz-a'"):
        load_taxonomy(tiny_data)


def test_guide_and_role_fields_are_located(tiny_data: Path, append_yaml) -> None:
    append_yaml(tiny_data / "guides.yaml", [{"id": "zz-guide", "title": "Zz", "file": "zz.txt",
                                             "phases": [{"id": "p1", "order": 1}]}])
    append_yaml(tiny_data / "roles.yaml", [{"id": "zz-role", "label": "Zz", "title_patterns": ["zz"],
                                            "core_skills": {"python": 1.5}}])
    messages = _messages(tiny_data)
    assert "guides.yaml: guide 'zz-guide': lacks the field 'phases[0].name'" in messages
    assert any("roles.yaml: role 'zz-role': field 'core_skills.python': weight must be between 0 and 1, found 1.5"
               in m for m in messages), messages


def test_a_bad_record_does_not_make_its_id_unknown(tiny_data: Path, append_yaml) -> None:
    append_yaml(tiny_data / "skills" / "zz.yaml", [
        {"id": "zz-a", "label": "Zz A", "category": "ai", "kind": "gadget"},
        {"id": "zz-b", "label": "Zz B", "category": "ai", "kind": "tool", "prerequisites": ["zz-a"]},
    ])
    messages = _messages(tiny_data)
    assert any("skill 'zz-a': field 'kind': 'gadget' is not one of" in m for m in messages)
    assert not any("unknown skill 'zz-a'" in m for m in messages), messages


def test_check_and_load_share_one_parse(tiny_data: Path) -> None:
    files = read_taxonomy_files(tiny_data)
    assert read_taxonomy_files(tiny_data) is files  # cached per content version
    assert check_taxonomy(tiny_data).ok and read_taxonomy_files(tiny_data) is files
    taxonomy = load_taxonomy(tiny_data)
    assert taxonomy.version == files.version == taxonomy_version(tiny_data)
    assert set(taxonomy.skills) == set(files.skills) and set(taxonomy.roles) == set(files.roles)


def test_the_real_taxonomy_loads_every_record() -> None:
    files = read_taxonomy_files(DATA_DIR)
    assert files.violations == []
    assert set(load_taxonomy().skills) == set(files.skill_ids)


def test_a_typo_does_not_hide_the_references_of_its_record(tiny_data: Path, append_yaml) -> None:
    append_yaml(tiny_data / "skills" / "zz.yaml", [{"id": "zz-a", "label": "Zz A", "category": "ai", "kind": "tool",
                                                    "aliases": "A", "hourz": 3, "prerequisites": ["docker", "k8z"]}])
    messages = _messages(tiny_data)
    assert "skills/zz.yaml: skill 'zz-a': field 'aliases' must be a list, found 'A'" in messages
    assert "skills/zz.yaml: skill 'zz-a': field 'prerequisites[1]': unknown skill 'k8z'" in messages
    assert len(messages) == 3, messages
