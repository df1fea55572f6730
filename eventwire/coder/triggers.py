"""Candidate event triggers: the words and phrases of ``lexicon/triggers.yml`` found in a parse.

The lexicon is compiled once into dicts keyed by lemma (and by the first word of each phrase), so a
sentence costs one dict look-up per token; only tokens found there are examined further (part of
speech, particle, object, light verb, context).
"""
from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..schema import EVENT_TYPES
from .anaphora import stands_for_a_thing
from .factuality import states_opinion
from .lexicons import TIME_LABELS, load_lexicon, token_keys, word_keys
from .trigger_senses import (a_risk, about_no_party, blamed_for, criticised_under, misparsed_question, names_people, nominal_participle, on_target,
                             on_topic, opens_with, over_issue, own_thing_object, party_objects, party_subject,
                             predicative,
                             raised_objects, reporter_question, reports_past, targets_of, verb_subjects,
                             with_party, xcomp_keys)

log = logging.getLogger(__name__)

# dependencies through which a noun is the thing a (light) verb does
_OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "nsubjpass", "dative"})
# dependencies of the arguments an object constraint looks at
_ARG_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "pobj", "dative"})
_PARTICLE_DEPS = frozenset({"prt", "prep", "agent", "dative", "aux", "mark"})
# tokens inside these entities are names, not events ("the Ukraine Freedom Support Act")
_AMOUNT_LABELS = frozenset({"MONEY", "QUANTITY", "CARDINAL"})
_NAME_ENTS = frozenset({"PERSON", "ORG", "LAW", "WORK_OF_ART", "FAC", "PRODUCT"})
_PHRASE_SPLIT = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class TriggerEntry:
    """One lexicon entry, compiled."""

    key: str  # "lemma:meet:VERB" / "phrase:hunger strike" — names the entry in tests and logs
    event_type: str
    mode: str | None
    weight: float
    words: tuple[str, ...] = ()  # phrase words; empty for a lemma entry
    pos: frozenset[str] = frozenset()
    particle: frozenset[str] = frozenset()
    object: frozenset[str] = frozenset()
    not_object: frozenset[str] = frozenset()
    object_people: bool = False  # or an object that names people ("released the mayor")
    not_object_people: bool = False  # a direct object (or passive subject) naming people stops it ("was fired")
    party_object: bool = False  # a direct object, if any, names a party ("met the envoy", not "met the demands")
    not_own_object: bool = False  # a thing its subject owns as object stops it ("defended its rights")
    risk_preps: frozenset[str] = frozenset()  # "the threat to shipping": a danger to no party, with no owner
    context: frozenset[str] = frozenset()
    not_context: frozenset[str] = frozenset()
    clause: bool = False
    preps: frozenset[str] = frozenset()
    light_verb: bool = False
    future_only: bool = False
    intransitive: bool = False  # a use with a direct object or a clause does not fire ("demonstrated its authority")
    not_complement: frozenset[str] = frozenset()  # words opening a clause complement that stop it ("asked whether")
    # lemmas of its infinitive complement that stop it ("declined to say"), or that lemma and its object's or
    # complement's ("refused to give details", "asked to remain anonymous")
    not_xcomp: frozenset[str] = frozenset()
    not_governor: frozenset[str] = frozenset()  # verbs whose object it may not be ("missiles pose a threat")
    not_modifier: frozenset[str] = frozenset()  # modifiers that give it another sense ("domestic demand")
    not_state_owner: bool = False  # a state's possessive gives it another sense ("West Germany's march toward ...")
    # True: it fires only when its subject is a state or a state's voice ("Britain protested the limits": a diplomatic
    # protest); False: never then (a demonstration is by people); None: either
    state_subject: bool | None = None
    # "X came under attack": it fires only when X is one person or one of these nouns ("his handling of the economy")
    under_holder: frozenset[str] = frozenset()
    # it fires only when the verb blames its object "for" a deed: a gerund, a clause or one of these nouns
    blamed_for: frozenset[str] = frozenset()
    no_result_participle: bool = False  # "..., allowing it to undercut its rivals": what followed, not an act
    no_xcomp: bool = False  # an infinitive complement stops it: "sought to portray" tries, "sought help" asks
    no_ccomp: bool = False  # a clause complement stops it: "conceded that X" admits, "conceded to demands" yields
    not_past_clause: bool = False  # a perfect clause complement stops it ("warned that X has been"): an assessment
    reporter_question: bool = False  # "Asked about the talks, he said": an opening participle with no asker
    no_infinitive: bool = False  # an infinitive anywhere below it stops it ("called on Syria to withdraw")
    context_sense: bool = False  # its context word must be a trigger in its own sense ("vowed to fight cuts": no)
    not_agent: frozenset[str] = frozenset()  # "a brigade backed by tanks": a passive "by" object that is no party
    party_subject: bool = False  # "the dispute threatened to escalate": a thing's subject puts at risk
    not_prep: frozenset[str] = frozenset()  # "in response to": the object of these prepositions is no event
    not_target: frozenset[str] = frozenset()  # "war on inflation": an "on" / "against" object that is no party
    party_clause: bool = False  # a clause complement about no party stops it ("warned the talks would fail")
    opinion_clause: bool = False  # a present-tense clause complement stops it ("agreed the economy is sound")
    needs: frozenset[str] = frozenset()  # dependencies it fires only with ("declined to meet"; debt "will decline")
    # it fires only on a target: the object of one of these prepositions is a named place or party, or one of
    # target_nouns ("the strike on the platform", not "the strike on Monday" or "a strike on the railways")
    target_preps: frozenset[str] = frozenset()
    target_nouns: frozenset[str] = frozenset()
    target_labels: frozenset[str] = frozenset()  # the named targets' entity labels, when not every named one
    topic_nouns: frozenset[str] = frozenset()  # "warned about the state of the finances": a comment on a topic
    issue_preps: frozenset[str] = frozenset()  # "clashed over access": a dispute over an issue, not a fight
    roles: str | None = None
    example: str = ""
    counter_example: str = ""

    @property
    def specificity(self) -> int:
        return 2 * bool(self.object) + bool(self.particle) + bool(self.context) + self.clause + len(self.words) + bool(
            self.target_preps) + self.no_infinitive + bool(self.under_holder) + 2 * bool(self.blamed_for)


@dataclass
class Trigger:
    """A trigger found in a Doc: its syntactic head token and the tokens it spans."""

    token: object  # spacy Token
    start: int
    end: int
    entry: TriggerEntry

    @property
    def text(self) -> str:
        return self.token.doc[self.start:self.end].text

    @property
    def event_type(self) -> str:
        return self.entry.event_type


@dataclass
class TriggerIndex:
    by_word: dict[str, list[TriggerEntry]] = field(default_factory=dict)
    phrases: dict[str, list[TriggerEntry]] = field(default_factory=dict)  # by first word
    light_verbs: frozenset[str] = frozenset()
    governing_types: frozenset[str] = frozenset()
    content_governors: frozenset[str] = frozenset()  # their negated governed act is their content, no event
    readiness: frozenset[str] = frozenset()  # "ready to attack": the readiness is the threat, no agreement
    adjectival_types: frozenset[str] = frozenset()
    adjectival_not_modes: frozenset[tuple[str, str]] = frozenset()  # (type, mode) an adjective only describes
    recode: tuple[dict, ...] = ()
    not_issues: frozenset[str] = frozenset()  # places and times a fight is "over" (``issue_preps``)
    topic_preps: frozenset[str] = frozenset()  # prepositions naming a warning's topic (``topic_nouns``)
    state_voices: frozenset[str] = frozenset()  # nouns that speak for a state (``state_subject``)


def _entry(raw: dict) -> TriggerEntry:
    if raw["type"] not in EVENT_TYPES:
        raise ValueError(f"triggers.yml: unknown event type {raw['type']!r} in {raw}")
    words: tuple[str, ...] = ()
    if "phrase" in raw:
        words = tuple(w.lower() for w in _PHRASE_SPLIT.findall(raw["phrase"]))
        key = f"phrase:{raw['phrase']}"
    else:
        key = f"lemma:{raw['lemma']}:{'/'.join(raw.get('pos', []))}"
        if raw.get("object"):
            key += f":{'/'.join(raw['object'][:2])}"
        if raw.get("particle"):
            key += f":{'/'.join(raw['particle'])}"
        if raw.get("target_preps"):
            key += f":target:{'/'.join(raw['target_preps'])}"
        if raw.get("under_holder"):
            key += ":under"
        if raw.get("blamed_for"):
            key += ":blamed"
    return TriggerEntry(
        key=key,
        event_type=raw["type"],
        mode=raw.get("mode"),
        weight=float(raw.get("weight", 0.6)),
        words=words,
        pos=frozenset(raw.get("pos", ())),
        particle=frozenset(raw.get("particle", ())),
        object=frozenset(raw.get("object", ())),
        not_object=frozenset(raw.get("not_object", ())),
        object_people=bool(raw.get("object_people", False)),
        not_object_people=bool(raw.get("not_object_people", False)),
        party_object=bool(raw.get("party_object", False)),
        not_own_object=bool(raw.get("not_own_object", False)),
        risk_preps=frozenset(raw.get("risk_preps", ())),
        context=frozenset(raw.get("context", ())),
        not_context=frozenset(raw.get("not_context", ())),
        clause=bool(raw.get("clause", False)),
        preps=frozenset(raw.get("preps", ())),
        light_verb=bool(raw.get("light_verb", False)),
        future_only=bool(raw.get("future_only", False)),
        intransitive=bool(raw.get("intransitive", False)),
        not_complement=frozenset(raw.get("not_complement", ())),
        not_xcomp=frozenset(raw.get("not_xcomp", ())),
        not_governor=frozenset(raw.get("not_governor", ())),
        not_modifier=frozenset(raw.get("not_modifier", ())),
        not_state_owner=bool(raw.get("not_state_owner", False)),
        state_subject=raw.get("state_subject"),
        under_holder=frozenset(raw.get("under_holder", ())),
        blamed_for=frozenset(raw.get("blamed_for", ())),
        no_result_participle=bool(raw.get("no_result_participle", False)),
        no_xcomp=bool(raw.get("no_xcomp", False)),
        no_ccomp=bool(raw.get("no_ccomp", False)),
        not_past_clause=bool(raw.get("not_past_clause", False)),
        reporter_question=bool(raw.get("reporter_question", False)),
        no_infinitive=bool(raw.get("no_infinitive", False)),
        not_target=frozenset(raw.get("not_target", ())),
        not_prep=frozenset(raw.get("not_prep", ())),
        party_subject=bool(raw.get("party_subject", False)),
        not_agent=frozenset(raw.get("not_agent", ())),
        context_sense=bool(raw.get("context_sense", False)),
        party_clause=bool(raw.get("party_clause", False)),
        opinion_clause=bool(raw.get("opinion_clause", False)),
        needs=frozenset(raw.get("needs", ())),
        target_preps=frozenset(raw.get("target_preps", ())),
        target_nouns=frozenset(raw.get("target_nouns", ())),
        target_labels=frozenset(raw.get("target_labels", ())),
        topic_nouns=frozenset(raw.get("topic_nouns", ())),
        issue_preps=frozenset(raw.get("issue_preps", ())),
        roles=raw.get("roles"),
        example=raw.get("example", ""),
        counter_example=raw.get("counter_example", ""),
    )


@functools.cache
def trigger_index() -> TriggerIndex:
    """The compiled trigger lexicon (built once)."""
    data = load_lexicon("triggers")
    index = TriggerIndex()
    for raw in data["triggers"]:
        entry = _entry(raw)
        if entry.words:
            index.phrases.setdefault(entry.words[0], []).append(entry)
        else:
            for k in word_keys(raw):
                index.by_word.setdefault(k, []).append(entry)
    for entries in (*index.by_word.values(), *index.phrases.values()):
        entries.sort(key=lambda e: -e.specificity)
    lights: set[str] = set()
    for raw in data["light_verbs"]:
        lights.update(word_keys(raw))
    index.light_verbs = frozenset(lights)
    index.governing_types = frozenset(data["governing_types"])
    index.content_governors = frozenset(data["content_governors"])
    index.readiness = frozenset(data["readiness"])
    index.adjectival_types = frozenset(row["type"] for row in data["adjectival_types"])
    index.adjectival_not_modes = frozenset(
        (row["type"], mode) for row in data["adjectival_types"] for mode in row.get("not_modes", ()))
    index.recode = tuple(data.get("recode", ()))
    index.not_issues = frozenset(data.get("not_issues", ()))
    index.topic_preps = frozenset(data["topic_preps"])
    index.state_voices = frozenset(data["state_voices"])
    return index


def _state_subject(token, voices: frozenset[str]) -> bool:
    """The verb's subject (or its conjunct head's) is a state: a country or capital the NER calls a GPE ("Britain",
    "Beijing"), or a noun that speaks for one (``state_voices``: "the foreign ministry", "the embassy").  A noun's
    is its owner, its "from" or "by" object, or the subject of the verb it is the object of ("protest from
    Brussels", "Beijing lodged a protest")."""
    if token.pos_ == "NOUN":
        subj = [c for c in token.children if c.dep_ == "poss"] + [
            o for c in token.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
            for o in c.children if o.dep_ == "pobj"]
        if not subj and token.dep_ == "dobj":
            subj = verb_subjects(token.head)
    else:
        subj = verb_subjects(token)
    return bool(subj) and (subj[0].ent_type_ == "GPE" or subj[0].lemma_.lower() in voices)


def all_entries() -> list[TriggerEntry]:
    """Every entry of the lexicon once, in file order (for tests and docs)."""
    return [_entry(raw) for raw in load_lexicon("triggers")["triggers"]]


def _matches_word(token, word: str) -> bool:
    return word in token_keys(token)


def _arguments(token) -> Iterable:
    """The token's object-like arguments, their compounds and their "of" objects."""
    for child in token.children:
        if child.dep_ in _ARG_DEPS or (child.dep_ in ("prt", "prep") and child.lower_ in ("of", "to", "into", "with")):
            targets = [child] if child.dep_ in _ARG_DEPS else [c for c in child.children if c.dep_ == "pobj"]
            if token.dep_ == "relcl" and token.head.pos_ in ("NOUN", "PROPN"):  # "the assets that they hand over"
                targets = [token.head if t.lower_ in ("that", "which") else t for t in targets]
            for t in targets:
                yield t
                for grand in t.children:
                    if grand.dep_ in ("compound", "amod", "conj"):
                        yield grand
                    elif grand.dep_ == "prep" and grand.lower_ == "of":
                        yield from (g for g in grand.children if g.dep_ == "pobj")


def _objects(token) -> list:
    """What the trigger is done to: a passive participle's own noun ("the letter, released to the media": the
    letter, not the media), else its object-like arguments."""
    if token.dep_ == "acl" and token.tag_ == "VBN" and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
        head = token.head
        return [head, *(c for c in head.children if c.dep_ in ("compound", "amod"))]
    head = _reduced_relative_head(token)
    if head is not None:
        return [head, *(c for c in head.children if c.dep_ in ("compound", "amod"))]
    return [*_arguments(token), *raised_objects(token)]


def _reduced_relative_head(token):
    """A participle with a "by" agent but no subject or auxiliary of its own, set off after a noun and a comma, is
    said of that noun, however the parser hangs it: "Regan leaked a story, quickly shot down by others" (the
    story was shot down)."""
    if token.tag_ not in ("VBN", "VBD") or not any(c.dep_ == "agent" for c in token.children) or any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in token.children):
        return None
    i = token.i - 1
    while i >= 0 and token.doc[i].dep_ == "advmod":
        i -= 1
    if i < 1 or token.doc[i].text != ",":
        return None
    noun = token.doc[i - 1]
    return noun if noun.pos_ == "NOUN" else None


def is_light_verb_object(token, light_verbs: frozenset[str]) -> bool:
    """True if the noun is what a light verb does: "held talks", "went on a hunger strike"."""
    cur = token
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    head = cur.head
    if cur.dep_ in _OBJECT_DEPS and any(k in light_verbs for k in token_keys(head)):
        return True
    if cur.dep_ == "pobj" and head.dep_ in ("prep", "dative") and any(k in light_verbs for k in token_keys(head.head)):
        return True
    amount = head.head if cur.dep_ == "pobj" and head.dep_ == "prep" else None
    if amount is not None and amount.ent_type_ in _AMOUNT_LABELS and amount.dep_ in _OBJECT_DEPS:
        return any(k in light_verbs for k in token_keys(amount.head))  # "sent €50 million in aid"
    return False


def _refused_governor(entry: TriggerEntry, token) -> bool:
    """Is the trigger (a phrase: its head) the object or infinitive complement of a verb its entry refuses, or the
    "of" / "in" object (or the noun modifier) of such a noun?  "the missiles pose a threat to shipping" assesses a
    danger, "declined to discuss what action" withholds comment, "a resurgence of demand" is spending, "a slight
    demand increase" too."""
    if not entry.not_governor:
        return False
    if token.dep_ == "pobj" and token.head.lower_ in ("of", "in"):  # "a resurgence of demand", "a rise in demand"
        return any(k in entry.not_governor for k in token_keys(token.head.head))
    if token.dep_ == "compound" and token.pos_ == "NOUN":  # "a slight demand increase": a rise in demand
        return any(k in entry.not_governor for k in token_keys(token.head))
    return token.dep_ in ("dobj", "attr", "xcomp") and any(k in entry.not_governor for k in token_keys(token.head))


def _a_time(prep) -> bool:
    """A preposition whose object is a time ("on the same day", "at dawn"): when, not at whom."""
    return any(o.ent_type_ in TIME_LABELS for o in prep.children if o.dep_ == "pobj")


def _passive(token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)


def _passes(entry: TriggerEntry, token, index: TriggerIndex) -> bool:
    if entry.pos and token.pos_ not in entry.pos:
        return False
    if entry.event_type in index.governing_types and predicative(token):
        return False  # a speech act said of something characterises it ("a very reasonable request")
    if entry.particle:
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if not (
            any(c.dep_ in _PARTICLE_DEPS and c.lower_ in entry.particle for c in token.children)
            or (nxt is not None and nxt.lower_ in entry.particle)
        ):
            return False
    if token.tag_ == "VBN" and any(c.dep_ == "mark" and c.lower_ == "for" for c in token.children):
        return False  # "take Canada for granted": a participle "for" opens is an idiom's, not an act
    if entry.object or entry.not_object or entry.object_people:
        objects = _objects(token)
        args = {k for a in objects for k in token_keys(a)}
        if (entry.object or entry.object_people) and not (args & entry.object) and not (
                entry.object_people and any(names_people(a) for a in objects)):
            return False
        if args & entry.not_object:
            return False
    if entry.not_object_people and not any(
            c.dep_ in ("prep", "prt") and c.lower_ in ("on", "upon", "at") and not _a_time(c) for c in token.children) \
            and any(o.dep_ in ("dobj", "nsubjpass") and (names_people(o) or o.lower_ in ("who", "whom"))
                    for o in token.children):
        return False  # "Oliver North, who was fired from the council": dismissed; "were fired on" were shot at
        # (but "fired ... on the same day" is when)
    if entry.not_agent and any(k in entry.not_agent for a in token.children if a.dep_ == "agent"
                               for o in a.children if o.dep_ == "pobj" for k in token_keys(o)):
        return False
    if entry.party_subject and (not party_subject(token) or any(
            stands_for_a_thing(s) for s in verb_subjects(token))):  # ("they" for imports)
        return False
    if entry.party_object and not party_objects(token):
        return False
    if entry.not_own_object and own_thing_object(token):
        return False
    if entry.risk_preps and a_risk(token, entry.risk_preps):
        return False
    if entry.context:
        near = {k for t in token.subtree for k in token_keys(t)}
        near.update(k for t in token.ancestors for k in token_keys(t))
        if not (near & entry.context):
            return False
        if entry.context_sense and not any(_in_sense(t, index) for t in token.subtree
                                           if t.i != token.i and set(token_keys(t)) & entry.context):
            return False
    if entry.not_context and any(k in entry.not_context for c in _dependents(token) for k in token_keys(c)):
        return False
    if entry.clause and not any(c.dep_ == "ccomp" for c in token.children):
        return False
    if entry.intransitive and token.pos_ == "VERB" and any(c.dep_ in ("dobj", "ccomp") for c in token.children):
        # "demonstrated its authority", "to demonstrate he was in command": showing, not protesting
        return False
    if entry.intransitive and token.pos_ == "VERB" and _passive(token) and not any(
            names_people(o) for a in token.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"):
        # a passive is the transitive use: "his weakness has been demonstrated by the vote" shows; "reforms are
        # called for" are needed (called for by people, they are asked for: "called for by the opposition")
        return False
    if entry.no_xcomp and any(c.dep_ == "xcomp" for c in token.children):
        return False
    if entry.no_ccomp and any(c.dep_ == "ccomp" for c in token.children):
        return False
    if entry.not_xcomp and any(k in entry.not_xcomp for c in _infinitives(token) if not with_party(c)
                               for k in xcomp_keys(c)):
        return False
    if entry.not_modifier and any(k in entry.not_modifier for c in token.children if c.dep_ in ("amod", "compound")
                                  for k in token_keys(c)):
        return False
    if entry.not_state_owner and any(c.dep_ == "poss" and c.ent_type_ == "GPE" for c in token.children):
        return False
    if entry.state_subject is not None and _state_subject(token, index.state_voices) != entry.state_subject:
        return False
    if entry.under_holder and not criticised_under(token, entry.under_holder):
        return False
    if entry.blamed_for and not blamed_for(token, entry.blamed_for):
        return False
    if entry.no_result_participle and token.tag_ == "VBG" and token.dep_ == "advcl" and not any(
            c.dep_ in ("nsubj", "mark") for c in token.children):
        return False
    clauses = [c for c in token.children if c.dep_ == "ccomp"]
    if clauses and any(getattr(entry, key) and any(stops(c) for c in clauses) for key, stops in _CLAUSE_SENSES):
        return False
    if entry.target_preps and not on_target(token, entry):
        return False
    if entry.needs and not any(c.dep_ in entry.needs or f"{c.dep_}:{c.lower_}" in entry.needs for c in token.children) and not (
            _object_gap(token) or _passive(token)):
        return False  # "the offer he declined", "the offer was declined" keep their object elsewhere
    if _refused_governor(entry, token):
        return False
    if entry.topic_nouns and on_topic(entry, token, index.topic_preps):
        return False
    if entry.issue_preps and over_issue(entry, token, index.not_issues):
        return False
    if entry.not_complement and (any(opens_with(c, entry.not_complement) for c in token.children
                                     if c.dep_ in ("ccomp", "advcl")) or misparsed_question(token, entry)):
        return False
    if entry.not_target and any(k in entry.not_target for o in targets_of(token, _TARGET_PREPS) for k in token_keys(o)):
        return False
    if entry.not_prep and token.dep_ == "pobj" and token.head.lower_ in entry.not_prep:
        return False
    if entry.no_infinitive and any(_infinitives(t) for t in token.subtree):
        return False
    if entry.reporter_question and reporter_question(token):
        return False
    if entry.light_verb and not is_light_verb_object(token, index.light_verbs):
        return False
    return True


# entry keys that a clause complement of one kind stops (see the keys in lexicon/triggers.yml)
_CLAUSE_SENSES = (("not_past_clause", reports_past), ("party_clause", about_no_party), ("opinion_clause", states_opinion))


_TARGET_PREPS = frozenset({"on", "against", "to"})


def _in_sense(token, index: TriggerIndex) -> bool:
    """A word with trigger entries is in one of their senses (passes one); a word with none is taken as it is."""
    entries = [e for k in token_keys(token) for e in index.by_word.get(k, ())]
    return not entries or any(_passes(e, token, index) for e in entries)


def _dependents(token) -> list:
    """The word's dependents, and the "of" object of a subject that counts it ("scores of troops marched")."""
    out = list(token.children)
    out += [o for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("NNS", "CD")
            for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    return out


def _infinitives(token) -> list:
    """The word's infinitive complements, and a "to" clause the parser hangs as a clause of purpose ("fighting hard
    to prevent a deal from turning sour": an infinitive all the same)."""
    return [c for c in token.children if c.dep_ == "xcomp" or (
        c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))]


def _object_gap(token) -> bool:
    """A relative clause whose noun is the verb's object ("the offer he declined"), not one of time or place
    ("the 1990s, when reserves will have declined"), nor one whose verb has an object of its own ("Proxmire, whose
    staff prepared the report")."""
    return token.dep_ == "relcl" and not any((c.dep_ == "advmod" and c.lower_ in ("when", "where", "why"))
                                              or c.dep_ == "dobj" for c in token.children)


def _phrase_at(doc, i: int, entry: TriggerEntry, end: int) -> int | None:
    """End index of the phrase if it starts at token i (within the sentence end)."""
    j = i
    for word in entry.words:
        if j >= end or not _matches_word(doc[j], word):
            return None
        j += 1
    return j


def _span_head(doc, start: int, end: int):
    """The token of doc[start:end] whose head lies outside the span."""
    for t in doc[start:end]:
        if not (start <= t.head.i < end) or t.head.i == t.i:
            return t
    return doc[start]


def find_triggers(span, *, index: TriggerIndex | None = None) -> list[Trigger]:
    """Triggers in a sentence (or any span/Doc), in text order; a phrase wins over its words."""
    index = index or trigger_index()
    doc = span.doc if hasattr(span, "doc") else span
    start, end = (span.start, span.end) if hasattr(span, "start") else (0, len(doc))
    found: list[Trigger] = []
    taken: set[int] = set()
    # 1. phrases (longest first), 2. single words
    for i in range(start, end):
        tok = doc[i]
        for key in token_keys(tok):
            for entry in index.phrases.get(key, ()):
                j = _phrase_at(doc, i, entry, end)
                if j is None or taken.intersection(range(i, j)):
                    continue
                head = _span_head(doc, i, j)
                if entry.light_verb and not is_light_verb_object(head, index.light_verbs) or _refused_governor(
                        entry, head):
                    continue
                found.append(Trigger(head, i, j, entry))
                taken.update(range(i, j))
                break
    for i in range(start, end):
        if i in taken:
            continue
        tok = doc[i]
        if tok.ent_type_ in _NAME_ENTS or tok.pos_ == "PROPN":
            continue  # names
        lemma, lower = token_keys(tok)
        entries = index.by_word.get(lemma, [])
        if lower != lemma and lower in index.by_word:
            entries = sorted([*entries, *index.by_word[lower]], key=lambda e: -e.specificity)
        if nominal_participle(tok):
            continue  # "the accused were arrested": a person, not an accusation
        if tok.pos_ == "VERB" and tok.dep_ == "amod":  # participles used as adjectives ("the heavily-bombed
            entries = [e for e in entries if e.event_type in index.adjectival_types  # town"), but "the arrested men"
                       and (e.event_type, e.mode) not in index.adjectival_not_modes]  # ("the banned party": a state)
        if not entries:
            continue
        for entry in entries:
            if _passes(entry, tok, index):
                found.append(Trigger(tok, i, i + 1, entry))
                break
    found.sort(key=lambda t: t.start)
    return found
