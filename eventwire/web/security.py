"""Sessions in cookies, CSRF tokens, login rate limiting and the security headers on every response.

The session cookie holds the token ``eventwire.members.create_session`` hands out
(only its digest is stored).  A visitor without a session gets a random
``ew_anon`` cookie so that the sign-in and sign-up forms are protected too.  The
CSRF token is an HMAC of that cookie's value under the app's secret: it changes
when the session does, and needs no storage.  Forms send it as ``csrf_token``;
the JSON API's writes as the ``X-CSRF-Token`` header.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import OrderedDict, deque

SESSION_COOKIE = "ew_session"
ANON_COOKIE = "ew_anon"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


HSTS = "max-age=31536000"  # sent on https answers only: browsers then refuse plain http for a year


ANON_MAX_AGE_S = 24 * 3600  # an anonymous cookie (and the forms rendered for it) serve this long


def new_anon_id(secret: str, *, now: float | None = None) -> str:
    """A fresh anonymous id the server signed: ``random.issued.mac``.  Only ids this server issued,
    less than :data:`ANON_MAX_AGE_S` old, carry forms; a value an attacker made up is replaced."""
    token, issued = secrets.token_urlsafe(18), str(int(time.time() if now is None else now))
    mac = hmac.new(secret.encode("utf-8"), f"anon:{token}.{issued}".encode(), hashlib.sha256).hexdigest()[:32]
    return f"{token}.{issued}.{mac}"


def anon_ok(secret: str, value: str | None, *, now: float | None = None) -> bool:
    """``value`` is an anonymous id this server issued (see :func:`new_anon_id`) and still fresh."""
    if not value or not isinstance(value, str) or value.count(".") != 2:
        return False
    token, issued, mac = value.split(".")
    good = hmac.new(secret.encode("utf-8"), f"anon:{token}.{issued}".encode(), hashlib.sha256).hexdigest()[:32]
    if not hmac.compare_digest(good, mac) or not issued.isdigit():
        return False
    age = (time.time() if now is None else now) - int(issued)
    return -60 <= age <= ANON_MAX_AGE_S


def csrf_token(secret: str, bound_to: str) -> str:
    """The CSRF token for a session token (or anonymous cookie) ``bound_to``."""
    return hmac.new(secret.encode("utf-8"), b"csrf:" + bound_to.encode("utf-8"), hashlib.sha256).hexdigest()


def csrf_ok(secret: str, bound_to: str | None, token: str | None) -> bool:
    if not bound_to or not token or not isinstance(token, str):
        return False
    return hmac.compare_digest(csrf_token(secret, bound_to), token)


class RateLimiter:
    """At most ``limit`` events per ``window`` seconds per key (a sliding window, in memory).

    Keys are kept in the order they were last used, so the ones idle for a whole window
    are dropped from the front as others arrive: memory follows the clients of the last
    window, and each call costs O(1) however many addresses came before.
    """

    def __init__(self, limit: int, window: float = 60.0):
        self.limit = limit
        self.window = window
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._hits)

    def allow(self, key: str, *, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            while self._hits:  # forget keys idle for a whole window (the least recently used come first)
                oldest_key, oldest = next(iter(self._hits.items()))
                if oldest and oldest[-1] > now - self.window:
                    break
                del self._hits[oldest_key]
            hits = self._hits.setdefault(key, deque())
            self._hits.move_to_end(key)
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return False
            hits.append(now)
            return True
