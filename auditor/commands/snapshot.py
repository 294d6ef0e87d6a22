"""The snapshot ``auditor collect`` writes: the input inventory with each collected
account's ``profile`` replaced by what was read (with ``source`` and ``fetched_at``), its
picture saved beside it under ``evidence/<sha256>.<ext>``, and secret references copied as
references, never resolved."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from auditor import console
from auditor.atomic import write_atomic
from auditor.facts.model import CollectedProfile, ProfileRead
from auditor.inventory.loaded import LoadedInventory
from auditor.secrets import SecretError, SecretKind, is_reference, parse_reference
from auditor.urls import is_url

EVIDENCE_FOLDER = "evidence"


def snapshot_document(
    source: LoadedInventory, found: dict[str, ProfileRead], output: Path
) -> dict[str, Any]:
    """The inventory as YAML data, with the collected profiles; pictures saved beside it."""
    out_folder = output.parent.resolve()
    data = source.inventory.model_dump(mode="json", exclude_unset=True)
    rebase = _Rebase(source.folder.resolve(), out_folder)
    organisation = data["organisation"]
    if organisation.get("crest"):
        organisation["crest"] = [rebase.path(p) for p in organisation["crest"]]
    for agency in data.get("agencies", []):
        if agency.get("logo"):
            agency["logo"] = [rebase.path(p) for p in agency["logo"]]
        for account in agency.get("accounts", []):
            _snapshot_account(account, found.get(account["id"]), rebase, out_folder)
    return data


def _snapshot_account(
    account: dict[str, Any], read: ProfileRead | None, rebase: _Rebase, out_folder: Path
) -> None:
    for key in ("password", "api_token"):
        value = account.get(key)
        if value is None:
            continue
        if key == "password" and not is_reference(value):
            # A clear-text password is not written again anywhere (PWD-003 still sees it
            # in the inventory itself).
            del account[key]
            console.stderr(
                f"auditor: {account['id']}: clear-text password left out of the snapshot"
            )
            continue
        account[key] = rebase.reference(value)
    if isinstance(read, CollectedProfile) and read.profile.source != "inventory":
        profile = read.profile.model_dump(mode="json", exclude_none=True)
        if read.picture is not None:
            profile["picture"] = _save_picture(read.picture, read.picture_type, out_folder)
        account["profile"] = profile
    elif account.get("profile"):
        account["profile"] = _rebased_profile(account["profile"], rebase)


def _rebased_profile(profile: dict[str, Any], rebase: _Rebase) -> dict[str, Any]:
    if profile.get("picture"):
        profile["picture"] = rebase.path(profile["picture"])
    for item in profile.get("media") or []:
        if item.get("file"):
            item["file"] = rebase.path(item["file"])
    return profile


def _save_picture(body: bytes, kind: str | None, out_folder: Path) -> str:
    name = f"{hashlib.sha256(body).hexdigest()}.{kind or 'img'}"
    relative = f"{EVIDENCE_FOLDER}/{name}"
    path = out_folder / relative
    if not path.exists():  # named by content: the same picture is saved once
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, body)
    return relative


class _Rebase:
    """Paths the inventory names relative to its folder, made relative to the snapshot's."""

    def __init__(self, source_folder: Path, out_folder: Path) -> None:
        self._source = source_folder
        self._out = out_folder

    def path(self, value: str) -> str:
        """Images outside the snapshot's folder (which a scan does not read) are copied
        into its evidence folder, by content hash."""
        if is_url(value) or self._source == self._out:
            return value
        target = (self._source / Path(value).expanduser()).resolve()
        if target.is_relative_to(self._out) or not target.is_file():
            return os.path.relpath(target, self._out)
        kind = target.suffix.lstrip(".").lower() or None
        return _save_picture(target.read_bytes(), kind, self._out)

    def secret_path(self, value: str) -> str:
        """A secret's file stays where it is: only the way to name it changes."""
        if self._source == self._out:
            return value
        target = self._source / Path(value).expanduser()
        return os.path.relpath(target.resolve(), self._out)

    def reference(self, value: str) -> str:
        """A secret reference with its file or database path rebased; the rest as it is."""
        try:
            ref = parse_reference(value)
        except SecretError:
            return value  # malformed: copied as written, the scan reports it
        if ref.kind is SecretKind.FILE:
            return f"file:{self.secret_path(ref.location)}"
        if ref.kind is SecretKind.KEEPASS:
            return f"keepass:{self.secret_path(ref.location)}#{ref.entry}"
        return value
