"""The summaries counted over the events a filter keeps: by type, over time, actors, places, map points and
who acts on whom (``EventCounts``, on ``queries.EventQueries``' filters).

``summaries.SummaryQueries`` answers these from the summary tables where the filter allows and falls back to
the counts here.  ``period_of`` puts a stored date in its bucket of the counts over time (a date less precise
than the interval stays in its own); ``actor_node`` and ``parse_node`` are the network's node ids.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date as Date
from datetime import timedelta
from typing import Any

import sqlalchemy as sa

from eventwire.store.filters import MAX_LIMIT, EventFilter, _like_pattern
from eventwire.store.queries import EventQueries
from eventwire.store.tables import events

INTERVALS = ("day", "week", "month", "year")


def week_start(day: str) -> str | None:
    """The Monday of the ISO week of ``day`` (YYYY-MM-DD), or None for a date without a day."""
    try:
        d = Date.fromisoformat(day)
    except (TypeError, ValueError):
        return None
    return (d - timedelta(days=d.weekday())).isoformat()


def actor_page(query, table, total, *, q: str | None, country: str | None, limit: int, offset: int):
    """An actor-count query narrowed to a name search and a country, grouped by actor and ordered by events
    (the same page whether counted over the events or read from the summary table)."""
    if q:
        query = query.where(table.c.name.ilike(_like_pattern(q.strip()), escape="\\"))
    if country:
        query = query.where(table.c.country == country)
    return (query.group_by(table.c.name, table.c.country, table.c.sector)
            .order_by(total.desc(), table.c.name, table.c.country, table.c.sector).limit(limit)
            .offset(max(0, int(offset))))


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


class EventCounts(EventQueries):
    """The summaries over the events, for the web app and the JSON API; mixed into ``Store``."""

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
        query = actor_page(query, u, total, q=q, country=country, limit=limit, offset=offset)
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
    """The network node an entity belongs to (see :meth:`EventCounts.network_edges`), or None."""
    from eventwire.resolve.actor_gazetteers import actor_kind

    kind = actor_kind(name, country, wikidata)
    if kind == "organisation" or (kind == "person" and people):
        return f"{'org' if kind == 'organisation' else 'person'}:{country or ''}:{name}"
    return country or None


def parse_node(node: str) -> dict[str, Any]:
    """A node id of :meth:`EventCounts.network_edges` as ``{kind, code, name}`` (kind: country, organisation,
    person; ``name`` None for a country)."""
    kind, sep, rest = node.partition(":")
    if not sep:
        return {"kind": "country", "code": node, "name": None}
    code, _, name = rest.partition(":")
    return {"kind": "organisation" if kind == "org" else "person", "code": code or None, "name": name}
