"""A polite JSON client for a read-only HTTP API: timeouts, bounded concurrency, retries with backoff.

Retries go through tenacity: connection errors, timeouts and 429/5xx answers are retried with exponential
backoff and jitter; any other HTTP status fails at once. A request that still fails becomes a ``FetchError``
naming the URL and the reason. Every attempt is counted (``requests``), so callers can report what they cost.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Iterable

import httpx
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from skillgap import __version__
from skillgap.errors import FetchError

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def _retryable(exc: BaseException) -> bool:
    if isinstance(exc, httpx.HTTPStatusError):
        return exc.response.status_code in RETRY_STATUSES
    return isinstance(exc, httpx.TransportError)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, httpx.HTTPStatusError):
        return f"HTTP {exc.response.status_code}"
    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    if isinstance(exc, httpx.ConnectError):
        return "could not connect"
    return type(exc).__name__


class JsonApi:
    """GET JSON documents under one base URL, at most *concurrency* at a time."""

    def __init__(self, base_url: str, *, timeout: float = 15.0, attempts: int = 4, backoff: float = 1.0,
                 concurrency: int = 8) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise FetchError(f"API URL {base_url!r} is not an http(s) URL.")
        self.base_url = base_url.rstrip("/")
        self.attempts = attempts
        self.backoff = backoff
        self.concurrency = concurrency
        self.requests = 0
        self._lock = threading.Lock()
        self._client = httpx.Client(
            timeout=timeout,
            follow_redirects=True,
            headers={"User-Agent": f"skillgap/{__version__} (job-market skills analyzer)"},
            limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
        )

    def __enter__(self) -> "JsonApi":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def _count(self) -> None:
        with self._lock:
            self.requests += 1

    def get(self, path: str) -> Any:
        """The JSON document at ``{base_url}/{path}`` (None when the API answers ``null``)."""
        url = f"{self.base_url}/{path}"
        retrying = Retrying(
            stop=stop_after_attempt(self.attempts),
            wait=wait_exponential_jitter(initial=self.backoff, max=self.backoff * 16, jitter=self.backoff),
            retry=retry_if_exception(_retryable),
            reraise=True,
        )
        try:
            for attempt in retrying:
                with attempt:
                    self._count()
                    resp = self._client.get(url)
                    resp.raise_for_status()
                    return resp.json()
        except httpx.HTTPError as exc:
            tries = f" after {self.attempts} tries" if _retryable(exc) else ""
            raise FetchError(f"{url} failed{tries} ({_reason(exc)}). Are you offline, or is the API URL wrong?") from None
        except ValueError:
            raise FetchError(f"{url} did not answer with JSON; is the API URL right?") from None

    def get_many(self, paths: Iterable[str], *, on_done: Callable[[], None] | None = None) -> list[Any]:
        """Fetch every path (bounded concurrency), in order; the first failure cancels the rest and is raised."""
        paths = list(paths)
        if not paths:
            return []
        with ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="fetch") as pool:
            futures = [pool.submit(self.get, p) for p in paths]
            results = []
            try:
                for fut in futures:
                    results.append(fut.result())
                    if on_done:
                        on_done()
            except BaseException:
                for fut in futures:
                    fut.cancel()
                raise
        return results
