"""Hand-made events and a tiny fake coder for the evaluation tests."""
from __future__ import annotations

from eventwire.schema import Entity, Event, Evidence, empty_quantities


def make_event(
    event_type: str = "ASSAULT",
    *,
    sentence: str = "Something happened.",
    actors: list[str] | tuple = (),
    recipients: list[str] | tuple = (),
    actor_sectors: list[str] | tuple = (),
    confidence: float = 0.5,
    factuality: str = "asserted",
    mode: str | None = None,
    trigger: str | None = None,
    quantities: dict | None = None,
    article_id: str = "a",
) -> Event:
    q = empty_quantities()
    q.update(quantities or {})
    actor_entities = [Entity(text=c, country=c) for c in actors]
    actor_entities += [Entity(text=s, sector=s) for s in actor_sectors]
    return Event(
        article_id=article_id,
        event_type=event_type,
        evidence=Evidence(sentence=sentence, start=0, end=len(sentence)),
        actors=actor_entities,
        recipients=[Entity(text=c, country=c) for c in recipients],
        confidence=confidence,
        factuality=factuality,
        mode=mode,
        trigger=trigger,
        quantities=q,
    )


KEYWORD_TYPES = {"agreed": "AGREE", "attacked": "ASSAULT", "met": "CONSULT", "arrested": "COERCE"}
KEYWORD_COUNTRIES = {"france": "FRA", "japan": "JPN", "russia": "RUS"}


def fake_coder(text: str, *, nlp=None, published=None, article_id: str = "text") -> list[Event]:
    """One event per known verb in the text; the first known country is the actor, the second the recipient."""
    words = [w.strip(".,").lower() for w in text.split()]
    countries = [KEYWORD_COUNTRIES[w] for w in words if w in KEYWORD_COUNTRIES]
    events = []
    for w in words:
        if w in KEYWORD_TYPES:
            events.append(make_event(
                KEYWORD_TYPES[w], sentence=text, actors=countries[:1], recipients=countries[1:2],
                trigger=w, article_id=article_id, confidence=0.9 if w == "attacked" else 0.6,
                actor_sectors=["COP"] if "police" in words else [],
                quantities={"killed": 2} if "killed" in words else {},
            ))
    return events
