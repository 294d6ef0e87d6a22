"""``auditor report --year YEAR``: the annual report's document, from the history alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from auditor.catalogue import load_registry
from auditor.commands.history import existing_history
from auditor.history.annual import annual_document
from auditor.history.store import HistoryError
from auditor.text import Lang


class AnnualError(Exception):
    """No annual report can be made (no history, no run that year)."""


def annual_results(year: int, history: Path | None, lang: Lang) -> dict[str, Any]:
    with existing_history(history) as opened:
        try:
            return annual_document(opened, year, load_registry(), lang)
        except HistoryError as exc:
            raise AnnualError(str(exc)) from None
