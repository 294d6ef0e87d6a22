"""The email shortcut gives pydantic's normal form and pydantic's refusals, word for word."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic.networks import validate_email
from pydantic_core import PydanticCustomError

from auditor.inventory.emails import normalised_email

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
