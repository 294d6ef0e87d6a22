"""SARIF as GitHub code scanning reads it, every document validated against the OASIS
SARIF 2.1.0 schema (``../shared/conformance/sarif-schema-2.1.0.json``)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from jsonschema.validators import validator_for
from typer.testing import CliRunner

from auditor.cli import app
from auditor.output.sarif import FINDING_KEY
from tests.dns.loopback import LoopbackDns

REPO = Path(__file__).resolve().parents[1]
SCHEMA = REPO.parent / "shared" / "conformance" / "sarif-schema-2.1.0.json"
needs_schema = pytest.mark.skipif(
    not SCHEMA.is_file(), reason=f"the SARIF schema is not at {SCHEMA} (../shared is absent)"
)
pytestmark = needs_schema
SAMPLE = ["--as-of", "2026-11-24", "--offline", "--format", "sarif", "--fail-on", "never"]
DNS_INVENTORY = REPO / "tests" / "dns" / "inventory.yaml"


def sarif(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["scan", *args])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator_for(schema)(schema).validate(document)
    return document


def results(document: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = document["runs"][0]["results"]
    return found


def scan_json(*args: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(app, ["scan", *args, "--format", "json"])
    found: list[dict[str, Any]] = json.loads(result.stdout)["results"]
    return found


def test_manual_results_are_left_out_unless_asked(sample_inventory: Path) -> None:
    default = results(sarif(str(sample_inventory), *SAMPLE))
    asked = results(sarif(str(sample_inventory), *SAMPLE, "--sarif-manual"))
    manual = [r for r in scan_json(str(sample_inventory), *SAMPLE[:3]) if r["status"] == "manual"]
    assert manual, "the sample has results a person must look at"
    assert {r["kind"] for r in default} <= {"fail", "open"}
    assert sum(r["kind"] == "review" for r in asked) == len(manual)
    assert len(asked) == len(default) + len(manual)


def test_every_rule_and_result_carries_what_github_shows(sample_inventory: Path) -> None:
    document = sarif(str(sample_inventory), *SAMPLE, "--sarif-manual", "--lang", "en")
    for rule in document["runs"][0]["tool"]["driver"]["rules"]:
        assert rule["fullDescription"]["text"] and rule["help"]["text"], rule["id"]
        assert rule["help"]["markdown"]
    keys = [r["partialFingerprints"][FINDING_KEY] for r in results(document)]
    assert len(set(keys)) == len(keys), "one key per finding"


def test_the_finding_key_survives_moved_lines(sample_inventory: Path, tmp_path: Path) -> None:
    shifted = tmp_path / "sample_inventory.yaml"
    shifted.write_text(
        "# a comment that moves every line down\n\n" + sample_inventory.read_text("utf-8"),
        encoding="utf-8",
    )
    for folder in ("snapshots", "assets"):
        shutil.copytree(REPO / folder, tmp_path / folder)

    def keyed(path: Path) -> dict[str, int]:
        return {
            r["partialFingerprints"][FINDING_KEY]: r["locations"][0]["physicalLocation"]["region"][
                "startLine"
            ]
            for r in results(sarif(str(path), *SAMPLE))
        }

    before, after = keyed(sample_inventory), keyed(shifted)
    assert before.keys() == after.keys()
    assert all(after[key] == line + 2 for key, line in before.items())


@pytest.fixture
def awkward(tmp_path: Path) -> Path:
    """The DNS test inventory under names a URI must encode: spaces and a "#"."""
    folder = tmp_path / "audit 2026"
    folder.mkdir()
    target = folder / "my inv #1.yaml"
    shutil.copy(DNS_INVENTORY, target)
    return target


def test_uris_are_percent_encoded_and_relative(awkward: Path, tmp_path: Path) -> None:
    base = [str(awkward), "--as-of", "2026-01-01", "--format", "sarif", "--offline"]
    for root, uri in [
        (None, "my%20inv%20%231.yaml"),
        (tmp_path, "audit%202026/my%20inv%20%231.yaml"),
    ]:
        document = sarif(*base, *(["--sarif-root", str(root)] if root else []))
        run = document["runs"][0]
        found = {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in results(document)
        }
        assert found == {uri}
        assert (
            run["originalUriBaseIds"]["INVENTORYROOT"]["uri"]
            == (root or awkward.parent).as_uri() + "/"
        )


def test_dom_results_point_at_the_line_naming_the_domain(awkward: Path) -> None:
    with LoopbackDns() as server:
        document = sarif(
            str(awkward),
            "--as-of",
            "2026-01-01",
            "--format",
            "sarif",
            "--fail-on",
            "never",
            "--dns-server",
            server.spec,
            "--dns-timeout",
            "0.6",
        )
    lines = awkward.read_text(encoding="utf-8").splitlines()
    dom = [r for r in results(document) if r["properties"]["domain"]]
    assert {r["properties"]["domain"] for r in dom} >= {"plusall.test", "silent.test"}
    for result in dom:
        region = result["locations"][0]["physicalLocation"]["region"]
        line = lines[region["startLine"] - 1]
        assert line[region["startColumn"] - 1 :].startswith(result["properties"]["domain"])
