"""One round of the watcher: poll the due feeds, then fetch, extract, code and store new entries.

Phase 1 polls each due feed with a conditional GET and saves its new entries as
``pending`` together with its new validators (one transaction per feed).  Phase 2
takes every entry waiting in the store (new ones, and earlier transient failures),
fetches each page once however many feeds list it, extracts it with trafilatura
(``eventwire.readers.html``), and hands the articles to the ingest pipeline's own
``store_batch`` (segment, code, store) batch by batch, while the next pages are
being fetched.  Entries are marked done only after their articles are stored, so a
kill at any moment loses nothing and a re-run stores nothing twice.  When ``stop``
is set the round ends after the stories already fetched are stored.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from eventwire.articles import articles_from_document
from eventwire.errors import EventwireError
from eventwire.feeds.entries import MalformedFeed, parse_feed
from eventwire.feeds.fetch import Fetched, Fetcher, host_of
from eventwire.feeds.lanes import Lanes
from eventwire.feeds.options import WatchOptions
from eventwire.feeds.state import failure_fields, is_due, success_fields
from eventwire.pipeline import store_batch  # the same pipeline as ingest
from eventwire.schema import Article, RawDocument

log = logging.getLogger(__name__)

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
HTML_TYPES = ("text/html", "application/xhtml+xml", "")  # "" : the server did not say; the bytes decide


@dataclass
class Tallies:
    """What a round counts; a watch (``loop.WatchReport``) sums its rounds' tallies."""

    feeds_polled: int = 0
    feeds_not_modified: int = 0
    feeds_failed: int = 0
    entries_new: int = 0
    pages_fetched: int = 0
    entries_stored: int = 0
    entries_retry: int = 0
    entries_failed: int = 0
    articles_new: int = 0
    events_new: int = 0
    errors: list[str] = field(default_factory=list)
    fetch_seconds: float = 0.0  # summed over requests (they overlap)
    wait_seconds: float = 0.0  # the coding thread waiting for pages: fetching that did not overlap
    code_seconds: float = 0.0  # segment + code + store
    wall_seconds: float = 0.0
    stopped: bool = False


@dataclass
class RoundReport(Tallies):
    started_at: datetime | None = None


@dataclass
class _Page:
    fetched: Fetched
    document: RawDocument | None = None
    error: str | None = None
    transient: bool = False


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


def run_round(store, fetcher: Fetcher, *, options: WatchOptions, nlp=None, batch_size: int = 64, cron: bool = False,
              now: datetime | None = None, stop: threading.Event | None = None) -> RoundReport:
    """One round (see the module's docstring); ``now`` is the round's clock (tests move it)."""
    stop = stop or threading.Event()
    report = RoundReport(started_at=now or _utcnow())
    started = time.monotonic()
    poll_feeds(store, fetcher, options=options, now=report.started_at, cron=cron, stop=stop, report=report)
    if not stop.is_set():
        fetch_entries(store, fetcher, options=options, nlp=nlp, batch_size=batch_size, stop=stop, report=report)
    report.stopped = stop.is_set()
    report.wall_seconds = time.monotonic() - started
    return report


# -- phase 1: feeds ---------------------------------------------------------------------------------

def poll_feeds(store, fetcher: Fetcher, *, options: WatchOptions, now: datetime, cron: bool,
               stop: threading.Event, report: RoundReport) -> None:
    due = [f for f in store.list_feeds(active_only=True) if is_due(f, now, cron=cron)]
    lanes = Lanes(lambda f: fetcher.get(f["url"], etag=f["etag"], last_modified=f["last_modified"], accept=FEED_ACCEPT),
                  host_of=lambda f: host_of(f["url"]), workers=options.workers, per_host=options.per_host,
                  delay_of=fetcher.host_delay)
    waited = time.monotonic()
    for feed, fetched in lanes.run(due):
        report.wait_seconds += time.monotonic() - waited
        record_poll(store, feed, fetched, options=options, now=now, report=report)
        if stop.is_set():
            break
        waited = time.monotonic()


def record_poll(store, feed: dict[str, Any], fetched: Fetched | BaseException, *, options: WatchOptions,
                now: datetime, report: RoundReport) -> None:
    """Save one poll's outcome: new validators and entries, or one more failure."""
    report.feeds_polled += 1
    if isinstance(fetched, BaseException):  # a bug in a worker: the feed fails this round, the watcher goes on
        log.error("polling %s failed: %r", feed["url"], fetched)
        fetched = Fetched(feed["url"], error=f"internal error: {fetched!r}", transient=True)
    report.fetch_seconds += fetched.seconds
    if fetched.not_modified:
        report.feeds_not_modified += 1
        store.record_feed_poll(feed["id"], now=now, fields=success_fields(
            feed, now=now, options=options, status="304", etag=None, last_modified=None, title=None))
        return
    if fetched.ok:
        try:
            parsed = parse_feed(fetched.body or b"", origin=feed["url"])
        except MalformedFeed as exc:
            _feed_failed(store, feed, "malformed feed", str(exc), options=options, now=now, report=report)
            return
        fields = success_fields(feed, now=now, options=options, status=str(fetched.status),
                                etag=fetched.headers.get("etag"), last_modified=fetched.headers.get("last-modified"),
                                title=parsed.title, warning=parsed.warning)
        report.entries_new += store.record_feed_poll(feed["id"], now=now, fields=fields, entries=parsed.entries)
        return
    status = f"HTTP {fetched.status}" if fetched.status else fetched.error.split(":")[0].split(" (")[0]
    _feed_failed(store, feed, status, fetched.error, options=options, now=now, report=report)


def _feed_failed(store, feed, status: str, error: str, *, options, now, report: RoundReport) -> None:
    report.feeds_failed += 1
    report.errors.append(f"{feed['url']}: {error}")
    log.warning("feed %s: %s", feed["url"], error)
    store.record_feed_poll(feed["id"], now=now, fields=failure_fields(feed, now=now, options=options, status=status,
                                                                      error=error))


# -- phase 2: entries -------------------------------------------------------------------------------

def read_page(fetcher: Fetcher, url: str) -> _Page:
    """Fetch one entry's page (robots.txt honoured) and extract its article; runs in a worker thread."""
    from eventwire.readers.html import read_html_page

    fetched = fetcher.get(url, robots=True, accept=PAGE_ACCEPT)
    if not fetched.ok:
        return _Page(fetched, error=fetched.error, transient=fetched.transient)
    if fetched.content_type not in HTML_TYPES:
        return _Page(fetched, error=f"not an HTML page ({fetched.content_type})")
    body, fetched.body = fetched.body or b"", None  # the page's bytes are not kept once read
    try:
        document = read_html_page(body, origin=url, url=fetched.final_url or url)
    except EventwireError as exc:
        return _Page(fetched, error=str(exc))
    return _Page(fetched, document=document)


def _entry_document(entry: dict[str, Any]) -> RawDocument:
    """The entry's own text as a document: for entries without a link, or whose page gave nothing."""
    return RawDocument(content=entry["text"], content_type="text", origin=f"{entry['feed_url']}#{entry['entry_key'][:12]}",
                       format="feed", title=entry.get("title"), published=entry.get("published"),
                       url=entry.get("url"), source=entry.get("feed_title"))


@dataclass
class _Done:
    entries: list[dict[str, Any]]
    articles: list[Article]
    status: str  # stored | retry | failed
    reason: str | None = None
    article_id: str | None = None  # an article stored before, from the same URL


def _outcome(entries: list[dict[str, Any]], page: _Page | None, *, options: WatchOptions) -> _Done:
    """What becomes of the entries that share one URL, given their page (None: no page to fetch)."""
    lead = entries[0]
    reason = None
    if page is not None and page.document is not None:
        page.document.published = page.document.published or lead.get("published")
        page.document.source = page.document.source or lead.get("feed_title")
        page.document.title = page.document.title or lead.get("title")
        articles = articles_from_document(page.document)
        if articles:
            return _Done(entries, articles[:1], "stored")
        reason = "no article text left after cleaning the page"
    elif page is not None:
        reason = page.error
        attempts = max(e["attempts"] for e in entries) + 1
        if page.transient and attempts < options.page_attempts:
            return _Done(entries, [], "retry", reason)
    text_entry = next((e for e in entries if e.get("text")), None)
    if text_entry is not None:  # the page failed for good: the feed's own text is what we have
        articles = articles_from_document(_entry_document(text_entry))
        if articles:
            return _Done(entries, articles[:1], "stored", f"stored from the feed's text; page: {reason}" if reason else None)
    return _Done(entries, [], "failed", reason or "no text")


def fetch_entries(store, fetcher: Fetcher, *, options: WatchOptions, nlp, batch_size: int,
                  stop: threading.Event, report: RoundReport) -> None:
    todo = store.entries_to_fetch()
    if not todo:
        return
    known = store.stored_articles_for_urls(e["url"] for e in todo if e["url"])
    by_url: dict[str, list[dict[str, Any]]] = {}
    ready: list[_Done] = []
    for entry in todo:
        if entry["url"] in known:  # another feed's entry already stored this page: remember this URL too
            ready.append(_Done([entry], [], "stored", article_id=known[entry["url"]]))
        elif entry["url"]:
            by_url.setdefault(entry["url"], []).append(entry)
        else:
            ready.append(_outcome([entry], None, options=options))
    batch: list[_Done] = []

    def flush() -> None:
        if not batch:
            return
        started = time.monotonic()
        articles = [a for done in batch for a in done.articles]
        if articles:
            result = store_batch(store, articles, nlp=nlp, batch_size=batch_size)
            report.articles_new += result.new_articles
            report.events_new += result.new_events
            report.errors.extend(result.errors)  # an article the coder failed on is stored uncoded, named here
        store.finish_entries([_row(e, done) for done in batch for e in done.entries])
        for done in batch:
            n = len(done.entries)
            if done.status == "stored":
                report.entries_stored += n
            elif done.status == "retry":
                report.entries_retry += n
            else:
                report.entries_failed += n
                report.errors.append(f"{done.entries[0]['url'] or done.entries[0]['feed_url']}: {done.reason}")
        report.code_seconds += time.monotonic() - started
        batch.clear()

    def add(done: _Done) -> None:
        batch.append(done)
        if sum(len(d.articles) for d in batch) >= batch_size or len(batch) >= batch_size * 4:
            flush()

    for done in ready:
        add(done)
    lanes = Lanes(lambda url: read_page(fetcher, url), host_of=host_of, workers=options.workers,
                  per_host=options.per_host, delay_of=fetcher.host_delay, buffer=max(batch_size, options.workers) * 2)
    waited = time.monotonic()
    for url, page in lanes.run(list(by_url)):
        report.wait_seconds += time.monotonic() - waited
        if isinstance(page, BaseException):
            log.error("reading %s failed: %r", url, page)
            page = _Page(Fetched(url, error=f"internal error: {page!r}", transient=True), error=f"internal error: {page!r}",
                         transient=True)
        report.pages_fetched += 1
        report.fetch_seconds += page.fetched.seconds
        add(_outcome(by_url[url], page, options=options))
        if stop.is_set():
            break
        waited = time.monotonic()
    flush()


def _row(entry: dict[str, Any], done: _Done) -> dict[str, Any]:
    article_id = done.article_id or (done.articles[0].id if done.articles else None)
    attempts = entry["attempts"] + (0 if done.article_id else 1)
    return {"feed_id": entry["feed_id"], "entry_key": entry["entry_key"], "status": done.status,
            "reason": done.reason, "article_id": article_id if done.status == "stored" else None,
            "attempts": attempts}
