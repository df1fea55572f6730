"""The watcher's benchmark: a local server with many feeds and their pages, two rounds, figures printed.

Round 1 reads every feed (all items new), fetches, extracts, codes and stores each
page; round 2 finds nothing new (every feed answers 304).  Each round runs in a
fresh child process, so its peak memory is its own.  Pages hold Reuters-21578
stories where ../shared/data has them (real news text for the coder), else
generated ones.  The sites are separate servers on 127.0.0.1 (a host is host:port
to the watcher), so per-host limits apply as they would on the web; the politeness
delay between two requests to one host is set to 0 here (the figures would
otherwise measure the sleep).
"""
from __future__ import annotations

import html
import os
import queue as queue_module
import resource
import tempfile
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

PLACES = ["Nairobi", "Lagos", "Kampala", "Accra", "Dakar", "Harare", "Lusaka", "Bamako", "Kigali", "Abuja"]


def _stories(n: int) -> list[tuple[str, str]]:
    """(title, text) pairs: Reuters-21578 stories if present, else generated ones."""
    try:
        from eventwire.bench import reuters_records

        records = reuters_records(n)
    except FileNotFoundError:
        records = []
    out = [(r.get("title") or f"Story {i}", r["text"]) for i, r in enumerate(records)]
    i = len(out)
    while len(out) < n:
        place = PLACES[i % len(PLACES)]
        out.append((f"Clashes in {place} ({i})", (
            f"Police in {place} arrested {i % 90 + 10} protesters on Tuesday after clashes near parliament, "
            f"officials said (report {i}).\n\nThe demonstrators demanded lower fuel prices; witnesses said "
            f"officers fired tear gas at about {i % 500 + 100} people.")))
        i += 1
    return out


class _Site:
    """One host: feeds /feed/F.xml (ETag, 304 on If-None-Match) and pages /story/F/I.html."""

    def __init__(self, feeds: dict[int, list[int]], stories: list[tuple[str, str]], items: int):
        self.feeds, self.stories, self.items = feeds, stories, items
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                status, body, ctype, headers = site.answer(self.path, self.headers)
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                if body is not None:
                    self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                if body:
                    self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def story_of(self, feed: int, item: int) -> tuple[str, str]:
        return self.stories[(feed * self.items + item) % len(self.stories)]

    def answer(self, path: str, headers) -> tuple[int, bytes | None, str, dict]:
        parts = path.strip("/").split("/")
        if parts[0] == "feed" and len(parts) == 2:
            feed = int(parts[1].split(".")[0])
            etag = f'"feed-{feed}-v1"'
            if headers.get("If-None-Match") == etag:
                return 304, None, "", {"ETag": etag}
            items = []
            for item in self.feeds[feed]:
                title, text = self.story_of(feed, item)
                link = f"{self.base}/story/{feed}/{item}.html"
                items.append(f"<item><title>{html.escape(title)}</title><link>{link}</link><guid>{link}</guid>"
                             f"<pubDate>{formatdate(1764806400 + item * 3600, usegmt=True)}</pubDate>"
                             f"<description>{html.escape(text[:200])}</description></item>")
            body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench feed {feed}</title>'
                    f"<link>{self.base}/</link><description>bench</description>{''.join(items)}</channel></rss>")
            return 200, body.encode(), "application/rss+xml", {"ETag": etag}
        if parts[0] == "story" and len(parts) == 3:
            feed, item = int(parts[1]), int(parts[2].split(".")[0])
            title, text = self.story_of(feed, item)
            paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
            body = (f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title></head><body>"
                    f"<nav><a href='/'>Home</a></nav><article><h1>{html.escape(title)}</h1>{paragraphs}</article>"
                    f"<footer>Bench site</footer></body></html>")
            return 200, body.encode(), "text/html; charset=utf-8", {}
        return 404, b"not found", "text/plain", {}

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _child_round(feeds_file: str, db: str, events: bool, model: str | None, options: dict, queue) -> None:
    from eventwire.feeds.loop import watch

    if events:  # the model and the coder's data files load before the clock starts
        from eventwire.coder import code_doc
        from eventwire.nlp import load_pipeline

        nlp = load_pipeline(model)
        code_doc(nlp("Kenya's foreign minister met his Ethiopian counterpart in Nairobi on Tuesday."),
                 article_id="warm-up", published="2025-03-14")
    start = time.perf_counter()
    report = watch(feeds_file, db=db, once=True, events=events, merge=False, model=model, **options)
    seconds = time.perf_counter() - start
    queue.put({"seconds": seconds, "feeds_polled": report.feeds_polled, "not_modified": report.feeds_not_modified,
               "entries_new": report.entries_new, "stored": report.entries_stored, "failed": report.entries_failed,
               "articles": report.articles_new, "events": report.events_new, "fetch_s": report.fetch_seconds,
               "wait_s": report.wait_seconds, "code_s": report.code_seconds, "round_s": report.wall_seconds,
               "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})


def _run_child(*args, isolated: bool = True) -> dict[str, Any]:
    if not isolated:  # in this process (a smoke test): no spawn, peak memory is the caller's
        queue: queue_module.Queue = queue_module.Queue()
        _child_round(*args, queue)
        return queue.get()
    from eventwire.bench import run_child

    return run_child(_child_round, *args)


def run_watch_bench(*, feeds: int = 200, items: int = 20, sites: int = 20, events: bool = True,
                    model: str | None = None, db: str | None = None, options: dict | None = None,
                    isolated: bool = True) -> dict[str, Any]:
    """Two rounds of ``eventwire.watch`` over a local server; figures, never asserted.

    ``isolated`` runs each round in a fresh process (its own peak memory); False runs them here."""
    options = {"host_delay_s": 0, **(options or {})}
    stories = _stories(feeds * items)
    per_site: list[dict[int, list[int]]] = [{} for _ in range(sites)]
    for f in range(feeds):
        per_site[f % sites][f] = list(range(items))
    servers = [_Site(fs, stories, items) for fs in per_site]
    result: dict[str, Any] = {"feeds": feeds, "items": items, "sites": sites, "events": events,
                              "options": options, "cpus": os.cpu_count()}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            feeds_file = Path(tmp) / "feeds.txt"
            feeds_file.write_text("".join(f"{servers[f % sites].base}/feed/{f}.xml\n" for f in range(feeds)),
                                  encoding="utf-8")
            db = db or f"sqlite:///{tmp}/watch-bench.db"
            result["load_before"] = os.getloadavg()[0]
            first = _run_child(str(feeds_file), db, events, model, options, isolated=isolated)
            first["items_per_s"] = first["stored"] / first["round_s"]
            first["wait_share"] = first["wait_s"] / first["round_s"]
            first["code_share"] = first["code_s"] / first["round_s"]
            second = _run_child(str(feeds_file), db, False, model, options, isolated=isolated)
            second["s_per_100_feeds"] = second["round_s"] / feeds * 100
            result.update(first=first, second=second, load_after=os.getloadavg()[0])
    finally:
        for s in servers:
            s.close()
    return result


def format_watch_bench(r: dict[str, Any]) -> str:
    a, b = r["first"], r["second"]
    coded = "coded" if r["events"] else "not coded (--no-events)"
    return "\n".join([
        f"watch: {r['feeds']} feeds x {r['items']} items on {r['sites']} local sites, {r['cpus']} CPUs, "
        f"load {r['load_before']:.1f} before, {r['load_after']:.1f} after; options {r['options']}",
        f"round 1 (all new, {coded}): {a['stored']} entries stored ({a['articles']} articles, {a['events']} events, "
        f"{a['failed']} failed) in {a['round_s']:.1f} s = {a['items_per_s']:.1f} items/s end to end",
        f"  coding thread: {a['code_share']:.0%} segment+code+store, {a['wait_share']:.0%} waiting for pages "
        f"(fetch+extract time summed over workers {a['fetch_s']:.1f} s, overlapped); peak {a['peak_mb']:.0f} MB",
        f"round 2 (nothing new): {b['feeds_polled']} feeds polled, {b['not_modified']} answered 304, "
        f"{b['entries_new']} new entries, {b['round_s']:.2f} s = {b['s_per_100_feeds']:.2f} s per 100 feeds; "
        f"peak {b['peak_mb']:.0f} MB",
    ])
