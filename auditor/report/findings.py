"""Per-result pieces of the view: status marks, evidence as text, findings and matrix cells."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from auditor.report.fetcher import image_url
from auditor.report.labels import Labels
from auditor.report.localise import Localiser
from auditor.report.matrix import MARKS, NO_RESULT_MARK
from auditor.report.model import Count, Finding
from auditor.report.reading import ResultRecord
from auditor.results import Severity, Status

FAMILY_ORDER = ("OWN", "ACC", "PWD", "PRF", "ACT", "DOM")
STATUS_ORDER = (Status.FAIL, Status.ERROR, Status.MANUAL, Status.SKIPPED, Status.PASS)
# Evidence keys never shown, whatever a results file holds: a secret never reaches a report.
SECRET_KEYS = frozenset({"password", "secret", "token", "api_key", "passphrase", "credential"})
PICTURE_KEYS = ("picture", "image")
MAX_EVIDENCE_ITEMS = 12
MAX_EVIDENCE_CHARS = 400


def check_order(check_id: str) -> tuple[int, str]:
    family = check_id.split("-", 1)[0]
    rank = FAMILY_ORDER.index(family) if family in FAMILY_ORDER else len(FAMILY_ORDER)
    return rank, check_id


def finding_order(record: ResultRecord) -> tuple[int, int, tuple[int, str]]:
    return -record.severity.rank, STATUS_ORDER.index(record.status), check_order(record.check)


def needs_attention(record: ResultRecord) -> bool:
    return record.status in (Status.FAIL, Status.ERROR, Status.MANUAL)


def _clip(value: str) -> str:
    return value if len(value) <= MAX_EVIDENCE_CHARS else value[: MAX_EVIDENCE_CHARS - 1] + "…"


def _unclipped(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple) and all(
        isinstance(item, str | int | float | bool) or item is None for item in value
    ):
        return ", ".join("" if item is None else str(item) for item in value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def evidence_items(evidence: Mapping[str, Any], message: str = "") -> tuple[tuple[str, str], ...]:
    """The evidence worth printing: secrets masked, and values the message already quotes
    left out (a reader gains nothing from the address twice, a large report loses lines)."""
    items = []
    for key, value in list(evidence.items())[:MAX_EVIDENCE_ITEMS]:
        name = str(key)
        if name.lower() in SECRET_KEYS:
            items.append((name, "[…]"))
            continue
        whole = _unclipped(value)
        # the whole value, not the clipped one: a long list the message quotes in full
        # (PWD-004's accounts) is as redundant as a short one
        if value is None or value == [] or (len(whole) >= 3 and whole in message):
            continue
        items.append((name, _clip(whole)))
    return tuple(items)


def _picture(record: ResultRecord, assets_root: Path | None) -> str | None:
    for key in PICTURE_KEYS:
        value = record.evidence.get(key)
        if isinstance(value, str):
            url = image_url(value, assets_root)
            if url:
                return url
    return None


def status_label(labels: Labels, status: Status) -> str:
    return labels(f"status_{status.value}")


def severity_label(labels: Labels, severity: Severity) -> str:
    return labels(f"severity_{severity.value}")


def make_finding(
    record: ResultRecord,
    where: str,
    labels: Labels,
    localiser: Localiser,
    assets_root: Path | None,
) -> Finding:
    message = localiser.message(record)
    return Finding(
        check=record.check,
        status=record.status.value,
        status_label=status_label(labels, record.status),
        mark=MARKS[record.status],
        severity=record.severity.value,
        severity_label=severity_label(labels, record.severity),
        title=localiser.title(record),
        message=message,
        remediation=localiser.remediation(record),
        references=", ".join(record.references),
        evidence=evidence_items(record.evidence, message),
        where=where,
        picture_url=_picture(record, assets_root),
        muted=record.muted,
    )


def matrix_columns(records: Iterable[ResultRecord]) -> tuple[str, ...]:
    ids = {r.check for r in records if r.account is not None}
    return tuple(sorted(ids, key=check_order))


def legend(labels: Labels) -> tuple[Count, ...]:
    """Mark and label of every status, and of a missing result."""
    rows = [Count(s.value, status_label(labels, s), MARKS[s]) for s in Status]
    return (*rows, Count("none", labels("status_none"), NO_RESULT_MARK))
