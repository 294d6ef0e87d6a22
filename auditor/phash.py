"""pHash and dHash of an image, bit for bit as imagehash 4.3 computes them, in plain Python.

imagehash needs numpy for both and scipy for pHash's DCT: over half a second of imports in
every scan that compares pictures, and some 200 MB installed, for 64 coefficients of a
32 x 32 picture. Only that low-frequency block is computed here, from cosine tables: about
half a millisecond a picture slower than numpy, paid back after some thousand pictures.

A hash is an int whose most significant bit is the first element of imagehash's row-major
boolean array, so that ``f"{value:016x}"`` is ``str(ImageHash)`` and the Hamming
distance is ``(a ^ b).bit_count()``. The one possible difference from imagehash is a pHash
coefficient that equals the median but for rounding (a solid colour, a plain gradient): its
bit is noise in both, and scipy's FFT rounds otherwise than these sums.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise
from operator import mul
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

HASH_SIZE = 8  # imagehash's default: 64-bit hashes
_HIGHFREQ_FACTOR = 4  # imagehash's default: pHash reads a picture 4 times the hash's side


def phash(image: Image.Image, hash_size: int = HASH_SIZE) -> int:
    """imagehash.phash: the signs, against their median, of the low-frequency block of the
    2-D DCT (scipy's type II, unnormalised) of the picture in grey at 4 x hash_size px."""
    side = _checked(hash_size) * _HIGHFREQ_FACTOR
    rows = _grey_rows(image, side, side)
    cosines = _dct_cosines(side, hash_size)
    # Down the columns (axis 0) first, then along the rows, as imagehash does: only the
    # first hash_size frequencies of each are kept, which is all the hash reads.
    columns = list(zip(*rows, strict=True))
    by_column = [[sum(map(mul, cosine, column)) for column in columns] for cosine in cosines]
    coefficients = [sum(map(mul, cosine, row)) for row in by_column for cosine in cosines]
    median = _median(coefficients)
    return _bits(value > median for value in coefficients)


def dhash(image: Image.Image, hash_size: int = HASH_SIZE) -> int:
    """imagehash.dhash: whether each pixel of the picture in grey at (hash_size + 1) x
    hash_size px is brighter than its left neighbour."""
    rows = _grey_rows(image, _checked(hash_size) + 1, hash_size)
    return _bits(right > left for row in rows for left, right in pairwise(row))


def distance(first: int, second: int) -> int:
    """The Hamming distance of two hashes of one kind and size (ImageHash subtraction)."""
    return (first ^ second).bit_count()


def _checked(hash_size: int) -> int:
    if hash_size < 2:
        raise ValueError("the hash size must be at least 2")  # as imagehash refuses it
    return hash_size


def _grey_rows(image: Image.Image, width: int, height: int) -> list[bytes]:
    from PIL import Image

    grey = image.convert("L").resize((width, height), Image.Resampling.LANCZOS)
    pixels = grey.tobytes()  # one byte a pixel, row after row
    return [pixels[top : top + width] for top in range(0, width * height, width)]


@lru_cache(maxsize=8)
def _dct_cosines(size: int, count: int) -> tuple[tuple[float, ...], ...]:
    """scipy.fftpack.dct's type II factors, y[k] = sum of x[n] times 2 cos(pi k (2n+1) / 2N),
    for the first count frequencies k of a size-long signal."""
    return tuple(
        tuple(2.0 * math.cos(math.pi * k * (2 * n + 1) / (2 * size)) for n in range(size))
        for k in range(count)
    )


def _median(values: list[float]) -> float:
    """numpy.median: the middle value, or the mean of the middle two of an even count."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def _bits(flags: Iterable[bool]) -> int:
    value = 0
    for flag in flags:
        value = value << 1 | flag
    return value
