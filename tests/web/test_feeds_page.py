"""The feeds page and its JSON twin: admins only, CSRF on every write; the overview says how fresh the data is."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from tests.web.conftest import page_csrf, sign_in, sign_in_form


def test_only_admins_see_the_feeds(client, users):
    assert client.get("/admin/feeds", follow_redirects=False).headers["location"] == "/login?next=/admin/feeds"
    assert client.get("/api/v1/feeds").status_code == 401
    sign_in_form(client, "reviewer1")
    assert client.get("/admin/feeds").status_code == 403
    assert client.get("/api/v1/feeds").status_code == 403


def test_admin_adds_pauses_and_removes_a_feed_on_the_page(client, users, store):
    sign_in_form(client, "admin1")
    html = client.get("/admin/feeds").text
    assert "No feeds yet" in html and 'href="/api/v1/feeds"' in html
    token = page_csrf(html)
    r = client.post("/admin/feeds", data={"url": "https://wire.example/rss", "title": "Wire <b>", "csrf_token": token},
                    follow_redirects=False)
    assert r.status_code == 303
    feed = store.list_feeds()[0]
    assert (feed["url"], feed["title"], feed["added_by"], feed["paused"]) == ("https://wire.example/rss", "Wire <b>", "admin1", False)
    html = client.get("/admin/feeds").text
    assert "Wire &lt;b&gt;" in html and "Wire <b>" not in html and ">new<" in html
    client.post(f"/admin/feeds/{feed['id']}/paused", data={"paused": "true", "csrf_token": token})
    assert store.get_feed(feed["id"])["paused"] is True and ">paused<" in client.get("/admin/feeds").text
    bad = client.post("/admin/feeds", data={"url": "javascript:alert(1)", "csrf_token": token})
    assert bad.status_code == 422 and "http:// or https://" in bad.text
    again = client.post("/admin/feeds", data={"url": "https://wire.example/rss", "csrf_token": token})
    assert again.status_code == 422 and "already subscribed" in again.text
    assert client.post("/admin/feeds/999/remove", data={"csrf_token": token}).status_code == 404
    client.post(f"/admin/feeds/{feed['id']}/remove", data={"csrf_token": token})
    assert store.list_feeds() == []


def test_page_writes_need_the_csrf_token_and_the_role(client, users, store):
    store.add_feeds([("https://wire.example/rss", None)])
    feed_id = store.list_feeds()[0]["id"]
    sign_in_form(client, "admin1")
    assert client.post("/admin/feeds", data={"url": "https://other.example/rss"}).status_code == 403
    assert client.post(f"/admin/feeds/{feed_id}/remove", data={"csrf_token": "0" * 64}).status_code == 403
    assert len(store.list_feeds()) == 1
    client.post("/logout", data={"csrf_token": page_csrf(client.get("/admin/feeds").text)})
    client.cookies.clear()
    sign_in_form(client, "member1")
    token = page_csrf(client.get("/").text)
    assert client.post(f"/admin/feeds/{feed_id}/remove", data={"csrf_token": token}).status_code == 403
    assert len(store.list_feeds()) == 1


def test_feeds_api(client, users, store):
    csrf = sign_in(client, "admin1")
    assert client.post("/api/v1/feeds", json={"url": "https://wire.example/rss"}).status_code == 403  # no CSRF header
    r = client.post("/api/v1/feeds", json={"url": "https://wire.example/rss", "title": "Wire"},
                    headers={"X-CSRF-Token": csrf})
    assert r.status_code == 201 and r.json()["state"] == "new" and r.json()["entries"]["stored"] == 0
    feed_id = r.json()["id"]
    assert client.post("/api/v1/feeds", json={"url": "ftp://x"}, headers={"X-CSRF-Token": csrf}).status_code == 422
    assert client.post(f"/api/v1/feeds/{feed_id}/paused", json={"paused": True},
                       headers={"X-CSRF-Token": csrf}).status_code == 204
    body = client.get("/api/v1/feeds").json()
    assert body["feeds"][0]["state"] == "paused" and body["freshness"]["feeds"] == 1
    assert client.delete("/api/v1/feeds/12345", headers={"X-CSRF-Token": csrf}).status_code == 404
    assert client.delete(f"/api/v1/feeds/{feed_id}", headers={"X-CSRF-Token": csrf}).status_code == 204
    assert client.get("/api/v1/feeds").json()["feeds"] == []


def test_overview_says_how_fresh_the_data_is(client, store, ids):
    fresh = client.get("/api/v1/overview").json()["freshness"]
    assert fresh["age_seconds"] is not None and fresh["age_seconds"] < 3600 and fresh["feeds"] == 0
    assert "Newest article stored" in client.get("/").text
    now = datetime.now(timezone.utc)
    store.add_feeds([("https://wire.example/rss", None)])
    feed_id = store.list_feeds()[0]["id"]
    store.record_feed_poll(feed_id, fields={"last_status": "HTTP 500", "consecutive_failures": 1,
                                            "last_polled_at": now, "next_poll_at": now + timedelta(hours=1)})
    assert "1 feed watched, 1 failing" in client.get("/").text
