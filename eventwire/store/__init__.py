"""The store: the one place with SQL.  SQLite by default, PostgreSQL a URL away."""
from eventwire.store.store import SaveResult, Store, open_store

__all__ = ["SaveResult", "Store", "open_store"]
