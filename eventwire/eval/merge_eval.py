"""Evaluation of event merging: pairwise precision, recall and F1 of clusters against gold.

A pair of events is *predicted* when the merge put them in one cluster and *gold* when they
report the same happening; precision is the share of predicted pairs that are gold, recall the
share of gold pairs that were predicted.  Events absent from the gold are happenings of their own,
so clustering one of them with anything counts against precision.
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from itertools import combinations

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
    predicted_pairs, gold_pairs = cluster_pairs(predicted), cluster_pairs(gold)
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
