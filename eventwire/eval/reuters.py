"""Reuters events (dev): article-level PLOVER event precision / recall / F1 on real 1987 newswire.

The stories (``reuters_events_dev/stories.jsonl``) go through the whole pipeline — ingest
(segmentation), coding and cross-article merging — in a throwaway SQLite database; the stored
events are then scored against ``gold.json`` by the rules of the set's README:

- a gold article is the stored article with its exact title, else the one whose first 400
  characters hold its ``starts_with``;
- a predicted event belongs to its article and to every article in its ``mentions`` (a merged
  event counts once for each of them);
- a predicted event is read as one dyad per actor x recipient; a dyad matches a gold event of the
  same article when its type is in ``types`` and each side matches: some code the entity carries
  (country, sector, name or text, case-insensitive) is in the gold list, an empty side matches only
  a list holding ``null``, a gold ``recipient: null`` accepts anything, ``symmetric`` allows a swap;
- recall counts core gold events found; precision counts predicted events that match any gold
  event (core or optional); a second prediction of one gold event counts as right but is reported
  as a duplicate; ``false_events_per_article`` is the number of predicted events matching nothing,
  over the articles scored (economic stories with no gold event count here);
- field accuracy on found core events: date (first 10 characters), location country, quantities.

The coder's article confidence model was fitted on these stories, so with ``out_of_fold``
(``confidence_fit.OutOfFold``) every stored event's confidence is its out-of-fold one before scoring: the
reliability table, ECE and the precision / recall by ``min_confidence`` (``by_threshold``) are out of fold.
Those use GroupKFold's one split; ``calibration_repeated`` scores the ECE again under each of
``confidence_fit.REPEATS`` random assignments of stories to folds and gives its mean, least and greatest: with
about a hundred events one split's ECE is mostly luck, so the ceilings are on the mean. The ceilings are on the
mean smooth ECE (``smece_mean``, ``calibration.smooth_ece``); the binned ECE is reported beside it: the article
model gives every event of a fold one number, and the binned figure of such a model jumps when the fold priors
straddle a bin edge (see ``eventwire/eval/calibration.py``).
"""
from __future__ import annotations

import json
import logging
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from eventwire.eval.calibration import reliability
from eventwire.eval.halves import halves_report
from eventwire.eval.metrics import safe_ratio

log = logging.getLogger(__name__)

STORIES = "stories.jsonl"
GOLD = "gold.json"
HEADLINE = ["articles", "core", "predicted", "false_events", "precision", "recall", "f1",
            "false_events_per_article", "calibration.ece", "calibration_repeated.ece_mean",
            "calibration_repeated.smece_mean"]
THRESHOLDS = (0.0, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)  # min_confidence rows of the by-threshold table


@dataclass
class GoldArticle:
    n: int
    newid: int
    title: str
    starts_with: str


def load_gold(folder: Path) -> tuple[list[GoldArticle], dict[int, list[dict]]]:
    data = json.loads((folder / GOLD).read_text(encoding="utf-8"))
    articles = [GoldArticle(n=a["n"], newid=a["newid"], title=a["title"], starts_with=a["starts_with"])
                for a in data["articles"]]
    events: dict[int, list[dict]] = {a.n: [] for a in articles}
    for e in data["events"]:
        events.setdefault(e["article"], []).append(e)
    return articles, events


def map_articles(gold: list[GoldArticle], stored: list[dict]) -> dict[int, str | None]:
    """Gold article n -> stored article id (exact title, else ``starts_with`` in the first 400 characters)."""
    out: dict[int, str | None] = {}
    for g in gold:
        found = next((s["id"] for s in stored if (s.get("title") or "") == g.title), None)
        if found is None:
            found = next((s["id"] for s in stored if g.starts_with in (s.get("text") or "")[:400]), None)
        out[g.n] = found
    return out


def _codes(entity: dict) -> set[str]:
    return {str(v).casefold() for v in (entity.get("country"), entity.get("sector"), entity.get("name"),
                                        entity.get("text")) if v}


def _side_matches(entities: list[dict | None], wanted: list | None) -> bool:
    """Does this side (one entity, or None for an empty side) fit the gold list?"""
    if wanted is None:
        return True
    entity = entities[0]
    if entity is None:
        return None in wanted
    allowed = {str(w).casefold() for w in wanted if w is not None}
    return bool(_codes(entity) & allowed)


def dyads(event: dict) -> list[tuple[dict | None, dict | None]]:
    actors = event.get("actors") or [None]
    recipients = event.get("recipients") or [None]
    return [(a, r) for a in actors for r in recipients]


def event_matches(event: dict, gold: dict) -> bool:
    """Does some dyad of a predicted (export-shaped) event match one gold event?"""
    if event["event_type"] not in gold["types"]:
        return False
    for actor, recipient in dyads(event):
        if _side_matches([actor], gold["actor"]) and _side_matches([recipient], gold["recipient"]):
            return True
        if gold.get("symmetric") and _side_matches([recipient], gold["actor"]) \
                and _side_matches([actor], gold["recipient"]):
            return True
    return False


def field_checks(gold: dict, event: dict) -> dict[str, bool]:
    checks = {}
    if gold.get("date"):
        checks["date"] = (event.get("date") or "")[:10] == gold["date"]
    if gold.get("location_country"):
        checks["location_country"] = (event.get("location") or {}).get("country") == gold["location_country"]
    if gold.get("quantities"):
        q = event.get("quantities") or {}
        checks["quantities"] = all(q.get(k) == v for k, v in gold["quantities"].items())
    return checks


def score_articles(gold_events: list[list[dict]], predicted: list[list[dict]],
                   labels: list[str] | None = None) -> dict:
    """Scores for articles given as parallel lists: the gold events and the predicted events of each."""
    labels = labels or [str(i) for i in range(len(gold_events))]
    core_total = core_found = n_pred = correct = duplicates = 0
    false_events: list[dict] = []
    outcomes: list[tuple[float, bool]] = []  # (confidence, matched a gold event) of every predicted event
    missed: list[str] = []
    fields: dict[str, list[bool]] = {"date": [], "location_country": [], "quantities": []}
    for label, golds, preds in zip(labels, gold_events, predicted):
        matched_by: dict[str, list[dict]] = {}
        for event in preds:
            n_pred += 1
            hits = [g for g in golds if event_matches(event, g)]
            outcomes.append((float(event.get("confidence") or 0.0), bool(hits)))
            if not hits:
                false_events.append({"article": label, "event_type": event["event_type"],
                                     "sentence": (event.get("evidence") or {}).get("sentence", "")[:120]})
                continue
            correct += 1
            if any(g["id"] in matched_by for g in hits):
                duplicates += 1
            for g in hits:
                matched_by.setdefault(g["id"], []).append(event)
        for g in golds:
            if not g.get("core"):
                continue
            core_total += 1
            if g["id"] not in matched_by:
                missed.append(g["id"])
                continue
            core_found += 1
            best = max((field_checks(g, e) for e in matched_by[g["id"]]), key=lambda c: sum(c.values()))
            for k, ok in best.items():
                fields[k].append(ok)
    # recall counts core events, precision predicted events: computed apart, then F1 of the two
    precision, recall = safe_ratio(correct, n_pred), safe_ratio(core_found, core_total)
    f1 = None if not precision or not recall else 2 * precision * recall / (precision + recall)
    return {
        "articles": len(gold_events), "core": core_total, "core_found": core_found,
        "predicted": n_pred, "correct": correct, "duplicates": duplicates, "false_events": len(false_events),
        "precision": precision, "recall": recall, "f1": f1,
        "false_events_per_article": safe_ratio(len(false_events), len(gold_events)),
        "field_accuracy": {k: safe_ratio(sum(v), len(v)) for k, v in fields.items()},
        "calibration": reliability([c for c, _ in outcomes], [ok for _, ok in outcomes]),
        "missed_core": missed, "false_event_list": false_events,
    }


def pipeline_events(stories: Path, db: str) -> tuple[list[dict], list[dict]]:
    """Ingest (and merge) the stories with the real pipeline; (stored articles, canonical events)."""
    from eventwire.pipeline import ingest
    from eventwire.store import open_store

    report = ingest([str(stories)], db=db)
    if report.failed:
        raise RuntimeError(f"the Reuters stories did not ingest: {report.errors[:3]}")
    with open_store(db) as store:
        articles = [{"id": a.id, "title": a.title, "text": a.text} for a in store.iter_articles()]
        events = list(store.iter_events())
    return articles, events


def by_threshold(gold_events: list[list[dict]], predicted: list[list[dict]],
                 thresholds=THRESHOLDS) -> list[dict]:
    """Precision / recall / F1 when only the events with confidence >= t are kept, for each t."""
    out = []
    for t in thresholds:
        kept = [[e for e in preds if float(e.get("confidence") or 0.0) >= t] for preds in predicted]
        r = score_articles(gold_events, kept)
        out.append({"min_confidence": t, "predicted": r["predicted"], "false_events": r["false_events"],
                    "core_found": r["core_found"], "precision": r["precision"], "recall": r["recall"],
                    "f1": r["f1"]})
    return out


def _out_of_fold(events: list[dict], out_of_fold, repeat: int | None = None) -> tuple[list[dict], dict]:
    """The stored events with their out-of-fold confidences (GroupKFold's, or random fold assignment
    ``repeat``'s), and how many had one."""
    out, missing = [], 0
    for e in events:
        p = out_of_fold.confidence_of("reuters", e["id"], repeat)
        missing += p is None
        out.append(e if p is None else {**e, "confidence": round(p, 3)})
    d = out_of_fold.describe("reuters")
    source = (f"out of fold ({d['folds']}-fold, grouped by {d['grouped_by']}, {d['rows']} events)"
              if d["rows"] else "IN-SAMPLE: too few stories to fold; not a calibration figure")
    return out, {"source": source, "events_without_out_of_fold": missing}


def _by_article(events: list[dict]) -> dict[str, list[dict]]:
    """Each article's events: a merged event counts for every article among its mentions."""
    by_article: dict[str, list[dict]] = {}
    for e in events:
        for aid in {e["article_id"], *(m["article_id"] for m in e.get("mentions") or [])}:
            by_article.setdefault(aid, []).append(e)
    return by_article


def evaluate_reuters(folder: Path, *, limit: int | None = None, out_of_fold=None) -> dict:
    """Article-level event P/R/F1 of the whole pipeline on the Reuters dev stories, with tune/check halves."""
    started = time.perf_counter()
    gold_articles, gold_by_n = load_gold(folder)
    if limit is not None:
        gold_articles = gold_articles[:limit]
    with tempfile.TemporaryDirectory() as tmp:
        stories = folder / STORIES
        if limit is not None:
            lines = [line for line in stories.read_text(encoding="utf-8").splitlines() if line.strip()][:limit]
            stories = Path(tmp) / STORIES
            stories.write_text("\n".join(lines) + "\n", encoding="utf-8")
        articles, events = pipeline_events(stories, f"sqlite:///{tmp}/reuters.db")
    confidence = {"source": "IN-SAMPLE: the shipped model was fitted on these stories; not a calibration figure"}
    repeats = [_out_of_fold(events, out_of_fold, r)[0] for r in range(len(out_of_fold.repeated))] \
        if out_of_fold is not None and out_of_fold.rows.get("reuters") else []
    if out_of_fold is not None:
        events, confidence = _out_of_fold(events, out_of_fold)
    mapping = map_articles(gold_articles, articles)
    unmapped = [g.n for g in gold_articles if mapping[g.n] is None]
    by_article = _by_article(events)
    gold_events = [gold_by_n.get(g.n, []) for g in gold_articles]
    predicted = [by_article.get(mapping[g.n], []) if mapping[g.n] else [] for g in gold_articles]
    labels = [f"r{g.newid}" for g in gold_articles]
    report = score_articles(gold_events, predicted, labels)
    report["confidence"] = confidence
    report["by_threshold"] = by_threshold(gold_events, predicted)

    def repeated_ece(positions: list[int]) -> dict | None:
        """The ECE of the same predictions under each random fold assignment: its mean and spread."""
        if not repeats:
            return None
        tables = []
        for events_r in repeats:
            homes_r = _by_article(events_r)
            tables.append(score_articles([gold_events[i] for i in positions],
                                         [homes_r.get(mapping[gold_articles[i].n], []) if mapping[gold_articles[i].n]
                                          else [] for i in positions],
                                         [labels[i] for i in positions])["calibration"])
        out: dict = {"repeats": sum(t["ece"] is not None for t in tables)}
        for key, name in (("ece", "ece"), ("smooth_ece", "smece")):
            figures = [t[key] for t in tables if t[key] is not None]
            out.update({f"{name}_mean": round(sum(figures) / len(figures), 4) if figures else None,
                        f"{name}_min": min(figures, default=None), f"{name}_max": max(figures, default=None)})
        return out

    report["calibration_repeated"] = repeated_ece(list(range(len(gold_articles))))

    def score(positions: list[int]) -> dict:
        return {**score_articles([gold_events[i] for i in positions], [predicted[i] for i in positions],
                                 [labels[i] for i in positions]),
                "calibration_repeated": repeated_ece(positions)}

    report["halves"] = halves_report("reuters", [g.newid for g in gold_articles], score, HEADLINE)
    report.update(unmapped_articles=unmapped, stored_articles=len(articles),
                  seconds=round(time.perf_counter() - started, 2))
    return report
