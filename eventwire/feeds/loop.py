"""``eventwire.watch``: keep the store current from a list of feeds, once (cron) or for good.

Each round is :func:`eventwire.feeds.rounds.run_round`; between rounds the
watcher sleeps until the next feed is due.  SIGINT or SIGTERM ends the watch
after the story in hand (what is fetched is stored, nothing is half-written; a
second signal interrupts at once, and the open transaction rolls back).  The
FEEDS list is added to the store's subscriptions, next to those added on the
web app's feeds page; paused feeds are left alone.
"""
from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import datetime, timezone
from pathlib import Path

from eventwire.config import get_settings
from eventwire.errors import ConfigError
from eventwire.feeds.fetch import Fetcher
from eventwire.feeds.lists import read_feed_list
from eventwire.feeds.options import default_options
from eventwire.feeds.rounds import RoundReport, Tallies, run_round

log = logging.getLogger(__name__)

_SUMMED = [f.name for f in fields(Tallies) if f.type in ("int", "float")]


@dataclass
class WatchReport(Tallies):
    rounds: int = 0
    feeds_added: int = 0
    problems: list[str] = field(default_factory=list)  # bad lines of the feeds list
    merge: object = None

    def add(self, one: RoundReport) -> None:
        self.rounds += 1
        for name in _SUMMED:
            setattr(self, name, getattr(self, name) + getattr(one, name))
        self.errors.extend(one.errors)
        self.stopped = self.stopped or one.stopped


@contextmanager
def _stop_on_signals(stop: threading.Event):
    """SIGINT/SIGTERM set ``stop`` (a second one interrupts); only the main thread can install handlers."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, _frame):
        if stop.is_set():
            raise KeyboardInterrupt
        log.warning("%s: stopping after the story in hand", signal.Signals(signum).name)
        stop.set()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def watch(
    feeds: str | Path | None = None,
    *,
    db: str | None = None,
    every: str | float | None = None,
    once: bool = False,
    events: bool = True,
    merge: bool = True,
    model: str | None = None,
    batch_size: int | None = None,
    max_rounds: int | None = None,
    stop: threading.Event | None = None,
    on_round: Callable[[RoundReport], None] | None = None,
    **options,
) -> WatchReport:
    """Poll the feeds in ``feeds`` (a text file of URLs or an OPML list; None: only those already
    subscribed) and store the articles and events of their new entries, like ``ingest``.

    ``once`` does one round and returns (for cron); otherwise rounds go on every
    ``every`` (``"15m"``, seconds as a number) until SIGINT/SIGTERM, ``stop`` is set
    or ``max_rounds`` rounds are done.  Further keyword arguments override the
    fetching options of ``eventwire/feeds/watch.yml`` (``timeout_s``, ``per_host`` ...).
    """
    settings = get_settings(db=db, model=model, batch_size=batch_size)
    opts = default_options().but(every=every, **options)
    stop = stop or threading.Event()
    report = WatchReport()
    specs = []
    if feeds is not None:
        specs, report.problems = read_feed_list(feeds)
        for problem in report.problems:
            log.warning("%s", problem)
    from eventwire.store import open_store

    with open_store(settings.db) as store:
        report.feeds_added = store.add_feeds([(s.url, s.title) for s in specs], added_by="file")
        if not store.list_feeds(active_only=True):
            raise ConfigError("no feed to watch: give a feeds list (a text file of URLs or OPML), "
                              "or add feeds on the web app's feeds page")
        nlp = None
        if events:
            from eventwire.nlp import load_pipeline

            nlp = load_pipeline(settings.model)
        with _stop_on_signals(stop), Fetcher(opts, stop=stop) as fetcher:
            while True:
                one = run_round(store, fetcher, options=opts, nlp=nlp, batch_size=settings.batch_size,
                                cron=once, stop=stop)
                report.add(one)
                log.info("round %d: %d feeds polled (%d not modified, %d failed), %d new entries, "
                         "%d articles and %d events stored", report.rounds, one.feeds_polled,
                         one.feeds_not_modified, one.feeds_failed, one.entries_new, one.articles_new, one.events_new)
                if on_round is not None:
                    on_round(one)
                if events and merge and not stop.is_set():  # resumable, as in ingest: whenever work waits
                    from eventwire.merger import merge as merge_events, merge_needed

                    if merge_needed(store):
                        report.merge = merge_events(db=settings.db)
                if once or stop.is_set() or (max_rounds is not None and report.rounds >= max_rounds):
                    break
                stop.wait(_seconds_to_next_poll(store, opts.every))
                if stop.is_set():
                    break
    return report


def _seconds_to_next_poll(store, every: float) -> float:
    now = datetime.now(timezone.utc)
    times = [f["next_poll_at"] for f in store.list_feeds(active_only=True) if f["next_poll_at"] is not None]
    if not times:
        return every
    return max(1.0, min(every, (min(times) - now).total_seconds()))
