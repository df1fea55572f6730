"""Feed health and data freshness, as plain JSON-ready values: for ``eventwire stats`` and the web app."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

FEED_KEYS = ("id", "url", "title", "paused", "last_status", "last_error", "last_polled_at", "last_success_at",
             "last_new_item_at", "consecutive_failures", "next_poll_at", "entries")


def _iso(value: Any) -> Any:
    return value.isoformat(timespec="seconds") if isinstance(value, datetime) else value


def feed_state(feed: dict[str, Any]) -> str:
    """One word for a feed: paused, new (never polled), ok, or failing."""
    if feed["paused"]:
        return "paused"
    if feed["last_polled_at"] is None:
        return "new"
    return "failing" if feed["consecutive_failures"] else "ok"


def feed_health(store) -> dict[str, Any]:
    """``{"feeds": [...], "freshness": {...}}``: each feed's status and counts, and how old the newest data is."""
    feeds = []
    for feed in store.list_feeds():
        row = {k: _iso(feed[k]) for k in FEED_KEYS}
        row["state"] = feed_state(feed)
        feeds.append(row)
    return {"feeds": feeds, "freshness": {k: _iso(v) for k, v in freshness(store).items()}}


def freshness(store) -> dict[str, Any]:
    """The store's freshness (``Store.freshness``) and ``age_seconds`` since the newest article was stored."""
    fresh = store.freshness()
    newest = fresh["last_article_at"]
    fresh["age_seconds"] = (round((datetime.now(timezone.utc) - newest).total_seconds())
                            if newest is not None else None)
    return fresh


def describe_age(seconds: int | None) -> str:
    """"3 minutes", "5 hours", "2 days"; "no data yet" for None."""
    if seconds is None:
        return "no data yet"
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            n = seconds // size
            return f"{n} {unit}{'s' if n != 1 else ''}"
    return "less than a minute"
