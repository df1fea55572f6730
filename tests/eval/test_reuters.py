"""Article-level scoring of the Reuters dev set (eventwire/eval/reuters.py) and the tune/check halves."""
import json

import pytest

from eventwire.eval.halves import half_of, halves_report, split_indices
from eventwire.eval.reuters import GoldArticle, event_matches, evaluate_reuters, map_articles, score_articles


def ent(country=None, sector=None, name=None, text="x"):
    return {"text": text, "name": name, "country": country, "sector": sector}


def ev(event_type, actors=(), recipients=(), **extra):
    return {"event_type": event_type, "actors": list(actors), "recipients": list(recipients),
            "evidence": {"sentence": "s"}, **extra}


def gold(id_, types, actor, recipient, core=True, **extra):
    return {"id": id_, "types": types, "actor": actor, "recipient": recipient, "core": core, **extra}


def test_a_side_matches_on_any_code_it_carries():
    g = gold("g", ["ACCUSE"], ["IRN"], ["USA", None])
    assert event_matches(ev("ACCUSE", [ent("IRN", "GOV")], [ent("USA")]), g)
    assert event_matches(ev("ACCUSE", [ent("IRN")]), g)  # no recipient: the list holds null
    assert not event_matches(ev("ACCUSE", [ent("IRQ")], [ent("USA")]), g)
    assert not event_matches(ev("REJECT", [ent("IRN")], [ent("USA")]), g)
    assert event_matches(ev("ACCUSE", [ent(name="Contras")]), gold("c", ["ACCUSE"], ["contras"], None))


def test_an_empty_side_needs_null_and_recipient_none_accepts_anything():
    assert not event_matches(ev("ASSAULT", [], [ent("IRQ")]), gold("g", ["ASSAULT"], ["IRN"], ["IRQ"]))
    assert event_matches(ev("ASSAULT", [ent("IRN")], [ent("FRA")]), gold("g", ["ASSAULT"], ["IRN"], None))


def test_compound_events_are_read_as_dyads_and_symmetric_gold_allows_a_swap():
    g = gold("g", ["CONSULT"], ["USA"], ["RUS", "SUN"], symmetric=True)
    assert event_matches(ev("CONSULT", [ent("FRA"), ent("USA")], [ent("RUS")]), g)
    assert event_matches(ev("CONSULT", [ent("RUS")], [ent("USA")]), g)
    assert not event_matches(ev("CONSULT", [ent("RUS")], [ent("USA")]), {**g, "symmetric": False})


def test_scores_count_core_recall_precision_duplicates_and_false_events():
    golds = [[gold("a1", ["ASSAULT"], ["IRN"], ["IRQ", None], date="1987-02-26"),
              gold("a2", ["CONSULT"], ["USA"], None, core=False)],
             []]  # an economic story: no events
    predicted = [[ev("ASSAULT", [ent("IRN")], date="1987-02-26"), ev("ASSAULT", [ent("IRN")], [ent("IRQ")]),
                  ev("CONSULT", [ent("USA")]), ev("PROTEST", [ent("IRN")])],
                 [ev("AGREE", [ent("JPN")])]]
    r = score_articles(golds, predicted, ["r1", "r2"])
    assert (r["core"], r["core_found"], r["predicted"], r["correct"], r["duplicates"]) == (1, 1, 5, 3, 1)
    assert r["recall"] == 1.0 and r["precision"] == pytest.approx(0.6)
    assert r["false_events"] == 2 and r["false_events_per_article"] == 1.0
    assert r["field_accuracy"]["date"] == 1.0
    assert [e["article"] for e in r["false_event_list"]] == ["r1", "r2"]


def test_gold_articles_map_by_title_then_by_opening_words():
    stored = [{"id": "A", "title": "IRAN SAYS", "text": "..."}, {"id": "B", "title": None, "text": "Leaders met."}]
    mapped = map_articles([GoldArticle(1, 107, "IRAN SAYS", "zzz"), GoldArticle(2, 219, "OTHER", "Leaders met"),
                           GoldArticle(3, 300, "NONE", "nothing like it")], stored)
    assert mapped == {1: "A", 2: "B", 3: None}


def test_halves_are_fixed_by_hash_and_split_roughly_evenly():
    assert half_of("plover", "abc") == half_of("plover", "abc")
    units = [str(i) for i in range(1000)]
    split = split_indices("plover", units)
    assert sorted(split["tune"] + split["check"]) == list(range(1000))
    assert 400 < len(split["tune"]) < 600
    # a dataset's name is part of the hash: the same ids fall differently in another set
    assert split_indices("conflibert", units) != split


def test_halves_report_keeps_the_nesting_of_dotted_keys():
    out = halves_report("x", ["a", "b", "c", "d"], lambda pos: {"m": len(pos), "c": {"auc": 0.5}}, ["m", "c.auc"])
    assert out["tune"]["n"] + out["check"]["n"] == 4
    assert out["tune"]["c"] == {"auc": 0.5} and out["check"]["m"] == out["check"]["n"]


@pytest.mark.slow
def test_the_whole_pipeline_is_scored_and_merged_events_count_for_every_article(tmp_path, nlp):
    stories = [
        {"id": "reuters-1", "title": "IRAQ SAYS IT SHELLED IRAN", "published": "1987-03-02", "source": "Reuters",
         "text": "Iraqi forces shelled the Iranian city of Ahvaz on Monday, the Iraqi news agency said.\n"},
        {"id": "reuters-2", "title": "IRAN REPORTS SHELLING", "published": "1987-03-02", "source": "Agence",
         "text": "Iraqi troops shelled Ahvaz in Iran on Monday, Tehran radio reported.\n"},
    ]
    (tmp_path / "stories.jsonl").write_text("\n".join(json.dumps(s) for s in stories) + "\n")
    g = {"articles": [{"n": 1, "newid": 1, "title": "IRAQ SAYS IT SHELLED IRAN", "starts_with": "Iraqi forces"},
                      {"n": 2, "newid": 2, "title": "IRAN REPORTS SHELLING", "starts_with": "Iraqi troops"}],
         "events": [{"id": f"e{n}", "article": n, "core": True, "types": ["ASSAULT"], "actor": ["IRQ"],
                     "recipient": None} for n in (1, 2)]}
    (tmp_path / "gold.json").write_text(json.dumps(g))
    r = evaluate_reuters(tmp_path)
    assert r["unmapped_articles"] == [] and r["stored_articles"] == 2
    # one stored event (the second report merged into the first) counts in both articles
    assert r["recall"] == 1.0 and r["false_events"] == 0 and r["predicted"] == 2
    assert r["halves"]["tune"]["n"] + r["halves"]["check"]["n"] == 2


class _FixedOutOfFold:
    """An OutOfFold stand-in: every event gets one probability per split."""

    def __init__(self, plain, repeated):
        self.plain, self.repeated, self.rows = plain, [{} for _ in repeated], {"reuters": 2}
        self._repeated = repeated

    def confidence_of(self, dataset, event_id, repeat=None):
        return self.plain if repeat is None else self._repeated[repeat]

    def describe(self, dataset):
        return {"folds": 5, "grouped_by": "story", "rows": 2}


def test_calibration_is_scored_again_under_each_random_split_and_its_spread_reported(tmp_path, nlp):
    stories = [{"id": "reuters-1", "title": "IRAQ SAYS IT SHELLED IRAN", "published": "1987-03-02",
                "text": "Iraqi forces shelled the Iranian city of Ahvaz on Monday, the Iraqi news agency said.\n"}]
    (tmp_path / "stories.jsonl").write_text(json.dumps(stories[0]) + "\n")
    g = {"articles": [{"n": 1, "newid": 1, "title": "IRAQ SAYS IT SHELLED IRAN", "starts_with": "Iraqi forces"}],
         "events": [{"id": "e1", "article": 1, "core": True, "types": ["ASSAULT"], "actor": ["IRQ"],
                     "recipient": None}]}
    (tmp_path / "gold.json").write_text(json.dumps(g))
    r = evaluate_reuters(tmp_path, out_of_fold=_FixedOutOfFold(0.9, [0.95, 0.55]))
    assert r["correct"] == r["predicted"] == 1
    assert r["calibration"]["ece"] == pytest.approx(0.1)  # GroupKFold's split: 0.9 for an event that is right
    rep = r["calibration_repeated"]
    assert rep["repeats"] == 2 and rep["ece_min"] == pytest.approx(0.05) and rep["ece_max"] == pytest.approx(0.45)
    assert rep["ece_mean"] == pytest.approx(0.25)
    # one event: the smooth ECE is its gap too (calibration.smooth_ece)
    assert rep["smece_min"] == pytest.approx(0.05, abs=1e-3) and rep["smece_max"] == pytest.approx(0.45, abs=1e-3)
    assert rep["smece_mean"] == pytest.approx(0.25, abs=1e-3)
    half = "tune" if r["halves"]["tune"]["n"] else "check"
    assert r["halves"][half]["calibration_repeated"]["ece_mean"] == pytest.approx(0.25)
