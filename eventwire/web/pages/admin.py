"""Users and invitations, for admins."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.responses import RedirectResponse

from eventwire import members
from eventwire.web.deps import StoreDep, UserDep, form_writer
from eventwire.web.pages.render import render

router = APIRouter()
Admin = Annotated[members.User, Depends(form_writer("admin"))]
Username = Annotated[str, Path(max_length=40)]


def _page(request: Request, store, *, invitation: str | None = None, error: str | None = None, status_code=200):
    return render(request, "admin_users.html", status_code=status_code, title="Users", users=members.list_users(store),
                  roles=members.ROLES, invitation=invitation, error=error, twin="/api/v1/users")


@router.get("/admin/users")
def users(request: Request, store: StoreDep, user: UserDep):
    if user is None:
        return RedirectResponse("/login?next=/admin/users", status_code=303)
    if not members.has_role(user, "admin"):
        raise HTTPException(403, "This page is for admins.")
    return _page(request, store)


@router.post("/admin/users/{username}/role")
async def set_role(request: Request, username: Username, store: StoreDep, admin: Admin):
    form = await request.form()
    try:
        if username.lower() == admin.username:
            raise members.ValidationError("You cannot change your own role.")
        members.set_role(store, username=username, role=str(form.get("role")))
    except members.ValidationError as exc:
        return _page(request, store, error=str(exc), status_code=422)
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/users/{username}/disabled")
async def set_disabled(request: Request, username: Username, store: StoreDep, admin: Admin):
    form = await request.form()
    try:
        if username.lower() == admin.username:
            raise members.ValidationError("You cannot disable your own account.")
        members.set_disabled(store, username=username, disabled=form.get("disabled") == "true")
    except members.ValidationError as exc:
        return _page(request, store, error=str(exc), status_code=422)
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/admin/invitations")
async def invite(request: Request, store: StoreDep, admin: Admin):
    form = await request.form()
    try:
        code = members.create_invitation(store, by=admin, role=str(form.get("role") or "member"))
    except members.ValidationError as exc:
        return _page(request, store, error=str(exc), status_code=422)
    return _page(request, store, invitation=code)
