"""The HTTP seam on its own: Retry-After forms and cap, size and type limits, redaction."""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable, Iterator

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from auditor.deadline import Deadline
from auditor.inventory.model import Account
from auditor.web import WebClient, WebError, WebSettings, redact_url


def _throttled_once(retry_after: str) -> tuple[list[float], Callable[[Request], Response]]:
    arrivals: list[float] = []

    def handler(request: Request) -> Response:
        arrivals.append(time.monotonic())
        if len(arrivals) == 1:
            return Response("slow down", status=429, headers={"Retry-After": retry_after})
        return Response("{}", content_type="application/json")

    return arrivals, handler


def test_retry_after_as_an_http_date_is_honoured(server: HTTPServer) -> None:
    later = email.utils.formatdate(time.time() + 2, usegmt=True)
    arrivals, handler = _throttled_once(later)
    server.expect_request("/api").respond_with_handler(handler)
    with WebClient(WebSettings(timeout=5)) as client:
        assert client.get("q", server.url_for("/api")).status == 200
    assert len(arrivals) == 2 and arrivals[1] - arrivals[0] >= 0.9


def test_retry_after_is_capped(server: HTTPServer) -> None:
    arrivals, handler = _throttled_once("3600")
    server.expect_request("/api").respond_with_handler(handler)
    with WebClient(WebSettings(timeout=5, max_retry_after=1)) as client:
        assert client.get("q", server.url_for("/api")).status == 200
    assert 0.9 <= arrivals[1] - arrivals[0] < 30


def test_nothing_is_sent_after_the_deadline(server: HTTPServer) -> None:
    server.expect_request("/api").respond_with_data(b"{}", content_type="application/json")
    with WebClient(deadline=Deadline.after(0.0)) as client, pytest.raises(WebError) as caught:
        client.get("q", server.url_for("/api"))
    assert caught.value.fault == "timeout" and "deadline" in caught.value.detail
    assert server.log == []


def test_a_retry_after_past_the_deadline_is_not_waited_on(server: HTTPServer) -> None:
    arrivals, handler = _throttled_once("30")
    server.expect_request("/api").respond_with_handler(handler)
    started = time.monotonic()
    with WebClient(deadline=Deadline.after(2.0)) as client, pytest.raises(WebError) as caught:
        client.get("q", server.url_for("/api"))
    assert caught.value.fault == "timeout" and "deadline" in caught.value.detail
    assert len(arrivals) == 1 and time.monotonic() - started < 25  # not the 30 s asked


def test_a_body_trickling_in_is_given_up_at_the_deadline(server: HTTPServer) -> None:
    def trickle() -> Iterator[bytes]:
        for _ in range(40):  # 10 s in all, each piece well inside the read timeout
            time.sleep(0.25)
            yield b"x" * 10

    server.expect_request("/slow").respond_with_handler(
        lambda _: Response(trickle(), content_type="application/json")
    )
    with WebClient(deadline=Deadline.after(1.0)) as client, pytest.raises(WebError) as caught:
        client.get("q", server.url_for("/slow"))
    assert caught.value.fault == "timeout" and "deadline" in caught.value.detail


def test_a_body_over_the_limit_is_refused(server: HTTPServer) -> None:
    server.expect_request("/big").respond_with_data(b"x" * 200_000, content_type="image/png")
    with WebClient() as client, pytest.raises(WebError) as caught:
        client.get("q", server.url_for("/big"), max_bytes=100_000)
    assert caught.value.fault == "too_large"


def test_an_unexpected_content_type_is_refused(server: HTTPServer) -> None:
    server.expect_request("/page").respond_with_data(b"{}", content_type="application/json")
    with WebClient() as client, pytest.raises(WebError) as caught:
        client.get("q", server.url_for("/page"), content_types=("text/html",))
    assert caught.value.fault == "content_type"


def test_only_http_and_https_are_fetched() -> None:
    with WebClient() as client:
        for url in ("file:///etc/passwd", "data:image/png;base64,AAAA"):
            with pytest.raises(WebError) as caught:
                client.get("q", url)
            assert caught.value.fault == "scheme"


def test_credentials_are_redacted_from_urls() -> None:
    shown = redact_url(
        "https://www.googleapis.com/youtube/v3/channels?part=snippet&key=AIzaSecret1"
    )
    assert "AIzaSecret1" not in shown and "key=[redacted]" in shown
    assert "tok123" not in redact_url("https://graph.facebook.com/me?access_token=tok123&x=1")


def test_an_api_token_must_be_a_reference() -> None:
    base = {"id": "a", "platform": "x", "owner": "agency"}
    assert Account.model_validate(base | {"api_token": "env:X_TOKEN"}).api_token == "env:X_TOKEN"
    with pytest.raises(ValueError) as caught:
        Account.model_validate(base | {"api_token": "AAAAAAAAAAAAAAAAAAAAAMLheAAAA"})
    assert "AAAAAAAAAAAAAAAAAAAAAMLheAAAA" not in str(caught.value.errors(include_input=False))  # type: ignore[attr-defined]


def test_a_429_holds_back_the_platforms_other_requests_not_other_platforms(
    server: HTTPServer,
) -> None:
    arrivals: dict[str, list[float]] = {"/a": [], "/b": [], "/c": []}

    def handler(request: Request) -> Response:
        arrivals[request.path].append(time.monotonic())
        if request.path == "/a" and len(arrivals["/a"]) == 1:
            return Response("slow down", status=429, headers={"Retry-After": "2"})
        return Response("{}", content_type="application/json")

    for path in arrivals:
        server.expect_request(path).respond_with_handler(handler)
    with WebClient(WebSettings(timeout=5)) as client:
        first = threading.Thread(target=client.get, args=("youtube", server.url_for("/a")))
        first.start()
        while not arrivals["/a"]:
            time.sleep(0.01)
        time.sleep(0.1)  # the 429 has been answered
        client.get("x", server.url_for("/c"))  # another platform: not held back
        client.get("youtube", server.url_for("/b"))  # the same platform: waits out the pause
        first.join()
    throttled = arrivals["/a"][0]
    assert arrivals["/c"][0] - throttled < 1.0
    assert arrivals["/b"][0] - throttled >= 1.8
