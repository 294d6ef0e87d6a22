"""Prints how long the inventory loader takes on large and hostile files, and on a generated
10,000-account (~10 MB) and a 64 MB inventory beside the reference of the same run: plain
``yaml.load(f, Loader=yaml.CSafeLoader)`` of the same file, which checks nothing.

Run: PYTHONPATH=. python benchmarks/bench_loader.py [--runs N] [--no-64mb]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import yaml

from auditor.inventory.loaded import InventoryError
from auditor.inventory.loader import DEFAULT_MAX_BYTES, load_inventory, read_yaml, validate_as
from auditor.inventory.model import Inventory
from auditor.inventory.yaml_fast_values import fast_values, native_walk_built
from benchmarks.generate_inventory import dump, inventory

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "inventories"

ACCOUNT = """      - id: a{agency}-{account}
        platform: facebook
        url: https://www.facebook.com/melaka{agency}x{account}
        owner: agency
        handler: {{name: Siti Aminah, email: siti.aminah@melaka.gov.my}}
        login_email: korporat{agency}@melaka.gov.my
        mfa: true
        password: env:PASSWORD_{agency}_{account}
        password_changed: 2026-06-01
        admins:
          - {{name: Rahim Ali, email: rahim.ali@melaka.gov.my, role: editor, active: true}}
        profile:
          display_name: Akaun Rasmi {agency}
          last_post: 2026-11-20
          links: [https://www.melaka.gov.my]
"""


def large_inventory(agencies: int, accounts: int) -> str:
    parts = ["version: 1\norganisation:\n  name: Kerajaan Negeri Melaka\nagencies:\n"]
    for agency in range(agencies):
        parts.append(f"  - id: agency-{agency}\n    name: Jabatan {agency}\n    accounts:\n")
        parts += [ACCOUNT.format(agency=agency, account=n) for n in range(accounts)]
    return "".join(parts)


def timed(label: str, action: Callable[[], object]) -> None:
    started = time.perf_counter()
    try:
        action()
        outcome = "loaded"
    except InventoryError as error:
        outcome = f"{len(error.problems)} problem(s)"
    print(f"{label:<48} {time.perf_counter() - started:8.3f} s  ({outcome})")


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        gc.collect()  # each run starts from the same heap, whatever the one before left
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def paused(action: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        gc.disable()
        try:
            return action()
        finally:
            gc.enable()

    return run


def reference_load(path: Path) -> object:
    with path.open("rb") as stream:
        return yaml.load(stream, Loader=yaml.CSafeLoader)


def compare(label: str, path: Path, runs: int) -> None:
    """The loader's median time beside the CSafeLoader reference's, on the same file."""
    limit = max(DEFAULT_MAX_BYTES, path.stat().st_size)
    loader = median_seconds(lambda: load_inventory(path, max_bytes=limit), runs)
    reference = median_seconds(lambda: reference_load(path), runs)
    print(
        f"{label:<34} {path.stat().st_size / 1e6:5.1f} MB  loader {loader:6.2f} s  "
        f"CSafeLoader {reference:6.2f} s  ratio {loader / reference:4.2f}  "
        f"(medians of {runs})"
    )
    # Where the loader's time goes: the YAML to plain values with positions, then the model,
    # each with the cycle collector paused as the loader pauses it.
    _, converted = read_yaml(path, max_bytes=limit)
    values = median_seconds(paused(lambda: read_yaml(path, max_bytes=limit)), runs)
    model = median_seconds(paused(lambda: validate_as(path, Inventory, converted)), runs)
    print(f"{'':<34} {'':5}     values {values:6.2f} s  model {model:6.2f} s")
    # The walk over libyaml's events in C (built at install) beside the same walk in Python.
    text = path.read_text(encoding="utf-8")
    walks = {
        name: median_seconds(
            paused(partial(fast_values, text, max_nodes=limit, native=native)), runs
        )
        for name, native in (("C", True), ("Python", False))
    }
    built = "" if native_walk_built() else "  (the C walk is not built: both are Python)"
    c_walk, python_walk = walks["C"], walks["Python"]
    print(f"{'':<34} {'':5}     walk in C {c_walk:6.2f} s  in Python {python_walk:6.2f} s{built}")


def sixty_four_mb() -> str:
    """A generated inventory of 64 MB: 10,000-account files one after the other (the agency
    and account ids made unique again), cut after the last agency that fits."""
    one = dump(inventory(10_000))
    head, _, body = one.partition("agencies:\n")
    copies = [body.replace("agensi-", f"agensi{n}-") for n in range(64 * 10**6 // len(body) + 1)]
    text = head + "agencies:\n" + "".join(copies)
    return text[: text.rfind("\n- id: ", 0, 64 * 10**6) + 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-64mb", action="store_true", help="skip the 64 MB file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.yaml"
        big.write_text(large_inventory(50, 40), encoding="utf-8")
        wide = Path(folder) / "wide.yaml"
        wide.write_text("version: 1\nitems: [" + "0, " * 1_100_000 + "0]\n", encoding="utf-8")
        size = big.stat().st_size // 1024
        timed("valid.yaml (3 accounts)", lambda: load_inventory(FIXTURES / "valid.yaml"))
        timed(f"2,000 accounts ({size} KiB)", lambda: load_inventory(big))
        timed("alias bomb (9 levels of 9)", lambda: load_inventory(FIXTURES / "alias_bomb.yaml"))
        timed("1.1 million values (over the node limit)", lambda: load_inventory(wide))
        generated = Path(folder) / "generated.yaml"
        generated.write_text(dump(inventory(10_000)), encoding="utf-8")
        compare("10,000 accounts (generated)", generated, args.runs)
        if not args.no_64mb:
            huge = Path(folder) / "huge.yaml"
            huge.write_text(sixty_four_mb(), encoding="utf-8")
            compare("64 MB (generated, repeated)", huge, args.runs)


if __name__ == "__main__":
    main()
