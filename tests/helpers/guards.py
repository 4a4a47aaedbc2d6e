"""Shared guards for the hardening tests: the hypothesis settings in force and a wall-clock limit."""

from __future__ import annotations

import os
import signal
from contextlib import contextmanager

from hypothesis import settings

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "hardening")
HYPOTHESIS = settings.get_profile(PROFILE)
# For properties that write a store per example (about a second each): fewer examples unless the long profile is on.
HYPOTHESIS_STORE = settings(HYPOTHESIS, max_examples=HYPOTHESIS.max_examples if PROFILE == "long" else 5)


class TimeLimit(Exception):
    """A reader ran past its time budget (a hang, for these tests)."""


@contextmanager
def time_limit(seconds: float):
    """Raise TimeLimit in the main thread after *seconds* (checked between Python bytecodes)."""
    def _raise(signum, frame):
        raise TimeLimit(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
