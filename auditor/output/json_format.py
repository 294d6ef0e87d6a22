"""The JSON results document (schema ``auditor.scan/1``, DESIGN.md): its one writer."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

import orjson

from auditor.output.common import (
    CheckTexts,
    agencies_record,
    check_texts,
    mute_record,
    result_record,
    summary_record,
)
from auditor.results import Result
from auditor.resultsdoc import SCHEMA
from auditor.run import ScanRun
from auditor.text import Lang


def scan_document(run: ScanRun, lang: Lang) -> dict[str, Any]:
    """The whole document as data (for the report, which renders from it)."""
    texts = check_texts(run.registry, lang)
    return {**_head(run, lang), "results": [_record(r, run, lang, texts) for r in run.results]}


def document_head(run: ScanRun, lang: Lang) -> dict[str, Any]:
    """Everything but the results (what the history keeps once per run)."""
    return _head(run, lang)


def _record(
    result: Result, run: ScanRun, lang: Lang, texts: Mapping[str, CheckTexts]
) -> dict[str, Any]:
    return result_record(result, run.registry, lang, run.mute_of(result), texts)


def _head(run: ScanRun, lang: Lang) -> dict[str, Any]:
    """Everything but the results."""
    selection = run.selection
    return {
        "schema": SCHEMA,
        "tool": {"name": "auditor", "version": run.tool_version},
        "catalogue": {"version": run.registry.version},
        "started_at": run.started_at.isoformat(timespec="seconds"),
        "finished_at": run.finished_at.isoformat(timespec="seconds"),
        "as_of": run.as_of.isoformat(),
        "lang": lang.value,
        "inventory": {"path": run.inventory_path, "sha256": run.inventory_sha256},
        "organisation": {
            "name": run.organisation,
            "official_domains": list(run.official_domains),
        },
        "agencies": agencies_record(run),
        "policy": dict(run.policy),
        "selection": {
            "checks": sorted(selection.checks) if selection.checks else None,
            "agencies": sorted(selection.agencies) if selection.agencies else None,
            "offline": selection.offline,
        },
        "summary": summary_record(run),
        "mutes": [mute_record(m) for m in dict.fromkeys(run.mutes.values())],
        "expired_mutes": [mute_record(m) for m in run.expired_mutes],
        "unmatched_mutes": [mute_record(m) for m in run.unmatched_mutes],
    }


# Dates and times go through ``default=str`` as they did with the json module, and integer
# keys become strings as there: the document reads the same whichever encoder wrote it.
_ORJSON_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS


def compact_json(value: Any) -> str:
    """One compact JSON text, UTF-8 names as themselves (Malay and Jawi, not escaped).

    orjson writes the 230,000 records of a 10,000-account scan many times faster than the
    json module; what it refuses (an integer beyond 64 bits, a lone surrogate in a string)
    is written by the json module instead, as before.
    """
    try:
        return _orjson(value)
    except orjson.JSONEncodeError:
        return json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":"))


def _orjson(value: Any) -> str:
    return orjson.dumps(value, default=str, option=_ORJSON_OPTIONS).decode("utf-8")


# Results encoded together: one orjson call, piece and write per batch rather than per
# result (230,000 of them), while the pieces stay small.
BATCH = 256


def iter_json(run: ScanRun, lang: Lang) -> Iterator[str]:
    """The document in pieces, some results at a time, so that a scan of 10,000 accounts never
    holds its 130 MB of JSON (and the records behind it) in memory at once."""
    head = compact_json({**_head(run, lang), "results": []})
    yield head.removesuffix("[]}") + "["
    texts = check_texts(run.registry, lang)
    results = run.results
    for start in range(0, len(results), BATCH):
        records = [_record(r, run, lang, texts) for r in results[start : start + BATCH]]
        yield ("," if start else "") + records_json(records)
    yield "]}\n"


def records_json(records: list[dict[str, Any]]) -> str:
    """The records' texts joined by commas, each exactly as ``compact_json`` writes it."""
    try:
        return _orjson(records)[1:-1]
    except orjson.JSONEncodeError:  # the json module writes that one record, orjson the rest
        return ",".join(compact_json(record) for record in records)


def render_json(run: ScanRun, lang: Lang) -> str:
    return "".join(iter_json(run, lang))
