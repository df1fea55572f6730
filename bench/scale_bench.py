"""Scale-out figures, printed and never asserted (issue 6).

    python bench/scale_bench.py [--limit N] [--skip-local] [--no-postgres]

On all Reuters-21578 stories with text (../shared/data/reuters21578), in one run:

- the local engine (``pipeline.ingest``, one process) against the Dask engine with 1
  and with 2 worker processes: stories/s and words/s, the 2-worker/1-worker ratio,
  peak memory (max RSS) of every worker;
- the store's write speed in events/s for SQLite and PostgreSQL (a throwaway server
  started from the machine's binaries), on synthetic coded articles saved in batches
  of 64 as ingest saves them.

The clocks start after the NLP pipeline is loaded (the local engine's in its child
process, each Dask worker's by a warm-up call), so that the figures are throughput,
not start-up; start-up is printed separately.  The machine's load average is printed
too: other work on the same cores depresses the ratios.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _local_child(jsonl: str, db: str, queue) -> None:
    from eventwire.nlp import load_pipeline
    from eventwire.pipeline import ingest

    started = time.perf_counter()
    load_pipeline()
    loaded = time.perf_counter()
    report = ingest([jsonl], db=db, events=True)
    queue.put({"seconds": time.perf_counter() - loaded, "startup_s": loaded - started,
               "articles": report.articles_new, "events": report.events_new, "peak_mb": [_peak_mb()]})


def run_local(jsonl: Path, db: str) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_local_child, args=(str(jsonl), db, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def _warm() -> float:
    from eventwire.nlp import load_pipeline

    load_pipeline()
    return _peak_mb()


def run_dask(jsonl: Path, db: str, workers: int, *, partition_mb: float) -> dict[str, Any]:
    from eventwire.batch import dask_client, run_dask_ingest

    started = time.perf_counter()
    with dask_client(workers=workers) as client:
        client.run(_warm)
        ready = time.perf_counter()
        report = run_dask_ingest([jsonl], db=db, client=client, events=True, partition_mb=partition_mb,
                                 state_dir=Path(db.removeprefix("sqlite:///") + ".state"))
        seconds = time.perf_counter() - ready
        peaks = sorted(client.run(_peak_mb).values())
    return {"seconds": seconds, "startup_s": ready - started, "articles": report.articles_new,
            "events": report.events_new, "peak_mb": peaks, "partitions": report.count("done"),
            "failed": report.count("failed")}


# -- store write speed ----------------------------------------------------------------------

def synthetic_rows(n_articles: int, events_per_article: int = 4) -> list:
    from eventwire.schema import Article, Entity, Event, Evidence, Place, article_id, empty_quantities

    rows = []
    for i in range(n_articles):
        sentences = [f"Officials of town {i} met envoys on Tuesday.", f"Troops shelled village {i} at dawn.",
                     f"Protesters marched in city {i}.", f"The ministry pledged {i} tonnes of grain."]
        text = " ".join(sentences)
        art = Article(id=article_id(text), text=text, title=f"Story {i}", published="2024-03-01",
                      source="bench", format="jsonl", origin=f"bench.jsonl:{i + 1}")
        events = []
        for k in range(events_per_article):
            start = text.index(sentences[k])
            events.append(Event(
                article_id=art.id, event_type=("CONSULT", "ASSAULT", "PROTEST", "AID")[k],
                evidence=Evidence(sentence=sentences[k], start=start, end=start + len(sentences[k])),
                actors=[Entity(text="Officials", name="Officials", country="FRA", sector="GOV")],
                recipients=[Entity(text="envoys", name="Envoys", country="DEU", sector="GOV")],
                date="2024-03-01", date_precision="day", date_stated=True,
                location=Place(name="Lyon", country="FRA", admin1="ARA", lat=45.75, lon=4.85, geonameid=2996944,
                               precision="city"),
                factuality="asserted", quantities=empty_quantities(), confidence=0.8, trigger="met"))
        rows.append((art, events))
    return rows


def store_write_speed(url: str, rows: list, *, batch: int = 64) -> dict[str, Any]:
    from eventwire.store import open_store

    with open_store(url) as store:
        started = time.perf_counter()
        events = 0
        for i in range(0, len(rows), batch):
            events += store.save(rows[i:i + batch], coder_version="bench").new_events
        seconds = time.perf_counter() - started
    return {"events": events, "seconds": seconds, "events_per_s": events / seconds}


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def start_postgres(home: Path) -> tuple[str, Any] | None:
    """A throwaway server on 127.0.0.1; (URL, stop function), or None where it cannot run."""
    if not (shutil.which("initdb") and shutil.which("pg_ctl")):
        return None
    if os.geteuid() == 0:
        shutil.chown(home, user="postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = home / "data"
    subprocess.run(_as_postgres(["initdb", "-D", str(data), "-A", "trust", "-U", "eventwire"]),
                   check=True, capture_output=True)
    subprocess.run(_as_postgres(["pg_ctl", "-D", str(data), "-l", str(home / "log"), "-w", "-o",
                                 f"-k {home} -p {port} -c listen_addresses=127.0.0.1", "start"]),
                   check=True, capture_output=True)

    def stop() -> None:
        subprocess.run(_as_postgres(["pg_ctl", "-D", str(data), "-m", "fast", "stop"]), capture_output=True)

    return f"postgresql+psycopg://eventwire@127.0.0.1:{port}/postgres", stop


# -- the run ----------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="at most N stories (default: all)")
    parser.add_argument("--partition-mb", type=float, default=0.5)
    parser.add_argument("--skip-local", action="store_true")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--write-articles", type=int, default=5000, help="synthetic articles for write speed")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    from eventwire.bench import reuters_records

    records = reuters_records(args.limit)
    words = sum(len(r["text"].split()) for r in records)
    figures: dict[str, Any] = {"stories": len(records), "words": words, "cores": os.cpu_count(),
                               "load_before": os.getloadavg()}
    print(f"Reuters-21578: {len(records)} stories with text, {words:,} words; {os.cpu_count()} cores, "
          f"load average {figures['load_before'][0]:.2f}", flush=True)
    tmp = Path(tempfile.mkdtemp(prefix="eventwire-scale-"))
    try:
        jsonl = tmp / "reuters.jsonl"
        with jsonl.open("w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(r) + "\n")
        runs = [("dask-1", 1), ("dask-2", 2)]
        if not args.skip_local:
            runs.insert(0, ("local", 0))
        for name, workers in runs:
            db = f"sqlite:///{tmp / (name + '.db')}"
            r = run_local(jsonl, db) if workers == 0 else run_dask(jsonl, db, workers, partition_mb=args.partition_mb)
            r.update(stories_per_s=len(records) / r["seconds"], words_per_s=words / r["seconds"],
                     load=os.getloadavg()[0])
            figures[name] = r
            peaks = ", ".join(f"{p:.0f}" for p in r["peak_mb"])
            print(f"{name:7} {r['stories_per_s']:7.1f} stories/s {r['words_per_s']:9.0f} words/s "
                  f"({r['seconds']:.0f} s; start-up {r['startup_s']:.1f} s) {r['articles']} articles "
                  f"{r['events']} events; peak MB per process: {peaks}; load {r['load']:.2f}", flush=True)
        figures["ratio_2_over_1"] = figures["dask-2"]["stories_per_s"] / figures["dask-1"]["stories_per_s"]
        print(f"Dask 2 workers / 1 worker: {figures['ratio_2_over_1']:.2f} (target >= 1.8)")
        if "local" in figures:
            print(f"Dask 1 worker / local engine: "
                  f"{figures['dask-1']['stories_per_s'] / figures['local']['stories_per_s']:.2f}")

        rows = synthetic_rows(args.write_articles)
        w = store_write_speed(f"sqlite:///{tmp / 'write.db'}", rows)
        figures["write_sqlite"] = w
        print(f"store write, SQLite:     {w['events_per_s']:8.0f} events/s ({w['events']} events, batches of 64)")
        if not args.no_postgres:
            home = Path(tempfile.mkdtemp(prefix="eventwire-pg-"))
            server = start_postgres(home)
            if server is None:
                print("store write, PostgreSQL: skipped (no initdb/pg_ctl)")
            else:
                url, stop = server
                try:
                    w = store_write_speed(url, rows)
                finally:
                    stop()
                    shutil.rmtree(home, ignore_errors=True)
                figures["write_postgresql"] = w
                print(f"store write, PostgreSQL: {w['events_per_s']:8.0f} events/s ({w['events']} events)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    figures["load_after"] = os.getloadavg()
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
