"""Role fallbacks: general grammatical patterns that give an event the recipient the parse left out.

``roles.arguments_of`` reads the actor and recipient off the trigger's own dependents.  English often puts
the one an act is done to elsewhere; each rule below (settings and examples in ``lexicon/fallbacks.yml``)
runs only while the recipient slot is still empty:

- *coordinated verbs share their object* ("shelled and destroyed two platforms"; "destroyed one platform and raided
  another": an object whose noun is left out is the first verb's);
- *a threat's condition names its target* ("threatened to strike unless the government ...");
- *a refusal despite someone's pressure refuses them* ("declined to resign despite pressure by the commission");
- *a commitment's transfer names its goal* ("is ready to contribute troops to a force in Liberia", "refused to
  hand the suspects over to Britain"): the "to" object of the infinitive's transfer;
- *a target deeper in the phrase* ("mobilized reservists for a war against Iraq", "withdrawal of its
  troops from Lebanon");
- *one state left over*: a directed event with no recipient whose sentence names exactly one other state
  outside its actor and outside the report's source ("..., diplomats said", "according to ...").

``self_directed`` tells a demand on oneself ("We must try harder," he said) from a request: no event.
"""
from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass

from ..schema import FROM_ARTICLE, NON_STATE_CODES, Entity
from .factuality import answering_noun, is_reporting_verb, speaker_of
from .lexicons import TIME_LABELS, load_lexicon
from .entities import entities_for
from .phrases import is_affiliation, is_venue, names_a_currency
from .placing import FROM_SENTENCE
from .roles import Arguments, is_pronoun, is_role_noun

_NAMED_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
# dependencies followed inside a phrase (never into another clause)
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss"})
_PHRASE_DEPS = frozenset({"dobj", "pobj", "prep", "attr", "appos", "compound"})


@dataclass(frozen=True)
class FallbackRules:
    coordinated_types: frozenset[str]
    elided_objects: frozenset[str]
    nested_depth: int
    nested_preps: dict[str, frozenset[str] | None]  # prep -> types (None: every type)
    condition_types: frozenset[str]
    condition_markers: frozenset[str]
    despite_types: frozenset[str]
    despite_preps: frozenset[str]
    despite_nouns: frozenset[str]
    despite_owner_preps: frozenset[str]
    goal_types: frozenset[str]
    goal_preps: frozenset[str]
    self_pronouns: frozenset[str]
    self_nouns: frozenset[str]
    leftover_types: frozenset[str]
    locative_preps: frozenset[str]
    directions: frozenset[str]
    reference_preps: frozenset[str]
    venue_heads: frozenset[str]
    place_targets: frozenset[str]
    domestic_sectors: frozenset[str]
    time_preps: frozenset[str]
    reported_sectors: frozenset[str]


@functools.cache
def fallback_rules() -> FallbackRules:
    """The settings of ``lexicon/fallbacks.yml`` (loaded once)."""
    data = load_lexicon("fallbacks")
    preps = {p: (None if types == "*" else frozenset(types)) for p, types in data["nested_target"]["preps"].items()}
    return FallbackRules(
        coordinated_types=frozenset(data["coordinated_object"]["types"]),
        elided_objects=frozenset(data["coordinated_object"]["elided_objects"]),
        nested_depth=int(data["nested_target"]["depth"]),
        nested_preps=preps,
        condition_types=frozenset(data["condition_target"]["types"]),
        condition_markers=frozenset(data["condition_target"]["markers"]),
        despite_types=frozenset(data["despite_target"]["types"]),
        despite_preps=frozenset(data["despite_target"]["preps"]),
        despite_nouns=frozenset(data["despite_target"]["nouns"]),
        despite_owner_preps=frozenset(data["despite_target"]["owner_preps"]),
        goal_types=frozenset(data["infinitive_goal"]["types"]),
        goal_preps=frozenset(data["infinitive_goal"]["preps"]),
        self_pronouns=frozenset(data["self_directed"]["pronouns"]),
        self_nouns=frozenset(data["self_directed"]["nouns"]),
        leftover_types=frozenset(data["leftover_actor"]["types"]),
        locative_preps=frozenset(data["leftover_actor"]["locative_preps"]),
        directions=frozenset(data["leftover_actor"]["reference_points"]["directions"]),
        reference_preps=frozenset(data["leftover_actor"]["reference_points"]["preps"]),
        venue_heads=frozenset(data["leftover_actor"]["venue_heads"]),
        place_targets=frozenset(data["leftover_actor"]["place_targets"]),
        domestic_sectors=frozenset(data["leftover_actor"]["domestic_sectors"]),
        time_preps=frozenset(data["leftover_actor"]["time_preps"]),
        reported_sectors=frozenset(data["reported_forces"]["sectors"]),
    )


def _objects(verb) -> list:
    return [c for c in verb.children if c.dep_ == "dobj" and not elided(c)]


def elided(token) -> bool:
    """An object whose noun English leaves out, to be read from the verb before ("destroyed one platform and raided
    another", "killed one soldier and wounded two others"): a word of ``elided_objects`` with no modifier but a
    number or a determiner."""
    return token.lower_ in fallback_rules().elided_objects and all(
        c.dep_ in ("det", "nummod", "quantmod") for c in token.children)


def coordinated_object(token, event_type: str) -> list:
    """The object a verb shares with the verb it is coordinated with ("shelled and destroyed X")."""
    if event_type not in fallback_rules().coordinated_types or token.pos_ != "VERB" or _objects(token):
        return []
    for c in token.children:  # V1 and V2 NP: V1 takes V2's object
        if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > token.i:
            objs = _objects(c)
            if objs:
                return objs[:1]
    if token.dep_ == "conj" and token.head.pos_ == "VERB":  # V1 NP and V2: V2 takes V1's object
        return _objects(token.head)[:1]
    return []


def condition_target(token, event_type: str) -> list:
    """The subject of an if/unless clause under a threat (or under the act threatened)."""
    rules = fallback_rules()
    if event_type not in rules.condition_types:
        return []
    heads = [token] + [c for c in token.children if c.dep_ == "xcomp"]
    for head in heads:
        for c in head.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in rules.condition_markers
                                         for m in c.children):
                subj = [s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")
                        and not (is_pronoun(s) and s.lower_ in rules.self_pronouns)]
                if subj:
                    return subj[:1]
    return []


def despite_target(token, event_type: str) -> list:
    """Whose pressure, calls or demands a refusal is made despite: the pressure noun's "by" / "from" object or
    its owner, on the trigger or on the infinitive it governs."""
    rules = fallback_rules()
    if event_type not in rules.despite_types:
        return []
    heads = [token] + [c for c in token.children if c.dep_ == "xcomp"]
    for prep in (c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in rules.despite_preps):
        for noun in (o for o in prep.children if o.dep_ == "pobj" and o.lemma_.lower() in rules.despite_nouns):
            owners = [c for c in noun.children if c.dep_ == "poss" and not is_pronoun(c)]
            owners += [o for p in noun.children if p.dep_ == "prep" and p.lower_ in rules.despite_owner_preps
                       for o in p.children if o.dep_ == "pobj"]
            if owners:
                return owners[:1]
    return []


def infinitive_goal(token, event_type: str) -> list:
    """The goal of a transfer in the infinitive a commitment governs: the object of a goal preposition of an
    infinitive (or the dative) that also has a direct object ("agreed to re-open its borders to UN monitors")."""
    rules = fallback_rules()
    if event_type not in rules.goal_types:
        return []
    for inf in (c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB"):
        if not _objects(inf):
            continue  # "agreed to go to Geneva": a place, no transfer
        for c in inf.children:
            if c.dep_ in ("dative", "prep") and c.lower_ in rules.goal_preps:
                objs = [o for o in c.children if o.dep_ == "pobj" and o.ent_type_ not in TIME_LABELS]
                if objs:
                    return objs[:1]
            elif c.dep_ == "dative" and c.pos_ != "ADP":  # "agreed to give Kenya a loan"
                return [c]
    return []


def nested_target(token, event_type: str) -> list:
    """The object of a target preposition inside the trigger's own phrase, nearest first."""
    rules = fallback_rules()
    frontier = [token]
    for _ in range(rules.nested_depth):
        nxt = []
        for tok in frontier:
            for c in tok.children:
                if c.dep_ == "prep":
                    types = rules.nested_preps.get(c.lower_, frozenset())
                    objs = [o for o in c.children if o.dep_ == "pobj" and o.ent_type_ not in TIME_LABELS]
                    if objs and (types is None or event_type in types) and tok is not token:
                        return objs[:1]
                    nxt.extend(objs)
                elif c.dep_ in _PHRASE_DEPS:
                    nxt.append(c)
        frontier = nxt
    return []


def compound_actor(token):
    """The role noun of a noun compound the parser read as a verb: lower-case "in police firing" parses as a
    participle "firing" beside an object "police" (or hangs the participle on the victim, "youth perished in
    police firing"); the noun just before a gerund with no subject or auxiliary of its own is who fired."""
    if token.tag_ != "VBG" or token.i == 0:
        return None
    before = token.doc[token.i - 1]
    if before.sent.start != token.sent.start or not is_role_noun(before) or before.head.i == token.i:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in token.children):
        return None  # "the police were firing", "police opened fire": a verb of its own
    return before


def token_fallbacks(trigger, args: Arguments, event_type: str) -> Arguments:
    """``args`` with the actor of a misparsed compound and a recipient from the first pattern that finds one
    (unchanged when it has one)."""
    token = trigger.token
    actor = compound_actor(token)
    if actor is not None:
        args.actors, args.pattern = [actor], "modifier"
        args.recipients = [r for r in args.recipients if r.i != actor.i]
    if args.recipients and not all(elided(r) for r in args.recipients) or trigger.entry.roles == "experiencer":
        return args
    for rule in (condition_target, despite_target, infinitive_goal, coordinated_object, nested_target):
        found = rule(token, event_type)
        if found:
            args.recipients = list(found)
            return args
    return args


def self_directed(trigger, args: Arguments) -> bool:
    """A modal demand whose clause subject is the speaker ("We must try ...", he said) or the speaker's own
    country ("the country must tighten its belt", the president said): no request."""
    rules = fallback_rules()
    return trigger.entry.roles == "clause_subject" and trigger.token.dep_ == "aux" and any(
        (is_pronoun(t) and t.lower_ in rules.self_pronouns) or (
            t.lemma_.lower() in rules.self_nouns and any(d.lower_ == "the" for d in t.children if d.dep_ == "det"))
        for t in args.recipients)


def _is_state(code: str | None) -> bool:
    return bool(code) and len(code) == 3 and code not in NON_STATE_CODES


def _source_tokens(sent, token) -> set[int]:
    """Tokens of the report around the event: a verb of saying's clause outside what it reports
    ("X told the council on his return to New York"), "according to X"."""
    out: set[int] = set()
    for tok in sent:
        if is_reporting_verb(tok) and tok.i != token.i:
            inside = next((c for c in tok.children if token in c.subtree), None)
            keep = {t.i for t in inside.subtree} if inside is not None else set()
            out.update(t.i for t in tok.subtree if t.i not in keep)
        elif tok.lower_ == "according" and tok.dep_ == "prep":
            out.update(t.i for t in tok.subtree)
    return out


def _locative(ent) -> bool:
    """A place where something happens ("in Tel Aviv", "on his return to New York", "30 km south of Baghdad"),
    not a party."""
    root, rules = ent.root, fallback_rules()
    if ent.label_ != "GPE" or root.dep_ != "pobj":
        return False
    return root.head.lower_ in rules.locative_preps or _direction_of(root.head)


def _direction_of(prep) -> bool:
    """The "of" of a compass direction: "(120 miles) east of X"."""
    return prep.lower_ == "of" and prep.head.lower_ in fallback_rules().directions


@functools.cache
def _country_words() -> frozenset[str]:
    """Country names and aliases, lower case (the resolve stage's gazetteer; empty without it)."""
    try:
        from ..resolve.actor_gazetteers import country_rows
    except ImportError:  # the resolve stage is optional
        return frozenset()
    return frozenset(n.lower() for r in country_rows() for n in (r["name"], *r["aliases"]))


def _reference_point(ent) -> bool:
    """A country named to measure from ("120 miles east of Bahrain", "off Kuwait"): the act is not there."""
    root, rules = ent.root, fallback_rules()
    if root.dep_ != "pobj" or ent.text.lower().removeprefix("the ") not in _country_words():
        return False
    return root.head.lower_ in rules.reference_preps or _direction_of(root.head)


def _venue_of(ent) -> bool:
    """A city compounded onto a meeting or an accord ("the London talks"): where it was held."""
    root = ent.root
    return root.dep_ in ("compound", "nmod") and root.head.lemma_.lower() in fallback_rules().venue_heads \
        and is_venue(root)


def leftover_recipient(trigger, args: Arguments, actors: list[Entity], recipients: list[Entity],
                       event_type: str, resolver) -> list[Entity]:
    """The one state the sentence names besides the actor (see the module doc), or nothing."""
    rules = fallback_rules()
    if event_type not in rules.leftover_types or not actors or any(r.country for r in recipients):
        return []
    sent = trigger.token.sent
    used = _source_tokens(sent, trigger.token)
    for tok in args.actors:  # a recipient phrase that named no state may hold one: "a bus carrying Egyptian pilgrims"
        used.update(t.i for t in tok.subtree)
    for tok in sent:  # "during the visit of the West German president": when, not to whom
        if tok.dep_ == "prep" and tok.lower_ in rules.time_preps and trigger.token not in tok.subtree:
            used.update(t.i for t in tok.subtree)
    answer = getattr(answering_noun(trigger.token), "i", None)
    for tok in sent:  # "in response to a strike on a Kuwaiti tanker": the cause, not the target
        cause = answering_noun(tok)
        if cause is not None and cause.i != answer:
            used.add(tok.i)
    own = {a.country for a in actors if a.country}
    found: dict[str, Entity] = {}
    for ent in sent.ents:
        if ent.label_ not in _NAMED_LABELS or any(t.i in used for t in ent) or is_affiliation(ent.root) or (
                event_type not in rules.place_targets and _locative(ent)) or _reference_point(ent) or _venue_of(ent) \
                or names_a_currency(ent.root):
            continue  # "Chinese-built missiles", "in Geneva", "east of Bahrain", "the London talks", "the West
            # German mark": no party
        for e in _named(ent, resolver):
            if _is_state(e.country):
                if _locative(ent) and e.sector == "GOV":  # where it struck: the country, not its capital's government
                    e = dataclasses.replace(e, sector=None)
                found.setdefault(e.country, e)
    others = [c for c in found if c not in own]
    if len(others) == 1:
        return [found[others[0]]]
    if not others and len(found) == 1:  # acting against one's own state: "protested to the Kenyan government"
        organ = next(iter(found.values()))
        if organ.sector in rules.domestic_sectors and not any(_same_entity(organ, a) for a in actors):
            return [organ]
    return []


def _named(ent, resolver) -> list[Entity]:
    """What a name stands for: the phrase it modifies ("Algerian government forces"), else the name (also when
    the phrase names more than one country: "the Turkish embassy in Berlin" is Turkey's)."""
    root = ent.root
    if root.dep_ in _MODIFIER_DEPS and root.head.pos_ in ("NOUN", "PROPN") and root.head.i >= ent.end:
        phrase = [e for e in entities_for([root.head], resolver) if e.country]
        if len({e.country for e in phrase}) == 1:
            return phrase
    return entities_for([root], resolver)


def _same_entity(a: Entity, b: Entity) -> bool:
    return (a.name or a.text).casefold() == (b.name or b.text).casefold()


def fill_leftovers(cands: list, resolver) -> None:
    """One sentence's candidates (``coder.Candidate``) after the governing ones took their recipients from
    what they govern: each real act still without a recipient takes the state left over, if there is one."""
    for c in cands:
        if c.governed_by is None and not any(r.country for r in c.recipients):
            c.recipients = c.recipients + leftover_recipient(c.trigger, c.args, c.actors, c.recipients,
                                                             c.event_type, resolver)


_REPEAT_ADVERBS = frozenset({"also", "too", "likewise"})


def repeated_passive(cands: list, before: list) -> None:
    """One sentence's candidates, and those of the sentence before: an agentless passive that says "also" of the
    verb the sentence before told with its doer is done by that doer ("Kuwait has asked four countries for the
    use of their flags ... Britain and China were also asked", "Police arrested three journalists. Two students
    were also arrested")."""
    for c in cands:
        tok = c.trigger.token
        if c.actors or not any(ch.dep_ == "auxpass" for ch in tok.children) \
                or any(ch.dep_ == "agent" for ch in tok.children) \
                or not any(ch.dep_ == "advmod" and ch.lower_ in _REPEAT_ADVERBS for ch in tok.children):
            continue
        source = next((p for p in before if p.actors and p.event_type == c.event_type
                       and p.trigger.token.lemma_.lower() == tok.lemma_.lower()), None)
        if source is not None:
            c.actors = list(source.actors)


def _reporting_state(token, resolver) -> str | None:
    """The country of the state that reports the clause of ``token``, when its speaker names one state."""
    speaker = speaker_of(token)
    found = entities_for([speaker], resolver) if speaker is not None else []
    countries = {e.country for e in found if _is_state(e.country)}
    if len(found) == 1 and len(countries) == 1 and found[0].sector in (None, "", "GOV"):
        return countries.pop()
    return None


def reported_forces(cands: list, resolver) -> None:
    """One sentence's candidates: forces a state reports on without saying whose are its own (fallbacks.yml
    ``reported_forces``), marked as the sentence's inference."""
    sectors = fallback_rules().reported_sectors

    def open_(a: Entity) -> bool:
        # forces the sentence leaves unplaced, or the article placed by an earlier mention (the reporting state
        # is nearer: "Iran reported an offensive, saying troops had killed 2,400 Iraqis" after "Syrian troops")
        return a.sector in sectors and ((not a.country and not a.origin) or a.origin == FROM_ARTICLE)

    for c in cands:
        if not any(open_(a) for a in c.actors):
            continue
        country = _reporting_state(c.trigger.token, resolver)
        if country is None or any(r.country == country for r in c.recipients):
            continue
        c.actors = [dataclasses.replace(a, country=country, origin=FROM_SENTENCE) if open_(a) else a
                    for a in c.actors]

