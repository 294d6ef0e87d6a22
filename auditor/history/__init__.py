"""Scan history in SQLite: every run's summary and results, stored so that a year of nightly
scans stays small (a result that does not change is one row however many runs it spans)."""

from pathlib import Path

from auditor.history.store import HistoryError, RunInfo, open_history


def default_path() -> Path:
    """The user data directory's history (platformdirs), e.g. ~/.local/share/auditor."""
    import platformdirs

    return platformdirs.user_data_path("auditor", appauthor=False) / "history.db"


__all__ = ["HistoryError", "RunInfo", "default_path", "open_history"]
