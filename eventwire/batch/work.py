"""What one worker does with one partition, and how its results reach the store.

The stages are the pipeline's own: ``articles_from_document`` for every document
the readers give, ``code_articles`` (one ``nlp.pipe`` per batch) for the events,
``store_batch`` where workers write themselves.  The NLP pipeline is loaded once
per worker process (``load_pipeline`` caches it per model) and kept for every
partition that process codes.

Two ways to the store:

- **client writes** (any database, the only safe way for SQLite): the worker codes
  and returns ``(article, events)`` rows; the client saves them, one transaction
  per batch, skipping stored articles and coding only new or uncoded ones, exactly
  as ``store_batch`` decides.
- **workers write** (PostgreSQL and other server databases): each worker opens the
  store once and calls ``store_batch`` itself; the server arbitrates the writers
  (inserts of an id another writer stored first are skipped).
"""
from __future__ import annotations

import functools
import logging
import os
import socket
import time
from dataclasses import dataclass, field
from typing import Any

from eventwire.batch.partitions import Partition, documents_in_partition
from eventwire.schema import Article, Event

log = logging.getLogger(__name__)

Row = tuple[Article, "list[Event] | None"]


@dataclass(frozen=True)
class Job:
    """What every partition of one run is asked for (plain values: it travels to the workers)."""

    events: bool = True
    model: str | None = None
    batch_size: int = 64
    published: str | None = None
    reader_options: dict[str, Any] = field(default_factory=dict)
    worker_db: str | None = None  # set when workers write to the store themselves


@dataclass
class PartitionOutcome:
    """What came of one partition: counts, input errors, and (client writes) the rows to save."""

    key: str
    label: str
    documents: int = 0
    articles: int = 0
    articles_new: int = 0
    articles_skipped: int = 0
    articles_coded: int = 0
    events_new: int = 0
    errors: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    worker: str = ""
    seconds: float = 0.0

    def summary(self) -> dict[str, Any]:
        """The counts, as the manifest records them."""
        return {"documents": self.documents, "articles_new": self.articles_new,
                "events_new": self.events_new, "errors": len(self.errors), "seconds": round(self.seconds, 3)}


@functools.cache
def _worker_store(url: str):
    """One open store per worker process and database."""
    from eventwire.store import open_store

    return open_store(url)


def _nlp(job: Job):
    if not job.events:
        return None
    from eventwire.nlp import load_pipeline

    return load_pipeline(job.model)


def process_partition(partition: Partition, job: Job) -> PartitionOutcome:
    """Read, split, (code,) and -- when ``job.worker_db`` is set -- store one partition.

    Input errors are recorded in the outcome, never raised; anything else raised is
    the partition failing (the engine reports it and carries on with the others).
    """
    from eventwire.pipeline import articles_from_documents, batches, code_articles, store_batch

    started = time.perf_counter()
    outcome = PartitionOutcome(partition.key, partition.label, worker=f"{socket.gethostname()}:{os.getpid()}")
    documents = documents_in_partition(partition, **job.reader_options)
    unique: dict[str, Article] = {}
    for article in articles_from_documents(documents, record=outcome, published=job.published):
        outcome.articles += 1
        unique.setdefault(article.id, article)
    outcome.article_ids = list(unique)
    articles = list(unique.values())
    nlp = _nlp(job)
    if job.worker_db is not None:
        store = _worker_store(job.worker_db)
        for batch in batches(articles, job.batch_size):
            result = store_batch(store, batch, nlp=nlp, batch_size=job.batch_size)
            outcome.articles_new += result.new_articles
            outcome.articles_coded += result.coded
            outcome.events_new += result.new_events
            outcome.errors.extend(result.errors)
        outcome.articles_skipped = outcome.articles - outcome.articles_new
    elif nlp is not None:
        coded: list = []
        for batch in batches(articles, job.batch_size):
            coded.extend(code_articles(batch, nlp=nlp, batch_size=job.batch_size, errors=outcome.errors))
        outcome.rows = list(zip(articles, coded))
    else:
        outcome.rows = [(a, None) for a in articles]
    outcome.seconds = time.perf_counter() - started
    return outcome


def save_outcome(store, outcome: PartitionOutcome, *, events: bool, batch_size: int) -> None:
    """Save the rows a worker returned (client writes), one transaction per batch.

    The ``store_batch`` rule: stored articles are skipped, except stored-but-uncoded
    ones when events were coded.  Fills the outcome's counts; drops its rows.
    """
    from eventwire.pipeline import CODER_VERSION, batches, save_rows

    for batch in batches(outcome.rows, batch_size):
        ids = [a.id for a, _ in batch]
        existing = store.existing_article_ids(ids)
        uncoded: set[str] = set()
        if events and existing:
            uncoded = {a.id for a in store.iter_articles(ids=existing, uncoded_only=True)}
        keep = [(a, evs) for a, evs in batch if a.id not in existing or a.id in uncoded]
        saved = save_rows(store, keep, coder_version=CODER_VERSION if events else None, errors=outcome.errors)
        outcome.articles_new += saved.new_articles
        outcome.events_new += saved.new_events
        outcome.articles_coded += sum(1 for _, evs in keep if evs is not None)
    outcome.articles_skipped = outcome.articles - outcome.articles_new
    outcome.rows = []
