"""`eventwire watch` as a real process: SIGTERM stops it cleanly after the story in hand, SIGKILL
loses nothing, and the next run completes the work without fetching a stored page again or storing twice."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa
from werkzeug import Response

from eventwire.feeds.fetch import Fetcher
from eventwire.feeds.rounds import run_round
from eventwire.store import open_store
from eventwire.store.feed_tables import feed_entries
from tests.feeds.conftest import page, rss

N = 12


def _serve_slow_feed(site):
    def slow_page(request):
        time.sleep(0.15)
        n = int(request.path.rsplit("/", 1)[1])
        return Response(page(n), content_type="text/html")

    site.expect_request("/rss").respond_with_data(
        rss([{"title": f"s{n}", "link": site.url_for(f"/story/{n}")} for n in range(N)]),
        content_type="application/rss+xml", headers={"ETag": '"same"'})
    for n in range(N):
        site.expect_request(f"/story/{n}").respond_with_handler(slow_page)


def _start(tmp_path, site):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.url_for("/rss") + "\n", encoding="utf-8")
    db = tmp_path / "kill.db"
    code = ("import sys, eventwire; eventwire.watch(sys.argv[1], db=sys.argv[2], once=True, events=False, "
            "batch_size=2, host_delay_s=0.3, per_host=1)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(feeds), str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait until some, not all, stories are stored
        if db.exists():
            try:
                with open_store(db) as store:
                    if store.count("articles") >= 2:
                        return proc, db
            except Exception:  # the schema may be half-created this instant
                pass
        if proc.poll() is not None:
            pytest.fail(f"watch ended early: {proc.communicate()}")
        time.sleep(0.1)
    proc.kill()
    pytest.fail("no article stored within 60 s")


def _consistent(db):
    """Every entry marked stored has its article; nothing is stored twice."""
    with open_store(db) as store:
        with store._engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(sa.select(feed_entries))]
        stored = [r for r in rows if r["status"] == "stored"]
        assert store.existing_article_ids(r["article_id"] for r in stored) == {r["article_id"] for r in stored}
        assert len({r["article_id"] for r in stored}) == len(stored)
        return rows, store.count("articles")


def _finish(db, site, opts):
    asked_before = sum(1 for r, _ in site.log if r.path.startswith("/story/"))
    with open_store(db) as store, Fetcher(opts) as fetcher:
        report = run_round(store, fetcher, options=opts, cron=True)
    rows, articles = _consistent(db)
    assert articles == N and all(r["status"] == "stored" for r in rows) and len(rows) == N
    asked_after = sum(1 for r, _ in site.log if r.path.startswith("/story/"))
    assert asked_after - asked_before == report.pages_fetched < N  # stored pages are not fetched again
    assert report.entries_new == 0


def test_sigterm_stops_after_the_story_in_hand(tmp_path, site, opts):
    """In this process: watch() installs its handlers in the main thread; a helper thread signals it."""
    import threading

    from eventwire.feeds.loop import watch

    _serve_slow_feed(site)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.url_for("/rss") + "\n", encoding="utf-8")
    db = tmp_path / "term.db"
    sent = threading.Event()

    def signal_midway():
        while not sent.is_set():
            try:
                with open_store(db) as store:
                    if store.count("articles") >= 2:
                        os.kill(os.getpid(), signal.SIGTERM)
                        sent.set()
                        return
            except Exception:  # not created yet
                pass
            time.sleep(0.05)

    assert threading.current_thread() is threading.main_thread(), "the signal would not reach watch()'s handler"
    helper = threading.Thread(target=signal_midway, daemon=True)
    helper.start()
    previous = signal.getsignal(signal.SIGTERM)
    report = watch(feeds, db=str(db), once=True, events=False, batch_size=2, host_delay_s=0.3, per_host=1)
    assert sent.is_set() and report.stopped and signal.getsignal(signal.SIGTERM) == previous
    rows, articles = _consistent(db)
    assert 2 <= articles < N and len(rows) == N and articles == report.articles_new
    _finish(db, site, opts)


@pytest.mark.slow
def test_sigkill_loses_nothing(tmp_path, site, opts):
    _serve_slow_feed(site)
    proc, db = _start(tmp_path, site)
    proc.kill()
    proc.communicate(timeout=30)
    rows, articles = _consistent(db)
    assert articles < N and len(rows) == N  # the entries were saved with the feed, before any page
    _finish(db, site, opts)


def test_the_long_running_loop_polls_again_when_feeds_are_due(tmp_path, site):
    from eventwire.feeds.loop import watch

    etag = '"v1"'
    site.expect_request("/rss").respond_with_handler(
        lambda r: Response(status=304) if r.headers.get("If-None-Match") == etag else
        Response(rss([{"title": "s", "link": site.url_for("/story/1")}]), content_type="application/rss+xml",
                 headers={"ETag": etag}))
    site.expect_request("/story/1").respond_with_data(page(1), content_type="text/html")
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.url_for("/rss") + "\n", encoding="utf-8")
    started = time.monotonic()
    report = watch(feeds, db=str(tmp_path / "loop.db"), every="1s", max_rounds=2, events=False, host_delay_s=0)
    assert report.rounds == 2 and report.feeds_polled == 2 and report.feeds_not_modified == 1
    assert report.articles_new == 1 and time.monotonic() - started >= 1.0  # it waited for the feed to be due
    assert sum(1 for r, _ in site.log if r.path == "/story/1") == 1


def test_an_article_stored_before_its_entry_was_marked_is_not_fetched_again(tmp_path, site, opts):
    """A kill between the two writes (the articles, then their entries) leaves stored articles whose entries are
    still pending: the next round marks them from the articles' URLs instead of fetching the pages again."""
    from eventwire.feeds.loop import watch

    _serve_slow_feed(site)
    db = tmp_path / "between.db"
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.url_for("/rss") + "\n", encoding="utf-8")
    watch(feeds, db=str(db), once=True, events=False, host_delay_s=0)
    with open_store(db) as store:
        with store._write() as conn:  # the state a kill between the two writes leaves
            conn.execute(sa.update(feed_entries).values(status="pending", article_id=None))
    _finish(db, site, opts)
    asked = sum(1 for r, _ in site.log if r.path.startswith("/story/"))
    assert asked == N  # each page was fetched once, by the first run
