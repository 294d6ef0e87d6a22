"""A scan without --offline judges what each platform shows, and says where it came from."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from auditor.catalogue import load_registry
from auditor.engine import ScanOptions, scan
from auditor.inventory.loader import load_inventory
from auditor.results import Result, Status
from tests.collectors.conftest import HANDLES, TOKEN, WEBSITE, unrelated_picture, write_inventory
from tests.collectors.platforms import IG_USER_ID, FakePlatforms, Fault

AS_OF = dt.date(2026, 11, 24)
PROFILE_CHECKS = frozenset(
    {"PRF-001", "PRF-002", "PRF-003", "PRF-004", "PRF-005", "PRF-006", "ACT-001", "ACT-003"}
    | {"ACT-004"}
)


def live(
    folder: Path,
    checks: frozenset[str] = PROFILE_CHECKS,
    http_timeout: float = 2.0,
    offline: bool = False,
) -> list[Result]:
    source = load_inventory(write_inventory(folder))
    settings = ScanOptions(
        as_of=AS_OF, check_ids=checks, http_timeout=http_timeout, offline=offline
    )
    return list(scan(source, load_registry(), settings).results)


def by(results: list[Result], account: str, check: str) -> Result:
    return next(r for r in results if r.account_id == account and r.check_id == check)


def test_every_platform_is_read_and_judged_instead_of_the_snapshot(
    platforms: FakePlatforms, tmp_path: Path
) -> None:
    results = live(tmp_path)
    for platform in HANDLES:
        account = f"jkm-{platform}"
        # The snapshot says "JKM" and a post of 2025-01-01: both would fail.
        assert by(results, account, "PRF-001").status is Status.PASS, platform
        assert by(results, account, "ACT-001").status is Status.PASS, platform
        assert by(results, account, "PRF-002").status is Status.PASS, platform
        evidence = by(results, account, "ACT-001").evidence
        assert evidence["source"] == f"{platform}-api"
        assert evidence["last_post"] == "2026-11-20"  # 01:30 UTC is 09:30 in Melaka
        assert dt.datetime.fromisoformat(evidence["fetched_at"]).tzinfo is not None
    # Facts no API shows (liked pages) stay as the snapshot has them, and say so.
    act_004 = by(results, "jkm-facebook", "ACT-004")
    assert "liked_accounts" in act_004.evidence["from_inventory"]


def test_x_website_is_the_expanded_url_not_the_short_link(
    platforms: FakePlatforms, tmp_path: Path
) -> None:
    results = live(tmp_path, frozenset({"PRF-003"}))
    assert by(results, "jkm-x", "PRF-003").evidence["links"] == [WEBSITE]
    assert by(results, "jkm-x", "PRF-003").status is Status.PASS


def test_requests_ask_for_the_documented_fields(platforms: FakePlatforms, tmp_path: Path) -> None:
    live(tmp_path, frozenset({"PRF-001", "PRF-002"}))
    queries = {s.path: s.query for s in platforms.seen}
    facebook = queries["/facebook/jkmmelaka"]
    assert "picture%7Burl%2Cis_silhouette%7D" in facebook
    assert "posts.limit%285%29%7Bcreated_time%2Cattachments%7Bmedia%7D%7D" in facebook
    assert "business_discovery.username%28jkm.melaka%29" in queries[f"/instagram/{IG_USER_ID}"]
    assert "forHandle=%40jkmmelaka" in queries["/youtube/channels"]
    assert "key=" in queries["/youtube/channels"]  # YouTube's credential is the key= parameter
    assert "entities" in queries["/x/users/by/username/JKMMelaka"]
    bearer = {s.path: s.authorization for s in platforms.seen}
    assert bearer["/x/users/by/username/JKMMelaka"] == f"Bearer {TOKEN}"
    assert bearer["/facebook/jkmmelaka"] == f"Bearer {TOKEN}"
    # Pictures are fetched without any credential.
    pictures = [s for s in platforms.seen if s.path.startswith("/pictures/")]
    assert pictures and all(s.authorization is None and "key=" not in s.query for s in pictures)


def test_a_platform_without_a_token_is_not_contacted(
    platforms: FakePlatforms, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AUDITOR_FACEBOOK_TOKEN")
    results = live(tmp_path, frozenset({"PRF-001"}))
    assert not any(s.path.startswith("/facebook") for s in platforms.seen)
    snapshot = by(results, "jkm-facebook", "PRF-001")
    assert snapshot.status is Status.FAIL and snapshot.evidence["source"] == "inventory"


def test_offline_sends_no_request_at_all(platforms: FakePlatforms, tmp_path: Path) -> None:
    results = live(tmp_path, offline=True)
    assert platforms.seen == []
    assert {r.evidence.get("source") for r in results if r.status is not Status.MANUAL} == {
        "inventory"
    }


def test_the_crest_resized_and_recompressed_passes_and_another_picture_fails(
    platforms: FakePlatforms, tmp_path: Path
) -> None:
    platforms.shown[("facebook", "jkmmelaka")].picture = unrelated_picture()
    results = live(tmp_path, frozenset({"PRF-002"}))
    assert by(results, "jkm-facebook", "PRF-002").status is Status.FAIL
    assert by(results, "jkm-instagram", "PRF-002").status is Status.PASS
    assert by(results, "jkm-facebook", "PRF-002").evidence["picture"].startswith("http://")


def test_a_picture_that_is_not_an_image_is_not_compared(
    platforms: FakePlatforms, tmp_path: Path
) -> None:
    platforms.shown[("facebook", "jkmmelaka")].picture = b"<html>not a picture</html>"
    result = by(live(tmp_path, frozenset({"PRF-002"})), "jkm-facebook", "PRF-002")
    assert result.status is Status.MANUAL


def test_public_pages_read_accounts_without_a_token(
    server: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = (
        "<html><head><title>JKM</title>"
        '<meta property="og:title" content="Telegram Rasmi Jabatan Ketua Menteri Melaka">'
        '<meta name="description" content="Saluran rasmi. Penafian: makluman sahaja.">'
        "</head><body></body></html>"
    )
    server.expect_request("/jkmmelaka").respond_with_data(page, content_type="text/html")
    monkeypatch.delenv("AUDITOR_FACEBOOK_TOKEN", raising=False)
    folder = tmp_path
    source = load_inventory(
        write_inventory(folder, {"facebook": {"url": server.url_for("/jkmmelaka")}})
    )
    options = ScanOptions(
        as_of=AS_OF, check_ids=frozenset({"PRF-001", "PRF-005"}), public_pages=True
    )
    results = list(scan(source, load_registry(), options).results)
    assert by(results, "jkm-facebook", "PRF-001").status is Status.PASS
    assert by(results, "jkm-facebook", "PRF-005").status is Status.PASS
    assert by(results, "jkm-facebook", "PRF-001").evidence["source"] == "public-page"


@pytest.mark.parametrize(
    ("fault", "word"),
    [
        (Fault(status=401), "HTTP 401"),
        (Fault(status=403), "HTTP 403"),
        (Fault(status=404), "HTTP 404"),
        (Fault(status=500), "HTTP 500"),
        (Fault(slow=1.5), "timeout"),
        (Fault(malformed=True), "malformed"),
        (Fault(html=True), "html"),
    ],
    ids=["401", "403", "404", "500", "timeout", "malformed", "html"],
)
def test_every_failure_is_an_error_on_each_profile_check(
    platforms: FakePlatforms, tmp_path: Path, fault: Fault, word: str
) -> None:
    for platform, handle in HANDLES.items():
        platforms.faults[(platform, handle.lower())] = Fault(**vars(fault))
    results = live(tmp_path, http_timeout=0.5)
    for platform in HANDLES:
        for check in PROFILE_CHECKS:
            result = by(results, f"jkm-{platform}", check)
            assert result.status is Status.ERROR, (platform, check)
            assert result.messages[0].args == {"platform": platform, "fault": word}
            assert result.evidence["source"] == f"{platform}-api"
    not_found = {m.key for r in results if r.account_id == "jkm-x" for m in r.messages}
    if word == "HTTP 404":
        assert "fault_not_found" in not_found  # "may have been renamed or taken over"


def test_the_network_deadline_bounds_the_platforms_too(
    platforms: FakePlatforms, tmp_path: Path
) -> None:
    for platform, handle in HANDLES.items():  # answers that would come well inside 10 s
        platforms.faults[(platform, handle.lower())] = Fault(slow=2.0)
    source = load_inventory(write_inventory(tmp_path))
    settings = ScanOptions(
        as_of=AS_OF, check_ids=frozenset({"PRF-001"}), http_timeout=10.0, network_deadline=1.0
    )
    results = list(scan(source, load_registry(), settings).results)
    for platform in HANDLES:
        result = by(results, f"jkm-{platform}", "PRF-001")
        assert result.status is Status.ERROR, platform
        assert result.messages[0].args == {"platform": platform, "fault": "timeout"}


def test_a_5xx_is_retried_three_times_then_reported(
    platforms: FakePlatforms, tmp_path: Path
) -> None:
    platforms.faults[("x", "jkmmelaka")] = Fault(status=503)
    results = live(tmp_path, frozenset({"PRF-001"}))
    tries = [s for s in platforms.seen if s.path == "/x/users/by/username/JKMMelaka"]
    assert len(tries) == 4  # the request and 3 retries
    assert by(results, "jkm-x", "PRF-001").status is Status.ERROR


def test_a_transient_5xx_is_retried_into_success(platforms: FakePlatforms, tmp_path: Path) -> None:
    platforms.faults[("x", "jkmmelaka")] = Fault(status=502, times=2)
    results = live(tmp_path, frozenset({"PRF-001"}))
    assert by(results, "jkm-x", "PRF-001").status is Status.PASS


def test_retry_after_pauses_the_whole_platform(platforms: FakePlatforms, tmp_path: Path) -> None:
    # The YouTube channel answers 429 "Retry-After: 1" once; the playlist request that follows
    # it on the same platform, and the channel's retry, both wait for the pause.
    platforms.faults[("youtube", "jkmmelaka")] = Fault(status=429, retry_after="1", times=1)
    results = live(tmp_path, frozenset({"ACT-001"}))
    assert by(results, "jkm-youtube", "ACT-001").status is Status.PASS
    youtube = [s for s in platforms.seen if s.path.startswith("/youtube/")]
    assert [s.path for s in youtube] == [
        "/youtube/channels",
        "/youtube/channels",
        "/youtube/playlistItems",
    ]
    assert youtube[1].at - youtube[0].at >= 0.9


def test_a_redirect_to_another_host_carries_no_credential(
    platforms: FakePlatforms, tmp_path: Path, server: HTTPServer
) -> None:
    # localhost and 127.0.0.1 are different hosts to the client, the same server here.
    elsewhere = server.url_for("/elsewhere").replace("127.0.0.1", "localhost")
    server.expect_request("/elsewhere").respond_with_json({"id": "1"})
    # YouTube's redirect carries its query along, key= included.
    platforms.faults[("youtube", "jkmmelaka")] = Fault(redirect_to=f"{elsewhere}?{{query}}")
    platforms.faults[("facebook", "jkmmelaka")] = Fault(redirect_to=elsewhere)
    live(tmp_path, frozenset({"PRF-001"}))
    followed = [s for s in platforms.seen if s.path == "/elsewhere"]
    assert len(followed) == 2
    assert all(s.authorization is None and TOKEN not in s.query for s in followed)


def test_redirects_are_bounded(platforms: FakePlatforms, tmp_path: Path) -> None:
    loop = platforms.server.url_for("/x/users/by/username/JKMMelaka")
    platforms.faults[("x", "jkmmelaka")] = Fault(redirect_to=loop)
    result = by(live(tmp_path, frozenset({"PRF-001"})), "jkm-x", "PRF-001")
    assert result.status is Status.ERROR and result.messages[0].args["fault"] == "redirects"
    assert len([s for s in platforms.seen if s.path.startswith("/x/")]) == 6  # 1 + 5


def test_an_unreadable_api_token_is_an_error_not_the_platform_token(
    platforms: FakePlatforms, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("T_TIKTOK_TOKEN")
    result = by(live(tmp_path, frozenset({"PRF-001"})), "jkm-tiktok", "PRF-001")
    assert result.status is Status.ERROR
    assert [m.key for m in result.messages] == ["profile_unavailable", "fault_credential"]
    assert not any(s.path.startswith("/tiktok") for s in platforms.seen)


def test_instagram_with_the_accounts_own_token_reads_me(
    platforms: FakePlatforms, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AUDITOR_INSTAGRAM_USER_ID")
    results = live(tmp_path, frozenset({"PRF-001"}))
    assert by(results, "jkm-instagram", "PRF-001").status is Status.PASS
    assert "/instagram/me" in {s.path for s in platforms.seen}


def test_picture_sizes_facebook_reports_feed_act_003(
    platforms: FakePlatforms, tmp_path: Path
) -> None:
    results = live(tmp_path, frozenset({"ACT-003"}))
    assert by(results, "jkm-facebook", "ACT-003").status is Status.PASS
    platforms.shown[("facebook", "jkmmelaka")].poster = (400, 300)
    result = by(live(tmp_path, frozenset({"ACT-003"})), "jkm-facebook", "ACT-003")
    assert result.status is Status.FAIL and "(400x300)" in result.evidence["too_small"][0]
