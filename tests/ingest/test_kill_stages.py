"""kill -9 at every stage (issue 14): a run killed while reading, coding, storing or merging, then
run again, leaves a store identical to a clean run's -- articles, events, mentions, merge state --
on SQLite and PostgreSQL.

The kill points are eventwire.killpoints (``EVENTWIRE_TEST_KILL_AT=stage:n``: the process sends
itself SIGKILL the n-th time it reaches ``stage``), so no sleeps and no luck.  The killed run is a
forked child of the test process, which has the model loaded already: one model load in all.
"""
from __future__ import annotations

import multiprocessing
import os
import signal

import pytest

import eventwire
from eventwire.eval.merge_eval import CORPUS
from eventwire.killpoints import ENV
from eventwire.store import open_store
from tests.pg import pg_server, pg_url  # noqa: F401 - fixtures

pytestmark = pytest.mark.slow

BATCH = "8"
KILLS = ["read:12", "code:3", "store:2", "merge:1"]


def snapshot(db) -> dict:
    """Everything a run leaves in the store but timestamps."""
    with open_store(db) as store:
        articles = sorted((a.id, a.text, a.title, a.published, a.source, a.url, a.external_id, a.origin)
                          for a in store.iter_articles())
        return {
            "articles": articles,
            "uncoded": sorted(a.id for a in store.iter_articles(uncoded_only=True)),
            "article_merge": sorted((k, v["fingerprint"], v["duplicate_of"])
                                    for k, v in store.article_merge_rows().items()),
            "events": sorted((e for e in store.iter_events(include_merged=True)), key=lambda e: e["id"]),
            "merge_state": store.merge_state(),
        }


def _killed_run(db: str, kill: str) -> None:
    os.environ[ENV] = kill
    try:
        eventwire.ingest([CORPUS / "corpus.jsonl"], db=db)
    finally:
        os._exit(3)  # only reached when the kill point was never met


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setenv("EVENTWIRE_BATCH_SIZE", BATCH)
    monkeypatch.delenv(ENV, raising=False)


def _kill_then_rerun(make_db, nlp) -> None:
    clean = make_db()
    eventwire.ingest([CORPUS / "corpus.jsonl"], db=clean)
    expected = snapshot(clean)
    assert expected["events"] and not expected["uncoded"]
    assert any(s["merged_into"] for s in expected["merge_state"].values())
    fork = multiprocessing.get_context("fork")
    for kill in KILLS:
        db = make_db()
        child = fork.Process(target=_killed_run, args=(db, kill))
        child.start()
        child.join(300)
        assert child.exitcode == -signal.SIGKILL, f"{kill}: the run was not killed there ({child.exitcode})"
        eventwire.ingest([CORPUS / "corpus.jsonl"], db=db)
        assert snapshot(db) == expected, f"killed at {kill}, re-run: the store differs from a clean run's"


def test_kill_at_every_stage_sqlite(tmp_path, small_batches, nlp):
    names = iter(range(100))
    _kill_then_rerun(lambda: f"sqlite:///{tmp_path}/k{next(names)}.db", nlp)


@pytest.mark.postgres
def test_kill_at_every_stage_postgresql(pg_server, small_batches, nlp):  # noqa: F811
    _kill_then_rerun(pg_server.create_database, nlp)
