"""Undoing a wire's capitals after abbreviations (eventwire/nlp/truecase.py) on sentences written for the test."""
from __future__ import annotations

import pickle

import pytest
import yaml

from eventwire.nlp.truecase import (_DATA, TruecasingTokenizer, english_verbs, lower_case_names, restore_case,
                                    restore_lower_case)

EXAMPLES = yaml.safe_load(_DATA.read_text(encoding="utf-8"))["examples"]


@pytest.mark.parametrize("row", EXAMPLES, ids=[r["text"][:30] for r in EXAMPLES])
def test_each_example_of_the_data_file(row):
    assert restore_case(row["text"]) == row["expect"]


@pytest.mark.parametrize("text, expect", [
    # a function word never opens a sentence of news; a content word needs the article's own lower case
    ("Officials told the U.K. Would not wait.", "Officials told the U.K. would not wait."),
    ("The U.N. Officials left, and officials in Geneva stayed.", "The U.N. officials left, and officials in Geneva stayed."),
    ("The U.N. Officials left on Monday.", "The U.N. Officials left on Monday."),
    # a name or title goes on; a word that ends its clause is restored
    ("He met the U.S. Ambassador John Doe and the ambassador of Peru.", "He met the U.S. Ambassador John Doe and the ambassador of Peru."),
    ("They criticised U.S. Policy. The policy was new.", "They criticised U.S. policy. The policy was new."),
    # no abbreviation, no change
    ("The Attacks on the port, the attacks said.", "The Attacks on the port, the attacks said."),
    ("", ""),
])
def test_restore_case(text, expect):
    restored = restore_case(text)
    assert restored == expect and len(restored) == len(text)


def test_the_tokenizer_parses_the_restored_text_and_keeps_the_article(nlp):
    text = "Iran called the U.S. Attacks on its oil platforms an escalation and vowed to avenge the attacks."
    doc = nlp(text)
    assert isinstance(nlp.tokenizer, TruecasingTokenizer)
    assert "U.S. attacks" in doc.text and doc._.source_text == text and len(doc.text) == len(text)
    assert nlp("Kenya met Uganda.")._.source_text is None
    again = pickle.loads(pickle.dumps(nlp.tokenizer))  # Dask ships the pipeline to its workers
    assert again(text).text == doc.text


def test_evidence_quotes_the_article_not_the_restored_text(nlp):
    from eventwire.coder import code_doc
    text = "The U.S. Navy said Iranian gunboats attacked the U.S. Frigate, and the frigate returned fire."
    events = code_doc(nlp(text), article_id="a")
    assert events and all(e.evidence.sentence == text[e.evidence.start:e.evidence.end] for e in events)
    assert any("U.S. Frigate" in e.evidence.sentence for e in events)


@pytest.mark.parametrize("text, expect", [
    # a verb (or its -s form) after an abbreviation is no name, whether or not the article writes it lower elsewhere
    ("Iran called the U.S. Attacks on its platforms an escalation.", "Iran called the U.S. attacks on its platforms an escalation."),
    ("The U.N. Raids were condemned.", "The U.N. raids were condemned."),
    # nouns that are no verbs keep their capital unless the article writes them lower; a title goes on
    ("The U.S. Navy said.", "The U.S. Navy said."),
    ("U.S. Trade Representative Clayton Yeutter spoke.", "U.S. Trade Representative Clayton Yeutter spoke."),
])
def test_a_verb_after_an_abbreviation_is_restored(text, expect):
    assert restore_case(text, frozenset({"attack", "raid", "trade", "say"})) == expect
    assert restore_case(text) == text  # without the verbs, only the article's own lower case restores


def test_the_pipeline_knows_the_english_verbs(nlp):
    verbs = english_verbs(nlp)
    assert {"attack", "raid", "negotiate"} <= verbs and "warship" not in verbs
    assert nlp.tokenizer.verbs == verbs
    assert nlp("Iran called the U.S. Raids an escalation.").text == "Iran called the U.S. raids an escalation."


LOWER_CASE = yaml.safe_load(_DATA.read_text(encoding="utf-8"))["lower_case"]["examples"]


@pytest.mark.parametrize("row", LOWER_CASE, ids=[r["text"][:30] for r in LOWER_CASE])
def test_an_all_lower_case_text_gets_its_capitals_back(row):
    """Sentence starts and the gazetteer's names, in a text with (almost) no capitals; any other text as it is."""
    restored = restore_lower_case(row["text"], lower_case_names())
    assert restored == row["expect"] and len(restored) == len(row["text"])


@pytest.mark.slow
def test_a_lower_case_story_is_parsed_restored_and_quoted_as_written(nlp):
    text = "two persons were killed in police firing in ahmedabad on sunday, officials in new delhi said."
    doc = nlp(text)
    assert doc.text != text and doc._.source_text == text
    assert {e.text for e in doc.ents if e.label_ == "GPE"} >= {"Ahmedabad", "New Delhi"}
