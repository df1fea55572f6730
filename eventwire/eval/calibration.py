"""Does confidence mean what it says?  A reliability table and the expected calibration error (ECE).

Predictions are binned by confidence (``BINS`` equal-width bins over 0-1); for each bin the table gives the
number of predictions, their mean confidence and the share that was right.  ECE is the
prediction-weighted mean gap between the two: 0 for a perfectly calibrated coder.
"""
from __future__ import annotations

from collections.abc import Sequence

BINS = 10


def reliability(confidences: Sequence[float], correct: Sequence[bool], *, bins: int = BINS) -> dict:
    """``{"n", "ece", "bins": [{"low", "high", "n", "mean_confidence", "accuracy"}, ...]}`` (empty bins left out)."""
    if len(confidences) != len(correct):
        raise ValueError("one outcome per confidence is needed")
    rows = []
    gap = 0.0
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        members = [(c, ok) for c, ok in zip(confidences, correct)
                   if low <= c < high or (b == bins - 1 and c == high)]
        if not members:
            continue
        mean_conf = sum(c for c, _ in members) / len(members)
        accuracy = sum(1 for _, ok in members if ok) / len(members)
        gap += len(members) * abs(mean_conf - accuracy)
        rows.append({"low": round(low, 2), "high": round(high, 2), "n": len(members),
                     "mean_confidence": round(mean_conf, 4), "accuracy": round(accuracy, 4)})
    n = len(confidences)
    return {"n": n, "ece": round(gap / n, 4) if n else None, "bins": rows}
