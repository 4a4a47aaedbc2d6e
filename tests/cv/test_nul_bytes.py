"""Text CVs holding NUL bytes: read when the rest is text (UTF-16 without a BOM, stray NULs), else one clear line."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from skillgap.cv import read_cv, read_cv_file
from skillgap.cv.plain import text_with_nuls
from skillgap.errors import CVCorrupt

CV = """Robin Example
Data engineer — Zürich

Skills
Python, SQL, Docker, Airflow

Experience
Data Engineer, Example Freight AG, 2021 - Present
- Built batch pipelines in Python and SQL, scheduled with Airflow and shipped in Docker images.
"""


@pytest.fixture(scope="module")
def clean_text() -> str:
    return read_cv(CV.encode("utf-8"), filename="robin.txt").text


@pytest.mark.parametrize("where", ["start", "middle", "end", "everywhere"])
def test_stray_nul_bytes_are_dropped(clean_text, where):
    data = CV.encode("utf-8")
    if where == "start":
        data = b"\x00\x00" + data
    elif where == "middle":
        data = data[:40] + b"\x00" + data[40:]
    elif where == "end":
        data = data + b"\x00" * 4096  # padding left by a crash while saving
    else:
        data = data.replace(b"\n", b"\n\x00")
    doc = read_cv(data, filename="robin.txt")
    assert doc.text == clean_text
    assert "\x00" not in doc.text
    assert any("'robin.txt'" in w and "NUL" in w for w in doc.warnings), doc.warnings


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read_as_utf16(clean_text, codec):
    doc = read_cv(CV.encode(codec), filename="robin.txt")
    assert doc.text == clean_text and "Zürich" in doc.text
    assert any("UTF-16" in w for w in doc.warnings)


def test_markdown_with_nul_bytes_keeps_markdown_handling():
    md = "# Robin Example\n\n## Skills\n\n- **Python**, SQL\n\n## Experience\n\nBuilt pipelines in Python for five years.\n"
    doc = read_cv(md.encode("utf-8").replace(b"\n\n", b"\n\x00\n"), filename="robin.md")
    assert "**" not in doc.text and "#" not in doc.text and "Python" in doc.text


@pytest.mark.parametrize("data", [
    b"\x00\x01\x02\x03\x04\x05\x06\x07" * 200 + CV.encode("utf-8"),  # binary with some text in it
    bytes(range(256)) * 40,
])
def test_binary_with_nul_bytes_is_one_clear_line(data):
    with pytest.raises(CVCorrupt) as info:
        read_cv(data, filename="robin.txt")
    msg = str(info.value)
    assert "\n" not in msg
    assert "'robin.txt'" in msg and "NUL bytes" in msg and "UTF-8" in msg
    assert "not a format we read" not in msg


def test_text_with_nuls_says_none_for_binary_and_counts_dropped_bytes():
    assert text_with_nuls(b"\x00\x01\x02\x03" * 50) is None
    assert text_with_nuls(b"\x00" * 100) is None  # nothing but NULs: no text to read
    text, note = text_with_nuls(b"Skills: Python\x00\x00\x00")
    assert text == "Skills: Python" and "3 NUL bytes" in note


def test_read_from_disk(tmp_path, clean_text):
    path = tmp_path / "robin.txt"
    path.write_bytes(CV.encode("utf-8").replace(b" ", b" \x00", 3))
    assert read_cv_file(path).text == clean_text


# The CLI reads the CV before it needs the skills pipeline; stubbing the pipeline keeps this test to one import.
_GAP = """
import sys
import skills_taxonomy.pipeline as pipeline
pipeline.load_pipeline = lambda *args, **kwargs: None
from skillgap.cli import main
sys.argv = ["skillgap", "gap", sys.argv[1]]
main()
"""


def test_gap_cli_names_the_file_and_the_problem(tmp_path):
    bad = tmp_path / "robin.txt"
    bad.write_bytes(b"\x00\x01\x02\x03\x04\x05\x06\x07" * 300)
    env = dict(os.environ, SKILLGAP_DB=str(tmp_path / "none.duckdb"), SKILLGAP_MODEL_DIR=str(tmp_path / "models"))
    run = subprocess.run([sys.executable, "-c", _GAP, str(bad)], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, run.stderr
    assert "'robin.txt' is not plain text" in errors[0] and "NUL bytes" in errors[0]
    assert "Traceback" not in run.stderr
