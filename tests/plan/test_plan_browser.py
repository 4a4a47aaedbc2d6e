"""In headless Chromium: ticking "Done" on a plan step rebuilds the plan without it (the real data editor)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers.processes import CHROMIUM, CHROMIUM_ARGS, streamlit_app

pytestmark = pytest.mark.browser
CV = """Sam Rivera
Junior software developer

Skills
Python, SQL, Git, PostgreSQL

Experience
Junior Developer, Northwind Apps, Jan 2023 - Present
- Built REST APIs in Python and wrote SQL queries against PostgreSQL.
"""


@pytest.fixture
def live_app(sample_store, model_dir):
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (scripts/install_browser.sh installs Debian's chromium)")
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    env = dict(os.environ, SKILLGAP_DB=str(sample_store), SKILLGAP_MODEL_DIR=str(model_dir))
    with streamlit_app(env) as url:
        yield url


def _hours(page) -> int:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Hours to job-ready")
    return int(metric.locator('[data-testid="stMetricValue"]').inner_text().split()[0].replace(",", ""))


def _last_visible_grid(page, *, at_least: int, timeout_s: float = 60.0):
    """The last visible grid once at least ``at_least`` are painted (a loaded machine paints them late)."""
    import time

    deadline = time.monotonic() + timeout_s
    while True:
        grids = [g for g in page.locator('[data-testid="stDataFrame"]').all() if g.is_visible()]
        if len(grids) >= at_least or time.monotonic() > deadline:
            assert len(grids) >= at_least, f"{len(grids)} grids visible after {timeout_s:.0f} s"
            return grids[-1]
        page.wait_for_timeout(250)


def test_ticking_done_rebuilds_the_plan_without_the_step(live_app, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    cv = tmp_path / "sam.txt"
    cv.write_text(CV, encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 4200})
            page.goto(live_app)
            expect(page.get_by_role("heading", name="My gap")).to_be_visible(timeout=60_000)
            page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(str(cv))
            expect(page.get_by_text("Role coverage", exact=True)).to_be_visible(timeout=90_000)
            page.get_by_role("tab", name="Learning plan").click()
            expect(page.get_by_text("Progress: 0 done, 0 skipped")).to_be_visible(timeout=30_000)
            expect(page.get_by_role("heading", name="Job-ready:")).to_be_visible()
            page.wait_for_timeout(1500)  # let the grid paint
            before = _hours(page)
            # the plan's editor is the last visible grid: the CV's skills editor sits above the tabs, later
            # milestones are folded and the other tabs are hidden
            editor = _last_visible_grid(page, at_least=2)
            editor.scroll_into_view_if_needed()
            page.wait_for_timeout(500)
            box = editor.bounding_box()
            page.mouse.click(box["x"] + 25, box["y"] + 35 + 72 // 2)  # first row (72 px: rows wrap), "Done"
            page.keyboard.press("Space")
            expect(page.get_by_text("Progress: 1 done, 0 skipped")).to_be_visible(timeout=60_000)
            page.wait_for_timeout(1000)
            assert _hours(page) < before
            assert page.locator('[data-testid="stException"]').count() == 0
        finally:
            browser.close()
