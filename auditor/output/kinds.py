"""The output formats a user can ask for, apart from the code that writes them (so that
``--help`` lists them without loading it)."""

from __future__ import annotations

from enum import Enum


class OutputFormat(Enum):
    TEXT = "text"
    JSON = "json"
    CSV = "csv"
    SARIF = "sarif"
