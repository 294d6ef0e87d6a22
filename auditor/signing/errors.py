"""The signing package's error types; the CLI maps both to exit code 2."""

from __future__ import annotations


class SigningError(Exception):
    """The report could not be signed: the key is unreadable, locked or unusable, or the
    timestamp server did not answer. The message says which, never the passphrase."""


class VerifyInputError(Exception):
    """The file given to ``auditor verify`` is not a readable PDF, or carries no signature."""
