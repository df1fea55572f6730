"""Watched feeds and the entries read from them (``eventwire watch``), created by migration ``0006``.

``feeds`` holds one row per subscribed feed: its conditional-GET validators
(ETag, Last-Modified), how the last poll went and when the next one is due (later
and later while it keeps failing).  ``feed_entries`` holds one row per entry a
feed has listed, keyed by the feed and a digest of the entry's id (or link), with
what became of it: ``pending`` (listed, page not fetched yet), ``retry`` (a
transient failure, fetched again next round), ``stored`` (its article is
``article_id``) or ``failed`` (a permanent failure, ``reason`` says which).  Two
entries whose pages hold the same story point at the one article: both URLs are
remembered.  Times are UTC.
"""
from __future__ import annotations

import sqlalchemy as sa

from eventwire.store.tables import metadata

feeds = sa.Table(
    "feeds",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("last_status", sa.String(64)),  # "200", "304", "http 500", "timeout", "malformed feed" ...
    sa.Column("last_error", sa.Text),
    sa.Column("last_polled_at", sa.DateTime(timezone=True)),
    sa.Column("last_success_at", sa.DateTime(timezone=True)),
    sa.Column("last_new_item_at", sa.DateTime(timezone=True)),
    sa.Column("consecutive_failures", sa.Integer, nullable=False),
    sa.Column("next_poll_at", sa.DateTime(timezone=True)),
    sa.Column("paused", sa.Boolean(), nullable=False),
    sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("added_by", sa.String(64)),  # "file" (a FEEDS list) or the member's username
    sa.Index("ux_feeds_url", "url", unique=True),
)

feed_entries = sa.Table(
    "feed_entries",
    metadata,
    sa.Column(
        "feed_id",
        sa.Integer,
        sa.ForeignKey("feeds.id", name="fk_feed_entries_feed_id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("entry_key", sa.String(64), primary_key=True),  # sha256 hex of the entry's id, link or text
    sa.Column("url", sa.Text),  # the entry's link; NULL when it has none
    sa.Column("title", sa.Text),
    sa.Column("published", sa.String(10)),  # YYYY-MM-DD from the feed, NULL when it gives none
    sa.Column("text", sa.Text),  # the entry's own text (content or summary), used when it has no link
    sa.Column("status", sa.String(16), nullable=False),  # pending | retry | stored | failed
    sa.Column("reason", sa.Text),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column(
        "article_id",
        sa.String(64),
        sa.ForeignKey("articles.id", name="fk_feed_entries_article_id", ondelete="SET NULL"),
    ),
    sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_feed_entries_status", "status", "feed_id"),
    sa.Index("ix_feed_entries_url", "url"),
    sa.Index("ix_feed_entries_article_id", "article_id"),
)
