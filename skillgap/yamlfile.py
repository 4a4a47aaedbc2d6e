"""Read YAML safely, with libyaml's C loader when it is available (about ten times faster)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

YAMLError = yaml.YAMLError


def parse_yaml(text: str) -> Any:
    """Parse one YAML document with the safe loader (no Python objects); raises ``YAMLError``."""
    return yaml.load(text, Loader=_Loader)


def read_yaml(path: Path) -> Any:
    """Parse the YAML file at ``path`` (UTF-8); raises ``YAMLError`` or ``OSError``."""
    return parse_yaml(Path(path).read_text(encoding="utf-8"))
