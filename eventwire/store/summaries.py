"""Precomputed summaries (revision 0008): counts kept current by every write, read in milliseconds.

The overview, actors, places, map, timeline and network used to read every matching
event (seconds at 100,000 events).  Now the store keeps their counts in the summary
tables (``summary_tables.py``) and changes them in the same transaction as the events:

* triggers on ``events`` journal each event row that starts or stops counting
  (``summary_journal``: sign, and the columns a summary reads) -- so every write path
  (ingest, re-coding, reviews and corrections, merges, deletes and their cascades) is
  covered without the store layer having to remember it;
* :func:`apply_journal` folds the journal into the counts and empties it; ``Store._write``
  calls it just before each write transaction commits, so a kill at any point leaves the
  counts agreeing with the events (both committed, or neither).

:class:`SummaryQueries` (mixed into ``Store`` before ``EventCounts``) answers a summary
from the tables when its filter asks only for what the tables are keyed by, and otherwise
falls back to the query over the events (``EventCounts``):

* served from the tables: no filter, ``types``, ``include_rejected`` (the web app's
  default leaves rejected events out); for the date-keyed ones (``count_events``,
  ``counts_by_type``, ``counts_over_time``) also ``date_from`` / ``date_to``; and the
  summaries' own arguments (an actor's name text ``q`` and ``country``, a place name ``q``,
  limits).
* anything else (country, sector, actor, text, place, review, factuality, confidence,
  article; dates for actors, places, map and network) reads the events as before.

:func:`summary_differences` recomputes every count from the events and lists where the
tables disagree; :func:`rebuild_summaries` recomputes them (``eventwire summaries``).
"""
from __future__ import annotations

import json
import logging
from collections import Counter, defaultdict
from dataclasses import fields, replace
from typing import Any, Iterable

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from eventwire.store.event_counts import INTERVALS, actor_node, actor_page, period_of
from eventwire.store.filters import MAX_LIMIT, EventFilter, _like_pattern
from eventwire.store.summary_tables import (JOURNAL_COLUMNS, SUMMARY_TABLES, summary_actors, summary_dates,
                                            summary_edges, summary_journal, summary_places, summary_sides)
from eventwire.store.tables import events

log = logging.getLogger(__name__)

PAGE = 5_000  # journal rows (or events) read at a time
# table -> (its key columns after event_type/rejected are appended, its count columns)
KEYS = {
    "summary_dates": (("date",), ("n",)),
    "summary_actors": (("name", "country", "sector"), ("as_actor", "as_recipient", "events")),
    "summary_places": (("name", "country", "admin1", "precision", "lat", "lon"), ("n",)),
    "summary_edges": (("source", "target", "people"), ("n",)),
    "summary_sides": (("facet", "side", "code"), ("n",)),
}
# EventFilter side field -> (facet, side) of summary_sides
SIDE_FIELDS = {"country": ("country", "either"), "actor_country": ("country", "actor"),
               "recipient_country": ("country", "recipient"), "sector": ("sector", "either"),
               "actor_sector": ("sector", "actor"), "recipient_sector": ("sector", "recipient")}
TABLES = {t.name: t for t in SUMMARY_TABLES}
Deltas = dict[str, dict[tuple, list[int]]]  # table -> key values -> count changes


# -- what one event adds -------------------------------------------------------------------------

def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def add_event(deltas: Deltas, row: Any, sign: int = 1) -> None:
    """Add ``sign`` times the counts of one live event (a mapping with :data:`JOURNAL_COLUMNS`) to ``deltas``.

    The same rules as the queries over the events (``EventCounts``): an entity counts by its
    ``name``, or its ``text`` where it has no name; a place needs a place name; an edge joins each
    distinct actor node to each distinct recipient node (``event_counts.actor_node``; once with people
    as their own nodes, once with people counted for their country), and only events with a
    country on both sides have edges.
    """
    tail = (row["event_type"], row["review_status"] == "rejected")

    def bump(table: str, key: tuple, values: tuple[int, ...]) -> None:
        have = deltas[table].setdefault(key + tail, [0] * len(values))
        for i, v in enumerate(values):
            have[i] += sign * v

    bump("summary_dates", (row["date"],), (1,))
    seen: dict[tuple, list[int]] = {}
    wanted_edges = row["actor_countries"] is not None and row["recipient_countries"] is not None
    nodes: dict[bool, tuple[set[str], set[str]]] = {False: (set(), set()), True: (set(), set())}
    for i, column in enumerate(("actors", "recipients")):
        for e in row[column] or []:
            if not isinstance(e, dict):
                continue
            name = _text(e.get("name"))
            name = name if name is not None else _text(e.get("text"))
            if name is not None:
                seen.setdefault((name, _text(e.get("country")), _text(e.get("sector"))), [0, 0])[i] += 1
            if wanted_edges:
                for people in (False, True):
                    node = actor_node(name, _text(e.get("country")), _text(e.get("wikidata")), people=people)
                    if node is not None:
                        nodes[people][i].add(node)
    for key, (as_actor, as_recipient) in seen.items():
        bump("summary_actors", key, (as_actor, as_recipient, 1))
    if row["location_name"] is not None:
        loc = row["location"] if isinstance(row["location"], dict) else {}
        bump("summary_places", (row["location_name"], _text(loc.get("country")), _text(loc.get("admin1")),
                                _text(loc.get("precision")), _number(loc.get("lat")), _number(loc.get("lon"))), (1,))
    for people, (sources, targets) in nodes.items():
        for source in sources:
            for target in targets:
                bump("summary_edges", (source, target, people), (1,))
    _add_sides(bump, row)


def _add_sides(bump, row: Any) -> None:
    """The event's ``summary_sides`` rows: the countries and sectors of its entities (as ``event_sides``:
    ``rows.event_side_rows``) per side and on either side, and each (actor country, recipient country) pair."""
    codes: dict[str, dict[str, set[str]]] = {"country": {"actor": set(), "recipient": set()},
                                             "sector": {"actor": set(), "recipient": set()}}
    for side, column in (("actor", "actors"), ("recipient", "recipients")):
        for e in row[column] or []:
            if isinstance(e, dict):
                for facet in codes:
                    code = _text(e.get(facet))
                    if code:
                        codes[facet][side].add(code)
    for facet, by_side in codes.items():
        for side, found in by_side.items():
            for code in found:
                bump("summary_sides", (facet, side, code), (1,))
        for code in by_side["actor"] | by_side["recipient"]:
            bump("summary_sides", (facet, "either", code), (1,))
    for a in codes["country"]["actor"]:
        for r in codes["country"]["recipient"]:
            bump("summary_sides", ("country_pair", "pair", pair_code(a, r)), (1,))


def pair_code(actor_country: str, recipient_country: str) -> str:
    """``summary_sides.code`` of an (actor country, recipient country) pair."""
    return json.dumps([actor_country, recipient_country], ensure_ascii=False, separators=(",", ":"))


def _empty() -> Deltas:
    return {name: {} for name in KEYS}


# -- keeping the tables --------------------------------------------------------------------------

def _row_key(key: tuple) -> str:
    return json.dumps(list(key), ensure_ascii=False, separators=(",", ":"))


def _write_deltas(conn: sa.Connection, deltas: Deltas, only: Iterable[str] | None = None) -> int:
    """Add ``deltas`` to the tables (``only`` these, if given; insert or add; rows that reach 0 are deleted);
    rows touched."""
    dialect = conn.dialect.name
    touched = 0
    for name, changes in deltas.items():
        if only is not None and name not in only:
            continue
        table = TABLES[name]
        key_columns, count_columns = KEYS[name]
        columns = key_columns + ("event_type", "rejected")
        rows, shrunk = [], []
        for key, values in sorted(changes.items(), key=lambda kv: _row_key(kv[0])):  # one lock order
            if not any(values):
                continue
            rows.append({"key": _row_key(key), **dict(zip(columns, key)), **dict(zip(count_columns, values))})
            if any(v < 0 for v in values):
                shrunk.append(rows[-1]["key"])
        if not rows:
            continue
        insert = (sqlite.insert if dialect == "sqlite" else postgresql.insert)(table)
        conn.execute(insert.on_conflict_do_update(
            index_elements=["key"], set_={c: table.c[c] + insert.excluded[c] for c in count_columns}), rows)
        for i in range(0, len(shrunk), PAGE):
            conn.execute(table.delete().where(table.c.key.in_(shrunk[i : i + PAGE]), table.c[count_columns[-1]] <= 0))
        touched += len(rows)
    return touched


def apply_journal(conn: sa.Connection, only: Iterable[str] | None = None) -> int:
    """Fold ``summary_journal`` into the summary tables (``only`` these, if given: a migration names the
    tables that exist at its revision) and empty it, in the caller's transaction.

    Returns how many journal rows were folded (0, one cheap query, when nothing changed).
    """
    deltas, last, folded = _empty(), None, 0
    while True:
        query = sa.select(summary_journal).order_by(summary_journal.c.seq).limit(PAGE)
        if last is not None:
            query = query.where(summary_journal.c.seq > last)
        page = conn.execute(query).all()
        for r in page:
            add_event(deltas, r._mapping, r.sign)
            newest = r.seq
        folded += len(page)
        if len(page) < PAGE:
            break
        last = page[-1].seq
    if folded:
        _write_deltas(conn, deltas, only)
        conn.execute(summary_journal.delete().where(summary_journal.c.seq <= newest))
        log.debug("summaries: folded %d journal rows", folded)
    return folded


def _live_events(conn: sa.Connection) -> Iterable[Any]:
    """Every live event's summary columns, in pages by id."""
    cols = [events.c.id] + [events.c[c] for c in JOURNAL_COLUMNS]
    last = None
    while True:
        query = sa.select(*cols).where(events.c.merged_into.is_(None)).order_by(events.c.id).limit(PAGE)
        if last is not None:
            query = query.where(events.c.id > last)
        page = conn.execute(query).all()
        yield from (r._mapping for r in page)
        if len(page) < PAGE:
            return
        last = page[-1].id


def rebuild_summaries(conn: sa.Connection, only: Iterable[str] | None = None) -> int:
    """Recompute every summary count (``only`` these tables, if given: a migration's back-fill of a new one)
    from the events, in the caller's write transaction; live events counted.

    With ``only``, the journal must be empty (fold it into the other tables first, ``apply_journal``): its
    rows are in the events already, so folding it later would count them twice in ``only``."""
    if only is not None and conn.execute(sa.select(summary_journal.c.seq).limit(1)).first() is not None:
        raise RuntimeError("fold summary_journal before rebuilding some summary tables")
    for table in SUMMARY_TABLES:
        if only is None or table.name in only:
            conn.execute(table.delete())
    conn.execute(summary_journal.delete())
    deltas, n = _empty(), 0
    for row in _live_events(conn):
        add_event(deltas, row)
        n += 1
    _write_deltas(conn, deltas, only)
    return n


def summary_differences(conn: sa.Connection, *, limit: int = 20) -> dict[str, list[dict[str, Any]]]:
    """Where the summary tables (plus any journal rows not folded yet) disagree with a recount of the events.

    ``{table: [{key, expected, stored}]}``, at most ``limit`` per table; empty when all agree.
    Run it in one transaction (``Store.verify_summaries`` does) so events and counts are one snapshot.
    """
    expected = _empty()
    for row in _live_events(conn):
        add_event(expected, row)
    stored = _empty()
    for r in conn.execute(sa.select(summary_journal)):
        add_event(stored, r._mapping, r.sign)
    for name, table in TABLES.items():
        key_columns, count_columns = KEYS[name]
        columns = key_columns + ("event_type", "rejected")
        for r in conn.execute(sa.select(table)):
            m = r._mapping
            key = tuple(bool(m[c]) if c in ("people", "rejected") else m[c] for c in columns)
            have = stored[name].setdefault(key, [0] * len(count_columns))
            for i, c in enumerate(count_columns):
                have[i] += m[c]
    out: dict[str, list[dict[str, Any]]] = {}
    for name in KEYS:
        want = {k: v for k, v in expected[name].items() if any(v)}
        got = {k: v for k, v in stored[name].items() if any(v)}
        wrong = [{"key": list(k), "expected": want.get(k), "stored": got.get(k)}
                 for k in sorted(set(want) | set(got), key=_row_key) if want.get(k) != got.get(k)]
        if wrong:
            out[name] = wrong[:limit]
    return out


# -- reading -------------------------------------------------------------------------------------

_ALWAYS = {"types", "include_rejected"}
_DATES = {"date_from", "date_to"}


def served_from_tables(f: EventFilter, *, dates: bool) -> bool:
    """Whether a summary with filter ``f`` is answered from the tables (see the module's docstring)."""
    allowed = _ALWAYS | (_DATES if dates else set())
    for field in fields(f):
        value = getattr(f, field.name)
        if field.name not in allowed and value not in (None, (), "") and not (field.name == "q" and not value.strip()):
            return False
    return True


def side_row(f: EventFilter) -> tuple[str, str, str] | None:
    """The ``summary_sides`` (facet, side, code) that counts the events of ``f``, if one does: ``f`` asks
    for one side filter (or an actor country and a recipient country) and otherwise only for types and
    whether rejected events count."""
    asked = {name: getattr(f, name) for name in SIDE_FIELDS if getattr(f, name)}
    if not asked or not served_from_tables(replace(f, **{name: None for name in SIDE_FIELDS}), dates=False):
        return None
    if len(asked) == 1:
        (name, code), = asked.items()
        return (*SIDE_FIELDS[name], code)
    if asked.keys() == {"actor_country", "recipient_country"}:
        return ("country_pair", "pair", pair_code(f.actor_country, f.recipient_country))
    return None


def _where(table: sa.Table, f: EventFilter) -> list[sa.ColumnElement]:
    where = []
    if f.types:
        where.append(table.c.event_type.in_(f.types))
    if not f.include_rejected:
        where.append(table.c.rejected == sa.false())
    if f.date_from:
        where.append(table.c.date >= f.date_from)
    if f.date_to:
        where.append(table.c.date <= f.date_to + "~")  # as EventQueries: "2024-03" keeps all of March
    return where


class SummaryQueries:
    """The summaries, from the tables where the filter allows; mixed into ``Store`` before ``EventCounts``."""

    _engine: sa.Engine
    dialect: str

    def _summary_rows(self, query: sa.Select) -> list[Any]:
        with self._engine.connect() as conn:
            return conn.execute(query).all()

    def count_events(self, *, filters: EventFilter = EventFilter(), cap: int | None = None) -> int:
        sides = side_row(filters)
        if sides is not None:  # one side filter (or a country pair) with types: summary_sides
            s = summary_sides
            facet, side, code = sides
            where = [s.c.facet == facet, s.c.code == code, s.c.side == side, *_where(s, filters)]
        elif served_from_tables(filters, dates=True):
            s = summary_dates
            where = _where(s, filters)
        else:
            return super().count_events(filters=filters, cap=cap)
        n = self._summary_rows(sa.select(sa.func.coalesce(sa.func.sum(s.c.n), 0)).where(*where))[0][0]
        return int(n) if cap is None else min(int(n), cap)

    def counts_by_type(self, *, filters: EventFilter = EventFilter()) -> dict[str, int]:
        if not served_from_tables(filters, dates=True):
            return super().counts_by_type(filters=filters)
        s = summary_dates
        n = sa.func.sum(s.c.n).label("n")
        query = (sa.select(s.c.event_type, n).where(*_where(s, filters)).group_by(s.c.event_type)
                 .order_by(n.desc(), s.c.event_type))
        return {t: int(c) for t, c in self._summary_rows(query)}

    def counts_over_time(self, *, filters: EventFilter = EventFilter(), interval: str = "week") -> list[dict[str, Any]]:
        if not served_from_tables(filters, dates=True) or interval not in INTERVALS:
            return super().counts_over_time(filters=filters, interval=interval)
        s = summary_dates
        width = {"day": 10, "week": 10, "month": 7, "year": 4}[interval]
        precise = sa.func.substr(s.c.date, 1, width)
        if interval == "week" and self.dialect == "sqlite":  # the Monday, in SQL: a week's rows, not a day's
            precise = sa.func.date(precise, "-6 days", "weekday 1")
        period = sa.case((sa.func.length(s.c.date) >= width, precise), else_=s.c.date)
        query = (sa.select(period, s.c.event_type, sa.func.sum(s.c.n))
                 .where(*_where(s, filters), s.c.date.is_not(None)).group_by(period, s.c.event_type))
        counts: Counter = Counter()
        buckets: dict[str, tuple[str, str] | None] = {}
        for p, event_type, n in self._summary_rows(query):
            if p not in buckets:
                buckets[p] = period_of(p, interval)
            if buckets[p] is not None:
                counts[(buckets[p], event_type)] += int(n)
        return [{"period": p, "precision": precision, "event_type": t, "count": n}
                for ((p, precision), t), n in sorted(counts.items())]

    def actor_counts(self, *, filters: EventFilter = EventFilter(), q: str | None = None, country: str | None = None,
                     limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        if not served_from_tables(filters, dates=False):
            return super().actor_counts(filters=filters, q=q, country=country, limit=limit, offset=offset)
        s = summary_actors
        limit = max(1, min(int(limit), MAX_LIMIT))
        total = sa.func.sum(s.c.events).label("events")
        query = sa.select(s.c.name, s.c.country, s.c.sector, sa.func.sum(s.c.as_actor).label("as_actor"),
                          sa.func.sum(s.c.as_recipient).label("as_recipient"), total).where(*_where(s, filters))
        query = actor_page(query, s, total, q=q, country=country, limit=limit, offset=offset)
        return [{**r._mapping, "as_actor": int(r.as_actor), "as_recipient": int(r.as_recipient),
                 "events": int(r.events)} for r in self._summary_rows(query)]

    def place_counts(self, *, filters: EventFilter = EventFilter(), q: str | None = None,
                     limit: int = 1000) -> list[dict[str, Any]]:
        if not served_from_tables(filters, dates=False):
            return super().place_counts(filters=filters, q=q, limit=limit)
        s = summary_places
        limit = max(1, min(int(limit), 5000))
        cols = [s.c.name, s.c.country, s.c.admin1, s.c.precision, s.c.lat, s.c.lon]
        n = sa.func.sum(s.c.n).label("count")
        query = sa.select(*cols, n).where(*_where(s, filters))
        if q:
            query = query.where(s.c.name.ilike(_like_pattern(q.strip()), escape="\\"))
        query = query.group_by(*cols).order_by(n.desc(), s.c.name).limit(limit)
        return [{**r._mapping, "count": int(r.count)} for r in self._summary_rows(query)]

    def map_points(self, *, filters: EventFilter = EventFilter(), limit: int = 2000) -> list[dict[str, Any]]:
        if not served_from_tables(filters, dates=False):
            return super().map_points(filters=filters, limit=limit)
        s = summary_places
        cols = [s.c.name, s.c.country, s.c.precision, s.c.lat, s.c.lon, s.c.event_type]
        query = (sa.select(*cols, sa.func.sum(s.c.n))
                 .where(*_where(s, filters), s.c.lat.is_not(None), s.c.lon.is_not(None)).group_by(*cols))
        points: dict[tuple, dict[str, Any]] = {}
        for name, country, precision, la, lo, event_type, n in self._summary_rows(query):
            p = points.setdefault((name, country, precision, la, lo), {
                "name": name, "country": country, "precision": precision, "lat": la, "lon": lo, "count": 0,
                "by_type": {}})
            p["count"] += int(n)
            p["by_type"][event_type] = p["by_type"].get(event_type, 0) + int(n)
        return sorted(points.values(), key=lambda p: (-p["count"], p["name"]))[: max(1, int(limit))]

    def network_edges(self, *, filters: EventFilter = EventFilter(), limit: int = 300,
                      people: bool = False) -> list[dict[str, Any]]:
        if not served_from_tables(filters, dates=False):
            return super().network_edges(filters=filters, limit=limit, people=people)
        s = summary_edges
        where = [*_where(s, filters), s.c.people == (sa.true() if people else sa.false())]
        total = sa.func.sum(s.c.n)
        top = (sa.select(s.c.source, s.c.target).where(*where).group_by(s.c.source, s.c.target)
               .order_by(total.desc(), s.c.source, s.c.target).limit(max(1, int(limit))).subquery())
        query = (sa.select(s.c.source, s.c.target, s.c.event_type, total)
                 .join(top, sa.and_(top.c.source == s.c.source, top.c.target == s.c.target))
                 .where(*where).group_by(s.c.source, s.c.target, s.c.event_type))
        edges: dict[tuple[str, str], dict[str, Any]] = {}
        by_type: dict[tuple[str, str], Counter] = defaultdict(Counter)
        for source, target, event_type, n in self._summary_rows(query):
            edge = edges.setdefault((source, target), {"source": source, "target": target, "count": 0})
            edge["count"] += int(n)
            by_type[(source, target)][event_type] += int(n)
        for k, edge in edges.items():
            edge["by_type"] = dict(by_type[k])
        return sorted(edges.values(), key=lambda e: (-e["count"], e["source"], e["target"]))[: max(1, int(limit))]

    # -- checking -------------------------------------------------------------------------------

    def verify_summaries(self, *, limit: int = 20) -> dict[str, list[dict[str, Any]]]:
        """Recount every summary from the events and list where the tables disagree (empty: all agree)."""
        with self._engine.connect() as conn:
            if self.dialect == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                return summary_differences(conn, limit=limit)

    def rebuild_summaries(self) -> int:
        """Recompute every summary count from the events (one write transaction); how many events count."""
        with self._write() as conn:  # type: ignore[attr-defined]
            return rebuild_summaries(conn)
