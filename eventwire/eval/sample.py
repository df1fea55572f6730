"""The two-story sample page against the events a human coder expects (data/sample_expected.yml).

Recall = expected events matched by some predicted event; false-event rate =
predicted events matching neither an expected nor an ``also_acceptable`` entry,
over all predicted events.  The matching rule is described in the YAML file.
"""
from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from eventwire.eval.coding import Coder, code_texts, entity_countries
from eventwire.eval.datasets import load_yaml
from eventwire.eval.halves import halves_report
from eventwire.eval.metrics import safe_ratio
from eventwire.schema import Event

log = logging.getLogger(__name__)


@dataclass
class SampleStory:
    title: str | None
    text: str
    published: str | None


@functools.cache
def expected_events() -> dict:
    return load_yaml("sample_expected.yml")


def split_page(page: str) -> list[tuple[str | None, str]]:
    """(title, text) of each story on the page: ``eventwire.segment.split_stories`` when it exists, else the
    fallback split at the comment furniture named in sample_expected.yml."""
    try:
        from eventwire.segment import split_stories
    except ImportError:
        split_stories = None
    if split_stories is not None:
        # as the pipeline does: the body is coded, the title is not
        return [(story.title, story.text) for story in split_stories(page) if story.text.strip()]
    log.info("eventwire.segment.split_stories is not available; using the fallback split")
    texts = fallback_split(page, pattern=expected_events()["fallback_split"]["pattern"])
    return [(None, text) for text in texts]


def fallback_split(page: str, *, pattern: str) -> list[str]:
    """Split at lines matching ``pattern``; the lines after each match up to the next
    run of two blank lines (the comment prompts) are dropped."""
    parts = re.split(pattern, page, flags=re.MULTILINE)
    stories = [parts[0]]
    for rest in parts[1:]:
        gap = re.search(r"\n\s*\n\s*\n", rest.lstrip("\n"))
        stories.append(rest.lstrip("\n")[gap.end():] if gap else "")
    return [s.strip() for s in stories if s.strip()]


def load_sample_stories(path: Path) -> list[SampleStory]:
    stories = split_page(path.read_text(encoding="utf-8"))
    dates = [s.get("published") for s in expected_events()["stories"]]
    if len(stories) != len(dates):
        log.warning("sample page split into %d stories, expected %d", len(stories), len(dates))
    return [SampleStory(title=title, text=text, published=dates[i] if i < len(dates) else None)
            for i, (title, text) in enumerate(stories)]


def keyword_in(keywords: list[str], sentence: str) -> bool:
    """Whether a keyword starts some word of the sentence (case-insensitive)."""
    return any(re.search(r"(?<!\w)" + re.escape(k), sentence, flags=re.IGNORECASE) for k in keywords)


def event_matches(entry: dict, event: Event, *, story: int | None = None) -> bool:
    """The matching rule of sample_expected.yml for one entry and one predicted event."""
    types = entry.get("types") or [entry["type"]]
    if event.event_type not in types:
        return False
    if "story" in entry and story is not None and entry["story"] != story:
        return False
    actors, recipients = entity_countries(event.actors), entity_countries(event.recipients)
    if not set(entry.get("actors", [])) <= actors:
        return False
    if not set(entry.get("recipients", [])) <= recipients:
        return False
    if not set(entry.get("either", [])) <= actors | recipients:
        return False
    return keyword_in(entry["keywords"], event.evidence.sentence)


def attribute_checks(entry: dict, event: Event) -> dict[str, bool]:
    """Each attribute in the entry's ``check`` -> whether the event has it."""
    results = {}
    for key, wanted in (entry.get("check") or {}).items():
        if key == "date":
            results[key] = event.date == wanted
        elif key == "place":
            results[key] = place_matches(wanted, event.location)
        elif key == "factuality":
            results[key] = event.factuality == wanted
        elif key == "money":
            amounts = [m.get("amount") for m in event.quantities.get("money") or []]
            results[key] = any(a is not None and abs(a - wanted) <= 1e-6 * wanted for a in amounts)
        else:
            results[key] = event.quantities.get(key) == wanted
    return results


WHERE_WHEN = ("date", "place")


def place_matches(wanted: dict, place) -> bool:
    """The event's location has the wanted country (and name, and lies within 0.1 degree of ``near``)."""
    if place is None or place.country != wanted.get("country"):
        return False
    if "name" in wanted and place.name != wanted["name"]:
        return False
    if "near" in wanted:
        lat, lon = wanted["near"]
        if place.lat is None or abs(place.lat - lat) > 0.1 or abs(place.lon - lon) > 0.1:
            return False
    return True


def score_sample(events_by_story: list[list[Event]], *, expected: dict | None = None) -> dict:
    expected = expected or expected_events()
    predicted = [(i, e) for i, events in enumerate(events_by_story) for e in events]
    found, missed, attributes = [], [], {}
    for entry in expected["expected"]:
        matches = [e for i, e in predicted if event_matches(entry, e, story=i)]
        (found if matches else missed).append(entry["id"])
        if matches and entry.get("check"):
            # the best attribute agreement among the matching events
            best = max((attribute_checks(entry, e) for e in matches), key=lambda r: sum(r.values()))
            attributes[entry["id"]] = best
    entries = expected["expected"] + (expected.get("also_acceptable") or [])
    false_events = [
        {"story": i, "event_type": e.event_type, "sentence": e.evidence.sentence[:120]}
        for i, e in predicted if not any(event_matches(entry, e, story=i) for entry in entries)
    ]
    checks = [ok for result in attributes.values() for k, ok in result.items() if k not in WHERE_WHEN]
    where_when = [ok for result in attributes.values() for k, ok in result.items() if k in WHERE_WHEN]
    return {
        "stories": len(events_by_story),
        "expected": len(expected["expected"]),
        "predicted": len(predicted),
        "recall": safe_ratio(len(found), len(expected["expected"])),
        "false_event_rate": safe_ratio(len(false_events), len(predicted)),
        "attribute_accuracy": safe_ratio(sum(checks), len(checks)),
        "where_when_accuracy": safe_ratio(sum(where_when), len(where_when)),
        "found": found,
        "missed": missed,
        "attributes": attributes,
        "false_events": false_events,
    }


SAMPLE_HEADLINE = ["expected", "predicted", "recall", "false_event_rate"]


def score_sample_stories(events_by_story: list[list[Event]], stories: list[int]) -> dict:
    """``score_sample`` on some stories of the page: the others' events and expected entries left out."""
    expected = dict(expected_events())
    expected["expected"] = [e for e in expected["expected"] if e.get("story", stories[0]) in stories]
    kept = [events if i in stories else [] for i, events in enumerate(events_by_story)]
    return score_sample(kept, expected=expected)


def evaluate_sample(path: Path, *, coder: Coder, nlp=None) -> dict:
    stories = load_sample_stories(path)
    coded = code_texts([s.text for s in stories], coder=coder, nlp=nlp,
                       published=[s.published for s in stories], label="sample")
    report = score_sample(coded.events)
    report["halves"] = halves_report("sample", list(range(len(coded.events))),
                                     lambda pos: score_sample_stories(coded.events, pos), SAMPLE_HEADLINE)
    report["places"] = sample_places(stories, nlp=nlp)
    report["place_name_resolution"] = report["places"]["name_resolution"]
    report.update(seconds=round(coded.seconds, 2), coder_failures=len(coded.failures))
    return report


def sample_places(stories: list[SampleStory], *, nlp=None) -> dict:
    """How many of the page's place names (sample_expected.yml ``places``) resolve to the right country."""
    from eventwire.eval.locations import resolve_name, score_locations

    if nlp is None:
        from eventwire.nlp import load_pipeline

        nlp = load_pipeline()
    docs = [nlp(s.text) for s in stories]
    items = [{"name": p["name"], "country": p["country"],
              "resolved": resolve_name(docs[p["story"]], p["name"]) if p["story"] < len(docs) else None}
             for p in expected_events().get("places") or []]
    return score_locations(items)
