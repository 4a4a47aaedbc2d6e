"""A visitor's dashboard (no flags): no refresh button, no editable or server path; an oversized CV gets a message.

The owner's dashboard (`skillgap dashboard --allow-refresh`) refreshes the configured folder only.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from streamlit.testing.v1 import AppTest

from skillgap.cv import MAX_BYTES

from .conftest import APP

ROOT = Path(APP).parents[1]


def _page(path: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page(path).run()
    assert not at.exception, at.exception
    return at


def _everything_shown(at: AppTest) -> str:
    texts = [e.value for kind in ("markdown", "caption", "text", "info", "warning", "error", "code", "metric")
             for e in getattr(at, kind)]
    texts += [frame.value.to_csv() for frame in at.dataframe]
    return "\n".join(str(t).replace("\\", "") for t in texts)


def test_pipeline_is_read_only_for_a_visitor(app_env):
    at = _page("app_pages/pipeline.py")
    assert [b.label for b in at.button] == []
    assert len(at.text_input) == 0
    shown = _everything_shown(at)
    assert "read-only" in shown and "skillgap dashboard --allow-refresh" in shown
    assert str(ROOT) not in shown and str(app_env.parent) not in shown
    assert "data/sample/jobspy_scrape.csv" in shown  # files are named relative to the project
    assert ").)." not in shown


def test_pipeline_refreshes_only_the_configured_folder_for_the_owner(app_env, allow_refresh, monkeypatch, tmp_path):
    monkeypatch.setenv("SKILLGAP_EXPORTS_DIR", str(tmp_path / "no-exports-yet"))
    at = _page("app_pages/pipeline.py")
    assert at.button(key="refresh_now").label == "Run refresh"
    assert len(at.text_input) == 0  # the folder is configured, not typed
    assert any("configured folder **data/sample**" in m.value for m in at.markdown)


def test_explorer_lists_each_guide_once_with_labels_not_slugs(app_env):
    at = _page("app_pages/explorer.py")
    at.text_input(key="skill_search").input("retrieval").run()
    at.selectbox(key="skill_detail").set_value("rag").run()
    assert not at.exception, at.exception
    guides = next(m.value for m in at.markdown if m.value.startswith("- **"))
    titles = [line.split("**")[1] for line in guides.splitlines()]
    assert len(titles) >= 2 and len(titles) == len(set(titles)), titles
    categories = at.dataframe[0].value["category"].tolist()
    assert categories and not any("/" in cat and " / " not in cat for cat in categories), categories
    assert any(m.help and "÷" in m.help for m in at.metric)


def test_upload_limit_of_the_server_and_the_reader_agree():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == round(MAX_BYTES / 1_000_000)
    assert config["browser"]["gatherUsageStats"] is False


def test_a_cv_over_the_limit_gets_a_message_naming_the_limit(app_env):
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.file_uploader(key="cv_upload").upload("big.txt", b"Python, SQL.\n" * (MAX_BYTES // 13 + 1), "text/plain").run()
    assert not at.exception, at.exception
    message = at.error[0].value.replace("\\", "")
    assert "big.txt" in message and f"{MAX_BYTES // 1_000_000} MB" in message


def test_a_long_text_cv_under_the_limit_gives_no_exception(app_env):
    """A long text CV (more characters than the pipeline takes at once) is analysed, not an E088 crash."""
    line = b"Built data pipelines in Python and SQL with Apache Spark on Amazon EMR, orchestrated by Airflow.\n"
    at = AppTest.from_file(APP, default_timeout=300).run()
    # 1.2 MB: more characters than spaCy takes at once (nlp.max_length 1,000,000), so the CV is read in parts
    at.file_uploader(key="cv_upload").upload("long.txt", line * (1_200_000 // len(line)), "text/plain").run()
    assert not at.exception, at.exception
    assert not at.error, at.error[0].value
    assert any(m.label == "Role coverage" for m in at.metric)


def test_the_owner_runs_a_refresh_of_the_configured_folder(app_env, allow_refresh, monkeypatch, tmp_path):
    """`--allow-refresh`: the button runs the real `skillgap refresh` on SKILLGAP_EXPORTS_DIR, into this store only."""
    import shutil

    store = tmp_path / "owner.duckdb"
    shutil.copy(app_env, store)
    exports = tmp_path / "exports"
    exports.mkdir()
    shutil.copy(ROOT / "data" / "sample" / "greenhouse_ardentledger.json", exports)
    monkeypatch.setenv("SKILLGAP_DB", str(store))
    monkeypatch.setenv("SKILLGAP_EXPORTS_DIR", str(exports))
    at = AppTest.from_file(APP, default_timeout=240).run()
    at.switch_page("app_pages/pipeline.py").run()
    assert any("configured folder **exports**" in m.value for m in at.markdown)  # outside the project: name only
    at.button(key="refresh_now").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    shown = _everything_shown(at)
    assert str(tmp_path) not in shown
    history = next(f.value for f in at.dataframe if "exports_dir" in f.value.columns)
    assert len(history) == 2 and history["exports_dir"].iloc[0] == "exports"  # the new refresh, newest first
    assert history["loaded"].iloc[0] == 0  # the file was loaded before: nothing new
