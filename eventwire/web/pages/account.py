"""Your own account: change your password, see and end your sessions (the forms of ``/api/v1/me/...``)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.responses import RedirectResponse

from eventwire import members
from eventwire.web.deps import StoreDep, UserDep, check_form_csrf, session_token
from eventwire.web.pages.render import render
from eventwire.web.sessions import sign_in, throttle_login

router = APIRouter()
NOTICES = {"password": "Your password is changed. Every other browser is signed out.",
           "ended": "The session is ended."}


def _page(request: Request, store, user: members.User, *, error: str | None = None, status_code: int = 200):
    sessions = members.list_sessions(store, user, current=session_token(request))
    return render(request, "account.html", status_code=status_code, title="Your account", sessions=sessions,
                  error=error, notice=NOTICES.get(request.query_params.get("notice", "")),
                  twin="/api/v1/me/sessions")


def _signed_in(user: members.User | None) -> members.User:
    if user is None:
        raise HTTPException(401, "Sign in to see your account.")
    return user


@router.get("/account")
def account(request: Request, store: StoreDep, user: UserDep):
    if user is None:
        return RedirectResponse("/login?next=/account", status_code=303)
    return _page(request, store, user)


@router.post("/account/password", dependencies=[Depends(check_form_csrf)])
async def change_password(request: Request, store: StoreDep, user: UserDep):
    user = _signed_in(user)
    form = await request.form()
    current, new = str(form.get("current_password") or ""), str(form.get("new_password") or "")
    if new != str(form.get("new_password2") or ""):
        return _page(request, store, user, error="The two new passwords differ.", status_code=422)
    try:
        throttle_login(request)  # the current password is checked: as guessable as a sign-in
        members.change_password(store, user, current=current, new=new)
    except HTTPException as exc:
        return _page(request, store, user, error=str(exc.detail), status_code=exc.status_code)
    except members.ValidationError as exc:
        return _page(request, store, user, error=str(exc), status_code=422)
    response = RedirectResponse("/account?notice=password", status_code=303)
    sign_in(request, response, store, user)  # every session ended with the change: this browser starts afresh
    return response


@router.post("/account/sessions/{session_id}/end", dependencies=[Depends(check_form_csrf)])
def end_session(request: Request, store: StoreDep, user: UserDep,
                session_id: Annotated[str, Path(max_length=40)]):
    user = _signed_in(user)
    try:
        members.end_own_session(store, user, session_id)
    except members.NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    return RedirectResponse("/account?notice=ended", status_code=303)
