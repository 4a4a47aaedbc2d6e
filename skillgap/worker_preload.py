"""Imported once by the fork server that extraction workers are forked from (``skillgap.workers``).

When ``SKILLGAP_PRELOAD_PIPELINE`` names a saved pipeline, it is loaded here, before any worker exists: each
worker forked afterwards starts with spaCy imported and the pipeline in memory (shared with the fork server
until written to) instead of paying about a second of CPU to load its own. Nothing here may fail the fork
server: on any error the workers load the pipeline themselves, and report the error if it is theirs too.
Nothing here starts a thread a fork could leave half-way (pyarrow, whose allocator runs one, loads in each
worker).
"""

from __future__ import annotations

import gc
import os

ENV = "SKILLGAP_PRELOAD_PIPELINE"


def _preload() -> str | None:
    path = os.environ.get(ENV)
    if not path or not os.path.isfile(os.path.join(path, "meta.json")):  # only a saved pipeline, never a build
        return None
    try:
        from pathlib import Path

        import skillgap.extract  # noqa: F401
        import skillgap.mention_lines  # noqa: F401
        from skills_taxonomy.pipeline import load_pipeline

        load_pipeline(Path(path))  # cached in skills_taxonomy.pipeline: the workers' load_pipeline finds it
    except Exception:  # noqa: BLE001 - see the module docstring
        return None
    gc.freeze()  # forked workers share these objects: keep the collector from touching (copying) their pages
    return path


PRELOADED = _preload()
