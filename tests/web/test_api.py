"""The JSON API over hand-built events: lists, filters, cursors, details, summaries, exports, OpenAPI."""
from __future__ import annotations

import csv
import io
import json

import pytest

from eventwire import members
from eventwire.web.pages import TWINS
from tests.store.factories import make_article
from tests.web.factories import plain_article, xss_article


def _types(r) -> list[str]:
    return sorted(e["event_type"] for e in r.json()["items"])


def test_event_list_has_every_unmerged_event_newest_first(client, ids):
    r = client.get("/api/v1/events")
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 4 and len(body["items"]) == 4 and body["next_cursor"] is None
    dates = [e["date"] or "" for e in body["items"]]
    assert dates == sorted(dates, reverse=True)
    assert all(e["review_status"] == "unreviewed" for e in body["items"])


@pytest.mark.parametrize("query, expected", [
    ("type=CONSULT", ["CONSULT"]),
    ("type=CONSULT&type=COERCE", ["COERCE", "CONSULT"]),
    ("country=fra", ["CONSULT"]),
    ("actor_country=KEN", ["COERCE", "PROTEST"]),
    ("recipient_country=KEN", ["COERCE", "CONSULT"]),
    ("sector=COP", ["COERCE"]),
    ("actor_sector=CVL", ["PROTEST"]),
    ("recipient_sector=CVL", ["ASSAULT", "COERCE"]),
    ("actor=Kenyan%20Police", ["COERCE"]),
    ("q=parliament", ["COERCE"]),
    ("q=GOMA", ["ASSAULT"]),
    ("q=100%25", []),
    ("date_from=2024-03-05", ["ASSAULT"]),
    ("date_to=2024-02", ["PROTEST"]),
    ("date_from=2024-03&date_to=2024-03-04", ["COERCE", "CONSULT"]),
    ("place=nairobi", ["COERCE", "CONSULT"]),
    ("factuality=asserted&type=PROTEST", ["PROTEST"]),
    ("factuality=negated", []),
    ("review=unreviewed&type=ASSAULT", ["ASSAULT"]),
    ("review=confirmed", []),
    ("min_confidence=0.75", ["COERCE", "CONSULT"]),
    ("min_confidence=0.7&type=ASSAULT", ["ASSAULT"]),
    ("country=&sector=&q=", ["ASSAULT", "COERCE", "CONSULT", "PROTEST"]),  # empty form fields mean "any"
])
def test_filters(client, ids, query, expected):
    r = client.get(f"/api/v1/events?{query}")
    assert r.status_code == 200, r.text
    assert _types(r) == expected
    assert r.json()["total"] == len(expected)


@pytest.mark.parametrize("query", ["type=BOMB", "country=USAA", "date_from=March", "sort=wat", "limit=0",
                                   "limit=501", "factuality=maybe", "review=pending",
                                   "min_confidence=1.5", "min_confidence=-0.1", "min_confidence=high"])
def test_bad_parameters_are_422(client, ids, query):
    assert client.get(f"/api/v1/events?{query}").status_code == 422


@pytest.mark.parametrize("sort", ["-date", "date", "confidence", "-confidence", "type", "-type", "killed", "-killed"])
def test_cursor_pages_cover_every_event_once(client, ids, sort):
    seen, cursor = [], None
    for _ in range(10):
        r = client.get("/api/v1/events", params={"sort": sort, "limit": 1, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200
        seen += [e["id"] for e in r.json()["items"]]
        cursor = r.json()["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(i for evs in ids.values() for i in evs)


def test_bad_or_foreign_cursor_is_400(client, ids):
    assert client.get("/api/v1/events?cursor=not-a-cursor").status_code == 400
    cursor = client.get("/api/v1/events?limit=1&sort=date").json()["next_cursor"]
    assert client.get(f"/api/v1/events?cursor={cursor}&sort=-confidence").status_code == 400


def test_rejected_events_are_left_out_unless_asked(client, store, ids, users):
    event_id = ids[plain_article()[0].id][2]
    members.review_event(store, event_id=event_id, user=users["reviewer"], action="reject", reason="not an event")
    assert event_id not in [e["id"] for e in client.get("/api/v1/events").json()["items"]]
    listed = client.get("/api/v1/events?include_rejected=true").json()["items"]
    assert [e["review_status"] for e in listed if e["id"] == event_id] == ["rejected"]
    assert [e["id"] for e in client.get("/api/v1/events?review=rejected").json()["items"]] == [event_id]


def test_one_event_has_evidence_article_history_and_comments(client, store, ids, users):
    article, events = plain_article()
    event_id = ids[article.id][1]
    members.add_comment(store, event_id=event_id, user=users["member"], body="Twelve, says another report.")
    r = client.get(f"/api/v1/events/{event_id}")
    assert r.status_code == 200
    e = r.json()
    assert article.text[e["evidence"]["start"]:e["evidence"]["end"]] == e["evidence"]["sentence"]
    assert e["article"]["title"] == article.title
    assert [h["action"] for h in e["history"]] == ["machine"]
    assert [c["body"] for c in e["comments"]] == ["Twelve, says another report."]
    assert e["quantities"]["arrested"] == 12
    assert client.get("/api/v1/events/nope").status_code == 404


def test_article_with_its_events(client, ids):
    article, events = plain_article()
    r = client.get(f"/api/v1/articles/{article.id}")
    assert r.status_code == 200
    body = r.json()
    assert body["text"] == article.text
    assert [e["id"] for e in body["events"]] == ids[article.id]  # in text order
    listed = client.get("/api/v1/articles").json()["items"]
    assert {a["id"]: a["n_events"] for a in listed} == {article.id: 3, xss_article()[0].id: 1}
    assert client.get("/api/v1/articles/none").status_code == 404


def test_summaries(client, ids):
    overview = client.get("/api/v1/overview").json()
    assert overview["events"] == 4 and overview["articles"] == 2
    assert sum(overview["by_type"].values()) == 4
    weeks = client.get("/api/v1/counts/time?interval=week").json()
    assert {(w["period"], w["precision"], w["event_type"]) for w in weeks} == {
        ("2024-03-04", "week", "CONSULT"), ("2024-03-04", "week", "COERCE"),
        ("2024-03-04", "week", "ASSAULT"),  # 03-10 is a Sunday
        ("2024-02", "month", "PROTEST")}  # known to the month: its month, not dropped
    months = client.get("/api/v1/counts/time?interval=month").json()
    assert sum(m["count"] for m in months if m["period"] == "2024-02") == 1
    actors = client.get("/api/v1/actors?limit=100").json()
    protesters = [a for a in actors if a["name"] == "protesters"]
    assert protesters == [{"name": "protesters", "country": "KEN", "sector": "CVL", "as_actor": 1, "as_recipient": 1,
                           "events": 2}]
    places = client.get("/api/v1/places").json()
    assert places[0]["name"] == "Nairobi" and places[0]["count"] == 2
    points = client.get("/api/v1/map").json()
    assert {p["name"]: p["by_type"] for p in points}["Nairobi"] == {"CONSULT": 1, "COERCE": 1}
    net = client.get("/api/v1/network").json()
    edges = {(e["source"], e["target"]): e for e in net["edges"]}
    assert edges[("FRA", "KEN")]["tone"] == "cooperation" and edges[("KEN", "KEN")]["tone"] == "conflict"
    assert {n["id"]: n["label"] for n in net["nodes"]}["FRA"] == "France"
    assert {n["id"]: n["title"] for n in net["nodes"]}["FRA"] == "France (FRA)"
    assert client.get("/api/v1/network?people=true").status_code == 200
    # a chart form's "all types" sends type= : the same as no type, not a 422
    assert client.get("/api/v1/network?type=&people=true").json() == client.get("/api/v1/network?people=true").json()


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_exports_in_every_format(client, store, ids, users, fmt):
    from tests.web.conftest import sign_in

    sign_in(client, "member1")
    rejected = ids[plain_article()[0].id][0]
    members.review_event(store, event_id=rejected, user=users["reviewer"], action="reject", reason="wrong")
    for include, expected in ((False, 3), (True, 4)):
        r = client.get(f"/api/v1/export/events?format={fmt}&include_rejected={str(include).lower()}")
        assert r.status_code == 200
        if fmt == "jsonl":
            rows = [json.loads(line) for line in r.text.splitlines()]
            assert {row["id"]: (row["review"] or {}).get("status") for row in rows}.get(rejected) == (
                "rejected" if include else None)
        elif fmt == "csv":
            rows = list(csv.DictReader(io.StringIO(r.text)))
        else:
            import pyarrow.parquet as pq

            rows = pq.read_table(io.BytesIO(r.content)).to_pylist()
        assert len(rows) == expected


def test_openapi_documents_every_api_route_and_leaks_nothing(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = set(schema["paths"])
    for twin in set(TWINS.values()):
        assert twin in paths
    text = json.dumps(schema)
    for secret in ("password_hash", "token_hash", "code_hash", "session_token"):
        assert secret not in text
    assert not any(p.startswith("/events") or p == "/" for p in paths), "pages are not part of the API schema"


def test_every_page_has_a_json_twin(client, ids, users):
    from tests.web.conftest import sign_in_form

    sign_in_form(client, "admin1")
    article_id = plain_article()[0].id
    event_id = ids[article_id][0]
    for page, twin in TWINS.items():
        page = page.format(event_id=event_id, article_id=article_id)
        twin = twin.format(event_id=event_id, article_id=article_id)
        assert client.get(page).headers["content-type"].startswith("text/html"), page
        r = client.get(twin)
        assert r.status_code == 200 and r.headers["content-type"] == "application/json", twin
        if page not in ("/login", "/signup"):
            assert f'href="{twin}' in client.get(page).text.replace("&amp;", "&"), f"{page} does not link its twin"


def test_users_never_show_secrets(client, users):
    from tests.web.conftest import sign_in

    csrf = sign_in(client, "admin1")
    body = client.get("/api/v1/users").text
    assert "argon2" not in body and "password" not in body
    assert csrf not in body


def test_an_empty_confidence_field_from_the_events_form_means_any(client, ids):
    """The events page's form always sends min_confidence, empty unless filled in."""
    every = client.get("/api/v1/events").json()["items"]
    for path in ("/api/v1/events?min_confidence=", "/events?q=&min_confidence=&sort=-date"):
        answer = client.get(path)
        assert answer.status_code == 200, (path, answer.text[:200])
    assert len(client.get("/api/v1/events?min_confidence=").json()["items"]) == len(every)
    for bad in ("2", "-0.1", "nan", "high"):
        assert client.get(f"/api/v1/events?min_confidence={bad}").status_code == 422


def test_the_overview_is_encoded_once_per_change_and_says_what_the_model_says(client, store, ids):
    """/api/v1/overview's body is kept encoded while the store is unchanged (issue 12: it validated and
    encoded ~2,600 weekly rows on every request); it equals the Overview model's encoding of the data,
    freshness (recomputed each time) included, and a write changes it."""
    from eventwire.store.filters import EventFilter
    from eventwire.web.models import Overview
    from eventwire.web.views import overview_dict

    web_default = EventFilter(include_rejected=False)
    first = client.get("/api/v1/overview")
    assert first.headers["content-type"] == "application/json"
    want = Overview.model_validate(overview_dict(store, filters=web_default)).model_dump(mode="json")
    assert first.json() == want and list(first.json()) == list(want)
    assert len(first.json()["latest"]) == 4 and first.json()["freshness"]["age"]
    computed = []
    original = store.event_page
    store.event_page = lambda **kw: computed.append(kw) or original(**kw)
    try:
        assert client.get("/api/v1/overview").json()["events"] == 4
        assert computed == []  # from memory: neither encoded nor paged again
        store.save([(make_article(99), [])])  # a write: the next answer is recomputed
        assert client.get("/api/v1/overview").json()["articles"] == 3 and len(computed) == 1
    finally:
        store.event_page = original


def test_a_lists_total_and_plan_are_kept_until_the_store_changes(client, store, ids):
    """The list's total and the counts that choose its plan are asked once per change of the store (issue 12:
    each request counted again); a write makes the next answer count afresh."""
    import sqlalchemy as sa

    url = "/api/v1/events?limit=1&country=KEN"
    first = client.get(url).json()
    assert first["total"] == 3 and first["next_cursor"]
    sent: list[str] = []

    def record(conn, cursor, statement, *args):
        sent.append(statement)

    sa.event.listen(store._engine, "before_cursor_execute", record)
    try:
        again = client.get(url).json()
        assert again["total"] == first["total"] and again["items"] == first["items"]
        assert not [s for s in sent if "count(" in s.lower() or "summary_" in s]
        article, events = plain_article()
        members.review_event(store, event_id=ids[article.id][1], user=members.add_user(
            store, username="rev", password="amber-kestrel-orbit-71", role="reviewer"), action="reject", reason="no")
        sent.clear()
        after = client.get(url).json()
        assert after["total"] == first["total"] - 1 and [s for s in sent if "count(" in s.lower() or "summary_" in s]
    finally:
        sa.event.remove(store._engine, "before_cursor_execute", record)
