"""Every entry of event_location.yml and of place_words.yml's place nouns fires on its own example (slow: parses)."""
from __future__ import annotations

import pytest
import yaml

from eventwire.resolve.place_choice import (
    WEIGHTS_FILE,
    candidate_features,
    candidate_spans,
    event_location_weights,
)
from eventwire.resolve.place_index import DATA_DIR, place_words

FEATURES = yaml.safe_load((DATA_DIR / WEIGHTS_FILE).read_text(encoding="utf-8"))["features"]
PLACE_NOUNS = place_words()["place_nouns"]


def _features_by_text(nlp, text, trigger_word):
    doc = nlp(text)
    trigger = next(t for t in doc if t.text == trigger_word)
    spans = candidate_spans(trigger.sent, trigger=trigger)
    return {s.text: f for s, f in zip(spans, candidate_features(spans, trigger))}


def test_weights_file_is_well_formed():
    names = [f["feature"] for f in FEATURES]
    assert len(names) == len(set(names))
    assert set(event_location_weights().weights) == set(names)
    assert all(isinstance(f["weight"], float) for f in FEATURES)


@pytest.mark.slow
@pytest.mark.parametrize("entry", FEATURES, ids=lambda e: e["feature"])
def test_feature_fires_on_its_example(nlp, entry):
    found = _features_by_text(nlp, entry["example"], entry["trigger"])
    assert entry["place"] in found, (entry["example"], list(found))
    assert entry["feature"] in found[entry["place"]], sorted(found[entry["place"]])


@pytest.mark.slow
@pytest.mark.parametrize("entry", PLACE_NOUNS, ids=lambda e: e["word"])
def test_place_noun_joins_name_and_noun(nlp, entry):
    doc = nlp(entry["example"])
    triggers = [t for t in doc if t.pos_ == "VERB"]
    assert triggers, entry["example"]
    spans = candidate_spans(doc[:], trigger=triggers[0])
    feats = candidate_features(spans, triggers[0])
    assert any("place_noun" in f or "name:place_noun" in f for f in feats), [s.text for s in spans]
