"""Outputs are written atomically: the old file or the new one, never half, nothing left over."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from auditor.atomic import OutputError, write_atomic
from auditor.catalogue import load_registry
from auditor.engine import ScanOptions, scan
from auditor.inventory.loader import load_inventory
from auditor.output.json_format import (
    BATCH,
    compact_json,
    iter_json,
    records_json,
    render_json,
    scan_document,
)
from auditor.results import Status
from auditor.text import Lang


def test_pieces_are_written_and_replace_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    write_atomic(target, iter(["ملاک", " ", "Melaka"]))
    assert target.read_text(encoding="utf-8") == "ملاک Melaka"
    assert list(tmp_path.iterdir()) == [target]


def test_a_failing_producer_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def pieces() -> Iterator[str]:
        yield "half of it"
        raise RuntimeError("renderer broke")

    with pytest.raises(RuntimeError):
        write_atomic(target, pieces())
    assert target.read_text(encoding="utf-8") == "old"
    assert list(tmp_path.iterdir()) == [target]


def test_a_missing_folder_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="cannot write"):
        write_atomic(tmp_path / "nope" / "out.json", "x")


def test_streamed_json_is_the_whole_document(sample_inventory: Path) -> None:
    options = ScanOptions(as_of=dt.date(2026, 11, 24), offline=True)
    run = scan(load_inventory(sample_inventory), load_registry(), options)
    pieces = list(iter_json(run, Lang.EN))
    assert len(pieces) == math.ceil(len(run.results) / BATCH) + 2
    assert json.loads("".join(pieces)) == json.loads(
        json.dumps(scan_document(run, Lang.EN), default=str)
    )
    assert render_json(run, Lang.EN) == "".join(pieces)


def test_compact_json_reads_as_the_json_module_wrote_it() -> None:
    value = {
        "name": "Jabatan Kebajikan ملاک",
        "as_of": dt.date(2026, 11, 24),
        "at": dt.datetime(2026, 11, 24, 9, 30, 5),
        "counts": {1: 2},
        "score": 0.1 + 0.2,
        "missing": None,
    }
    text = compact_json(value)
    assert "ملاک" in text and "\\u" not in text  # names as themselves, not escaped
    assert json.loads(text) == json.loads(json.dumps(value, ensure_ascii=False, default=str))
    assert '"at":"2026-11-24 09:30:05"' in text  # dates through str(), as before


@pytest.mark.parametrize("odd", [2**70, "half a pair \ud800"])
def test_what_orjson_refuses_is_written_by_the_json_module(odd: object) -> None:
    text = compact_json({"value": odd})
    assert text == json.dumps({"value": odd}, ensure_ascii=False, separators=(",", ":"))


def test_records_are_written_together_as_each_alone() -> None:
    # An enum: orjson writes its value, the json module (default=str) its name.
    records: list[dict[str, Any]] = [{"status": Status.PASS}, {"big": 2**70}, {"n": 1.5}]
    alone = ",".join(compact_json(record) for record in records)
    assert '"pass"' in alone
    assert records_json(records) == alone  # one refused record: the others still by orjson
    assert records_json(records[::2]) == ",".join(compact_json(r) for r in records[::2])
