"""Records <-> table rows: Article and Event to dicts for insert, rows back to records.

No SQL here, only the mapping; ``event_export_dict`` gives exactly the export
shape of ``../shared/EVENT_SCHEMA.md`` (the keys and order of ``Event.to_dict``).
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from eventwire.schema import Article, Event

ARTICLE_COLUMNS = ("id", "external_id", "title", "text", "published", "source", "url",
                   "dateline", "format", "origin")
EVENT_EXPORT_KEYS = ("id", "article_id", "event_type", "mode", "actors", "recipients", "date",
                     "date_precision", "date_stated", "location", "factuality", "quantities",
                     "evidence", "confidence", "trigger", "mentions", "review")


def _blank_to_none(value: Any) -> Any:
    """The contract: unknown is null, never an empty string."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


def article_row(article: Article, *, ingested_at: datetime) -> dict[str, Any]:
    row = {c: _blank_to_none(getattr(article, c)) for c in ARTICLE_COLUMNS}
    row["text"] = article.text  # required, kept byte for byte: evidence offsets point into it
    row["ingested_at"] = ingested_at
    return row


def article_from_row(row: Any) -> Article:
    m = row._mapping
    return Article(**{c: m[c] for c in ARTICLE_COLUMNS})


def _countries(entities: list[dict[str, Any]]) -> str | None:
    seen: list[str] = []
    for e in entities:
        c = e.get("country")
        if c and c not in seen:
            seen.append(c)
    return ",".join(seen) or None


def event_side_rows(event_id: str, event_type: str, actors: list[dict[str, Any]] | None,
                    recipients: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The ``event_sides`` rows of one event: each distinct (side, country, sector) of its entities.

    Entities with neither a country nor a sector give no row (no filter could match them).  Each
    row carries the event's type, so "these types in this country" is one index range.
    """
    rows: list[dict[str, Any]] = []
    seen: set[tuple] = set()
    for side, entities in (("actor", actors), ("recipient", recipients)):
        for e in entities or []:
            key = (side, e.get("country") or None, e.get("sector") or None)
            if key[1:] != (None, None) and key not in seen:
                seen.add(key)
                rows.append({"event_id": event_id, "side": side, "country": key[1], "sector": key[2],
                             "event_type": event_type})
    return rows


def event_row(event: Event, *, coder_version: str | None, created_at: datetime) -> dict[str, Any]:
    d = event.to_dict()
    location = d["location"]
    quantities = d["quantities"] or {}
    review = d["review"]
    return {
        "id": d["id"],
        "article_id": d["article_id"],
        "event_type": d["event_type"],
        "mode": _blank_to_none(d["mode"]),
        "actors": d["actors"],
        "recipients": d["recipients"],
        "date": _blank_to_none(d["date"]),
        "date_precision": d["date_precision"],
        "date_stated": bool(d["date_stated"]),
        "location": location,
        "factuality": d["factuality"],
        "quantities": quantities,
        "evidence_sentence": d["evidence"]["sentence"],
        "evidence_start": d["evidence"]["start"],
        "evidence_end": d["evidence"]["end"],
        "confidence": d["confidence"],
        "trigger": _blank_to_none(d["trigger"]),
        "mentions": d["mentions"] or [],
        "review": review,
        "coder_version": coder_version,
        "created_at": created_at,
        "actor_countries": _countries(d["actors"]),
        "recipient_countries": _countries(d["recipients"]),
        "location_name": location.get("name") if location else None,
        "killed": quantities.get("killed"),
        "review_status": review.get("status") if review else None,
    }


def event_export_dict(row: Any) -> dict[str, Any]:
    """A row of ``events`` (or its mapping: column -> value) in the export shape."""
    m = getattr(row, "_mapping", row)
    return {
        "id": m["id"],
        "article_id": m["article_id"],
        "event_type": m["event_type"],
        "mode": m["mode"],
        "actors": m["actors"] or [],
        "recipients": m["recipients"] or [],
        "date": m["date"],
        "date_precision": m["date_precision"],
        "date_stated": bool(m["date_stated"]),
        "location": m["location"],
        "factuality": m["factuality"],
        "quantities": m["quantities"],
        "evidence": {
            "sentence": m["evidence_sentence"],
            "start": m["evidence_start"],
            "end": m["evidence_end"],
        },
        "confidence": m["confidence"],
        "trigger": m["trigger"],
        "mentions": m["mentions"] or [],
        "source_count": m["source_count"],
        "review": m["review"],
    }
