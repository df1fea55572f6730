"""Adding, pausing and removing feeds: what the web app's feeds page and API call.

The rules live here (an http(s) URL of at most 2,000 characters, no control
characters, a short title); the rows in ``eventwire/store/feeds_sql.py``.  Each
function raises :class:`FeedError` with a message a person can act on.
"""
from __future__ import annotations

import re
from typing import Any

from eventwire.errors import EventwireError
from eventwire.feeds.lists import is_feed_url

MAX_URL = 2000
MAX_TITLE = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class FeedError(EventwireError):
    code = "E-FEED"


class NoSuchFeed(FeedError):
    pass


def subscribe(store, url: str, *, title: str | None = None, by: str | None = None) -> dict[str, Any]:
    """Add the feed at ``url``; the new (or already subscribed) feed's row."""
    url = (url or "").strip()
    if not url or len(url) > MAX_URL or _CONTROL.search(url) or not _encodable(url) or not _is_feed_url(url):
        raise FeedError("give the feed's http:// or https:// address")
    title = _CONTROL.sub("", (title or "").encode("utf-8", "ignore").decode("utf-8")).strip()[:MAX_TITLE] or None
    if not store.add_feeds([(url, title)], added_by=by):
        raise FeedError(f"already subscribed: {url}")
    return next(f for f in store.list_feeds() if f["url"] == url)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return False
    return True


def _is_feed_url(url: str) -> bool:
    try:
        return is_feed_url(url)
    except ValueError:  # urlsplit refuses some malformed netlocs (bad port, brackets)
        return False


def set_paused(store, feed_id: int, paused: bool) -> None:
    if not store.set_feed_paused(feed_id, paused):
        raise NoSuchFeed(f"no feed {feed_id}")


def unsubscribe(store, feed_id: int) -> None:
    """Remove the feed and what the watcher remembers of its entries; stored articles stay."""
    if not store.remove_feed(feed_id):
        raise NoSuchFeed(f"no feed {feed_id}")
