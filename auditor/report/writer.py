"""The report's entry points: render to HTML or PDF, and write atomically."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from auditor.atomic import OutputError, write_atomic
from auditor.catalogue import Registry
from auditor.gc_pause import collector_paused
from auditor.report.build import build_view
from auditor.report.errors import ReportOutputError
from auditor.report.evidence import ATTACHMENT_NAME
from auditor.report.fetcher import allowed_roots
from auditor.report.html import render_html
from auditor.report.labels import Labels
from auditor.report.localise import try_load_registry
from auditor.resources import templates_dir
from auditor.text import Lang

FORMATS = (".pdf", ".html")


def report_html(
    results: Mapping[str, Any],
    *,
    lang: Lang,
    auditor: str | None = None,
    registry: Registry | None = None,
) -> str:
    """The report as a standalone HTML document (no fonts linked, nothing to fetch)."""
    view = build_view(results, lang=lang, auditor=auditor, registry=registry or try_load_registry())
    return render_html(view, for_pdf=False)


def report_pdf(
    results: Mapping[str, Any],
    *,
    lang: Lang,
    auditor: str | None = None,
    assets_root: Path | None = None,
    registry: Registry | None = None,
) -> bytes:
    """The report as tagged PDF/A-3a bytes, the scan's JSON embedded as an attachment.

    Only the package's templates and image files under ``assets_root`` (the inventory's
    folder, or None for no images) are read while rendering.
    """
    from auditor.report import pdf  # weasyprint is imported only when a PDF is made

    # WeasyPrint's box tree for a large report is millions of objects, made faster than the
    # collector's thresholds allow: its full passes over them were a fifth of a
    # 1,000-account report's time (2.3 of 12 s), and found little to free.
    with collector_paused():
        view = build_view(
            results,
            lang=lang,
            auditor=auditor,
            registry=registry or try_load_registry(),
            assets_root=assets_root,
        )
        folder = templates_dir() / "report"
        fetcher = pdf.RestrictedFetcher(allowed_roots(folder, assets_root))
        attachment = pdf.PdfAttachment(
            name=ATTACHMENT_NAME,
            description=Labels(lang)("attachment_description"),
            # compact: indent= would switch json to its pure-Python encoder (seconds for
            # 1,000 accounts)
            data=json.dumps(results, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
        )
        return pdf.html_to_pdf(
            render_html(view, for_pdf=True), base_dir=folder, fetcher=fetcher, attachment=attachment
        )


def write_report(
    results: Mapping[str, Any],
    output: Path,
    *,
    lang: Lang,
    auditor: str | None = None,
    assets_root: Path | None = None,
    finish: Callable[[bytes], bytes] | None = None,
) -> None:
    """Render the report of ``results`` to ``output``: PDF or HTML by its suffix.

    ``finish`` transforms the PDF before it is written (signing, in ``auditor.signing``).

    Raises ``ReportInputError`` for unusable results and ``ReportOutputError`` for an
    unknown suffix or an unwritable path (the CLI maps both to exit code 2).
    """
    suffix = output.suffix.lower()
    if suffix not in FORMATS:
        raise ReportOutputError(f"cannot write {output}: the report must end in .pdf or .html")
    if finish is not None and suffix != ".pdf":
        raise ReportOutputError(f"cannot sign {output}: only a .pdf report can be signed")
    if not output.parent.is_dir():
        # fail before spending seconds on rendering
        raise ReportOutputError(f"cannot write {output}: folder {output.parent} does not exist")
    if suffix == ".pdf":
        data = report_pdf(results, lang=lang, auditor=auditor, assets_root=assets_root)
        if finish is not None:
            data = finish(data)
    else:
        data = report_html(results, lang=lang, auditor=auditor).encode("utf-8")
    if output.is_dir():
        raise ReportOutputError(f"cannot write {output}: it is a folder")
    try:
        write_atomic(output, data)  # temp file in the same folder, then rename
    except OutputError as error:
        raise ReportOutputError(str(error)) from None
