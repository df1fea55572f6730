"""Alembic migrations of the eventwire store (run by ``eventwire.store.migrate``)."""
