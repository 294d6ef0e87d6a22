"""Where a scan keeps what it can compute once and read back (e.g. the holiday table)."""

from __future__ import annotations

from pathlib import Path


def default_cache_folder() -> Path:
    """The user cache directory (platformdirs), e.g. ~/.cache/auditor; safe to delete."""
    import platformdirs

    return platformdirs.user_cache_path("auditor", appauthor=False)
