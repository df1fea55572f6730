"""Summary tables (revision 0008): the counts the overview, actors, places, map, timeline and network draw.

Core tables on the same ``metadata`` as ``tables.py`` (which imports this module).
Each row is a count over the *live* events (not merged into another) with one
combination of key values; ``event_type`` and ``rejected`` (the event's review
status is "rejected") are in every key, so the pages' usual filters -- some
types, with or without rejected events -- are a sum over a few rows.  ``key`` is
the JSON list of the key columns: a primary key that treats NULLs as equal, so
one ``INSERT .. ON CONFLICT (key) DO UPDATE`` adds to a count on SQLite and
PostgreSQL alike.  A row whose count drops to 0 is deleted.

``summary_journal`` is how the counts follow the events: database triggers on
``events`` (migration 0008) write the old row's summary columns with sign -1 and the
new row's with +1 on every insert, relevant update and delete (cascades too), and
``eventwire.store.summaries.apply_journal`` folds the journal into the counts in
the same transaction, before it commits (``Store._write``).
"""
from __future__ import annotations

import sqlalchemy as sa

from eventwire.store.tables import metadata


def _json() -> sa.JSON:
    return sa.JSON(none_as_null=True)


def _key() -> sa.Column:
    return sa.Column("key", sa.Text, primary_key=True)


def _common() -> list[sa.Column]:
    return [sa.Column("event_type", sa.String(16), nullable=False),
            sa.Column("rejected", sa.Boolean(), nullable=False)]


summary_journal = sa.Table(
    "summary_journal",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("sign", sa.Integer, nullable=False),  # +1 the event now counts, -1 it no longer does
    sa.Column("event_type", sa.String(16), nullable=False),
    sa.Column("date", sa.String(10)),
    sa.Column("review_status", sa.String(16)),
    sa.Column("actors", _json()),
    sa.Column("recipients", _json()),
    sa.Column("location", _json()),
    sa.Column("location_name", sa.Text),
    sa.Column("actor_countries", sa.Text),
    sa.Column("recipient_countries", sa.Text),
)

# Events by their stored date (YYYY-MM-DD, YYYY-MM, YYYY or NULL): overview totals, by type, timeline.
summary_dates = sa.Table(
    "summary_dates",
    metadata,
    _key(),
    sa.Column("date", sa.String(10)),
    *_common(),
    sa.Column("n", sa.Integer, nullable=False),
    sa.Index("ix_summary_dates_date", "date"),
)

# Entities (name, or text where there is no name) by how often they act / are acted on, and in how many events.
summary_actors = sa.Table(
    "summary_actors",
    metadata,
    _key(),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("country", sa.Text),
    sa.Column("sector", sa.Text),
    *_common(),
    sa.Column("as_actor", sa.Integer, nullable=False),
    sa.Column("as_recipient", sa.Integer, nullable=False),
    sa.Column("events", sa.Integer, nullable=False),
)

# Places (the event's location) with the columns the places list and the map show.
summary_places = sa.Table(
    "summary_places",
    metadata,
    _key(),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("country", sa.Text),
    sa.Column("admin1", sa.Text),
    sa.Column("precision", sa.Text),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    *_common(),
    sa.Column("n", sa.Integer, nullable=False),
)

# Who acts on whom: one row per (actor node, recipient node) pair of an event (``event_counts.actor_node``), twice:
# ``people`` false (a person counts for their country) and true (each known person is a node).
summary_edges = sa.Table(
    "summary_edges",
    metadata,
    _key(),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("target", sa.Text, nullable=False),
    sa.Column("people", sa.Boolean(), nullable=False),
    *_common(),
    sa.Column("n", sa.Integer, nullable=False),
)

# Revision 0010: events by a country or sector on one side ("actor", "recipient"), on either side ("either"),
# and by (actor country, recipient country) pair (facet "country_pair", side "pair", ``code`` the JSON list
# ``["RUS","UKR"]``): the event list's total for one side filter, or an actor and a recipient country, with
# types, read here instead of counting events (``SummaryQueries.count_events``).  The same entities as
# ``event_sides`` (``rows.event_side_rows``); each event counts once per row it has.
summary_sides = sa.Table(
    "summary_sides",
    metadata,
    _key(),
    sa.Column("facet", sa.String(16), nullable=False),  # country, sector or country_pair
    sa.Column("side", sa.String(9), nullable=False),  # actor, recipient, either or pair
    sa.Column("code", sa.Text, nullable=False),
    *_common(),
    sa.Column("n", sa.Integer, nullable=False),
    sa.Index("ix_summary_sides_code", "facet", "code", "side", "event_type"),
)

SUMMARY_TABLES = (summary_dates, summary_actors, summary_places, summary_edges, summary_sides)
JOURNAL_COLUMNS = ("event_type", "date", "review_status", "actors", "recipients", "location", "location_name",
                   "actor_countries", "recipient_countries")
