"""Merge is a resumable stage (issue 14): a run that stopped before or during the merge is merged
by the next run, even when that run adds nothing."""
from __future__ import annotations

import pytest

import eventwire
from eventwire.eval.merge_eval import CORPUS
from eventwire.merger import merge_rules
from eventwire.store import open_store


def _merge_view(db):
    with open_store(db) as store:
        pending = store.merge_pending(excluded_statuses=merge_rules()["excluded_review_statuses"])
        unprinted = sum(1 for _ in store.iter_unfingerprinted_articles())
        return pending, unprinted, store.merge_state(), store.duplicate_articles()


@pytest.mark.slow
def test_a_rerun_that_adds_nothing_still_merges(tmp_path):
    corpus = CORPUS / "corpus.jsonl"
    db = f"sqlite:///{tmp_path}/stopped.db"
    first = eventwire.ingest([corpus], db=db, merge=False)  # as if killed before the merge
    assert first.merge is None and _merge_view(db)[0] > 0
    again = eventwire.ingest([corpus], db=db)
    assert again.articles_new == 0 and again.events_new == 0
    assert again.merge is not None
    pending, unprinted, state, copies = _merge_view(db)
    assert pending == 0 and unprinted == 0 and copies
    assert any(s["merged_into"] for s in state.values()), "the corpus has reports to merge"
    eventwire.merge(db=db, rebuild=True)  # what a from-scratch merge makes of the same store
    assert _merge_view(db) == (0, 0, state, copies)
    assert eventwire.ingest([corpus], db=db).merge is None  # nothing waits: no merge pass at all
