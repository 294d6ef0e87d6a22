"""PRF-002's facts: each profile picture compared with the crest and the agency's logos.

Picture files named by a snapshot are read from the inventory's folder; pictures a
collector downloaded are hashed from a private temporary folder, by the same code
(auditor.pictures), so that both are judged alike.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor import pictures
from auditor.facts.gatherer import GatherContext
from auditor.facts.kinds import Fact, Phase
from auditor.facts.model import CollectedProfile
from auditor.inventory.model import Account, Agency
from auditor.kept_hashes import KeptHashes
from auditor.media import inside


@dataclass(frozen=True)
class PictureGatherer:
    provides: frozenset[Fact] = frozenset({Fact.PICTURE})
    phase: Phase = Phase.DERIVED

    def gather(self, context: GatherContext) -> Mapping[Fact, Mapping[str, Any]]:
        kept = KeptHashes(context.options.cache) if context.options.cache else None
        try:
            return {Fact.PICTURE: _gather(context, kept.hash if kept else pictures.hash_image)}
        finally:
            if kept is not None:
                kept.save()


def _gather(context: GatherContext, hasher: pictures.Hasher) -> Mapping[str, pictures.PictureFacts]:
    folder = context.source.folder
    accounts = context.with_profiles()
    downloaded = {
        account.id: read
        for _, account in context.accounts
        if isinstance(read := context.collected.get(account.id), CollectedProfile)
        and read.picture is not None
    }
    if not downloaded:
        organisation = context.source.inventory.organisation
        return pictures.gather_pictures(folder, organisation, accounts, hasher)
    with tempfile.TemporaryDirectory(prefix="auditor-pictures-") as scratch:
        files = _write_downloads(Path(scratch), downloaded)
        return _gather_with_downloads(context, folder, accounts, files, hasher)


def _write_downloads(scratch: Path, downloaded: Mapping[str, CollectedProfile]) -> dict[str, Path]:
    files = {}
    for account_id, read in downloaded.items():
        assert read.picture is not None
        path = scratch / f"{account_id}.{read.picture_type or 'img'}"
        path.write_bytes(read.picture)
        files[account_id] = path
    return files


def _gather_with_downloads(
    context: GatherContext,
    folder: Path,
    accounts: list[tuple[Agency, Account]],
    files: Mapping[str, Path],
    hash_file: pictures.Hasher,
) -> Mapping[str, pictures.PictureFacts]:
    # auditor.pictures names pictures as the inventory does, relative to its folder: a
    # downloaded picture gets a name there that no file has, and the hasher reads the
    # downloaded file in its place. The check's evidence names the URL (the profile's).
    by_path: dict[Path, Path] = {}
    renamed = []
    for agency, account in accounts:
        if account.id not in files or account.profile is None:
            renamed.append((agency, account))
            continue
        name = f"{_DOWNLOADED}/{files[account.id].name}"
        named = inside(folder, name)
        assert named is not None  # a plain relative name stays inside the folder
        by_path[named] = files[account.id]
        profile = account.profile.model_copy(update={"picture": name})
        renamed.append((agency, account.model_copy(update={"profile": profile})))

    def hasher(path: Path) -> pictures.ImageHashes:
        return hash_file(by_path.get(path, path))

    organisation = context.source.inventory.organisation
    return pictures.gather_pictures(folder, organisation, renamed, hasher)


_DOWNLOADED = ".auditor-downloaded"  # never a real folder: the hasher reads the download
