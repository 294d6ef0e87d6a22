"""DOM: the official email domains in DNS (MX, SPF, DMARC) and the linked website.

The DNS answers are gathered before the checks run (auditor.dns); these functions only
read them. A failed question (timeout, SERVFAIL) makes a result ``error``, never a pass
or a fail; an offline scan, which asks nothing, makes them ``manual``.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from auditor.catalogue import Outcome, Scope, check
from auditor.facts import (
    ENFORCING,
    AccountFacts,
    DmarcProblem,
    DmarcRecord,
    DomainDnsFacts,
    DomainFacts,
    Fact,
    LookupStatus,
    Resolution,
    SpfEvaluation,
    SpfProblem,
    dmarc_name,
)
from auditor.results import Message, Severity, Status
from auditor.text import Text
from auditor.urls import profile_websites, url_host

_NOT_GATHERED = Text(
    ms="Bukti DNS tidak dikumpulkan dalam imbasan ini; semak secara manual.",
    en="DNS evidence was not gathered in this scan; check by hand.",
)


def _msg(key: str, **args: Any) -> Message:
    return Message(key, args)


def _dns(facts: DomainFacts) -> DomainDnsFacts | Outcome:
    """The domain's DNS facts, or the manual outcome when none were gathered."""
    if facts.offline:
        return Outcome(Status.MANUAL, (_msg("offline"),), {"domain": facts.domain})
    if facts.dns is None:
        return Outcome(Status.MANUAL, (_msg("not_gathered"),), {"domain": facts.domain})
    return facts.dns


@check(
    "DOM-001",
    title=Text(ms="Domain rasmi mempunyai rekod MX", en="Official domain has MX records"),
    severity=Severity.MEDIUM,
    needs=[Fact.DOMAIN_DNS],
    references=["GP 13(15)"],
    scope=Scope.DOMAIN,
    remediation=Text(
        ms="Terbitkan rekod MX bagi domain rasmi yang menunjuk kepada pelayan e-mel agensi, "
        "supaya e-mel rasmi (termasuk e-mel pemulihan akaun) dapat diterima.",
        en="Publish MX records for the official domain pointing to the agency's mail servers, "
        "so that official email (account recovery email included) can be received.",
    ),
    messages={
        "ok": Text(
            ms="{domain} mempunyai rekod MX: {records}.", en="{domain} has MX records: {records}."
        ),
        "null_mx": Text(
            ms="{domain} menerbitkan MX null: domain ini tidak menerima e-mel.",
            en="{domain} publishes a null MX: the domain accepts no email.",
        ),
        "no_mx": Text(ms="{domain} tiada rekod MX.", en="{domain} has no MX record."),
        "nxdomain": Text(
            ms="Domain {domain} tidak wujud dalam DNS (NXDOMAIN).",
            en="The domain {domain} does not exist in DNS (NXDOMAIN).",
        ),
        "lookup_failed": Text(
            ms="Pertanyaan MX bagi {domain} gagal ({status}); tidak dapat disemak.",
            en="The MX query for {domain} failed ({status}); it could not be checked.",
        ),
        "not_gathered": _NOT_GATHERED,
    },
)
def has_mx(facts: DomainFacts) -> Outcome:
    dns = _dns(facts)
    if isinstance(dns, Outcome):
        return dns
    mx = dns.mx
    evidence = {"domain": dns.domain, **mx.evidence()}
    if mx.status is LookupStatus.NXDOMAIN:
        return Outcome(Status.FAIL, (_msg("nxdomain", domain=dns.domain),), evidence)
    if not mx.status.is_definite:
        message = _msg("lookup_failed", domain=dns.domain, status=mx.status.value)
        return Outcome(Status.ERROR, (message,), evidence)
    if not mx.records:
        return Outcome(Status.FAIL, (_msg("no_mx", domain=dns.domain),), evidence)
    # RFC 7505: "0 ." says the domain accepts no mail at all.
    if all(record.split()[-1] == "." for record in mx.records):
        return Outcome(Status.FAIL, (_msg("null_mx", domain=dns.domain),), evidence)
    records = ", ".join(mx.records)
    return Outcome(Status.PASS, (_msg("ok", domain=dns.domain, records=records),), evidence)


_SPF_MESSAGES = {
    SpfProblem.NO_RECORD: Text(ms="{target} tiada rekod SPF.", en="{target} has no SPF record."),
    SpfProblem.MULTIPLE_RECORDS: Text(
        ms="{target} mempunyai {detail} rekod SPF; mesti tepat satu.",
        en="{target} has {detail} SPF records; there must be exactly one.",
    ),
    SpfProblem.SYNTAX: Text(
        ms="Rekod SPF {target} tidak sah: {detail}.",
        en="The SPF record of {target} does not parse: {detail}.",
    ),
    SpfProblem.PERMISSIVE_ALL: Text(
        ms="Dasar SPF {target} berakhir dengan {detail}: mana-mana pelayan boleh menghantar "
        "e-mel atas nama domain ini.",
        en="The SPF policy of {target} ends in {detail}: any server may send mail as the domain.",
    ),
    SpfProblem.NO_ALL: Text(
        ms="Rekod SPF {target} tiada mekanisme 'all' atau redirect=; e-mel daripada pelayan "
        "lain tidak ditolak.",
        en="The SPF record of {target} has no 'all' mechanism nor redirect=; mail from other "
        "servers is not rejected.",
    ),
    SpfProblem.TOO_MANY_LOOKUPS: Text(
        ms="Dasar SPF {target} memerlukan lebih daripada 10 carian DNS (RFC 7208); penerima "
        "menganggapnya ralat.",
        en="The SPF policy of {target} needs more than 10 DNS lookups (RFC 7208); receivers "
        "treat it as an error.",
    ),
    SpfProblem.TOO_MANY_VOID_LOOKUPS: Text(
        ms="Dasar SPF {target} membuat lebih daripada 2 carian DNS tanpa jawapan ({detail}; "
        "RFC 7208 4.6.4); penerima menganggapnya ralat.",
        en="The SPF policy of {target} makes more than 2 DNS lookups that find nothing "
        "({detail}; RFC 7208 4.6.4); receivers treat it as an error.",
    ),
    SpfProblem.TOO_MANY_MX: Text(
        ms="Dasar SPF {target} merujuk domain dengan lebih daripada 10 rekod MX ({detail}; "
        "RFC 7208 4.6.4); penerima menganggapnya ralat.",
        en="The SPF policy of {target} names a domain with more than 10 MX records ({detail}; "
        "RFC 7208 4.6.4); receivers treat it as an error.",
    ),
    SpfProblem.SENDER_DEPENDENT: Text(
        ms="Dasar SPF {target} berakhir dengan {detail}, yang bergantung pada penghantar; "
        "semak secara manual.",
        en="The SPF policy of {target} ends in {detail}, which depends on the sender; "
        "check by hand.",
    ),
    SpfProblem.LOOP: Text(
        ms="Dasar SPF {target} merujuk dirinya semula ({detail}).",
        en="The SPF policy of {target} refers back to itself ({detail}).",
    ),
    SpfProblem.LOOKUP_FAILED: Text(
        ms="Pertanyaan TXT bagi {target} gagal ({detail}); SPF tidak dapat disemak.",
        en="The TXT query for {target} failed ({detail}); SPF could not be checked.",
    ),
}


@check(
    "DOM-002",
    title=Text(ms="Rekod SPF wujud, sah dan ketat", en="SPF record exists, parses and is strict"),
    severity=Severity.MEDIUM,
    needs=[Fact.DOMAIN_DNS],
    references=["GP 8", "OSMACC"],
    scope=Scope.DOMAIN,
    remediation=Text(
        ms="Terbitkan tepat satu rekod TXT SPF yang menyenaraikan pelayan yang dibenarkan "
        "menghantar e-mel domain, berakhir dengan -all (atau ~all semasa peralihan), dan "
        "memerlukan tidak lebih daripada 10 carian DNS.",
        en="Publish exactly one SPF TXT record listing the servers allowed to send the domain's "
        "mail, ending in -all (or ~all during a transition), and needing at most 10 DNS lookups.",
    ),
    messages={
        "ok": Text(
            ms="{domain} mempunyai satu rekod SPF yang berakhir dengan {all} ({lookups} carian "
            "DNS daripada 10 dibenarkan).",
            en="{domain} has one SPF record ending in {all} ({lookups} of the 10 DNS lookups "
            "allowed).",
        ),
        **{problem.value: text for problem, text in _SPF_MESSAGES.items()},
        "not_gathered": _NOT_GATHERED,
    },
)
def spf_strict(facts: DomainFacts) -> Outcome:
    dns = _dns(facts)
    if isinstance(dns, Outcome):
        return dns
    spf = dns.spf_policy()
    evidence = _spf_evidence(dns, spf)
    messages = tuple(_msg(f.problem.value, target=f.domain, detail=f.detail) for f in spf.findings)
    problems = [f.problem for f in spf.findings]
    if any(not p.is_error and not p.is_manual for p in problems):
        return Outcome(Status.FAIL, messages, evidence)
    if any(p.is_error for p in problems):
        return Outcome(Status.ERROR, messages, evidence)
    if messages:
        return Outcome(Status.MANUAL, messages, evidence)
    if spf.unfetched:  # the gatherer stopped early; never pass an incomplete walk
        return Outcome(Status.MANUAL, (_msg("not_gathered"),), evidence)
    all_term = f"{spf.all_qualifier}all"
    message = _msg("ok", domain=dns.domain, all=all_term, lookups=spf.dns_lookups)
    return Outcome(Status.PASS, (message,), evidence)


def _spf_evidence(dns: DomainDnsFacts, spf: SpfEvaluation) -> dict[str, Any]:
    return {
        "domain": dns.domain,
        "query": f"TXT {dns.domain}",
        "status": dns.txt.status.value,
        "records": list(spf.records),
        "dns_lookups": spf.dns_lookups,
        "all": f"{spf.all_qualifier}all" if spf.all_qualifier else None,
        "void_lookups": spf.void_lookups,
        "followed": {f"{t.rdtype} {t.name}": t.status.value for t in dns.spf_targets},
        "problems": [
            {"problem": f.problem.value, "domain": f.domain, "detail": f.detail}
            for f in spf.findings
        ],
    }


@check(
    "DOM-003",
    title=Text(
        ms="Dasar DMARC dikuatkuasakan (quarantine atau reject)",
        en="DMARC policy enforced (quarantine or reject)",
    ),
    severity=Severity.MEDIUM,
    needs=[Fact.DOMAIN_DNS],
    references=["GP 8", "OSMACC"],
    scope=Scope.DOMAIN,
    remediation=Text(
        ms="Terbitkan rekod DMARC di _dmarc.<domain> dengan p=quarantine atau p=reject (selepas "
        "tempoh pemantauan dengan p=none), pct=100, dan rua= untuk laporan agregat.",
        en="Publish a DMARC record at _dmarc.<domain> with p=quarantine or p=reject (after a "
        "monitoring period with p=none), pct=100, and rua= for aggregate reports.",
    ),
    messages={
        "ok": Text(
            ms="{domain} mempunyai dasar DMARC p={policy}.",
            en="{domain} has the DMARC policy p={policy}.",
        ),
        "pct": Text(
            ms="pct={pct} ialah tag lama (RFC 9989 membuangnya): penerima lama hanya mengenakan "
            "dasar itu pada {pct}% e-mel yang gagal, penerima baharu mengabaikannya.",
            en="pct={pct} is historic (RFC 9989 removed it): older receivers apply the policy "
            "to only {pct}% of failing mail, newer ones ignore it.",
        ),
        "ignored": Text(
            ms="Tag yang tidak dikenali atau tidak sah diabaikan oleh penerima: {terms}.",
            en="Tags that are unknown or invalid are ignored by receivers: {terms}.",
        ),
        "np_none": Text(
            ms="Subdomain yang tidak wujud hanya dilindungi p=none (np=none); pertimbangkan "
            "np=reject.",
            en="Non-existent subdomains are covered only by p=none (np=none); consider np=reject.",
        ),
        DmarcProblem.NO_RECORD.value: Text(
            ms="{name} tiada rekod DMARC.", en="{name} has no DMARC record."
        ),
        DmarcProblem.MULTIPLE_RECORDS.value: Text(
            ms="{name} mempunyai {detail} rekod DMARC; penerima mengabaikan kesemuanya.",
            en="{name} has {detail} DMARC records; receivers ignore them all.",
        ),
        DmarcProblem.SYNTAX.value: Text(
            ms="Rekod DMARC di {name} tidak sah: {detail}.",
            en="The DMARC record at {name} does not parse: {detail}.",
        ),
        DmarcProblem.NO_POLICY.value: Text(
            ms="Rekod DMARC di {name} tiada dasar yang sah ({detail}); penerima menganggapnya "
            "p=none (RFC 9989 4.10.1).",
            en="The DMARC record at {name} has no valid policy ({detail}); receivers treat it "
            "as p=none (RFC 9989 4.10.1).",
        ),
        DmarcProblem.NO_POLICY_NO_RUA.value: Text(
            ms="Rekod DMARC di {name} tiada dasar yang sah ({detail}) dan tiada alamat rua= yang "
            "sah; penerima tidak menggunakan DMARC langsung (RFC 9989 4.10.1).",
            en="The DMARC record at {name} has no valid policy ({detail}) and no valid rua= "
            "address; receivers apply no DMARC at all (RFC 9989 4.10.1).",
        ),
        DmarcProblem.TESTING.value: Text(
            ms="Rekod DMARC {domain} dalam mod ujian (t=y): dasar p={detail} tidak dikenakan.",
            en="The DMARC record of {domain} is in testing mode (t=y): the policy p={detail} "
            "is not in force.",
        ),
        DmarcProblem.NOT_ENFORCED.value: Text(
            ms="Dasar DMARC {domain} ialah p=none: e-mel palsu hanya dilaporkan, tidak disekat.",
            en="The DMARC policy of {domain} is p=none: spoofed mail is only reported, "
            "not stopped.",
        ),
        DmarcProblem.LOOKUP_FAILED.value: Text(
            ms="Pertanyaan DMARC bagi {name} gagal ({detail}); tidak dapat disemak.",
            en="The DMARC query for {name} failed ({detail}); it could not be checked.",
        ),
        "not_gathered": _NOT_GATHERED,
    },
)
def dmarc_enforced(facts: DomainFacts) -> Outcome:
    dns = _dns(facts)
    if isinstance(dns, Outcome):
        return dns
    dmarc = dns.dmarc_policy()
    record = dmarc.record
    evidence: dict[str, Any] = {
        "domain": dns.domain,
        **dns.dmarc.evidence(),
        "records": list(dmarc.records),
        "p": record.policy if record else None,
        "sp": record.subdomain_policy if record else None,
        "np": record.nonexistent_policy if record else None,
        "t": ("y" if record.testing else "n") if record else None,
        "pct": record.pct if record else None,
        "ignored": list(record.ignored) if record else [],
    }
    names = {"domain": dns.domain, "name": dmarc_name(dns.domain), "detail": dmarc.detail}
    if dmarc.problem is DmarcProblem.LOOKUP_FAILED:
        return Outcome(Status.ERROR, (_msg(dmarc.problem.value, **names),), evidence)
    notes = _dmarc_notes(record) if record else ()
    if dmarc.problem is not None:
        return Outcome(Status.FAIL, (_msg(dmarc.problem.value, **names), *notes), evidence)
    assert record is not None  # no problem means a parsed record
    ok = _msg("ok", domain=dns.domain, policy=record.policy)
    return Outcome(Status.PASS, (ok, *notes), evidence)


def _dmarc_notes(record: DmarcRecord) -> tuple[Message, ...]:
    notes = []
    if record.pct is not None and record.pct < 100:
        notes.append(_msg("pct", pct=record.pct))
    if record.ignored:
        notes.append(_msg("ignored", terms=", ".join(record.ignored)))
    if record.nonexistent_policy == "none" and record.policy in ENFORCING:
        notes.append(_msg("np_none"))
    return tuple(notes)


@check(
    "DOM-004",
    title=Text(
        ms="Laman web rasmi yang dipautkan wujud dalam DNS", en="Linked official website resolves"
    ),
    severity=Severity.LOW,
    needs=[Fact.PROFILE, Fact.WEBSITE_DNS],
    references=["GP 5"],
    remediation=Text(
        ms="Betulkan pautan laman web pada profil, atau rekod DNS hos laman web itu, supaya "
        "pautan membawa ke laman rasmi; nama hos yang tidak wujud boleh didaftarkan orang lain.",
        en="Fix the website link on the profile, or the DNS of the website's host, so that the "
        "link leads to the official site; a host name that does not exist can be taken over.",
    ),
    messages={
        "ok": Text(
            ms="Laman web {host} wujud dalam DNS ({addresses}).",
            en="The website {host} resolves ({addresses}).",
        ),
        "does_not_resolve": Text(
            ms="Laman web {url} tidak wujud dalam DNS: {host} tiada alamat (A: {a}, AAAA: {aaaa}).",
            en="The website {url} does not resolve: {host} has no address (A: {a}, AAAA: {aaaa}).",
        ),
        "unusable": Text(
            ms="Laman web {host} hanya menunjuk ke alamat yang tidak membawa ke mana-mana "
            "({addresses}).",
            en="The website {host} resolves only to addresses that lead nowhere ({addresses}).",
        ),
        "lookup_failed": Text(
            ms="Pertanyaan alamat bagi {host} gagal (A: {a}, AAAA: {aaaa}); tidak dapat disemak.",
            en="The address query for {host} failed (A: {a}, AAAA: {aaaa}); it could not be "
            "checked.",
        ),
        "no_website": Text(
            ms="Tiada laman web direkodkan bagi akaun ini atau agensinya.",
            en="No website is recorded for this account or its agency.",
        ),
        "not_gathered": _NOT_GATHERED,
    },
)
def website_resolves(facts: AccountFacts) -> Outcome:
    urls = profile_websites(facts.agency, facts.profile)
    if not urls:
        return Outcome(Status.MANUAL, (_msg("no_website"),))
    if facts.offline:
        return Outcome(Status.MANUAL, (_msg("offline"),), {"urls": list(urls)})
    statuses: list[Status] = []
    messages: list[Message] = []
    hosts: list[dict[str, Any]] = []
    for url in urls:
        status, message, evidence = _website(facts, url)
        statuses.append(status)
        messages.append(message)
        hosts.append(evidence)
    for worst in (Status.FAIL, Status.ERROR, Status.MANUAL):
        if worst in statuses:
            return Outcome(worst, tuple(messages), {"websites": hosts})
    return Outcome(Status.PASS, tuple(messages), {"websites": hosts})


def _usable(address: str) -> bool:
    """Whether a visitor could reach a site at this address: not 0.0.0.0, ::, loopback,
    link-local, multicast or reserved (a parked or sinkholed name points there)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return not (
        ip.is_unspecified or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved
    )


def _website(facts: AccountFacts, url: str) -> tuple[Status, Message, dict[str, Any]]:
    host = url_host(url)
    found = next((h for h in facts.websites or () if h.host == host), None)
    if found is None:
        return Status.MANUAL, _msg("not_gathered"), {"url": url, "host": host}
    args = {"url": url, "host": host, "a": found.a.status.value, "aaaa": found.aaaa.status.value}
    evidence = {**args, "addresses": list(found.addresses)}
    match found.resolution:
        case Resolution.RESOLVES:
            shown = {"host": host, "addresses": ", ".join(found.addresses)}
            if not any(_usable(address) for address in found.addresses):
                return Status.FAIL, _msg("unusable", **shown), evidence
            return Status.PASS, _msg("ok", **shown), evidence
        case Resolution.DOES_NOT_RESOLVE:
            return Status.FAIL, _msg("does_not_resolve", **args), evidence
        case Resolution.UNKNOWN:
            return Status.ERROR, _msg("lookup_failed", **args), evidence
