"""The PDF (and HTML) audit report, rendered from the scan's JSON results alone.

Importing this package does not import WeasyPrint; only rendering a PDF does.
"""

from auditor.report.errors import ReportError, ReportInputError, ReportOutputError
from auditor.report.writer import report_html, report_pdf, write_report

__all__ = [
    "ReportError",
    "ReportInputError",
    "ReportOutputError",
    "report_html",
    "report_pdf",
    "write_report",
]
