"""Schemathesis fuzzes every API operation from the OpenAPI schema, anonymously and signed in as each role.

A signed-in run sends the session cookie and the session's CSRF header with every request, so the write
routes are exercised past their 401/403 (role and CSRF checks) into validation and the store.  No answer
may be a 500.  When a generated request ends the fuzzing user's session (sign-out, a role change or a
disabling of that very user), the next 401 signs the user in again and repeats the request once.
"""
from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from fastapi.testclient import TestClient  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

from eventwire import members  # noqa: E402
from eventwire.web import create_app  # noqa: E402
from eventwire.web.security import CSRF_HEADER, SESSION_COOKIE, csrf_token  # noqa: E402
from eventwire.web.settings import WebSettings  # noqa: E402
from tests.web.factories import fill, make_users  # noqa: E402

pytestmark = pytest.mark.slow

ROLES = ("anonymous", *members.ROLES)


@pytest.fixture(scope="module")
def fuzzed_app(tmp_path_factory):
    db = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    app = create_app(settings=WebSettings(db=f"sqlite:///{db}", secret="fuzz", signup="open"))
    fill(app.state.store)
    make_users(app.state.store)
    yield app
    app.state.store.close()


class Credentials:
    """The session cookie and CSRF header of one role's user, renewed when a request ends the session."""

    def __init__(self, app, role: str):
        self.app, self.role = app, role
        self.cookies: dict[str, str] = {}
        self.headers: dict[str, str] = {}
        if role != "anonymous":
            self.renew()

    def renew(self) -> None:
        store = self.app.state.store
        username = f"{self.role}1"
        # a fuzzed admin request may have disabled the user or changed its role: undo that first
        members.set_disabled(store, username=username, disabled=False)
        members.set_role(store, username=username, role=self.role)
        # a session made by the library, not by POST /auth/login: the fuzzed sign-in route's failures
        # throttle this client's address, which must not lock the fuzzing users out
        token = members.create_session(store, members.get_user(store, username))
        self.cookies = {SESSION_COOKIE: token}
        self.headers = {CSRF_HEADER: csrf_token(self.app.state.settings.secret, token)}

    def call(self, case):
        response = case.call(headers=self.headers, cookies=self.cookies)
        if response.status_code == 401 and self.role != "anonymous":
            self.renew()
            response = case.call(headers=self.headers, cookies=self.cookies)
        return response


@pytest.fixture(scope="module")
def credentials():
    """One Credentials per role, made on first use and kept for the module."""
    return {}


schema = schemathesis.pytest.from_fixture("fuzzed_schema")


@pytest.fixture(scope="module")
def fuzzed_schema(fuzzed_app):
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", fuzzed_app)


def _fuzz_as(role: str):
    """One schemathesis test over every operation, as ``role`` (the plugin takes no pytest parameters)."""

    @schema.parametrize()
    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
    def test(case, fuzzed_app, credentials):
        creds = credentials.get(role) or credentials.setdefault(role, Credentials(fuzzed_app, role))
        response = creds.call(case)
        assert response.status_code < 500, (
            f"as {role}: {case.method} {case.formatted_path}: {response.status_code} {response.text[:300]}")

    return test


test_api_never_answers_500_anonymous = _fuzz_as("anonymous")
test_api_never_answers_500_as_reader = _fuzz_as("reader")
test_api_never_answers_500_as_member = _fuzz_as("member")
test_api_never_answers_500_as_reviewer = _fuzz_as("reviewer")
test_api_never_answers_500_as_admin = _fuzz_as("admin")


def test_every_role_is_fuzzed():
    fuzzed = {name.rsplit("_", 1)[-1] for name in globals() if name.startswith("test_api_never_answers_500")}
    assert fuzzed == set(ROLES)


def test_signed_in_fuzzing_reaches_past_the_role_checks(fuzzed_app):
    """The credentials really sign in: a reviewer's review of a missing event is a 404, not a 401/403."""
    creds = Credentials(fuzzed_app, "reviewer")
    with TestClient(fuzzed_app) as client:
        client.cookies.update(creds.cookies)
        answer = client.post("/api/v1/events/no-such-event/reviews", headers=creds.headers,
                             json={"action": "reject", "reason": "not an event"})
    assert answer.status_code == 404, answer.text
