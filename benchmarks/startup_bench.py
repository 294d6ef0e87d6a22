"""Start-up of the quick commands beside a bare Typer app's ``--help``, measured in one run.

Every command is a fresh process (what a user at the terminal or a cron job starts); the
runs of all commands alternate, so that a busy machine slows each of them alike, and each
figure is the median, printed with its ratio to the bare app's median (issue 12: --help,
--version and checks within 1.5x; the sample's offline scan within 3x).

Run: python -m benchmarks.startup_bench [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

BARE_APP = '''
import typer

app = typer.Typer()


@app.command()
def main(name: str = "x", count: int = 1) -> None:
    """A bare Typer app: the reference."""


app()
'''


def secrets_environment() -> dict[str, str]:
    """The sample's made-up passwords (sample_secrets.env), as ``make demo`` exports them."""
    found: dict[str, str] = {}
    for line in (REPO / "sample_secrets.env").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            found[key.strip()] = value.strip().strip("'\"")
    return found


def commands(bare: Path) -> dict[str, list[str]]:
    auditor = [sys.executable, "-m", "auditor"]
    sample = str(REPO / "sample_inventory.yaml")
    scan = [*auditor, "scan", sample, "--offline", "--no-history", "--fail-on", "never"]
    return {
        "bare Typer app --help": [sys.executable, str(bare), "--help"],
        "auditor --help": [*auditor, "--help"],
        "auditor --version": [*auditor, "--version"],
        "auditor checks": [*auditor, "checks"],
        "auditor scan sample --offline": [*scan, "--as-of", "2026-11-24"],
    }


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env, cwd=REPO)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    env = {**os.environ, **secrets_environment(), "PYTHONWARNINGS": "ignore"}
    # As installed, a package's modules load from bytecode; without this the warm-up could
    # not write it, and every run would compile auditor's sources (a third of a second)
    # while Typer's come precompiled from its wheel.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as folder:
        bare = Path(folder) / "bare.py"
        bare.write_text(BARE_APP, encoding="utf-8")
        chosen = commands(bare)
        for command in chosen.values():  # warm the file cache and the bytecode
            timed(command, env)
        times: dict[str, list[float]] = {name: [] for name in chosen}
        for _ in range(args.runs):
            for name, command in chosen.items():
                times[name].append(timed(command, env))
    reference = statistics.median(times["bare Typer app --help"])
    print(f"{'command':<32} {'median':>9} {'ratio':>7}   ({args.runs} runs each, alternating)")
    for name, seconds in times.items():
        median = statistics.median(seconds)
        print(f"{name:<32} {median * 1000:7.0f} ms {median / reference:6.2f}x")


if __name__ == "__main__":
    main()
