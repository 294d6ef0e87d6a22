"""The one HTTP seam: every request the auditor sends to a platform or a web page goes here.

One ``WebClient`` per run holds a ``requests.Session`` whose adapter retries with urllib3's
``Retry`` (at most 3 times, exponential backoff with jitter, on connection errors, 429 and
5xx, ``Retry-After`` honoured up to 60 s). A 429 also pauses every later request to the same
platform (its "gate"), not only the one that got it. Redirects are bounded and stay on
http(s); a credential never follows a redirect to another host. Failures become ``WebError``
with a fault word and the HTTP status: never a URL with its query, never a secret.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from urllib.request import getproxies

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ConnectTimeoutError, InvalidHeader, ReadTimeoutError
from urllib3.util.retry import Retry

from auditor import defaults
from auditor.deadline import Deadline

MAX_RETRIES = 3
MAX_REDIRECTS = 5
MAX_RETRY_AFTER = 60  # seconds: a server asking for longer is waited on for this long
BACKOFF_FACTOR = 0.5  # 0.5 s, 1 s, 2 s between attempts, plus jitter
BACKOFF_JITTER = 0.5
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# Query parameters that carry credentials in the APIs' URLs (YouTube's key=, Graph's
# access_token=): never shown, never carried to another host.
SECRET_PARAMS = frozenset({"key", "access_token", "token", "api_key", "client_secret"})
_SECRET_IN_TEXT = re.compile(r"(?i)\b(" + "|".join(sorted(SECRET_PARAMS)) + r")=([^&\s\"'#]+)")
REDACTED = "[redacted]"


class WebError(Exception):
    """A request that did not give a usable answer. ``fault`` is one of: http, timeout,
    connection, redirects, scheme, too_large, content_type, malformed, html."""

    def __init__(self, fault: str, status: int | None = None, detail: str = "") -> None:
        super().__init__(
            f"{fault}{f' {status}' if status else ''}{f': {detail}' if detail else ''}"
        )
        self.fault = fault
        self.status = status
        self.detail = detail


@dataclass(frozen=True)
class WebSettings:
    timeout: float = defaults.HTTP_TIMEOUT
    concurrency: int = defaults.HTTP_CONCURRENCY
    retries: int = MAX_RETRIES
    max_retry_after: int = MAX_RETRY_AFTER
    backoff_factor: float = BACKOFF_FACTOR


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    body: bytes
    url: str  # the final URL, credentials removed

    def json(self) -> Any:
        """The body as JSON; an HTML error page or broken JSON is a WebError."""
        import json

        text = self.body.lstrip()
        if self.content_type.startswith("text/html") or text[:1] == b"<":
            raise WebError("html", self.status, "an HTML page instead of JSON")
        try:
            return json.loads(self.body)
        except ValueError:
            raise WebError("malformed", self.status, "the answer is not valid JSON") from None


@dataclass
class Gate:
    """Holds back a platform's requests while it has asked us (429) to wait."""

    _lock: threading.Lock = field(default_factory=threading.Lock)
    _until: float = 0.0

    def pause(self, seconds: float) -> None:
        with self._lock:
            self._until = max(self._until, time.monotonic() + seconds)

    def wait(self, deadline: Deadline | None = None) -> None:
        """Returns when the platform may be asked again; raises the deadline's timeout
        rather than waiting past it."""
        while True:
            with self._lock:
                remaining = self._until - time.monotonic()
            if remaining <= 0:
                return
            if deadline is not None and remaining >= deadline.remaining():
                raise _deadline_passed()
            time.sleep(remaining)


def _retry_for(settings: WebSettings, gate: Gate, deadline: Deadline | None) -> Retry:
    """urllib3's Retry, telling the platform's gate about every 429 it waits on, and giving
    up rather than sleeping past the scan's network deadline."""

    class GatedRetry(Retry):
        def parse_retry_after(self, retry_after: str) -> float:
            try:
                return float(super().parse_retry_after(retry_after))
            except InvalidHeader:  # neither seconds nor an HTTP date: the usual backoff
                return 0.0

        def sleep(self, response: Any = None) -> None:
            # A 429 holds back the platform's other requests for as long as this one waits:
            # the Retry-After asked for, or the backoff when none was given.
            if response is not None and response.status == 429:
                asked = self.get_retry_after(response) if self.respect_retry_after_header else None
                gate.pause(asked or self.get_backoff_time())
            if deadline is not None:
                wait = self.get_backoff_time()
                if response is not None and self.respect_retry_after_header:
                    wait = max(wait, self.get_retry_after(response) or 0.0)
                if wait >= deadline.remaining():
                    raise _deadline_passed()
            super().sleep(response)

    return GatedRetry(
        total=settings.retries,
        connect=settings.retries,
        read=settings.retries,
        status=settings.retries,
        other=0,
        redirect=False,  # requests follows redirects itself, bounded by the session
        allowed_methods=frozenset({"GET", "POST"}),  # our POSTs only read (TikTok's lists)
        status_forcelist=RETRY_STATUSES,
        backoff_factor=settings.backoff_factor,
        backoff_jitter=BACKOFF_JITTER,
        backoff_max=settings.max_retry_after,
        respect_retry_after_header=True,
        retry_after_max=settings.max_retry_after,
        raise_on_status=False,
    )


class _Session(requests.Session):
    """A session whose redirects never take a credential to another host."""

    def rebuild_auth(self, prepared_request: Any, response: requests.Response) -> None:
        super().rebuild_auth(prepared_request, response)  # type: ignore[no-untyped-call]
        previous = response.request.url or ""
        if urlsplit(previous).hostname != urlsplit(prepared_request.url).hostname:
            prepared_request.url = strip_secret_params(prepared_request.url)


def strip_secret_params(url: str) -> str:
    parts = urlsplit(url)
    kept = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in SECRET_PARAMS
    ]
    return urlunsplit(parts._replace(query=urlencode(kept)))


def redact_url(url: str) -> str:
    """The URL as it may be shown: credential parameters' values replaced."""
    return _SECRET_IN_TEXT.sub(lambda m: f"{m.group(1)}={REDACTED}", url)


class Redactor:
    """Removes the run's secrets (and credential URL parameters) from any text shown."""

    def __init__(self) -> None:
        self._secrets: set[str] = set()
        self._lock = threading.Lock()

    def add(self, secret: str) -> None:
        if len(secret) >= 4:  # a shorter "secret" would blank out ordinary words
            with self._lock:
                self._secrets.add(secret)

    def __call__(self, text: str) -> str:
        with self._lock:
            secrets = sorted(self._secrets, key=len, reverse=True)
        for secret in secrets:
            text = text.replace(secret, REDACTED)
        return redact_url(text)


class _RedactingFilter(logging.Filter):
    def __init__(self, redactor: Redactor) -> None:
        super().__init__()
        self._redactor = redactor

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self._redactor(record.getMessage())
        record.args = None
        return True


# Loggers that may print request URLs (urllib3 logs every request line at debug level).
_URL_LOGGERS = ("urllib3.connectionpool", "urllib3.util.retry", "requests")


def _deadline_passed() -> WebError:
    return WebError("timeout", None, "the scan's network deadline passed")


class WebClient:
    """One run's HTTP: use as a context manager; thread-safe for the collectors' pool.

    With a ``deadline`` (the scan's network deadline), no request is sent after it has
    passed, none waits on a socket or a retry beyond it, and a body still arriving when it
    passes is given up: a timeout like any other."""

    def __init__(
        self, settings: WebSettings | None = None, deadline: Deadline | None = None
    ) -> None:
        self.settings = settings or WebSettings()
        self.deadline = deadline
        self.redactor = Redactor()
        self._gates: dict[str, Gate] = {}
        self._sessions: dict[str, requests.Session] = {}
        self._lock = threading.Lock()
        self._filter = _RedactingFilter(self.redactor)

    def __enter__(self) -> WebClient:
        for name in _URL_LOGGERS:
            logging.getLogger(name).addFilter(self._filter)
        return self

    def __exit__(self, *exc: object) -> None:
        for session in self._sessions.values():
            session.close()
        for name in _URL_LOGGERS:
            logging.getLogger(name).removeFilter(self._filter)

    def _session(self, queue: str) -> tuple[requests.Session, Gate]:
        with self._lock:
            if queue not in self._sessions:
                gate = self._gates[queue] = Gate()
                session = _Session()
                session.max_redirects = MAX_REDIRECTS
                # Without proxy variables, nothing from the environment applies: not reading
                # it on every request saves a millisecond each, and ~/.netrc never adds
                # credentials of its own. With them, requests applies them (and no_proxy).
                session.trust_env = bool(getproxies())
                size = max(self.settings.concurrency, 1)
                adapter = HTTPAdapter(
                    max_retries=_retry_for(self.settings, gate, self.deadline),
                    pool_maxsize=size,
                    pool_block=True,
                )
                session.mount("https://", adapter)
                session.mount("http://", adapter)
                session.headers["User-Agent"] = "auditor (social media compliance audit)"
                self._sessions[queue] = session
            return self._sessions[queue], self._gates[queue]

    def get(
        self,
        queue: str,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        secrets: Iterable[str] = (),
        max_bytes: int = 2 * 1024 * 1024,
        method: str = "GET",
        json_body: Any = None,
        content_types: tuple[str, ...] = (),
    ) -> Answer:
        """One request on a platform's queue. Raises WebError for a status >= 400 too."""
        for secret in secrets:
            self.redactor.add(secret)
        if urlsplit(url).scheme not in ("http", "https"):
            raise WebError("scheme", None, "only http and https URLs are fetched")
        session, gate = self._session(queue)
        gate.wait(self.deadline)
        timeout = self._socket_timeout()
        try:
            with session.request(
                method,
                url,
                params=params,
                headers=headers,
                json=json_body,
                timeout=timeout,
                stream=True,
                allow_redirects=True,
            ) as response:
                return self._answer(response, max_bytes, content_types)
        except requests.TooManyRedirects:
            raise WebError("redirects", None, f"more than {MAX_REDIRECTS} redirects") from None
        except requests.exceptions.InvalidSchema:
            raise WebError("scheme", None, "redirected away from http(s)") from None
        except requests.Timeout:
            raise self._timeout() from None
        except requests.exceptions.RetryError:
            raise WebError("http", None, "still failing after retries") from None
        except requests.RequestException as exc:
            # A read timeout while the body streams arrives wrapped in a ConnectionError.
            if any(_is_timeout(arg) for arg in exc.args):
                raise self._timeout() from None
            # Only the exception's type: its text holds the URL, and so the key.
            raise WebError("connection", None, type(exc).__name__) from None

    def _socket_timeout(self) -> tuple[float, float]:
        """Connect and read timeouts: the setting, or what is left of the deadline."""
        if self.deadline is None:
            return (self.settings.timeout, self.settings.timeout)
        if self.deadline.passed:
            raise _deadline_passed()
        left = self.deadline.bound(self.settings.timeout)
        return (left, left)

    def _timeout(self) -> WebError:
        if self.deadline is not None and self.deadline.passed:
            return _deadline_passed()
        return WebError("timeout", None, f"no answer within {self.settings.timeout:g} s")

    def _answer(
        self, response: requests.Response, max_bytes: int, content_types: tuple[str, ...]
    ) -> Answer:
        kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_types and response.status_code < 400 and not kind.startswith(content_types):
            # Refused before the body is read: a page or picture that is something else.
            raise WebError("content_type", response.status_code, f"not {', '.join(content_types)}")
        body = bytearray()
        for chunk in response.iter_content(64 * 1024):
            if self.deadline is not None and self.deadline.passed:
                raise _deadline_passed()  # a body trickling in would otherwise never end
            body += chunk
            if len(body) > max_bytes:
                raise WebError("too_large", response.status_code, f"more than {max_bytes} bytes")
        answer = Answer(
            status=response.status_code,
            content_type=kind,
            body=bytes(body),
            url=redact_url(strip_secret_params(response.url)),
        )
        if response.status_code >= 400:
            raise HttpStatusError(answer)
        return answer


def _is_timeout(cause: object) -> bool:
    # urllib3 gives up on a read timeout with MaxRetryError(reason=ReadTimeoutError).
    timeouts = (ReadTimeoutError, ConnectTimeoutError)
    return isinstance(cause, timeouts) or isinstance(getattr(cause, "reason", None), timeouts)


class HttpStatusError(WebError):
    """A status of 400 or more; the collector reads the body for the platform's own error."""

    def __init__(self, answer: Answer) -> None:
        super().__init__("http", answer.status)
        self.answer = answer
