"""Listing the checks (``auditor checks``) starts fast: it loads none of the heavy packages.

Each of these takes tens to hundreds of milliseconds to import; a scan needs them, the
catalogue does not (issue 12). The probe runs in a fresh interpreter, since this one has
imported everything already.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HEAVY = frozenset(
    {
        "ada_url",
        "cryptography",
        "dns",
        "email_validator",
        "holidays",
        "jinja2",
        "keyring",
        "PIL",
        "pydantic",
        "pydantic_core",
        "pyhanko",
        "pykeepass",
        "requests",
        "rich",
        "urllib3",
        "weasyprint",
        "yaml",
        "zxcvbn_rs_py",
    }
)


def packages_loaded_by(code: str) -> set[str]:
    """The top-level packages a fresh interpreter has imported once ``code`` has run."""
    probe = f"{code}\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=True
    )
    return {name.partition(".")[0] for name in done.stdout.split()}


def test_listing_the_checks_loads_no_heavy_package() -> None:
    # The probe must see a heavy import when there is one, or an empty answer would pass.
    assert {"pydantic", "pydantic_core"} <= packages_loaded_by("import auditor.inventory.model")
    loaded = packages_loaded_by("from auditor.catalogue import load_registry\nload_registry()")
    assert sorted(loaded & HEAVY) == []
