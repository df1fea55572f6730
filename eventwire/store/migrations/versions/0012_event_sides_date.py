"""event_sides: the event's date, so a rare side filter's page is found in event_sides before any event is read.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06

A side filter with few events (``type=ASSAULT&type=COERCE&country=UKR``: ~780 of 100,000)
builds its newest-first page from ``event_sides``; without the date there, every candidate's
event was looked up by id to sort them (780 lookups for a 51-row page, 3-8 ms).  With
``date`` beside ``event_type`` in ``ix_event_sides_country`` / ``ix_event_sides_sector``
(now ``code, side, event_type, date, event_id``), the candidates are sorted from the index
alone and only a window of the first ones is looked up (``queries.EventQueries.event_page``).
Kept by the writes that write ``event_sides`` (a new event, a reviewer's correction);
nothing else changes an event's date.  The upgrade copies each row's date from its event.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

OLD = {"ix_event_sides_country": ["country", "side", "event_type", "event_id"],
       "ix_event_sides_sector": ["sector", "side", "event_type", "event_id"]}
NEW = {"ix_event_sides_country": ["country", "side", "event_type", "date", "event_id"],
       "ix_event_sides_sector": ["sector", "side", "event_type", "date", "event_id"]}


def _indexes(columns: dict[str, list[str]]) -> None:
    for name, cols in columns.items():
        op.drop_index(name, table_name="event_sides")
        op.create_index(name, "event_sides", cols)


def upgrade() -> None:
    op.add_column("event_sides", sa.Column("date", sa.String(10)))
    op.execute("UPDATE event_sides SET date = (SELECT events.date FROM events WHERE events.id = event_sides.event_id)")
    _indexes(NEW)


def downgrade() -> None:
    _indexes(OLD)
    with op.batch_alter_table("event_sides") as batch:
        batch.drop_column("date")
