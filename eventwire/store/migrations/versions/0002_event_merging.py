"""Event merging: merged_into / source_count on events, duplicate_of / fingerprint on articles.

Revision ID: 0002
Revises: 0001
Create Date: 2026-05-21

All four columns are nullable, so existing rows need no backfill: NULL
``source_count`` marks an event that ``eventwire.merger`` has not looked at yet,
NULL ``fingerprint`` an article it has not fingerprinted yet.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("duplicate_of", sa.String(64)))
    op.add_column("articles", sa.Column("fingerprint", sa.Text))
    op.create_index("ix_articles_duplicate_of", "articles", ["duplicate_of"])
    op.add_column("events", sa.Column("merged_into", sa.String(64)))
    op.add_column("events", sa.Column("source_count", sa.Integer))
    op.create_index("ix_events_merged_into", "events", ["merged_into"])


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+), never a batch copy: recreating ``articles`` would drop the
    # old table, and with foreign keys on that cascades to every event.
    op.drop_index("ix_events_merged_into", table_name="events")
    op.drop_column("events", "source_count")
    op.drop_column("events", "merged_into")
    op.drop_index("ix_articles_duplicate_of", table_name="articles")
    op.drop_column("articles", "fingerprint")
    op.drop_column("articles", "duplicate_of")
