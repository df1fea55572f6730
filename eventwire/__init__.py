"""eventwire: news in, PLOVER political event records out, each tied to its sentence.

The public API: every CLI verb is a thin wrapper over one of these functions.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["ingest", "code", "watch", "merge", "export", "stats", "summaries", "open_store", "read_events", "demo",
           "demo_page_path", "fit_confidence", "__version__"]


def __getattr__(name: str):
    # Imported lazily so that ``import eventwire`` stays cheap (no spaCy, no SQLAlchemy).
    if name in ("ingest", "code"):
        from . import pipeline

        return getattr(pipeline, name)
    if name == "watch":
        from .feeds.loop import watch

        return watch
    if name == "merge":
        from .merger import merge

        return merge
    if name == "export":
        from .exporter import export

        return export
    if name == "open_store":
        from .store import open_store

        return open_store
    if name == "read_events":
        from .analysis import read_events

        return read_events
    if name in ("demo", "demo_page_path"):
        from . import demo_page

        return getattr(demo_page, name)
    if name == "stats":
        return stats
    if name == "summaries":
        return summaries
    if name == "fit_confidence":
        from .eval.confidence_fit import fit_confidence

        return fit_confidence
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")


def stats(*, db: str | None = None) -> dict:
    """Counts by source, by day, by format and by event type; the watched feeds' health and the data's freshness."""
    from .feeds.health import feed_health
    from .store import open_store

    with open_store(db) as store:
        result = store.stats()
        result.update(feed_health(store))
        return result


def summaries(*, db: str | None = None, rebuild: bool = False) -> dict:
    """Check the stored summary counts against a recount of the events; ``rebuild`` recomputes them first.

    Returns ``{"rebuilt": events counted or None, "differences": {table: [{key, expected, stored}]}}``;
    no differences means the overview, actors, places, map, timeline and network agree with the events.
    """
    from .store import open_store

    with open_store(db) as store:
        rebuilt = store.rebuild_summaries() if rebuild else None
        return {"rebuilt": rebuilt, "differences": store.verify_summaries()}
