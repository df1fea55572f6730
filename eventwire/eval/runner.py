"""The evaluation run and its CI floors.

``run_evaluation`` codes each available dataset and returns one report dict;
``check_floors`` compares it with baseline.json and lists what fell below a floor
(or rose above a ceiling, for rates where lower is better).
"""
from __future__ import annotations

import importlib
import importlib.util
import inspect
import json
import logging
import time
from pathlib import Path

from eventwire.eval.coding import Coder, default_coder, default_nlp
from eventwire.eval.datasets import DATASETS, dataset_path, missing_reason, resolve_data_dir
from eventwire.eval.plover import evaluate_plover
from eventwire.eval.police import evaluate_police
from eventwire.eval.quad import evaluate_quad
from eventwire.eval.reuters import evaluate_reuters
from eventwire.eval.sample import evaluate_sample

log = logging.getLogger(__name__)

BASELINE = Path(__file__).with_name("baseline.json")
PLACES_DATES_MODULE = "eventwire.eval.places_dates"
# report name -> (function in places_dates.py, the dataset folder it is given)
PLACES_DATES_FUNCTIONS = {
    "event_location": ("evaluate_event_location", "event_location"),
    "muc4_dates": ("evaluate_muc4_dates", "muc4"),
}


def run_evaluation(
    *,
    data_dir: str | Path | None = None,
    datasets: list[str] | None = None,
    limit: int | None = None,
    coder: Coder | None = None,
    nlp=None,
    full: bool = False,
) -> dict:
    """Evaluate the coder on every requested dataset that is present.

    ``limit`` keeps the first n records of each dataset; ``full`` makes
    india_police use all its sentences instead of the default subset.  The
    default coder is ``eventwire.coder.code_text`` with ``eventwire.nlp.load_pipeline()``.
    """
    root = resolve_data_dir(data_dir)
    names = [n for n in (datasets or list(DATASETS)) if n != "merge"]
    unknown = [n for n in names if n not in DATASETS]
    if unknown:
        raise ValueError(f"unknown dataset(s) {', '.join(unknown)}; known: {', '.join(DATASETS)}")
    report: dict = {"data_dir": str(root), "limit": limit, "full": full, "datasets": {}}
    started = time.perf_counter()
    out_of_fold = None
    for name in names:
        reason = missing_reason(root, name)
        if reason:
            log.warning("%s %s", name, reason)
            report["datasets"][name] = {"status": "skipped", "message": reason}
            continue
        if coder is None:
            coder = default_coder()
            nlp = nlp if nlp is not None else default_nlp()
            if {"plover", "reuters"} & set(names):  # the fitted datasets: figures out of fold (confidence_fit.py)
                out_of_fold = _out_of_fold(root, nlp=nlp, limit=limit)
        report["datasets"][name] = _run_one(name, dataset_path(root, name), coder=coder, nlp=nlp,
                                            limit=limit, full=full, out_of_fold=out_of_fold)
    if datasets is None:
        report["datasets"].update(places_dates_reports(root, limit=limit, nlp=nlp))
    if datasets is None or "merge" in (datasets or []):
        report["datasets"]["merge"] = merge_report()
    report["seconds"] = round(time.perf_counter() - started, 1)
    return report


def _out_of_fold(root: Path, *, nlp, limit: int | None):
    """The out-of-fold confidences of the datasets the confidence model was fitted on (None on failure)."""
    from eventwire.eval.confidence_fit import out_of_fold_confidences

    try:
        return out_of_fold_confidences(root, nlp=nlp, limit=limit)
    except Exception:  # reported as in-sample figures, never hidden
        log.exception("out-of-fold confidences failed")
        return None


def _run_one(name: str, path: Path, *, coder: Coder, nlp, limit: int | None, full: bool,
             out_of_fold=None) -> dict:
    log.info("evaluating %s on %s", name, path)
    try:
        if name == "plover":
            result = evaluate_plover(path, coder=coder, nlp=nlp, limit=limit, out_of_fold=out_of_fold)
        elif name == "conflibert":
            result = evaluate_quad(path, coder=coder, nlp=nlp, limit=limit, out_of_fold=out_of_fold)
        elif name == "india_police":
            result = evaluate_police(path, coder=coder, nlp=nlp, limit=limit, full=full)
        elif name == "reuters":  # the whole pipeline (ingest, code, merge), not the coder alone
            result = evaluate_reuters(path.parent, limit=limit, out_of_fold=out_of_fold)
        else:
            result = evaluate_sample(path, coder=coder, nlp=nlp)
    except Exception as e:  # report the broken dataset, go on with the others
        log.exception("evaluation of %s failed", name)
        return {"status": "error", "message": f"{type(e).__name__}: {e}", "source": str(path)}
    return {"status": "ok", "source": str(path), **result}


def merge_report() -> dict:
    """Merge precision/recall on the project's own corpus (eventwire/eval/data/merge); needs no ../shared."""
    from eventwire.eval.merge_eval import evaluate_merge_corpus

    started = time.perf_counter()
    try:
        result = evaluate_merge_corpus()
    except Exception as e:  # report it, go on with the others
        log.exception("merge evaluation failed")
        return {"status": "error", "message": f"{type(e).__name__}: {e}"}
    return {"status": "ok", "source": "eventwire/eval/data/merge", **result,
            "seconds": round(time.perf_counter() - started, 2)}


def places_dates_reports(data_dir: Path, *, limit: int | None = None, nlp=None) -> dict:
    """Reports of the places/dates evaluation module, when that module exists (else nothing)."""
    if importlib.util.find_spec(PLACES_DATES_MODULE) is None:
        return {}
    module = importlib.import_module(PLACES_DATES_MODULE)
    reports = {}
    for name, (function_name, folder) in PLACES_DATES_FUNCTIONS.items():
        function = getattr(module, function_name, None)
        if function is None:
            continue
        if not (data_dir / folder).is_dir():
            reports[name] = {"status": "skipped", "message": f"skipped: folder {data_dir / folder} is absent"}
            continue
        data_dir_of = data_dir / folder
        try:
            params = inspect.signature(function).parameters
            extra = {"nlp": nlp} if nlp is not None and "nlp" in params else {}
            if "data_dir" in params and params["data_dir"].kind is inspect.Parameter.KEYWORD_ONLY:
                result = function(data_dir=data_dir_of, limit=limit, **extra)
            else:
                result = function(data_dir_of, limit, **extra)
            reports[name] = {"status": "ok", **result} if isinstance(result, dict) and "status" not in result \
                else result
        except Exception as e:
            log.exception("%s failed", function_name)
            reports[name] = {"status": "error", "message": f"{type(e).__name__}: {e}"}
    return reports


def load_baseline(path: str | Path = BASELINE) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def metric_value(report: dict, key: str):
    """The value at a dotted key (``plover.confidence.auc``) under report["datasets"]."""
    node = report.get("datasets", {})
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def check_floors(report: dict, baseline: dict | None = None) -> list[str]:
    """Readable lines, one per broken floor or ceiling; empty when all hold.

    A dataset that was skipped (absent data) breaks nothing; one that failed to
    run, or a metric that is missing from a dataset that ran, does.
    """
    baseline = baseline if baseline is not None else load_baseline()
    failures = []
    limits = [(k, v["floor"], "floor") for k, v in baseline.get("floors", {}).items()]
    limits += [(k, v["ceiling"], "ceiling") for k, v in baseline.get("ceilings", {}).items()]
    for key, bound, kind in limits:
        dataset = report.get("datasets", {}).get(key.split(".")[0])
        if dataset is None or dataset.get("status") == "skipped":
            continue
        if dataset.get("status") == "error":
            failures.append(f"{key}: dataset failed to run ({dataset.get('message')})")
            continue
        value = metric_value(report, key)
        if not isinstance(value, (int, float)):
            failures.append(f"{key} missing from the report ({kind} {bound:.3f})")
        elif kind == "floor" and value < bound:
            failures.append(f"{key} {value:.3f} < floor {bound:.3f}")
        elif kind == "ceiling" and value > bound:
            failures.append(f"{key} {value:.3f} > ceiling {bound:.3f}")
    return failures
