"""The ``event_sides`` rows of events (revision 0005): one per side and country or sector an entity of the
event has, so the country and sector filters of the event lists read an index (``queries.EventQueries``).

``write_event_sides`` writes them with the events (``Store._replace_events``) and again when a review corrects
an event (``MembersSQL.write_revision``); ``delete_event_sides`` removes them before their events.
``SIDE_FILTERS`` says what each side field of an ``EventFilter`` asks of the table, as a ``SideTerm``.
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from eventwire.store.rows import event_side_rows
from eventwire.store.tables import event_sides, events

ID_CHUNK = 5_000  # ids per IN (...) when writing event_sides


def write_event_sides(conn: sa.Connection, event_rows: list[dict[str, Any]]) -> int:
    """Replace the ``event_sides`` rows of the events in ``event_rows`` (dicts with id, event_type, actors,
    recipients, date).

    In the caller's transaction, so the sides change with the events they describe.  Returns the
    number of side rows written.
    """
    ids = [r["id"] for r in event_rows]
    for i in range(0, len(ids), ID_CHUNK):
        conn.execute(event_sides.delete().where(event_sides.c.event_id.in_(ids[i : i + ID_CHUNK])))
    rows = [{**s, "date": r["date"]} for r in event_rows
            for s in event_side_rows(r["id"], r["event_type"], r["actors"], r["recipients"])]
    if rows:
        conn.execute(event_sides.insert(), rows)
    return len(rows)


def delete_event_sides(conn: sa.Connection, where: sa.ColumnElement) -> None:
    """Delete the ``event_sides`` rows of the events matching ``where`` (before deleting those events).

    The foreign key cascades too; this does not depend on SQLite's ``foreign_keys`` pragma being on.
    """
    conn.execute(event_sides.delete().where(event_sides.c.event_id.in_(sa.select(events.c.id).where(where))))


SideTerm = tuple[str, "str | None", str]  # (column of event_sides, side or None for either, value)
SIDE_NAMES = ("actor", "recipient")
# EventFilter field -> what it asks of event_sides
SIDE_FILTERS = (("country", None, "country"), ("country", "actor", "actor_country"),
                ("country", "recipient", "recipient_country"), ("sector", None, "sector"),
                ("sector", "actor", "actor_sector"), ("sector", "recipient", "recipient_sector"))
