"""Slow queries take a slot of a small pool (eventwire/web/pool.py): they cannot starve other requests."""
from __future__ import annotations

import threading
import time

import pytest
from fastapi.testclient import TestClient

from eventwire.web import create_app
from eventwire.web.settings import WebSettings
from tests.web.factories import fill


@pytest.fixture
def make_app(tmp_path):
    made = []

    def make(wait_s: float):
        app = create_app(settings=WebSettings(db=f"sqlite:///{tmp_path / 'pool.db'}", secret="s", queries_at_once=1,
                                              query_wait_s=wait_s, per_client_at_once=3))
        fill(app.state.store)
        made.append(app)
        return app

    yield make
    for app in made:
        app.state.store.close()


def test_queries_wait_for_a_slot_and_others_do_not(make_app):
    app = make_app(0.3)
    slots = app.state.query_slots
    with TestClient(app, base_url="http://127.0.0.1") as client:
        event_id = client.get("/api/v1/events?limit=1").json()["items"][0]["id"]
        assert slots.acquire(blocking=False)  # a slow query holds the only slot
        try:
            t0 = time.monotonic()
            r = client.get("/api/v1/events?type=ASSAULT")
            assert r.status_code == 503 and r.headers["retry-after"] == "1"
            assert r.headers["x-content-type-options"] == "nosniff"
            assert time.monotonic() - t0 >= 0.3  # it waited for a slot first
            for path in (f"/api/v1/events/{event_id}", "/api/v1/actors", "/api/v1/me", f"/events/{event_id}"):
                # not a query: never waits. The only slot stays held here, so a request that queued for it could
                # only end in 503; a 200 shows it never queued (a time bound failed on a busy machine: a page's
                # first render took 0.58 s)
                assert client.get(path).status_code == 200, path
            threading.Timer(0.1, slots.release).start()  # the slow one ends while this one waits
            assert client.get("/api/v1/events?type=ASSAULT").status_code == 200
        finally:
            slots.acquire(blocking=False)
            slots.release()
        assert client.get("/api/v1/events?type=ASSAULT").status_code == 200


def test_one_client_cannot_hold_more_than_its_share(make_app):
    app = make_app(5.0)
    slots = app.state.query_slots
    with TestClient(app, base_url="http://127.0.0.1") as client:
        assert slots.acquire(blocking=False)
        codes: list[int] = []
        waiting = [threading.Thread(target=lambda: codes.append(client.get("/api/v1/events?type=AID").status_code))
                   for _ in range(3)]
        for t in waiting:
            t.start()
        time.sleep(0.2)  # three queries of this client in progress, waiting for the slot
        r = client.get("/api/v1/me")
        assert r.status_code == 429 and r.headers["retry-after"] == "1"
        slots.release()
        for t in waiting:
            t.join(10)
        assert codes == [200, 200, 200]  # each got the slot in turn
        assert client.get("/api/v1/me").status_code == 200
