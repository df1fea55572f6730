"""Metric functions for the evaluation: plain Python over lists, no third-party code.

Every function takes gold and predicted labels (or scores) as equal-length
sequences and returns numbers or small dicts; nothing here knows about events.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence


def safe_ratio(numerator: float, denominator: float) -> float | None:
    """``numerator / denominator``, or None when there is nothing to divide by."""
    return numerator / denominator if denominator else None


def accuracy(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> float | None:
    _check_lengths(gold, predicted)
    return safe_ratio(sum(g == p for g, p in zip(gold, predicted)), len(gold))


def confusion_counts(
    gold: Sequence[Hashable], predicted: Sequence[Hashable]
) -> dict[Hashable, dict[Hashable, int]]:
    """``{gold_label: {predicted_label: count}}`` with only non-zero cells."""
    _check_lengths(gold, predicted)
    table: dict[Hashable, Counter] = {}
    for g, p in zip(gold, predicted):
        table.setdefault(g, Counter())[p] += 1
    return {g: dict(row) for g, row in table.items()}


def precision_recall_f1(*, true_positives: int, false_positives: int, false_negatives: int) -> dict:
    """Precision, recall and F1 from counts (None where undefined), with the counts."""
    precision = safe_ratio(true_positives, true_positives + false_positives)
    recall = safe_ratio(true_positives, true_positives + false_negatives)
    if true_positives == 0:
        # nothing right: 0 when there was anything to find or anything found, else undefined
        f1 = 0.0 if false_positives or false_negatives else None
    else:
        f1 = 2 * precision * recall / (precision + recall)
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "tp": true_positives,
        "fp": false_positives,
        "fn": false_negatives,
    }


def binary_scores(gold: Sequence[bool], predicted: Sequence[bool]) -> dict:
    """Precision/recall/F1 of a yes/no detector."""
    _check_lengths(gold, predicted)
    tp = sum(1 for g, p in zip(gold, predicted) if g and p)
    fp = sum(1 for g, p in zip(gold, predicted) if p and not g)
    fn = sum(1 for g, p in zip(gold, predicted) if g and not p)
    return precision_recall_f1(true_positives=tp, false_positives=fp, false_negatives=fn)


def per_class_scores(
    gold: Sequence[Hashable], predicted: Sequence[Hashable], *, labels: Iterable[Hashable] | None = None
) -> dict[Hashable, dict]:
    """One-vs-rest precision/recall/F1 for each label (default: every label seen in gold)."""
    _check_lengths(gold, predicted)
    labels = list(labels) if labels is not None else sorted(set(gold), key=str)
    scores = {}
    for label in labels:
        scores[label] = binary_scores([g == label for g in gold], [p == label for p in predicted])
        scores[label]["support"] = sum(1 for g in gold if g == label)
    return scores


def macro_f1(
    gold: Sequence[Hashable], predicted: Sequence[Hashable], *, labels: Iterable[Hashable] | None = None
) -> float | None:
    """Unweighted mean of per-label F1; a label with undefined F1 counts as 0."""
    scores = per_class_scores(gold, predicted, labels=labels)
    if not scores:
        return None
    return sum((s["f1"] or 0.0) for s in scores.values()) / len(scores)


def roc_auc(scores: Sequence[float], positives: Sequence[bool]) -> float | None:
    """Area under the ROC curve: the chance that a random positive outscores a random
    negative (ties count one half).  None when either class is empty."""
    _check_lengths(scores, positives)
    pos = [s for s, y in zip(scores, positives) if y]
    neg = [s for s, y in zip(scores, positives) if not y]
    if not pos or not neg:
        return None
    # rank-sum (Mann-Whitney U) with average ranks for ties
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        average_rank = (i + j) / 2 + 1
        for k in range(i, j + 1):
            ranks[order[k]] = average_rank
        i = j + 1
    rank_sum = sum(r for r, y in zip(ranks, positives) if y)
    u = rank_sum - len(pos) * (len(pos) + 1) / 2
    return u / (len(pos) * len(neg))


def mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


def _check_lengths(a: Sequence, b: Sequence) -> None:
    if len(a) != len(b):
        raise ValueError(f"gold and predicted differ in length ({len(a)} != {len(b)})")
