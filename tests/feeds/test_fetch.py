"""The fetcher against a real server on 127.0.0.1: every way a request goes wrong has a named outcome."""
from __future__ import annotations

import gzip
import time

from werkzeug import Response

from eventwire.feeds.fetch import Fetcher, host_of


def test_gzip_user_agent_and_conditional_get(site, fetcher, opts):
    body = b"<rss>" + b"x" * 5000 + b"</rss>"
    seen = []

    def handler(request):
        seen.append(dict(request.headers))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(gzip.compress(body), headers={"Content-Encoding": "gzip", "ETag": '"v1"',
                                                      "Last-Modified": "Tue, 01 Dec 2026 10:00:00 GMT"})

    site.expect_request("/feed").respond_with_handler(handler)
    first = fetcher.get(site.url_for("/feed"))
    assert first.ok and first.status == 200 and first.body == body
    assert first.headers["etag"] == '"v1"'
    assert seen[0]["User-Agent"] == opts.user_agent and opts.user_agent.startswith("eventwire/")
    assert "gzip" in seen[0]["Accept-Encoding"]
    second = fetcher.get(site.url_for("/feed"), etag='"v1"', last_modified="Tue, 01 Dec 2026 10:00:00 GMT")
    assert second.ok and second.not_modified and second.body is None
    assert seen[1]["If-Modified-Since"] == "Tue, 01 Dec 2026 10:00:00 GMT"


def test_server_error_is_retried_then_succeeds(site, fetcher):
    calls = []

    def handler(_request):
        calls.append(1)
        return Response("busy", status=503) if len(calls) == 1 else Response("<rss/>")

    site.expect_request("/flaky").respond_with_handler(handler)
    result = fetcher.get(site.url_for("/flaky"))
    assert result.ok and result.body == b"<rss/>" and len(calls) == 2


def test_persistent_500_is_a_transient_failure_after_bounded_retries(site, fetcher, opts):
    site.expect_request("/down").respond_with_data("oops", status=500)
    result = fetcher.get(site.url_for("/down"))
    assert not result.ok and result.transient and result.error == "HTTP 500" and result.status == 500
    assert sum(1 for r, _ in site.log if r.path == "/down") == opts.attempts


def test_404_is_permanent_and_not_retried(site, fetcher):
    site.expect_request("/gone").respond_with_data("no", status=404)
    result = fetcher.get(site.url_for("/gone"))
    assert result.error == "HTTP 404" and not result.transient
    assert sum(1 for r, _ in site.log if r.path == "/gone") == 1


def test_timeout(site, impatient):
    def slow(_request):
        time.sleep(impatient.timeout_s * 2)
        return Response("late")

    site.expect_request("/slow").respond_with_handler(slow)
    with Fetcher(impatient) as fetcher:
        result = fetcher.get(site.url_for("/slow"))
    assert result.error.startswith("timeout") and result.transient


def test_redirects_are_followed_and_a_loop_is_refused(site, fetcher):
    site.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    site.expect_request("/new").respond_with_data("here")
    moved = fetcher.get(site.url_for("/old"))
    assert moved.ok and moved.body == b"here" and moved.final_url.endswith("/new")
    site.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    site.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    loop = fetcher.get(site.url_for("/a"))
    assert "redirect" in loop.error and not loop.transient


def test_size_cap_declared_streamed_and_gzipped(site, fetcher, opts):
    big = b"y" * (opts.max_bytes + 1)
    site.expect_request("/declared").respond_with_data(big)
    site.expect_request("/streamed").respond_with_response(Response(iter([big[:100_000], big[100_000:]])))
    site.expect_request("/bomb").respond_with_data(gzip.compress(big), headers={"Content-Encoding": "gzip"})
    for path in ("/declared", "/streamed", "/bomb"):
        result = fetcher.get(site.url_for(path))
        assert result.error.startswith("too large") and not result.transient, path


def test_robots_txt_is_honoured_for_pages(site, fetcher):
    site.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n")
    site.expect_request("/private/a").respond_with_data("secret")
    site.expect_request("/public/a").respond_with_data("<p>hello</p>", content_type="text/html")
    refused = fetcher.get(site.url_for("/private/a"), robots=True)
    assert refused.error == "robots.txt disallows this page" and not refused.transient
    assert fetcher.get(site.url_for("/public/a"), robots=True).ok
    assert not any(r.path == "/private/a" for r, _ in site.log)
    assert sum(1 for r, _ in site.log if r.path == "/robots.txt") == 1  # read once per site
    assert fetcher.host_delay(host_of(site.url_for("/"))) == 2.0  # its Crawl-delay beats our 0


def test_unreachable_robots_txt_means_try_later(site, opts):
    site.expect_request("/robots.txt").respond_with_data("no", status=503)
    site.expect_request("/page").respond_with_data("<p>x</p>")
    with Fetcher(opts) as fetcher:
        result = fetcher.get(site.url_for("/page"), robots=True)
    assert result.transient and "robots.txt" in result.error


def test_connection_refused_is_transient(opts):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with Fetcher(opts) as fetcher:
        result = fetcher.get(f"http://127.0.0.1:{port}/feed")
    assert result.transient and result.error.startswith("network error")
