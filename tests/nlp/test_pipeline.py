"""The NLP stage: gazetteer entity ruler, merge rule, extensions, pipeline loading."""
from __future__ import annotations


import pytest
import spacy
from spacy.tokens import Doc, Span

from eventwire.errors import ModelError
from eventwire.nlp import MERGE_NAME, RULER_NAME, add_entity_ruler, load_pipeline, register_extensions
from eventwire.nlp.components import merge_entities
from eventwire.nlp.extensions import DOC_EXTENSIONS, SPAN_EXTENSIONS
from eventwire.nlp.patterns import entity_patterns


@pytest.fixture(scope="module")
def ruler_nlp():
    """A blank English pipeline with only the gazetteer ruler: every pattern can be checked quickly."""
    return add_entity_ruler(spacy.blank("en"))


def test_every_pattern_becomes_its_entity(ruler_nlp):
    # each pattern, in a sentence, comes out as exactly one entity with its label and id
    wrong = []
    for p in entity_patterns():
        doc = ruler_nlp(f"Yesterday {p['pattern']} said nothing.")
        ents = [(e.text, e.label_, e.id_) for e in doc.ents]
        if ents != [(p["pattern"], p["label"], p["id"])]:
            wrong.append((p, ents))
    assert not wrong, wrong[:10]


def test_patterns_cover_the_gazetteers():
    labels = {p["label"] for p in entity_patterns()}
    assert labels == {"GPE", "NORP", "ORG", "PERSON"}
    by_text = {p["pattern"]: p for p in entity_patterns()}
    assert by_text["Kiev"]["label"] == by_text["Kyiv"]["label"] == "GPE"
    assert by_text["Lavrov"]["label"] == "PERSON"
    assert by_text["Ukrainian"]["label"] == "NORP"
    assert by_text["NATO"]["label"] == "ORG"


def test_matching_is_case_sensitive(ruler_nlp):
    assert [e.text for e in ruler_nlp("Let us talk to the US.").ents] == ["US"]


def _doc(words, ents):
    doc = Doc(spacy.blank("en").vocab, words=words)
    return doc, [Span(doc, s, e, label=l) for s, e, l in ents]


def test_merge_gazetteer_overrides_a_wrong_label():
    doc, ner = _doc(["Kiev", "said", "no"], [(0, 1, "PERSON")])
    _, _ = doc, ner
    merged = merge_entities(ner, [Span(doc, 0, 1, label="GPE")])
    assert [(e.text, e.label_) for e in merged] == [("Kiev", "GPE")]


def test_merge_keeps_a_name_that_contains_the_match():
    words = ["the", "Ukraine", "Freedom", "Support", "Act", "passed"]
    doc, ner = _doc(words, [(0, 5, "LAW")])
    merged = merge_entities(ner, [Span(doc, 1, 2, label="GPE")])
    assert [(e.text, e.label_) for e in merged] == [("the Ukraine Freedom Support Act", "LAW")]


def test_merge_keeps_a_longer_person_but_replaces_a_partial_overlap():
    doc, ner = _doc(["J.", "Kerry", "met", "Sergei", "Lavrov", "Moscow"], [(0, 2, "PERSON"), (4, 6, "ORG")])
    merged = merge_entities(ner, [Span(doc, 1, 2, label="PERSON"), Span(doc, 3, 5, label="PERSON")])
    assert [(e.text, e.label_) for e in merged] == [("J. Kerry", "PERSON"), ("Sergei Lavrov", "PERSON")]


def test_extensions_are_registered_once():
    register_extensions()
    register_extensions()
    for name in DOC_EXTENSIONS:
        assert Doc.has_extension(name)
    for name in SPAN_EXTENSIONS:
        assert Span.has_extension(name)
    doc = spacy.blank("en")("x")
    doc._.published = "2014-12-14"
    assert doc._.published == "2014-12-14" and doc._.events is None


def test_unknown_model_is_a_model_error():
    with pytest.raises(ModelError, match="no_such_model"):
        load_pipeline("no_such_model_xyz")


@pytest.mark.slow
def test_pipeline_is_cached_and_has_the_ruler_after_ner(nlp):
    assert load_pipeline() is nlp
    names = nlp.pipe_names
    assert names.index("ner") < names.index(RULER_NAME) < names.index(MERGE_NAME)


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, label",
    [("Kiev", "GPE"), ("Kyiv", "GPE"), ("Lavrov", "PERSON"), ("Macron", "PERSON"), ("Scholz", "PERSON"),
     ("Draghi", "PERSON"), ("Sergei Lavrov", "PERSON"), ("Moscow", "GPE")],
)
def test_sample_page_names_get_the_right_label(nlp, bare_nlp, sample_page, name, label):
    doc = nlp(sample_page)
    labels = {e.label_ for e in doc.ents if e.text == name}
    assert labels == {label}, (name, labels)


@pytest.mark.slow
def test_bare_model_gets_these_wrong(bare_nlp, sample_page):
    # the reason the ruler exists: if the model ever gets them right this test says so
    doc = bare_nlp(sample_page)
    wrong = {(e.text, e.label_) for e in doc.ents} & {("Kiev", "PERSON"), ("Lavrov", "ORG"), ("Macron", "GPE")}
    assert wrong


