"""Issue 10, items 9, 10 and 15 (field bounds): numbers, text lengths and NUL bytes are
bounded at load, each refused with its position (exit 2), never a crash (exit 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.conftest import AS_OF, invoke

HEAD = (
    "version: 1\n"
    "organisation: {name: Kerajaan Negeri Melaka, official_domains: [melaka.gov.my]%s}\n"
)
ACCOUNT = (
    "agencies:\n"
    "  - id: jkm\n    name: JKM\n    accounts:\n"
    "      - id: a\n        platform: facebook\n        owner: agency\n"
)


def _write(tmp_path: Path, organisation: str = "", account: str = "", tail: str = "") -> Path:
    path = tmp_path / "inv.yaml"
    path.write_text(HEAD % organisation + ACCOUNT + account + tail, "utf-8")
    return path


CASES = {
    "hex policy number": ("", "", "policy:\n  password_max_age_days: 0x" + "f" * 5000 + "\n"),
    "sexagesimal": ("", "", "policy:\n  dormant_after_days: " + ":".join(["59"] * 3000) + "\n"),
    "huge but short": ("", "", "policy:\n  dormant_after_days: 0x" + "f" * 30 + "\n"),
    "infinity": ("", "        profile: {media: [{file: a.png, width: .inf}]}\n", ""),
    "long bio": ("", "        profile: {bio: '" + "a" * 100_000 + "'}\n", ""),
    "NUL in picture": ("", '        profile: {picture: "pic\\0.png"}\n', ""),
    "NUL in crest": (', crest: ["crest\\0.png"]', "", ""),
    "NUL in media": ("", '        profile: {media: [{file: "m\\0.png"}]}\n', ""),
    "NUL in file: path": ("", '        password: "file:secret\\0.txt"\n', ""),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bounded_at_load(tmp_path: Path, case: str) -> None:
    path = _write(tmp_path, *CASES[case])
    code, output = invoke("validate", str(path))
    assert code == 2, output
    assert f"{path}:" in output and "internal error" not in output
    for fmt in ("json", "csv", "text"):
        code, output = invoke("scan", str(path), *AS_OF, "--format", fmt)
        assert code == 2, output
    assert len(output) < 2000  # the value is not echoed


def test_ordinary_numbers_still_load(tmp_path: Path) -> None:
    path = _write(tmp_path, tail="policy:\n  password_max_age_days: 0x5a\n")
    code, output = invoke("validate", str(path))
    assert code == 0, output
