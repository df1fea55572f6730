"""PLOVER gold-standard sentences (dev split): top-1 event type and actor countries.

Top-1 is the coder's highest-confidence event; a sentence with no event counts as
wrong.  A gold actor (recipient) is right when some actor (recipient) of the top
event has its country; gold CAMEO codes are mapped to ISO by data/cameo_countries.tsv.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from eventwire.eval.calibration import reliability
from eventwire.eval.coding import Coder, code_texts, entity_countries, top_event
from eventwire.eval.datasets import country_found, iso_country, read_jsonl, require
from eventwire.eval.halves import _get, halves_report, pick
from eventwire.eval.metrics import accuracy, confusion_counts, mean, per_class_scores, roc_auc, safe_ratio
from eventwire.schema import EVENT_TYPES, Event

NO_EVENT = "NONE"
HEADLINE = ["type_accuracy", "actor_country_accuracy", "recipient_country_accuracy", "confidence.auc",
            "confidence.calibration.ece"]


@dataclass
class PloverRecord:
    id: str
    text: str
    event_type: str
    actor_countries: list[str] = field(default_factory=list)
    recipient_countries: list[str] = field(default_factory=list)
    location: dict | None = None  # {name, country code?} where the gold gives the event's place


def load_plover_records(path: Path, *, limit: int | None = None) -> list[PloverRecord]:
    records = []
    for number, raw in enumerate(read_jsonl(path, limit=limit), start=1):
        records.append(PloverRecord(
            id=str(raw.get("id", number)),
            text=require(raw, "text", path, number),
            event_type=require(raw, "event_plover_current", path, number),
            actor_countries=_gold_countries(raw.get("source") or []),
            recipient_countries=_gold_countries(raw.get("target") or []),
            location=raw.get("event_location") or None,
        ))
    return records


def _gold_countries(actors: list[dict]) -> list[str]:
    """Country codes of gold actors; an actor coded without a country is left out."""
    return [c for c in (iso_country(a.get("code")) for a in actors) if c]


def score_plover(records: list[PloverRecord], events: list[list[Event]]) -> dict:
    """Scores of coded events against the gold records (same order)."""
    if len(records) != len(events):
        raise ValueError("one list of events per record is needed")
    tops = [top_event(e) for e in events]
    gold = [r.event_type for r in records]
    predicted = [t.event_type if t else NO_EVENT for t in tops]
    type_right = [g == p for g, p in zip(gold, predicted)]

    def country_hits(role: str, only_type_right: bool) -> tuple[int, int]:
        hits = total = 0
        for record, top, right in zip(records, tops, type_right):
            if only_type_right and not right:
                continue
            wanted = record.actor_countries if role == "actors" else record.recipient_countries
            found = entity_countries(getattr(top, role)) if top else set()
            total += len(wanted)
            hits += sum(1 for c in wanted if country_found(c, found))
        return hits, total

    report: dict = {"n": len(records)}
    report["type_accuracy"] = accuracy(gold, predicted)
    report["no_event_rate"] = safe_ratio(sum(t is None for t in tops), len(tops))
    for role, key in (("actors", "actor"), ("recipients", "recipient")):
        hits, total = country_hits(role, False)
        report[f"{key}_country_accuracy"] = safe_ratio(hits, total)
        report[f"{key}_gold_count"] = total
        hits, total = country_hits(role, True)
        report[f"{key}_country_accuracy_type_right"] = safe_ratio(hits, total)
    labels = [t for t in EVENT_TYPES if t in set(gold) | set(predicted)]
    report["per_type"] = per_class_scores(gold, predicted, labels=labels)
    report["confusion"] = confusion_counts(gold, predicted)
    report["confidence"] = confidence_ranking(tops, type_right)
    return report


def confidence_ranking(tops: list[Event | None], right: list[bool]) -> dict:
    """How well the top event's confidence separates right from wrong types (sentences with an event)."""
    scored = [(t.confidence, r) for t, r in zip(tops, right) if t is not None]
    scores = [s for s, _ in scored]
    positives = [r for _, r in scored]
    return {
        "calibration": reliability(scores, positives),
        "auc": roc_auc(scores, positives),
        "mean_correct": mean(s for s, r in scored if r),
        "mean_wrong": mean(s for s, r in scored if not r),
        "n": len(scored),
    }


def evaluate_plover(path: Path, *, coder: Coder, nlp=None, limit: int | None = None, out_of_fold=None) -> dict:
    """Scores on the PLOVER dev sentences.  ``out_of_fold`` (``confidence_fit.OutOfFold``, which coded them
    already) holds each event's confidence from a sentence model fitted on the other folds.  When the shipped
    sentence model was fitted on these sentences, those replace the shipped confidences (the top event, type
    accuracy, AUC and reliability are never in-sample figures); when it is the hand-set one, its figures are
    reported and the fitted model's out-of-fold ones beside them (``confidence.fitted_out_of_fold``)."""
    from eventwire.eval.confidence_fit import is_fitted

    if out_of_fold is not None and out_of_fold.plover is not None:
        records, coded = out_of_fold.plover
    else:
        records = load_plover_records(path, limit=limit)
        coded = code_texts([r.text for r in records], coder=coder, nlp=nlp,
                           ids=[r.id for r in records], label="plover")
    events, fitted = coded.events, None
    if out_of_fold is not None and out_of_fold.rows.get("plover"):
        fitted = [[_with_confidence(e, out_of_fold.confidence_of("plover", e.id)) for e in evs] for evs in events]
        if is_fitted("sentence"):
            events, fitted = fitted, None
    report = score_plover(records, events)
    report["confidence"]["source"] = _confidence_source(events, out_of_fold)
    if fitted is not None:
        oof = score_plover(records, fitted)
        d = out_of_fold.describe("plover")
        report["confidence"]["fitted_out_of_fold"] = {
            "type_accuracy": oof["type_accuracy"], "auc": oof["confidence"]["auc"],
            "ece": oof["confidence"]["calibration"]["ece"], "events": d["rows"], "folds": d["folds"],
            "features": d["features"], "C": d["C"]}
    if out_of_fold is not None and out_of_fold.rows.get("plover") and out_of_fold.repeated:
        report["confidence"]["fitted_repeated"] = repeated_figures(records, coded.events, out_of_fold)
    report["halves"] = halves_report(
        "plover", [r.id for r in records],
        lambda pos: score_plover(pick(records, pos), pick(events, pos)), HEADLINE)
    report["locations"] = plover_locations(records, events, nlp=nlp)
    report.update(seconds=round(coded.seconds, 2), coder_failures=len(coded.failures))
    return report


def repeated_figures(records: list[PloverRecord], events: list[list[Event]], out_of_fold) -> dict:
    """The fitted sentence model's out-of-fold figures over the random sentence splits of ``out_of_fold.repeated``
    (each event's confidence from a model that never saw its sentence): the mean, least and greatest top-1 type
    accuracy and AUC and the mean ECE, over all sentences and per half (one split's figures on ~200 sentences
    with ~20 wrong top events move by 0.05 and more from split to split)."""
    runs = []
    for r in range(len(out_of_fold.repeated)):
        evs = [[_with_confidence(e, out_of_fold.confidence_of("plover", e.id, r)) for e in es] for es in events]
        whole = score_plover(records, evs)
        halves = halves_report("plover", [x.id for x in records],
                               lambda pos, evs=evs: score_plover(pick(records, pos), pick(evs, pos)), HEADLINE)
        runs.append({"all": whole, **halves})
    out: dict = {"splits": len(runs)}
    for part in ("all", "tune", "check"):
        out[part] = {**spread("type_accuracy", [_get(x[part], "type_accuracy") for x in runs]),
                     **spread("auc", [_get(x[part], "confidence.auc") for x in runs]),
                     **spread("ece", [_get(x[part], "confidence.calibration.ece") for x in runs])}
    return out


def spread(name: str, values: list[float | None]) -> dict:
    """``{name_mean, name_min, name_max}`` of the figures that are not None (rounded to 4 places)."""
    values = [v for v in values if v is not None]
    if not values:
        return {f"{name}_mean": None, f"{name}_min": None, f"{name}_max": None}
    return {f"{name}_mean": round(mean(values), 4), f"{name}_min": round(min(values), 4),
            f"{name}_max": round(max(values), 4)}


def _with_confidence(event: Event, confidence: float | None) -> Event:
    return event if confidence is None else replace(event, confidence=round(confidence, 3))


def _confidence_source(events: list[list[Event]], out_of_fold) -> str:
    from eventwire.eval.confidence_fit import is_fitted

    if not any(e.features is not None for evs in events for e in evs):
        return "the coder's"  # a coder without the fitted model (tests' fakes)
    if not is_fitted("sentence"):
        return "the hand-set sentence model (not fitted)"
    if out_of_fold is not None and out_of_fold.rows.get("plover"):
        d = out_of_fold.describe("plover")
        return f"out of fold ({d['folds']}-fold, grouped by {d['grouped_by']}, {d['rows']} events)"
    return "IN-SAMPLE: the shipped model was fitted on these sentences; not an accuracy figure"


def plover_locations(records: list[PloverRecord], events: list[list[Event]], *, nlp=None) -> dict:
    """Place-name resolution and top-event location on the sentences whose gold names a place."""
    from eventwire.eval.locations import iso3, resolve_name, score_locations

    if nlp is None:
        from eventwire.nlp import load_pipeline

        nlp = load_pipeline()
    items = []
    for record, evs in zip(records, events):
        if not record.location or not record.location.get("name"):
            continue
        name = record.location["name"]
        top = top_event(evs)
        items.append({"name": name, "country": iso3(record.location.get("country code")),
                      "resolved": resolve_name(nlp(record.text), name),
                      "event_location": top.location if top else None})
    return score_locations(items)
