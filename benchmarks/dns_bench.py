"""DNS gathering speed: 500 domains' MX, SPF and DMARC against a slow loopback server.

The server (tests/dns/loopback.py, threaded, in a process of its own as a real resolver
would be, so that it does not share this process's GIL) adds DELAY to every answer,
standing in for a real resolver's round trip. The concurrent run is the scanner's
gatherer as a scan uses it; the serial run asks the same questions one at a time through
the same seam (one question in flight), on a sample of domains, scaled up to the full count.

    PYTHONPATH=. python benchmarks/dns_bench.py [--domains 500] [--sample 50] [--delay 0.02]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from auditor.dns import ResolverSettings, parse_nameserver
from auditor.dns.gather import gather_dns


def zone(count: int) -> str:
    lines = ["$ORIGIN test.", "$TTL 300"]
    for i in range(count):
        name = f"d{i}"
        lines += [
            f"{name} IN MX 10 mail.{name}.test.",
            f'{name} IN TXT "v=spf1 ip4:192.0.2.0/24 mx -all"',
            f'_dmarc.{name} IN TXT "v=DMARC1; p=reject"',
        ]
    return "\n".join(lines) + "\n"


def timed(domains: list[str], settings: ResolverSettings) -> tuple[float, float, int]:
    """Wall time, this process's CPU time, and the questions answered with records."""
    started, cpu = time.perf_counter(), time.process_time()
    facts = gather_dns(domains, [], settings)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    answered = sum(1 for d in facts.domains for q in (d.mx, d.txt, d.dmarc) if q.records)
    return elapsed, cpu, answered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--domains", type=int, default=500)
    parser.add_argument("--sample", type=int, default=50, help="domains in the serial run")
    parser.add_argument("--delay", type=float, default=0.02, help="seconds added per answer")
    parser.add_argument("--in-flight", type=int, default=128)
    args = parser.parse_args()

    domains = [f"d{i}.test" for i in range(args.domains)]
    with tempfile.TemporaryDirectory() as folder:
        zone_file = Path(folder) / "bench.zone"
        zone_file.write_text(zone(args.domains), encoding="utf-8")
        command = [sys.executable, "-m", "tests.dns.loopback", str(zone_file)]
        with subprocess.Popen(
            [*command, "--delay", str(args.delay)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        ) as server:
            assert server.stdin is not None and server.stdout is not None
            ns = (parse_nameserver(f"127.0.0.1:{server.stdout.readline().strip()}"),)
            concurrent = ResolverSettings(nameservers=ns, max_in_flight=args.in_flight)
            serial = ResolverSettings(nameservers=ns, max_in_flight=1)
            elapsed, cpu, answered = timed(domains, concurrent)
            sample = domains[: args.sample]
            serial_sample, _, _ = timed(sample, serial)
            server.stdin.close()
            questions, peak = (int(n) for n in server.stdout.readline().split())

    serial_estimate = serial_sample * len(domains) / len(sample)
    print(f"domains: {len(domains)}  questions answered with records: {answered}")
    print(f"questions the server received (both runs): {questions}")
    print(f"server delay per answer: {args.delay * 1000:.0f} ms; in flight: {args.in_flight}")
    print(f"concurrent (all {len(domains)} domains): {elapsed:.2f} s (client CPU {cpu:.2f} s)")
    print(
        f"serial, one question at a time: {serial_sample:.2f} s for {len(sample)} domains, "
        f"estimated {serial_estimate:.2f} s for {len(domains)}"
    )
    print(f"speed-up: {serial_estimate / elapsed:.1f}x  (peak answers in progress: {peak})")


if __name__ == "__main__":
    main()
