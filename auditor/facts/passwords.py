"""PWD's facts: each account's password judged, never kept (auditor.passwords)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from auditor.facts.gatherer import GatherContext
from auditor.facts.kinds import Fact, Phase
from auditor.passwords import gather as passwords_gather


@dataclass(frozen=True)
class PasswordGatherer:
    # Last: reading secrets may ask for a KeePass master password, which should come only
    # when a PWD check is selected, and after the network work.
    provides: frozenset[Fact] = frozenset({Fact.PASSWORD})
    phase: Phase = Phase.PASSWORDS

    def gather(self, context: GatherContext) -> Mapping[Fact, Mapping[str, Any]]:
        options = context.options
        pwd_options = passwords_gather.PasswordScanOptions(
            offline=options.offline,
            breach_list=options.breach_list,
            hibp=options.hibp,
            deadline=context.deadline,
            workers=options.workers,
        )
        found = passwords_gather.gather_password_facts(
            context.source, list(context.accounts), pwd_options
        )
        return {Fact.PASSWORD: found}
