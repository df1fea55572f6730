import pytest

from eventwire.eval.sample import (
    attribute_checks, event_matches, expected_events, fallback_split, keyword_in, score_sample,
)
from eventwire.schema import Place, EVENT_TYPES
from tests.eval.fakes import make_event

EXPECTED = expected_events()
ENTRIES = EXPECTED["expected"] + EXPECTED["also_acceptable"]


def event_for(entry: dict, *, keyword: str | None = None, drop_country: bool = False, event_type=None):
    actors = list(entry.get("actors", [])) + list(entry.get("either", []))
    recipients = list(entry.get("recipients", []))
    if drop_country:
        (actors if actors else recipients).pop()
    keyword = keyword if keyword is not None else entry["keywords"][0]
    return make_event(event_type or (entry.get("types") or [entry["type"]])[0], actors=actors,
                      recipients=recipients, sentence=f"Officials say {keyword} today.")


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e["id"])
def test_every_entry_matches_an_event_built_from_it(entry):
    assert event_matches(entry, event_for(entry), story=entry.get("story"))
    for keyword in entry["keywords"]:
        assert event_matches(entry, event_for(entry, keyword=keyword.upper()), story=entry.get("story"))


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e["id"])
def test_every_entry_rejects_wrong_type_and_missing_keyword(entry):
    types = entry.get("types") or [entry["type"]]
    other = next(t for t in EVENT_TYPES if t not in types)
    assert not event_matches(entry, event_for(entry, event_type=other))
    assert not event_matches(entry, event_for(entry, keyword="nothing"))
    if "story" in entry:
        assert not event_matches(entry, event_for(entry), story=entry["story"] + 1)


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.get("actors") or e.get("recipients") or e.get("either")],
                         ids=lambda e: e["id"])
def test_every_required_country_is_required(entry):
    assert not event_matches(entry, event_for(entry, drop_country=True))


@pytest.mark.parametrize("entry", [e for e in EXPECTED["expected"] if e.get("check")], ids=lambda e: e["id"])
def test_every_attribute_check_compares_what_it_names(entry):
    wanted = entry["check"]
    right = make_event(entry["type"], factuality=wanted.get("factuality", "asserted"),
                       quantities={k: v for k, v in wanted.items() if k not in ("factuality", "money", "date", "place")}
                       | ({"money": [{"amount": wanted["money"], "currency": "USD", "text": "x"}]}
                          if "money" in wanted else {}))
    right.date = wanted.get("date")
    if "place" in wanted:
        lat, lon = wanted["place"].get("near", (None, None))
        right.location = Place(name=wanted["place"].get("name", "somewhere"), country=wanted["place"]["country"],
                               lat=lat, lon=lon)
    assert all(attribute_checks(entry, right).values())
    assert not any(attribute_checks(entry, make_event(entry["type"], factuality="negated")).values())


def test_expected_entries_have_unique_ids_and_known_types():
    ids = [e["id"] for e in ENTRIES]
    assert len(ids) == len(set(ids))
    assert all(t in EVENT_TYPES for e in ENTRIES for t in (e.get("types") or [e["type"]]))
    assert all(e["story"] < len(EXPECTED["stories"]) for e in EXPECTED["expected"])


def test_keyword_must_start_a_word():
    assert keyword_in(["met"], "They met on Sunday.")
    assert keyword_in(["kyiv"], "in Kyiv's centre")
    assert not keyword_in(["met"], "a helmet")


def test_fallback_split_example():
    split = EXPECTED["fallback_split"]
    stories = fallback_split(split["example"], pattern=split["pattern"])
    assert len(stories) == split["expected_stories"]
    assert stories[0].endswith("story.") and stories[1] == "Next headline"


def test_score_sample_recall_and_false_events():
    first = EXPECTED["expected"][0]
    events = [[event_for(first), event_for(first),  # found twice: still one expected event
               make_event("RETREAT", sentence="Nothing expected here.")], []]
    r = score_sample(events)
    assert r["found"] == [first["id"]] and len(r["missed"]) == len(EXPECTED["expected"]) - 1
    assert r["recall"] == pytest.approx(1 / len(EXPECTED["expected"]))
    assert r["false_event_rate"] == pytest.approx(1 / 3) and r["predicted"] == 3


def test_score_sample_reports_attribute_agreement():
    entry = next(e for e in EXPECTED["expected"] if "killed" in e.get("check", {}))
    good = event_for(entry)
    good.quantities["killed"] = entry["check"]["killed"]
    events = [[], []]
    events[entry["story"]] = [good]
    r = score_sample(events)
    assert r["attributes"][entry["id"]]["killed"] is True and r["attribute_accuracy"] == 1.0
    assert r["where_when_accuracy"] == 0.0  # the hand-built event has neither date nor place


def test_place_matches_country_name_and_coordinates():
    from eventwire.eval.sample import place_matches

    rome = Place(name="Rome", country="ITA", lat=41.89, lon=12.51, precision="city")
    assert place_matches({"country": "ITA"}, rome)
    assert place_matches({"name": "Rome", "country": "ITA", "near": [41.9, 12.5]}, rome)
    assert not place_matches({"name": "Rome", "country": "USA"}, rome)
    assert not place_matches({"name": "Rome", "country": "ITA", "near": [34.26, -85.16]}, rome)
    assert not place_matches({"country": "ITA"}, None)
