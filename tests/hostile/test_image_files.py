"""Issue 10, items 10, 11, 16 and 18 (pixel budget): every image the scan opens goes
through one helper that refuses FIFOs, decompression bombs and oversized images, for
pictures and crests (PRF-002) and media files (ACT-003) alike."""

from __future__ import annotations

import json
import os
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from auditor.images import MAX_PIXELS, ImageError, ImageProblem, open_image
from tests.hostile.conftest import hostile_account, scan_process, write_hostile_inventory


def bomb_png(path: Path, width: int, height: int) -> Path:
    """A PNG whose header declares width x height, with almost no data behind it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 1024)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )
    return path


def _scan(inventory: Path) -> tuple[int, dict[tuple[str, str], dict[str, object]], str]:
    done = scan_process(inventory, timeout=60)
    results = {}
    if done.stdout:
        results = {(r["account"], r["check"]): r for r in json.loads(done.stdout)["results"]}
    return done.returncode, results, done.stderr


def test_a_bomb_as_a_media_file_is_not_a_crash(tmp_path: Path) -> None:
    bomb_png(tmp_path / "bomb.png", 20_000, 20_000)  # 400 MP: over Pillow's own error limit
    account = hostile_account("a", profile={"media": [{"file": "bomb.png"}]})
    code, results, stderr = _scan(write_hostile_inventory(tmp_path, [account]))
    assert code == 0, stderr
    assert "Traceback" not in stderr and "DecompressionBomb" not in stderr
    assert results[("a", "ACT-003")]["status"] in ("manual", "error")


def test_over_the_pixel_budget_is_refused_before_decoding(tmp_path: Path) -> None:
    side = int(MAX_PIXELS**0.5) + 100
    path = tmp_path / "big.png"
    Image.new("1", (side, side)).save(path)  # real pixels, cheap to store
    with pytest.raises(ImageError) as info, open_image(path):
        pass
    assert info.value.problem is ImageProblem.TOO_LARGE
    account = hostile_account("a", profile={"picture": "big.png"})
    code, results, stderr = _scan(write_hostile_inventory(tmp_path, [account], crest=["big.png"]))
    assert code == 0, stderr
    assert results[("a", "PRF-002")]["status"] == "error"


@pytest.mark.parametrize("where", ["picture", "crest", "media"])
def test_a_fifo_is_an_error_not_a_hang(tmp_path: Path, where: str) -> None:
    os.mkfifo(tmp_path / "pipe.png")
    Image.new("RGB", (64, 64), "white").save(tmp_path / "ok.png")
    profile: dict[str, object] = {"picture": "pipe.png" if where == "picture" else "ok.png"}
    if where == "media":
        profile["media"] = [{"file": "pipe.png"}]
    crest = ["pipe.png" if where == "crest" else "ok.png"]
    account = hostile_account("a", profile=profile)
    code, results, stderr = _scan(write_hostile_inventory(tmp_path, [account], crest=crest))
    assert code == 0, stderr
    if where == "media":
        assert "pipe.png" in stderr  # the warning names the file
    else:
        assert results[("a", "PRF-002")]["status"] == "error"
        assert results[("a", "PRF-002")]["evidence"]["unreadable"] == "pipe.png"  # type: ignore[index]


def test_an_ordinary_image_opens(tmp_path: Path) -> None:
    Image.new("RGB", (32, 16)).save(tmp_path / "ok.png")
    with open_image(tmp_path / "ok.png") as image:
        assert image.size == (32, 16)
