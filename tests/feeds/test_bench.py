"""The watcher's benchmark runs end to end on a tiny setting (figures are printed, never asserted)."""
from __future__ import annotations

from eventwire.feeds.bench import format_watch_bench, run_watch_bench


def test_watch_bench_two_rounds_the_second_all_304():
    result = run_watch_bench(feeds=3, items=2, sites=2, events=False, isolated=False)
    first, second = result["first"], result["second"]
    assert first["entries_new"] == 6 and first["stored"] == 6 and first["failed"] == 0
    assert (second["feeds_polled"], second["not_modified"], second["entries_new"]) == (3, 3, 0)
    text = format_watch_bench(result)
    assert "items/s end to end" in text and "s per 100 feeds" in text
