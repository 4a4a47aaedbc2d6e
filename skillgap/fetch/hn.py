"""Fetch the monthly "Ask HN: Who is hiring?" threads from the official Hacker News API into export files.

Each thread becomes one JSON file in the layout ingest reads as ``hn_raw`` (``{"jobs": [{"id", "by", "time",
"text", "url"}]}``): its top-level comments, deleted and dead ones left out. Fetching is incremental through a
manifest beside the files (``.hn_manifest.json``: the submissions already looked at, and per thread the comment
ids fetched and whether it is complete). A thread is complete once its month is over and it was fetched after
that; complete threads are never fetched again, the others are topped up with the comments not seen before.
Every file is written whole (temp file + ``os.replace``) after all its comments arrived, then the manifest.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from skillgap.errors import FetchError
from skillgap.fetch.api import JsonApi
from skillgap.fetch.files import read_json, write_json_atomic
from skillgap.fetch.hn_threads import Thread, Window, describe, month_over

HN_API = "https://hacker-news.firebaseio.com/v0"
HN_USER = "whoishiring"
HN_ITEM_URL = "https://news.ycombinator.com/item?id={id}"
DEFAULT_MONTHS = 12
MANIFEST = ".hn_manifest.json"

# progress(description, total) -> advance(); the CLI draws a bar with it
Progress = Callable[[str, int], Callable[[], None]]


def _no_progress(description: str, total: int) -> Callable[[], None]:
    return lambda: None


def fetch_hn(
    out_dir: Path,
    *,
    api_url: str = HN_API,
    months: int | None = None,
    since: str | None = None,
    now: datetime | None = None,
    timeout: float = 15.0,
    attempts: int = 4,
    backoff: float = 1.0,
    concurrency: int = 8,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Fetch the hiring threads in the window into *out_dir*; return the ``fetch hn --json`` object.

    The window is every thread from *since* (YYYY-MM), else the *months* newest months (default 12) counted back
    from the newest hiring thread the API lists.

    Raises:
        FetchError: the API can't be reached or answers badly after retries (threads finished before stay
            written and recorded; nothing is half-written), or *out_dir* can't be written.
    """
    window = Window.of(months=months, since=since, default_months=DEFAULT_MONTHS)
    now = now or datetime.now(timezone.utc)
    progress = progress or _no_progress
    out_dir = Path(out_dir)
    manifest_path = out_dir / MANIFEST
    manifest = _load_manifest(manifest_path)
    threads_out: list[dict[str, Any]] = []
    written: list[str] = []
    with JsonApi(api_url, timeout=timeout, attempts=attempts, backoff=backoff, concurrency=concurrency) as api:
        known = len(manifest["items"])
        try:
            threads = find_threads(api, manifest["items"], window=window, progress=progress)
        finally:
            if len(manifest["items"]) != known:  # keep what was learnt about submissions, even on a failure
                write_json_atomic(manifest_path, manifest)
        for thread in sorted(threads, key=lambda t: (t.month, t.id)):
            entry, path = update_thread(api, thread, manifest["threads"], out_dir, now=now, progress=progress)
            threads_out.append(entry)
            if path is not None:
                written.append(str(path))
            write_json_atomic(manifest_path, manifest)
        requests = api.requests
    return {"threads": threads_out, "written": written, "requests": requests, "out": str(out_dir),
            "api_url": api_url, "window": asdict(window)}


def _load_manifest(path: Path) -> dict[str, Any]:
    data = read_json(path, default=None)
    if not isinstance(data, dict) or not isinstance(data.get("items"), dict) or not isinstance(data.get("threads"), dict):
        data = {"version": 1, "items": {}, "threads": {}}
    return data


def find_threads(api: JsonApi, items: dict[str, Any], *, window: Window, progress: Progress) -> list[Thread]:
    """The hiring threads in *window*, newest first, looking each unknown submission up once (cached in *items*).

    HN ids grow with time, so submissions are walked from the highest id down and the walk stops at the first
    titled thread older than the window.
    """
    user = api.get(f"user/{HN_USER}.json")
    if not isinstance(user, dict):
        raise FetchError(f"{api.base_url} has no user {HN_USER!r}; is --api-url the Hacker News API (…/v0)?")
    ids = sorted({int(i) for i in user.get("submitted") or [] if str(i).isdigit()}, reverse=True)
    advance = progress("finding threads", 0)  # 0: the walk stops early, the total is unknown
    cutoff = window.since
    found: list[Thread] = []
    for start in range(0, len(ids), api.concurrency):
        batch = ids[start:start + api.concurrency]
        unknown = [i for i in batch if str(i) not in items]
        for i, item in zip(unknown, api.get_many([f"item/{i}.json" for i in unknown])):
            items[str(i)] = describe(item)
        for i in batch:
            advance()
            info = items[str(i)]
            if info.get("month") is None:
                continue
            if info["kind"] == "hiring" and cutoff is None:
                cutoff = window.cutoff(info["month"])
            if cutoff is not None and info["month"] < cutoff:
                return found
            if info["kind"] == "hiring":
                found.append(Thread(id=i, title=info["title"], month=info["month"]))
    return found


def thread_file(out_dir: Path, thread: Thread) -> Path:
    return out_dir / f"hn_whoishiring_{thread.month}_{thread.id}.json"


def update_thread(api: JsonApi, thread: Thread, states: dict[str, Any], out_dir: Path, *, now: datetime,
                  progress: Progress) -> tuple[dict[str, Any], Path | None]:
    """Fetch the thread's comments not fetched before and rewrite its file when any arrived.

    Returns the thread's ``--json`` entry and the path written (None when nothing changed).
    """
    path = thread_file(out_dir, thread)
    state = states.get(str(thread.id))
    old_jobs = _read_jobs(path) if state else None
    if old_jobs is None:  # never fetched, or its file is gone or unreadable: start over
        state, old_jobs = None, []
    if state and state.get("complete"):
        return _entry(thread, path, comments=len(old_jobs), new=0, complete=True, skipped=len(state["skipped"])), None
    item = api.get(f"item/{thread.id}.json")
    kids = [int(k) for k in (item or {}).get("kids") or []]
    seen = set(state["comments"]) | set(state["skipped"]) if state else set()
    todo = [k for k in kids if k not in seen]
    advance = progress(f"{thread.month} ({len(todo)} new)", len(todo))
    fetched = api.get_many([f"item/{k}.json" for k in todo], on_done=advance)
    new_jobs = [job for job in map(job_record, fetched) if job is not None]
    skipped = sorted(set(todo) - {job["id"] for job in new_jobs} | set(state["skipped"] if state else ()))
    jobs = sorted(old_jobs + new_jobs, key=lambda j: j["id"])
    written = None
    if new_jobs or state is None:
        write_json_atomic(path, _export_doc(thread, jobs, api_url=api.base_url, now=now))
        written = path
    complete = month_over(thread.month, now)
    states[str(thread.id)] = {"title": thread.title, "month": thread.month, "file": path.name,
                              "comments": [j["id"] for j in jobs], "skipped": skipped, "complete": complete,
                              "fetched_at": now.isoformat()}
    return _entry(thread, path, comments=len(jobs), new=len(new_jobs), complete=complete, skipped=len(skipped)), written


def job_record(item: Any) -> dict[str, Any] | None:
    """A top-level comment as an ``hn_raw`` record; None for deleted, dead, missing or empty ones."""
    if not isinstance(item, dict) or item.get("deleted") or item.get("dead") or not item.get("text"):
        return None
    if item.get("type", "comment") != "comment" or "id" not in item:
        return None
    return {"id": int(item["id"]), "by": item.get("by"), "time": item.get("time"), "text": item["text"],
            "url": HN_ITEM_URL.format(id=int(item["id"]))}


def _read_jobs(path: Path) -> list[dict[str, Any]] | None:
    doc = read_json(path, default=None)
    jobs = doc.get("jobs") if isinstance(doc, dict) else None
    return jobs if isinstance(jobs, list) else None


def _export_doc(thread: Thread, jobs: list[dict[str, Any]], *, api_url: str, now: datetime) -> dict[str, Any]:
    return {"schema_version": 1, "source": "hacker-news-api", "api_url": api_url, "fetched_at": now.isoformat(),
            "thread": {"id": thread.id, "title": thread.title, "month": thread.month}, "jobs": jobs}


def _entry(thread: Thread, path: Path, *, comments: int, new: int, complete: bool, skipped: int) -> dict[str, Any]:
    return {"title": thread.title, "month": thread.month, "comments": comments, "new": new, "id": thread.id,
            "complete": complete, "skipped": skipped, "file": str(path)}
