"""Live news in: ``eventwire watch`` polls feeds and keeps the event store current.

Modules, in the order a round uses them: ``lists`` (the FEEDS file, text or OPML),
``options`` (defaults in ``watch.yml``), ``state`` (when a feed is due, back-off),
``fetch`` (HTTP: retries, caps, robots.txt, conditional GET), ``lanes`` (per-host
concurrency and delay, fetching overlapping coding), ``entries`` (a feed's entries),
``rounds`` (one round: poll, fetch pages, the ingest pipeline) and ``loop`` (the
public function, the loop and clean shutdown).  The SQL is in
``eventwire/store/feeds_sql.py``.
"""
from __future__ import annotations

__all__ = ["watch"]


def __getattr__(name: str):
    if name == "watch":
        from eventwire.feeds.loop import watch

        return watch
    raise AttributeError(f"module 'eventwire.feeds' has no attribute {name!r}")
