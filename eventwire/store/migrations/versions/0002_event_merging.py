"""Event merging: merged_into / source_count on events, duplicate_of / fingerprint on articles.

Revision ID: 0002
Revises: 0001
Create Date: 2026-05-21

All four columns are nullable, so existing rows need no backfill: NULL
``source_count`` marks an event that ``eventwire.merge`` has not looked at yet,
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
    op.drop_index("ix_events_merged_into", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("source_count")
        batch.drop_column("merged_into")
    op.drop_index("ix_articles_duplicate_of", table_name="articles")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("fingerprint")
        batch.drop_column("duplicate_of")
