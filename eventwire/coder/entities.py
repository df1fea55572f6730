"""Argument tokens to entities: a resolver names each argument (``eventwire.resolve.actors.ActorResolver``, or
:class:`PlainResolver` without the resolve stage), pronouns and relatives are followed to the noun they stand for
(``anaphora.antecedent``), a given name stands in its full name, and duplicates are dropped."""
from __future__ import annotations

import dataclasses
import logging

from ..nlp.syntax import subject_read_as_object
from ..schema import Entity
from .anaphora import RELATIVE, antecedent, is_partitive, is_pronoun
from .phrases import ENT_LABELS, event_noun, inner_tokens, people_noun, relational_noun

log = logging.getLogger(__name__)

MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})


def entities_for(tokens, resolver, *, depth: int = 0) -> list[Entity]:
    """Entities for argument tokens: resolved, pronouns followed, duplicates dropped."""
    out: list[Entity] = []
    for token in tokens:
        found: list[Entity] = []
        if token.dep_ == "compound" and token.ent_type_ == "PERSON" and token.head.ent_type_ == "PERSON":
            token = token.head  # a given name stands in its full name: "Albert" of "Albert Melnikov"
        if is_pronoun(token) or token.lower_ in RELATIVE or is_partitive(token):
            # the resolver's guess (the one person named in this sentence or the one before) unless the sentence's
            # own grammar names a noun for it and the guess was named only before ("Conable added that he talked
            # with Camdessus": Conable, not the Baker of the sentence before); else a noun of an earlier sentence
            ant = antecedent(token) if depth < 2 else None
            found = [e for e in (resolver.entities_for_token(token) or []) if e is not None and e.country]
            if ant is not None and ant.i != token.i and ant.sent == token.sent \
                    and not any(_named_before(e, token) for e in found):
                found = entities_for([ant], resolver, depth=depth + 1) or found
            if not found and ant is not None and ant.i != token.i:
                found = entities_for([ant], resolver, depth=depth + 1)
        elif token.dep_ in MODIFIER_DEPS:  # "US sanctions", "Russia's invasion": the modifier alone
            left = min(t.i for t in token.subtree)
            ent = resolver.entity_for_span(token.doc[left:token.i + 1])
            found = [ent] if ent is not None else []
        else:
            found = [e for e in (resolver.entities_for_token(token) or []) if e is not None]
            # (a person the NER names is that person, whatever the words hung on the name: "Baker of West German
            # monetary policy" is not West Germany)
            if not any(e.country for e in found) and depth < 2 and not (found and token.ent_type_ == "PERSON"):
                inner = entities_for(inner_tokens(token), resolver, depth=depth + 1)
                # "Ukraine's plans": Ukraine; "a truckload of rebel soldiers", which names no one itself: the rebels
                # (but "a meeting of ministers" is an occasion, not its members)
                states = [e for e in inner if e.country and not e.sector]
                if states and not found and people_noun(token) and len(states) == len(inner):
                    # "Canada's letter carriers", "Brazilian bankworkers": those people, of that state, not the state
                    found = [Entity(text=_phrase(token), country=states[0].country)]
                elif found and all(e.sector and not e.country for e in found) and _located_in_one_state(token, inner):
                    # "16,000 engineering workers at 45 firms, mainly in south Germany": German workers, not Germany
                    found = [dataclasses.replace(e, country=next(i.country for i in inner if i.country)) for e in found]
                elif any(e.country for e in inner) or (not found and not event_noun(token)
                                                       and any(e.sector for e in inner)):
                    # "a Kuwaiti tanker in the Gulf": Kuwait's; the sea it sailed is where, not whom
                    found = [e for e in inner if not world_region(e)] or inner
                elif not found and relational_noun(token):  # "U.S. trading partners": someone, no state we know
                    found = [Entity(text=_phrase(token))]
        for e in found:
            if not any(ch.isalnum() for ch in e.text):
                continue  # a bracket or a quote the parser made a word ("<Oki Electric Industry Co>'s") is no one
            if not any(_same(e, o) for o in out):
                out.append(e)
    return out


def _located_in_one_state(token, inner: list[Entity]) -> bool:
    """The names inside the phrase of a group are one state, reached only through "in" / "at": where the group is."""
    places = [t for c in token.children if c.dep_ == "prep" for t in c.subtree if t.dep_ == "pobj"]
    through = {t.head.lower_ for t in places if t.ent_type_ in ("GPE", "LOC")}
    states = {e.country for e in inner if e.country}
    return len(states) == 1 and bool(through) and through <= {"in", "at"}


def world_region(entity: Entity) -> bool:
    """A world region ("the Gulf", "Latin America"): a place no state owns (the actor gazetteer's regions)."""
    try:
        from ..resolve.actor_gazetteers import region_names
    except ImportError:  # the resolve stage is optional
        return False
    return entity.country is None and entity.name in region_names()


def _phrase(token) -> str:
    """The noun with its left modifiers ("U.S. trading partners"), without what follows it."""
    left = min(t.i for t in token.subtree if t.dep_ != "prep" and t.i <= token.i)
    return token.doc[left:token.i + 1].text


def _named_before(entity: Entity, token) -> bool:
    """The entity's name (its last word) stands in the pronoun's own sentence before it: the resolver's guess is
    as near as the grammar's."""
    last = (entity.name or entity.text).split()[-1].casefold()
    return any(t.text.casefold() == last for t in token.sent if t.i < token.i)


def _same(a: Entity, b: Entity) -> bool:
    if a.name and b.name:
        return a.name == b.name and a.country == b.country
    return a.text.casefold() == b.text.casefold()


class PlainResolver:
    """Stand-in used when ``eventwire.resolve.actors`` is not installed: names without countries."""

    def __init__(self, doc, published: str | None = None):
        self.doc = doc

    def entity_for_token(self, token) -> Entity | None:
        if token.ent_type_ in ENT_LABELS or token.pos_ == "PROPN":
            ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
            text = ent.text if ent is not None else token.text
            return Entity(text=text, name=text)
        if token.pos_ == "NOUN":
            return Entity(text=_phrase(token))
        return None

    def entities_for_token(self, token) -> list[Entity]:
        out = [self.entity_for_token(t) for t in (token, *[c for c in token.conjuncts if c.i > token.i
                                                           and subject_read_as_object(c) is None])]
        return [e for e in out if e is not None]

    def entity_for_span(self, span) -> Entity | None:
        return self.entity_for_token(span.root)


def default_resolver(doc, *, published: str | None = None):
    """The project's ActorResolver when installed, else :class:`PlainResolver`."""
    try:
        from ..resolve.actors import ActorResolver
    except ImportError:
        log.debug("eventwire.resolve.actors not available; actors get no countries")
        return PlainResolver(doc, published=published)
    return ActorResolver(doc, published=published)
