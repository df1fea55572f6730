"""Event sides: a narrow, indexed table of the countries and sectors on each side of an event.

Revision ID: 0005
Revises: 0004
Create Date: 2026-05-23

The web app's country and sector filters used to look inside every event's
comma-joined ``actor_countries`` / ``recipient_countries`` text and JSON entity
lists, which no index can serve.  ``event_sides`` holds one row per distinct
(event, side, country, sector) of the event's entities, with the event's type;
its indexes lead with the country or the sector (then the type), so a filter
reads only the events it keeps, and one per event serves probes and deletes.  The
upgrade back-fills it from the stored events (in pages, by id); the composite
index ``ix_events_type_confidence`` gives one type's events in confidence order.
Declared in ``eventwire/store/tables.py`` and ``eventwire/store/queries.py``.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

PAGE = 5_000


def _side_rows(event_id: str, event_type: str, actors, recipients) -> list[dict]:
    # Frozen copy of eventwire.store.rows.event_side_rows as of this revision (a test checks they agree).
    rows, seen = [], set()
    for side, entities in (("actor", actors), ("recipient", recipients)):
        for e in entities or []:
            key = (side, e.get("country") or None, e.get("sector") or None)
            if key[1:] != (None, None) and key not in seen:
                seen.add(key)
                rows.append({"event_id": event_id, "side": side, "country": key[1], "sector": key[2],
                             "event_type": event_type})
    return rows


def upgrade() -> None:
    sides = op.create_table(
        "event_sides",
        sa.Column("event_id", sa.String(64),
                  sa.ForeignKey("events.id", name="fk_event_sides_event_id", ondelete="CASCADE"), nullable=False),
        sa.Column("side", sa.String(9), nullable=False),
        sa.Column("country", sa.Text),
        sa.Column("sector", sa.Text),
        sa.Column("event_type", sa.String(16), nullable=False),
    )
    events = sa.table("events", sa.column("id", sa.String), sa.column("event_type", sa.String),
                      sa.column("actors", sa.JSON), sa.column("recipients", sa.JSON))
    bind = op.get_bind()
    last = None
    while True:  # keyset pages by id: memory stays flat on a big store
        query = (sa.select(events.c.id, events.c.event_type, events.c.actors, events.c.recipients)
                 .order_by(events.c.id).limit(PAGE))
        if last is not None:
            query = query.where(events.c.id > last)
        page = bind.execute(query).all()
        rows = [r for e in page for r in _side_rows(e.id, e.event_type, e.actors, e.recipients)]
        if rows:
            bind.execute(sides.insert(), rows)
        if len(page) < PAGE:
            break
        last = page[-1].id
    # Indexes after the back-fill: one sort each instead of a row-by-row build.
    op.create_index("ix_event_sides_event", "event_sides", ["event_id", "side", "country", "sector"])
    op.create_index("ix_event_sides_country", "event_sides", ["country", "side", "event_type", "event_id"])
    op.create_index("ix_event_sides_sector", "event_sides", ["sector", "side", "event_type", "event_id"])
    op.create_index("ix_events_type_confidence", "events", ["event_type", "confidence", "id", "merged_into",
                                                                 "review_status"])


def downgrade() -> None:
    op.drop_index("ix_events_type_confidence", table_name="events")
    op.drop_table("event_sides")
