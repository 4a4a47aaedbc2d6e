"""Small UI pieces shared by pages (formatting, the refresh runner). No domain logic here."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import streamlit as st

from dashboard import state
from skillgap.textsafe import escape_markdown


def pct(value: float | None, *, digits: int = 0) -> str:
    return "—" if value is None else f"{value * 100:.{digits}f}%"


def share_with_denominator(count: int, total: int) -> str:
    """'46% (230 of 500)': shares are never shown without their denominator."""
    if not total:
        return "—"
    return f"{count / total * 100:.0f}% ({count:,} of {total:,})"


def run_refresh(folder: Path) -> dict | None:
    """Run `skillgap refresh` on a folder in a child process, showing progress; return its summary."""
    cmd = [sys.executable, "-m", "skillgap.cli", "refresh", "--exports", str(folder), "--json"]
    with st.status(f"Refreshing from {escape_markdown(str(folder))} …", expanded=True) as status:
        st.write("ingest → extract → aggregate (the store is swapped in only when all three succeed)")
        bar = st.progress(0.0, text="starting")
        started = time.monotonic()
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=state.env_for_subprocess(),
            cwd=state.project_root(),
        )
        while proc.poll() is None:
            elapsed = time.monotonic() - started
            # the refresh reports no fine-grained progress across processes: show time, capped below done
            bar.progress(min(0.95, elapsed / (elapsed + 30.0)), text=f"working… {elapsed:.0f}s")
            time.sleep(0.5)
        out, err = proc.communicate()
        if proc.returncode != 0:
            bar.progress(1.0, text="failed")
            status.update(label="Refresh failed — the store is unchanged", state="error")
            message = (err or out).strip().splitlines()
            st.error(escape_markdown(message[-1]) if message else "the refresh failed")
            return None
        bar.progress(1.0, text="done")
        summary = json.loads(out)
        status.update(
            label=f"Refreshed: {summary['loaded']:,} postings loaded, {summary['extracted']:,} extracted",
            state="complete",
        )
    st.cache_data.clear()
    return summary
