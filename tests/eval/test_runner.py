import json

import pytest

from eventwire.eval import BASELINE, check_floors, format_report, load_baseline, run_evaluation
from eventwire.eval.__main__ import main
from eventwire.eval.datasets import DATASETS
from eventwire.eval.runner import PLACES_DATES_FUNCTIONS, metric_value
from tests.eval.fakes import fake_coder


def write_jsonl(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")


@pytest.fixture
def data_dir(tmp_path):
    root = tmp_path / "shared" / "data"
    write_jsonl(root / "plover_gsr_cameo" / "plover_gsr_dev.jsonl", [
        {"id": "p1", "text": "Japan and France agreed to talk.", "event_plover_current": "AGREE",
         "source": [{"actorText": "Japan", "code": "JAP"}], "target": [{"actorText": "France", "code": "FRA"}]},
        {"id": "p2", "text": "Russia attacked a town.", "event_plover_current": "ASSAULT",
         "source": [{"actorText": "Russia", "code": "RUS"}], "target": []},
        {"id": "p3", "text": "Crowds marched.", "event_plover_current": "PROTEST", "source": [], "target": []},
    ])
    write_jsonl(root / "conflibert_cameo" / "cameo_class_test.jsonl", [
        {"id": "c1", "text": "Rebels attacked a convoy.", "penta_class": 4},
        {"id": "c2", "text": "The minister said things.", "penta_class": 0},
        {"id": "c3", "text": "They met in Paris.", "penta_class": 3},
    ])
    write_jsonl(root / "india_police_events" / "sents.jsonl", [
        {"doc_id": 1, "sent_id": 0, "text": "police arrested ten men.", "labels": ["ARREST"]},
        {"doc_id": 1, "sent_id": 1, "text": "police attacked and killed two.", "labels": ["KILL"]},
        {"doc_id": 1, "sent_id": 2, "text": "calm returned.", "labels": []},
    ])
    samples = tmp_path / "shared" / "samples"
    samples.mkdir()
    (samples / "thelocal-two-stories.txt").write_text(
        "Talks\n\nFrance met Russia on Sunday.\n\nMember comments\n\nLog in.\n\n\nSecond\n\nJapan agreed.\n")
    return root


def test_runs_every_present_dataset_with_an_injected_coder(data_dir):
    report = run_evaluation(data_dir=data_dir, coder=fake_coder)
    got = report["datasets"]
    # reuters runs the whole pipeline (not an injected coder): tests/eval/test_reuters.py; absent here
    coded = [n for n in DATASETS if n != "reuters"]
    assert {got[n]["status"] for n in coded} == {"ok"} and got["reuters"]["status"] == "skipped"
    assert got["plover"]["halves"]["tune"]["n"] + got["plover"]["halves"]["check"]["n"] == 3
    assert got["plover"]["n"] == 3 and got["plover"]["type_accuracy"] == pytest.approx(2 / 3)
    assert got["plover"]["actor_country_accuracy"] == pytest.approx(1.0)  # JAP counted as JPN
    assert got["conflibert"]["accuracy"] == pytest.approx(2 / 3)
    assert got["india_police"]["kill"]["tp"] == 1 and got["india_police"]["arrest"]["tp"] == 1
    assert got["sample"]["predicted"] >= 1
    text = format_report(report)
    for name in coded:
        assert f"== {name} [ok]" in text
    assert "halves" in text and "check" in text
    assert "type_accuracy" in text and "confusion" in text


def test_limit_and_dataset_selection(data_dir):
    report = run_evaluation(data_dir=data_dir, datasets=["plover"], limit=2, coder=fake_coder)
    assert list(report["datasets"]) == ["plover"] and report["datasets"]["plover"]["n"] == 2
    with pytest.raises(ValueError):
        run_evaluation(data_dir=data_dir, datasets=["nope"], coder=fake_coder)


def test_absent_datasets_are_skipped_not_failed(tmp_path):
    report = run_evaluation(data_dir=tmp_path / "nothing", datasets=list(DATASETS), coder=fake_coder)
    for name in DATASETS:
        assert report["datasets"][name]["status"] == "skipped"
        assert "absent" in report["datasets"][name]["message"]
    assert check_floors(report, {"floors": {"plover.type_accuracy": {"floor": 0.9}}}) == []
    assert "skipped" in format_report(report)


def test_broken_dataset_is_reported_and_breaks_its_floors(data_dir):
    (data_dir / "plover_gsr_cameo" / "plover_gsr_dev.jsonl").write_text("{not json\n")
    report = run_evaluation(data_dir=data_dir, datasets=["plover", "conflibert"], coder=fake_coder)
    assert report["datasets"]["plover"]["status"] == "error"
    assert report["datasets"]["conflibert"]["status"] == "ok"
    failures = check_floors(report, {"floors": {"plover.type_accuracy": {"floor": 0.1}}})
    assert len(failures) == 1 and "failed to run" in failures[0]


def test_check_floors_lines():
    report = {"datasets": {"plover": {"status": "ok", "type_accuracy": 0.71, "confidence": {"auc": 0.6}},
                           "sample": {"status": "ok", "false_event_rate": 0.4}}}
    baseline = {"floors": {"plover.type_accuracy": {"floor": 0.8}, "plover.confidence.auc": {"floor": 0.5},
                           "plover.no_such_metric": {"floor": 0.1}},
                "ceilings": {"sample.false_event_rate": {"ceiling": 0.3}}}
    assert check_floors(report, baseline) == [
        "plover.type_accuracy 0.710 < floor 0.800",
        "plover.no_such_metric missing from the report (floor 0.100)",
        "sample.false_event_rate 0.400 > ceiling 0.300",
    ]
    assert metric_value(report, "plover.confidence.auc") == 0.6


def test_baseline_floors_are_below_what_was_measured():
    baseline = load_baseline(BASELINE)
    known = set(DATASETS) | set(PLACES_DATES_FUNCTIONS) | {"merge"}  # merge runs on our own corpus
    assert baseline["floors"], "baseline.json has no floors"
    for key, entry in baseline["floors"].items():
        assert key.split(".")[0] in known
        assert 0 <= entry["floor"] <= entry["measured"], key
    for key, entry in baseline.get("ceilings", {}).items():
        assert key.split(".")[0] in known
        assert entry["measured"] <= entry["ceiling"], key
        if key.endswith("rate"):  # a share; counts per article (reuters false_events_per_article) may pass 1
            assert entry["ceiling"] <= 1, key


def test_main_prints_report_and_writes_json(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EVENTWIRE_DATA", str(tmp_path / "absent"))
    out = tmp_path / "report.json"
    assert main(["--datasets", "plover", "--datasets", "sample", "--json", str(out), "--check"]) == 0
    printed = capsys.readouterr().out
    assert "== plover [skipped]" in printed and "all floors hold" in printed
    assert set(json.loads(out.read_text())["datasets"]) == {"plover", "sample"}


def test_main_check_exits_1_on_a_broken_floor(monkeypatch, capsys):
    broken = {"datasets": {"plover": {"status": "ok", "type_accuracy": 0.0}}}
    monkeypatch.setattr("eventwire.eval.__main__.run_evaluation", lambda **kw: broken)
    monkeypatch.setattr("eventwire.eval.__main__.check_floors",
                        lambda report: check_floors(report, {"floors": {"plover.type_accuracy": {"floor": 0.5}}}))
    assert main(["--check"]) == 1
    assert "plover.type_accuracy 0.000 < floor 0.500" in capsys.readouterr().out
