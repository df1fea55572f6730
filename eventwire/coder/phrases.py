"""Names inside an argument phrase, for the roles and entities of the coder: the names a phrase that is not itself
an actor holds ("Ukraine's plans" -> Ukraine), a place compounded onto an event noun (its venue, not a party), a
name written as an affiliation ("anti-Syria"), the objects of a preposition that can be participants, and two
phrases that name their doer out of the parser's usual place ("visiting President X", "accused Iraq of ...")."""
from __future__ import annotations

import functools

from .lexicons import TIME_LABELS, load_lexicon, token_keys
from .trigger_senses import agent_noun, resolver_words
from .triggers import trigger_index

ENT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC"})
_INNER_PREPS = frozenset({"of", "in", "with", "against", "for", "by"})


def pobjs(prep) -> list:
    """The objects of a preposition that can be participants ("on Tuesday" is a time, not a recipient)."""
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp") and c.ent_type_ not in TIME_LABELS]


def _names_members(prep) -> bool:
    """ "including ...", "such as ...": a preposition that names members of the group its head counts."""
    return prep.lower_ == "including" or (prep.lower_ == "as" and (
        any(w.lower_ == "such" for w in prep.children) or prep.nbor(-1).lower_ == "such"))


def inner_tokens(token) -> list:
    """Names inside a phrase that is not itself an actor: "Ukraine's plans" -> Ukraine."""
    out = []
    relational = relational_noun(token)
    if token.lemma_.lower() in _affair_nouns():
        return out  # "the Iran arms scandal", "the Iran case": the affair's label, not a party (discourse.yml)
    if is_currency(token):
        return out  # "10 mln Canadian dlrs", "the West German mark": a currency, no party (actor_words.yml)
    members = [m for c in token.children if c.dep_ == "prep" and _names_members(c) for o in pobjs(c)
               for m in (o, *(x for x in o.conjuncts if x.i > o.i))]
    if members:
        # "at least four countries, including the United States and the Soviet Union", "the Western leaders,
        # including President Reagan": the members named, not the words describing the group
        return members
    for c in token.children:
        if is_affiliation(c):
            continue  # "an anti-Syria journalist", "Russia-backed separatists": not Syria's, not Russia's
        if relational and (c.dep_ in ("poss", "compound", "nmod") and c.ent_type_ != "NORP" or c.lower_ == "of"):
            continue  # "U.S. trading partners", "the allies of Japan": the other side ("Arab allies" are Arab)
        if c.dep_ == "poss" or (c.dep_ in ("compound", "amod", "nmod") and (c.ent_type_ in ENT_LABELS or c.pos_ == "PROPN")
                                and not (event_noun(token) and is_venue(c))):
            out.append(c)
            out.extend(x for x in c.conjuncts if x.i > c.i and (x.ent_type_ in ENT_LABELS or x.pos_ == "PROPN"))
        elif c.dep_ in ("amod", "compound") and c.lower_ in _leader_suffixes():  # "the US-led war": the US's
            out.extend(x for x in c.children if x.i < c.i and (x.ent_type_ in ENT_LABELS or x.pos_ == "PROPN"))
        elif c.dep_ == "prep" and c.lower_ in _INNER_PREPS:  # "targets in Jericho", "contact with the US"
            if c.lower_ in ("in", "at") and _away_noun(token):
                continue  # "the nations in Paris", "diplomats in Moscow": where they are, not whose
            objs = pobjs(c)[:1]
            if c.lower_ in ("in", "at") and objs and objs[0].lemma_.lower() in _circumstance_nouns():
                continue  # "condemned the increases in front of a crowd of supporters": where, not whose
            if c.lower_ in ("in", "at") and objs and token.lemma_.lower() in _venue_heads() and is_venue(objs[0]):
                continue  # "the summit in Venice", "talks at Geneva": where it is held, as "the Venice summit"
            out.extend(objs)
    return out


def judged_by(verb) -> list:
    """The one a judging verb's "of" / "for" gerund is told of: its object, or its passive subject ("accused
    Iraq of attacking ships", "Iraq was accused of attacking ships": Iraq attacked; roles.yml `judging_verbs`)."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ not in ("of", "for"):
        return []
    judge = prep.head
    if not any(k in _judging_verbs() for k in token_keys(judge)):
        return []
    return [c for c in judge.children if c.dep_ in ("dobj", "nsubjpass")][:1]


@functools.cache
def _judging_verbs() -> frozenset[str]:
    return frozenset(load_lexicon("roles")["judging_verbs"])


def visitor_of(token):
    """The visitor a pre-nominal "visiting" names, or None: "visiting West German President Richard von
    Weizsaecker" is a person, not a visit to him (the parser makes the name the gerund's object, or hangs the
    participle on it)."""
    if token.lower_ != "visiting" or token.tag_ != "VBG" or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        return None
    if token.dep_ == "amod" and token.head.pos_ in ("NOUN", "PROPN"):
        return token.head  # "the visiting president"
    if token.dep_ in ("csubj", "pcomp", "pobj", "nsubj", "dep", "ROOT", "xcomp"):
        # "Visiting Soviet Foreign Minister Eduard Shevardnadze met ...", "told visiting U.S. Trade Representative
        # Clayton Yeutter that ...": a person's name right after it (a place after it is visited: "kept visiting Kenya")
        objs = [c for c in token.children if c.dep_ == "dobj" and c.ent_type_ == "PERSON" and c.i == token.right_edge.i]
        return objs[0] if objs else None
    return None


def _gazetteers():
    """The actor gazetteer module, or None without the (optional) resolve stage."""
    try:
        from ..resolve import actor_gazetteers
    except ImportError:
        return None
    return actor_gazetteers


def _away_noun(token) -> bool:
    """A noun whose "in" place is where it is, not whose (the actor gazetteer's `away_nouns`)."""
    gz = _gazetteers()
    return gz is not None and gz.is_away_noun(token.text)


@functools.cache
def _person_nouns() -> frozenset[str]:
    return frozenset(load_lexicon("roles")["person_nouns"])


def people_noun(token) -> bool:
    """A common noun for people, by kind or by what they do ("men", "letter carriers", "producers"; roles.yml
    `person_nouns`, and the agent nouns of trigger_senses)."""
    return (token.pos_ == "NOUN" and token.lemma_.lower() in _person_nouns()) or agent_noun(token)


def is_currency(token) -> bool:
    """A currency ("dlrs", "the West German mark"): it names no party, whatever country modifies it."""
    return token.lower_ in _money_heads()


def names_a_currency(token) -> bool:
    """A modifier of a currency ("West German" of "the West German mark", "Canadian" of "Canadian dlrs")."""
    return token.dep_ in ("amod", "compound", "nmod") and is_currency(token.head)


def _money_heads() -> frozenset[str]:
    """Currencies, which name no actor whatever country modifies them (the resolver's ``money_heads``)."""
    return resolver_words("money_heads")


@functools.cache
def _affair_nouns() -> frozenset[str]:
    """Nouns of an affair, whose names label it ("the Iran arms scandal"; discourse.yml `affair_nouns`)."""
    from .discourse import discourse_rules

    return frozenset(discourse_rules()["affair_nouns"])


@functools.cache
def _circumstance_nouns() -> frozenset[str]:
    """Nouns of a compound preposition ("in front of", "in the wake of": actor_words.yml `circumstance_nouns`)."""
    gz = _gazetteers()
    return frozenset() if gz is None else gz.word_set("circumstance_nouns")


@functools.cache
def _venue_heads() -> frozenset[str]:
    """Nouns of a meeting or an accord, whose city is where it was held (fallbacks.yml `venue_heads`)."""
    return frozenset(load_lexicon("fallbacks")["leftover_actor"]["venue_heads"])


def relational_noun(token) -> bool:
    """A noun naming one side of a relation, whose owner is the other side (the actor gazetteer's
    `relational_nouns`: "U.S. trading partners", "Iraq's neighbours", "its creditor banks")."""
    gz = _gazetteers()
    return gz is not None and (gz.is_relational_noun(token.text) or gz.has_relational_compound(token))


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def event_noun(token) -> bool:
    """A noun the trigger lexicon reads as an event ("talks", "summit", "attack")."""
    return token.pos_ == "NOUN" and any(
        not e.pos or "NOUN" in e.pos for k in token_keys(token) for e in trigger_index().by_word.get(k, ()))


def is_venue(mod) -> bool:
    """A place name compounded onto an event noun says where the event was, not who acted: "the Geneva arms
    control talks", "the Reykjavik summit". A country or nationality still acts ("US air strikes", "Iranian
    shelling"), and so does any organisation, person or role: the modifier phrase is a venue only when the
    actor gazetteer finds in it a city, capital or region and nothing else, or finds nothing and the NER calls its
    names places."""
    try:
        from ..resolve import actor_gazetteers as gz
        from ..resolve.actors import find_hits
    except ImportError:  # the resolve stage is optional
        return False
    phrase = [t for t in mod.doc[mod.left_edge.i : mod.i + 1] if not t.is_punct]
    kinds = {h.entry.kind for h in find_hits([t.text for t in phrase])}
    if kinds:
        return kinds <= {gz.CITY, gz.CAPITAL, gz.REGION}  # "the Geneva talks", "the Gulf shipping war"
    named = [t for t in phrase if t.ent_type_]
    return bool(named) and all(t.ent_type_ in _PLACE_LABELS for t in named)


@functools.cache
def _leader_suffixes() -> frozenset[str]:
    """"-led", "-run": the name before it leads or holds the phrase's noun (actor_words.yml `leader_suffixes`)."""
    gz = _gazetteers()
    return frozenset() if gz is None else gz.word_set("leader_suffixes")


@functools.cache
def _affiliation_words() -> tuple[frozenset[str], frozenset[str]]:
    gz = _gazetteers()
    if gz is None:
        return frozenset(), frozenset()
    return gz.word_set("affiliation_prefixes"), gz.word_set("affiliation_suffixes")


def is_affiliation(token) -> bool:
    """A name written as an affiliation ("anti-Syria", "pro-Russian", "Iran-backed"): it says what a group is
    for or against, not whose it is (the actor gazetteer's word lists)."""
    prefixes, suffixes = _affiliation_words()
    doc = token.doc
    before = doc[token.i - 2].lower_ if token.i >= 2 and doc[token.i - 1].text == "-" else None
    after = doc[token.i + 2].lower_ if token.i + 2 < len(doc) and doc[token.i + 1].text == "-" else None
    return before in prefixes or after in suffixes
