"""The long fuzz run: the CI properties (tests/fuzz/properties.py) with many more examples,
random seeds and no stop at the first failure. Prints inputs tried and failures found.

    python -m benchmarks.fuzz_bench [--examples N]
"""

from __future__ import annotations

import argparse
import time
import traceback
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.fuzz.properties import (
    FORMATS,
    check_loader,
    check_report,
    check_scan,
    inventories,
    results_mutations,
    yaml_text,
)


def run(name: str, strategy: st.SearchStrategy[Any], check: Callable[..., None], n: int) -> None:
    tried = 0
    failures: list[str] = []

    @settings(
        max_examples=n,
        deadline=None,
        database=None,
        phases=[Phase.generate],  # no shrinking: count every failing input, keep going
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def prop(value: Any) -> None:
        nonlocal tried
        tried += 1
        try:
            check(*value) if isinstance(value, tuple) else check(value)
        except Exception as exc:  # any exception is a failure found; keep going
            where = traceback.extract_tb(exc.__traceback__)[-1]
            failures.append(
                f"{type(exc).__name__} at {where.filename}:{where.lineno}: {exc!r}"[:400]
                + f"\n    input: {value!r}"[:600]
            )

    start = time.perf_counter()
    prop()
    seconds = time.perf_counter() - start
    print(f"{name}: {tried} inputs tried, {len(failures)} failures, {seconds:.1f} s")
    for failure in failures[:5]:
        print(f"  failure: {failure}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=1000, help="inputs per property")
    n = parser.parse_args().examples
    run("scan (every check, every format)", st.tuples(inventories(), st.sampled_from(FORMATS)),
        check_scan, n)  # fmt: skip
    run("loader", st.one_of(inventories().map(yaml_text), st.text(max_size=2000)), check_loader, n)
    run("report on mutated results", results_mutations(), check_report, max(1, n // 4))


if __name__ == "__main__":
    main()
