"""Every write, for the anonymous, the wrong role and the right role; CSRF; cookies; sign-in limits; sign-up modes."""
from __future__ import annotations

import pytest

from eventwire import members
from eventwire.web.security import ANON_COOKIE, SESSION_COOKIE
from tests.web.conftest import page_csrf, sign_in, sign_in_form
from tests.web.factories import PASSWORD, plain_article


def _event_id(ids) -> str:
    return ids[plain_article()[0].id][0]


def _comment_id(store, ids, users) -> int:
    return members.add_comment(store, event_id=_event_id(ids), user=users["member"], body="a comment").id


# (name, minimum role, lower role, method builder) for the JSON API's writes
API_WRITES = {
    "review": ("reviewer", "member", lambda ids, c: (f"/api/v1/events/{_event_id(ids)}/reviews",
                                                     {"action": "confirm"}), 201),
    "comment": ("member", "reader", lambda ids, c: (f"/api/v1/events/{_event_id(ids)}/comments", {"body": "hi"}), 201),
    "hide": ("admin", "reviewer", lambda ids, c: (f"/api/v1/comments/{c}/hide", {"reason": "spam"}), 204),
    "role": ("admin", "reviewer", lambda ids, c: ("/api/v1/users/member1/role", {"role": "reviewer"}), 204),
    "disable": ("admin", "reviewer", lambda ids, c: ("/api/v1/users/member1/disabled", {"disabled": True}), 204),
    "invite": ("admin", "reviewer", lambda ids, c: ("/api/v1/invitations", {"role": "member"}), 201),
}


@pytest.mark.parametrize("name", API_WRITES)
@pytest.mark.parametrize("who", ["anonymous", "wrong role", "right role", "no csrf header"])
def test_api_writes_need_the_role_and_the_csrf_header(client, store, ids, users, name, who):
    role, lower, build, ok = API_WRITES[name]
    comment_id = _comment_id(store, ids, users)
    url, body = build(ids, comment_id)
    headers = {}
    if who != "anonymous":
        csrf = sign_in(client, f"{role if who != 'wrong role' else lower}1")
        if who != "no csrf header":
            headers["X-CSRF-Token"] = csrf
    r = client.post(url, json=body, headers=headers)
    expected = {"anonymous": 401, "wrong role": 403, "right role": ok, "no csrf header": 403}[who]
    assert r.status_code == expected, r.text


PAGE_WRITES = {
    "confirm": ("reviewer", "member", lambda ids, c: (f"/events/{_event_id(ids)}/review", {"action": "confirm"})),
    "correct": ("reviewer", "member", lambda ids, c: (f"/events/{_event_id(ids)}/review",
                                                      {"action": "correct", "event_type": "AGREE", "reason": "misread"})),
    "reject": ("reviewer", "member", lambda ids, c: (f"/events/{_event_id(ids)}/review",
                                                     {"action": "reject", "reason": "no event"})),
    "comment": ("member", "reader", lambda ids, c: (f"/events/{_event_id(ids)}/comments", {"body": "hello"})),
    "hide": ("admin", "reviewer", lambda ids, c: (f"/comments/{c}/hide", {"event_id": _event_id(ids)})),
    "role": ("admin", "reviewer", lambda ids, c: ("/admin/users/member1/role", {"role": "reviewer"})),
    "disable": ("admin", "reviewer", lambda ids, c: ("/admin/users/member1/disabled", {"disabled": "true"})),
    "invite": ("admin", "reviewer", lambda ids, c: ("/admin/invitations", {"role": "member"})),
}


@pytest.mark.parametrize("name", PAGE_WRITES)
@pytest.mark.parametrize("who", ["anonymous", "wrong role", "right role", "no csrf field"])
def test_form_writes_need_the_role_and_the_csrf_field(client, store, ids, users, name, who):
    role, lower, build = PAGE_WRITES[name]
    comment_id = _comment_id(store, ids, users)
    url, data = build(ids, comment_id)
    if who != "anonymous":
        sign_in_form(client, f"{role if who != 'wrong role' else lower}1")
    if who != "no csrf field":
        data = {**data, "csrf_token": page_csrf(client.get("/login").text)}
    r = client.post(url, data=data, follow_redirects=False)
    expected = {"anonymous": {401}, "wrong role": {403}, "right role": {200, 303}, "no csrf field": {403}}[who]
    assert r.status_code in expected, r.text[:500]


def test_correction_from_the_form_keeps_the_machine_coding(client, store, ids, users):
    event_id = _event_id(ids)
    sign_in_form(client, "reviewer1")
    page = client.get(f"/events/{event_id}").text
    r = client.post(f"/events/{event_id}/review", data={
        "csrf_token": page_csrf(page), "action": "correct", "event_type": "CONSULT", "mode": "visit",
        "factuality": "asserted", "date": "2024-03-05", "date_precision": "day",
        "actor-0-name": "Foreign Minister", "actor-0-text": "The foreign minister of France", "actor-0-country": "fra",
        "actor-0-sector": "GOV", "recipient-0-name": "Kenyan officials", "recipient-0-text": "Kenyan officials",
        "recipient-0-country": "KEN", "recipient-0-sector": "GOV", "location_name": "Nairobi",
        "location_country": "KEN", "location_lat": "-1.2864", "location_lon": "36.8172", "q-killed": "",
        "q-injured": "", "q-arrested": "", "q-displaced": "", "q-troops": "", "reason": "the meeting was on Tuesday"},
        follow_redirects=False)
    assert r.status_code == 303, r.text[:800]
    history = members.event_history(store, event_id)
    assert [h.action for h in history] == ["machine", "correct"]
    assert history[1].changes == {"date": {"old": "2024-03-04", "new": "2024-03-05"}}
    assert history[0].fields["date"] == "2024-03-04"
    page = client.get(f"/events/{event_id}").text
    assert "the meeting was on Tuesday" in page and "Corrected" in page


def test_session_cookie_flags(client, users):
    r = client.post("/api/v1/auth/login", json={"username": "member1", "password": PASSWORD})
    cookie = next(v for k, v in r.headers.multi_items() if k == "set-cookie" and v.startswith(SESSION_COOKIE))
    flags = {part.strip().lower() for part in cookie.split(";")}
    assert "httponly" in flags and "samesite=lax" in flags
    assert "secure" not in flags  # plain http on 127.0.0.1
    assert r.cookies.get(SESSION_COOKIE) not in r.text  # the token is only a cookie


def test_cookies_are_secure_off_localhost(app, users):
    from fastapi.testclient import TestClient

    with TestClient(app, base_url="https://events.example.org") as c:
        r = c.post("/api/v1/auth/login", json={"username": "member1", "password": PASSWORD})
        cookie = next(v for k, v in r.headers.multi_items() if k == "set-cookie" and v.startswith(SESSION_COOKIE))
        assert "secure" in cookie.lower()
        anon = TestClient(app, base_url="http://events.example.org").get("/").headers["set-cookie"]
        assert anon.startswith(ANON_COOKIE) and "secure" in anon.lower()


def test_wrong_password_then_lockout(client, users):
    for _ in range(members.MAX_FAILURES_PER_USERNAME):
        assert client.post("/api/v1/auth/login", json={"username": "member1", "password": "wrong password!"}
                           ).status_code == 401
    r = client.post("/api/v1/auth/login", json={"username": "member1", "password": PASSWORD})
    assert r.status_code == 401 and "locked" in r.json()["detail"]


def test_sign_in_is_rate_limited_per_address(client, app, users):
    app.state.login_limiter.limit = 3
    codes = [client.post("/api/v1/auth/login", json={"username": f"nobody{i}", "password": "x" * 10}).status_code
             for i in range(5)]
    assert codes == [401, 401, 401, 429, 429]


def test_form_sign_in_sign_out(client, users):
    sign_in_form(client, "member1")
    assert "member1" in client.get("/").text
    r = client.post("/logout", data={"csrf_token": page_csrf(client.get("/").text)}, follow_redirects=False)
    assert r.status_code == 303
    assert client.get("/api/v1/me").json()["user"] is None


def test_login_redirect_stays_on_this_site(client, users):
    token = page_csrf(client.get("/login").text)
    r = client.post("/login", data={"username": "member1", "password": PASSWORD, "csrf_token": token,
                                    "next": "//evil.example/x"}, follow_redirects=False)
    assert r.headers["location"] == "/"


def test_api_logout_ends_the_session(client, users):
    csrf = sign_in(client, "member1")
    assert client.post("/api/v1/auth/logout").status_code == 403  # no CSRF header
    assert client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": csrf}).status_code == 204
    assert client.get("/api/v1/me").json()["user"] is None


@pytest.mark.parametrize("mode", ["open", "invitation", "closed"])
def test_signup_modes(client, app, store, users, mode):
    app.state.settings.signup = mode
    data = {"username": "newbie", "password": PASSWORD, "password2": PASSWORD}
    if mode == "invitation":
        data["invitation"] = members.create_invitation(store, by=users["admin"], role="member")
    data["csrf_token"] = page_csrf(client.get("/signup").text) if mode != "closed" else page_csrf(
        client.get("/login").text)
    r = client.post("/signup", data=data, follow_redirects=False)
    if mode == "closed":
        assert r.status_code == 422 and members.get_user(store, "newbie") is None
    else:
        assert r.status_code == 303
        assert members.get_user(store, "newbie").role == "member"
        assert client.get("/api/v1/me").json()["user"]["username"] == "newbie"


def test_signup_by_invitation_refuses_without_a_code(client, app, store):
    app.state.settings.signup = "invitation"
    r = client.post("/api/v1/auth/signup", json={"username": "newbie", "password": PASSWORD})
    assert r.status_code == 403 and members.get_user(store, "newbie") is None


def test_reviews_survive_a_recoding(client, store, ids, users):
    article, events = plain_article()
    csrf = sign_in(client, "reviewer1")
    r = client.post(f"/api/v1/events/{events[0].id}/reviews", headers={"X-CSRF-Token": csrf},
                    json={"action": "correct", "changes": {"event_type": "AGREE"}, "reason": "they signed"})
    assert r.status_code == 201
    store.replace_machine_events(article.id, events, coder_version="again")
    e = client.get(f"/api/v1/events/{events[0].id}").json()
    assert e["event_type"] == "AGREE" and e["review_status"] == "corrected"
    assert [h["action"] for h in e["history"]] == ["machine", "correct"]


def test_hidden_comments_only_for_admins(client, store, ids, users):
    comment_id = _comment_id(store, ids, users)
    members.hide_comment(store, comment_id=comment_id, user=users["admin"], reason="spam")
    event_id = _event_id(ids)
    assert client.get(f"/api/v1/events/{event_id}").json()["comments"] == []
    sign_in(client, "admin1")
    assert [c["hidden"] for c in client.get(f"/api/v1/events/{event_id}").json()["comments"]] == [True]
