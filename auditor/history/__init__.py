"""Scan history in SQLite: every run's summary and results, stored so that a year of nightly
scans stays small (a result that does not change is one row however many runs it spans).

The store is ``auditor.history.store``: a scan with --no-history, which still asks this
package for the default path, does not load sqlite3."""

from pathlib import Path


def default_path() -> Path:
    """The user data directory's history (platformdirs), e.g. ~/.local/share/auditor."""
    import platformdirs

    return platformdirs.user_data_path("auditor", appauthor=False) / "history.db"


__all__ = ["default_path"]
