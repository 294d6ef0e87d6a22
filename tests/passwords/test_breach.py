"""Breach sources: binary search in a sorted HIBP file, and the range API on loopback."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from auditor.inventory.model import Policy
from auditor.passwords.breach import (
    BreachListFile,
    BreachLookupError,
    HibpClient,
    hibp_base_url,
    parse_range,
)
from auditor.passwords.policy import Rule, evaluate
from tests.passwords.conftest import RangeApi, sha1, write_breach_list

BREACHED = {"Kx9#mT4!qWz7@Lp2": 42, "Sayang123!": 1_000_000}


@pytest.fixture
def breach_file(tmp_path: Path) -> Path:
    return write_breach_list(tmp_path / "pwned.txt", BREACHED)


def test_binary_search_finds_every_line(breach_file: Path) -> None:
    lines = breach_file.read_text().splitlines()
    with BreachListFile(breach_file) as source:
        for line in lines[:50] + lines[-50:] + lines[1000:1100]:
            digest, count = line.split(":")
            assert source.pwned_count(digest) == int(count)
            assert source.pwned_count(digest.lower()) == int(count)
        assert source.pwned_count(sha1("Kx9#mT4!qWz7@Lp2")) == 42
        assert source.pwned_count(sha1("not in the list at all")) == 0
        assert source.pwned_count("0" * 40) == 0
        assert source.pwned_count("F" * 40) == 0


def test_binary_search_reads_only_a_few_lines(breach_file: Path) -> None:
    with BreachListFile(breach_file) as source:
        reads = 0
        readline = source._file.readline

        def counting(limit: int = -1) -> bytes:
            nonlocal reads
            reads += 1
            return readline(limit)

        source._file.readline = counting  # type: ignore[method-assign]
        source.pwned_count(sha1("Sayang123!"))
    assert reads < 60  # about 2 * log2(3000 lines), never the whole file


@pytest.mark.parametrize("content", [b"", b"ABC:1\n"])
def test_breach_file_edge_cases(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(content)
    with BreachListFile(path) as source:
        if content:
            with pytest.raises(BreachLookupError, match="not in SHA-1:count format"):
                source.pwned_count(sha1("x"))
        else:
            assert source.pwned_count(sha1("x")) == 0


def test_missing_breach_file(tmp_path: Path) -> None:
    with pytest.raises(BreachLookupError, match="does not exist"):
        BreachListFile(tmp_path / "none.txt")


def test_breached_password_fails_the_policy(breach_file: Path) -> None:
    with BreachListFile(breach_file) as source:
        evaluation = evaluate("Kx9#mT4!qWz7@Lp2", Policy(), (), [source])
    assert evaluation.broken == (Rule.BREACHED,)


def test_range_api_with_padding(range_api: RangeApi) -> None:
    range_api.breached = {sha1(p): n for p, n in BREACHED.items()}
    client = HibpClient(backoff=0)
    assert client.base_url == range_api.url == hibp_base_url()
    assert client.pwned_count(sha1("Sayang123!")) == 1_000_000
    assert client.pwned_count(sha1("Kx9#mT4!qWz7@Lp2")) == 42
    assert client.pwned_count(sha1("Tidak-Pernah-Bocor-91!")) == 0
    for path, headers in range_api.requests:
        assert path.startswith("/range/") and len(path) == len("/range/") + 5
        assert headers.get("Add-Padding") == "true"
    # Only five hex digits ever left: never the rest of the hash.
    assert all(sha1("Sayang123!")[5:] not in path for path, _ in range_api.requests)


def test_range_api_cache_per_client(range_api: RangeApi) -> None:
    client = HibpClient(backoff=0)
    client.pwned_count(sha1("a"))
    client.pwned_count(sha1("a"))
    assert len(range_api.requests) == 1


def test_range_api_retries_then_answers(range_api: RangeApi) -> None:
    range_api.breached = {sha1("Sayang123!"): 7}
    range_api.failures_first = 2
    assert HibpClient(backoff=0, retries=2).pwned_count(sha1("Sayang123!")) == 7
    assert len(range_api.requests) == 3


def test_range_api_gives_up_after_bounded_retries(range_api: RangeApi) -> None:
    range_api.failures_first = 10
    with pytest.raises(BreachLookupError, match="HTTP 503"):
        HibpClient(backoff=0, retries=2).pwned_count(sha1("x"))
    assert len(range_api.requests) == 3


def test_range_api_down() -> None:
    with socket.socket() as sock:  # a port that was free a moment ago: nobody listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = HibpClient(base_url=f"http://127.0.0.1:{port}", backoff=0, retries=1, timeout=2)
    with pytest.raises(BreachLookupError, match="ConnectionError") as info:
        client.pwned_count(sha1("Sayang123!"))
    assert sha1("Sayang123!")[:5] not in str(info.value)


def test_lookup_failure_is_reported_not_passed(range_api: RangeApi) -> None:
    range_api.failures_first = 10
    evaluation = evaluate("Kx9#mT4!qWz7@Lp2", Policy(), (), [HibpClient(backoff=0, retries=0)])
    assert evaluation.broken == () and evaluation.breach_error is not None
    assert not evaluation.meets_policy


def test_parse_range_ignores_padding() -> None:
    text = "0018A45C4D1DEF81644B54AB7F969B88D65:1\r\n00D4F6E8FA6EECAD2A3AA415EEC418D38EC:0\r\n"
    assert parse_range(text) == {"0018A45C4D1DEF81644B54AB7F969B88D65": 1}
