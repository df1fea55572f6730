"""The FEEDS argument: a text file of feed URLs, or an OPML subscription list (through listparser).

A text file has one URL per line; blank lines and lines starting with ``#`` are
skipped, and a title may follow the URL after whitespace.  A file whose first
non-blank bytes are ``<`` is read as OPML.  Only http(s) URLs are accepted; a bad
line is reported with its number and the others are kept.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from eventwire.errors import InputError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedSpec:
    url: str
    title: str | None = None


def is_feed_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def read_feed_list(path: str | Path) -> tuple[list[FeedSpec], list[str]]:
    """The feeds listed in ``path`` (duplicates once, in order) and the problems found, one line each.

    Raises InputError when the file cannot be read at all or lists no feed.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the feeds list: {exc.strerror or exc}") from None
    text = data.decode("utf-8", errors="replace")
    if text.lstrip("\ufeff \t\r\n").startswith("<"):
        specs, problems = _from_opml(data, origin=str(path))
    else:
        specs, problems = _from_text(text, origin=str(path))
    first: dict[str, FeedSpec] = {}
    for spec in specs:
        first.setdefault(spec.url, spec)
    unique = list(first.values())
    if not unique:
        raise InputError(str(path), "lists no feed URL" + (f" ({problems[0]})" if problems else ""))
    return unique, problems


def _from_text(text: str, *, origin: str) -> tuple[list[FeedSpec], list[str]]:
    specs, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        url, _, title = line.partition(" ")
        if not is_feed_url(url):
            problems.append(f"{origin}:{number}: not an http(s) URL: {url[:200]!r}")
            continue
        specs.append(FeedSpec(url, title.strip() or None))
    return specs, problems


def _from_opml(data: bytes, *, origin: str) -> tuple[list[FeedSpec], list[str]]:
    import listparser

    parsed = listparser.parse(data)
    specs, problems = [], []
    for feed in parsed.get("feeds") or []:
        url = (feed.get("url") or "").strip()
        if is_feed_url(url):
            specs.append(FeedSpec(url, (feed.get("title") or "").strip() or None))
        else:
            problems.append(f"{origin}: not an http(s) feed URL: {url[:200]!r}")
    if parsed.get("bozo") and not specs:
        problems.append(f"{origin}: cannot read the OPML list: {parsed.get('bozo_exception')}")
    return specs, problems
