"""Members' tables: users, sessions, login attempts, invitations, revisions and comments.

Core tables on the same ``metadata`` as ``tables.py`` (which imports this module),
created by migration ``0003``.  Secrets are never stored: passwords as argon2
hashes, session tokens and invitation codes as SHA-256 hex digests.  Times are
UTC.  ``revisions`` keeps every review of an event; its revision 0 holds the
machine's original coding, so a correction never loses it.
"""
from __future__ import annotations

import sqlalchemy as sa

from eventwire.store.tables import metadata


def _json() -> sa.JSON:
    return sa.JSON(none_as_null=True)


users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String(40), nullable=False),  # stored lower-cased
    sa.Column("email", sa.Text),
    sa.Column("password_hash", sa.Text, nullable=False),  # argon2 encoded hash
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("disabled", sa.Boolean(), nullable=False),
    sa.Index("ux_users_username", "username", unique=True),
)

sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),  # sha256 hex of the token
    sa.Column(
        "user_id",
        sa.Integer,
        sa.ForeignKey("users.id", name="fk_sessions_user_id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_sessions_user_id", "user_id"),
    sa.Index("ix_sessions_expires_at", "expires_at"),
)

login_attempts = sa.Table(
    "login_attempts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("username", sa.String(255), nullable=False),  # as tried, lower-cased; may be unknown
    sa.Column("ip", sa.String(64)),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("outcome", sa.String(16), nullable=False),  # success | failure | locked
    sa.Index("ix_login_attempts_username_at", "username", "at"),
    sa.Index("ix_login_attempts_ip_at", "ip", "at"),
    sa.Index("ix_login_attempts_at", "at"),
)

invitations = sa.Table(
    "invitations",
    metadata,
    sa.Column("code_hash", sa.String(64), primary_key=True),  # sha256 hex of the code
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column(
        "created_by",
        sa.Integer,
        sa.ForeignKey("users.id", name="fk_invitations_created_by", ondelete="SET NULL"),
    ),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("used_at", sa.DateTime(timezone=True)),
    sa.Column(
        "used_by",
        sa.Integer,
        sa.ForeignKey("users.id", name="fk_invitations_used_by", ondelete="SET NULL"),
    ),
)

revisions = sa.Table(
    "revisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "event_id",
        sa.String(64),
        sa.ForeignKey("events.id", name="fk_revisions_event_id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("number", sa.Integer, nullable=False),  # 0: the machine's coding, then 1, 2, ...
    sa.Column("action", sa.String(16), nullable=False),  # machine | confirm | correct | reject
    sa.Column(
        "user_id",
        sa.Integer,
        sa.ForeignKey("users.id", name="fk_revisions_user_id", ondelete="SET NULL"),
    ),
    sa.Column("username", sa.String(40)),  # kept even if the user goes; NULL for the machine
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("changes", _json(), nullable=False),  # {field: {"old": ..., "new": ...}}
    sa.Column("reason", sa.Text),
    sa.Column("snapshot", _json(), nullable=False),  # the reviewable fields after this revision
    sa.Column("coder_version", sa.String(64)),  # revision 0: which coder made the original
    sa.Index("ux_revisions_event_id_number", "event_id", "number", unique=True),
)

comments = sa.Table(
    "comments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "event_id",
        sa.String(64),
        sa.ForeignKey("events.id", name="fk_comments_event_id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column(
        "user_id",
        sa.Integer,
        sa.ForeignKey("users.id", name="fk_comments_user_id", ondelete="SET NULL"),
    ),
    sa.Column("username", sa.String(40), nullable=False),
    sa.Column("body", sa.Text, nullable=False),  # plain text; escaping is the web layer's job
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("hidden", sa.Boolean(), nullable=False),
    sa.Column("hidden_by", sa.String(40)),
    sa.Column("hidden_at", sa.DateTime(timezone=True)),
    sa.Column("hidden_reason", sa.Text),
    sa.Index("ix_comments_event_id", "event_id"),
)

MEMBER_TABLES = {t.name: t for t in (users, sessions, login_attempts, invitations, revisions, comments)}
