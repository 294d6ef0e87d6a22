"""PAdES signing of a rendered report: an incremental update, so the PDF/A-3
identification, the tags and the embedded results stay as rendered.

The visible signature goes in the box the sign-off section reserves (the named
destination ``signature-box``), showing the signer and the time.
"""

from __future__ import annotations

import asyncio
import io
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.report.evidence import XMP_NAMESPACE
from auditor.resources import templates_dir
from auditor.signing.errors import SigningError
from auditor.signing.quiet import import_quietly, quiet_libraries
from auditor.text import Lang, Text

import_quietly()  # this module is imported only to sign or verify

SIGNATURE_BOX = "signature-box"  # the id of the sign-off's box in report.html.j2
BOX_WIDTH, BOX_HEIGHT = 80 / 25.4 * 72, 24 / 25.4 * 72  # 80 × 24 mm, as report.css sets it
TSA_TIMEOUT = 10.0
TSA_ATTEMPTS = 3
STAMP_TEXT = Text(
    ms="Ditandatangani secara digital oleh:\n%(signer)s\nMasa: %(ts)s",
    en="Digitally signed by:\n%(signer)s\nTime: %(ts)s",
)


@dataclass(frozen=True)
class Placement:
    page: int  # 0-based
    box: tuple[int, int, int, int]  # x1, y1, x2, y2 in whole PDF points


def signature_placement(pdf: bytes) -> Placement:
    """Where the sign-off box is; the last page's top left corner when it is not there."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    destination = reader.named_destinations.get(SIGNATURE_BOX)
    page = reader.get_destination_page_number(destination) if destination else None
    if destination is None or page is None:
        page = len(reader.pages) - 1
        left, top = 72.0, float(reader.pages[page].mediabox.top) - 72
    else:
        left, top = float(destination.left or 72), float(destination.top or 72)
    box = (round(left), round(top - BOX_HEIGHT), round(left + BOX_WIDTH), round(top))
    return Placement(page, box)


def _field_name(pdf: bytes) -> str:
    from pyhanko.pdf_utils.reader import PdfFileReader

    taken = len(PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures)
    return f"auditor-signature-{taken + 1}"


def _stamp_font(folder: Path) -> Path:
    """The report's DejaVu Sans for the stamp: Latin only, and scaled to 1000 units per em.

    An embedded font, as PDF/A forbids the unembedded standard fonts pyHanko uses by
    default; scaled because pyHanko writes glyph widths in font units, which a PDF reads
    as thousandths of an em (DejaVu's 2048 units per em would spread the letters apart).
    """
    from fontTools import subset, ttLib
    from fontTools.ttLib.scaleUpem import scale_upem

    font = ttLib.TTFont(templates_dir() / "report" / "fonts" / "DejaVuSans.ttf")
    options = subset.Options()
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[*range(0x20, 0x250), *range(0x2010, 0x2027)])
    subsetter.subset(font)
    scale_upem(font, 1000)
    path = folder / "stamp.ttf"
    font.save(path)
    return path


def _stamp_style(lang: Lang, font: Path) -> Any:
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    return TextStampStyle(
        stamp_text=STAMP_TEXT(lang),
        text_box_style=TextBoxStyle(
            font=GlyphAccumulatorFactory(str(font), font_size=8), leading=11
        ),
        timestamp_format="%Y-%m-%d %H:%M:%S %Z",
        background=None,
        border_width=0,
    )


def _timestamper(url: str) -> Any:
    from pyhanko.sign.timestamps import HTTPTimeStamper
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError

    class RetryingTimeStamper(HTTPTimeStamper):
        """A timestamp server that does not answer is asked again, a bounded number of times."""

        async def async_request_tsa_response(self, req: Any) -> Any:
            for attempt in range(TSA_ATTEMPTS):
                try:
                    return await super().async_request_tsa_response(req)
                except TimestampRequestError:
                    if attempt == TSA_ATTEMPTS - 1:
                        raise
                    await asyncio.sleep(0.5 * (attempt + 1))
            raise AssertionError("unreachable")

    return RetryingTimeStamper(url, timeout=TSA_TIMEOUT)


def sign_pdf(pdf: bytes, signer: Any, *, lang: Lang, tsa_url: str | None = None) -> bytes:
    """``pdf`` with a PAdES signature appended: B-B, or B-T with a timestamp from ``tsa_url``."""
    from lxml import etree

    # pyHanko rewrites the XMP with lxml: keep the prefix the PDF/A extension schema declares.
    etree.register_namespace("auditor", XMP_NAMESPACE)
    with tempfile.TemporaryDirectory(prefix="auditor-sign-") as folder, quiet_libraries():
        return _sign(pdf, signer, lang, tsa_url, _stamp_font(Path(folder)))


def _sign(pdf: bytes, signer: Any, lang: Lang, tsa_url: str | None, font: Path) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.sign.general import SigningError as HankoSigningError
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError

    placement = signature_placement(pdf)
    name = _field_name(pdf)
    meta = signers.PdfSignatureMetadata(
        field_name=name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer=signer,
        timestamper=_timestamper(tsa_url) if tsa_url else None,
        stamp_style=_stamp_style(lang, font),
        new_field_spec=fields.SigFieldSpec(
            sig_field_name=name, on_page=placement.page, box=placement.box
        ),
    )
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        output = pdf_signer.sign_pdf(writer)
    except TimestampRequestError:
        raise SigningError(
            f"the timestamp server {tsa_url} did not answer after {TSA_ATTEMPTS} tries"
        ) from None
    except (HankoSigningError, ValueError) as exc:
        raise SigningError(f"the report could not be signed ({type(exc).__name__})") from None
    data: bytes = output.getvalue()
    return data
