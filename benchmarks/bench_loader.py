"""Prints how long the inventory loader takes on large and hostile files.

Run: PYTHONPATH=. python benchmarks/bench_loader.py
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from auditor.inventory.loaded import InventoryError
from auditor.inventory.loader import load_inventory

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


def main() -> None:
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


if __name__ == "__main__":
    main()
