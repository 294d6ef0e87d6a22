"""Times the PDF report of a generated 1,000-account inventory and reports its peak memory.

The inventory comes from ``benchmarks.generate_inventory``; it is scanned offline once
(``python -m auditor scan --format json``), then each run renders the PDF from that JSON in
a fresh process (``auditor.report.write_report``), as ``auditor report`` would. The
figures are the median wall time over the runs, the largest peak RSS (``getrusage`` of
the child), the page count and the file size. Goal (issue 4): <= 15 s and <= 500 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from benchmarks.generate_inventory import dump, inventory, password_environment

RENDER = """
import json, resource, sys, time
from pathlib import Path
from auditor.report import write_report
from auditor.text import Lang
results = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
started = time.perf_counter()
write_report(results, Path(sys.argv[2]), lang=Lang(sys.argv[3]), auditor="Pegawai, PKICT")
elapsed = time.perf_counter() - started
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def scan(inventory_path: Path, results: Path, env: dict[str, str]) -> None:
    command = [sys.executable, "-m", "auditor", "scan", str(inventory_path), "--offline"]
    command += ["--format", "json", "--output", str(results), "--fail-on", "never"]
    command += ["--as-of", "2026-11-24"]
    subprocess.run(command, check=True, env={**os.environ, **env})


def one_run(results: Path, output: Path, lang: str) -> tuple[float, float, int]:
    """(wall time of the whole process, time inside write_report, peak RSS in KB)."""
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", RENDER, str(results), str(output), lang],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return time.perf_counter() - started, float(out[0]), int(out[1])


def page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lang", choices=["ms", "en"], default="ms")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path, results, pdf = (Path(folder) / n for n in ("inv.yaml", "res.json", "out.pdf"))
        document = inventory(args.accounts)
        path.write_text(dump(document), "utf-8")
        scan(path, results, password_environment(document))  # passwords judged, as for real
        data = json.loads(results.read_text("utf-8"))
        statuses = Counter(r["status"] for r in data["results"])
        print(f"{args.accounts} accounts, {len(data['results'])} results: {dict(statuses)}")
        runs = [one_run(results, pdf, args.lang) for _ in range(args.runs)]
        walls, inner = [r[0] for r in runs], [r[1] for r in runs]
        print(
            f"report ({args.lang}), {args.runs} runs: median {statistics.median(walls):.2f} s "
            f"per process (min {min(walls):.2f}, max {max(walls):.2f}), "
            f"{statistics.median(inner):.2f} s in write_report; "
            f"peak RSS {max(r[2] for r in runs) / 1024:.0f} MB; "
            f"{page_count(pdf)} pages, {pdf.stat().st_size / 1e6:.1f} MB"
        )


if __name__ == "__main__":
    main()
