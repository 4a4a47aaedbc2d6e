"""How many processes extraction may use: usable cores (CPU affinity, cgroup CPU quota), available memory, and
whether the work is big enough to pay for starting workers.

``usable_cores()`` counts the CPUs this process may run on (its affinity mask, capped by a cgroup CPU quota such as
a container's ``--cpus``); ``resolve_workers`` turns a ``--workers`` request into a count.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

# Below this many postings per worker a pool costs more than it saves: a worker takes ~1 s of CPU to start
# (interpreter, spaCy import, pipeline load) while one worker extracts ~740 long real postings/s
# (docs/scaling.md "Extraction on every core").
MIN_POSTINGS_PER_WORKER = 1000
# memory one worker may need: ~230 MB resident after loading the pipeline and extracting 500 real postings,
# doubled for long texts and their tasks in flight
WORKER_MEMORY = 512 * 1024 * 1024


def _cgroup_quota(root: Path, proc_cgroup: Path) -> float | None:
    """CPUs allowed by a cgroup quota (v2 ``cpu.max`` or v1 ``cpu.cfs_quota_us``), or None when unlimited."""
    candidates: list[Path] = []
    try:
        for line in proc_cgroup.read_text().splitlines():
            _, controllers, path = line.split(":", 2)
            if controllers == "" or "cpu" in controllers.split(","):
                candidates.append(root / path.lstrip("/"))
                candidates.append(root / "cpu" / path.lstrip("/"))
    except (OSError, ValueError):
        pass
    candidates += [root, root / "cpu"]
    for folder in candidates:
        try:
            quota, period = (folder / "cpu.max").read_text().split()[:2]
            if quota == "max":
                return None
            return int(quota) / int(period)
        except (OSError, ValueError):
            pass
        try:
            quota_us = int((folder / "cpu.cfs_quota_us").read_text())
            period_us = int((folder / "cpu.cfs_period_us").read_text())
            return None if quota_us <= 0 else quota_us / period_us
        except (OSError, ValueError):
            pass
    return None


def usable_cores(*, cgroup_root: Path = Path("/sys/fs/cgroup"),
                 proc_cgroup: Path = Path("/proc/self/cgroup")) -> int:
    """CPUs this process can use: its CPU affinity, capped by a cgroup quota (rounded up), at least 1."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # no affinity call on macOS / Windows
        cores = os.cpu_count() or 1
    quota = _cgroup_quota(cgroup_root, proc_cgroup)
    if quota is not None:
        cores = min(cores, math.ceil(quota))
    return max(1, cores)


def available_memory(meminfo: Path = Path("/proc/meminfo")) -> int | None:
    """Bytes of memory available for new processes (Linux ``MemAvailable``), or None when unknown."""
    try:
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def resolve_workers(requested: int | None, *, postings: int | None,
                    min_postings_per_worker: int = MIN_POSTINGS_PER_WORKER, cores: int | None = None,
                    memory: int | None = None) -> int:
    """How many worker processes to use: ``requested`` as asked, or by default (None) as many as there are
    usable cores while each gets ``min_postings_per_worker`` postings (``postings`` None: not known yet,
    no cap) and ``WORKER_MEMORY`` bytes of the available memory (``memory``, default: ``available_memory()``).
    1 means extracting in this process, without workers.

    Raises:
        ValueError: ``requested`` is below 1.
    """
    if requested is not None:
        if requested < 1:
            raise ValueError(f"workers must be at least 1, not {requested}")
        return requested
    n = usable_cores() if cores is None else cores
    if postings is not None:
        n = min(n, postings // min_postings_per_worker)
    memory = available_memory() if memory is None else memory
    if memory is not None:
        n = min(n, memory // WORKER_MEMORY)
    return max(1, n)
