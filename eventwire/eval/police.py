"""IndiaPoliceEvents sentences: did police kill / arrest someone?

Which coded events count as a police KILL or ARREST is data
(data/police_labels.yml).  The corpus has 21k sentences; by default a fixed,
deterministic subset of whole documents is used (every ``DEFAULT_DOC_STRIDE``-th
document in doc_id order), so the base rate of each label is kept; ``full=True``
reads everything.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.eval.coding import Coder, code_texts, entity_sectors
from eventwire.eval.datasets import load_yaml, read_jsonl, require
from eventwire.eval.halves import halves_report, pick
from eventwire.eval.metrics import binary_scores
from eventwire.schema import Event

DEFAULT_DOC_STRIDE = 4


@dataclass
class PoliceRecord:
    doc_id: str
    sent_id: int
    text: str
    labels: set[str] = field(default_factory=set)


@functools.cache
def label_rules() -> dict[str, list[dict]]:
    """Label name -> its rules, from data/police_labels.yml."""
    return {name: entry["rules"] for name, entry in load_yaml("police_labels.yml")["labels"].items()}


def rule_matches(rule: dict, event: Event) -> bool:
    """Whether one rule of police_labels.yml holds for an event (all named conditions)."""
    if event.event_type not in rule["event_types"]:
        return False
    if "factuality" in rule and event.factuality not in rule["factuality"]:
        return False
    if "actor_sectors" in rule and not entity_sectors(event.actors) & set(rule["actor_sectors"]):
        return False
    if "modes" in rule and event.mode not in rule["modes"]:
        return False
    if "triggers" in rule:
        trigger = (event.trigger or "").casefold()
        if not any(trigger.startswith(word) for word in rule["triggers"]):
            return False
    for quantity, minimum in rule.get("min_quantity", {}).items():
        value = event.quantities.get(quantity)
        if not isinstance(value, (int, float)) or value < minimum:
            return False
    return True


def predicted_labels(events: list[Event]) -> set[str]:
    """Police labels the coded events of one sentence answer yes to."""
    return {
        name for name, rules in label_rules().items()
        if any(rule_matches(rule, event) for rule in rules for event in events)
    }


def load_police_records(
    path: Path, *, limit: int | None = None, full: bool = False, doc_stride: int = DEFAULT_DOC_STRIDE
) -> list[PoliceRecord]:
    """Sentences of the corpus: all (``full``) or those of every ``doc_stride``-th document;
    ``limit`` then keeps the first n sentences."""
    records = [
        PoliceRecord(doc_id=str(require(raw, "doc_id", path, n)), sent_id=int(raw.get("sent_id", n)),
                     text=require(raw, "text", path, n), labels=set(raw.get("labels") or []))
        for n, raw in enumerate(read_jsonl(path), start=1)
    ]
    if not full:
        docs = sorted({r.doc_id for r in records}, key=_doc_order)
        keep = set(docs[::doc_stride])
        records = [r for r in records if r.doc_id in keep]
    return records[:limit] if limit is not None else records


def _doc_order(doc_id: str) -> tuple[int, str]:
    return (int(doc_id), doc_id) if doc_id.isdigit() else (10**12, doc_id)


def score_police(records: list[PoliceRecord], events: list[list[Event]]) -> dict:
    if len(records) != len(events):
        raise ValueError("one list of events per record is needed")
    predicted = [predicted_labels(e) for e in events]
    report: dict = {"n": len(records), "documents": len({r.doc_id for r in records})}
    for name in label_rules():
        scores = binary_scores([name in r.labels for r in records], [name in p for p in predicted])
        scores["gold_count"] = scores["tp"] + scores["fn"]
        report[name.lower()] = scores
    return report


def evaluate_police(
    path: Path, *, coder: Coder, nlp=None, limit: int | None = None, full: bool = False
) -> dict:
    records = load_police_records(path, limit=limit, full=full)
    coded = code_texts([r.text for r in records], coder=coder, nlp=nlp,
                       ids=[f"{r.doc_id}-{r.sent_id}" for r in records], label="india_police")
    report = score_police(records, coded.events)
    report["halves"] = halves_report(
        "india_police", [r.doc_id for r in records],
        lambda pos: score_police(pick(records, pos), pick(coded.events, pos)), ["kill.f1", "arrest.f1"])
    report.update(subset="full" if full else f"every {DEFAULT_DOC_STRIDE}th document",
                  seconds=round(coded.seconds, 2), coder_failures=len(coded.failures))
    return report
