"""Warnings about a valid inventory: things the scan will flag that the author can fix now."""

from __future__ import annotations

from auditor.inventory.loaded import InventoryProblem, LoadedInventory, Position
from auditor.secrets import SecretError, is_reference, looks_like_reference, parse_reference

_CLEAR_TEXT = (
    "password written in clear text (PWD-003, critical); replace it with a "
    "reference: env:NAME, file:PATH, keyring:SERVICE/USER or keepass:DB#ENTRY"
)


def password_position(source: LoadedInventory, account_id: str) -> str:
    """Where an account's ``password:`` is written, as FILE:LINE:COL.

    A reference that cannot be read is named by this and its kind, never by its text: the
    text may be a password that only looks like a reference.
    """
    location = source.account_location(account_id)
    found = source.position_of((*location, "password")) if location else None
    position = found or Position(1, 1)
    return f"{source.path}:{position.line}:{position.column}"


def password_warnings(source: LoadedInventory) -> list[InventoryProblem]:
    """Clear-text passwords and malformed references, by position; never the value itself."""
    warnings = []
    for a_index, agency in enumerate(source.inventory.agencies):
        for c_index, account in enumerate(agency.accounts):
            if account.password is None:
                continue
            if not is_reference(account.password):
                reason = _CLEAR_TEXT
            else:
                try:
                    parse_reference(account.password)
                    if looks_like_reference(account.password):
                        continue
                    # Readable or not, validate does not read it: the scan will tell.
                    reason = (
                        "password reference does not look like one of its kind (spaces, "
                        "#, $, !…); unless it can be read, the scan takes it for a "
                        "clear-text password (PWD-003)"
                    )
                except SecretError as error:
                    reason = f"password reference is malformed: {error}"
            location = ("agencies", a_index, "accounts", c_index, "password")
            position = source.position_of(location)
            warnings.append(
                InventoryProblem(
                    str(source.path),
                    position.line if position else 1,
                    position.column if position else 1,
                    f"warning: {account.id}: {reason}",
                )
            )
    return warnings
