"""Real HTTP servers on 127.0.0.1 (pytest-httpserver, threaded), feeds and pages built here.

Two servers on two ports are two hosts to the watcher (its politeness key is
host:port).  Options are the watcher's defaults with short timeouts and no
per-host delay, so a failure case costs a fraction of a second.
"""
from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from eventwire.feeds.fetch import Fetcher
from eventwire.feeds.options import default_options
from eventwire.store import open_store

PLACES = ["Nairobi", "Lagos", "Kampala", "Accra", "Dakar", "Harare", "Lusaka", "Bamako", "Niamey", "Kigali",
          "Maputo", "Luanda", "Abuja", "Asmara", "Juba", "Tunis"]


def _server() -> HTTPServer:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    return server


def _fresh(server: HTTPServer) -> HTTPServer:
    server.clear()
    server.no_handler_status_code = 404  # no robots.txt unless a test serves one
    return server


@pytest.fixture(scope="session")
def _servers():
    servers = [_server(), _server()]
    yield servers
    for s in servers:
        s.clear()
        s.stop()


@pytest.fixture
def site(_servers) -> HTTPServer:
    return _fresh(_servers[0])


@pytest.fixture
def other_site(_servers) -> HTTPServer:
    return _fresh(_servers[1])


@pytest.fixture
def opts():
    return default_options().but(timeout_s=3, total_timeout_s=5, attempts=2, retry_wait_s=0.01,
                                 retry_wait_max_s=0.02, host_delay_s=0, per_host=2, workers=8, max_bytes=200_000,
                                 every=60, backoff_max=3600)


@pytest.fixture
def impatient(opts):
    """Options for the timeout cases only: a short timeout, one try (a loaded machine may be slow)."""
    return opts.but(timeout_s=0.3, attempts=1)


@pytest.fixture
def fetcher(opts):
    with Fetcher(opts) as f:
        yield f


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "watch.db") as s:
        yield s


def story(n: int) -> list[str]:
    """Three paragraphs of a distinct news story."""
    place = PLACES[n % len(PLACES)]
    return [
        f"Police in {place} arrested {n + 12} protesters on Tuesday after clashes near the parliament "
        f"building, officials said in a statement on story number {n}.",
        f"The demonstrators had marched through central {place} to demand lower fuel prices, and witnesses "
        f"said officers fired tear gas to break up the crowd of about {n + 300} people.",
        f"The interior minister said the {n + 12} people detained would appear in court later this week.",
    ]


def page(n: int, *, title: str | None = None) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in story(n))
    title = title or f"Protesters arrested in {PLACES[n % len(PLACES)]} (story {n})"
    return (f"<!DOCTYPE html><html><head><title>{title}</title>"
            f"<meta property='og:title' content='{title}'></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>{title}</h1>{paragraphs}</article><footer>Copyright the site</footer></body></html>")


def rss(items: list[dict], *, title: str = "Test wire") -> str:
    """An RSS 2.0 feed; each item may have link, guid, title, description, pubDate."""
    out = [f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
           f"<link>http://example.org/</link><description>test</description>"]
    for item in items:
        out.append("<item>")
        for key in ("title", "link", "guid", "description", "pubDate"):
            if item.get(key):
                out.append(f"<{key}>{item[key]}</{key}>")
        out.append("</item>")
    out.append("</channel></rss>")
    return "".join(out)


def serve_story_feed(server: HTTPServer, path: str, numbers: list[int], *, etag: str | None = None,
                     feed_title: str = "Test wire") -> list[str]:
    """A feed at ``path`` listing pages /story/N on the same server (served too); returns the page URLs."""
    items, urls = [], []
    for n in numbers:
        url = server.url_for(f"/story/{n}")
        urls.append(url)
        items.append({"title": f"Story {n}", "link": url, "guid": url, "pubDate": "Tue, 01 Dec 2026 10:00:00 GMT"})
        server.expect_request(f"/story/{n}").respond_with_data(page(n), content_type="text/html; charset=utf-8")
    headers = {"ETag": etag} if etag else {}
    server.expect_request(path).respond_with_data(rss(items, title=feed_title), content_type="application/rss+xml",
                                                  headers=headers)
    return urls


def requests_to(server: HTTPServer, path: str) -> int:
    return sum(1 for request, _ in server.log if request.path == path)
