"""Times an offline scan of a generated 10,000-account inventory and reports its peak memory.

Each run is a fresh `python -m auditor scan ... --format json` process, as cron would run it;
the figures are the median wall time over the runs and the largest peak RSS.
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

from benchmarks.generate_inventory import dump, inventory, password_environment


def one_run(inventory_path: Path, output: Path, env: dict[str, str]) -> tuple[float, int]:
    command = [
        sys.executable,
        "-m",
        "auditor",
        "scan",
        str(inventory_path),
        "--offline",
        "--format",
        "json",
        "--output",
        str(output),
        "--fail-on",
        "never",
        "--as-of",
        "2026-11-24",
    ]
    script = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter(); subprocess.run(sys.argv[1:], check=True)\n"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    # A wrapper process per run, so that RUSAGE_CHILDREN measures this scan alone.
    out = subprocess.run(
        [sys.executable, "-c", script, *command],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    ).stdout.split()
    return float(out[0]), int(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "inventory.yaml"
        started = time.perf_counter()
        document = inventory(args.accounts)
        path.write_text(dump(document), "utf-8")
        # The passwords are read and judged, as in a real audit.
        env = password_environment(document)
        print(
            f"generated {args.accounts} accounts ({path.stat().st_size / 1e6:.1f} MB) "
            f"in {time.perf_counter() - started:.1f} s"
        )
        runs = [one_run(path, Path(folder) / "results.json", env) for _ in range(args.runs)]
        times = [t for t, _ in runs]
        peak_mb = max(rss for _, rss in runs) / 1024
        print(
            f"offline scan, {args.runs} runs: median {statistics.median(times):.2f} s "
            f"(min {min(times):.2f}, max {max(times):.2f}); peak RSS {peak_mb:.0f} MB"
        )


if __name__ == "__main__":
    main()
