"""Issue 4 acceptance on the shared sample page: each story ingested with its own publication date."""
import json

import pytest

import eventwire
from eventwire.segment import split_stories
from eventwire.store import open_store

pytestmark = pytest.mark.slow
PUBLISHED = ["2014-12-14", "2022-06-16"]


@pytest.fixture(scope="module")
def events(tmp_path_factory, request):
    from tests.conftest import shared_path

    page = shared_path("samples", "thelocal-two-stories.txt").read_text(encoding="utf-8")
    stories = split_stories(page)
    assert len(stories) == 2
    tmp = tmp_path_factory.mktemp("where-when")
    src = tmp / "stories.jsonl"
    src.write_text("".join(json.dumps({"id": f"thelocal-{n}", "title": s.title, "text": s.text, "published": p}) + "\n"
                           for n, (s, p) in enumerate(zip(stories, PUBLISHED))))
    db = f"sqlite:///{tmp}/w.db"
    report = eventwire.ingest([src], db=db)
    assert not report.failed
    with open_store(db) as store:
        return list(store.iter_events())


def _countries(entities):
    return {e["country"] for e in entities}


def _find(events, event_type, actors=(), recipients=(), evidence=""):
    found = [e for e in events if e["event_type"] == event_type and evidence in e["evidence"]["sentence"]
             and set(actors) <= _countries(e["actors"]) and set(recipients) <= _countries(e["recipients"])]
    assert found, f"no {event_type} {actors} -> {recipients} ({evidence})"
    return max(found, key=lambda e: e["confidence"])


def test_kerry_lavrov_meeting_in_rome_on_sunday(events):
    e = _find(events, "CONSULT", {"USA"}, {"RUS"})
    assert e["date"] == "2014-12-14" and e["date_precision"] == "day"
    assert e["location"]["name"] == "Rome" and e["location"]["country"] == "ITA"
    assert e["location"]["lat"] == pytest.approx(41.9, abs=0.1) and e["location"]["lon"] == pytest.approx(12.5, abs=0.1)


def test_fourteen_attacks_on_sunday_in_ukraine(events):
    e = _find(events, "ASSAULT", recipients={"UKR"}, evidence="14 attacks")
    assert e["quantities"]["killed"] == 0
    assert e["date"] == "2014-12-14"
    assert e["location"]["country"] == "UKR"


def test_conscription_announced_on_friday(events):
    e = _find(events, "MOBILIZE", {"UKR"})
    assert e["date"] == "2014-12-12"


def test_leaders_visit_kyiv_on_thursday(events):
    e = _find(events, "CONSULT", {"FRA", "DEU", "ITA"}, {"UKR"})
    assert e["date"] == "2022-06-16"
    assert e["location"]["name"] in ("Kyiv", "Kiev") and e["location"]["country"] == "UKR"
    assert e["location"]["lat"] == pytest.approx(50.45, abs=0.05) and e["location"]["lon"] == pytest.approx(30.52, abs=0.05)


def test_no_event_date_is_copied_from_publication(events):
    # "The talks between the two men went on for more than three hours" states no date of its own;
    # every dated event carries a date its sentence states.
    for e in events:
        if e["date"] is not None:
            assert e["date_stated"], e
