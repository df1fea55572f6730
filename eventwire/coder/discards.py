"""Event discards: events a political event coder should not report (settings in discards.yml).

Purely economic reporting yields no political event unless a state actor does one of the 16 things:

- ``is_company_news`` (any story): an event whose actors are all businesses or market words (a business
  sector, a name ending in a company word such as "Inc", or a head noun such as "shares", "dealers",
  "markets") and none of whose participants is a state, a state organ or an intergovernmental body;
- ``economic_story`` (story level): a story most of whose sentences carry the vocabulary of economic
  reporting (prices, shares, trade figures, rates, budgets); in it an event is kept only when a state side
  takes part, a political non-state group (a union, party, rebels ...) acts, or no actor is named (an act the
  article's state may do: "negotiations with creditor banks were difficult").

``kind_modifier``: an event noun compounded onto a noun that names no act is a kind of thing ("a battle group",
"attack helicopters"), not an event.

``agentless_plan``: an act in an infinitival passive relative with no agent ("a date to be agreed upon") is
still to be done by no one named - no event.

``non_agent_subject`` (sentence level, used by the coder): a verb whose grammatical subject is a text, an
occasion or an economic quantity ("the proposal responds to", "the meeting would provide", "mark-ups violate
the rules") reports no act by anyone, and a material act whose theme is a text ("the plan was delivered to
the two sides") is no aid.  Everything else stays: simply dropping uncertain events was measured to cost more
real events than false ones.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml

from ..schema import NON_STATE_CODES, Entity, Event
from .anaphora import RELATIVE
from .discourse import is_city
from .factuality import is_reporting_verb, third_party_report
from .trigger_senses import party_noun, party_phrase

RULES_PATH = Path(__file__).with_name("discards.yml")
_WORD = re.compile(r"[\w&]+")
_CAUSE_PREPS = frozenset({"in", "by", "during", "after", "from"})  # "killed in flooding", "injured by the quake"
_AGENT_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


@functools.cache
def discard_rules() -> dict[str, Any]:
    with RULES_PATH.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@functools.cache
def _economic_terms() -> frozenset[str]:
    rules = discard_rules()
    return frozenset(w.casefold() for w in (*rules["economic_terms"], *rules["market_nouns"]))


@functools.cache
def _non_agent_classes() -> tuple[tuple[frozenset[str], frozenset[str], frozenset[str]], ...]:
    """(lemmas, types it applies to (empty: all), types it does not apply to) of each class."""
    return tuple((frozenset(c["lemmas"]), frozenset(c.get("types", ())), frozenset(c.get("except_types", ())))
                 for c in discard_rules()["non_agent_subjects"])


@functools.cache
def _class_lemmas(name: str) -> frozenset[str]:
    """The lemmas of one class of ``non_agent_subjects`` ("texts": a text handed over is no aid; "natural
    forces": an act nature caused is nobody's)."""
    return next(frozenset(c["lemmas"]) for c in discard_rules()["non_agent_subjects"] if c["class"] == name)


def article_firms(doc) -> frozenset[str]:
    """The short forms of the firms an article names in full with a company suffix: the leading words before
    the suffix ("Borg-Warner Corp" -> "borg warner"; "Molecular Genetics Inc" -> "molecular genetics",
    "molecular"), never a word the article names as a place or a nationality ("Gulf Canada Resources Ltd"
    gives no "gulf" when the article speaks of the Gulf)."""
    suffixes = frozenset(discard_rules()["company_suffixes"])
    places = {" ".join(_WORD.findall(e.text.casefold())) for e in doc.ents if e.label_ in ("GPE", "LOC", "NORP")}
    firms: set[str] = set()
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        words = [w for w in _WORD.findall(ent.text.casefold()) if w != "the"]
        end = next((k for k, w in enumerate(words) if k > 0 and w in suffixes), None)
        for j in range(1, (end or 0) + 1):
            short = " ".join(words[:j])
            if short not in places:
                firms.add(short)
    return frozenset(firms)


def is_business(entity: Entity, firms: frozenset[str] = frozenset()) -> bool:
    """A firm or a market word: a business sector, a company suffix, or a market head noun ("dealers"); with
    ``firms`` (:func:`article_firms`), also a short form of a firm the article named in full ("Borg-Warner"
    after "Borg-Warner Corp")."""
    rules = discard_rules()
    if entity.sector in rules["business_sectors"]:
        return True
    words = _WORD.findall((entity.name or entity.text or "").casefold())
    if not words:
        return False
    if firms and entity.sector is None and not entity.country \
            and " ".join(w for w in words if w != "the") in firms:
        return True
    if words[-1] in rules["company_suffixes"]:
        return True
    if entity.sector is None and any(w in rules["company_suffixes"] for w in words[1:]):
        return True  # "Gulf Canada Resources Ltd. shareholders": the firm's, whatever country its name holds
    head = words[:words.index("of")] if "of" in words[1:] else words  # "shares of the bank": shares
    return entity.sector is None and (not entity.country or entity.country in NON_STATE_CODES) \
        and head[-1] in rules["market_nouns"]


def is_state_side(entity: Entity) -> bool:
    """A state, one of its organs, or an intergovernmental body."""
    rules = discard_rules()
    if entity.country in rules["intergovernmental"] or entity.sector in rules["state_sectors"]:
        return True
    is_country = bool(entity.country) and entity.country not in NON_STATE_CODES
    return is_country and entity.sector is None and not is_business(entity)


def is_company_news(event: Event, firms: frozenset[str] = frozenset()) -> bool:
    if not event.actors or not all(is_business(a, firms) for a in event.actors):
        return False
    return not any(is_state_side(e) for e in (*event.actors, *event.recipients))


def economic_score(doc) -> float:
    """The share of the story's sentences that carry a word of economic reporting (0 for no sentence)."""
    terms = _economic_terms()
    sentences = list(doc.sents)
    if not sentences:
        return 0.0
    hits = sum(1 for s in sentences if any(t.lemma_.casefold() in terms or t.lower_ in terms for t in s))
    return hits / len(sentences)


def economic_story(doc) -> bool:
    rules = discard_rules()["economic_story"]
    return len(list(doc.sents)) >= rules["min_sentences"] and economic_score(doc) >= rules["min_share"]


def _placed_by_article(entity: Entity) -> bool:
    """A person or group with no sector whom the article placed in its main state ("DeBartolo" in a takeover
    story): no state side.  The state itself, supplied for a missing participant, still is."""
    if entity.origin is None or entity.sector is not None:
        return False
    try:
        from ..resolve.actor_gazetteers import country_names
    except ImportError:  # the resolve stage is optional
        return False
    return entity.name != country_names().get(entity.country or "")


def is_background_in_economic_story(event: Event) -> bool:
    """In an economic story: named actors none of whom is a state side or a political group, and no state
    side among the recipients ("dealers said shares rose on hopes that the firm would agree ...")."""
    if not event.actors:
        return False
    political = set(discard_rules()["political_nonstate_sectors"])
    if any(is_state_side(e) and not _placed_by_article(e) for e in (*event.actors, *event.recipients)):
        return False
    return not any(a.sector in political for a in event.actors)


def drop_company_news(events: list[Event], doc=None) -> list[Event]:
    """The events that are not company news nor a trip at home (``home_trip``), nor, when ``doc`` is an economic
    story, economic background."""
    firms = article_firms(doc) if doc is not None else frozenset()
    kept = [e for e in events if not is_company_news(e, firms) and not home_trip(e)]
    if doc is not None and kept and economic_story(doc):
        kept = [e for e in kept if not is_background_in_economic_story(e)]
    return kept


def home_trip(event: Event) -> bool:
    """A visit (CONSULT, mode ``visit``) whose only recipients are cities or regions of the visitor's own state: a
    trip at home meets no one ("Saddam Hussein visited the northern city of Mosul to attend celebrations")."""
    if event.event_type != "CONSULT" or event.mode != "visit" or not event.recipients:
        return False
    home = {a.country for a in event.actors if a.country}
    return len(home) == 1 and all(r.country in home and is_city(r) for r in event.recipients)


def _is_agent(token) -> bool:
    return token.ent_type_ in _AGENT_ENTITIES or token.pos_ in ("PROPN", "PRON")


def non_agent_subject(token, event_type: str) -> bool:
    """The trigger verb's subject cannot act (a text, an occasion, an economic quantity), or the theme of a
    material act is a text; ``event_type`` is the trigger's own type (before any re-coding)."""
    if token.pos_ == "NOUN" and token.dep_ == "dobj":
        # a material act a force of nature brings about is nobody's ("the earthquake that forced a suspension of
        # oil exports")
        return event_type in discard_rules()["material_types"] and _nature_subject(token.head)
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if token.dep_ == "aux" and token.head.pos_ in ("VERB", "AUX"):
        return _obliged_non_agent(token.head) or third_party_report(token)
    rules = discard_rules()
    texts = _class_lemmas("texts")
    material = event_type in rules["material_types"]
    for child in _with_shared_subject(token):
        dep = child.dep_
        if dep == "nsubjpass" and child.head is not token:
            dep = "nsubj"  # the passive subject above an infinitive is the infinitive's subject
        if dep == "nsubj" and child.lower_ in RELATIVE and token.dep_ == "relcl":
            child = token.head  # "an earthquake that killed 1,000 people": the earthquake is the subject
        if dep == "nsubj" and material and _natural_force(child):
            return True  # a named one too: "Reye's Syndrome, which kills a fifth of its victims", "Hurricane Gilbert"
        if _is_agent(child):
            continue
        lemma = child.lemma_.casefold()
        if dep == "nsubj":
            for lemmas, types, excepted in _non_agent_classes():
                if lemma in lemmas and (not types or event_type in types) and event_type not in excepted:
                    return True
        elif dep in ("nsubjpass", "dobj") and material and lemma in texts:
            return True  # "the plan was delivered to the two sides": a text handed over is no aid
    return material and (_natural_cause(token) or _accident_outcome(token))


def _accident_outcome(token) -> bool:
    """A participle with no subject of its own that tells what an accident did ("the jet crashed into a
    mountain, killing 520 people", "a bus plunged into a gorge, killing 30"): the verb it hangs from is one of
    ``accident_verbs``, so no one did it."""
    return token.tag_ == "VBG" and token.dep_ in ("advcl", "conj") and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in token.children) and \
        token.head.lemma_.casefold() in discard_rules()["accident_verbs"]


_REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself", "oneself", "myself", "yourself"})


def self_inflicted(token, event_type: str) -> bool:
    """An assault whose only object is the actor itself ("killed himself by drinking insecticide", "shot
    herself"): harm one does to oneself is no event between parties; "killed himself and 20 others" stays."""
    if event_type != "ASSAULT" or token.pos_ != "VERB":
        return False
    objects = [c for c in token.children if c.dep_ == "dobj"]
    return bool(objects) and all(o.lower_ in _REFLEXIVES and not o.conjuncts for o in objects)


def press_audience(event_type: str, side: list) -> bool:
    """The event is a CONSULT (``press_audience.types``) one of whose sides, the resolved entities given (the
    recipients; the actors of an event with no recipient), is only an unnamed group of reporters
    (``press_audience.lemmas``, in the media sector): meeting the press is speaking, and a press tour ("a group
    of its reporters visited the front") meets no one."""
    rule = discard_rules()["press_audience"]
    words = frozenset(rule["lemmas"])

    def audience(entity) -> bool:
        last = entity.text.split()[-1].casefold() if entity.text.split() else ""
        return entity.sector == "MED" and (last in words or last.removesuffix("s") in words)

    return event_type in rule["types"] and bool(side) and all(audience(e) for e in side)


_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "its", "my", "our", "your"})


def family_visit(token, event_type: str) -> bool:
    """A CONSULT (``family_visit.types``) whose direct or "with" object is a family member of the actor's own ("to
    visit his wife", "met his family"): private life, no consultation.  Not when anyone else is named beside them
    ("visited the president and his wife")."""
    rule = discard_rules()["family_visit"]
    if event_type not in rule["types"]:
        return False
    objects = [c for c in token.children if c.dep_ == "dobj"]
    objects += [o for p in token.children if p.dep_ == "prep" and p.lower_ == "with" for o in p.children
                if o.dep_ == "pobj"]
    if len(objects) != 1 or objects[0].conjuncts:
        return False
    noun = objects[0]
    return noun.lemma_.lower() in rule["lemmas"] and any(
        c.dep_ == "poss" and c.lower_ in _POSSESSIVE_PRONOUNS for c in noun.children)


def company_post(token, event_type: str) -> bool:
    """A RETREAT (``company_posts.types``) from a post in a business: its "as" / "from" phrase, or an "of" phrase
    in its subject, or the subject of a verb of saying above it, names a company noun ("resigned as president of
    the company", "Smith, chairman of the company, resigned", "the company said its president resigned") or a name
    ending in a company suffix ("from the board of Acme Widgets Corp").
    Leaving a post in a firm is company news."""
    rule = discard_rules()["company_posts"]
    if event_type not in rule["types"]:
        return False
    nouns, suffixes = frozenset(rule["nouns"]), frozenset(discard_rules()["company_suffixes"])
    phrases = [c for c in token.children if c.dep_ == "prep" and c.lower_ in rule["preps"]]
    phrases += [p for s in token.children if s.dep_ in ("nsubj", "nsubjpass")
                for p in s.subtree if p.dep_ == "prep" and p.lower_ == "of"]
    # a firm that announces the departure speaks of its own post: "Iomega Corp said its president resigned"
    phrases += [s for a in token.ancestors if is_reporting_verb(a) for s in a.children if s.dep_ == "nsubj"]
    subject = " ".join(t.lower_ for s in token.children if s.dep_ in ("nsubj", "nsubjpass") for t in s.subtree)
    if any(f" {title} " in f" {subject} " for title in rule["titles"]):
        return True  # "McCarthy, its president and chief operating officer, resigned"
    for prep in phrases:
        for t in prep.subtree:
            if t.pos_ == "NOUN" and t.lemma_.casefold() in nouns:
                return True
            if t.pos_ == "PROPN" and t.lower_.rstrip(".") in suffixes:
                return True
    return False


def quantity_subject(token) -> bool:
    """An event noun that is the subject of a change in amount (``quantity_verbs``: "coffee deliveries rose 17
    pct", "aid to Africa fell") is a quantity, not an event."""
    return token.pos_ == "NOUN" and token.dep_ == "nsubj" and \
        token.head.lemma_.casefold() in discard_rules()["quantity_verbs"]["lemmas"]


def _with_shared_subject(verb) -> list:
    """The verb's dependents, and the subject it shares with the verb it is conjoined to or completes when it has
    none of its own ("sales had risen and threaten to capture the market": "sales" threaten)."""
    own = list(verb.children)
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in own):
        return own
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB":  # not a copula: "were baseless, and warned"
        own += [c for c in verb.head.children if c.dep_ == "nsubj"]
    elif verb.dep_ == "xcomp" and verb.head.pos_ == "VERB":
        # an infinitive's subject is the one of the verb it completes: "the tax is designed to provide the EC with
        # cash" (the tax provides), "the plan seeks to end the strike"
        own += [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return own



def _natural_force(token) -> bool:
    lemmas = _class_lemmas("natural forces")
    return token.lemma_.casefold() in lemmas or token.lower_ in lemmas


def _nature_subject(verb) -> bool:
    """The verb's subject (a relative pronoun's noun: "the earthquake that forced ...") is a force of nature."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ in RELATIVE and verb.dep_ == "relcl":
        subject = verb.head
    return subject is not None and _natural_force(subject)


def _natural_cause(token) -> bool:
    """A passive act whose cause is a force of nature ("fifty people were killed in flooding", "ten died ...
    were injured by the earthquake"): nobody's act, as when nature is the subject."""
    verbs = (token, *token.conjuncts)  # "were killed or injured in flooding": the cause hangs on the last verb
    if not any(c.dep_ == "nsubjpass" for v in verbs for c in v.children):
        return False
    return any(g.dep_ == "pobj" and _natural_force(g)
               for v in verbs for c in v.children if c.dep_ in ("prep", "agent") and c.lower_ in _CAUSE_PREPS
               for g in c.children)


def _obliged_non_agent(verb) -> bool:
    """A modal of obligation ("must", "should") asks its clause's subject to act: when that subject is no party (a
    text, an occasion, an economic quantity, or any thing no name or people noun makes a party: "exports must
    double", "the plan should be approved", "quotas must be negotiated sometime"), no one is asked, whatever the
    classes' exceptions (those are for a text speaking for its authors).  A conjunct with no subject of its own
    shares its first verb's ("the debt situation was very serious and must be closely watched"); an obligation
    told in a relative clause describes its noun, it asks no one ("those who must support the bank")."""
    if verb.dep_ == "relcl":
        return True
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    for child in subjects:
        if not _is_agent(child):
            lemma = child.lemma_.casefold()
            if any(lemma in lemmas for lemmas, _, _ in _non_agent_classes()) or not (
                    party_phrase(child) or party_noun(child)):
                return True
    return False


@functools.cache
def _kind_heads() -> frozenset[str]:
    from .roles import role_lexicon

    return frozenset(discard_rules()["kind_modifier"]["event_heads"]) | role_lexicon().event_heads


def kind_modifier(token, trigger_tokens: set[int]) -> bool:
    """An event noun (or gerund) compounded onto a noun that names no act names a kind of thing ("a battle group",
    "attack helicopters", "a consulting firm"), unless that head is an event word of the sentence
    (``trigger_tokens``) or a head that carries out its modifier's act ("an aid convoy", "a coup attempt";
    discards.yml ``kind_modifier``)."""
    if token.dep_ != "compound" or not (token.pos_ in ("NOUN", "PROPN") or token.tag_ == "VBG"):
        return False  # (a gerund too: "the consulting firm")
    head = token.head
    return head.i not in trigger_tokens and head.pos_ in ("NOUN", "PROPN") \
        and head.lemma_.casefold() not in _kind_heads() and head.lower_ not in _kind_heads()


def agentless_plan(token) -> bool:
    """An act named in an infinitival passive relative with no agent ("a date to be agreed upon", "the issues
    to be discussed"): something still to be done, by no one the text names - no event."""
    if token.dep_ not in ("acl", "relcl") or token.pos_ != "VERB":
        return False
    children = list(token.children)
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in children) \
        and any(c.dep_ == "auxpass" for c in children) and not any(c.dep_ == "agent" for c in children)
