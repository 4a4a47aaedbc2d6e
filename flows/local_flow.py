"""``local_flow``: ``prefect.flow`` for the flows this project calls in its own process (the CLI, scripts).

Prefect 3 gives every flow run a heartbeat thread (``PREFECT_FLOWS_HEARTBEAT_FREQUENCY``, 180 s by default) that
sleeps in one-second steps, and the run waits for that thread to notice it ended: every flow run called in
process lasted up to a second longer than its work (a one-task flow: 1.1 s instead of 0.1 s). Heartbeats let a
long-lived server mark a crashed run; a run on the temporary server that lives and dies with this process has
nobody to tell. So a ``local_flow`` called directly runs without them, unless the environment sets a heartbeat
frequency (or a Prefect profile chose one), which is then kept. Runs a deployment's runner starts (``skillgap schedule``) do not go through
``__call__`` and keep Prefect's heartbeats.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from prefect import Flow
from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

HEARTBEAT_VARIABLES = ("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", "PREFECT_RUNNER_HEARTBEAT_FREQUENCY")


class LocalFlow(Flow):
    """A Prefect flow whose direct calls run without flow-run heartbeats (see the module docstring)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        with without_heartbeats():
            return super().__call__(*args, **kwargs)


def local_flow(**options: Any) -> Callable[[Callable[..., Any]], LocalFlow]:
    """``@local_flow(name=...)``: like ``@prefect.flow(name=...)``, giving a ``LocalFlow``."""

    def decorate(fn: Callable[..., Any]) -> LocalFlow:
        return LocalFlow(fn=fn, **options)

    return decorate


def _configured() -> bool:
    """Whether a profile or settings file chose a heartbeat frequency (anything but Prefect's default)."""
    from prefect.settings import get_current_settings
    from prefect.settings.models.flows import FlowsSettings

    return get_current_settings().flows.heartbeat_frequency != FlowsSettings.model_fields["heartbeat_frequency"].default


@contextmanager
def without_heartbeats() -> Iterator[None]:
    """Flow runs started in this block (and their sub-flows) have no heartbeat thread, unless the environment
    sets a heartbeat frequency."""
    if any(os.environ.get(name) for name in HEARTBEAT_VARIABLES) or _configured():
        yield
        return
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield
