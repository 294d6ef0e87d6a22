"""ACT-003 reads the size of media files named by a snapshot, never outside its folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PIL import Image

from auditor.catalogue import load_registry
from auditor.engine import ScanOptions, scan
from auditor.inventory.loader import load_inventory
from auditor.results import Severity, Status

INVENTORY = """\
version: 1
organisation: {{name: Kerajaan Negeri Melaka, official_domains: [melaka.gov.my]}}
agencies:
  - id: jkm
    name: Jabatan Ketua Menteri Melaka
    accounts:
      - id: jkm-facebook
        platform: facebook
        owner: agency
        profile:
          media: [{{file: {media}}}]
"""


def act_003(tmp_path: Path, media: str) -> tuple[Status, Severity, dict[str, object]]:
    path = tmp_path / "inventory.yaml"
    path.write_text(INVENTORY.format(media=media), encoding="utf-8")
    options = ScanOptions(
        as_of=dt.date(2026, 11, 24), offline=True, check_ids=frozenset({"ACT-003"})
    )
    (result,) = scan(load_inventory(path), load_registry(), options).results
    return result.status, result.severity, dict(result.evidence)


def test_small_poster_file_fails(tmp_path: Path) -> None:
    Image.new("RGB", (500, 260), "white").save(tmp_path / "poster.png")
    status, _, evidence = act_003(tmp_path, "poster.png")
    assert status is Status.FAIL
    assert evidence["too_small"] == ["poster.png (500x260)"]


def test_poster_between_minimum_and_recommended_is_info(tmp_path: Path) -> None:
    (tmp_path / "media").mkdir()
    Image.new("RGB", (1080, 1080), "white").save(tmp_path / "media" / "p.jpg")
    assert act_003(tmp_path, "media/p.jpg")[:2] == (Status.FAIL, Severity.INFO)


def test_recommended_poster_file_passes(tmp_path: Path) -> None:
    Image.new("RGB", (1200, 630), "white").save(tmp_path / "poster.png")
    assert act_003(tmp_path, "poster.png")[0] is Status.PASS


def test_missing_unreadable_or_outside_files_are_left_to_a_person(tmp_path: Path) -> None:
    (tmp_path / "notes.png").write_text("not an image", encoding="utf-8")
    outside = tmp_path.parent / "outside.png"
    Image.new("RGB", (1200, 630), "white").save(outside)
    for media in ("missing.png", "notes.png", "../outside.png"):
        assert act_003(tmp_path, media)[0] is Status.MANUAL, media
