"""The small helpers the check families share."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from checks._common import domain_matches
from checks.profile import _mentions

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


# Names and display names made of what the comparison cares about: letters (Malay, Jawi),
# digits, the underscore, spacing and punctuation.
NAME_TEXT = st.text(alphabet=st.sampled_from(list("jkmJKM ملاک_9-.\t\u00a0Ǆǅ")), max_size=14)


@given(NAME_TEXT, NAME_TEXT.filter(lambda name: bool(name.split())))
def test_a_name_is_mentioned_exactly_where_the_whole_word_pattern_finds_it(
    text: str, name: str
) -> None:
    # The reference: the regular expression the check used before it searched by hand.
    wanted = re.escape(" ".join(name.casefold().split()))
    folded = " ".join(text.casefold().split())
    expected = re.search(rf"(?<!\w){wanted}(?!\w)", folded) is not None
    assert _mentions(text, name) is expected


def test_a_name_inside_a_longer_word_is_not_mentioned() -> None:
    assert _mentions("Facebook Rasmi JKM", "jkm")
    assert _mentions("JKM_x JKM", "JKM")  # the second one stands alone
    assert not _mentions("Rasmi JKMX", "JKM") and not _mentions("XJKM", "JKM")
    assert not _mentions("JKM_Rasmi", "JKM") and not _mentions("JKM9", "JKM")
    assert _mentions("Jabatan  Ketua\nMenteri", "jabatan ketua menteri")
