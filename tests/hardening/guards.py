"""Shared guards for the hardening tests: the hypothesis settings in force and a wall-clock limit."""

from __future__ import annotations

import os
import signal
from contextlib import contextmanager

from hypothesis import settings

HYPOTHESIS = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "hardening"))


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
