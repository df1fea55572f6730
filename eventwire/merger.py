"""One event, many reports: merge the events of different articles that report the same happening.

Two events report the same happening (``same_happening``) when they have the same type and
compatible factuality, sides, date and place (rules and thresholds in ``merge.yml``):

1. sides: the actors of one overlap the actors of the other (a shared name, or the same country
   with compatible sectors); a side missing on either event is compatible; for symmetric types
   (CONSULT, AGREE, ...) the sides may be swapped; at least one side or the place must positively
   agree, so two events that say nothing about who or where never merge; and type plus one shared
   generic party is not enough: the weighed agreements (a shared party with a country, a town, the
   same day, the same count; ``min_agreements`` in merge.yml) must reach the threshold;
2. dates: equal, or one contains the other ("2014-12" contains "2014-12-14"); an unknown date is
   compatible only when both articles were published within ``unknown_date_window_days``;
3. places: the same geonameid or name, or one is the other's country (or region); two different
   cities, or two countries, never merge.

Clusters (``cluster_events``) are built greedily in report order (article published first, then
article id, then event id): each event joins the cluster it agrees with *every* member of (no
chaining across clearly different dates or places), the best-scoring one, or starts its own.  The
first report is the cluster's canonical event: its ``mentions`` list every report and
``source_count`` the distinct outlets (a syndicated copy counts as its original's outlet); the
others point at it through ``merged_into``.

Candidates are blocked by event type and day / month / year / publication day, so no event is
compared with the whole table.  ``merge`` is incremental: only the connected groups of compatible
events that contain new (never merged) events are re-clustered, which gives exactly the clusters
a from-scratch run gives, since greedy choices never cross such a group.
"""
from __future__ import annotations

import functools
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date as Date, timedelta
from typing import Any

from eventwire.merge_syndication import find_syndicated, merge_rules, text_fingerprint
from eventwire.merge_syndication import syndicated_from_fingerprints
from eventwire.killpoints import checkpoint

log = logging.getLogger(__name__)

__all__ = ["MergeReport", "merge", "find_syndicated", "same_happening", "cluster_events", "merge_rules"]


# -- comparing two events -------------------------------------------------------------------------


def _norm(text: str | None) -> str | None:
    if not text:
        return None
    words = text.casefold().replace("’", "'").split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words) or None


EntityKey = tuple  # (country, sector, normalised name)


def _entity_key(entity: dict[str, Any]) -> EntityKey:
    """What a report says of a participant: a country the article supplied (``"from": "article"``) is not
    something the report said, so it does not count towards the same happening."""
    country = None if entity.get("from") else entity.get("country")
    return (country, entity.get("sector"), _norm(entity.get("name") or entity.get("text")))


def _side_keys(event: dict[str, Any]) -> tuple[tuple[EntityKey, ...], tuple[EntityKey, ...]]:
    return tuple(map(_entity_key, event["actors"])), tuple(map(_entity_key, event["recipients"]))


def _entity_match(a: EntityKey, b: EntityKey) -> bool:
    (ca, sa, name_a), (cb, sb, name_b) = a, b
    if ca and cb and ca != cb:
        return False
    if name_a and name_a == name_b:
        return True
    return bool(ca and cb) and (sa is None or sb is None or sa == sb)


def _side(a: tuple[EntityKey, ...], b: tuple[EntityKey, ...]) -> bool | None:
    """True: the sides overlap; False: both known and apart; None: one is unknown."""
    if not a or not b:
        return None
    return any(_entity_match(x, y) for x in a for y in b)


def _day(text: str | None) -> Date | None:
    try:
        return Date.fromisoformat(text) if text and len(text) == 10 else None
    except ValueError:
        return None


def _dates_compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    rules = merge_rules()["dates"]
    da, db = a.get("date"), b.get("date")
    if da and db:
        if da.startswith(db) or db.startswith(da):
            return True
        day_a, day_b = _day(da), _day(db)
        return bool(day_a and day_b) and abs((day_a - day_b).days) <= rules["day_tolerance_days"]
    pa, pb = _day(a.get("published")), _day(b.get("published"))
    return bool(pa and pb) and abs((pa - pb).days) <= rules["unknown_date_window_days"]


def _precision(place: dict[str, Any]) -> str:
    return place.get("precision") or "city"


def _place_match(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool | None:
    """True: the same place (or one inside the other); False: apart; None: one is unknown."""
    if not a or not b:
        return None
    if a.get("geonameid") and a.get("geonameid") == b.get("geonameid"):
        return True
    if a.get("country") and b.get("country") and a["country"] != b["country"]:
        return False
    pa, pb = _precision(a), _precision(b)
    if pa == "country" or pb == "country":
        return True
    if pa == pb:  # city and city, region and region: the same name or nothing
        return _norm(a.get("name")) == _norm(b.get("name"))
    region, city = (a, b) if pa == "region" else (b, a)
    inside = _norm(city.get("admin1"))
    return inside is None or inside in {_norm(region.get("name")), _norm(region.get("admin1"))}


@functools.cache
def _factuality_group(factuality: str) -> int | None:
    groups = merge_rules()["factuality_groups"]
    return next((i for i, group in enumerate(groups) if factuality in group), None)


def _sides(a: dict[str, Any], b: dict[str, Any], ka, kb) -> tuple[bool | None, bool | None] | None:
    """How the two sides compare (actors, recipients), swapped for symmetric types where that fits."""
    straight = (_side(ka[0], kb[0]), _side(ka[1], kb[1]))
    options = [straight]
    if a["event_type"] in merge_rules()["symmetric_types"] and all(ka) and all(kb):  # both sides known on both
        options.append((_side(ka[0], kb[1]), _side(ka[1], kb[0])))
    fitting = [o for o in options if False not in o]
    return max(fitting, key=lambda o: sum(1 for x in o if x)) if fitting else None


def _match_score(a: dict[str, Any], b: dict[str, Any], ka=None, kb=None) -> int | None:
    """None when the two events cannot be one happening, else how much they positively agree.

    ``ka`` and ``kb`` are the events' ``_side_keys`` where the caller has them already.
    """
    if a["event_type"] != b["event_type"]:
        return None
    group = _factuality_group(a.get("factuality") or "asserted")
    if group is None or group != _factuality_group(b.get("factuality") or "asserted"):
        return None
    if not _dates_compatible(a, b):
        return None
    place = _place_match(a.get("location"), b.get("location"))
    if place is False:
        return None
    ka, kb = ka or _side_keys(a), kb or _side_keys(b)
    sides = _sides(a, b, ka, kb)
    if sides is None:
        return None
    exact_place = bool(place) and "country" not in (_precision(a["location"]), _precision(b["location"]))
    if not any(sides) and not exact_place:
        return None  # nothing positively shared: no anchor to merge on
    same_day = _day(a.get("date")) is not None and a.get("date") == b.get("date")
    # type and one generic shared side are not enough (merge.yml min_agreements, agreement_weights)
    weights = merge_rules()["agreement_weights"]
    agreements = _side_weight(sides, ka, kb, weights) + weights["other"] * (exact_place + same_day + _same_count(a, b))
    if agreements < merge_rules()["min_agreements"]:
        return None
    return sum(1 for s in sides if s) + (1 if place else 0) + (1 if same_day else 0)


def _side_weight(sides: tuple[bool | None, bool | None], ka, kb, weights: dict[str, int]) -> int:
    """What the overlapping sides are worth: a shared party with a country (a state, or a group of a
    known state) is distinctive; a generic group without one ("officers", "foreign ministers") is not."""
    total = 0
    for index, overlaps in enumerate(sides):
        if not overlaps:
            continue
        with_country = any(x[0] and _entity_match(x, y) for x in ka[index] for y in kb[index])
        total += weights["party_with_country" if with_country else "party_without_country"]
    return total


def _same_count(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Both reports give the same number for one quantity (killed, arrested, ..., or an amount of money)."""
    qa, qb = a.get("quantities") or {}, b.get("quantities") or {}
    for key, value in qa.items():
        if key == "money":
            amounts = {m.get("amount") for m in value or [] if m.get("amount")}
            if amounts & {m.get("amount") for m in qb.get("money") or []}:
                return True
        elif value is not None and qb.get(key) == value:
            return True
    return False


def _same_article(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a.get("article_id") == b.get("article_id") and not merge_rules()["merge_within_article"]


def same_happening(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Do two export-shaped events report the same happening?

    An event may carry ``published`` (its article's publication date, ``YYYY-MM-DD``), which
    decides for unknown dates; ``merge`` adds it.  Two events of one article are never the same
    happening unless ``merge_within_article`` is set.
    """
    return not _same_article(a, b) and _match_score(a, b) is not None


# -- clustering -------------------------------------------------------------------------------------


def report_order(event: dict[str, Any]) -> tuple:
    """Earliest report first: published (unknown last), then article id, then event id."""
    published = event.get("published")
    return (published is None, published or "", event.get("article_id") or "", event.get("id") or "")


def _days_around(day: str | None, width: int) -> list[str]:
    d = _day(day)
    return [] if d is None else [(d + timedelta(days=k)).isoformat() for k in range(-width, width + 1)]


def _anchors(event: dict[str, Any], keys) -> tuple[str, ...]:
    """Countries one of which any compatible event's actors (or, for symmetric types, sides) must
    share; ``("*",)`` when an actor's country is unknown, which blocks nothing."""
    actors, recipients = keys
    side = actors + recipients if event["event_type"] in merge_rules()["symmetric_types"] else actors
    countries = {k[0] for k in side}
    return ("*",) if not actors or None in countries else tuple(sorted(countries))


class _Blocks:
    """Candidate index: events by type, by day / month / year / publication day, and by actor country.

    Two events can only be one happening when their dates (or publication days) fall into one of
    these blocks and their actors share a country (or one's actor country is unknown).
    """

    def __init__(self, events: list[dict[str, Any]]):
        self.by_key: dict[tuple, list[int]] = defaultdict(list)
        self.events = events
        self.sides = [_side_keys(e) for e in events]
        self.anchors = [_anchors(e, k) for e, k in zip(events, self.sides)]
        for i, e in enumerate(events):
            for key in self._keys(e):
                self.by_key[key + ("all",)].append(i)
                for anchor in self.anchors[i]:
                    self.by_key[key + (anchor,)].append(i)

    @staticmethod
    def _keys(e: dict[str, Any]) -> Iterator[tuple]:
        t, d, p = e["event_type"], e.get("date"), e.get("published")
        if d:
            yield (t, "exact", d)
            for prefix in (d[:7], d[:4]):
                if len(d) > len(prefix):
                    yield (t, "within", prefix)
        yield (t, "published", p, bool(d))

    def neighbours(self, i: int) -> set[int]:
        """Every event that could be the same happening as event ``i`` (then checked in full)."""
        rules = merge_rules()["dates"]
        e = self.events[i]
        t, d, p = e["event_type"], e.get("date"), e.get("published")
        keys: list[tuple] = []
        if d:
            days = _days_around(d, rules["day_tolerance_days"]) if len(d) == 10 else [d]
            keys += [(t, "exact", x) for x in days]
            keys += [(t, "exact", prefix) for prefix in (d[:7], d[:4]) if len(d) > len(prefix)]
            if len(d) < 10:
                keys.append((t, "within", d))
        window = _days_around(p, rules["unknown_date_window_days"])
        keys += [(t, "published", x, False) for x in window]
        if not d:
            keys += [(t, "published", x, True) for x in window]
        anchors = ("all",) if self.anchors[i] == ("*",) else self.anchors[i] + ("*",)
        found = {j for key in keys for a in anchors for j in self.by_key.get(key + (a,), ())}
        found.discard(i)
        return {j for j in found if self.score(i, j) is not None}

    def score(self, i: int, j: int) -> int | None:
        a, b = self.events[i], self.events[j]
        return None if _same_article(a, b) else _match_score(a, b, self.sides[i], self.sides[j])


def _greedy_clusters(blocks: _Blocks, order: list[int], neighbours) -> list[list[int]]:
    """Clusters of positions, in ``order``; each event joins the best cluster it fits wholly."""
    cluster_of: dict[int, int] = {}
    clusters: list[list[int]] = []
    for i in order:
        best: tuple[float, int] | None = None
        for c in sorted({cluster_of[j] for j in neighbours(i) if j in cluster_of}):
            scores = [blocks.score(i, m) for m in clusters[c]]
            if any(s is None for s in scores):
                continue
            score = sum(scores) / len(scores)
            if best is None or score > best[0]:
                best = (score, c)
        if best is None:
            cluster_of[i] = len(clusters)
            clusters.append([i])
        else:
            cluster_of[i] = best[1]
            clusters[best[1]].append(i)
    return clusters


def cluster_events(events: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The events grouped by happening: each cluster in report order (canonical first),
    clusters in the order of their canonical events.  Deterministic for any input order."""
    events = list(events)
    blocks = _Blocks(events)
    order = sorted(range(len(events)), key=lambda i: report_order(events[i]))
    return [[events[i] for i in c] for c in _greedy_clusters(blocks, order, blocks.neighbours)]


# -- the merge verb -----------------------------------------------------------------------------


@dataclass
class MergeReport:
    articles_fingerprinted: int = 0  # articles hashed this run
    syndicated: int = 0  # articles that are copies of another (all of the store)
    events: int = 0  # events that take part in merging (all of the store)
    reclustered: int = 0  # events whose cluster was (re)computed this run
    clusters: int = 0  # canonical events of those with more than one report
    merged: int = 0  # events that now point at a canonical event (of those reclustered)
    changed: int = 0  # events whose stored merge state changed


def _own_mention(e: dict[str, Any]) -> dict[str, Any]:
    return {"article_id": e["article_id"], "start": e["evidence_start"], "end": e["evidence_end"]}


def _source_key(article_id: str, articles: dict[str, dict[str, Any]], copies: dict[str, str]) -> str:
    origin = copies.get(article_id, article_id)
    source = (articles.get(origin) or {}).get("source")
    return f"source:{source.casefold()}" if source else f"article:{origin}"


def cluster_states(
    clusters: list[list[dict[str, Any]]], *, articles: dict[str, dict[str, Any]], copies: dict[str, str]
) -> dict[str, dict[str, Any]]:
    """Event id -> ``{merged_into, source_count, mentions}`` for clusters of store merge rows."""
    states = {}
    for cluster in clusters:
        head = cluster[0]
        states[head["id"]] = {
            "merged_into": None,
            "source_count": len({_source_key(e["article_id"], articles, copies) for e in cluster}),
            "mentions": [_own_mention(e) for e in cluster],
        }
        for e in cluster[1:]:
            states[e["id"]] = {"merged_into": head["id"], "source_count": None, "mentions": [_own_mention(e)]}
    return states


def _closure(seeds: Iterable[int], blocks: _Blocks, cluster_key: list[str | None]) -> tuple[set[int], dict]:
    """The seeds, every event compatible with one of them, their present cluster-mates, and so on."""
    members: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(cluster_key):
        if key is not None:
            members[key].append(i)
    seen: set[int] = set()
    cache: dict[int, set[int]] = {}
    todo = list(seeds)
    while todo:
        i = todo.pop()
        if i in seen:
            continue
        seen.add(i)
        cache[i] = blocks.neighbours(i)
        todo.extend(j for j in cache[i] if j not in seen)
        if cluster_key[i] is not None:
            todo.extend(j for j in members[cluster_key[i]] if j not in seen)
    return seen, cache


def merge_needed(store) -> bool:
    """Whether a merge pass has anything to do in ``store`` (articles without fingerprints, events
    waiting): what ``ingest`` asks after its last batch, whatever that run added."""
    return store.merge_waiting(excluded_statuses=merge_rules()["excluded_review_statuses"])


def merge(*, db: str | None = None, rebuild: bool = False) -> MergeReport:
    """Merge the stored events that report the same happening (the ``eventwire merge`` verb).

    Deterministic, and re-running changes nothing; new articles join existing clusters, with the
    result a from-scratch run (``rebuild=True``) gives.
    """
    from eventwire.config import get_settings
    from eventwire.store import open_store

    report = MergeReport()
    with open_store(get_settings(db=db).db) as store:
        if rebuild:
            store.clear_merge_state()
        fresh = {aid: text_fingerprint(text) for aid, text in store.iter_unfingerprinted_articles()}
        report.articles_fingerprinted = len(fresh)
        articles = store.article_merge_rows()
        if fresh:  # who copies whom depends only on fingerprints and publication dates
            for aid, fp in fresh.items():
                articles[aid]["fingerprint"] = fp
            copies = syndicated_from_fingerprints(articles.values())
        else:
            copies = {aid: a["duplicate_of"] for aid, a in articles.items() if a["duplicate_of"]}
        report.syndicated = len(copies)
        moved = {aid for aid, a in articles.items() if a["duplicate_of"] != copies.get(aid)}
        article_states = {aid: {"fingerprint": articles[aid]["fingerprint"], "duplicate_of": copies.get(aid)}
                          for aid in sorted(moved | set(fresh))}

        excluded = set(merge_rules()["excluded_review_statuses"])
        if not moved and not store.merge_pending(excluded_statuses=excluded):
            store.save_merge_state(article_states, {})
            report.events = store.count("events")
            log.info("merge: nothing new (%s)", report)
            return report
        rows = store.event_merge_rows()
        for e in rows:
            e["published"] = (articles.get(e["article_id"]) or {}).get("published")
        stale = [e for e in rows if e["review_status"] in excluded and (e["merged_into"] or e["source_count"])]
        events = [e for e in rows if e["review_status"] not in excluded]
        report.events = len(events)
        # a merged event whose canonical is excluded or gone must be redone: its cluster has gone stale
        index = {e["id"]: i for i, e in enumerate(events)}
        dead = {e["id"] for e in stale} | {e["merged_into"] for e in events if e["merged_into"] and e["merged_into"] not in index}
        cluster_key = [e["merged_into"] or (e["id"] if e["source_count"] else None) for e in events]
        seeds = [
            i for i, e in enumerate(events)
            if cluster_key[i] is None or cluster_key[i] in dead or e["article_id"] in moved
        ]
        blocks = _Blocks(events)
        todo, cache = _closure(seeds, blocks, cluster_key)
        order = sorted(todo, key=lambda i: report_order(events[i]))
        clusters = [[events[i] for i in c] for c in _greedy_clusters(blocks, order, cache.__getitem__)]
        states = cluster_states(clusters, articles=articles, copies=copies)
        for e in stale:
            states[e["id"]] = {"merged_into": None, "source_count": None, "mentions": [_own_mention(e)]}
        by_id = {e["id"]: e for e in rows}
        changed = {
            eid: state for eid, state in states.items()
            if any(by_id[eid][k] != v for k, v in state.items())
        }
        checkpoint("merge")  # test-only kill point (eventwire.killpoints)
        store.save_merge_state(article_states, changed)  # one transaction: a kill leaves all or none
        report.reclustered = len(todo)
        report.clusters = sum(1 for c in clusters if len(c) > 1)
        report.merged = sum(len(c) - 1 for c in clusters)
        report.changed = len(changed)
    log.info("merge: %s", report)
    return report
