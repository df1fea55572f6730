"""ConfliBERT CAMEO sentences (test split): the quad (PentaClass) of the main event.

The main event is the coder's top-1 event; its PLOVER type maps to a PentaClass
label through data/quad_classes.yml, and a sentence without an event maps to the
file's ``no_event_label``.  Evaluation only: nothing here is tuned on this set.

Nobody fits or tunes on these sentences, so they judge the sentence confidence model fairly, whether
hand-set or fitted on the PLOVER sentences: ``confidence`` gives the AUC and reliability of the top event's
confidence (right = its PentaClass is the gold one), and ``confidence.fitted_sentence_model`` the same
figures, accuracy and macro-F1 with the sentence model fitted on every PLOVER dev sentence
(``confidence_fit.OutOfFold.fitted_sentence``) when the shipped one is the hand-set one.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from eventwire.eval.calibration import reliability
from eventwire.eval.coding import Coder, code_texts, top_event
from eventwire.eval.datasets import load_yaml, read_jsonl, require
from eventwire.eval.halves import halves_report, pick
from eventwire.eval.metrics import accuracy, confusion_counts, macro_f1, per_class_scores, roc_auc
from eventwire.schema import Event


@dataclass
class QuadRecord:
    id: str
    text: str
    label: int


@functools.cache
def quad_table() -> tuple[dict[str, int], int, dict[int, str]]:
    """(event type -> label, label for no event, label -> name) from data/quad_classes.yml."""
    data = load_yaml("quad_classes.yml")
    by_type: dict[str, int] = {}
    names: dict[int, str] = {}
    for entry in data["classes"]:
        names[int(entry["label"])] = entry["name"]
        for event_type in entry["event_types"]:
            if event_type in by_type:
                raise ValueError(f"quad_classes.yml lists {event_type} twice")
            by_type[event_type] = int(entry["label"])
    return by_type, int(data["no_event_label"]), names


def quad_label(event: Event | None) -> int:
    """PentaClass label of an event (the no-event label for None)."""
    by_type, no_event, _ = quad_table()
    return no_event if event is None else by_type[event.event_type]


def load_quad_records(path: Path, *, limit: int | None = None) -> list[QuadRecord]:
    return [
        QuadRecord(id=str(raw.get("id", n)), text=require(raw, "text", path, n),
                   label=int(require(raw, "penta_class", path, n)))
        for n, raw in enumerate(read_jsonl(path, limit=limit), start=1)
    ]


def score_quad(records: list[QuadRecord], events: list[list[Event]]) -> dict:
    if len(records) != len(events):
        raise ValueError("one list of events per record is needed")
    gold = [r.label for r in records]
    tops = [top_event(e) for e in events]
    predicted = [quad_label(t) for t in tops]
    labels = sorted(quad_table()[2])
    scored = [(t.confidence, g == p) for t, g, p in zip(tops, gold, predicted) if t is not None]
    return {
        "n": len(records),
        "accuracy": accuracy(gold, predicted),
        "macro_f1": macro_f1(gold, predicted, labels=labels),
        "per_class": per_class_scores(gold, predicted, labels=labels),
        "class_names": quad_table()[2],
        "confusion": confusion_counts(gold, predicted),
        "confidence": {"auc": roc_auc([c for c, _ in scored], [ok for _, ok in scored]),
                       "calibration": reliability([c for c, _ in scored], [ok for _, ok in scored])},
    }


HEADLINE = ["accuracy", "macro_f1", "confidence.auc", "confidence.calibration.ece"]


def evaluate_quad(path: Path, *, coder: Coder, nlp=None, limit: int | None = None, out_of_fold=None) -> dict:
    """Scores on the ConfliBERT sentences; with ``out_of_fold`` (``confidence_fit.OutOfFold``) and a hand-set
    shipped sentence model, the same again coded with the sentence model fitted on the PLOVER sentences."""
    from eventwire.coder.confidence import using_model
    from eventwire.eval.confidence_fit import is_fitted

    records = load_quad_records(path, limit=limit)
    coded = code_texts([r.text for r in records], coder=coder, nlp=nlp,
                       ids=[r.id for r in records], label="conflibert")
    report = _scored(records, coded.events)
    report["confidence"]["source"] = "the shipped model (" + (
        "fitted on the PLOVER sentences)" if is_fitted("sentence") else "the hand-set sentence model)")
    fitted = getattr(out_of_fold, "fitted_sentence", None)
    if fitted is not None and not is_fitted("sentence"):
        with using_model(fitted):
            again = code_texts([r.text for r in records], coder=coder, nlp=nlp, ids=[r.id for r in records],
                               label="conflibert (fitted sentence model)")
        other = _scored(records, again.events)
        report["confidence"]["fitted_sentence_model"] = {
            "accuracy": other["accuracy"], "macro_f1": other["macro_f1"], "auc": other["confidence"]["auc"],
            "ece": other["confidence"]["calibration"]["ece"], "halves": other["halves"]}
    report.update(seconds=round(coded.seconds, 2), coder_failures=len(coded.failures))
    return report


def _scored(records: list[QuadRecord], events: list[list[Event]]) -> dict:
    report = score_quad(records, events)
    report["halves"] = halves_report(
        "conflibert", [r.id for r in records],
        lambda pos: score_quad(pick(records, pos), pick(events, pos)), HEADLINE)
    return report
