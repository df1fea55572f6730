"""The two tables, as SQLAlchemy Core objects: what queries are built from.

Migrations (``migrations/versions``) create these tables; ``tests/store`` checks
that the head revision and this module agree column for column.  Types are
dialect-neutral so a PostgreSQL URL works as well as SQLite; nested records are
``JSON`` (text in SQLite, ``json`` in PostgreSQL) so ``datasette`` shows them as
readable JSON, never as blobs.  A Python ``None`` is stored as SQL ``NULL``.
"""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()


def _json() -> sa.JSON:
    # none_as_null: None becomes SQL NULL, not the JSON text 'null'.
    return sa.JSON(none_as_null=True)


articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("external_id", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("published", sa.String(10)),  # YYYY-MM-DD
    sa.Column("source", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("dateline", sa.Text),
    sa.Column("format", sa.String(16)),
    sa.Column("origin", sa.Text),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),  # UTC
    sa.Column("coded_at", sa.DateTime(timezone=True)),
    sa.Column("coder_version", sa.String(64)),
    # Revision 0002 (eventwire.merger): syndicated near-copies.
    sa.Column("duplicate_of", sa.String(64)),  # id of the article this one copies; NULL if original
    sa.Column("fingerprint", sa.Text),  # near-duplicate signature (MinHash digest); NULL until merged
    sa.Index("ix_articles_published", "published"),
    sa.Index("ix_articles_source", "source"),
    sa.Index("ix_articles_duplicate_of", "duplicate_of"),
    sa.Index("ix_articles_ingested_at", "ingested_at"),  # revision 0009: the newest article (freshness)
    sa.Index("ix_articles_url", "url"),  # revision 0013: a page stored before (feeds_sql.stored_articles_for_urls)
)

events = sa.Table(
    "events",
    metadata,
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
    sa.Column("date", sa.String(10)),  # YYYY-MM-DD, YYYY-MM or YYYY
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
    sa.Column("review", _json()),  # NULL until a person reviewed the event
    sa.Column("coder_version", sa.String(64)),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    # Flattened copies, for querying and for browsing in datasette.
    sa.Column("actor_countries", sa.Text),  # comma-joined, e.g. "USA,IGO"
    sa.Column("recipient_countries", sa.Text),
    sa.Column("location_name", sa.Text),
    sa.Column("killed", sa.Integer),
    sa.Column("review_status", sa.String(16)),  # review.status, NULL until reviewed
    # Revision 0002 (eventwire.merger): one event, many reports.
    sa.Column("merged_into", sa.String(64)),  # id of the canonical event; NULL for a canonical one
    sa.Column("source_count", sa.Integer),  # distinct outlets reporting it; NULL until merged
    sa.Index("ix_events_event_type", "event_type"),
    sa.Index("ix_events_date", "date"),
    sa.Index("ix_events_article_id", "article_id"),
    sa.Index("ix_events_merged_into", "merged_into"),
)

# Revision 0005: one row per (event, side, country, sector) that some entity on that side has, so the
# web app's country and sector filters read an index instead of every event's lists (and with the
# event's type, the usual "these types, this country" too).  Written with the
# events (Store._replace_events) and rewritten when a review corrects them (MembersSQL.write_revision);
# deleted with its event.  Revision 0012 adds the event's date.  Entities with neither country nor sector give no row.
event_sides = sa.Table(
    "event_sides",
    metadata,
    sa.Column(
        "event_id",
        sa.String(64),
        sa.ForeignKey("events.id", name="fk_event_sides_event_id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("side", sa.String(9), nullable=False),  # "actor" or "recipient"
    sa.Column("country", sa.Text),  # the entity's country code, NULL if unknown
    sa.Column("sector", sa.Text),  # the entity's sector code, NULL if unknown
    sa.Column("event_type", sa.String(16), nullable=False),  # a copy of the event's, for "types + country"
    sa.Column("date", sa.String(10)),  # revision 0012: a copy of the event's, to sort a filter's events
    # Per event (probes from an event row, deletes); by country or sector (then type, then date) to find
    # events, and to sort a few of them by date without reading them.
    sa.Index("ix_event_sides_event", "event_id", "side", "country", "sector"),
    sa.Index("ix_event_sides_country", "country", "side", "event_type", "date", "event_id"),
    sa.Index("ix_event_sides_sector", "sector", "side", "event_type", "date", "event_id"),
)

TABLES = {"articles": articles, "events": events}

from eventwire.store import member_tables as _member_tables  # noqa: E402,F401  users, sessions, revisions, comments
from eventwire.store import feed_tables as _feed_tables  # noqa: E402,F401  feeds, feed_entries
from eventwire.store import summary_tables as _summary_tables  # noqa: E402,F401  summary counts (0008)
