"""Synthetic images for PRF-002: a drawn stand-in for the state crest, an agency logo, other
pictures, and the changes platforms make to an uploaded profile picture.

The tests draw their images here, and `python -m tests.images` redraws the sample inventory's
reference images (assets/) and profile pictures (snapshots/). Nothing is fetched: the real
Jata Negeri Melaka is not reproduced, only a simple emblem of the same kind.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

RED = (200, 30, 45)
WHITE = (250, 250, 250)
NAVY = (20, 40, 120)
GOLD = (240, 190, 30)
GREEN = (20, 120, 60)
BLACK = (15, 15, 15)


def _canvas(size: int) -> tuple[Image.Image, ImageDraw.ImageDraw, float]:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    return image, ImageDraw.Draw(image), size / 100


def draw_crest(size: int = 160) -> Image.Image:
    """A shield in red and white with a kris, a crescent and star above, a banner below."""
    image, draw, u = _canvas(size)
    shield = [(20 * u, 28 * u), (80 * u, 28 * u), (80 * u, 62 * u), (50 * u, 86 * u),
              (20 * u, 62 * u)]  # fmt: skip
    draw.polygon(shield, fill=WHITE, outline=BLACK, width=max(1, round(2 * u)))
    draw.rectangle([21 * u, 29 * u, 50 * u, 45 * u], fill=RED)
    draw.rectangle([50 * u, 45 * u, 79 * u, 61 * u], fill=RED)
    draw.line([(50 * u, 32 * u), (50 * u, 78 * u)], fill=GOLD, width=max(1, round(4 * u)))
    draw.ellipse([33 * u, 4 * u, 57 * u, 26 * u], fill=GOLD)
    draw.ellipse([39 * u, 3 * u, 61 * u, 23 * u], fill=(0, 0, 0, 0))
    draw.regular_polygon((62 * u, 14 * u, 7 * u), 5, fill=GOLD)
    draw.rectangle([8 * u, 84 * u, 92 * u, 97 * u], fill=NAVY)
    draw.text((50 * u, 90.5 * u), "MELAKA", fill=WHITE, anchor="mm", font=_font(9 * u))
    return image


def draw_logo(size: int = 160) -> Image.Image:
    """A round council logo: a ring, a tower, the initials."""
    image, draw, u = _canvas(size)
    draw.ellipse([2 * u, 2 * u, 98 * u, 98 * u], fill=NAVY)
    draw.ellipse([10 * u, 10 * u, 90 * u, 90 * u], fill=WHITE)
    draw.rectangle([42 * u, 22 * u, 58 * u, 62 * u], fill=RED)
    draw.polygon([(38 * u, 24 * u), (62 * u, 24 * u), (50 * u, 12 * u)], fill=RED)
    draw.text((50 * u, 75 * u), "MBMB", fill=NAVY, anchor="mm", font=_font(16 * u))
    return image


def draw_other_emblem(size: int = 160) -> Image.Image:
    """Another body's emblem: a green octagon with a sun and wide gold bands."""
    image, draw, u = _canvas(size)
    draw.regular_polygon((50 * u, 50 * u, 48 * u), 8, fill=GREEN)
    draw.rectangle([2 * u, 40 * u, 98 * u, 48 * u], fill=GOLD)
    draw.rectangle([2 * u, 70 * u, 98 * u, 78 * u], fill=GOLD)
    draw.ellipse([35 * u, 10 * u, 65 * u, 38 * u], fill=WHITE)
    return image


def draw_photo(size: int = 160) -> Image.Image:
    """A stand-in photograph: sky, sun, a paddy field, a house."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 255))
    draw = ImageDraw.Draw(image)
    u = size / 100
    for y in range(size):
        t = y / size
        sky = (int(90 + 100 * t), int(150 + 60 * t), 235, 255)
        field = (int(60 + 60 * t), int(150 + 40 * t), 40, 255)
        draw.line([(0, y), (size, y)], fill=sky if t < 0.55 else field)
    draw.ellipse([68 * u, 8 * u, 88 * u, 28 * u], fill=GOLD)
    draw.rectangle([15 * u, 38 * u, 40 * u, 58 * u], fill=(150, 90, 50))
    draw.polygon([(10 * u, 40 * u), (45 * u, 40 * u), (27 * u, 26 * u)], fill=RED)
    for x in range(0, 100, 8):
        draw.line([(x * u, 62 * u), ((x + 4) * u, 98 * u)], fill=(40, 110, 30), width=2)
    return image


def _font(size: float) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=max(6, round(size)))
    except TypeError:  # Pillow < 10.1: only the small bitmap font
        return ImageFont.load_default()


# What platforms and people do to an uploaded picture.


def flattened(image: Image.Image, background: tuple[int, int, int] = WHITE) -> Image.Image:
    base = Image.new("RGBA", image.size, (*background, 255))
    return Image.alpha_composite(base, image.convert("RGBA")).convert("RGB")


def recompressed(image: Image.Image, quality: int = 35) -> Image.Image:
    buffer = io.BytesIO()
    flattened(image).save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    return Image.open(buffer).convert("RGB")


def resized(image: Image.Image, size: int) -> Image.Image:
    return image.resize((size, size), Image.Resampling.LANCZOS)


def padded(
    image: Image.Image,
    colour: tuple[int, int, int, int] = (0, 0, 0, 0),
    margin: float = 0.2,
) -> Image.Image:
    """The picture centred on a larger square of one colour (or transparent)."""
    border = round(image.width * margin)
    return ImageOps.expand(image.convert("RGBA"), border=border, fill=colour)


def cropped(image: Image.Image, fraction: float = 0.05) -> Image.Image:
    """A little cut off each side, as a circular or square frame does."""
    w, h = image.size
    dx, dy = round(w * fraction), round(h * fraction)
    return image.crop((dx, dy, w - dx, h - dy))


def inverted(image: Image.Image) -> Image.Image:
    return ImageOps.invert(flattened(image))


def save_small_png(image: Image.Image, path: Path) -> None:
    """A palette PNG: the sample's pictures stay a few KB each."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rgba = image.convert("RGBA")
    rgba.quantize(colors=64, method=Image.Quantize.FASTOCTREE).save(path, optimize=True)


def on_background(
    image: Image.Image, colour: tuple[int, int, int], margin: float = 0.2
) -> Image.Image:
    """The picture flattened onto a colour and padded with it, as a branded square tile."""
    return flattened(padded(image, (*colour, 0), margin), colour)


def letterboxed(image: Image.Image) -> Image.Image:
    """A white-backed JPEG of the picture, put in black bars and recompressed (a nested
    padding, as messaging apps and some platforms do)."""
    wide = Image.new("RGB", (round(image.width * 1.6), round(image.height * 1.2)), (0, 0, 0))
    wide.paste(recompressed(image, 60), (round(image.width * 0.3), round(image.height * 0.1)))
    return recompressed(wide, 50)


# The bundled sample's images: `python -m tests.images` redraws them beside sample_inventory.yaml.

FACEBOOK_BLUE = (24, 119, 242)
TELEGRAM_BLUE = (42, 171, 238)
YOUTUBE_GREY = (230, 230, 230)


def sample_pictures() -> dict[str, Image.Image]:
    """Each account's profile picture as the platform serves it, by file name."""
    crest, logo = draw_crest(), draw_logo()
    return {
        "jkm-facebook.png": resized(on_background(crest, WHITE), 200),
        "jkm-instagram.jpg": resized(recompressed(on_background(crest, WHITE), 60), 180),
        "jkm-x.png": resized(cropped(crest, 0.05), 200),
        "mbmb-facebook.png": resized(on_background(logo, WHITE, 0.1), 200),
        "mbmb-youtube.png": resized(on_background(logo, YOUTUBE_GREY), 176),
        "mbmb-tiktok.png": recompressed(resized(logo, 200), 50),
        "pertanian-facebook.png": resized(draw_photo(), 200),  # not the crest: PRF-002 fails
        "pertanian-telegram.png": resized(on_background(crest, TELEGRAM_BLUE), 160),
        "perzim-facebook.png": letterboxed(resized(crest, 125)),  # 200 x 150, black bars
        "perzim-linkedin.png": resized(padded(crest), 200),
        "jaim-facebook.png": resized(on_background(crest, (0, 0, 0), 0.3), 200),
        "jaim-threads.png": resized(crest, 96),
    }


def write_sample_images(folder: Path) -> list[Path]:
    written = []
    references = {"jata-negeri-melaka.png": draw_crest(), "logo-mbmb.png": draw_logo()}
    for name, image in references.items():
        written.append(folder / "assets" / name)
        save_small_png(image, written[-1])
    for name, image in sample_pictures().items():
        written.append(folder / "snapshots" / name)
        if name.endswith(".jpg"):
            written[-1].parent.mkdir(parents=True, exist_ok=True)
            flattened(image).save(written[-1], "JPEG", quality=60)
        else:
            save_small_png(image, written[-1])
    return written


if __name__ == "__main__":
    for path in write_sample_images(Path(__file__).resolve().parents[1]):
        print(f"{path.stat().st_size:6d} {path}")
