"""The fixed tune / check halves of every dev set.

Rules and fitted weights may be looked at and tuned on the *tune* half only; the *check* half is
reported beside it, and the floors in baseline.json are set from check-half figures, so the gap
between the two halves shows how much a change overfits.

A record's half is decided by a hash of the dataset's name and the record's *unit* (the article
for article-level sets, the document for india_police, the sentence for sentence sets): the
first byte of ``sha256("<dataset>:<unit>")`` is even -> tune, odd -> check.  The split is the same
on every machine and for every ``--limit``, and never changes when records are added.

| dataset | unit |
|---|---|
| plover | the sentence's ``id`` |
| conflibert | the sentence's ``id`` |
| india_police | the ``doc_id`` (whole documents) |
| sample | the story's position on the page (0, 1) |
| reuters | the article's ``newid`` |
| merge | the gold happening (a pair of reports is in the half of the first report's happening) |
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import TypeVar

HALVES = ("tune", "check")
T = TypeVar("T")


def half_of(dataset: str, unit: object) -> str:
    """``"tune"`` or ``"check"`` for one unit (article, document or sentence id) of a dataset."""
    digest = hashlib.sha256(f"{dataset}:{unit}".encode("utf-8")).digest()
    return HALVES[digest[0] % 2]


def split_indices(dataset: str, units: Sequence[object]) -> dict[str, list[int]]:
    """Positions of the records in each half, in order."""
    out: dict[str, list[int]] = {h: [] for h in HALVES}
    for i, unit in enumerate(units):
        out[half_of(dataset, unit)].append(i)
    return out


def pick(values: Sequence[T], positions: Sequence[int]) -> list[T]:
    return [values[i] for i in positions]


def _get(d, dotted: str):
    for part in dotted.split("."):
        d = d.get(part) if isinstance(d, dict) else None
    return d


def halves_report(
    dataset: str,
    units: Sequence[object],
    score: Callable[[list[int]], dict],
    keys: Sequence[str],
) -> dict:
    """``{"tune": {...}, "check": {...}}``: ``score(positions)`` run on each half, keeping the headline
    ``keys`` (dotted keys keep their nesting: ``confidence.auc`` -> ``{"confidence": {"auc": ...}}``)
    and ``n``, the number of records in the half."""
    out = {}
    for half, positions in split_indices(dataset, units).items():
        result = score(positions) if positions else {}
        figures: dict = {"n": len(positions)}
        for key in keys:
            node = figures
            *parents, last = key.split(".")
            for part in parents:
                node = node.setdefault(part, {})
            node[last] = _get(result, key)
        out[half] = figures
    return out
