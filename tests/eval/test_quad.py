import json
import math

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


def test_the_top_events_confidence_is_judged_by_its_class_being_right():
    records = [QuadRecord(str(i), "t", label) for i, label in enumerate([4, 1, 3, 0])]
    events = [[make_event("ASSAULT", confidence=0.9)], [make_event("ASSAULT", confidence=0.3)],
              [make_event("ACCUSE", confidence=0.8)], []]  # right, wrong, right; no event is not scored
    c = score_quad(records, events)["confidence"]
    assert c["auc"] == 1.0 and c["calibration"]["n"] == 3
    events[1] = [make_event("ASSAULT", confidence=0.95)]  # the wrong one now surest
    assert score_quad(records, events)["confidence"]["auc"] == 0.0


def test_the_fitted_sentence_model_is_scored_beside_the_shipped_one(tmp_path, monkeypatch):
    from eventwire.coder import confidence
    from eventwire.eval import confidence_fit, quad
    from eventwire.eval.confidence_fit import OutOfFold

    path = tmp_path / "q.jsonl"
    path.write_text("".join(json.dumps({"id": f"q{i}", "text": text, "penta_class": label}) + "\n"
                            for i, (text, label) in enumerate([("France attacked", 4), ("Japan met", 4)])))

    def coder(text, *, nlp=None, published=None, article_id="text"):
        # the fake's confidence is the sentence model's intercept: it tells which model coded the text
        p = confidence.confidence_model().models["sentence"].probability({})
        return [make_event("ASSAULT" if "attacked" in text else "CONSULT", confidence=p, article_id=article_id)]

    fitted = confidence.ConfidenceModel(models={k: confidence.LinearModel(2.0, {}) for k in confidence.KINDS},
                                        about={})
    oof = OutOfFold(probabilities={}, rows={}, folds=5, fitted_sentence=fitted)
    monkeypatch.setattr(confidence_fit, "is_fitted", lambda kind: False)
    r = quad.evaluate_quad(path, coder=coder, out_of_fold=oof)
    other = r["confidence"]["fitted_sentence_model"]
    assert r["accuracy"] == other["accuracy"] == 0.5 and "hand-set" in r["confidence"]["source"]
    assert r["confidence"]["calibration"]["bins"][0]["mean_confidence"] != pytest.approx(1 / (1 + math.exp(-2)))
    assert other["ece"] == pytest.approx(abs(1 / (1 + math.exp(-2)) - 0.5), abs=1e-4)
    monkeypatch.setattr(confidence_fit, "is_fitted", lambda kind: True)  # the shipped one is the fitted one
    assert "fitted_sentence_model" not in quad.evaluate_quad(path, coder=coder, out_of_fold=oof)["confidence"]
