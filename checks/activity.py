"""ACT: the account is kept alive, answers the public and links responsibly."""

from __future__ import annotations

from typing import TYPE_CHECKING

from auditor.catalogue import Outcome, check
from auditor.facts import AccountFacts, Fact
from auditor.results import Message, Severity, Status
from auditor.text import Text
from auditor.urls import url_host
from checks._common import COMMERCIAL_DOMAINS, domain_matches, msg, verdict, with_profile

if TYPE_CHECKING:
    from auditor.facts import Profile


@check(
    "ACT-001",
    title=Text(ms="Akaun diselenggara (tidak terbiar)", en="Account maintained (not dormant)"),
    severity=Severity.MEDIUM,
    needs=[Fact.PROFILE],
    references=["GP 7", "GP 13(1)"],
    remediation=Text(
        ms="Kemas kini akaun secara berterusan, atau tutup akaun yang tidak lagi digunakan "
        "supaya tidak disalah guna atau diambil alih.",
        en="Keep the account updated, or close an account no longer used so that it cannot be "
        "abused or taken over.",
    ),
    messages={
        "ok": Text(
            ms="Hantaran terakhir {days} hari lalu ({date}).",
            en="Last post {days} days ago ({date}).",
        ),
        "dormant": Text(
            ms="Hantaran terakhir {days} hari lalu ({date}), melebihi had {limit} hari.",
            en="Last post {days} days ago ({date}), beyond the {limit}-day limit.",
        ),
        "never": Text(
            ms="Profil tidak menunjukkan sebarang hantaran.", en="The profile shows no post at all."
        ),
        "future": Text(
            ms="Tarikh hantaran terakhir ({date}) selepas tarikh imbasan.",
            en="The recorded last post date ({date}) is after the scan date.",
        ),
    },
)
@with_profile
def maintained(facts: AccountFacts, profile: Profile) -> Outcome:
    last = profile.last_post
    if last is None:
        return verdict([msg("never")], [], msg("ok"))
    days = (facts.as_of - last).days
    limit = facts.policy.dormant_after_days
    args = {"days": days, "date": last.isoformat()}
    evidence = {"last_post": last.isoformat(), "days_since": days, "limit_days": limit}
    if days < 0:  # as PWD-002 does: a date after the scan cannot be judged
        return Outcome(Status.MANUAL, (msg("future", date=last.isoformat()),), evidence)
    problems = [msg("dormant", limit=limit, **args)] if days > limit else []
    return verdict(problems, [], msg("ok", **args), evidence)


@check(
    "ACT-002",
    title=Text(ms="Pertanyaan dijawab dalam tempoh", en="Inquiries answered in time"),
    severity=Severity.MEDIUM,
    needs=[Fact.PROFILE],
    references=["GP 13(4)"],
    remediation=Text(
        ms="Jawab pertanyaan orang awam selewat-lewatnya dalam tempoh tiga (3) hari bekerja.",
        en="Answer public inquiries within three (3) working days at the latest.",
    ),
    messages={
        "ok": Text(
            ms="{count} pertanyaan dijawab dalam {limit} hari bekerja.",
            en="{count} inquiries answered within {limit} working days.",
        ),
        "none": Text(
            ms="Tiada pertanyaan direkodkan untuk dinilai.",
            en="No inquiries are recorded to judge.",
        ),
        "late": Text(
            ms="{count} pertanyaan dijawab lewat daripada {limit} hari bekerja "
            "(paling lewat {worst} hari bekerja).",
            en="{count} inquiries answered later than {limit} working days "
            "(the worst after {worst} working days).",
        ),
        "unanswered": Text(
            ms="{count} pertanyaan belum dijawab selepas lebih {limit} hari bekerja.",
            en="{count} inquiries still unanswered after more than {limit} working days.",
        ),
    },
)
@with_profile
def inquiries_answered(facts: AccountFacts, profile: Profile) -> Outcome:
    inquiries = profile.inquiries
    if not inquiries:
        return Outcome(Status.MANUAL, (msg("none"),))
    limit = facts.policy.response_working_days
    late: list[int] = []
    unanswered = 0
    for inquiry in inquiries:
        end = inquiry.answered.date() if inquiry.answered else facts.as_of
        used = facts.calendar.working_days_after(inquiry.received.date(), end)
        if used > limit and inquiry.answered:
            late.append(used)
        unanswered += used > limit and inquiry.answered is None
    problems: list[Message] = []
    if late:
        problems.append(msg("late", count=len(late), limit=limit, worst=max(late)))
    if unanswered:
        problems.append(msg("unanswered", count=unanswered, limit=limit))
    evidence = {"inquiries": len(inquiries), "late": len(late), "unanswered": unanswered}
    return verdict(problems, [], msg("ok", count=len(inquiries), limit=limit), evidence)


@check(
    "ACT-003",
    title=Text(ms="Saiz poster/infografik mencukupi", en="Poster/infographic size sufficient"),
    severity=Severity.LOW,
    needs=[Fact.PROFILE, Fact.MEDIA],
    references=["GP 13(5)"],
    remediation=Text(
        ms="Hasilkan poster dan infografik bersaiz 1200 x 630 piksel (minimum 600 x 315).",
        en="Produce posters and infographics at 1200 x 630 pixels (600 x 315 at the least).",
    ),
    messages={
        "ok": Text(
            ms="{count} media mencapai saiz disyorkan.",
            en="{count} media items meet the recommended size.",
        ),
        "none": Text(
            ms="Tiada media direkodkan untuk dinilai.", en="No media items are recorded to judge."
        ),
        "too_small": Text(
            ms="{count} media lebih kecil daripada saiz minimum {width} x {height} piksel: "
            "{items}.",
            en="{count} media items are smaller than the {width} x {height} px minimum: {items}.",
        ),
        "below_recommended": Text(
            ms="{count} media di bawah saiz disyorkan {width} x {height} piksel: {items}.",
            en="{count} media items are below the recommended {width} x {height} px: {items}.",
        ),
        "unmeasured": Text(
            ms="Saiz {count} media tidak diketahui (tiada width/height): {items}.",
            en="The size of {count} media items is unknown (no width/height): {items}.",
        ),
    },
)
@with_profile
def poster_size(facts: AccountFacts, profile: Profile) -> Outcome:
    if not profile.media:
        return Outcome(Status.MANUAL, (msg("none"),))
    policy = facts.policy
    small, below, unknown = [], [], []
    for index, media in enumerate(profile.media, start=1):
        label = media.file or media.url or f"#{index}"
        size = facts.media_sizes.get(label) or (media.width, media.height)
        width, height = size
        if width is None or height is None:
            unknown.append(label)
        elif width < policy.poster_min_width or height < policy.poster_min_height:
            small.append(f"{label} ({width}x{height})")
        elif width < policy.poster_recommended_width or height < policy.poster_recommended_height:
            below.append(f"{label} ({width}x{height})")
    evidence = {"too_small": small, "below_recommended": below, "unmeasured": unknown}
    if small:
        problem = msg(
            "too_small",
            count=len(small),
            items=", ".join(small),
            width=policy.poster_min_width,
            height=policy.poster_min_height,
        )
        return Outcome(Status.FAIL, (problem,), evidence)
    if below:
        note = msg(
            "below_recommended",
            count=len(below),
            items=", ".join(below),
            width=policy.poster_recommended_width,
            height=policy.poster_recommended_height,
        )
        return Outcome(Status.FAIL, (note,), evidence, severity=Severity.INFO)
    if unknown:
        return Outcome(
            Status.MANUAL,
            (msg("unmeasured", count=len(unknown), items=", ".join(unknown)),),
            evidence,
        )
    return Outcome(Status.PASS, (msg("ok", count=len(profile.media)),), evidence)


@check(
    "ACT-004",
    title=Text(
        ms="Tiada pautan atau 'like' ke akaun agensi lain atau tawaran komersial",
        en="No links to or likes of other agencies' accounts or commercial offers",
    ),
    severity=Severity.LOW,
    needs=[Fact.PROFILE],
    references=["GP 13(8)", "GP 13(11)"],
    remediation=Text(
        ms="Buang pautan dan tanda 'like' ke akaun media sosial agensi lain, dan padam pautan "
        "ke iklan atau perkhidmatan komersial.",
        en="Remove links to and likes of other agencies' social media accounts, and delete "
        "links to advertisements or commercial services.",
    ),
    messages={
        "ok": Text(ms="Tiada pautan atau 'like' yang dilarang.", en="No forbidden links or likes."),
        "other_agency": Text(
            ms="Profil memaut atau menanda 'like' akaun agensi lain: {accounts}.",
            en="The profile links to or likes other agencies' accounts: {accounts}.",
        ),
        "commercial": Text(
            ms="Profil memaut ke tawaran komersial: {links}.",
            en="The profile links to commercial offers: {links}.",
        ),
    },
)
@with_profile
def no_forbidden_links(facts: AccountFacts, profile: Profile) -> Outcome:
    references = [*(profile.links or []), *(profile.liked_accounts or [])]
    others = sorted(
        {
            found.account_id
            for found in map(facts.directory.find, references)
            if found is not None and found.agency_id != facts.agency.id
        }
    )
    commercial = [u for u in profile.links or [] if domain_matches(url_host(u), COMMERCIAL_DOMAINS)]
    problems: list[Message] = []
    if others:
        problems.append(msg("other_agency", accounts=", ".join(others)))
    if commercial:
        problems.append(msg("commercial", links=", ".join(commercial)))
    evidence = {"other_agency_accounts": others, "commercial_links": commercial}
    return verdict(problems, [], msg("ok"), evidence)
