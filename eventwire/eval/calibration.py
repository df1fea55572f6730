"""Does confidence mean what it says?  A reliability table, the expected calibration error (ECE) and the
smooth ECE.

Predictions are binned by confidence (``BINS`` equal-width bins over 0-1); for each bin the table gives the
number of predictions, their mean confidence and the share that was right.  ECE is the
prediction-weighted mean gap between the two: 0 for a perfectly calibrated coder.

The binned ECE jumps where predictions cross a bin edge.  A model that gives nearly every event one number
(the Reuters article model: the prior of the other folds) scores about |prior - share right| when its fold
priors fall in one bin, and each bin's own sampling noise when they straddle an edge: moving every prediction
from 0.595 to 0.605 changes nothing about calibration, yet it can double the figure.  ``smooth_ece`` is the
SmoothECE of Błasiok and Nakkiran ("Smooth ECE: Principled Reliability Diagrams via Kernel Smoothing",
2023): the residuals (confidence - outcome) are smoothed with a Gaussian kernel reflected at 0 and 1, and the
figure is the density-weighted mean absolute smoothed residual at the bandwidth that equals it (the fixed
point sigma = smECE(sigma), found by bisection).  It is continuous in the predictions, so a shift across an
edge moves it by about the shift.  The authors' package (``relplot``) imports matplotlib, seaborn and pandas
(about 9 s here) for this; the estimator is a few lines of numpy, and ``tests/eval/test_metrics.py`` pins it
to relplot 1.0.3's figures on fixed inputs.
"""
from __future__ import annotations

from collections.abc import Sequence

BINS = 10
SMOOTH_GRID = 1001  # evaluation points of the smoothed residual over 0-1
SMOOTH_STEPS = 14  # bisection steps for the bandwidth (1 / 2**14 of the unit interval)
SMOOTH_MIN_WIDTH = 0.001  # the bandwidth never goes below this (relplot's eps)


def _on_grid(f, values):
    """``values`` spread linearly onto the two grid points around each prediction (``SMOOTH_GRID`` over 0-1)."""
    import numpy as np

    pos = np.clip(f, 0.0, 1.0) * (SMOOTH_GRID - 1)
    low = np.minimum(np.floor(pos).astype(int), SMOOTH_GRID - 2)
    upper = pos - low
    out = np.zeros(SMOOTH_GRID)
    np.add.at(out, low, values * (1 - upper))
    np.add.at(out, low + 1, values * upper)
    return out


def _smoothed(grid_values, sigma: float):
    """The grid values convolved with a Gaussian of width ``sigma`` reflected at 0 and 1 (no mass leaves 0-1)."""
    import numpy as np

    mirrored = np.concatenate([grid_values[::-1][:-1], grid_values, grid_values[::-1][1:]])  # over -1 .. 2
    step = 1.0 / (SMOOTH_GRID - 1)
    reach = min(len(mirrored) - 1, int(np.ceil(6 * sigma / step)))
    offsets = np.arange(-reach, reach + 1) * step
    smoothed = np.convolve(mirrored, np.exp(-offsets ** 2 / (2 * sigma * sigma)), mode="same")
    return smoothed[SMOOTH_GRID - 1:2 * SMOOTH_GRID - 1]


def _smooth_ece_at(f, residuals, sigma: float) -> float:
    import numpy as np

    density = _smoothed(_on_grid(f, np.ones_like(f)), sigma)
    return float(np.abs(_smoothed(_on_grid(f, residuals), sigma)).sum() / density.sum())


def smooth_ece(confidences: Sequence[float], correct: Sequence[bool]) -> float | None:
    """SmoothECE (module doc) of the predictions; None for none."""
    import numpy as np

    if len(confidences) != len(correct):
        raise ValueError("one outcome per confidence is needed")
    if not len(confidences):
        return None
    f = np.asarray(confidences, dtype=float)
    residuals = f - np.asarray(correct, dtype=float)
    if _smooth_ece_at(f, residuals, 1.0) >= 1.0:
        return round(_smooth_ece_at(f, residuals, 1.0), 4)
    low, high = 0.0, 1.0  # smECE(sigma) - sigma falls as sigma grows: the fixed point lies between
    for _ in range(SMOOTH_STEPS):
        mid = (low + high) / 2
        if mid < SMOOTH_MIN_WIDTH or mid < _smooth_ece_at(f, residuals, mid):
            low = mid
        else:
            high = mid
    return round(_smooth_ece_at(f, residuals, high), 4)


def reliability(confidences: Sequence[float], correct: Sequence[bool], *, bins: int = BINS) -> dict:
    """``{"n", "ece", "smooth_ece", "bins": [{"low", "high", "n", "mean_confidence", "accuracy"}, ...]}`` (empty
    bins left out)."""
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
    return {"n": n, "ece": round(gap / n, 4) if n else None, "smooth_ece": smooth_ece(confidences, correct),
            "bins": rows}
