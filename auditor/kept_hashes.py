"""Picture hashes kept from one scan to the next, by the content of the file hashed.

Hashing the crest, the logos and the profile pictures is most of a small scan's work
(Pillow's imports, decoding, the normalisation), and the files rarely change between two
nightly scans: so each file's hashes are kept in the cache folder under the SHA-256 of its
bytes, and a file whose bytes were hashed before is only read and digested. The kept
hashes are valid for the Pillow version and the hashing code (pictures.py, phash.py,
images.py: their source digested) that computed them; either changed, they are computed
afresh. Only hashes are kept, never a failure: a file that could not be hashed is tried
again, and says why, on every scan.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from auditor import images, phash, pictures
from auditor.kept_file import kept_key, read_kept, write_kept
from auditor.pictures import ImageHashes

FILE_NAME = "picture-hashes.json"
CACHE_FORMAT = 1
MAX_KEPT = 10_000  # files; about 1 MB of JSON
_BITS = 64


class KeptHashes:
    """A hasher (``hash``) for one scan that reads and adds to the kept hashes; ``save``
    writes them back when the scan hashed anything new."""

    def __init__(self, folder: Path) -> None:
        self._path = folder / FILE_NAME
        self._key: dict[str, Any] | None = None
        self._kept: dict[str, ImageHashes] | None = None
        self._used: dict[str, ImageHashes] = {}  # this scan's, first in the file
        self._added = False

    def hash(self, path: Path) -> ImageHashes:
        """The hashes of the image file at ``path``, as pictures.hash_image gives them."""
        data = pictures.read_picture(path)
        digest = hashlib.sha256(data).hexdigest()
        found = self._used.get(digest) or self._read().get(digest)
        if found is None:
            found = pictures.hash_image_data(data)
            self._added = True
        self._used[digest] = found
        return found

    def save(self) -> None:
        key = self._key_fields()
        if not self._added or key is None:
            return
        kept = {**self._used, **{d: h for d, h in self._read().items() if d not in self._used}}
        hashes = {d: [h.phash, h.dhash] for d, h in list(kept.items())[:MAX_KEPT]}
        write_kept(self._path, {**key, "hashes": hashes})

    def _read(self) -> dict[str, ImageHashes]:
        if self._kept is None:
            key = self._key_fields()
            stored = read_kept(self._path, key) if key is not None else None
            self._kept = _valid_hashes(stored.get("hashes") if stored else None)
        return self._kept

    def _key_fields(self) -> dict[str, Any] | None:
        """What the kept hashes must have been computed with; None when the hashing code
        cannot be read (a build without sources): then nothing is kept or read back."""
        if self._key is None:
            code = hashlib.sha256()
            try:
                for module in (pictures, phash, images):
                    code.update(Path(module.__file__ or "").read_bytes())
            except OSError:
                self._key = {}
            else:
                self._key = kept_key(CACHE_FORMAT, "pillow", code=code.hexdigest())
        return self._key or None


def _valid_hashes(stored: object) -> dict[str, ImageHashes]:
    """The well-formed entries of a kept ``hashes`` mapping; any other is left out."""
    if not isinstance(stored, dict):
        return {}
    return {
        digest: ImageHashes(phash=pair[0], dhash=pair[1])
        for digest, pair in stored.items()
        if isinstance(pair, list)
        and len(pair) == 2
        and all(type(n) is int and 0 <= n < 1 << _BITS for n in pair)
    }
