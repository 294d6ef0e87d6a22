"""Hostile values in the results are shown as text, fetch nothing and leak no local file.

A loopback HTTP server stands in for the network: every hostile value points at it, and
it must receive no request while the PDF and the HTML are rendered.
"""

from __future__ import annotations

import copy
import io
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from auditor.report import report_html, report_pdf
from auditor.report.fetcher import allowed_roots
from auditor.report.pdf import PdfAttachment, RestrictedFetcher, html_to_pdf
from auditor.resources import templates_dir
from auditor.text import Lang
from tests.report.conftest import ASSETS, load_fixture, pdf_text

SECRET_FILE = Path("/etc/passwd")
SECRET_TEXT = "root:x:0:0"  # the first line of /etc/passwd: must never reach the report


class Recorder(BaseHTTPRequestHandler):
    requests: list[str]

    def do_GET(self) -> None:
        self.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { background: red }")

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    requests: list[str] = []
    handler = type("Handler", (Recorder,), {"requests": requests})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    finally:
        httpd.shutdown()
        httpd.server_close()


def hostile_values(base: str) -> list[str]:
    return [
        f'<link rel="attachment" href="{base}/attach">',
        f'<link rel="attachment" href="file://{SECRET_FILE}">',
        f'<img src="{base}/img.png">',
        f'<img src="file://{SECRET_FILE}">',
        f"<style>@import url({base}/import.css); body {{ background: url({base}/bg) }}</style>",
        f"@import '{base}/at-import.css';",
        f"url({base}/css-url)",
        f'<a rel="attachment" href="{base}/a-attach">x</a>',
        f'<svg><image href="{base}/svg-image"/></svg>',
        f"file://{SECRET_FILE}",
        "<script>alert(1)</script>",
        "</style><b>bold?</b>",
    ]


def hostile_results(base: str) -> dict[str, Any]:
    data = load_fixture()
    values = hostile_values(base)
    joined = " ".join(values)
    data["organisation"]["name"] = "Kerajaan " + values[0]
    agency = data["agencies"][0]
    agency["name"] = values[4]
    agency["short_name"] = values[5]
    account = agency["accounts"][0]
    account["id"], account["handle"], account["url"] = values[2], values[6], values[9]
    for result in data["results"]:
        if result["account"] == "jkm-facebook":
            result["account"] = values[2]
    result = next(r for r in data["results"] if r["status"] == "fail")
    result["message"] = joined
    result["evidence"] = {
        "html": joined,
        "picture": f"{base}/picture.png",
        "image": f"../../../../../..{SECRET_FILE}",
    }
    manual = next(r for r in data["results"] if r["status"] == "manual")
    manual["evidence"] = {"picture": str(SECRET_FILE), values[1]: values[3]}
    manual["title"] = values[7]
    data["inventory"]["path"] = values[8]
    data["policy"][values[10]] = values[11]
    return data


def test_hostile_values_fetch_nothing_and_show_as_text(
    server: tuple[str, list[str]],
) -> None:
    base, requests = server
    data = hostile_results(base)
    original = copy.deepcopy(data)
    pdf = report_pdf(data, lang=Lang.MS, auditor=hostile_values(base)[3], assets_root=ASSETS)
    html = report_html(data, lang=Lang.EN, auditor=hostile_values(base)[0])
    assert requests == []
    assert data == original  # rendering does not touch its input

    reader = PdfReader(io.BytesIO(pdf))
    assert list(reader.attachments) == ["auditor-results.json"]
    text = pdf_text(reader)
    assert "<script>alert(1)</script>" in text
    assert "@import" in text
    assert "<link" in text
    secret = SECRET_TEXT
    assert secret in SECRET_FILE.read_text()
    assert secret not in text
    assert secret.encode() not in reader.attachments["auditor-results.json"][0]
    images = {image.data for page in reader.pages for image in page.images}
    assert len(images) == 1  # the fixture's one snapshot under the assets folder, no other

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html
    assert '<link rel="attachment"' not in html
    assert "<img" not in html  # no picture: no assets root for HTML, none from evidence
    assert secret not in html


def test_the_fetcher_refuses_what_the_policy_forbids(
    server: tuple[str, list[str]], tmp_path: Path
) -> None:
    """Even markup that asks for things directly (not via the templates) gets nothing."""
    base, requests = server
    outside = tmp_path / "outside.png"
    outside.write_bytes((ASSETS / "snapshots" / "mbmb-threads.png").read_bytes())
    link = ASSETS / "snapshots" / "link.png"
    html = f"""<html><head><link rel="stylesheet" href="{base}/style.css">
    <link rel="attachment" href="file://{SECRET_FILE}">
    <style>@import url({base}/imp.css); body {{ background: url({base}/bg.png) }}</style></head>
    <body><p>text</p><img src="{base}/x.png"><img src="file://{SECRET_FILE}">
    <img src="{outside.as_uri()}"><img src="data:image/png;base64,iVBORw0KGgo=">
    <img src="snapshots/mbmb-threads.png"><img src="{link.as_uri()}"></body></html>"""
    link.symlink_to(outside)
    try:
        folder = templates_dir() / "report"
        fetcher = RestrictedFetcher(allowed_roots(folder, ASSETS))
        pdf = html_to_pdf(
            html,
            base_dir=ASSETS,
            fetcher=fetcher,
            attachment=PdfAttachment("a.json", "test", b"{}"),
        )
    finally:
        link.unlink()
    assert requests == []
    refused = set(fetcher.refused)
    assert f"{base}/style.css" in refused
    assert f"file://{SECRET_FILE}" in refused
    assert outside.as_uri() in refused
    assert link.as_uri() in refused  # a symlink out of the assets folder
    assert any(url.startswith("data:") for url in refused)
    reader = PdfReader(io.BytesIO(pdf))
    assert list(reader.attachments) == ["a.json"]
    images = {x.data for p in reader.pages for x in p.images}
    assert len(images) == 1  # the one image inside the assets folder


def test_a_line_break_in_a_value_prints_no_line_of_its_own() -> None:
    """Findings are lines of one paragraph: a value's own line break must not start a
    line that reads as a finding (or a matrix row) the scan never made; it is shown
    escaped, as the terminal and CSV show it (auditor.escape)."""
    data = load_fixture()
    forged = "✓ OWN-001 · Rendah. Akaun dimiliki agensi"
    result = next(r for r in data["results"] if r["status"] == "fail")
    result["evidence"] = {
        "display_name": f"JKM\n{forged} \u2028{forged}\r\n{forged}",
        "file": "poster\u202egpj.exe",
    }
    text = pdf_text(PdfReader(io.BytesIO(report_pdf(data, lang=Lang.MS))))
    # pypdf misreads some of a page's text once a U+2028 is drawn on it (UTF-16, the
    # marks): a forged line is one where the finding's words come first, mark or not
    lines = [line.replace("\x00", "").strip() for line in text.splitlines()]
    words = forged.removeprefix("✓ ")
    assert not [line for line in lines if 0 <= line.find(words) <= 3]
    assert f"display_name=JKM\\n{forged} \\u2028{forged}\\r\\n{forged}" in " ".join(lines)
    html = report_html(data, lang=Lang.MS)
    assert forged in html and f"\n{forged}" not in html and "\u2028" not in html
    assert "poster\\u202egpj.exe" in html and "\u202e" not in html  # no text turned around
