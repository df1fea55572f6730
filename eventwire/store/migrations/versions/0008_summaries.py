"""Summary tables: the overview's, actors', places', map's, timeline's and network's counts, kept current.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04

Summaries used to read every matching event (seconds at 100,000 events) and were
only cached until the next write.  ``summary_dates``, ``summary_actors``,
``summary_places`` and ``summary_edges`` hold the counts over live (unmerged)
events; ``summary_journal`` receives, from triggers on ``events``, each event row
that starts or stops counting (insert; update of a column a summary reads, or of
``merged_into`` / ``review_status``; delete, cascades too), and
``eventwire.store.summaries.apply_journal`` folds it into the counts before the
writing transaction commits.  The upgrade journals every live event (one statement);
``upgrade_to_head`` folds the journal in the same transaction.  The statements are
frozen here; the tables are declared in ``eventwire/store/summary_tables.py``.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_COLS = ("event_type", "date", "review_status", "actors", "recipients", "location", "location_name",
         "actor_countries", "recipient_countries")
_COL_LIST = ", ".join(_COLS)


def _values(prefix: str) -> str:
    return ", ".join(f"{prefix}.{c}" for c in _COLS)


# An update journals only when something a summary reads changed (merges rewrite merged_into on many rows).
_SQLITE_CHANGED = " OR ".join(
    [f"old.{c} IS NOT new.{c}" for c in _COLS if c != "review_status"]
    + ["(old.merged_into IS NULL) <> (new.merged_into IS NULL)",
       "(coalesce(old.review_status, '') = 'rejected') <> (coalesce(new.review_status, '') = 'rejected')"])
_PG_CHANGED = " OR ".join(
    [f"OLD.{c}::text IS DISTINCT FROM NEW.{c}::text" for c in _COLS if c != "review_status"]
    + ["(OLD.merged_into IS NULL) <> (NEW.merged_into IS NULL)",
       "(coalesce(OLD.review_status, '') = 'rejected') <> (coalesce(NEW.review_status, '') = 'rejected')"])

SQLITE_CREATE = [
    f"CREATE TRIGGER summary_events_insert AFTER INSERT ON events WHEN new.merged_into IS NULL BEGIN "
    f"INSERT INTO summary_journal (sign, {_COL_LIST}) VALUES (1, {_values('new')}); END",
    f"CREATE TRIGGER summary_events_update AFTER UPDATE ON events WHEN {_SQLITE_CHANGED} BEGIN "
    f"INSERT INTO summary_journal (sign, {_COL_LIST}) SELECT -1, {_values('old')} WHERE old.merged_into IS NULL; "
    f"INSERT INTO summary_journal (sign, {_COL_LIST}) SELECT 1, {_values('new')} WHERE new.merged_into IS NULL; "
    f"END",
    f"CREATE TRIGGER summary_events_delete AFTER DELETE ON events WHEN old.merged_into IS NULL BEGIN "
    f"INSERT INTO summary_journal (sign, {_COL_LIST}) VALUES (-1, {_values('old')}); END",
]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS summary_events_{op_}" for op_ in ("insert", "update", "delete")]
PG_CREATE = [
    f"""CREATE FUNCTION eventwire_summary_journal() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                IF OLD.merged_into IS NULL THEN
                    INSERT INTO summary_journal (sign, {_COL_LIST}) VALUES (-1, {_values('OLD')});
                END IF;
            END IF;
            IF TG_OP <> 'DELETE' THEN
                IF NEW.merged_into IS NULL THEN
                    INSERT INTO summary_journal (sign, {_COL_LIST}) VALUES (1, {_values('NEW')});
                END IF;
            END IF;
            RETURN NULL;
        END $$""",
    "CREATE TRIGGER summary_events_insert AFTER INSERT ON events FOR EACH ROW "
    "EXECUTE FUNCTION eventwire_summary_journal()",
    f"CREATE TRIGGER summary_events_update AFTER UPDATE ON events FOR EACH ROW WHEN ({_PG_CHANGED}) "
    "EXECUTE FUNCTION eventwire_summary_journal()",
    "CREATE TRIGGER summary_events_delete AFTER DELETE ON events FOR EACH ROW "
    "EXECUTE FUNCTION eventwire_summary_journal()",
]
PG_DROP = ["DROP FUNCTION IF EXISTS eventwire_summary_journal() CASCADE"]
FILL = f"INSERT INTO summary_journal (sign, {_COL_LIST}) SELECT 1, {_COL_LIST} FROM events WHERE merged_into IS NULL"


def _json() -> sa.JSON:
    return sa.JSON(none_as_null=True)


def _counted(name: str, *columns: sa.Column) -> None:
    op.create_table(name, sa.Column("key", sa.Text, primary_key=True), *columns,
                    sa.Column("event_type", sa.String(16), nullable=False),
                    sa.Column("rejected", sa.Boolean(), nullable=False))


def upgrade() -> None:
    op.create_table(
        "summary_journal",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("sign", sa.Integer, nullable=False),
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
    _counted("summary_dates", sa.Column("date", sa.String(10)), sa.Column("n", sa.Integer, nullable=False))
    op.create_index("ix_summary_dates_date", "summary_dates", ["date"])
    _counted("summary_actors", sa.Column("name", sa.Text, nullable=False), sa.Column("country", sa.Text),
             sa.Column("sector", sa.Text), sa.Column("as_actor", sa.Integer, nullable=False),
             sa.Column("as_recipient", sa.Integer, nullable=False), sa.Column("events", sa.Integer, nullable=False))
    _counted("summary_places", sa.Column("name", sa.Text, nullable=False), sa.Column("country", sa.Text),
             sa.Column("admin1", sa.Text), sa.Column("precision", sa.Text), sa.Column("lat", sa.Float),
             sa.Column("lon", sa.Float), sa.Column("n", sa.Integer, nullable=False))
    _counted("summary_edges", sa.Column("source", sa.Text, nullable=False),
             sa.Column("target", sa.Text, nullable=False), sa.Column("people", sa.Boolean(), nullable=False),
             sa.Column("n", sa.Integer, nullable=False))
    for statement in SQLITE_CREATE if op.get_bind().dialect.name == "sqlite" else PG_CREATE:
        op.execute(statement)
    op.execute(FILL)  # folded into the counts by upgrade_to_head, in this transaction


def downgrade() -> None:
    for statement in SQLITE_DROP if op.get_bind().dialect.name == "sqlite" else PG_DROP:
        op.execute(statement)
    for name in ("summary_edges", "summary_places", "summary_actors", "summary_dates", "summary_journal"):
        op.drop_table(name)
