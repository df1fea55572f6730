"""Articles and events tables.

Revision ID: 0001
Revises:
Create Date: 2026-05-20
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _json() -> sa.JSON:
    return sa.JSON(none_as_null=True)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("external_id", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("published", sa.String(10)),
        sa.Column("source", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("dateline", sa.Text),
        sa.Column("format", sa.String(16)),
        sa.Column("origin", sa.Text),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("coded_at", sa.DateTime(timezone=True)),
        sa.Column("coder_version", sa.String(64)),
    )
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_index("ix_articles_source", "articles", ["source"])

    op.create_table(
        "events",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column(
            "article_id",
            sa.String(64),
            sa.ForeignKey("articles.id", name="fk_events_article_id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("event_type", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(32)),
        sa.Column("actors", _json(), nullable=False),
        sa.Column("recipients", _json(), nullable=False),
        sa.Column("date", sa.String(10)),
        sa.Column("date_precision", sa.String(8), nullable=False),
        sa.Column("date_stated", sa.Boolean(), nullable=False),
        sa.Column("location", _json()),
        sa.Column("factuality", sa.String(16), nullable=False),
        sa.Column("quantities", _json(), nullable=False),
        sa.Column("evidence_sentence", sa.Text, nullable=False),
        sa.Column("evidence_start", sa.Integer, nullable=False),
        sa.Column("evidence_end", sa.Integer, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("trigger", sa.Text),
        sa.Column("mentions", _json(), nullable=False),
        sa.Column("review", _json()),
        sa.Column("coder_version", sa.String(64)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_countries", sa.Text),
        sa.Column("recipient_countries", sa.Text),
        sa.Column("location_name", sa.Text),
        sa.Column("killed", sa.Integer),
        sa.Column("review_status", sa.String(16)),
    )
    op.create_index("ix_events_event_type", "events", ["event_type"])
    op.create_index("ix_events_date", "events", ["date"])
    op.create_index("ix_events_article_id", "events", ["article_id"])


def downgrade() -> None:
    op.drop_table("events")
    op.drop_table("articles")
