"""The one results model: finding keys, the domain as a field, one JSON writer and reader."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from auditor.catalogue import load_registry
from auditor.engine import ScanOptions, scan
from auditor.inventory.loaded import LoadedInventory
from auditor.output.common import check_texts, result_record
from auditor.output.json_format import render_json
from auditor.report.reading import read_results as report_records
from auditor.results import finding_key
from auditor.results_document import validate_results_document
from auditor.resultsdoc import ResultsFormatError, check_schema, read_result_data, read_results
from auditor.text import Lang
from tests.factories import AS_OF, inventory


def _run() -> tuple[str, tuple[object, ...]]:
    model = inventory()
    # Days in the policy: the JSON carries them as lists of dates beside its numbers.
    policy = model.policy.model_copy(update={"extra_holidays": [dt.date(2026, 2, 19)]})
    model = model.model_copy(update={"policy": policy})
    source = LoadedInventory(path=Path("inventory.yaml"), sha256="0" * 64, inventory=model)
    run = scan(source, load_registry(), ScanOptions(as_of=AS_OF, offline=True))
    return render_json(run, Lang.EN), run.results


def test_what_the_writer_writes_the_reader_reads_back_as_the_same_results() -> None:
    text, results = _run()
    assert read_results(json.loads(text)) == results


def test_the_bounded_reader_of_auditor_report_takes_what_the_writer_writes() -> None:
    text, _ = _run()
    document = json.loads(text)
    assert document["policy"]["extra_holidays"] == ["2026-02-19"]
    validate_results_document(document)


def test_domain_results_name_their_domain_in_a_field_and_in_their_key() -> None:
    text, results = _run()
    document = json.loads(text)
    domains = [r for r in document["results"] if r["check"] == "DOM-001"]
    assert {r["domain"] for r in domains} == set(document["organisation"]["official_domains"])
    assert all(r["key"] == finding_key("DOM-001", None, None, r["domain"]) for r in domains)
    assert len({r["key"] for r in document["results"]}) == len(results)
    # the report reads the same field
    records = report_records(document)
    assert {r.domain for r in records if r.check == "DOM-001"} == {r["domain"] for r in domains}


def test_an_older_file_without_the_domain_field_still_names_the_domain() -> None:
    old = {
        "check": "DOM-002",
        "status": "fail",
        "severity": "high",
        "agency": None,
        "account": None,
        "evidence": {"domain": "melaka.gov.my"},
    }
    assert read_result_data(old).domain == "melaka.gov.my"
    assert read_result_data(old).key == "DOM-002|||melaka.gov.my"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "must be a JSON object"),
        ({"schema": "auditor.scan/2", "results": []}, "unsupported results schema"),
        ({"schema": "auditor.scan/1"}, "no 'results' list"),
    ],
)
def test_the_reader_refuses_what_it_cannot_read(document: object, message: str) -> None:
    with pytest.raises(ResultsFormatError, match=message):
        check_schema(document)


@pytest.mark.parametrize("lang", list(Lang))
def test_records_from_texts_rendered_once_are_those_rendered_per_result(lang: Lang) -> None:
    registry = load_registry()
    source = LoadedInventory(path=Path("inventory.yaml"), sha256="0" * 64, inventory=inventory())
    results = scan(source, registry, ScanOptions(as_of=AS_OF, offline=True)).results
    # a check the registry does not know (an old history's) gets its id as title
    unknown = dataclasses.replace(results[0], check_id="OLD-999")
    texts = check_texts(registry, lang)
    for result in (*results, unknown):
        assert result_record(result, registry, lang, texts=texts) == result_record(
            result, registry, lang
        )
    assert result_record(unknown, registry, lang, texts=texts)["title"] == "OLD-999"
    record = result_record(results[0], registry, lang, texts=texts)
    record["references"].append("changed")  # each record has a list of its own
    assert "changed" not in texts[results[0].check_id].references
