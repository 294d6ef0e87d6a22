"""PRF: what the public profile shows (GP 5)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from auditor.catalogue import Outcome, check
from auditor.facts import AccountFacts, Fact
from auditor.results import Severity, Status
from auditor.text import Text
from auditor.urls import is_url, reference_images
from checks._common import (
    EMAIL_IN_TEXT,
    has_text,
    is_official_email,
    is_official_url,
    msg,
    verdict,
    with_profile,
)

if TYPE_CHECKING:
    from auditor.facts import Agency, PictureProblem, Profile

_OFFICIAL_WORDS = re.compile(r"\b(rasmi|official)\b", re.IGNORECASE)
_DISCLAIMER_WORDS = re.compile(r"\b(penafian|disclaimer)\b", re.IGNORECASE)
# Words left out when an acronym is made from a name ("Jabatan Kebajikan Masyarakat" → JKM).
_CONNECTIVES = frozenset({"dan", "and", "of", "the", "bagi", "untuk", "&", "di", "ke"})


def agency_names(agency: Agency) -> list[str]:
    """The names an official display name may use for the agency: full, short, acronyms."""
    words = agency.name.split()
    acronyms = {
        "".join(w[0] for w in words if w),
        "".join(w[0] for w in words if w.lower() not in _CONNECTIVES),
    }
    names = [agency.name, *(n for n in [agency.short_name] if n)]
    names += [a for a in acronyms if len(a) >= 2]
    return names


def _mentions(text: str, name: str) -> bool:
    """Whether ``text`` names ``name`` as whole words, ignoring case and spacing."""
    folded = " ".join(text.casefold().split())
    wanted = " ".join(name.casefold().split())
    if not wanted:
        return False
    # A search rather than a regular expression per name: a national inventory has
    # thousands of agency names, more than the re module keeps compiled, and compiling one
    # for every account was most of this check's time.
    start = folded.find(wanted)
    while start != -1:
        end = start + len(wanted)
        if not _word_at(folded, start - 1) and not _word_at(folded, end):
            return True
        start = folded.find(wanted, start + 1)
    return False


def _word_at(text: str, index: int) -> bool:
    """Whether ``text[index]`` is a word character as ``\\w`` means it (a letter, a digit or
    an underscore); False outside the text."""
    if not 0 <= index < len(text):
        return False
    character = text[index]
    return character.isalnum() or character == "_"


@check(
    "PRF-001",
    title=Text(
        ms="Nama paparan menyatakan akaun rasmi", en="Display name says the account is official"
    ),
    severity=Severity.MEDIUM,
    needs=[Fact.PROFILE],
    references=["GP 5"],
    remediation=Text(
        ms='Namakan akaun "<media sosial> Rasmi <nama agensi>", contohnya '
        '"Facebook Rasmi Jabatan Ketua Menteri Melaka".',
        en='Name the account "<platform> Rasmi <agency name>" (or "Official"), e.g. '
        '"Facebook Rasmi Jabatan Ketua Menteri Melaka".',
    ),
    messages={
        "ok": Text(
            ms="Nama paparan '{name}' menyatakan akaun rasmi agensi.",
            en="The display name '{name}' says it is the agency's official account.",
        ),
        "missing": Text(
            ms="Profil tidak memaparkan nama paparan.", en="The profile shows no display name."
        ),
        "no_official": Text(
            ms="Nama paparan '{name}' tiada perkataan 'Rasmi' atau 'Official'.",
            en="The display name '{name}' lacks the word 'Rasmi' or 'Official'.",
        ),
        "no_agency": Text(
            ms="Nama paparan '{name}' tidak menyebut nama agensi ({expected}).",
            en="The display name '{name}' does not name the agency ({expected}).",
        ),
    },
)
@with_profile
def official_display_name(facts: AccountFacts, profile: Profile) -> Outcome:
    name = profile.display_name
    if not has_text(name):
        return verdict([msg("missing")], [], msg("ok"))
    assert name is not None
    problems = []
    if not _OFFICIAL_WORDS.search(name):
        problems.append(msg("no_official", name=name))
    names = agency_names(facts.agency)
    if not any(_mentions(name, n) for n in names):
        problems.append(msg("no_agency", name=name, expected=", ".join(names)))
    return verdict(problems, [], msg("ok", name=name), {"display_name": name})


@check(
    "PRF-002",
    title=Text(
        ms="Gambar profil ialah jata atau logo rasmi",
        en="Profile picture is the crest or official logo",
    ),
    severity=Severity.MEDIUM,
    needs=[Fact.PROFILE, Fact.PICTURE],
    references=["GP 5", "GP 13(14)"],
    remediation=Text(
        ms="Gunakan jata Kerajaan Negeri atau logo rasmi agensi sebagai gambar profil.",
        en="Use the state crest (jata) or the agency's official logo as the profile picture.",
    ),
    messages={
        "ok": Text(
            ms="Gambar profil sepadan dengan imej rujukan {reference} (jarak {distance}, "
            "had {threshold}).",
            en="The profile picture matches the reference image {reference} (distance "
            "{distance}, at most {threshold}).",
        ),
        "missing": Text(
            ms="Profil tidak memaparkan gambar profil.", en="The profile shows no picture."
        ),
        "different": Text(
            ms="Gambar profil bukan jata atau logo agensi: imej rujukan terdekat, {reference}, "
            "berjarak {distance} (sepadan jika {threshold} atau kurang).",
            en="The profile picture is neither the crest nor the agency's logo: the nearest "
            "reference image, {reference}, is at distance {distance} (a match is at most "
            "{threshold}).",
        ),
        "no_references": Text(
            ms="Tiada imej rujukan untuk dibandingkan: tambah jata negeri (organisation.crest) "
            "atau logo agensi (logo) dalam inventori.",
            en="There is no reference image to compare with: add the state crest "
            "(organisation.crest) or the agency's logo (logo) to the inventory.",
        ),
        "needs_collector": Text(
            ms="Gambar profil ialah URL ({picture}); perbandingan memerlukan salinan gambar: "
            "simpan fail di sebelah inventori, atau kumpulkan rakaman dengan `auditor collect`.",
            en="The profile picture is a URL ({picture}); comparing it needs a copy of the "
            "picture: save the file beside the inventory, or collect a snapshot with "
            "`auditor collect`.",
        ),
        "not_compared": Text(
            ms="Gambar profil {picture} belum dibandingkan dengan imej rujukan.",
            en="The profile picture {picture} was not compared with the reference images.",
        ),
        "file_missing": Text(
            ms="Fail imej {file} tidak wujud.", en="The image file {file} does not exist."
        ),
        "not_an_image": Text(
            ms="Fail {file} bukan imej yang boleh dibaca.",
            en="The file {file} is not an image that can be read.",
        ),
        "outside_folder": Text(
            ms="Fail imej {file} berada di luar folder inventori dan tidak dibaca.",
            en="The image file {file} lies outside the inventory's folder and is not read.",
        ),
    },
)
@with_profile
def crest_picture(facts: AccountFacts, profile: Profile) -> Outcome:
    picture = profile.picture
    if not has_text(picture):
        return verdict([msg("missing")], [], msg("ok"))
    assert picture is not None
    references = reference_images(facts.organisation, facts.agency)
    evidence: dict[str, object] = {"picture": picture, "references": list(references)}
    if not references:
        return Outcome(Status.MANUAL, (msg("no_references"),), evidence)
    compared = facts.picture  # a downloaded picture is compared too, named by its URL
    if compared is None and is_url(picture):
        return Outcome(Status.MANUAL, (msg("needs_collector", picture=picture),), evidence)
    if compared is None:
        return Outcome(Status.MANUAL, (msg("not_compared", picture=picture),), evidence)
    if compared.problem is not None:
        key = _unreadable_key(compared.problem)
        evidence["unreadable"] = compared.problem_file
        return Outcome(Status.ERROR, (msg(key, file=compared.problem_file),), evidence)
    # On use: the picture rules load the inventory's models, which a scan has loaded already.
    from auditor.facts import MATCH_THRESHOLD

    found = {"reference": compared.nearest, "distance": compared.distance}
    evidence |= {"nearest": compared.nearest, "distance": compared.distance}
    evidence["threshold"] = MATCH_THRESHOLD
    problems = [] if compared.matches else [msg("different", threshold=MATCH_THRESHOLD, **found)]
    return verdict(problems, [], msg("ok", threshold=MATCH_THRESHOLD, **found), evidence)


def _unreadable_key(problem: PictureProblem) -> str:
    """The message saying why the picture or a reference image could not be compared."""
    # On use: the picture rules load the inventory's models, which a scan has loaded already.
    from auditor.facts import PictureProblem

    keys = {
        PictureProblem.MISSING: "file_missing",
        PictureProblem.NOT_AN_IMAGE: "not_an_image",
        PictureProblem.OUTSIDE_FOLDER: "outside_folder",
    }
    return keys[problem]


@check(
    "PRF-003",
    title=Text(ms="Pautan ke laman web rasmi", en="Link to the official website"),
    severity=Severity.MEDIUM,
    needs=[Fact.PROFILE],
    references=["GP 5", "GP 13(10)"],
    remediation=Text(
        ms="Letakkan pautan ke laman web atau portal rasmi agensi (pada domain rasmi) di profil.",
        en="Put a link to the agency's official website or portal (on an official domain) "
        "in the profile.",
    ),
    messages={
        "ok": Text(
            ms="Profil memaut ke laman web rasmi {url}.",
            en="The profile links to the official website {url}.",
        ),
        "missing": Text(
            ms="Profil tidak memaparkan pautan ke laman web rasmi.",
            en="The profile shows no link to the official website.",
        ),
        "unofficial": Text(
            ms="Pautan laman web {url} bukan pada domain rasmi ({domains}).",
            en="The website link {url} is not on an official domain ({domains}).",
        ),
    },
)
@with_profile
def official_website_link(facts: AccountFacts, profile: Profile) -> Outcome:
    domains = facts.organisation.official_domains
    links = [u for u in [profile.website, *(profile.links or [])] if u]
    official = [u for u in links if is_official_url(u, domains)]
    evidence = {"links": links, "official_domains": list(domains)}
    if official:
        return verdict([], [], msg("ok", url=official[0]), evidence)
    if profile.website:
        problem = msg("unofficial", url=profile.website, domains=", ".join(domains))
        return verdict([problem], [], msg("ok"), evidence)
    return verdict([msg("missing")], [], msg("ok"), evidence)


@check(
    "PRF-004",
    title=Text(ms="Pernyataan pengenalan dipaparkan", en="Introductory statement shown"),
    severity=Severity.LOW,
    needs=[Fact.PROFILE],
    references=["GP 5"],
    remediation=Text(
        ms="Sediakan pernyataan pengenalan ringkas tentang agensi dan tujuan akaun di profil.",
        en="Add a short introduction of the agency and the account's purpose to the profile.",
    ),
    messages={
        "ok": Text(
            ms="Profil memaparkan pernyataan pengenalan.",
            en="The profile shows an introductory statement.",
        ),
        "missing": Text(
            ms="Profil tidak memaparkan pernyataan pengenalan.",
            en="The profile shows no introductory statement.",
        ),
    },
)
@with_profile
def introduction_present(facts: AccountFacts, profile: Profile) -> Outcome:
    problems = [] if has_text(profile.bio) else [msg("missing")]
    return verdict(problems, [], msg("ok"))


@check(
    "PRF-005",
    title=Text(ms="Penafian dipaparkan", en="Disclaimer shown"),
    severity=Severity.MEDIUM,
    needs=[Fact.PROFILE],
    references=["GP 13(9)"],
    remediation=Text(
        ms="Sediakan pernyataan penafian di profil atau hantaran yang disematkan.",
        en="Add a disclaimer to the profile or a pinned post.",
    ),
    messages={
        "ok": Text(ms="Penafian dipaparkan ({where}).", en="A disclaimer is shown ({where})."),
        "missing": Text(
            ms="Profil dan hantaran disematkan tidak memaparkan penafian.",
            en="Neither the profile nor a pinned post shows a disclaimer.",
        ),
    },
)
@with_profile
def disclaimer_present(facts: AccountFacts, profile: Profile) -> Outcome:
    where = None
    if has_text(profile.disclaimer):
        where = "disclaimer"
    elif profile.pinned_post and _DISCLAIMER_WORDS.search(profile.pinned_post):
        where = "pinned_post"
    elif profile.bio and _DISCLAIMER_WORDS.search(profile.bio):
        where = "bio"
    problems = [] if where else [msg("missing")]
    return verdict(problems, [], msg("ok", where=where), {"found_in": where})


@check(
    "PRF-006",
    title=Text(ms="E-mel rasmi dipaparkan", en="Official email shown"),
    severity=Severity.LOW,
    needs=[Fact.PROFILE],
    references=["GP 13(15)"],
    remediation=Text(
        ms="Paparkan e-mel rasmi agensi (pada domain rasmi) di profil.",
        en="Show the agency's official email address (on an official domain) in the profile.",
    ),
    messages={
        "ok": Text(
            ms="Profil memaparkan e-mel rasmi {email}.",
            en="The profile shows the official email {email}.",
        ),
        "missing": Text(ms="Profil tidak memaparkan e-mel.", en="The profile shows no email."),
        "unofficial": Text(
            ms="E-mel di profil ({emails}) bukan e-mel rasmi.",
            en="The email shown on the profile ({emails}) is not an official address.",
        ),
    },
)
@with_profile
def official_email_shown(facts: AccountFacts, profile: Profile) -> Outcome:
    shown = [profile.email] if profile.email else []
    shown += EMAIL_IN_TEXT.findall(profile.bio or "")
    official = [e for e in shown if is_official_email(e, facts.organisation.official_domains)]
    evidence = {"emails": shown}
    if official:
        return verdict([], [], msg("ok", email=official[0]), evidence)
    if shown:
        return verdict([msg("unofficial", emails=", ".join(shown))], [], msg("ok"), evidence)
    return verdict([msg("missing")], [], msg("ok"), evidence)
