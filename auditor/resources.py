"""Where the files shipped beside the code (templates, fonts, catalogues) are found."""

from __future__ import annotations

from pathlib import Path


def templates_dir() -> Path:
    """The templates folder: inside the package in a wheel, else the repository's."""
    packaged = Path(__file__).parent / "_templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "templates"
