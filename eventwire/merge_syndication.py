"""Syndicated near-copies: the same wire story run by several outlets, a boilerplate line changed.

Each article gets a bottom-k MinHash *fingerprint* of its word shingles: the k smallest 64-bit
hashes of its (lower-cased) ``shingle_words``-word shingles, written as hex.  Two fingerprints
estimate the Jaccard similarity of the two shingle sets (the share of the k smallest values of
their union that both hold), so a copy is found without keeping or re-reading the texts, and the
fingerprint is stored (``articles.fingerprint``) so each article is hashed once.

Why our own sketch rather than ``datasketch``: one hash per shingle (blake2b, deterministic across
processes, unlike ``hash()``) and ``heapq.nsmallest`` is all a bottom-k sketch needs; it adds no
dependency, and candidates are found through an inverted index of sketch values instead of
LSH bands, which would need k independent hash functions per shingle.

Who copies whom: articles in order (published first, unknown last, then id); each takes as its
original the earlier article it is most similar to (at or above ``min_similarity``), resolved to
that article's own original, so chains end at the first publication.  The whole assignment is
recomputed from stored fingerprints on each run, so incremental and from-scratch runs agree.
"""
from __future__ import annotations

import functools
import hashlib
import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

RULES_PATH = Path(__file__).with_name("merge.yml")
_WORD = re.compile(r"\w+")


@functools.cache
def merge_rules() -> dict[str, Any]:
    """The thresholds and compatibility rules of ``merge.yml`` (loaded once)."""
    with RULES_PATH.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _settings() -> dict[str, Any]:
    return merge_rules()["syndication"]


def text_shingles(text: str, *, size: int | None = None) -> set[str]:
    """The set of ``size``-word shingles of ``text`` (case-folded words; one shingle if shorter)."""
    size = size or _settings()["shingle_words"]
    words = _WORD.findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def _hash64(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big")


def text_fingerprint(text: str) -> str:
    """The bottom-k MinHash fingerprint of ``text``: sorted 16-digit hex values, space-separated."""
    k = _settings()["sketch_size"]
    values = heapq.nsmallest(k, {_hash64(s) for s in text_shingles(text)})
    return " ".join(f"{v:016x}" for v in values)


def fingerprint_values(fingerprint: str | None) -> list[int]:
    return [int(v, 16) for v in fingerprint.split()] if fingerprint else []


def estimated_similarity(a: list[int], b: list[int]) -> float:
    """Jaccard similarity estimated from two bottom-k sketches (sorted value lists)."""
    if not a or not b:
        return 0.0
    k = max(len(a), len(b))
    union = heapq.nsmallest(k, set(a) | set(b))
    sa, sb = set(a), set(b)
    return sum(1 for v in union if v in sa and v in sb) / len(union)


def _order_key(item: dict[str, Any]) -> tuple:
    published = item.get("published")
    return (published is None, published or "", item["id"])


def syndicated_from_fingerprints(items: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Article id -> id of the original it copies, from ``{id, published, fingerprint}`` dicts."""
    settings = _settings()
    ordered = sorted(items, key=_order_key)
    sketches = [fingerprint_values(it.get("fingerprint")) for it in ordered]
    postings: dict[int, list[int]] = defaultdict(list)
    original: dict[str, str] = {}
    for i, (item, sketch) in enumerate(zip(ordered, sketches)):
        shared: Counter[int] = Counter()
        for value in sketch:
            if len(postings[value]) <= settings["max_articles_per_value"]:  # else boilerplate, not a copy
                shared.update(postings[value])
        best: tuple[float, int] | None = None
        for j, n in shared.items():
            if n < settings["min_shared_values"]:
                continue
            similarity = estimated_similarity(sketch, sketches[j])
            if similarity >= settings["min_similarity"] and (best is None or (similarity, -j) > (best[0], -best[1])):
                best = (similarity, j)
        if best is not None:
            earlier = ordered[best[1]]["id"]
            original[item["id"]] = original.get(earlier, earlier)
        for value in sketch:
            postings[value].append(i)
    return original


def find_syndicated(articles: Iterable[Any]) -> dict[str, str]:
    """Article id -> id of the (earliest) article it is a near-verbatim copy of.

    ``articles`` are ``Article`` records or dicts with ``id``, ``text`` and ``published``;
    articles that copy nothing are absent from the result.
    """
    items = []
    for a in articles:
        get = a.get if isinstance(a, dict) else lambda key, a=a: getattr(a, key, None)
        items.append({"id": get("id"), "published": get("published"), "fingerprint": text_fingerprint(get("text") or "")})
    return syndicated_from_fingerprints(items)
