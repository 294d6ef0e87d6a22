"""PRF-002: the profile picture against the crest and logos, on real image files.

Every case writes its images into a temporary inventory folder and runs a real scan of
PRF-002 alone: hashing happens in the engine's fact gathering, the verdict in the check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

import auditor.pictures
from auditor.catalogue import load_registry
from auditor.engine import ScanOptions, gather_facts, scan
from auditor.inventory.loaded import LoadedInventory
from auditor.inventory.model import Inventory
from auditor.pictures import MATCH_THRESHOLD, ImageHashes, gather_pictures, hash_image
from auditor.results import Result, Status
from tests import images as im
from tests.factories import AS_OF, account_facts

CREST = "assets/crest.png"
LOGO = "assets/logo.png"
PICTURE = "snapshots/picture.png"
BRAND_BLUE = (24, 119, 242)
Draw = Callable[[], Image.Image]


def agency(agency_id: str, logo: list[str] | None, *accounts: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {"id": agency_id, "name": f"Agency {agency_id}", "accounts": []}
    if logo is not None:
        found["logo"] = logo
    found["accounts"] = list(accounts)
    return found


def account(account_id: str, profile: Any = None) -> dict[str, Any]:
    found: dict[str, Any] = {"id": account_id, "platform": "facebook", "owner": "agency"}
    if profile is not None:
        found["profile"] = profile
    return found


def loaded(folder: Path, crest: list[str] | None, *agencies: dict[str, Any]) -> LoadedInventory:
    organisation: dict[str, Any] = {"name": "Kerajaan Negeri Melaka"}
    if crest is not None:
        organisation["crest"] = crest
    document = {"version": 1, "organisation": organisation, "agencies": list(agencies)}
    inventory = Inventory.model_validate(document)
    return LoadedInventory(path=folder / "inventory.yaml", sha256="0" * 64, inventory=inventory)


def write(folder: Path, relative: str, image: Image.Image) -> None:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".jpg":
        im.flattened(image).save(path, "JPEG", quality=40)
    else:
        image.save(path)


def references(folder: Path) -> None:
    write(folder, CREST, im.draw_crest())
    write(folder, LOGO, im.draw_logo())


def scan_one(source: LoadedInventory, check_ids: frozenset[str] = frozenset({"PRF-002"})) -> Result:
    options = ScanOptions(as_of=AS_OF, offline=True, check_ids=check_ids)
    results = [r for r in scan(source, load_registry(), options).results if r.account_id == "a"]
    assert len(results) == 1
    return results[0]


def picture_scan(folder: Path, picture: str = PICTURE) -> Result:
    source = loaded(folder, [CREST], agency("jkm", [LOGO], account("a", {"picture": picture})))
    return scan_one(source)


# The matching rule, on the changes platforms make and on pictures that are something else.
MATCHING: list[tuple[str, Draw, str | None]] = [
    ("the crest itself", im.draw_crest, CREST),
    ("recompressed JPEG", lambda: im.recompressed(im.draw_crest(), 20), CREST),
    ("resized down", lambda: im.resized(im.draw_crest(), 64), CREST),
    ("resized up", lambda: im.resized(im.draw_crest(), 400), CREST),
    ("transparent padding", lambda: im.padded(im.draw_crest()), CREST),
    ("brand-blue background", lambda: im.on_background(im.draw_crest(), BRAND_BLUE), CREST),
    ("black background", lambda: im.on_background(im.draw_crest(), (0, 0, 0), 0.35), CREST),
    ("letterboxed JPEG", lambda: im.letterboxed(im.resized(im.draw_crest(), 125)), CREST),
    ("slight crop", lambda: im.cropped(im.draw_crest(), 0.05), CREST),
    (
        "padded, recompressed, resized",
        lambda: im.resized(im.recompressed(im.on_background(im.draw_crest(), BRAND_BLUE)), 200),
        CREST,
    ),
    ("the agency logo, recompressed", lambda: im.recompressed(im.draw_logo()), LOGO),
    ("the agency logo, cropped", lambda: im.cropped(im.draw_logo(), 0.05), LOGO),
    ("an unrelated emblem", im.draw_other_emblem, None),
    ("a photograph", im.draw_photo, None),
    ("the crest in negative", lambda: im.inverted(im.draw_crest()), None),
    ("the logo in negative", lambda: im.inverted(im.draw_logo()), None),
    ("a blank square", lambda: Image.new("RGB", (160, 160), im.WHITE), None),
]


@pytest.mark.parametrize(("name", "draw", "expected"), MATCHING, ids=[c[0] for c in MATCHING])
def test_matching_rule(tmp_path: Path, name: str, draw: Draw, expected: str | None) -> None:
    references(tmp_path)
    write(tmp_path, PICTURE, draw())
    result = picture_scan(tmp_path)
    distance = result.evidence["distance"]
    if expected is None:
        assert result.status is Status.FAIL, (name, distance)
        assert distance > MATCH_THRESHOLD
        assert [m.key for m in result.messages] == ["different"]
    else:
        assert result.status is Status.PASS, (name, distance)
        assert result.evidence["nearest"] == expected
        assert result.messages[0].args["reference"] == expected


def test_a_jpeg_file_is_read_as_well(tmp_path: Path) -> None:
    references(tmp_path)
    write(tmp_path, "snapshots/picture.jpg", im.draw_crest())
    assert picture_scan(tmp_path, "snapshots/picture.jpg").status is Status.PASS


# Every status, from the inventory and files as a user would write them.
STATUSES: list[tuple[str, Callable[[Path], LoadedInventory], Status, str, str | None]] = [
    (
        "no profile snapshot",
        lambda f: loaded(f, [CREST], agency("jkm", None, account("a"))),
        Status.MANUAL,
        "no_profile",
        None,
    ),
    (
        "profile shows no picture",
        lambda f: loaded(f, [CREST], agency("jkm", None, account("a", {"bio": "Rasmi"}))),
        Status.FAIL,
        "missing",
        None,
    ),
    (
        "no reference image",
        lambda f: loaded(f, None, agency("jkm", None, account("a", {"picture": PICTURE}))),
        Status.MANUAL,
        "no_references",
        None,
    ),
    (
        "picture is a URL",
        lambda f: loaded(
            f, [CREST], agency("jkm", None, account("a", {"picture": "https://x.test/p.jpg"}))
        ),
        Status.MANUAL,
        "needs_collector",
        None,
    ),
    (
        "picture file missing",
        lambda f: loaded(f, [CREST], agency("jkm", None, account("a", {"picture": "gone.png"}))),
        Status.ERROR,
        "file_missing",
        "gone.png",
    ),
    (
        "picture is not an image",
        lambda f: loaded(f, [CREST], agency("jkm", None, account("a", {"picture": "notes.png"}))),
        Status.ERROR,
        "not_an_image",
        "notes.png",
    ),
    (
        "picture outside the inventory folder",
        lambda f: loaded(
            f, [CREST], agency("jkm", None, account("a", {"picture": "../picture.png"}))
        ),
        Status.ERROR,
        "outside_folder",
        "../picture.png",
    ),
    (
        "crest file missing",
        lambda f: loaded(
            f, ["assets/none.png"], agency("jkm", None, account("a", {"picture": PICTURE}))
        ),
        Status.ERROR,
        "file_missing",
        "assets/none.png",
    ),
    (
        "logo is not an image",
        lambda f: loaded(
            f, [CREST], agency("jkm", ["assets/logo.svg"], account("a", {"picture": PICTURE}))
        ),
        Status.ERROR,
        "not_an_image",
        "assets/logo.svg",
    ),
    (
        "matches the crest",
        lambda f: loaded(f, [CREST], agency("jkm", None, account("a", {"picture": PICTURE}))),
        Status.PASS,
        "ok",
        None,
    ),
    (
        "matches the agency logo only",
        lambda f: loaded(f, None, agency("jkm", [LOGO], account("a", {"picture": "logo.png"}))),
        Status.PASS,
        "ok",
        None,
    ),
    (
        "something else",
        lambda f: loaded(f, [CREST], agency("jkm", [LOGO], account("a", {"picture": "p.png"}))),
        Status.FAIL,
        "different",
        None,
    ),
]


@pytest.mark.parametrize(
    ("name", "build", "status", "key", "named"), STATUSES, ids=[c[0] for c in STATUSES]
)
def test_statuses(
    tmp_path: Path,
    name: str,
    build: Callable[[Path], LoadedInventory],
    status: Status,
    key: str,
    named: str | None,
) -> None:
    folder = tmp_path / "inventory"
    references(folder)
    write(folder, PICTURE, im.recompressed(im.draw_crest()))
    write(folder, "logo.png", im.on_background(im.draw_logo(), (200, 200, 200)))
    write(folder, "p.png", im.draw_photo())
    write(tmp_path, "picture.png", im.draw_crest())  # readable, but outside the folder
    for not_an_image in ("notes.png", "assets/logo.svg"):
        (folder / not_an_image).write_text("not a picture", encoding="utf-8")
    result = scan_one(build(folder))
    assert result.status is status, (name, result.messages, result.evidence)
    assert [m.key for m in result.messages] == [key]
    if named is not None:
        assert result.messages[0].args["file"] == named
        assert result.evidence["unreadable"] == named
    if status is Status.FAIL and key == "different":
        assert result.evidence["distance"] > result.evidence["threshold"] == MATCH_THRESHOLD


def test_without_gathered_facts_the_check_says_manual() -> None:
    check = load_registry().get("PRF-002")
    assert check is not None
    facts = account_facts({"profile": {"picture": PICTURE}}, _organisation_with_crest())
    outcome = check(facts)
    assert (outcome.status, [m.key for m in outcome.messages]) == (Status.MANUAL, ["not_compared"])


def _organisation_with_crest() -> dict[str, Any]:
    return {
        "name": "Kerajaan Negeri Melaka",
        "official_domains": ["melaka.gov.my"],
        "crest": [CREST],
    }


def test_a_profile_without_a_picture_fails_even_without_references() -> None:
    check = load_registry().get("PRF-002")
    assert check is not None
    outcome = check(account_facts())  # the factory's profile has no picture, no crest either
    assert (outcome.status, [m.key for m in outcome.messages]) == (Status.FAIL, ["missing"])


# Hashing once: the references and shared pictures of many accounts.


def _shared_inventory(folder: Path) -> LoadedInventory:
    references(folder)
    write(folder, PICTURE, im.recompressed(im.draw_crest()))
    write(folder, "snapshots/other.png", im.draw_photo())
    return loaded(
        folder,
        [CREST],
        agency(
            "jkm",
            [LOGO],
            account("a", {"picture": PICTURE}),
            account("b", {"picture": PICTURE}),
            account("c", {"picture": "snapshots/other.png"}),
        ),
        agency("mbmb", [LOGO], account("d", {"picture": "./" + PICTURE})),
        agency("jaim", None, account("e", {"picture": "snapshots/other.png"}), account("f")),
    )


def test_each_image_is_hashed_once_per_scan(tmp_path: Path) -> None:
    source = _shared_inventory(tmp_path)
    hashed: list[Path] = []

    def counting(path: Path) -> ImageHashes:
        hashed.append(path)
        return hash_image(path)

    facts = gather_pictures(
        source.folder, source.inventory.organisation, source.inventory.accounts(), counting
    )
    assert sorted(p.name for p in hashed) == ["crest.png", "logo.png", "other.png", "picture.png"]
    assert {k: v.matches for k, v in facts.items()} == {
        "a": True,
        "b": True,
        "c": False,
        "d": True,
        "e": False,
    }


def test_the_engine_hashes_once_and_only_when_prf_002_is_selected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _shared_inventory(tmp_path)
    hashed: list[Path] = []

    def counting(path: Path) -> ImageHashes:
        hashed.append(path)
        return hash_image(path)

    monkeypatch.setattr(auditor.pictures, "hash_image", counting)
    options = ScanOptions(as_of=dt.date(2026, 11, 24), offline=True)
    only_mfa = ScanOptions(as_of=options.as_of, offline=True, check_ids=frozenset({"ACC-001"}))
    unselected = gather_facts(source, only_mfa, load_registry().needs(only_mfa.check_ids))
    assert hashed == [] and all(a.picture is None for a in unselected.accounts)
    run = scan(source, load_registry(), options)
    assert len(hashed) == 4 == len(set(hashed))
    statuses = {r.account_id: r.status for r in run.results if r.check_id == "PRF-002"}
    assert statuses == {
        "a": Status.PASS,
        "b": Status.PASS,
        "c": Status.FAIL,
        "d": Status.PASS,
        "e": Status.FAIL,
        "f": Status.MANUAL,
    }
