"""Who did it and to whom: actor and recipient tokens of a trigger, read off the dependency parse.

Verbs: the subject acts (through ``xcomp``/``conj``/participles it is inherited: "agreed to send aid"
-> the subject of "agreed"; after "urged X to", X), a passive's ``by`` object acts and its subject
receives; objects, datives and the objects of the prepositions listed per type in
``lexicon/roles.yml`` receive.  Nouns: the possessor or a nationality/name compound acts ("Russia's
invasion", "US sanctions"), so does the subject of the light verb the noun is the object of ("held
talks"); "between X and Y" gives both; "of" is actor or recipient by type.  Pronouns are resolved by
``anaphora.antecedent``.
"""
from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field

from ..nlp.syntax import conjunct_head, misread_subject
from .anaphora import is_pronoun
from .factuality import is_reporting_verb
from .lexicons import TIME_LABELS as _TIME_LABELS, load_lexicon, token_keys
from .phrases import ENT_LABELS, is_venue, judged_by, visitor_of
from .phrases import pobjs as _pobjs
from .trigger_senses import party_phrase
from .triggers import Trigger, is_light_verb_object, trigger_index

log = logging.getLogger(__name__)

_SUBJ = ("nsubj", "nsubjpass")


@dataclass
class Arguments:
    actors: list = field(default_factory=list)  # spaCy tokens (heads of argument phrases)
    recipients: list = field(default_factory=list)
    pattern: str = "none"  # how the actor was found: subject, passive-by, possessive, light-verb, ...


@dataclass(frozen=True)
class RoleLexicon:
    recipient_preps: dict[str, frozenset[str]]
    generic_actors: frozenset[str]
    anaphoric_determiners: frozenset[str]
    of_role: dict[str, str]
    press_sectors: frozenset[str]  # a speaker of these sectors reports, it does not act (roles.yml)
    occasion_types: frozenset[str]  # "said after talks with X": the talks are the subject's (roles.yml occasion)
    occasion_preps: frozenset[str]
    purpose_prep: str  # "flew to Paris for talks with X": the traveller holds them
    journey_verbs: frozenset[str]
    object_control: frozenset[str]
    theme_objects: frozenset[str]
    topic_verbs: frozenset[str]  # "discussed the sale of the group": the object is what is talked about
    statement_nouns: frozenset[str]
    participle_patients: frozenset[str]
    event_heads: frozenset[str]
    stative_light_verbs: frozenset[str]
    patient_nouns: frozenset[str]
    partner_nouns: frozenset[str]
    weapon_nouns: frozenset[str]  # "an Iranian missile strike": the weapon carries its wielder's demonym
    receiving_verbs: frozenset[str]
    companion_verbs: frozenset[str]
    beneficiary_types: frozenset[str]
    beneficiary_sectors: frozenset[str]
    undergoing_preps: frozenset[str]
    instrument_nouns: frozenset[str]
    instrument_preps: frozenset[str]


@functools.cache
def role_lexicon() -> RoleLexicon:
    data = load_lexicon("roles")
    general = set()
    by_type: dict[str, set[str]] = {}
    for row in data["recipient_preps"]:
        (general if row["type"] == "*" else by_type.setdefault(row["type"], set())).update(row["preps"])
    preps = {t: frozenset(general | extra) for t, extra in by_type.items()}
    preps["*"] = frozenset(general)
    return RoleLexicon(
        recipient_preps=preps,
        generic_actors=frozenset(g["lemma"] for g in data["generic_actors"]),
        anaphoric_determiners=frozenset(data["anaphoric_determiners"]),
        of_role={row["type"]: row["role"] for row in data["of_argument"]},
        press_sectors=frozenset(data["press_sectors"]),
        occasion_types=frozenset(data["occasion"]["types"]),
        occasion_preps=frozenset(data["occasion"]["preps"]),
        purpose_prep=data["occasion"]["purpose_prep"],
        journey_verbs=frozenset(data["occasion"]["journey_verbs"]),
        object_control=frozenset(data["object_control"]),
        theme_objects=frozenset(row["type"] for row in data["theme_objects"]),
        topic_verbs=frozenset(row["lemma"] for row in data["topic_verbs"]),
        statement_nouns=frozenset(row["lemma"] for row in data["statement_nouns"]),
        participle_patients=frozenset(row["type"] for row in data["participle_patients"]),
        event_heads=frozenset(row["lemma"] for row in data["event_heads"]),
        stative_light_verbs=frozenset(row["lemma"] for row in data["stative_light_verbs"]),
        patient_nouns=frozenset(row["lemma"] for row in data["patient_nouns"]),
        partner_nouns=frozenset(row["lemma"] for row in data["partner_nouns"]),
        weapon_nouns=frozenset(data["weapon_nouns"]["words"]),
        receiving_verbs=frozenset(row["lemma"] for row in data["receiving_verbs"]["verbs"]),
        companion_verbs=frozenset(row["lemma"] for row in data["companion_verbs"]),
        beneficiary_types=frozenset(data["beneficiary_modifiers"]["types"]),
        beneficiary_sectors=frozenset(data["beneficiary_modifiers"]["sectors"]),
        undergoing_preps=frozenset(row["prep"] for row in data["receiving_verbs"]["preps"]),
        instrument_nouns=frozenset(data["instruments"]["nouns"]),
        instrument_preps=frozenset(data["instruments"]["preps"]),
    )


@functools.cache
def _one_word_roles() -> dict[str, tuple[str, bool]]:
    """The actor gazetteer's one-word role nouns with a sector -> (sector, strong): "police" -> (COP, True)."""
    try:
        from ..resolve import actor_gazetteers as gz
    except ImportError:  # the resolve stage is optional
        return {}
    return {k[0]: (e.sector, e.strong) for k, e in gz.lexicon().roles.items() if e.sector and len(k) == 1}


@functools.cache
def _role_nouns() -> frozenset[tuple[str, ...]]:
    """Strong role nouns of the actor gazetteer ("police", "army"): a modifier that names who acts."""
    return frozenset((w,) for w, (_, strong) in _one_word_roles().items() if strong)


def _role_modifier(mod, token) -> bool:
    """A role noun right before an event noun that no light verb governs: "police firing", not
    "took two policemen hostage"."""
    return mod.dep_ == "compound" and mod.i == token.i - 1 and is_role_noun(mod) \
        and not any(c.dep_ == "nummod" for c in mod.children) \
        and not is_light_verb_object(token, trigger_index().light_verbs)


def names_party(token) -> bool:
    """A name or a role noun: a word that can stand for a participant ("the Malian government", "police")."""
    return token.ent_type_ in ENT_LABELS or is_role_noun(token)


def is_role_noun(token) -> bool:
    """A common noun that names an actor group by its role ("police" in "police firing")."""
    return token.pos_ in ("NOUN", "PROPN") and (token.lower_,) in _role_nouns()


def _preps_for(event_type: str) -> frozenset[str]:
    lex = role_lexicon()
    return lex.recipient_preps.get(event_type, lex.recipient_preps["*"])


def _instrument_owner(verb):
    """Who wielded what a passive act was done with or in ("killed by police bullets", "died in police firing",
    "were hurt in an army raid"): the party named on the instrument (roles.yml ``instruments``), else None."""
    lex = role_lexicon()
    for prep in verb.children:
        if prep.dep_ in ("agent", "prep") and prep.lower_ in lex.instrument_preps:
            for noun in _pobjs(prep):
                if names_party(noun) and any(c.dep_ in ("acl", "amod") and c.lemma_.lower() in lex.instrument_nouns
                                 for c in noun.children):
                    return noun  # the parse's other reading of "in police firing": police, firing
                if noun.lemma_.lower() in lex.instrument_nouns or noun.lower_ in lex.instrument_nouns:
                    owner = [m for m in noun.children if m.dep_ in ("compound", "poss", "amod") and names_party(m)]
                    if owner:
                        return owner[0]
    return None


def _passive_conjunct(verb) -> bool:
    """A participle coordinated with a passive verb, with no subject of its own ("were booked and arrested")."""
    return verb.dep_ == "conj" and verb.tag_ == "VBN" and any(c.dep_ == "nsubjpass" for c in verb.head.children) \
        and not any(c.dep_ in _SUBJ for c in verb.children)


def _nearer_conjunct(verb):
    """The conjunct nearest before ``verb`` that has its own subject, when it is not the first conjunct the parser
    hangs them all from: a subject is shared by the conjuncts that follow it, up to the next subject ("militants
    opened fire, but police returned fire and killed two": the police killed)."""
    for sibling in sorted((c for c in verb.head.children if c.dep_ == "conj" and c.i < verb.i), key=lambda t: -t.i):
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in sibling.children):
            return sibling
    return None


def _passive_opening(verb) -> bool:
    """A passive participle clause with a "by" object, hung on the main verb ("Asked by Peru to mediate, ...",
    "Backed by the army, the junta ...")."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children) \
        and not any(c.dep_ in _SUBJ for c in verb.children)


def _purpose_of_passive(participle) -> list:
    """The "by" object of a passive participle with no subject of its own, who means the infinitive below it:
    "the law, enacted by the United States to protest apartheid" (the United States protests)."""
    if participle.tag_ != "VBN" or any(c.dep_ == "nsubjpass" for c in participle.children):
        return []
    return [o for a in participle.children if a.dep_ == "agent" for o in _pobjs(a)][:1]


def verb_subject(verb, depth: int = 0) -> tuple[list, str]:
    """The acting subject of a verb (or adjective) and how it was found."""
    if depth > 5:
        return [], "none"
    for c in verb.children:
        if c.dep_ == "nsubj" and c.lower_ != "there":
            return [c], "subject"
        if c.dep_ == "csubj" and visitor_of(c) is not None:
            return [visitor_of(c)], "subject"
    for c in verb.children:
        if c.dep_ == "nsubjpass":
            owner = _instrument_owner(verb)
            if owner is not None:
                return [owner], "passive-by"
            for a in verb.children:
                if a.dep_ == "agent":
                    objs = [visitor_of(o) or o for o in _pobjs(a)]
                    if objs:
                        return objs[:1], "passive-by"
            return [], "passive"
    head = verb.head
    if head is verb:
        return [], "none"
    misread = misread_subject(verb)
    if misread is not None:  # "shelled a platform and special forces boarded another": the forces board
        return [misread], "subject"
    judged = judged_by(verb)
    if judged:
        return judged, "control"
    if verb.dep_ == "xcomp":
        passive = [c for c in head.children if c.dep_ == "nsubjpass"]
        if passive and (any(c.dep_ == "auxpass" for c in verb.children) or verb.tag_ == "VBN"):
            # "the ships are known to have been attacked by Iran", "six people were reported wounded": the
            # complement is passive too; its "by" object acts, its subject does not
            agents = [o for a in verb.children if a.dep_ == "agent" for o in _pobjs(a)]
            return agents[:1], "passive-by" if agents else "passive"
        if passive:  # "X were expected to hold talks", "the army was ordered to withdraw": X does it
            return passive[:1], "passive-control"
        if any(k in role_lexicon().object_control for k in token_keys(head)):
            objs = [c for c in head.children if c.dep_ == "dobj"]
            # "called on Nakasone to mediate", "pressed upon them to leave": the "on" object is the one told
            objs = objs or [o for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                            for o in _pobjs(c)]
            if objs:
                return objs[:1], "control"
            if _passive_opening(head):  # "Asked by Peru to mediate, Chile ...": Chile is to mediate
                subj = [c for c in head.head.children if c.dep_ == "nsubj"]
                if subj:
                    return subj[:1], "control"
        meant_by = _purpose_of_passive(head)
        if meant_by:
            return meant_by, "passive-by"
        found, _ = verb_subject(head, depth + 1)
        return found, "inherited"
    if _passive_opening(verb):
        # "Asked by Peru to mediate, Chile sent an envoy": the "by" object asks; the main clause's subject is asked
        return [o for a in verb.children if a.dep_ == "agent" for o in _pobjs(a)][:1], "passive-by"
    meant_by = _purpose_of_passive(head) if verb.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) else []
    if meant_by:
        return meant_by, "passive-by"  # an infinitive of purpose on a passive participle
    if _passive_conjunct(verb):
        # "the accused were booked and arrested by the police": the conjunct is passive too; its (or the first
        # verb's) "by" object acts, the shared subject undergoes it
        agents = [o for v in (verb, head) for a in v.children if a.dep_ == "agent" for o in _pobjs(a)]
        return agents[:1], "passive-by" if agents else "passive"
    # an unlabelled "dep" is the parser giving up ("police sentries posted there killed one": "killed" hangs from
    # "posted"): the verb it hangs from is the best guess at the clause it shares a subject with
    if verb.dep_ in ("conj", "advcl", "acomp", "dep") and head.pos_ in ("VERB", "AUX", "ADJ"):
        shared = conjunct_head(verb)
        if shared.i != head.i:  # "said the government might ease its policy and allow increases": "allow" is ease's
            found, _ = verb_subject(shared, depth + 1)
            return found, "inherited"
        nearer = _nearer_conjunct(verb) if verb.dep_ == "conj" else None
        found, _ = verb_subject(nearer if nearer is not None else head, depth + 1)
        return found, "inherited"
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ == "from" and head.head.pos_ == "VERB" \
            and not any(c.dep_ == "auxpass" for c in verb.children):  # ("from being deployed": undergone)
        kept = [c for c in head.head.children if c.dep_ == "dobj"]
        if kept:  # "barred the party from holding rallies", "prevented the rebels from attacking": the party acts
            return kept[:1], "control"
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        undergoer = [c for c in head.head.children if c.dep_ == "nsubjpass"]
        if undergoer:
            # "GM was hit by a strike before signing the agreement": the passive's subject signs, not its "by"
            return undergoer[:1], "inherited"
        found, _ = verb_subject(head.head, depth + 1)
        if head.lower_ == "in" and head.head.lemma_.lower() in role_lexicon().companion_verbs:
            # "the Netherlands joined Britain in condemning the attack": both condemn it
            found = found + [c for c in head.head.children if c.dep_ == "dobj"][:1]
        return found, "inherited"
    if verb.dep_ == "acl" and head.ent_type_ in _TIME_LABELS:
        # a participle the parser hangs on a time ("spent two days at the end of last week in Washington talking
        # to officials") tells what the clause's subject did then: a time does nothing
        above = next((a for a in head.ancestors if a.pos_ in ("VERB", "AUX")), None)
        found, _ = verb_subject(above, depth + 1) if above is not None else ([], "none")
        return found, "inherited"
    if verb.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        if verb.dep_ == "acl" and head.lemma_.lower() in role_lexicon().statement_nouns:
            # the text's own author outranks whoever handles it: "will re-examine a letter from Nakasone
            # promising help", "Nakasone's letter promising help"
            authors = [c for c in head.children if c.dep_ == "poss"] + [
                o for c in head.children if c.dep_ == "prep" and c.lower_ in ("from", "by") for o in _pobjs(c)]
            if authors:
                return authors[:1], "statement"
        if verb.dep_ == "acl" and head.lemma_.lower() in role_lexicon().statement_nouns \
                and head.dep_ in ("dobj", "pobj") and depth < 5:
            above = head.head.head if head.dep_ == "pobj" else head.head
            if above.pos_ in ("VERB", "AUX"):  # "issued a statement demanding ...": who issued it
                found, _ = verb_subject(above, depth + 1)
                if found:
                    return found, "statement"
        if verb.dep_ == "acl" and head.dep_ == "dobj" and head.head.pos_ in ("VERB", "AUX") and not names_party(head) \
                and not any(c.dep_ == "poss" for c in head.children) \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and depth < 5:
            # "displayed a determination to resist protectionism", "made an attempt to negotiate": the one who shows
            # the will or makes the attempt acts (a noun's owner still does: "may hurt banks' ability to lend")
            found, _ = verb_subject(head.head, depth + 1)
            return found, "inherited"
        if verb.dep_ == "acl":
            return [head], "acl"
    return [], "none"


def _between(token) -> tuple[list, list]:
    holders = [token]
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ in ("VERB", "AUX"):
        holders.append(token.head)  # "talks have occurred between Britain and the Channel Islands"
    for c in (c for h in holders for c in h.children):
        if c.dep_ == "prep" and c.lower_ == "between":
            objs = _pobjs(c)
            if objs:
                first = objs[0]
                others = [x for x in first.conjuncts if x.i > first.i]
                return [first], others
    return [], []


def _noun_arguments(token, event_type: str) -> Arguments:
    lex = role_lexicon()
    args = Arguments()
    preps = _preps_for(event_type)
    a, r = _between(token)
    if a:
        args.actors, args.recipients, args.pattern = a, r, "between"
    # "the journalist's arrest": the possessor of a patient noun undergoes it, unless an "of" object does
    patient = token.lemma_.lower() in lex.patient_nouns
    of_patient = patient and any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)
    for c in token.children:
        if c.dep_ == "poss" and c.ent_type_ in _TIME_LABELS:
            continue  # "last Friday's Iranian missile attack": when, not who
        if c.dep_ == "poss" and patient and not of_patient:
            args.recipients.append(c)
        elif c.dep_ == "poss" and not args.actors:
            args.actors, args.pattern = [c], "possessive"
        elif c.dep_ == "prep":
            low = c.lower_
            if low == "by" and not args.actors:
                args.actors, args.pattern = _pobjs(c)[:1], "noun-by"
            elif low == "from" and not args.actors and event_type not in ("RETREAT", "SANCTION"):
                args.actors, args.pattern = _pobjs(c)[:1], "noun-from"
            elif low == "of" and lex.of_role.get(event_type) == "actor" and not args.actors and not patient:
                # only a party acts: "the request of the Malian government", not "the importance of implementing"
                args.actors = [o for o in _pobjs(c)[:1] if names_party(o)]
                args.pattern = "noun-of" if args.actors else args.pattern
            elif low == "of" and (patient or lex.of_role.get(event_type) == "recipient"):
                args.recipients.extend(_pobjs(c)[:1])
            elif low in preps and low != "between":
                args.recipients.extend(_pobjs(c)[:1])
    beneficiary = _beneficiary_modifier(token, event_type)
    if beneficiary is not None:  # "contra aid", "Nicaragua rebel military aid": the rebels get it
        args.recipients.append(beneficiary)
    if not args.actors:
        for c in token.children:
            if beneficiary is not None and c.i <= beneficiary.i:
                continue  # ("Nicaragua" goes with "rebel")
            if c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ not in _TIME_LABELS and (
                    c.ent_type_ in ENT_LABELS or c.pos_ == "PROPN" or _role_modifier(c, token)) and not is_venue(c):
                # (a date is no doer: "the May 17 Iraqi missile attack" is Iraq's)
                args.actors, args.pattern = [c], "modifier"
                break
    if not args.actors:  # "an Iranian Silkworm missile strike": the demonym hangs on the weapon
        weapons = [c for c in token.children if c.dep_ == "compound" and c.lemma_.lower() in lex.weapon_nouns]
        wielder = next((g for w in weapons for g in w.subtree if g.i < w.i and g.dep_ in ("amod", "compound", "nmod")
                        and g.ent_type_ in ("NORP", "GPE")), None)
        if wielder is not None:
            args.actors, args.pattern = [wielder], "modifier"
    receiver = _receiving_verb(token)
    if receiver is not None:  # "Mali received aid from France", "the town came under attack"
        found, _ = verb_subject(receiver)
        if found:
            args.recipients = found
        if not args.actors:
            args.actors = [o for c in receiver.children if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by")
                           for o in _pobjs(c)][:1]
            args.pattern = "receiver-from" if args.actors else args.pattern
        return args
    dated = token.head.head
    journey = token.head.lower_ == lex.purpose_prep and dated.lemma_.lower() in lex.journey_verbs
    owned = any(o.ent_type_ not in _TIME_LABELS for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                for o in _pobjs(c))  # "before a meeting of the Economic Policy Council": the council's
    if not args.actors and not owned and event_type in lex.occasion_types and token.dep_ == "pobj" \
            and (token.head.lower_ in lex.occasion_preps or journey) and dated.pos_ in ("VERB", "AUX") \
            and not any(c.dep_ == "auxpass" for c in dated.children):  # "a plan discussed during the meetings"
        found, _ = verb_subject(dated)  # "said after talks with King Hussein": the speaker held them
        if found:
            args.actors, args.pattern = found, "occasion"
            return args
    if is_light_verb_object(token, trigger_index().light_verbs) or token.dep_ in ("dobj", "pobj"):
        verb = token
        while verb.dep_ in ("conj", "pobj", "prep", "dobj", "attr", "nsubjpass") and verb.head.i != verb.i:
            verb = verb.head
            if verb.pos_ in ("VERB", "AUX"):
                break
        light = is_light_verb_object(token, trigger_index().light_verbs)
        if verb.pos_ in ("VERB", "AUX") and (light or not is_reporting_verb(verb)):
            if light and args.pattern in ("none", "between"):
                found, how = verb_subject(verb)
                if how == "passive" and verb.lemma_.lower() in lex.stative_light_verbs:
                    # the troops were engaged in fighting: a state of the subject
                    found = [c for c in verb.children if c.dep_ == "nsubjpass"][:1]
                if found:  # "Qatar undertook mediation between Chad and Sudan": the parties receive
                    if args.pattern == "between":
                        args.recipients = args.actors + args.recipients
                    args.actors, args.pattern = found, "light-verb"
            patient_obj = [c for c in verb.children if c.dep_ == "dobj" and (party_phrase(c) or is_pronoun(c))] \
                if light and token.dep_ == "pobj" and token.head.head.i == verb.i else []  # not "sent €5m in aid"
            # (nor an act: "launched a national strike, with a broad political demand")
            if patient_obj and verb.lemma_.lower() in lex.companion_verbs:
                # "railway workers joined university students in strikes": the object acts beside the subject
                args.actors = args.actors + [o for o in patient_obj[:1] if o.i not in {a.i for a in args.actors}]
            elif patient_obj:
                # "took two men into custody", "held refugees as human shields (in the hills)": the verb's
                # object undergoes the act its prepositional noun names, before any place the noun names
                args.recipients = patient_obj[:1]
            elif light and not args.recipients:
                for c in verb.children:
                    if c.dep_ == "dative" and c.pos_ == "ADP":
                        args.recipients.extend(_pobjs(c)[:1])
                    elif c.dep_ in ("dative", "iobj"):
                        args.recipients.append(c)
                    elif c.dep_ == "prep" and c.lower_ in preps and c.lower_ != "between":
                        args.recipients.extend(_pobjs(c)[:1])
                    elif c.dep_ == "nsubjpass" and c.i != token.i:  # "were taken into custody": it undergoes it
                        args.recipients.append(c)
    return args


def _beneficiary_modifier(token, event_type: str):
    """A modifier of an event noun of ``beneficiary_modifiers.types`` that names a non-state group of one of its
    ``sectors`` ("contra aid", "refugee aid"): the group gets the act (roles.yml)."""
    lex = role_lexicon()
    if event_type not in lex.beneficiary_types:
        return None
    roles = _one_word_roles()
    return next((c for c in token.children if c.dep_ in ("compound", "amod", "nmod") and c.i < token.i
                 and roles.get(c.lower_, (None, False))[0] in lex.beneficiary_sectors), None)


def _receiving_verb(token):
    """The verb whose subject receives or undergoes the event noun (lexicon ``receiving_verbs``): its object
    ("received aid", "repelled an attack") or the object of an undergoing preposition ("came under fire")."""
    lex = role_lexicon()
    cur = token
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    if cur.dep_ == "dobj" and cur.head.lemma_.lower() in lex.receiving_verbs:
        return cur.head
    prep = cur.head
    if cur.dep_ == "pobj" and prep.lower_ in lex.undergoing_preps and prep.head.pos_ in ("VERB", "AUX") \
            and not any(c.dep_ == "dobj" for c in prep.head.children):  # not "placed the mayor under arrest"
        return prep.head
    return None


def _party_by_agent(participle) -> bool:
    """A passive participle on a party with its "by" object ("the United States and France, backed by the IMF"):
    whatever its type, the "by" object acts on the party."""
    return any(c.dep_ == "agent" for c in participle.children) and party_phrase(participle.head)


def _verb_arguments(token, event_type: str, roles: str | None, extra_preps: frozenset[str] = frozenset()) -> Arguments:
    preps = _preps_for(event_type) | extra_preps
    if any(c.dep_ == "dobj" and c.lemma_.lower() in role_lexicon().partner_nouns for c in token.children):
        preps = preps | {"with"}  # "closed its border with Iran", "froze its relations with Chad"
    participle = token
    while participle.dep_ == "conj" and participle.tag_ == "VBN" and participle.head.tag_ == "VBN":
        participle = participle.head  # "3,000 men killed or wounded": the conjunct is said of the noun too
    if participle.dep_ in ("acl", "amod") and token.tag_ == "VBN" and (
            event_type in role_lexicon().participle_patients or _party_by_agent(token)):
        # "the six people killed (by X)": the noun undergoes it, the "by" object does it
        agents = [o for v in {token, participle} for a in v.children if a.dep_ == "agent" for o in _pobjs(a)]
        actors, pattern = agents[:1], "passive-acl"
    else:
        actors, pattern = verb_subject(token)
    if roles == "stative" and pattern == "passive":  # "Israel is opposed to ...": a state of the subject
        actors, pattern = [c for c in token.children if c.dep_ == "nsubjpass"][:1], "stative"
    args = Arguments(actors=actors, pattern=pattern)
    if roles == "experiencer":
        subj = [c for c in token.children if c.dep_ in _SUBJ]
        if not subj and token.dep_ == "acomp":
            subj = [c for c in token.head.children if c.dep_ in _SUBJ]
        args.actors = subj[:1] or args.actors
        for c in token.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "with", "at"):
                args.recipients.extend(_pobjs(c)[:1])
        return args
    themes = event_type in role_lexicon().theme_objects or token.lemma_.lower() in role_lexicon().topic_verbs
    if pattern.endswith("-acl"):
        args.recipients.append(participle.head)
    if _passive_opening(token):  # the main clause's subject undergoes it
        args.recipients.extend(c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    if (token.dep_ == "xcomp" and token.tag_ == "VBN" or _passive_conjunct(token)) and pattern.startswith("passive"):
        # "six were reported wounded", "the accused were booked and arrested"
        args.recipients.extend(c for c in token.head.children if c.dep_ == "nsubjpass")
    for c in token.children:
        if c.dep_ == "dative" and c.pos_ == "ADP":  # "sent aid to X"
            args.recipients.extend(_pobjs(c)[:1])
        elif (c.dep_ in ("dobj", "dative", "iobj") and not (themes and c.dep_ == "dobj")) or (
                c.dep_ == "nsubjpass" and pattern.startswith("passive")):
            args.recipients.append(c)
        if c.dep_ == "dobj":  # "requested help from X", "lifted the curfew in X"
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ in preps and p.lower_ != "between":
                    args.recipients.extend(_pobjs(p)[:1])
        elif c.dep_ in ("prep", "prt") and c.lower_ in preps and c.lower_ != "between":
            args.recipients.extend(_pobjs(c)[:1])
        elif c.dep_ == "prep" and c.lower_ == "between":
            a, r = _between(token)
            if pattern in ("passive", "acl"):  # an "acl" here is a reduced passive relative
                # "four points agreed between Thatcher and Reagan": the two did it; what was agreed is no party
                args.actors, args.pattern = a + r, "between"
                args.recipients = [x for x in args.recipients if x.dep_ != "nsubjpass" and x.i != token.head.i]
            else:
                args.recipients.extend(a + r)
    if not args.recipients and event_type in trigger_index().governing_types:
        for c in token.children:
            if c.dep_ in ("ccomp", "xcomp"):
                subj = [s for s in c.children if s.dep_ in _SUBJ]
                args.recipients.extend(subj[:1])
    return args


def _nominal_gerund(token) -> bool:
    """A gerund used as a noun: "died in police firing" (a noun position with a noun modifier)."""
    return token.tag_ == "VBG" and token.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass") and any(
        c.dep_ in ("compound", "poss", "det") or (c.dep_ == "prep" and c.lower_ in ("by", "of"))
        for c in token.children)


def arguments_of(trigger: Trigger) -> Arguments:
    """Actor and recipient tokens of a trigger."""
    token, entry = trigger.token, trigger.entry
    if entry.roles == "clause_subject":
        args = _noun_arguments(token, entry.event_type) if token.pos_ == "NOUN" else Arguments()
        clause = [c for c in token.children if c.dep_ in ("acl", "ccomp", "relcl")]
        if token.pos_ in ("AUX", "VERB") and token.dep_ == "aux":  # "X said Y must ..."
            clause = [token.head]
            above = token.head.head if token.head.head.i != token.head.i else None
            if above is not None:
                args.actors, args.pattern = verb_subject(above)
        for cl in clause:
            args.recipients = [s for s in cl.children if s.dep_ in _SUBJ][:1]
        return args
    visitor = visitor_of(token)
    if visitor is not None:  # "talks with visiting President X": X visits; whom or where, the phrase does not say
        return Arguments(actors=[visitor], pattern="modifier")
    if token.dep_ == "compound" and token.head.lemma_.lower() in role_lexicon().event_heads:
        return _noun_arguments(token.head, entry.event_type)  # "undertook a mediation mission between X and Y"
    if token.pos_ in ("NOUN", "PROPN", "NUM") or (token.pos_ != "VERB" and token.dep_ in ("dobj", "pobj", "nsubj")) \
            or _nominal_gerund(token):
        return _noun_arguments(token, entry.event_type)
    return _verb_arguments(token, entry.event_type, entry.roles, entry.preps)


# ---------------------------------------------------------------------------- entities
# (the names inside a phrase, venues and affiliations: phrases.py)


def is_generic(token) -> bool:
    """A token naming earlier participants only ("the two men", "they")."""
    return token.lemma_.lower() in role_lexicon().generic_actors or is_pronoun(token)
