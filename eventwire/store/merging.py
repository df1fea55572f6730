"""The store's side of event merging (revision 0002): reading and writing merge state.

``MergingMixin`` is mixed into ``Store``; ``reset_merge_state`` is called by
``Store._replace_events`` inside its transaction, so re-coding an article never
leaves a ``merged_into`` pointing at a deleted event: every cluster that an
article's events belong to is taken apart (its events go back to "never merged")
and the next ``eventwire merge`` builds it again.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

import sqlalchemy as sa

from eventwire.store.tables import articles, events

log = logging.getLogger(__name__)

ID_CHUNK = 5_000
_EVENT_MERGE_COLUMNS = (
    "id", "article_id", "event_type", "actors", "recipients", "date", "location", "factuality",
    "evidence_start", "evidence_end", "mentions", "merged_into", "source_count", "review_status",
)


def _chunks(items: list, size: int = ID_CHUNK) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _reset_rows(conn: sa.Connection, where) -> int:
    """Put the events matching ``where`` back to the never-merged state (mentions: their own
    evidence span); returns how many."""
    pg = conn.dialect.name == "postgresql"
    array, obj = (sa.func.json_build_array, sa.func.json_build_object) if pg else (sa.func.json_array, sa.func.json_object)
    own = array(obj("article_id", events.c.article_id, "start", events.c.evidence_start, "end", events.c.evidence_end))
    values = {"merged_into": None, "source_count": None, "mentions": own}
    return conn.execute(events.update().where(where).values(**values)).rowcount


def reset_merge_state(conn: sa.Connection, article_ids: Iterable[str]) -> int:
    """Take apart every cluster that holds an event of ``article_ids`` (in the caller's transaction)."""
    heads: set[str] = set()
    for chunk in _chunks(list(article_ids)):
        query = sa.select(events.c.id, events.c.merged_into, events.c.source_count).where(
            events.c.article_id.in_(chunk),
            sa.or_(events.c.merged_into.is_not(None), events.c.source_count.is_not(None)),
        )
        for row in conn.execute(query):
            heads.add(row.merged_into or row.id)
    reset = 0
    for chunk in _chunks(sorted(heads)):
        reset += _reset_rows(conn, sa.or_(events.c.id.in_(chunk), events.c.merged_into.in_(chunk)))
    if reset:
        log.debug("re-coding took apart %d clusters (%d events)", len(heads), reset)
    return reset


def _write_article_states(conn: sa.Connection, states: dict[str, dict[str, Any]]) -> None:
    if not states:
        return
    rows = [{"b_id": aid, "fingerprint": s["fingerprint"], "duplicate_of": s["duplicate_of"]}
            for aid, s in states.items()]
    conn.execute(
        articles.update().where(articles.c.id == sa.bindparam("b_id"))
        .values(fingerprint=sa.bindparam("fingerprint"), duplicate_of=sa.bindparam("duplicate_of")),
        rows,
    )


def _write_event_states(conn: sa.Connection, states: dict[str, dict[str, Any]]) -> None:
    if not states:
        return
    rows = [{"b_id": eid, "merged_into": s["merged_into"], "source_count": s["source_count"],
             "mentions": s["mentions"]} for eid, s in states.items()]
    conn.execute(
        events.update().where(events.c.id == sa.bindparam("b_id"))
        .values(merged_into=sa.bindparam("merged_into"), source_count=sa.bindparam("source_count"),
                mentions=sa.bindparam("mentions", type_=events.c.mentions.type)),
        rows,
    )


class MergingMixin:
    """Store methods used by ``eventwire.merger``; ``self._engine`` and ``self._write`` come from Store."""

    def iter_unfingerprinted_articles(self, *, chunk_size: int = 500) -> Iterator[tuple[str, str]]:
        """``(id, text)`` of the articles that have no near-duplicate fingerprint yet, by id."""
        last: str | None = None
        while True:
            query = (
                sa.select(articles.c.id, articles.c.text)
                .where(articles.c.fingerprint.is_(None))
                .order_by(articles.c.id)
                .limit(chunk_size)
            )
            if last is not None:
                query = query.where(articles.c.id > last)
            with self._engine.connect() as conn:
                rows = conn.execute(query).all()
            yield from ((r.id, r.text) for r in rows)
            if len(rows) < chunk_size:
                return
            last = rows[-1].id

    def article_merge_rows(self) -> dict[str, dict[str, Any]]:
        """Article id -> ``{id, published, source, fingerprint, duplicate_of}`` for every article."""
        columns = [articles.c[c] for c in ("id", "published", "source", "fingerprint", "duplicate_of")]
        with self._engine.connect() as conn:
            return {r.id: dict(r._mapping) for r in conn.execute(sa.select(*columns))}

    def event_merge_rows(self) -> list[dict[str, Any]]:
        """Every event, with the columns merging needs (``evidence_start``/``end`` flat), by id."""
        columns = [events.c[c] for c in _EVENT_MERGE_COLUMNS]
        with self._engine.connect() as conn:
            rows = conn.execute(sa.select(*columns).order_by(events.c.id))
            return [dict(r._mapping) for r in rows]

    def merge_pending(self, *, excluded_statuses: Iterable[str] = ()) -> int:
        """How many events wait for a merge: never merged (and not excluded), excluded but still
        merged, or pointing at an event that is gone."""
        excluded = list(excluded_statuses)
        unmerged = sa.and_(events.c.merged_into.is_(None), events.c.source_count.is_(None))
        is_excluded = events.c.review_status.in_(excluded) if excluded else sa.false()
        canonical = events.alias("canonical")
        dangling = sa.and_(
            events.c.merged_into.is_not(None),
            ~sa.exists().where(canonical.c.id == events.c.merged_into),
        )
        waiting = sa.or_(
            sa.and_(unmerged, sa.or_(events.c.review_status.is_(None), ~is_excluded)),
            sa.and_(~unmerged, is_excluded),
            dangling,
        )
        with self._engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(events).where(waiting)).scalar_one()

    def merge_waiting(self, *, excluded_statuses: Iterable[str] = ()) -> bool:
        """True when a merge pass has work: an article without a fingerprint, or events waiting
        (``merge_pending``) -- also after a run that stopped before or during its merge."""
        query = sa.select(articles.c.id).where(articles.c.fingerprint.is_(None)).limit(1)
        with self._engine.connect() as conn:
            if conn.execute(query).first() is not None:
                return True
        return self.merge_pending(excluded_statuses=excluded_statuses) > 0

    def save_merge_state(self, article_states: dict[str, dict[str, Any]],
                         event_states: dict[str, dict[str, Any]]) -> tuple[int, int]:
        """Write ``{fingerprint, duplicate_of}`` per article id and ``{merged_into, source_count,
        mentions}`` per event id, in one transaction: a merge killed midway leaves either all of
        it or none, and the next pass (``merge_waiting``) redoes it."""
        def work() -> None:
            with self._write() as conn:
                _write_article_states(conn, article_states)
                _write_event_states(conn, event_states)

        self.retrying(work)
        return len(article_states), len(event_states)

    def save_article_merge_state(self, states: dict[str, dict[str, Any]]) -> int:
        """Write ``{fingerprint, duplicate_of}`` per article id; one transaction."""
        return self.save_merge_state(states, {})[0]

    def save_event_merge_state(self, states: dict[str, dict[str, Any]]) -> int:
        """Write ``{merged_into, source_count, mentions}`` per event id; one transaction."""
        return self.save_merge_state({}, states)[1]

    def clear_merge_state(self) -> None:
        """Forget every merge: fingerprints, copies, clusters (``eventwire merge --rebuild``)."""
        with self._write() as conn:
            conn.execute(articles.update().values(fingerprint=None, duplicate_of=None))
            _reset_rows(conn, sa.true())

    def merge_state(self) -> dict[str, dict[str, Any]]:
        """Event id -> ``{merged_into, source_count, mentions}``: what ``merge`` last wrote."""
        query = sa.select(events.c.id, events.c.merged_into, events.c.source_count, events.c.mentions)
        with self._engine.connect() as conn:
            return {
                r.id: {"merged_into": r.merged_into, "source_count": r.source_count, "mentions": r.mentions or []}
                for r in conn.execute(query.order_by(events.c.id))
            }

    def duplicate_articles(self) -> dict[str, str]:
        """Article id -> the article it is a syndicated copy of."""
        query = sa.select(articles.c.id, articles.c.duplicate_of).where(articles.c.duplicate_of.is_not(None))
        with self._engine.connect() as conn:
            return {r.id: r.duplicate_of for r in conn.execute(query)}
