"""What the PDF renderer may read: the report's own templates and image files under an
explicitly given folder (the inventory's), nothing else.

This module holds the policy as pure functions; ``pdf.py`` plugs it into WeasyPrint. A
URL is allowed only if it is a ``file:`` URL whose resolved path (symlinks followed) lies
inside an allowed root; images must also have an image suffix. No network scheme, no
``data:``, no redirects (nothing is opened through urllib at all).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}
TEMPLATE_TYPES = {
    ".css": "text/css",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    **IMAGE_TYPES,
}
MAX_BYTES = 20 * 1024 * 1024


class FetchRefused(Exception):
    """The renderer asked for something it may not read."""


@dataclass(frozen=True)
class AllowedRoot:
    folder: Path  # resolved
    types: dict[str, str]  # suffix -> media type


def allowed_roots(templates: Path, assets_root: Path | None) -> tuple[AllowedRoot, ...]:
    roots = [AllowedRoot(templates.resolve(), TEMPLATE_TYPES)]
    if assets_root is not None:
        # the inventory's folder gives images only, never CSS or fonts
        roots.append(AllowedRoot(assets_root.resolve(), IMAGE_TYPES))
    return tuple(roots)


def _local_path(url: str) -> Path:
    parts = urlsplit(url)
    if parts.scheme.lower() != "file":
        raise FetchRefused(f"refused non-file URL {url[:200]!r}")
    if parts.netloc not in ("", "localhost"):
        raise FetchRefused(f"refused remote file URL {url[:200]!r}")
    return Path(unquote(parts.path))


def resolve_allowed(url: str, roots: Sequence[AllowedRoot]) -> tuple[Path, str]:
    """The local file a URL names and its media type, if the policy allows reading it."""
    path = _local_path(url).resolve()
    for root in roots:
        if path.is_relative_to(root.folder) and path.suffix.lower() in root.types:
            if not path.is_file():
                raise FetchRefused(f"no such file {path.name!r}")
            if path.stat().st_size > MAX_BYTES:
                raise FetchRefused(f"file too large {path.name!r}")
            return path, root.types[path.suffix.lower()]
    raise FetchRefused(f"refused {url[:200]!r}: outside the report's templates and assets")


def image_url(value: str, assets_root: Path | None) -> str | None:
    """A ``file:`` URL for an image path relative to the assets folder, if it is safe to show."""
    if assets_root is None or not value or "\x00" in value:
        return None
    relative = PurePosixPath(value)
    if relative.is_absolute() or ":" in value or relative.suffix.lower() not in IMAGE_TYPES:
        return None
    root = assets_root.resolve()
    path = (root / relative).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        return None
    return path.as_uri()
