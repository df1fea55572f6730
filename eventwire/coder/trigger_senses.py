"""What a trigger word's neighbours say of its sense, for ``triggers._passes``: whether its object names a party,
its clause complement is a prediction or an assessment, its infinitive a comment withheld, its preposition a
target or an issue, and whether the word itself is a participle standing as a noun.  Each check reads one key of
``lexicon/triggers.yml`` (see that file's header); the entry is passed in, its keys read by name.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .factuality import FUTURE_AUX, perfect
from .lexicons import load_lexicon, token_keys
from .quantities import counts_in

if TYPE_CHECKING:
    from .triggers import TriggerEntry

_WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})


@functools.cache
def people_nouns() -> frozenset[str]:
    """One-word role and group nouns of the actor gazetteer (sectors.tsv): words that name people."""
    try:
        from ..resolve import actor_gazetteers as gz
    except ImportError:  # the resolve stage is optional
        return frozenset()
    return frozenset(k[0] for k, e in gz.lexicon().roles.items() if len(k) == 1 and e.sector)


def names_people(token) -> bool:
    """The argument names people: a person's name, or a role noun ("the mayor", "civilians")."""
    if token.ent_type_ == "PERSON" and token.pos_ == "PROPN":
        return True
    return token.pos_ == "NOUN" and bool(set(token_keys(token)) & people_nouns())


_PARTY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "me", "you", "each", "one"})


def party_objects(token) -> bool:
    """False when the verb's direct object (or, passive, its subject; or the subject an adjective lends it) names no
    party: "met the deadline", "meet any escalation with force", "the rollbacks were met", "the rules are easy to
    meet"; True with a name, a people noun or a pronoun ("met the
    envoy", "met him"), or with no object at all ("the two leaders met")."""
    passive = any(c.dep_ == "auxpass" for c in token.children)
    objects = [c for c in token.children if c.dep_ == "dobj" or (passive and c.dep_ == "nsubjpass")]
    objects += raised_objects(token)  # "the rules are easier to meet"
    objects += [g for o in objects for g in o.conjuncts]
    return not objects or any(party_phrase(o) for o in objects)


def _names_party(token) -> bool:
    return token.ent_type_ in _PARTY_LABELS or names_people(token) or token.lower_ in _OBJECT_PRONOUNS


def party_phrase(token) -> bool:
    """The noun names a party, or a name or people noun modifies it ("Kuwaiti shipping", "the envoy's aides")."""
    return _names_party(token) or any(_names_party(m) for m in token.children if m.dep_ in ("poss", "compound", "amod"))


@functools.cache
def _party_nouns() -> frozenset[str]:
    return frozenset(load_lexicon("roles")["party_nouns"])


def party_noun(token) -> bool:
    """A noun that names parties without naming who ("the two sides", "both countries": roles.yml `party_nouns`)."""
    return any(k in _party_nouns() for k in token_keys(token))


_OWNING_PRONOUNS = frozenset({"its", "their", "our", "my", "his", "her"})


def own_thing_object(token) -> bool:
    """The verb's direct object is a thing the subject's own pronoun owns ("defended its national rights", "defends
    their decision"): one who stands up for one's own stands by no one else.  An owned party is still another
    ("defended his deputy", "its ally Israel")."""
    return any(o.dep_ == "dobj" and not party_phrase(o) and not party_noun(o)
               and not any(a.dep_ == "appos" for a in o.children)
               and any(c.dep_ == "poss" and c.lower_ in _OWNING_PRONOUNS for c in o.children)
               for o in token.children)


_SUBJECT_WORDS = frozenset({"he", "she", "they", "it", "we", "i", "you", "who", "which", "that"})


def verb_subjects(token) -> list:
    """The verb's own subject, or that of the verb it is joined to ("the rebels attacked and burned the town")."""
    subj = [c for c in token.children if c.dep_ == "nsubj"]
    if not subj and token.dep_ == "conj":
        subj = [c for c in token.head.children if c.dep_ == "nsubj"]
    return subj


def party_subject(token) -> bool:
    """False when the verb's subject (its own, or the one of the verb it is joined to) is a thing: not a name, a
    people noun or a party noun, nor a party's voice ("Tehran radio", "the Iranian statement"). "The dispute
    threatened to escalate" and "the U.S. imposition of tariffs threatening to unravel the accord" put something
    at risk (an act done to something is no voice); "the two sides threatened to walk out" threaten. A participle
    hung on a noun has that noun for subject ("a pylon supplying the zone"), and so does a relative clause whose
    subject is "which" or "that" ("those powers, which allow London to ban firms"). A pronoun or "who" may stand
    for a party, and a verb with no subject passes."""
    subj = verb_subjects(token)
    if not subj and token.dep_ == "acl" and token.tag_ == "VBG" and token.head.pos_ in ("NOUN", "PROPN"):
        subj = [token.head]  # "an electricity pylon supplying the industrial zone": the pylon supplies
    if not subj:
        return True
    if subj[0].lower_ in ("which", "that") and token.dep_ == "relcl" and token.head.pos_ in ("NOUN", "PROPN"):
        subj = [token.head]  # "those powers, which allow London to ban firms": the powers allow
    return any(party_like(s) for s in (subj[0], *subj[0].conjuncts))


@functools.cache
def _agent_endings() -> tuple[tuple[str, ...], int]:
    roles = load_lexicon("roles")
    return tuple(roles["agent_noun_endings"]), int(roles["agent_noun_min_letters"])


def agent_noun(token) -> bool:
    """A noun for people by what they do ("holders", "producers", "letter carriers"; roles.yml
    `agent_noun_endings`, `agent_noun_min_letters`)."""
    endings, least = _agent_endings()
    return token.pos_ == "NOUN" and len(token.lower_) >= least and token.lower_.endswith(endings)


@functools.cache
def resolver_words(section: str) -> frozenset[str]:
    """One word section of the resolve stage's actor_words.yml (empty without the stage)."""
    try:
        from ..resolve import actor_gazetteers as gz
    except ImportError:  # the resolve stage is optional
        return frozenset()
    return gz.word_set(section)


def _multitudes() -> frozenset[str]:
    """The actor gazetteer's nouns that count people ("thousands of workers")."""
    return resolver_words("quantity_heads")


def future_subject(token):
    """The subject of the first verb at or above the trigger with "will" / "would" (None when it has none, or is
    the trigger itself)."""
    for verb in (token, *token.ancestors):
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
            subj = [c for c in verb.children if c.dep_ == "nsubj"]
            return subj[0] if subj and subj[0].i != token.i else None
    return None


def pledged_by_a_thing(token) -> bool:
    """The future that makes the trigger a pledge is said of a thing, which pledges nothing: "Britain believed an IMF
    program would help along negotiations between Brazil and the banks" (the program "would help"; no one promised
    negotiations).  The first verb at or above the trigger with "will" / "would" has a subject that is no party
    (a pronoun standing for a thing is read in the coder: ``anaphora.stands_for_a_thing``)."""
    noun = future_subject(token)
    # itself a party ("the envoy", "we", "Iran"), not a thing a party owns ("an IMF program")
    return noun is not None and not (noun.lower_ in _SUBJECT_WORDS or noun.pos_ == "PROPN" or _names_party(noun)
                                     or party_noun(noun) or agent_noun(noun))


def party_like(noun) -> bool:
    """A subject that may speak or act for a party: a pronoun, a name (or a proper noun the NER missed: "the
    Commission"), a people or party noun, a noun for people by what they do ("holders", "producers"), a number of
    people ("thousands of workers"), or a party's voice; not an act done to something."""
    if noun.lower_ in _SUBJECT_WORDS or noun.pos_ == "PROPN" or _names_party(noun) or party_noun(noun):
        return True
    if agent_noun(noun):
        return True
    of = [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
    if noun.pos_ == "NUM" or noun.tag_ == "CD" or noun.lower_ in _multitudes():
        return any(_names_party(o) for o in of) or not of  # "thousands of workers", "the two"
    return party_phrase(noun) and not of


def raised_objects(token) -> list:
    """The subject an adjective lends its infinitive as object: "the rules are easy to meet" (the rules are
    met), "the rebels are hard to defeat"."""
    if token.dep_ != "xcomp" or token.head.pos_ != "ADJ" or any(c.dep_ == "dobj" for c in token.children):
        return []
    adj = token.head
    holder = adj.head if adj.dep_ == "acomp" else adj
    return [c for c in holder.children if c.dep_ == "nsubj"]


def a_risk(token, preps: frozenset[str]) -> bool:
    """A danger, not a threat made: the noun has no owner (a possessive or a party modifying it) and what it
    is "to" or "of" names no party ("the threat to oil routes from attacks", "a tangible threat of inflation",
    not "Iran's threat to Kuwait" or "its threat of sanctions")."""
    if any((c.dep_ == "poss" and c.pos_ == "PRON") or (
            c.dep_ in ("poss", "compound", "amod", "nmod") and _names_party(c)) for c in token.children):
        return False
    objects = [o for p in token.children if p.dep_ == "prep" and p.lower_ in preps
               for o in p.children if o.dep_ == "pobj"]
    return bool(objects) and not any(party_phrase(o) for o in objects)


def names_a_deed(prep, deeds: frozenset[str]) -> bool:
    """The "for" preposition names what one is blamed for: a clause or a gerund ("for what it calls dumping",
    "for failing to act", "for alleged cutthroat selling") or one of ``deeds`` ("for its handling of the crisis");
    "for the third time", "for hours" or "for the morning" name no deed."""
    for g in prep.children:
        if g.dep_ == "pcomp":
            return True
        if g.dep_ != "pobj" or g.ent_type_ in ("DATE", "TIME"):
            continue
        if g.tag_ == "VBG" or (g.tag_ == "NN" and g.lower_.endswith("ing") and len(g.lower_) > 5):
            return True
        if any(k in deeds for k in token_keys(g)):
            return True
    return False


def blamed_for(token, deeds: frozenset[str]) -> bool:
    """The verb blames its object "for" a deed (``names_a_deed``): "attacked the government for its handling of
    the crisis" criticises; "attacked the garrison for the third time" fights."""
    return any(c.dep_ == "prep" and c.lower_ == "for" and names_a_deed(c, deeds) for c in token.children)


def criticised_under(token, holders: frozenset[str]) -> bool:
    """ "X came under attack" where X is one person ("Funaro has come under increasing attack") or one of
    ``holders`` ("whose handling of the economy is under attack"), or anyone blamed "for" doing something:
    criticism.  Many people, a place, a unit or a ship under attack are attacked, and so is anyone an attack
    "from" or "by" someone names no further."""
    if token.dep_ != "pobj" or token.head.lower_ != "under":
        return False
    holder_of = token.head.head
    if any(t.dep_ == "prep" and t.lower_ == "for" and names_a_deed(t, holders) for t in holder_of.subtree):
        return True  # blamed "for" doing something: "came under attack from GEPLACEA for what it calls dumping"
    if any(c.dep_ == "prep" and c.lower_ in ("from", "by") for c in (*token.children, *holder_of.children)):
        return False
    subjects = [c for c in holder_of.children if c.dep_ in ("nsubj", "nsubjpass")] \
        if holder_of.pos_ in ("VERB", "AUX") else [holder_of]
    if not subjects:
        return False
    holder = subjects[0]
    if holder.lower_ in ("who", "whom") and holder_of.dep_ == "relcl":
        holder = holder_of.head  # "Funaro, who has come under attack"
    one_person = (holder.ent_type_ == "PERSON" or names_people(holder)) and holder.tag_ not in ("NNS", "NNPS") \
        and not any(c.dep_ == "conj" for c in holder.children)
    return one_person or any(k in holders for k in token_keys(holder))


def predicative(token) -> bool:
    """A noun said of something ("it was a reasonable request", "made it a request", "this is a call for
    war"): it characterises what it is said of, it reports no act."""
    if token.pos_ != "NOUN" or any(c.dep_ == "expl" for c in token.head.children):
        return False  # "there would be retaliation" says that it happens
    if token.dep_ == "oprd":  # "made it a request"; with no object beside it, the object misread ("called a strike")
        return any(c.dep_ == "dobj" for c in token.head.children)
    return token.dep_ == "attr" or (
        token.dep_ == "ccomp" and any(c.dep_ == "nsubj" for c in token.children))


def prep_objects(token, preps):
    """The objects of the token's prepositions among ``preps`` ("warned about *the state*", "clashed over *access*")."""
    return [g for c in token.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children if g.dep_ == "pobj"]


def on_topic(entry: TriggerEntry, token, topic_preps: frozenset[str]) -> bool:
    """With no one warned and no clause of what will happen, a warning "of" / "about" / "on" a state of affairs
    (``topic_nouns``: "the state of the finances", "dangers") comments on it (CAMEO 012); "warned of
    reprisals" and "warned that the army would retaliate" still threaten."""
    if any(c.dep_ in ("dobj", "dative", "ccomp") for c in token.children):
        return False
    return any(k in entry.topic_nouns for g in prep_objects(token, topic_preps) for k in token_keys(g))


_NOT_ISSUES = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC"})


def over_issue(entry: TriggerEntry, token, not_issues: frozenset[str]) -> bool:
    """A fight "over" an issue is a quarrel ("Britain and Japan clashed over access to the exchange"); over a
    time or a place (a name, or one of ``not_issues``) it is a fight ("clashed over the weekend", "over the
    border").  A clash its sentence counts dead or wounded in is a fight whatever it was over ("one person died
    after activists and police clashed over the performance of a ritual")."""
    if any(k in ("killed", "injured") for k in counts_in(token.sent)):
        return False
    return any(g.ent_type_ not in _NOT_ISSUES and g.pos_ == "NOUN" and not any(k in not_issues for k in token_keys(g))
               for g in prep_objects(token, entry.issue_preps))


def xcomp_keys(xcomp) -> Iterable[str]:
    """An infinitive complement's keys, and each joined to its object's or complement's lemma ("give details",
    "remain anonymous"), to its particle ("rule out") or to a preposition and its object ("go into details"); a
    passive infinitive is also "be" ("promises to be hit" says what will befall it)."""
    keys = list(token_keys(xcomp))
    yield from keys
    if any(c.dep_ == "auxpass" for c in xcomp.children):
        yield "be"
    for c in xcomp.children:
        if c.dep_ in ("dobj", "acomp", "oprd", "attr"):
            yield from (f"{k} {c.lemma_.lower()}" for k in keys)
        elif c.dep_ == "prt":  # "rule out"
            yield from (f"{k} {c.lower_}" for k in keys)
        elif c.dep_ == "prep":  # "go into details"
            yield from (f"{k} {c.lower_} {o.lemma_.lower()}" for o in c.children if o.dep_ == "pobj" for k in keys)


def with_party(xcomp) -> bool:
    """The infinitive is done with someone ("refused to discuss a ceasefire with Iraq"): a dealing refused, not a
    comment withheld."""
    return any(t.dep_ == "prep" and t.lower_ == "with" and any(party_phrase(o) for o in t.children if o.dep_ == "pobj")
               for t in (*xcomp.subtree, *xcomp.head.children))


def reports_past(clause) -> bool:
    """A clause about what has been: a perfect verb, no modal ("warned that Brasilia has been ambivalent", "warned
    that the situation had deteriorated"), not what will be ("warned it would retaliate").  A plain past is no sign:
    reported speech shifts "is ready to strike" to "was ready to strike"."""
    return perfect(clause) and not any(c.dep_ == "aux" and c.tag_ == "MD" for c in clause.children)


# no noun takes a relative clause opened by these: one so parsed is an indirect question hung on the wrong word
# ("Asked at the start of the meeting how he felt about the attack")
_QUESTION_WORDS = frozenset({"how", "why", "whether", "what", "if"})


def misparsed_question(token, entry: TriggerEntry) -> bool:
    words = _QUESTION_WORDS & entry.not_complement
    return bool(words) and any(t.dep_ == "relcl" and opens_with(t, words) for t in token.subtree)


_TARGET_LABELS = frozenset({"GPE", "NORP", "ORG", "LOC", "FAC"})


_PARTICLES = frozenset({"out", "off", "away", "up", "down", "back"})


def targets_of(token, preps) -> list:
    """The objects of the noun's own prepositions ``preps``, or of its verb's when it is the object ("ordered the
    strike on the platform", "declared war on inflation": the parser hangs "on" on either)."""
    objects = prep_objects(token, preps)
    if token.dep_ == "dobj":
        objects += prep_objects(token.head, preps)
    # or of its particle's: "walked out of the talks" (the parser hangs "of" on "out")
    objects += [o for c in token.children if c.dep_ in ("prt", "prep", "advmod") and c.lower_ in _PARTICLES
                for o in prep_objects(c, preps)]
    return objects


def on_target(token, entry: TriggerEntry) -> bool:
    """The noun's or its verb's preposition (``targets_of``) has a target."""
    objects = targets_of(token, entry.target_preps)
    labels = entry.target_labels or _TARGET_LABELS
    return any(o.ent_type_ in labels or any(k in entry.target_nouns for k in token_keys(o)) for o in objects)


def about_no_party(clause) -> bool:
    """A clause whose active subject is a thing, not a party: "warned him the talks would not be a success"
    predicts; "warned that Iranian forces would strike", "that any attack would be met with force" (passive) or
    "that there would be consequences" threaten."""
    subjects = [c for c in clause.children if c.dep_ == "nsubj"]
    return bool(subjects) and all(s.pos_ in ("NOUN", "PROPN") and not party_phrase(s) for s in subjects)


def opens_with(clause, words: frozenset[str]) -> bool:
    """True when ``clause`` is opened by one of ``words``: its marker or wh-word, or its first word ("asked how much
    was left": "how" hangs from "much")."""
    return clause.left_edge.lower_ in words or any(
        g.lower_ in words for g in clause.children if g.dep_ == "mark" or g.tag_ in _WH_TAGS)


_ASKER_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "xcomp", "dobj"})


def reporter_question(token) -> bool:
    """The word opens its sentence as a passive participle clause ("Asked about the talks, the minister said",
    "Asked if the nations had agreed, he declined"): no asker is named and nothing is asked to be done, so the
    asker is the reporter and the question is the interview, not a request."""
    first = next((t for t in token.sent if not t.is_punct), token)
    return first.i == token.i and token.tag_ == "VBN" and token.dep_ == "advcl" and not any(
        c.dep_ in _ASKER_DEPS for c in token.children)


_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos"})


def nominal_participle(token) -> bool:
    """A past participle standing as a noun with its determiner: "the accused", "the detained"."""
    return token.tag_ in ("VBN", "VBD") and token.dep_ in _NOMINAL_DEPS and any(
        c.dep_ == "det" for c in token.children)
