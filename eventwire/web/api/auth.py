"""Who am I (with the CSRF token for writes), sign in, sign up, sign out -- the JSON twins of the forms."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Request, Response

from eventwire import members
from eventwire.web.deps import StoreDep, UserDep, api_writer, csrf_for, session_token
from eventwire.web.models import LoginIn, Me, PasswordChangeIn, SessionPublic, SignupIn, UserPublic
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


Member = Annotated[members.User, Depends(api_writer("reader"))]  # any signed-in user, with the CSRF header


@router.get("/me/sessions", response_model=list[SessionPublic], summary="Your sessions (signed-in browsers)")
def my_sessions(request: Request, store: StoreDep, user: UserDep) -> list:
    if user is None:
        raise HTTPException(401, "sign in first")
    return members.list_sessions(store, user, current=session_token(request))


@router.delete("/me/sessions/{session_id}", status_code=204, summary="End one of your sessions")
def end_my_session(session_id: Annotated[str, Path(max_length=40)], store: StoreDep, user: Member) -> None:
    try:
        members.end_own_session(store, user, session_id)
    except members.NotFound as exc:
        raise HTTPException(404, str(exc)) from None


@router.post("/me/password", response_model=Me, summary="Change your password; every session of yours ends and "
             "this one starts afresh")
def change_my_password(body: PasswordChangeIn, request: Request, response: Response, store: StoreDep,
                       user: Member) -> dict:
    throttle_login(request)  # the current password is checked: as costly and as guessable as a sign-in
    try:
        members.change_password(store, user, current=body.current_password, new=body.new_password)
    except members.ValidationError as exc:
        raise HTTPException(422, str(exc)) from None
    token = sign_in(request, response, store, user)
    return {"user": user, "csrf_token": csrf_for_session(request, token), "signup": signup_mode(request)}
