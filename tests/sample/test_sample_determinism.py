"""The same seed writes byte-identical files; another seed writes different ones; data/sample is regenerated."""

from __future__ import annotations

from pathlib import Path

from skillgap.sample.exports import generate_sample
from skillgap.settings import PROJECT_ROOT

SMALL = dict(postings=300, months=6, end_month="2025-06")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_same_seed_gives_identical_bytes_in_every_file(tmp_path):
    a = _files_after(generate_sample, tmp_path / "a", seed=11)
    b = _files_after(generate_sample, tmp_path / "b", seed=11)
    assert set(a) == set(b)
    assert len(a) >= 5 and "README.md" in a
    for name in a:
        assert a[name] == b[name], f"{name} differs between two runs with the same seed"


def test_different_seed_gives_different_content(tmp_path):
    a = _files_after(generate_sample, tmp_path / "a", seed=11)
    c = _files_after(generate_sample, tmp_path / "c", seed=12)
    assert a["jobspy_scrape.csv"] != c["jobspy_scrape.csv"]
    assert a["lever_postings.jsonl"] != c["lever_postings.jsonl"]


def test_regenerating_over_an_existing_folder_leaves_no_stale_files(tmp_path):
    out = tmp_path / "s"
    generate_sample(out, seed=1, **SMALL)
    generate_sample(out, seed=1, postings=300, months=6, end_month="2025-09")  # another export date
    assert [p.name for p in out.glob("generic_board_*.xlsx")] == ["generic_board_2025-09-28.xlsx"]


def test_committed_sample_equals_what_the_generator_writes_now(generated):
    """data/sample must be exactly `skillgap sample generate` output: nobody edits it by hand."""
    committed = PROJECT_ROOT / "data" / "sample"
    fresh_dir, _ = generated
    fresh, ours = _files(fresh_dir), _files(committed)
    assert set(ours) == set(fresh), "data/sample has extra or missing files; run `skillgap sample generate`"
    for name in fresh:
        if name.endswith(".xlsx"):
            # zip compression and openpyxl's XML may differ between library builds: compare the cells
            assert _cells(committed / name) == _cells(fresh_dir / name), f"data/sample/{name} is stale"
        else:
            assert ours[name] == fresh[name], f"data/sample/{name} is stale; run `skillgap sample generate`"


def _cells(path: Path) -> list[tuple]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    try:
        return list(wb.active.iter_rows(values_only=True))
    finally:
        wb.close()


def _files_after(fn, out: Path, *, seed: int) -> dict[str, bytes]:
    fn(out, seed=seed, **SMALL)
    return _files(out)
