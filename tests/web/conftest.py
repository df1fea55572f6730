"""A fresh app over a temporary SQLite store per test, filled with hand-built events."""
from __future__ import annotations

import re

import pytest

pytest.importorskip("fastapi")
from argon2 import PasswordHasher  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from eventwire import members  # noqa: E402

from eventwire.web import create_app  # noqa: E402
from eventwire.web.settings import WebSettings  # noqa: E402
from tests.web.factories import PASSWORD, fill, make_users  # noqa: E402


CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing():
    """Argon2 at its cheapest for the web tests (as in tests/test_members.py): every test makes users, and
    the real cost (tens of milliseconds each, far more on a loaded machine) buys a test nothing.  The
    stored hashes stay real argon2 hashes that the app verifies."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(members, "_hasher", lambda: CHEAP_HASHER)
        yield


@pytest.fixture
def app(tmp_path):
    app = create_app(settings=WebSettings(db=f"sqlite:///{tmp_path / 'web.db'}", secret="test-secret", signup="open",
                                          login_delay_factor=0.01))  # sign-in delays of 10-80 ms
    yield app
    app.state.store.close()


@pytest.fixture
def store(app):
    return app.state.store


@pytest.fixture
def ids(store):
    return fill(store)


@pytest.fixture
def users(store):
    return make_users(store)


@pytest.fixture
def client(app):
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c


def page_csrf(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([0-9a-f]+)"', html)
    assert m, "no CSRF token in the page"
    return m.group(1)


def sign_in(client, username: str, password: str = PASSWORD) -> str:
    """Sign in through the JSON API; returns the CSRF token for writes."""
    r = client.post("/api/v1/auth/login", json={"username": username, "password": password})
    assert r.status_code == 200, r.text
    return r.json()["csrf_token"]


def sign_in_form(client, username: str, password: str = PASSWORD) -> None:
    token = page_csrf(client.get("/login").text)
    r = client.post("/login", data={"username": username, "password": password, "csrf_token": token},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
