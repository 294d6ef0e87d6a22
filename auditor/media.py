"""Reads the pixel size of media files named in profile snapshots (for ACT-003)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from pathlib import Path

from auditor.images import ImageError, open_image
from auditor.inventory.model import Account

log = logging.getLogger(__name__)


def inside(folder: Path, relative: str) -> Path | None:
    """The file a snapshot names, or None when it would lie outside the inventory's folder."""
    candidate = (folder / relative).resolve()
    return candidate if candidate.is_relative_to(folder.resolve()) else None


def measure_media(
    folder: Path, accounts: Iterable[Account]
) -> Mapping[str, Mapping[str, tuple[int, int]]]:
    """Sizes of the media files without a declared width/height, by account id then file."""
    sizes: dict[str, dict[str, tuple[int, int]]] = {}
    for account in accounts:
        media = account.profile.media if account.profile else None
        for item in media or []:
            if not item.file or (item.width and item.height):
                continue
            path = inside(folder, item.file)
            if path is None:
                log.warning(
                    "%s: media file %s is outside the inventory folder", account.id, item.file
                )
                continue
            try:
                with open_image(path) as image:  # reads the header only
                    sizes.setdefault(account.id, {})[item.file] = image.size
            except ImageError as exc:
                log.warning("%s: cannot read media file %s: %s", account.id, item.file, exc)
    return sizes
