"""Benchmark `eventwire watch`: a local server with FEEDS feeds x ITEMS items and their pages, two rounds.

    python bench/watch_bench.py [--feeds 200] [--items 20] [--sites 20] [--no-events] [--json]

Also `eventwire bench --what watch`.  Round 1: items/s end to end, the coding thread's time coding vs
waiting for pages, peak memory; round 2 (nothing new): seconds per 100 feeds (target: under 1 s).
"""
from __future__ import annotations

import argparse
import json

from eventwire.feeds.bench import format_watch_bench, run_watch_bench


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--sites", type=int, default=20, help="local servers (hosts) the feeds are spread over")
    parser.add_argument("--no-events", dest="events", action="store_false", help="fetch and store only, no coding")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    result = run_watch_bench(feeds=args.feeds, items=args.items, sites=args.sites, events=args.events)
    print(json.dumps(result, indent=2) if args.json else format_watch_bench(result))


if __name__ == "__main__":
    main()
