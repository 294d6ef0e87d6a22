"""Profile facts from the platforms: each account read by its platform's collector.

An account is read when its platform has a credential (the account's ``api_token:``, else
AUDITOR_<PLATFORM>_TOKEN) or, with --public-pages, from its public page; otherwise its
inventory snapshot stands, saying ``source: inventory``. A platform that fails is a
ProfileFailure, never a silent fallback to the snapshot. Requests run on a bounded pool.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import warnings
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from auditor.collectors import CollectError, Collector, PlatformCall, PublicPageCollector
from auditor.collectors import platform_collectors as _platform_collectors
from auditor.collectors.interface import local_date
from auditor.deadline import Deadline
from auditor.facts.gatherer import GatherContext
from auditor.facts.kinds import Fact, Phase
from auditor.facts.model import CollectedProfile, ProfileFailure, ProfileRead
from auditor.facts.snapshot import snapshot_read
from auditor.inventory.loaded import LoadedInventory
from auditor.inventory.model import Account, Agency, Platform, Profile
from auditor.secrets import SecretError, SecretReader, parse_reference
from auditor.web import WebClient, WebError, WebSettings

log = logging.getLogger(__name__)
MAX_PICTURE_BYTES = 5 * 1024 * 1024
_PICTURE_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp"}
# Told (done, total) as accounts are read.
Tick = Callable[[int, int], None]


@dataclass(frozen=True)
class CollectSettings:
    web: WebSettings = field(default_factory=WebSettings)
    public_pages: bool = False
    pictures: bool = True  # download profile pictures (for PRF-002 and snapshots)
    deadline: Deadline | None = None  # a scan's network deadline; `auditor collect` has none


@dataclass(frozen=True)
class _Job:
    account: Account
    collector: Collector
    call: PlatformCall | None  # None: the credential could not be read
    credential_error: str | None = None


def token_env(platform: Platform) -> str:
    return f"AUDITOR_{platform.name}_TOKEN"


def api_url_env(platform: Platform) -> str:
    return f"AUDITOR_{platform.name}_API_URL"


def collect_profiles(
    source: LoadedInventory,
    accounts: Sequence[tuple[Agency, Account]],
    settings: CollectSettings,
    tick: Tick | None = None,
    environ: Mapping[str, str] | None = None,
) -> dict[str, ProfileRead]:
    """What each account's platform shows, by account id (snapshot where not contacted)."""
    env = dict(os.environ if environ is None else environ)
    found: dict[str, ProfileRead] = {}
    with WebClient(settings.web, settings.deadline) as client:
        jobs = []
        reader = SecretReader(source.folder, environ=env)
        for _, account in accounts:
            job = _plan(account, client, settings, reader, env)
            if job is None:
                snapshot = snapshot_read(account)
                if snapshot is not None:
                    found[account.id] = snapshot
            else:
                jobs.append(job)
        workers = max(1, min(settings.web.concurrency, len(jobs)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="collect") as pool:
            futures = [pool.submit(_run, job, client, settings) for job in jobs]
            for done, (job, future) in enumerate(zip(jobs, futures, strict=True), start=1):
                found[job.account.id] = future.result()
                if tick:
                    tick(done, len(jobs))
    return found


def _plan(
    account: Account,
    client: WebClient,
    settings: CollectSettings,
    reader: SecretReader,
    env: Mapping[str, str],
) -> _Job | None:
    collector = _platform_collectors().get(account.platform)
    token, error = _credential(account, reader, env)
    if collector is None or (token is None and error is None):
        if not (settings.public_pages and account.url):
            return None
        collector, token = PublicPageCollector(), None
    queue = account.platform.value
    base = env.get(api_url_env(account.platform), "").strip() or collector.default_base_url
    call = PlatformCall(client, queue, base, token) if error is None else None
    return _Job(account, collector, call, error)


def _credential(
    account: Account, reader: SecretReader, env: Mapping[str, str]
) -> tuple[str | None, str | None]:
    """The account's token (its api_token: wins over the platform's), or why it is unread."""
    if account.api_token is not None:
        try:
            return reader.read(parse_reference(account.api_token)).reveal(), None
        except SecretError as exc:
            return None, str(exc)
        except Exception as exc:  # a keyring or KeePass backend failing in its own way
            return None, type(exc).__name__
    token = env.get(token_env(account.platform), "").strip()
    return (token or None), None


def _run(job: _Job, client: WebClient, settings: CollectSettings) -> ProfileRead:
    collector = job.collector
    if job.call is None:
        log.warning("%s: api_token could not be read: %s", job.account.id, job.credential_error)
        return _failure(job, CollectError("credential"))
    fetched_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        fields = collector.collect(job.call, job.account)
    except CollectError as exc:
        return _failure(job, exc)
    except Exception as exc:  # a collector bug must not stop the scan; no message (secrets)
        log.warning("%s: collector raised %s", job.account.id, type(exc).__name__)
        return _failure(job, CollectError("error"))
    fields = _cleaned(fields, client)
    profile = merged_profile(job.account, collector, fields, fetched_at)
    picture, kind = (None, None)
    if settings.pictures and profile.picture:
        picture, kind = download_picture(job.call, profile.picture, job.account.id)
    return CollectedProfile(profile=profile, picture=picture, picture_type=kind)


def _failure(job: _Job, error: CollectError) -> ProfileFailure:
    return ProfileFailure(
        platform=job.account.platform.value,
        source=job.collector.source,
        fault=error.fault,
        status=error.status,
    )


def _cleaned(fields: Mapping[str, Any], client: WebClient) -> dict[str, Any]:
    """The fields as the Profile holds them: dates in Melaka, no secret in any text."""
    cleaned: dict[str, Any] = {}
    for name, value in fields.items():
        if isinstance(value, dt.datetime):
            value = local_date(value)
        elif isinstance(value, str):
            value = client.redactor(value)
        elif isinstance(value, list):
            value = [client.redactor(v) if isinstance(v, str) else v for v in value]
        cleaned[name] = value
    return cleaned


def merged_profile(
    account: Account, collector: Collector, fields: Mapping[str, Any], fetched_at: dt.datetime
) -> Profile:
    """What the platform shows; the fields it cannot show at all stay as the snapshot has
    them (inquiries answered by mail, liked pages), and are named as such."""
    base = account.profile.model_dump(exclude_none=True) if account.profile else {}
    for name in ("source", "fetched_at", "observed_at", "from_inventory"):
        base.pop(name, None)
    carried = sorted(k for k in base if k not in collector.reads)
    read = {k: v for k, v in fields.items() if k in collector.reads}
    data = {k: base[k] for k in carried} | read
    data |= {"source": collector.source, "fetched_at": fetched_at}
    if carried:
        data["from_inventory"] = carried
    try:
        return Profile.model_validate(data)
    except ValueError:
        # A platform showing a value the inventory's schema refuses (a website that is not
        # an http(s) URL, an email that is not one): the field is dropped, not the profile.
        return _tolerant_profile(data)


def _tolerant_profile(data: dict[str, Any]) -> Profile:
    kept = {k: v for k, v in data.items() if k in ("source", "fetched_at", "from_inventory")}
    for name, value in data.items():
        if name in kept:
            continue
        try:
            Profile.model_validate({name: value})
        except ValueError:
            log.warning("a collected %s was not usable and is left out", name)
            continue
        kept[name] = value
    return Profile.model_validate(kept)


def download_picture(
    call: PlatformCall, url: str, account_id: str
) -> tuple[bytes | None, str | None]:
    """The picture's bytes and extension, when it is an image Pillow can safely read."""
    try:
        answer = call.fetch(url, max_bytes=MAX_PICTURE_BYTES, content_types=tuple(_PICTURE_TYPES))
    except WebError as exc:
        log.warning("%s: profile picture not downloaded (%s)", account_id, exc.fault)
        return None, None
    kind = _PICTURE_TYPES.get(answer.content_type)
    if kind is None or not _is_safe_image(answer.body):
        log.warning("%s: profile picture is not an image that can be read", account_id)
        return None, None
    return answer.body, kind


def _is_safe_image(body: bytes) -> bool:
    from PIL import Image, UnidentifiedImageError

    with warnings.catch_warnings():
        # Pillow warns above MAX_IMAGE_PIXELS and refuses twice that: both are refusals here.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(body)) as image:
                image.verify()
        except (
            UnidentifiedImageError,
            Image.DecompressionBombWarning,
            Image.DecompressionBombError,
            OSError,
            ValueError,
            SyntaxError,
        ):
            return False
    return True


@dataclass(frozen=True)
class CollectorGatherer:
    """The collect phase of a scan that may use the network."""

    provides: frozenset[Fact] = frozenset({Fact.PROFILE})
    phase: Phase = Phase.COLLECT

    def gather(self, context: GatherContext) -> Mapping[Fact, Mapping[str, Any]]:
        options = context.options
        settings = CollectSettings(
            web=WebSettings(timeout=options.http_timeout, concurrency=options.concurrency),
            public_pages=options.public_pages,
            pictures=Fact.PICTURE in context.needed,
            deadline=context.deadline,
        )
        found = collect_profiles(context.source, context.accounts, settings, context.progress)
        return {Fact.PROFILE: found}
