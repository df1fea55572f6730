"""The places/dates evaluations: key parsing (unit) and the floors on the shared data (slow)."""
from __future__ import annotations

from datetime import date

import pytest

from eventwire.eval.places_dates import (
    evaluate_event_location,
    evaluate_muc4_dates,
    location_is_correct,
    location_portion,
    muc_key_ranges,
    predict_incident_date,
)
from tests.conftest import shared_path


def test_muc_key_forms():
    assert muc_key_ranges(["02 FEB 90"]) == [(date(1990, 2, 2), date(1990, 2, 2), True)]
    assert muc_key_ranges(["- 04 FEB 90"]) == [(date(1990, 1, 28), date(1990, 2, 4), False)]
    assert muc_key_ranges(["26 JAN 90 - 27 JAN 90"]) == [(date(1990, 1, 26), date(1990, 1, 27), False)]
    assert len(muc_key_ranges(["(12 NOV 89) / (- 12 NOV 89)"])) == 2
    assert muc_key_ranges([]) == []


def test_predict_incident_date():
    sentence = "A GUERRILLA COLUMN ATTACKED THE FARM 2 DAYS AGO, THE ARMY SAID TODAY."
    assert predict_incident_date(sentence, published="1990-02-04") == "1990-02-02"
    assert predict_incident_date("THE ARMY DENIED THE REPORT.", published="1990-02-04") is None


def test_test_split_is_refused(tmp_path):
    with pytest.raises(ValueError):
        evaluate_muc4_dates(tmp_path, split="test")


@pytest.mark.slow
def test_muc4_dates_floor():
    result = evaluate_muc4_dates(shared_path("data", "muc4"))
    assert result["templates"] > 150
    assert result["within_range_accuracy_when_predicted"] >= 0.75
    assert result["model_else_dateline_within_range_accuracy"] > result["dateline_baseline_within_range_accuracy"]


def test_location_portions_keep_copies_together_and_gold_apart():
    gold_texts = frozenset({"Troops shelled Kandahar."})
    assert location_portion("x", gold_relabel=True, gold_texts=gold_texts) == "gold"
    assert location_portion("Troops  shelled Kandahar.", gold_relabel=False, gold_texts=gold_texts) == "check"
    texts = [f"Sentence number {i}." for i in range(1000)]
    portions = [location_portion(t, gold_relabel=False, gold_texts=frozenset()) for t in texts]
    assert 150 < portions.count("check") < 250 and set(portions) == {"check", "tune"}
    assert portions == [location_portion(t, gold_relabel=False, gold_texts=frozenset()) for t in texts]


def test_location_is_correct_by_overlap():
    class Span:
        start_char, end_char = 10, 17

    assert location_is_correct(Span, [(13, 20)])
    assert not location_is_correct(Span, [(17, 20)])
    assert not location_is_correct(None, [(13, 20)])
    assert location_is_correct(None, []) and not location_is_correct(Span, [])


@pytest.mark.slow
def test_event_location_beats_the_first_place_baseline(nlp):
    """The evaluation on a slice of the check portion (the floors on all of it are `eventwire eval --check`'s,
    which the README's test command runs first: `event_location.accuracy` in baseline.json)."""
    result = evaluate_event_location(shared_path("data", "event_location"), nlp=nlp, limit=400)
    assert result["portions"] == ["check", "gold"]
    assert result["portion_check"]["n"] + result["gold_relabel"]["n"] == 400
    assert result["accuracy"] > result["baseline_first_place"]["accuracy"] + 0.05
