"""The store: articles and their events in SQLite (default) or PostgreSQL.

This is the only module of eventwire that speaks SQL.  Every write is one
transaction; batches are written with executemany-style inserts and one
existence query per batch (per 5,000 ids), so re-ingesting the same content adds
nothing and costs little.  Reads page through the tables by primary key, so no
read transaction stays open while the caller works on what it got.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from eventwire.config import get_settings, normalise_db_url
from eventwire.errors import StoreError, StoreWriteError
from eventwire.killpoints import checkpoint
from eventwire.schema import Article, Event
from eventwire.store.engine import WRITE_OPTION, create_store_engine, upgrade_to_head
from eventwire.store.event_counts import EventCounts
from eventwire.store.feeds_sql import FeedsSQL
from eventwire.store.merging import MergingMixin, reset_merge_state
from eventwire.store.members_sql import MembersSQL
from eventwire.store.summaries import SummaryQueries, apply_journal
from eventwire.store.summary_cache import SummaryCache
from eventwire.store.rows import article_from_row, article_row, event_export_dict, event_row
from eventwire.store.sides import delete_event_sides, write_event_sides
from eventwire.store.tables import TABLES, articles, events

log = logging.getLogger(__name__)

ID_CHUNK = 5_000  # ids per IN (...) query; far below SQLite's 32,766 variables
_LOCK_WORDS = ("database is locked", "database table is locked", "deadlock detected", "lock timeout",
               "could not obtain lock")
T = TypeVar("T")


def _reason(exc: BaseException) -> str:
    """The driver's own message, on one line and bounded (never the statement or its values)."""
    orig = getattr(exc, "orig", None) or exc
    return " ".join(str(orig).split())[:300]


def _is_lock_error(exc: sa.exc.OperationalError) -> bool:
    message = str(getattr(exc, "orig", exc)).lower()
    return any(word in message for word in _LOCK_WORDS)


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


class Store(MembersSQL, FeedsSQL, MergingMixin, SummaryQueries, EventCounts, SummaryCache):
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
        self.close_summary_cache()
        self._engine.dispose()

    # -- plumbing ---------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        """One write transaction: committed on success, rolled back on any exception.

        Before it commits, the summary counts take in what the transaction changed in the
        events (``store.summaries.apply_journal``), so counts and events commit together.
        """
        with self._engine.connect() as conn:
            conn.execution_options(**{WRITE_OPTION: True})
            try:
                with conn.begin():
                    yield conn
                    apply_journal(conn)
                    checkpoint("summaries")  # test-only kill point: events and counts written, not committed
            finally:
                self._bump_generation()  # cached summaries are recomputed (store.summary_cache)

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

        New article ids are inserted, known ones skipped.  Where events are given and the
        article is not coded yet, the article is marked coded and its machine events replaced
        (reviewed events are kept); an article another writer coded first keeps that writer's
        events (re-coding is ``replace_machine_events``).  Counts are of what this call added.
        The whole batch is one transaction: all of it is stored or none.  A locked database is
        retried with backoff (``retrying``); a write the database refuses for a value in it
        raises ``StoreWriteError``.
        """
        return self.retrying(lambda: self._save(batch, coder_version=coder_version))

    def _save(self, batch: list[tuple[Article, list[Event] | None]], *, coder_version: str | None) -> SaveResult:
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
            inserted = self._insert_counted(conn, articles, rows)
            lost = {r["id"] for r in rows} - inserted  # stored by another writer since it looked
            for aid in self._coded_ids(conn, (known | lost) & set(coded)):
                del coded[aid]
            new_events = self._replace_events(conn, coded, coder_version=coder_version, now=now)
            checkpoint("store")  # test-only kill point: the batch written, not committed
        result = SaveResult(len(inserted), len(batch) - len(inserted), new_events)
        log.debug("saved batch of %d: %s", len(batch), result)
        return result

    def _insert_counted(self, conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> set[str]:
        """Insert ``rows`` skipping ids stored already; the ids this insert really added."""
        if not rows:
            return set()
        if self.dialect in ("sqlite", "postgresql"):
            return set(conn.execute(self._insert_new(table).returning(table.c.id), rows).scalars())
        conn.execute(self._insert_new(table), rows)
        return {r["id"] for r in rows}

    @staticmethod
    def _coded_ids(conn: sa.Connection, ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(list(ids), ID_CHUNK):
            query = sa.select(articles.c.id).where(articles.c.id.in_(chunk), articles.c.coded_at.is_not(None))
            found.update(conn.execute(query).scalars())
        return found

    def retrying(self, work: Callable[[], T]) -> T:
        """``work()`` (one write transaction), retried with doubling pauses while another writer
        holds the lock (``Settings.lock_retries``, ``lock_backoff_s``), then a clear StoreError.
        A value or constraint the database refuses becomes ``StoreWriteError``."""
        settings = get_settings()
        pause, waited, tries = settings.lock_backoff_s, 0.0, settings.lock_retries + 1
        for attempt in range(1, tries + 1):
            try:
                return work()
            except sa.exc.OperationalError as exc:
                if not _is_lock_error(exc):
                    raise StoreError(f"cannot write to {self.url}: {_reason(exc)}") from exc
                if attempt == tries:
                    raise StoreError(
                        f"{self.url} is locked by another writer ({_reason(exc)}): still locked after {tries} "
                        f"tries over {waited:.1f} s of pauses; nothing of this batch was stored -- run again "
                        "when the other writer has finished (set EVENTWIRE_LOCK_RETRIES to wait longer)"
                    ) from exc
                log.warning("%s is locked by another writer; try %d of %d in %.2f s", self.url,
                            attempt + 1, tries, pause)
                time.sleep(pause)
                waited += pause
                pause *= 2
            except (sa.exc.StatementError, ValueError) as exc:  # the data: a value the database refuses
                if isinstance(exc, sa.exc.InterfaceError):
                    raise StoreError(f"cannot write to {self.url}: {_reason(exc)}") from exc
                raise StoreWriteError(f"the database refused the write: {_reason(exc)}") from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def replace_machine_events(self, article_id: str, events: list[Event], *, coder_version: str) -> int:
        """Re-code one article: its unreviewed events give way to ``events``; returns how many were added.

        Events with a review are never deleted or overwritten.
        """
        def work() -> int:
            with self._write() as conn:
                if not self._existing_ids(conn, articles, [article_id]):
                    raise StoreError(f"no article {article_id!r} in {self.url}")
                return self._replace_events(conn, {article_id: list(events)}, coder_version=coder_version,
                                            now=_now())

        return self.retrying(work)

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
                added = self._insert_counted(conn, events, new)
            except sa.exc.IntegrityError as exc:
                raise StoreWriteError(f"events refer to an article that is not stored: {exc.orig}") from exc
            new = [row for row in new if row["id"] in added]
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
