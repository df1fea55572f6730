"""Store errors never abort a run (issue 14): control characters stripped by every reader (SQLite
and PostgreSQL store the same), a record the database refuses is that record's error, a locked
SQLite file is retried with backoff and then refused with a clear message, and a writer that lost
a race with another writer reports only what it added."""
from __future__ import annotations

import json
import sqlite3
import threading

import pytest

import eventwire
from eventwire.errors import StoreError
from eventwire.store import open_store
from tests.pg import pg_server, pg_url  # noqa: F401 - fixtures
from tests.store.factories import make_article, make_events

CONTROLS = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r") + "\x7f"


def _hostile_jsonl(path):
    records = [
        {"id": "nul", "title": "Bad\u0007 title\u0001", "text": "Police arrested\u0000 ten protesters in Lagos.",
         "source": "Wire\u0000"},
        {"id": "good", "text": "Kenya and Uganda held talks in Nairobi on Tuesday."},
        {"id": "ff", "text": "Troops\u000bwithdrew\u000cfrom the border town\u001b[0m on Friday."},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def _articles(db):
    with open_store(db) as store:
        return sorted(((a.external_id, a.title, a.text, a.source) for a in store.iter_articles()), key=repr)


def _assert_clean(rows):
    for row in rows:
        for value in row:
            assert value is None or not any(ch in CONTROLS for ch in value), repr(value)


def test_every_reader_strips_control_characters(tmp_path):
    db = f"sqlite:///{tmp_path}/t.db"
    report = eventwire.ingest([_hostile_jsonl(tmp_path / "in.jsonl")], db=db, events=False)
    assert report.errors == [] and report.articles_new == 3
    rows = _articles(db)
    _assert_clean(rows)
    assert ("nul", "Bad title", "Police arrested ten protesters in Lagos.", "Wire") in rows
    text = (tmp_path / "page.txt")
    text.write_bytes(b"Rebels\x00 attacked\x07 a base in Mali.\x1b\n\nOfficials said so. "
                     + b"The army said the attack began at dawn and lasted three hours. " * 4 + b"\n")
    assert eventwire.ingest([text], db=db, events=False).errors == []
    _assert_clean(_articles(db))


@pytest.mark.postgres
def test_postgresql_stores_what_sqlite_stores(tmp_path, pg_url):  # noqa: F811
    src = _hostile_jsonl(tmp_path / "in.jsonl")
    sqlite_db = f"sqlite:///{tmp_path}/t.db"
    assert eventwire.ingest([src], db=sqlite_db, events=False).articles_new == 3
    report = eventwire.ingest([src], db=pg_url, events=False)
    assert report.errors == [] and report.articles_new == 3
    assert _articles(pg_url) == _articles(sqlite_db)


def test_a_record_the_database_refuses_is_that_records_error(tmp_path):
    db_file = tmp_path / "t.db"
    db = f"sqlite:///{db_file}"
    open_store(db).close()
    with sqlite3.connect(db_file) as conn:  # a real database refusal, for one record only
        conn.execute("CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.title = 'poison' "
                     "BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END")
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"title": t, "text": f"The council of {t} met on Monday."}) + "\n"
                           for t in ("first", "poison", "third")))
    report = eventwire.ingest([src], db=db, events=False)
    assert report.articles_new == 2
    assert len(report.errors) == 1 and f"{src}:2" in report.errors[0] and "refused by the test trigger" in report.errors[0]
    assert sorted(t for _, t, _, _ in _articles(db)) == ["first", "third"]


def _hold_write_lock(db_file):
    conn = sqlite3.connect(db_file, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN IMMEDIATE")
    return conn


def test_a_locked_database_is_retried_then_refused_clearly(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_BUSY_TIMEOUT_MS", "20")
    monkeypatch.setenv("EVENTWIRE_LOCK_BACKOFF_S", "0.05")
    db_file = tmp_path / "t.db"
    db = f"sqlite:///{db_file}"
    open_store(db).close()
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": "The council met in Paris on Monday."}) + "\n")

    holder = _hold_write_lock(db_file)
    monkeypatch.setenv("EVENTWIRE_LOCK_RETRIES", "2")
    try:
        with pytest.raises(StoreError, match="locked by another writer"):
            eventwire.ingest([src], db=db, events=False)
    finally:
        holder.rollback()
        holder.close()

    holder = _hold_write_lock(db_file)
    monkeypatch.setenv("EVENTWIRE_LOCK_RETRIES", "8")  # 0.05 s doubling: well over the 0.3 s hold
    release = threading.Timer(0.3, lambda: (holder.rollback(), holder.close()))
    release.start()
    try:
        report = eventwire.ingest([src], db=db, events=False)
    finally:
        release.join()
    assert report.errors == [] and report.articles_new == 1


def _lost_race(db):
    """Writer A stores and codes an article after writer B found it missing; B then saves it too."""
    article = make_article(1)
    with open_store(db) as a, open_store(db) as b:
        assert b.existing_article_ids([article.id]) == set()  # B's look before A's write
        a.save([(article, make_events(article, 3))], coder_version="a")
        lost = b.save([(article, make_events(article, 3, seed=1))], coder_version="b")
        assert (lost.new_articles, lost.new_events) == (0, 0)
        events = list(a.iter_events())
    assert len(events) == 3


def test_a_writer_that_lost_a_race_reports_only_what_it_added(tmp_path):
    _lost_race(f"sqlite:///{tmp_path}/t.db")


@pytest.mark.postgres
def test_a_writer_that_lost_a_race_reports_only_what_it_added_postgresql(pg_url):  # noqa: F811
    _lost_race(pg_url)
