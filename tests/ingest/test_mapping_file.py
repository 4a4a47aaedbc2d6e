"""User mapping files: the model names the file and the bad key; a good file becomes the same Layout as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillgap.errors import IngestError
from skillgap.ingest.mappings import layout_from_dict, load_mapping


def test_a_minimal_mapping_fills_the_defaults() -> None:
    lay = layout_from_dict({"fields": {"title": "Job Name", "description": ["Body", "Text"]}}, origin="boards/my.yaml")
    assert (lay.name, lay.source, lay.kind, lay.user) == ("my", "my", "postings", True)
    assert lay.columns_all == ("Body", "Job Name") and lay.transforms == {"description": "auto"}
    assert lay.min_description_chars == 0 and lay.labels == {} and lay.reject_if == {}


@pytest.mark.parametrize(("doc", "expected"), [
    ({}, "fields: must map canonical names to columns"),
    ({"fields": {"titel": "A"}}, "fields: unknown field(s) ['titel']"),
    ({"fields": {"company": "A"}}, "map at least a title or a description column"),
    ({"fields": {"title": "A"}, "transforms": {"title": "xml"}}, "transforms.title: 'xml' is not one of"),
    ({"fields": {"title": "A"}, "colour": "red"}, "colour: unknown key; allowed:"),
    ({"fields": {"title": "A"}, "match": {"columns": ["A"]}}, "match.columns: unknown key; allowed:"),
    ({"fields": {"title": "A"}, "kind": "jobs"}, "kind: 'jobs' is not one of"),
])
def test_each_mistake_is_named_with_its_key(doc: dict, expected: str) -> None:
    with pytest.raises(IngestError) as exc:
        layout_from_dict(doc, origin="my.yaml")
    assert str(exc.value).startswith("mapping my.yaml: ") and expected in str(exc.value)


def test_yaml_and_toml_files_read_alike(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("name: a\nmatch: null\nfields: {title: T, description: D}\n", encoding="utf-8")
    (tmp_path / "a.toml").write_text('name = "a"\n[fields]\ntitle = "T"\ndescription = "D"\n', encoding="utf-8")
    assert load_mapping(tmp_path / "a.yaml") == load_mapping(tmp_path / "a.toml")
    (tmp_path / "bad.yaml").write_text("fields: {title: [unclosed\n", encoding="utf-8")
    with pytest.raises(IngestError, match="bad.yaml: not valid YAML"):
        load_mapping(tmp_path / "bad.yaml")
