from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

import eventwire.store.store as store_module
from eventwire.errors import StoreError
from eventwire.schema import Event, Evidence
from eventwire.store import SaveResult
from tests.store.contract import contract_errors_article, contract_errors_event
from tests.store.factories import make_article, make_batch, make_events


def test_save_then_read_back_equals_what_went_in(store):
    batch = make_batch(0, 12)
    result = store.save(batch, coder_version="test-1")
    assert result == SaveResult(new_articles=12, skipped_articles=0, new_events=24)
    for article, events in batch:
        assert store.get_article(article.id) == article
        stored = sorted(store.iter_events(article_id=article.id), key=lambda d: d["id"])
        assert stored == sorted((e.to_dict() for e in events), key=lambda d: d["id"])
        for d in stored:
            assert contract_errors_event(d, article.text) == []
    assert store.get_article("no-such-id") is None


def test_save_is_idempotent(store):
    batch = make_batch(0, 10)
    store.save(batch)
    again = store.save(batch)
    assert again.new_articles == 0 and again.skipped_articles == 10
    assert store.count("articles") == 10
    assert store.count("events") == 20  # replaced, not doubled


def test_duplicates_inside_one_batch_count_once(store):
    article = make_article(1)
    result = store.save([(article, None), (dataclasses.replace(article), None)])
    assert result == SaveResult(new_articles=1, skipped_articles=1, new_events=0)
    assert store.existing_article_ids([article.id, "other"]) == {article.id}


def test_uncoded_articles_and_coding_later(store):
    batch = make_batch(0, 6, events_per_article=None)
    store.save(batch)
    assert {a.id for a in store.iter_articles(uncoded_only=True)} == {a.id for a, _ in batch}
    first, _ = batch[0]
    result = store.save([(first, make_events(first, 3))], coder_version="v2")
    assert result == SaveResult(new_articles=0, skipped_articles=1, new_events=3)
    assert first.id not in {a.id for a in store.iter_articles(uncoded_only=True)}
    assert store.count("events") == 3


def test_coded_with_no_events_is_coded(store):
    article = make_article(5)
    store.save([(article, [])])
    assert list(store.iter_articles(uncoded_only=True)) == []
    assert store.count("events") == 0


def test_blank_metadata_is_stored_as_null(store):
    article = dataclasses.replace(make_article(7), title="  ", source="")
    store.save([(article, None)])
    stored = store.get_article(article.id)
    assert stored.title is None and stored.source is None
    assert contract_errors_article(stored.to_dict()) == []


def test_iter_articles_pages_and_orders(store):
    batch = make_batch(0, 23, events_per_article=None)
    store.save(batch)
    ids = [a.id for a in store.iter_articles(chunk_size=5)]
    assert ids == sorted(a.id for a, _ in batch)
    wanted = [batch[9][0].id, "missing", batch[2][0].id, batch[17][0].id]
    assert [a.id for a in store.iter_articles(ids=wanted, chunk_size=2)] == [wanted[0], wanted[2], wanted[3]]


def test_iter_articles_survives_coding_while_iterating(store):
    store.save(make_batch(0, 30, events_per_article=None))
    seen = []
    for article in store.iter_articles(uncoded_only=True, chunk_size=4):
        seen.append(article.id)
        store.save([(article, make_events(article, 1))])
    assert len(seen) == len(set(seen)) == 30
    assert store.count("events") == 30


def test_exception_mid_batch_leaves_nothing(store, monkeypatch):
    store.save(make_batch(0, 2))
    before_articles, before_events = store.count("articles"), store.count("events")
    calls = Counter()
    real = store_module.event_row

    def failing_event_row(event, **kw):
        calls["n"] += 1
        if calls["n"] == 7:
            raise RuntimeError("disk on fire")
        return real(event, **kw)

    monkeypatch.setattr(store_module, "event_row", failing_event_row)
    batch = make_batch(100, 5) + [make_batch(0, 1)[0]]  # new articles and a re-coded one
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.save(batch)
    assert calls["n"] == 7  # articles were already inserted when it failed
    assert store.count("articles") == before_articles
    assert store.count("events") == before_events
    assert store.existing_article_ids(a.id for a, _ in batch) == {batch[-1][0].id}


def test_event_for_unknown_article_rolls_back_batch(store):
    batch = make_batch(0, 3)
    stray = make_events(make_article(999), 1)
    batch[1] = (batch[1][0], batch[1][1] + stray)
    with pytest.raises(StoreError, match="not stored"):
        store.save(batch)
    assert store.count("articles") == 0 and store.count("events") == 0


def test_replace_machine_events_keeps_reviewed(store):
    article = make_article(3)
    old = make_events(article, 4)
    store.save([(article, old)], coder_version="v1")
    reviewed, rejected = old[0], old[1]
    assert store.set_review(reviewed.id, {"status": "confirmed", "by": "ana", "at": "2024-05-01"})
    assert store.set_review(rejected.id, {"status": "rejected", "by": "ana", "at": "2024-05-01"})
    assert not store.set_review("no-such-event", {"status": "confirmed", "by": "x", "at": "y"})

    same_id_new_content = dataclasses.replace(reviewed, confidence=0.01, mode="phone")
    fresh = Event(article_id=article.id, event_type="SANCTION",
                  evidence=Evidence(old[2].evidence.sentence, old[2].evidence.start, old[2].evidence.end),
                  trigger="sanctioned")
    added = store.replace_machine_events(article.id, [same_id_new_content, fresh], coder_version="v2")
    assert added == 1

    stored = {d["id"]: d for d in store.iter_events(article_id=article.id)}
    assert set(stored) == {reviewed.id, rejected.id, fresh.id}
    assert stored[reviewed.id]["confidence"] == reviewed.to_dict()["confidence"]  # not overwritten
    assert stored[reviewed.id]["review"]["status"] == "confirmed"
    assert stored[fresh.id]["review"] is None
    without_rejected = {d["id"] for d in store.iter_events(article_id=article.id, include_rejected=False)}
    assert without_rejected == {reviewed.id, fresh.id}


def test_replace_machine_events_needs_the_article(store):
    article = make_article(4)
    with pytest.raises(StoreError, match="no article"):
        store.replace_machine_events(article.id, make_events(article, 1), coder_version="v1")


def test_stats_count_what_was_saved(store):
    batch = make_batch(0, 40) + make_batch(40, 10, events_per_article=None)
    store.save(batch)
    articles = [a for a, _ in batch]
    events = [e for _, evs in batch for e in (evs or [])]
    stats = store.stats()
    assert stats["articles"] == len(articles) == store.count("articles")
    assert stats["events"] == len(events) == store.count("events")
    assert stats["by_source"] == dict(Counter(a.source for a in articles))
    assert stats["by_format"] == dict(Counter(a.format for a in articles))
    assert stats["by_event_type"] == dict(Counter(e.event_type for e in events))
    assert stats["by_day"] == dict(Counter(a.published for a in articles))
    days = [d for d in stats["by_day"] if d is not None]
    assert days == sorted(days)
    counts = list(stats["by_source"].values())
    assert counts == sorted(counts, reverse=True)


def test_two_writers_at_once_wait_for_each_other(db_path):
    """Two stores (two connection pools) saving overlapping batches concurrently: no lock errors."""
    import threading

    from eventwire.store import open_store

    batches = [make_batch(i * 20, 40) for i in range(6)]  # neighbours overlap by 20 articles
    errors: list[BaseException] = []

    def writer(mine):
        try:
            with open_store(db_path) as s:
                for batch in mine:
                    s.save(batch)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(batches[k::2],)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with open_store(db_path) as s:
        assert s.count("articles") == 20 * 7
        assert s.count("events") == 2 * 20 * 7
