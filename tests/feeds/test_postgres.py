"""The watcher's state on PostgreSQL: the same rounds, the same answers as on SQLite."""
from __future__ import annotations

import pytest

from eventwire.feeds.health import feed_health
from eventwire.feeds.rounds import run_round
from eventwire.store import open_store
from tests.feeds.conftest import page, rss, serve_story_feed
from tests.pg import pg_server, pg_url  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def test_rounds_on_postgresql(pg_url, site, other_site, fetcher, opts):
    serve_story_feed(site, "/rss", [1, 2], etag='"a"')
    other_site.expect_request("/copy").respond_with_data(page(1, title="copy"), content_type="text/html")
    other_site.expect_request("/feed").respond_with_data(
        rss([{"title": "copy", "link": other_site.url_for("/copy")}, {"title": "gone", "link": other_site.url_for("/x")}]),
        content_type="application/rss+xml")
    with open_store(pg_url) as store:
        assert store.add_feeds([(site.url_for("/rss"), None), (other_site.url_for("/feed"), "Other")]) == 2
        assert store.add_feeds([(site.url_for("/rss"), None)]) == 0
        first = run_round(store, fetcher, options=opts, cron=True)
        assert (first.entries_new, first.articles_new, first.entries_stored, first.entries_failed) == (4, 2, 3, 1)
        # story 1 and the copy are one article, whichever page was fetched first gave its url
        article = next(a for a in store.iter_articles() if a.url in (site.url_for("/story/1"), other_site.url_for("/copy")))
        assert store.entry_urls_of_article(article.id) == sorted([site.url_for("/story/1"), other_site.url_for("/copy")])
        second = run_round(store, fetcher, options=opts, cron=True)
        assert (second.entries_new, second.pages_fetched, second.articles_new) == (0, 0, 0)
        health = feed_health(store)
        assert [f["entries"]["stored"] for f in health["feeds"]] == [2, 1]
        assert health["freshness"]["feeds"] == 2 and health["freshness"]["age_seconds"] is not None
        other = health["feeds"][1]
        assert store.set_feed_paused(other["id"], True) and store.list_feeds(active_only=True)[0]["id"] != other["id"]
        assert store.remove_feed(other["id"]) and len(store.list_feeds()) == 1
        assert store.count("articles") == 2
