"""A fetched feed's entries (feedparser): what the store keeps of each until its page is fetched.

Each entry gets a stable key, the SHA-256 of its id (guid), else its link, else
its title and text, so a feed that changes its ETag but lists the same items adds
nothing.  Entries without a link keep their own text (content or summary) and are
stored from it; entries without a date take the page's date, else none.
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from typing import Any

import feedparser

from eventwire.readers.feeds import _clean, _entry_date, _entry_text

log = logging.getLogger(__name__)


class MalformedFeed(Exception):
    """The body is not a feed feedparser can read any entry from."""


@dataclass
class ParsedFeed:
    title: str | None
    entries: list[dict[str, Any]] = field(default_factory=list)
    warning: str | None = None  # feedparser recovered from broken XML


def entry_key(entry_id: str | None, link: str | None, title: str | None, text: str | None) -> str:
    basis = entry_id or link or f"{title or ''}\n{text or ''}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()


def parse_feed(data: bytes, *, origin: str) -> ParsedFeed:
    """The feed's title and its entries as dicts (``entry_key``, ``url``, ``title``, ``published``, ``text``).

    Raises MalformedFeed when nothing can be read; broken XML that feedparser still
    reads entries from gives those entries and a ``warning``.
    """
    parsed = feedparser.parse(data, sanitize_html=False)
    raw_entries = parsed.get("entries") or []
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    version = parsed.get("version") or ""
    if not raw_entries and (problem is not None or not version):
        raise MalformedFeed(f"not a readable RSS or Atom feed ({problem or 'no feed elements'})")
    feed = ParsedFeed(title=_clean(parsed.get("feed", {}).get("title")),
                      warning=f"feed XML is broken ({problem}); {len(raw_entries)} entries read" if problem else None)
    for number, entry in enumerate(raw_entries, start=1):
        where = f"{origin}#{number}"
        link = _clean(entry.get("link"))
        if link and not link.startswith(("http://", "https://")):
            link = None
        title = _clean(entry.get("title"))
        text = _entry_text(entry) or None
        if not (link or text):
            log.info("%s: entry has neither a link nor text; skipped", where)
            continue
        feed.entries.append({
            "entry_key": entry_key(_clean(entry.get("id")), link, title, text),
            "url": link, "title": title, "published": _entry_date(entry, origin=where), "text": text,
        })
    if problem is not None and not feed.entries:
        raise MalformedFeed(f"not a readable RSS or Atom feed ({problem})")
    return feed
