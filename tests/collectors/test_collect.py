"""`auditor collect` freezes what the platforms show; an offline scan of the snapshot gives
the live scan's PRF/ACT results. No token reaches any output, on any path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader
from typer.testing import CliRunner

from auditor.catalogue import load_registry
from auditor.cli import app
from auditor.engine import ScanOptions, scan
from auditor.inventory.loader import load_inventory
from tests.collectors.conftest import HANDLES, TIKTOK_TOKEN, TOKEN, write_inventory
from tests.collectors.platforms import FakePlatforms, Fault
from tests.collectors.test_live_scan import AS_OF, PROFILE_CHECKS

SECRETS = (TOKEN, TIKTOK_TOKEN)


def auditor(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
        check=False,
    )


def summary(results: object) -> dict[tuple[str, str], tuple[str, list[str]]]:
    found = {}
    for r in results:  # type: ignore[attr-defined]
        if r["check"] in PROFILE_CHECKS:
            keys = [m["key"] for m in r["details"]]
            found[(r["account"], r["check"])] = (r["status"], keys)
    return found


def test_collect_then_an_offline_scan_gives_the_live_results(
    platforms: FakePlatforms, tmp_path: Path
) -> None:
    platforms.shown[("x", "jkmmelaka")].name = "JKM Melaka"  # fails PRF-001 live and frozen
    inventory = write_inventory(tmp_path / "in")
    checks = [a for c in sorted(PROFILE_CHECKS) for a in ("--check", c)]
    live = auditor("scan", str(inventory), "--as-of", AS_OF.isoformat(), "-f", "json", *checks)
    assert live.returncode in (0, 1), live.stderr
    snapshot = tmp_path / "out" / "snapshot.yaml"
    snapshot.parent.mkdir()
    collected = auditor("collect", str(inventory), "-o", str(snapshot))
    assert collected.returncode == 0, collected.stderr
    frozen = auditor(
        "scan", str(snapshot), "--offline", "--as-of", AS_OF.isoformat(), "-f", "json", *checks
    )
    assert frozen.returncode in (0, 1), frozen.stderr
    live_results = summary(json.loads(live.stdout)["results"])
    assert live_results == summary(json.loads(frozen.stdout)["results"])
    assert live_results[("jkm-x", "PRF-001")][0] == "fail"
    assert live_results[("jkm-facebook", "PRF-002")][0] == "pass"
    # The snapshot: valid, profiles with provenance, pictures beside it by content hash,
    # the secret reference copied as a reference.
    document = yaml.safe_load(snapshot.read_text(encoding="utf-8"))
    accounts = {a["id"]: a for a in document["agencies"][0]["accounts"]}
    for platform in HANDLES:
        profile = accounts[f"jkm-{platform}"]["profile"]
        assert profile["source"] == f"{platform}-api" and profile["fetched_at"]
        assert (snapshot.parent / profile["picture"]).is_file()
        assert profile["picture"].startswith("evidence/")
    assert accounts["jkm-tiktok"]["api_token"] == "env:T_TIKTOK_TOKEN"
    # The crest lay outside the snapshot's folder: a copy is beside it (a scan reads only there).
    assert document["organisation"]["crest"][0].startswith("evidence/")
    frozen_json = json.loads(frozen.stdout)["results"]
    sources = {r["evidence"].get("source") for r in frozen_json if r["status"] != "manual"}
    assert sources == {f"{p}-api" for p in HANDLES}


def test_accounts_not_collected_are_listed_and_keep_their_inventory_profile(
    platforms: FakePlatforms, tmp_path: Path
) -> None:
    platforms.faults[("youtube", "jkmmelaka")] = Fault(status=404)
    inventory = write_inventory(tmp_path)
    snapshot = tmp_path / "snapshot.yaml"
    result = auditor("collect", str(inventory), "-o", str(snapshot))
    assert result.returncode == 0
    assert "jkm-youtube: not collected from youtube (HTTP 404, not_found)" in result.stderr
    document = yaml.safe_load(snapshot.read_text(encoding="utf-8"))
    youtube = next(a for a in document["agencies"][0]["accounts"] if a["id"] == "jkm-youtube")
    assert youtube["profile"]["display_name"] == "JKM" and "source" not in youtube["profile"]
    assert load_inventory(snapshot).inventory.agencies[0].accounts


def test_no_token_in_any_output_on_any_path(platforms: FakePlatforms, tmp_path: Path) -> None:
    # Every failure on some platform, success on the others; --debug logs every request.
    platforms.faults[("facebook", "jkmmelaka")] = Fault(status=401)
    platforms.faults[("instagram", "jkm.melaka")] = Fault(html=True)
    platforms.faults[("x", "jkmmelaka")] = Fault(status=503)
    platforms.faults[("youtube", "jkmmelaka")] = Fault(
        redirect_to=platforms.server.url_for("/nowhere") + "?{query}"
    )
    inventory = write_inventory(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    scan_args = ("scan", str(inventory), "--as-of", AS_OF.isoformat(), "--fail-on", "never")
    runs = [
        ("--debug", *scan_args, "-f", "text"),
        (*scan_args, "-f", "json", "-o", str(out / "r.json")),
        (*scan_args, "-f", "csv", "-o", str(out / "r.csv")),
        (*scan_args, "-f", "sarif", "-o", str(out / "r.sarif")),
        (*scan_args, "--report", str(out / "r.pdf")),
        ("--debug", "collect", str(inventory), "-o", str(out / "snapshot.yaml")),
    ]
    seen = []
    for args in runs:
        result = auditor(*args)
        assert result.returncode in (0, 1), result.stderr
        seen += [result.stdout, result.stderr]
    for path in out.rglob("*"):
        if path.suffix == ".pdf":
            reader = PdfReader(path)
            pdf_text = " ".join(page.extract_text() for page in reader.pages)
            seen += [pdf_text, str(reader.metadata)]
            # The report says where each finding's facts came from, and when.
            assert "source=tiktok-api" in pdf_text and "fetched_at=2" in pdf_text
        elif path.is_file():
            seen.append(path.read_bytes().decode("latin-1"))  # images too: bytes as text
    assert any("HTTP 401" in text for text in seen)  # the failures did happen
    for secret in SECRETS:
        assert not [text for text in seen if secret in text or secret[4:20] in text]


def test_an_in_process_scan_never_puts_a_token_in_results(
    platforms: FakePlatforms, tmp_path: Path
) -> None:
    platforms.faults[("facebook", "jkmmelaka")] = Fault(status=500)
    source = load_inventory(write_inventory(tmp_path))
    run = scan(source, load_registry(), ScanOptions(as_of=AS_OF, check_ids=PROFILE_CHECKS))
    text = repr(run.results)
    assert TOKEN not in text and TIKTOK_TOKEN not in text


@pytest.mark.parametrize(
    "args",
    [
        ["scan", "--concurrency", "0"],
        ["scan", "--http-timeout", "0"],
        ["collect", "--concurrency", "0"],
        ["collect"],  # no --output
    ],
)
def test_bad_network_options_exit_2(args: list[str], sample_inventory: Path) -> None:
    command, *rest = args
    result = CliRunner().invoke(app, [command, str(sample_inventory), *rest])
    assert result.exit_code == 2, result.output


def test_collect_of_a_broken_inventory_exits_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\norganisation: {}\n", encoding="utf-8")
    result = auditor("collect", str(broken), "-o", str(tmp_path / "out.yaml"))
    assert result.returncode == 2 and "nothing was collected" in result.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_a_collector_raising_with_the_token_leaks_nothing(
    platforms: FakePlatforms,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from auditor.collectors.x import XCollector

    def boom(self: XCollector, call: object, account: object) -> None:
        raise RuntimeError(f"collector holds {TOKEN}")

    monkeypatch.setattr(XCollector, "collect", boom)
    caplog.set_level("DEBUG")
    source = load_inventory(write_inventory(tmp_path))
    run = scan(source, load_registry(), ScanOptions(as_of=AS_OF, check_ids=PROFILE_CHECKS))
    x = [r for r in run.results if r.account_id == "jkm-x"]
    assert {r.status.value for r in x} == {"error"}
    assert {m.key for r in x for m in r.messages} == {"profile_unavailable", "fault_error"}
    assert TOKEN not in repr(run.results) and TOKEN not in caplog.text
    assert "RuntimeError" in caplog.text  # what broke is said, not what it held
