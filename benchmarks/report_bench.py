"""Times the PDF report of a generated 1,000-account inventory beside a naive reference.

The inventory comes from ``benchmarks.generate_inventory``; it is scanned offline once
(``python -m auditor scan --format json``), then each run renders, each in a fresh process:

- the report, from that JSON, by ``auditor report`` itself (reading and checking the file,
  rendering, writing);
- the reference: the same results as the naive PDF, one table row per result (check,
  account, status, message), rendered by WeasyPrint with the report's fonts and PDF/A-3a
  variant, and nothing else.

Both are measured in the same run, alternating, so that the ratio holds on a machine shared
with other work, where the absolute figures do not. Printed: the median wall time of each
(the whole process: start, imports, reading the JSON, rendering, exit), its peak RSS (the
largest over the runs, of that process alone), pages and size, and the ratios.
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

REFERENCE = """
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
"""


@dataclass(frozen=True)
class Run:
    seconds: float  # wall time of the whole process
    peak_kb: int


def scan(inventory_path: Path, results: Path, env: dict[str, str]) -> None:
    command = [sys.executable, "-m", "auditor", "scan", str(inventory_path), "--offline"]
    command += ["--format", "json", "--output", str(results), "--fail-on", "never"]
    command += ["--as-of", "2026-11-24"]
    subprocess.run(command, check=True, env={**os.environ, **env})


def report_command(results: Path, output: Path, lang: str) -> list[str]:
    """``auditor report`` as an officer runs it: the saved JSON read and checked, the PDF."""
    command = [sys.executable, "-m", "auditor", "report", str(results), "-o", str(output)]
    return [*command, "--lang", lang, "--auditor", "Pegawai, PKICT"]


def reference_command(results: Path, output: Path, lang: str) -> list[str]:
    return [sys.executable, "-c", REFERENCE, str(results), str(output), lang]


def one_run(command: list[str]) -> Run:
    """The whole process, as a user waits for it (start, imports, reading, rendering, exit),
    and its own peak RSS (wait4's, ru_maxrss in KB on Linux)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{command[:4]} failed ({process.returncode}): {errors.decode()}")
    return Run(seconds, usage.ru_maxrss)


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
                ours.append(one_run(report_command(results, report, args.lang)))
            if n < args.reference_runs:
                naive.append(one_run(reference_command(results, reference, args.lang)))
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
