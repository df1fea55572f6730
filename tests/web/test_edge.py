"""The edge of the app (issue 12): no input makes a 500; a 500 keeps the security headers; bodies are capped
before parsing; integers fit in 64 bits; lone surrogates and invalid UTF-8 are refused; CSV cells never run.

One app per module (hypothesis runs many examples against it); each test makes what it needs.
"""
from __future__ import annotations

import base64
import csv
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from eventwire import exporter, members  # noqa: E402
from eventwire.schema import Article, article_id  # noqa: E402
from eventwire.web import create_app  # noqa: E402
from eventwire.web.security import SECURITY_HEADERS  # noqa: E402
from eventwire.web.settings import WebSettings  # noqa: E402
from tests.web.factories import PASSWORD, fill, plain_article  # noqa: E402

SURROGATE = "\ud800"
HYPO = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    db = tmp_path_factory.mktemp("edge") / "web.db"
    app = create_app(settings=WebSettings(db=f"sqlite:///{db}", secret="test-secret", signup="open"))

    def boom():
        raise RuntimeError("a bug in a route")

    app.add_api_route("/api/v1/boom-for-test", boom, include_in_schema=False)  # a route that fails, to test the 500
    app.add_api_route("/boom-for-test", boom, include_in_schema=False)
    fill(app.state.store)
    members.add_user(app.state.store, username="reviewer1", password=PASSWORD, role="reviewer")
    yield app
    app.state.store.close()


@pytest.fixture(scope="module")
def event_id(app):
    return [e.id for e in plain_article()[1]][0]


@pytest.fixture(scope="module")
def anon(app):
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c


@pytest.fixture(scope="module")
def reviewer(app):
    with TestClient(app, base_url="http://127.0.0.1") as c:
        r = c.post("/api/v1/auth/login", json={"username": "reviewer1", "password": PASSWORD})
        assert r.status_code == 200, r.text
        c.headers["X-CSRF-Token"] = r.json()["csrf_token"]
        yield c


def _raw_json(client, url: str, text: str):
    """POST a JSON body written by hand (so that it can hold ``\\ud800`` or 2**70 as JSON has them)."""
    return client.post(url, content=text.encode("utf-8"), headers={"Content-Type": "application/json"})


def _has_security_headers(r) -> bool:
    return all(r.headers.get(k) == v for k, v in SECURITY_HEADERS.items())


@pytest.mark.parametrize("path", ["/api/v1/boom-for-test", "/boom-for-test"])
def test_an_unhandled_error_is_a_500_with_the_security_headers(anon, path):
    r = anon.get(path)
    assert r.status_code == 500
    assert _has_security_headers(r)
    assert "a bug in a route" not in r.text  # no traceback or message leaks
    assert ("application/json" in r.headers["content-type"]) == path.startswith("/api/")


def _cursor(key, event_id="x") -> str:
    raw = json.dumps(["-date", key, event_id]).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


@pytest.mark.parametrize("cursor", [
    _cursor(10**30), _cursor(-(10**30)), _cursor(2**63),
    _cursor("2024-01-01", SURROGATE), _cursor(SURROGATE), _cursor("x" * 100),
    base64.urlsafe_b64encode(b'["-date", 1e999, "x"]').decode().rstrip("="),
])
@pytest.mark.parametrize("path", ["/api/v1/events", "/events"])
def test_a_forged_cursor_is_a_400(anon, path, cursor):
    r = anon.get(path, params={"cursor": cursor})
    assert r.status_code == 400, r.text[:300]
    assert _has_security_headers(r)


def test_the_events_page_keeps_a_confidence_threshold(anon):
    r = anon.get("/events", params={"min_confidence": "0.75"})
    assert r.status_code == 200 and 'name="min_confidence"' in r.text and 'value="0.75"' in r.text
    assert anon.get("/events", params={"min_confidence": "2"}).status_code in (400, 422)


@pytest.mark.parametrize("url, body", [
    ("/api/v1/auth/login", '{"username": "adm\\ud800in", "password": "correct horse battery"}'),
    ("/api/v1/auth/login", '{"username": "admin", "password": "x\\udfff"}'),
    ("/api/v1/auth/signup", '{"username": "newbie", "password": "pass\\ud800word long enough"}'),
])
def test_lone_surrogates_in_sign_in_fields_are_refused(anon, url, body):
    r = _raw_json(anon, url, body)
    assert r.status_code == 422, r.text
    assert "surrogate" in r.json()["detail"]


def test_lone_surrogates_in_a_comment_or_a_review_reason_are_refused(app, reviewer, event_id):
    r = _raw_json(reviewer, f"/api/v1/events/{event_id}/comments", '{"body": "hello \\ud800"}')
    assert r.status_code == 422, r.text
    r = _raw_json(reviewer, f"/api/v1/events/{event_id}/reviews", '{"action": "reject", "reason": "\\udc00 no"}')
    assert r.status_code == 422, r.text
    assert members.list_comments(app.state.store, event_id) == []
    # and the library refuses them too, for callers that are not the web app
    with pytest.raises(members.ValidationError, match="surrogate"):
        members.add_comment(app.state.store, event_id=event_id, user=members.get_user(app.state.store, "reviewer1"),
                            body="hi " + SURROGATE)


def test_a_form_with_invalid_utf8_is_a_400(anon):
    r = anon.post("/login", content=b"username=adm%ED%A0%80in&password=x&csrf_token=y",
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 400
    assert _has_security_headers(r)
    r = anon.get("/api/v1/events?q=%ED%A0%80")
    assert r.status_code == 400


@pytest.mark.parametrize("changes", [
    {"quantities": {"killed": 2**70}},
    {"quantities": {"killed": 2**63}},
    {"location": {"name": "Nairobi", "geonameid": 2**64}},
    {"quantities": {"money": [{"amount": 1, "currency": "USD", "text": "$1"}] * 2000}},
    {"quantities": {"killed": 1e400}},
])
def test_review_values_are_bounded(app, reviewer, event_id, changes):
    body = json.dumps({"action": "correct", "reason": "bounds", "changes": changes}).replace("Infinity", "1e400")
    r = _raw_json(reviewer, f"/api/v1/events/{event_id}/reviews", body)
    assert r.status_code in (413, 422), r.text[:300]
    assert app.state.store.event_detail(event_id)["review_status"] in ("unreviewed", "confirmed")


def test_money_is_bounded_in_the_library_too(app, event_id):
    money = [{"amount": 1, "currency": "USD", "text": "$1"}] * (members.MAX_MONEY + 1)
    with pytest.raises(members.ValidationError, match="at most"):
        members.validate_changes({"quantities": {"money": money}})
    with pytest.raises(members.ValidationError, match="64 bits"):
        members.validate_changes({"location": {"name": "X", "geonameid": 2**64}})


def test_the_largest_int64_geonameid_still_exports_as_parquet(app, reviewer, event_id, tmp_path):
    pytest.importorskip("pyarrow")
    r = reviewer.post(f"/api/v1/events/{event_id}/reviews", json={
        "action": "correct", "reason": "id", "changes": {"location": {"name": "Nairobi", "geonameid": 2**63 - 1}}})
    assert r.status_code == 201, r.text
    n = exporter.export(db=app.state.store, table="events", format="parquet", output=tmp_path / "e.parquet")
    assert n >= 4


def test_a_big_body_is_refused_before_it_is_parsed(anon):
    big = b'{"username": "' + b"a" * (1024 * 1024) + b'", "password": "x"}'
    r = anon.post("/api/v1/auth/login", content=big, headers={"Content-Type": "application/json"})
    assert r.status_code == 413
    assert _has_security_headers(r)

    def chunks():  # no Content-Length: the cap holds while reading
        for _ in range(64):
            yield b"x" * 16384

    r = anon.post("/login", content=chunks(), headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413


@given(text=st.text(max_size=60))
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_in_sign_in_is_never_a_500(anon, text):  # each try costs a password hash check: few tries
    body = json.dumps({"username": text, "password": text})  # ensure_ascii: lone surrogates as \\udxxx escapes
    r = _raw_json(anon, "/api/v1/auth/login", body)
    assert r.status_code in (401, 422, 429), r.text[:200]


@given(text=st.text(max_size=60))
@HYPO
def test_any_text_in_filters_and_cursors_is_never_a_500(anon, text):
    for path in ("/api/v1/events", "/events", "/api/v1/actors"):
        r = anon.get(path, params={"q": text.encode("utf-8", "replace").decode("utf-8")})
        assert r.status_code < 500
    r = anon.get("/api/v1/events", params={"cursor": base64.urlsafe_b64encode(
        json.dumps(["-date", text, text]).encode()).decode()})
    assert r.status_code in (200, 400, 422)  # 422: over the cursor's length limit


@given(n=st.integers(min_value=-(2**80), max_value=2**80))
@HYPO
def test_any_integer_in_a_review_is_accepted_exactly_when_it_fits(app, reviewer, event_id, n):
    body = json.dumps({"action": "correct", "reason": "n", "changes": {"quantities": {"troops": n}}})
    r = _raw_json(reviewer, f"/api/v1/events/{event_id}/reviews", body)
    current = app.state.store.event_detail(event_id)["quantities"].get("troops")
    if 0 <= n < 2**63:
        assert r.status_code == 201 or (r.status_code == 422 and current == n), r.text[:200]
    else:
        assert r.status_code == 422, r.text[:200]


@given(text=st.text(min_size=1, max_size=40))
@HYPO
def test_any_comment_text_is_stored_whole_or_refused(app, reviewer, event_id, text):
    body = json.dumps({"body": text})
    r = _raw_json(reviewer, f"/api/v1/events/{event_id}/comments", body)
    try:
        text.encode("utf-8")
        valid = bool(text.strip()) and "\x00" not in text
    except UnicodeEncodeError:
        valid = False
    assert r.status_code == (201 if valid else 422), r.text[:200]
    if valid:
        assert r.json()["body"] == text.strip()


@pytest.mark.parametrize("title", ["=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1"])
def test_csv_cells_never_start_a_formula(tmp_path, title):
    from eventwire.store import open_store

    text = f"{title} said something."
    with open_store(f"sqlite:///{tmp_path / 'csv.db'}") as store:
        store.save([(Article(id=article_id(text), text=text, title=title, source="=cmd|' /C calc'!A0",
                             format="text"), [])])
        out = io.StringIO()
        exporter.export(db=store, table="articles", format="csv", stream=out)
    row = next(r for r in csv.DictReader(io.StringIO(out.getvalue())))
    for field in ("title", "text", "source"):
        assert row[field][0] not in "=+-@\t\r", row[field]
        assert row[field].startswith("'") and row[field][1:] in (title, text, "=cmd|' /C calc'!A0")
