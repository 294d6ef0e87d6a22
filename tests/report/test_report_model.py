"""The view model (pure functions of the results dict), labels, localisation, fetch policy."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from auditor.catalogue import load_registry
from auditor.report.build import build_view
from auditor.report.errors import ReportInputError
from auditor.report.fetcher import FetchRefused, allowed_roots, image_url, resolve_allowed
from auditor.report.html import css_string
from auditor.report.matrix import header, row_label
from auditor.report.sections import split_officer
from auditor.resources import templates_dir
from auditor.text import Lang
from tests.report.conftest import ASSETS, load_fixture

I18N = templates_dir() / "report" / "i18n"


def test_label_catalogues_have_the_same_keys() -> None:
    ms = json.loads((I18N / "ms.json").read_text(encoding="utf-8"))
    en = json.loads((I18N / "en.json").read_text(encoding="utf-8"))
    assert set(ms) == set(en)
    assert all(ms[k].count("{") == en[k].count("{") for k in ms)


def test_matrix_has_one_line_per_account_and_one_cell_per_check() -> None:
    view = build_view(load_fixture(), lang=Lang.MS)
    columns = view.columns
    assert "DOM-001" not in columns  # domain results are not account cells
    assert len(columns) == 22
    accounts = [a for agency in view.agencies for a in agency.accounts]
    assert len(accounts) == 15
    jkm_fb = accounts[0]
    row = "".join(cell.text for cell in jkm_fb.cells)
    assert len(row) == 3 * len(columns)
    at = 3 * columns.index("OWN-002")
    assert row[at : at + 3] == " ✗ "
    # The run holding OWN-002's mark is coloured as a failure; alike neighbours share a run.
    start = 0
    for cell in jkm_fb.cells:
        if start <= at < start + len(cell.text):
            assert (cell.status, cell.coloured) == ("fail", True)
        start += len(cell.text)
    assert all(
        a.coloured != b.coloured or (a.coloured and a.status != b.status)
        for a, b in zip(jkm_fb.cells, jkm_fb.cells[1:], strict=False)
    )
    widths = {len(row_label(a.id, a.score)) for a in accounts}
    head = header(columns, "Akaun", "Skor")
    assert widths == {len(head[1]) - 3 * len(columns)}
    assert len(head[0]) == len(head[1])
    assert head[0].split()[2:4] == ["OWN", "ACC"]


def test_details_only_for_what_needs_attention() -> None:
    view = build_view(load_fixture(), lang=Lang.MS)
    for agency in view.agencies:
        for account in agency.accounts:
            assert {f.status for f in account.findings} <= {"fail"}
            ranks = [
                ("critical", "high", "medium", "low", "info").index(f.severity)
                for f in account.findings
            ]
            assert ranks == sorted(ranks)
    manual = {g.status for g in view.manual_items}
    assert manual == {"manual", "error"}
    # Every manual and error result is in the list once, grouped by check and message.
    data = load_fixture()
    expected = sum(r["status"] in ("manual", "error") for r in data["results"])
    assert sum(int(g.count) for g in view.manual_items) == expected


def test_top_findings_are_the_most_serious_failing_checks() -> None:
    view = build_view(load_fixture(), lang=Lang.EN)
    top = view.top_findings
    assert len(top) == 10
    assert top[0].check == "PWD-003" and top[0].severity == "critical"
    assert [t.rank for t in top] == list(range(1, 11))
    order = ("critical", "high", "medium", "low", "info")
    ranks = [order.index(t.severity) for t in top]
    assert ranks == sorted(ranks)


def test_english_from_a_malay_scan_falls_back_to_the_json_for_unknown_keys() -> None:
    data = load_fixture()  # its message keys ("fixture_fail") are not in the catalogue
    view = build_view(data, lang=Lang.EN, registry=load_registry())
    finding = view.agencies[0].accounts[0].findings[0]
    assert finding.check == "OWN-002"
    assert finding.title == load_registry().meta("OWN-002").title(Lang.EN)  # type: ignore[union-attr]
    assert finding.title != "E-mel log masuk pada domain rasmi"
    assert finding.message == "E-mel log masuk korporat.suk@gmail.com bukan pada domain rasmi."


def test_english_message_re_rendered_from_keys_and_arguments() -> None:
    data = load_fixture()
    result = next(r for r in data["results"] if r["check"] == "ACC-001" and r["status"] == "fail")
    result["details"] = [{"key": "off", "args": {}}]
    result["message"] = "MFA tidak diaktifkan."
    view = build_view(data, lang=Lang.EN, registry=load_registry())
    messages = [f.message for a in view.agencies for acc in a.accounts for f in acc.findings]
    assert "MFA is not enabled." in messages
    assert "MFA tidak diaktifkan." not in messages


def test_without_a_catalogue_the_report_still_builds() -> None:
    view = build_view(load_fixture(), lang=Lang.EN, registry=None)
    assert len(view.catalogue) == 25  # the checks the results mention
    assert view.catalogue[0].check == "OWN-001"


def test_secret_evidence_keys_are_never_shown() -> None:
    data = load_fixture()
    data["results"][1]["status"] = "fail"
    data["results"][1]["evidence"] = {"password": "Hunter2!", "Token": "abc", "rules": ["length"]}
    view = build_view(data, lang=Lang.MS)
    shown = [f.evidence for a in view.agencies for acc in a.accounts for f in acc.findings]
    flat = [value for items in shown for _, value in items]
    assert "Hunter2!" not in flat and "abc" not in flat and "length" in flat


@pytest.mark.parametrize(
    "broken",
    [{"schema": "other/1", "results": []}, {"schema": "auditor.scan/1"}, []],
)
def test_unusable_results_are_a_clear_error(broken: Any) -> None:
    with pytest.raises(ReportInputError):
        build_view(broken, lang=Lang.MS)


def test_unknown_status_is_a_clear_error() -> None:
    data = load_fixture()
    data["results"][0]["status"] = "maybe"
    with pytest.raises(ReportInputError, match="maybe"):
        build_view(data, lang=Lang.MS)


def test_officer_is_split_at_the_first_comma() -> None:
    assert split_officer("Siti Aminah, Pegawai Keselamatan ICT, JKM") == (
        "Siti Aminah",
        "Pegawai Keselamatan ICT, JKM",
    )
    assert split_officer("Siti") == ("Siti", None)
    assert split_officer("  ") == (None, None)


def test_css_string_cannot_break_out_of_style() -> None:
    value = str(css_string('a"b\\c</style><x>'))
    assert value.startswith('"') and value.endswith('"')
    assert "</style>" not in value and '"' not in value[1:-1] and "<" not in value


def test_fetch_policy(tmp_path: Path) -> None:
    roots = allowed_roots(templates_dir() / "report", ASSETS)
    css = (templates_dir() / "report" / "fonts.css").resolve()
    assert resolve_allowed(css.as_uri(), roots) == (css, "text/css")
    picture = (ASSETS / "snapshots" / "mbmb-threads.png").resolve()
    assert resolve_allowed(picture.as_uri(), roots)[1] == "image/png"
    (tmp_path / "x.css").write_text("body{}")
    (ASSETS / "x.css").write_text("body{}")
    try:
        refused = [
            "http://127.0.0.1:9/x.css",
            "https://example.org/a.png",
            "data:text/css,body{}",
            "file:///etc/passwd",
            (tmp_path / "x.css").as_uri(),
            (ASSETS / "x.css").resolve().as_uri(),  # the assets folder gives images only
            "file://remotehost" + str(picture),
            picture.as_uri() + "/../../../../../../etc/passwd",
        ]
        for url in refused:
            with pytest.raises(FetchRefused):
                resolve_allowed(url, roots)
    finally:
        (ASSETS / "x.css").unlink()


def test_image_url_only_for_images_inside_the_assets_folder() -> None:
    assert image_url("snapshots/mbmb-threads.png", ASSETS) is not None
    for value in [
        "../report_scan.json",
        "../../../../../../etc/passwd",
        "/etc/passwd",
        "snapshots/missing.png",
        "http://127.0.0.1/x.png",
        "file:///etc/x.png",
        "snapshots/../../report_scan.json",
    ]:
        assert image_url(value, ASSETS) is None, value
    assert image_url("snapshots/mbmb-threads.png", None) is None
