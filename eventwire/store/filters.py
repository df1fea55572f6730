"""What an event list asks for and hands back: the filter, the sorts, the page and its cursor.

``EventFilter`` is what a list keeps (every field empty: every unmerged event); ``SORTS`` the orders it can
come in (``SORT_KEYS``' columns, ascending or with "-" descending, and ``relevance``); ``EventPage`` one page
of it.  A cursor (``encode_cursor``) is the last row's sort key and id, base64 JSON; ``decode_cursor`` takes
back only what a list of the same sort handed out and raises ``CursorError`` for anything else, and ``_after``
is the WHERE term of the rows after it.  The SQL of a filter is ``queries.EventQueries``; the web app and the
summaries (``event_counts``, ``summaries``) read these types.
"""
from __future__ import annotations

import base64
import binascii
import json
import math
from dataclasses import dataclass, field, fields, replace
from typing import Any

import sqlalchemy as sa

from eventwire.store.tables import events

REVIEW_STATUSES = ("unreviewed", "confirmed", "corrected", "rejected")
# sort name -> column; "-name" sorts descending.  NULL sorts as the smallest value (first ascending, last
# descending); plain columns, so that an index on the column can give the order.
SORT_KEYS = {
    "date": events.c.date,
    "confidence": events.c.confidence,
    "type": events.c.event_type,
    "killed": events.c.killed,
}
# "relevance": best full-text match first (store.search.ranked_hits); without q, as "-date".
RELEVANCE = "relevance"
SORTS = tuple(s for k in SORT_KEYS for s in (k, f"-{k}")) + (RELEVANCE,)
MAX_LIMIT = 500


class CursorError(ValueError):
    """A pagination cursor this store did not hand out (or for another sort)."""


@dataclass(frozen=True)
class EventFilter:
    """What an event list keeps; every field empty means every (unmerged) event.

    Lists (``types``, ``factuality``, ``review``) keep events matching any entry.
    ``country`` and ``sector`` match the actors or the recipients; the ``actor_*``
    and ``recipient_*`` ones only that side.  ``q`` is free text: events whose evidence
    sentence, article title, actor/recipient names and texts or place name hold every word of it
    (case-insensitive, whole words; a full-text index, ``store.search``); blank means any, text
    with no word in it (``*``, ``"``) matches nothing.
    """

    types: tuple[str, ...] = ()
    country: str | None = None
    actor_country: str | None = None
    recipient_country: str | None = None
    sector: str | None = None
    actor_sector: str | None = None
    recipient_sector: str | None = None
    actor: str | None = None  # an entity name (actor or recipient), exactly
    q: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    place: str | None = None  # the place name, as written or in its usual capitalisations
    factuality: tuple[str, ...] = ()
    review: tuple[str, ...] = ()  # unreviewed, confirmed, corrected, rejected
    include_rejected: bool = True
    article_id: str | None = None
    min_confidence: float | None = None  # keep events whose confidence is at least this

    def is_empty(self) -> bool:
        return self == EventFilter(include_rejected=self.include_rejected)

    def as_params(self) -> dict[str, Any]:
        """The non-empty fields, as query-string parameters (lists stay lists)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "include_rejected":
                if value:
                    out[f.name] = "true"
            elif value not in (None, "", ()):
                out[f.name] = list(value) if isinstance(value, tuple) else value
        return out


@dataclass
class EventPage:
    items: list[dict[str, Any]]
    next_cursor: str | None
    sort: str
    limit: int
    extra: dict[str, Any] = field(default_factory=dict)


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _place_spellings(place: str) -> list[str]:
    """The usual capitalisations of a place name, so the match can use the index on location_name."""
    place = " ".join(place.split())
    return list(dict.fromkeys([place, place.title(), place.lower(), place.upper(), place.capitalize()]))


def encode_cursor(sort: str, key: Any, event_id: str) -> str:
    raw = json.dumps([sort, key, event_id], separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _after(key: sa.ColumnElement, id_column: sa.ColumnElement, last_key: Any, last_id: str, *,
           descending: bool) -> sa.ColumnElement:
    """Rows after (``last_key``, ``last_id``) in the order (key NULLs smallest, id), ascending or not."""
    if descending:
        if last_key is None:
            return sa.and_(key.is_(None), id_column < last_id)
        return sa.or_(key < last_key, sa.and_(key == last_key, id_column < last_id), key.is_(None))
    if last_key is None:
        return sa.or_(sa.and_(key.is_(None), id_column > last_id), key.is_not(None))
    return sa.or_(key > last_key, sa.and_(key == last_key, id_column > last_id))


def decode_cursor(cursor: str, sort: str, *, nullable: bool = False) -> tuple[Any, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        got_sort, key, event_id = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as exc:
        raise CursorError("this cursor is not one the event list handed out") from exc
    key_ok = isinstance(key, (str, int, float)) or (nullable and key is None)
    if got_sort != sort or not isinstance(event_id, str) or not key_ok or isinstance(key, bool):
        raise CursorError(f"this cursor belongs to another sort than {sort!r}; start again without it")
    if not (_storable(event_id, 64) and (not isinstance(key, str) or _storable(key, 64))
            and (not isinstance(key, int) or -(2**63) <= key < 2**63)
            and (not isinstance(key, float) or math.isfinite(key))):
        raise CursorError("this cursor is not one the event list handed out")
    return key, event_id


def _storable(text: str, limit: int) -> bool:
    """Short text that can be written as UTF-8 (no lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return len(text) <= limit


def with_filters(base: EventFilter, **changes: Any) -> EventFilter:
    """``base`` with some fields replaced (a convenience for links that narrow a list)."""
    return replace(base, **changes)
