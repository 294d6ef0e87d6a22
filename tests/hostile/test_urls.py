"""Issue 10, item 4: URLs are read as a browser reads them (WHATWG), and confusing ones
are refused rather than guessed at."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from auditor.urls import _SPACE_OR_CONTROL, url_host, url_problem
from checks._common import is_official_url
from tests.hostile.conftest import hostile_account, invoke, write_hostile_inventory

CONFUSING = [
    "https://evil.example\\@www.melaka.gov.my/",  # browsers open evil.example
    "https://www.melaka.gov.my\\.evil.example/",
    "https://www.melaka.gov.my@evil.example/",
    "https://user:pw@www.melaka.gov.my/",
    "https://www.mel\x01aka.gov.my/",
    "https://www.melaka.gov.my\t/",
]


def test_every_space_and_control_character_is_refused() -> None:
    # One regular expression stands for a test per character: the same set, all of Unicode.
    for code in range(sys.maxunicode + 1):
        refused = chr(code).isspace() or code < 0x20 or 0x7F <= code < 0xA0
        assert bool(_SPACE_OR_CONTROL.search(chr(code))) == refused, hex(code)
    assert url_problem("https://www.melaka.gov.my/a\u3000b") is not None


@pytest.mark.parametrize("url", CONFUSING)
def test_confusing_url_has_no_host(url: str) -> None:
    assert url_problem(url) is not None
    assert url_host(url) == ""
    assert not is_official_url(url, ["melaka.gov.my"])


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.melaka.gov.my", "www.melaka.gov.my"),
        ("HTTPS://WWW.Melaka.GOV.my./portal?q=a@b", "www.melaka.gov.my"),
        ("https://bücher.example/", "xn--bcher-kva.example"),
        ("http://0x7f.1/", "127.0.0.1"),  # as a browser reads it, not as text
    ],
)
def test_host_as_a_browser_reads_it(url: str, host: str) -> None:
    assert url_host(url) == host


NOT_WEB = "must be an http:// or https:// URL with a host name"
USER = "a URL cannot name a user before its host (user@host)"


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://www.melaka.gov.my/portal?q=a@b#x", None),
        ("  http://www.melaka.gov.my  ", None),
        ("ftp://www.melaka.gov.my/", NOT_WEB),
        ("mailto:korporat@melaka.gov.my", NOT_WEB),
        ("file:///etc/passwd", NOT_WEB),
        ("www.melaka.gov.my", NOT_WEB),
        ("https://", NOT_WEB),
        ("https://user@www.melaka.gov.my/", USER),
        ("https://:pw@www.melaka.gov.my/", USER),
    ],
)
def test_url_problem_words_each_kind(url: str, problem: str | None) -> None:
    assert url_problem(url) == problem


def test_inventory_refuses_a_confusing_website(tmp_path: Path) -> None:
    account = hostile_account(
        "jkm-fb", profile={"website": "https://evil.example\\@www.melaka.gov.my/"}
    )
    path = write_hostile_inventory(tmp_path, [account])
    code, output = invoke("validate", str(path))
    assert code == 2
    assert "backslash" in output and f"{path}:" in output
