"""Sign in, sign up and sign out forms."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse

from eventwire import members
from eventwire.web.deps import StoreDep, UserDep, check_form_csrf
from eventwire.web.pages.render import render
from eventwire.web.sessions import authenticate, end_sign_in, sign_in, signup_mode, throttle_login, throttle_signup

router = APIRouter()


def safe_next(value: str | None) -> str:
    """Where to go after signing in: a path on this site, never another site."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value or "\n" in value:
        return "/"
    return value


@router.get("/login")
def login_form(request: Request, user: UserDep):
    return render(request, "login.html", title="Sign in", next=safe_next(request.query_params.get("next")),
                  error=None, username="", signup=signup_mode(request), twin="/api/v1/me")


@router.post("/login", dependencies=[Depends(check_form_csrf)])
async def login(request: Request, store: StoreDep):
    form = await request.form()
    username, password = str(form.get("username") or ""), str(form.get("password") or "")
    target = safe_next(str(form.get("next") or ""))
    try:
        throttle_login(request)
        user = await authenticate(request, store, username, password)
    except (members.AuthError, HTTPException) as exc:
        locked = isinstance(exc, HTTPException) or exc.reason == "locked"
        message = ("Too many attempts: sign-in is locked for a while. Try again later." if locked
                   else "Wrong user name or password.")
        return render(request, "login.html", status_code=429 if locked else 401, title="Sign in", next=target,
                      error=message, username=username, signup=signup_mode(request), twin="/api/v1/me")
    response = RedirectResponse(target, status_code=303)
    sign_in(request, response, store, user)
    return response


@router.get("/signup")
def signup_form(request: Request):
    return render(request, "signup.html", title="Sign up", mode=signup_mode(request), error=None, values={},
                  twin="/api/v1/me")


@router.post("/signup", dependencies=[Depends(check_form_csrf)])
async def signup(request: Request, store: StoreDep):
    form = await request.form()
    mode = signup_mode(request)
    values = {k: str(form.get(k) or "") for k in ("username", "email", "invitation")}
    error = None
    if mode == "closed":
        error = "Sign-up is closed on this site; ask its operator for an account."
    elif mode == "invitation" and not values["invitation"].strip():
        error = "Sign-up on this site needs an invitation code."
    elif form.get("password") != form.get("password2"):
        error = "The two passwords differ."
    if error is None:
        try:
            throttle_signup(request)
        except HTTPException as exc:
            return render(request, "signup.html", status_code=429, title="Sign up", mode=mode, error=exc.detail,
                          values=values, twin="/api/v1/me")
        try:
            user = members.add_user(store, username=values["username"], password=str(form.get("password") or ""),
                                    email=values["email"] or None, role="member",
                                    invitation=values["invitation"].strip() if mode == "invitation" else None)
        except members.ValidationError as exc:
            error = str(exc)
    if error is not None:
        return render(request, "signup.html", status_code=422, title="Sign up", mode=mode, error=error,
                      values=values, twin="/api/v1/me")
    response = RedirectResponse("/?welcome=1", status_code=303)
    sign_in(request, response, store, user)
    return response


@router.post("/logout", dependencies=[Depends(check_form_csrf)])
def logout(request: Request, store: StoreDep):
    response = RedirectResponse("/", status_code=303)
    end_sign_in(request, response, store)
    return response
