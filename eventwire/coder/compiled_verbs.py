"""Triggers from the compiled CAMEO verb dictionary (``eventwire.dictionaries``), ranked below ``triggers.yml``.

A PETRARCH pattern ``- $ * (TO BORDER) [154]`` is compiled (``dictionaries/verb_files.py``) into a dependency
matcher: the verb's lemma, and what its pattern names on each side - ``$`` words: the verb's subject; bare
words after ``*``: a particle ("set OFF") and the head of its object ("* DEADLINE"; a phrase
also the word before its head, met as a modifier: "* {HUMANITARIAN AID}"); a ``(PREP NOUN)`` group: a
prepositional child with that preposition and object.  The CAMEO code goes to PLOVER through
CAMEO2PLOVER-2021 with the decisions of ``dictionaries/cameo.yml``.

Only verbs that no curated trigger took are examined, and every compiled pattern names a noun (its object or
the object of its preposition), so the bare verb is never coded by the dictionary.  The candidates then go
through the same factuality (negation, hypothetical, future), roles and confidence as curated triggers, and
become events only as asserted dyads of their own (``is_compiled``: PETRARCH coded source-verb-target).
"""
from __future__ import annotations

import functools

from eventwire.dictionaries.formats import settings
from eventwire.dictionaries.tables import VerbPattern, compiled_tables

from .factuality import is_reporting_verb
from .lexicons import token_keys
from .trigger_senses import own_thing_object
from .triggers import Trigger, TriggerEntry, TriggerIndex, find_triggers, trigger_index

_OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "nsubjpass", "dative", "xcomp"})
_PREP_DEPS = frozenset({"prep", "agent", "dative"})
_PARTICLE_DEPS = frozenset({"prt", "advmod", "prep"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_NAME_ENTS = frozenset({"PERSON", "ORG", "LAW", "WORK_OF_ART", "FAC", "PRODUCT"})


@functools.cache
def verb_index() -> dict[str, tuple[tuple[VerbPattern, TriggerEntry], ...]]:
    """Verb lemma -> its compiled patterns (most specific first), each with the TriggerEntry it codes."""
    weight = float(settings()["verb_weight"])
    index: dict[str, list[tuple[VerbPattern, TriggerEntry]]] = {}
    for pat in compiled_tables().verbs:
        key = f"cameo:{pat.cameo}:{pat.particle}:{'/'.join(sorted(pat.object)[:2])}:{pat.prep}"
        entry = TriggerEntry(key=key, event_type=pat.event_type, mode=pat.mode, weight=weight,
                             pos=frozenset({"VERB"}))
        for verb in pat.verbs:
            index.setdefault(verb, []).append((pat, entry))
    return {v: tuple(sorted(es, key=lambda pe: -pe[0].specificity)) for v, es in index.items()}


_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})


def phrase_keys(token) -> frozenset[str]:
    """A noun's keys (lemma, lower-cased word) and, for each modifier before it, "modifier noun": a compiled
    phrase ("peacekeeping force", ``verb_files._heads``) is met only by a noun that has that modifier."""
    own = token_keys(token)
    mods = [k for c in token.children if c.dep_ in _MODIFIER_DEPS and c.i < token.i for k in token_keys(c)]
    return frozenset((*own, *(f"{m} {k}" for m in mods for k in own)))


def _keys(tokens) -> set[str]:
    return {k for t in tokens for k in phrase_keys(t)}


def _with_modifiers(tokens):
    """The nouns and their conjuncts (a pattern's noun is the head of its phrase: "* AID" is not "aid workers")."""
    for t in tokens:
        yield t
        yield from (c for c in t.children if c.dep_ == "conj")


class _Verb:
    """What the patterns of one verb token ask about, read from the parse once (a verb has up to hundreds of
    patterns): its particles, its objects, its prepositions with their objects, its subjects' keys."""

    __slots__ = ("particles", "objects", "preps", "subject_keys")

    def __init__(self, token):
        children = list(token.children)
        self.particles = {c.lower_ for c in children if c.dep_ in _PARTICLE_DEPS}
        heads = [c for c in children if c.dep_ in _OBJECT_DEPS]
        self.objects = [(t, phrase_keys(t)) for t in _with_modifiers(heads)]
        self.preps = [(p.lower_, [(t, phrase_keys(t))
                                  for t in _with_modifiers(o for o in p.children if o.dep_ == "pobj")])
                      for h in (token, *heads) for p in h.children if p.dep_ in _PREP_DEPS]
        self.subject_keys = _keys(_with_modifiers(c for c in children if c.dep_ in _SUBJECT_DEPS))


def matched_nouns(pat: VerbPattern, token, verb: _Verb | None = None) -> list | None:
    """The nouns through which the verb ``token`` carries what the pattern asks for, or None when it does not
    (``verb``: the token's parse read once, for a verb tried against many patterns)."""
    verb = verb or _Verb(token)
    nouns: list = []
    if pat.particle and pat.particle not in verb.particles:
        return None
    if pat.object:
        objects = [t for t, keys in verb.objects if not pat.object.isdisjoint(keys)]
        if not objects:
            return None
        nouns += objects
    if pat.prep or pat.pobj:
        preps = [found for lower, found in verb.preps if not pat.prep or lower == pat.prep]
        if not preps:
            return None
        if pat.pobj:
            pobjs = [t for found in preps for t, keys in found if not pat.pobj.isdisjoint(keys)]
            if not pobjs:
                return None
            nouns += pobjs
    if pat.subject and not verb.subject_keys & pat.subject:
        return None
    return nouns


def _refused_objects(token, index: TriggerIndex) -> set[str]:
    """The event types a curated entry of the verb refuses for its object here ("defend" is SUPPORT, but not with
    one's own thing as object: "defended its national rights"; `not_object`, `not_own_object`): the dictionary may
    not code the verb as one of them through that object either."""
    entries = [e for key in token_keys(token) for e in index.by_word.get(key, ()) if not e.pos or "VERB" in e.pos]
    if not entries:
        return set()
    keys = {k for o in token.children if o.dep_ == "dobj" for k in token_keys(o)}
    own = any(e.not_own_object for e in entries) and own_thing_object(token)
    return {e.event_type for e in entries if keys & e.not_object or (e.not_own_object and own)}


def compiled_triggers(span, taken: set[int], index: TriggerIndex) -> list[Trigger]:
    """Compiled-dictionary triggers on the verbs of ``span`` that no curated trigger took.

    Not a trigger: a verb of saying ("reported 14 attacks": the report, not an act), a verb whose matched noun a
    curated trigger already names ("launched an offensive": the offensive is the event), and a verb whose object a
    curated entry of the pattern's type refuses (``_refused_objects``)."""
    verbs = verb_index()
    doc = span.doc if hasattr(span, "doc") else span
    start, end = (span.start, span.end) if hasattr(span, "start") else (0, len(doc))
    out = []
    for i in range(start, end):
        tok = doc[i]
        if i in taken or tok.pos_ != "VERB" or tok.ent_type_ in _NAME_ENTS:
            continue
        patterns = verbs.get(tok.lemma_.lower())
        if not patterns or is_reporting_verb(tok):
            continue
        verb = _Verb(tok)
        refused = _refused_objects(tok, index)
        for pat, entry in patterns:
            nouns = matched_nouns(pat, tok, verb)
            if nouns is None:
                continue
            if not any(n.i in taken for n in nouns) and entry.event_type not in refused:
                out.append(Trigger(tok, i, i + 1, entry))
            break
    return out


def is_compiled(trigger: Trigger) -> bool:
    """A trigger of the compiled dictionary.  The coder keeps its event only as PETRARCH coded one: a
    source-verb-target dyad (an actor and a recipient that resolve), asserted, and not the content of another
    trigger ("urged the court to *reverse* the decision": the urging is the event; the reversal is what the
    curated trigger's factuality already calls hypothetical)."""
    return trigger.entry.key.startswith("cameo:")


def all_triggers(span, *, compiled: bool = True, index: TriggerIndex | None = None) -> list[Trigger]:
    """The curated triggers of ``span`` (``triggers.find_triggers``), then (``compiled``) the compiled ones on the
    verbs left."""
    index = index or trigger_index()
    found = find_triggers(span, index=index)
    if not compiled:
        return found
    taken = {i for t in found for i in range(t.start, t.end)}
    found.extend(compiled_triggers(span, taken, index))
    found.sort(key=lambda t: t.start)
    return found
