"""Fetching over HTTP with httpx: timeouts, bounded retries with backoff (tenacity), redirects,
gzip, a size cap, a clear user agent, conditional GET, and robots.txt (protego) for pages.

:meth:`Fetcher.get` never raises for what a server or the network does: it returns
a :class:`Fetched` whose ``error`` says what went wrong and whose ``transient``
says whether trying again later may help (timeouts, refused connections, 5xx,
429, an unreachable robots.txt) or not (404, a redirect loop, a body over the
size cap, a page robots.txt disallows).  Retries happen inside one call, a few
seconds apart at most; a failure that outlasts them is for the next round.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import httpx
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, stop_when_event_set, wait_exponential

from eventwire.feeds.options import WatchOptions

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass
class Fetched:
    url: str  # the URL asked for
    final_url: str | None = None  # after redirects
    status: int | None = None
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    error: str | None = None  # None: got a response worth reading (2xx or 304)
    transient: bool = False
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


class _Retry(Exception):
    """A response or network failure worth another try."""

    def __init__(self, error: str, status: int | None = None):
        super().__init__(error)
        self.error, self.status = error, status


class _Refused(Exception):
    """A failure no retry will mend (too large)."""


def host_of(url: str) -> str:
    """The politeness key of a URL: its host and port (``example.org:443``)."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{(parts.hostname or '').lower()}:{port}"


class Fetcher:
    """One HTTP client for a round, shared by the worker threads (httpx.Client is thread-safe)."""

    def __init__(self, options: WatchOptions, *, stop: threading.Event | None = None,
                 transport: httpx.BaseTransport | None = None):
        self.options = options
        self.stop = stop or threading.Event()  # once set, no retry waits or starts
        self.client = httpx.Client(
            timeout=httpx.Timeout(options.timeout_s), follow_redirects=True, max_redirects=options.max_redirects,
            headers={"User-Agent": options.user_agent, "Accept-Encoding": "gzip, deflate"},
            limits=httpx.Limits(max_connections=options.workers * 2, max_keepalive_connections=options.workers),
            transport=transport,
        )
        self._robots: dict[str, object] = {}
        self._crawl_delays: dict[str, float] = {}  # by host_of(), from robots.txt
        self._robots_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- one request ----------------------------------------------------------------------------

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            robots: bool = False, accept: str | None = None) -> Fetched:
        """GET ``url`` (conditionally when validators are given); see the module's docstring."""
        started = time.monotonic()
        result = self._get(url, etag=etag, last_modified=last_modified, robots=robots, accept=accept)
        result.seconds = time.monotonic() - started
        return result

    def _get(self, url, *, etag, last_modified, robots, accept) -> Fetched:
        if robots:
            verdict = self.robots_verdict(url)
            if verdict is not None:
                return Fetched(url, error=verdict[0], transient=verdict[1])
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        options = self.options
        retrying = Retrying(
            stop=stop_after_attempt(options.attempts) | stop_when_event_set(self.stop),
            sleep=self.stop.wait,
            wait=wait_exponential(multiplier=options.retry_wait_s, min=options.retry_wait_s,
                                  max=options.retry_wait_max_s),
            retry=retry_if_exception_type(_Retry), reraise=True,
        )
        try:
            return retrying(self._attempt, url, headers)
        except _Retry as exc:
            return Fetched(url, status=exc.status, error=exc.error, transient=True)
        except _Refused as exc:
            return Fetched(url, error=str(exc), transient=False)
        except httpx.TooManyRedirects:
            return Fetched(url, error=f"more than {options.max_redirects} redirects (a redirect loop?)")
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            return Fetched(url, error=f"bad URL: {exc}")
        except httpx.HTTPError as exc:  # anything else httpx raises: a protocol error, a decoding error
            return Fetched(url, error=f"HTTP error: {exc.__class__.__name__}: {exc}", transient=True)

    def _attempt(self, url: str, headers: dict[str, str]) -> Fetched:
        deadline = time.monotonic() + self.options.total_timeout_s
        cap = self.options.max_bytes
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                if status in RETRY_STATUSES:
                    raise _Retry(f"HTTP {status}", status)
                if status == 304:
                    return Fetched(url, str(response.url), 304, None, dict(response.headers))
                if status >= 400 or status < 200:
                    return Fetched(url, str(response.url), status, None, dict(response.headers), error=f"HTTP {status}")
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > cap:
                    raise _Refused(f"too large: {int(declared)} bytes declared, the cap is {cap}")
                chunks, size = [], 0
                for chunk in response.iter_bytes():  # decoded: the cap holds after gzip too
                    size += len(chunk)
                    if size > cap:
                        raise _Refused(f"too large: more than {cap} bytes")
                    if time.monotonic() > deadline:
                        raise _Retry(f"timeout: the response took more than {self.options.total_timeout_s:g}s")
                    chunks.append(chunk)
                return Fetched(url, str(response.url), status, b"".join(chunks), dict(response.headers))
        except httpx.TimeoutException as exc:
            raise _Retry(f"timeout ({exc.__class__.__name__})") from None
        except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
            raise _Retry(f"network error: {exc.__class__.__name__}: {exc}") from None

    # -- robots.txt ------------------------------------------------------------------------------

    def robots_verdict(self, url: str) -> tuple[str, bool] | None:
        """None when robots.txt lets this user agent fetch ``url``; else (error, transient)."""
        parts = urlsplit(url)
        origin = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        with self._lock:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:  # one robots.txt fetch per site, whatever the number of threads
            if origin not in self._robots:
                self._robots[origin] = self._fetch_robots(origin)
        rules = self._robots[origin]
        if rules is not None and not isinstance(rules, str):
            delay = rules.crawl_delay(self.options.user_agent)
            if delay:
                self._crawl_delays[host_of(url)] = min(float(delay), self.options.max_crawl_delay_s)
        if rules is None:
            return None
        if isinstance(rules, str):
            return (rules, True)
        if rules.can_fetch(url, self.options.user_agent):
            return None
        return ("robots.txt disallows this page", False)

    def host_delay(self, host: str) -> float:
        """Seconds between two requests to ``host``: ours, or its robots.txt Crawl-delay (capped) if longer."""
        return max(self.options.host_delay_s, self._crawl_delays.get(host, 0.0))

    def _fetch_robots(self, origin: str):
        """Protego rules; None (all allowed: no robots.txt); or an error text (unreachable: wait)."""
        from protego import Protego

        try:
            response = self.client.get(f"{origin}/robots.txt", timeout=self.options.timeout_s)
        except httpx.HTTPError as exc:
            log.info("%s/robots.txt unreachable: %s", origin, exc)
            return f"robots.txt unreachable ({exc.__class__.__name__})"
        if 400 <= response.status_code < 500:
            return None  # RFC 9309: no robots.txt, no restrictions
        if response.status_code >= 500:
            return f"robots.txt answered HTTP {response.status_code}"
        body = response.content[: self.options.max_bytes].decode("utf-8", errors="replace")
        return Protego.parse(body)
