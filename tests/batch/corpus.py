"""Small corpora written into a test's tmp folder (never into the repo)."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

from tests.conftest import shared_path


def synthetic_records(n: int, *, start: int = 0) -> list[dict]:
    """``n`` distinct short stories as ingest JSONL records."""
    return [{"id": f"s{i}", "title": f"Story number {i}", "published": "2024-03-0%d" % (1 + i % 9),
             "text": f"Talks number {i} were held in the capital on Tuesday. "
                     f"Delegates from {i} towns discussed water rights for {i * 7} hours."}
            for i in range(start, start + n)]


def reuters_records(n: int) -> list[dict]:
    """The first ``n`` Reuters-21578 stories with text (skips where ../shared is absent)."""
    path = shared_path("data", "reuters21578", "reuters21578.jsonl")
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("body"):
                out.append({"id": f"reuters-{rec['newid']}", "title": rec.get("title"), "text": rec["body"]})
                if len(out) >= n:
                    break
    return out


def write_jsonl(path: Path, records: list[dict], *, extra_lines: list[str] = (), compress: bool = False) -> Path:
    lines = [json.dumps(r) for r in records] + list(extra_lines)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(gzip.compress(data) if compress else data)
    return path


def store_contents(url: str) -> tuple[list[dict], list[dict]]:
    """(articles with their origin and format, events) of a store, each in id order."""
    from eventwire.store import open_store

    with open_store(url) as store:
        articles = [{**a.to_dict(), "origin": a.origin, "format": a.format} for a in store.iter_articles()]
        events = list(store.iter_events(include_merged=True))
    return articles, events
