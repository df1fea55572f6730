"""Rounds of the watcher against real servers and a real store (articles only: coding is tested apart).

Every failure case of issue 13: nothing is lost, nothing is duplicated, a failing
feed backs off and recovers.
"""
from __future__ import annotations

import time
from datetime import timedelta

from werkzeug import Response

from eventwire.feeds.fetch import Fetcher
from eventwire.feeds.rounds import run_round
from tests.feeds.conftest import page, requests_to, rss, serve_story_feed, story


def subscribe(store, *urls):
    store.add_feeds([(u, None) for u in urls], added_by="file")
    return {f["url"]: f for f in store.list_feeds()}


def entries(store):
    import sqlalchemy as sa

    from eventwire.store.feed_tables import feed_entries

    with store._engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(sa.select(feed_entries))]


def test_a_feed_is_read_stored_and_a_second_round_adds_nothing(site, store, fetcher, opts):
    urls = serve_story_feed(site, "/rss", [1, 2, 3], etag='"e1"')
    subscribe(store, site.url_for("/rss"))
    first = run_round(store, fetcher, options=opts, cron=True)
    assert (first.feeds_polled, first.entries_new, first.articles_new, first.entries_stored) == (1, 3, 3, 3)
    assert store.count("articles") == 3
    stored = {a.url: a for a in store.iter_articles()}
    assert set(stored) == set(urls)
    assert "arrested 13 protesters" in stored[urls[0]].text and stored[urls[0]].published == "2026-12-01"
    assert stored[urls[0]].source == "Test wire" and stored[urls[0]].format == "html"
    feed = store.list_feeds()[0]
    assert feed["etag"] == '"e1"' and feed["last_status"] == "200" and feed["title"] == "Test wire"
    assert feed["entries"]["stored"] == 3

    site.clear()  # the server now honours the ETag
    def conditional(request):
        if request.headers.get("If-None-Match") == '"e1"':
            return Response(status=304)
        return Response("unexpected", status=500)
    site.expect_request("/rss").respond_with_handler(conditional)
    second = run_round(store, fetcher, options=opts, cron=True)
    assert (second.feeds_not_modified, second.entries_new, second.articles_new, second.pages_fetched) == (1, 0, 0, 0)
    assert store.list_feeds()[0]["last_status"] == "304" and store.count("articles") == 3


def test_changed_etag_with_the_same_items_fetches_no_page_again(site, store, fetcher, opts):
    serve_story_feed(site, "/rss", [1, 2], etag='"e1"')
    subscribe(store, site.url_for("/rss"))
    run_round(store, fetcher, options=opts, cron=True)
    site.clear()
    serve_story_feed(site, "/rss", [1, 2], etag='"e2"')
    again = run_round(store, fetcher, options=opts, cron=True)
    assert (again.entries_new, again.pages_fetched, again.articles_new) == (0, 0, 0)
    assert requests_to(site, "/story/1") == 0 and store.list_feeds()[0]["etag"] == '"e2"'


def test_entries_without_links_or_dates(site, store, fetcher, opts):
    text = " ".join(story(7))
    items = [
        {"title": "No link", "guid": "urn:item:1", "description": text, "pubDate": "Wed, 02 Dec 2026 08:00:00 GMT"},
        {"title": "No date", "link": site.url_for("/story/8")},
        {"title": "Nothing at all", "guid": "urn:item:3"},
    ]
    site.expect_request("/story/8").respond_with_data(page(8), content_type="text/html")
    site.expect_request("/rss").respond_with_data(rss(items), content_type="application/rss+xml")
    subscribe(store, site.url_for("/rss"))
    report = run_round(store, fetcher, options=opts, cron=True)
    assert report.entries_new == 2 and report.articles_new == 2  # the empty item has nothing to keep
    by_title = {a.title: a for a in store.iter_articles()}
    assert by_title["No link"].published == "2026-12-02" and by_title["No link"].url is None
    assert story(7)[0] in by_title["No link"].text
    dateless = next(a for a in store.iter_articles() if a.url == site.url_for("/story/8"))
    assert dateless.published is None  # neither the feed nor the page gives one: none is made up


def test_one_story_in_two_feeds_is_stored_once_with_both_urls(site, other_site, store, fetcher, opts):
    serve_story_feed(site, "/rss", [5])
    other_site.expect_request("/copy/5").respond_with_data(page(5, title="A copy"), content_type="text/html")
    other_site.expect_request("/feed").respond_with_data(rss([
        {"title": "copy", "link": other_site.url_for("/copy/5")},
        {"title": "same page", "link": site.url_for("/story/5")},
    ]), content_type="application/rss+xml")
    subscribe(store, site.url_for("/rss"), other_site.url_for("/feed"))
    report = run_round(store, fetcher, options=opts, cron=True)
    assert report.entries_stored == 3 and store.count("articles") == 1
    assert requests_to(site, "/story/5") == 1  # one page, fetched once for both feeds
    article_id = next(store.iter_articles()).id
    assert store.entry_urls_of_article(article_id) == sorted([site.url_for("/story/5"), other_site.url_for("/copy/5")])
    assert {e["article_id"] for e in entries(store)} == {article_id}


def test_failing_feeds_back_off_and_recover(site, store, fetcher, opts):
    state = {"ok": False}

    def feed(_request):
        if not state["ok"]:
            return Response("down", status=500)
        return Response(rss([{"title": "s", "link": site.url_for("/story/1")}]), content_type="application/rss+xml")

    site.expect_request("/rss").respond_with_handler(feed)
    site.expect_request("/story/1").respond_with_data(page(1), content_type="text/html")
    subscribe(store, site.url_for("/rss"))
    t0 = store.list_feeds()[0]["added_at"]
    r1 = run_round(store, fetcher, options=opts, cron=True, now=t0)
    f = store.list_feeds()[0]
    assert r1.feeds_failed == 1 and f["consecutive_failures"] == 1 and f["last_status"] == "HTTP 500"
    assert f["next_poll_at"] == t0 + timedelta(seconds=opts.every * 2)
    asked = requests_to(site, "/rss")
    r2 = run_round(store, fetcher, options=opts, cron=True, now=t0 + timedelta(seconds=5))
    assert r2.feeds_polled == 0 and requests_to(site, "/rss") == asked  # backing off, even under cron
    r3 = run_round(store, fetcher, options=opts, now=t0 + timedelta(seconds=opts.every * 2 + 1))
    f = store.list_feeds()[0]
    assert r3.feeds_failed == 1 and f["consecutive_failures"] == 2
    assert f["next_poll_at"] == t0 + timedelta(seconds=opts.every * 2 + 1 + opts.every * 4)  # longer each time
    state["ok"] = True
    r4 = run_round(store, fetcher, options=opts, now=f["next_poll_at"])
    f = store.list_feeds()[0]
    assert r4.articles_new == 1 and f["consecutive_failures"] == 0 and f["last_success_at"] == f["next_poll_at"] - timedelta(seconds=opts.every)


def test_a_feed_that_times_out_fails_and_the_others_go_on(site, store, impatient):
    # the good feed and its page must beat the timeout on a loaded machine too (0.3 s did not, at load 6):
    # a second for every request, and the slow feed answers after three
    patient = impatient.but(timeout_s=1.0)

    def slow(_request):
        time.sleep(patient.timeout_s * 3)
        return Response("late")

    site.expect_request("/timeout").respond_with_handler(slow)
    serve_story_feed(site, "/good", [1])
    subscribe(store, site.url_for("/timeout"), site.url_for("/good"))
    with Fetcher(patient) as fetcher:
        report = run_round(store, fetcher, options=patient, cron=True)
    status = {f["url"].rsplit("/", 1)[1]: f for f in store.list_feeds()}
    assert status["timeout"]["last_status"] == "timeout" and status["timeout"]["consecutive_failures"] == 1
    assert status["timeout"]["last_error"].startswith("timeout") and report.feeds_failed == 1
    assert status["good"]["last_status"] == "200" and report.articles_new == 1


def test_every_broken_feed_is_a_named_failure_and_the_others_go_on(site, store, fetcher, opts):
    site.expect_request("/500").respond_with_data("x", status=500)
    site.expect_request("/404").respond_with_data("x", status=404)
    site.expect_request("/loop").respond_with_data("", status=302, headers={"Location": "/loop"})
    site.expect_request("/malformed").respond_with_data("<rss><channel><item><title>broken</title", content_type="application/rss+xml")
    site.expect_request("/html").respond_with_data("<html><body>not a feed</body></html>", content_type="text/html")
    site.expect_request("/huge").respond_with_data("<rss>" + "x" * opts.max_bytes + "</rss>")
    serve_story_feed(site, "/good", [1, 2])
    names = ["/500", "/404", "/loop", "/malformed", "/html", "/huge", "/good"]
    subscribe(store, *(site.url_for(n) for n in names))
    report = run_round(store, fetcher, options=opts, cron=True)
    assert report.feeds_failed == 6 and report.articles_new == 2
    status = {f["url"].rsplit("/", 1)[1]: f["last_status"] for f in store.list_feeds()}
    assert status == {"500": "HTTP 500", "404": "HTTP 404", "loop": "more than 5 redirects",
                      "malformed": "malformed feed", "html": "malformed feed", "huge": "too large", "good": "200"}
    assert all(f["consecutive_failures"] == (f["last_status"] != "200") for f in store.list_feeds())


def test_bad_pages_lose_nothing(site, store, fetcher, opts):
    summary = " ".join(story(9))
    site.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /private/\n")
    site.expect_request("/doc.pdf").respond_with_data(b"%PDF-1.4 ...", content_type="application/pdf")
    site.expect_request("/image").respond_with_data(b"\x89PNG", content_type="image/png")
    site.expect_request("/missing").respond_with_data("no", status=404)
    site.expect_request("/private/story").respond_with_data(page(10), content_type="text/html")
    site.expect_request("/empty").respond_with_data("<html><body><nav>Home</nav></body></html>", content_type="text/html")
    site.expect_request("/rss").respond_with_data(rss([
        {"title": "pdf with summary", "link": site.url_for("/doc.pdf"), "description": summary},
        {"title": "image, no summary", "link": site.url_for("/image")},
        {"title": "404 no summary", "link": site.url_for("/missing")},
        {"title": "disallowed", "link": site.url_for("/private/story"), "description": " ".join(story(10))},
        {"title": "empty page", "link": site.url_for("/empty")},
    ]), content_type="application/rss+xml")
    subscribe(store, site.url_for("/rss"))
    report = run_round(store, fetcher, options=opts, cron=True)
    assert report.entries_new == 5 and report.entries_stored == 2 and report.entries_failed == 3
    assert requests_to(site, "/private/story") == 0
    rows = {e["title"]: e for e in entries(store)}
    assert rows["pdf with summary"]["status"] == "stored" and "not an HTML page" in rows["pdf with summary"]["reason"]
    assert rows["disallowed"]["status"] == "stored" and "robots.txt" in rows["disallowed"]["reason"]
    assert rows["image, no summary"]["status"] == "failed" and "not an HTML page (image/png)" == rows["image, no summary"]["reason"]
    assert rows["404 no summary"]["reason"] == "HTTP 404" and rows["empty page"]["status"] == "failed"
    again = run_round(store, fetcher, options=opts, cron=True)  # permanent failures are not asked again
    assert again.pages_fetched == 0 and requests_to(site, "/missing") == 1


def test_a_page_that_fails_for_now_is_retried_next_round_then_given_up(site, store, fetcher, opts):
    state = {"up": False}
    site.expect_request("/story/1").respond_with_handler(
        lambda r: Response(page(1), content_type="text/html") if state["up"] else Response("busy", status=503))
    site.expect_request("/story/2").respond_with_data("busy", status=503)
    site.expect_request("/rss").respond_with_data(rss([{"title": "a", "link": site.url_for("/story/1")},
                                                       {"title": "b", "link": site.url_for("/story/2")}]),
                                                  content_type="application/rss+xml", headers={"ETag": '"x"'})
    subscribe(store, site.url_for("/rss"))
    r1 = run_round(store, fetcher, options=opts, cron=True)
    assert (r1.entries_retry, r1.articles_new) == (2, 0)
    state["up"] = True
    r2 = run_round(store, fetcher, options=opts, cron=True)  # the feed itself has nothing new
    assert (r2.entries_new, r2.articles_new, r2.entries_retry) == (0, 1, 1)
    for _ in range(opts.page_attempts):
        run_round(store, fetcher, options=opts, cron=True)
    rows = {e["title"]: e for e in entries(store)}
    assert rows["a"]["status"] == "stored" and rows["b"]["status"] == "failed"
    assert rows["b"]["attempts"] == opts.page_attempts and rows["b"]["reason"] == "HTTP 503"


def test_paused_feeds_are_not_polled(site, store, fetcher, opts):
    serve_story_feed(site, "/rss", [1])
    feed = subscribe(store, site.url_for("/rss"))[site.url_for("/rss")]
    store.set_feed_paused(feed["id"], True)
    assert run_round(store, fetcher, options=opts, cron=True).feeds_polled == 0
    store.set_feed_paused(feed["id"], False)
    assert run_round(store, fetcher, options=opts, cron=True).articles_new == 1
    assert store.remove_feed(feed["id"]) and store.list_feeds() == [] and store.count("articles") == 1
