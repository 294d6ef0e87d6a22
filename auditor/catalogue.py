"""How a check is declared, and the registry that collects them.

A check is a pure function of gathered facts, declared once with its catalogue metadata
by the ``check`` decorator. The registry is built on demand by importing the modules of
the ``checks`` package and collecting the ``Check`` objects they define, so nothing is
registered as a side effect of importing.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import pkgutil
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Generic, TypeVar

from auditor.facts.kinds import Fact
from auditor.results import NOTHING, Message, Severity, Status
from auditor.text import Lang, Text

CHECK_ID = re.compile(r"^[A-Z]{3}-\d{3}$")
CATALOGUE_SERIES = "1"
REFERENCE = re.compile(r"^(GP \d+(\(\d+\))?|DKICT \d+(\.\d+)*|OSMACC)$")


class Scope(Enum):
    """What one result of a check is about."""

    ACCOUNT = "account"
    DOMAIN = "domain"  # one result per official domain of the organisation


@dataclass(frozen=True)
class CheckMeta:
    id: str
    title: Text
    severity: Severity
    references: tuple[str, ...]
    remediation: Text
    scope: Scope = Scope.ACCOUNT
    messages: Mapping[str, Text] = field(default_factory=dict)
    # The gathered facts the check reads: only their gatherers run for a selection.
    needs: frozenset[Fact] = frozenset()

    @property
    def family(self) -> str:
        return self.id.split("-", 1)[0]


@dataclass(frozen=True)
class Outcome:
    """What a check function returns; the engine adds the account and metadata."""

    status: Status
    messages: tuple[Message, ...] = ()
    evidence: Mapping[str, Any] = field(default_factory=lambda: NOTHING)
    severity: Severity | None = None  # overrides the catalogue severity (e.g. ACT-003 info)


F = TypeVar("F")


@dataclass(frozen=True)
class Check(Generic[F]):
    meta: CheckMeta
    function: Callable[[F], Outcome]

    def __call__(self, facts: F) -> Outcome:
        return self.function(facts)


class CatalogueError(Exception):
    """The check metadata shipped with the tool is inconsistent."""


def check(
    id: str,
    *,
    title: Text,
    severity: Severity,
    references: Iterable[str],
    remediation: Text,
    scope: Scope = Scope.ACCOUNT,
    messages: Mapping[str, Text] | None = None,
    needs: Iterable[Fact] = (),
) -> Callable[[Callable[[F], Outcome]], Check[F]]:
    """Declare a check function together with its catalogue entry."""
    meta = CheckMeta(
        id=id,
        title=title,
        severity=severity,
        references=tuple(references),
        remediation=remediation,
        scope=scope,
        messages=dict(messages or {}),
        needs=frozenset(needs),
    )

    def wrap(function: Callable[[F], Outcome]) -> Check[F]:
        return Check(meta=meta, function=function)

    return wrap


def validate_meta(meta: CheckMeta) -> list[str]:
    """Problems with one check's metadata; empty when it is sound."""
    problems = []
    if not CHECK_ID.match(meta.id):
        problems.append(f"{meta.id}: id must look like ABC-123")
    if not meta.references:
        problems.append(f"{meta.id}: no references")
    problems += [
        f"{meta.id}: reference {ref!r} is not GP n(m), DKICT n.n or OSMACC"
        for ref in meta.references
        if not REFERENCE.match(ref)
    ]
    for name, text in [("title", meta.title), ("remediation", meta.remediation)]:
        if not text.ms.strip() or not text.en.strip():
            problems.append(f"{meta.id}: {name} must exist in ms and en")
    return problems


@dataclass(frozen=True)
class Registry:
    checks: tuple[Check[Any], ...]
    by_id: Mapping[str, Check[Any]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Outputs look a check up once per result: index them once.
        object.__setattr__(self, "by_id", {c.meta.id: c for c in self.checks})

    def ids(self) -> list[str]:
        return [c.meta.id for c in self.checks]

    def get(self, check_id: str) -> Check[Any] | None:
        return self.by_id.get(check_id)

    def meta(self, check_id: str) -> CheckMeta | None:
        found = self.get(check_id)
        return found.meta if found else None

    def needs(self, check_ids: frozenset[str] | None) -> frozenset[Fact]:
        """The facts the given checks (None: all) read, with those they derive from."""
        from auditor.facts.kinds import closure

        chosen = [c for c in self.checks if check_ids is None or c.meta.id in check_ids]
        return closure(frozenset(f for c in chosen for f in c.meta.needs))

    def for_scope(self, scope: Scope) -> list[Check[Any]]:
        return [c for c in self.checks if c.meta.scope is scope]

    @property
    def version(self) -> str:
        """Changes whenever a check is added or its severity or clauses change."""
        spec = [(c.meta.id, c.meta.severity.value, c.meta.references) for c in self.checks]
        digest = hashlib.sha256(json.dumps(spec).encode()).hexdigest()[:8]
        return f"{CATALOGUE_SERIES}+{digest}"


def load_registry(package: str = "checks") -> Registry:
    """Import every module of the checks package and collect its checks, sorted by id."""
    root = importlib.import_module(package)
    found: dict[str, Check[Any]] = {}
    for info in pkgutil.iter_modules(root.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, Check):
                if value.meta.id in found and found[value.meta.id] is not value:
                    raise CatalogueError(f"check {value.meta.id} is declared twice")
                found[value.meta.id] = value
    problems = [p for c in found.values() for p in validate_meta(c.meta)]
    if problems:
        raise CatalogueError("; ".join(problems))
    return Registry(tuple(sorted(found.values(), key=lambda c: c.meta.id)))


# Why a platform could not be read (auditor.collectors.interface.CollectError.fault).
FAULT_MESSAGES: Mapping[str, Text] = {
    "fault_unauthorised": Text(
        ms="Token ditolak: tamat tempoh, dibatalkan atau salah; dapatkan token baharu.",
        en="The token was refused: expired, revoked or wrong; obtain a new one.",
    ),
    "fault_forbidden": Text(
        ms="Token tiada kebenaran yang diperlukan untuk membaca profil ini (lihat README).",
        en="The token lacks a permission needed to read this profile (see the README).",
    ),
    "fault_not_found": Text(
        ms="Akaun tidak wujud di platform: nama pengguna mungkin telah ditukar atau akaun "
        "diambil alih; semak segera.",
        en="The account does not exist on the platform: the handle may have been renamed or "
        "taken over; check it at once.",
    ),
    "fault_rate_limited": Text(
        ms="Platform mengehadkan kadar permintaan; cuba semula kemudian.",
        en="The platform is limiting the request rate; try again later.",
    ),
    "fault_server": Text(
        ms="Pelayan platform gagal walaupun selepas cubaan semula.",
        en="The platform's server failed, also after retries.",
    ),
    "fault_http": Text(ms="Platform menolak permintaan.", en="The platform refused the request."),
    "fault_timeout": Text(
        ms="Tiada jawapan dalam tempoh yang dibenarkan (--http-timeout).",
        en="No answer within the time allowed (--http-timeout).",
    ),
    "fault_connection": Text(
        ms="Sambungan ke platform gagal.", en="The connection to the platform failed."
    ),
    "fault_malformed": Text(
        ms="Jawapan platform bukan JSON yang sah.", en="The platform's answer is not valid JSON."
    ),
    "fault_html": Text(
        ms="Platform menjawab dengan halaman HTML, bukan JSON (halaman ralat atau log masuk).",
        en="The platform answered with an HTML page instead of JSON (an error or login page).",
    ),
    "fault_redirects": Text(ms="Terlalu banyak lencongan.", en="Too many redirects."),
    "fault_scheme": Text(
        ms="Dilencongkan ke alamat yang bukan http(s).", en="Redirected to a non-http(s) address."
    ),
    "fault_too_large": Text(ms="Jawapan terlalu besar.", en="The answer is too large."),
    "fault_content_type": Text(ms="Halaman bukan HTML.", en="The page is not HTML."),
    "fault_credential": Text(
        ms="Rujukan api_token akaun tidak dapat dibaca; semak rujukan rahsia itu.",
        en="The account's api_token reference could not be read; check that secret reference.",
    ),
    "fault_no_handle": Text(
        ms="Inventori tiada nama pengguna (handle) atau URL yang boleh digunakan untuk akaun ini.",
        en="The inventory gives no usable handle or URL for this account.",
    ),
    "fault_error": Text(
        ms="Pengumpul gagal; laporkan kepada penyelenggara alat ini.",
        en="The collector failed; report this to the tool's maintainers.",
    ),
}

COMMON_MESSAGES: Mapping[str, Text] = {
    "check_raised": Text(
        ms="Semakan {check} gagal dijalankan ({error}); laporkan kepada penyelenggara alat ini.",
        en="Check {check} failed to run ({error}); report this to the tool's maintainers.",
    ),
    "no_profile": Text(
        ms="Tiada rakaman profil bagi akaun ini; semak profil secara manual atau kumpulkan "
        "rakaman dengan `auditor collect`.",
        en="There is no profile snapshot for this account; check the profile by hand or "
        "collect a snapshot with `auditor collect`.",
    ),
    "profile_unavailable": Text(
        ms="Profil tidak dapat dibaca daripada {platform} ({fault}); rakaman inventori tidak "
        "digunakan sebagai ganti.",
        en="The profile could not be read from {platform} ({fault}); the inventory snapshot is "
        "not used instead.",
    ),
    **FAULT_MESSAGES,
    "offline": Text(
        ms="Tidak disemak: imbasan luar talian (--offline) tidak menghubungi rangkaian.",
        en="Not checked: an offline scan (--offline) does not use the network.",
    ),
}


def render_messages(meta: CheckMeta | None, messages: Iterable[Message], lang: Lang) -> str:
    """The text of a result's messages in one language, joined into one paragraph."""
    parts = []
    for message in messages:
        text = (meta.messages.get(message.key) if meta else None) or COMMON_MESSAGES.get(
            message.key
        )
        parts.append(text(lang, **message.args) if text else message.key)
    return " ".join(parts)
