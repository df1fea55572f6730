"""Article-level participants: the states an article is about fill what a sentence leaves out.

A sentence often names its participants only as "the government", "the ministry", "police", "he" resolved
to an official whose country is unknown, or not at all ("Talks began in January").  The article says who
they are: the state its events keep naming (its *main state*), or, in a story about two states (Britain
and Japan clashing), the one that is not on the event's other side.  ``fill_from_article``

1. ranks the article's states by how many participant slots of its events hold the state or one of its
   organs (a firm or party of the state does not count), the lead
   sentence counting ``lead_weight`` times, each state its headline names ``headline_weight`` (discourse.yml:
   the headline's dyad, "Britain, Japan clash over ...", so makes the article a dyad story when the body
   agrees);
2. gives a generic state participant (a sector in ``state_sectors``, no country) the article's state, and
   so too a participant the resolver placed nowhere (no country, no sector) when ``fill_unplaced`` - but not
   one named beside participants of two states ("Baker, Stoltenberg and Poehl agreed"), who may be either's;
3. gives an event with no actor the article's state as actor, and a directed event with no recipient the
   other state of a dyad article;

choosing, each time, the leading state that is not already a state on the event's other side (a party or
group of that state does not count: "the government blamed the ANC" stays domestic), and only when the
article has one (strictly more mentions than the next) or is a dyad.  A participant filled this way is
marked ``origin="article"`` (exported as ``"from": "article"``); the confidence model (``confidence.py``)
has a feature for that provenance (``*:from_article``), which today's models give no weight.
"""
from __future__ import annotations

import functools
import logging
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from ..nlp.components import dateline_patterns, item_starts
from ..schema import FROM_ARTICLE, NON_STATE_CODES, Entity, Event
from .entities import world_region

log = logging.getLogger(__name__)

RULES_PATH = Path(__file__).with_name("discourse.yml")


@functools.cache
def discourse_rules() -> dict[str, Any]:
    """The settings of discourse.yml (loaded once)."""
    with RULES_PATH.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@dataclass(frozen=True)
class ArticleStates:
    """The article's states, most mentioned first, with the entity that named each one first."""

    ranked: tuple[str, ...]
    counts: dict[str, float]
    exemplars: dict[str, Entity]
    headline: tuple[str, ...] = ()  # the states the headline names, in its order (actor first)

    def leaders(self) -> tuple[str, ...]:
        """The main state (one), the two states of a dyad article, or nothing when no state stands out."""
        minimum = discourse_rules()["min_mentions"]
        top = [c for c in self.ranked[:3] if self.counts[c] >= minimum]
        if not top:
            return ()
        if len(top) == 1 or self.counts[top[0]] > self.counts[top[1]]:
            # a clear main state; the runner-up makes a dyad when it has the minimum too
            return tuple(top[:2])
        if len(top) == 3 and self.counts[top[1]] == self.counts[top[2]]:
            return ()  # three states alike: nobody leads
        return tuple(top[:2])

    def choose(self, avoid: set[str]) -> str | None:
        """The leading state not in ``avoid`` (the countries on the event's other side)."""
        leaders = self.leaders()
        if not leaders:
            return None
        if not avoid and len(leaders) == 2 and self.counts[leaders[0]] == self.counts[leaders[1]]:
            return None  # a dyad and nothing to tell its sides apart
        return next((c for c in leaders if c not in avoid), None)


def _is_state(code: str | None) -> bool:
    return bool(code) and len(code) == 3 and code not in NON_STATE_CODES


def _is_state_side(entity: Entity) -> bool:
    """The state itself or one of its organs: a firm or a party of a state does not name the state."""
    return entity.sector is None or entity.sector in discourse_rules()["state_sectors"]


def _headline_words(title: str) -> list[str]:
    """The headline's words, an all-capitals word of `headline_min_caps` letters or more written as a name
    ("IRAN REPORTS VICTORIES" -> Iran Reports Victories; "U.S.", "UK" are kept)."""
    from ..resolve.actor_gazetteers import tokens_of

    least = discourse_rules()["headline_min_caps"]
    return [w.capitalize() if w.isalpha() and w.isupper() and len(w) >= least else w for w in tokens_of(title)]


def headline_states(title: str | None) -> tuple[tuple[str, ...], dict[str, Entity]]:
    """The states a headline names, in order, each with the entity naming it (gazetteer look-up, no parse)."""
    if not title or not title.strip():
        return (), {}
    try:
        from ..resolve.actors import COUNTRY_KINDS, find_hits
    except ImportError:  # the resolve stage is optional
        return (), {}
    words = _headline_words(title)
    order: list[str] = []
    named: dict[str, Entity] = {}
    for hit in find_hits(words):
        code = hit.entry.country
        if _names_affair(words, hit.end):
            continue  # "IRAN CASE", "Iran arms scandal": the affair's label
        if hit.entry.kind in COUNTRY_KINDS and _is_state(code) and code not in named:
            text = " ".join(words[hit.start:hit.end])
            named[code] = Entity(text=text, name=hit.entry.name, country=code, sector=hit.entry.sector)
            order.append(code)
    return tuple(order), named


def _names_affair(words: list[str], end: int) -> bool:
    """True when the words after a name make it an affair's label: "Iran case", "Iran arms scandal", "the
    Iran-contra scandal", "IRAN PROBERS"."""
    affairs = set(discourse_rules()["affair_nouns"])
    after = [w.lower() for w in words[end:end + 3] if w != "-"][:2]  # ("Iran-contra scandal")
    return bool(after) and (after[0] in affairs or (after[0] == "arms" and after[1:] and after[1] in affairs))


def lead_subject_states(doc) -> tuple[tuple[str, ...], dict[str, Entity]]:
    """The states the lead sentence's subject names ("The United States made its proposals ..."), by gazetteer
    look-up over the subject phrase: news puts its main actor there, whether or not its verb is an event.  When
    the lead reports its news ("X has done Y, Z said"), the subject of the reported clause counts too."""
    sentences = list(doc.sents) if doc.has_annotation("SENT_START") else []
    if not sentences or not doc.has_annotation("DEP"):
        return (), {}
    root = sentences[0].root
    # a reported lead ("Japan's ruling party has drawn up a plan, its committee head said") has its news in the
    # reported clause: that clause's subject comes first, the speaker's after it
    clauses = [c for c in root.children if c.dep_ == "ccomp" and c.i < root.i] + [root]
    subjects = [c for clause in clauses for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    subjects += [c for s in subjects for c in s.children if c.dep_ == "conj"]
    order: list[str] = []
    named: dict[str, Entity] = {}
    for subject in subjects:
        words = [t.text for t in subject.subtree]
        codes, entities = headline_states(" ".join(words))
        for code in codes:
            if code not in named:
                named[code] = entities[code]
                order.append(code)
    return tuple(order), named


def article_states(events: list[Event], *, lead_end: int = 0, title: str | None = None,
                   lead_subjects: tuple[tuple[str, ...], dict[str, Entity]] = ((), {})) -> ArticleStates:
    """Count the states the article's events name (lead sentence weighted), its headline names
    (``headline_weight`` each) and the lead sentence's subject names when no event of the lead carries it
    (``lead_weight``), most named first."""
    weight = discourse_rules()["lead_weight"]
    counts: Counter[str] = Counter()
    exemplars: dict[str, Entity] = {}
    first_seen: dict[str, int] = {}
    headline, named = headline_states(title)
    for code in headline:
        counts[code] += discourse_rules()["headline_weight"]
        first_seen[code] = -1
    in_lead = {e.country for ev in events if ev.evidence.start < lead_end for e in (*ev.actors, *ev.recipients)}
    subject_codes, subject_named = lead_subjects
    for code in subject_codes:
        if code not in in_lead:
            counts[code] += weight
            first_seen.setdefault(code, 0)
            named.setdefault(code, subject_named[code])
    for event in sorted(events, key=lambda e: e.evidence.start):
        w = weight if event.evidence.start < lead_end else 1
        for entity in (*event.actors, *event.recipients):
            if _is_state(entity.country) and entity.origin is None and _is_state_side(entity):
                counts[entity.country] += w
                first_seen.setdefault(entity.country, event.evidence.start)
                if entity.country not in exemplars or (exemplars[entity.country].sector and not entity.sector):
                    exemplars[entity.country] = entity  # prefer the state itself over one of its organs
    for code, entity in named.items():
        exemplars.setdefault(code, entity)
    ranked = tuple(sorted(counts, key=lambda c: (-counts[c], first_seen[c], c)))
    return ArticleStates(ranked=ranked, counts=dict(counts), exemplars=exemplars, headline=headline)


def _countries(entities: list[Entity]) -> set[str]:
    """Countries of the *states* on one side (a state itself, or one of its organs): the article's other
    state is chosen against these; a party or group of a state ("the ANC") leaves a domestic event domestic."""
    organs = set(discourse_rules()["state_sectors"])
    return {e.country for e in entities if e.country and (e.sector is None or e.sector in organs)}


def _from_article(states: ArticleStates, country: str, other_side: list[Entity] = ()) -> Entity:
    """A participant the article supplies: the state as the article named it (by its own name when the article
    named it only through a word it modified, "a U.K. Suggestion", or through a city of it: "the summit in Venice"
    makes no Venetian actor; or only through the participant on the event's other side: strikes against "a
    government freeze" are not by that freeze)."""
    named = states.exemplars[country]
    if _through_modifier(named) or is_city(named) or _one_person(named, country) or any(
            _same_participant(named, o) for o in other_side):
        name = _country_name(country)
        if name is not None:
            return Entity(text=name, name=name, country=country, origin=FROM_ARTICLE)
    return Entity(text=named.text, name=named.name, country=country, sector=named.sector,
                  wikidata=named.wikidata, origin=FROM_ARTICLE)


def _one_person(entity: Entity, country: str) -> bool:
    """The article named its state only through one person ("French Maize Producers Association president Marcel
    Cazale"): someone else's act is not that person's, so the state fills by its own name.  A person is a known
    one (people.tsv, a Wikidata id), or a name with no sector that is neither the state's nor its capital's."""
    try:
        from ..resolve import actor_gazetteers as gz
        from ..resolve.hits import find_hits
    except ImportError:  # the resolve stage is optional
        return False
    if gz.actor_kind(entity.name, country, entity.wikidata) == "person":
        return True
    if (entity.name or entity.text) == _country_name(country):
        return False
    if entity.sector is not None:  # a titled name the gazetteers do not know is a person ("Minister Louw de Graaf")
        name = entity.name or entity.text
        return name[:1].isupper() and not find_hits(name.split())
    kinds = {h.entry.kind for h in find_hits(entity.text.split())}
    return not kinds or not kinds <= {gz.CAPITAL, gz.COUNTRY, gz.DEMONYM}


def _same_participant(a: Entity, b: Entity) -> bool:
    return (a.name or a.text).casefold() == (b.name or b.text).casefold()


def is_city(entity: Entity) -> bool:
    """The entity is a city or a region of its state by the actor gazetteer (not its capital, which stands for its
    government: "Tokyo said")."""
    try:
        from ..resolve import actor_gazetteers as gz
        from ..resolve.hits import find_hits
    except ImportError:  # the resolve stage is optional
        return False
    if entity.sector is not None:
        return False
    kinds = {h.entry.kind for h in find_hits(entity.text.split())}
    return bool(kinds) and kinds <= {gz.CITY, gz.REGION}


def _through_modifier(entity: Entity) -> bool:
    """The state is named only by a modifier of a word that names nothing ("a U.K. Suggestion"): no gazetteer name
    ends the phrase."""
    try:
        from ..resolve.hits import find_hits
    except ImportError:  # the resolve stage is optional
        return False
    words = entity.text.split()
    hits = find_hits(words) if entity.sector is None else []
    return bool(hits) and not any(h.end == len(words) for h in hits)


def _country_name(code: str) -> str | None:
    try:
        from ..resolve.actor_gazetteers import country_names
    except ImportError:  # the resolve stage is optional
        return None
    return country_names().get(code)


def _relational(entity: Entity) -> bool:
    """A participant named by its relation to another ("Iraq's neighbours": the actor gazetteer's
    `relational_nouns`)."""
    try:
        from ..resolve.actor_gazetteers import is_relational_noun
    except ImportError:  # the resolve stage is optional
        return False
    words = entity.text.split()
    return bool(words) and entity.name is None and is_relational_noun(words[-1])


def _fill_generic(entities: list[Entity], states: ArticleStates, avoid: set[str]) -> tuple[list[Entity], bool]:
    sectors = set(discourse_rules()["state_sectors"])
    unknown = set(discourse_rules()["unknown_markers"])
    if len({e.country for e in entities if _is_state(e.country)}) > 1:
        return entities, False  # "Baker, Stoltenberg and Poehl agreed": beside two states, the third is either's
    out, changed = [], False
    for entity in entities:
        unplaced = entity.sector is None and discourse_rules()["fill_unplaced"] and not world_region(entity)
        # "unidentified jets": nobody's known; "U.S. trading partners": another state's relation, not the article's
        marked = bool(unknown & set(entity.text.casefold().split())) or _relational(entity)
        if entity.country is None and (entity.sector in sectors or unplaced) and not marked:
            country = states.choose(avoid)
            if country is not None:
                entity = replace(entity, country=country, origin=FROM_ARTICLE)
                changed = True
        out.append(entity)
    return out, changed


def fill_event(event: Event, states: ArticleStates) -> Event:
    """The event with its missing or generic participants taken from the article (itself when none)."""
    rules = discourse_rules()
    # a protest is mostly against the protesters' own state: its actors are not chosen against it
    against = (lambda side: set()) if event.event_type in rules["own_state_types"] else _countries
    actors, changed_a = _fill_generic(event.actors, states, against(event.recipients))
    recipients, changed_r = _fill_generic(event.recipients, states, _countries(actors))
    if not actors:
        country = states.choose(against(recipients))
        if country is not None:
            actors, changed_a = [_from_article(states, country, recipients)], True
    if not recipients and event.event_type in rules["directed_types"] and len(states.leaders()) == 2:
        own = _countries(actors)
        if own & set(states.leaders()):
            country = states.choose(own)
            if country is not None:
                recipients, changed_r = [_from_article(states, country, actors)], True
    if not (changed_a or changed_r):
        return event
    return replace(event, actors=actors, recipients=recipients)


def _digest(sentences) -> bool:
    """A digest of separate stories, each opening with its own dateline ("CAIRO - ...", "BONN - ..."): no article.
    An item opens a sentence or a line (nlp/datelines.yml: the pipeline makes each line's dateline a sentence)."""
    dateline, _ = dateline_patterns()
    starts = {s.start_char + len(s.text) - len(s.text.lstrip()) for s in sentences
              if dateline.match(s.text.lstrip() + " ")}
    text = sentences[0].doc.text if sentences else ""
    starts |= {i for i in item_starts(text) if dateline.match(text[i:])}
    return len(starts) >= discourse_rules()["digest_items"]


def fill_from_article(doc, events: list[Event], *, title: str | None = None) -> list[Event]:
    """Every event of one article's Doc with the participants the article (and its headline ``title``)
    supplies (see the module doc)."""
    if not events or not doc.has_annotation("SENT_START"):
        return events
    sentences = list(doc.sents)
    if len(sentences) < discourse_rules()["min_sentences"] or _digest(sentences):
        return events
    lead_end = sentences[0].end_char
    states = article_states(events, lead_end=lead_end, title=title, lead_subjects=lead_subject_states(doc))
    if not states.ranked:
        return events
    filled = [fill_event(e, states) for e in events]
    log.debug("article participants: %s; %d events filled", states.ranked[:2],
              sum(1 for a, b in zip(events, filled) if a is not b))
    return filled
