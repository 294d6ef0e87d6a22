"""Listing the checks (``auditor checks``) starts fast: it loads none of the heavy packages.

Each of these takes tens to hundreds of milliseconds to import; a scan needs them, the
catalogue does not (issue 12). The probe runs in a fresh interpreter, since this one has
imported everything already.
"""

from __future__ import annotations

from pathlib import Path

from tests.import_probe import HEAVY, REPO, modules_loaded_by, packages_loaded_by, top_level


def test_listing_the_checks_loads_no_heavy_package() -> None:
    # The probe must see a heavy import when there is one, or an empty answer would pass.
    assert {"pydantic", "pydantic_core"} <= packages_loaded_by("import auditor.inventory.model")
    loaded = packages_loaded_by("from auditor.catalogue import load_registry\nload_registry()")
    assert sorted(loaded & (HEAVY | {"rich"})) == []


def test_the_catalogue_table_loads_no_inventory_model() -> None:
    # Typer itself imports pydantic to coerce options, so the package test above cannot see
    # the models (tens of milliseconds of class building); ask for the module by name.
    assert "auditor.inventory.model" in modules_loaded_by("import auditor.inventory.loader")
    loaded = modules_loaded_by(
        "from auditor.catalogue import load_registry\n"
        "from auditor.output.text import render_catalogue\n"
        "from auditor.text import Lang\n"
        "render_catalogue(load_registry(), Lang.MS)"
    )
    assert sorted(m for m in loaded if m.startswith("auditor.inventory.model")) == []


def test_an_offline_scan_loads_no_network_history_mail_or_what_it_keeps(tmp_path: Path) -> None:
    # Most scans are an officer's offline run: the platforms' clients (requests), DNS
    # (dnspython, asyncio), the history (sqlite3) and mail (smtplib) are for other runs, and
    # rich for a terminal (the text output, the progress bar), which a JSON scan has not.
    unused = {"asyncio", "dns", "requests", "rich", "smtplib", "sqlite3", "urllib3"}
    assert {"requests", "rich", "sqlite3"} <= packages_loaded_by(
        "import auditor.facts.collected, auditor.history.store, auditor.output.text"
    )
    output = tmp_path / "results.json"

    def scan() -> set[str]:
        return modules_loaded_by(
            "import sys\nfrom auditor.cli import app\napp(sys.argv[1:], standalone_mode=False)",
            *("scan", str(REPO / "sample_inventory.yaml"), "--offline", "--no-history"),
            *("--fail-on", "never", "--format", "json", "--output", str(output)),
        )

    first = scan()
    assert output.stat().st_size > 0  # the scan ran
    assert sorted(top_level(first) & unused) == []
    # The first scan kept the holiday table and the picture hashes in the cache (conftest's
    # XDG_CACHE_HOME), and the email domains checked; the next one reads them: neither the
    # holidays package, nor Pillow's drawing and filters (the normalisation before hashing),
    # nor email-validator.
    hashing = {"PIL.ImageChops", "PIL.ImageDraw", "PIL.ImageOps", "PIL.ImageStat"}
    kept = {"email_validator", "holidays"}
    assert kept <= top_level(first) and hashing <= first
    second = scan()
    assert sorted(top_level(second) & (unused | kept)) == []
    assert sorted(second & hashing) == []
