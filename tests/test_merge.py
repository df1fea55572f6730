"""eventwire.merger without a store: syndicated copies, the same-happening rules, clustering."""
from __future__ import annotations

import copy
import json
import random
from functools import cache
from pathlib import Path

import pytest
import yaml

from eventwire import merger as merge_module
from eventwire.eval.merge_eval import clusters_from_labels, evaluate_merge
from eventwire.merger import cluster_events, find_syndicated, merge_rules, same_happening
from eventwire.merge_syndication import (
    estimated_similarity, fingerprint_values, text_fingerprint, text_shingles,
)
from eventwire.schema import Article, Entity, Event, Evidence, Place, article_id

from eventwire.eval.merge_eval import CORPUS, pipeline_merge_scores  # noqa: E402,F401


# -- the corpus (eventwire/eval/data/merge): articles, hand-built events, gold happenings -------------

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
    text = " ".join(d["text"] for d in corpus_lines())  # more shingles than the sketch keeps
    values = fingerprint_values(text_fingerprint(text))
    assert len(values) == merge_rules()["syndication"]["sketch_size"]
    short = corpus_lines()[0]["text"]
    assert len(fingerprint_values(text_fingerprint(short))) == min(len(text_shingles(short)), len(values))
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


def test_max_articles_per_value_ignores_boilerplate_values(monkeypatch):
    text = corpus_lines()[0]["text"]
    items = [{"id": "a", "text": text, "published": "2024-01-01"}, {"id": "b", "text": text + " More.", "published": None}]
    assert merge_rules()["syndication"]["max_articles_per_value"] >= 1 and find_syndicated(items) == {"b": "a"}
    rules = copy.deepcopy(merge_rules())
    rules["syndication"]["max_articles_per_value"] = 0  # every shared value counts as boilerplate
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


# -- the same-happening rules ---------------------------------------------------------------------

def test_same_report_twice_is_the_same_happening():
    assert same_happening(ev("a1"), ev("a2"))


def test_different_types_never_merge():
    assert not same_happening(ev("a1"), ev("a2", type="THREATEN"))


@pytest.mark.parametrize(("left", "right", "same"), [
    ("2024-05-02", "2024-05-02", True),
    ("2024-05", "2024-05-02", True),   # the month contains the day
    ("2024", "2024-05-02", True),
    ("2024-05-02", "2024-05-03", False),  # clearly different days
    ("2024-04", "2024-05-02", False),
    ("2023", "2024-05", False),
])
def test_dates(left, right, same):
    assert same_happening(ev("a1", date=left), ev("a2", date=right)) is same
    assert same_happening(ev("a2", date=right), ev("a1", date=left)) is same


def test_unknown_date_needs_publication_dates_within_the_window():
    window = merge_rules()["dates"]["unknown_date_window_days"]
    near = f"2024-05-{2 + window:02d}"
    far = f"2024-05-{3 + window:02d}"
    assert same_happening(ev("a1", date=None), ev("a2", published=near))
    assert not same_happening(ev("a1", date=None), ev("a2", published=far))
    assert not same_happening(ev("a1", date=None, published=None), ev("a2"))


def test_day_tolerance(monkeypatch):
    a, b = ev("a1", date="2024-05-02"), ev("a2", date="2024-05-03")
    assert merge_rules()["dates"]["day_tolerance_days"] == 0 and not same_happening(a, b)
    rules = copy.deepcopy(merge_rules())
    rules["dates"]["day_tolerance_days"] = 1
    monkeypatch.setattr(merge_module, "merge_rules", lambda: rules)
    assert same_happening(a, b)
    assert cluster_events([a, b]) == [[a, b]]  # the candidate blocks widen with it


@pytest.mark.parametrize(("left", "right", "same"), [
    (CAIRO, CAIRO, True),
    (CAIRO, dict(CAIRO, geonameid=None), True),  # same name
    (CAIRO, GIZA, False),  # different cities
    (CAIRO, EGYPT, True),  # the city is inside the country
    (CAIRO, CAIRO_REGION, True),  # ... and inside its region
    (GIZA, CAIRO_REGION, False),
    (CAIRO, None, True),  # unknown on one side
    (CAIRO, dict(EGYPT, country="LBY", name="Libya"), False),
])
def test_places(left, right, same):
    assert same_happening(ev("a1", location=left), ev("a2", location=right)) is same
    assert same_happening(ev("a2", location=right), ev("a1", location=left)) is same


@pytest.mark.parametrize(("actors", "recipients", "same"), [
    ([ent("Egypt", "EGY"), ent("Jordan", "JOR")], None, True),  # a compound actor overlapping
    ([ent("Cairo", "EGY")], None, True),  # same country and sector, other words
    ([ent("Egyptian army", "EGY", "MIL")], None, False),  # same country, another sector
    ([ent("Egyptian officials", "EGY", None)], None, True),  # sector unknown
    ([ent("Jordan", "JOR")], None, False),
    (None, [], True),  # recipients missing on one side
    (None, [ent("Hamas", "PSE", "REB")], False),  # another counterpart
    ([], [], False),  # nothing on one side and no place: no anchor
])
def test_sides(actors, recipients, same):
    assert same_happening(ev("a1"), ev("a2", actors=actors, recipients=recipients)) is same


def test_a_name_must_not_cross_countries():
    police = [{"text": "police", "name": None, "country": "KEN", "sector": "COP"}]
    other = [{"text": "police", "name": None, "country": "UGA", "sector": "COP"}]
    assert not same_happening(ev("a1", actors=police, recipients=[]), ev("a2", actors=other, recipients=[]))


def test_nothing_shared_is_no_anchor():
    bare = ev("a1", type="ASSAULT", actors=[], recipients=[])
    assert not same_happening(bare, ev("a2", type="ASSAULT", actors=[], recipients=[]))
    assert same_happening(dict(bare, location=CAIRO), ev("a2", type="ASSAULT", actors=[], recipients=[], location=CAIRO))
    assert not same_happening(dict(bare, location=EGYPT), ev("a2", type="ASSAULT", actors=[], recipients=[], location=EGYPT))


@pytest.mark.parametrize("group", merge_rules()["factuality_groups"], ids=lambda g: "+".join(g))
def test_factuality_groups(group):
    others = [f for g in merge_rules()["factuality_groups"] if g is not group for f in g]
    for a in group:
        for b in group:
            assert same_happening(ev("a1", factuality=a), ev("a2", factuality=b))
        for b in others:
            assert not same_happening(ev("a1", factuality=a), ev("a2", factuality=b))


@pytest.mark.parametrize("event_type", merge_rules()["symmetric_types"])
def test_symmetric_types_may_swap_sides(event_type):
    a = ev("a1", type=event_type, actors=[ent("Egypt", "EGY")], recipients=[ent("Israel", "ISR")])
    b = ev("a2", type=event_type, actors=[ent("Israel", "ISR")], recipients=[ent("Egypt", "EGY")])
    c = ev("a3", type=event_type, actors=[ent("Israel", "ISR")], recipients=[ent("Jordan", "JOR")])
    assert same_happening(a, b) and not same_happening(a, c)


def test_other_types_keep_their_sides():
    asymmetric = [t for t in ("ACCUSE", "THREATEN", "ASSAULT") if t not in merge_rules()["symmetric_types"]]
    for t in asymmetric:
        a = ev("a1", type=t, actors=[ent("Egypt", "EGY")], recipients=[ent("Israel", "ISR")])
        b = ev("a2", type=t, actors=[ent("Israel", "ISR")], recipients=[ent("Egypt", "EGY")])
        assert not same_happening(a, b)


def test_type_and_one_generic_shared_actor_are_not_one_happening():
    officers = [ent("officers", None, "COP")]
    a = ev("a1", type="ASSAULT", actors=officers, recipients=[], date=None)
    b = ev("a2", type="ASSAULT", actors=officers, recipients=[], date=None)
    assert not same_happening(a, b)  # two acts of "officers" in two stories: nothing else agrees
    assert same_happening({**a, "date": "2024-05-02"}, {**b, "date": "2024-05-02"})  # ... the same day
    assert same_happening({**a, "location": CAIRO}, {**b, "location": CAIRO})  # ... the same town
    assert not same_happening({**a, "location": EGYPT}, {**b, "location": EGYPT})  # a country is not enough
    killed = {"killed": 4, "money": []}
    assert same_happening({**a, "quantities": killed}, {**b, "quantities": killed})  # ... the same count
    assert not same_happening({**a, "quantities": killed}, {**b, "quantities": {"killed": 9}})


def test_a_shared_party_with_a_country_is_distinctive_enough():
    a = ev("a1", type="SANCTION", actors=[], recipients=[ent("Iran", "IRN")], date=None)
    b = ev("a2", type="SANCTION", actors=[ent("European Union", "EUR", "IGO")], recipients=[ent("Iran", "IRN")])
    assert same_happening(a, b)


def test_a_country_the_article_supplied_is_not_what_the_report_said():
    government = {**ent("government", "EGY"), "from": "article"}
    a = ev("a1", type="ACCUSE", actors=[government], recipients=[], date=None)
    b = ev("a2", type="ACCUSE", actors=[government], recipients=[], date=None)
    assert not same_happening(a, b)
    assert same_happening({**a, "actors": [ent("government", "EGY")]}, {**b, "actors": [ent("government", "EGY")]})


def test_merge_within_article(monkeypatch):
    a, b = ev("a1", id="x"), ev("a1", id="y")
    assert merge_rules()["merge_within_article"] is False
    assert not same_happening(a, b) and len(cluster_events([a, b])) == 2
    rules = dict(merge_rules(), merge_within_article=True)
    monkeypatch.setattr(merge_module, "merge_rules", lambda: rules)
    assert same_happening(a, b) and len(cluster_events([a, b])) == 1


# -- clustering -----------------------------------------------------------------------------------

def _scores(clusters) -> dict:
    _, happening = corpus_events()
    return evaluate_merge([[e["id"] for e in c] for c in clusters], clusters_from_labels(happening))


def test_corpus_clusters_match_the_gold():
    scores = _scores(cluster_events(corpus_event_dicts()))
    assert scores["gold_pairs"] >= 25
    assert scores["precision"] == 1.0 and scores["recall"] == 1.0


def test_clusters_do_not_depend_on_input_order():
    events = corpus_event_dicts()
    expected = [[e["id"] for e in c] for c in cluster_events(events)]
    for seed in range(3):
        shuffled = events[:]
        random.Random(seed).shuffle(shuffled)
        assert [[e["id"] for e in c] for c in cluster_events(shuffled)] == expected


def test_canonical_event_is_the_earliest_report():
    for cluster in cluster_events(corpus_event_dicts()):
        keys = [(e["published"], e["article_id"]) for e in cluster]
        assert keys[0] == min(keys)


def test_no_chaining_across_clearly_different_dates():
    month = ev("a1", date="2024-05", published="2024-05-20")
    first = ev("a2", date="2024-05-02", published="2024-05-21")
    second = ev("a3", date="2024-05-09", published="2024-05-22")
    clusters = cluster_events([month, first, second])
    assert [[e["id"] for e in c] for c in clusters] == [[month["id"], first["id"]], [second["id"]]]


def test_candidates_are_blocked(monkeypatch):
    """Events a year apart are never compared: far fewer comparisons than pairs."""
    calls = []
    real = merge_module._match_score
    monkeypatch.setattr(merge_module, "_match_score", lambda *args: calls.append(1) or real(*args))
    events = [ev(f"a{i}", date=f"{2000 + i // 365}-{1 + i % 12:02d}-{1 + i % 28:02d}", published=None,
                 type=("ACCUSE", "PROTEST")[i % 2]) for i in range(2000)]
    cluster_events(events)
    assert 0 < len(calls) < 2000 * 20


def test_evaluate_merge_counts_pairs():
    scores = evaluate_merge([["a", "b", "c"], ["d"]], [["a", "b"], ["c", "d"]])
    assert scores["predicted_pairs"] == 3 and scores["gold_pairs"] == 2 and scores["correct_pairs"] == 1
    assert scores["precision"] == pytest.approx(1 / 3) and scores["recall"] == 0.5


def test_blocks_find_every_compatible_event():
    """The candidate index loses nothing: neighbours equal a brute-force pairwise check."""
    rng = random.Random(7)
    countries = ["EGY", "ISR", "JOR", None]
    def side():
        return [ent(f"n{rng.randrange(3)}", rng.choice(countries), rng.choice(["GOV", "MIL", None]))
                for _ in range(rng.choice([0, 1, 1, 2]))]
    events = [
        ev(f"a{i // 2}", id=f"e{i}", type=rng.choice(["ACCUSE", "CONSULT"]), actors=side(), recipients=side(),
           date=rng.choice([None, "2024-05", "2024", "2024-05-02", "2024-05-03", "2024-06-01"]),
           published=rng.choice([None, "2024-05-01", "2024-05-04", "2024-05-09"]),
           location=rng.choice([None, CAIRO, GIZA, EGYPT]))
        for i in range(300)
    ]
    blocks = merge_module._Blocks(events)
    for i, e in enumerate(events):
        brute = {j for j, f in enumerate(events) if j != i and same_happening(e, f)}
        assert blocks.neighbours(i) == brute


def test_swapped_sides_need_both_sides_on_both_events():
    a = ev("a1", type="CONSULT", actors=[ent("Egypt", "EGY")], recipients=[], location=CAIRO)
    b = ev("a2", type="CONSULT", actors=[ent("Libya", "LBY")], recipients=[], location=CAIRO)
    assert not same_happening(a, b)


# -- the real pipeline on the corpus ----------------------------------------------------------------

@pytest.mark.slow
def test_pipeline_merge_on_the_corpus(tmp_path):
    code = pytest.importorskip("eventwire.coder")
    if not hasattr(code, "code_doc"):
        pytest.skip("the event coder (eventwire.coder.code_doc) is not there yet")
    scores = pipeline_merge_scores(str(tmp_path / "corpus.db"))
    assert scores["matched_gold_events"] >= 10
    assert scores["predicted_pairs"] == 0 or scores["precision"] >= 0.6
