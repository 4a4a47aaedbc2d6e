"""A stand-in for the Hacker News API: a real HTTP server on 127.0.0.1 replaying recorded items.

``HNStandIn`` serves ``{prefix}/user/<name>.json`` and ``{prefix}/item/<id>.json`` from dicts, counts every
request per path, and can be told to answer a path with an HTTP 500 or to stall past the client's timeout a
given number of times first (``faults``). Fixtures build it from a small invented set of threads (always) or
from the real posts in ../shared/data/postings/hn_whoishiring_2026 (skipped when absent).
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

STALL_SECONDS = 2.0  # longer than the tests' client timeout (0.5 s)
PREFIX = "/stand-in/v0"


class HNStandIn:
    def __init__(self) -> None:
        self.items: dict[int, Any] = {}
        self.users: dict[str, Any] = {}
        self.faults: dict[str, list[str]] = {}  # path -> actions for the next requests: "500" | "stall"
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # ---- content
    def add_thread(self, tid: int, title: str, kids: list[int], *, t: int = 1767225600) -> None:
        self.items[tid] = {"id": tid, "type": "story", "by": "whoishiring", "title": title, "time": t, "kids": kids,
                           "descendants": len(kids)}
        self.users.setdefault("whoishiring", {"id": "whoishiring", "submitted": []})["submitted"].insert(0, tid)

    def add_comment(self, cid: int, parent: int, text: str | None, *, by: str = "someone", t: int = 1767225600,
                    **extra: Any) -> None:
        item = {"id": cid, "type": "comment", "by": by, "parent": parent, "time": t, **extra}
        if text is not None:
            item["text"] = text
        self.items[cid] = item

    def append_kid(self, tid: int, cid: int) -> None:
        self.items[tid]["kids"].insert(0, cid)

    def item_requests(self) -> int:
        return sum(n for path, n in self.counts.items() if "/item/" in path)

    # ---- serving
    def answer(self, path: str) -> tuple[int, Any, float]:
        with self._lock:
            self.counts[path] += 1
            actions = self.faults.get(path)
            action = actions.pop(0) if actions else None
        if action == "500":
            return 500, {"error": "injected"}, 0.0
        stall = STALL_SECONDS if action == "stall" else 0.0
        rel = path[len(PREFIX):] if path.startswith(PREFIX + "/") else None
        if rel and rel.startswith("/item/") and rel.endswith(".json"):
            key = rel[len("/item/"):-len(".json")]
            return 200, self.items.get(int(key)) if key.isdigit() else None, stall
        if rel and rel.startswith("/user/") and rel.endswith(".json"):
            return 200, self.users.get(rel[len("/user/"):-len(".json")]), stall
        return 404, {"error": "not found"}, stall

    def start(self) -> str:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                status, body, stall = standin.answer(self.path.split("?")[0])
                if stall:
                    time.sleep(stall)
                data = json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self._server.server_address[1]}{PREFIX}"

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


def _ts(year: int, month: int, day: int, hour: int) -> int:
    return int(datetime(year, month, day, hour, tzinfo=timezone.utc).timestamp())


def _html(company: str, role: str, place: str) -> str:
    return (f"{company} | {role} | {place} | Full-time<p>We are hiring a {role} to build data pipelines in Python "
            f"and SQL on AWS, with Kubernetes and Terraform. Apply at jobs&#x40;{company.lower()}.example.")


def build_small(standin: HNStandIn) -> dict[str, Any]:
    """Three hiring months (Oct–Dec 2026), a seekers' and a freelancers' thread, a deleted and a dead comment."""
    oct_t, nov_t, dec_t, wants, free = 9100, 9200, 9300, 9301, 9302
    standin.add_thread(oct_t, "Ask HN: Who is hiring? (October 2026)", [9101, 9102], t=_ts(2026, 10, 1, 14))
    standin.add_comment(9101, oct_t, _html("Acme", "Data Engineer", "Berlin"), t=_ts(2026, 10, 1, 15))
    standin.add_comment(9102, oct_t, _html("Globex", "ML Engineer", "Remote (EU)"), t=_ts(2026, 10, 1, 16))
    standin.add_thread(nov_t, "Ask HN: Who is hiring? (November 2026)", [9203, 9202, 9201], t=_ts(2026, 11, 2, 14))
    standin.add_comment(9201, nov_t, _html("Initech", "Platform Engineer", "London"), t=_ts(2026, 11, 2, 15))
    standin.add_comment(9202, nov_t, None, deleted=True, t=_ts(2026, 11, 2, 16))
    standin.add_comment(9203, nov_t, _html("Spamco", "Growth Hacker", "Anywhere"), dead=True, t=_ts(2026, 11, 2, 17))
    standin.add_thread(dec_t, "Ask HN: Who is hiring? (December 2026)", [9310], t=_ts(2026, 12, 1, 14))
    standin.add_comment(9310, dec_t, _html("Hooli", "Cloud Engineer", "NYC"), t=_ts(2026, 12, 1, 15))
    standin.add_thread(wants, "Ask HN: Who wants to be hired? (December 2026)", [9401], t=_ts(2026, 12, 1, 14))
    standin.add_comment(9401, wants, "SEEKING WORK | Remote | Python, Go", t=_ts(2026, 12, 1, 15))
    standin.add_thread(free, "Ask HN: Freelancer? Seeking freelancer? (December 2026)", [9402], t=_ts(2026, 12, 1, 14))
    standin.add_comment(9402, free, "SEEKING FREELANCER | Rust", t=_ts(2026, 12, 1, 15))
    return {"hiring": [oct_t, nov_t, dec_t], "ignored": [wants, free, 9401, 9402], "deleted": 9202, "dead": 9203}


def build_from_shared(standin: HNStandIn, runs_dir: Path) -> dict[str, Any]:
    """The five 2026 threads with every recorded post, plus a seekers' thread, a deleted and a dead comment."""
    threads: dict[int, dict[str, Any]] = {}
    for raw in sorted(runs_dir.glob("*/raw.json")):
        doc = json.loads(raw.read_text(encoding="utf-8"))
        tid = doc["sources"]["who_is_hiring_thread_id"]
        thread = threads.setdefault(tid, {"title": doc["sources"]["who_is_hiring_thread_title"], "posts": {}})
        for job in doc["jobs"]:
            if job["source"] == "who_is_hiring":
                thread["posts"][job["id"]] = job
    extra = {}
    for tid in sorted(threads):
        posts = threads[tid]["posts"]
        kids = sorted(posts, reverse=True)
        first = min(p["time"] for p in posts.values())
        standin.add_thread(tid, threads[tid]["title"], kids, t=first - 60)
        for p in posts.values():
            standin.add_comment(p["id"], tid, p["text"], by=p["by"], t=p["time"])
    last = max(threads)
    free_id = 90_000_000  # above every recorded id: invented items must not replace a real post
    extra["deleted"], extra["dead"] = free_id + 1, free_id + 2
    standin.add_comment(free_id + 1, last, None, deleted=True)
    standin.add_comment(free_id + 2, last, "Buy cheap watches", dead=True)
    standin.append_kid(last, free_id + 1)
    standin.append_kid(last, free_id + 2)
    wants = free_id + 3
    standin.add_thread(wants, "Ask HN: Who wants to be hired? (May 2026)", [wants + 1])
    standin.add_comment(wants + 1, wants, "SEEKING WORK | Remote | Python")
    return {"threads": threads, "posts": sum(len(t["posts"]) for t in threads.values()), "seekers_thread": wants,
            "seekers_post": wants + 1, **extra}


@pytest.fixture
def standin():
    s = HNStandIn()
    yield s
    s.stop()


@pytest.fixture
def small_api(standin) -> tuple[HNStandIn, str, dict[str, Any]]:
    info = build_small(standin)
    return standin, standin.start(), info


@pytest.fixture
def shared_api(standin, shared_dir) -> tuple[HNStandIn, str, dict[str, Any]]:
    runs = shared_dir / "data" / "postings" / "hn_whoishiring_2026" / "runs"
    if not runs.is_dir():
        pytest.skip(f"{runs} is not present")
    info = build_from_shared(standin, runs)
    return standin, standin.start(), info
