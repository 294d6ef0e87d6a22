"""HTML to PDF/A-3b with WeasyPrint, reading nothing but what ``fetcher`` allows.

Imported only when a PDF is rendered: WeasyPrint is slow to import and needs native
libraries that a JSON-only run has no use for.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import weasyprint

from auditor.report.errors import ReportError
from auditor.report.fetcher import AllowedRoot, FetchRefused, resolve_allowed

PDF_VARIANT = "pdf/a-3b"
ATTACHMENT_NAME = "auditor-results.json"
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
        yield
    finally:
        weasyprint_log.removeFilter(notice)


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
    """The PDF/A-3b bytes of ``html``, with ``attachment`` embedded as its source data."""
    try:
        document = weasyprint.HTML(
            string=html, base_url=base_dir.resolve().as_uri() + "/", url_fetcher=fetcher
        )
        embedded = weasyprint.Attachment(
            string=attachment.data,
            name=attachment.name,
            description=attachment.description,
            relationship="Data",
            url_fetcher=fetcher,
        )
        with _without_font_subset_notice():
            pdf = document.write_pdf(pdf_variant=PDF_VARIANT, attachments=[embedded])
    except (OSError, ValueError) as error:
        raise ReportError(f"the PDF could not be rendered: {error}") from error
    if not isinstance(pdf, bytes):
        raise ReportError("the PDF renderer returned nothing")
    return pdf
