"""Summaries from memory until the store changes (issue 12): a repeat costs no query; any write -- this
process's or another's -- brings a fresh answer; concurrent askers share one computation."""
from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from eventwire import members
from eventwire.store import open_store
from eventwire.store.filters import EventFilter
from tests.pg import pg_server, pg_url  # noqa: F401  (fixtures)
from tests.web.factories import PASSWORD, fill, plain_article, xss_article


def _statements(store) -> list[str]:
    seen: list[str] = []
    sa.event.listen(store._engine, "before_cursor_execute", lambda conn, cur, stmt, *a: seen.append(stmt))
    return seen


def test_a_repeated_summary_runs_no_query_until_a_write(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 's.db'}") as store:
        store.save([plain_article()])
        seen = _statements(store)
        first = store.cached_summary("counts_by_type", filters=EventFilter())
        n = len(seen)
        assert store.cached_summary("counts_by_type", filters=EventFilter()) == first
        assert len(seen) == n  # answered from memory
        assert store.cached_summary("counts_by_type", filters=EventFilter(types=("PROTEST",))) == {"PROTEST": 1}
        store.save([xss_article()])  # a write of this process
        assert store.cached_summary("counts_by_type", filters=EventFilter())["ASSAULT"] == 1
        reviewer = members.add_user(store, username="rev", password=PASSWORD, role="reviewer")
        event = plain_article()[1][2].id
        members.review_event(store, event_id=event, user=reviewer, action="reject", reason="no")
        assert "PROTEST" not in store.cached_summary("counts_by_type", filters=EventFilter(include_rejected=False))


def test_another_process_writing_brings_a_fresh_answer(tmp_path):
    url = f"sqlite:///{tmp_path / 's.db'}"
    with open_store(url) as server, open_store(url) as ingest:  # two stores: two processes' connections
        server.save([plain_article()])
        before = server.cached_summary("actor_counts", filters=EventFilter(), limit=50)
        ingest.save([xss_article()])  # nothing of `server` saw this write
        after = server.cached_summary("actor_counts", filters=EventFilter(), limit=50)
        assert {a["name"] for a in after} - {a["name"] for a in before} == {"Goma", "<script>alert(3)</script>"}


def test_concurrent_askers_share_one_computation(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 's.db'}") as store:
        fill(store)
        calls = []
        real = store.place_counts
        gate = threading.Event()

        def slow(**kwargs):
            calls.append(kwargs)
            gate.wait(5)
            return real(**kwargs)

        store.place_counts = slow
        answers = []
        threads = [threading.Thread(target=lambda: answers.append(
            store.cached_summary("place_counts", filters=EventFilter(), limit=10))) for _ in range(4)]
        for t in threads:
            t.start()
        while not calls:
            threading.Event().wait(0.01)
        gate.set()
        for t in threads:
            t.join()
        assert len(calls) == 1 and len(answers) == 4 and all(a is answers[0] for a in answers)


@pytest.mark.postgres
@pytest.mark.slow
def test_postgres_asks_the_table_statistics_once_for_close_reads(pg_url, monkeypatch):
    """PostgreSQL's stand-in for a data version (the table statistics) is asked once for reads close together
    (a list request reads 2-3 cached answers), and afresh after a write of this process."""
    import eventwire.store.summary_cache as summary_cache
    from tests.store.factories import make_batch

    # however slow the machine, the reads count as close together
    monkeypatch.setattr(summary_cache, "PG_STATS_MEMO_S", 60.0, raising=False)
    with open_store(pg_url) as store:
        fill(store)
        asked = []

        def capture(conn, cursor, statement, parameters, context, executemany):
            if "pg_stat_user_tables" in statement:
                asked.append(statement)

        sa.event.listen(store._engine, "before_cursor_execute", capture)
        try:
            first = [store.cached_summary("count_events", filters=EventFilter()) for _ in range(3)]
            assert len(asked) <= 1 and first[0] == first[1] == first[2]
            store.save(make_batch(500, 1))  # a write of this process: asked afresh
            assert store.cached_summary("count_events", filters=EventFilter()) > first[0]
            assert len(asked) <= 2
        finally:
            sa.event.remove(store._engine, "before_cursor_execute", capture)
