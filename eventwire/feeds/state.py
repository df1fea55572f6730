"""When a feed is polled next, and what one poll does to its health: the rules, not the SQL.

A healthy feed is polled every ``every`` seconds.  A failing one waits
``every * 2**failures`` (capped at ``backoff_max``) after each failure in a row,
so a dead site is asked less and less often; its first success resets the count.
``--once`` (a cron run) polls every healthy feed whatever its time, because cron
keeps the schedule, and failing feeds only when their back-off is over.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from eventwire.feeds.options import WatchOptions


def is_due(feed: dict[str, Any], now: datetime, *, cron: bool) -> bool:
    if feed["paused"]:
        return False
    if cron and not feed["consecutive_failures"]:
        return True
    return feed["next_poll_at"] is None or feed["next_poll_at"] <= now


def success_fields(feed: dict[str, Any], *, now: datetime, options: WatchOptions, status: str,
                   etag: str | None, last_modified: str | None, title: str | None,
                   warning: str | None = None) -> dict[str, Any]:
    """The feed's new state after a 200 or a 304."""
    fields = {
        "last_status": status, "last_error": warning, "last_polled_at": now, "last_success_at": now,
        "consecutive_failures": 0, "next_poll_at": now + timedelta(seconds=options.every),
    }
    if status != "304":  # a 304 keeps the validators it answered; a 200 replaces them (or clears them)
        fields["etag"] = etag
        fields["last_modified"] = last_modified
    if title and not feed.get("title"):
        fields["title"] = title
    return fields


def backoff_seconds(failures: int, options: WatchOptions) -> float:
    return min(options.backoff_max, options.every * 2 ** min(failures, 30))


def failure_fields(feed: dict[str, Any], *, now: datetime, options: WatchOptions, status: str,
                   error: str) -> dict[str, Any]:
    """The feed's new state after a failed poll: one more failure, a longer wait."""
    failures = (feed.get("consecutive_failures") or 0) + 1
    return {
        "last_status": status[:64], "last_error": error, "last_polled_at": now, "consecutive_failures": failures,
        "next_poll_at": now + timedelta(seconds=backoff_seconds(failures, options)),
    }
