"""The store: articles and their events in SQLite (default) or PostgreSQL.

This is the only module of eventwire that speaks SQL.  Every write is one
transaction; batches are written with executemany-style inserts and one
existence query per batch (per 5,000 ids), so re-ingesting the same content adds
nothing and costs little.  Reads page through the tables by primary key, so no
read transaction stays open while the caller works on what it got.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from eventwire.config import normalise_db_url
from eventwire.errors import StoreError
from eventwire.schema import Article, Event
from eventwire.store.engine import WRITE_OPTION, create_store_engine, upgrade_to_head
from eventwire.store.feeds_sql import FeedsSQL
from eventwire.store.merging import MergingMixin, reset_merge_state
from eventwire.store.members_sql import MembersSQL
from eventwire.store.queries import EventQueries, delete_event_sides, write_event_sides
from eventwire.store.rows import article_from_row, article_row, event_export_dict, event_row
from eventwire.store.tables import TABLES, articles, events

log = logging.getLogger(__name__)

ID_CHUNK = 5_000  # ids per IN (...) query; far below SQLite's 32,766 variables


@dataclass
class SaveResult:
    new_articles: int = 0
    skipped_articles: int = 0
    new_events: int = 0


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def open_store(url: str | Path | None = None) -> "Store":
    """Open (and create or upgrade to the newest schema) the store at ``url``.

    ``url`` is a SQLAlchemy URL or a bare path (``events.db``); ``None`` means
    the configured default (``Settings().db``, ``EVENTWIRE_DB``).
    """
    url = normalise_db_url(str(url) if url is not None else None)
    engine = create_store_engine(url)
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:" and not database.startswith("file:"):
        parent = Path(database).expanduser().resolve().parent
        if not parent.is_dir():
            engine.dispose()
            raise StoreError(f"cannot create database {database}: folder {parent} does not exist")
    try:
        upgrade_to_head(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)


class Store(MembersSQL, FeedsSQL, MergingMixin, EventQueries):
    """Articles and events; a context manager that closes its connections on exit."""

    def __init__(self, engine: sa.Engine):
        self._engine = engine
        self.url = engine.url.render_as_string(hide_password=True)
        self.dialect = engine.dialect.name

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    def close(self) -> None:
        self._engine.dispose()

    # -- plumbing ---------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        """One write transaction: committed on success, rolled back on any exception."""
        with self._engine.connect() as conn:
            conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                yield conn

    def _insert_new(self, table: sa.Table) -> sa.Insert:
        """INSERT that skips rows whose primary key exists (a race with another writer)."""
        if self.dialect == "sqlite":
            return sqlite.insert(table).on_conflict_do_nothing(index_elements=["id"])
        if self.dialect == "postgresql":
            return postgresql.insert(table).on_conflict_do_nothing(index_elements=["id"])
        return table.insert()

    @staticmethod
    def _existing_ids(conn: sa.Connection, table: sa.Table, ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(list(ids), ID_CHUNK):
            found.update(conn.execute(sa.select(table.c.id).where(table.c.id.in_(chunk))).scalars())
        return found

    # -- writing ----------------------------------------------------------------------------

    def save(
        self,
        batch: list[tuple[Article, list[Event] | None]],
        *,
        coder_version: str | None = None,
    ) -> SaveResult:
        """Save a batch of articles, each with its events or ``None`` (not coded yet).

        New article ids are inserted, known ones skipped.  Where events are given the
        article is marked coded and its machine events replaced (reviewed events are
        kept).  The whole batch is one transaction: all of it is stored or none.
        """
        now = _now()
        fresh: dict[str, Article] = {}
        coded: dict[str, list[Event]] = {}
        for article, article_events in batch:
            fresh.setdefault(article.id, article)
            if article_events is not None:
                coded[article.id] = list(article_events)
        with self._write() as conn:
            known = self._existing_ids(conn, articles, fresh)
            rows = [article_row(a, ingested_at=now) for i, a in fresh.items() if i not in known]
            if rows:
                conn.execute(self._insert_new(articles), rows)
            new_events = self._replace_events(conn, coded, coder_version=coder_version, now=now)
        result = SaveResult(len(rows), len(batch) - len(rows), new_events)
        log.debug("saved batch of %d: %s", len(batch), result)
        return result

    def replace_machine_events(self, article_id: str, events: list[Event], *, coder_version: str) -> int:
        """Re-code one article: its unreviewed events give way to ``events``; returns how many were added.

        Events with a review are never deleted or overwritten.
        """
        with self._write() as conn:
            if not self._existing_ids(conn, articles, [article_id]):
                raise StoreError(f"no article {article_id!r} in {self.url}")
            return self._replace_events(conn, {article_id: list(events)}, coder_version=coder_version, now=_now())

    def _replace_events(
        self,
        conn: sa.Connection,
        events_by_article: dict[str, list[Event]],
        *,
        coder_version: str | None,
        now: datetime,
    ) -> int:
        if not events_by_article:
            return 0
        ids = list(events_by_article)
        reset_merge_state(conn, ids)  # no merged_into may point at an event deleted below
        conn.execute(
            articles.update()
            .where(articles.c.id == sa.bindparam("b_id"))
            .values(coded_at=now, coder_version=coder_version),
            [{"b_id": i} for i in ids],
        )
        for chunk in _chunks(ids, ID_CHUNK):
            machine = sa.and_(events.c.article_id.in_(chunk), events.c.review.is_(None))
            delete_event_sides(conn, machine)
            conn.execute(events.delete().where(machine))
        rows: dict[str, dict[str, Any]] = {}
        for article_events in events_by_article.values():
            for event in article_events:
                row = event_row(event, coder_version=coder_version, created_at=now)
                rows.setdefault(row["id"], row)
        kept = self._existing_ids(conn, events, rows)  # reviewed events (or another article's)
        new = [row for i, row in rows.items() if i not in kept]
        if new:
            try:
                conn.execute(self._insert_new(events), new)
            except sa.exc.IntegrityError as exc:
                raise StoreError(f"events refer to an article that is not stored: {exc.orig}") from exc
            write_event_sides(conn, new)
        return len(new)

    def set_review(self, event_id: str, review: dict[str, Any] | None) -> bool:
        """Record a person's review (``{status, by, at}``) of an event; False if no such event."""
        status = review.get("status") if review else None
        with self._write() as conn:
            result = conn.execute(
                events.update().where(events.c.id == event_id).values(review=review, review_status=status)
            )
        return result.rowcount > 0

    # -- reading ----------------------------------------------------------------------------

    def existing_article_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are stored already."""
        with self._engine.connect() as conn:
            return self._existing_ids(conn, articles, ids)

    def get_article(self, article_id: str) -> Article | None:
        with self._engine.connect() as conn:
            row = conn.execute(sa.select(articles).where(articles.c.id == article_id)).first()
        return article_from_row(row) if row is not None else None

    def iter_articles(
        self,
        *,
        ids: Iterable[str] | None = None,
        uncoded_only: bool = False,
        chunk_size: int = 500,
    ) -> Iterator[Article]:
        """Stored articles, ``chunk_size`` per query; in ``ids`` order where ids are given, else by id."""
        where = [articles.c.coded_at.is_(None)] if uncoded_only else []
        if ids is not None:
            for chunk in _chunks(list(ids), chunk_size):
                query = sa.select(articles).where(articles.c.id.in_(chunk), *where)
                with self._engine.connect() as conn:
                    found = {r.id: article_from_row(r) for r in conn.execute(query)}
                yield from (found[i] for i in chunk if i in found)
            return
        for row in self._pages(articles, where, chunk_size):
            yield article_from_row(row)

    def iter_events(self, *, article_id: str | None = None, include_rejected: bool = True,
                    include_merged: bool = False, chunk_size: int = 1000) -> Iterator[dict[str, Any]]:
        """Stored events as dicts in the export shape (../shared/EVENT_SCHEMA.md), by id.

        Events merged into another report of the same happening are left out unless
        ``include_merged``; the canonical event's ``mentions`` list them.
        """
        where = [] if include_merged else [events.c.merged_into.is_(None)]
        if article_id is not None:
            where.append(events.c.article_id == article_id)
        if not include_rejected:
            where.append(sa.or_(events.c.review_status.is_(None), events.c.review_status != "rejected"))
        for row in self._pages(events, where, chunk_size):
            yield event_export_dict(row)

    def _pages(self, table: sa.Table, where: list, chunk_size: int) -> Iterator[sa.Row]:
        """Rows in primary-key order, one short query per page (keyset pagination)."""
        last: str | None = None
        while True:
            query = sa.select(table).where(*where).order_by(table.c.id).limit(chunk_size)
            if last is not None:
                query = query.where(table.c.id > last)
            with self._engine.connect() as conn:
                rows = conn.execute(query).all()
            yield from rows
            if len(rows) < chunk_size:
                return
            last = rows[-1].id

    def count(self, table: str) -> int:
        if table not in TABLES:
            raise StoreError(f"unknown table {table!r}; the store has {', '.join(TABLES)}")
        t = TABLES[table]
        with self._engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()

    def stats(self) -> dict[str, Any]:
        """Counts: articles, events, articles by source / published day / input format, events by type.

        Keys are the stored values; ``None`` collects articles where the value is unknown.
        ``by_day`` is sorted by day, the others by count (largest first).
        """
        def grouped(conn: sa.Connection, column: sa.Column, *, by_key: bool = False) -> dict:
            n = sa.func.count().label("n")
            order = [column] if by_key else [n.desc(), column]
            query = sa.select(column, n).group_by(column).order_by(*order)
            return {key: count for key, count in conn.execute(query)}

        with self._engine.connect() as conn:
            return {
                "articles": conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one(),
                "events": conn.execute(sa.select(sa.func.count()).select_from(events)).scalar_one(),
                "by_source": grouped(conn, articles.c.source),
                "by_day": grouped(conn, articles.c.published, by_key=True),
                "by_format": grouped(conn, articles.c.format),
                "by_event_type": grouped(conn, events.c.event_type),
            }
