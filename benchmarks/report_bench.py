"""Times the PDF report of a generated 1,000-account inventory beside a naive reference.

The inventory comes from ``benchmarks.generate_inventory``; it is scanned offline once
(``python -m auditor scan --format json``), then each run renders, each in a fresh process:

- the report, from that JSON (``auditor.report.write_report``), as ``auditor report`` would;
- the reference: the same results as the naive PDF, one table row per result (check,
  account, status, message), rendered by WeasyPrint with the report's fonts and PDF/A-3a
  variant, and nothing else.

Both are measured in the same run, alternating, so that the ratio holds on a machine shared
with other work, where the absolute figures do not. Printed: the median wall time of each
(the whole process: start, imports, reading the JSON, rendering), its peak RSS (the
largest over the runs), pages and size, and the ratios.
Goal (issue 12): the report in at most 10 s and 450 MB.
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
from dataclasses import dataclass
from pathlib import Path

from benchmarks.generate_inventory import dump, inventory, password_environment

# Printed by each rendering process: its peak RSS (ru_maxrss, KB on Linux). Not its
# children's: they are WeasyPrint's library look-ups on import (ldconfig, gcc), gone long
# before the peak.
_PEAK = """
import resource
def peak():
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

RENDER = (
    _PEAK
    + """
import json, sys
from pathlib import Path
from auditor.report import write_report
from auditor.text import Lang
results = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
write_report(results, Path(sys.argv[2]), lang=Lang(sys.argv[3]), auditor="Pegawai, PKICT")
peak()
"""
)

REFERENCE = (
    _PEAK
    + """
import html, json, sys
from pathlib import Path
import weasyprint
from auditor.resources import templates_dir
results = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
rows = "".join(
    f"<tr><td>{html.escape(r['check'])}</td><td>{html.escape(str(r['account']))}</td>"
    f"<td>{html.escape(r['status'])}</td><td>{html.escape(r['message'])}</td></tr>"
    for r in results["results"]
)
page = (
    f"<html lang='{sys.argv[3]}'><head><title>Reference</title>"
    "<link rel='stylesheet' href='fonts.css'><style>html { font-family: 'Report Sans'; "
    "font-size: 8pt } table { border-collapse: collapse } td { border: 0.4pt solid #bbb }"
    f"</style></head><body><table>{rows}</table></body></html>"
)
base = (templates_dir() / "report").resolve().as_uri() + "/"
Path(sys.argv[2]).write_bytes(
    weasyprint.HTML(string=page, base_url=base).write_pdf(pdf_variant="pdf/a-3a"))
peak()
"""
)


@dataclass(frozen=True)
class Run:
    seconds: float  # wall time of the whole process
    peak_kb: int


def scan(inventory_path: Path, results: Path, env: dict[str, str]) -> None:
    command = [sys.executable, "-m", "auditor", "scan", str(inventory_path), "--offline"]
    command += ["--format", "json", "--output", str(results), "--fail-on", "never"]
    command += ["--as-of", "2026-11-24"]
    subprocess.run(command, check=True, env={**os.environ, **env})


def one_run(script: str, results: Path, output: Path, lang: str) -> Run:
    """The whole process, as a user waits for it: start, imports, reading the JSON, PDF."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script, str(results), str(output), lang],
        check=True,
        capture_output=True,
        text=True,
    )
    return Run(time.perf_counter() - started, int(done.stdout.split()[-1]))


def page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def summary(name: str, runs: list[Run], pdf: Path) -> str:
    return (
        f"{name:<10} median {statistics.median(r.seconds for r in runs):6.2f} s "
        f"(min {min(r.seconds for r in runs):.2f}, max {max(r.seconds for r in runs):.2f}), "
        f"peak RSS {max(r.peak_kb for r in runs) / 1024:4.0f} MB, "
        f"{page_count(pdf)} pages, {pdf.stat().st_size / 1e6:.1f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lang", choices=["ms", "en"], default="ms")
    # the reference takes minutes and GBs (about 5 min and 3 GB for 1,000 accounts)
    parser.add_argument("--reference-runs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path, results = Path(folder) / "inv.yaml", Path(folder) / "res.json"
        report, reference = Path(folder) / "report.pdf", Path(folder) / "reference.pdf"
        document = inventory(args.accounts)
        path.write_text(dump(document), "utf-8")
        scan(path, results, password_environment(document))  # passwords judged, as for real
        data = json.loads(results.read_text("utf-8"))
        statuses = Counter(r["status"] for r in data["results"])
        print(f"{args.accounts} accounts, {len(data['results'])} results: {dict(statuses)}")
        ours: list[Run] = []
        naive: list[Run] = []
        for n in range(max(args.runs, args.reference_runs)):  # alternating: the same load
            if n < args.runs:
                ours.append(one_run(RENDER, results, report, args.lang))
            if n < args.reference_runs:
                naive.append(one_run(REFERENCE, results, reference, args.lang))
        print(f"report in {args.lang}, {args.runs} runs; reference, {args.reference_runs}:")
        print(summary("report", ours, report))
        if not naive:
            return
        print(summary("reference", naive, reference))
        time_ratio = statistics.median(r.seconds for r in ours) / statistics.median(
            r.seconds for r in naive
        )
        memory_ratio = max(r.peak_kb for r in ours) / max(r.peak_kb for r in naive)
        print(f"report / reference: time {time_ratio:.2f}, peak RSS {memory_ratio:.2f}")


if __name__ == "__main__":
    main()
