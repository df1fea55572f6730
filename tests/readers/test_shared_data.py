"""Whole shared datasets streamed through the JSONL reader (skipped where ../shared is absent)."""
from __future__ import annotations

import json

import pytest

from eventwire.errors import InputError
from eventwire.readers import iter_documents
from tests.conftest import shared_path

pytestmark = [pytest.mark.slow, pytest.mark.data]


def test_a_large_jsonl_file_is_streamed_with_every_bad_line_numbered():
    # the Reuters records carry "body", not "text": every line is an InputError,
    # and the file (over the 20 MB page limit) is read line by line regardless
    path = shared_path("data", "reuters21578", "reuters21578.jsonl")
    with open(path, encoding="utf-8") as f:
        expected = [n for n, line in enumerate(f, start=1)
                    if line.strip() and not (json.loads(line).get("text") or "").strip()]
    items = list(iter_documents(path, max_page_mb=1))
    assert all(isinstance(i, InputError) for i in items)
    assert [i.line for i in items] == expected


def test_real_news_records_become_documents_with_mojibake_repaired():
    path = shared_path("data", "india_police_events", "docs.jsonl")
    with open(path, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    items = list(iter_documents(path))
    assert not [i for i in items if isinstance(i, InputError)]
    assert len(items) == sum(1 for r in records if (r.get("text") or "").strip())
    assert any("\u00e2\u20ac" in r["text"] for r in records)  # the data does carry mojibake ...
    assert not any("\u00e2\u20ac" in d.content for d in items)  # ... and none survives
    assert all(d.url == r.get("url") for d, r in zip(items, records))
