"""The smaller sections of the view: cover, top findings, domains, manual list, appendix
and sign-off."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from auditor.catalogue import Registry
from auditor.report import findings as fx
from auditor.report.labels import Labels
from auditor.report.localise import Localiser
from auditor.report.matrix import MARKS
from auditor.report.model import CatalogueRow, Cover, Finding, ManualGroup, SignOff, TopFinding
from auditor.report.reading import AgencyInfo, ResultRecord, mapping, sequence, text
from auditor.results import Status

PLATFORM_NAMES = {
    "facebook": "Facebook",
    "instagram": "Instagram",
    "x": "X",
    "youtube": "YouTube",
    "tiktok": "TikTok",
    "threads": "Threads",
    "telegram": "Telegram",
    "linkedin": "LinkedIn",
}
TOP_COUNT = 10
TOP_PLACES = 6

Context = tuple[Labels, Localiser, Path | None]


def split_officer(auditor: str | None) -> tuple[str | None, str | None]:
    """``"Name, Post"`` as (name, post); the post is everything after the first comma."""
    if not auditor or not auditor.strip():
        return None, None
    name, _, post = auditor.partition(",")
    return name.strip() or None, post.strip() or None


def _selection(results: Mapping[str, Any], labels: Labels) -> tuple[str, ...]:
    chosen = mapping(results.get("selection"))
    lines = []
    for key in ("checks", "agencies"):
        items = [text(item) for item in sequence(chosen.get(key))]
        if items:
            lines.append(labels(f"selection_{key}", items=", ".join(items)))
    return tuple(lines) or (labels("selection_all"),)


def cover(
    results: Mapping[str, Any],
    agencies: Sequence[AgencyInfo],
    labels: Labels,
    officer: tuple[str | None, str | None],
) -> Cover:
    organisation = mapping(results.get("organisation"))
    inventory = mapping(results.get("inventory"))
    tool = mapping(results.get("tool"))
    platforms = Counter(acc.platform for agency in agencies for acc in agency.accounts)
    offline = bool(mapping(results.get("selection")).get("offline"))
    period = f"{labels.datetime(text(results.get('started_at')) or None)} – " + labels.datetime(
        text(results.get("finished_at")) or None
    )
    return Cover(
        organisation=text(organisation.get("name")),
        domains=", ".join(text(d) for d in sequence(organisation.get("official_domains"))),
        scope=labels(
            "cover_scope_text",
            agencies=labels.number(len(agencies)),
            accounts=labels.number(sum(platforms.values())),
        ),
        platforms=", ".join(
            f"{PLATFORM_NAMES.get(name, name)} {labels.number(n)}"
            for name, n in sorted(platforms.items(), key=lambda item: (-item[1], item[0]))
        ),
        audit_date=labels.date(text(results.get("as_of")) or text(results.get("started_at"))),
        period=period,
        officer_name=officer[0],
        officer_post=officer[1],
        tool=f"{text(tool.get('name'), 'auditor')} {text(tool.get('version'))}".strip(),
        inventory_path=text(inventory.get("path"), labels("not_given")),
        inventory_sha256=text(inventory.get("sha256"), labels("not_given")),
        catalogue_version=text(
            mapping(results.get("catalogue")).get("version"), labels("not_given")
        ),
        mode=labels("mode_offline" if offline else "mode_online"),
        selection=_selection(results, labels),
    )


def _place(record: ResultRecord, names: Mapping[str, str]) -> str:
    if record.agency is None:
        return record.domain or "—"
    return names.get(record.agency, record.agency)


def top_findings(
    records: Sequence[ResultRecord], names: Mapping[str, str], labels: Labels, localiser: Localiser
) -> tuple[TopFinding, ...]:
    """The most serious failing checks: by severity, then by how many accounts fail them."""
    failing: dict[str, list[ResultRecord]] = defaultdict(list)
    ran: Counter[str] = Counter()
    for record in records:
        if record.status is not Status.SKIPPED:
            ran[record.check] += 1
        if record.status is Status.FAIL:
            failing[record.check].append(record)
    ranked = sorted(
        failing.items(),
        key=lambda item: (-max(r.severity.rank for r in item[1]), -len(item[1]), item[0]),
    )
    found = []
    for rank, (check_id, fails) in enumerate(ranked[:TOP_COUNT], start=1):
        worst = max(fails, key=lambda r: r.severity.rank)
        places = list(dict.fromkeys(_place(r, names) for r in fails))
        where = ", ".join(places[:TOP_PLACES])
        if len(places) > TOP_PLACES:
            where += " " + labels("top_more", count=labels.number(len(places) - TOP_PLACES))
        found.append(
            TopFinding(
                rank=rank,
                check=check_id,
                severity=worst.severity.value,
                severity_label=fx.severity_label(labels, worst.severity),
                title=localiser.title(worst),
                remediation=localiser.remediation(worst),
                affected=labels(
                    "top_affected",
                    count=labels.number(len(fails)),
                    total=labels.number(ran[check_id]),
                    where=where,
                ),
            )
        )
    return tuple(found)


def domain_findings(records: Sequence[ResultRecord], context: Context) -> tuple[Finding, ...]:
    """Every result about the organisation's domains (pass included: the table is small)."""
    labels, localiser, assets_root = context
    ordered = sorted(records, key=lambda r: (r.domain or "", fx.check_order(r.check)))
    return tuple(
        fx.make_finding(r, r.domain or "—", labels, localiser, assets_root) for r in ordered
    )


def manual_items(
    records: Sequence[ResultRecord], names: Mapping[str, str], context: Context
) -> tuple[ManualGroup, ...]:
    """Every manual and error result, grouped by check, status and message."""
    labels, localiser, _ = context
    order = {agency_id: index for index, agency_id in enumerate(names)}
    todo = [r for r in records if r.status in (Status.MANUAL, Status.ERROR)]
    todo.sort(key=lambda r: (order.get(r.agency or "", -1), r.account or r.domain or ""))
    groups: dict[tuple[tuple[int, str], int, str], list[ResultRecord]] = {}
    for record in todo:
        key = (
            fx.check_order(record.check),
            fx.STATUS_ORDER.index(record.status),
            localiser.message(record),
        )
        groups.setdefault(key, []).append(record)
    return tuple(
        ManualGroup(
            check=members[0].check,
            status=members[0].status.value,
            status_label=fx.status_label(labels, members[0].status),
            mark=MARKS[members[0].status],
            title=localiser.title(members[0]),
            message=message,
            count=labels.number(len(members)),
            places=", ".join(_where(r, names) for r in members),
        )
        for (_, _, message), members in sorted(groups.items(), key=lambda item: item[0])
    )


def _where(record: ResultRecord, names: Mapping[str, str]) -> str:
    if record.account is None:
        return _place(record, names)
    return f"{_place(record, names)} · {record.account}"


def catalogue_rows(
    records: Sequence[ResultRecord],
    registry: Registry | None,
    labels: Labels,
    localiser: Localiser,
) -> tuple[CatalogueRow, ...]:
    """The whole installed catalogue; without one, the checks the results mention."""
    if registry is not None:
        return tuple(
            CatalogueRow(
                check=c.meta.id,
                title=c.meta.title(labels.lang),
                severity=c.meta.severity.value,
                severity_label=fx.severity_label(labels, c.meta.severity),
                references=", ".join(c.meta.references),
            )
            for c in sorted(registry.checks, key=lambda c: fx.check_order(c.meta.id))
        )
    first: dict[str, ResultRecord] = {}
    for record in records:
        first.setdefault(record.check, record)
    return tuple(
        CatalogueRow(
            check=r.check,
            title=localiser.title(r),
            severity=r.severity.value,
            severity_label=fx.severity_label(labels, r.severity),
            references=", ".join(r.references),
        )
        for r in sorted(first.values(), key=lambda r: fx.check_order(r.check))
    )


def _policy_value(value: Any, labels: Labels) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return labels.number(value)
    if isinstance(value, list | tuple):
        return ", ".join(text(v) for v in value)
    return text(value)


def policy_rows(policy: Mapping[str, Any], labels: Labels) -> tuple[tuple[str, str], ...]:
    return tuple(
        (labels.get(f"policy_{key}") or str(key), _policy_value(value, labels))
        for key, value in policy.items()
    )


def signoff(officer: tuple[str | None, str | None], labels: Labels) -> tuple[SignOff, ...]:
    return (
        SignOff(labels("signoff_prepared"), officer[0] or "", officer[1] or ""),
        SignOff(labels("signoff_verified"), "", ""),
        SignOff(labels("signoff_approved"), "", ""),
    )
