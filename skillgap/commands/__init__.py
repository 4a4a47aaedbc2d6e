"""CLI commands, one module each. Every module exposes ``register(app)``."""

from __future__ import annotations

import importlib

import typer

# Order here is the order in `skillgap --help`.
COMMAND_MODULES = (
    "demo",
    "ingest",
    "taxonomy",
    "extract",
    "market",
    "gap",
    "match",
    "dashboard",
    "refresh",
    "schedule",
    "fetch",
    "sample",
    "evaluate",
    "scale",
)


def register_all(app: typer.Typer) -> None:
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"skillgap.commands.{name}")
        module.register(app)
