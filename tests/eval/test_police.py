import json

import pytest

from eventwire.eval.datasets import load_yaml
from eventwire.eval.police import (
    PoliceRecord, label_rules, load_police_records, predicted_labels, rule_matches, score_police,
)
from tests.eval.fakes import make_event

RULES = [(label, rule) for label, rules in label_rules().items() for rule in rules]


def event_from(spec: dict):
    return make_event(spec["event_type"], actor_sectors=spec.get("actor_sectors", ()), mode=spec.get("mode"),
                      trigger=spec.get("trigger"), quantities=spec.get("quantities"),
                      factuality=spec.get("factuality", "asserted"))


@pytest.mark.parametrize("label,rule", RULES, ids=[f"{label}-{rule['name']}" for label, rule in RULES])
def test_every_rule_matches_its_example_and_not_its_counter_example(label, rule):
    assert rule_matches(rule, event_from(rule["example"]))
    assert not rule_matches(rule, event_from(rule["counter_example"]))
    assert label in predicted_labels([event_from(rule["example"])])


TRIGGERS = [(rule["name"], word) for _, rule in RULES for word in rule.get("triggers", [])]


@pytest.mark.parametrize("rule_name,word", TRIGGERS)
def test_every_trigger_word_marks_an_arrest(rule_name, word):
    assert "ARREST" in predicted_labels([make_event("COERCE", trigger=word + "ed")])
    assert "ARREST" not in predicted_labels([make_event("COERCE", trigger="x" + word)])


MODES = [(rule, mode) for _, rule in RULES for mode in rule.get("modes", [])]


@pytest.mark.parametrize("rule,mode", MODES, ids=[m for _, m in MODES])
def test_every_arrest_mode(rule, mode):
    assert predicted_labels([event_from(rule["example"] | {"mode": mode})]) == {"ARREST"}
    assert predicted_labels([event_from(rule["example"] | {"mode": "other"})]) == set()


def test_kill_needs_police_actor_and_deaths():
    assert predicted_labels([make_event("ASSAULT", actor_sectors=["REB"], quantities={"killed": 4})]) == set()
    assert predicted_labels([make_event("ASSAULT", actor_sectors=["COP"])]) == set()
    assert predicted_labels([make_event("ASSAULT", actor_sectors=["COP"], quantities={"killed": 4})]) == {"KILL"}


def test_labels_file_has_a_question_per_label():
    assert all(entry["question"].endswith("?") for entry in load_yaml("police_labels.yml")["labels"].values())


def write_corpus(path, docs=8, sentences=3):
    rows = [{"doc_id": d, "sent_id": s, "text": f"doc {d} sentence {s}", "labels": ["ARREST"] if s == 0 else []}
            for d in range(docs) for s in range(sentences)]
    path.write_text("\n".join(json.dumps(r) for r in rows))


def test_default_subset_takes_whole_documents_deterministically(tmp_path):
    path = tmp_path / "sents.jsonl"
    write_corpus(path, docs=8)
    subset = load_police_records(path, doc_stride=4)
    assert sorted({r.doc_id for r in subset}) == ["0", "4"] and len(subset) == 6
    assert subset == load_police_records(path, doc_stride=4)
    assert len(load_police_records(path, full=True)) == 24
    assert len(load_police_records(path, full=True, limit=5)) == 5


def test_score_police():
    records = [PoliceRecord("1", i, "t", labels) for i, labels in
               enumerate([{"ARREST"}, {"ARREST", "KILL"}, set(), set()])]
    events = [[make_event("COERCE", mode="detain", actor_sectors=["COP"])], [], [make_event("COERCE", quantities={"arrested": 3})], []]
    r = score_police(records, events)
    assert (r["arrest"]["tp"], r["arrest"]["fp"], r["arrest"]["fn"]) == (1, 1, 1)
    assert r["kill"]["recall"] == 0.0 and r["kill"]["gold_count"] == 1 and r["documents"] == 1
