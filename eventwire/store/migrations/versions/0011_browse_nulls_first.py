"""PostgreSQL: ix_events_browse with ``date NULLS FIRST``, so a newest-first page walks it backwards.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06

The event list sorts undated events lowest: first ascending, last descending
(``ORDER BY date DESC NULLS LAST, id DESC``).  SQLite's index order already puts NULLs
first; PostgreSQL's default (``NULLS LAST`` ascending) read backwards gives ``NULLS FIRST``
descending, so PostgreSQL could not use the index for the order and sorted every matching
event for each page: 134 ms for the plain list at 100,000 events, 400 ms for ``q=convoy``
(now 0.05 ms and 31 ms, index-only, stopping at the page's end).  Same columns; SQLite is
untouched.  ``eventwire/store/queries.py`` declares the index.
"""
from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

REST = ("id, event_type, actor_countries, recipient_countries, factuality, review_status, merged_into, "
        "location_name, confidence, killed")


def _recreate(date: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_events_browse")
    op.execute(f"CREATE INDEX ix_events_browse ON events ({date}, {REST})")


def upgrade() -> None:
    _recreate("date NULLS FIRST")


def downgrade() -> None:
    _recreate("date")
