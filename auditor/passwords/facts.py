"""What the PWD checks may know about one account's password: never the password itself."""

from __future__ import annotations

from dataclasses import dataclass

from auditor.passwords.policy import Rule
from auditor.secrets import SecretKind


@dataclass(frozen=True)
class PasswordFacts:
    """The outcome of reading and judging one account's password.

    Days since the last change are not here: they follow from the inventory's
    ``password_changed`` and the scan date.
    """

    kind: SecretKind | None  # None: the inventory holds the password in clear text
    reference: str | None  # the kind ("env", "file", …), never its text; None: clear text
    read_error: str | None = None  # why, naming the reference by kind and FILE:LINE:COL
    permission_problem: str | None = None  # a file: secret readable by group or others
    broken_rules: tuple[Rule, ...] = ()
    score: int | None = None  # zxcvbn 0..4; None when the secret could not be read
    reused_with: tuple[str, ...] = ()  # ids of other accounts with the same password
    breach_error: str | None = None  # a breach source could not answer
