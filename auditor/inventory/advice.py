"""Warnings about a valid inventory: things the scan will flag that the author can fix now."""

from __future__ import annotations

from auditor.inventory.loaded import InventoryProblem, LoadedInventory
from auditor.secrets import SecretError, is_reference, parse_reference


def password_warnings(source: LoadedInventory) -> list[InventoryProblem]:
    """Clear-text passwords and malformed references, by position; never the value itself."""
    warnings = []
    for a_index, agency in enumerate(source.inventory.agencies):
        for c_index, account in enumerate(agency.accounts):
            if account.password is None:
                continue
            if not is_reference(account.password):
                reason = (
                    "password written in clear text (PWD-003, critical); replace it with a "
                    "reference: env:NAME, file:PATH, keyring:SERVICE/USER or keepass:DB#ENTRY"
                )
            else:
                try:
                    parse_reference(account.password)
                    continue
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
