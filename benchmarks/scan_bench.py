"""Times offline scans of generated inventories (1k, 5k, 10k and 20k accounts by default) and
reports their peak memory, each beside a reference measured in the same run.

Each run is a fresh `python -m auditor scan ... --format json` process, as cron would run it,
with the passwords read and judged as in a real audit. The reference is a fresh process that
only parses the same file with PyYAML's C loader (`yaml.load(f, Loader=yaml.CSafeLoader)`):
scan and reference runs alternate, so that a busy machine slows both alike and the ratios
hold where the seconds do not. The figures are the median wall time over the runs and the
largest peak RSS; the last column says how the scan's time grows from one size to the next.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks.generate_inventory import dump, inventory, password_environment

DEFAULT_SIZES = (1_000, 5_000, 10_000, 20_000)
# The default limit is 10 MB; a generated 20,000-account inventory is about 20 MB.
MAX_INVENTORY_SIZE = "64MB"
_REFERENCE = (
    "import sys, yaml\n"
    "with open(sys.argv[1], encoding='utf-8') as f:\n"
    "    yaml.load(f, Loader=yaml.CSafeLoader)\n"
)
# A wrapper process per run, so that RUSAGE_CHILDREN measures the one child alone.
_WRAPPER = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


@dataclass(frozen=True)
class Figures:
    seconds: float  # median wall time
    peak_mb: float  # largest peak RSS


def measured(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KB) of one fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *command],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout.split()
    return float(out[0]), int(out[1])


def scan_command(inventory_path: Path, output: Path) -> list[str]:
    return [
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
        "--no-history",
        "--max-inventory-size",
        MAX_INVENTORY_SIZE,
    ]


def summary(runs: list[tuple[float, int]]) -> Figures:
    return Figures(statistics.median(t for t, _ in runs), max(rss for _, rss in runs) / 1024)


def bench_size(accounts: int, runs: int, folder: Path) -> tuple[Figures, Figures, float]:
    """(scan, reference, size in MB) for one generated inventory."""
    path = folder / f"inventory-{accounts}.yaml"
    document = inventory(accounts)
    path.write_text(dump(document), "utf-8")
    env = {**os.environ, **password_environment(document)}
    scan = scan_command(path, folder / f"results-{accounts}.json")
    reference = [sys.executable, "-c", _REFERENCE, str(path)]
    scans, references = [], []
    for _ in range(runs):
        scans.append(measured(scan, env))
        references.append(measured(reference, env))
    return summary(scans), summary(references), path.stat().st_size / 1e6


def parse_sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part.replace("_", "")) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of account counts: {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("account counts must be positive")
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=DEFAULT_SIZES,
        help="comma-separated account counts (default: 1000,5000,10000,20000)",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of each (default: 3)")
    parser.add_argument("--json", type=Path, help="also write the figures here as JSON")
    args = parser.parse_args()
    print(
        f"{'accounts':>8} {'MB':>5} | {'scan s':>7} {'peak MB':>7} | {'yaml s':>7} "
        f"{'peak MB':>7} | {'time x':>6} {'mem x':>6} | {'growth':>6}"
    )
    rows = []
    previous: tuple[int, float] | None = None
    with tempfile.TemporaryDirectory() as folder:
        for accounts in args.sizes:
            scan, reference, size_mb = bench_size(accounts, args.runs, Path(folder))
            growth = ""
            if previous is not None:  # time per account, relative to the previous size
                growth = f"{(scan.seconds / accounts) / (previous[1] / previous[0]):.2f}"
            previous = (accounts, scan.seconds)
            print(
                f"{accounts:>8} {size_mb:>5.1f} | {scan.seconds:>7.2f} {scan.peak_mb:>7.0f} | "
                f"{reference.seconds:>7.2f} {reference.peak_mb:>7.0f} | "
                f"{scan.seconds / reference.seconds:>6.1f} {scan.peak_mb / reference.peak_mb:>6.1f}"
                f" | {growth:>6}",
                flush=True,
            )
            rows.append(
                {
                    "accounts": accounts,
                    "inventory_mb": size_mb,
                    "scan": {"seconds": scan.seconds, "peak_mb": scan.peak_mb},
                    "reference": {"seconds": reference.seconds, "peak_mb": reference.peak_mb},
                }
            )
    print(
        f"median of {args.runs} runs; peak RSS the largest; reference: a fresh process "
        "parsing the same file with yaml.CSafeLoader; growth: seconds per account over "
        "those of the size before (1.00: linear)"
    )
    if args.json:
        args.json.write_text(json.dumps({"runs": args.runs, "sizes": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
