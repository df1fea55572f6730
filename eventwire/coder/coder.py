"""Assembling events: triggers -> roles, factuality, quantities, evidence, confidence -> merged Events.

Steps, per article (one spaCy Doc):

1. every sentence's triggers (``triggers.find_triggers``);
2. for each: factuality (dropping a "statement" trigger that needs a future and has none, and a
   speech act whose subject is a document: "a bill calling for ..."), the trigger that governs it
   (a trigger above it in the parse: "agreed to *send* aid"), re-coding of announced commitments
   (``recode:`` in triggers.yml), actors and recipients (``roles``, then the ``fallbacks`` where the parse
   left the recipient out), the sentence's counts and nearby money;
3. confidence: the fitted model of ``confidence.py`` over the candidate's features (trigger, parse,
   clause, factuality, participants, place in the article, mentions);
4. merging: one event per real event — the same type, factuality and compatible participants in the
   same sentence, or a later mention that points back ("the meeting", "the two men", "they"), or one
   whose actors and recipients both match.  The best-evidenced mention gives the evidence; every
   mention is listed in ``mentions``.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace

from ..schema import NON_STATE_CODES, Entity, Event, Evidence, empty_quantities
from .lexicons import token_keys
from .factuality import (Factuality, an_occasion, answering_noun, attempted_only, factuality_of, is_reporting_verb,
                         speaker_of, subject_is_document, third_party_report)
from .quantities import company_count, counts_for_event, counts_in, counts_only, money_in, public_money
from .entities import default_resolver, entities_for
from .roles import Arguments, arguments_of, is_generic, role_lexicon
from .compiled_verbs import all_triggers, is_compiled
from .anaphora import stands_for_a_thing
from .fallbacks import fill_leftovers, repeated_passive, reported_forces, self_directed, token_fallbacks
from .confidence import candidate_features, clause_of, rank, score
from .phoenix_discards import discarded
from .placing import place_participants
from .discards import (agentless_plan, company_post, family_visit, kind_modifier, non_agent_subject, press_audience,
                       quantity_subject, self_inflicted)
from .trigger_senses import future_subject, pledged_by_a_thing
from .triggers import Trigger, trigger_index
from .where_when import better_date, dates_apart, event_place, when_and_where

log = logging.getLogger(__name__)

_MONEY_DISTANCE = 3  # dependency edges between a money amount and the trigger
# types whose reporter is a witness, not the actor: the speaker is never their fallback actor
_WITNESSED_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"})
# types whose governed act is done by the one asked ("demanded that X leave": X receives the demand)
_ASKING_TYPES = frozenset({"REQUEST"})
_ARREST_LEMMAS = frozenset({"arrest", "detain"})
_PEOPLE_PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them", "we", "us", "i", "me", "who", "whom"})


@dataclass
class Candidate:
    trigger: Trigger
    event_type: str
    mode: str | None
    factuality: Factuality
    args: Arguments
    actors: list[Entity]
    recipients: list[Entity]
    governed_by: Trigger | None
    confidence: float  # the probability that it is right (confidence.py)
    evidence: Evidence
    quantities: dict
    anaphoric: bool = False
    mentions: list[tuple[int, int]] = field(default_factory=list)
    sentence_start: int = 0
    when: object = None  # resolve.dates.DateResolution, set by where_when
    where: list = field(default_factory=list)  # the places its mentions name (schema.Place)
    features: dict = field(default_factory=dict)  # confidence.candidate_features of its best mention
    rank: float = 0.0  # confidence.rank: which mention of a merged event speaks for it
    dated_after: bool = False  # told as a fact, its own stated date after the report's (where_when)
    history: bool = False  # told as a fact, its own stated date long before the report's (where_when)
    own_date: bool = False  # a mention states a date that is its own, not another event word's (where_when)
    content_only: bool = False  # what a REJECT rejects or a SANCTION halts: lends its recipient, then goes


def _evidence(text: str, sent, token) -> Evidence:
    """The sentence (cut at paragraph breaks around the trigger) and its offsets in ``doc.text``."""
    start, end = sent.start_char, sent.end_char
    t0 = token.idx
    brk = text.rfind("\n\n", start, t0)
    if brk != -1:
        start = brk + 2
    brk = text.find("\n\n", t0, end)
    if brk != -1:
        end = brk
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Evidence(sentence=text[start:end], start=start, end=end)


def _governor(trig: Trigger, triggers: list[Trigger]) -> Trigger | None:
    """The trigger above this one: an ancestor, or the object of a light verb above it
    ("staged demonstrations *to demand* reforms": the demonstrations)."""
    heads = {t.token.i: t for t in triggers if t is not trig}
    # a modal trigger governs the clause it is the auxiliary of ("X said Y *must* release ...")
    modals = {t.token.head.i: t for t in triggers if t is not trig and t.token.dep_ == "aux"}
    lights = trigger_index().light_verbs
    if trig.token.i in modals:
        return modals[trig.token.i]
    ancestors = list(trig.token.ancestors)
    if trig.token.dep_ == "aux":  # a modal starts above the verb it belongs to
        ancestors = ancestors[1:]
    for anc in ancestors:
        if anc.i in heads:
            return heads[anc.i]
        if anc.i in modals:
            return modals[anc.i]
        if any(k in lights for k in token_keys(anc)) and trig.token.dep_ in ("xcomp", "advcl", "ccomp"):
            for child in anc.children:
                if child.dep_ == "dobj" and child.i in heads and child.i != trig.token.i:
                    return heads[child.i]
    return None


def _path_length(a, b, limit: int) -> int:
    """Dependency edges between two tokens (limit + 1 if further)."""
    up_a = {a.i: 0}
    cur, d = a, 0
    while cur.head.i != cur.i and d < limit:
        cur, d = cur.head, d + 1
        up_a[cur.i] = d
    cur, d = b, 0
    while True:
        if cur.i in up_a:
            return up_a[cur.i] + d
        if cur.head.i == cur.i or d >= limit:
            return limit + 1
        cur, d = cur.head, d + 1


def _money_near(doc, text: str, sent, token) -> list[dict]:
    out = []
    for item in money_in(text[sent.start_char:sent.end_char], offset=sent.start_char):
        span = doc.char_span(item["start"], item["end"], alignment_mode="expand")
        if span is None:
            continue
        if _path_length(span.root, token, _MONEY_DISTANCE) <= _MONEY_DISTANCE:
            out.append(public_money(item))
    return out


def _recode(event_type: str, mode: str | None, fact: Factuality) -> tuple[str, str | None, Factuality]:
    if not fact.commitment or fact.value == "asserted":
        return event_type, mode, fact
    for rule in trigger_index().recode:
        if event_type in rule["from"] and rule["when"] == "commitment":
            new_mode = rule.get("mode", {}).get(event_type, mode if rule["to"] == event_type else None)
            # (still marked a commitment: the record is the pledge, dated when it was made - where_when.py)
            return rule["to"], new_mode, Factuality(value="asserted", cue=fact.cue, reported=fact.reported,
                                                    commitment=True)
    return event_type, mode, fact


def _scored(c: Candidate) -> float:
    return score(c.features, c.actors, c.recipients, len(set(c.mentions)) or 1)


def _ranked(c: Candidate) -> float:
    return rank(c.features, c.actors, c.recipients, len(set(c.mentions)) or 1)


def _own_subject(token, args: Arguments) -> bool:
    """The trigger's own subject is one of its actor words ("31 of the 47 assemblies had opposed the tax"), though
    it names no one the resolver knows: a subject inherited from a plan ("no plans to provide aid") is not.  A
    passive names its doer only by "by" ("tax allowances granted to interest groups"): the speaker is not it."""
    passive = token.tag_ == "VBN" and (token.dep_ in ("acl", "amod")
                                       or any(c.dep_ == "auxpass" for c in token.children))
    return passive or any(a.head.i == token.i and a.dep_ in ("nsubj", "nsubjpass") for a in args.actors)


def _anaphoric(trig: Trigger, args: Arguments) -> bool:
    """A mention that points back: "the meeting", "the talks between the two men", "they met"."""
    lex = role_lexicon()
    tok = trig.token
    if tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in lex.anaphoric_determiners for c in tok.children):
        return True
    return bool(args.actors) and all(is_generic(a) for a in args.actors)


def candidates_in(doc, *, resolver) -> list[Candidate]:
    """Every event candidate in a Doc, before merging."""
    out: list[Candidate] = []
    text = doc._.source_text or doc.text  # built once: Doc.text joins every token; evidence quotes the article
    story_discarded, discarded_sentences = discarded(doc)  # Phoenix discards: sports, entertainment ...
    if story_discarded:
        return out
    sentences = list(doc.sents)
    before = 0  # where the candidates of the last sentence with any begin
    for index, sent in enumerate(sentences):
        # curated triggers.yml first, then the compiled CAMEO verbs (not in a sentence the discards mark)
        triggers = all_triggers(sent, compiled=sent.start not in discarded_sentences)
        if not triggers:
            continue
        first = len(out)
        counts = None
        governed_ids = {id(g) for t in triggers if (g := _governor(t, triggers)) is not None}
        trigger_tokens = {t.token.i for t in triggers}
        for trig in triggers:
            fact = factuality_of(trig.token)
            if non_agent_subject(trig.token, trig.entry.event_type) or agentless_plan(trig.token) \
                    or self_inflicted(trig.token, trig.entry.event_type):
                continue  # "the proposal responds to", "a date to be agreed", "killed himself"
            if company_post(trig.token, trig.entry.event_type):
                continue  # "resigned as president of the company": company news
            if family_visit(trig.token, trig.entry.event_type):
                continue  # "to visit his wife Nancy at the hospital": private life
            if quantity_subject(trig.token):
                continue  # "coffee deliveries rose 17 pct": an amount, not an act
            if kind_modifier(trig.token, trigger_tokens):
                continue  # "a battle group", "attack helicopters": a kind of thing, not an act
            if trig.entry.future_only:
                if not fact.has_future:
                    continue
                # a promised response is a threat made: "we will not leave this without a response" (the "not" undone
                # by "without"), but "we won't have any comment or response" promises none, and "will seek to have
                # the government retaliate" is an aim, not a threat made
                if not attempted_only(fact) and (fact.value != "negated" or trig.token.head.lower_ == "without"):
                    fact = Factuality(value="asserted", cue=fact.cue, reported=fact.reported)
            if trig.entry.event_type in trigger_index().governing_types and subject_is_document(trig.token):
                continue  # "a bill calling for sanctions": the bill does not act; the sanctions are hypothetical
            gov = _governor(trig, triggers)
            if fact.commitment and (pledged_by_a_thing(trig.token) or an_occasion(trig.token) or stands_for_a_thing(
                    future_subject(trig.token))):
                # "an IMF program would help along negotiations"; "will speak at the annual meeting" pledges no meeting;
                # "if the meeting took place it would open the way for talks" (it: the meeting)
                fact = replace(fact, commitment=False)
            event_type, mode, fact = _recode(trig.entry.event_type, trig.entry.mode, fact)
            if counts_only(trig.token):
                continue  # "no one was killed": a count of the event, not another event
            args = token_fallbacks(trig, arguments_of(trig), event_type)
            if self_directed(trig, args):
                continue  # "We must try harder," he said: a demand on oneself
            actors = entities_for(args.actors, resolver)
            recipients = [r for r in entities_for(args.recipients, resolver) if not any(
                r.text == a.text for a in actors)]
            if len(actors) > 1 and any(_reciprocal(t) for t in args.recipients):
                recipients = list(actors)  # "Iran and Iraq accused each other": each side is the other's recipient
            if press_audience(event_type, recipients) or (not recipients and press_audience(event_type, actors)):
                continue  # "met reporters", "reporters visited the front": the press, no consultation
            if is_compiled(trig) and (not (actors and recipients) or gov is not None or fact.value != "asserted"):
                continue  # a dictionary verb codes an asserted dyad of its own (compiled_verbs.is_compiled)
            anaphoric = _anaphoric(trig, args) or any(is_generic(t) for t in args.actors + args.recipients)
            if not actors and not recipients and fact.reported and event_type not in _WITNESSED_TYPES \
                    and not anaphoric and not _own_subject(trig.token, args) and not third_party_report(trig.token):
                # "we will not leave this without a response," X said; not when the clause has a subject of its own
                # ("31 of the 47 assemblies had opposed the tax, the Asahi Shimbun said"), nor a reporter's
                # ("... talks, government sources said")
                speaker = speaker_of(trig.token)
                found = entities_for([speaker], resolver) if speaker is not None else []
                if speaker is not None and not any(e.sector in role_lexicon().press_sectors for e in found):
                    args.actors, args.pattern = [speaker], "speaker"
                    actors = found
            if counts is None:
                counts = counts_in(sent)
            quantities = empty_quantities()
            quantities.update(counts_for_event(counts, event_type))
            quantities["money"] = _money_near(doc, text, sent, trig.token)
            evidence = _evidence(text, sent, trig.token)
            features = candidate_features(
                event_type=event_type, compiled=is_compiled(trig), weight=trig.entry.weight,
                noun=trig.token.pos_ == "NOUN", pattern=args.pattern,
                clause=clause_of(trig.token, reporting=is_reporting_verb), governed=gov is not None,
                governing=id(trig) in governed_ids, anaphoric=_anaphoric(trig, args), factuality=fact.value,
                reported=bool(fact.reported), sentence_index=index, sentences=len(sentences),
                discard_cue=sent.start in discarded_sentences)
            if fact.speculative:
                features["speculative"] = 1.0
            cand = Candidate(
                trigger=trig, event_type=event_type, mode=mode, factuality=fact, args=args,
                actors=actors, recipients=recipients, governed_by=gov, confidence=0.0,
                evidence=evidence, quantities=quantities, anaphoric=_anaphoric(trig, args),
                mentions=[(evidence.start, evidence.end)], sentence_start=sent.start, features=features,
            )
            cand.confidence, cand.rank = _scored(cand), _ranked(cand)
            # "rejected a buffer force to implement the ceasefire", "suspended the talks": the act rejected or
            # halted is the REJECT's or SANCTION's content, not another event
            cand.content_only = gov is not None and gov.entry.event_type in trigger_index().content_governors \
                and fact.value == "negated"
            out.append(cand)
        _inherit_recipients(out[first:])
        _readiness_is_its_act(out[first:])
        _inherit_from_antecedent(out[first:])
        out[first:] = [c for c in out[first:] if not c.content_only]
        fill_leftovers(out[first:], resolver)
        repeated_passive(out[first:], out[before:first])
        reported_forces(out[first:], resolver)
        before = first
    return out


def _inherit_recipients(cands: list[Candidate]) -> None:
    """A governing event without a recipient takes it from the act it governs: "threatened to cut off
    power to X" -> X; "demanded that X cancel ..." / "urged X to ..." -> X, the one asked to act."""
    by_trigger = {id(c.trigger): c for c in cands}
    for c in cands:
        gov = by_trigger.get(id(c.governed_by)) if c.governed_by is not None else None
        if gov is None or gov.recipients or gov.event_type not in trigger_index().governing_types \
                or c.trigger.token.dep_ == "conj":
            continue
        own = {(a.name or a.text) for a in gov.actors}
        other_actors = [a for a in c.actors if (a.name or a.text) not in own]
        if gov.event_type in _ASKING_TYPES and other_actors:
            gov.recipients = other_actors
            gov.confidence, gov.rank = _scored(gov), _ranked(gov)
        else:
            _lend_recipients(c, gov)


def _lend_recipients(act: Candidate, gov: Candidate) -> None:
    """The governing event takes the recipients of the act it governs that are not its own actors."""
    own = {(a.name or a.text) for a in gov.actors}
    gov.recipients = [r for r in act.recipients if (r.name or r.text) not in own]
    gov.confidence, gov.rank = _scored(gov), _ranked(gov)


def _is_readiness(cand: Candidate) -> bool:
    return any(k in trigger_index().readiness for k in token_keys(cand.trigger.token))  # "be prepared": VBN


def _readiness_is_its_act(cands: list[Candidate]) -> None:
    """A readiness (AGREE: "ready to", "prepared to") whose act is a threat is that threat, no agreement beside
    it ("the rebels said they were ready to attack the airport"), and lends it its recipient.  An act re-coded as
    a pledge ("said it will be prepared to withdraw its troops") or an agreement one is ready to make ("ready to
    sign a peace agreement") is the readiness's content: one AGREE, with the act's recipients."""
    by_trigger = {id(c.trigger): c for c in cands}
    for c in cands:
        gov = by_trigger.get(id(c.governed_by)) if c.governed_by is not None else None
        agreement = c.event_type == "AGREE"
        while agreement and gov is not None and gov.event_type == "AGREE" and not _is_readiness(gov):
            gov = by_trigger.get(id(gov.governed_by)) if gov.governed_by is not None else None  # "sign" -> "ready"
        if gov is None or gov.event_type != "AGREE" or c.event_type not in ("THREATEN", "AGREE") \
                or not _is_readiness(gov):
            continue
        if agreement:
            c.content_only = True  # "ready to sign a peace agreement", "prepared to withdraw": one AGREE, the readiness
            if not gov.recipients:  # "ready to host a meeting between Israel and the PLO"
                _lend_recipients(c, gov)
            continue
        gov.content_only = True
        if not c.recipients:
            c.recipients = list(gov.recipients)
            c.confidence, c.rank = _scored(c), _ranked(c)


_WITHIN_PREPS = frozenset({"in", "during"})


def _inherit_from_antecedent(cands: list[Candidate]) -> None:
    """An act with no actor told in a relative clause "in which" / "during which" on another act of its type, or on
    that act's target, is done by that act's actor: "police firing at the mob in which four persons were killed",
    "the police opened fire, in which two died".  (A second act in the same happening, not a new one.)"""
    by_token = {c.trigger.token.i: c for c in cands if c.actors}
    for c in cands:
        tok = c.trigger.token
        if c.actors or tok.dep_ != "relcl" or not any(
                p.dep_ == "prep" and p.lower_ in _WITHIN_PREPS and any(w.lower_ == "which" for w in p.children)
                for p in tok.children):
            continue
        antecedent = tok.head
        places = [antecedent.i, antecedent.head.i]  # the act itself, or the verb or noun whose object it is
        if antecedent.dep_ == "pobj":
            places.append(antecedent.head.head.i)  # "firing at the mob": the act whose target it is
        source = next((by_token[i] for i in places if i in by_token and by_token[i].event_type == c.event_type), None)
        if source is not None:
            c.actors = list(source.actors)
            c.confidence, c.rank = _scored(c), _ranked(c)


# ---------------------------------------------------------------------------- merging


def _countries(entities: list[Entity]) -> set[str]:
    return {e.country for e in entities if e.country and e.country not in NON_STATE_CODES}


def _compatible_sets(a: set[str], b: set[str]) -> bool:
    return not a or not b or a <= b or b <= a


def _sectors(entities: list[Entity]) -> set[str]:
    return {e.sector for e in entities if e.sector}


def _compatible(p: Candidate, c: Candidate) -> bool:
    if p.event_type != "CONSULT" and p.actors and c.actors and not _countries(p.actors) \
            and not _countries(c.actors) and _sectors(p.actors) and _sectors(c.actors) \
            and not _sectors(p.actors) & _sectors(c.actors):
        return False  # "injured in police firing ... killed by the rioters": two acts
    if p.event_type == "CONSULT":  # meetings are symmetric
        return _compatible_sets(_countries(p.actors + p.recipients), _countries(c.actors + c.recipients))
    return _compatible_sets(_countries(p.actors), _countries(c.actors)) and _compatible_sets(
        _countries(p.recipients), _countries(c.recipients))


def _resolved_match(p: Candidate, c: Candidate) -> bool:
    """Across sentences: the same (resolved) actor, and nothing that tells them apart."""
    if p.event_type == "CONSULT":
        return bool(_countries(p.actors + p.recipients) & _countries(c.actors + c.recipients))
    return bool(_countries(p.actors) & _countries(c.actors))


def _points_back(c: Candidate) -> bool:
    """A definite event noun that points back ("the meeting", "the Porto Cervo meeting"): it names the event
    already told, whatever its own clause says of it ("did not comment on reports about the meeting")."""
    return c.anaphoric and c.trigger.token.pos_ == "NOUN" and c.sentence_start != 0


def _told_as_done(c: Candidate) -> bool:
    """A pointing-back noun that is the subject of a past act told as fact ("the raids killed five", "the visit
    was a success"); a mention with no such clause ("before the visit", "the tariffs would hurt") says nothing of
    whether it happened."""
    token = c.trigger.token
    return _points_back(c) and c.factuality.value == "asserted" and token.dep_ == "nsubj" \
        and token.head.tag_ == "VBD" and factuality_of(token.head).value == "asserted"


def _same_event(p: Candidate, c: Candidate) -> bool:
    if p.event_type != c.event_type or (p.factuality.value != c.factuality.value and not _points_back(c)):
        return False
    if p.sentence_start == c.sentence_start and (answering_noun(p.trigger.token) is None) != (
            answering_noun(c.trigger.token) is None):
        return False  # the act and the one it answers are two ("destroyed a platform in response to a strike")
    if not _compatible(p, c):
        return False
    if p.own_date and c.own_date and dates_apart(p.when, c.when):
        return False  # "the Venice summit in June ... the Tokyo summit last year": each its own date, two events
    if p.history != c.history and p.sentence_start == c.sentence_start:
        return False  # "targets for Iraqi air strikes in the past, but ... prior to news of the latest attack"
    if c.dated_after and not p.dated_after and p.factuality.value == "asserted" and not _points_back(c):
        # a new mention dated after the report is still to come, not the act already told as done ("the outcome
        # of the meeting ... EC leaders, who hold a summit meeting on June 29")
        return False
    if p.sentence_start == c.sentence_start or (c.mentions and c.mentions[0] in p.mentions):
        # one sentence's: also a sentence whose pointing-back mention the event took ("Iraq threatened air raids.
        # The raids killed five": the killing is those raids)
        return True
    if c.anaphoric or p.anaphoric or _resolved_match(p, c):
        return True
    # an unrealised act (called for, feared, refused) with no actor of its own: the same one again
    return p.factuality.value != "asserted" and (not p.actors or not c.actors) and bool(
        _countries(p.recipients) & _countries(c.recipients))


def _union(a: list[Entity], b: list[Entity]) -> list[Entity]:
    out = list(a)
    for e in b:
        same = next((k for k, o in enumerate(out) if _one_party(e, o)), None)
        if same is not None:
            if e.country and not out[same].country:
                out[same] = e  # "Abe's visit" and "Shintaro Abe ... visits": one person, the placed mention
        elif e.country or not _countries(out):
            out.append(e)
    return out


def _one_party(e: Entity, o: Entity) -> bool:
    """Two mentions of one party: the same text, or the same name and no two different countries."""
    if e.text.casefold() == o.text.casefold():
        return True
    if e.name and e.name == o.name:
        return not (e.country and o.country and e.country != o.country)
    return bool(e.country and e.country == o.country and (e.name or e.text) == (o.name or o.text))


def _absorb(p: Candidate, c: Candidate) -> None:
    best_is_new = c.rank > p.rank
    p.actors = _union(c.actors, p.actors) if best_is_new else _union(p.actors, c.actors)
    p.recipients = _union(p.recipients, c.recipients)
    p.recipients = [r for r in p.recipients if not any(
        r.text == a.text or (r.name and r.name == a.name) for a in p.actors)]
    # a mention that points back ("after the assault") brings no counts: its sentence's counts
    # belong to that sentence's own event ("the army arrested 30 ... after the assault")
    for k, v in ({} if c.anaphoric else c.quantities).items():
        if k == "money":
            p.quantities["money"] = p.quantities["money"] or v
        elif p.quantities.get(k) is None and v is not None:
            p.quantities[k] = v
    if _told_as_done(c) and p.factuality.value != "asserted":
        p.factuality = c.factuality  # "threatened air raids ... the raids killed five": told as done, it was done
    p.mode = p.mode or c.mode
    if best_is_new:
        p.trigger, p.evidence, p.args, p.features = c.trigger, c.evidence, c.args, c.features
        p.dated_after = c.dated_after  # the mention that speaks for the event says whether it is still to come
        p.mode = c.mode or p.mode
    p.rank = max(p.rank, c.rank)
    p.history = p.history and c.history  # history only when every mention dates it long before the report
    p.when = better_date(p.when, c.when) if p.own_date == c.own_date else (p.when if p.own_date else c.when)
    p.own_date = p.own_date or c.own_date
    p.where = (p.where or []) + (c.where or [])
    for m in c.mentions:
        if m not in p.mentions:
            p.mentions.append(m)


def _one_sense_per_discourse(cands: list[Candidate]) -> None:
    """A pointing-back noun takes the sense its word had where the article first told the act (one sense per
    discourse): "The United States openly attacked Japan's fiscal policy ... The U.S. attack represents a shift"
    is the criticism again, not an assault."""
    for i, c in enumerate(cands):
        if not _points_back(c):
            continue
        lemma = c.trigger.token.lemma_.lower()
        first = next((p for p in cands[:i] if p.trigger.token.lemma_.lower() == lemma
                      and p.sentence_start != c.sentence_start), None)
        if first is not None and first.event_type != c.event_type and _compatible_sets(
                _countries(first.actors), _countries(c.actors)):
            c.event_type, c.mode = first.event_type, first.mode
            # told again, it is done to the same side: a state its own sentence adds is that sentence's
            told = _countries(first.recipients)
            c.recipients = [r for r in c.recipients if not told or not r.country or r.country in told]


def merge_candidates(cands: list[Candidate]) -> list[Candidate]:
    """One candidate per real event (in order of first mention)."""
    _one_sense_per_discourse(cands)
    merged: list[Candidate] = list(cands)
    changed = True
    while changed:  # a merge can make two earlier groups match ("a visit" + "they met")
        changed = False
        out: list[Candidate] = []
        for c in merged:
            target = next((p for p in reversed(out) if _same_event(p, c)), None)
            if target is None:
                out.append(c)
            else:
                _absorb(target, c)
                changed = True
        merged = out
    for p in merged:  # its participants and mentions as merged
        p.confidence, p.rank = _scored(p), _ranked(p)
    return merged


def _has_participants(c: Candidate) -> bool:
    """A violent or coercive act done to people the text names without naming who they are:
    "they were detained", "35 were arrested" - an event, though no entity resolves."""
    if c.event_type not in _WITNESSED_TYPES or c.factuality.value != "asserted":
        return False
    tok = c.trigger.token
    if tok.pos_ == "NOUN" and tok.dep_ == "nsubjpass" and tok.tag_ == "NNS":
        return True  # "arrests were made", "attacks were carried out"
    # only people are arrested or detained: "the culprits had been arrested", "the duo were arrested"
    detained = c.event_type == "COERCE" and tok.lemma_.lower() in _ARREST_LEMMAS
    return any(t.dep_ in ("nsubjpass", "dobj") and (
        (t.pos_ == "PRON" and t.lower_ in _PEOPLE_PRONOUNS) or t.pos_ in ("NUM", "PROPN")
        or any(x.dep_ == "nummod" for x in t.children) or company_count(t) is not None
        or (detained and t.pos_ == "NOUN")) for t in c.args.recipients)


def _reciprocal(token) -> bool:
    """ "each other", "one another" (the parser takes either word as the head)."""
    words = {token.lower_, *(c.lower_ for c in token.children)}
    return words in ({"each", "other"}, {"one", "another"})


def code_events(doc, *, article_id: str, published: str | None = None, resolver=None,
                min_confidence: float = 0.0, keep_unattributed: bool = False,
                dateline: str | None = None) -> list[Event]:
    """PLOVER events of one article's Doc (``doc.text`` is the article text the offsets point into).

    Events with neither actor nor recipient are dropped unless ``keep_unattributed``.
    """
    resolver = resolver or default_resolver(doc, published=published)
    events: list[Event] = []
    candidates = candidates_in(doc, resolver=resolver)
    when_and_where(candidates, doc, published=published, dateline=dateline)
    for c in merge_candidates(candidates):
        if c.confidence < min_confidence or (not keep_unattributed and not c.actors and not c.recipients
                                             and not _has_participants(c)):
            continue
        if c.history:
            continue  # background the story recalls ("in 1982 Argentina invaded the islands"), not its news
        when = c.when
        place = event_place(c)
        c.actors, c.recipients = place_participants(c.event_type, c.factuality.value, c.actors, c.recipients,
                                                    place, stated=bool(c.where), mode=c.mode)
        mentions = [{"article_id": article_id, "start": s, "end": e} for s, e in sorted(set(c.mentions))]
        events.append(Event(
            article_id=article_id,
            event_type=c.event_type,
            evidence=c.evidence,
            mode=c.mode,
            actors=c.actors,
            recipients=c.recipients,
            factuality="future" if c.dated_after and c.factuality.value == "asserted" else c.factuality.value,
            quantities=c.quantities,
            confidence=round(c.confidence, 3),
            trigger=c.trigger.text,
            mentions=mentions if len(mentions) > 1 else [],
            date=when.date if when else None,
            date_precision=(when.precision if when and when.date else "unknown"),
            date_stated=bool(when and when.stated),
            location=place,
            features=c.features,
        ))
    log.debug("article %s: %d events", article_id, len(events))
    return events
