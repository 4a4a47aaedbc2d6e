"""Pipeline: data freshness, load runs, rejected rows, refresh history and schedule; refresh only when allowed."""

from __future__ import annotations

import os

import polars as pl
import streamlit as st

from dashboard import state
from dashboard.components import (
    count_column,
    hide_paths,
    month_label,
    run_refresh,
    shown_path,
    text_column,
    timestamp,
    timestamp_column,
)
from skillgap import market, run_history
from skillgap.fetch.history import fetch_status_rows
from skillgap.textsafe import escape_markdown

st.title("Pipeline")
con = state.cursor()


def _freshness() -> None:
    fresh = market.freshness(con)
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Postings", f"{fresh['postings']:,}", help="Postings in the store after duplicates were dropped.")
    c2.metric("Latest posting month", month_label(fresh["latest_month"]),
              help="The month of the newest posting date in the store.")
    for col, label, value, what in (
        (c3, "Last load", fresh["last_load"], "When the last export file finished loading"),
        (c4, "Market rebuilt", fresh["aggregated_at"], "When the market view (demand, trends) was last rebuilt"),
    ):
        full = timestamp(value)
        col.metric(label, full.split(",")[0], help=f"{what}: {full}.")
        col.caption(full.split(", ", 1)[1] if ", " in full else "")
    st.caption(f"Taxonomy version of the market view: {fresh['taxonomy_version'] or '—'}")


def _schedule() -> None:
    st.subheader("Scheduled refresh")
    try:
        from skillgap.scheduling import deployment_status, find_api_url

        api = find_api_url(prefect_home=state.settings().prefect_home / "server",
                           env_api_url=os.environ.get("PREFECT_API_URL"))
        status = deployment_status(api)
        st.text(f"{status['deployment']}: cron '{status['cron']}' ({status['timezone']})")
        st.text("Next runs: " + (", ".join(status["next_runs"]) or "none scheduled yet"))
        last = status["last_run"]
        st.text(f"Last run: {last['state']} at {last['started']}" if last else "Last run: none yet")
    except Exception as exc:  # not serving is a normal state, not an error
        st.caption("Not scheduled here. " + escape_markdown(hide_paths(str(exc))))


def _shown_paths(frame: pl.DataFrame, *columns: str) -> pl.DataFrame:
    return frame.with_columns(pl.col(c).map_elements(shown_path, return_dtype=pl.Utf8) for c in columns)


def _history() -> None:
    st.subheader("Refresh history")
    history = run_history.refresh_history(con)
    if history.is_empty():
        st.caption("No refresh has landed yet.")
        return
    st.dataframe(_shown_paths(history, "exports_dir"), hide_index=True, column_config={
        "started_at": timestamp_column("Started (UTC)"),
        "finished_at": timestamp_column("Finished (UTC)"),
        "exports_dir": text_column("Folder", width="medium"),
        "loaded": count_column("Loaded", help="New postings stored."),
        "duplicates": count_column("Duplicates", help="Rows dropped as repeats of a stored or earlier posting."),
        "rejected": count_column("Rejected", help="Rows that could not be used (see Rejected rows)."),
        "extracted": count_column("Extracted", help="Postings whose skills were extracted."),
    })


def _load_runs() -> None:
    st.subheader("Load runs")
    runs = run_history.load_runs(con)
    if runs.is_empty():
        st.caption("No files loaded yet.")
        return
    runs = _shown_paths(runs, "file").with_columns(
        pl.col("message").fill_null("").map_elements(hide_paths, return_dtype=pl.Utf8))
    st.dataframe(runs, hide_index=True, column_config={
        "started_at": timestamp_column("Started (UTC)"),
        "status": text_column("Status", width=None),
        "file": text_column("File", width="large"),
        "source": text_column("Source", width=None),
        "layout": text_column("Layout", width=None),
        "rows": count_column("Rows", help="Rows in the file."),
        "loaded": count_column("Loaded"),
        "duplicates": count_column("Duplicates"),
        "rejected": count_column("Rejected"),
        "message": text_column("Message"),
    })
    messages = runs.filter(pl.col("message").is_not_null() & (pl.col("message") != ""))
    if not messages.is_empty():
        with st.expander(f"Messages in full ({messages.height:,})"):
            for r in messages.iter_rows(named=True):
                st.markdown(f"**{escape_markdown(r['file'])}** — {escape_markdown(r['message'])}")


def _rejected() -> None:
    st.subheader("Rejected rows")
    reasons = run_history.rejection_reasons(con)
    if reasons.is_empty():
        st.caption("No rejected rows.")
        return
    st.dataframe(reasons, hide_index=True, column_config={
        "reason": text_column("Reason"), "rows": count_column("Rows"),
    })
    sample = run_history.latest_rejected_rows(con)
    with st.expander("Latest rejected rows"):
        st.dataframe(_shown_paths(sample, "file"), hide_index=True, column_config={
            "file": text_column("File", width="medium"), "row_number": count_column("Row"),
            "reason": text_column("Reason", width="medium"), "raw": text_column("Row as read (first 300 characters)"),
        })


def _fetches() -> None:
    st.subheader("Fetched sources")
    fetches = fetch_status_rows(state.settings().data_dir)
    if fetches:
        rows = [{"Source": r["source"], "Finished (UTC)": timestamp(r["finished"]),
                 "Worked": "yes" if r["ok"] else "no", "What it fetched": hide_paths(r["fetched"])} for r in fetches]
        st.dataframe(rows, hide_index=True, column_config={"What it fetched": text_column("What it fetched")})
    else:
        st.caption("No source fetched yet: `skillgap fetch hn`, or list sources in data/sources.toml (docs/fetch.md).")


def _refresh() -> None:
    st.subheader("Refresh now")
    if not state.refresh_allowed():
        st.caption("This dashboard is read-only. Refreshes run from the command line (`skillgap refresh`) or the "
                   "monthly schedule; the machine's owner can start it with `skillgap dashboard --allow-refresh` to "
                   "refresh the configured exports folder from here.")
        return
    folder = state.refresh_folder()
    st.markdown(f"Refreshes from the configured folder **{escape_markdown(shown_path(folder))}** "
                "(set `SKILLGAP_EXPORTS_DIR`, default `data/exports`; the bundled sample while it does not exist).")
    if st.button("Run refresh", type="primary", key="refresh_now") and run_refresh(folder):
        st.rerun()


if con is not None:
    _freshness()
else:
    st.info("No store yet.")
_schedule()
_fetches()
if con is not None:
    _history()
    _load_runs()
    _rejected()
_refresh()
