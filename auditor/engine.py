"""Runs the checks: gathers facts once, calls each selected check, isolates failures."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from auditor import __version__
from auditor.catalogue import Check, Registry, Scope
from auditor.deadline import DEFAULT_NETWORK_DEADLINE, Deadline
from auditor.dns import DnsFacts, HostResolution, ResolverSettings, gather_dns
from auditor.dns import parse_nameserver as parse_dns_server
from auditor.dns.resolver import DEFAULT_RETRIES, DEFAULT_TIMEOUT
from auditor.facts import AccountDirectory, AccountFacts, DomainFacts
from auditor.inventory.loaded import LoadedInventory
from auditor.inventory.model import Account, Agency
from auditor.media import measure_media
from auditor.passwords import PasswordFacts, PasswordScanOptions, gather_password_facts
from auditor.pictures import gather_pictures
from auditor.results import Message, Result, Status
from auditor.urls import account_websites, url_host
from auditor.workdays import WorkingCalendar

log = logging.getLogger(__name__)


class Stage(Enum):
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
    network_deadline: float = DEFAULT_NETWORK_DEADLINE  # seconds for all network questions


@dataclass(frozen=True)
class ScanFacts:
    accounts: tuple[AccountFacts, ...]
    domains: tuple[DomainFacts, ...]


@dataclass(frozen=True)
class ScanRun:
    """A finished scan: what was scanned, how, and every result."""

    tool_version: str
    started_at: dt.datetime
    finished_at: dt.datetime
    source: LoadedInventory
    options: ScanOptions
    registry: Registry
    results: tuple[Result, ...]


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


_DOMAIN_DNS_CHECKS = frozenset({"DOM-001", "DOM-002", "DOM-003"})
_WEBSITE_DNS_CHECKS = frozenset({"DOM-004"})
_PICTURE_CHECKS = frozenset({"PRF-002"})
_MEDIA_CHECKS = frozenset({"ACT-003"})
_PASSWORD_CHECKS = frozenset({"PWD-001", "PWD-002", "PWD-003", "PWD-004"})


def _wants(options: ScanOptions, check_ids: frozenset[str]) -> bool:
    return options.check_ids is None or bool(options.check_ids & check_ids)


def gather_dns_facts(
    domains: list[str], hosts: list[str], options: ScanOptions, deadline: Deadline | None = None
) -> DnsFacts | None:
    """Every DNS answer the scan needs, asked concurrently; None when offline (no query)."""
    if options.offline or not (domains or hosts):
        return None
    settings = ResolverSettings(
        nameservers=tuple(parse_dns_server(s) for s in options.dns_servers),
        timeout=options.dns_timeout,
        retries=options.dns_retries,
    )
    return gather_dns(domains, hosts, settings, deadline)


def _host_facts(dns: DnsFacts | None, urls: tuple[str, ...]) -> tuple[HostResolution, ...] | None:
    if dns is None:
        return None
    found = (dns.host(url_host(url)) for url in urls)
    return tuple(host for host in found if host is not None)


def gather_facts(source: LoadedInventory, options: ScanOptions) -> ScanFacts:
    """Every fact the checks will read, gathered once (all the scan's I/O happens here)."""
    inventory = source.inventory
    directory = AccountDirectory.of(inventory.agencies)
    selected = [
        (agency, account)
        for agency, account in inventory.accounts()
        if options.agency_ids is None or agency.id in options.agency_ids
    ]
    # Results about official domains belong to the organisation, not to one agency.
    organisation = inventory.organisation
    domain_names = list(organisation.official_domains) if options.agency_ids is None else []
    websites = {a.id: account_websites(agency, a) for agency, a in selected}
    deadline = Deadline.after(options.network_deadline)
    dns = gather_dns_facts(
        domain_names if _wants(options, _DOMAIN_DNS_CHECKS) else [],
        [url_host(u) for urls in websites.values() for u in urls]
        if _wants(options, _WEBSITE_DNS_CHECKS)
        else [],
        options,
        deadline,
    )
    calendar = WorkingCalendar.melaka(_calendar_years(options.as_of, [a for _, a in selected]))
    media_sizes = (
        measure_media(source.folder, [a for _, a in selected])
        if _wants(options, _MEDIA_CHECKS)
        else {}
    )
    passwords = _gather_passwords(source, selected, options, deadline)
    # Hashing images is the slowest local work of a scan: only when PRF-002 will read it.
    pictures = (
        gather_pictures(source.folder, organisation, selected)
        if _wants(options, _PICTURE_CHECKS)
        else {}
    )
    accounts = tuple(
        AccountFacts(
            organisation=inventory.organisation,
            policy=inventory.policy,
            agency=agency,
            account=account,
            as_of=options.as_of,
            directory=directory,
            calendar=calendar,
            media_sizes=media_sizes.get(account.id, {}),
            offline=options.offline,
            websites=_host_facts(dns, websites[account.id]),
            password=passwords.get(account.id),
            picture=pictures.get(account.id),
        )
        for agency, account in selected
    )
    domains = tuple(
        DomainFacts(
            domain=domain,
            organisation=inventory.organisation,
            offline=options.offline,
            dns=dns.domain(domain) if dns else None,
        )
        for domain in domain_names
    )
    return ScanFacts(accounts=accounts, domains=domains)


def _gather_passwords(
    source: LoadedInventory,
    selected: list[tuple[Agency, Account]],
    options: ScanOptions,
    deadline: Deadline,
) -> dict[str, PasswordFacts]:
    # Secrets are read only when a PWD check will look at them (a KeePass database may
    # even ask for its master password).
    if not _wants(options, _PASSWORD_CHECKS):
        return {}
    pwd_options = PasswordScanOptions(
        offline=options.offline,
        breach_list=options.breach_list,
        hibp=options.hibp,
        deadline=deadline,
    )
    return gather_password_facts(source, selected, pwd_options)


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
        evidence=dict(outcome.evidence),
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
            yield run_check(check, domain, None, None, None)
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
    facts = gather_facts(source, options)
    if progress:
        progress(Stage.FACTS, 1, 1)
    results = tuple(run_checks(facts, registry, options, progress))
    return ScanRun(
        tool_version=__version__,
        started_at=started,
        finished_at=dt.datetime.now(dt.UTC),
        source=source,
        options=options,
        registry=registry,
        results=results,
    )
