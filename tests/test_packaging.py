"""A non-editable install from a built wheel works from any directory: checks ship inside."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("auditor-*.whl")
    return built


def test_wheel_ships_checks_templates_and_the_entry_point(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "checks/ownership.py" in names
    assert "checks/data/freemail.txt" in names
    assert "auditor/data/starter_inventory.yaml" in names
    assert any(n.startswith("auditor/_templates/") for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "auditor = auditor.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_wheel_runs_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run(
        [sys.executable, "-c", "import auditor, checks; print(auditor.__file__, checks.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        cwd=elsewhere,
        check=True,
    ).stdout
    assert where.count(str(target)) == 2, "the installed copy, not the source tree, was imported"
    done = subprocess.run(
        [sys.executable, "-m", "auditor", "checks", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=elsewhere,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert '"OWN-001"' in done.stdout
    init = subprocess.run(
        [sys.executable, "-m", "auditor", "init", "inv.yaml"],
        capture_output=True,
        text=True,
        env=env,
        cwd=elsewhere,
        check=False,
    )
    assert init.returncode == 0 and (elsewhere / "inv.yaml").exists()
