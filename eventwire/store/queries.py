"""The SQL behind the web app: filtered, sorted, cursor-paged event lists and the summaries pages draw.

A mixin of :class:`eventwire.store.Store` (it uses the store's ``_engine`` and
``dialect``).  SQLAlchemy Core with bound parameters only -- no SQL is built
from strings -- and the same code for SQLite and PostgreSQL: nested fields are
read with SQLAlchemy's JSON operators and, for lists of entities, the dialect's
table-valued function (``json_each`` / ``json_array_elements``).

Events merged into another report of the same happening (``merged_into``) are
left out everywhere, as in ``Store.iter_events``; rejected events only where
``include_rejected`` is false.  Dates are compared as stored strings, so
``date_from="2024-03"`` keeps March and later, and an event known only to the
month falls before every day of that month.
"""
from __future__ import annotations

import base64
import binascii
import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field, fields, replace
from datetime import date as Date
from datetime import timedelta
from typing import Any

import sqlalchemy as sa

from eventwire.store.rows import event_export_dict, event_side_rows
from eventwire.store.search import hit_count, hit_rows, query_terms, ranked_hits, search_condition
from eventwire.store.tables import articles, event_sides, events

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
INTERVALS = ("day", "week", "month", "year")
MAX_LIMIT = 500
# The columns an event of a list is built from (rows.event_export_dict, review_status), and the JSON ones.
LISTED_COLUMNS = ("id", "article_id", "event_type", "mode", "actors", "recipients", "date", "date_precision",
                  "date_stated", "location", "factuality", "quantities", "evidence_sentence", "evidence_start",
                  "evidence_end", "confidence", "trigger", "mentions", "source_count", "review", "review_status")
JSON_LISTED = ("actors", "recipients", "location", "quantities", "mentions", "review")
JSON_AT = tuple(LISTED_COLUMNS.index(c) for c in JSON_LISTED)
ID_CHUNK = 5_000  # ids per IN (...) when writing event_sides

# The indexes these queries lean on (created by migration 0004; declared here so ``metadata`` and the
# migrations agree).  ix_events_browse covers every small column the list filters and sorts on, in
# (date, id) order: filtered pages and counts read it instead of the wide rows.  Its date is NULLS FIRST
# (SQLite's ascending order; on PostgreSQL migration 0011), so "-date" (NULLs last) is the index read backwards.
BROWSE_INDEX = sa.Index("ix_events_browse", events.c.date.nulls_first(), events.c.id, events.c.event_type,
                        events.c.actor_countries, events.c.recipient_countries, events.c.factuality,
                        events.c.review_status, events.c.merged_into, events.c.location_name,
                        events.c.confidence, events.c.killed)
PLACE_INDEX = sa.Index("ix_events_location_name", events.c.location_name)
REVIEW_INDEX = sa.Index("ix_events_review_status", events.c.review_status)
# Migration 0005: one type's events in confidence order, with merged_into to skip merged ones in the index.
TYPE_CONFIDENCE_INDEX = sa.Index("ix_events_type_confidence", events.c.event_type, events.c.confidence,
                                 events.c.id, events.c.merged_into, events.c.review_status)


def write_event_sides(conn: sa.Connection, event_rows: list[dict[str, Any]]) -> int:
    """Replace the ``event_sides`` rows of the events in ``event_rows`` (dicts with id, event_type, actors,
    recipients, date).

    In the caller's transaction, so the sides change with the events they describe.  Returns the
    number of side rows written.
    """
    ids = [r["id"] for r in event_rows]
    for i in range(0, len(ids), ID_CHUNK):
        conn.execute(event_sides.delete().where(event_sides.c.event_id.in_(ids[i : i + ID_CHUNK])))
    rows = [{**s, "date": r["date"]} for r in event_rows
            for s in event_side_rows(r["id"], r["event_type"], r["actors"], r["recipients"])]
    if rows:
        conn.execute(event_sides.insert(), rows)
    return len(rows)


def delete_event_sides(conn: sa.Connection, where: sa.ColumnElement) -> None:
    """Delete the ``event_sides`` rows of the events matching ``where`` (before deleting those events).

    The foreign key cascades too; this does not depend on SQLite's ``foreign_keys`` pragma being on.
    """
    conn.execute(event_sides.delete().where(event_sides.c.event_id.in_(sa.select(events.c.id).where(where))))


SideTerm = tuple[str, "str | None", str]  # (column of event_sides, side or None for either, value)
SIDE_NAMES = ("actor", "recipient")
# EventFilter field -> what it asks of event_sides
SIDE_FILTERS = (("country", None, "country"), ("country", "actor", "actor_country"),
                ("country", "recipient", "recipient_country"), ("sector", None, "sector"),
                ("sector", "actor", "actor_sector"), ("sector", "recipient", "recipient_sector"))
# A side filter with fewer rows than this drives a page or count (its events are read and sorted);
# with more, the plan walks the events in order and tests each row.  Measured on 100,000 events
# (bench/web_bench.py): ~3,000 rows read and sorted ~4 ms where a walk to a 0.15 % page's end takes
# ~40 ms; ~16,000 rows read and sorted ~45 ms where a walk to a 16 % page's end takes ~5 ms.
DRIVE_BELOW = 5_000
# Such a page sorted by date reads a window of WINDOW_PAGES pages' worth of the first candidates (by
# event_sides.date); when merged, rejected or otherwise filtered events leave it short of a page, the window
# grows WINDOW_GROWTH times until it holds the page or every candidate.
WINDOW_PAGES = 2
WINDOW_GROWTH = 4


@dataclass(frozen=True)
class DrivePlan:
    term: SideTerm  # the side filter a page starts from
    rows: int  # its event_sides rows (of the filter's types), under DRIVE_BELOW
    few: tuple[SideTerm, ...]  # the other side filters with under DRIVE_BELOW rows


@dataclass(frozen=True)
class Window:
    descending: bool
    after: tuple[Any, str] | None  # the cursor's (date, id)
    size: int


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


def week_start(day: str) -> str | None:
    """The Monday of the ISO week of ``day`` (YYYY-MM-DD), or None for a date without a day."""
    try:
        d = Date.fromisoformat(day)
    except (TypeError, ValueError):
        return None
    return (d - timedelta(days=d.weekday())).isoformat()


def period_of(date: str | None, interval: str) -> tuple[str, str] | None:
    """The bucket (period, precision) a stored date falls in when counting by ``interval``.

    A date at least as precise as the interval gives the interval's bucket; a coarser one its own
    (``"2024-03"`` by week -> ``("2024-03", "month")``).  None for no date or one that is not a date.
    """
    if not date:
        return None
    if len(date) >= 10:
        day = date[:10]
        if interval == "week":
            monday = week_start(day)
            return (monday, "week") if monday is not None else None
        if interval == "day":
            return (day, "day") if week_start(day) is not None else None
    if len(date) >= 7 and interval in ("day", "week", "month"):
        return (date[:7], "month") if date[4:5] == "-" and date[:4].isdigit() and date[5:7].isdigit() else None
    return (date[:4], "year") if date[:4].isdigit() else None


class EventQueries:
    """Read-only queries for the web app and the JSON API; mixed into ``Store``."""

    _engine: sa.Engine
    dialect: str

    # -- JSON lists of entities -------------------------------------------------------------

    def _elements(self, column: sa.Column) -> Any:
        """A table-valued alias over the entities of ``column``: ``alias.c.value`` is one entity (JSON)."""
        fn = sa.func.json_array_elements if self.dialect == "postgresql" else sa.func.json_each
        return fn(column).table_valued(sa.column("value", sa.JSON)).alias()

    def _entity_has(self, column: sa.Column, key: str, value: str) -> sa.ColumnElement:
        """Some entity of ``column`` has ``key`` == ``value``.

        The store writes JSON compactly (``"sector":"MIL"``), so a LIKE on the text
        picks the candidate rows cheaply; the table-valued check then makes it exact.
        """
        j = self._elements(column)
        exact = sa.exists(sa.select(sa.literal(1)).select_from(j).where(j.c.value[key].as_string() == value))
        needle = json.dumps({key: value}, ensure_ascii=False, separators=(",", ":"))[1:-1]
        return sa.and_(sa.cast(column, sa.Text).like(_like_pattern(needle), escape="\\"), exact)

    # -- sides (event_sides) ----------------------------------------------------------------

    @staticmethod
    def _side_terms(f: EventFilter) -> list[SideTerm]:
        return [(column, side, getattr(f, name)) for column, side, name in SIDE_FILTERS if getattr(f, name)]

    def _side_where(self, table: sa.Table | sa.Alias, term: SideTerm, *,
                    probe: bool = False) -> list[sa.ColumnElement]:
        """``term`` on ``table``.

        ``probe``: for a lookup by event id; on SQLite the value is written so that no index can use it
        (``|| ''``), leaving ix_event_sides_event (event_id, side, ...) for one seek.  (PostgreSQL's
        planner then scanned the whole table for it, 60 ms at 100,000 events: there it stays plain.)
        Otherwise either side is spelled as both sides, so ix_event_sides_country / _sector seek on
        (value, side, type).
        """
        column, side, value = term
        if probe:
            tested = table.c[column] + "" if self.dialect == "sqlite" else table.c[column]
            return [tested == value] + ([table.c.side == side] if side else [])
        return [table.c[column] == value, table.c.side == side if side else table.c.side.in_(SIDE_NAMES)]

    def _side_ids(self, f: EventFilter, first: SideTerm, window: Window | None = None,
                  few: tuple[SideTerm, ...] = ()) -> sa.Select:
        """Ids of the events with every side filter of ``f`` (and one of its types), from event_sides alone.

        Starts from ``first``'s range of ix_event_sides_country / _sector (narrowed by type, the
        index's next column); the other side filters are probes of ix_event_sides_event, so the
        events themselves are read only for ids that pass all of them.  ``window``: only the first
        ``size`` of those rows by date (after a cursor's position), sorted from the index
        (event_sides.date, revision 0012) without reading any event.  The side filters in ``few``
        (with few rows) are tested against the list of their ids, built once, not probed row by row
        (``actor_country=RUS&recipient_country=UKR`` at 100,000 events: 5.4 -> 2.9 ms).
        """
        s = event_sides
        where = self._side_where(s, first)
        if f.types:
            where.append(s.c.event_type.in_(f.types))
        for term in self._side_terms(f):
            other = event_sides.alias()
            if term in few and term != first:
                listed = self._side_where(other, term)
                if f.types:
                    listed.append(other.c.event_type.in_(f.types))
                where.append(s.c.event_id.in_(sa.select(other.c.event_id).where(*listed)))
            elif term != first:
                where.append(sa.exists(sa.select(sa.literal(1)).where(
                    other.c.event_id == s.c.event_id, *self._side_where(other, term, probe=True))))
        query = sa.select(s.c.event_id).where(*where)
        if window is not None:
            if window.after is not None:
                query = query.where(_after(s.c.date, s.c.event_id, *window.after, descending=window.descending))
            query = query.order_by(*self._order(s.c.date, s.c.event_id, descending=window.descending))
            query = query.limit(window.size)
        return query

    def _side_in_row(self, term: SideTerm) -> sa.ColumnElement:
        """Events with ``term``, tested on the event's own columns, for plans that walk events in order.

        For a common country or sector (the only case that walks) this beats a probe of event_sides
        per event: countries are in ix_events_browse itself (actor_countries, recipient_countries),
        and the walk reads rows in order instead of seeking at random ids (measured on 100,000
        events: sector=MIL 14 ms against 22 ms).  Built once per term and kept (expressions are immutable;
        building the sector test's two JSON lookups took ~0.4 ms a request).
        """
        built = self.__dict__.setdefault("_side_in_row_built", {})
        expr = built.get(term)
        if expr is None:
            expr = self._build_side_in_row(term)
            if len(built) >= 256:  # any thread may clear it: each keeps its own reference
                built.clear()
            built[term] = expr
        return expr

    def _build_side_in_row(self, term: SideTerm) -> sa.ColumnElement:
        column, side, value = term
        e = events.c
        if self.dialect == "postgresql":  # its planner cannot size the JSON test (it sorted every event instead,
            other = event_sides.alias()   # 307 ms for sector=MIL at 100,000); a probe of event_sides it can
            return sa.exists(sa.select(sa.literal(1)).where(
                other.c.event_id == e.id, *self._side_where(other, term, probe=True)))
        if column == "country":
            lists = {"actor": [e.actor_countries], "recipient": [e.recipient_countries]}.get(
                side, [e.actor_countries, e.recipient_countries])
            return sa.or_(*(self._in_list(c, value) for c in lists))
        lists = {"actor": [e.actors], "recipient": [e.recipients]}.get(side, [e.actors, e.recipients])
        return sa.or_(*(self._entity_has(c, "sector", value) for c in lists))

    def _in_list(self, column: sa.ColumnElement, code: str) -> sa.ColumnElement:
        """``code`` is one of the comma-joined codes in ``column`` (e.g. actor_countries "USA,IGO").

        A plain substring test first (cheap), then the exact test on the delimited list.
        """
        find = sa.func.strpos(column, code) if self.dialect == "postgresql" else sa.func.instr(column, code)
        exact = (sa.literal(",") + column + sa.literal(",")).like(_like_pattern("," + code + ","), escape="\\")
        return sa.and_(find > 0, exact)

    def _driving_side(self, conn: sa.Connection, f: EventFilter) -> SideTerm | None:
        """The side filter of ``f`` to start from, if its events (of ``f``'s types) number under
        :data:`DRIVE_BELOW`; None: walk the events in order, testing each row.

        Few: reading those events and sorting them beats walking the events in order (a rare
        country would mean walking nearly all of them); many (a common sector): walking in order
        reaches a page's end soon.  Each count is index-only and stops at ``DRIVE_BELOW``.
        """
        plan = self._drive_plan(conn, f)
        return plan.term if plan is not None else None

    def _drive_plan(self, conn: sa.Connection, f: EventFilter) -> DrivePlan | None:
        """:meth:`_driving_side` with the number of event_sides rows it starts from and the other side
        filters that have few rows too."""
        sizes: dict[SideTerm, int] = {}
        best: tuple[int, SideTerm] | None = None
        for term in self._side_terms(f):
            where = self._side_where(event_sides, term)
            if f.types:
                where.append(event_sides.c.event_type.in_(f.types))
            capped = sa.select(event_sides.c.event_id).where(*where).limit(DRIVE_BELOW).subquery()
            n = conn.execute(sa.select(sa.func.count()).select_from(capped)).scalar_one()
            sizes[term] = n
            if best is None or n < best[0]:
                best = (n, term)
        if best is None or best[0] >= DRIVE_BELOW:
            return None
        return DrivePlan(best[1], best[0], tuple(t for t, n in sizes.items() if t != best[1] and n < DRIVE_BELOW))

    # -- filters ----------------------------------------------------------------------------

    def _conditions(self, f: EventFilter, *, ordered: bool = False, drive: SideTerm | None | str = "first",
                    walk_text: bool = False, window: Window | None = None,
                    few: tuple[SideTerm, ...] = ()) -> list[sa.ColumnElement]:
        """The WHERE terms of ``f``.

        ``ordered``: for a query sorted by date, so the planner should walk ix_events_browse in
        order and stop at the page's end, not collect every event of a type through
        ix_events_event_type and sort them.  ``drive``: the side filter the planner should start
        from (``id IN`` the ids :meth:`_side_ids` finds); ``"first"`` (for summaries, which read
        every match) the first; ``None`` none: each side filter is tested on the event's row, for a
        plan that walks an index in order.  ``walk_text``: the text matches many events, and the plan
        walks in order testing each row against the hits (``store.search.search_condition``).
        ``window``, ``few``: for :meth:`_side_ids`.
        """
        e = events.c
        if f == EventFilter() and not ordered:
            return [e.merged_into.is_(None)]  # a count of all: ix_events_merged_into is the cheapest
        # Nearly every event is unmerged: written so the planner does not pick ix_events_merged_into for it.
        where: list[sa.ColumnElement] = [sa.func.coalesce(e.merged_into, "") == ""]
        terms = self._side_terms(f)
        if drive == "first":
            drive = terms[0] if terms else None
        if f.types:  # when a side filter drives, its index already narrowed by type: keep ix_events_event_type out
            where.append((e.event_type + "" if ordered or drive is not None else e.event_type).in_(f.types))
        if f.article_id:
            where.append(e.article_id == f.article_id)
        if drive is not None:
            where.append(e.id.in_(self._side_ids(f, drive, window, few)))
        else:
            where += [self._side_in_row(t) for t in terms]
        if f.actor:
            where.append(sa.or_(self._entity_has(e.actors, "name", f.actor),
                                self._entity_has(e.recipients, "name", f.actor)))
        if f.q and f.q.strip():  # full-text index (store.search): words of the sentence, title, names, place
            found = search_condition(self.dialect, e.id, f.q, walk=walk_text)
            where.append(found if found is not None else sa.false())
        if f.date_from:
            where.append(e.date >= f.date_from)
        if f.date_to:
            # "2024-03" as an upper bound keeps every day of March: "~" sorts after digits and "-",
            # and a plain comparison can use the date index.
            where.append(e.date <= f.date_to + "~")
        if f.place:
            where.append(e.location_name.in_(_place_spellings(f.place)))
        if f.min_confidence is not None:
            where.append(e.confidence >= f.min_confidence)
        if f.factuality:
            where.append(e.factuality.in_(f.factuality))
        if f.review:
            statuses = [s for s in f.review if s != "unreviewed"]
            either = [e.review_status.in_(statuses)] if statuses else []
            if "unreviewed" in f.review:  # nearly every event: kept off ix_events_review_status
                either.append(sa.func.coalesce(e.review_status, "") == "")
            where.append(sa.or_(*either) if either else sa.false())
        if not f.include_rejected:
            where.append(sa.func.coalesce(e.review_status, "") != "rejected")
        return where

    # -- event lists ------------------------------------------------------------------------

    def event_page(self, *, filters: EventFilter = EventFilter(), sort: str = "-date", limit: int = 50,
                   cursor: str | None = None) -> EventPage:
        """One page of events in the export shape, plus ``review_status``; ``next_cursor`` for the next.

        ``sort`` is one of :data:`SORTS` (ties broken by id); ``cursor`` is a
        ``next_cursor`` from the previous page with the same sort and filters.
        """
        if sort not in SORTS:
            raise ValueError(f"sort is one of {', '.join(SORTS)}; got {sort!r}")
        limit = max(1, min(int(limit), MAX_LIMIT))
        ranked = ranked_hits(self.dialect, filters.q) if sort == RELEVANCE and filters.q else None
        order_by = "-date" if sort == RELEVANCE and ranked is None else sort
        descending = order_by.startswith("-")
        # Step 1 finds the page's ids (from ix_events_browse where it covers the filters), step 2 the rows.
        ordered = order_by.endswith("date")
        plan = self._plan_choice(("drive_plan", filters), lambda conn: self._drive_plan(conn, filters))
        drive = plan.term if plan is not None else None
        # many full-text hits: walk the date index testing each row, not read and sort every hit
        walk_text = (ranked is None and ordered and drive is None and bool(query_terms(filters.q))
                     and self._plan_choice(("text_hits", filters.q), lambda conn: hit_count(
                         conn, filters.q or "", cap=DRIVE_BELOW)) >= DRIVE_BELOW)
        after = decode_cursor(cursor, sort, nullable=True) if cursor else None

        def page_query(window: Window | None) -> sa.Select:
            if ranked is not None:  # the matches with their scores, joined: q's own condition is the join
                hits, on = ranked
                key = hits.c.score
                query = sa.select(events.c.id, key.label("sort_key")).select_from(events.join(hits, on)).where(
                    *self._conditions(replace(filters, q=None), drive=drive, few=plan.few if plan else ()))
            else:
                key = SORT_KEYS[order_by.lstrip("-")]
                query = sa.select(events.c.id, key.label("sort_key")).where(*self._conditions(
                    filters, ordered=ordered and drive is None, drive=drive, walk_text=walk_text, window=window,
                    few=plan.few if plan else ()))
            if after is not None:
                query = query.where(_after(key, events.c.id, *after, descending=descending))
            return query.order_by(*self._order(key, events.c.id, descending=descending)).limit(limit + 1)

        # A few events of a side filter, newest first: sort them in event_sides (its date, revision 0012) and
        # read only a window of the first ones, widened until it holds the page or every candidate.
        window = (Window(descending, after, WINDOW_PAGES * (limit + 1))
                  if plan is not None and ranked is None and ordered else None)
        with self._engine.connect() as conn:
            if self.dialect == "postgresql":  # a page stops after limit + 1 rows: starting parallel workers for it
                # cost ~20 ms a page (type=ASSAULT 38 -> 20 ms, sector=MIL 44 -> 14 ms at 100,000 events)
                conn.exec_driver_sql("SET LOCAL max_parallel_workers_per_gather = 0")
            while True:
                keys = conn.execute(page_query(window)).all()
                if window is None or len(keys) > limit or window.size >= plan.rows:
                    break
                window = replace(window, size=window.size * WINDOW_GROWTH)
            more = len(keys) > limit
            keys = keys[:limit]
            found = self._listed_by_id(conn, [k.id for k in keys])
        items = [found[k.id] for k in keys if k.id in found]
        next_cursor = encode_cursor(sort, keys[-1].sort_key, keys[-1].id) if more and keys else None
        return EventPage(items=items, next_cursor=next_cursor, sort=sort, limit=limit)

    def _order(self, key: sa.ColumnElement, id_column: sa.ColumnElement, *, descending: bool) -> list:
        """ORDER BY (key NULLs smallest, id), descending or not."""
        if descending:
            order = [key.desc(), id_column.desc()]
            if self.dialect != "sqlite":  # SQLite's default; spelled out it would not use the index
                order[0] = order[0].nulls_last()
        else:
            order = [key.asc(), id_column.asc()]
            if self.dialect != "sqlite":
                order[0] = order[0].nulls_first()
        return order

    def _plan_choice(self, key: tuple, work: Any) -> Any:
        """``work(conn)``: what a plan is chosen by (index-only counts), kept while the store is unchanged
        where the store has a cache (``summary_cache``: ``Store.cached``)."""
        def run() -> Any:
            with self._engine.connect() as conn:
                return work(conn)

        cached = getattr(self, "cached", None)
        return cached(key, run) if cached is not None else run()

    @staticmethod
    def _listed(row: Any) -> dict[str, Any]:
        m = row._mapping
        d = event_export_dict(m)
        d["review_status"] = m["review_status"] or "unreviewed"
        d["source_count"] = m["source_count"]
        return d

    def _listed_by_id(self, conn: sa.Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
        """The events ``ids`` as :meth:`_listed` gives them, by id.

        On SQLite the JSON columns come back as text and a page's are decoded in one ``json.loads``
        (~300 values for 50 events: 0.39 -> 0.12 ms, without SQLAlchemy's per-value processing).
        """
        if self.dialect != "sqlite":
            return {r.id: self._listed(r) for r in conn.execute(sa.select(events).where(events.c.id.in_(ids)))}
        columns = [sa.type_coerce(events.c[c], sa.Text).label(c) if c in JSON_LISTED else events.c[c]
                   for c in LISTED_COLUMNS]
        rows = conn.execute(sa.select(*columns).where(events.c.id.in_(ids))).all()
        texts = [r[i] for r in rows for i in JSON_AT]
        if not all(t is None or isinstance(t, str) for t in texts):  # not written by this store: one by one
            return {r.id: self._listed(r) for r in conn.execute(sa.select(events).where(events.c.id.in_(ids)))}
        values = iter(json.loads("[" + ",".join("null" if t is None else t for t in texts) + "]"))
        out = {}
        for r in rows:
            m = dict(zip(LISTED_COLUMNS, r))
            for i in JSON_AT:
                m[LISTED_COLUMNS[i]] = next(values)
            d = event_export_dict(m)
            d["review_status"] = m["review_status"] or "unreviewed"
            out[m["id"]] = d
        return out

    def count_events(self, *, filters: EventFilter = EventFilter(), cap: int | None = None) -> int:
        """How many events match; with ``cap``, counting stops there (the answer is at most ``cap``)."""
        if filters == EventFilter(include_rejected=False):  # all but the rejected: two index-only counts
            everything = self.count_events(filters=EventFilter())
            rejected = sa.select(sa.func.count()).select_from(events).where(
                events.c.review_status == "rejected", sa.func.coalesce(events.c.merged_into, "") == "")
            with self._engine.connect() as conn:
                n = everything - conn.execute(rejected).scalar_one()
            return n if cap is None else min(n, cap)
        with self._engine.connect() as conn:
            drive = self._driving_side(conn, filters)
            hits = hit_rows(self.dialect, filters.q) if filters.q and filters.q.strip() else None
            if hits is not None:  # start from the full-text hits (joined), so a capped count stops early
                matching = (sa.select(events.c.id).select_from(events.join(*hits))
                            .where(*self._conditions(replace(filters, q=None), drive=drive)))
            else:
                matching = sa.select(events.c.id).where(*self._conditions(filters, drive=drive))
            query = sa.select(sa.func.count()).select_from(
                (matching.limit(cap) if cap is not None else matching).subquery())
            return conn.execute(query).scalar_one()

    def event_detail(self, event_id: str) -> dict[str, Any] | None:
        """One event (merged or not) in the export shape with its review status, merge state and article."""
        query = (sa.select(events, articles.c.title.label("article_title"),
                           articles.c.published.label("article_published"),
                           articles.c.source.label("article_source"), articles.c.url.label("article_url"))
                 .join(articles, articles.c.id == events.c.article_id)
                 .where(events.c.id == event_id))
        with self._engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None:
            return None
        m = row._mapping
        d = self._listed(row)
        d["merged_into"] = m["merged_into"]
        d["coder_version"] = m["coder_version"]
        d["created_at"] = m["created_at"]
        d["article"] = {"id": m["article_id"], "title": m["article_title"], "published": m["article_published"],
                        "source": m["article_source"], "url": m["article_url"]}
        return d

    def article_events(self, article_id: str, *, include_rejected: bool = True) -> list[dict[str, Any]]:
        """The events an article yields (merged ones too: the text still reports them), by position."""
        query = sa.select(events).where(events.c.article_id == article_id)
        if not include_rejected:
            query = query.where(sa.or_(events.c.review_status.is_(None), events.c.review_status != "rejected"))
        query = query.order_by(events.c.evidence_start, events.c.id)
        with self._engine.connect() as conn:
            return [self._listed(r) for r in conn.execute(query)]

    def article_page(self, *, q: str | None = None, source: str | None = None, limit: int = 50,
                     cursor: str | None = None) -> EventPage:
        """Articles without their text (id, title, published, source, url, events), newest first."""
        limit = max(1, min(int(limit), MAX_LIMIT))
        key = sa.func.coalesce(articles.c.published, "")
        n_events = (sa.select(sa.func.count()).where(events.c.article_id == articles.c.id)
                    .scalar_subquery().label("n_events"))
        query = sa.select(articles.c.id, articles.c.title, articles.c.published, articles.c.source,
                          articles.c.url, articles.c.dateline, n_events, key.label("sort_key"))
        if q:
            pattern = _like_pattern(q.strip())
            query = query.where(sa.or_(articles.c.title.ilike(pattern, escape="\\"),
                                       articles.c.text.ilike(pattern, escape="\\")))
        if source:
            query = query.where(articles.c.source == source)
        if cursor:
            last_key, last_id = decode_cursor(cursor, "-published")
            query = query.where(sa.tuple_(key, articles.c.id) < (last_key, last_id))
        query = query.order_by(key.desc(), articles.c.id.desc()).limit(limit + 1)
        with self._engine.connect() as conn:
            rows = conn.execute(query).all()
        more = len(rows) > limit
        rows = rows[:limit]
        items = [{k: r._mapping[k] for k in ("id", "title", "published", "source", "url", "dateline", "n_events")}
                 for r in rows]
        next_cursor = encode_cursor("-published", rows[-1].sort_key, rows[-1].id) if more and rows else None
        return EventPage(items=items, next_cursor=next_cursor, sort="-published", limit=limit)

    # -- summaries --------------------------------------------------------------------------

    def counts_by_type(self, *, filters: EventFilter = EventFilter()) -> dict[str, int]:
        n = sa.func.count().label("n")
        query = (sa.select(events.c.event_type, n).where(*self._conditions(filters))
                 .group_by(events.c.event_type).order_by(n.desc(), events.c.event_type))
        with self._engine.connect() as conn:
            return {t: c for t, c in conn.execute(query)}

    def counts_over_time(self, *, filters: EventFilter = EventFilter(), interval: str = "week") -> list[dict[str, Any]]:
        """``[{period, precision, event_type, count}]`` sorted by period then type.

        ``period`` is the day, the Monday of the week, ``YYYY-MM`` or ``YYYY``; ``precision``
        says which (``day``, ``week``, ``month``, ``year``).  An event whose date is less
        precise than the interval is counted in the bucket its date gives, with that
        precision: asked by week, an event known only to March 2024 is a row
        ``{period: "2024-03", precision: "month"}``, never dropped and never put in a week.
        Undated events are not counted.
        """
        if interval not in INTERVALS:
            raise ValueError(f"interval is one of {', '.join(INTERVALS)}; got {interval!r}")
        width = {"day": 10, "week": 10, "month": 7, "year": 4}[interval]
        date = events.c.date
        period = sa.case((sa.func.length(date) >= width, sa.func.substr(date, 1, width)), else_=date)
        query = (sa.select(period.label("period"), events.c.event_type, sa.func.count().label("n"))
                 .where(*self._conditions(filters), date.is_not(None))
                 .group_by(period, events.c.event_type))
        counts: Counter = Counter()
        with self._engine.connect() as conn:
            for p, event_type, n in conn.execute(query):
                key = period_of(p, interval)
                if key is not None:
                    counts[(key, event_type)] += n
        return [{"period": p, "precision": precision, "event_type": t, "count": n}
                for ((p, precision), t), n in sorted(counts.items())]

    def actor_counts(self, *, filters: EventFilter = EventFilter(), q: str | None = None, country: str | None = None,
                     limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Entities by how often they act or are acted on: ``{name, country, sector, as_actor, as_recipient, events}``."""
        limit = max(1, min(int(limit), MAX_LIMIT))
        where = self._conditions(filters)
        parts = []
        for column, side in ((events.c.actors, "actor"), (events.c.recipients, "recipient")):
            j = self._elements(column)
            v = j.c.value
            name = sa.func.coalesce(v["name"].as_string(), v["text"].as_string())
            parts.append(sa.select(name.label("name"), v["country"].as_string().label("country"),
                                   v["sector"].as_string().label("sector"),
                                   sa.literal(side).label("side"), events.c.id.label("event_id"))
                         .select_from(events).join(j, sa.true()).where(*where))
        u = sa.union_all(*parts).subquery()
        as_actor = sa.func.sum(sa.case((u.c.side == "actor", 1), else_=0)).label("as_actor")
        as_recipient = sa.func.sum(sa.case((u.c.side == "recipient", 1), else_=0)).label("as_recipient")
        total = sa.func.count(sa.distinct(u.c.event_id)).label("events")
        query = sa.select(u.c.name, u.c.country, u.c.sector, as_actor, as_recipient, total).where(u.c.name.is_not(None))
        if q:
            query = query.where(u.c.name.ilike(_like_pattern(q.strip()), escape="\\"))
        if country:
            query = query.where(u.c.country == country)
        query = (query.group_by(u.c.name, u.c.country, u.c.sector)
                 .order_by(total.desc(), u.c.name, u.c.country, u.c.sector).limit(limit).offset(max(0, int(offset))))
        with self._engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def place_counts(self, *, filters: EventFilter = EventFilter(), q: str | None = None,
                     limit: int = 1000) -> list[dict[str, Any]]:
        """Places events happened at: ``{name, country, admin1, precision, lat, lon, count}``, busiest first."""
        limit = max(1, min(int(limit), 5000))
        loc = events.c.location
        cols = [events.c.location_name.label("name"), loc["country"].as_string().label("country"),
                loc["admin1"].as_string().label("admin1"), loc["precision"].as_string().label("precision"),
                loc["lat"].as_float().label("lat"), loc["lon"].as_float().label("lon")]
        n = sa.func.count().label("count")
        query = sa.select(*cols, n).where(*self._conditions(filters), events.c.location_name.is_not(None))
        if q:
            query = query.where(events.c.location_name.ilike(_like_pattern(q.strip()), escape="\\"))
        query = query.group_by(*cols).order_by(n.desc(), cols[0]).limit(limit)
        with self._engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def map_points(self, *, filters: EventFilter = EventFilter(), limit: int = 2000) -> list[dict[str, Any]]:
        """Places with coordinates and their counts by event type:
        ``{name, country, precision, lat, lon, count, by_type}`` (precision: city, region, country)."""
        loc = events.c.location
        lat, lon = loc["lat"].as_float(), loc["lon"].as_float()
        country, precision = loc["country"].as_string(), loc["precision"].as_string()
        query = (sa.select(events.c.location_name, country, precision, lat, lon, events.c.event_type, sa.func.count())
                 .where(*self._conditions(filters), events.c.location_name.is_not(None), lat.is_not(None),
                        lon.is_not(None))
                 .group_by(events.c.location_name, country, precision, lat, lon, events.c.event_type))
        points: dict[tuple, dict[str, Any]] = {}
        with self._engine.connect() as conn:
            for name, country_code, place_precision, la, lo, event_type, n in conn.execute(query):
                p = points.setdefault((name, country_code, place_precision, la, lo), {
                    "name": name, "country": country_code, "precision": place_precision, "lat": la, "lon": lo,
                    "count": 0, "by_type": {}})
                p["count"] += n
                p["by_type"][event_type] = p["by_type"].get(event_type, 0) + n
        return sorted(points.values(), key=lambda p: (-p["count"], p["name"]))[: max(1, int(limit))]

    def network_edges(self, *, filters: EventFilter = EventFilter(), limit: int = 300,
                      people: bool = False) -> list[dict[str, Any]]:
        """Who acts on whom, actor by actor: ``{source, target, count, by_type}``, heaviest first.

        ``source`` and ``target`` are node ids (:func:`actor_node`): a state actor or group speaks
        for its country (``"KEN"``); each organisation is a node of its own (``"org:UNO:United
        Nations"``, ``"org:IGO:NATO"``); with ``people``, so is each known person
        (``"person:USA:John Kerry"``), else a person counts for their country.  An event adds one
        to each pair of distinct (actor node, recipient node) it has; entities that give no node
        (no country, not an organisation or person) make no edge.
        """
        e = events.c
        conditions = [*self._conditions(filters), e.actor_countries.is_not(None), e.recipient_countries.is_not(None)]
        parts = []
        for column, side in ((e.actors, "actor"), (e.recipients, "recipient")):
            j = self._elements(column)
            v = j.c.value
            parts.append(sa.select(e.id, e.event_type, sa.literal(side).label("side"),
                                   sa.func.coalesce(v["name"].as_string(), v["text"].as_string()).label("name"),
                                   v["country"].as_string().label("country"), v["wikidata"].as_string().label("wd"))
                         .select_from(events).join(j, sa.true()).where(*conditions))
        ends: dict[str, tuple[str, set[str], set[str]]] = {}
        with self._engine.connect() as conn:
            for event_id, event_type, side, name, country, wikidata in conn.execute(sa.union_all(*parts)):
                node = actor_node(name, country, wikidata, people=people)
                if node is not None:
                    got = ends.setdefault(event_id, (event_type, set(), set()))
                    got[1 if side == "actor" else 2].add(node)
        counts: Counter = Counter()
        by_type: dict[tuple[str, str], Counter] = defaultdict(Counter)
        for event_type, sources, targets in ends.values():
            for s in sources:
                for t in targets:
                    counts[(s, t)] += 1
                    by_type[(s, t)][event_type] += 1
        edges = [{"source": s, "target": t, "count": n, "by_type": dict(by_type[(s, t)])}
                 for (s, t), n in counts.items()]
        return sorted(edges, key=lambda x: (-x["count"], x["source"], x["target"]))[: max(1, int(limit))]


def actor_node(name: str | None, country: str | None, wikidata: str | None = None, *,
               people: bool = False) -> str | None:
    """The network node an entity belongs to (see :meth:`EventQueries.network_edges`), or None."""
    from eventwire.resolve.actor_gazetteers import actor_kind

    kind = actor_kind(name, country, wikidata)
    if kind == "organisation" or (kind == "person" and people):
        return f"{'org' if kind == 'organisation' else 'person'}:{country or ''}:{name}"
    return country or None


def parse_node(node: str) -> dict[str, Any]:
    """A node id of :meth:`EventQueries.network_edges` as ``{kind, code, name}`` (kind: country, organisation,
    person; ``name`` None for a country)."""
    kind, sep, rest = node.partition(":")
    if not sep:
        return {"kind": "country", "code": node, "name": None}
    code, _, name = rest.partition(":")
    return {"kind": "organisation" if kind == "org" else "person", "code": code or None, "name": name}


def with_filters(base: EventFilter, **changes: Any) -> EventFilter:
    """``base`` with some fields replaced (a convenience for links that narrow a list)."""
    return replace(base, **changes)
