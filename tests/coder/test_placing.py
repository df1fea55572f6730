"""Participants placed by the sentence (eventwire/coder/placing.py) on sentences written for lexicon/placing.yml."""
from __future__ import annotations

import pytest

from eventwire.coder import code_text
from eventwire.coder.lexicons import load_lexicon
from eventwire.coder.placing import FROM_SENTENCE, place_participants, placing_rules
from eventwire.schema import Entity, Place

RULES = load_lexicon("placing")


def _participants(events):
    return [e for ev in events for e in ev.actors + ev.recipients]


@pytest.mark.parametrize("row", RULES["placed_sectors"], ids=lambda r: r["sector"])
def test_a_group_takes_the_country_of_the_stated_place(nlp, row):
    groups = [e for e in _participants(code_text(row["example"], nlp=nlp)) if e.sector == row["sector"]]
    assert groups and all(g.country == row["country"] and g.origin == FROM_SENTENCE for g in groups)


@pytest.mark.parametrize("row", RULES["counter_examples"], ids=lambda r: r["sector"])
def test_soldiers_and_the_groups_they_act_on_are_not_placed(nlp, row):
    groups = [e for e in _participants(code_text(row["example"], nlp=nlp)) if e.sector == row["sector"]]
    assert groups and all(g.country is None for g in groups)


@pytest.mark.parametrize("row", RULES["travel_modes"], ids=lambda r: r["mode"])
def test_a_journeys_place_does_not_place_the_travellers(nlp, row):
    events = [e for e in code_text(row["example"], nlp=nlp) if e.mode == row["mode"]]
    groups = [a for e in events for a in e.actors if a.sector == row["sector"]]
    assert groups and all(g.country is None for g in groups), [(g.text, g.country) for g in groups]


@pytest.mark.parametrize("row", RULES["unnamed_actor_types"], ids=lambda r: r["type"])
def test_an_unnamed_doer_is_the_places_country_and_says_so(nlp, row):
    events = [e for e in code_text(row["example"], nlp=nlp) if e.event_type == row["type"]]
    assert events and events[0].actors[0].country == row["country"]
    assert events[0].actors[0].origin == FROM_SENTENCE and events[0].actors[0].to_dict()["from"] == "sentence"


@pytest.mark.parametrize("key", ["acted_on_example", "home_example", "home_by_type_example"])
def test_a_group_is_the_one_state_it_acts_on_or_whose_police_act_on_it(nlp, key):
    row = RULES[key]
    events = [e for e in code_text(row["example"], nlp=nlp) if e.event_type == row.get("type", e.event_type)]
    groups = [e for e in _participants(events) if e.sector in ("REB", "CVL")]
    assert groups and all(g.country == row["country"] for g in groups)


def test_names_people_and_hypothetical_acts_are_left_alone():
    assert placing_rules().placed_sectors >= {"CVL", "REB", "COP"}
    cairo = Place(name="Cairo", country="EGY", precision="city")
    person = Entity("Ali Hassan", "Ali Hassan", None, "CVL", "Q1")
    named = Entity("Egyptian students", "Egyptian students", "EGY", "EDU")
    actors, recipients = place_participants("PROTEST", "asserted", [person, named], [], cairo, stated=True)
    assert actors == [person, named] and recipients == []
    assert place_participants("ASSAULT", "hypothetical", [], [], cairo, stated=True) == ([], [])
    assert place_participants("ASSAULT", "asserted", [], [], cairo, stated=False) == ([], [])
    students = Entity("students", "students", None, "EDU")
    assert place_participants("PROTEST", "asserted", [students], [], cairo, stated=False)[0] == [students]
