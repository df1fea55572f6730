"""Every row of the places data files does what it says (no model needed: hand-built Docs)."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from eventwire.resolve.place_index import lookup, normalise_name, place_words, read_tsv
from eventwire.resolve.place_choice import candidate_features, candidate_spans, score
from eventwire.resolve.places import PlaceResolver, candidates_for, name_variants

REGIONS = read_tsv("regions.tsv")
ALTERNATES = read_tsv("alternates.tsv")
DEMONYMS = read_tsv("demonyms.tsv")
WORDS = place_words()


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def _doc_with_place(blank, sentence, name, label="GPE"):
    doc = blank(sentence)
    start = sentence.index(name)
    span = doc.char_span(start, start + len(name), label=label)
    assert span is not None, (sentence, name)
    doc.ents = [span]
    return doc, span


@pytest.mark.parametrize("row", REGIONS, ids=lambda r: r["name"])
def test_region_row(blank, row):
    doc, span = _doc_with_place(blank, row["example"], row["name"])
    place = PlaceResolver(doc).place_for_span(span)
    assert place is not None
    assert (place.name, place.country, place.precision) == (row["name"], row["country"] or None, "region")
    assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180


@pytest.mark.parametrize("row", ALTERNATES, ids=lambda r: r["alternate"])
def test_alternate_row(blank, row):
    doc, span = _doc_with_place(blank, row["example"], row["alternate"])
    place = PlaceResolver(doc).place_for_span(span)
    assert place is not None
    assert (place.name, place.country) == (row["canonical"], row["country"])


@pytest.mark.parametrize("row", DEMONYMS, ids=lambda r: r["demonym"])
def test_demonym_row_sets_context(blank, row):
    doc = blank(f"The {row['demonym']} army attacked the town.")
    assert PlaceResolver(doc).context[row["country"]] == 1
    assert sum(PlaceResolver(doc).context.values()) == 1


def _sentence(vocab, rows, place_index):
    words, heads, deps, pos, lemmas = zip(*rows)
    doc = Doc(vocab, words=list(words), heads=list(heads), deps=list(deps), pos=list(pos), lemmas=list(lemmas))
    doc.ents = [Span(doc, place_index, place_index + 1, label="GPE")]
    return doc


def _prep_doc(vocab, prep):
    # Rebels attacked the base <prep> Donetsk
    rows = [("Rebels", 1, "nsubj", "NOUN", "rebel"), ("attacked", 1, "ROOT", "VERB", "attack"),
            ("the", 3, "det", "DET", "the"), ("base", 1, "dobj", "NOUN", "base"),
            (prep, 1, "prep", "ADP", prep), ("Donetsk", 4, "pobj", "PROPN", "Donetsk")]
    return _sentence(vocab, rows, 5)


def _through_doc(vocab, word):
    # Rebels fought in the city <word> Mariupol
    rows = [("Rebels", 1, "nsubj", "NOUN", "rebel"), ("fought", 1, "ROOT", "VERB", "fight"),
            ("in", 1, "prep", "ADP", "in"), ("the", 4, "det", "DET", "the"), ("city", 2, "pobj", "NOUN", "city"),
            (word, 4, "prep", "ADP", word), ("Mariupol", 5, "pobj", "PROPN", "Mariupol")]
    return _sentence(vocab, rows, 6)


def _score_with(vocab, prep):
    doc = _prep_doc(vocab, prep)
    (f,) = candidate_features(candidate_spans(doc[:], trigger=doc[1]), doc[1])
    return score(f), f


@pytest.mark.parametrize("entry", WORDS["prepositions"], ids=lambda e: e["word"])
def test_preposition_role(blank, entry):
    if entry["role"] == "through":
        doc = _through_doc(blank.vocab, entry["word"])  # "in the city of Mariupol" counts as "in"
        assert PlaceResolver(doc).event_location_span(doc[1]).text == "Mariupol"
        return
    value, features = _score_with(blank.vocab, entry["word"])
    assert features[f"prep:{entry['role']}"] == 1.0
    location, _ = _score_with(blank.vocab, "in")
    doc = _prep_doc(blank.vocab, entry["word"])
    chosen = PlaceResolver(doc).event_location_span(doc[1])
    if entry["role"] == "location":
        assert chosen is not None and chosen.text == "Donetsk"
    else:  # a goal or someone else's place weighs less than where things happen
        assert value < location


def _object_doc(vocab, verb):
    rows = [("Rebels", 1, "nsubj", "NOUN", "rebel"), (verb, 1, "ROOT", "VERB", verb), ("Donetsk", 1, "dobj", "PROPN", "Donetsk")]
    return _sentence(vocab, rows, 2)


@pytest.mark.parametrize("verb", sorted(set(WORDS["place_object_verbs"])))
def test_place_object_verb(blank, verb):
    doc = _object_doc(blank.vocab, verb)
    place = PlaceResolver(doc).event_location(doc[1])
    assert place is not None and place.name == "Donetsk" and place.country == "UKR"


def _object_score(vocab, verb):
    doc = _object_doc(vocab, verb)
    (f,) = candidate_features(candidate_spans(doc[:], trigger=doc[1]), doc[1])
    return score(f), f


def test_other_verbs_do_not_take_a_place_object(blank):
    praised, features = _object_score(blank.vocab, "praise")
    shelled, _ = _object_score(blank.vocab, "shell")
    assert "role:object" in features and "role:place_object" not in features
    assert praised < shelled


@pytest.mark.parametrize("entry", WORDS["name_prefixes"], ids=lambda e: e["example"])
def test_name_prefix(entry):
    variants = name_variants(entry["example"])
    prefix = normalise_name(entry["words"])
    assert prefix == "the" or variants[0].startswith(prefix + " ")
    assert not variants[-1].startswith(prefix + " ")
    assert prefix == "the" or not lookup(variants[0])  # the prefix is what stood in the way
    assert candidates_for(entry["example"]), entry["example"]
