"""The web app's settings: explicit arguments < ``Settings`` fields < environment (EVENTWIRE_*).

Until ``eventwire.config.Settings`` carries them, the web-only settings are read
from the environment here:

- ``EVENTWIRE_SECRET``: key for CSRF tokens (random per process when unset, so
  forms rendered before a restart must be reloaded);
- ``EVENTWIRE_COOKIE_SECURE``: ``true``/``false``; unset means Secure cookies
  except when the app is served on plain http to 127.0.0.1 or localhost;
- ``EVENTWIRE_SIGNUP``: open, invitation or closed (``eventwire.members``);
- ``EVENTWIRE_SESSION_HOURS``: how long a sign-in lasts (default 336, two weeks);
- ``EVENTWIRE_TRUSTED_PROXIES``: comma-separated addresses or networks of the reverse
  proxies in front of the app (e.g. ``127.0.0.1,10.0.0.0/8``).  Only from these are
  ``X-Forwarded-For`` (the client's address, for rate limits and sign-in locks) and
  ``X-Forwarded-Proto`` (https: ``Secure`` cookies and HSTS) believed; unset: none.
"""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from typing import Any

from eventwire.config import get_settings

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "testserver")


def _flag(value: str | None) -> bool | None:
    if value is None or not value.strip():
        return None
    return value.strip().lower() in ("1", "true", "yes", "on")


@dataclass
class WebSettings:
    db: str
    secret: str = field(default_factory=lambda: os.environ.get("EVENTWIRE_SECRET") or secrets.token_urlsafe(32))
    cookie_secure: bool | None = field(default_factory=lambda: _flag(os.environ.get("EVENTWIRE_COOKIE_SECURE")))
    signup: str | None = field(default_factory=lambda: os.environ.get("EVENTWIRE_SIGNUP"))
    session_hours: float = field(default_factory=lambda: float(os.environ.get("EVENTWIRE_SESSION_HOURS", "336")))
    trusted_proxies: tuple[str, ...] = field(default_factory=lambda: tuple(
        p.strip() for p in os.environ.get("EVENTWIRE_TRUSTED_PROXIES", "").split(",") if p.strip()))
    login_attempts_per_minute: int = 10  # per client address, before answering 429
    login_delay_factor: float = 1.0  # scales members.login_delay (tests shorten it)
    signups_per_window: int = 5  # sign-up attempts per client address per signup_window_s
    signup_window_s: float = 600.0
    max_body_bytes: int = 256 * 1024  # any request body past this gets 413 before it is parsed
    exports_per_window: int = 5  # exports one user may start per export_window_s
    export_window_s: float = 600.0
    exports_at_once: int = 2  # exports streaming at the same time, server-wide
    queries_at_once: int = 8  # list/summary queries running at once (web.pool); more wait, then 503
    query_wait_s: float = 10.0  # how long a query waits for a free slot
    per_client_at_once: int = 32  # requests in progress from one client address; more get 429


def web_settings(*, db: str | None = None, settings: Any = None) -> WebSettings:
    """WebSettings from an explicit ``db``, a ``Settings``-like object and the environment."""
    if isinstance(settings, WebSettings):
        return settings if db is None else WebSettings(**{**settings.__dict__, "db": db})
    base = settings if settings is not None else get_settings()
    out = WebSettings(db=db or getattr(base, "db", None) or get_settings().db)
    for name in ("secret", "cookie_secure", "signup", "session_hours", "trusted_proxies"):
        value = getattr(base, name, None)
        if value is not None:
            setattr(out, name, value)
    return out


def cookie_is_secure(settings: WebSettings, *, scheme: str, host: str | None) -> bool:
    """Secure unless configured off, or served on plain http to this machine."""
    if settings.cookie_secure is not None:
        return settings.cookie_secure
    return not (scheme == "http" and (host or "").split(":")[0].strip("[]") in LOCAL_HOSTS)
