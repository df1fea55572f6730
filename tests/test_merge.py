"""eventwire.merge without a store: syndicated copies, the same-happening rules, clustering."""
from __future__ import annotations

import copy
import json
import random
from functools import cache
from pathlib import Path

import pytest
import yaml

from eventwire import merge as merge_module
from eventwire.eval.merge_eval import clusters_from_labels, evaluate_merge
from eventwire.merge import cluster_events, find_syndicated, merge_rules, same_happening
from eventwire.merge_syndication import (
    estimated_similarity, fingerprint_values, text_fingerprint, text_shingles,
)
from eventwire.schema import Article, Entity, Event, Evidence, Place, article_id

CORPUS = Path(__file__).parent / "data" / "merge"


# -- the test corpus (tests/data/merge): articles, hand-built events, gold happenings -------------

@cache
def corpus_lines() -> tuple[dict, ...]:
    with (CORPUS / "corpus.jsonl").open(encoding="utf-8") as fh:
        return tuple(json.loads(line) for line in fh if line.strip())


def corpus_articles() -> dict[str, Article]:
    """External id -> Article (id from content, as the store gives it)."""
    return {
        d["id"]: Article(id=article_id(d["text"]), text=d["text"], external_id=d["id"], title=d["title"],
                         published=d["published"], source=d["source"], url=d["url"], format="jsonl")
        for d in corpus_lines()
    }


def _entity(spec: str) -> Entity:
    text, name, country, sector = spec.split("|")
    return Entity(text=text, name=name or None, country=country or None, sector=sector or None)


@cache
def _gold() -> dict:
    with (CORPUS / "events.yml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def corpus_events() -> tuple[dict[str, list[Event]], dict[str, str]]:
    """External article id -> hand-built Events; and event id -> gold happening."""
    gold, articles = _gold(), corpus_articles()
    events, happening = {}, {}
    for ext, specs in gold["articles"].items():
        article = articles[ext]
        events[ext] = []
        for spec in specs:
            start = article.text.index(spec["sentence"])
            end = article.text.find(". ", start)
            end = len(article.text) if end < 0 else end + 1
            date = None if spec["date"] is None else str(spec["date"])
            place = gold["places"][spec["place"]] if spec["place"] else None
            event = Event(
                article_id=article.id, event_type=spec["type"], mode=spec.get("mode"),
                evidence=Evidence(sentence=article.text[start:end], start=start, end=end),
                actors=[_entity(a) for a in spec["actors"]], recipients=[_entity(r) for r in spec["recipients"]],
                date=date, date_precision={4: "year", 7: "month", 10: "day"}.get(len(date or ""), "unknown"),
                date_stated=date is not None, location=Place(**place) if place else None,
                mentions=[{"article_id": article.id, "start": start, "end": end}],
            )
            events[ext].append(event)
            happening[event.id] = spec["happening"]
    return events, happening


def corpus_event_dicts() -> list[dict]:
    articles = corpus_articles()
    events, _ = corpus_events()
    out = []
    for ext, evs in events.items():
        for e in evs:
            out.append(dict(e.to_dict(), published=articles[ext].published))
    return out


# -- event builders for the rule tests ------------------------------------------------------------

def ent(name: str, country: str | None, sector: str | None = "GOV") -> dict:
    return {"text": name, "name": name, "country": country, "sector": sector}


CAIRO = {"name": "Cairo", "country": "EGY", "admin1": "Cairo", "lat": 30.0, "lon": 31.2, "geonameid": 360630,
         "precision": "city"}
GIZA = {"name": "Giza", "country": "EGY", "admin1": "Giza", "lat": 30.0, "lon": 31.2, "geonameid": 360995,
        "precision": "city"}
EGYPT = {"name": "Egypt", "country": "EGY", "admin1": None, "lat": 27.0, "lon": 30.0, "geonameid": 357994,
         "precision": "country"}
CAIRO_REGION = {"name": "Cairo Governorate", "country": "EGY", "admin1": "Cairo", "lat": 30.0, "lon": 31.2,
                "geonameid": 360631, "precision": "region"}


def ev(article: str = "a1", *, type: str = "ACCUSE", actors=None, recipients=None, date: str | None = "2024-05-02",
       location=None, factuality: str = "asserted", published: str | None = "2024-05-02", id: str | None = None) -> dict:
    return {
        "id": id or f"{article}-{type}", "article_id": article, "event_type": type,
        "actors": [ent("Egypt", "EGY")] if actors is None else actors,
        "recipients": [ent("Israel", "ISR")] if recipients is None else recipients,
        "date": date, "location": location, "factuality": factuality, "published": published,
    }


# -- syndication ----------------------------------------------------------------------------------

def test_shingles_have_the_configured_number_of_words():
    size = merge_rules()["syndication"]["shingle_words"]
    shingles = text_shingles("One two three four five six seven.")
    assert all(len(s.split()) == size for s in shingles)
    assert len(shingles) == 7 - size + 1
    assert text_shingles("Too short") == {"too short"}


def test_fingerprint_keeps_sketch_size_values_and_is_stable():
    text = corpus_lines()[0]["text"]
    values = fingerprint_values(text_fingerprint(text))
    assert len(values) == merge_rules()["syndication"]["sketch_size"]
    assert values == sorted(values)
    assert text_fingerprint(text) == text_fingerprint(text.upper())  # case-folded
    assert estimated_similarity(values, values) == 1.0


def _corpus_copies() -> dict[str, str]:
    articles = corpus_articles()
    ext = {a.id: e for e, a in articles.items()}
    found = find_syndicated(list(articles.values()))
    return {ext[c]: ext[o] for c, o in found.items()}


def test_syndicated_copies_in_the_corpus_point_at_their_originals():
    copies = _corpus_copies()
    # the corpus's copies are the articles whose text starts with another's whole text
    lines = {d["id"]: d for d in corpus_lines()}
    expected = {c: o for c in lines for o in lines if c != o and lines[c]["text"].startswith(lines[o]["text"])}
    assert expected and copies == expected


def test_min_similarity_is_the_threshold(monkeypatch):
    lines = {d["id"]: d for d in corpus_lines()}
    a, b = lines["h9a"]["text"], lines["h9b"]["text"]
    sim = estimated_similarity(fingerprint_values(text_fingerprint(a)), fingerprint_values(text_fingerprint(b)))
    assert sim >= merge_rules()["syndication"]["min_similarity"]
    items = [{"id": "a", "text": a, "published": "2024-01-01"}, {"id": "b", "text": b, "published": "2024-01-02"}]
    assert find_syndicated(items) == {"b": "a"}
    rules = copy.deepcopy(merge_rules())
    rules["syndication"]["min_similarity"] = sim + 0.01
    monkeypatch.setattr("eventwire.merge_syndication.merge_rules", lambda: rules)
    assert find_syndicated(items) == {}


def test_min_shared_values_gates_candidates(monkeypatch):
    text = corpus_lines()[0]["text"]
    items = [{"id": "a", "text": text, "published": "2024-01-01"}, {"id": "b", "text": text + " Extra line.", "published": None}]
    assert find_syndicated(items) == {"b": "a"}
    rules = copy.deepcopy(merge_rules())
    rules["syndication"]["min_shared_values"] = rules["syndication"]["sketch_size"] + 1
    monkeypatch.setattr("eventwire.merge_syndication.merge_rules", lambda: rules)
    assert find_syndicated(items) == {}


def test_copy_chains_end_at_the_first_publication():
    base = corpus_lines()[0]["text"]
    items = [
        {"id": "z-first", "text": base, "published": "2024-01-01"},
        {"id": "a-second", "text": base + " Wire copy one.", "published": "2024-01-02"},
        {"id": "m-third", "text": base + " Wire copy one. And two.", "published": "2024-01-03"},
    ]
    assert find_syndicated(items) == {"a-second": "z-first", "m-third": "z-first"}


def test_rewrites_are_not_copies():
    copies = _corpus_copies()
    assert "h1b" not in copies and "h5c" not in copies and "h9c" not in copies
