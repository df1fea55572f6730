"""A writer killed with SIGKILL mid-save leaves whole batches only."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from eventwire.store import open_store

BATCH = 150
EVENTS_PER_ARTICLE = 3
REPO = Path(__file__).resolve().parents[2]

WRITER = textwrap.dedent(
    """
    import sys
    from eventwire.store import open_store
    from tests.store.factories import make_batch

    db, seed, batch_size, per_article = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    with open_store(db) as store:
        for n in range(10_000):
            store.save(make_batch(n * batch_size, batch_size, events_per_article=per_article, seed=seed))
            sys.stdout.write(f"{n}\\n")
            sys.stdout.flush()
    """
)


@pytest.mark.slow
def test_sigkill_during_saves_leaves_only_whole_batches(tmp_path):
    db = tmp_path / "crash.db"
    open_store(db).close()
    rng = random.Random(7)
    for seed in range(1, 4):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), str(seed), str(BATCH), str(EVENTS_PER_ARTICLE)],
            cwd=REPO, stdout=subprocess.PIPE, text=True,
        )
        try:
            for _ in range(2):  # two batches committed, then kill somewhere in a later one
                assert proc.stdout.readline(), "writer died before committing"
            time.sleep(rng.uniform(0.0, 0.2))
            os.kill(proc.pid, signal.SIGKILL)
            assert proc.wait(timeout=30) == -signal.SIGKILL
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.stdout.close()

        con = sqlite3.connect(db)
        assert con.execute("pragma integrity_check").fetchone() == ("ok",)
        con.close()
        with open_store(db) as store:
            n_articles = store.count("articles")
            assert n_articles > 0 and n_articles % BATCH == 0
            assert list(store.iter_articles(uncoded_only=True)) == []  # coded <=> saved with its events
            per_article = {}
            for event in store.iter_events():
                per_article[event["article_id"]] = per_article.get(event["article_id"], 0) + 1
            assert set(per_article) == {a.id for a in store.iter_articles()}
            assert set(per_article.values()) == {EVENTS_PER_ARTICLE}
