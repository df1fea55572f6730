"""Exports are for members, streamed, limited per user and server-wide (issue 12); the rate limiter forgets
idle clients; every route refuses a big body before it reads the session."""
from __future__ import annotations

import io

import pytest

from eventwire import exporter
from eventwire.web.security import RateLimiter
from tests.web.conftest import sign_in


def test_exports_need_a_signed_in_member(client, ids, users):
    assert client.get("/api/v1/export/events?format=csv").status_code == 401
    assert "Download all events" not in client.get("/events").text
    sign_in(client, "reader1")
    assert client.get("/api/v1/export/events?format=csv").status_code == 403
    assert "Download all events" not in client.get("/events").text
    sign_in(client, "member1")
    assert "Download all events" in client.get("/events").text
    r = client.get("/api/v1/export/events?format=csv")
    assert r.status_code == 200 and r.headers["content-disposition"].endswith('eventwire-events.csv"')


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_streamed_export_is_the_same_bytes_as_the_cli_export(client, store, ids, users, fmt):
    sign_in(client, "member1")
    out = io.StringIO()
    exporter.export(db=store, table="articles", format=fmt, stream=out, include_rejected=False)
    assert client.get(f"/api/v1/export/articles?format={fmt}").content == out.getvalue().encode("utf-8")
    chunks = list(exporter.export_stream(db=store, table="events", format=fmt, chunk_rows=1))
    assert len(chunks) >= 4  # one chunk per record: the response starts before the store is read through


def test_exports_are_limited_per_user_and_server_wide(app, client, ids, users):
    sign_in(client, "member1")
    for _ in range(app.state.settings.exports_per_window):
        assert client.get("/api/v1/export/events").status_code == 200
    r = client.get("/api/v1/export/events")
    assert r.status_code == 429 and "Retry-After" in r.headers
    sign_in(client, "reviewer1")  # another user has their own allowance ...
    slots = app.state.export_slots
    held = [slots.acquire(blocking=False) for _ in range(app.state.settings.exports_at_once)]
    try:  # ... but not while every export slot is busy
        assert all(held) and client.get("/api/v1/export/events").status_code == 503
    finally:
        for _ in held:
            slots.release()
    assert client.get("/api/v1/export/events").status_code == 200  # the finished exports gave their slots back


def test_the_rate_limiter_forgets_idle_clients():
    limiter = RateLimiter(2, window=60)
    for i in range(20_000):
        assert limiter.allow(f"10.0.{i // 256}.{i % 256}", now=0.0)
    assert len(limiter) == 20_000
    assert limiter.allow("10.9.9.9", now=30.0) and len(limiter) == 20_001  # nobody idle for a whole window yet
    assert limiter.allow("10.9.9.9", now=61.0)
    assert len(limiter) == 1  # the 20,000 idle addresses are gone
    assert not limiter.allow("10.9.9.9", now=61.5)  # while the busy one is still limited


def test_a_big_body_is_refused_before_the_session_is_read(client, ids):
    event = next(iter(ids.values()))[0]
    r = client.post(f"/api/v1/events/{event}/comments", content=b"x" * (2 * 1024 * 1024),
                    headers={"Content-Type": "application/json"})
    assert r.status_code == 413  # not 401: nothing was parsed or looked up


def test_a_code_without_a_country_shows_no_stray_dot(client, store):
    from eventwire.schema import Article, Entity, Event, Evidence, article_id

    text = "Rebels attacked a convoy near the border."
    article = Article(id=article_id(text), text=text, title="Convoy", published="2024-03-05", format="text")
    event = Event(article_id=article.id, event_type="ASSAULT", evidence=Evidence(sentence=text, start=0, end=len(text)),
                  actors=[Entity(text="Rebels", name="Rebels", country=None, sector="REB")], recipients=[],
                  date="2024-03-05", date_precision="day", confidence=0.7, trigger="attacked")
    store.save([(article, [event])])
    html = client.get("/events").text
    assert "<small title=\"Rebels\">REB</small>" in html and "·REB" not in html
