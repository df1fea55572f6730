"""Benchmark the web app's event list: 100,000 synthetic events, loopback load, p50/p95/p99 per query.

    python bench/web_bench.py [--events 100000] [--requests 2000] [--concurrency 4] [--db bench.db]

``--db`` keeps (and reuses) the filled database between runs.  Target: p95 < 100 ms.
"""
from __future__ import annotations

import argparse
import json

from eventwire.web.bench import run_web_bench


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--db", default=None, help="database URL or path to keep between runs")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    result = run_web_bench(n_events=args.events, requests=args.requests, concurrency=args.concurrency, db=args.db)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['events']:,} events (fill/reuse {result['fill_s']} s), {result['concurrency']} concurrent clients, "
          f"{result['cpus']} CPUs, load average before {result['load_average_before']}, "
          f"after {result['load_average']}")
    print(f"{'query':<22}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}")
    for name, s in result["queries"].items():
        flag = "" if s["p95"] < 100 else "  (over 100 ms)"
        print(f"{name:<22}{s['n']:>6}{s['p50']:>10.1f}{s['p95']:>10.1f}{s['p99']:>10.1f}{flag}")
    print("first answer of each summary after the server starts, ms: "
          + ", ".join(f"{k} {v:,.0f}" for k, v in result["first_ms"].items()))
    print("first answer of each summary just after a write (one article saved), ms: "
          + ", ".join(f"{k} {v:,.0f}" for k, v in result["after_write_ms"].items()))


if __name__ == "__main__":
    main()
