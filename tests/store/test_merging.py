"""Merging in the store: merge state, hidden duplicates, incremental runs, re-coding, migration 0002."""
from __future__ import annotations

import sqlite3

import pytest
from alembic import command

from eventwire.eval.merge_eval import clusters_from_labels, evaluate_merge
from eventwire.merger import merge
from eventwire.store import open_store
from eventwire.store.engine import alembic_config
from tests.test_merge import corpus_articles, corpus_events


def _batch(exts=None):
    articles = corpus_articles()
    events, _ = corpus_events()
    exts = list(articles) if exts is None else exts
    return [(articles[e], events.get(e, [])) for e in exts]


def _predicted(store) -> list[list[str]]:
    state = store.merge_state()
    heads: dict[str, list[str]] = {}
    for eid, s in state.items():
        heads.setdefault(s["merged_into"] or eid, []).append(eid)
    return list(heads.values())


def _ids(ext_ids):
    events, _ = corpus_events()
    return [e.id for x in ext_ids for e in events[x]]


def test_merge_clusters_the_corpus(db_path):
    with open_store(db_path) as store:
        store.save(_batch())
    report = merge(db=str(db_path))
    assert report.events == 48 and report.syndicated == 3 and report.merged > 0
    _, happening = corpus_events()
    with open_store(db_path) as store:
        scores = evaluate_merge(_predicted(store), clusters_from_labels(happening))
        assert scores["precision"] == 1.0 and scores["recall"] == 1.0
        copies = store.duplicate_articles()
    articles = corpus_articles()
    assert copies == {articles["h1c"].id: articles["h1a"].id, articles["h5b"].id: articles["h5a"].id,
                      articles["h9b"].id: articles["h9a"].id}


def test_canonical_event_lists_every_report_and_counts_sources(db_path):
    with open_store(db_path) as store:
        store.save(_batch())
    merge(db=str(db_path))
    articles = corpus_articles()
    with open_store(db_path) as store:
        canonical = list(store.iter_events(article_id=articles["h1a"].id))
        assert len(canonical) == 1
        head = canonical[0]
        reports = {m["article_id"] for m in head["mentions"]}
        assert reports == {articles[x].id for x in ("h1a", "h1b", "h1c", "h1d")}
        # h1c is a syndicated copy of h1a: a fourth mention but not a fourth source
        state = store.merge_state()
        assert state[head["id"]]["source_count"] == 3
        for eid in _ids(["h1b", "h1c"]):
            assert state[eid]["merged_into"] == head["id"]


def test_iter_events_hides_merged_duplicates_unless_asked(db_path):
    with open_store(db_path) as store:
        store.save(_batch())
        everything = {e["id"] for e in store.iter_events()}
    merge(db=str(db_path))
    with open_store(db_path) as store:
        shown = {e["id"] for e in store.iter_events()}
        merged = {eid for eid, s in store.merge_state().items() if s["merged_into"]}
        assert merged and shown == everything - merged
        assert {e["id"] for e in store.iter_events(include_merged=True)} == everything


def test_rerunning_changes_nothing(db_path):
    with open_store(db_path) as store:
        store.save(_batch())
    assert merge(db=str(db_path)).changed > 0
    with open_store(db_path) as store:
        before = store.merge_state()
    again = merge(db=str(db_path))
    assert again.changed == 0 and again.reclustered == 0 and again.articles_fingerprinted == 0
    with open_store(db_path) as store:
        assert store.merge_state() == before


def test_incremental_merge_equals_a_merge_from_scratch(tmp_path):
    articles = list(corpus_articles())
    # the later half arrives first, so new articles must become the canonical reports of old clusters
    late, early = articles[1::2], articles[0::2]
    step = tmp_path / "step.db"
    with open_store(step) as store:
        store.save(_batch(late))
    merge(db=str(step))
    with open_store(step) as store:
        store.save(_batch(early))
    report = merge(db=str(step))
    assert report.reclustered < report.events  # only the groups touched by the new articles
    once = tmp_path / "once.db"
    with open_store(once) as store:
        store.save(_batch())
    merge(db=str(once))
    with open_store(step) as a, open_store(once) as b:
        incremental = a.merge_state()
        assert incremental == b.merge_state()
        assert a.duplicate_articles() == b.duplicate_articles()
    merge(db=str(step), rebuild=True)
    with open_store(step) as a:
        assert a.merge_state() == incremental


def test_recoding_an_article_leaves_no_dangling_pointer(db_path):
    with open_store(db_path) as store:
        store.save(_batch())
    merge(db=str(db_path))
    articles = corpus_articles()
    with open_store(db_path) as store:
        head = next(store.iter_events(article_id=articles["h5a"].id))
        store.replace_machine_events(articles["h5a"].id, [], coder_version="test")
        state = store.merge_state()
        assert head["id"] not in state
        assert all(s["merged_into"] in state for s in state.values() if s["merged_into"])
        # the cluster is taken apart: its other reports show again until the next merge
        for eid in _ids(["h5b", "h5c"]):
            assert state[eid]["merged_into"] is None and state[eid]["source_count"] is None
            assert len(state[eid]["mentions"]) == 1
    merge(db=str(db_path))
    with open_store(db_path) as store:
        state = store.merge_state()
        b, c = _ids(["h5b", "h5c"])
        assert state[c]["merged_into"] == b  # h5b was published first
        assert state[b]["source_count"] == 2  # h5b copies h5a, whose outlet still counts once


def test_a_rejected_event_leaves_its_cluster(db_path):
    with open_store(db_path) as store:
        store.save(_batch())
    merge(db=str(db_path))
    head = _ids(["h3a"])[0]
    with open_store(db_path) as store:
        assert store.set_review(head, {"status": "rejected", "by": "tester", "at": "2024-06-01"})
    merge(db=str(db_path))
    with open_store(db_path) as store:
        state = store.merge_state()
        assert state[head]["merged_into"] is None and state[head]["source_count"] is None
        b, c = _ids(["h3b", "h3c"])
        assert {state[b]["merged_into"] or b, state[c]["merged_into"] or c} == {c}  # h3c published first


@pytest.mark.parametrize("status", ["rejected"])
def test_excluded_review_statuses_never_merge(db_path, status):
    from eventwire.merger import merge_rules

    assert status in merge_rules()["excluded_review_statuses"]
    with open_store(db_path) as store:
        store.save(_batch())
        for eid in _ids(["h7b"]):
            store.set_review(eid, {"status": status, "by": "t", "at": "2024-06-01"})
    merge(db=str(db_path))
    with open_store(db_path) as store:
        state = store.merge_state()
        (b,) = _ids(["h7b"])
        assert state[b]["merged_into"] is None and state[b]["source_count"] is None
        assert all(s["merged_into"] != b for s in state.values())


def test_migration_0002_downgrades_and_upgrades(db_path):
    with open_store(db_path) as store:
        store.save(_batch(["h1a", "h1b"]))
        with store._engine.connect() as conn, conn.begin():
            command.downgrade(alembic_config(conn), "0001")
    con = sqlite3.connect(db_path)
    assert "merged_into" not in {r[1] for r in con.execute("pragma table_info(events)")}
    assert "fingerprint" not in {r[1] for r in con.execute("pragma table_info(articles)")}
    con.close()
    with open_store(db_path) as store:  # upgraded again; old rows read as never merged
        assert store.count("events") == 2
        assert all(s["merged_into"] is None for s in store.merge_state().values())
    assert merge(db=str(db_path)).merged == 1


def test_merge_pending_counts_what_the_next_merge_must_redo(db_path):
    with open_store(db_path) as store:
        store.save(_batch())
        assert store.merge_pending(excluded_statuses=["rejected"]) == 48
    merge(db=str(db_path))
    head = _ids(["h3a"])[0]
    with open_store(db_path) as store:
        assert store.merge_pending(excluded_statuses=["rejected"]) == 0
        store.set_review(head, {"status": "rejected", "by": "t", "at": "2024-06-01"})
        assert store.merge_pending(excluded_statuses=["rejected"]) == 1
        assert store.merge_pending() == 0  # nothing excluded: a reviewed event merges like any other
