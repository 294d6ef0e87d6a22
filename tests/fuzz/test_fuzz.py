"""The short, reproducible fuzz run for CI (fixed seed through derandomize); the long run
is ``python -m benchmarks.fuzz_bench``."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
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

CI = settings(
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@settings(CI, max_examples=120)
@given(inventories(), st.sampled_from(FORMATS))
def test_scan_never_crashes_nor_leaks(data: dict[str, Any], fmt: str) -> None:
    check_scan(data, fmt)


@settings(CI, max_examples=150)
@given(st.one_of(inventories().map(yaml_text), st.text(max_size=300)))
def test_loader_raises_only_inventory_errors(text: str) -> None:
    check_loader(text)


@settings(CI, max_examples=40)
@given(results_mutations())
def test_report_on_mutated_results_is_0_or_2(text: str) -> None:
    check_report(text)
