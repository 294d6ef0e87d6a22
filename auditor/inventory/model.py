"""The inventory's typed model (DESIGN.md, "The inventory").

Every field but the ids, ``platform`` and ``owner`` may be missing: a missing fact makes
the checks that need it say ``manual``, so optional fields default to ``None`` and never
to a value that would let a check pass.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    model_validator,
)

from auditor.inventory.emails import normalised_email

# Re-exported: the enumerations are part of the model, defined apart to import quickly.
from auditor.inventory.kinds import Owner as Owner
from auditor.inventory.kinds import Platform as Platform
from auditor.inventory.kinds import Role as Role
from auditor.urls import url_problem

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
_DAYS = 3650  # ten years
_PIXELS = 100_000


def _check_http_url(value: str, info: ValidationInfo) -> str:
    """A plain http(s) URL, remembered per load: every account repeats the agency's site."""
    cache = info.context.get(URL_CACHE) if isinstance(info.context, dict) else None
    if cache is not None and value in cache:
        return str(cache[value])
    problem = url_problem(value)
    if problem is not None:
        raise ValueError(problem)
    if cache is not None:
        cache[value] = value.strip()
    return value.strip()


def _check_domain(value: str) -> str:
    domain = value.strip().lower().rstrip(".")
    labels = domain.split(".")
    if len(labels) < 2 or not all(
        label and len(label) <= 63 and label.replace("-", "").isalnum() for label in labels
    ):
        raise ValueError("must be a domain name such as melaka.gov.my")
    return domain


def _check_email(value: str, info: ValidationInfo) -> str:
    """Pydantic's email validation, remembered per load: inventories repeat addresses a lot,
    and name thousands at a few domains (emails.py)."""
    context = info.context if isinstance(info.context, dict) else {}
    cache = context.get(EMAIL_CACHE)
    if cache is not None and value in cache:
        return str(cache[value])
    normalised = normalised_email(value, context.get(EMAIL_DOMAINS))
    if cache is not None:
        cache[value] = normalised
    return normalised


def _check_token_reference(value: str) -> str:
    from auditor.secrets import SecretError, parse_reference

    try:
        parse_reference(value)
    except SecretError as exc:
        # The reference's form only: the value may be a token pasted in by mistake.
        raise ValueError(
            f"must be a secret reference (env:NAME, file:PATH, keyring:SERVICE/USER or "
            f"keepass:DATABASE.kdbx#ENTRY), never the token itself; {exc}"
        ) from None
    return value


def _check_id(value: str) -> str:
    if not re.fullmatch(r"[A-Z]{3}-[0-9]{3}", value.strip().upper()):
        raise ValueError("should be a check id such as ACC-001 (see `auditor checks`)")
    return value.strip().upper()


EMAIL_CACHE = "email_cache"  # keys of the validation context: dicts shared by one load
EMAIL_DOMAINS = "email_domains"
URL_CACHE = "url_cache"


def validation_context(
    domains: dict[str, str | None] | None = None,
) -> dict[str, dict[str, str | None]]:
    """A fresh context for one load: what it validated once it need not validate again;
    ``domains`` are email domains checked before (emails.kept_domains), added to."""
    return {EMAIL_CACHE: {}, EMAIL_DOMAINS: {} if domains is None else domains, URL_CACHE: {}}


HttpUrl = Annotated[str, AfterValidator(_check_http_url)]
EmailStr = Annotated[str, AfterValidator(_check_email)]
Domain = Annotated[str, AfterValidator(_check_domain)]
Identifier = Annotated[str, Field(pattern=ID_PATTERN, max_length=64)]
TokenReference = Annotated[str, AfterValidator(_check_token_reference)]


class Strict(BaseModel):
    """Unknown keys are errors; models are immutable once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


def share_field_sets(model: Strict) -> None:
    """Gives every model under ``model`` that was given the same fields one and the same set
    of their names, in place.

    pydantic keeps that set per instance: 70,000 sets and 22 MB for a 10,000-account
    inventory, of some fifteen different contents. Sharing them is safe because the models
    are frozen (nothing adds to a model's set after validation) and ``model_copy`` copies
    the set before it adds the fields it updates.
    """
    shared: dict[frozenset[str], set[str]] = {}
    nested: dict[type[BaseModel], tuple[str, ...]] = {}
    pending: list[BaseModel] = [model]
    while pending:
        node = pending.pop()
        given = node.__pydantic_fields_set__
        one = shared.setdefault(frozenset(given), given)
        if one is not given:
            object.__setattr__(node, "__pydantic_fields_set__", one)
        kind = type(node)
        names = nested.get(kind)
        if names is None:
            names = nested[kind] = _fields_holding_models(kind)
        for name in names:
            value = getattr(node, name)
            if isinstance(value, BaseModel):
                pending.append(value)
            elif isinstance(value, list | tuple):
                pending += (item for item in value if isinstance(item, BaseModel))


def _fields_holding_models(kind: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``kind`` whose type mentions a model (alone, in a list, or optional):
    the only ones worth walking, where most fields hold texts, dates and flags."""

    def mentions_model(annotation: object) -> bool:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return True
        return any(mentions_model(arg) for arg in get_args(annotation))

    return tuple(
        name for name, info in kind.model_fields.items() if mentions_model(info.annotation)
    )


class Person(Strict):
    name: str | None = None
    email: EmailStr | None = None


class Admin(Person):
    role: Role | None = None
    active: bool | None = None
    until: dt.date | None = None


class Phone(Strict):
    number: str
    office: bool | None = None


class Media(Strict):
    file: str | None = None
    url: HttpUrl | None = None
    width: int | None = Field(default=None, gt=0, le=_PIXELS)
    height: int | None = Field(default=None, gt=0, le=_PIXELS)
    posted: dt.date | None = None


class Inquiry(Strict):
    received: dt.datetime
    answered: dt.datetime | None = None


class Profile(Strict):
    """What the public profile was observed to show; an absent field is not shown."""

    display_name: str | None = None
    bio: str | None = None
    website: HttpUrl | None = None
    email: EmailStr | None = None
    disclaimer: str | None = None
    pinned_post: str | None = None
    picture: str | None = None
    last_post: dt.date | None = None
    links: list[HttpUrl] | None = None
    liked_accounts: list[str] | None = None
    media: list[Media] | None = None
    inquiries: list[Inquiry] | None = None
    observed_at: dt.datetime | None = None
    # Where these facts came from ("inventory", "facebook-api", ..., "public-page") and when
    # they were read: written by `auditor collect`, absent in a hand-written snapshot.
    source: str | None = Field(default=None, pattern=r"^[a-z][a-z-]*$", max_length=40)
    fetched_at: dt.datetime | None = None
    # The fields a collector's platform cannot show, kept from the inventory's snapshot.
    from_inventory: list[str] | None = None


class Account(Strict):
    id: Identifier
    platform: Platform
    owner: Owner
    url: HttpUrl | None = None
    handle: str | None = None
    handler: Person | None = None
    login_email: EmailStr | None = None
    recovery_email: EmailStr | None = None
    recovery_phone: Phone | None = None
    mfa: bool | None = None
    shared_login: bool | None = None
    password: str | None = Field(default=None, repr=False)
    # A secret reference (env:, file:, keyring:, keepass:) to this account's own API token,
    # which wins over the platform's AUDITOR_<PLATFORM>_TOKEN; never the token itself.
    api_token: TokenReference | None = Field(default=None, repr=False)
    password_changed: dt.date | None = None
    admins: list[Admin] | None = None
    profile: Profile | None = None


class Agency(Strict):
    id: Identifier
    name: str
    short_name: str | None = None
    website: HttpUrl | None = None
    logo: list[str] | None = None
    accounts: list[Account] = Field(default_factory=list)


class Organisation(Strict):
    name: str
    official_domains: list[Domain] = Field(default_factory=list)
    crest: list[str] | None = None


class Policy(Strict):
    """DKICT thresholds; the defaults are those of CHECKS.md."""

    # Upper bounds keep date arithmetic (a timedelta of 10**12 days overflows) and
    # pixel sizes within what any real policy says.
    password_min_length: int = Field(default=12, ge=8, le=128)
    min_zxcvbn_score: int = Field(default=3, ge=0, le=4)
    password_max_age_days: int = Field(default=180, ge=1, le=_DAYS)
    dormant_after_days: int = Field(default=90, ge=1, le=_DAYS)
    response_working_days: int = Field(default=3, ge=1, le=365)
    poster_min_width: int = Field(default=600, ge=1, le=_PIXELS)
    poster_min_height: int = Field(default=315, ge=1, le=_PIXELS)
    poster_recommended_width: int = Field(default=1200, ge=1, le=_PIXELS)
    poster_recommended_height: int = Field(default=630, ge=1, le=_PIXELS)
    # Days the state declares off (a special holiday for civil servants, not gazetted) or on
    # (a replacement working day), beyond the holidays package's calendar (README).
    extra_holidays: list[dt.date] = Field(default_factory=list)
    extra_working_days: list[dt.date] = Field(default_factory=list)

    @model_validator(mode="after")
    def _days_off_or_on(self) -> Policy:
        both = sorted(set(self.extra_holidays) & set(self.extra_working_days))
        if both:
            days = ", ".join(d.isoformat() for d in both)
            raise ValueError(f"{days} cannot be both in extra_holidays and extra_working_days")
        return self


class MuteEntry(Strict):
    """An accepted risk (``mutes:`` in the inventory or a mutes file): every field required."""

    check: Annotated[str, AfterValidator(_check_id)]
    account: Identifier | None = None
    agency: Identifier | None = None
    reason: Annotated[str, Field(min_length=1)]
    owner: Annotated[str, Field(min_length=1)]
    expires: dt.date

    @model_validator(mode="after")
    def _one_subject(self) -> MuteEntry:
        if (self.account is None) == (self.agency is None):
            raise ValueError("a mute names exactly one of 'account' or 'agency'")
        return self


class Inventory(Strict):
    version: int = Field(ge=1, le=1)
    organisation: Organisation
    policy: Policy = Field(default_factory=Policy)
    agencies: list[Agency] = Field(default_factory=list)
    mutes: list[MuteEntry] | None = None

    def accounts(self) -> list[tuple[Agency, Account]]:
        return [(agency, account) for agency in self.agencies for account in agency.accounts]
