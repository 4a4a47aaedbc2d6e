"""Hardening tests: hypothesis profiles and a per-test wall-clock guard.

The default profile keeps example counts small (the suite shares 2 cores); ``HYPOTHESIS_PROFILE=long`` runs deeper.
"""

from __future__ import annotations


from hypothesis import HealthCheck, settings

settings.register_profile(
    "hardening", max_examples=15, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
settings.register_profile(
    "long", max_examples=400, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
