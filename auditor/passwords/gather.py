"""Reads every account's password once, judges it, and keeps only the judgement.

This is the only place where secrets are held, and only one at a time: each is read,
evaluated against the policy and the breach sources, turned into a keyed hash for reuse
detection, and dropped before the next one is read. The hash key is fresh for every run
and never leaves this function, so the hashes mean nothing outside it.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
from collections import defaultdict
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path

from auditor.inventory.loaded import LoadedInventory
from auditor.inventory.model import Account, Agency
from auditor.passwords.breach import BreachListFile, BreachLookupError, BreachSource, HibpClient
from auditor.passwords.facts import PasswordFacts
from auditor.passwords.policy import evaluate, identity_words
from auditor.secrets import (
    Secret,
    SecretError,
    SecretKind,
    SecretReader,
    SecretRef,
    is_reference,
    parse_reference,
    permission_problem,
    resolve_path,
)

log = logging.getLogger(__name__)
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class PasswordScanOptions:
    offline: bool = False  # True: the HIBP API is never asked, whatever ``hibp`` says
    breach_list: Path | None = None
    hibp: bool = False


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
        for agency, account in accounts:
            if account.password is None:
                continue
            facts, digest = _judge(source, agency, account, reader, breach, key)
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
        sources.append(stack.enter_context(HibpClient()))
    return _Breach(tuple(sources), error)


def _judge(
    source: LoadedInventory,
    agency: Agency,
    account: Account,
    reader: SecretReader,
    breach: _Breach,
    key: bytes,
) -> tuple[PasswordFacts, bytes | None]:
    value = account.password or ""
    if not is_reference(value):
        facts = PasswordFacts(kind=None, reference=None)
        return _evaluate(source, agency, account, Secret(value), facts, breach, key)
    try:
        ref = _parse(value)
    except SecretError as exc:
        kind = SecretKind(value.partition(":")[0])
        return PasswordFacts(kind=kind, reference=None, read_error=str(exc)), None
    facts = PasswordFacts(kind=ref.kind, reference=str(ref))
    if ref.kind is SecretKind.FILE:
        problem = permission_problem(resolve_path(ref.location, source.folder))
        facts = replace(facts, permission_problem=problem)
    try:
        secret = reader.read(ref)
    except SecretError as exc:
        return replace(facts, read_error=str(exc)), None
    except Exception as exc:  # a keyring backend or KeePass file failing in its own way
        log.warning("reading %s raised %s", ref, type(exc).__name__)
        return replace(facts, read_error=f"{ref} could not be read ({type(exc).__name__})"), None
    return _evaluate(source, agency, account, secret, facts, breach, key)


def _parse(value: str) -> SecretRef:
    ref = parse_reference(value)
    # A clear-text password that happens to start with "env:" must not be echoed back
    # as a variable name in an error message.
    if ref.kind is SecretKind.ENV and not _ENV_NAME.match(ref.location):
        raise SecretError("env reference is not a valid environment variable name")
    return ref


def _evaluate(
    source: LoadedInventory,
    agency: Agency,
    account: Account,
    secret: Secret,
    facts: PasswordFacts,
    breach: _Breach,
    key: bytes,
) -> tuple[PasswordFacts, bytes | None]:
    names = identity_words(source.inventory.organisation, agency, account)
    try:
        result = evaluate(secret.reveal(), source.inventory.policy, names, breach.sources)
    except Exception as exc:  # never let a judging bug end the scan, nor show the secret
        log.warning("evaluating the password of %s raised %s", account.id, type(exc).__name__)
        error = f"the password of {account.id} could not be evaluated ({type(exc).__name__})"
        return replace(facts, read_error=error), None
    digest = hmac.new(key, secret.reveal().encode("utf-8"), hashlib.sha256).digest()
    judged = replace(
        facts,
        broken_rules=result.broken,
        score=result.score,
        breach_error=result.breach_error or breach.error,
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
