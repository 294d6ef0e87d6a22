"""A result's title, message and remediation in the report's language.

The JSON carries them in the scan's language. When the report is asked for the other
language, they are re-rendered from the check catalogue (the message keys and arguments
are in ``details``); whatever the catalogue does not know falls back to the JSON's text,
so an old or foreign results file still renders.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.catalogue import (
    COMMON_MESSAGES,
    CatalogueError,
    CheckMeta,
    Registry,
    load_registry,
)
from auditor.report.reading import ResultRecord
from auditor.text import Lang


def try_load_registry() -> Registry | None:
    """The installed check catalogue, or None when it cannot be loaded (report still renders)."""
    try:
        return load_registry()
    except (ImportError, CatalogueError):
        return None


@dataclass(frozen=True)
class Localiser:
    lang: Lang
    scan_lang: Lang | None
    registry: Registry | None

    def _meta(self, check_id: str) -> CheckMeta | None:
        if self.scan_lang is self.lang or self.registry is None:
            return None
        return self.registry.meta(check_id)

    def title(self, record: ResultRecord) -> str:
        meta = self._meta(record.check)
        return meta.title(self.lang) if meta else record.title

    def remediation(self, record: ResultRecord) -> str:
        meta = self._meta(record.check)
        return meta.remediation(self.lang) if meta else record.remediation

    def message(self, record: ResultRecord) -> str:
        meta = self._meta(record.check)
        if meta is None or not record.details:
            return record.message
        parts = []
        for detail in record.details:
            template = meta.messages.get(detail.key) or COMMON_MESSAGES.get(detail.key)
            if template is None:
                return record.message
            try:
                parts.append(template(self.lang, **detail.args))
            except (KeyError, IndexError, ValueError, TypeError):
                # arguments from another catalogue version: keep the scan's own words
                return record.message
        return " ".join(parts)
