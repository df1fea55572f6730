"""Participants placed by the sentence: a group named without a country, or an unnamed doer, gets the country
the sentence itself gives (rules and examples: ``lexicon/placing.yml``).

Applied to each merged event once its place is known (``coder.code_events``), in this order:

1. a group the text names by a domestic sector (prisoners, rebels, students, police ...) and places nowhere
   itself takes the country of the event's *stated* place ("Prisoners rioted at a jail in Dili" -> TLS); a
   group the text marks as an ethnic group ("ethnic Albanians") that of the event's place, stated or
   inferred from the participants ("ethnic Turks protested against Sweden's decision" -> SWE);
2. a group still without a country takes the country of the one state whose organs it acts on ("rebels
   demanded that Burundi's government ..." -> BDI), or of the police, courts or parliament that act on it (of
   the government too when it concedes to the group: "the Malian government accepted demands from the rebels");
   neither step places the travellers of a journey (``travel_modes``: "party members visited Nairobi" are not
   Kenyan);
3. an asserted event of a type whose doer the text may leave unnamed (an attack, an arrest, a demonstration)
   with no actor at all takes the place's country as actor, marked ``origin="sentence"`` (exported as
   ``"from": "sentence"``): "a roadside bomb killed two soldiers near Samarra" -> IRQ.

A group placed by steps 1-2 is marked ``origin="sentence"`` too: its country is the sentence's inference, not its
name, so the merger does not match reports on it (as with ``"from": "article"``).  A person, an organisation
(``actor_gazetteers.actor_kind``) and a group with a country are never changed;
soldiers and officials are not placed (troops and envoys abroad are everyday news).  The confidence model counts
a placed participant without the country placed on it, and not an unnamed doer (``confidence.side_features``):
placing fills in who, it is no evidence that the event is right.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ..schema import NON_STATE_CODES, Entity, Place
from .lexicons import load_lexicon

FROM_SENTENCE = "sentence"


@dataclass(frozen=True)
class PlacingRules:
    placed_sectors: frozenset[str]
    unnamed_actor_types: frozenset[str]
    state_organs_acted_on: frozenset[str]
    home_organs: frozenset[str]
    home_organs_by_type: dict[str, frozenset[str]]
    ethnic_markers: frozenset[str]
    travel_modes: frozenset[str] = frozenset()


@functools.cache
def placing_rules() -> PlacingRules:
    data = load_lexicon("placing")
    try:
        from ..resolve import actor_gazetteers as gz

        markers = gz.word_set("ethnic_markers")
    except ImportError:  # the resolve stage is optional
        markers = frozenset()
    return PlacingRules(
        placed_sectors=frozenset(e["sector"] for e in data["placed_sectors"]),
        unnamed_actor_types=frozenset(e["type"] for e in data["unnamed_actor_types"]),
        state_organs_acted_on=frozenset(data["state_organs_acted_on"]),
        home_organs=frozenset(data["home_organs"]),
        home_organs_by_type={t: frozenset(o) for t, o in data["home_organs_by_type"].items()},
        ethnic_markers=markers,
        travel_modes=frozenset(e["mode"] for e in data.get("travel_modes", ())),
    )


def _is_ethnic(entity: Entity, rules: PlacingRules) -> bool:
    return entity.country is None and any(w.lower() in rules.ethnic_markers for w in entity.text.split())


def _is_group(entity: Entity, rules: PlacingRules) -> bool:
    """A group the sentence named without saying whose it is: an ethnic group or a domestic sector."""
    if entity.country is not None or entity.origin is not None:
        return False
    if _is_ethnic(entity, rules):
        return True
    if entity.sector not in rules.placed_sectors or entity.wikidata:
        return False
    try:
        from ..resolve.actor_gazetteers import actor_kind
    except ImportError:
        return True
    return actor_kind(entity.name, entity.country, entity.wikidata) is None


def _with_country(entities: list[Entity], country: str, rules: PlacingRules, *, ethnic_only: bool = False
                  ) -> list[Entity]:
    out = []
    for e in entities:
        if _is_ethnic(e, rules):  # an ethnic group is placed where it acts (as before: no provenance mark)
            e = Entity(e.text, e.name, country, e.sector, e.wikidata)
        elif not ethnic_only and _is_group(e, rules):
            e = Entity(e.text, e.name, country, e.sector, e.wikidata, origin=FROM_SENTENCE)
        out.append(e)
    return out


def _one_state(entities: list[Entity], organs: frozenset[str]) -> str | None:
    """The country of ``entities`` when they are all of one state and one of them is one of its ``organs``."""
    codes = {e.country for e in entities if e.country}
    if len(codes) != 1 or codes & NON_STATE_CODES:
        return None
    if not any(e.country and e.sector in organs for e in entities):
        return None
    return next(iter(codes))


def place_participants(event_type: str, factuality: str, actors: list[Entity], recipients: list[Entity],
                       place: Place | None, *, stated: bool, mode: str | None = None
                       ) -> tuple[list[Entity], list[Entity]]:
    """The actors and recipients with the countries the sentence gives them (see the module's rules).
    ``place``: the event's place; ``stated``: the text names it (else it was inferred from the participants,
    and places only an ethnic group: "ethnic Turks protested against Sweden's decision" -> SWE); ``mode``: a
    journey's (``travel_modes``) place is where its actors went, not where they are from."""
    rules = placing_rules()
    country = place.country if place is not None and place.country not in NON_STATE_CODES else None
    if country and mode not in rules.travel_modes:
        actors = _with_country(actors, country, rules, ethnic_only=not stated)
        recipients = _with_country(recipients, country, rules, ethnic_only=not stated)
    if not stated:
        country = None
    acted_on = _one_state(recipients, rules.state_organs_acted_on)
    if acted_on and mode not in rules.travel_modes:  # (visiting a capital makes no one its citizen)
        actors = _with_country(actors, acted_on, rules)
    home = _one_state(actors, rules.home_organs | rules.home_organs_by_type.get(event_type, frozenset()))
    if home:
        recipients = _with_country(recipients, home, rules)
    if not actors and country and factuality == "asserted" and event_type in rules.unnamed_actor_types:
        actors = [Entity(place.name, None, country, None, None, origin=FROM_SENTENCE)]  # no name: the text gave none
    return actors, recipients
