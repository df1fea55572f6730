"""Signing in and out on the web: the session cookie's life, and the sign-in rate limit."""
from __future__ import annotations

import asyncio
import functools

from fastapi import HTTPException, Request, Response
from starlette.concurrency import run_in_threadpool

from eventwire import members
from eventwire.store import Store
from eventwire.web.security import ANON_COOKIE, SESSION_COOKIE, csrf_token
from eventwire.web.settings import cookie_is_secure


def _secure(request: Request) -> bool:
    return cookie_is_secure(request.app.state.settings, scheme=request.url.scheme, host=request.url.hostname)


def set_cookie(request: Request, response: Response, name: str, value: str, *, max_age: int | None) -> None:
    response.set_cookie(name, value, max_age=max_age, httponly=True, samesite="lax", secure=_secure(request),
                        path="/")


def sign_in(request: Request, response: Response, store: Store, user: members.User) -> str:
    """Start a session for ``user``: a fresh token in the session cookie (never reused, never in a page).

    The session this browser held before (if any) ends: a sign-in always rotates the token."""
    old = request.cookies.get(SESSION_COOKIE)
    if old:
        members.end_session(store, old)
    hours = request.app.state.settings.session_hours
    token = members.create_session(store, user, ttl_hours=hours)
    set_cookie(request, response, SESSION_COOKIE, token, max_age=int(hours * 3600))
    response.delete_cookie(ANON_COOKIE, path="/")
    return token


def end_sign_in(request: Request, response: Response, store: Store) -> None:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        members.end_session(store, token)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=_secure(request))


def csrf_for_session(request: Request, token: str) -> str:
    return csrf_token(request.app.state.settings.secret, token)


def signup_mode(request: Request) -> str:
    return members.signup_allowed(request.app.state.settings)


def client_address(request: Request) -> str:
    """The client's address: the peer's, or what a trusted proxy says (``EVENTWIRE_TRUSTED_PROXIES``)."""
    return request.client.host if request.client else "unknown"


def throttle_login(request: Request) -> None:
    """429 when one address tries to sign in too often (lockout per name and address is ``members``')."""
    if not request.app.state.login_limiter.allow(client_address(request)):
        raise HTTPException(429, "too many sign-in attempts from your address; wait a minute and try again")


def throttle_signup(request: Request) -> None:
    """429 when one address tries to sign up too often (each try costs a password hash)."""
    if not request.app.state.signup_limiter.allow(client_address(request)):
        raise HTTPException(429, "too many sign-up attempts from your address; wait a few minutes and try again")


async def authenticate(request: Request, store: Store, username: str, password: str) -> members.User:
    """``members.authenticate`` after the name's progressive delay (``members.login_delay``), off the event loop."""
    delay = await run_in_threadpool(functools.partial(members.login_delay, store, username=username))
    delay *= request.app.state.settings.login_delay_factor
    if delay > 0:
        await asyncio.sleep(delay)
    return await run_in_threadpool(functools.partial(members.authenticate, store, username=username,
                                                     password=password, ip=client_address(request)))
