"""Feeds: the subscriptions ``eventwire watch`` polls and the entries it has read from them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04

``feeds`` keeps each feed's conditional-GET validators, its health (last status,
last success, consecutive failures) and the time of its next poll; ``feed_entries``
maps each entry a feed listed to what became of it (the stored article, or why
not), so a restarted watcher neither refetches nor stores anything twice.
Declared in ``eventwire/store/feed_tables.py``.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("last_status", sa.String(64)),
        sa.Column("last_error", sa.Text),
        sa.Column("last_polled_at", sa.DateTime(timezone=True)),
        sa.Column("last_success_at", sa.DateTime(timezone=True)),
        sa.Column("last_new_item_at", sa.DateTime(timezone=True)),
        sa.Column("consecutive_failures", sa.Integer, nullable=False),
        sa.Column("next_poll_at", sa.DateTime(timezone=True)),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by", sa.String(64)),
    )
    op.create_index("ux_feeds_url", "feeds", ["url"], unique=True)
    op.create_table(
        "feed_entries",
        sa.Column("feed_id", sa.Integer,
                  sa.ForeignKey("feeds.id", name="fk_feed_entries_feed_id", ondelete="CASCADE"), primary_key=True),
        sa.Column("entry_key", sa.String(64), primary_key=True),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("text", sa.Text),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("article_id", sa.String(64),
                  sa.ForeignKey("articles.id", name="fk_feed_entries_article_id", ondelete="SET NULL")),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_feed_entries_status", "feed_entries", ["status", "feed_id"])
    op.create_index("ix_feed_entries_url", "feed_entries", ["url"])
    op.create_index("ix_feed_entries_article_id", "feed_entries", ["article_id"])


def downgrade() -> None:
    op.drop_table("feed_entries")
    op.drop_table("feeds")
