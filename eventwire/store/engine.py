"""Engines and schema upgrades: connection settings per dialect, Alembic run in-process.

SQLite gets WAL journaling (readers never block the writer), foreign keys on, a
busy timeout, reads through a memory map (``EVENTWIRE_SQLITE_MMAP_MB``), and explicit
``BEGIN`` statements so that a transaction really covers every statement in it (the
``sqlite3`` module's own transaction handling would leave reads outside).  Writers begin with ``BEGIN IMMEDIATE`` so two
processes saving at once wait for each other instead of failing on upgrade.
"""
from __future__ import annotations

import json
import logging
import sqlite3
import time
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from eventwire.config import get_settings
from eventwire.errors import StoreError

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
WRITE_OPTION = "eventwire_write"


def _json_dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def create_store_engine(url: str) -> sa.Engine:
    """An engine for ``url`` with this project's per-dialect connection settings."""
    try:
        engine = sa.create_engine(url, json_serializer=_json_dumps)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as exc:
        raise StoreError(f"cannot use database URL {url!r}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: sa.Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        settings = get_settings()
        cursor.execute(f"PRAGMA busy_timeout={int(settings.busy_timeout_ms)}")
        _enter_wal(cursor, settings.busy_timeout_ms)
        cursor.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: safe against process crashes
        cursor.execute("PRAGMA foreign_keys=ON")
        # Pages read through a memory map, not copied into each connection's small cache: the web app's
        # connections (one per thread) kept evicting each other's pages (measured in-process at 100,000
        # events: a 51-row page of a rare country and two types 12.3 -> 8.5 ms with a bigger cache or the map).
        cursor.execute(f"PRAGMA mmap_size={max(0, int(settings.sqlite_mmap_mb)) * 1024 * 1024}")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection):
        immediate = connection.get_execution_options().get(WRITE_OPTION)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _enter_wal(cursor, timeout_ms: int) -> None:
    """Switch to WAL journaling, waiting out another connection that is doing the same.

    Switching reads the file header and then writes it, inside one transaction; when
    another connection has taken the write lock in between, SQLite answers "database is
    locked" at once instead of calling the busy handler (waiting could deadlock a reader
    that wants to write).  That happens when two processes open a new database at the
    same moment, so the switch is retried, with growing pauses, for the busy timeout.
    Once the file is in WAL mode the pragma only reads, and never waits.
    """
    deadline = time.monotonic() + max(0, int(timeout_ms)) / 1000
    pause = 0.005
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def alembic_config(connection: sa.Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest schema revision this version of eventwire knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: sa.Engine) -> str | None:
    """The schema revision recorded in the database (None for an empty database)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade_to_head(engine: sa.Engine) -> str:
    """Bring the schema to the head revision; returns it.  Idempotent."""
    head = head_revision()
    try:
        with engine.connect() as conn:
            before = MigrationContext.configure(conn).get_current_revision()
            conn.rollback()
            if before == head:
                return head
            known = {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
            if before is not None and before not in known:
                raise StoreError(
                    f"database schema is at revision {before!r}, which this eventwire version "
                    f"does not know (newest known: {head!r}); upgrade eventwire"
                )
            conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():  # the upgrade re-reads the revision under the write lock
                command.upgrade(alembic_config(conn), "head")
                from eventwire.store.summaries import apply_journal  # here: summaries imports the tables

                apply_journal(conn)  # a new summary migration's back-fill, in the upgrade's transaction
    except sa.exc.OperationalError as exc:
        where = engine.url.render_as_string(hide_password=True)
        raise StoreError(f"cannot open database {where}: {exc.orig}") from exc
    log.info("database schema upgraded from %s to %s", before, head)
    return head
