"""Compares profile pictures with the reference images (state crest, agency logos) for PRF-002.

Pictures are compared by perceptual hash after the same normalisation on both sides, so
that what platforms do to an upload (recompression, resizing, a padding background, a
slight crop) does not matter, while another emblem, a photograph or a negative does.
Every image is read and hashed once per scan, here; the check only reads the distances.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.images import ImageError, ImageProblem, image_from_bytes, read_image_file
from auditor.inventory.model import Account, Agency, Organisation
from auditor.media import inside
from auditor.phash import dhash, distance, phash
from auditor.urls import is_url, reference_images

if TYPE_CHECKING:
    from PIL import Image

log = logging.getLogger(__name__)

# The matching rule. A picture matches a reference when the sum of the Hamming distances of
# their 64-bit pHash and dHash (0..128) is at most MATCH_THRESHOLD. Calibrated on drawn
# emblems (tests/images.py), figures from `python -m benchmarks.picture_calibration`:
#   the same emblem: JPEG at quality 15-35, resized to 64 or 400 px, padded 20-35 % with a
#   transparent, white, brand-blue or black background, a white-backed JPEG letterboxed in
#   black, cropped 5-8 % a side: 0-12 (up to 20 when the emblem is also drawn afresh at
#   80-333 px before the change, its text and lines rasterised differently).
#   different images: a photograph 53, a negative of the logo against the crest 55, a blank
#   square 59 (its pHash bits are rounding noise), another emblem 63, a negative of the
#   crest 64, the crest against the logo 83.
# 24 sits above every accepted change and far below the nearest unrelated image. Summing
# both hashes makes a match need both to agree: pHash sees the overall layout, dHash the
# gradients between neighbours. Known limit: the same shield with its field recoloured
# scores 27, just outside; a closer lookalike of the crest could pass.
MATCH_THRESHOLD = 24

_FIRST_PASS = 256  # px: large uploads are reduced before the padding is peeled off
_WORKING_SIZE = 64  # px: background recoloured and hashed at this size (pHash reads 32 px)
_PEEL_ROUNDS = 4  # nested paddings (a letterbox around a white-backed JPEG, and so on)
_SAME_COLOUR = 40  # max channel difference still "the padding's colour" (JPEG noise)
# px cut inside a peeled padding: resizing and JPEG blend the padding's edge with what it
# surrounds into a ring of neither colour, which would stop the next peel.
_BLEND_RING = 2
_UNIFORM_BORDER = 0.9  # share of the border that must be one colour to be a padding
_FILL_THRESHOLD = 90  # flood fill: sum of channel differences still "background"
_WHITE = (255, 255, 255)


class PictureProblem(enum.Enum):
    MISSING = "missing"
    NOT_AN_IMAGE = "not_an_image"
    OUTSIDE_FOLDER = "outside_folder"


class PictureError(Exception):
    """An image file that cannot be hashed, and why (no path: the caller knows it)."""

    def __init__(self, problem: PictureProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class ImageHashes:
    phash: int  # 64 bits each, as auditor.phash computes them
    dhash: int

    def distance(self, other: ImageHashes) -> int:
        return distance(self.phash, other.phash) + distance(self.dhash, other.dhash)


@dataclass(frozen=True)
class PictureFacts:
    """How an account's profile picture compares with its reference images, or why it could
    not be compared. Files are named as the inventory writes them."""

    nearest: str | None = None  # the nearest reference image
    distance: int | None = None  # its distance from the picture, 0..128
    problem: PictureProblem | None = None
    problem_file: str | None = None  # the picture or reference that could not be hashed

    @property
    def matches(self) -> bool:
        return self.distance is not None and self.distance <= MATCH_THRESHOLD


Hasher = Callable[[Path], ImageHashes]


def hash_image(path: Path) -> ImageHashes:
    """The perceptual hashes of one image file, after normalisation."""
    return hash_image_data(read_picture(path))


def read_picture(path: Path) -> bytes:
    """The bytes of a picture or reference image file; raises PictureError."""
    try:
        return read_image_file(path)
    except ImageError as exc:
        raise _picture_error(exc) from exc


def hash_image_data(data: bytes) -> ImageHashes:
    """The perceptual hashes of an image file's bytes (read_picture), after normalisation."""
    try:
        with image_from_bytes(data) as image:
            image.draft("RGB", (_FIRST_PASS, _FIRST_PASS))  # JPEG: decode at a reduced size
            normal = normalise(image)
    except ImageError as exc:
        raise _picture_error(exc) from exc
    except (OSError, ValueError) as exc:  # the header was fine, the pixels are not
        raise PictureError(PictureProblem.NOT_AN_IMAGE) from exc
    return ImageHashes(phash=phash(normal), dhash=dhash(normal))


def _picture_error(exc: ImageError) -> PictureError:
    missing = exc.problem is ImageProblem.MISSING
    return PictureError(PictureProblem.MISSING if missing else PictureProblem.NOT_AN_IMAGE)


def normalise(image: Image.Image) -> Image.Image:
    """The emblem alone, on white, at the working size: paddings peeled off, the background
    (a platform's colour showing through transparent parts) made white."""
    from PIL import Image, ImageDraw, ImageOps

    upright = ImageOps.exif_transpose(image)
    upright.thumbnail((_FIRST_PASS, _FIRST_PASS), Image.Resampling.LANCZOS)
    rgba = upright.convert("RGBA")
    rgb = Image.alpha_composite(Image.new("RGBA", rgba.size, (*_WHITE, 255)), rgba).convert("RGB")
    rgb, background = _peel(rgb)
    rgb.thumbnail((_WORKING_SIZE, _WORKING_SIZE), Image.Resampling.LANCZOS)
    if background is not None:
        # The padding's colour also shows through the emblem's transparent parts: make the
        # area around the emblem white, from every edge point of that colour, so that the
        # emblem's own areas of other colours (touching the edge or not) stay as they are.
        for seed in _edge_points(*rgb.size):
            if _channel_distance(rgb.getpixel(seed), background) <= _SAME_COLOUR:
                ImageDraw.floodfill(rgb, seed, _WHITE, thresh=_FILL_THRESHOLD)
    return rgb


def _edge_points(width: int, height: int, step: int = 4) -> list[tuple[int, int]]:
    xs, ys = range(0, width, step), range(0, height, step)
    return [
        *((x, 0) for x in xs),
        *((x, height - 1) for x in xs),
        *((0, y) for y in ys),
        *((width - 1, y) for y in ys),
    ]


def _channel_distance(pixel: Any, colour: tuple[int, int, int]) -> int:
    return max(abs(int(a) - b) for a, b in zip(pixel, colour, strict=False))


def _peel(rgb: Image.Image) -> tuple[Image.Image, tuple[int, int, int] | None]:
    """Crops away uniform borders, one padding at a time (a resized padding leaves a
    blended ring, which is a padding of its own); also gives the innermost one's colour."""
    background = None
    for _ in range(_PEEL_ROUNDS):
        colour = _border_colour(rgb)
        if colour is None:
            break
        box = _differing(rgb, colour).getbbox()
        if box is None or box == (0, 0, *rgb.size):
            break
        left, top, right, bottom = box
        ring = _BLEND_RING if min(right - left, bottom - top) > 8 * _BLEND_RING else 0
        rgb = rgb.crop((left + ring, top + ring, right - ring, bottom - ring))
        background = colour
    return rgb, background


def _border_colour(rgb: Image.Image) -> tuple[int, int, int] | None:
    """The colour of the image's outermost pixels when they are (nearly) all one colour."""
    from PIL import Image, ImageStat

    width, height = rgb.size
    if width < 3 or height < 3:
        return None
    border = Image.new("RGB", (2 * (width + height), 1))
    strips = [
        rgb.crop((0, 0, width, 1)),
        rgb.crop((0, height - 1, width, height)),
        rgb.crop((0, 0, 1, height)).transpose(Image.Transpose.ROTATE_90),
        rgb.crop((width - 1, 0, width, height)).transpose(Image.Transpose.ROTATE_90),
    ]
    x = 0
    for strip in strips:
        border.paste(strip, (x, 0))
        x += strip.width
    median = ImageStat.Stat(border).median
    colour = (int(median[0]), int(median[1]), int(median[2]))
    differing = _differing(border, colour).histogram()[255]
    return colour if differing <= (1 - _UNIFORM_BORDER) * border.width else None


def _differing(rgb: Image.Image, colour: tuple[int, int, int]) -> Image.Image:
    """A mask (255) of the pixels whose largest channel difference from colour is notable."""
    from PIL import Image, ImageChops

    diff = ImageChops.difference(rgb, Image.new("RGB", rgb.size, colour))
    red, green, blue = diff.split()
    largest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    return largest.point([0] * (_SAME_COLOUR + 1) + [255] * (255 - _SAME_COLOUR))


class _HashCache:
    """Each file hashed at most once per scan, whoever names it and however."""

    def __init__(self, folder: Path, hasher: Hasher) -> None:
        self._folder = folder
        self._hasher = hasher
        self._hashes: dict[Path, ImageHashes | PictureProblem] = {}

    def get(self, relative: str) -> ImageHashes | PictureProblem:
        path = inside(self._folder, relative)
        if path is None:
            return PictureProblem.OUTSIDE_FOLDER
        if path not in self._hashes:
            try:
                self._hashes[path] = self._hasher(path)
            except PictureError as exc:
                log.warning("cannot hash image %s: %s", relative, exc.problem.value)
                self._hashes[path] = exc.problem
        return self._hashes[path]


def gather_pictures(
    folder: Path,
    organisation: Organisation,
    accounts: Iterable[tuple[Agency, Account]],
    hasher: Hasher | None = None,
) -> Mapping[str, PictureFacts]:
    """PictureFacts by account id, for the accounts with a picture file and references.

    Accounts without a picture, with a URL (a collector's job) or without any reference
    image are left out: the check tells those cases from the inventory alone.
    """
    cache = _HashCache(folder, hasher or hash_image)
    found: dict[str, PictureFacts] = {}
    for agency, account in accounts:
        picture = account.profile.picture if account.profile else None
        references = reference_images(organisation, agency)
        if not picture or is_url(picture) or not references:
            continue
        found[account.id] = _compare(cache, picture, references)
    return found


def _compare(cache: _HashCache, picture: str, references: tuple[str, ...]) -> PictureFacts:
    hashed = cache.get(picture)
    if isinstance(hashed, PictureProblem):
        return PictureFacts(problem=hashed, problem_file=picture)
    best: tuple[int, str] | None = None
    for reference in references:
        reference_hashes = cache.get(reference)
        # A broken reference is an error even if another matches: the inventory needs fixing.
        if isinstance(reference_hashes, PictureProblem):
            return PictureFacts(problem=reference_hashes, problem_file=reference)
        distance = hashed.distance(reference_hashes)
        if best is None or distance < best[0]:
            best = (distance, reference)
    assert best is not None  # references is never empty here
    return PictureFacts(nearest=best[1], distance=best[0])
