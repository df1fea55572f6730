"""A human-readable rendering of an evaluation report (plain-text tables)."""
from __future__ import annotations

from collections.abc import Sequence

from eventwire.schema import EVENT_TYPES

SUMMARY_KEYS = {
    "plover": ["n", "type_accuracy", "no_event_rate", "actor_country_accuracy", "recipient_country_accuracy",
               "actor_country_accuracy_type_right", "recipient_country_accuracy_type_right",
               "confidence.auc", "confidence.calibration.ece", "confidence.mean_correct", "confidence.mean_wrong",
               "confidence.source", "confidence.fitted_out_of_fold.type_accuracy",
               "confidence.fitted_out_of_fold.auc", "confidence.fitted_out_of_fold.ece",
               "confidence.fitted_repeated.all.type_accuracy_mean", "confidence.fitted_repeated.all.auc_mean",
               "confidence.fitted_repeated.all.auc_min", "confidence.fitted_repeated.all.auc_max",
               "confidence.fitted_repeated.all.ece_mean", "confidence.fitted_repeated.check.type_accuracy_mean",
               "confidence.fitted_repeated.check.auc_mean",
               "locations.n", "locations.name_resolution", "locations.event_location"],
    "conflibert": ["n", "accuracy", "macro_f1", "confidence.auc", "confidence.calibration.ece", "confidence.source",
                   "confidence.fitted_sentence_model.accuracy", "confidence.fitted_sentence_model.macro_f1",
                   "confidence.fitted_sentence_model.auc", "confidence.fitted_sentence_model.ece"],
    "india_police": ["n", "documents", "subset"],
    "sample": ["stories", "expected", "predicted", "recall", "false_event_rate", "attribute_accuracy",
               "where_when_accuracy", "place_name_resolution"],
    "reuters": ["articles", "core", "core_found", "predicted", "correct", "duplicates", "false_events",
                "precision", "recall", "f1", "false_events_per_article", "calibration.ece", "calibration_repeated.ece_mean",
                "calibration_repeated.ece_min", "calibration_repeated.ece_max", "calibration_repeated.smece_mean",
                "calibration_repeated.smece_min", "calibration_repeated.smece_max", "confidence.source",
                "field_accuracy.date",
                "field_accuracy.location_country", "field_accuracy.quantities"],
    "merge": ["events", "matched_gold_events", "gold_pairs", "predicted_pairs", "correct_pairs",
              "precision", "recall", "f1"],
}


def format_value(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def format_table(header: Sequence[str], rows: Sequence[Sequence], *, indent: str = "  ") -> str:
    """Columns padded to their widest cell; first column left-aligned, others right-aligned."""
    cells = [[format_value(c) for c in row] for row in [header, *rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = []
    for n, row in enumerate(cells):
        line = "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))
        lines.append(indent + line.rstrip())
        if n == 0:
            lines.append(indent + "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _get(d: dict, dotted: str):
    for part in dotted.split("."):
        d = d.get(part) if isinstance(d, dict) else None
    return d


def format_report(report: dict) -> str:
    """Every dataset's figures as text: a summary table, then per-dataset detail."""
    out = [f"eventwire evaluation  (data: {report.get('data_dir')}, limit: {report.get('limit')}, "
           f"{report.get('seconds', '-')} s)"]
    for name, result in report.get("datasets", {}).items():
        out.append("")
        status = result.get("status", "ok")
        out.append(f"== {name} [{status}]" + (f" {result.get('seconds')} s" if "seconds" in result else ""))
        if status != "ok":
            out.append(f"  {result.get('message', '')}")
            continue
        keys = SUMMARY_KEYS.get(name) or _scalar_keys(result)
        out.append(format_table(["metric", "value"], [[k, _get(result, k)] for k in keys]))
        if isinstance(result.get("halves"), dict):
            out.append(_halves_table(result))
        detail = DETAIL.get(name)
        if detail:
            out.append(detail(result))
    return "\n".join(out)


def _scalar_keys(result: dict, prefix: str = "") -> list[str]:
    """Dotted keys of the numbers and strings in a report of unknown shape (nested dicts flattened)."""
    keys = []
    for key, value in result.items():
        if key in ("status", "source", "seconds"):
            continue
        if isinstance(value, dict):
            keys += _scalar_keys(value, f"{prefix}{key}.")
        elif isinstance(value, (int, float, str)):
            keys.append(prefix + key)
    return keys


def _halves_table(result: dict) -> str:
    """The headline figures on the whole set and on its tune and check halves (eval/halves.py)."""
    halves = result["halves"]
    keys = _scalar_keys(halves.get("check") or halves.get("tune") or {})
    rows = [[k, _get(result, k) if k != "n" else None, _get(halves.get("tune", {}), k),
             _get(halves.get("check", {}), k)] for k in keys]
    return "\n" + format_table(["halves", "all", "tune", "check"], rows)


def _calibration_table(calibration: dict | None, what: str) -> str:
    """The reliability table of eval/calibration.py: predicted confidence against observed correctness."""
    if not calibration or not calibration.get("bins"):
        return ""
    rows = [[f"{b['low']:.1f}-{b['high']:.1f}", b["n"], b["mean_confidence"], b["accuracy"]]
            for b in calibration["bins"]]
    return (f"\n  reliability of {what} (ECE {format_value(calibration.get('ece'))}, smooth ECE "
            f"{format_value(calibration.get('smooth_ece'))}):\n"
            + format_table(["confidence", "n", "mean conf", "right"], rows) + "\n")


def _threshold_table(rows: list[dict] | None) -> str:
    """Precision / recall / F1 when only events at or above each min_confidence are kept."""
    if not rows:
        return ""
    body = [[r["min_confidence"], r["predicted"], r["false_events"], r["core_found"], r["precision"], r["recall"],
             r["f1"]] for r in rows]
    return ("\n  by --min-confidence:\n"
            + format_table(["min_confidence", "events", "false", "core found", "precision", "recall", "f1"], body)
            + "\n")


def _reuters_detail(result: dict) -> str:
    lines = [_calibration_table(result.get("calibration"), "predicted events (right = matches a gold event)"),
             _threshold_table(result.get("by_threshold")),
             f"  missed core: {', '.join(result.get('missed_core', [])) or '-'}"]
    for e in result.get("false_event_list", []):
        lines.append(f"  false event ({e['article']}): {e['event_type']}: {e['sentence']}")
    return "\n".join(lines)


def _plover_detail(result: dict) -> str:
    per_type = result.get("per_type", {})
    rows = [[t, s["support"], s["precision"], s["recall"], s["f1"]] for t, s in per_type.items()]
    parts = ["", format_table(["type", "gold", "precision", "recall", "f1"], rows), ""]
    parts.append(_calibration_table((result.get("confidence") or {}).get("calibration"),
                                    "the top-1 event (right = its type is the gold type)"))
    confusion = result.get("confusion", {})
    predicted = [t for t in (*EVENT_TYPES, "NONE") if any(t in row for row in confusion.values())]
    short = [t[:4] for t in predicted]
    rows = [[g, *[confusion[g].get(p, 0) or "." for p in predicted]]
            for g in EVENT_TYPES if g in confusion]
    parts.append("  confusion (rows gold, columns predicted):")
    parts.append(format_table(["gold", *short], rows))
    return "\n".join(parts)


def _quad_detail(result: dict) -> str:
    names = result.get("class_names", {})
    rows = [[f"{label} {names.get(label, '')}", s["support"], s["precision"], s["recall"], s["f1"]]
            for label, s in result.get("per_class", {}).items()]
    return "\n" + format_table(["class", "gold", "precision", "recall", "f1"], rows)


def _police_detail(result: dict) -> str:
    rows = [[label.upper(), s["gold_count"], s["tp"], s["fp"], s["precision"], s["recall"], s["f1"]]
            for label, s in result.items() if isinstance(s, dict) and "f1" in s]
    return "\n" + format_table(["label", "gold", "tp", "fp", "precision", "recall", "f1"], rows)


def _sample_detail(result: dict) -> str:
    lines = [f"  found:  {', '.join(result.get('found', [])) or '-'}",
             f"  missed: {', '.join(result.get('missed', [])) or '-'}"]
    for entry, checks in result.get("attributes", {}).items():
        lines.append(f"  {entry}: " + ", ".join(f"{k} {'ok' if ok else 'WRONG'}" for k, ok in checks.items()))
    for e in result.get("false_events", []):
        lines.append(f"  false event (story {e['story']}): {e['event_type']}: {e['sentence']}")
    return "\n".join(lines)


DETAIL = {"plover": _plover_detail, "conflibert": _quad_detail, "india_police": _police_detail,
          "sample": _sample_detail, "reuters": _reuters_detail}
