"""ACT-003's facts: pixel sizes of the profile's media files (sizes an API reports are in
the profile already)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from auditor.facts.gatherer import GatherContext
from auditor.facts.kinds import Fact, Phase
from auditor.media import measure_media


@dataclass(frozen=True)
class MediaGatherer:
    provides: frozenset[Fact] = frozenset({Fact.MEDIA})
    phase: Phase = Phase.DERIVED

    def gather(self, context: GatherContext) -> Mapping[Fact, Mapping[str, Any]]:
        accounts = [account for _, account in context.with_profiles()]
        return {Fact.MEDIA: measure_media(context.source.folder, accounts)}
