"""``--db postgresql://...`` works for every command that takes --db, with the same migrations
as SQLite: each command run against a fresh database on the throwaway server, and the
same commands on SQLite give the same answers."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.store import open_store
from eventwire.store.engine import current_revision, head_revision
from tests.batch.corpus import synthetic_records, write_jsonl
from tests.pg import pg_server, pg_url  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

runner = CliRunner()


def _ok(args: list[str], **kw):
    result = runner.invoke(app, args, catch_exceptions=False, **kw)
    assert result.exit_code == 0, result.output
    return result


def _every_command(db: str, tmp_path, name: str) -> dict:
    news = write_jsonl(tmp_path / f"{name}.jsonl", synthetic_records(6))
    _ok(["ingest", str(news), "--db", db, "--no-events", "--quiet"])
    _ok(["code", "--db", db, "--quiet"])
    _ok(["ingest", str(news), "--db", db, "--quiet"])  # everything stored already: nothing added
    stats = json.loads(_ok(["stats", "--db", db, "--json"]).stdout)
    for clock in ("last_article_at", "age_seconds"):  # when this run stored them: not the store's content
        assert stats["freshness"].pop(clock) is not None
    _ok(["export", "--db", db, "--table", "events", "--format", "jsonl", "-o", str(tmp_path / f"{name}.jsonl.out")])
    _ok(["export", "--db", db, "--format", "parquet", "--partition-by", "month", "-o", str(tmp_path / f"{name}-ds")])
    _ok(["user", "add", "ana", "--role", "admin", "--password-stdin", "--db", db], input="a long secret 123\n")
    users = _ok(["user", "list", "--db", db]).stdout
    _ok(["demo", "--db", db])
    with open_store(db) as store:
        revision = current_revision(store._engine)
        articles = sorted(a.id for a in store.iter_articles())
        events = sorted(e["id"] for e in store.iter_events())
    exported = [json.loads(line) for line in (tmp_path / f"{name}.jsonl.out").read_text().splitlines()]
    return {"revision": revision, "stats": stats, "users": "ana" in users, "articles": articles,
            "events": events, "exported": sorted(e["id"] for e in exported),
            "months": sorted(p.name for p in (tmp_path / f"{name}-ds").iterdir())}


def test_every_command_works_on_postgresql_as_on_sqlite(pg_url, tmp_path):
    on_pg = _every_command(pg_url, tmp_path, "pg")
    on_sqlite = _every_command(f"sqlite:///{tmp_path / 'ev.db'}", tmp_path, "lite")
    assert on_pg["revision"] == head_revision()
    assert on_pg["stats"]["articles"] == 6 and len(on_pg["articles"]) > 6 and on_pg["users"]
    assert on_pg == on_sqlite


def test_dask_engine_from_the_command_line_on_postgresql(pg_url, tmp_path):
    news = write_jsonl(tmp_path / "news.jsonl", synthetic_records(40))
    args = ["ingest", str(news), "--db", pg_url, "--no-events", "--quiet", "--engine", "dask", "--workers", "2"]
    first = _ok(args)
    assert "40 new articles" in first.stderr
    again = _ok(args)
    assert "0 new articles" in again.stderr
    with open_store(pg_url) as store:
        assert store.count("articles") == 40
