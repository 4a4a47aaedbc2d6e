"""Write fetched exports whole or not at all: a hidden temp file in the same folder, then ``os.replace``.

The temp file starts with a dot, so an ingest that walks the folder meanwhile never picks it up.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from skillgap.errors import FetchError

# mkstemp creates 0600 files; exports should get the mode any new file gets (read by the dashboard's user too)
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def write_atomic(path: Path, data: bytes) -> Path:
    """Write *data* to *path* atomically; raise ``FetchError`` naming the folder when it can't be written."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise FetchError(f"Cannot write to {path.parent}: {exc.strerror or exc}. Choose another --out folder.") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), 0o666 & ~_UMASK)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise FetchError(f"Cannot write {path}: {exc.strerror or exc}. Nothing was changed there.") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_json_atomic(path: Path, obj: Any) -> Path:
    return write_atomic(path, json.dumps(obj, ensure_ascii=False, indent=1).encode("utf-8") + b"\n")


def read_json(path: Path, default: Any = None) -> Any:
    """The JSON in *path*, or *default* when the file is missing or unreadable (a state file we can rebuild)."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default
