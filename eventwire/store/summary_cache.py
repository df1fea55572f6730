"""Summaries (overview, actors, places, timeline, network, map) answered from memory until the store changes.

A summary reads every matching event (2 s for the overview of 100,000 events on SQLite);
the same question asked again, with nothing written in between, gets the answer it got
last time.  ``Store.cached_summary(name, **kwargs)`` calls ``Store.<name>(**kwargs)``
once per change of the store's :meth:`data_version` and keeps up to
:data:`CACHE_ENTRIES` answers (least recently used dropped).  One computation per
question at a time: concurrent askers of an uncached summary wait for the first.

What counts as a change: any commit by this process (``Store._write`` bumps a
counter) and, for SQLite, any commit by another process too (``PRAGMA data_version``
on a connection kept for that, which changes whenever another connection commits: an
``eventwire ingest`` beside ``eventwire serve``).  PostgreSQL has no such counter; there
the table statistics' insert/update/delete totals stand in (updated within a second or
so of another process's commit), and an answer is never older than :data:`PG_MAX_AGE_S`.
The statistics are asked at most once per :data:`PG_STATS_MEMO_S` while this process writes
nothing: a list request reads 2-3 cached answers, each asked them (~1 ms a query).
"""
from __future__ import annotations

import sqlite3
import threading
import time
from collections import OrderedDict
from typing import Any, Callable

import sqlalchemy as sa

CACHE_ENTRIES = 512
PG_MAX_AGE_S = 30.0
PG_STATS_MEMO_S = 0.25  # well under the statistics' own delay (PostgreSQL reports them about once a second)
SUMMARIES = ("counts_by_type", "counts_over_time", "actor_counts", "place_counts", "map_points", "network_edges",
             "count_events", "count")


class SummaryCache:
    """Mixed into ``Store``: :meth:`cached_summary` and :meth:`data_version`."""

    _engine: sa.Engine
    dialect: str

    def _cache_state(self) -> dict[str, Any]:
        state = self.__dict__.get("_summary_cache")
        if state is None:
            state = self.__dict__.setdefault("_summary_cache", {
                "lock": threading.Lock(), "entries": OrderedDict(), "computing": {}, "generation": 0,
                "watcher": None, "watcher_lock": threading.Lock()})
        return state

    def _bump_generation(self) -> None:
        """A write of this process committed (called by ``Store._write``)."""
        state = self._cache_state()
        with state["lock"]:
            state["generation"] += 1

    def data_version(self) -> tuple:
        """A value that changes whenever the store's content may have changed."""
        state = self._cache_state()
        own = state["generation"]
        if self.dialect == "sqlite":
            database = self._engine.url.database
            if not database or database == ":memory:" or database.startswith("file:"):
                return (own,)
            with state["watcher_lock"]:
                if state["watcher"] is None:
                    state["watcher"] = sqlite3.connect(database, check_same_thread=False, isolation_level=None)
                return (own, state["watcher"].execute("PRAGMA data_version").fetchone()[0])
        if self.dialect == "postgresql":
            now = time.monotonic()
            seen = state.get("pg_stats")  # (own generation, when, totals) of the last time they were asked
            if seen is not None and seen[0] == own and now - seen[1] < PG_STATS_MEMO_S:
                changed = seen[2]
            else:
                query = sa.text("SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables")
                with self._engine.connect() as conn:
                    changed = int(conn.execute(query).scalar_one())
                state["pg_stats"] = (own, now, changed)
            return (own, changed, int(now // PG_MAX_AGE_S))
        return (own, int(time.monotonic() // PG_MAX_AGE_S))

    def close_summary_cache(self) -> None:
        state = self._cache_state()
        with state["watcher_lock"]:
            if state["watcher"] is not None:
                state["watcher"].close()
                state["watcher"] = None
        with state["lock"]:
            state["entries"].clear()

    def cached_summary(self, name: str, **kwargs: Any) -> Any:
        """``getattr(self, name)(**kwargs)``, from memory while the store is unchanged.

        Treat the answer as read-only: the next asker gets the same object."""
        if name not in SUMMARIES:
            raise ValueError(f"{name!r} is not a cached summary; these are: {', '.join(SUMMARIES)}")
        return self.cached((name, tuple(sorted(kwargs.items()))), lambda: getattr(self, name)(**kwargs))

    def cached(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """``compute()``, from memory while the store is unchanged (the same rules as :meth:`cached_summary`):
        for what is built from the store alone -- the web app's encoded summary answers, the overview's
        latest events.  ``key`` (hashable) names the question; a key's first item names its kind."""
        state = self._cache_state()
        version = self.data_version()
        while True:
            with state["lock"]:
                hit = state["entries"].get(key)
                if hit is not None and hit[0] == version:
                    state["entries"].move_to_end(key)
                    return hit[1]
                waiting = state["computing"].get(key)
                if waiting is None:
                    done = state["computing"][key] = threading.Event()
                    break
            waiting.wait()  # another thread computes it; then take theirs (or compute if theirs failed)
            version = self.data_version()
        try:
            value = compute()
            with state["lock"]:
                state["entries"][key] = (version, value)
                state["entries"].move_to_end(key)
                while len(state["entries"]) > CACHE_ENTRIES:
                    state["entries"].popitem(last=False)
            return value
        finally:
            with state["lock"]:
                state["computing"].pop(key, None)
            done.set()
