"""Pipeline: data freshness, load runs, rejected rows, refresh history and schedule, refresh now."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from dashboard import state
from dashboard.components import run_refresh
from skillgap import market
from skillgap.textsafe import escape_markdown

st.title("Pipeline")
con = state.cursor()

if con is not None:
    fresh = market.freshness(con)
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Postings", f"{fresh['postings']:,}")
    c2.metric("Latest posting month", fresh["latest_month"] or "—")
    c3.metric("Last load", str(fresh["last_load"] or "—")[:16])
    c4.metric("Market rebuilt", str(fresh["aggregated_at"] or "—")[:16])
    st.caption(f"Taxonomy version of the market view: {fresh['taxonomy_version'] or '—'}")
else:
    st.info("No store yet.")

st.subheader("Scheduled refresh")
try:
    from skillgap.scheduling import deployment_status, find_api_url

    api = find_api_url(prefect_home=state.settings().prefect_home / "server", env_api_url=os.environ.get("PREFECT_API_URL"))
    status = deployment_status(api)
    st.text(f"{status['deployment']}: cron '{status['cron']}' ({status['timezone']})")
    st.text("Next runs: " + (", ".join(status["next_runs"]) or "none scheduled yet"))
    last = status["last_run"]
    st.text(f"Last run: {last['state']} at {last['started']}" if last else "Last run: none yet")
except Exception as exc:  # not serving is a normal state, not an error
    st.caption(f"Not scheduled here ({escape_markdown(str(exc))}). Start the monthly schedule with `skillgap schedule`.")

from skillgap.fetch.history import fetch_status_rows  # noqa: E402  (what `skillgap fetch` / the schedule fetched)

st.subheader("Fetched sources")
fetches = fetch_status_rows(state.settings().data_dir)
if fetches:
    st.dataframe(fetches, hide_index=True)
else:
    st.caption("No source fetched yet: `skillgap fetch hn`, or list sources in data/sources.toml (docs/fetch.md).")

if con is not None:
    st.subheader("Refresh history")
    history = con.sql(
        """SELECT started_at, finished_at, exports_dir,
                  CAST(summary->>'loaded' AS INTEGER) AS loaded, CAST(summary->>'duplicates' AS INTEGER) AS duplicates,
                  CAST(summary->>'rejected' AS INTEGER) AS rejected, CAST(summary->>'extracted' AS INTEGER) AS extracted
           FROM refresh_runs ORDER BY started_at DESC LIMIT 24"""
    ).pl()
    if history.is_empty():
        st.caption("No refresh has landed yet.")
    else:
        st.dataframe(history, hide_index=True)

    st.subheader("Load runs")
    runs = con.sql(
        """SELECT started_at, status, file, source, layout, rows, loaded, duplicates, rejected, message
           FROM load_runs ORDER BY started_at DESC LIMIT 200"""
    ).pl()
    if runs.is_empty():
        st.caption("No files loaded yet.")
    else:
        st.dataframe(runs, hide_index=True)

    st.subheader("Rejected rows")
    reasons = con.sql("SELECT reason, count(*) AS rows FROM rejected_rows GROUP BY 1 ORDER BY 2 DESC LIMIT 50").pl()
    if reasons.is_empty():
        st.caption("No rejected rows.")
    else:
        st.dataframe(reasons, hide_index=True)
        sample = con.sql(
            "SELECT file, row_number, reason, left(raw, 300) AS raw FROM rejected_rows ORDER BY rejected_at DESC LIMIT 100"
        ).pl()
        with st.expander("Latest rejected rows"):
            st.dataframe(sample, hide_index=True)

st.subheader("Refresh now")
default_folder = state.settings().exports_dir if state.settings().exports_dir.is_dir() else state.settings().sample_dir
folder = st.text_input("Exports folder", str(default_folder), key="refresh_folder")
if st.button("Run refresh", type="primary", key="refresh_now"):
    path = Path(folder).expanduser()
    if not path.is_dir():
        st.error(f"{escape_markdown(str(path))} is not a folder.")
    elif run_refresh(path):
        st.rerun()
