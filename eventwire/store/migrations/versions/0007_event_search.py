"""Event search: a full-text index over each event's evidence, title, entity names and place.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04

The web app's free-text filter ``q`` used to be a LIKE over the sentence, the
place and the entities' serialized JSON, so ``q=sector`` matched every event.
SQLite gets the FTS5 table ``events_fts``; PostgreSQL the table ``event_search``
(a ``tsvector`` per event, GIN-indexed).  Triggers on ``events`` keep either
current on every write; the upgrade back-fills it from the stored events in one
statement.  The SQL lives in ``eventwire/store/search.py`` (what queries use).
"""
from __future__ import annotations

from alembic import op

from eventwire.store import search

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    statements = (search.SQLITE_CREATE + search.SQLITE_FILL if sqlite
                  else search.PG_CREATE + search.PG_FILL + search.PG_INDEX)  # index after the back-fill
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    for statement in search.SQLITE_DROP if op.get_bind().dialect.name == "sqlite" else search.PG_DROP:
        op.execute(statement)
