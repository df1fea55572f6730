"""PlaceResolver: disambiguation, event locations, dateline fallback, index load; the sample page (slow)."""
from __future__ import annotations

import subprocess
import sys

import pytest
import spacy
from spacy.tokens import Doc, Span

from eventwire.resolve.place_index import place_index
from eventwire.resolve.place_choice import candidate_features, scored_candidates
from eventwire.resolve.places import PlaceResolver
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def _doc(blank, text, places=(), label="GPE"):
    doc = blank(text)
    spans = []
    for name in places:
        start = text.index(name)
        spans.append(doc.char_span(start, start + len(name), label=label))
    doc.ents = spans
    return doc


def test_big_city_beats_small_namesake_even_with_context(blank):
    doc = _doc(blank, "US diplomat met the Russian minister in Rome.", ["US", "Rome"])
    place = PlaceResolver(doc).place_for_span(doc.ents[1])
    assert (place.country, round(place.lat, 1), round(place.lon, 1)) == ("ITA", 41.9, 12.5)


def test_a_capital_spelt_exactly_beats_a_bigger_city_spelt_that_way_as_an_alternate(blank):
    # "Dili" is an alternate spelling of Delhi (11 million) and the exact name of East Timor's capital
    doc = _doc(blank, "Police in Dili arrested two students.", ["Dili"])
    assert PlaceResolver(doc).place_for_span(doc.ents[0]).country == "TLS"
    doc = _doc(blank, "Police in Delhi arrested two students.", ["Delhi"])
    assert PlaceResolver(doc).place_for_span(doc.ents[0]).country == "IND"


def test_context_country_decides_between_similar_places(blank):
    # Donetsk, Ukraine (900k) and Donetsk, Russia (50k)
    doc = _doc(blank, "Shells hit Donetsk overnight.", ["Donetsk"])
    assert PlaceResolver(doc).place_for_span(doc.ents[0]).country == "UKR"  # population
    doc = _doc(blank, "Russia said shells hit Donetsk in Russia.", ["Russia", "Donetsk"])
    assert PlaceResolver(doc).place_for_span(doc.ents[1]).country == "RUS"  # context
    doc = _doc(blank, "Odessa police said the Texas storm passed.", ["Odessa", "Texas"])
    assert PlaceResolver(doc).place_for_span(doc.ents[0]).country == "USA"
    doc = _doc(blank, "Odessa police said the storm passed.", ["Odessa"])
    assert PlaceResolver(doc).place_for_span(doc.ents[0]).country == "UKR"


def test_qualifier_narrows(blank):
    doc = _doc(blank, "A tornado hit Paris, Texas.", ["Paris", "Texas"])
    place = PlaceResolver(doc).place_for_span(doc.ents[0])
    assert (place.country, place.admin1) == ("USA", "TX")
    doc = _doc(blank, "A tornado hit Paris today.", ["Paris"])
    assert PlaceResolver(doc).place_for_span(doc.ents[0]).country == "FRA"


def test_state_or_country_by_context(blank):
    doc2 = _doc(blank, "Russian troops entered Georgia.", ["Georgia"])
    assert PlaceResolver(doc2).place_for_span(doc2.ents[0]).precision == "country"
    us = _doc(blank, "American officials met in Georgia.", ["Georgia"])
    place = PlaceResolver(us).place_for_span(us.ents[0])
    assert (place.country, place.precision, place.admin1) == ("USA", "region", "GA")


def test_unknown_name_is_none(blank):
    doc = _doc(blank, "They met in Xyzzyville.", ["Xyzzyville"])
    assert PlaceResolver(doc).place_for_span(doc.ents[0]) is None


def test_region_prefix_gives_country_precision(blank):
    doc = _doc(blank, "Fighting in eastern Ukraine continued.", ["eastern Ukraine"])
    place = PlaceResolver(doc).place_for_span(doc.ents[0])
    assert (place.name, place.country, place.precision) == ("Ukraine", "UKR", "country")


def _parsed(vocab, rows, ents):
    words, heads, deps, pos, lemmas = zip(*rows)
    doc = Doc(vocab, words=list(words), heads=list(heads), deps=list(deps), pos=list(pos), lemmas=list(lemmas))
    doc.ents = [Span(doc, s, e, label=l) for s, e, l in ents]
    return doc


def test_most_specific_of_nested_places(blank):
    # In the West Bank city of Nablus , a man was shot
    rows = [("In", 9, "prep", "ADP", "in"), ("the", 4, "det", "DET", "the"), ("West", 3, "compound", "PROPN", "West"),
            ("Bank", 4, "compound", "PROPN", "Bank"), ("city", 0, "pobj", "NOUN", "city"),
            ("of", 4, "prep", "ADP", "of"), ("Nablus", 5, "pobj", "PROPN", "Nablus"), ("a", 8, "det", "DET", "a"),
            ("man", 9, "nsubjpass", "NOUN", "man"), ("shot", 9, "ROOT", "VERB", "shoot")]
    doc = _parsed(blank.vocab, rows, [(2, 4, "LOC"), (6, 7, "GPE")])
    resolver = PlaceResolver(doc)
    assert resolver.event_location_span(doc[9]).text == "Nablus"
    assert resolver.event_location(doc[9]).country == "PSE"


def test_place_of_a_reporting_verb_is_not_the_event_place(blank):
    # Officials said in Paris that rebels attacked the town
    rows = [("Officials", 1, "nsubj", "NOUN", "official"), ("said", 1, "ROOT", "VERB", "say"),
            ("in", 1, "prep", "ADP", "in"), ("Paris", 2, "pobj", "PROPN", "Paris"), ("that", 6, "mark", "SCONJ", "that"),
            ("rebels", 6, "nsubj", "NOUN", "rebel"), ("attacked", 1, "ccomp", "VERB", "attack"),
            ("the", 8, "det", "DET", "the"), ("town", 6, "dobj", "NOUN", "town")]
    doc = _parsed(blank.vocab, rows, [(3, 4, "GPE")])
    resolver = PlaceResolver(doc)
    assert resolver.event_location(doc[1]).country == "FRA"
    (reported,) = scored_candidates(doc[6])
    (own,) = scored_candidates(doc[1])
    assert reported[0] < own[0]
    assert "tree:reporting" in candidate_features([reported[1]], doc[6])[0]


def test_dateline_fallback(blank):
    rows = [("Rebels", 1, "nsubj", "NOUN", "rebel"), ("attacked", 1, "ROOT", "VERB", "attack"),
            ("the", 3, "det", "DET", "the"), ("town", 1, "dobj", "NOUN", "town")]
    doc = _parsed(blank.vocab, rows, [])
    place = PlaceResolver(doc, dateline="KYIV, Dec 14 (Reuters) -").event_location(doc[1])
    assert (place.name, place.country) == ("Kyiv", "UKR")
    assert PlaceResolver(doc).event_location(doc[1]) is None


def test_index_from_the_cache_equals_a_fresh_build():
    place_index()  # make sure the cache file exists
    code = "from eventwire.resolve.place_index import place_index; print(len(place_index()))"
    cached = int(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert cached == len(place_index())


@pytest.mark.slow
def test_sample_page_places(nlp):
    text = shared_path("samples", "thelocal-two-stories.txt").read_text(encoding="utf-8")
    doc = nlp(text)
    resolver = PlaceResolver(doc)

    def trigger(word, context):
        start = text.index(context)
        return next(t for t in doc if t.idx >= start and t.text == word)

    # "met" shares its sentence with the headline "Kerry in Rome ..." (no sentence break), and
    # "amid anger in Moscow" outweighs the headline's place: a known miss, see the report
    kyiv = resolver.event_location(trigger("visited", "It is the first time"))
    assert (kyiv.country, round(kyiv.lat, 2), round(kyiv.lon, 2)) == ("UKR", 50.45, 30.52)
    assert resolver.event_location(trigger("offensive", "Ukraine has been worried")).name == "Mariupol"
    assert resolver.event_location(trigger("visit", "After a visit")).name == "Irpin"
    romania = resolver.event_location(trigger("visit", "Macron has been paying"))
    assert (romania.country, romania.precision) == ("ROU", "country")

    by_text = {}
    for span in list(doc.ents) + list(doc.noun_chunks):
        place = resolver.place_for_span(span)
        if place is not None:
            by_text.setdefault(span.text.strip(), place)
    assert by_text["Kiev"].name == "Kyiv"
    assert by_text["Moldova"].precision == "country" and by_text["Moldova"].country == "MDA"
    assert by_text["Paris"].country == "FRA" and by_text["London"].country == "GBR"
    rome = by_text["Rome"]
    assert (rome.country, round(rome.lat, 1), round(rome.lon, 1)) == ("ITA", 41.9, 12.5)
    assert by_text["Minsk"].country == "BLR"
    crimea = by_text["the Crimean peninsula"]
    assert (crimea.country, crimea.precision) == ("UKR", "region")
