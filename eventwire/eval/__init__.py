"""Evaluation command and CI floors: ``python -m eventwire.eval``.

See README.md in this folder for the datasets, the metrics and the floor policy.
"""
from eventwire.eval.report import format_report
from eventwire.eval.runner import BASELINE, check_floors, load_baseline, run_evaluation

__all__ = ["BASELINE", "check_floors", "format_report", "load_baseline", "run_evaluation"]
