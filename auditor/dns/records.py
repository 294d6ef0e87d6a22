"""What one DNS question got back, as plain data the checks can read."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class LookupStatus(Enum):
    OK = "ok"  # the name exists and has records of the type asked
    NXDOMAIN = "nxdomain"  # the name does not exist
    NODATA = "nodata"  # the name exists but has no record of that type
    TIMEOUT = "timeout"  # no server answered within the time allowed
    SERVFAIL = "servfail"  # the server could not answer (often a broken upstream)
    ERROR = "error"  # refused, malformed or unreachable: the answer is unknown

    @property
    def is_definite(self) -> bool:
        """True when the answer says something about the name (not a failure to ask)."""
        return self in (LookupStatus.OK, LookupStatus.NXDOMAIN, LookupStatus.NODATA)


@dataclass(frozen=True)
class Lookup:
    """The answer to one question (name, record type): a status and the records seen."""

    name: str
    rdtype: str
    status: LookupStatus
    records: tuple[str, ...] = ()

    def evidence(self) -> dict[str, object]:
        return {
            "query": f"{self.rdtype} {self.name}",
            "status": self.status.value,
            "records": list(self.records),
        }


def normalise_name(name: str) -> str:
    """A DNS name as the scan keys its questions and answers."""
    return name.strip().lower().rstrip(".")
