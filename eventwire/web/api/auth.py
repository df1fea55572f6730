"""Who am I (with the CSRF token for writes), sign in, sign up, sign out -- the JSON twins of the forms."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response

from eventwire import members
from eventwire.web.deps import StoreDep, UserDep, csrf_for, session_token
from eventwire.web.models import LoginIn, Me, SignupIn, UserPublic
from eventwire.web.sessions import (authenticate, csrf_for_session, end_sign_in, sign_in, signup_mode, throttle_login,
                                    throttle_signup)
from eventwire.web.security import CSRF_HEADER, csrf_ok

router = APIRouter(tags=["members"])


@router.get("/me", response_model=Me, summary="The signed-in user (or null) and the CSRF token for writes")
def me(request: Request, user: UserDep) -> dict:
    return {"user": user, "csrf_token": csrf_for(request), "signup": signup_mode(request)}


@router.post("/auth/login", response_model=Me, summary="Sign in; sets the session cookie",
             responses={401: {"description": "wrong name or password, or locked"}, 429: {"description": "slow down"}})
async def login(body: LoginIn, request: Request, response: Response, store: StoreDep) -> dict:
    throttle_login(request)
    try:
        user = await authenticate(request, store, body.username, body.password)
    except members.AuthError as exc:
        raise HTTPException(401, "sign-in is locked for a while after repeated failures" if exc.reason == "locked"
                            else "wrong user name or password") from None
    token = sign_in(request, response, store, user)
    return {"user": user, "csrf_token": csrf_for_session(request, token), "signup": signup_mode(request)}


@router.post("/auth/signup", response_model=UserPublic, status_code=201, summary="Create an account")
def signup(body: SignupIn, request: Request, store: StoreDep) -> members.User:
    mode = signup_mode(request)
    if mode == "closed" or (mode == "invitation" and not body.invitation):
        raise HTTPException(403, "sign-up is closed" if mode == "closed" else "sign-up needs an invitation code")
    throttle_signup(request)
    try:
        return members.add_user(store, username=body.username, password=body.password, email=body.email,
                                role="member", invitation=body.invitation if mode == "invitation" else None)
    except members.ValidationError as exc:
        raise HTTPException(422, str(exc)) from None


@router.post("/auth/logout", status_code=204, summary="Sign out (needs the X-CSRF-Token header)")
def logout(request: Request, response: Response, store: StoreDep, user: UserDep) -> None:
    if user is None:
        raise HTTPException(401, "not signed in")
    if not csrf_ok(request.app.state.settings.secret, session_token(request), request.headers.get(CSRF_HEADER)):
        raise HTTPException(403, f"missing or wrong {CSRF_HEADER} header")
    end_sign_in(request, response, store)
