import json

import pytest

from eventwire.eval.plover import NO_EVENT, PloverRecord, load_plover_records, score_plover
from tests.eval.fakes import make_event


def test_loader_maps_cameo_codes_and_skips_actors_without_code(tmp_path):
    path = tmp_path / "dev.jsonl"
    rows = [
        {"id": "r1", "text": "t1", "event_plover_current": "AGREE",
         "source": [{"actorText": "Tokyo", "code": "JAP"}, {"actorText": "someone"}],
         "target": [{"actorText": "Rome", "code": "ITL", "sector": "GOV"}]},
        {"id": "r2", "text": "t2", "event_plover_current": "ASSAULT", "source": [], "target": []},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows))
    records = load_plover_records(path)
    assert records[0].actor_countries == ["JPN"] and records[0].recipient_countries == ["ITA"]
    assert records[1].actor_countries == [] and load_plover_records(path, limit=1) == records[:1]


RECORDS = [
    PloverRecord("1", "t", "AGREE", ["FRA", "DEU"], []),
    PloverRecord("2", "t", "ASSAULT", ["RUS"], ["UKR"]),
    PloverRecord("3", "t", "PROTEST", ["GBR"], ["USA"]),
]


def test_top1_type_and_country_accuracy():
    events = [
        [make_event("CONSULT", actors=["FRA"], confidence=0.3),
         make_event("AGREE", actors=["FRA"], confidence=0.8)],  # top is AGREE, 1 of 2 actors right
        [make_event("COERCE", actors=["RUS"], recipients=["UKR"])],  # wrong type, both countries right
        [],  # no event: wrong
    ]
    r = score_plover(RECORDS, events)
    assert r["type_accuracy"] == pytest.approx(1 / 3)
    assert r["no_event_rate"] == pytest.approx(1 / 3)
    assert r["actor_country_accuracy"] == pytest.approx(2 / 4)
    assert r["recipient_country_accuracy"] == pytest.approx(1 / 2)
    assert r["actor_country_accuracy_type_right"] == pytest.approx(1 / 2)
    assert r["recipient_country_accuracy_type_right"] is None  # the one right sentence has no gold recipient
    assert r["confusion"] == {"AGREE": {"AGREE": 1}, "ASSAULT": {"COERCE": 1}, "PROTEST": {NO_EVENT: 1}}
    assert r["per_type"]["AGREE"]["f1"] == 1.0 and r["per_type"]["ASSAULT"]["recall"] == 0.0


def test_country_of_a_lower_confidence_event_does_not_count():
    events = [[make_event("AGREE", confidence=0.9), make_event("AGREE", actors=["FRA", "DEU"], confidence=0.1)],
              [], []]
    assert score_plover(RECORDS, events)["actor_country_accuracy"] == 0.0


def test_confidence_ranking():
    events = [[make_event("AGREE", confidence=0.9)], [make_event("COERCE", confidence=0.2)],
              [make_event("PROTEST", confidence=0.7)]]
    c = score_plover(RECORDS, events)["confidence"]
    assert c["auc"] == 1.0 and c["n"] == 3
    assert c["mean_correct"] == pytest.approx(0.8) and c["mean_wrong"] == pytest.approx(0.2)


def test_one_event_list_per_record():
    with pytest.raises(ValueError):
        score_plover(RECORDS, [[]])


@pytest.mark.parametrize("family", __import__("eventwire.eval.datasets", fromlist=["load_yaml"]).load_yaml(
    "code_families.yml")["families"], ids=lambda f: f["gold"])
def test_code_family_matches_its_members_and_nothing_else(family):
    from eventwire.eval.datasets import country_found

    assert country_found(family["example"]["gold"], {family["example"]["predicted"]})
    for code in family["matches"]:
        assert country_found(family["gold"], {code})
    assert not country_found(family["gold"], {"NGO"})
    assert not country_found("RUS", {"UNO"})


def test_repeated_splits_give_the_spread_of_the_fitted_models_figures():
    from dataclasses import replace

    from eventwire.eval.confidence_fit import OutOfFold
    from eventwire.eval.plover import repeated_figures

    events = [[make_event("AGREE"), make_event("CONSULT")], [make_event("COERCE")], [make_event("PROTEST")]]
    events = [[replace(e, id=f"{i}-{j}") for j, e in enumerate(evs)] for i, evs in enumerate(events)]
    # split 0 ranks AGREE first (2 of 3 types right) and the wrong COERCE lowest; split 1 ranks CONSULT first
    # (1 of 3) and COERCE highest
    split0 = {("plover", "0-0"): 0.9, ("plover", "0-1"): 0.1, ("plover", "1-0"): 0.2, ("plover", "2-0"): 0.8}
    split1 = {("plover", "0-0"): 0.1, ("plover", "0-1"): 0.9, ("plover", "1-0"): 0.95, ("plover", "2-0"): 0.8}
    oof = OutOfFold(probabilities={}, rows={"plover": 4}, folds=5, repeated=[split0, split1])
    r = repeated_figures(RECORDS, events, oof)
    assert r["splits"] == 2
    assert r["all"]["type_accuracy_min"] == 0.3333 and r["all"]["type_accuracy_max"] == 0.6667
    assert r["all"]["type_accuracy_mean"] == pytest.approx(0.5)
    assert r["all"]["auc_max"] == 1.0 and r["all"]["auc_min"] == 0.0 and r["all"]["auc_mean"] == 0.5
    assert set(r) == {"splits", "all", "tune", "check"}
