"""Gazetteer hits: the names and role nouns an actor phrase's words spell (``actor_gazetteers``,
``compiled_actors``); read by ``actors.ActorResolver``, ``people`` and ``titles``.

``find_hits(words)`` reads the words left to right and takes, at each, the longest entry that starts there: a
name (country, demonym, capital, city, IGO, organisation, known person; matched as written) before a role noun
(matched lower-cased) of the same length, and a longer name of the compiled dictionaries over both.  A known
person's one-word name after another given name is no hit ("Bandar Abbas"), nor a one-word city after a name
particle ("Davao del Sur", ``name_particles``); a word no entry spells may be a
misspelled name ("Ethopia", ``fuzzy_names`` in ``actor_words.yml``).  A ``Hit`` is the entry and where it
stands (``start``, ``end``: indexes into the word list).
"""
from __future__ import annotations

from dataclasses import dataclass

from eventwire.resolve import actor_gazetteers as gz
from eventwire.resolve.compiled_actors import compiled_hit

COUNTRY_KINDS = (gz.COUNTRY, gz.DEMONYM, gz.CAPITAL, gz.CITY, gz.IGO, gz.ORG)


@dataclass(frozen=True)
class Hit:
    start: int  # index into the phrase's token list
    end: int
    entry: gz.Entry


def find_hits(words: list[str]) -> list[Hit]:
    """Longest gazetteer hits, left to right, not overlapping (names before role nouns of equal length)."""
    lex = gz.lexicon()
    lower = [w.lower() for w in words]
    hits: list[Hit] = []
    i = 0
    while i < len(words):
        found = None
        for n in range(min(lex.max_len, len(words) - i), 0, -1):
            entry = lex.names.get(tuple(words[i : i + n])) or lex.roles.get(tuple(lower[i : i + n]))
            if entry:
                found = (n, entry)
                break
        longer = compiled_hit(words, lower, i, found[0] if found else 0)  # the dictionaries: only a longer name
        found = longer or found
        if found and found[0] == 1 and (found[1].kind == gz.CITY or longer) and i >= 2 \
                and lower[i - 1] in gz.word_set("name_particles") and words[i - 2][:1].isupper():
            found = None  # "Davao del Sur": the end of a longer place name, not Sur (Tyre) in Lebanon
        if found and found[0] == 1 and found[1].kind == gz.PERSON and any(
                0 <= j < len(words) and gz.other_name_part(words[j], found[1]) for j in (i - 1, i + 1)):
            found = None  # "Bandar Abbas", "Albert Melnikov": another name sharing a word of a known person's
        if found:
            hits.append(Hit(i, i + found[0], found[1]))
            i += found[0]
        else:
            alone = not any(0 <= j < len(words) and gz.unknown_name(words[j]) for j in (i - 1, i + 1))
            entry = gz.fuzzy_entry(words[i], alone=alone)  # "Ethopia", "Bouteflicka": a misspelled name
            if entry:
                hits.append(Hit(i, i + 1, entry))
            i += 1
    return hits


def first_country(hits: list[Hit]) -> str | None:
    """The country of the first country-like hit (a country, demonym, capital, city, IGO or organisation
    that names one)."""
    return next((h.entry.country for h in hits if h.entry.kind in COUNTRY_KINDS and h.entry.country), None)
