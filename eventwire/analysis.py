"""``read_events``: events as a flat pandas DataFrame, the shape analysts expect.

Reads a store (URL, SQLite path or open ``Store``), a Parquet file or partitioned
Parquet dataset (``eventwire export --format parquet [--partition-by month]``) or a
JSONL export, and flattens the nested export fields (../shared/EVENT_SCHEMA.md) the
way event datasets usually are (GDELT, ICEWS, POLECAT's flat files):

- ``actor1_*`` is the (first) actor and ``actor2_*`` the (first) recipient, each with
  ``text``, ``name``, ``country``, ``sector``, ``wikidata``; ``actors`` and
  ``recipients`` keep the whole lists (PLOVER's compound actors) and
  ``actors_count`` / ``recipients_count`` say how many there are;
- ``location_*``: ``name``, ``country``, ``admin1``, ``lat``, ``lon``, ``geonameid``, ``precision``;
- the quantities as their own columns (``killed``, ``injured``, ``arrested``,
  ``displaced``, ``troops``; ``money`` stays a list);
- ``evidence_sentence``, ``evidence_start``, ``evidence_end``;
- ``review_status``, ``review_by``, ``review_at``; ``mentions`` stays a list and
  ``source_count`` says how many reports were merged into the event.

Unknown values are missing (``None``/``NaN``/``<NA>``), integer columns are
pandas' nullable ``Int64``.  A partitioned dataset's partition column (``month``) is
kept, ``unknown`` where the event's date does not say.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

ENTITY_FIELDS = ("text", "name", "country", "sector", "wikidata")
PLACE_FIELDS = ("name", "country", "admin1", "lat", "lon", "geonameid", "precision")
QUANTITY_FIELDS = ("killed", "injured", "arrested", "displaced", "troops")
REVIEW_FIELDS = ("status", "by", "at")

COLUMNS: tuple[str, ...] = (
    "id", "article_id", "event_type", "mode", "date", "date_precision", "date_stated", "factuality",
    *(f"actor1_{f}" for f in ENTITY_FIELDS), *(f"actor2_{f}" for f in ENTITY_FIELDS),
    "actors_count", "recipients_count",
    *(f"location_{f}" for f in PLACE_FIELDS),
    *QUANTITY_FIELDS, "money",
    "evidence_sentence", "evidence_start", "evidence_end",
    "confidence", "trigger", "source_count",
    *(f"review_{f}" for f in REVIEW_FIELDS),
    "actors", "recipients", "mentions",
)
INT_COLUMNS = (*QUANTITY_FIELDS, "location_geonameid", "evidence_start", "evidence_end",
               "actors_count", "recipients_count", "source_count")
FLOAT_COLUMNS = ("location_lat", "location_lon", "confidence")


def _entity(entity: dict[str, Any]) -> dict[str, Any]:
    """An entity as the export contract has it: ``wikidata`` only where it is known."""
    out = {f: entity.get(f) for f in ENTITY_FIELDS[:4]}
    if entity.get("wikidata") is not None:
        out["wikidata"] = entity["wikidata"]
    return out


def flatten_event(event: dict[str, Any]) -> dict[str, Any]:
    """One event in the export shape as one flat row (the columns in ``COLUMNS``, plus any extra)."""
    actors = [_entity(a) for a in event.get("actors") or []]
    recipients = [_entity(r) for r in event.get("recipients") or []]
    place = event.get("location") or {}
    quantities = event.get("quantities") or {}
    evidence = event.get("evidence") or {}
    review = event.get("review") or {}
    row: dict[str, Any] = {k: event.get(k) for k in ("id", "article_id", "event_type", "mode", "date",
                                                     "date_precision", "date_stated", "factuality",
                                                     "confidence", "trigger", "source_count")}
    for prefix, entities in (("actor1", actors), ("actor2", recipients)):
        first = entities[0] if entities else {}
        row.update({f"{prefix}_{f}": first.get(f) for f in ENTITY_FIELDS})
    row["actors_count"], row["recipients_count"] = len(actors), len(recipients)
    row.update({f"location_{f}": place.get(f) for f in PLACE_FIELDS})
    row.update({f: quantities.get(f) for f in QUANTITY_FIELDS})
    row["money"] = list(quantities.get("money") or [])
    row.update({f"evidence_{f}": evidence.get(f) for f in ("sentence", "start", "end")})
    row.update({f"review_{f}": review.get(f) for f in REVIEW_FIELDS})
    row["actors"], row["recipients"] = actors, recipients
    row["mentions"] = list(event.get("mentions") or [])
    for key, value in event.items():  # extra fields (a dataset's partition column) are kept
        if key not in row and key not in ("location", "quantities", "evidence", "review"):
            row[key] = value
    return row


def _from_store(source, *, include_rejected: bool) -> Iterator[dict[str, Any]]:
    """The store's events with the export's fields (as every other source has them)."""
    from eventwire.exporter import EVENT_FIELDS
    from eventwire.store import Store, open_store

    store = source if isinstance(source, Store) else open_store(source)
    try:
        for event in store.iter_events(include_rejected=include_rejected):
            yield {k: event.get(k) for k in EVENT_FIELDS}
    finally:
        if store is not source:
            store.close()


def _from_parquet(path: Path) -> Iterator[dict[str, Any]]:
    import pyarrow.dataset as ds

    dataset = ds.dataset(path, format="parquet", partitioning="hive") if path.is_dir() \
        else ds.dataset(path, format="parquet")
    for batch in dataset.to_batches():
        yield from batch.to_pylist()


def _from_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _records(source, *, include_rejected: bool) -> Iterator[dict[str, Any]]:
    from eventwire.store import Store

    if source is None or isinstance(source, Store) or (isinstance(source, str) and "://" in source):
        return _from_store(source, include_rejected=include_rejected)
    path = Path(source)
    if path.is_dir() or path.suffix == ".parquet":
        return _from_parquet(path)
    if path.suffix in (".jsonl", ".json", ".ndjson"):
        return _from_jsonl(path)
    return _from_store(str(path), include_rejected=include_rejected)  # a SQLite file


def _kept(rows: Iterable[dict[str, Any]], *, event_types: set[str] | None, include_rejected: bool):
    for row in rows:
        if event_types is not None and row.get("event_type") not in event_types:
            continue
        if not include_rejected and (row.get("review") or {}).get("status") == "rejected":
            continue
        yield flatten_event(row)


def read_events(
    source=None,
    *,
    event_types: Sequence[str] | None = None,
    include_rejected: bool = True,
    columns: Sequence[str] | None = None,
):
    """Events from ``source`` as a pandas DataFrame with flat columns (see the module doc).

    ``source``: a database URL, a SQLite file, an open ``Store``, a Parquet file or
    dataset folder, a ``.jsonl`` export, or None (the configured database).
    ``event_types`` keeps only those types; ``include_rejected=False`` drops events a
    reviewer rejected; ``columns`` picks (and orders) the columns returned.
    """
    import pandas as pd

    wanted = set(event_types) if event_types is not None else None
    rows = list(_kept(_records(source, include_rejected=include_rejected), event_types=wanted,
                      include_rejected=include_rejected))
    extra = [k for k in (rows[0] if rows else {}) if k not in COLUMNS]
    frame = pd.DataFrame.from_records(rows, columns=[*COLUMNS, *extra])
    for name in INT_COLUMNS:
        frame[name] = frame[name].astype("Int64")
    for name in FLOAT_COLUMNS:
        frame[name] = frame[name].astype("float64")
    frame["date_stated"] = frame["date_stated"].astype("boolean")
    log.info("read %d events from %s", len(frame), source)
    return frame[list(columns)] if columns is not None else frame
