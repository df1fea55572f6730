"""Saving 5,000 synthetic articles in batches of 500, twice: everything stored once, the rate logged.

Speed is measured by `eventwire bench`, never asserted here (these machines are noisy)."""
from __future__ import annotations

import logging
import time

import pytest

from eventwire.store import open_store
from tests.store.factories import make_batch

N, BATCH = 5_000, 500
log = logging.getLogger(__name__)


def _rate(db, batches) -> float:
    with open_store(db) as store:
        t0 = time.perf_counter()
        for batch in batches:
            store.save(batch, coder_version="bench")
        return N / (time.perf_counter() - t0)


@pytest.mark.slow
@pytest.mark.parametrize("events_per_article", [None, 2])
def test_save_throughput(tmp_path, events_per_article):
    batches = [make_batch(i, BATCH, events_per_article=events_per_article) for i in range(0, N, BATCH)]
    db = tmp_path / "bench.db"
    first = _rate(db, batches)
    again = _rate(db, batches)  # everything known: the re-ingest path
    log.warning("save: %.0f articles/s new, %.0f articles/s re-saved (events per article: %s)",
                first, again, events_per_article)
    with open_store(db) as store:
        assert store.count("articles") == N
        assert store.count("events") == N * (events_per_article or 0)
