"""Picture hashes kept in the cache folder between scans (auditor/kept_hashes.py)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import auditor.kept_hashes
import auditor.phash
import auditor.pictures
from auditor.cli import app
from auditor.kept_hashes import FILE_NAME, KeptHashes
from auditor.pictures import ImageHashes, PictureError, PictureProblem, hash_image
from tests.images import draw_crest, draw_logo

SAMPLE = Path(__file__).resolve().parent.parent / "sample_inventory.yaml"


@pytest.fixture
def crest(tmp_path: Path) -> Path:
    path = tmp_path / "crest.png"
    draw_crest().save(path)
    return path


@pytest.fixture
def hashed(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The file contents actually hashed (decoded and normalised), in order."""
    seen: list[bytes] = []
    real = auditor.pictures.hash_image_data

    def counting(data: bytes) -> ImageHashes:
        seen.append(data)
        return real(data)

    monkeypatch.setattr(auditor.pictures, "hash_image_data", counting)
    return seen


def _scan(cache: Path, *files: Path) -> list[ImageHashes]:
    kept = KeptHashes(cache)
    found = [kept.hash(path) for path in files]
    kept.save()
    return found


def test_a_second_scan_reads_the_kept_hashes(
    tmp_path: Path, crest: Path, hashed: list[bytes]
) -> None:
    cache, expected = tmp_path / "cache", hash_image(crest)
    hashed.clear()
    assert _scan(cache, crest, crest) == [expected] * 2
    assert len(hashed) == 1  # once per scan, even when named twice
    assert _scan(cache, crest) == [expected]
    assert len(hashed) == 1  # not hashed again


def test_the_hashes_are_kept_by_content_not_by_name(
    tmp_path: Path, crest: Path, hashed: list[bytes]
) -> None:
    cache = tmp_path / "cache"
    _scan(cache, crest)
    draw_logo().save(crest)  # another image under the same name
    expected = hash_image(crest)
    hashed.clear()
    assert _scan(cache, crest) == [expected]
    assert len(hashed) == 1
    copy = tmp_path / "copy.png"
    copy.write_bytes(crest.read_bytes())  # the same image under another name
    _scan(cache, copy)
    assert len(hashed) == 1


def _stored(cache: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((cache / FILE_NAME).read_text(encoding="utf-8"))
    return loaded


def _poisoned(stored: dict[str, Any]) -> dict[str, Any]:
    return {**stored, "hashes": {digest: [7, 9] for digest in stored["hashes"]}}


@pytest.mark.parametrize(
    "damage",
    [
        lambda s: "{not json",
        lambda s: json.dumps([s]),
        # Computed by another Pillow, other hashing code, in another format: the hashes
        # kept (poisoned here, so that using them would show) are not used.
        lambda s: json.dumps({**_poisoned(s), "pillow": "0.0.1"}),
        lambda s: json.dumps({**_poisoned(s), "code": "0" * 64}),
        lambda s: json.dumps({**_poisoned(s), "format": 0}),
        lambda s: json.dumps({**s, "hashes": {d: [1, "2"] for d in s["hashes"]}}),
        lambda s: json.dumps({**s, "hashes": {d: [1, 1 << 64] for d in s["hashes"]}}),
        lambda s: json.dumps({**s, "hashes": {d: [1] for d in s["hashes"]}}),
        lambda s: json.dumps({**s, "hashes": list(s["hashes"])}),
    ],
)
def test_kept_hashes_of_other_code_or_damaged_are_computed_afresh(
    tmp_path: Path, crest: Path, damage: Callable[[dict[str, Any]], str]
) -> None:
    cache = tmp_path / "cache"
    _scan(cache, crest)
    kept = cache / FILE_NAME
    kept.write_text(damage(_stored(cache)), encoding="utf-8")
    assert _scan(cache, crest) == [hash_image(crest)]
    assert list(_stored(cache)["hashes"].values()) == [
        [hash_image(crest).phash, hash_image(crest).dhash]
    ]


def test_a_kept_hash_is_what_the_scan_uses(tmp_path: Path, crest: Path) -> None:
    # An edit to the kept hashes shows: the file is read back, not recomputed behind it.
    cache = tmp_path / "cache"
    _scan(cache, crest)
    (cache / FILE_NAME).write_text(json.dumps(_poisoned(_stored(cache))), encoding="utf-8")
    assert _scan(cache, crest) == [ImageHashes(phash=7, dhash=9)]


def test_failures_are_never_kept(tmp_path: Path, hashed: list[bytes]) -> None:
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n not an image")
    for _ in range(2):
        kept = KeptHashes(tmp_path / "cache")
        with pytest.raises(PictureError) as raised:
            kept.hash(broken)
        assert raised.value.problem is PictureProblem.NOT_AN_IMAGE
        kept.save()
    assert len(hashed) == 2
    assert not (tmp_path / "cache" / FILE_NAME).exists()
    with pytest.raises(PictureError) as missing:
        KeptHashes(tmp_path / "cache").hash(tmp_path / "absent.png")
    assert missing.value.problem is PictureProblem.MISSING


def test_an_unwritable_cache_still_hashes(tmp_path: Path, crest: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert _scan(blocked / "cache", crest) == [hash_image(crest)]


def test_the_kept_file_is_bounded_and_keeps_this_scans_first(
    tmp_path: Path, crest: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(auditor.kept_hashes, "MAX_KEPT", 2)
    cache = tmp_path / "cache"
    images = [crest]
    for n, draw in enumerate((draw_logo, draw_crest)):
        path = tmp_path / f"other-{n}.png"
        draw(size=120 + n).save(path)
        images.append(path)
    _scan(cache, *images)
    assert len(_stored(cache)["hashes"]) == 2
    draw_logo(size=99).save(images[0])  # a new image, so that the scan writes the file
    _scan(cache, images[0], images[2])
    digests = list(_stored(cache)["hashes"])
    assert digests == [_digest(images[0]), _digest(images[2])]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_scan_keeps_the_hashes_in_the_user_cache(tmp_path: Path, hashed: list[bytes]) -> None:
    # conftest points XDG_CACHE_HOME into tmp_path: the CLI's default folder is there.
    args = ["scan", str(SAMPLE), "--check", "PRF-002", "--offline", "--no-history"]
    for _ in range(2):
        result = CliRunner().invoke(app, [*args, "--format", "json", "--fail-on", "never"])
        assert result.exit_code == 0, result.output
    assert (tmp_path / "xdg-cache" / "auditor" / FILE_NAME).is_file()
    assert len(hashed) == len(set(hashed)) > 0  # the second scan hashed nothing


def test_without_the_hashing_code_nothing_is_kept(
    tmp_path: Path, crest: Path, monkeypatch: pytest.MonkeyPatch, hashed: list[bytes]
) -> None:
    # A build without sources: the code the hashes depend on cannot be digested.
    monkeypatch.setattr(auditor.phash, "__file__", None)
    expected = hash_image(crest)
    hashed.clear()
    assert _scan(tmp_path, crest) == _scan(tmp_path, crest) == [expected]
    assert len(hashed) == 2
    assert not (tmp_path / FILE_NAME).exists()
