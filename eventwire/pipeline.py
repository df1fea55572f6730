"""The end-to-end run: inputs -> articles -> (NLP -> events) -> store.

``ingest`` and ``code`` are the public entry points behind ``eventwire ingest``
and ``eventwire code``.  Work is done in batches; each batch is written in one
transaction, so a crash or kill loses at most the batch in flight and a re-run
completes it without duplicates (article ids come from their content).
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .articles import articles_from_document
from .config import get_settings
from .errors import EventwireError, InputError, NothingReadError
from .killpoints import checkpoint
from .schema import Article, Event

log = logging.getLogger(__name__)

CODER_VERSION = f"eventwire-{__version__}"


@dataclass
class Progress:
    """What a progress callback is told after each stored batch or finished input."""

    documents: int = 0
    articles_new: int = 0
    events_new: int = 0
    errors: int = 0
    origin: str | None = None
    files_total: int | None = None  # input files found (None when not counted)
    files_started: int = 0


_RECORD_SUFFIX = re.compile(r"(#.*|:\d+)$")


def input_file_of(origin: str) -> str:
    """The file an origin names ("a.jsonl:12" and "feed.xml#3" are records of a.jsonl and feed.xml)."""
    return _RECORD_SUFFIX.sub("", origin)


def count_input_files(paths: Sequence[str | Path]) -> int:
    """How many readable input files the paths name (folders walked), for a progress bar."""
    from .readers.paths import iter_input_files

    return sum(1 for f in iter_input_files([str(p) for p in paths]) if not isinstance(f, InputError))


@dataclass
class IngestReport:
    documents: int = 0
    articles_new: int = 0
    articles_skipped: int = 0
    articles_coded: int = 0
    events_new: int = 0
    errors: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    merge: object = None  # merger.MergeReport when events were merged after the ingest

    @property
    def failed(self) -> bool:
        return bool(self.errors)


def code_articles(articles: Sequence[Article], *, nlp, batch_size: int,
                  errors: list[str] | None = None) -> list[list[Event] | None]:
    """Events for each article, in order (one nlp.pipe over the batch); None where coding failed.

    Isolated per article (``eventwire.sections``): a text over the model's limit is coded in
    sections, offsets into the whole text; a failure is that article's, its message (``file:line``,
    article id) appended to ``errors``, and the other articles go on.
    """
    from .sections import code_each

    return code_each(articles, nlp=nlp, batch_size=batch_size, errors=errors)


def batches(items: Iterable, size: int) -> Iterator[list]:
    """Lists of up to ``size`` items, in order."""
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(
    paths: Sequence[str | Path],
    *,
    db: str | None = None,
    format: str = "auto",
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
    events: bool = True,
    merge: bool = True,
    model: str | None = None,
    batch_size: int | None = None,
    max_page_mb: float = 20,
    stdin=None,
    progress: Callable[[Progress], None] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
    max_line_mb: float = 20,
) -> IngestReport:
    """Read inputs, store their clean articles and (by default) the events coded from them.

    Bad inputs are reported in ``IngestReport.errors`` (file and line named) while
    everything else is stored; ``report.failed`` tells the caller to exit non-zero.
    Re-running the same inputs adds nothing; articles stored but not yet coded
    (an interrupted run, or ``events=False`` earlier) are coded when met again.
    With ``merge`` (the default, when events are coded) the reports of one happening
    across articles are merged afterwards (``eventwire.merge``) whenever events await
    merging or articles lack fingerprints -- also after a run killed before or during
    its merge, whatever this run added.
    ``max_page_mb`` caps a file read whole (page, JSON, feed), ``max_line_mb`` one JSONL line.
    ``engine="dask"`` runs the same stages on Dask workers (``eventwire.batch``): a local
    cluster of ``workers`` processes, or the cluster at ``scheduler``; resumable by partition.
    """
    from .store import open_store

    if engine == "dask":
        from .batch import run_dask_ingest

        return _read_something(run_dask_ingest(
            paths, db=db, scheduler=scheduler, workers=workers, format=format, published=published, source=source,
            url=url, events=events, merge=merge, model=model, batch_size=batch_size, max_page_mb=max_page_mb,
            max_line_mb=max_line_mb, progress=progress))
    if engine != "local":
        raise ValueError(f"engine must be 'local' or 'dask', not {engine!r}")

    settings = get_settings(db=db, model=model, batch_size=batch_size)
    report = IngestReport()
    tick = Progress(files_total=count_input_files(paths) if progress and "-" not in map(str, paths) else None)
    nlp = None
    if events:
        from .nlp import load_pipeline

        nlp = load_pipeline(settings.model)

    with open_store(settings.db) as store:
        inputs = articles_from_inputs(paths, report=report, published=published, stdin=stdin, tick=tick,
                                      format=format, source=source, url=url, max_page_mb=max_page_mb,
                                      max_line_mb=max_line_mb)
        for batch in batches(inputs, settings.batch_size):
            result = store_batch(store, batch, nlp=nlp, batch_size=settings.batch_size)
            report.articles_new += result.new_articles
            report.articles_skipped += len(batch) - result.new_articles
            report.events_new += result.new_events
            report.articles_coded += result.coded
            report.article_ids.extend(dict.fromkeys(a.id for a in batch))
            report.errors.extend(result.errors)
            tick.errors += len(result.errors)
            tick.articles_new, tick.events_new = report.articles_new, report.events_new
            if progress:
                progress(tick)
        if events and merge:  # a resumable stage: also when an earlier run stopped before or during it
            from .merger import merge_needed

            wanted = merge_needed(store)
        else:
            wanted = False
    if wanted:
        from .merger import merge as merge_events

        report.merge = merge_events(db=settings.db)
    return _read_something(report)


def _read_something(report: IngestReport) -> IngestReport:
    """Raise :class:`NothingReadError` when no input at all could be read.

    A run where some inputs fail returns its report (``report.failed``, the errors listed), as the CLI
    exits 1 then; a run where every input failed is an error a script must not miss.  The errors are
    logged at INFO only: the report (and the CLI, which prints it) is where they are read.
    """
    for line in report.errors:
        log.info("input error: %s", line)
    if report.errors and report.documents == 0:
        raise NothingReadError(report)
    return report


@dataclass
class BatchResult:
    new_articles: int = 0
    new_events: int = 0
    coded: int = 0
    errors: list[str] = field(default_factory=list)  # per-article coding failures


def store_batch(store, batch: Sequence[Article], *, nlp=None, batch_size: int = 64) -> BatchResult:
    """Store one batch of articles in one transaction, coding those not coded yet when ``nlp`` is given.

    Articles already stored are skipped, except stored-but-uncoded ones, which are
    coded now (an interrupted run, or an earlier ``--no-events`` ingest).
    """
    unique: dict[str, Article] = {}
    for a in batch:  # the same story twice in one batch is one article
        unique.setdefault(a.id, a)
    existing = store.existing_article_ids(unique)
    if nlp is not None:
        uncoded = {a.id for a in store.iter_articles(ids=existing, uncoded_only=True)} if existing else set()
        todo = [a for a in unique.values() if a.id not in existing or a.id in uncoded]
        errors: list[str] = []
        rows = list(zip(todo, code_articles(todo, nlp=nlp, batch_size=batch_size, errors=errors)))
        checkpoint("code")  # test-only kill point: coded, nothing of the batch stored
    else:
        errors = []
        rows = [(a, None) for a in unique.values() if a.id not in existing]
    saved = save_rows(store, rows, coder_version=CODER_VERSION if nlp is not None else None, errors=errors)
    return BatchResult(new_articles=saved.new_articles, new_events=saved.new_events,
                       coded=sum(1 for _, ev in rows if ev is not None), errors=errors)


def save_rows(store, rows: list, *, coder_version: str | None, errors: list[str]):
    """``store.save(rows)`` in one transaction; when the database refuses something in it, each
    row on its own, a refused one reported in ``errors`` (``file:line``, article id, the
    database's reason) and the others stored.  Returns the summed ``SaveResult``."""
    from .errors import StoreWriteError
    from .store import SaveResult

    try:
        return store.save(rows, coder_version=coder_version)
    except StoreWriteError as exc:
        log.warning("the database refused a batch (%s); saving its %d articles one by one", exc, len(rows))
    total = SaveResult()
    for article, evs in rows:
        try:
            one = store.save([(article, evs)], coder_version=coder_version)
        except StoreWriteError as exc:
            errors.append(f"{article.origin or '<input>'}: article {article.id}: cannot store: {exc}")
            total.skipped_articles += 1
            continue
        total.new_articles += one.new_articles
        total.skipped_articles += one.skipped_articles
        total.new_events += one.new_events
    return total


def articles_from_documents(items: Iterable, *, record, published: str | None = None,
                            tick: Progress | None = None) -> Iterator[Article]:
    """Articles from read documents; input errors go to ``record.errors`` and documents are
    counted in ``record.documents`` (an IngestReport, or a Dask partition's outcome), never raised."""
    tick = tick or Progress()
    for item in items:
        if isinstance(item, InputError):
            record.errors.append(str(item))
            log.info("input error: %s", item)
            tick.errors += 1
            continue
        record.documents += 1
        tick.documents += 1
        checkpoint("read")  # test-only kill point (eventwire.killpoints)
        if tick.origin is None or input_file_of(tick.origin) != input_file_of(item.origin):
            tick.files_started += 1
        tick.origin = item.origin
        try:
            yield from articles_from_document(item, published=published)
        except EventwireError as exc:
            record.errors.append(f"{item.origin}: {exc}")


def articles_from_inputs(paths: Sequence[str | Path], *, report: IngestReport, published: str | None = None,
                         stdin=None, tick: Progress | None = None, **reader_options) -> Iterator[Article]:
    """Articles from every input, recording input errors in ``report`` instead of raising."""
    from .readers import iter_documents

    documents = iter_documents([str(p) for p in paths], published=published, stdin=stdin, **reader_options)
    return articles_from_documents(documents, record=report, published=published, tick=tick)


@dataclass
class CodeReport:
    articles: int = 0
    events: int = 0
    failed_articles: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one per failed article: origin, id, cause


def code(
    *,
    db: str | None = None,
    model: str | None = None,
    all: bool = False,
    article_ids: Sequence[str] | None = None,
    batch_size: int | None = None,
    progress: Callable[[Progress], None] | None = None,
) -> CodeReport:
    """(Re)code stored articles: those never coded, or every one with ``all=True``.

    The machine's events of each article are replaced; events a member has
    reviewed are never overwritten.  An article that fails to code is named in
    ``failed_articles`` and ``errors`` and left as it was; the others go on.
    """
    from .nlp import load_pipeline
    from .store import open_store

    settings = get_settings(db=db, model=model, batch_size=batch_size)
    nlp = load_pipeline(settings.model)
    report = CodeReport()
    tick = Progress()
    with open_store(settings.db) as store:
        chosen = store.iter_articles(ids=article_ids, uncoded_only=not all and article_ids is None)
        for batch in batches(chosen, settings.batch_size):
            coded = code_articles(batch, nlp=nlp, batch_size=settings.batch_size, errors=report.errors)
            for article, evs in zip(batch, coded):
                if evs is None:
                    report.failed_articles.append(article.id)
                    continue
                report.events += store.replace_machine_events(article.id, evs, coder_version=CODER_VERSION)
                report.articles += 1
            tick.articles_new, tick.events_new = report.articles, report.events
            if progress:
                progress(tick)
    return report
