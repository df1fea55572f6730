"""The SQL for watched feeds and their entries (``eventwire.feeds``).

A mixin of :class:`eventwire.store.Store`, like ``members_sql``: the watcher and
the web app's feeds page call these methods and never build SQL themselves.  The
methods decide nothing (when a feed is due, how long it backs off, what counts as
a failure: ``eventwire.feeds``); rows go in and come out as plain dicts with
aware UTC datetimes.  Each method is one transaction, and the two that matter for
a kill mid-run are built so that nothing is lost: :meth:`record_feed_poll` saves a
feed's new validators *with* its new entries (as ``pending``), so a later 304
never hides entries that were not fetched yet; :meth:`finish_entries` runs after
the articles are stored, so a kill in between leaves an article whose entry is still pending:
:meth:`stored_articles_for_urls` finds it by its URL (revision 0013), and the next round marks the entry
without fetching the page again.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from eventwire.store.feed_tables import feed_entries, feeds
from eventwire.store.tables import articles

ENTRY_STATUSES = ("pending", "retry", "stored", "failed")
_FEED_FIELDS = ("title", "etag", "last_modified", "last_status", "last_error", "last_polled_at", "last_success_at",
                "last_new_item_at", "consecutive_failures", "next_poll_at")


def _utc(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
    return value


def _as_dict(row: sa.Row) -> dict[str, Any]:
    return {k: _utc(v) for k, v in row._mapping.items()}


def _now() -> datetime:
    return datetime.now(timezone.utc)


class FeedsSQL:
    """Feeds and feed entries; mixed into Store (uses ``_engine``, ``_write`` and ``dialect``)."""

    def _insert_ignoring(self, table: sa.Table, keys: list[str]) -> sa.Insert:
        if self.dialect == "sqlite":
            return sqlite.insert(table).on_conflict_do_nothing(index_elements=keys)
        if self.dialect == "postgresql":
            return postgresql.insert(table).on_conflict_do_nothing(index_elements=keys)
        return table.insert()

    # -- feeds --------------------------------------------------------------------------------

    def add_feeds(self, items: Iterable[tuple[str, str | None]], *, added_by: str | None = None,
                  now: datetime | None = None) -> int:
        """Subscribe to each ``(url, title)`` not subscribed yet; returns how many are new."""
        now = now or _now()
        rows = {url: {"url": url, "title": title, "consecutive_failures": 0, "paused": False,
                      "added_at": now, "added_by": added_by} for url, title in items}
        if not rows:
            return 0
        with self._write() as conn:
            known = set(conn.execute(sa.select(feeds.c.url).where(feeds.c.url.in_(list(rows)))).scalars())
            new = [row for url, row in rows.items() if url not in known]
            if new:
                conn.execute(self._insert_ignoring(feeds, ["url"]), new)
        return len(new)

    def list_feeds(self, *, active_only: bool = False) -> list[dict[str, Any]]:
        """Every feed (by id) with its health and its entries counted by status (``entries``)."""
        query = sa.select(feeds).order_by(feeds.c.id)
        if active_only:
            query = query.where(feeds.c.paused.is_(False))
        counts = (sa.select(feed_entries.c.feed_id, feed_entries.c.status, sa.func.count().label("n"))
                  .group_by(feed_entries.c.feed_id, feed_entries.c.status))
        with self._engine.connect() as conn:
            rows = [_as_dict(r) for r in conn.execute(query)]
            tally: dict[int, dict[str, int]] = {}
            for feed_id, status, n in conn.execute(counts):
                tally.setdefault(feed_id, {})[status] = n
        for row in rows:
            row["entries"] = {s: tally.get(row["id"], {}).get(s, 0) for s in ENTRY_STATUSES}
        return rows

    def get_feed(self, feed_id: int) -> dict[str, Any] | None:
        with self._engine.connect() as conn:
            row = conn.execute(sa.select(feeds).where(feeds.c.id == feed_id)).first()
        return _as_dict(row) if row is not None else None

    def set_feed_paused(self, feed_id: int, paused: bool) -> bool:
        with self._write() as conn:
            return conn.execute(feeds.update().where(feeds.c.id == feed_id).values(paused=paused)).rowcount > 0

    def remove_feed(self, feed_id: int) -> bool:
        """Unsubscribe: the feed and its entry records go; the articles stored from it stay."""
        with self._write() as conn:
            conn.execute(feed_entries.delete().where(feed_entries.c.feed_id == feed_id))
            return conn.execute(feeds.delete().where(feeds.c.id == feed_id)).rowcount > 0

    def record_feed_poll(self, feed_id: int, *, fields: dict[str, Any],
                         entries: Sequence[dict[str, Any]] = (), now: datetime | None = None) -> int:
        """Save how one poll went (``fields``: validators, status, failures, next poll ...) and the
        entries it listed, in one transaction; entries already known are left as they are.
        Returns how many entries are new."""
        unknown = set(fields) - set(_FEED_FIELDS)
        if unknown:
            raise ValueError(f"not a feed field: {', '.join(sorted(unknown))}")
        now = now or _now()
        rows = {}
        for e in entries:
            rows.setdefault(e["entry_key"], {
                "feed_id": feed_id, "entry_key": e["entry_key"], "url": e.get("url"), "title": e.get("title"),
                "published": e.get("published"), "text": e.get("text"), "status": "pending", "reason": None,
                "attempts": 0, "article_id": None, "first_seen_at": now, "updated_at": now})
        with self._write() as conn:
            known = set()
            keys = list(rows)
            for i in range(0, len(keys), 5_000):
                known.update(conn.execute(sa.select(feed_entries.c.entry_key).where(
                    feed_entries.c.feed_id == feed_id, feed_entries.c.entry_key.in_(keys[i:i + 5_000]))).scalars())
            new = [row for key, row in rows.items() if key not in known]
            if new:
                conn.execute(self._insert_ignoring(feed_entries, ["feed_id", "entry_key"]), new)
            values = dict(fields)
            if new:
                values["last_new_item_at"] = now
            if values:
                conn.execute(feeds.update().where(feeds.c.id == feed_id).values(**values))
        return len(new)

    # -- entries ------------------------------------------------------------------------------

    def entries_to_fetch(self, *, feed_ids: Iterable[int] | None = None, limit: int | None = None) -> list[dict]:
        """Entries waiting for their page (``pending`` or ``retry``), oldest first, of unpaused feeds."""
        query = (sa.select(feed_entries, feeds.c.url.label("feed_url"), feeds.c.title.label("feed_title"))
                 .join(feeds, feeds.c.id == feed_entries.c.feed_id)
                 .where(feed_entries.c.status.in_(("pending", "retry")), feeds.c.paused.is_(False))
                 .order_by(feed_entries.c.first_seen_at, feed_entries.c.feed_id, feed_entries.c.entry_key))
        if feed_ids is not None:
            query = query.where(feed_entries.c.feed_id.in_(list(feed_ids)))
        if limit is not None:
            query = query.limit(limit)
        with self._engine.connect() as conn:
            return [_as_dict(r) for r in conn.execute(query)]

    def stored_articles_for_urls(self, urls: Iterable[str]) -> dict[str, str]:
        """For each URL already stored, its article id: one some entry (in any feed) stored, or an article
        stored from that page whose entry was not yet marked (a watcher killed between the two writes)."""
        urls = [u for u in dict.fromkeys(urls) if u]
        found: dict[str, str] = {}
        with self._engine.connect() as conn:
            for i in range(0, len(urls), 5_000):
                chunk = urls[i:i + 5_000]
                query = sa.select(articles.c.url, articles.c.id).where(articles.c.url.in_(chunk)).order_by(
                    articles.c.ingested_at, articles.c.id)
                for u, a in conn.execute(query):
                    found.setdefault(u, a)
                query = sa.select(feed_entries.c.url, feed_entries.c.article_id).where(
                    feed_entries.c.url.in_(chunk), feed_entries.c.status == "stored",
                    feed_entries.c.article_id.is_not(None))
                found.update({u: a for u, a in conn.execute(query)})
        return found

    def finish_entries(self, outcomes: Sequence[dict[str, Any]], *, now: datetime | None = None) -> None:
        """Record what became of entries: dicts of ``feed_id``, ``entry_key``, ``status``, ``reason``,
        ``article_id`` and ``attempts``."""
        if not outcomes:
            return
        now = now or _now()
        rows = [{"b_feed": o["feed_id"], "b_key": o["entry_key"], "status": o["status"], "reason": o.get("reason"),
                 "article_id": o.get("article_id"), "attempts": o["attempts"], "updated_at": now} for o in outcomes]
        with self._write() as conn:
            conn.execute(
                feed_entries.update()
                .where(feed_entries.c.feed_id == sa.bindparam("b_feed"), feed_entries.c.entry_key == sa.bindparam("b_key"))
                .values(status=sa.bindparam("status"), reason=sa.bindparam("reason"),
                        article_id=sa.bindparam("article_id"), attempts=sa.bindparam("attempts"),
                        updated_at=sa.bindparam("updated_at")),
                rows,
            )

    def entry_urls_of_article(self, article_id: str) -> list[str]:
        """Every URL under which feeds listed this article (one story, several outlets or feeds)."""
        query = (sa.select(feed_entries.c.url).where(feed_entries.c.article_id == article_id,
                                                     feed_entries.c.url.is_not(None))
                 .distinct().order_by(feed_entries.c.url))
        with self._engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def freshness(self) -> dict[str, Any]:
        """When an article was last stored, a feed last polled successfully, and how many feeds fail now."""
        with self._engine.connect() as conn:
            last_article = conn.execute(sa.select(sa.func.max(articles.c.ingested_at))).scalar_one()
            last_success = conn.execute(sa.select(sa.func.max(feeds.c.last_success_at))).scalar_one()
            n_feeds = conn.execute(sa.select(sa.func.count()).select_from(feeds)).scalar_one()
            failing = conn.execute(sa.select(sa.func.count()).select_from(feeds).where(
                feeds.c.consecutive_failures > 0, feeds.c.paused.is_(False))).scalar_one()
        return {"last_article_at": _utc(last_article), "last_feed_success_at": _utc(last_success),
                "feeds": n_feeds, "failing_feeds": failing}
