from __future__ import annotations

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from eventwire.errors import StoreError
from eventwire.store import open_store
from eventwire.store.engine import MIGRATIONS, current_revision, head_revision
from eventwire.store.search import include_name
from eventwire.store.tables import metadata
from tests.store.factories import make_batch


def _sqlite(path):
    return sqlite3.connect(path)


def test_empty_database_is_created_at_head(db_path):
    assert not db_path.exists()
    with open_store(db_path) as store:
        assert store.dialect == "sqlite"
        assert store.count("articles") == 0 and store.count("events") == 0
    con = _sqlite(db_path)
    tables = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
    assert {"articles", "events", "alembic_version"} <= tables
    (version,) = con.execute("select version_num from alembic_version").fetchone()
    assert version == head_revision()
    indexes = {r[0] for r in con.execute("select name from sqlite_master where type='index'")}
    assert {"ix_articles_published", "ix_articles_source", "ix_events_event_type", "ix_events_date",
            "ix_events_article_id"} <= indexes


def test_migrations_create_exactly_the_tables_module(store):
    """The head migration and tables.py agree column for column, index for index."""
    engine = store._engine
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True, "include_name": include_name}), metadata)
    assert diff == []


def test_reopening_keeps_data_and_revision(db_path):
    with open_store(db_path) as store:
        store.save(make_batch(0, 3))
    with open_store(str(db_path)) as store:  # bare path as a string
        assert store.count("articles") == 3
        assert store.count("events") == 6
    with open_store(f"sqlite:///{db_path}") as store:  # and as a URL
        assert store.count("articles") == 3
        assert current_revision(store._engine) == head_revision()


def test_default_url_comes_from_settings(tmp_path, monkeypatch):
    target = tmp_path / "from-env.db"
    monkeypatch.setenv("EVENTWIRE_DB", f"sqlite:///{target}")
    with open_store() as store:
        assert store.url.endswith("from-env.db")
    assert target.exists()


def test_sqlite_connection_settings(store):
    with store._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
        assert conn.exec_driver_sql("PRAGMA mmap_size").scalar() == 1024 * 1024 * 1024


def test_opening_waits_for_a_writer_on_a_new_database(db_path):
    """Switching to WAL reads the header, then writes it; while another connection holds the write lock
    SQLite says "locked" at once, without the busy handler.  Two processes creating one database together
    meet this; opening waits for the other instead of failing."""
    import threading

    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    other.execute("create table t (x)")
    other.execute("BEGIN IMMEDIATE")  # still in rollback-journal mode, holding the write lock
    other.execute("insert into t values (1)")
    release = threading.Timer(0.3, other.execute, args=("COMMIT",))
    release.start()
    try:
        with open_store(db_path) as store, store._engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("select count(*) from t").scalar() == 1
    finally:
        release.join()
        other.close()


def test_sqlite_memory_map_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_SQLITE_MMAP_MB", "0")
    with open_store(tmp_path / "nomap.db") as store, store._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA mmap_size").scalar() == 0


def test_unknown_revision_is_refused(db_path):
    open_store(db_path).close()
    con = _sqlite(db_path)
    con.execute("update alembic_version set version_num='ffff_from_the_future'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="does not know"):
        open_store(db_path)


def test_missing_folder_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "no" / "such" / "folder.db")


def test_migration_scripts_live_in_the_package():
    versions = sorted(p.name for p in (MIGRATIONS / "versions").glob("[0-9]*.py"))
    assert versions and (MIGRATIONS / "env.py").is_file()
    assert (MIGRATIONS / "versions" / "__init__.py").is_file()  # so setuptools ships them
    assert head_revision() in {name.split("_")[0] for name in versions}


def test_count_refuses_unknown_table(store):
    with pytest.raises(StoreError, match="unknown table"):
        store.count("sqlite_master")


def test_tables_have_no_blobs(store, db_path):
    """What datasette shows: readable text, numbers and JSON text, never blobs."""
    store.save(make_batch(0, 20))
    con = _sqlite(db_path)
    for table in ("articles", "events"):
        columns = [r[1] for r in con.execute(f"pragma table_info({table})")]
        for column in columns:
            types = {r[0] for r in con.execute(f'select distinct typeof("{column}") from {table}')}
            assert "blob" not in types, (table, column)
    actors = con.execute("select actors from events limit 1").fetchone()[0]
    assert actors.startswith("[{")  # JSON text
    location = con.execute("select location from events where location is not null limit 1").fetchone()[0]
    assert "São Paulo" in location  # non-ASCII kept readable, not \\u-escaped
    assert con.execute("select count(*) from events where review = 'null' or location = 'null'").fetchone() == (0,)
