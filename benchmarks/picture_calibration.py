"""Prints the PRF-002 distances (pHash + dHash, 0..128) of altered copies of the drawn crest
and logo, and of unrelated images, from the reference crest and logo: the figures behind
auditor.pictures.MATCH_THRESHOLD. Also times the hashing of one picture.

    python -m benchmarks.picture_calibration
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from auditor.pictures import MATCH_THRESHOLD, ImageHashes, hash_image
from tests import images as im

BRAND_BLUE = (24, 119, 242)

# name -> (drawing, is it the same emblem as a reference?)
CASES: dict[str, tuple[Callable[[], Image.Image], bool]] = {
    "crest, the same file": (lambda: im.draw_crest(), True),
    "crest, JPEG quality 35": (lambda: im.recompressed(im.draw_crest(), 35), True),
    "crest, JPEG quality 15": (lambda: im.recompressed(im.draw_crest(), 15), True),
    "crest, resized to 64 px": (lambda: im.resized(im.draw_crest(), 64), True),
    "crest, resized to 400 px": (lambda: im.resized(im.draw_crest(), 400), True),
    "crest, transparent padding": (lambda: im.padded(im.draw_crest()), True),
    "crest, on white, padded": (lambda: im.on_background(im.draw_crest(), im.WHITE), True),
    "crest, on brand blue, padded": (lambda: im.on_background(im.draw_crest(), BRAND_BLUE), True),
    "crest, on black, padded 35 %": (
        lambda: im.on_background(im.draw_crest(), (0, 0, 0), 0.35),
        True,
    ),
    "crest, white JPEG letterboxed": (lambda: im.letterboxed(im.draw_crest()), True),
    "crest, blue padding, JPEG, 200 px": (
        lambda: im.resized(im.recompressed(im.on_background(im.draw_crest(), BRAND_BLUE)), 200),
        True,
    ),
    "crest, cropped 5 % a side": (lambda: im.cropped(im.draw_crest(), 0.05), True),
    "crest, cropped 8 % a side": (lambda: im.cropped(im.draw_crest(), 0.08), True),
    "logo, JPEG quality 35": (lambda: im.recompressed(im.draw_logo(), 35), True),
    "logo, on grey, padded": (lambda: im.on_background(im.draw_logo(), (200, 200, 200)), True),
    "logo, cropped 5 % a side": (lambda: im.cropped(im.draw_logo(), 0.05), True),
    "another emblem": (lambda: im.draw_other_emblem(), False),
    "a photograph": (lambda: im.draw_photo(), False),
    "crest, colours inverted": (lambda: im.inverted(im.draw_crest()), False),
    "logo, colours inverted": (lambda: im.inverted(im.draw_logo()), False),
    "a blank white square": (lambda: Image.new("RGB", (160, 160), im.WHITE), False),
}


def hashed(folder: Path, name: str, image: Image.Image) -> ImageHashes:
    path = folder / f"{name}.png"
    image.save(path)
    return hash_image(path)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        crest = hashed(folder, "crest", im.draw_crest())
        logo = hashed(folder, "logo", im.draw_logo())
        print(f"threshold {MATCH_THRESHOLD}; distances from the reference crest and logo")
        for i, (name, (draw, same)) in enumerate(CASES.items()):
            picture = hashed(folder, f"case{i}", draw())
            to_crest, to_logo = picture.distance(crest), picture.distance(logo)
            verdict = "match" if min(to_crest, to_logo) <= MATCH_THRESHOLD else "no match"
            flag = "" if (verdict == "match") == same else "   <-- WRONG"
            print(f"{name:36s} crest {to_crest:3d}  logo {to_logo:3d}  {verdict}{flag}")
        print_timings(folder)


def print_timings(folder: Path) -> None:
    """Median time to read, normalise and hash a typical and a large profile picture."""
    typical, large = folder / "typical.jpg", folder / "large.png"
    im.flattened(im.on_background(im.draw_crest(400), BRAND_BLUE)).save(typical, quality=80)
    im.on_background(im.draw_crest(1200), BRAND_BLUE).save(large)
    for path in (typical, large):
        times = []
        for _ in range(20):
            start = time.perf_counter()
            hash_image(path)
            times.append(time.perf_counter() - start)
        with Image.open(path) as image:
            size = f"{image.width} px {image.format}"
        print(f"hashing a {size}: median {statistics.median(times) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
