"""What a fresh interpreter imports: the one list of heavy packages the quick paths must not
load, and a probe that runs code in a new process (this one has imported everything)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# The heavy libraries of the scan and the report, by top-level package: each takes tens to
# hundreds of milliseconds to import.
HEAVY = frozenset(
    {
        "ada_url",
        "babel",
        "cryptography",
        "dns",
        "email_validator",
        "holidays",
        "imagehash",
        "jinja2",
        "keyring",
        "numpy",
        "PIL",
        "platformdirs",
        "pydantic",
        "pydantic_core",
        "pyhanko",
        "pykeepass",
        "pypdf",
        "requests",
        "scipy",
        "urllib3",
        "weasyprint",
        "yaml",
        "zxcvbn_rs_py",
    }
)


def top_level(modules: set[str]) -> set[str]:
    return {name.partition(".")[0] for name in modules}


def modules_loaded_by(code: str, *args: str) -> set[str]:
    """The modules a fresh interpreter has imported once ``code`` has run."""
    probe = f"{code}\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=REPO, check=True
    )
    return set(done.stdout.split())


def packages_loaded_by(code: str, *args: str) -> set[str]:
    """The top-level packages a fresh interpreter has imported once ``code`` has run."""
    return top_level(modules_loaded_by(code, *args))
