"""Gatherers: only those the selected checks need run, phase by phase."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest

from auditor.catalogue import load_registry
from auditor.engine import ScanOptions, scan
from auditor.facts import Fact, Phase
from auditor.facts.dns import DnsGatherer
from auditor.facts.gatherer import GatherContext, run_gatherers
from auditor.inventory.loaded import LoadedInventory
from tests.factories import AS_OF, inventory


@dataclass(frozen=True)
class Recorder:
    provides: frozenset[Fact]
    phase: Phase
    calls: list[tuple[Fact, ...]] = field(default_factory=list)

    def gather(self, context: GatherContext) -> Mapping[Fact, Mapping[str, Any]]:
        self.calls.append(tuple(sorted(self.provides, key=lambda f: f.value)))
        return {}


def _context(needed: frozenset[Fact]) -> GatherContext:
    source = LoadedInventory(path=Path("i.yaml"), sha256="0" * 64, inventory=inventory())
    return GatherContext(
        source=source,
        accounts=source.inventory.accounts(),
        domains=(),
        options=ScanOptions(as_of=AS_OF, offline=True),
        needed=needed,
    )


def test_only_the_gatherers_of_needed_facts_run_in_phase_order() -> None:
    calls: list[tuple[Fact, ...]] = []
    gatherers = [
        Recorder(frozenset({Fact.PASSWORD}), Phase.PASSWORDS, calls),
        Recorder(frozenset({Fact.PICTURE}), Phase.DERIVED, calls),
        Recorder(frozenset({Fact.MEDIA}), Phase.DERIVED, calls),
        Recorder(frozenset({Fact.PROFILE}), Phase.COLLECT, calls),
    ]
    run_gatherers(gatherers, _context(frozenset({Fact.PROFILE, Fact.PICTURE, Fact.PASSWORD})))
    assert calls == [(Fact.PROFILE,), (Fact.PICTURE,), (Fact.PASSWORD,)]


def test_each_check_declares_what_it_reads() -> None:
    registry = load_registry()
    assert registry.needs(frozenset({"PWD-002"})) == frozenset()  # the date, not the secret
    assert registry.needs(frozenset({"ACC-001"})) == frozenset()
    assert registry.needs(frozenset({"PRF-002"})) == {Fact.PROFILE, Fact.PICTURE}
    assert registry.needs(frozenset({"DOM-004"})) == {Fact.PROFILE, Fact.WEBSITE_DNS}
    assert registry.needs(None) == frozenset(Fact)


def test_selecting_pwd_002_reads_no_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import auditor.passwords.gather

    read: list[int] = []
    real = auditor.passwords.gather.gather_password_facts

    def counting(*args: Any) -> Any:
        read.append(1)
        return real(*args)

    monkeypatch.setattr(auditor.passwords.gather, "gather_password_facts", counting)
    source = LoadedInventory(path=tmp_path / "i.yaml", sha256="0" * 64, inventory=inventory())
    options = ScanOptions(as_of=dt.date(2026, 11, 24), offline=True)
    scan(source, load_registry(), replace(options, check_ids=frozenset({"PWD-002"})))
    assert read == []
    scan(source, load_registry(), replace(options, check_ids=frozenset({"PWD-001"})))
    assert read == [1]


def test_the_accounts_with_their_profiles_are_copied_once_per_context() -> None:
    context = _context(frozenset(Fact))
    first, second = context.with_profiles(), context.with_profiles()
    assert first == second and first is not second  # each caller gets a list of its own
    assert all(a[1] is b[1] for a, b in zip(first, second, strict=True))
    # a new context (the collect phase's profiles handed on) copies them afresh
    again = replace(context, collected={}).with_profiles()
    assert all(a[1] is not b[1] for a, b in zip(first, again, strict=True))


def test_offline_the_dns_gatherer_reads_no_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> object:
        raise AssertionError("profiles read for an offline DNS gatherer")

    monkeypatch.setattr(GatherContext, "with_profiles", refuse)
    assert DnsGatherer().gather(_context(frozenset(Fact))) == {}
