"""Hand-built Articles and Events for store and export tests (no spaCy)."""
from __future__ import annotations

import random

from eventwire.schema import Article, Entity, Event, Evidence, Place, article_id, empty_quantities

COUNTRIES = ("USA", "BRA", "FRA", "IGO", "UNO", "RUS", "KEN")
SECTORS = ("GOV", "MIL", "REB", "CVL", None)
SOURCES = ("The Local", "Reuters", None)
FORMATS = ("text", "html", "jsonl", "rss", "warc")
EVENT_TYPES = ("CONSULT", "ASSAULT", "PROTEST", "AGREE", "ACCUSE", "AID")
FACTUALITY = ("asserted", "negated", "hypothetical", "future")


def sentences_for(i: int) -> list[str]:
    return [
        f"Officials in São Paulo met delegation number {i} on Tuesday.",
        f"Gunmen attacked convoy {i} near the border, killing {i % 7} soldiers.",
        f"Protesters marched through the capital for the {i}th day — police said.",
        f"The ministry pledged ${i * 1000} in aid to region {i}.",
    ]


def make_article(i: int, *, seed: int = 0) -> Article:
    """Article number ``i``: four paragraphs, metadata varied deterministically by ``i``."""
    sents = sentences_for(i + seed * 1_000_000)
    text = "\n\n".join([" ".join(sents[:2]), sents[2], sents[3]])
    return Article(
        id=article_id(text),
        text=text,
        external_id=f"ext-{i}" if i % 3 else None,
        title=f"Story {i}" if i % 4 else None,
        published=f"2024-03-{1 + i % 5:02d}" if i % 6 else None,
        source=SOURCES[i % len(SOURCES)],
        url=f"https://example.org/{i}" if i % 2 else None,
        dateline="SALVADOR, Feb 26 -" if i % 5 == 0 else None,
        format=FORMATS[i % len(FORMATS)],
        origin=f"input.jsonl:{i + 1}",
    )


def _entity(rng: random.Random, word: str) -> Entity:
    return Entity(text=word, name=word.title(), country=rng.choice(COUNTRIES), sector=rng.choice(SECTORS),
                  wikidata=f"Q{rng.randint(1, 99999)}" if rng.random() < 0.3 else None)


def make_events(article: Article, n: int = 2, *, seed: int = 0) -> list[Event]:
    """``n`` events whose evidence sentences are real sentences of ``article.text``."""
    rng = random.Random(f"{article.id}-{seed}")
    sentences = [s for para in article.text.split("\n\n") for s in _split(para)]
    out = []
    for k in range(n):
        sentence = sentences[k % len(sentences)]
        start = article.text.index(sentence)
        quantities = empty_quantities()
        quantities["killed"] = rng.choice([None, 0, 3])
        if rng.random() < 0.5:
            quantities["money"] = [{"amount": 1000.0 * (k + 1), "currency": "USD", "text": f"${1000 * (k + 1)}"}]
        precision = rng.choice(["day", "month", "year", "unknown"])
        date = {"day": "2024-03-02", "month": "2024-03", "year": "2024", "unknown": None}[precision]
        out.append(Event(
            article_id=article.id,
            event_type=EVENT_TYPES[(k + len(article.id)) % len(EVENT_TYPES)],
            evidence=Evidence(sentence=sentence, start=start, end=start + len(sentence)),
            mode=rng.choice([None, "visit", "firearms"]),
            actors=[_entity(rng, "officials")] + ([_entity(rng, "police")] if rng.random() < 0.3 else []),
            recipients=[_entity(rng, "delegation")] if rng.random() < 0.7 else [],
            date=date,
            date_precision=precision,
            date_stated=precision != "unknown",
            location=Place(name="São Paulo", country="BRA", admin1="São Paulo", lat=-23.55, lon=-46.63,
                           geonameid=3448439, precision="city") if rng.random() < 0.6 else None,
            factuality=rng.choice(FACTUALITY),
            quantities=quantities,
            confidence=rng.random(),
            trigger=rng.choice(["met", "attacked", None]),
            mentions=[{"article_id": article.id, "start": start, "end": start + len(sentence)}],
        ))
    return out


def _split(paragraph: str) -> list[str]:
    parts, current = [], ""
    for piece in paragraph.split(". "):
        current = piece if piece.endswith(".") else piece + "."
        parts.append(current)
    return parts


def make_batch(start: int, size: int, *, events_per_article: int | None = 2, seed: int = 0):
    """``size`` (article, events) pairs; ``events_per_article=None`` leaves them uncoded."""
    batch = []
    for i in range(start, start + size):
        article = make_article(i, seed=seed)
        events = None if events_per_article is None else make_events(article, events_per_article, seed=seed)
        batch.append((article, events))
    return batch
