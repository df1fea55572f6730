"""Full-text search over events (revision 0007): SQLite FTS5, PostgreSQL ``tsvector``.

Each event's search document is its evidence sentence, its article's title, the
``name`` and ``text`` of every actor and recipient, and its place name -- values
only, never the JSON's field names, so ``q=sector`` finds only events whose text
says "sector".  The index is kept by database triggers on ``events`` (insert;
update of the indexed columns; delete, cascaded ones included), so every write
path -- ``Store.save``, re-coding, reviews and corrections, merges, deletes --
keeps it current without the store layer having to remember it.

* SQLite: the FTS5 table ``events_fts(doc, event_id UNINDEXED)``, its rowid the
  event row's rowid (the triggers delete by it; nothing in eventwire runs
  ``VACUUM``, which could renumber rowids -- after one, rebuild with
  ``rebuild_search_index``).
* PostgreSQL: the table ``event_search(event_id, doc tsvector)`` with a GIN index,
  written by the ``eventwire_event_search`` trigger function; text search
  configuration ``simple`` (lower-cased words, no stemming, no stop words), which
  matches what FTS5's ``unicode61`` tokenizer does.

The user's text becomes a list of words (``\\w+``); each is a quoted FTS5 string
(implicitly ANDed) or, on PostgreSQL, a quoted lexeme of ``to_tsquery``, so no
input is FTS syntax: quotes, ``*``, ``NEAR(``, ``OR``, parentheses are just
separators.  Words of three letters or more match as prefixes (``conv`` finds ``convoy``;
``sector`` still finds no field name, only words of the text).  Text with no words matches
nothing (blank text is no filter).  :func:`ranked_hits` scores each match (``bm25`` /
``ts_rank``) for the events list's ``relevance`` sort.  These objects are not in
``tables.metadata`` (they are dialect-specific); :func:`include_name` tells
Alembic's comparison to leave them out.
"""
from __future__ import annotations

import re

import sqlalchemy as sa

MAX_TERMS = 32  # words of a query used; the rest are ignored
PREFIX_MIN = 3  # words this long or longer match every word they begin (shorter ones: whole words only)
SEARCH_NAMES = ("events_fts", "event_search")  # and FTS5's shadow tables events_fts_*
_WORD = re.compile(r"[^\W_]+")  # letters and digits: what unicode61 and PostgreSQL's parser call a word


def include_name(name, type_, parent_names) -> bool:
    """For Alembic's ``compare_metadata``: everything but the search index's own tables."""
    if type_ == "table" and name and (name in SEARCH_NAMES or name.startswith("events_fts_")):
        return False
    return True


def query_terms(text: str | None) -> list[str]:
    """The words of a free-text query, lower-cased, at most :data:`MAX_TERMS`."""
    return [w.lower() for w in _WORD.findall(text or "")][:MAX_TERMS]


def is_prefix(term: str) -> bool:
    """A word of the query that also finds longer words (``conv`` finds ``convoy``): three letters or more."""
    return len(term) >= PREFIX_MIN


def fts5_match(terms: list[str]) -> str:
    """An FTS5 MATCH string: each word a quoted string (no operator, no syntax), all required; words of
    :data:`PREFIX_MIN` letters or more match as prefixes."""
    return " ".join('"' + t.replace('"', '""') + '"' + ("*" if is_prefix(t) else "") for t in terms)


def pg_tsquery(terms: list[str]) -> str:
    """A ``to_tsquery('simple', ...)`` text: each word quoted as a lexeme (``[^\\W_]+`` has no quote or
    operator), ``:*`` on the prefix ones, all ANDed."""
    return " & ".join(f"'{t}'" + (":*" if is_prefix(t) else "") for t in terms)


_fts = sa.table("events_fts", sa.column("rowid"))
_pg = sa.table("event_search", sa.column("event_id"), sa.column("doc"))


def search_condition(dialect: str, id_column: sa.ColumnElement, text: str, *,
                     walk: bool = False) -> sa.ColumnElement | None:
    """A WHERE term on the ``events`` table (not an alias of it): the event's document has every word of
    ``text``; None if ``text`` has no word.  On SQLite the match is joined by rowid (reading each hit's
    ``event_id`` costs ~8x more at 100k hits).

    ``walk`` (SQLite): for a plan that walks the events in an index's order and stops at a page's end,
    when the text matches many events.  The hits are still read once, into the list the term tests each
    walked row against, but the term is written (``rowid + 0``) so that the planner cannot start from
    them instead -- reading every hit's row and sorting them all (22 ms against 3 ms for 20,000 hits of
    100,000 events).  A probe of the full-text index per walked row costs ~0.15 ms (~0.6 ms for a
    prefix), far more than the list."""
    terms = query_terms(text)
    if not terms:
        return None
    if dialect == "sqlite":
        rowid = sa.literal_column("events.rowid", sa.Integer)
        return (rowid + 0 if walk else rowid).in_(sa.select(_fts.c.rowid).where(_fts_match(terms)))
    hits = sa.select(_pg.c.event_id).where(_pg.c.doc.op("@@")(_pg_query(terms)))
    return id_column.in_(hits)


def _fts_match(terms: list[str]) -> sa.ColumnElement:
    return sa.literal_column("events_fts").op("MATCH")(sa.bindparam("fts_q", fts5_match(terms)))


def hit_count(conn: sa.Connection, text: str, *, cap: int) -> int:
    """How many events' documents have every word of ``text``, counting stops at ``cap`` (index only)."""
    terms = query_terms(text)
    if not terms:
        return 0
    if conn.dialect.name == "sqlite":
        hits = sa.select(_fts.c.rowid).where(_fts_match(terms))
    else:
        hits = sa.select(_pg.c.event_id).where(_pg.c.doc.op("@@")(_pg_query(terms)))
    return conn.execute(sa.select(sa.func.count()).select_from(hits.limit(cap).subquery())).scalar_one()


def hit_rows(dialect: str, text: str) -> tuple[sa.Subquery, sa.ColumnElement] | None:
    """The events matching ``text`` as a subquery (``rid``) and its join condition to ``events``, for a
    count that starts from the full-text index and stops at its cap (SQLite: 1,001 hits joined by rowid,
    1.2 ms, where ``rowid IN (every hit)`` took 7 ms at 20,000 hits); None if ``text`` has no word."""
    terms = query_terms(text)
    if not terms:
        return None
    if dialect == "sqlite":
        hits = sa.select(_fts.c.rowid.label("rid")).where(_fts_match(terms)).subquery("hits")
        return hits, sa.literal_column("events.rowid") == hits.c.rid
    hits = sa.select(_pg.c.event_id.label("rid")).where(_pg.c.doc.op("@@")(_pg_query(terms))).subquery("hits")
    return hits, sa.literal_column("events.id") == hits.c.rid


def _pg_query(terms: list[str]) -> sa.ColumnElement:
    return sa.func.to_tsquery(sa.literal_column("'simple'"), sa.bindparam("fts_q", pg_tsquery(terms)))


def ranked_hits(dialect: str, text: str) -> tuple[sa.Subquery, sa.ColumnElement] | None:
    """The events matching ``text`` with a relevance ``score`` (lower is better: SQLite's ``bm25``,
    PostgreSQL's ``ts_rank`` negated), and the join condition to ``events``; None if ``text`` has no word."""
    terms = query_terms(text)
    if not terms:
        return None
    if dialect == "sqlite":
        fts = sa.literal_column("events_fts")
        hits = (sa.select(sa.literal_column("events_fts.rowid").label("rid"), sa.func.bm25(fts).label("score"))
                .select_from(sa.text("events_fts"))
                .where(fts.op("MATCH")(sa.bindparam("fts_q", fts5_match(terms)))).subquery("hits"))
        return hits, sa.literal_column("events.rowid") == hits.c.rid
    query = _pg_query(terms)
    hits = (sa.select(_pg.c.event_id.label("rid"), sa.cast(-sa.func.ts_rank(_pg.c.doc, query), sa.Float(53)).label("score"))
            .where(_pg.c.doc.op("@@")(query)).subquery("hits"))
    return hits, sa.literal_column("events.id") == hits.c.rid


# -- DDL (used by migration 0007 and rebuild_search_index) -------------------------------------

def _sqlite_doc(row: str) -> str:
    names = ("(SELECT group_concat(coalesce(json_extract(value, '$.name'), '') || ' ' || "
             "coalesce(json_extract(value, '$.text'), ''), ' ') FROM json_each({row}.{col}))")
    return (f"coalesce({row}.evidence_sentence, '') || ' ' || "
            f"coalesce((SELECT title FROM articles WHERE articles.id = {row}.article_id), '') || ' ' || "
            f"coalesce({names.format(row=row, col='actors')}, '') || ' ' || "
            f"coalesce({names.format(row=row, col='recipients')}, '') || ' ' || "
            f"coalesce({row}.location_name, '')")


def _pg_doc(row: str) -> str:
    names = ("(SELECT string_agg(coalesce(x->>'name', '') || ' ' || coalesce(x->>'text', ''), ' ') "
             "FROM json_array_elements({row}.{col}) AS x)")
    return ("to_tsvector('simple', concat_ws(' ', "
            f"{row}.evidence_sentence, (SELECT title FROM articles WHERE articles.id = {row}.article_id), "
            f"{names.format(row=row, col='actors')}, {names.format(row=row, col='recipients')}, "
            f"{row}.location_name))")


_INDEXED = "evidence_sentence, actors, recipients, location_name, article_id"

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE events_fts USING fts5(doc, event_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')",
    f"""CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
        INSERT INTO events_fts (rowid, doc, event_id) VALUES (new.rowid, {_sqlite_doc('new')}, new.id); END""",
    f"""CREATE TRIGGER events_fts_update AFTER UPDATE OF {_INDEXED} ON events BEGIN
        DELETE FROM events_fts WHERE rowid = old.rowid;
        INSERT INTO events_fts (rowid, doc, event_id) VALUES (new.rowid, {_sqlite_doc('new')}, new.id); END""",
    "CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN DELETE FROM events_fts WHERE rowid = old.rowid; END",
]
SQLITE_FILL = [
    "DELETE FROM events_fts",
    f"INSERT INTO events_fts (rowid, doc, event_id) SELECT e.rowid, {_sqlite_doc('e')}, e.id FROM events AS e",
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS events_fts_insert", "DROP TRIGGER IF EXISTS events_fts_update",
               "DROP TRIGGER IF EXISTS events_fts_delete", "DROP TABLE IF EXISTS events_fts"]

PG_CREATE = [
    """CREATE TABLE event_search (
        event_id VARCHAR(64) PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
        doc tsvector NOT NULL)""",
    f"""CREATE FUNCTION eventwire_event_search() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO event_search (event_id, doc) VALUES (NEW.id, {_pg_doc('NEW')})
            ON CONFLICT (event_id) DO UPDATE SET doc = EXCLUDED.doc;
            RETURN NULL;
        END $$""",
    "CREATE TRIGGER events_search_insert AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION eventwire_event_search()",
    f"""CREATE TRIGGER events_search_update AFTER UPDATE OF {_INDEXED} ON events
        FOR EACH ROW EXECUTE FUNCTION eventwire_event_search()""",
]
PG_FILL = [
    "DELETE FROM event_search",
    f"INSERT INTO event_search (event_id, doc) SELECT e.id, {_pg_doc('e')} FROM events AS e",
]
PG_INDEX = ["CREATE INDEX ix_event_search_doc ON event_search USING gin (doc)"]
PG_DROP = ["DROP TABLE IF EXISTS event_search", "DROP FUNCTION IF EXISTS eventwire_event_search() CASCADE"]


def rebuild_search_index(conn: sa.Connection) -> None:
    """Re-derive every event's search document (in the caller's transaction)."""
    for statement in SQLITE_FILL if conn.dialect.name == "sqlite" else PG_FILL:
        conn.exec_driver_sql(statement)
