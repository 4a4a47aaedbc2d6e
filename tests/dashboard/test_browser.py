"""End to end in headless Chromium: the real app, the real uploader, the plan, the trends filters.

Screenshots go to a temporary folder, or to $SKILLGAP_SCREENSHOTS (e.g. docs/screenshots) when set.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from skillgap.commands.dashboard import streamlit_command
from skillgap.scheduling import free_port

from .conftest import CV_TEXT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.browser


@pytest.fixture
def live_app(app_env, model_dir, tmp_path):
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (scripts/install_browser.sh installs Debian's chromium)")
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    port = free_port()
    env = dict(os.environ, SKILLGAP_DB=str(app_env), SKILLGAP_MODEL_DIR=str(model_dir))
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen(streamlit_command(port=port, address="127.0.0.1"), env=env, cwd=root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("streamlit did not start within 60 s")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_upload_cv_see_plan_then_filter_trends(live_app, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    shots = Path(os.environ.get("SKILLGAP_SCREENSHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    cv = tmp_path / "jordan_cv.txt"
    cv.write_text(CV_TEXT, encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"],
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 2200})
            page.goto(live_app)
            expect(page.get_by_role("heading", name="My gap")).to_be_visible(timeout=60_000)
            page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(cv))
            expect(page.get_by_text("Role coverage")).to_be_visible(timeout=90_000)
            expect(page.get_by_text("Analysed:")).to_be_visible(timeout=30_000)
            expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible(timeout=30_000)
            page.wait_for_timeout(2000)  # let the data grids paint before the picture
            page.screenshot(path=str(shots / "my_gap.png"))
            page.get_by_role("tab", name="Learning plan").click()
            expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=30_000)
            expect(page.get_by_text("Download plan (Markdown)")).to_be_visible()
            page.wait_for_timeout(1500)
            page.screenshot(path=str(shots / "learning_plan.png"))
            assert page.locator('[data-testid="stException"]').count() == 0

            page.get_by_role("link", name="Market trends").click()
            expect(page.get_by_role("heading", name="Market trends")).to_be_visible(timeout=60_000)
            expect(page.get_by_text("Top skills")).to_be_visible(timeout=30_000)
            caption = page.get_by_text("postings in the last")
            before = caption.inner_text()
            page.get_by_text("Remote", exact=True).first.click()
            expect(caption).not_to_have_text(before, timeout=30_000)
            expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=30_000)
            assert page.locator('[data-testid="stException"]').count() == 0
            page.wait_for_timeout(1500)
            page.screenshot(path=str(shots / "market_trends.png"))
        finally:
            browser.close()
    assert (shots / "my_gap.png").stat().st_size > 10_000
