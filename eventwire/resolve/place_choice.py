"""Which of a sentence's place names is where the event happened.

The choice is a weighed vote.  Every span that may name a place (a GPE/LOC/FAC entity,
any other entity or proper-noun chunk the gazetteer knows or that sits where places sit)
gets named features (``candidate_features``): its entity label, what the gazetteer makes
of it, the preposition that governs it ("in" Aleppo, "from" Aleppo), the dependency path
to the event's trigger (how far, through another verb or not, a reporting verb above
both), whether it is the trigger's subject or object, its place beside other candidates
("Nablus" in "the West Bank city of Nablus"), and a few relative ranks (nearest to the
trigger in the tree).  Each feature has a weight in ``gazetteers/places/event_location.yml``;
the best-scoring candidate wins if its score is above zero (the "no place" option scores
zero), else the sentence names no event place.

The words behind the features are data in ``place_words.yml`` (preposition roles, place
nouns, place-taking verbs); the weights were fitted by
``eventwire.eval.place_tuning.fit_event_location_weights`` on the tuning portion of the
event-location data set and are written out, one per feature, with an example sentence
on which that feature fires (tests/resolve/test_place_choice_data.py checks each one).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache

import yaml

from eventwire.resolve.place_index import DATA_DIR, demonyms, normalise_name, place_words

log = logging.getLogger(__name__)

PLACE_LABELS = ("GPE", "LOC", "FAC")
# entity labels that may still be a place the small model mislabelled ("Mariupol" as ORG)
MAYBE_PLACE_LABELS = ("ORG", "PERSON", "NORP")
WEIGHTS_FILE = "event_location.yml"
_SUBJECT = ("nsubj", "nsubjpass", "csubj", "agent")
_OBJECT = ("dobj", "obj", "nsubjpass")
_MODIFIER = ("compound", "amod", "nmod", "npadvmod")
_DIST_BINS = (1, 2, 3, 4)  # tree distance 1..4, else "5+"
_TOKEN_BINS = ((3, "near"), (10, "mid"))  # else "far"


@cache
def choice_words() -> dict:
    """place_words.yml, as lookups: preposition -> role, place nouns, place-object verbs."""
    raw = place_words()
    return {
        "preps": {p["word"]: p["role"] for p in raw["prepositions"]},
        "place_nouns": frozenset(p["word"] for p in raw["place_nouns"]),
        "object_verbs": frozenset(raw["place_object_verbs"]),
    }


@cache
def reporting_verbs() -> frozenset[str]:
    from eventwire.resolve.dates import load_date_rules

    return frozenset(load_date_rules().reporting)


@dataclass(frozen=True)
class Weights:
    bias: float
    weights: dict[str, float]


@cache
def event_location_weights() -> Weights:
    """The feature weights (``gazetteers/places/event_location.yml``)."""
    raw = yaml.safe_load((DATA_DIR / WEIGHTS_FILE).read_text(encoding="utf-8"))
    return Weights(bias=float(raw["bias"]), weights={f["feature"]: float(f["weight"]) for f in raw["features"]})


# --------------------------------------------------------------------------- candidates

def _propn_run(chunk):
    """The proper-noun part of a noun chunk ("the Syrian town of Qusair" keeps "Qusair")."""
    tokens = [t for t in chunk if t.pos_ == "PROPN"]
    if not tokens:
        return None
    last = tokens[-1].i
    first = last
    while first - 1 >= chunk.start and chunk.doc[first - 1].pos_ == "PROPN":
        first -= 1
    return chunk.doc[first:last + 1]


_CHUNKS_KEY = "eventwire.noun_chunks"


def _noun_chunks(sent) -> list:
    """The noun chunks of ``sent``.  Span.noun_chunks walks the whole document's chunks on every
    call, so they are found once per document and kept in ``doc.user_data``."""
    doc = sent.doc
    bounds = doc.user_data.get(_CHUNKS_KEY)
    if bounds is None:
        bounds = doc.user_data[_CHUNKS_KEY] = [(c.start, c.end) for c in doc.noun_chunks]
    return [doc[s:e] for s, e in bounds if sent.start <= s and e <= sent.end]


def candidate_spans(sent, *, trigger=None) -> list:
    """Spans of ``sent`` that may name a place, in order: entities with a place label or a
    label the small model gives places by mistake, then proper-noun chunks outside them.
    The trigger's own span is never one."""
    ents = sent.ents  # built once: each Span.ents walks the document's entities
    spans = [e for e in ents if e.label_ in PLACE_LABELS + MAYBE_PLACE_LABELS]
    if sent.doc.has_annotation("DEP"):
        for chunk in _noun_chunks(sent):
            run = _propn_run(chunk)  # outside every entity: "Sunday" is a DATE, never a place
            if run is not None and not any(run.start < s.end and s.start < run.end for s in ents) \
                    and not any(run.start < s.end and s.start < run.end for s in spans):
                spans.append(run)
    if trigger is not None:
        spans = [s for s in spans if not s.start <= trigger.i < s.end]
    return sorted(spans, key=lambda s: s.start)


# --------------------------------------------------------------------------- features

def _is_verb(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX")


def _path_up(tok) -> list:
    """``tok`` and its ancestors, up to the root."""
    path = [tok]
    while path[-1].head.i != path[-1].i:
        path.append(path[-1].head)
    return path


def _is_place_noun(tok) -> bool:
    nouns = choice_words()["place_nouns"]
    return tok.lower_ in nouns or tok.lemma_.lower() in nouns


def _anchor(root) -> tuple:
    """The token that stands for the place in the sentence, climbing from the name to the
    place noun it names ("the city of X", "X province", "X airport"), and whether one was
    passed."""
    cur, place_noun = root, False
    for _ in range(6):
        head = cur.head
        if head.i == cur.i:
            break
        if cur.dep_ == "pobj" and head.lower_ == "of" and _is_place_noun(head.head):
            cur, place_noun = head.head, True
        elif cur.dep_ in _MODIFIER + ("appos",) and _is_place_noun(head):
            cur, place_noun = head, True
        else:
            break
    return cur, place_noun


def _governing_prep(anchor):
    """The preposition over ``anchor`` (through coordination and apposition) and its role."""
    cur = anchor
    for _ in range(4):
        head = cur.head
        if head.i == cur.i:
            return None, None
        if head.pos_ == "ADP" or cur.dep_ == "pobj":
            return head, choice_words()["preps"].get(head.lower_, "other")
        if cur.dep_ not in ("appos", "conj"):
            return None, None
        cur = head
    return None, None


def _tree_link(root, trigger) -> tuple[int, bool, bool, bool]:
    """(edges between them, trigger above the place, a verb other than the trigger on the
    place's side of the path, a reporting verb where the two paths meet)."""
    up_place, up_trigger = _path_up(root), _path_up(trigger)
    on_trigger = {t.i: n for n, t in enumerate(up_trigger)}
    for n, tok in enumerate(up_place):
        if tok.i in on_trigger:
            dist = n + on_trigger[tok.i]
            between = up_place[1:n + (0 if tok.i == trigger.i else 1)]
            verb_between = any(_is_verb(t) for t in between)
            reporting = tok.i != trigger.i and tok.lemma_.lower() in reporting_verbs()
            return dist, tok.i == trigger.i, verb_between, reporting
    return 99, False, True, False


def _known_as(span) -> str:
    from eventwire.resolve.places import candidates_for

    name = normalise_name(span.text)
    if name in demonyms():
        return "demonym"
    cands = candidates_for(span.text)
    return cands[0].precision if cands else "unknown"


def _neighbour_kinds(span, spans, kinds) -> set[str]:
    """Nesting with the other candidates: "X, Syria" (qualified) / the ", Syria" itself
    (qualifier); a country or region named beside a city in it (broader) / the city (inside)."""
    from eventwire.resolve.places import candidates_for

    doc = span.doc
    out = set()
    for other in spans:
        if other is span:
            continue
        if other.start == span.end + 1 and doc[span.end].text == "," and kinds[other] in ("country", "region"):
            out.add("spec:qualified")
        if span.start == other.end + 1 and doc[other.end].text == "," and kinds[span] in ("country", "region"):
            out.add("spec:qualifier")
    mine = candidates_for(span.text)
    if not mine:
        return out
    for other in spans:
        if other is span or kinds[other] in ("unknown", "demonym"):
            continue
        theirs = candidates_for(other.text)
        if mine[0].precision in ("country", "region") and theirs[0].precision == "city" \
                and theirs[0].country == mine[0].country:
            out.add("spec:broader")
        if mine[0].precision == "city" and theirs[0].precision in ("country", "region") \
                and theirs[0].country == mine[0].country:
            out.add("spec:inside")
    return out


def candidate_features(spans: list, trigger) -> list[dict[str, float]]:
    """Named features of each span in ``spans`` (the sentence's candidates) for ``trigger``."""
    words = choice_words()
    kinds = {s: _known_as(s) for s in spans}
    rows = []
    for span in spans:
        root, place_noun = _anchor(span.root)
        f: dict[str, float] = {f"label:{span.label_ or 'CHUNK'}": 1.0, f"known:{kinds[span]}": 1.0}
        if any(_is_place_noun(t) for t in span):
            f["name:place_noun"] = 1.0  # "Henan Province", "Kuweires Military Airport"
        prep, role = _governing_prep(root)
        f[f"prep:{role or 'none'}"] = 1.0
        if prep is not None and prep.head.i != trigger.i and prep.head.pos_ in ("NOUN", "PROPN"):
            f["prep:on_noun"] = 1.0  # "amid anger in Moscow": the anger's place
        if place_noun:
            f["place_noun"] = 1.0
        dist, governed, verb_between, reporting = _tree_link(root, trigger)
        f[f"tree:dist{dist if dist in _DIST_BINS else '5+'}"] = 1.0
        if governed:
            f["tree:governed"] = 1.0
        if verb_between:
            f["tree:verb_between"] = 1.0
        if reporting:
            f["tree:reporting"] = 1.0
        if root.head.i == trigger.i:
            if root.dep_ in _OBJECT and trigger.lemma_.lower() in words["object_verbs"]:
                f["role:place_object"] = 1.0
            elif root.dep_ in _SUBJECT:
                f["role:subject"] = 1.0
            elif root.dep_ in _OBJECT:
                f["role:object"] = 1.0
        if span.root.dep_ == "poss" or span.text.endswith(("'s", "’s")) or \
                (span.end < len(span.doc) and span.doc[span.end].tag_ == "POS"):
            f["role:possessive"] = 1.0
        if root.dep_ in _MODIFIER and root.head.pos_ in ("NOUN", "PROPN") and not place_noun:
            f["role:modifier"] = 1.0
        gap = span.start - trigger.i - 1 if span.start > trigger.i else trigger.i - span.end
        f["pos:before" if span.start < trigger.i else "pos:after"] = 1.0
        f[f"pos:{next((name for top, name in _TOKEN_BINS if gap < top), 'far')}"] = 1.0
        if span.start - span.sent.start <= 3 and role == "location" and span.start < trigger.i:
            f["pos:opening"] = 1.0  # "In London Monday, ..."
        for name in _neighbour_kinds(span, spans, kinds):
            f[name] = 1.0
        rows.append((f, dist, abs(root.i - trigger.i)))
    if rows:
        nearest_tree = min(r[1] for r in rows)
        nearest_tokens = min(r[2] for r in rows)
        for f, dist, gap in rows:
            if dist == nearest_tree:
                f["rank:nearest_tree"] = 1.0
            if gap == nearest_tokens:
                f["rank:nearest_tokens"] = 1.0
        if len(rows) == 1:
            rows[0][0]["rank:only"] = 1.0
    return [r[0] for r in rows]


def score(features: dict[str, float], weights: Weights | None = None) -> float:
    """The candidate's score; the "no place" option scores 0."""
    w = weights or event_location_weights()
    return w.bias + sum(w.weights.get(k, 0.0) * v for k, v in features.items())


def scored_candidates(trigger, *, weights: Weights | None = None) -> list[tuple[float, object]]:
    """(score, span) for each candidate in the trigger's sentence, best first."""
    spans = candidate_spans(trigger.sent, trigger=trigger)
    rows = [(score(f, weights), s) for f, s in zip(candidate_features(spans, trigger), spans)]
    return sorted(rows, key=lambda r: (-r[0], r[1].start))


def choose_event_location(trigger, *, weights: Weights | None = None):
    """The span naming where the trigger's event happened, or None."""
    rows = scored_candidates(trigger, weights=weights)
    return rows[0][1] if rows and rows[0][0] > 0 else None
