"""HTML to tagged PDF/A-3a with WeasyPrint, reading nothing but what ``fetcher`` allows.

Imported only when a PDF is rendered: WeasyPrint is slow to import and needs native
libraries that a JSON-only run has no use for.
"""

from __future__ import annotations

import logging
import warnings
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pydyf

with warnings.catch_warnings():
    # Said on import when HarfBuzz-Subset is missing, to whoever installs WeasyPrint, and
    # shown wherever deprecations are (python -W default, some cron setups): the README
    # says how to install it, and the report is the same without it.
    warnings.filterwarnings("ignore", "HarfBuzz-Subset", DeprecationWarning)
    import weasyprint

from auditor.report.errors import ReportError
from auditor.report.evidence import results_digest, with_digest
from auditor.report.fetcher import AllowedRoot, FetchRefused, resolve_allowed

# PDF/A-3a: PDF/A-3 with a structure tree (headings, tables, figures' alternative text) and
# the document language, which WeasyPrint writes when it tags the PDF.
PDF_VARIANT = "pdf/a-3a"
logger = logging.getLogger(__name__)


class RestrictedFetcher(weasyprint.URLFetcher):  # type: ignore[misc]
    """Serves files under the allowed roots from disk; refuses everything else.

    ``fetch`` never calls urllib, so no scheme handler, proxy or redirect can come into
    play. ``refused`` records what was asked and denied, for tests and logs.
    """

    def __init__(self, roots: Sequence[AllowedRoot]) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        self.roots = tuple(roots)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> Any:
        try:
            path, media_type = resolve_allowed(url, self.roots)
        except FetchRefused as refused:
            self.refused.append(url)
            logger.warning("report renderer: %s", refused)
            raise
        return weasyprint.urls.URLFetcherResponse(
            path.as_uri(), path.read_bytes(), {"Content-Type": media_type}
        )


class _FontSubsetNotice(logging.Filter):
    """Drops WeasyPrint's notice that it subsets fonts with fontTools (no HarfBuzz-Subset).

    The notice is addressed to whoever installs WeasyPrint, not to an officer reading
    the scan's output, and the report is the same either way (the README says how to get
    the faster subsetting).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return "HarfBuzz-Subset" not in record.getMessage()


@contextmanager
def _without_font_subset_notice() -> Iterator[None]:
    weasyprint_log = logging.getLogger("weasyprint")
    notice = _FontSubsetNotice()
    weasyprint_log.addFilter(notice)
    try:
        with warnings.catch_warnings():
            # WeasyPrint leaves its colour profile's file open (shown under -W default)
            warnings.filterwarnings("ignore", category=ResourceWarning, module="weasyprint")
            yield
    finally:
        weasyprint_log.removeFilter(notice)


class EvidenceMetadata(weasyprint.document.DocumentMetadata):  # type: ignore[misc]
    """The document's metadata, its XMP carrying the embedded results' SHA-256."""

    digest = ""

    @classmethod
    def of(cls, metadata: Any, digest: str) -> EvidenceMetadata:
        made = cls(**vars(metadata))
        made.digest = digest
        return made

    def generate_rdf_metadata(self, variant: Any, version: Any, conformance: Any) -> bytes:
        rdf = super().generate_rdf_metadata(variant, version, conformance)
        return with_digest(rdf, self.digest)


class _Serialised(pydyf.Object):  # type: ignore[misc]
    """One object of the PDF, serialised (and its stream compressed) once, as written."""

    def __init__(self, original: Any) -> None:
        super().__init__()
        self.number = original.number
        self.generation = original.generation
        self._data: bytes = original.data
        self._compressible: bool = original.compressible

    @property
    def data(self) -> bytes:
        return self._data

    @property
    def compressible(self) -> bool:
        return self._compressible


# pydyf compresses every stream at zlib's slowest level, 9: 0.76 s of a 1,000-account
# report against 0.23 s at the default level, 6, for a file 5 % larger (1.49 MB, not 1.42).
ZLIB_LEVEL = 6
_STREAM_START = b">>\nstream\n"
_STREAM_END = b"\nendstream"


def _deflated(stream: Any) -> None:
    """Compresses ``stream``'s content at ``ZLIB_LEVEL`` in its place, as pydyf would."""
    # pydyf's own joining of the content, read back from a plain copy: its dictionary
    # is only /Length, so the content starts after the first ">>\nstream\n"
    plain: bytes = pydyf.Stream(stream.stream).data
    start = plain.index(_STREAM_START) + len(_STREAM_START)
    content = memoryview(plain)[start : len(plain) - len(_STREAM_END)]  # no copy of 14 MB
    stream.stream = [zlib.compress(content, ZLIB_LEVEL)]
    stream.extra["Filter"] = "/FlateDecode"
    stream.compress = False


class _CompressedOnce(pydyf.Stream):  # type: ignore[misc]
    """A stream pydyf makes while writing (its object stream, its cross-reference stream),
    compressed at ``ZLIB_LEVEL`` and serialised once: pydyf reads an object stream's bytes
    twice, to write it and to hash it for the /ID, each time compressing its 2 MB at level 9
    (0.25 s of a 1,000-account report)."""

    @property
    def data(self) -> bytes:
        written: bytes | None = self.__dict__.get("_written")
        if written is None:
            if self.compress:
                _deflated(self)
            written = self.__dict__["_written"] = pydyf.Stream.data.fget(self)
        return written


def _compressing_once(pdf: Any) -> None:
    """Makes the streams that ``pdf.write`` adds from now on ``_CompressedOnce``."""
    add_object = pdf.add_object

    def add(made: Any) -> None:
        if type(made) is pydyf.Stream:
            made.__class__ = _CompressedOnce  # adds no state: only ``data`` differs
        add_object(made)

    pdf.add_object = add


def _serialise_once(document: Any, pdf: Any) -> None:
    """WeasyPrint's finisher, called with the PDF's objects complete, before it is written.

    A PDF/A file needs an /ID, and pydyf makes its second half from the MD5 of every
    object's bytes, serialising and compressing each object a second time to get them
    (0.25 s of a 1,000-account report's 9). Serialised here once (the streams compressed
    at ``ZLIB_LEVEL``), each object is written and hashed from the same bytes.
    """
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Stream) and obj.compress:
            _deflated(obj)
    pdf.objects[:] = [obj if obj.free == "f" else _Serialised(obj) for obj in pdf.objects]
    _compressing_once(pdf)


@contextmanager
def _page_references_kept() -> Iterator[None]:
    """pydyf's ``PDF.page_references``, made once per page count while this lasts.

    WeasyPrint reads it for every link and every tagged element (14,000 times for 1,000
    accounts) and pydyf builds the tuple of every page's reference each time: 2 million
    byte strings, 0.3 s. The property is swapped on the class only while WeasyPrint writes
    (it makes its ``pydyf.PDF`` itself), and returns what pydyf's would; without the
    property (another pydyf), nothing is swapped.
    """
    original = vars(pydyf.PDF).get("page_references")
    if not isinstance(original, property) or original.fget is None:
        yield
        return
    references = original.fget

    def kept(pdf: Any) -> tuple[bytes, ...]:
        count = len(pdf.pages["Kids"])  # pydyf only ever appends pages
        made: tuple[int, tuple[bytes, ...]] | None = pdf.__dict__.get("_page_references")
        if made is None or made[0] != count:
            made = pdf.__dict__["_page_references"] = (count, tuple(references(pdf)))
        return made[1]

    pydyf.PDF.page_references = property(kept)
    try:
        yield
    finally:
        pydyf.PDF.page_references = original


@dataclass(frozen=True)
class PdfAttachment:
    name: str
    description: str
    data: bytes


def html_to_pdf(
    html: str,
    *,
    base_dir: Path,
    fetcher: RestrictedFetcher,
    attachment: PdfAttachment,
) -> bytes:
    """The PDF/A-3a bytes of ``html``, with ``attachment`` embedded as its source data and
    its SHA-256 recorded in the XMP metadata (``auditor verify`` checks one against the other).
    """
    options = {"pdf_variant": PDF_VARIANT}
    try:
        document = weasyprint.HTML(
            string=html, base_url=base_dir.resolve().as_uri() + "/", url_fetcher=fetcher
        ).render(**options)
        document.metadata = EvidenceMetadata.of(document.metadata, results_digest(attachment.data))
        embedded = weasyprint.Attachment(
            string=attachment.data,
            name=attachment.name,
            description=attachment.description,
            relationship="Data",
            url_fetcher=fetcher,
        )
        with _without_font_subset_notice(), _page_references_kept():
            pdf = document.write_pdf(attachments=[embedded], finisher=_serialise_once, **options)
    except (OSError, ValueError) as error:
        raise ReportError(f"the PDF could not be rendered: {error}") from error
    if not isinstance(pdf, bytes):
        raise ReportError("the PDF renderer returned nothing")
    return pdf
