"""The store's browsing queries against a plain Python reading of the same events."""
from __future__ import annotations

import pytest

from eventwire import members
from eventwire.store import open_store
from eventwire.store.event_counts import week_start
from eventwire.store.filters import SORTS, CursorError, EventFilter, encode_cursor
from tests.pg import pg_server, pg_url  # noqa: F401  (fixtures)
from tests.store.factories import make_batch


@pytest.fixture
def filled(tmp_path):
    with open_store(tmp_path / "q.db") as store:
        store.save(make_batch(0, 30))
        yield store, list(store.iter_events())


def _matches(e: dict, f: EventFilter) -> bool:
    actors = {a["country"] for a in e["actors"]}
    recipients = {r["country"] for r in e["recipients"]}
    actor_sectors = {x["sector"] for x in e["actors"]}
    recipient_sectors = {x["sector"] for x in e["recipients"]}
    return ((not f.types or e["event_type"] in f.types)
            and (not f.country or f.country in actors | recipients)
            and (not f.actor_country or f.actor_country in actors)
            and (not f.recipient_country or f.recipient_country in recipients)
            and (not f.sector or f.sector in actor_sectors | recipient_sectors)
            and (not f.actor_sector or f.actor_sector in actor_sectors)
            and (not f.recipient_sector or f.recipient_sector in recipient_sectors)
            and (not f.factuality or e["factuality"] in f.factuality)
            and (not f.date_from or (e["date"] is not None and e["date"] >= f.date_from))
            and (not f.place or (e["location"] or {}).get("name", "").lower() == f.place.lower()))


FILTERS = [EventFilter(), EventFilter(types=("ASSAULT", "AGREE")), EventFilter(country="USA"),
           EventFilter(actor_country="IGO"), EventFilter(sector="REB"), EventFilter(factuality=("negated",)),
           EventFilter(date_from="2024-03"), EventFilter(place="são paulo"),
           EventFilter(types=("PROTEST",), country="BRA", sector="CVL"),
           # event_sides: each side alone, both sides, a side with types, a side's country and sector
           EventFilter(recipient_country="USA"), EventFilter(actor_country="FRA", recipient_country="USA"),
           EventFilter(actor_sector="MIL"), EventFilter(recipient_sector="GOV", types=("PROTEST", "CONSULT")),
           EventFilter(country="IGO", actor_sector="REB"), EventFilter(actor_country="KEN", actor_sector="CVL"),
           EventFilter(country="USA", sector="GOV", types=("AGREE",), factuality=("asserted",)),
           EventFilter(country="XXX"), EventFilter(sector="MIL", date_from="2024-03", place="São Paulo")]


@pytest.mark.parametrize("drive_below", [0, 10**9], ids=["walk", "drive"])
@pytest.mark.parametrize("f", FILTERS, ids=lambda f: str(f.as_params()))
def test_counts_and_pages_agree_with_python(filled, f, drive_below, monkeypatch):
    """Both plans for side filters (start from event_sides, or walk the events and probe) give the same."""
    import eventwire.store.queries as queries

    monkeypatch.setattr(queries, "DRIVE_BELOW", drive_below)
    store, everything = filled
    expected = {e["id"] for e in everything if _matches(e, f)}
    assert store.count_events(filters=f) == len(expected)
    assert store.count_events(filters=f, cap=3) == min(3, len(expected))
    for sort in SORTS:
        seen, cursor = [], None
        while True:
            page = store.event_page(filters=f, sort=sort, limit=7, cursor=cursor)
            seen += [e["id"] for e in page.items]
            cursor = page.next_cursor
            if cursor is None:
                break
        assert len(seen) == len(set(seen)) and set(seen) == expected, sort
    assert sum(store.counts_by_type(filters=f).values()) == len(expected)


def test_sort_order_puts_nulls_lowest(filled):
    store, everything = filled
    dates = [e["date"] for e in store.event_page(sort="-date", limit=500).items]
    known = [d for d in dates if d is not None]
    assert known == sorted(known, reverse=True) and dates[len(known):] == [None] * (len(dates) - len(known))
    assert any(d is None for d in dates)


def test_rejected_left_out_when_asked(filled):
    store, everything = filled
    reviewer = members.add_user(store, username="rev", password="correct horse battery", role="reviewer")
    members.review_event(store, event_id=everything[0]["id"], user=reviewer, action="reject", reason="no")
    assert store.count_events(filters=EventFilter(include_rejected=False)) == len(everything) - 1
    assert store.count_events() == len(everything)
    assert store.count_events(filters=EventFilter(review=("rejected",))) == 1


def test_cursors_are_checked(filled):
    store, _ = filled
    with pytest.raises(CursorError):
        store.event_page(cursor="garbage!")
    with pytest.raises(CursorError):
        store.event_page(sort="date", cursor=encode_cursor("-date", "2024", "x"))
    with pytest.raises(ValueError):
        store.event_page(sort="size")


def test_week_start():
    assert week_start("2024-03-10") == "2024-03-04" and week_start("2024-03-04") == "2024-03-04"
    assert week_start("2024-03") is None


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=[pytest.mark.postgres, pytest.mark.slow])])
def actors_store(request, tmp_path):
    from tests.web.factories import actors_article

    url = f"sqlite:///{tmp_path / 'a.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    with open_store(url) as store:
        store.save([actors_article()], coder_version="test")
        yield store


def test_period_of_keeps_coarse_dates_in_their_own_bucket():
    from eventwire.store.event_counts import period_of

    assert period_of("2024-03-10", "week") == ("2024-03-04", "week")
    assert period_of("2024-03-10", "day") == ("2024-03-10", "day")
    assert period_of("2024-03-10", "month") == ("2024-03", "month")
    assert period_of("2024-03", "week") == ("2024-03", "month") == period_of("2024-03", "day")
    assert period_of("2024", "week") == ("2024", "year") == period_of("2024-03-10", "year")
    assert period_of(None, "week") is None and period_of("soon", "week") is None


def test_the_timeline_counts_month_and_year_dates_in_their_own_buckets(actors_store):
    def rows(interval):
        return {(r["period"], r["precision"], r["event_type"]): r["count"]
                for r in actors_store.counts_over_time(interval=interval)}

    assert rows("week") == {("2024-03-04", "week", "THREATEN"): 1, ("2024-03-11", "week", "CONSULT"): 1,
                            ("2024-03-11", "week", "COERCE"): 1, ("2024-03", "month", "AID"): 1,
                            ("2024", "year", "SANCTION"): 1}
    assert rows("month") == {("2024-03", "month", "THREATEN"): 1, ("2024-03", "month", "CONSULT"): 1,
                             ("2024-03", "month", "COERCE"): 1, ("2024-03", "month", "AID"): 1,
                             ("2024", "year", "SANCTION"): 1}
    assert sum(rows("year").values()) == 5 and {k[:2] for k in rows("year")} == {("2024", "year")}


def test_the_network_has_a_node_per_organisation_and_on_request_per_person(actors_store):
    edges = {(e["source"], e["target"]): e["by_type"] for e in actors_store.network_edges()}
    assert edges == {("org:IGO:NATO", "RUS"): {"THREATEN": 1}, ("org:UNO:United Nations", "MLI"): {"AID": 1},
                     ("org:EUR:European Union", "RUS"): {"SANCTION": 1}, ("USA", "RUS"): {"CONSULT": 1},
                     ("KEN", "KEN"): {"COERCE": 1}}
    with_people = {(e["source"], e["target"]) for e in actors_store.network_edges(people=True)}
    assert ("person:USA:John Kerry", "RUS") in with_people and ("USA", "RUS") not in with_people
    from eventwire.store.event_counts import parse_node

    assert parse_node("org:IGO:NATO") == {"kind": "organisation", "code": "IGO", "name": "NATO"}
    assert parse_node("KEN") == {"kind": "country", "code": "KEN", "name": None}


def test_map_points_say_how_precise_the_place_is(actors_store):
    points = {p["name"]: p for p in actors_store.map_points()}
    assert points["Mali"]["precision"] == "country" and points["Kidal"]["precision"] == "city"
    assert points["Mali"]["by_type"] == {"AID": 1}
