"""Listing the checks (``auditor checks``) starts fast: it loads none of the heavy packages.

Each of these takes tens to hundreds of milliseconds to import; a scan needs them, the
catalogue does not (issue 12). The probe runs in a fresh interpreter, since this one has
imported everything already.
"""

from __future__ import annotations

from tests.import_probe import HEAVY, packages_loaded_by


def test_listing_the_checks_loads_no_heavy_package() -> None:
    # The probe must see a heavy import when there is one, or an empty answer would pass.
    assert {"pydantic", "pydantic_core"} <= packages_loaded_by("import auditor.inventory.model")
    loaded = packages_loaded_by("from auditor.catalogue import load_registry\nload_registry()")
    assert sorted(loaded & (HEAVY | {"rich"})) == []
