"""Files a scan keeps in the cache folder (cache_folder.py) and reads back on the next scan.

Each is one JSON document whose ``key`` fields say what it was computed with (a package's
version, the code that computed it); a document whose key differs, or that cannot be read,
is left aside and computed afresh, and a cache that cannot be written is no error. What is
kept is as trusted as the user's own home folder, where it lives.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def kept_key(cache_format: int, *packages: str, **fields: str) -> dict[str, Any]:
    """The key fields of a kept document: its format, the installed version of each of
    ``packages`` (under the package's name) and any other ``fields``."""
    from importlib import metadata

    versions = {package: metadata.version(package) for package in packages}
    return {"format": cache_format, **versions, **fields}


def read_kept(path: Path, key: Mapping[str, Any]) -> dict[str, Any] | None:
    """The document at ``path`` when its key fields are ``key``; None otherwise."""
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.debug("cache file %s unreadable (%s); computing afresh", path, exc)
        return None
    if not isinstance(stored, dict) or any(stored.get(k) != v for k, v in key.items()):
        return None
    return stored


def write_kept(path: Path, document: Mapping[str, Any]) -> None:
    """``document`` written whole at ``path`` (never half a file), in its own order, or
    left unwritten."""
    from auditor.atomic import OutputError, write_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(document, ensure_ascii=False))
    except (OSError, OutputError) as exc:
        log.debug("cache file %s not written (%s)", path, exc)
