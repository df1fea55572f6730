"""Throughput benchmarks on Reuters-21578: figures and ratios measured in one run, never asserted.

Each measurement runs in a fresh child process so that its peak memory (ru_maxrss)
is its own.  The clock measures throughput: start-up (bare spaCy's ``spacy.load``; eventwire's
imports, model and coder tables) runs before it on both sides and is reported beside it.
The corpus is read from ../shared/data/reuters21578 (or $EVENTWIRE_DATA); where it is
absent the benchmark says so and measures nothing.
"""
from __future__ import annotations

import json
import logging
import multiprocessing as mp
import queue as queue_module
import os
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def data_dir() -> Path | None:
    """Where the shared evaluation data lives, or None."""
    candidates = [os.environ.get("EVENTWIRE_DATA"), "../shared/data", Path(__file__).resolve().parents[2] / "shared" / "data"]
    for c in candidates:
        if c and Path(c).is_dir():
            return Path(c)
    return None


def reuters_records(limit: int | None = None) -> list[dict[str, Any]]:
    """Reuters stories with text, as ingest JSONL records {id, title, text, published}."""
    root = data_dir()
    path = root / "reuters21578" / "reuters21578.jsonl" if root else None
    if not path or not path.exists():
        raise FileNotFoundError("../shared/data/reuters21578/reuters21578.jsonl is absent; nothing to measure")
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if not rec.get("body"):
                continue
            out.append({"id": f"reuters-{rec['newid']}", "title": rec.get("title"), "text": rec["body"], "source": "Reuters"})
            if limit and len(out) >= limit:
                break
    return out


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child_ingest(jsonl: str, db: str, events: bool, model: str | None, queue) -> None:
    """Start-up before the clock, as bare spaCy's ``import spacy`` and ``spacy.load`` are: the modules
    ``ingest`` imports (the store, the readers, the merger), and with ``events`` the model and every table
    the coder reads (``coder.preload``).  Its time is reported as ``startup_seconds``, never hidden."""
    begin = time.perf_counter()
    from . import merger, readers, store  # noqa: F401  (imported by ingest on its first call)
    from .pipeline import ingest

    if events:
        from .coder import code_doc, preload
        from .nlp import load_pipeline

        nlp = load_pipeline(model)
        preload()
        code_doc(nlp("Kenya's foreign minister met his Ethiopian counterpart in Nairobi on Tuesday."),
                 article_id="warm-up", published="2025-03-14")
    start, cpu = time.perf_counter(), time.process_time()
    report = ingest([jsonl], db=db, events=events, model=model)
    cpu = time.process_time() - cpu
    queue.put({"seconds": time.perf_counter() - start, "cpu_seconds": cpu, "startup_seconds": start - begin,
               "articles": report.articles_new, "events": report.events_new, "errors": len(report.errors),
               "peak_mb": _peak_mb()})


def _child_bare(texts: list[str], model: str | None, batch_size: int, queue) -> None:
    import spacy

    from .config import get_settings

    begin = time.perf_counter()
    nlp = spacy.load(model or get_settings().model)
    start, cpu = time.perf_counter(), time.process_time()
    n = sum(1 for _ in nlp.pipe(texts, batch_size=batch_size))
    cpu = time.process_time() - cpu
    queue.put({"seconds": time.perf_counter() - start, "cpu_seconds": cpu, "startup_seconds": start - begin, "docs": n,
               "peak_mb": _peak_mb()})


def run_child(target, *args) -> dict[str, Any]:
    """``target(*args, queue)`` in a fresh spawned process (its own peak memory); what it put on the queue."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, queue))
    proc.start()
    while True:
        try:
            result = queue.get(timeout=5)
            break
        except queue_module.Empty:
            if not proc.is_alive():
                raise RuntimeError(f"benchmark process {target.__name__} died (exit code {proc.exitcode})") from None
    proc.join()
    return result


def run_bench(*, limit: int = 1000, model: str | None = None, what: str = "all") -> dict[str, Any]:
    """Measure ingest-only throughput and ingest+code against bare ``nlp.pipe``; ``what="watch"``:
    the feed watcher over a local server (``eventwire.feeds.bench``, 200 feeds x 20 items)."""
    from .config import get_settings

    if what == "watch":
        from .feeds.bench import run_watch_bench

        return {"watch": run_watch_bench(model=model)}

    result: dict[str, Any] = {"limit": limit}
    try:
        records = reuters_records(limit)
    except FileNotFoundError as exc:
        result["skipped"] = str(exc)
        return result
    words = sum(len(r["text"].split()) for r in records)
    result.update(stories=len(records), words=words)
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "reuters.jsonl"
        with jsonl.open("w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(r) + "\n")
        mb = jsonl.stat().st_size / 1e6
        if what in ("ingest", "all"):
            r = run_child(_child_ingest, str(jsonl), f"sqlite:///{tmp}/ingest.db", False, model)
            r.update(articles_per_s=r["articles"] / r["seconds"], mb_per_s=mb / r["seconds"])
            result["ingest"] = r
        if what in ("coding", "all"):
            bare = run_child(_child_bare, [r["text"] for r in records], model, get_settings().batch_size)
            bare["words_per_s"] = words / bare["seconds"]
            ours = run_child(_child_ingest, str(jsonl), f"sqlite:///{tmp}/coded.db", True, model)
            ours["words_per_s"] = words / ours["seconds"]
            result["bare_spacy"] = bare
            result["ingest_and_code"] = ours
            result["ratio_vs_bare_spacy"] = ours["words_per_s"] / bare["words_per_s"]
            result["cpu_ratio_vs_bare_spacy"] = bare["cpu_seconds"] / ours["cpu_seconds"]
    return result


def format_bench(result: dict[str, Any]) -> str:
    if "watch" in result:
        from .feeds.bench import format_watch_bench

        return format_watch_bench(result["watch"])
    if "skipped" in result:
        return f"benchmark skipped: {result['skipped']}"
    lines = [f"Reuters-21578: {result['stories']} stories, {result['words']:,} words"]
    if "ingest" in result:
        r = result["ingest"]
        lines.append(f"ingest+store (no NLP): {r['articles_per_s']:.0f} articles/s, {r['mb_per_s']:.2f} MB/s, "
                     f"{r['articles']} articles in {r['seconds']:.2f} s, peak {r['peak_mb']:.0f} MB")
    if "bare_spacy" in result:
        b, o = result["bare_spacy"], result["ingest_and_code"]
        lines.append(f"bare spaCy nlp.pipe:    {b['words_per_s']:.0f} words/s ({b['seconds']:.1f} s), peak {b['peak_mb']:.0f} MB"
                     f"; start-up before the clock {b['startup_seconds']:.1f} s (spacy.load)")
        lines.append(f"eventwire ingest+code:  {o['words_per_s']:.0f} words/s ({o['seconds']:.1f} s), "
                     f"{o['events']} events, peak {o['peak_mb']:.0f} MB; start-up before the clock "
                     f"{o['startup_seconds']:.1f} s (imports, model, coder tables)")
        lines.append(f"ratio ours / bare spaCy: {result['ratio_vs_bare_spacy']:.2f} (in CPU time, less swayed by other "
                     f"processes on a busy machine: {result['cpu_ratio_vs_bare_spacy']:.2f}; bare {b['cpu_seconds']:.1f} s, "
                     f"ours {o['cpu_seconds']:.1f} s)")
    return "\n".join(lines)
