"""The one way the scan opens an image file (profile pictures, crests, logos, media).

Images named by an inventory are untrusted: a FIFO would block the scan forever, a
decompression bomb (a small PNG declaring 169 megapixels) costs seconds and gigabytes to
decode, and Pillow's own bomb guard raises or warns in ways each caller would have to
know. Here a file is opened only when it is a regular file of bounded size, and refused
when its header declares more pixels than the budget, before anything is decoded.
"""

from __future__ import annotations

import enum
import io
import warnings
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from auditor.regular_file import FileProblem, open_regular, read_regular

if TYPE_CHECKING:
    from PIL import Image

# A 1200 x 630 poster is 0.76 MP and a phone photo about 12; 40 MP is generous for a
# profile picture or a poster, and far below what stalls the scan (169 MP: 13 s, 1.45 GB).
MAX_PIXELS = 40_000_000
MAX_IMAGE_BYTES = 64 * 1024 * 1024


class ImageProblem(enum.Enum):
    MISSING = "missing"
    NOT_AN_IMAGE = "not_an_image"
    NOT_A_FILE = "not_a_regular_file"
    TOO_LARGE = "too_large"


class ImageError(Exception):
    """An image that cannot be used, and why (no path: the caller knows it)."""

    def __init__(self, problem: ImageProblem, detail: str = "") -> None:
        super().__init__(f"{problem.value}{': ' + detail if detail else ''}")
        self.problem = problem


@contextmanager
def open_image(path: Path) -> Iterator[Image.Image]:
    """The image at ``path``, header read, nothing decoded yet; raises ImageError."""
    with ExitStack() as stack:
        try:
            stream = stack.enter_context(open_regular(path, MAX_IMAGE_BYTES))
        except FileProblem as problem:
            raise _file_error(problem) from None
        yield stack.enter_context(_checked(stream))


def read_image_file(path: Path) -> bytes:
    """The bytes of the image file at ``path``, opened as open_image opens it; raises
    ImageError for what open_image refuses before reading the header."""
    try:
        return read_regular(path, MAX_IMAGE_BYTES)
    except FileProblem as problem:
        raise _file_error(problem) from None


@contextmanager
def image_from_bytes(data: bytes) -> Iterator[Image.Image]:
    """The image in ``data`` (as read by read_image_file), checked as open_image checks it."""
    with _checked(io.BytesIO(data)) as image:
        yield image


def _file_error(problem: FileProblem) -> ImageError:
    missing = "does not exist" in str(problem)
    return ImageError(ImageProblem.MISSING if missing else ImageProblem.NOT_A_FILE, str(problem))


@contextmanager
def _checked(stream: BinaryIO) -> Iterator[Image.Image]:
    with _header(stream) as image:
        width, height = image.size
        if width * height > MAX_PIXELS:
            detail = f"{width} x {height} px is over {MAX_PIXELS:,} pixels"
            raise ImageError(ImageProblem.TOO_LARGE, detail)
        yield image


def _header(stream: BinaryIO) -> Image.Image:
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            # Pillow warns above its own limit; the budget is stricter, and a library
            # warning must not reach the user.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return Image.open(stream)
    except Image.DecompressionBombError:
        raise ImageError(ImageProblem.TOO_LARGE, f"over {MAX_PIXELS:,} pixels") from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise ImageError(ImageProblem.NOT_AN_IMAGE) from None
