"""Bilingual text: every user-facing string exists in Malay (the default) and English."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any


class Lang(Enum):
    MS = "ms"
    EN = "en"


@dataclass(frozen=True)
class Text:
    ms: str
    en: str

    def __call__(self, lang: Lang, **args: Any) -> str:
        template = self.ms if lang is Lang.MS else self.en
        return template.format(**args) if args else template
