"""The small helpers the check families share."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from checks._common import domain_matches

DOMAINS = ["melaka.gov.my", "gov.my", "x.co", "", "a..b"]


def _every_suffix(host: str, domains: list[str]) -> bool:
    # the definition: one of the host's suffixes at a label boundary is one of the domains
    labels = host.lower().rstrip(".").split(".")
    return any(".".join(labels[i:]) in domains for i in range(len(labels)))


@given(st.lists(st.sampled_from(["melaka", "gov", "my", "x", "co", "", "A", "b"])).map(".".join))
def test_a_host_matches_when_a_suffix_at_a_dot_is_a_domain(host: str) -> None:
    for domains in (DOMAINS, frozenset(DOMAINS), ["melaka.gov.my"]):
        assert domain_matches(host, domains) == _every_suffix(host, list(domains))
        assert domain_matches(host + ".", domains) == _every_suffix(host + ".", list(domains))


def test_examples() -> None:
    assert domain_matches("JKM.Melaka.gov.my.", ["melaka.gov.my"])
    assert not domain_matches("notmelaka.gov.my", ["melaka.gov.my"])
    assert not domain_matches("gov.my", ["melaka.gov.my"])
