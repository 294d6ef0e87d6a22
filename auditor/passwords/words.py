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


@functools.cache
def _malay_words_by_start() -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """The built-in words' positions by the first two characters of their folded form, and
    the positions of the folded forms shorter than that."""
    by_start: dict[str, list[int]] = {}
    short = []
    for position, (_, key) in enumerate(_folded_malay_words()):
        if len(key) >= 2:
            by_start.setdefault(key[:2], []).append(position)
        elif key:
            short.append(position)
    return {start: tuple(found) for start, found in by_start.items()}, tuple(short)


def words_in(password: str, words: Iterable[str] | None = None) -> list[str]:
    """The words that occur in the password, forwards or reversed, ignoring case and
    look-alike characters; in the order given (zxcvbn ranks them by position)."""
    folded = fold(password)
    backwards = folded[::-1]
    if words is None:
        return _malay_words_in(folded, backwards)
    pairs = [(w, fold(w)) for w in words]
    return [word for word, key in pairs if key and (key in folded or key in backwards)]


def _malay_words_in(folded: str, backwards: str) -> list[str]:
    # Every password is tried against the 300 built-in words: only those starting with the
    # two characters at some position of the password are tried there, instead of searching
    # the password for each word in turn (a tenth of a scan's password judging).
    pairs = _folded_malay_words()
    by_start, short = _malay_words_by_start()
    found = {p for p in short if pairs[p][1] in folded or pairs[p][1] in backwards}
    for text in (folded, backwards):
        for at in range(len(text) - 1):
            for position in by_start.get(text[at : at + 2], ()):
                if position not in found and text.startswith(pairs[position][1], at):
                    found.add(position)
    return [pairs[p][0] for p in sorted(found)]
