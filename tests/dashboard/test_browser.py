"""End to end in headless Chromium: the real app started as `skillgap dashboard` starts it (read-only, no flags).

Every request the page makes is recorded and must go to 127.0.0.1 (the app works offline and tells no third party
who opened it). Screenshots of every page at 1400×900 and at phone size 390×844 go to a temporary folder, or to
$SKILLGAP_SCREENSHOTS (e.g. docs/screenshots) when set:

    SKILLGAP_SCREENSHOTS=docs/screenshots .venv/bin/python -m pytest tests/dashboard/test_browser.py -q
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from urllib.parse import urlparse

import pytest

from skillgap.commands.dashboard import dashboard_env

from tests.helpers.processes import CHROMIUM, CHROMIUM_ARGS, ROOT
from tests.helpers.processes import streamlit_app as _serve

from .conftest import CV_TEXT

LAUNCH_ARGS = CHROMIUM_ARGS
DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}
# url path (from the page file's name) -> heading the page shows
PAGES = {"trends": "Market trends", "explorer": "Skills explorer", "pipeline": "Pipeline"}
pytestmark = pytest.mark.browser


@pytest.fixture
def live_app(app_env, model_dir):
    """The app as a visitor meets it: `skillgap dashboard` with no flags (read-only)."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (scripts/install_browser.sh installs Debian's chromium)")
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    env = dashboard_env(app_env, allow_refresh=False, base=dict(os.environ, SKILLGAP_MODEL_DIR=str(model_dir)))
    with _serve(env) as url:
        yield url


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("SKILLGAP_SCREENSHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Recorder:
    """Every URL any page of a browser context asks for."""

    def __init__(self, context):
        self.urls: list[str] = []
        context.on("request", lambda request: self.urls.append(request.url))

    def elsewhere(self) -> list[str]:
        """Requests that leave 127.0.0.1 (data: and blob: URLs never leave the browser)."""
        parsed = [(u, urlparse(u)) for u in self.urls]
        return [u for u, p in parsed if p.scheme not in ("data", "blob") and p.hostname != "127.0.0.1"]


def _open(page, url: str, heading: str) -> None:
    from playwright.sync_api import expect

    page.goto(url)
    expect(page.get_by_role("heading", name=heading).first).to_be_visible(timeout=60_000)
    page.wait_for_load_state("networkidle")


def _settle(page, ms: int = 1500) -> None:
    page.wait_for_timeout(ms)  # let data grids and charts paint before the picture
    assert page.locator('[data-testid="stException"]').count() == 0


def _upload_cv(page, cv: Path) -> None:
    from playwright.sync_api import expect

    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(cv))
    expect(page.get_by_text("Role coverage", exact=True)).to_be_visible(timeout=90_000)
    expect(page.get_by_text("Analysed:")).to_be_visible(timeout=30_000)
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible(timeout=30_000)


def _my_gap_tour(page, url: str, cv: Path, shots: Path, size: str) -> None:
    """My gap with an uploaded CV: the CV's skills, the gap, the learning plan, the closest postings, and the closest
    posting opened on "Match a job ad"."""
    from playwright.sync_api import expect

    _open(page, url, "My gap")
    _upload_cv(page, cv)
    _settle(page, 2000)
    page.screenshot(path=str(shots / f"my_gap{size}.png"))
    _scroll_to_top(page.get_by_role("heading", name="Skills found in your CV").first)
    _settle(page, 500)
    page.screenshot(path=str(shots / f"cv_skills{size}.png"))
    tabs = page.get_by_role("tablist").first
    for tab, name in (("Skills", "my_gap_skills"), ("Learning plan", "learning_plan"),
                      ("Closest postings", "closest_postings")):
        page.get_by_role("tab", name=tab).click()
        if tab == "Learning plan":
            expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=30_000)
            expect(page.get_by_text("Download plan (Markdown)")).to_be_visible()
        _scroll_to_top(tabs)
        _settle(page)
        page.screenshot(path=str(shots / f"{name}{size}.png"))
    # the closest posting, matched against the same CV on "Match a job ad" (the CV stays in this session)
    page.get_by_role("button", name="Match this posting").click()
    expect(page.get_by_role("heading", name="Match a job ad").first).to_be_visible(timeout=60_000)
    page.wait_for_load_state("networkidle")
    _settle(page, 3000)
    page.screenshot(path=str(shots / f"match{size}.png"))


def _scroll_to_top(locator) -> None:
    """Bring an element to the top of Streamlit's scrolling container (full_page shots only show the viewport)."""
    locator.evaluate("e => e.scrollIntoView({block: 'start'})")


def test_every_page_offline_with_screenshots_at_desktop_and_phone_size(live_app, browser, shots, tmp_path):
    from playwright.sync_api import expect

    cv = tmp_path / "jordan_cv.txt"
    cv.write_text(CV_TEXT, encoding="utf-8")
    for size, viewport in (("", DESKTOP), ("_phone", PHONE)):
        context = browser.new_context(viewport=viewport)
        recorder = Recorder(context)
        page = context.new_page()
        _my_gap_tour(page, live_app, cv, shots, size)
        for path, heading in PAGES.items():
            _open(page, f"{live_app}/{path}", heading)
            if path == "trends":
                expect(page.get_by_text("Top skills")).to_be_visible(timeout=30_000)
                expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=30_000)
            _settle(page, 2000)
            page.screenshot(path=str(shots / f"{path}{size}.png"))
            if path == "trends":  # shares over time with their bands, and the tested movers
                _scroll_to_top(page.get_by_role("heading", name="Demand over time").first)
                _settle(page, 1000)
                page.screenshot(path=str(shots / f"trends_over_time{size}.png"))
            if path == "explorer":  # the chosen skill's details below the table
                _scroll_to_top(page.get_by_text("Skill details").first)
                _settle(page, 500)
                page.screenshot(path=str(shots / f"explorer_skill{size}.png"))
        context.close()
        assert len(recorder.urls) > 20
        assert recorder.elsewhere() == [], f"requests that left 127.0.0.1 at {viewport}"
    assert (shots / "my_gap.png").stat().st_size > 10_000 and (shots / "pipeline_phone.png").stat().st_size > 10_000


def test_trends_filter_changes_the_numbers(live_app, browser):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1400, "height": 2200})
    _open(page, f"{live_app}/trends", "Market trends")
    caption = page.get_by_text("postings in the last")
    before = caption.inner_text()
    page.get_by_text("Remote", exact=True).first.click()
    expect(caption).not_to_have_text(before, timeout=30_000)
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=30_000)
    _settle(page)


def test_a_visitor_finds_no_refresh_button_no_editable_path_and_no_server_path(live_app, browser, app_env):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1400, "height": 3000})
    _open(page, f"{live_app}/pipeline", "Pipeline")
    expect(page.get_by_text("This dashboard is read-only")).to_be_visible(timeout=30_000)
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible(timeout=30_000)
    _settle(page)
    assert page.get_by_role("button", name="Run refresh").count() == 0
    assert page.locator('[data-testid="stTextInput"]').count() == 0
    for path in PAGES:  # no page shows a path on the server: not the project's, not the store's folder
        _open(page, f"{live_app}/{path}", PAGES[path])
        _settle(page, 2000)
        shown = page.inner_text("body") + "\n".join(page.locator('[role="gridcell"]').all_inner_texts())
        for server_path in (str(ROOT), str(Path(app_env).parent)):
            assert server_path not in shown, f"{path} shows {server_path}"


def test_an_oversized_cv_gets_a_message_naming_the_limit(live_app, browser, tmp_path):
    from playwright.sync_api import expect

    limit_mb = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"]
    big = tmp_path / "big_cv.txt"
    big.write_bytes(b"Python and SQL on AWS.\n" * ((limit_mb + 1) * 1024 * 1024 // 23))
    page = browser.new_page(viewport={"width": 1400, "height": 1400})
    _open(page, live_app, "My gap")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(big))
    # Streamlit's uploader ("File must be 10.0MB or smaller.") or the reader ("CVs over 10 MB are not read"),
    # not the drop zone's "Limit 10MB per file"
    message = page.get_by_text(re.compile(rf"(must be|over|at most|larger than)\D*{limit_mb}(\.0)? ?MB", re.I))
    expect(message.first).to_be_visible(timeout=30_000)
    _settle(page)
    assert page.get_by_text("Role coverage", exact=True).count() == 0


def test_the_downloaded_markdown_plan_has_no_backslash_escapes_in_prose(live_app, browser, tmp_path):
    from playwright.sync_api import expect

    cv = tmp_path / "jordan_cv.txt"
    cv.write_text(CV_TEXT, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 2200})
    _open(page, live_app, "My gap")
    _upload_cv(page, cv)
    page.get_by_role("tab", name="Learning plan").click()
    button = page.get_by_text("Download plan (Markdown)")
    expect(button).to_be_visible(timeout=30_000)
    with page.expect_download() as download:
        button.click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert "#" in text and len(text) > 200
    prose = [line for line in _outside_code(text) if re.search(r"\\[\\`*_{}\[\]()#+\-.!|>:~]", line)]
    assert prose == [], f"backslash escapes in the plan's prose: {prose[:5]}"


def _outside_code(markdown: str) -> list[str]:
    """Lines of a Markdown document outside fenced code blocks, with inline code removed."""
    lines, fenced = [], False
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced:
            lines.append(re.sub(r"`[^`]*`", "", line))
    return lines
