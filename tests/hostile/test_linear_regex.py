"""Issue 10, item 15: PRF-006's email finder is linear-time.

A 1 MB bio without "@" took minutes. The search runs in a child process with a deadline
far above what linear matching needs (milliseconds), so a quadratic regex shows as a hang
caught by the deadline, not as a timed assertion.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from checks._common import EMAIL_IN_TEXT

PROGRAM = (
    "from checks._common import EMAIL_IN_TEXT\n"
    "assert EMAIL_IN_TEXT.findall('a' * 1_000_000) == []\n"
    "assert EMAIL_IN_TEXT.findall('a.' * 500_000 + ' x@melaka.gov.my') == ['x@melaka.gov.my']\n"
)


def test_a_long_bio_without_at_sign_is_searched_in_linear_time() -> None:
    done = subprocess.run([sys.executable, "-c", PROGRAM], timeout=60, check=False)
    assert done.returncode == 0


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Hubungi kami: korporat.suk@melaka.gov.my.", ["korporat.suk@melaka.gov.my"]),
        ("a@b.my dan c+d@e.gov.my", ["a@b.my", "c+d@e.gov.my"]),
        ("tiada e-mel di sini", []),
        ("user@localhost", []),
    ],
)
def test_emails_are_still_found(text: str, found: list[str]) -> None:
    assert EMAIL_IN_TEXT.findall(text) == found
