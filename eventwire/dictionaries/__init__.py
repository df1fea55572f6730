"""The field's event-coding dictionaries, compiled: actors, agents, verbs and discards.

    from eventwire.dictionaries import build, compiled_tables
    build("../shared/data/dictionaries")     # `eventwire dictionaries build`: rewrites compiled/
    compiled_tables().actors                        # the shipped compiled tables, loaded once per process

Sources, licences and formats: ``compiled/LICENSES.md`` and ``../shared/data/dictionaries/README.md``.
"""
from __future__ import annotations

from .compiler import build
from .tables import compiled_tables

__all__ = ["build", "compiled_tables"]
