"""The same store on PostgreSQL: a throwaway server started by the tests (tests/pg.py).

Skips where the PostgreSQL binaries or the psycopg driver are absent.
"""
from __future__ import annotations

import io
import json

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from eventwire.exporter import export
from eventwire.store import SaveResult, open_store
from eventwire.store.engine import current_revision, head_revision
from eventwire.store.search import include_name
from eventwire.store.tables import metadata
from tests.pg import pg_server, pg_url  # noqa: F401  (fixtures)
from tests.store.contract import contract_errors_event
from tests.store.factories import make_batch, make_events

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def test_postgres_schema_save_and_export(pg_url):
    with open_store(pg_url) as store:
        assert store.dialect == "postgresql"
        assert current_revision(store._engine) == head_revision()
        with store._engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn, opts={"include_name": include_name}), metadata) == []

        batch = make_batch(0, 20)
        assert store.save(batch) == SaveResult(20, 0, 40)
        assert store.save(batch) == SaveResult(0, 20, 0)  # coded already: nothing added (issue 14)
        assert store.count("events") == 40
        article, events = batch[0]
        store.set_review(events[0].id, {"status": "confirmed", "by": "ana", "at": "2024-05-01"})
        fresh = make_events(article, 3, seed=9)
        added = store.replace_machine_events(article.id, fresh, coder_version="v2")
        assert added == len({e.id for e in fresh} - {events[0].id})
        kept = {d["id"]: d for d in store.iter_events(article_id=article.id)}
        assert kept[events[0].id]["review"]["status"] == "confirmed"
        assert store.stats()["articles"] == 20

        stream = io.StringIO()
        n = export(db=store, table="events", format="jsonl", stream=stream)
        texts = {a.id: a.text for a, _ in batch}
        rows = [json.loads(line) for line in stream.getvalue().splitlines()]
        assert n == len(rows) == store.count("events")
        for row in rows:
            assert contract_errors_event(row, texts[row["article_id"]]) == []
    with open_store(pg_url) as store:  # reopening an existing database
        assert store.count("articles") == 20
