"""The skills taxonomy built from career guides: curated data files and the code that reads them."""

from __future__ import annotations

__all__ = ["load_taxonomy", "taxonomy_version", "Skill", "Taxonomy"]

_HOMES = {"load_taxonomy": "load", "taxonomy_version": "load", "Skill": "model", "Taxonomy": "model"}


def __getattr__(name: str):
    # Lazy: skillgap.errors imports skills_taxonomy.errors, and `skillgap --help` should not load YAML to do so.
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(f"skills_taxonomy.{_HOMES[name]}"), name)
    raise AttributeError(f"module 'skills_taxonomy' has no attribute {name!r}")
