"""`taxonomy import-esco` / `import-onet` on tiny fixtures written here, plus one run on the real samples."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from skillgap.cli import app
from skillgap.errors import TaxonomyError
from skills_taxonomy.aliases import TermFinder
from skills_taxonomy.check import check_taxonomy
from skills_taxonomy.importers import ESCO_URI, import_esco, import_onet
from skills_taxonomy.load import load_taxonomy

runner = CliRunner()
U = "http://data.europa.eu/esco/skill/"

# (uri tail, preferred label, alt labels)
ESCO_CONCEPTS = [
    ("u-python", "Python (computer programming)", ["Python3", "Python programming", "scripting with snakes"]),
    ("u-k8s", "Kubernetes", ["K8s", "Kube orchestration"]),
    ("u-music", "manage musical staff", ["supervise musicians"]),
    ("u-alt-python", "scripting in general", ["Python 3"]),
    ("u-two", "use container software", ["Docker", "Terraform"]),
    ("u-tf", "Terraform", ["Vector store", "Terraform scripting"]),
    ("u-docker", "container platform work", ["Docker containers", "Docker", "ADR"]),  # two alt labels agree
    ("u-adr", "hazardous goods transport", ["RAG"]),  # one alt label alone is not enough
    ("u-zk", "Apache ZooKeeper", ["ZooKeeper"]),
]


def _esco_official(path: Path) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels", "description"])
    for tail, pref, alts in ESCO_CONCEPTS:
        w.writerow(["KnowledgeSkillCompetence", U + tail, "knowledge", "sector-specific", pref, "\n".join(alts), "x"])
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def _esco_nesta(path: Path) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["id", "description", "hierarchy_levels", "type"])
    w.writerow(["S1.2", "some group", "", "level_2"])
    for tail, pref, alts in ESCO_CONCEPTS:
        w.writerow([tail, pref, "[['K', 'K06', 'K061', 'K0613']]", "preferredLabel"])
        for a in alts:
            w.writerow([tail, a, "[['K', 'K06', 'K061', 'K0613']]", "altLabels"])
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


ONET_ROWS = [
    ("15-1252.00", "Python", "43232405", "Object or component oriented development software", "Y", "Y"),
    ("15-2051.00", "Python", "43232405", "Object or component oriented development software", "Y", "N"),
    ("15-1252.00", "Amazon Web Services AWS SageMaker", "43232314", "Business intelligence and data analysis software", "Y", "N"),
    ("15-1252.00", "Kubernetes", "43233004", "Operating system software", "Y", "N"),
    ("15-1252.00", "Golang", "43232405", "Object or component oriented development software", "N", "N"),
    ("15-1252.00", "GO", "43232405", "Object or component oriented development software", "Y", "N"),
    ("15-1252.00", "Zapier Automation", "43232110", "Office suite software", "Y", "N"),
    ("15-2051.00", "Zapier Automation", "43232110", "Office suite software", "N", "Y"),
    ("15-1252.00", "Obscure Desktop Tool", "43232110", "Office suite software", "N", "N"),
    ("15-1252.00", "Microsoft Analytics", "43232314", "Business intelligence and data analysis software", "Y", "N"),
]


def _onet(path: Path) -> Path:
    lines = ["O*NET-SOC Code\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand"]
    lines += ["\t".join(r) for r in ONET_ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _records(path: Path) -> dict[str, dict]:
    return {r["id"]: r for r in yaml.safe_load(path.read_text(encoding="utf-8"))}


@pytest.mark.parametrize("writer", [_esco_official, _esco_nesta], ids=["esco-download", "nesta-formatted"])
def test_esco_links_and_aliases(tiny_data: Path, tmp_path: Path, writer) -> None:
    src = writer(tmp_path / "skills_en.csv")
    out = tiny_data / "imported" / "esco.yaml"
    report = import_esco(src, data_dir=tiny_data, out=out)
    recs = _records(out)
    # lowercase ESCO phrases are not added as aliases; the alt-label match u-alt-python is outranked
    assert recs["python"] == {"id": "python", "extend": True, "aliases": ["Python3", "Python programming"],
                              "esco_uris": [U + "u-python"]}
    assert recs["kubernetes"]["aliases"] == ["Kube orchestration"]  # K8s is already ours
    assert recs["terraform"]["aliases"] == ["Terraform scripting"]  # "Vector store" belongs to another skill
    assert recs["docker"] == {"id": "docker", "extend": True, "aliases": ["ADR"],
                              "esco_uris": [U + "u-docker"]}
    assert set(recs) == {"python", "kubernetes", "terraform", "docker"}  # u-two names two skills: skipped
    assert report.skipped_ambiguous == 1 and report.skipped_conflicts == 1 and report.new_skills == 0
    assert report.linked_skills == 4 and report.items == 9
    text = out.read_text(encoding="utf-8")
    assert "ESCO classification of the European Commission" in text
    assert check_taxonomy(tiny_data).ok, [str(v) for v in check_taxonomy(tiny_data).violations]
    tax = load_taxonomy(tiny_data)
    assert tax.skills["python"].esco_uris == (U + "u-python",)
    assert "Python3" in tax.skills["python"].aliases
    assert TermFinder.from_taxonomy(tax).skill_ids("We use Python3 daily.") == ["python"]


def test_esco_add_new_needs_filter_and_adds_filtered(tiny_data: Path, tmp_path: Path) -> None:
    src = _esco_official(tmp_path / "skills_en.csv")
    out = tiny_data / "imported" / "esco.yaml"
    with pytest.raises(TaxonomyError, match="--filter"):
        import_esco(src, data_dir=tiny_data, out=out, add_new=True)
    report = import_esco(src, data_dir=tiny_data, out=out, add_new=True, label_filter=r"^Apache ")
    recs = _records(out)
    assert recs["esco-apache-zookeeper"] == {"id": "esco-apache-zookeeper", "label": "Apache ZooKeeper",
                                             "category": "imported/esco", "kind": "tool", "aliases": ["ZooKeeper"],
                                             "esco_uris": [U + "u-zk"]}
    assert report.new_skills == 1 and "esco-manage-musical-staff" not in recs
    assert check_taxonomy(tiny_data).ok


def test_esco_rerun_is_stable(tiny_data: Path, tmp_path: Path) -> None:
    src = _esco_official(tmp_path / "skills_en.csv")
    out = tiny_data / "imported" / "esco.yaml"
    import_esco(src, data_dir=tiny_data, out=out)
    first = out.read_bytes()
    import_esco(src, data_dir=tiny_data, out=out)  # its own previous output must not count as a conflict
    assert out.read_bytes() == first


def test_esco_rejects_other_csv(tiny_data: Path, tmp_path: Path) -> None:
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(TaxonomyError, match="not an ESCO skills CSV"):
        import_esco(bad, data_dir=tiny_data, out=tmp_path / "o.yaml")


def test_onet_links_and_hot_new_tools(tiny_data: Path, tmp_path: Path) -> None:
    src = _onet(tmp_path / "Technology Skills.txt")
    out = tiny_data / "imported" / "onet.yaml"
    report = import_onet(src, data_dir=tiny_data, out=out, add_new=True)
    recs = _records(out)
    assert recs["python"]["onet_codes"] == ["43232405"] and "aliases" not in recs["python"]
    assert recs["aws-sagemaker"]["aliases"] == ["Amazon Web Services AWS SageMaker"]
    assert recs["go"]["onet_codes"] == ["43232405"]  # via the alias Golang
    assert recs["onet-zapier-automation"]["category"] == "imported/onet"
    assert recs["onet-zapier-automation"]["kind"] == "tool"
    assert "onet-obscure-desktop-tool" not in recs  # neither hot nor in demand
    assert "onet-go" not in recs  # "GO" collides with the ambiguous alias "Go": skipped and counted
    assert "analytics" not in recs  # a vendor prefix is only stripped for distinctive names
    assert report.skipped_conflicts >= 1 and report.new_skills == 2  # Zapier Automation, Microsoft Analytics
    assert "USDOL/ETA" in out.read_text(encoding="utf-8")
    result = check_taxonomy(tiny_data)
    assert result.ok, [str(v) for v in result.violations]
    tax = load_taxonomy(tiny_data)
    assert tax.skills["aws-sagemaker"].onet_codes == ("43232314",)
    assert tax.skills["onet-zapier-automation"].category == "imported/onet"


def test_onet_filter_and_min_occupations(tiny_data: Path, tmp_path: Path) -> None:
    src = _onet(tmp_path / "Technology Skills.txt")
    out = tiny_data / "imported" / "onet.yaml"
    import_onet(src, data_dir=tiny_data, out=out, add_new=True, label_filter="office suite", min_occupations=2)
    assert [k for k in _records(out) if k.startswith("onet-")] == ["onet-zapier-automation"]


def test_cli_imports(tiny_data: Path, tmp_path: Path) -> None:
    esco = _esco_official(tmp_path / "skills_en.csv")
    onet = _onet(tmp_path / "tech.txt")
    res = runner.invoke(app, ["taxonomy", "import-esco", str(esco), "--data-dir", str(tiny_data)])
    assert res.exit_code == 0, res.output
    assert "linked 4 of our skills" in res.output
    res = runner.invoke(app, ["taxonomy", "import-onet", str(onet), "--data-dir", str(tiny_data), "--add-new",
                              "--out", str(tiny_data / "imported" / "onet.yaml")])
    assert res.exit_code == 0, res.output
    assert (tiny_data / "imported" / "esco.yaml").exists() and (tiny_data / "imported" / "onet.yaml").exists()
    assert runner.invoke(app, ["taxonomy", "check", "--data-dir", str(tiny_data)]).exit_code == 0


@pytest.mark.shared
def test_real_samples_link_and_keep_check_clean(shared_dir: Path, real_copy: Path) -> None:
    base = shared_dir / "data" / "taxonomies"
    before = {str(v) for v in check_taxonomy(real_copy).violations}
    onet = import_onet(base / "onet-29.2-technology-skills" / "Technology_Skills.txt", data_dir=real_copy,
                       out=real_copy / "imported" / "onet.yaml", add_new=True)
    esco = import_esco(base / "esco-v1.1.1" / "esco_v_1_1_1_data_formatted.csv", data_dir=real_copy,
                       out=real_copy / "imported" / "esco.yaml")
    assert onet.linked_skills >= 50 and onet.new_skills >= 20
    assert esco.linked_skills >= 20
    after = {str(v) for v in check_taxonomy(real_copy).violations}
    assert after - before == set(), sorted(after - before)[:10]
    tax = load_taxonomy(real_copy) if not after else None
    if tax is not None:
        assert ESCO_URI + "ccd0a1d9-afda-43d9-b901-96344886e14d" in tax.skills["python"].esco_uris
        assert tax.skills["kubernetes"].onet_codes
