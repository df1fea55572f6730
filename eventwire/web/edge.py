"""The app's edge: what every request passes before any route sees it, and what every failure answers.

:class:`EdgeMiddleware` is plain ASGI, the outermost layer of the app:

- a request body is read at most ``max_body`` bytes: a larger ``Content-Length``
  gets 413 before a byte is read, and a body that keeps coming past the cap
  (chunked) gets 413 too -- nothing is parsed, no session looked up;
- the path and query string must percent-decode to valid UTF-8, and a body sent
  as JSON or as a form must be valid UTF-8 with no lone surrogate (``\\ud800``)
  anywhere, and every JSON integer must fit in 64 bits (``int64``): else 400 or
  422, never a 500 further in;
- an exception no handler took becomes a 500 page (or JSON under ``/api/``)
  that still carries the security headers, and is logged with its traceback.

Each answer it gives itself carries :data:`~eventwire.web.security.SECURITY_HEADERS`.
"""
from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import parse_qsl, unquote_to_bytes

from eventwire.web.security import SECURITY_HEADERS

log = logging.getLogger(__name__)

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class BadInput(ValueError):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def check_text(value: str, what: str) -> None:
    """``value`` has no lone surrogate (it can be written as UTF-8)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadInput(422, f"{what} holds an unpaired surrogate (not valid Unicode)") from None


def _bounded_int(text: str) -> int:
    value = int(text)
    if not INT64_MIN <= value <= INT64_MAX:
        raise BadInput(422, f"the number {text[:30]}{'...' if len(text) > 30 else ''} is outside 64-bit integers")
    return value


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise BadInput(422, f"the number {text[:30]} is too large")
    return value


def _no_constant(name: str) -> Any:
    raise BadInput(422, f"{name} is not a JSON number")


def _walk(value: Any, depth: int = 0) -> None:
    if depth > 32:
        raise BadInput(422, "the JSON body nests deeper than 32 levels")
    if isinstance(value, str):
        check_text(value, "a text in the body")
    elif isinstance(value, dict):
        for k, v in value.items():
            check_text(k, "a key in the body")
            _walk(v, depth + 1)
    elif isinstance(value, list):
        for v in value:
            _walk(v, depth + 1)


def check_json_body(body: bytes) -> None:
    """Valid UTF-8 JSON, no lone surrogates, integers within int64, NaN/Infinity refused."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadInput(400, "the body is not valid UTF-8") from None
    if not text.strip():
        return  # an empty body is the route's to judge
    try:
        value = json.loads(text, parse_int=_bounded_int, parse_float=_finite_float, parse_constant=_no_constant)
    except RecursionError:
        raise BadInput(422, "the JSON body nests too deep") from None
    except json.JSONDecodeError:
        return  # malformed JSON: FastAPI answers 422 with where it broke
    _walk(value)


def check_form_body(body: bytes) -> None:
    """A urlencoded form whose names and values are valid UTF-8."""
    try:
        parse_qsl(body.decode("utf-8"), keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeError:
        raise BadInput(400, "the form is not valid UTF-8") from None


def check_url(scope: dict) -> None:
    raw_path = scope.get("raw_path") or scope.get("path", "").encode("utf-8", "surrogatepass")
    query = scope.get("query_string", b"")
    try:
        unquote_to_bytes(raw_path).decode("utf-8")
        for part in query.split(b"&"):
            for piece in part.split(b"=", 1):
                unquote_to_bytes(piece.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        raise BadInput(400, "the address is not valid UTF-8 once decoded") from None
    check_text(scope.get("path", ""), "the path")


def _content_type(scope: dict) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"content-type":
            return value.decode("latin-1").split(";", 1)[0].strip().lower()
    return ""


def _content_length(scope: dict) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return -1
    return None


async def send_error(scope: dict, send, status: int, message: str) -> None:
    """A small error answer with the security headers: JSON under /api/, plain HTML elsewhere."""
    from html import escape

    if scope.get("path", "").startswith("/api/"):
        body = json.dumps({"detail": message}).encode("utf-8")
        content_type = b"application/json"
    else:
        body = (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{status}</title>"
                f"<link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><main><h1>{status}</h1>"
                f"<p>{escape(message)}</p><p><a href=\"/\">Back to the overview</a></p></main></body></html>"
                ).encode("utf-8")
        content_type = b"text/html; charset=utf-8"
    headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode()),
               (b"cache-control", b"no-store")]
    headers += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()]
    if status == 413:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class EdgeMiddleware:
    """Body cap, Unicode and integer checks before the app; a 500 with the security headers after."""

    def __init__(self, app, *, max_body: int):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            check_url(scope)
        except BadInput as exc:
            await send_error(scope, send, exc.status, exc.message)
            return
        if scope.get("method") in BODY_METHODS:
            declared = _content_length(scope)
            if declared is not None and (declared < 0 or declared > self.max_body):
                await send_error(scope, send, 413 if declared > self.max_body else 400,
                                 f"the request body is over the limit of {self.max_body:,} bytes"
                                 if declared > self.max_body else "the Content-Length header is not a number")
                return
            chunks: list[bytes] = []
            size = 0
            more = True
            while more:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > self.max_body:
                    await send_error(scope, send, 413, f"the request body is over the limit of {self.max_body:,} bytes")
                    return
                chunks.append(chunk)
                more = message.get("more_body", False)
            body = b"".join(chunks)
            try:
                kind = _content_type(scope)
                if kind == "application/json" or kind.endswith("+json"):
                    check_json_body(body)
                elif kind == "application/x-www-form-urlencoded":
                    check_form_body(body)
            except BadInput as exc:
                await send_error(scope, send, exc.status, exc.message)
                return
            replayed = False

            async def replay():
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()

            receive_next = replay
        else:
            receive_next = receive

        started = False

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive_next, tracking_send)
        except Exception:
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await send_error(scope, send, 500, "Something went wrong on our side; it has been logged.")
