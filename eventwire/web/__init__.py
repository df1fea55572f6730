"""The web app: a JSON API under /api/v1 and server-rendered pages over the store.

``create_app(db=...)`` builds the FastAPI app (tests use it with TestClient);
``serve(...)`` runs it under uvicorn (``eventwire serve``).  The app reads the
store, never the pipeline; every write needs a signed-in member with the right
role (``eventwire.members``) and a CSRF token.
"""
from __future__ import annotations

import logging
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles

from eventwire.store import open_store
from eventwire.web.edge import EdgeMiddleware
from eventwire.web.pool import PoolMiddleware
from eventwire.web.security import (ANON_COOKIE, HSTS, SECURITY_HEADERS, SESSION_COOKIE, RateLimiter, anon_ok,
                                    new_anon_id)
from eventwire.web.settings import WebSettings, cookie_is_secure, web_settings

log = logging.getLogger(__name__)

STATIC = Path(__file__).with_name("static")
API_DESCRIPTION = """Political events coded in the PLOVER ontology, each tied to its evidence sentence.

Reads are open.  Writes (reviews, comments, moderation, users) need the session cookie from
`POST /api/v1/auth/login` and the `X-CSRF-Token` header from `GET /api/v1/me`.
Lists page by cursor: pass `next_cursor` back as `cursor` with the same filters and sort."""


def create_app(*, db: str | None = None, settings: Any = None) -> FastAPI:
    """The app over the store at ``db`` (a URL or path; default: the configured database)."""
    from eventwire.web import api, pages  # the routers import this package's modules

    config: WebSettings = web_settings(db=db, settings=settings)
    store = open_store(config.db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        store.close()

    app = FastAPI(title="eventwire", version="1", description=API_DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/api/v1/openapi.json")
    app.state.store = store
    app.state.settings = config
    app.state.login_limiter = RateLimiter(config.login_attempts_per_minute, 60.0)
    app.state.export_limiter = RateLimiter(config.exports_per_window, config.export_window_s)
    app.state.signup_limiter = RateLimiter(config.signups_per_window, config.signup_window_s)
    app.state.export_slots = threading.BoundedSemaphore(config.exports_at_once)

    @app.middleware("http")
    async def headers_and_anonymous_cookie(request: Request, call_next):
        anon = None
        if not request.cookies.get(SESSION_COOKIE) and not anon_ok(config.secret, request.cookies.get(ANON_COOKIE)):
            anon = new_anon_id(config.secret)  # none yet, or one this server did not issue (or too old)
        request.state.anon_id = anon
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.url.scheme == "https":
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        if (request.url.path.startswith("/api/") and request.url.path != "/api/docs") or (
                request.cookies.get(SESSION_COOKIE) and not request.url.path.startswith("/static/")):
            response.headers.setdefault("Cache-Control", "no-store")  # nothing signed-in is kept by a cache
        if anon is not None and not request.url.path.startswith("/static/"):
            response.set_cookie(ANON_COOKIE, anon, httponly=True, samesite="lax", path="/",
                                secure=cookie_is_secure(config, scheme=request.url.scheme, host=request.url.hostname))
        return response

    app.state.query_slots = threading.BoundedSemaphore(config.queries_at_once)
    app.add_middleware(PoolMiddleware, slots=app.state.query_slots, query_wait_s=config.query_wait_s,
                       per_client_at_once=config.per_client_at_once)  # slow queries cannot take every thread
    app.add_middleware(EdgeMiddleware, max_body=config.max_body_bytes)  # before anything parses
    if config.trusted_proxies:  # outermost: the client's address and scheme as the proxy saw them
        from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=list(config.trusted_proxies))
    app.include_router(api.router)
    app.include_router(pages.router)
    pages.install_error_pages(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    log.info("web app over %s", store.url)
    return app


def serve(*, db: str | None = None, host: str = "127.0.0.1", port: int = 8000, settings: Any = None) -> None:
    """Serve the app with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(create_app(db=db, settings=settings), host=host, port=port, log_level="info", proxy_headers=False)
