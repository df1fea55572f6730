"""Repairs of the parser's misreadings (eventwire/nlp/syntax.py), on sentences written for them."""
from __future__ import annotations

import pytest

from eventwire.nlp.syntax import conjunct_head, misread_subject, subject_read_as_object


def _misread(doc):
    return [(t.text, v.text) for t in doc for v in [subject_read_as_object(t)] if v is not None]


@pytest.mark.slow
def test_a_clause_subject_hung_as_an_objects_conjunct_is_found(nlp):
    # "V1 X and Y V2 Z": the parser hangs Y on X and V2 on V1; Y is V2's subject
    doc = nlp("Navy gunboats shelled a coastal radar station and marine commandos stormed another, seizing its crew.")
    assert _misread(doc) == [("commandos", "stormed")], [(t.text, t.dep_, t.head.text) for t in doc]
    # ... and read from the verb's side
    stormed = next(t for t in doc if t.text == "stormed")
    assert misread_subject(stormed).text == "commandos"


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Police arrested the mayor and his deputy and took them to the capital.",  # two objects, one shared subject
    "The envoy met the king and the prime minister on Monday.",
])
def test_coordinated_objects_stay_objects(nlp, text):
    assert _misread(nlp(text)) == []


@pytest.mark.slow
def test_a_bare_infinitive_joined_to_a_finite_verb_goes_with_the_infinitive_before_it(nlp):
    # the parser hangs "allow" (no subject, no auxiliary) on "said"; it shares "ease"'s clause
    doc = nlp("He said the government might be able to ease its tough pay policy, which has frozen wages, "
              "and allow some increases.")
    allow = next(t for t in doc if t.text == "allow")
    assert allow.head.text == "said", [(t.text, t.dep_, t.head.text) for t in doc]  # the misreading itself
    assert conjunct_head(allow).text == "ease"


@pytest.mark.slow
@pytest.mark.parametrize("text,verb,head", [
    ("The rebels attacked the convoy and seized its weapons.", "seized", "attacked"),  # finite conjuncts
    ("The army will withdraw from the town and free the prisoners.", "free", "withdraw"),
])
def test_other_conjuncts_keep_their_head(nlp, text, verb, head):
    doc = nlp(text)
    assert conjunct_head(next(t for t in doc if t.text == verb)).text == head


@pytest.mark.slow
def test_the_shared_clause_gives_the_conjunct_its_subject_and_modal(nlp):
    from eventwire.coder.factuality import factuality_of
    from eventwire.coder.roles import verb_subject

    doc = nlp("He said the government might be able to ease its tough pay policy, which has frozen wages, "
              "and allow some increases.")
    allow = next(t for t in doc if t.text == "allow")
    assert [t.text for t in verb_subject(allow)[0]] == ["government"]
    assert factuality_of(allow).value == "hypothetical"
