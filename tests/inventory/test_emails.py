"""The email shortcut gives pydantic's normal form and pydantic's refusals, word for word."""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic.networks import validate_email
from pydantic_core import PydanticCustomError

import auditor.inventory.emails
from auditor.inventory.emails import DOMAINS_FILE, keep_domains, kept_domains, normalised_email

DOMAINS = [
    "melaka.gov.my", "MELAKA.Gov.My", "gmail.com", "x.local", "a.test", "localhost",
    "b.123", "-a.com", "a-.com", "a..com", "xn--bcher-kva.example", "XN--BCHER-KVA.example",
    "a" * 63 + ".com", "a" * 64 + ".com", ".".join(["abcdefghi"] * 26) + ".my", "1.2.3.4",
    "example.invalid", "my", "a_b.com",
    # 111 characters in ASCII, 247 bytes in Unicode: "siti.aminah@" is then too long, "x@" not.
    "xn--fiqaaaaaaaaaaaaaaaaaaa." * 4 + "com",
]  # fmt: skip
LOCALS = [
    "siti", "siti.aminah", "korporat.agensi-1", "a+b", "postmaster", "Postmaster", "INFO",
    "Siti", "a..b", ".a", "a.", "", "x" * 64, "x" * 65, '"quoted"', "a b", "ä", "a@b",
]  # fmt: skip


def library(address: str) -> str:
    """pydantic's own verdict: the normal form, or its message."""
    try:
        return validate_email(address)[1]
    except PydanticCustomError as error:
        return f"refused: {error}"


def shortcut(address: str, domains: dict[str, str | None]) -> str:
    try:
        return normalised_email(address, domains)
    except PydanticCustomError as error:
        return f"refused: {error}"


def test_every_listed_address_agrees_with_the_library() -> None:
    domains: dict[str, str | None] = {}
    for _ in range(2):  # the second time from the remembered domains
        for local in LOCALS:
            for domain in DOMAINS:
                address = f"{local}@{domain}"
                assert shortcut(address, domains) == library(address), address
    assert domains["melaka.gov.my"] == "melaka.gov.my"
    assert domains["x.local"] is None  # refused: its addresses get the library's message


TEXT = st.text(alphabet=st.sampled_from(list("aZ0-._+@ ")), max_size=20)


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(LOCALS) | TEXT, st.sampled_from(DOMAINS) | TEXT), max_size=8)
)
def test_fuzzed_addresses_agree_with_the_library(pairs: list[tuple[str, str]]) -> None:
    domains: dict[str, str | None] = {}
    for local, domain in pairs:
        address = f"{local}@{domain}"
        assert shortcut(address, domains) == library(address), address


@pytest.mark.parametrize("address", ["siti@melaka.gov.my", "Siti@x.local", "no-at-sign"])
def test_without_a_load_every_address_goes_to_the_library(address: str) -> None:
    try:
        outcome = normalised_email(address)
    except PydanticCustomError as error:
        outcome = f"refused: {error}"
    assert outcome == library(address)


def _kept_load(cache: Path, *addresses: str) -> list[str]:
    """One load's worth of addresses through the kept domains, as the loader does it."""
    domains = kept_domains(cache)
    before = len(domains)
    found = [shortcut(address, domains) for address in addresses]
    keep_domains(cache, before, domains)
    return found


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The addresses the library was asked about."""
    seen: list[str] = []
    real = auditor.inventory.emails._validate_email

    def counting(value: str) -> str:
        seen.append(value)
        return real(value)

    monkeypatch.setattr(auditor.inventory.emails, "_validate_email", counting)
    return seen


def test_a_second_load_reads_the_kept_domains(tmp_path: Path, asked: list[str]) -> None:
    addresses = ("siti@melaka.gov.my", "ali@gmail.com", "x@-a.com", "Siti@MELAKA.Gov.My")
    first = _kept_load(tmp_path, *addresses)
    assert first == [library(a) for a in addresses]
    kept = json.loads((tmp_path / DOMAINS_FILE).read_text(encoding="utf-8"))
    assert kept["valid"] == ["melaka.gov.my", "gmail.com"]  # a refused domain is not kept
    asked.clear()
    assert _kept_load(tmp_path, *addresses[:2]) == first[:2]
    assert asked == []  # the kept domains answer: the library is not even imported for them


def _keep(cache: Path, valid: list[str], **key: str) -> None:
    stored = {"format": 1, "email-validator": metadata.version("email-validator")}
    stored |= {"pydantic": metadata.version("pydantic"), **key, "valid": valid}
    (cache / DOMAINS_FILE).write_text(json.dumps(stored), encoding="utf-8")


def test_the_kept_domains_are_trusted_for_their_versions_only(tmp_path: Path) -> None:
    # A domain the library refuses, kept by hand: what an edit of the cache could do.
    _keep(tmp_path, ["-a.com"])
    assert _kept_load(tmp_path, "x@-a.com") == ["x@-a.com"]
    for stale in ({"pydantic": "1.0"}, {"email-validator": "0.1"}, {"format": "0"}):
        _keep(tmp_path, ["-a.com"], **stale)
        assert _kept_load(tmp_path, "x@-a.com") == [library("x@-a.com")]


@pytest.mark.parametrize(
    "entry",
    ["MELAKA.Gov.My", "xn--bcher-kva.example", "a.xn--bcher-kva.example", "a..com", "my", 7],
)
def test_a_kept_entry_can_never_change_a_normal_form(tmp_path: Path, entry: object) -> None:
    address = f"siti@{entry}"
    _keep(tmp_path, [entry])  # type: ignore[list-item]
    assert _kept_load(tmp_path, address) == [library(address)]


def test_damaged_or_unwritable_kept_domains_are_left_aside(tmp_path: Path) -> None:
    (tmp_path / DOMAINS_FILE).write_text("{not json", encoding="utf-8")
    assert _kept_load(tmp_path, "siti@melaka.gov.my") == ["siti@melaka.gov.my"]
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert _kept_load(blocked / "cache", "siti@melaka.gov.my") == ["siti@melaka.gov.my"]
