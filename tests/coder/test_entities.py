"""Argument tokens to entities (eventwire/coder/entities.py), on sentences written for the test."""
from __future__ import annotations

import pytest

from eventwire.coder import code_text
from eventwire.coder.entities import world_region
from eventwire.resolve.actor_gazetteers import actor_words
from eventwire.schema import Entity


def test_a_world_region_is_a_place_no_state_owns():
    assert world_region(Entity(text="the Gulf", name="Gulf"))
    assert not world_region(Entity(text="Kuwait", name="Kuwait", country="KWT"))
    assert not world_region(Entity(text="the tanker"))


@pytest.mark.slow
@pytest.mark.parametrize("text, trigger, expected", [
    # the sea a target sailed is where it was hit, not whom
    ("Iran launched a missile attack on a Kuwaiti tanker in the Gulf.", "attack", ["KWT"]),
    ("Rebels shelled a Chadian convoy in the Sahel on Monday.", "shelled", ["TCD"]),
])
def test_a_world_region_hung_on_a_target_is_no_participant(nlp, text, trigger, expected):
    event = next(e for e in code_text(text, nlp=nlp) if e.trigger == trigger)
    assert [r.country for r in event.recipients] == expected


@pytest.mark.slow
def test_a_bracket_made_a_word_is_no_participant(nlp):
    # a wire's company markup ("<Acme Shipping Co>'s") leaves a bracket the parser may make a word of
    found = code_text("Officials said <Acme Shipping Co>'s Panama subsidiary denied that it was smuggling arms.",
                      nlp=nlp)
    texts = [p.text for e in found for p in e.actors + e.recipients]
    assert found and all(any(ch.isalnum() for ch in t) for t in texts), texts


@pytest.mark.slow
@pytest.mark.parametrize("entry", actor_words()["circumstance_nouns"], ids=lambda e: e["word"])
def test_a_compound_preposition_names_where_not_whose(entry, nlp):
    # actor_words.yml circumstance_nouns: "in front of", "in the wake of" ... name no party of the phrase
    from eventwire.coder.entities import entities_for
    from eventwire.resolve.actors import ActorResolver

    doc = nlp(f"The minister condemned {entry['example']}.")
    head = next(t for t in doc if t.head.lemma_ == "condemn" and t.dep_ == "dobj")
    assert not [e for e in entities_for([head], ActorResolver(doc)) if e.country or e.sector], entry


@pytest.mark.slow
def test_a_group_located_in_one_state_is_of_that_state(nlp):
    # "in" / "at" a state's place locates the group; it does not make the state the actor
    events = code_text("More than 16,000 engineering workers at 45 firms, mainly in south Germany, held warning "
                       "strikes yesterday.", nlp=nlp)
    strike = next(e for e in events if e.event_type == "PROTEST")
    assert [(a.country, a.sector) for a in strike.actors] == [("DEU", "LAB")], strike.actors
