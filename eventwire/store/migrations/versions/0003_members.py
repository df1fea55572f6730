"""Members: users, sessions, login attempts, invitations, revisions of events, comments.

Revision ID: 0003
Revises: 0002
Create Date: 2026-05-21

New tables only; existing rows are untouched.  ``revisions`` and ``comments``
refer to ``events`` (deleted with their event); users are referred to by id
with ``SET NULL`` and by name, so history outlives an account.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _json() -> sa.JSON:
    return sa.JSON(none_as_null=True)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(40), nullable=False),
        sa.Column("email", sa.Text),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
    )
    op.create_index("ux_users_username", "users", ["username"], unique=True)

    op.create_table(
        "sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer,
                  sa.ForeignKey("users.id", name="fk_sessions_user_id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_sessions_user_id", "sessions", ["user_id"])
    op.create_index("ix_sessions_expires_at", "sessions", ["expires_at"])

    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(255), nullable=False),
        sa.Column("ip", sa.String(64)),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
    )
    op.create_index("ix_login_attempts_username_at", "login_attempts", ["username", "at"])
    op.create_index("ix_login_attempts_ip_at", "login_attempts", ["ip", "at"])
    op.create_index("ix_login_attempts_at", "login_attempts", ["at"])

    op.create_table(
        "invitations",
        sa.Column("code_hash", sa.String(64), primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("created_by", sa.Integer,
                  sa.ForeignKey("users.id", name="fk_invitations_created_by", ondelete="SET NULL")),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True)),
        sa.Column("used_by", sa.Integer,
                  sa.ForeignKey("users.id", name="fk_invitations_used_by", ondelete="SET NULL")),
    )

    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(64),
                  sa.ForeignKey("events.id", name="fk_revisions_event_id", ondelete="CASCADE"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("user_id", sa.Integer,
                  sa.ForeignKey("users.id", name="fk_revisions_user_id", ondelete="SET NULL")),
        sa.Column("username", sa.String(40)),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changes", _json(), nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("snapshot", _json(), nullable=False),
        sa.Column("coder_version", sa.String(64)),
    )
    op.create_index("ux_revisions_event_id_number", "revisions", ["event_id", "number"], unique=True)

    op.create_table(
        "comments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(64),
                  sa.ForeignKey("events.id", name="fk_comments_event_id", ondelete="CASCADE"), nullable=False),
        sa.Column("user_id", sa.Integer,
                  sa.ForeignKey("users.id", name="fk_comments_user_id", ondelete="SET NULL")),
        sa.Column("username", sa.String(40), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("hidden", sa.Boolean(), nullable=False),
        sa.Column("hidden_by", sa.String(40)),
        sa.Column("hidden_at", sa.DateTime(timezone=True)),
        sa.Column("hidden_reason", sa.Text),
    )
    op.create_index("ix_comments_event_id", "comments", ["event_id"])


def downgrade() -> None:
    for table in ("comments", "revisions", "invitations", "login_attempts", "sessions", "users"):
        op.drop_table(table)
