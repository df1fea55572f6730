"""``eventwire ingest --engine dask``: the pipeline's stages on Dask workers.

Dask schedules; we only cut the inputs into partitions and say what to do with
each.  The client

1. cuts the inputs into partitions (``partition_inputs``) and leaves out those the
   state folder's manifest records as finished (a resumed run);
2. submits the rest, keeping a bounded number in flight (memory stays flat however
   large the input);
3. saves each partition's rows in input order -- the client is the store's single
   writer, so SQLite never sees two writers, and the first report of a story is the
   one stored, as with the local engine -- or, where workers write to a server
   database themselves, just collects their counts;
4. records the partition as finished only after its rows are committed.

A partition that fails (its worker raised, or died too often) is reported with its
error and left unrecorded, so the next run retries it; the others go on.  A worker
killed midway is Dask's to handle: its partitions are run again elsewhere.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from eventwire.batch.manifest import Manifest, default_state_dir
from eventwire.batch.partitions import DEFAULT_PARTITION_MB, Partition, partition_inputs
from eventwire.batch.work import Job, PartitionOutcome, process_partition, save_outcome
from eventwire.config import get_settings, normalise_db_url
from eventwire.errors import InputError
from eventwire.pipeline import IngestReport, Progress

log = logging.getLogger(__name__)

WRITERS = ("auto", "client", "workers")


@dataclass
class PartitionResult:
    """How one partition went: ``done``, ``skipped`` (finished by an earlier run) or ``failed``."""

    label: str
    key: str
    status: str
    documents: int = 0
    articles_new: int = 0
    events_new: int = 0
    errors: int = 0
    seconds: float = 0.0
    worker: str = ""
    failure: str | None = None


@dataclass
class BatchIngestReport(IngestReport):
    """The local engine's report, plus how every partition went."""

    partitions: list[PartitionResult] = field(default_factory=list)
    workers: int = 0

    def count(self, status: str) -> int:
        return sum(1 for p in self.partitions if p.status == status)


def quiet_dask_logs() -> None:
    """Dask's loggers no chattier than eventwire's: distributed sets its own to INFO on import, which
    would print under ``-q`` (where eventwire logs warnings only)."""
    level = logging.getLogger("eventwire").getEffectiveLevel()
    if level > logging.INFO:
        for name in ("distributed", "dask"):
            logging.getLogger(name).setLevel(max(level, logging.WARNING))


@contextmanager
def dask_client(*, scheduler: str | None = None, workers: int | None = None,
                memory_limit: str | None = "auto") -> Iterator[Any]:
    """A client of the cluster at ``scheduler``, or of a local cluster of ``workers`` processes
    (one thread each; default: one per core), closed on exit."""
    from distributed import Client, LocalCluster

    quiet_dask_logs()
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    n = workers or os.cpu_count() or 1
    with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0",
                      memory_limit=memory_limit) as cluster, Client(cluster) as client:
        client.wait_for_workers(n)
        yield client


def _writer_for(url: str, writer: str) -> str:
    if writer not in WRITERS:
        raise ValueError(f"unknown writer {writer!r}; expected one of {', '.join(WRITERS)}")
    sqlite = url.startswith("sqlite")
    if writer == "workers" and sqlite:
        raise ValueError("SQLite takes one writer: use writer='client' (the default) or a PostgreSQL --db")
    if writer == "auto":
        return "client" if sqlite else "workers"
    return writer


def _check_reader_options(reader_options: dict[str, Any]) -> None:
    """Refuse an unknown format or unreadable date before any worker starts (as the readers do)."""
    from eventwire.readers import iter_documents

    list(iter_documents([], format=reader_options["format"], published=reader_options["published"]))


def run_dask_ingest(
    paths: Sequence[str | Path],
    *,
    db: str | None = None,
    scheduler: str | None = None,
    workers: int | None = None,
    client: Any = None,
    events: bool = True,
    merge: bool = True,
    model: str | None = None,
    batch_size: int | None = None,
    format: str = "auto",
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
    max_page_mb: float = 20,
    max_line_mb: float = 20,
    partition_mb: float = DEFAULT_PARTITION_MB,
    state_dir: str | Path | None = None,
    writer: str = "auto",
    in_flight: int | None = None,
    progress: Callable[[Progress], None] | None = None,
) -> BatchIngestReport:
    """Ingest ``paths`` on a Dask cluster; the same articles and events as ``pipeline.ingest``.

    ``scheduler`` (``tcp://host:port``) names a running cluster; without it a local
    cluster of ``workers`` processes is started (or ``client``, an open
    ``distributed.Client``, is used).  Finished partitions are recorded in
    ``state_dir`` (default: beside a SQLite file, else under ~/.cache/eventwire) and
    skipped when the same command runs again.  ``writer``: ``client`` (the one writer;
    the default for SQLite) or ``workers`` (each worker writes; the default for
    server databases).  Input errors and failed partitions are in ``report.errors``.
    With ``merge`` (and events) the reports of one happening are merged afterwards, on
    the client, as the local engine does -- also when a resumed run found every partition
    finished (the killed run may not have got that far).
    """
    from eventwire.store import open_store

    settings = get_settings(db=db, model=model, batch_size=batch_size)
    url_ = normalise_db_url(settings.db)
    who_writes = _writer_for(url_, writer)
    reader_options = {"format": format, "published": published, "source": source, "url": url,
                      "max_page_mb": max_page_mb, "max_line_mb": max_line_mb}
    _check_reader_options(reader_options)
    job = Job(events=events, model=settings.model, batch_size=settings.batch_size, published=published,
              reader_options=reader_options, worker_db=url_ if who_writes == "workers" else None)
    report = BatchIngestReport()
    with open_store(url_) as store:  # creates or upgrades the schema once, before any worker opens it
        manifest = Manifest(state_dir or default_state_dir(url_), options=reader_options)
        manifest.set_aside_if_stale(store.count("articles"))
        todo: list[Partition] = []
        for part in partition_inputs(paths, format=format, partition_mb=partition_mb):
            if isinstance(part, InputError):
                report.errors.append(str(part))
            elif manifest.is_done(part, events=events):
                report.partitions.append(PartitionResult(part.label, part.key, "skipped"))
            else:
                todo.append(part)
        log.info("%d partitions to do, %d finished earlier (state in %s)", len(todo),
                 report.count("skipped"), manifest.state_dir)
        if todo:
            with _client(client, scheduler=scheduler, workers=workers) as dask:
                report.workers = len(dask.scheduler_info()["workers"])
                _run(dask, todo, job=job, store=store if who_writes == "client" else None,
                     manifest=manifest, report=report, progress=progress,
                     in_flight=in_flight or max(4, 4 * max(1, report.workers)))
        wanted = False
        if events and merge:  # a resumable stage: also when the killed run got no further
            from eventwire.merger import merge_needed

            wanted = merge_needed(store)
    if wanted:
        from eventwire.merger import merge as merge_events

        report.merge = merge_events(db=url_)
    log.info("dask ingest: %d partitions done, %d skipped, %d failed; %d new articles, %d events",
             report.count("done"), report.count("skipped"), report.count("failed"),
             report.articles_new, report.events_new)
    return report


@contextmanager
def _client(given: Any, *, scheduler: str | None, workers: int | None) -> Iterator[Any]:
    if given is not None:
        yield given
        return
    with dask_client(scheduler=scheduler, workers=workers) as client:
        yield client


def _run(dask, todo: list[Partition], *, job: Job, store, manifest: Manifest, report: BatchIngestReport,
         progress, in_flight: int) -> None:
    """Submit partitions (at most ``in_flight`` at once); finish them in input order."""
    from distributed import as_completed

    index = {}
    pending = iter(enumerate(todo))
    running = as_completed()

    ready: dict[int, PartitionOutcome | BaseException] = {}

    def refill() -> None:  # finished-but-unsaved partitions count too: memory stays bounded
        while len(index) + len(ready) < in_flight:
            nxt = next(pending, None)
            if nxt is None:
                return
            i, part = nxt
            future = dask.submit(process_partition, part, job, pure=False)
            index[future.key] = i
            running.add(future)

    refill()
    next_to_finish = 0
    skipped = report.count("skipped")  # the bar counts partitions: those finished earlier are done
    tick = Progress(files_total=len(todo) + skipped, files_started=skipped)
    for future in running:
        i = index.pop(future.key)
        try:
            ready[i] = future.result()
        except Exception as exc:  # the partition failed (its worker raised, or died too often)
            ready[i] = exc
        future.release()
        while next_to_finish in ready:
            _finish(todo[next_to_finish], ready.pop(next_to_finish), job=job, store=store,
                    manifest=manifest, report=report)
            next_to_finish += 1
            tick.documents, tick.articles_new, tick.events_new = (report.documents, report.articles_new,
                                                                  report.events_new)
            tick.errors, tick.origin = len(report.errors), todo[next_to_finish - 1].label
            tick.files_started = skipped + next_to_finish
            if progress:
                progress(tick)
        refill()


def _finish(part: Partition, outcome: PartitionOutcome | BaseException, *, job: Job, store,
            manifest: Manifest, report: BatchIngestReport) -> None:
    """Save (client writes) and record one partition, and add it to the report."""
    if isinstance(outcome, BaseException):
        message = f"{part.label}: partition failed: {type(outcome).__name__}: {outcome}"
        log.warning(message)
        report.errors.append(message)
        report.partitions.append(PartitionResult(part.label, part.key, "failed", failure=str(outcome)))
        return
    if store is not None:
        save_outcome(store, outcome, events=job.events, batch_size=job.batch_size)
    manifest.mark_done(part, events=job.events, summary=outcome.summary())
    report.documents += outcome.documents
    report.articles_new += outcome.articles_new
    report.articles_skipped += outcome.articles_skipped
    report.articles_coded += outcome.articles_coded
    report.events_new += outcome.events_new
    report.errors.extend(outcome.errors)
    report.article_ids.extend(outcome.article_ids)
    report.partitions.append(PartitionResult(
        part.label, part.key, "done", documents=outcome.documents, articles_new=outcome.articles_new,
        events_new=outcome.events_new, errors=len(outcome.errors), seconds=outcome.seconds,
        worker=outcome.worker))
    log.info("%s: %d documents, %d new articles, %d events, %d errors in %.2f s on %s", part.label,
             outcome.documents, outcome.articles_new, outcome.events_new, len(outcome.errors),
             outcome.seconds, outcome.worker)
