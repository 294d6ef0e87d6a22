"""Breached-password sources: a local Have I Been Pwned file, and the HIBP range API.

Both take the SHA-1 of a password (upper-case hex) and say how often it was seen in
breaches. The local file is searched in place (it is tens of gigabytes in real life); the
API is asked by k-anonymity: only the first five hex digits leave the machine, and the
padding header makes every answer about the same size.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol

from auditor import __version__
from auditor.deadline import Deadline
from auditor.regular_file import FileProblem, open_regular

if TYPE_CHECKING:
    import requests

HIBP_URL_ENV = "AUDITOR_HIBP_API_URL"
HIBP_DEFAULT_URL = "https://api.pwnedpasswords.com"
_SHA1 = re.compile(r"^[0-9A-F]{40}$")
_RANGE_LINE = re.compile(r"[0-9A-Fa-f]{35}:[0-9]{1,12}")
# A real range answer is about 30 KB (40 KB padded); anything far larger is not one.
MAX_RANGE_BYTES = 1024 * 1024


class BreachLookupError(Exception):
    """A breach source could not answer; the message never holds the hash or password."""


class BreachSource(Protocol):
    def pwned_count(self, sha1_hex: str) -> int:
        """How often the password with this SHA-1 (upper-case hex) was seen; 0 if never."""
        ...


class BreachListFile:
    """A local HIBP "SHA1:count" file sorted by hash, searched by binary search on disk.

    Only about log2(size) lines are read per lookup; the file is never loaded.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stack = ExitStack()
        try:
            # A FIFO or device would block or never end: a breach list is a regular file.
            self._file: BinaryIO = self._stack.enter_context(open_regular(path))
        except FileProblem as problem:
            raise BreachLookupError(f"breach list {path} {problem}") from None
        self._size = os.fstat(self._file.fileno()).st_size

    def close(self) -> None:
        self._stack.close()

    def __enter__(self) -> BreachListFile:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def pwned_count(self, sha1_hex: str) -> int:
        target = sha1_hex.upper().encode("ascii")
        lo, hi = 0, self._size
        # Invariant: every line starting before lo sorts below target, and the first line
        # starting at or after hi is at or after the first line >= target.
        while lo < hi:
            mid = (lo + hi) // 2
            start, line = self._line_from(mid)
            if not line or self._hash(line) >= target:
                hi = mid
            else:
                lo = start + len(line)
        _, line = self._line_from(lo)
        if line and self._hash(line) == target:
            return self._count(line)
        return 0

    def _line_from(self, offset: int) -> tuple[int, bytes]:
        """The first whole line starting at or after offset, and where it starts."""
        if offset == 0:
            self._file.seek(0)
        else:
            self._file.seek(offset - 1)
            self._file.readline()  # the rest of the line that offset - 1 is in
        start = self._file.tell()
        return start, self._file.readline(256)

    def _hash(self, line: bytes) -> bytes:
        hash_part = line.split(b":", 1)[0].strip().upper()
        if len(hash_part) != 40:
            raise BreachLookupError(f"breach list {self.path} is not in SHA-1:count format")
        return hash_part

    def _count(self, line: bytes) -> int:
        try:
            return int(line.split(b":", 1)[1])
        except (IndexError, ValueError):
            raise BreachLookupError(
                f"breach list {self.path} is not in SHA-1:count format"
            ) from None


def hibp_base_url() -> str:
    return (os.environ.get(HIBP_URL_ENV) or HIBP_DEFAULT_URL).rstrip("/")


_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


def _new_session() -> requests.Session:
    # Imported on use: `auditor checks` imports this module and must start fast.
    import requests

    return requests.Session()


@dataclass
class HibpClient:
    """The Pwned Passwords range API, with a timeout, bounded retries and a per-run cache
    of ranges (accounts sharing a prefix ask once)."""

    base_url: str = field(default_factory=hibp_base_url)
    timeout: float = 10.0
    retries: int = 2  # after the first attempt
    backoff: float = 0.5  # seconds, doubled after each attempt, capped by max_wait
    max_wait: float = 5.0
    deadline: Deadline | None = None  # the scan's network deadline
    concurrency: int = 8  # ranges asked at once by prefetch
    session: requests.Session = field(default_factory=_new_session, repr=False)
    _ranges: dict[str, dict[str, int] | BreachLookupError] = field(default_factory=dict, repr=False)

    def __enter__(self) -> HibpClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.session.close()

    def pwned_count(self, sha1_hex: str) -> int:
        digest = sha1_hex.upper()
        if not _SHA1.match(digest):
            raise ValueError("not a SHA-1 in hex")
        prefix, suffix = digest[:5], digest[5:]
        if prefix not in self._ranges:
            self._ranges[prefix] = self._range(prefix)
        found = self._ranges[prefix]
        if isinstance(found, BreachLookupError):
            raise found
        return found.get(suffix, 0)

    def prefetch(self, prefixes: Iterable[str]) -> None:
        """Ask for several ranges at once, so that a slow API costs one wait, not one per
        account; pwned_count then answers from what was fetched (or failed)."""
        wanted = [p for p in dict.fromkeys(prefixes) if p not in self._ranges]
        if not wanted:
            return
        # Imported on use: `auditor checks` imports this module and must start fast.
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(wanted))) as pool:
            for prefix, found in zip(wanted, pool.map(self._range, wanted), strict=True):
                self._ranges[prefix] = found

    def _range(self, prefix: str) -> dict[str, int] | BreachLookupError:
        try:
            counts = parse_range(self._fetch(prefix))
        except BreachLookupError as exc:
            return exc
        if counts is None:
            return BreachLookupError(
                f"the HIBP range API at {self.base_url} answered with something that "
                "is not a range list"
            )
        return counts

    def _fetch(self, prefix: str) -> str:
        # Imported on use: `auditor checks` imports this module and must start fast.
        import requests

        url = f"{self.base_url}/range/{prefix}"
        headers = {"Add-Padding": "true", "User-Agent": f"auditor/{__version__}"}
        wait = self.backoff
        problem = "no answer"
        for attempt in range(self.retries + 1):
            timeout = self.deadline.bound(self.timeout) if self.deadline else self.timeout
            if timeout <= 0:
                problem = "the scan's network deadline passed"
                break
            try:
                response = self.session.get(url, headers=headers, timeout=timeout, stream=True)
                body = _bounded_body(response) if response.status_code == 200 else None
            except requests.RequestException as exc:
                problem = type(exc).__name__  # str(exc) would carry the URL, hence the prefix
            else:
                if body is not None:
                    return body
                problem = f"HTTP {response.status_code}"
                if response.status_code not in _RETRY_STATUS:
                    break
                wait = _retry_after(response, wait)
            if attempt < self.retries:
                pause = min(wait, self.max_wait)
                time.sleep(self.deadline.bound(pause) if self.deadline else pause)
                wait *= 2
        raise BreachLookupError(f"the HIBP range API at {self.base_url} failed ({problem})")


def _retry_after(response: requests.Response, default: float) -> float:
    try:
        return float(response.headers.get("Retry-After", default))
    except ValueError:
        return default


def _bounded_body(response: requests.Response) -> str:
    """The answer's text, read up to MAX_RANGE_BYTES; a longer one is not a range list."""
    data = bytearray()
    for chunk in response.iter_content(chunk_size=64 * 1024):
        data += chunk
        if len(data) > MAX_RANGE_BYTES:
            response.close()
            return ""  # parse_range refuses it
    return data.decode("utf-8", errors="replace")


def parse_range(text: str) -> dict[str, int] | None:
    """Suffix -> count from a range answer; padding lines (count 0) count as not seen.

    None when the text is not a range list (an error page, an empty body, a proxy's
    answer): a broken answer must never read as "not breached".
    """
    counts: dict[str, int] = {}
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    for line in lines:
        if not _RANGE_LINE.fullmatch(line):
            return None
        suffix, _, count = line.partition(":")
        if int(count) > 0:
            counts[suffix.upper()] = int(count)
    return counts
