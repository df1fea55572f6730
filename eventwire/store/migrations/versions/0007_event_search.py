"""Event search: a full-text index over each event's evidence, title, entity names and place.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04

The web app's free-text filter ``q`` used to be a LIKE over the sentence, the
place and the entities' serialized JSON, so ``q=sector`` matched every event.
SQLite gets the FTS5 table ``events_fts``; PostgreSQL the table ``event_search``
(a ``tsvector`` per event, GIN-indexed).  Triggers on ``events`` keep either
current on every write; the upgrade back-fills it from the stored events in one
statement.  The statements are frozen here as they were written in
``eventwire/store/search.py`` (which queries use): a later change there comes with a
migration of its own.
"""
from __future__ import annotations

from alembic import op

# -- frozen copies of eventwire/store/search.py's statements at this revision --
SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE events_fts USING fts5(doc, event_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN\n        INSERT INTO events_fts (rowid, doc, event_id) VALUES (new.rowid, coalesce(new.evidence_sentence, '') || ' ' || coalesce((SELECT title FROM articles WHERE articles.id = new.article_id), '') || ' ' || coalesce((SELECT group_concat(coalesce(json_extract(value, '$.name'), '') || ' ' || coalesce(json_extract(value, '$.text'), ''), ' ') FROM json_each(new.actors)), '') || ' ' || coalesce((SELECT group_concat(coalesce(json_extract(value, '$.name'), '') || ' ' || coalesce(json_extract(value, '$.text'), ''), ' ') FROM json_each(new.recipients)), '') || ' ' || coalesce(new.location_name, ''), new.id); END",
    "CREATE TRIGGER events_fts_update AFTER UPDATE OF evidence_sentence, actors, recipients, location_name, article_id ON events BEGIN\n        DELETE FROM events_fts WHERE rowid = old.rowid;\n        INSERT INTO events_fts (rowid, doc, event_id) VALUES (new.rowid, coalesce(new.evidence_sentence, '') || ' ' || coalesce((SELECT title FROM articles WHERE articles.id = new.article_id), '') || ' ' || coalesce((SELECT group_concat(coalesce(json_extract(value, '$.name'), '') || ' ' || coalesce(json_extract(value, '$.text'), ''), ' ') FROM json_each(new.actors)), '') || ' ' || coalesce((SELECT group_concat(coalesce(json_extract(value, '$.name'), '') || ' ' || coalesce(json_extract(value, '$.text'), ''), ' ') FROM json_each(new.recipients)), '') || ' ' || coalesce(new.location_name, ''), new.id); END",
    'CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN DELETE FROM events_fts WHERE rowid = old.rowid; END',
]
SQLITE_FILL = [
    'DELETE FROM events_fts',
    "INSERT INTO events_fts (rowid, doc, event_id) SELECT e.rowid, coalesce(e.evidence_sentence, '') || ' ' || coalesce((SELECT title FROM articles WHERE articles.id = e.article_id), '') || ' ' || coalesce((SELECT group_concat(coalesce(json_extract(value, '$.name'), '') || ' ' || coalesce(json_extract(value, '$.text'), ''), ' ') FROM json_each(e.actors)), '') || ' ' || coalesce((SELECT group_concat(coalesce(json_extract(value, '$.name'), '') || ' ' || coalesce(json_extract(value, '$.text'), ''), ' ') FROM json_each(e.recipients)), '') || ' ' || coalesce(e.location_name, ''), e.id FROM events AS e",
]
SQLITE_DROP = [
    'DROP TRIGGER IF EXISTS events_fts_insert',
    'DROP TRIGGER IF EXISTS events_fts_update',
    'DROP TRIGGER IF EXISTS events_fts_delete',
    'DROP TABLE IF EXISTS events_fts',
]
PG_CREATE = [
    'CREATE TABLE event_search (\n        event_id VARCHAR(64) PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,\n        doc tsvector NOT NULL)',
    "CREATE FUNCTION eventwire_event_search() RETURNS trigger LANGUAGE plpgsql AS $$\n        BEGIN\n            INSERT INTO event_search (event_id, doc) VALUES (NEW.id, to_tsvector('simple', concat_ws(' ', NEW.evidence_sentence, (SELECT title FROM articles WHERE articles.id = NEW.article_id), (SELECT string_agg(coalesce(x->>'name', '') || ' ' || coalesce(x->>'text', ''), ' ') FROM json_array_elements(NEW.actors) AS x), (SELECT string_agg(coalesce(x->>'name', '') || ' ' || coalesce(x->>'text', ''), ' ') FROM json_array_elements(NEW.recipients) AS x), NEW.location_name)))\n            ON CONFLICT (event_id) DO UPDATE SET doc = EXCLUDED.doc;\n            RETURN NULL;\n        END $$",
    'CREATE TRIGGER events_search_insert AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION eventwire_event_search()',
    'CREATE TRIGGER events_search_update AFTER UPDATE OF evidence_sentence, actors, recipients, location_name, article_id ON events\n        FOR EACH ROW EXECUTE FUNCTION eventwire_event_search()',
]
PG_FILL = [
    'DELETE FROM event_search',
    "INSERT INTO event_search (event_id, doc) SELECT e.id, to_tsvector('simple', concat_ws(' ', e.evidence_sentence, (SELECT title FROM articles WHERE articles.id = e.article_id), (SELECT string_agg(coalesce(x->>'name', '') || ' ' || coalesce(x->>'text', ''), ' ') FROM json_array_elements(e.actors) AS x), (SELECT string_agg(coalesce(x->>'name', '') || ' ' || coalesce(x->>'text', ''), ' ') FROM json_array_elements(e.recipients) AS x), e.location_name)) FROM events AS e",
]
PG_INDEX = [
    'CREATE INDEX ix_event_search_doc ON event_search USING gin (doc)',
]
PG_DROP = [
    'DROP TABLE IF EXISTS event_search',
    'DROP FUNCTION IF EXISTS eventwire_event_search() CASCADE',
]

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    statements = (SQLITE_CREATE + SQLITE_FILL if sqlite
                  else PG_CREATE + PG_FILL + PG_INDEX)  # index after the back-fill
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    for statement in SQLITE_DROP if op.get_bind().dialect.name == "sqlite" else PG_DROP:
        op.execute(statement)
