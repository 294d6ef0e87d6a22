"""What the quick commands import: --version, --help and a command's --help answer without
loading the code the commands run (pydantic models, DNS, HTTP, passwords, the report).

Each probe is a fresh interpreter that runs the real entry point and writes, as it exits,
every module it imported; the assertions are about modules, not seconds.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.import_probe import HEAVY, REPO, top_level

# Typer itself validates some option types with pydantic when a command's options are
# parsed (typer._adapters); that is the same for any Typer app, so it is allowed then only.
TYPER_OWN = frozenset({"pydantic", "pydantic_core"})

PROBE = """
import atexit, json, sys
out = sys.argv[1]
atexit.register(lambda: open(out, "w").write(json.dumps(sorted(sys.modules))))
sys.argv = ["auditor", *sys.argv[2:]]
{setup}
from auditor.cli import main
main()
"""


def imported(tmp_path: Path, *args: str, setup: str = "") -> set[str]:
    """The modules a fresh interpreter has imported when ``auditor ARGS`` exits."""
    listing = tmp_path / "modules.json"
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(setup=setup), str(listing), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(listing.read_text()))


def heavy_in(modules: set[str]) -> set[str]:
    found = top_level(modules) & HEAVY
    if "typer._adapters" in modules:
        found -= TYPER_OWN
    return found


def test_version_imports_nothing_heavy(tmp_path: Path) -> None:
    modules = imported(tmp_path, "--version")
    assert heavy_in(modules) == set()
    assert not {"rich", "pydantic"} & top_level(modules)
    # Nothing of what the scan runs: only the command line and its option types.
    scan_code = {"auditor.engine", "auditor.job", "auditor.inventory.model", "auditor.facts"}
    assert not scan_code & modules


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("scan", "--help"),
        ("report", "--help"),
        ("collect", "--help"),
        ("password", "check", "--help"),
        ("history", "--help"),
        ("diff", "--help"),
        ("verify", "--help"),
        ("coverage", "--help"),
    ],
    ids=" ".join,
)
def test_help_imports_nothing_heavy(tmp_path: Path, args: tuple[str, ...]) -> None:
    modules = imported(tmp_path, *args)
    assert heavy_in(modules) == set()
    assert "rich.progress" not in modules


def test_the_probe_sees_a_heavy_import(tmp_path: Path) -> None:
    """The probe is not blind: what the command line's process imports is listed."""
    modules = imported(tmp_path, "--version", setup="import auditor.inventory.model")
    assert "pydantic" in heavy_in(modules)
