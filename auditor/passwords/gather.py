"""Reads every account's password once, judges it, and keeps only the judgement.

This is the only place where secrets are held, and (in one process) only one at a time:
each is read, evaluated against the policy and the breach sources, turned into a keyed hash
for reuse detection, and dropped before the next one is read. With the HIBP API, each is read once
more beforehand, only for the five-hex-digit prefix of its SHA-1 (what the API is sent), so
that every range is asked at once. The hash key is fresh for every run
and never leaves this function, so the hashes mean nothing outside it.

A large inventory is judged on every core (``workers``): then the secrets are all read
first and held together for the judging, forked children judge their share of them (zxcvbn
is most of a scan's time) and send back only the verdicts (``auditor.passwords.wire``);
the breach sources and the keyed hashes stay in this process. No secret is sent anywhere:
each child already holds them when it is forked (``auditor.forked``).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections import defaultdict
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path

from auditor.deadline import Deadline
from auditor.forked import WorkerError, can_fork, run_forked
from auditor.inventory.advice import password_position
from auditor.inventory.loaded import LoadedInventory
from auditor.inventory.model import Account, Agency
from auditor.passwords.breach import BreachListFile, BreachLookupError, BreachSource, HibpClient
from auditor.passwords.facts import PasswordFacts
from auditor.passwords.policy import Evaluation, evaluate, identity_words, with_breaches
from auditor.passwords.wire import Failed, Verdict, decode_verdicts, encode_verdicts
from auditor.secrets import (
    Secret,
    SecretError,
    SecretKind,
    SecretReader,
    is_reference,
    looks_like_reference,
    parse_reference,
    permission_problem,
    resolve_path,
)

log = logging.getLogger(__name__)
# Below this many passwords, forking costs more than the second core saves.
FORK_FROM = 400
# A password's judgement, and the keyed hash of it (None: not read, or not judged).
Judged = tuple[PasswordFacts, bytes | None]


@dataclass(frozen=True)
class PasswordScanOptions:
    offline: bool = False  # True: the HIBP API is never asked, whatever ``hibp`` says
    breach_list: Path | None = None
    hibp: bool = False
    deadline: Deadline | None = None  # the scan's network deadline, for HIBP
    workers: int = 1  # processes judging passwords (1: this one alone)


@dataclass(frozen=True)
class _Breach:
    sources: tuple[BreachSource, ...]
    error: str | None  # a source that could not even be opened


def gather_password_facts(
    source: LoadedInventory,
    accounts: Sequence[tuple[Agency, Account]],
    options: PasswordScanOptions,
    reader: SecretReader | None = None,
) -> dict[str, PasswordFacts]:
    """PasswordFacts by account id, for every given account that has a ``password:``."""
    reader = reader or SecretReader(source.folder)
    key = secrets.token_bytes(32)
    found: dict[str, PasswordFacts] = {}
    digests: dict[str, bytes] = {}
    with ExitStack() as stack:
        breach = _open_breach_sources(options, stack)
        _prefetch_ranges(source, accounts, reader, breach)
        with_password = [(g, a) for g, a in accounts if a.password is not None]
        if options.workers > 1 and len(with_password) >= FORK_FROM and can_fork():
            judged = _judge_forked(source, with_password, reader, breach, key, options.workers)
        else:
            judged = [_judge(source, g, a, reader, breach, key) for g, a in with_password]
    for (_, account), (facts, digest) in zip(with_password, judged, strict=True):
        found[account.id] = facts
        if digest is not None:
            digests[account.id] = digest
    return _with_reuse(found, digests)


def _open_breach_sources(options: PasswordScanOptions, stack: ExitStack) -> _Breach:
    sources: list[BreachSource] = []
    error = None
    if options.breach_list is not None:
        try:
            sources.append(stack.enter_context(BreachListFile(options.breach_list)))
        except BreachLookupError as exc:
            error = str(exc)
    if options.hibp and not options.offline:
        sources.append(stack.enter_context(HibpClient(deadline=options.deadline)))
    return _Breach(tuple(sources), error)


def _judge(
    source: LoadedInventory,
    agency: Agency,
    account: Account,
    reader: SecretReader,
    breach: _Breach,
    key: bytes,
) -> Judged:
    facts, secret = _obtain(source, account, reader)
    if secret is None:
        return facts, None
    verdict = _verdict(source, agency, account, secret, breach.sources)
    return _concluded(account, facts, secret, verdict, breach, key)


def _judge_forked(
    source: LoadedInventory,
    accounts: Sequence[tuple[Agency, Account]],
    reader: SecretReader,
    breach: _Breach,
    key: bytes,
    workers: int,
) -> list[Judged]:
    """What ``_judge`` says of each account, the zxcvbn work shared with forked workers."""
    read = [_obtain(source, account, reader) for _, account in accounts]
    held = [(i, secret) for i, (_, secret) in enumerate(read) if secret is not None]

    def work(share: range) -> bytes:  # in a worker: verdicts without the breach sources
        return encode_verdicts(
            [_verdict(source, *accounts[held[n][0]], held[n][1], ()) for n in share]
        )

    try:
        pieces = run_forked(work, len(held), workers)
    except WorkerError as exc:
        log.warning("%s; the passwords are judged in this process", exc)
        pieces = [work(range(len(held)))]
    verdicts = [verdict for piece in pieces for verdict in decode_verdicts(piece)]
    judged: list[Judged] = [(facts, None) for facts, _ in read]
    for (index, secret), verdict in zip(held, verdicts, strict=True):
        if isinstance(verdict, Evaluation) and breach.sources:
            verdict = _breaches(verdict, secret, breach.sources)
        judged[index] = _concluded(accounts[index][1], read[index][0], secret, verdict, breach, key)
    return judged


def _obtain(
    source: LoadedInventory, account: Account, reader: SecretReader
) -> tuple[PasswordFacts, Secret | None]:
    """What the password field is, and the secret it gives (None: it could not be read)."""
    value = account.password or ""
    clear = PasswordFacts(kind=None, reference=None)
    if not is_reference(value):
        return clear, Secret(value)
    kind = SecretKind(value.partition(":")[0])
    facts = PasswordFacts(kind=kind, reference=kind.value)
    try:
        ref = parse_reference(value)
        if ref.kind is SecretKind.FILE:
            problem = permission_problem(resolve_path(ref.location, source.folder))
            facts = replace(facts, permission_problem=problem)
        return facts, reader.read(ref)
    except SecretError as exc:
        if not looks_like_reference(value):  # unreadable, and not shaped like a reference
            return clear, Secret(value)
        return replace(facts, read_error=f"{_where(source, account, kind)}: {exc}"), None
    except Exception as exc:  # a keyring backend or KeePass file failing in its own way
        where = _where(source, account, kind)
        log.warning("reading the %s raised %s", where, type(exc).__name__)
        return replace(facts, read_error=f"{where} could not be read ({type(exc).__name__})"), None


def _where(source: LoadedInventory, account: Account, kind: SecretKind) -> str:
    # Named by kind and position only: the text may be a password that looks like a reference.
    # Built only for a reference that fails, not for each of 10,000 that are read.
    return f"{kind.value} reference at {password_position(source, account.id)}"


def _prefetch_ranges(
    source: LoadedInventory,
    accounts: Sequence[tuple[Agency, Account]],
    reader: SecretReader,
    breach: _Breach,
) -> None:
    """Ask the HIBP API for every password's range at once before judging them one by one.

    Each secret is read, its SHA-1 prefix (what the API is sent anyway) kept, and dropped.
    """
    clients = [s for s in breach.sources if isinstance(s, HibpClient)]
    if not clients:
        return
    prefixes = []
    for _, account in accounts:
        if account.password is not None:
            _, secret = _obtain(source, account, reader)
            if secret is not None:
                digest = hashlib.sha1(secret.reveal().encode("utf-8"), usedforsecurity=False)
                prefixes.append(digest.hexdigest().upper()[:5])
    for client in clients:
        client.prefetch(prefixes)


def _verdict(
    source: LoadedInventory,
    agency: Agency,
    account: Account,
    secret: Secret,
    sources: Sequence[BreachSource],
) -> Verdict:
    names = identity_words(source.inventory.organisation, agency, account)
    try:
        return evaluate(secret.reveal(), source.inventory.policy, names, sources)
    except Exception as exc:  # never let a judging bug end the scan, nor show the secret
        return Failed(type(exc).__name__)


def _breaches(judged: Evaluation, secret: Secret, sources: Sequence[BreachSource]) -> Verdict:
    try:
        return with_breaches(judged, secret.reveal(), sources)
    except Exception as exc:  # as in _verdict: the breach lookup is part of judging
        return Failed(type(exc).__name__)


def _concluded(
    account: Account,
    facts: PasswordFacts,
    secret: Secret,
    verdict: Verdict,
    breach: _Breach,
    key: bytes,
) -> Judged:
    if isinstance(verdict, Failed):
        log.warning("evaluating the password of %s raised %s", account.id, verdict.error)
        error = f"the password of {account.id} could not be evaluated ({verdict.error})"
        return replace(facts, read_error=error), None
    digest = hmac.new(key, secret.reveal().encode("utf-8"), hashlib.sha256).digest()
    judged = replace(
        facts,
        broken_rules=verdict.broken,
        score=verdict.score,
        breach_error=verdict.breach_error or breach.error,
    )
    return judged, digest


def _with_reuse(
    found: dict[str, PasswordFacts], digests: dict[str, bytes]
) -> dict[str, PasswordFacts]:
    by_digest: defaultdict[bytes, list[str]] = defaultdict(list)
    for account_id, digest in digests.items():
        by_digest[digest].append(account_id)
    for group in by_digest.values():
        for account_id in group:
            others = tuple(a for a in group if a != account_id)
            if others:
                found[account_id] = replace(found[account_id], reused_with=others)
    return found
