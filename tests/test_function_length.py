"""No product function is longer than 80 lines (issue 23); ``scripts/long_functions.py`` lists any that are."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CHECKER = REPO_ROOT / "scripts" / "long_functions.py"


def _run_checker(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHECKER), str(root)], capture_output=True, text=True, check=False)


def test_no_product_function_is_over_80_lines():
    run = _run_checker(REPO_ROOT)
    assert run.returncode == 0, f"functions over 80 lines (path:line name length):\n{run.stdout}{run.stderr}"
    assert run.stdout == ""


def test_the_checker_lists_a_function_over_80_lines_and_passes_one_of_80(tmp_path):
    package = tmp_path / "skillgap"
    package.mkdir()
    body_80 = "\n".join(f"    x{i} = {i}" for i in range(79))
    body_81 = "\n".join(f"    x{i} = {i}" for i in range(80))
    (package / "sizes.py").write_text(
        f"def fits():\n{body_80}\n\n\nclass Holder:\n    async def too_long(self):\n{body_81.replace('    ', '        ')}\n",
        encoding="utf-8",
    )
    run = _run_checker(tmp_path)
    assert run.returncode == 1
    assert run.stdout == "skillgap/sizes.py:84 too_long 81\n"
