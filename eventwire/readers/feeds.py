"""RSS (0.9x, 1.0/RDF, 2.0) and Atom files through feedparser: one document per entry.

An entry's content (or, failing that, its summary) is stripped of markup to
paragraphs; title, link (url), id/guid (external_id), published or updated date,
author and the feed's title (source) are kept.  A DOCTYPE is removed before
parsing, so entities it declares are never expanded.  An entry with no text is yielded
as an InputError naming the file and the entry's number; the others go on.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import feedparser

from eventwire.errors import InputError
from eventwire.readers.dates import normalise_date
from eventwire.readers.decode import fix_mojibake
from eventwire.readers.markup import html_to_paragraphs, looks_like_html
from eventwire.schema import RawDocument

log = logging.getLogger(__name__)

_BLANK_LINES = re.compile(r"\n\s*\n")
_WS = re.compile(r"\s+")


def _plain_paragraphs(text: str) -> str:
    paragraphs = (_WS.sub(" ", p).strip() for p in _BLANK_LINES.split(text))
    return "\n\n".join(p for p in paragraphs if p)


def _entry_text(entry: feedparser.FeedParserDict) -> str:
    """The longest of the entry's content blocks, else its summary, as paragraphs."""
    blocks = [(c.get("value") or "", c.get("type") or "") for c in entry.get("content") or []]
    if not any(value.strip() for value, _ in blocks):
        detail = entry.get("summary_detail") or {}
        blocks = [(entry.get("summary") or "", detail.get("type") or "text/html")]
    value, kind = max(blocks, key=lambda block: len(block[0]))
    value = fix_mojibake(value)
    if "html" in kind or looks_like_html(value):
        return html_to_paragraphs(value)
    return _plain_paragraphs(value)


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = _WS.sub(" ", fix_mojibake(value)).strip()
    return value or None


def _entry_date(entry: feedparser.FeedParserDict, *, origin: str) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        if entry.get(key):
            return normalise_date(entry[key], origin=origin)
    for key in ("published", "updated", "created"):
        if entry.get(key):
            return normalise_date(entry[key], origin=origin)
    return None


# A DOCTYPE (with any internal subset of entity declarations) near the top of a feed: removed
# before parsing, so no entity it declares is ever expanded (no "billion laughs").
_DOCTYPE = re.compile(rb"<!DOCTYPE[^\[>]*(?:\[.*?\])?[^>]*>", re.IGNORECASE | re.DOTALL)
_DOCTYPE_WINDOW = 1 << 16


def _without_doctype(data: bytes) -> bytes:
    head = data[:_DOCTYPE_WINDOW]
    found = _DOCTYPE.search(head)
    if not found:
        return data
    return data[:found.start()] + data[found.end():]


def iter_feed(data: bytes, *, origin: str, format: str) -> Iterator[RawDocument | InputError]:
    """Documents from the RSS or Atom feed in ``data`` (``format`` is 'rss' or 'atom')."""
    parsed = feedparser.parse(_without_doctype(data))
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            raise InputError(origin, f"cannot read the {format} feed: {parsed.get('bozo_exception')}")
        log.warning("%s: the %s feed has no entries", origin, format)
        return
    source = _clean(parsed.get("feed", {}).get("title"))
    for number, entry in enumerate(entries, start=1):
        where = f"{origin}#{number}"
        text = _entry_text(entry)
        if not text:
            yield InputError(where, "feed entry has no text (no content or summary)")
            continue
        yield RawDocument(
            content=text,
            content_type="text",
            origin=where,
            format=format,
            external_id=_clean(entry.get("id")),
            title=_clean(entry.get("title")),
            published=_entry_date(entry, origin=where),
            url=_clean(entry.get("link")),
            source=source,
            author=_clean(entry.get("author")),
        )
