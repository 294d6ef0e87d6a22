"""Passwords judged by forked workers: the same verdicts as in one process, and no secret
ever among what the workers send back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from auditor.catalogue import load_registry
from auditor.engine import ScanOptions, scan
from auditor.inventory.loaded import LoadedInventory
from auditor.inventory.loader import load_inventory
from auditor.passwords import gather
from auditor.passwords.facts import PasswordFacts
from auditor.passwords.gather import FORK_FROM, PasswordScanOptions, gather_password_facts
from auditor.passwords.policy import evaluate
from auditor.passwords.wire import Verdict, decode_verdicts
from benchmarks.generate_inventory import dump, inventory, password_environment
from tests.passwords.conftest import write_breach_list

ACCOUNTS = FORK_FROM + 100  # enough to be shared with the workers


@pytest.fixture
def generated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[LoadedInventory, set[str]]:
    """A generated inventory (weak, strong and shared passwords), and its secrets."""
    document = inventory(ACCOUNTS)
    path = tmp_path / "inventory.yaml"
    path.write_text(dump(document), "utf-8")
    environment = password_environment(document)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return load_inventory(path), set(environment.values())


def judged(source: LoadedInventory, workers: int, **options: Any) -> dict[str, PasswordFacts]:
    accounts = list(source.inventory.accounts())
    return gather_password_facts(
        source, accounts, PasswordScanOptions(offline=True, workers=workers, **options)
    )


def received(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Every answer this process reads from its workers, as read."""
    answers: list[bytes] = []

    def spy(data: bytes) -> list[Verdict]:
        answers.append(data)
        return decode_verdicts(data)

    monkeypatch.setattr(gather, "decode_verdicts", spy)
    return answers


def test_forked_verdicts_are_the_serial_ones(
    generated: tuple[LoadedInventory, set[str]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    source, secrets = generated
    # A breach list (looked up by this process) and one password whose judging raises.
    breach = write_breach_list(tmp_path / "pwned.txt", dict.fromkeys(sorted(secrets)[:50], 1))
    failing = sorted(secrets)[60]

    def sometimes_raises(password: str, *args: Any, **kwargs: Any) -> Any:
        if password == failing:
            raise ValueError("cannot judge")
        return evaluate(password, *args, **kwargs)

    monkeypatch.setattr(gather, "evaluate", sometimes_raises)
    serial = judged(source, 1, breach_list=breach)
    answers = received(monkeypatch)
    forked = judged(source, 2, breach_list=breach)
    assert len(answers) == 2  # one share judged here, one by a worker
    assert forked == serial
    assert list(forked) == list(serial)
    facts = list(serial.values())
    assert sum(1 for f in facts if f.read_error) == 1
    assert sum(1 for f in facts if f.broken_rules and "breached" in str(f.broken_rules)) >= 50
    assert any(f.reused_with for f in facts)


def test_no_secret_comes_back_from_the_workers(
    generated: tuple[LoadedInventory, set[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    source, secrets = generated
    answers = received(monkeypatch)
    judged(source, 3)
    assert len(answers) == 3
    lines = [line for answer in answers for line in answer.decode("ascii").split("\n")]
    assert len(lines) == ACCOUNTS  # a verdict for every password, and nothing more
    text = b"\n".join(answers).decode("ascii")
    for secret in secrets:
        pieces = {secret[i : i + 6] for i in range(len(secret) - 5)}
        assert not any(piece in text for piece in pieces), "a secret came back"


def test_a_forked_scan_gives_the_serial_results(
    generated: tuple[LoadedInventory, set[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    source, _ = generated
    answers = received(monkeypatch)
    runs = [
        scan(source, load_registry(), ScanOptions(dt.date(2026, 11, 24), True, workers=n))
        for n in (1, 2)
    ]
    assert len(answers) == 2
    assert runs[0].results == runs[1].results
