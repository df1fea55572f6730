"""summary_sides: events by country or sector per side, and by (actor country, recipient country) pair.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06

The event list's total ("1,000+" or the exact number) counted the matching events on every
request: for ``sector=MIL`` or ``actor_country=RUS&recipient_country=UKR`` up to 1,001 events
walked (6-7 ms at 100,000 events, 155 ms at 1,000,000).  ``summary_sides`` holds those counts
(``eventwire/store/summary_tables.py``), kept by the summary journal like the other summary
tables (migration 0008) in the same transaction as the events.  The upgrade folds any journal
rows left by this upgrade's earlier revisions into the tables that existed before, then counts
``summary_sides`` from the live events (``rebuild_summaries(only=...)``).
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

BEFORE = ("summary_dates", "summary_actors", "summary_places", "summary_edges")  # the tables of 0008


def upgrade() -> None:
    from eventwire.store.summaries import apply_journal, rebuild_summaries

    op.create_table(
        "summary_sides",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("facet", sa.String(16), nullable=False),
        sa.Column("side", sa.String(9), nullable=False),
        sa.Column("code", sa.Text, nullable=False),
        sa.Column("event_type", sa.String(16), nullable=False),
        sa.Column("rejected", sa.Boolean(), nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
    )
    op.create_index("ix_summary_sides_code", "summary_sides", ["facet", "code", "side", "event_type"])
    conn = op.get_bind()
    apply_journal(conn, only=BEFORE)  # 0008's back-fill, when this upgrade ran it
    rebuild_summaries(conn, only=("summary_sides",))


def downgrade() -> None:
    op.drop_index("ix_summary_sides_code", table_name="summary_sides")
    op.drop_table("summary_sides")
