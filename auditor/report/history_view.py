"""The report's sections that come from the history and the mutes: the score trend, the
year's findings opened and closed (annual report) and the accepted risks. Pure: they read
optional keys of the document (``trend``, ``annual``, ``mutes``) and are empty without them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from auditor.report.chart import band, bar_chart
from auditor.report.labels import Labels
from auditor.report.model import Chart
from auditor.report.reading import mapping, score, sequence, text


@dataclass(frozen=True)
class RiskRow:
    check: str
    subject: str
    reason: str
    owner: str
    expires: str


@dataclass(frozen=True)
class TrendRow:
    name: str
    cells: tuple[tuple[str, str], ...]  # (score text, colour band) per label


@dataclass(frozen=True)
class TrendView:
    intro: str
    chart: Chart  # the organisation's score at each label
    labels: tuple[str, ...]
    rows: tuple[TrendRow, ...]  # each agency
    alt: str = ""  # the chart's alternative text (tagged PDF)


@dataclass(frozen=True)
class PeriodRow:
    check: str
    subject: str
    opened: str
    closed: str
    days: str


@dataclass(frozen=True)
class AnnualView:
    year: str
    counts: tuple[tuple[str, str], ...]
    rows: tuple[PeriodRow, ...]
    more: str | None  # how many are not listed


def accepted_risks(document: Mapping[str, Any], labels: Labels) -> tuple[RiskRow, ...]:
    return tuple(
        RiskRow(
            check=text(m.get("check")),
            subject=text(m.get("account") or m.get("agency")),
            reason=text(m.get("reason")),
            owner=text(m.get("owner")),
            expires=labels.date(text(m.get("expires")) or None),
        )
        for m in (mapping(raw) for raw in sequence(document.get("mutes")))
    )


def trend_view(document: Mapping[str, Any], labels: Labels) -> TrendView | None:
    trend = mapping(document.get("trend"))
    heads = tuple(text(label) for label in sequence(trend.get("labels")))
    series = [mapping(s) for s in sequence(trend.get("series"))]
    if len(heads) < 2 or not series:
        return None  # one point is not a trend
    shown = tuple(_short(h) for h in heads)
    organisation = next((s for s in series if s.get("agency") is None), series[0])
    points = [score(v) for v in sequence(organisation.get("scores"))]
    bars = [(h, p, labels.score(p)) for h, p in zip(shown, points, strict=False)]
    chart = bar_chart(bars)
    alt = f"{labels('trend_caption')} " + "; ".join(f"{h} {value}" for h, _, value in bars)
    rows = tuple(
        TrendRow(
            name=text(s.get("name")),
            cells=tuple(
                (labels.score(score(v)), band(score(v))) for v in sequence(s.get("scores"))
            ),
        )
        for s in series
        if s.get("agency") is not None
    )
    key = "trend_intro_month" if trend.get("by") == "month" else "trend_intro_run"
    return TrendView(intro=labels(key), chart=chart, labels=shown, rows=rows, alt=alt)


def _short(label: str) -> str:
    return label.split(" ")[0]  # "2026-11-24 (#12)" as its date


def annual_view(document: Mapping[str, Any], labels: Labels) -> AnnualView | None:
    annual = mapping(document.get("annual"))
    if not annual:
        return None
    counts = tuple(
        (labels(f"annual_{name}"), labels.number(int(annual.get(name) or 0)))
        for name in ("opened", "closed", "still_open")
    )
    rows = tuple(
        PeriodRow(
            check=text(r.get("check")),
            subject=text(r.get("account") or r.get("domain") or r.get("agency"), "—"),
            opened=labels.date(text(r.get("opened")) or None),
            closed=labels.date(text(r.get("closed")) or None)
            if r.get("closed")
            else labels("annual_open"),
            days=labels.number(int(r.get("days") or 0)),
        )
        for r in (mapping(raw) for raw in sequence(annual.get("findings")))
    )
    hidden = int(annual.get("total") or 0) - len(rows)
    more = labels("annual_more", count=labels.number(hidden)) if hidden > 0 else None
    return AnnualView(year=text(annual.get("year")), counts=counts, rows=rows, more=more)
