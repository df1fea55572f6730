"""Indexes for browsing events in the web app (eventwire.store.queries).

Revision ID: 0004
Revises: 0003
Create Date: 2026-05-22

``ix_events_browse`` holds, in (date, id) order, every small column the event
list filters and sorts on, so a filtered, date-sorted page and a filtered count
read this narrow index instead of the wide rows (JSON, sentences).
``ix_events_location_name`` finds the events of one place, ``ix_events_review_status``
the (few) reviewed ones.  Indexes only; rows
are untouched.  Declared beside the queries in ``eventwire/store/queries.py``.
"""
from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

BROWSE_COLUMNS = ["date", "id", "event_type", "actor_countries", "recipient_countries", "factuality",
                  "review_status", "merged_into", "location_name", "confidence", "killed"]


def upgrade() -> None:
    op.create_index("ix_events_browse", "events", BROWSE_COLUMNS)
    op.create_index("ix_events_location_name", "events", ["location_name"])
    op.create_index("ix_events_review_status", "events", ["review_status"])


def downgrade() -> None:
    op.drop_index("ix_events_review_status", table_name="events")
    op.drop_index("ix_events_location_name", table_name="events")
    op.drop_index("ix_events_browse", table_name="events")
