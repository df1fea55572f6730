"""``python -m eventwire.eval [--datasets ...] [--limit N] [--full] [--json FILE] [--check]``.

Prints the report; with ``--check`` exits 1 when a floor in baseline.json is broken.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys

from eventwire.eval.datasets import DATASETS
from eventwire.eval.report import format_report
from eventwire.eval.runner import check_floors, run_evaluation


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eventwire.eval", description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="+", action="extend", choices=[*DATASETS, "merge"], help="datasets to run (default: all)")
    parser.add_argument("--data-dir", help="folder holding the datasets (default: ../shared/data or $EVENTWIRE_DATA)")
    parser.add_argument("--limit", type=int, help="only the first N records of each dataset")
    parser.add_argument("--full", action="store_true", help="india_police: all 21k sentences, not the subset")
    parser.add_argument("--json", metavar="FILE", help="also write the report as JSON to FILE")
    parser.add_argument("--check", action="store_true", help="exit 1 when a floor in baseline.json is broken")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")

    report = run_evaluation(data_dir=args.data_dir, datasets=args.datasets, limit=args.limit, full=args.full)
    print(format_report(report))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=2, default=str)
    if args.check:
        failures = check_floors(report)
        print()
        if failures:
            print("FLOORS BROKEN:")
            for line in failures:
                print(f"  {line}")
            return 1
        print("all floors hold")
    return 0


if __name__ == "__main__":
    sys.exit(main())
