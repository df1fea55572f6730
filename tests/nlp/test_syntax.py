"""Repairs of the parser's misreadings (eventwire/nlp/syntax.py), on sentences written for them."""
from __future__ import annotations

import pytest

from eventwire.nlp.syntax import misread_subject, subject_read_as_object


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
