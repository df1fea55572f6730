"""Evaluation of event merging: pairwise precision, recall and F1 of clusters against gold.

A pair of events is *predicted* when the merge put them in one cluster and *gold* when they
report the same happening; precision is the share of predicted pairs that are gold, recall the
share of gold pairs that were predicted.  Events absent from the gold are happenings of their own,
so clustering one of them with anything counts against precision.
"""
from __future__ import annotations

import functools
import json
import tempfile
from collections.abc import Hashable, Iterable, Mapping
from itertools import combinations
from pathlib import Path

import yaml

from eventwire.eval.halves import HALVES, half_of
from eventwire.eval.metrics import precision_recall_f1


def cluster_pairs(clusters: Iterable[Iterable[Hashable]]) -> set[frozenset]:
    """Every unordered pair of items that share a cluster."""
    pairs: set[frozenset] = set()
    for cluster in clusters:
        pairs.update(frozenset(p) for p in combinations(sorted(set(cluster), key=str), 2))
    return pairs


def clusters_from_labels(labels: Mapping[Hashable, Hashable]) -> list[list[Hashable]]:
    """``{item: label}`` -> the items grouped by label."""
    grouped: dict[Hashable, list[Hashable]] = {}
    for item, label in labels.items():
        grouped.setdefault(label, []).append(item)
    return list(grouped.values())


def evaluate_merge(
    predicted: Iterable[Iterable[Hashable]], gold: Iterable[Iterable[Hashable]]
) -> dict:
    """Pairwise ``precision``, ``recall``, ``f1`` (None where undefined) and the pair counts."""
    return pair_scores(cluster_pairs(predicted), cluster_pairs(gold))


def pair_scores(predicted_pairs: set[frozenset], gold_pairs: set[frozenset]) -> dict:
    correct = len(predicted_pairs & gold_pairs)
    scores = precision_recall_f1(
        true_positives=correct,
        false_positives=len(predicted_pairs) - correct,
        false_negatives=len(gold_pairs) - correct,
    )
    return {
        "precision": scores["precision"],
        "recall": scores["recall"],
        "f1": scores["f1"],
        "predicted_pairs": len(predicted_pairs),
        "gold_pairs": len(gold_pairs),
        "correct_pairs": correct,
    }


# -- the project's own corpus: the same happenings reported several ways, plus look-alikes -------
CORPUS = Path(__file__).with_name("data") / "merge"


@functools.cache
def merge_gold() -> dict:
    """Gold happenings of the corpus articles (data/merge/events.yml)."""
    with (CORPUS / "events.yml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def corpus_articles() -> tuple[dict, ...]:
    with (CORPUS / "corpus.jsonl").open(encoding="utf-8") as fh:
        return tuple(json.loads(line) for line in fh if line.strip())


def pipeline_merge_scores(db: str) -> dict:
    """Ingest the corpus with the real coder, merge, and score the clusters against the gold.

    A coded event stands for the gold event of its article with the same type (in order of
    appearance); coded events with no gold counterpart are happenings of their own.
    """
    from eventwire.merger import merge
    from eventwire.pipeline import ingest
    from eventwire.store import open_store

    report = ingest([str(CORPUS / "corpus.jsonl")], db=db, merge=False)
    if report.failed:
        raise RuntimeError(f"the merge corpus did not ingest: {report.errors[:3]}")
    merge(db=db)
    gold = merge_gold()["articles"]
    labels: dict[str, str] = {}
    with open_store(db) as store:
        by_article = {a.id: a.external_id for a in store.iter_articles()}
        coded = sorted(store.iter_events(include_merged=True), key=lambda e: (e["article_id"], e["evidence"]["start"]))
        state = store.merge_state()
    used: set[tuple[str, int]] = set()
    for e in coded:
        ext = by_article[e["article_id"]]
        match = next((k for k, spec in enumerate(gold.get(ext, []))
                      if spec["type"] == e["event_type"] and (ext, k) not in used), None)
        if match is None:
            labels[e["id"]] = f"unmatched:{e['id']}"
        else:
            used.add((ext, match))
            labels[e["id"]] = gold[ext][match]["happening"]
    predicted = clusters_from_labels({eid: s["merged_into"] or eid for eid, s in state.items()})
    scores = evaluate_merge(predicted, clusters_from_labels(labels))
    scores["events"] = len(coded)
    scores["matched_gold_events"] = len(used)
    scores["halves"] = merge_halves(cluster_pairs(predicted), cluster_pairs(clusters_from_labels(labels)), labels)
    return scores


def merge_halves(predicted_pairs: set[frozenset], gold_pairs: set[frozenset], labels: dict[str, str]) -> dict:
    """Pair scores on each half (eventwire/eval/halves.py): a pair is in the half of the gold happening
    of its reports (the alphabetically first of the two when they differ)."""
    def half(pair: frozenset) -> str:
        return half_of("merge", min(labels.get(e, str(e)) for e in pair))

    out = {}
    for name in HALVES:
        p = {x for x in predicted_pairs if half(x) == name}
        g = {x for x in gold_pairs if half(x) == name}
        out[name] = {k: v for k, v in pair_scores(p, g).items() if k in ("precision", "recall", "f1", "gold_pairs",
                                                                         "predicted_pairs")}
    return out


def evaluate_merge_corpus() -> dict:
    """Pairwise merge precision/recall of the real pipeline on the corpus, in a throwaway database."""
    with tempfile.TemporaryDirectory() as tmp:
        return pipeline_merge_scores(f"sqlite:///{tmp}/merge.db")
