"""auditor.phash against imagehash, its reference, on the repository's pictures and on drawn
and generated ones, each as it is and after hash_image's normalisation.

dHash compares integers: it must be the same bit for bit. pHash compares DCT coefficients
with their median, and scipy's FFT rounds otherwise than auditor.phash's sums: a bit may
differ only where scipy's own coefficient equals the median but for rounding, which each
mismatch must show.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import partial

import imagehash
import numpy
import pytest
import scipy.fftpack
from numpy.typing import NDArray
from PIL import Image

from auditor import phash
from auditor.pictures import ImageHashes, hash_image, normalise
from tests import images as im
from tests.import_probe import REPO, packages_loaded_by

# scipy's rounding and that of auditor.phash's sums differ by some 1e-16 of the largest
# coefficient; in the pictures here, a coefficient that is not the median in exact
# arithmetic is at least 1e-7 of it away.
TIE = 1e-9

# Pillow's advice when a palette PNG of the sample goes to grey as it is, as imagehash takes
# it; hash_image flattens it to RGBA first.
pytestmark = pytest.mark.filterwarnings("ignore:Palette images with Transparency")

Draw = Callable[[], Image.Image]


def repository_pictures() -> dict[str, Draw]:
    files = [
        *sorted((REPO / "assets").glob("*.png")),
        *sorted((REPO / "snapshots").glob("*.*")),
        *sorted((REPO / "tests" / "fixtures").glob("**/*.png")),
        *sorted((REPO / "docs").glob("*.png")),  # report pages: large, mostly white
    ]
    assert len(files) >= 15  # the sample's references and pictures are there
    return {str(path.relative_to(REPO)): partial(Image.open, path) for path in files}


def noise(mode: str, size: tuple[int, int], seed: int) -> Image.Image:
    rng = random.Random(seed)
    bands = len(Image.new(mode, (1, 1)).getbands())
    return Image.frombytes(mode, size, rng.randbytes(size[0] * size[1] * bands))


def gradient(size: tuple[int, int], direction: str) -> Image.Image:
    width, height = size

    def value(x: int, y: int) -> int:
        if direction == "across":
            return 255 * x // max(1, width - 1)
        if direction == "down":
            return 255 * y // max(1, height - 1)
        return 255 * (x + y) // max(1, width + height - 2)

    return Image.frombytes(
        "L", size, bytes(value(x, y) for y in range(height) for x in range(width))
    )


def translucent(image: Image.Image, seed: int) -> Image.Image:
    """The picture with a random alpha channel, fully transparent parts included."""
    rgba = image.convert("RGBA")
    rgba.putalpha(noise("L", rgba.size, seed))
    return rgba


def generated_pictures() -> dict[str, Draw]:
    return {
        "crest": lambda: im.draw_crest(),
        "crest, 33 px": lambda: im.draw_crest(33),
        "crest, 1000 px": lambda: im.draw_crest(1000),
        "logo": lambda: im.draw_logo(),
        "other emblem": lambda: im.draw_other_emblem(),
        "photograph": lambda: im.draw_photo(),
        "crest, JPEG 15": lambda: im.recompressed(im.draw_crest(), 15),
        "crest, negative": lambda: im.inverted(im.draw_crest()),
        "crest, letterboxed": lambda: im.letterboxed(im.draw_crest()),
        "logo, on blue": lambda: im.on_background(im.draw_logo(), im.FACEBOOK_BLUE),
        "logo, palette": lambda: im.draw_logo().quantize(colors=16),
        "crest, translucent": lambda: translucent(im.draw_crest(), 3),
        "noise, RGB": lambda: noise("RGB", (64, 64), 1),
        "noise, grey, odd size": lambda: noise("L", (97, 31), 2),
        "noise, RGBA": lambda: noise("RGBA", (40, 40), 4),
        "noise, palette": lambda: noise("RGB", (50, 50), 5).quantize(colors=200),
        "noise, 1 bit": lambda: noise("L", (45, 45), 6).convert("1"),
        "noise, CMYK": lambda: noise("CMYK", (32, 32), 7),
        "noise, 2000 x 7": lambda: noise("RGB", (2000, 7), 8),
        "noise, 1200 px": lambda: noise("RGB", (1200, 1200), 9),
        "gradient across": lambda: gradient((64, 64), "across"),
        "gradient down": lambda: gradient((50, 70), "down"),
        "gradient diagonal": lambda: gradient((32, 32), "diagonal"),
        "gradient, 1000 x 3": lambda: gradient((1000, 3), "across"),
        "white": lambda: Image.new("RGB", (160, 160), (255, 255, 255)),
        "black": lambda: Image.new("L", (32, 32), 0),
        "grey": lambda: Image.new("RGB", (17, 90), (128, 128, 128)),
        "brand blue": lambda: Image.new("RGB", (64, 64), im.FACEBOOK_BLUE),
        "transparent": lambda: Image.new("RGBA", (64, 64), (0, 0, 0, 0)),
        "1 x 1": lambda: Image.new("RGB", (1, 1), (200, 30, 45)),
        "2 x 1 noise": lambda: noise("RGB", (2, 1), 10),
        "1 x 3 noise": lambda: noise("L", (1, 3), 11),
        "half black, half white": lambda: gradient((2, 2), "across").resize((64, 64)),
    }


PICTURES = {**repository_pictures(), **generated_pictures()}


def drawn(name: str, normalised: bool) -> Image.Image:
    image = PICTURES[name]()
    return normalise(image) if normalised else image


def dct_block(image: Image.Image) -> NDArray[numpy.float64]:
    """imagehash.phash's low-frequency block, as it computes it."""
    grey = image.convert("L").resize((32, 32), Image.Resampling.LANCZOS)
    dct = scipy.fftpack.dct(scipy.fftpack.dct(numpy.asarray(grey), axis=0), axis=1)
    return numpy.asarray(dct[:8, :8], dtype=numpy.float64).flatten()


def bits(value: int) -> list[bool]:
    return [bool(value >> (63 - i) & 1) for i in range(64)]


def assert_same_phash(image: Image.Image, ours: int) -> None:
    theirs = imagehash.phash(image)
    if ours == int(str(theirs), 16):
        return
    block = dct_block(image)
    assert [bool(bit) for bit in theirs.hash.flatten()] == [x > numpy.median(block) for x in block]
    median, scale = float(numpy.median(block)), float(numpy.abs(block).max())
    for i, (mine, reference) in enumerate(zip(bits(ours), bits(int(str(theirs), 16)), strict=True)):
        if mine != reference:
            off = abs(float(block[i]) - median)
            # Strictly below: a black picture's coefficients are all exactly 0, nothing rounds.
            assert off < TIE * scale, f"bit {i}: {block[i]} is {off} from the median {median}"


@pytest.mark.parametrize("normalised", [False, True], ids=["as it is", "normalised"])
@pytest.mark.parametrize("name", sorted(PICTURES))
def test_the_hashes_are_those_of_imagehash(name: str, normalised: bool) -> None:
    image = drawn(name, normalised)
    assert f"{phash.dhash(image):016x}" == str(imagehash.dhash(image))
    assert_same_phash(image, phash.phash(image))


def test_real_pictures_need_no_tie() -> None:
    """The allowance above is for flat and symmetric images: the sample's references and
    pictures, drawn emblems, a photograph and noise are hashed bit for bit."""
    drawings = ("crest", "crest, 1000 px", "logo", "other emblem", "photograph", "noise, RGB")
    names = [name for name in PICTURES if name.startswith(("assets/", "snapshots/"))]
    for name in [*names, *drawings]:
        for normalised in (False, True):
            image = drawn(name, normalised)
            assert phash.phash(image) == int(str(imagehash.phash(image)), 16), name


@pytest.mark.parametrize("hash_size", [2, 4, 16])
@pytest.mark.parametrize("name", ["crest", "photograph", "noise, RGB"])
def test_other_hash_sizes(name: str, hash_size: int) -> None:
    image = drawn(name, False)
    width = hash_size * hash_size // 4
    assert f"{phash.phash(image, hash_size):0{width}x}" == str(imagehash.phash(image, hash_size))
    assert f"{phash.dhash(image, hash_size):0{width}x}" == str(imagehash.dhash(image, hash_size))


def test_a_hash_size_below_two_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 2"):
        phash.phash(im.draw_crest(), 1)


def test_the_distance_is_imagehash_subtraction() -> None:
    images = [drawn(name, True) for name in ("crest", "logo", "photograph", "crest, JPEG 15")]
    for first in images:
        for second in images:
            for ours, theirs in ((phash.phash, imagehash.phash), (phash.dhash, imagehash.dhash)):
                expected = theirs(first) - theirs(second)
                assert phash.distance(ours(first), ours(second)) == expected


def test_hash_image_is_imagehash_on_the_normalised_picture() -> None:
    path = REPO / "snapshots" / "perzim-facebook.png"
    with Image.open(path) as image:
        image.draft("RGB", (256, 256))
        normal = normalise(image)
    expected = ImageHashes(
        phash=int(str(imagehash.phash(normal)), 16), dhash=int(str(imagehash.dhash(normal)), 16)
    )
    assert hash_image(path) == expected


def test_hashing_imports_neither_numpy_nor_scipy() -> None:
    modules = packages_loaded_by(
        "import sys\nfrom pathlib import Path\nfrom auditor.pictures import hash_image\n"
        "hash_image(Path(sys.argv[1]))",
        str(REPO / "assets" / "jata-negeri-melaka.png"),
    )
    assert "PIL" in modules  # the probe did hash a picture
    assert not {"numpy", "scipy", "imagehash"} & modules
