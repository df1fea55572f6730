"""Fit the event-location feature weights (``gazetteers/places/event_location.yml``).

The model is a conditional logit over the sentence's candidates plus a "no place" option
that scores 0: P(candidate) = exp(s) / (1 + sum exp(s_j)), with s = bias + w . features
(``eventwire.resolve.place_choice``).  It is fitted by gradient descent (Adam, L2
penalty) on the *tuning* portion of the event-location data only (see
``eventwire.eval.places_dates.location_portion``: the gold re-labels, and every sentence
that also occurs among them, are never used; one sentence in five is kept apart as the
check portion).  Re-run after changing a feature:

    python -m eventwire.eval.place_tuning  # prints the new weights as YAML
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Iterable

import numpy as np

log = logging.getLogger(__name__)

L2 = 0.01
STEPS = 1500
LEARNING_RATE = 0.05


def training_rows(pairs: Iterable[tuple[dict[str, Any], Any]]) -> list[tuple[list[dict[str, float]], list[bool], bool]]:
    """(candidate features, which candidates are gold, sentence has a gold place) per record;
    records whose gold place is none of the candidates teach nothing and are left out."""
    from eventwire.eval.places_dates import trigger_token
    from eventwire.resolve.place_choice import candidate_features, candidate_spans

    rows = []
    for record, doc in pairs:
        trigger = trigger_token(doc, record["verb"])
        if trigger is None:
            continue
        gold = [(g["start"], g["end"]) for g in record.get("locations") or []]
        spans = candidate_spans(trigger.sent, trigger=trigger)
        hits = [any(s.start_char < e and b < s.end_char for b, e in gold) for s in spans]
        if gold and not any(hits):
            continue
        rows.append((candidate_features(spans, trigger), hits, bool(gold)))
    return rows


def fit_weights(rows, *, l2: float = L2, steps: int = STEPS, learning_rate: float = LEARNING_RATE) -> dict[str, Any]:
    """Bias and feature weights maximising the conditional likelihood of the gold choice."""
    names = sorted({k for feats, _, _ in rows for f in feats for k in f})
    index = {n: i for i, n in enumerate(names)}
    n_cands = sum(len(feats) for feats, _, _ in rows)
    x = np.zeros((n_cands, len(names) + 1))
    x[:, -1] = 1.0  # bias
    group = np.zeros(n_cands, dtype=int)
    good = np.zeros(n_cands, dtype=bool)
    has_place = np.array([p for _, _, p in rows])
    k = 0
    for g, (feats, hits, _) in enumerate(rows):
        for f, hit in zip(feats, hits):
            for name, value in f.items():
                x[k, index[name]] = value
            group[k], good[k] = g, hit
            k += 1
    w = np.zeros(x.shape[1])
    m, v = np.zeros_like(w), np.zeros_like(w)
    for step in range(1, steps + 1):
        s = x @ w
        e = np.exp(np.clip(s, -30, 30))
        total = np.ones(len(rows))
        np.add.at(total, group, e)
        gold_total = np.zeros(len(rows))
        np.add.at(gold_total, group, np.where(good, e, 0.0))
        # d(-loglik)/ds_c = p_c - [c gold] * e_c / gold_total (only where the sentence has a place)
        p = e / total[group]
        q = np.where(good & has_place[group], e / np.maximum(gold_total[group], 1e-300), 0.0)
        grad = x.T @ (p - q) / len(rows) + l2 * np.r_[w[:-1], 0.0]
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad ** 2
        w -= learning_rate * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
    return {"bias": round(float(w[-1]), 3), "weights": {n: round(float(w[i]), 3) for n, i in index.items()}}


def fit_event_location_weights(data_dir: str | Path, *, nlp=None) -> dict[str, Any]:
    """Parse the tuning portion of the event-location data and fit the weights."""
    from eventwire.eval.places_dates import LOCATION_FILE, load_nlp, location_records

    records = [r for r, portion in location_records(Path(data_dir) / LOCATION_FILE) if portion == "tune"]
    nlp = nlp or load_nlp()
    docs = nlp.pipe((r["text"] for r in records), batch_size=256)
    return fit_weights(training_rows(zip(records, docs)))


def main() -> None:  # pragma: no cover - a maintenance command
    import yaml

    from eventwire.eval.datasets import resolve_data_dir

    fitted = fit_event_location_weights(resolve_data_dir(None) / "event_location")
    print(yaml.safe_dump(fitted, sort_keys=True))


if __name__ == "__main__":  # pragma: no cover
    main()
