"""Issue 10, items 14, 16 and 17 for ``auditor report``: a crafted results file is exit 2
with a message, never a crash, a hang or an unbounded read."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from auditor.results_document import ResultsDocumentError, validate_results_document

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "report_scan.json"


def _report(results: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "auditor", "report", str(results), "--lang", "en"]
    return subprocess.run(
        [*command, "-o", str(tmp_path / "report.html")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _valid() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text("utf-8"))
    return data


def _with(change: str) -> str:
    data = _valid()
    if change == "lang arg":
        data["results"][0]["details"] = [{"key": "fixture_pass", "args": {"lang": "x"}}]
    elif change == "self arg":
        data["results"][0]["details"] = [{"key": "ok", "args": {"self": 1}}]
    elif change == "huge score":
        data["summary"]["score"] = 1e308
    elif change == "agency score":
        data["agencies"][0]["score"] = -5
    elif change == "no results":
        del data["results"]
    elif change == "bad holiday":
        data.setdefault("policy", {})["extra_holidays"] = ["2026-02-30"]
    elif change == "bad status":
        data["results"][0]["status"] = "great"
    text = json.dumps(data)
    if change == "long number":
        text = text.replace('"accounts": 15', '"accounts": ' + "9" * 5000, 1)
    elif change == "nested":
        deep = "[" * 100_000 + "]" * 100_000
        text = text.replace('"evidence": {}', '"evidence": {"x": ' + deep + "}", 1)
    return text


@pytest.mark.parametrize(
    "change",
    ["lang arg", "self arg", "huge score", "agency score", "no results", "bad status",
     "bad holiday", "long number", "nested"],
)  # fmt: skip
def test_crafted_results_are_exit_2(tmp_path: Path, change: str) -> None:
    path = tmp_path / "results.json"
    path.write_text(_with(change), "utf-8")
    done = _report(path, tmp_path)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert str(path) in done.stderr
    assert not (tmp_path / "report.html").exists()


@pytest.mark.parametrize("kind", ["fifo", "zero", "folder"])
def test_unreadable_results_are_exit_2(tmp_path: Path, kind: str) -> None:
    if kind == "fifo":
        path = tmp_path / "results.json"
        os.mkfifo(path)
    elif kind == "zero":
        path = Path("/dev/zero")
    else:
        path = tmp_path
    done = _report(path, tmp_path)
    assert done.returncode == 2, done.stderr
    assert "regular file" in done.stderr or "folder" in done.stderr


def test_the_valid_fixture_still_renders(tmp_path: Path) -> None:
    done = _report(FIXTURE, tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "report.html").stat().st_size > 1000


def test_validate_takes_a_parsed_document() -> None:
    validate_results_document(_valid())
    broken = copy.deepcopy(_valid())
    broken["results"][2]["references"] = [1]
    with pytest.raises(ResultsDocumentError, match=r"results\[2\]\.references\[0\]"):
        validate_results_document(broken)


def _values(document: Any) -> int:
    stack, count = [document], 0
    while stack:
        value = stack.pop()
        count += 1
        if isinstance(value, dict):
            stack += [*value, *value.values()]
        elif isinstance(value, list):
            stack += value
    return count


def test_a_thousand_account_scan_is_not_too_many_values() -> None:
    """A 1,000-account scan holds 1.01 million values: `auditor report` and `diff` once
    refused it as "nested too deep or too many"."""
    document = _valid()
    results = document["results"]
    document["results"] = results * (1_100_000 // _values(results) + 1)
    assert _values(document) > 1_100_000
    validate_results_document(document)


def test_a_file_of_bare_values_is_refused_by_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("auditor.results_document.MAX_ITEMS", 5_000)
    document = _valid()
    document["results"][0]["evidence"] = {"zeros": [0] * 5_000}
    with pytest.raises(ResultsDocumentError, match="more than 5,000 values"):
        validate_results_document(document)


def _nested(levels: int, innermost: Any = ()) -> Any:
    value: Any = list(innermost)
    for _ in range(levels - 1):
        value = [value]
    return value


@pytest.mark.parametrize(
    ("evidence", "message"),
    [
        ({"k" * 100_001: 1}, "a text is longer than 100,000"),
        ({"x": ["y" * 100_001]}, "a text is longer than 100,000"),
        ({"x": {"y": 10**16}}, "a number is beyond"),
        ({"x": [float("nan")]}, "a number is beyond"),
        ({"x": -float("inf")}, "a number is beyond"),
        ({"x": b"bytes"}, "type bytes is not JSON"),
        ({3.5: "x"}, None),  # a number as a key, in bounds: for the schema to judge
        ({(1, 2): "x"}, "type tuple is not JSON"),
        # the document, its results, a result and its evidence are 4 levels: 28 more fit
        ({"x": _nested(28)}, None),
        ({"x": _nested(28, [1])}, "nested more than 32 levels"),
        ({"x": _nested(28, [{}])}, "nested more than 32 levels"),
        ({"x": _nested(29)}, "nested more than 32 levels"),
    ],
)
def test_bounds_hold_at_any_depth_in_a_parsed_document(evidence: Any, message: str | None) -> None:
    document = _valid()
    document["results"][0]["evidence"] = evidence
    try:
        validate_results_document(document)
    except ResultsDocumentError as error:
        assert message is not None and message in str(error), error
    else:
        assert message is None
