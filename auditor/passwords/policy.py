"""The DKICT 7.32.2 password policy (PWD-001): which rules a candidate breaks.

An evaluation says which rules are broken and the zxcvbn score. It holds nothing of the
password itself, so it may be logged, stored in facts and shown in a report.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from auditor.passwords.breach import BreachLookupError, BreachSource
from auditor.passwords.strength import Strength, estimate
from auditor.passwords.words import fold, malay_word_set
from auditor.text import Text

if TYPE_CHECKING:
    from auditor.inventory.model import Account, Agency, Organisation, Policy


class Rule(Enum):
    """A rule of the policy; the value is a stable key (JSON evidence, message keys)."""

    TOO_SHORT = "too_short"
    NO_UPPER = "no_upper"
    NO_LOWER = "no_lower"
    NO_DIGIT = "no_digit"
    NO_SPECIAL = "no_special"
    CONTAINS_NAME = "contains_name"
    COMMON = "common"
    BREACHED = "breached"
    WEAK = "weak"


BREACH_CHECK_FAILED = Text(
    ms="Semakan kebocoran tidak dapat dibuat: {problem}.",
    en="The breach check could not be done: {problem}.",
)
RULE_TEXT: dict[Rule, Text] = {
    Rule.TOO_SHORT: Text(
        ms="kurang daripada {min_length} aksara",
        en="shorter than {min_length} characters",
    ),
    Rule.NO_UPPER: Text(ms="tiada huruf besar", en="no upper-case letter"),
    Rule.NO_LOWER: Text(ms="tiada huruf kecil", en="no lower-case letter"),
    Rule.NO_DIGIT: Text(ms="tiada angka", en="no digit"),
    Rule.NO_SPECIAL: Text(ms="tiada aksara khas", en="no special character"),
    Rule.CONTAINS_NAME: Text(
        ms="mengandungi nama pengguna, emel log masuk, atau nama agensi atau organisasi",
        en="contains the handle, login email, or the agency's or organisation's name",
    ),
    Rule.COMMON: Text(
        ms="kata laluan lazim atau satu perkataan biasa", en="a common password or a single word"
    ),
    Rule.BREACHED: Text(
        ms="terdapat dalam senarai kata laluan yang pernah bocor",
        en="found in a list of breached passwords",
    ),
    Rule.WEAK: Text(
        ms="skor kekuatan {score} (zxcvbn) di bawah minimum {min_score}",
        en="strength score {score} (zxcvbn) is below the minimum of {min_score}",
    ),
}


@dataclass(frozen=True)
class Evaluation:
    broken: tuple[Rule, ...]  # in the order of Rule
    score: int
    breach_error: str | None = None  # a breach source could not answer (never the password)

    @property
    def meets_policy(self) -> bool:
        return not self.broken and self.breach_error is None


_NAME_WORD = re.compile(r"[^\W\d_]{4,}")  # four or more letters


def identity_words(
    organisation: Organisation | None, agency: Agency | None, account: Account | None
) -> tuple[str, ...]:
    """The names a password must not contain (PWD-001), also given to zxcvbn as user inputs:
    handle, login email's local part, agency id and short name, and every word of four or
    more letters of the agency's and the organisation's names."""
    words: list[str] = []
    if account is not None:
        if account.handle:
            words.append(account.handle.strip().lstrip("@"))
        if account.login_email:
            words.append(str(account.login_email).split("@", 1)[0])
    if agency is not None:
        words += [agency.id, agency.short_name or ""]
        words += _NAME_WORD.findall(agency.name)
    if organisation is not None:
        words += _NAME_WORD.findall(organisation.name)
    # Tokens under three characters would match half of all passwords by chance.
    return tuple(dict.fromkeys(w.lower() for w in words if len(w) >= 3))


def character_rules(password: str, min_length: int) -> list[Rule]:
    broken = []
    if len(password) < min_length:
        broken.append(Rule.TOO_SHORT)
    if not any(c.isupper() for c in password):
        broken.append(Rule.NO_UPPER)
    if not any(c.islower() for c in password):
        broken.append(Rule.NO_LOWER)
    if not any(c.isdigit() for c in password):
        broken.append(Rule.NO_DIGIT)
    if all(c.isalnum() for c in password):
        broken.append(Rule.NO_SPECIAL)
    return broken


def contains_any(password: str, words: Iterable[str]) -> bool:
    """Whether the password contains one of the words, ignoring case and look-alikes."""
    folded = fold(password)
    return any(fold(w) in folded for w in words if w)


def is_single_word(password: str) -> bool:
    """A built-in Malay word dressed up with digits and symbols ("Sayang123!")."""
    letters = "".join(c for c in password if c.isalpha()).lower()
    return letters in malay_word_set()


def evaluate(
    password: str,
    policy: Policy,
    names: Sequence[str] = (),
    breach_sources: Sequence[BreachSource] = (),
) -> Evaluation:
    """Every rule of PWD-001 on one password. ``names`` are the identity words."""
    broken = set(character_rules(password, policy.password_min_length))
    if contains_any(password, names):
        broken.add(Rule.CONTAINS_NAME)
    strength: Strength = estimate(password, names)
    if strength.common or is_single_word(password):
        broken.add(Rule.COMMON)
    if strength.score < policy.min_zxcvbn_score:
        broken.add(Rule.WEAK)
    judged = Evaluation(broken=tuple(r for r in Rule if r in broken), score=strength.score)
    return with_breaches(judged, password, breach_sources) if breach_sources else judged


def with_breaches(
    judged: Evaluation, password: str, breach_sources: Sequence[BreachSource]
) -> Evaluation:
    """``judged`` (an evaluation without breach sources) with what the sources say."""
    breached = False
    breach_error = None
    digest = hashlib.sha1(password.encode("utf-8")).hexdigest().upper()  # noqa: S324 (HIBP's format)
    for source in breach_sources:
        try:
            if source.pwned_count(digest) > 0:
                breached = True
                break
        except BreachLookupError as exc:
            breach_error = str(exc)
    broken = set(judged.broken) | ({Rule.BREACHED} if breached else set())
    return Evaluation(
        broken=tuple(r for r in Rule if r in broken),
        score=judged.score,
        breach_error=breach_error,
    )


def rule_args(policy: Policy, score: int) -> dict[str, int]:
    """The arguments every rule text may use."""
    return {
        "min_length": policy.password_min_length,
        "score": score,
        "min_score": policy.min_zxcvbn_score,
    }
