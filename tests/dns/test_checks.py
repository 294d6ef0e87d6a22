"""DOM-001…004 on facts gathered from the loopback server: a passing and failing example each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from auditor.catalogue import Outcome, load_registry, render_messages
from auditor.dns import DnsFacts, ResolverSettings, parse_nameserver
from auditor.dns.gather import gather_dns
from auditor.facts import AccountDirectory, AccountFacts, DomainFacts
from auditor.inventory.model import Account, Agency, Organisation, Policy
from auditor.results import Status
from auditor.text import Lang
from checks.domain import dmarc_enforced, has_mx, spf_strict, website_resolves
from tests.dns.loopback import LoopbackDns

DOMAINS = [
    "good.test", "soft.test", "redirect.test", "nomx.test", "plusall.test", "neutral.test",
    "twospf.test", "many.test", "noall.test", "redirectplus.test", "badinclude.test",
    "slowinclude.test", "silent.test", "servfail.test", "missing.test",
]  # fmt: skip
HOSTS = ["www.good.test", "v6.good.test", "nohost.good.test", "silent.test", "servfail.test"]
HOSTS += ["sink.good.test", "loop.good.test"]
ORGANISATION = Organisation(name="Kerajaan Ujian", official_domains=["good.test"])


@pytest.fixture(scope="module")
def gathered() -> Iterator[DnsFacts]:
    with LoopbackDns() as server:
        settings = ResolverSettings(
            nameservers=(parse_nameserver(server.spec),), timeout=0.6, retries=1
        )
        yield gather_dns(DOMAINS, HOSTS, settings)


def domain_facts(gathered: DnsFacts, domain: str) -> DomainFacts:
    return DomainFacts(domain, ORGANISATION, offline=False, dns=gathered.domain(domain))


M, P, F, E = Status.MANUAL, Status.PASS, Status.FAIL, Status.ERROR
# domain: (DOM-001, DOM-002, DOM-003)
EXPECTED = {
    "good.test": (P, P, P),
    "soft.test": (P, P, P),
    "redirect.test": (P, P, P),  # SPF through redirect=; DMARC pct=50 noted, still a pass
    "nomx.test": (F, P, F),  # no MX; no DMARC record
    "plusall.test": (P, F, F),  # +all; p=none
    "neutral.test": (P, F, F),  # ?all; no DMARC
    "twospf.test": (P, F, F),  # two SPF records
    "many.test": (P, F, F),  # 11 lookups through nested includes
    "noall.test": (F, F, F),
    "redirectplus.test": (F, F, F),  # redirect= to a +all policy
    "badinclude.test": (F, F, F),  # include target without SPF: permerror
    "slowinclude.test": (F, E, F),  # include target never answers: temperror
    "silent.test": (E, E, E),
    "servfail.test": (E, E, E),
    "missing.test": (F, F, F),  # NXDOMAIN
}


@pytest.mark.parametrize("domain", DOMAINS)
def test_domain_checks(gathered: DnsFacts, domain: str) -> None:
    facts = domain_facts(gathered, domain)
    statuses = tuple(c(facts).status for c in (has_mx, spf_strict, dmarc_enforced))
    assert statuses == EXPECTED[domain]


def rendered(check_id: str, outcome: Outcome, lang: Lang = Lang.EN) -> str:
    return render_messages(load_registry().meta(check_id), outcome.messages, lang)


def test_evidence_names_the_domain_and_records(gathered: DnsFacts) -> None:
    facts = domain_facts(gathered, "good.test")
    mx, spf, dmarc = has_mx(facts), spf_strict(facts), dmarc_enforced(facts)
    assert mx.evidence["domain"] == "good.test"
    assert mx.evidence["records"] == ["10 mail.good.test"]
    assert spf.evidence["records"] == ["v=spf1 ip4:192.0.2.0/24 include:_spf.good.test -all"]
    assert spf.evidence["followed"] == {"TXT _spf.good.test": "ok"}
    assert (spf.evidence["dns_lookups"], spf.evidence["all"]) == (1, "-all")
    assert dmarc.evidence["query"] == "TXT _dmarc.good.test"
    assert dmarc.evidence["p"] == "reject"
    assert "good.test has the DMARC policy p=reject" in rendered("DOM-003", dmarc)


def test_dmarc_pct_below_100_is_noted(gathered: DnsFacts) -> None:
    outcome = dmarc_enforced(domain_facts(gathered, "redirect.test"))
    assert outcome.evidence["pct"] == 50
    assert "only 50% of failing mail" in rendered("DOM-003", outcome)
    assert "50%" in rendered("DOM-003", outcome, Lang.MS)


@pytest.mark.parametrize(
    ("domain", "check_id", "phrase"),
    [
        ("twospf.test", "DOM-002", "has 2 SPF records"),
        ("many.test", "DOM-002", "more than 10 DNS lookups"),
        ("plusall.test", "DOM-002", "ends in +all"),
        ("badinclude.test", "DOM-002", "nomx-target.test has no SPF record"),
        ("slowinclude.test", "DOM-002", "TXT query for silent.test failed (timeout)"),
        ("plusall.test", "DOM-003", "is p=none"),
        ("missing.test", "DOM-001", "does not exist in DNS"),
        ("servfail.test", "DOM-001", "failed (servfail)"),
    ],
)
def test_messages_say_why(gathered: DnsFacts, domain: str, check_id: str, phrase: str) -> None:
    check = {"DOM-001": has_mx, "DOM-002": spf_strict, "DOM-003": dmarc_enforced}[check_id]
    assert phrase in rendered(check_id, check(domain_facts(gathered, domain)))


def test_offline_and_ungathered_domains_are_manual() -> None:
    offline = DomainFacts("good.test", ORGANISATION, offline=True)
    online_without_dns = DomainFacts("good.test", ORGANISATION, offline=False)
    for check in (has_mx, spf_strict, dmarc_enforced):
        assert check(offline).status is Status.MANUAL
        assert check(offline).messages[0].key == "offline"
        assert check(online_without_dns).status is Status.MANUAL


def account_facts(gathered: DnsFacts | None, *, profile_site: str | None,
                  agency_site: str | None = None) -> AccountFacts:  # fmt: skip
    data: dict[str, Any] = {"id": "a-fb", "platform": "facebook", "owner": "agency"}
    if profile_site is not None:
        data["profile"] = {"website": profile_site}
    account = Account.model_validate(data)
    agency = Agency(id="a", name="Agensi", website=agency_site, accounts=[account])
    hosts = None
    if gathered is not None:
        hosts = tuple(h for h in gathered.hosts)
    return AccountFacts(
        organisation=ORGANISATION, policy=Policy(), agency=agency, account=account,
        as_of=dt.date(2026, 1, 1), directory=AccountDirectory.of([agency]),
        offline=gathered is None, websites=hosts,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("profile_site", "agency_site", "status"),
    [
        ("https://www.good.test/", None, P),
        ("https://www.good.test/", "http://v6.good.test", P),
        ("https://nohost.good.test/x", None, F),
        ("https://www.good.test/", "https://nohost.good.test", F),
        (None, "https://silent.test", E),
        (None, "https://servfail.test", E),
        (None, None, M),
        ("https://sink.good.test/", None, F),  # 0.0.0.0 leads nowhere
        ("https://loop.good.test/", None, F),
    ],
)
def test_website_resolves(
    gathered: DnsFacts, profile_site: str | None, agency_site: str | None, status: Status
) -> None:
    facts = account_facts(gathered, profile_site=profile_site, agency_site=agency_site)
    assert website_resolves(facts).status is status


def test_website_evidence_and_offline(gathered: DnsFacts) -> None:
    outcome = website_resolves(account_facts(gathered, profile_site="https://www.good.test/"))
    assert outcome.evidence["websites"][0]["addresses"] == ["192.0.2.10"]
    offline = website_resolves(account_facts(None, profile_site="https://www.good.test/"))
    assert offline.status is Status.MANUAL
    assert offline.messages[0].key == "offline"
