"""Web benchmark: 100,000 synthetic events, the app under uvicorn on loopback, a bounded load of list queries
and summary pages.

``run_web_bench()`` fills a temporary SQLite store (varied types, countries,
sectors, dates and places), starts ``eventwire serve`` in a subprocess on a free
port, sends ``requests`` GETs from ``concurrency`` clients (httpx, asyncio) over
a fixed mix of event-list queries and summary pages (``PAGES``), and returns p50/p95/p99
latency per query in milliseconds, each summary's first answer after the server starts and
its first answer just after a write (an article saved by the bench process).  ``bench/web_bench.py`` prints them.
"""
from __future__ import annotations

import asyncio
import logging
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from eventwire.schema import EVENT_TYPES, FACTUALITY, Article, Entity, Event, Evidence, Place, article_id, empty_quantities
from eventwire.store import open_store

log = logging.getLogger(__name__)

COUNTRIES = ("USA", "RUS", "CHN", "FRA", "GBR", "UKR", "ISR", "PSE", "IRN", "IND", "PAK", "AFG", "SYR", "NGA",
             "KEN", "COD", "BRA", "MEX", "COL", "VEN", "TUR", "EGY", "SDN", "ETH", "IGO", "UNO", "EUR", "NGO")
SECTORS = ("GOV", "MIL", "REB", "CVL", "COP", "OPP", "BUS", "MED", "LEG", "JUD", None)
PLACES = tuple(Place(name=f"Town {i}", country=COUNTRIES[i % 24], lat=round(-50 + (i * 37) % 100 + 0.5, 3),
                     lon=round(-170 + (i * 71) % 340 + 0.5, 3), precision="city") for i in range(400))
WORDS = ("attacked", "met", "accused", "protested", "agreed", "sanctioned", "rejected", "threatened", "deployed",
         "arrested", "aided", "visited", "condemned", "praised", "withdrew")

# name -> query string of /api/v1/events; the same mix for every run
QUERIES: dict[str, str] = {
    "list": "",
    "list_page2": None,  # filled with the first page's cursor
    "type": "type=ASSAULT",
    "types+country": "type=ASSAULT&type=COERCE&country=UKR",
    "actor_country": "actor_country=RUS&recipient_country=UKR",
    "sector": "sector=MIL",
    "text": "q=convoy",
    "date_range": "date_from=2023-03-01&date_to=2023-04-30",
    "place": "place=Town%2017",
    "review+factuality": "review=unreviewed&factuality=negated",
    "sort_confidence": "sort=-confidence&type=PROTEST",
}
# name -> path: the summaries and the pages that draw them (issue 12), each answered from the summary cache
# (eventwire/store/summary_cache.py) once computed; the warm-up computes them
PAGES: dict[str, str] = {
    "overview_page": "/",
    "overview": "/api/v1/overview",
    "overview_type": "/api/v1/overview?type=PROTEST",
    "actors": "/api/v1/actors",
    "actors_page": "/actors",
    "places": "/api/v1/places",
    "places_page": "/places",
    "timeline": "/api/v1/counts/time?interval=month",
    "network": "/api/v1/network",
    "map": "/api/v1/map",
    "events_page": "/events",
}


def synthetic_batch(start: int, n_articles: int, *, events_per_article: int, seed: int = 7) -> list[tuple[Article, list[Event]]]:
    rng = random.Random(seed * 1_000_003 + start)
    batch = []
    for i in range(start, start + n_articles):
        sentences = [f"In report {i}.{k}, forces of group {rng.randint(1, 999)} {rng.choice(WORDS)} a "
                     f"{rng.choice(('convoy', 'village', 'delegation', 'ministry', 'rally'))} on day {k}."
                     for k in range(events_per_article)]
        text = " ".join(sentences)
        day = 1 + (i * 13) % 900
        published = time.strftime("%Y-%m-%d", time.gmtime(1640995200 + day * 86400))
        article = Article(id=article_id(text), text=text, title=f"Synthetic report {i}", published=published,
                          source=rng.choice(("Wire A", "Wire B", "Wire C")), format="jsonl")
        events = []
        pos = 0
        for k, sentence in enumerate(sentences):
            start_at = text.index(sentence, pos)
            pos = start_at + len(sentence)
            precision = rng.choices(("day", "month", "unknown"), (0.8, 0.15, 0.05))[0]
            date = {"day": published, "month": published[:7], "unknown": None}[precision]
            q = empty_quantities()
            if rng.random() < 0.2:
                q["killed"] = rng.randint(0, 40)

            def entity() -> Entity:
                c = rng.choice(COUNTRIES)
                return Entity(text=f"{c} forces", name=f"{c} {rng.choice(('Government', 'Army', 'Police', 'Rebels'))}",
                              country=c, sector=rng.choice(SECTORS))

            events.append(Event(
                article_id=article.id, event_type=rng.choice(EVENT_TYPES),
                evidence=Evidence(sentence=sentence, start=start_at, end=pos),
                actors=[entity()] + ([entity()] if rng.random() < 0.1 else []),
                recipients=[entity()] if rng.random() < 0.8 else [],
                date=date, date_precision=precision, date_stated=precision != "unknown",
                location=rng.choice(PLACES) if rng.random() < 0.7 else None,
                factuality=rng.choices(FACTUALITY, (0.85, 0.05, 0.05, 0.05))[0], quantities=q,
                confidence=round(rng.random(), 3), trigger=sentence.split()[6],
            ))
        batch.append((article, events))
    return batch


def fill_store(db: str, *, n_events: int = 100_000, events_per_article: int = 4, batch_articles: int = 2_500) -> int:
    n_articles = n_events // events_per_article
    with open_store(db) as store:
        for start in range(0, n_articles, batch_articles):
            store.save(synthetic_batch(start, min(batch_articles, n_articles - start),
                                       events_per_article=events_per_article), coder_version="bench")
        return store.count("events")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


async def _load(base: str, queries: dict[str, str], *, requests: int, concurrency: int) -> dict[str, list[float]]:
    import httpx

    names = list(queries)
    plan = [names[i % len(names)] for i in range(requests)]
    random.Random(1).shuffle(plan)
    timings: dict[str, list[float]] = {n: [] for n in names}
    errors = 0

    async def worker(client: httpx.AsyncClient, jobs: list[str]) -> None:
        nonlocal errors
        for name in jobs:
            qs = queries[name]
            t0 = time.perf_counter()
            url = qs if qs.startswith("/") else "/api/v1/events" + (f"?{qs}" if qs else "")
            r = await client.get(f"{base}{url}")
            timings[name].append((time.perf_counter() - t0) * 1000)
            if r.status_code != 200:
                errors += 1
    async with httpx.AsyncClient(timeout=30) as client:
        await asyncio.gather(*(worker(client, plan[k::concurrency]) for k in range(concurrency)))
    if errors:
        raise RuntimeError(f"{errors} requests failed")
    return timings


def _first_after_write(db: str, base: str, *, start: int) -> dict[str, float]:
    """Each summary's first answer just after a write (one new article with 4 events saved by this process,
    as an ``eventwire ingest`` beside the server would): the server's cached answers are stale then."""
    import httpx

    out = {}
    with open_store(db) as store:
        for k, (name, path) in enumerate(PAGES.items()):
            store.save(synthetic_batch(start + k, 1, events_per_article=4), coder_version="bench")
            t0 = time.perf_counter()
            httpx.get(f"{base}{path}", timeout=120).raise_for_status()
            out[name] = round((time.perf_counter() - t0) * 1000, 1)
    return out


def run_web_bench(*, n_events: int = 100_000, requests: int = 2_000, concurrency: int = 4, db: str | None = None,
                  warmup: int = 50) -> dict[str, Any]:
    """Fill (or reuse ``db``), serve, load; returns {"events", "fill_s", "queries": {name: {p50, p95, p99, n}},
    "load_average_before", "load_average"} (the machine's 1/5/15-minute load before and after)."""
    import httpx

    tmp = None
    if db is None:
        tmp = tempfile.TemporaryDirectory(prefix="eventwire-web-bench-")
        db = f"sqlite:///{Path(tmp.name) / 'bench.db'}"
    load_before = [round(x, 2) for x in os.getloadavg()]
    t0 = time.perf_counter()
    with open_store(db) as store:  # an older store is upgraded here (0005 back-fills event_sides)
        have = store.count("events")
    n = have if have >= n_events else fill_store(db, n_events=n_events)
    fill_s = time.perf_counter() - t0
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-c", "import sys; from eventwire.web import serve; "
                               "serve(db=sys.argv[1], port=int(sys.argv[2]))", db, str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "EVENTWIRE_SIGNUP": "closed"})
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(f"{base}/api/v1/me", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise RuntimeError("the server did not start")
        queries = dict(QUERIES)
        queries["list_page2"] = "cursor=" + httpx.get(f"{base}/api/v1/events").json()["next_cursor"]
        first = {}
        for name, path in PAGES.items():  # the first (uncached) answer of each summary, reported apart
            t1 = time.perf_counter()
            httpx.get(f"{base}{path}", timeout=120).raise_for_status()
            first[name] = round((time.perf_counter() - t1) * 1000, 1)
        queries.update(PAGES)
        asyncio.run(_load(base, queries, requests=warmup, concurrency=concurrency))
        after_write = _first_after_write(db, base, start=10**9 + int(time.time()) * 100)
        timings = asyncio.run(_load(base, queries, requests=requests, concurrency=concurrency))
    finally:
        server.terminate()
        server.wait(timeout=10)
        if tmp is not None:
            tmp.cleanup()
    stats = {name: {"n": len(t), "p50": _percentile(t, 50), "p95": _percentile(t, 95), "p99": _percentile(t, 99)}
             for name, t in timings.items()}
    every = [x for t in timings.values() for x in t]
    stats["all"] = {"n": len(every), "p50": _percentile(every, 50), "p95": _percentile(every, 95),
                    "p99": _percentile(every, 99)}
    return {"events": n, "fill_s": round(fill_s, 1), "concurrency": concurrency, "queries": stats,
            "first_ms": first, "after_write_ms": after_write,
            "cpus": os.cpu_count(), "load_average_before": load_before,
            "load_average": [round(x, 2) for x in os.getloadavg()]}
