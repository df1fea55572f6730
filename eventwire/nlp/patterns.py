"""Entity-ruler patterns generated from the actor gazetteers (eventwire/resolve/gazetteers).

Labels follow spaCy's English NER scheme: countries, capitals and cities -> GPE, demonyms -> NORP,
international bodies and organisations -> ORG, known people -> PERSON.  Each pattern's ``id`` is
the entry's code (ISO alpha-3, UNO/EUR/IGO/NGO) or, for people, the canonical name.
Matching is case-sensitive (ORTH), so "US" is a country and "us" is not.
"""
from __future__ import annotations

import functools

from eventwire.resolve import actor_gazetteers as gz


@functools.cache
def entity_patterns() -> tuple[dict[str, str], ...]:
    """Phrase patterns for spaCy's span/entity ruler: ``{"label", "pattern", "id"}``."""
    out: dict[tuple[str, str], dict[str, str]] = {}

    def add(label: str, text: str, id_: str) -> None:
        out.setdefault((label, text), {"label": label, "pattern": text, "id": id_})

    for r in gz.country_rows():
        for n in [r["name"], *r["aliases"], *r["capitals"], *r["cities"]]:
            add("GPE", n, r["code"])
        for n in r["demonyms"]:
            add("NORP", n, r["code"])
    for r in gz.ethnic_rows():
        for n in r["forms"]:
            add("NORP", n, r["country"])
    for r in gz.igo_rows():
        for n in [r["name"], *r["aliases"]]:
            add("ORG", n, r["code"])
    for r in gz.organization_rows():
        for n in [r["name"], *r["aliases"]]:
            add("ORG", n, r["country"])
    for r in gz.people_rows():
        for n in [r["name"], *r["aliases"]]:
            add("PERSON", n, r["name"])
    return tuple(out.values())
