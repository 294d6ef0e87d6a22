"""The report's own words in Malay and English, and dates and numbers in each language.

Labels live in ``templates/report/i18n/<lang>.json`` beside the templates so that a
translator edits data, not code; one test checks that both catalogues have the same keys.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

from auditor.resources import templates_dir
from auditor.text import Lang

_LOCALES = {Lang.MS: "ms_MY", Lang.EN: "en_GB"}


@cache
def _load(lang: Lang) -> Mapping[str, str]:
    path = templates_dir() / "report" / "i18n" / f"{lang.value}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(key): str(value) for key, value in data.items()}


@dataclass(frozen=True)
class Labels:
    """Looks up and fills in the report's labels and formats values for one language."""

    lang: Lang

    @property
    def locale(self) -> str:
        return _LOCALES[self.lang]

    def all(self) -> Mapping[str, str]:
        return _load(self.lang)

    def __call__(self, key: str, **args: Any) -> str:
        text = _load(self.lang).get(key, key)
        return text.format(**args) if args else text

    def get(self, key: str) -> str | None:
        return _load(self.lang).get(key)

    def number(self, value: float | int) -> str:
        return format_decimal(value, format="#,##0.#", locale=self.locale)

    def score(self, value: float | int | None) -> str:
        return self("not_applicable") if value is None else self.number(value)

    def date(self, value: str | None) -> str:
        """An ISO date (or date-time) as a long date with the month's name, else as given."""
        if not value:
            return self("not_given")
        try:
            parsed = date.fromisoformat(value[:10])
        except ValueError:
            return value
        return format_date(parsed, format="long", locale=self.locale)

    def datetime(self, value: str | None) -> str:
        if not value:
            return self("not_given")
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return value
        pattern = "d MMMM y, HH:mm" + (" xxx" if parsed.tzinfo else "")
        return format_datetime(parsed, format=pattern, locale=self.locale)
