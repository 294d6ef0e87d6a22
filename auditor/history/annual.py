"""What the report reads from the history: score trends, findings opened and closed over a
year with how long each stayed open, the accepted risks, and a run as a scan document."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

from auditor.catalogue import Registry
from auditor.history.query import results_of, run_head, scores_in
from auditor.history.store import History, HistoryError
from auditor.output.common import result_record
from auditor.results import Result, finding_key
from auditor.scoring import tally
from auditor.text import Lang

SHOWN_FINDINGS = 100  # the annual report lists the longest-open findings, then counts the rest


def _series(
    points: Sequence[tuple[str, str, float | None]], labels: Sequence[str], names: Mapping[str, str]
) -> list[dict[str, Any]]:
    """One series per agency ('' the organisation), a score (or None) per label."""
    by_agency: dict[str, dict[str, float | None]] = {}
    for label, agency, value in points:
        by_agency.setdefault(agency, {})[label] = value
    order = ["", *(a for a in names if a in by_agency), *sorted(set(by_agency) - set(names) - {""})]
    return [
        {
            "agency": agency or None,
            "name": names.get(agency, agency),
            "scores": [by_agency[agency].get(label) for label in labels],
        }
        for agency in order
        if agency in by_agency
    ]


def _names(head: Mapping[str, Any]) -> dict[str, str]:
    agencies = head.get("agencies")
    found = {}
    for agency in agencies if isinstance(agencies, list) else []:
        if isinstance(agency, dict) and isinstance(agency.get("id"), str):
            found[agency["id"]] = str(
                agency.get("short_name") or agency.get("name") or agency["id"]
            )
    return found


def monthly_trend(history: History, year: int, head: Mapping[str, Any]) -> dict[str, Any]:
    """Each month's last run of ``year``: its organisation and agency scores."""
    points = scores_in(history, f"{year}-01-01", f"{year}-12-31")
    last_of_month: dict[str, int] = {}
    for point in points:
        last_of_month[point.as_of[:7]] = max(point.run, last_of_month.get(point.as_of[:7], 0))
    months = sorted(last_of_month)
    kept = [(p.as_of[:7], p.agency, p.score) for p in points if last_of_month[p.as_of[:7]] == p.run]
    return {"by": "month", "labels": months, "series": _series(kept, months, _names(head))}


def recent_trend(history: History, count: int, head: Mapping[str, Any]) -> dict[str, Any]:
    """The last ``count`` runs' scores (the trend a scan's report shows), oldest first."""
    rows = history.db.execute(
        "SELECT id, as_of FROM runs ORDER BY id DESC LIMIT ?", (count,)
    ).fetchall()
    if not rows:
        return {"by": "run", "labels": [], "series": []}
    first, last = rows[-1][0], rows[0][0]
    labels = {run: f"{as_of} (#{run})" for run, as_of in rows}
    found = history.db.execute(
        "SELECT run, agency, score FROM run_scores WHERE run BETWEEN ? AND ? ORDER BY run",
        (first, last),
    ).fetchall()
    ordered = [labels[run] for run, _ in reversed(rows)]
    points = [(labels[run], agency, value) for run, agency, value in found]
    return {"by": "run", "labels": ordered, "series": _series(points, ordered, _names(head))}


def _year_runs(history: History, year: int) -> list[tuple[int, str]]:
    return history.db.execute(
        "SELECT id, as_of FROM runs WHERE as_of BETWEEN ? AND ? ORDER BY id",
        (f"{year}-01-01", f"{year}-12-31"),
    ).fetchall()


def finding_periods(history: History, year: int) -> dict[str, Any]:
    """Every failing finding's periods in ``year``: when it opened, closed (None: still open at
    the year's last run) and for how many days, longest first."""
    year_runs = _year_runs(history, year)
    if not year_runs:
        raise HistoryError(f"no run in {year} in {history.path} (see `auditor history`)")
    position = {run: index for index, (run, _) in enumerate(year_runs)}
    days = [dt.date.fromisoformat(as_of) for _, as_of in year_runs]
    first, last = year_runs[0][0], year_runs[-1][0]
    spans = history.db.execute(
        "SELECT subjects.key, spans.first_run, spans.last_run FROM spans"
        " JOIN subjects ON subjects.id = spans.subject WHERE spans.status = 'fail'"
        " AND spans.first_run <= ? AND (spans.last_run IS NULL OR spans.last_run >= ?)"
        " ORDER BY subjects.key, spans.first_run",
        (last, first),
    ).fetchall()
    periods: list[tuple[str, int, int]] = []  # key, first and last index among year_runs
    for key, begun, ended in spans:
        start = position.get(max(begun, first), 0)
        end = position.get(min(ended if ended is not None else last, last), len(days) - 1)
        if periods and periods[-1][0] == key and periods[-1][2] + 1 >= start:
            periods[-1] = (key, periods[-1][1], max(end, periods[-1][2]))  # content changed
        else:
            periods.append((key, start, end))
    return _periods_record(periods, days)


def _periods_record(periods: list[tuple[str, int, int]], days: list[dt.date]) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    for key, start, end in periods:
        still_open = end == len(days) - 1
        closed = None if still_open else days[end + 1]
        until = closed or days[-1]
        check, agency, account, domain = key.split("|")
        rows.append(
            {
                "key": finding_key(check, agency or None, account or None, domain or None),
                "check": check,
                "agency": agency or None,
                "account": account or None,
                "domain": domain or None,
                "opened": days[start].isoformat(),
                "closed": closed.isoformat() if closed else None,
                "days": (until - days[start]).days,
            }
        )
    rows.sort(key=lambda r: (-int(r["days"]), str(r["key"])))
    return {
        "opened": sum(1 for _, start, _ in periods if start > 0),
        "closed": sum(1 for r in rows if r["closed"] is not None),
        "still_open": sum(1 for r in rows if r["closed"] is None),
        "total": len(rows),
        "findings": rows[:SHOWN_FINDINGS],
    }


def year_mutes(history: History, year: int) -> list[dict[str, Any]]:
    """Every accepted risk of the year's runs, once each (the latest run's first)."""
    seen: dict[str, dict[str, Any]] = {}
    for (body,) in history.db.execute(
        "SELECT DISTINCT heads.body FROM runs JOIN heads ON heads.id = runs.head"
        " WHERE runs.as_of BETWEEN ? AND ? ORDER BY runs.id DESC",
        (f"{year}-01-01", f"{year}-12-31"),
    ):
        head = json.loads(body)
        for mute in [*head.get("mutes", []), *head.get("expired_mutes", [])]:
            if isinstance(mute, dict):
                seen.setdefault(json.dumps(mute, sort_keys=True), mute)
    return list(seen.values())


def scan_document_of(
    history: History, run_id: int, registry: Registry, lang: Lang
) -> dict[str, Any]:
    """A recorded run as the scan's JSON document (results rendered in ``lang``)."""
    head = run_head(history, run_id)
    results = sorted(results_of(history, run_id).values(), key=_order)
    head["agencies"] = _scored(head.get("agencies"), results)
    mutes = {_mute_key(m): m for m in head.get("mutes", []) if isinstance(m, dict)}
    records = []
    for result in results:
        record = result_record(result, registry, lang)
        mute = mutes.get(finding_key(result.check_id, None, result.account_id, None)) or mutes.get(
            finding_key(result.check_id, result.agency_id, None, None)
        )
        if result.muted and mute is not None:
            record["mute"] = mute
        records.append(record)
    return {**head, "lang": lang.value, "results": records}


def _mute_key(mute: Mapping[str, Any]) -> str:
    return finding_key(str(mute.get("check")), mute.get("agency"), mute.get("account"), None)


def _order(result: Result) -> tuple[str, str, str, str]:
    return (result.agency_id or "", result.account_id or "", result.domain or "", result.check_id)


def _scored(agencies: Any, results: list[Result]) -> list[Any]:
    counted = tally(results)
    agency_scores, account_scores = counted.agency_scores, counted.account_scores
    scored = []
    for agency in agencies if isinstance(agencies, list) else []:
        if not isinstance(agency, dict):
            continue
        accounts = [
            {**a, "score": account_scores.get(str(a.get("id")))}
            for a in agency.get("accounts", [])
            if isinstance(a, dict)
        ]
        scored.append(
            {**agency, "score": agency_scores.get(str(agency.get("id"))), "accounts": accounts}
        )
    return scored


def annual_document(history: History, year: int, registry: Registry, lang: Lang) -> dict[str, Any]:
    """The annual report's document: the year's last run in full, with the monthly trend,
    the year's findings opened and closed, and every accepted risk of the year."""
    year_runs = _year_runs(history, year)
    if not year_runs:
        raise HistoryError(f"no run in {year} in {history.path} (see `auditor history`)")
    document = scan_document_of(history, year_runs[-1][0], registry, lang)
    return {
        **document,
        "trend": monthly_trend(history, year, document),
        "annual": {"year": year, **finding_periods(history, year)},
        "mutes": year_mutes(history, year),
    }
