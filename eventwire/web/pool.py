"""Bounded work: slow requests take a slot of a small pool, so they cannot starve the others.

Routes are sync functions run on the server's thread pool (40 threads).  A request that
reads many events -- a filtered event or article list, a summary whose filter the summary
tables do not serve -- can take seconds on a big store; forty of them at once (one client in a
loop is enough) would hold every thread, and the cheap requests (an event page, a cached
summary, sign-in, static files) would queue behind them.  :class:`PoolMiddleware` (plain ASGI):

* a *query* -- a GET of one of :data:`QUERY_PATHS` with a query string -- first takes one of
  ``queries_at_once`` slots; when all are taken it waits (without holding a thread) up to
  ``query_wait_s``, then answers 503 with ``Retry-After``.  Everything else never waits for it:
  at most ``queries_at_once`` threads are ever busy with queries.
* each client address has at most ``per_client_at_once`` requests in progress; past that, 429
  with ``Retry-After`` -- one client cannot take every query slot from the rest for long.

Exports have their own limits (``exports_at_once``, per user) and stream in chunks.
"""
from __future__ import annotations

import asyncio
import threading
import time

from eventwire.web.security import SECURITY_HEADERS

QUERY_PATHS = frozenset({
    "/api/v1/events", "/events", "/api/v1/articles", "/articles", "/api/v1/overview", "/",
    "/api/v1/counts/types", "/api/v1/counts/time", "/api/v1/actors", "/actors", "/api/v1/places", "/places",
    "/api/v1/map", "/api/v1/network",
})
POLL_S = 0.005  # how often a waiting query looks for a free slot


def is_query(scope) -> bool:
    return scope.get("method") == "GET" and scope.get("path") in QUERY_PATHS and bool(scope.get("query_string"))


class PoolMiddleware:
    """Query slots and a per-client cap (see the module's docstring)."""

    def __init__(self, app, *, slots: threading.BoundedSemaphore, query_wait_s: float, per_client_at_once: int):
        self.app = app
        self.slots = slots  # app.state.query_slots: threading, so it can be taken from any thread
        self.wait_s = query_wait_s
        self.per_client = per_client_at_once
        self.in_progress: dict[str, int] = {}
        self.lock = threading.Lock()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("?", 0))[0]
        with self.lock:
            mine = self.in_progress.get(client, 0)
            if mine >= self.per_client:
                busy = True
            else:
                busy = False
                self.in_progress[client] = mine + 1
        if busy:
            await _refuse(send, 429, "too many requests in progress from your address; try again in a moment")
            return
        try:
            if not is_query(scope):
                await self.app(scope, receive, send)
                return
            deadline = time.monotonic() + self.wait_s
            while not self.slots.acquire(blocking=False):
                if time.monotonic() >= deadline:
                    await _refuse(send, 503, "the server is busy with other queries; try again in a moment")
                    return
                await asyncio.sleep(POLL_S)
            try:
                await self.app(scope, receive, send)
            finally:
                self.slots.release()
        finally:
            with self.lock:
                left = self.in_progress.get(client, 1) - 1
                if left:
                    self.in_progress[client] = left
                else:
                    self.in_progress.pop(client, None)


async def _refuse(send, status: int, message: str) -> None:
    body = ('{"detail":"' + message + '"}').encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               (b"retry-after", b"1"), (b"cache-control", b"no-store")]
    headers += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
