"""The records every stage hands to the next: RawDocument -> Article -> Event.

Field names follow the export contract (../shared/EVENT_SCHEMA.md); ``to_dict``
gives exactly the exported JSON shape.  Unknown values are ``None`` (or ``[]``),
never an empty string.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Any

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
FACTUALITY = ("asserted", "negated", "hypothetical", "future")
DATE_PRECISION = ("day", "month", "year", "unknown")
QUANTITY_KEYS = ("killed", "injured", "arrested", "displaced", "troops")
# PLOVER's codes for actors that are not states (EVENT_SCHEMA.md), plus CAMEO's regional blocs
NON_STATE_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC", "AFR", "ASA", "MEA", "WST"})


@dataclass
class RawDocument:
    """One input record as a reader found it, before segmentation.

    ``content`` is text or HTML (``content_type`` says which); ``origin`` names the
    file (and line or record) so errors and logs can point at it.
    """

    content: str
    content_type: str  # "text" or "html"
    origin: str
    format: str  # the input format it came from: text, html, jsonl, rss, atom, warc
    external_id: str | None = None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    source: str | None = None
    author: str | None = None


@dataclass
class Article:
    id: str
    text: str
    external_id: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    dateline: str | None = None
    format: str | None = None
    origin: str | None = None

    EXPORT_FIELDS = ("id", "external_id", "title", "text", "published", "source", "url", "dateline")

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.EXPORT_FIELDS}


_WS = re.compile(r"\s+")


def normalise_for_id(text: str) -> str:
    """Text as compared for identity: case-folded, whitespace collapsed."""
    return _WS.sub(" ", text).strip().casefold()


def article_id(text: str) -> str:
    """Stable article id from its normalised content (same story, same id)."""
    return hashlib.sha256(normalise_for_id(text).encode("utf-8")).hexdigest()[:20]


FROM_ARTICLE = "article"  # an Entity's origin when the article, not its own sentence, tells who it is


@dataclass
class Entity:
    text: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    origin: str | None = None  # "article": not named by the sentence, supplied by the article (coder/discourse.py)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if d["wikidata"] is None:
            d.pop("wikidata")
        origin = d.pop("origin")
        if origin is not None:
            d["from"] = origin
        return d


@dataclass
class Place:
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: str | None = None  # city, region, country

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Evidence:
    sentence: str
    start: int
    end: int


def empty_quantities() -> dict[str, Any]:
    q: dict[str, Any] = {k: None for k in QUANTITY_KEYS}
    q["money"] = []
    return q


@dataclass
class Event:
    article_id: str
    event_type: str
    evidence: Evidence
    mode: str | None = None
    actors: list[Entity] = field(default_factory=list)
    recipients: list[Entity] = field(default_factory=list)
    date: str | None = None
    date_precision: str = "unknown"
    date_stated: bool = False
    location: Place | None = None
    factuality: str = "asserted"
    quantities: dict[str, Any] = field(default_factory=empty_quantities)
    confidence: float = 0.5
    trigger: str | None = None
    mentions: list[dict[str, Any]] = field(default_factory=list)
    source_count: int | None = None  # distinct outlets reporting it, once merged across articles
    review: dict[str, Any] | None = None
    id: str | None = None
    # the coder's candidate features (eventwire/coder/confidence.py), kept to rescore the event when the
    # article fills a participant; never exported or stored
    features: dict[str, float] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.event_type not in EVENT_TYPES:
            raise ValueError(f"unknown PLOVER event type {self.event_type!r}")
        if self.factuality not in FACTUALITY:
            raise ValueError(f"unknown factuality {self.factuality!r}")
        if self.id is None:
            self.id = event_id(self.article_id, self.event_type, self.evidence.start, self.trigger)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "event_type": self.event_type,
            "mode": self.mode,
            "actors": [a.to_dict() for a in self.actors],
            "recipients": [r.to_dict() for r in self.recipients],
            "date": self.date,
            "date_precision": self.date_precision,
            "date_stated": self.date_stated,
            "location": self.location.to_dict() if self.location else None,
            "factuality": self.factuality,
            "quantities": self.quantities,
            "evidence": asdict(self.evidence),
            "confidence": round(float(self.confidence), 3),
            "trigger": self.trigger,
            "mentions": self.mentions,
            "source_count": self.source_count,
            "review": self.review,
        }


def event_id(article_id: str, event_type: str, start: int, trigger: str | None) -> str:
    key = f"{article_id}|{event_type}|{start}|{(trigger or '').casefold()}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
