"""The report's error types: one base class, so the CLI can map them to exit code 2."""

from __future__ import annotations


class ReportError(Exception):
    """The report could not be produced; the message says why in plain words."""


class ReportInputError(ReportError):
    """The scan results given to the report are not usable (wrong schema or shape)."""


class ReportOutputError(ReportError):
    """The report could not be written where asked (unwritable path, unknown format)."""
