"""The confidence model (eventwire/coder/confidence.py) and its refit (eventwire/eval/confidence_fit.py), on
events and rows written for the test (never the dev data)."""
from __future__ import annotations

import json
import math

import pytest

from eventwire.coder.confidence import (FEATURE_NAMES, KINDS, MODEL_PATH, candidate_features, event_features,
                                        kind_of, model_from_dict, rescored, shipped_model, side_features)
from eventwire.eval.confidence_fit import (FEATURES, Row, columns, fit_models, fit_rows, fitted_sentence_model,
                                          fold_assignment, matrix, model_json, out_of_fold, out_of_fold_one)
from eventwire.schema import Entity, Event, Evidence

KENYA = Entity(text="Kenya", name="Kenya", country="KEN")
POLICE = Entity(text="police", sector="COP")
UN = Entity(text="the UN", name="United Nations", country="UNO")


def features(**over):
    args = dict(event_type="CONSULT", compiled=False, weight=0.8, noun=False, pattern="subject", clause="main",
                governed=False, governing=False, anaphoric=False, factuality="asserted", reported=False,
                sentence_index=0, sentences=1, discard_cue=False)
    args.update(over)
    return candidate_features(**args)


def test_the_shipped_model_names_exactly_the_extractors_features():
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    for kind in KINDS:
        model = data["models"][kind]
        assert model["feature_names"] == list(FEATURE_NAMES), kind
        assert len(model["coefficients"]) == len(FEATURE_NAMES)
        assert model["source"] in ("fitted", "hand-set")
    assert data["command"] == "eventwire fit-confidence"
    assert {d["dataset"] for d in data["data"]} == {"plover", "reuters"}
    assert all(len(d["sha256"]) == 64 for d in data["data"])


def test_every_feature_the_extractor_gives_is_a_named_one():
    names = set(FEATURE_NAMES)
    for over in ({}, {"pattern": "a pattern roles.py may add one day"}, {"factuality": "negated", "governed": True},
                 {"sentences": 12, "sentence_index": 30, "compiled": True, "clause": "subordinate"}):
        feats = event_features(features(**over), [POLICE, KENYA], [UN], mentions=9)
        assert set(feats) <= names
        assert all(0.0 <= v <= 1.0 for v in feats.values())
    assert event_features(features(pattern="something new"), [], [])["pattern:other"] == 1.0


def test_participants_are_described_by_the_best_known_one_and_where_it_came_from():
    assert side_features("actor", [POLICE, KENYA]) == {"actor:country": 1.0}
    assert side_features("recipient", [UN]) == {"recipient:code": 1.0}
    assert side_features("actor", [POLICE]) == {"actor:generic": 1.0}
    filled = Entity(text="the government", sector="GOV", country="ZAF", origin="article")
    assert side_features("actor", [filled]) == {"actor:country": 1.0, "actor:from_article": 1.0}
    assert side_features("actor", []) == {}
    assert event_features(features(), [], [])["nobody"] == 1.0


def test_a_text_of_one_sentence_and_an_article_are_scored_by_their_own_model():
    assert kind_of(features()) == "sentence"
    assert kind_of(features(sentences=5, sentence_index=2)) == "article"
    assert features(sentences=5, sentence_index=0)["lead_sentence"] == 1.0


def test_rescoring_uses_the_participants_the_event_has_now():
    model = model_from_dict({"models": {
        "sentence": {"intercept": 0.0, "feature_names": ["actor:from_article"], "coefficients": [0.0]},
        "article": {"intercept": 1.0, "feature_names": ["actor:from_article"], "coefficients": [-2.0]}}})
    feats = features(sentences=3, sentence_index=1)
    event = Event(article_id="a", event_type="ACCUSE", evidence=Evidence("s", 0, 1), actors=[KENYA], features=feats)
    assert rescored(event, model=model).confidence == pytest.approx(0.731, abs=1e-3)
    event.actors = [Entity(text="the government", sector="GOV", country="KEN", origin="article")]
    assert rescored(event, model=model).confidence == pytest.approx(0.269, abs=1e-3)
    stored = Event(article_id="a", event_type="ACCUSE", evidence=Evidence("s", 0, 1), confidence=0.4)
    assert rescored(stored, model=model).confidence == 0.4  # no features: read from a store, left alone


def _rows():
    """A small written set: governed events are mostly wrong, events with a country actor mostly right."""
    rows = []
    for i in range(40):
        governed, country = i % 2 == 0, i % 3 != 0
        feats = event_features(features(governed=governed, sentences=4, sentence_index=i % 4),
                               [KENYA] if country else [POLICE], [])
        label = (not governed and country) or i % 7 == 0
        rows.append(Row(dataset="reuters", group=f"reuters:{i // 2}", event_id=f"e{i}", features=feats, label=label))
        rows.append(Row(dataset="plover", group=f"plover:{i}", event_id=f"p{i}",
                        features=event_features(features(governed=governed), [KENYA], []),
                        label=not governed or i % 5 == 0))
    return rows


def test_the_fit_is_deterministic_and_learns_the_written_pattern():
    rows = _rows()
    c = {"sentence": 1.0, "article": 1.0}
    a = model_json(fit_models(rows, c=c), rows, [])
    b = model_json(fit_models(list(rows), c=c), rows, [])
    assert a == b  # byte-identical
    article = json.loads(a)["models"]["article"]
    coef = dict(zip(article["feature_names"], article["coefficients"]))
    assert coef["governed"] < 0 < coef["actor:country"]
    assert coef["pattern:passive"] == 0.0  # a feature never seen gets no weight


def test_c_zero_is_the_prior_alone():
    rows = [r for r in _rows() if r.dataset == "reuters"]
    share = sum(r.label for r in rows) / len(rows)
    model = fit_rows(rows, c=0.0)
    assert set(model["coefficients"]) == {0.0}
    assert 1 / (1 + math.exp(-model["intercept"])) == pytest.approx(share, abs=1e-6)
    # out of fold, each fold gets the share of right rows among the other folds' rows
    probs = out_of_fold_one(rows, folds=4, c=0.0)
    for test in fold_assignment([r.group for r in rows], folds=4, seed=None):
        train = [r for i, r in enumerate(rows) if i not in set(test)]
        assert {round(probs[i], 9) for i in test} == {round(sum(r.label for r in train) / len(train), 9)}


def test_random_fold_assignments_keep_groups_whole_and_repeat_with_their_seed():
    groups = [f"s{i // 3}" for i in range(30)]  # ten groups of three rows
    for seed in (None, 0, 1):
        folds = fold_assignment(groups, folds=4, seed=seed)
        assert sorted(i for f in folds for i in f) == list(range(30))  # every row in exactly one fold
        assert all(len({groups[i] for i in f} & {groups[i] for i in g}) == 0
                   for f in folds for g in folds if f is not g)  # no group split across folds
    assert fold_assignment(groups, folds=4, seed=3) == fold_assignment(groups, folds=4, seed=3)
    assert any(fold_assignment(groups, folds=4, seed=s) != fold_assignment(groups, folds=4, seed=0)
               for s in range(1, 5))


def test_out_of_fold_predicts_each_group_with_a_model_that_never_saw_it():
    rows = _rows()
    probs = out_of_fold(rows, folds=4)
    assert len(probs) == len(rows) and all(0 < p < 1 for p in probs)
    # a row whose group is alone in the data is predicted from the others only: changing its label
    # changes the in-sample fit but not its own out-of-fold prediction
    flipped = [Row(r.dataset, r.group, r.event_id, r.features, not r.label) if r.event_id == "p0" else r
               for r in rows]
    assert out_of_fold(flipped, folds=4)[rows.index(next(r for r in rows if r.event_id == "p0"))] == \
        pytest.approx(probs[rows.index(next(r for r in rows if r.event_id == "p0"))])


def test_a_model_weighs_only_its_own_features():
    rows = [r for r in _rows() if r.dataset == "reuters"]
    full = fit_rows(rows, c=1.0)
    only = fit_rows(rows, c=1.0, features=("governed",))
    coef = dict(zip(only["feature_names"], only["coefficients"]))
    assert only["feature_names"] == list(FEATURE_NAMES)  # the JSON still names every feature
    assert coef["governed"] < 0 and {v for k, v in coef.items() if k != "governed"} == {0.0}
    assert dict(zip(full["feature_names"], full["coefficients"]))["actor:country"] > 0  # what the subset leaves out
    # out of fold, the subset's model never weighs the left-out feature: rows that differ only in it agree
    probs = out_of_fold_one(rows, folds=4, c=1.0, features=("governed",))
    same = [(p, r.features.get("governed", 0.0)) for p, r in zip(probs, rows)]
    fold_of = {i: f for f, test in enumerate(fold_assignment([r.group for r in rows], folds=4, seed=None)) for i in test}
    by_key = {}
    for i, (p, governed) in enumerate(same):
        by_key.setdefault((fold_of[i], governed), set()).add(round(p, 9))
    assert all(len(v) == 1 for v in by_key.values())
    assert set(FEATURES["sentence"]) < set(FEATURE_NAMES) and columns(FEATURES["article"]) == list(range(len(FEATURE_NAMES)))
    with pytest.raises(ValueError, match="not in the extractor"):
        columns(("a made-up feature",))


def test_the_fitted_sentence_model_is_fitted_on_the_plover_rows_beside_the_shipped_article_model():
    rows = _rows()
    model = fitted_sentence_model(rows)
    sentence = model.models["sentence"]
    assert set(sentence.coefficients) == set(FEATURE_NAMES)
    assert {n for n, v in sentence.coefficients.items() if v} <= set(FEATURES["sentence"])
    assert sentence.coefficients["governed"] < 0  # the pattern the plover rows were written with
    assert model.models["article"] == shipped_model().models["article"]
    assert fitted_sentence_model([r for r in rows if r.dataset == "reuters"]) is None  # no plover rows
    assert fitted_sentence_model([r for r in rows if r.dataset == "plover" and r.label]) is None  # one outcome


def test_fitting_refuses_rows_of_one_outcome_and_unknown_features():
    rows = [r for r in _rows() if r.dataset == "plover" and r.label]
    with pytest.raises(ValueError):
        fit_rows(rows, c=1.0)
    with pytest.raises(ValueError, match="not in the extractor"):
        matrix([Row("plover", "g", "e", {"a made-up feature": 1.0}, True)])


def test_the_shipped_model_loads_once_and_gives_probabilities():
    model = shipped_model()
    assert model is shipped_model()
    p = model.probability(event_features(features(), [KENYA], [UN]))
    q = model.probability(event_features(features(sentences=3), [KENYA], [UN]))
    assert 0 < p < 1 and 0 < q < 1


def test_the_cli_says_what_is_missing(tmp_path):
    from typer.testing import CliRunner

    from eventwire.cli import app

    result = CliRunner().invoke(app, ["fit-confidence", "--data-dir", str(tmp_path), "--out", str(tmp_path / "m.json")])
    assert result.exit_code == 1 and "absent" in result.output
    assert not (tmp_path / "m.json").exists()


def test_a_country_the_sentence_placed_is_no_evidence():
    from eventwire.coder.confidence import side_features
    from eventwire.schema import Entity

    named = Entity("Prisoners", "Prisoners", None, "CVL")
    placed = Entity("Prisoners", "Prisoners", "TLS", "CVL", origin="sentence")
    assert side_features("actor", [placed]) == side_features("actor", [named]) == {"actor:named": 1.0}
    assert side_features("actor", [Entity("Samarra", None, "IRQ", None, origin="sentence")]) == {}
    assert side_features("actor", [Entity("Iraq", "Iraq", "IRQ")]) == {"actor:country": 1.0}


def test_story_features_economic_share_and_headline_state():
    from eventwire.coder.confidence import story_features
    from eventwire.schema import Entity
    iran = Entity(text="Iran", name="Iran", country="IRN", sector=None)
    feats = story_features({"weight": 0.8}, [iran], economic=0.25, headline={"IRN", "IRQ"})
    assert feats == {"weight": 0.8, "economic_story": 0.25, "headline_state": 1.0}
    assert story_features({"weight": 0.8}, [iran], economic=0.0, headline={"USA"}) == {"weight": 0.8}
    assert {"speculative", "economic_story", "headline_state"} <= set(FEATURE_NAMES)
