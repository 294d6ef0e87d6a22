"""Runs the checks: gathers facts once, calls each selected check, isolates failures."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from auditor import __version__, defaults
from auditor.catalogue import Check, Registry, Scope
from auditor.deadline import DEFAULT_NETWORK_DEADLINE, Deadline
from auditor.dns.settings import DEFAULT_RETRIES, DEFAULT_TIMEOUT
from auditor.facts import AccountDirectory, AccountFacts, DomainFacts, Fact
from auditor.facts.dns import DnsGatherer
from auditor.facts.gatherer import GatherContext, Gatherer, GatherProgress, run_gatherers
from auditor.facts.kinds import closure
from auditor.facts.media import MediaGatherer
from auditor.facts.passwords import PasswordGatherer
from auditor.facts.pictures import PictureGatherer
from auditor.facts.snapshot import SnapshotGatherer
from auditor.inventory.loaded import LoadedInventory
from auditor.inventory.model import Account
from auditor.results import NOTHING, Message, Result, Status
from auditor.run import ScanRun, Selection, organisation_positions, scope_of
from auditor.workdays import WorkingCalendar

log = logging.getLogger(__name__)


class Stage(Enum):
    COLLECT = "collect"  # reading the profiles from the platforms
    FACTS = "facts"  # reading secrets, images, DNS: the scan's I/O
    CHECKS = "checks"  # running the checks, account by account


# Told (stage, done, total) as the scan goes, so that a terminal can show progress.
Progress = Callable[[Stage, int, int], None]


@dataclass(frozen=True)
class ScanOptions:
    as_of: dt.date
    offline: bool = False
    check_ids: frozenset[str] | None = None  # None: every check
    agency_ids: frozenset[str] | None = None  # None: every agency
    dns_servers: tuple[str, ...] = ()  # "HOST[:PORT]"; empty: the system's resolvers
    dns_timeout: float = DEFAULT_TIMEOUT  # seconds per DNS question, retries included
    dns_retries: int = DEFAULT_RETRIES
    breach_list: Path | None = None  # a local HIBP "SHA1:count" file, sorted by hash
    hibp: bool = False  # ask the HIBP range API (never when offline)
    http_timeout: float = defaults.HTTP_TIMEOUT  # seconds to connect, and per read
    concurrency: int = defaults.HTTP_CONCURRENCY  # HTTP requests in flight, overall
    public_pages: bool = False  # read the public page of accounts without an API token
    network_deadline: float = DEFAULT_NETWORK_DEADLINE  # seconds for all network questions
    cache: Path | None = None  # a folder for what can be computed once (the holiday table)
    workers: int = 1  # processes for the CPU work (password judging); 1: this one alone


@dataclass(frozen=True)
class ScanFacts:
    accounts: tuple[AccountFacts, ...]
    domains: tuple[DomainFacts, ...]


class SelectionError(ValueError):
    """A --check or --agency value names nothing in the catalogue or inventory."""


def validate_selection(source: LoadedInventory, registry: Registry, options: ScanOptions) -> None:
    unknown_checks = sorted((options.check_ids or frozenset()) - set(registry.ids()))
    if unknown_checks:
        raise SelectionError(f"unknown check id: {', '.join(unknown_checks)}")
    agency_ids = {a.id for a in source.inventory.agencies}
    unknown_agencies = sorted((options.agency_ids or frozenset()) - agency_ids)
    if unknown_agencies:
        raise SelectionError(f"unknown agency id: {', '.join(unknown_agencies)}")


def profile_gatherers(options: ScanOptions) -> tuple[Gatherer, ...]:
    """Every gatherer a scan may run; the collect phase reads the platforms unless offline."""
    if options.offline:
        collect: Gatherer = SnapshotGatherer()
    else:
        # The collectors bring requests and every platform's client: an offline scan
        # never loads them.
        from auditor.facts.collected import CollectorGatherer

        collect = CollectorGatherer()
    return (
        collect,
        PictureGatherer(),
        MediaGatherer(),
        DnsGatherer(),
        PasswordGatherer(),
    )


def gather_facts(
    source: LoadedInventory,
    options: ScanOptions,
    needed: frozenset[Fact] | None = None,
    gatherers: tuple[Gatherer, ...] | None = None,
    progress: GatherProgress | None = None,
) -> ScanFacts:
    """Every fact the selected checks read, gathered once (all the scan's I/O happens here):
    only the gatherers of the facts needed (None: all) run."""
    inventory = source.inventory
    selected = [
        (agency, account)
        for agency, account in inventory.accounts()
        if options.agency_ids is None or agency.id in options.agency_ids
    ]
    # Results about official domains belong to the organisation, not to one agency.
    organisation = inventory.organisation
    domain_names = list(organisation.official_domains) if options.agency_ids is None else []
    context = GatherContext(
        source=source,
        accounts=selected,
        domains=domain_names,
        options=options,
        needed=closure(frozenset(Fact)) if needed is None else needed,
        progress=progress,
        deadline=Deadline.after(options.network_deadline),
    )
    found = run_gatherers(gatherers or profile_gatherers(options), context)
    directory = AccountDirectory.of(inventory.agencies)
    years = _calendar_years(options.as_of, [a for _, a in selected])
    policy = inventory.policy
    calendar = WorkingCalendar.melaka(
        years, policy.extra_holidays, policy.extra_working_days, cache=options.cache
    )
    accounts = tuple(
        AccountFacts(
            organisation=organisation,
            policy=inventory.policy,
            agency=agency,
            account=account,
            as_of=options.as_of,
            directory=directory,
            calendar=calendar,
            media_sizes=found.get(Fact.MEDIA, account.id) or {},
            offline=options.offline,
            websites=found.get(Fact.WEBSITE_DNS, account.id),
            password=found.get(Fact.PASSWORD, account.id),
            picture=found.get(Fact.PICTURE, account.id),
            collected=found.get(Fact.PROFILE, account.id),
        )
        for agency, account in selected
    )
    domains = tuple(
        DomainFacts(
            domain=domain,
            organisation=organisation,
            offline=options.offline,
            dns=found.get(Fact.DOMAIN_DNS, domain),
        )
        for domain in domain_names
    )
    return ScanFacts(accounts=accounts, domains=domains)


def _calendar_years(as_of: dt.date, accounts: list[Account]) -> set[int]:
    years = {as_of.year}
    for account in accounts:
        for inquiry in (account.profile.inquiries if account.profile else None) or []:
            end = inquiry.answered.year if inquiry.answered else as_of.year
            years.update(range(inquiry.received.year, end + 1))
    return years


def run_check(
    check: Check[Any],
    facts: Any,
    agency_id: str | None,
    account_id: str | None,
    platform: str | None,
    domain: str | None = None,
) -> Result:
    """One check on one subject; an exception becomes an ``error`` result."""
    meta = check.meta
    try:
        outcome = check(facts)
    except Exception as exc:  # a broken check must not stop the scan
        # Only the exception's type: its message may hold inventory values or secrets.
        log.warning("check %s raised %s", meta.id, type(exc).__name__)
        return Result(
            check_id=meta.id,
            status=Status.ERROR,
            severity=meta.severity,
            agency_id=agency_id,
            account_id=account_id,
            platform=platform,
            domain=domain,
            messages=(Message("check_raised", {"check": meta.id, "error": type(exc).__name__}),),
        )
    return Result(
        check_id=meta.id,
        status=outcome.status,
        severity=outcome.severity or meta.severity,
        agency_id=agency_id,
        account_id=account_id,
        platform=platform,
        messages=outcome.messages,
        # A copy the result owns; the one empty mapping when there is no evidence.
        evidence=dict(outcome.evidence) if outcome.evidence else NOTHING,
        domain=domain,
    )


def _selected(registry: Registry, scope: Scope, options: ScanOptions) -> list[Check[Any]]:
    return [
        c
        for c in registry.for_scope(scope)
        if options.check_ids is None or c.meta.id in options.check_ids
    ]


def run_checks(
    facts: ScanFacts, registry: Registry, options: ScanOptions, progress: Progress | None = None
) -> Iterable[Result]:
    domain_checks = _selected(registry, Scope.DOMAIN, options)
    for domain in facts.domains:
        for check in domain_checks:
            yield run_check(check, domain, None, None, None, domain.domain)
    account_checks = _selected(registry, Scope.ACCOUNT, options)
    for done, account in enumerate(facts.accounts, start=1):
        ids = (account.agency.id, account.account.id, account.account.platform.value)
        for check in account_checks:
            yield run_check(check, account, *ids)
        if progress:
            progress(Stage.CHECKS, done, len(facts.accounts))


def scan(
    source: LoadedInventory,
    registry: Registry,
    options: ScanOptions,
    progress: Progress | None = None,
) -> ScanRun:
    """The whole scan, without any user interface."""
    validate_selection(source, registry, options)
    started = dt.datetime.now(dt.UTC)
    if progress:
        progress(Stage.FACTS, 0, 1)
    tick = (lambda done, total: progress(Stage.COLLECT, done, total)) if progress else None
    facts = gather_facts(source, options, registry.needs(options.check_ids), progress=tick)
    if progress:
        progress(Stage.FACTS, 1, 1)
    results = tuple(run_checks(facts, registry, options, progress))
    inventory = source.inventory
    domain_positions, organisation_position = organisation_positions(source)
    return ScanRun(
        tool_version=__version__,
        started_at=started,
        finished_at=dt.datetime.now(dt.UTC),
        as_of=options.as_of,
        registry=registry,
        inventory_path=str(source.path),
        inventory_sha256=source.sha256,
        organisation=inventory.organisation.name,
        official_domains=tuple(inventory.organisation.official_domains),
        agencies=scope_of(source, options.agency_ids),
        policy=inventory.policy.model_dump(),
        selection=Selection(options.check_ids, options.agency_ids, options.offline),
        results=results,
        domain_positions=domain_positions,
        organisation_position=organisation_position,
    )
