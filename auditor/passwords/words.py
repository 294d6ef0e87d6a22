"""The built-in Malay and Melaka word list, and matching words against a password.

zxcvbn only knows English dictionaries, so "Melaka2024!" would look strong to it. The
words are handed to zxcvbn as user inputs; only those that occur in the password are
handed over, because zxcvbn rebuilds its user-input dictionary on every call.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import resources

# Look-alike characters folded together, so that "M3l4k4" still contains "melaka".
# Over-matching is harmless here: a word wrongly kept only costs zxcvbn a lookup.
_FOLD = str.maketrans(
    {
        "4": "a", "@": "a",
        "8": "b",
        "(": "c", "{": "c", "[": "c", "<": "c",
        "3": "e",
        "6": "g", "9": "g",
        "1": "i", "!": "i", "|": "i", "l": "i",
        "0": "o",
        "5": "s", "$": "s",
        "7": "t", "+": "t",
        "%": "x",
        "2": "z",
    }
)  # fmt: skip


def fold(text: str) -> str:
    """Lower-cased, with look-alike characters folded (l and 1 become i, 4 and @ a, …)."""
    return text.lower().translate(_FOLD)


@functools.cache
def malay_words() -> tuple[str, ...]:
    """The built-in words, most common first (read once; the tuple is immutable)."""
    text = resources.files("auditor.passwords").joinpath("data/malay_words.txt").read_text("utf-8")
    words = (line.strip().lower() for line in text.splitlines())
    return tuple(dict.fromkeys(w for w in words if w and not w.startswith("#")))


@functools.cache
def malay_word_set() -> frozenset[str]:
    return frozenset(malay_words())


@functools.cache
def _folded_malay_words() -> tuple[tuple[str, str], ...]:
    return tuple((word, fold(word)) for word in malay_words())


def words_in(password: str, words: Iterable[str] | None = None) -> list[str]:
    """The words that occur in the password, forwards or reversed, ignoring case and
    look-alike characters; in the order given (zxcvbn ranks them by position)."""
    folded = fold(password)
    backwards = folded[::-1]
    pairs = _folded_malay_words() if words is None else [(w, fold(w)) for w in words]
    return [word for word, key in pairs if key and (key in folded or key in backwards)]
