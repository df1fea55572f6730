"""Digest items begin sentences, their datelines apart (eventwire/nlp/components.py ``eventwire_datelines``), on
texts written for the test."""
from __future__ import annotations

import pytest
import yaml

from eventwire.nlp.components import _DATELINES, DATELINES_NAME, item_starts

EXAMPLES = yaml.safe_load(_DATELINES.read_text(encoding="utf-8"))["examples"]


def _sentences(doc):
    return [s.text.strip() for s in doc.sents if s.text.strip()]


@pytest.mark.slow
@pytest.mark.parametrize("row", EXAMPLES, ids=[r["text"][:30] for r in EXAMPLES])
def test_each_example_of_the_data_file(nlp, row):
    assert DATELINES_NAME in nlp.pipe_names
    assert _sentences(nlp(row["text"])) == row["sentences"]


@pytest.mark.slow
def test_the_dateline_is_no_participant_of_the_item(nlp):
    from eventwire.coder import code_text

    text = ("The talks ended, officials said.\n\n- - - -\n\nCHANDIGARH, India - Sikh extremists killed five people "
            "in Punjab.")
    killed = [e for e in code_text(text, nlp=nlp) if e.event_type == "ASSAULT"]
    assert killed and all(a.country != "IND" or "Sikh" in a.text for e in killed for a in e.actors)
    assert any("Sikh" in a.text for e in killed for a in e.actors)


@pytest.mark.parametrize("text, starts", [
    # a line opening with a dateline: the line and the word after the dash
    ("BONN - Kohl wrote.", [0, 7]),
    # a separator line and the line after it
    ("A.\n- - - -\nThe end.", [3, 11]),
    # a wrapped line inside a paragraph, a dash inside a sentence, a capitalised word before a dash: no item
    ("The talks\nended - for now.", []),
    ("Officials in Brazil said on Feb 26 - a Thursday - that it rained.", []),
    ("Washington - and its allies - agreed.", []),
])
def test_item_starts(text, starts):
    assert item_starts(text) == starts
