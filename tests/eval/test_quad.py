import json

import pytest

from eventwire.eval.datasets import load_yaml
from eventwire.eval.quad import QuadRecord, load_quad_records, quad_label, quad_table, score_quad
from eventwire.schema import EVENT_TYPES
from tests.eval.fakes import make_event

CLASSES = load_yaml("quad_classes.yml")["classes"]


@pytest.mark.parametrize("entry", CLASSES, ids=lambda e: f"{e['label']}-{e['name']}")
def test_every_quad_class_entry_labels_its_event_types(entry):
    for event_type in entry["event_types"]:
        assert quad_label(make_event(event_type)) == entry["label"]


def test_every_plover_type_has_exactly_one_class():
    listed = [t for entry in CLASSES for t in entry["event_types"]]
    assert sorted(listed) == sorted(EVENT_TYPES)


def test_no_event_maps_to_the_no_event_label():
    assert quad_label(None) == load_yaml("quad_classes.yml")["no_event_label"] == 0


def test_loader(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps({"id": "q1", "text": "x", "penta_class": "3"}) + "\n")
    assert load_quad_records(path) == [QuadRecord("q1", "x", 3)]


def test_score_quad_accuracy_and_macro_f1():
    records = [QuadRecord(str(i), "t", label) for i, label in enumerate([4, 4, 1, 0, 3])]
    events = [[make_event("ASSAULT")], [make_event("AGREE")], [make_event("CONSULT")], [],
              [make_event("AGREE", confidence=0.1), make_event("THREATEN", confidence=0.9)]]
    r = score_quad(records, events)
    assert r["accuracy"] == pytest.approx(4 / 5)
    # F1 per class 0..4: 1, 2/3, 0 (absent from gold and predictions counts 0), 1, 2/3
    assert r["macro_f1"] == pytest.approx((1 + 2 / 3 + 0 + 1 + 2 / 3) / 5)
    assert set(r["per_class"]) == set(quad_table()[2])
