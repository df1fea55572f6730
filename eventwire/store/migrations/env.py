"""Alembic environment: run programmatically by ``eventwire.store.migrate``.

The caller passes an open SQLAlchemy connection through
``config.attributes["connection"]``; no ``alembic.ini`` and no logging setup
(the library never configures logging for its user).
"""
from __future__ import annotations

from alembic import context

from eventwire.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the command-line alembic tool gets here
    from sqlalchemy import create_engine

    connection = create_engine(context.config.get_main_option("sqlalchemy.url")).connect()

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # ALTER TABLE via copy on SQLite
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
