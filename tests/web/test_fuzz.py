"""Schemathesis fuzzes every API operation from the OpenAPI schema: no answer is a 500."""
from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402

from eventwire.web import create_app  # noqa: E402
from eventwire.web.settings import WebSettings  # noqa: E402
from tests.web.factories import fill, make_users  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def fuzzed_app(tmp_path_factory):
    db = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    app = create_app(settings=WebSettings(db=f"sqlite:///{db}", secret="fuzz", signup="open"))
    fill(app.state.store)
    make_users(app.state.store)
    yield app
    app.state.store.close()


schema = schemathesis.pytest.from_fixture("fuzzed_schema")


@pytest.fixture(scope="module")
def fuzzed_schema(fuzzed_app):
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", fuzzed_app)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_answers_500(case):
    response = case.call()
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:300]}"
