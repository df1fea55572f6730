"""Accounts in public (issue 12): no lockout as a weapon, proxies, sign-up that tells nothing, strong passwords,
sessions rotated on sign-in, nothing signed-in cached."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient

from eventwire import members
from eventwire.web import create_app
from eventwire.web.security import SESSION_COOKIE
from eventwire.web.settings import WebSettings
from tests.web.conftest import page_csrf, sign_in
from tests.web.factories import PASSWORD

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)


def test_failures_from_one_address_do_not_lock_the_name_for_others(store, users):
    for k in range(members.MAX_FAILURES_PER_USERNAME + 3):  # an attacker keeps failing on admin1
        with pytest.raises(members.AuthError):
            members.authenticate(store, username="admin1", password="wrong password", ip="198.51.100.7",
                                 now=T0 + timedelta(seconds=k))
    later = T0 + timedelta(seconds=20)
    with pytest.raises(members.AuthError, match="locked"):  # the attacker's address is locked ...
        members.authenticate(store, username="admin1", password=PASSWORD, ip="198.51.100.7", now=later)
    # ... the real admin, elsewhere, gets in -- after a delay that grows with the failures
    assert members.authenticate(store, username="admin1", password=PASSWORD, ip="192.0.2.1", now=later)
    assert members.login_delay(store, username="admin1", now=later) == 0  # a success resets it


def test_the_delay_grows_with_failures_and_is_capped(store, users):
    delays = []
    for k in range(10):
        delays.append(members.login_delay(store, username="member1", now=T0 + timedelta(seconds=k)))
        with pytest.raises(members.AuthError):
            members.authenticate(store, username="member1", password="wrong password", ip=f"10.0.0.{k}",
                                 now=T0 + timedelta(seconds=k))
    assert delays == [0, 0, 0, 1, 2, 4, 8, 8, 8, 8]


def _proxied_app(tmp_path, **extra):
    return create_app(settings=WebSettings(db=f"sqlite:///{tmp_path / 'proxy.db'}", secret="s", signup="open",
                                           login_delay_factor=0.0, **extra))


def test_behind_a_trusted_proxy_clients_are_told_apart_and_https_is_known(tmp_path):
    app = _proxied_app(tmp_path, trusted_proxies=("testclient", "127.0.0.1"))
    members.add_user(app.state.store, username="member1", password=PASSWORD, role="member")
    app.state.login_limiter.limit = 2
    with TestClient(app, base_url="http://127.0.0.1") as c:
        for i in range(6):  # six clients through one proxy: none is limited by the others
            r = c.post("/api/v1/auth/login", json={"username": "nobody", "password": "x" * 10},
                       headers={"X-Forwarded-For": f"203.0.113.{i}"})
            assert r.status_code == 401
        r = c.post("/api/v1/auth/login", json={"username": "member1", "password": PASSWORD},
                   headers={"X-Forwarded-For": "203.0.113.50", "X-Forwarded-Proto": "https"})
        assert r.status_code == 200
        cookie = next(v for k, v in r.headers.multi_items() if k == "set-cookie" and v.startswith(SESSION_COOKIE))
        assert "secure" in cookie.lower()  # Host: 127.0.0.1, but the browser spoke https to the proxy
        assert r.headers["Strict-Transport-Security"].startswith("max-age=")
    app.state.store.close()


def test_forwarded_headers_are_ignored_from_untrusted_peers(client, app):
    app.state.login_limiter.limit = 2
    codes = [client.post("/api/v1/auth/login", json={"username": "nobody", "password": "x" * 10},
                         headers={"X-Forwarded-For": f"203.0.113.{i}", "X-Forwarded-Proto": "https"}).status_code
             for i in range(3)]
    assert codes == [401, 401, 429]
    assert "Strict-Transport-Security" not in client.get("/").headers


def test_invitation_sign_up_checks_the_invitation_before_the_name(client, app, users):
    app.state.settings.signup = "invitation"
    r = client.post("/api/v1/auth/signup", json={"username": "admin1", "password": PASSWORD,
                                                 "invitation": "a guessed code"})
    assert r.status_code == 422
    assert "admin1" not in r.text and "taken" not in r.text and "invitation" in r.text


def test_sign_up_is_rate_limited(client, app):
    for i in range(app.state.settings.signups_per_window):
        r = client.post("/api/v1/auth/signup", json={"username": f"new{i}", "password": "short"})
        assert r.status_code == 422
    r = client.post("/api/v1/auth/signup", json={"username": "newest", "password": PASSWORD})
    assert r.status_code == 429


@pytest.mark.parametrize("password", [" " * 10, "aaaaaaaaaa", "newcomer12", "password12", "qwertyuiop"])
def test_weak_passwords_are_refused(client, store, password):
    r = client.post("/api/v1/auth/signup", json={"username": "newcomer12", "password": password})
    assert r.status_code == 422 and "weak" in r.json()["detail"]
    assert members.get_user(store, "newcomer12") is None
    with pytest.raises(members.ValidationError, match="weak"):
        members.add_user(store, username="newcomer12", password=password)


def test_a_new_sign_in_ends_the_session_this_browser_held(client, store, users):
    sign_in(client, "member1")
    first = client.cookies.get(SESSION_COOKIE)
    sign_in(client, "member1")
    assert client.cookies.get(SESSION_COOKIE) != first
    assert members.user_for_session(store, first) is None


def test_signed_in_pages_are_not_cached(client, ids, users):
    assert "no-store" not in client.get("/events").headers.get("cache-control", "")
    sign_in(client, "member1")
    for path in ("/", "/events", "/actors"):
        assert client.get(path).headers["cache-control"] == "no-store"
    assert "no-store" not in client.get("/static/app.css").headers.get("cache-control", "")
    assert page_csrf(client.get("/events").text)


def test_change_own_password_and_revoke_own_sessions(app, store, users):
    other = TestClient(app, base_url="http://127.0.0.1")  # the same user in another browser
    with TestClient(app, base_url="http://127.0.0.1") as c, other:
        sign_in(other, "member1")
        csrf = sign_in(c, "member1")
        listed = c.get("/api/v1/me/sessions").json()
        assert len(listed) == 2 and sum(s["current"] for s in listed) == 1
        assert "token" not in str(listed)
        theirs = next(s["id"] for s in listed if not s["current"])
        assert c.delete(f"/api/v1/me/sessions/{theirs}").status_code == 403  # no CSRF header
        assert c.delete(f"/api/v1/me/sessions/{theirs}", headers={"X-CSRF-Token": csrf}).status_code == 204
        assert other.get("/api/v1/me").json()["user"] is None  # that browser is signed out
        assert c.delete(f"/api/v1/me/sessions/{theirs}", headers={"X-CSRF-Token": csrf}).status_code == 404
        new = "a fresh sentence for a password"
        r = c.post("/api/v1/me/password", headers={"X-CSRF-Token": csrf},
                   json={"current_password": "wrong password", "new_password": new})
        assert r.status_code == 422
        r = c.post("/api/v1/me/password", headers={"X-CSRF-Token": csrf},
                   json={"current_password": PASSWORD, "new_password": new})
        assert r.status_code == 200 and c.get("/api/v1/me").json()["user"]["username"] == "member1"
        assert len(c.get("/api/v1/me/sessions").json()) == 1  # every other session ended
        assert members.authenticate(store, username="member1", password=new)
    assert TestClient(app).get("/api/v1/me/sessions").status_code == 401


def test_an_anonymous_cookie_the_server_did_not_issue_carries_no_form(client, users):
    from eventwire.web.security import ANON_COOKIE, csrf_token

    chosen = "attacker-chosen-value"  # planted in the victim's browser; its token the attacker could learn
    client.cookies.set(ANON_COOKIE, chosen)
    page = client.get("/login")
    assert page_csrf(page.text) != csrf_token("test-secret", chosen)
    assert page.cookies.get(ANON_COOKIE) not in (None, chosen)  # replaced by one the server signed
    client.cookies.set(ANON_COOKIE, chosen)
    r = client.post("/login", data={"username": "member1", "password": PASSWORD,
                                    "csrf_token": csrf_token("test-secret", chosen)}, follow_redirects=False)
    assert r.status_code == 403


def test_a_form_posted_from_another_site_is_refused(client, users):
    token = page_csrf(client.get("/login").text)
    r = client.post("/login", data={"username": "member1", "password": PASSWORD, "csrf_token": token},
                    headers={"Origin": "https://evil.example"}, follow_redirects=False)
    assert r.status_code == 403
    r = client.post("/login", data={"username": "member1", "password": PASSWORD, "csrf_token": token},
                    headers={"Origin": "http://127.0.0.1"}, follow_redirects=False)
    assert r.status_code == 303
