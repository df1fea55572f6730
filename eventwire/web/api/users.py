"""Users and invitations (admins)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path

from eventwire import members
from eventwire.web.deps import StoreDep, UserDep
from eventwire.web.deps import api_writer
from eventwire.web.models import DisabledIn, InvitationIn, InvitationPublic, RoleIn, UserPublic

router = APIRouter(tags=["members"])
Admin = Annotated[members.User, Depends(api_writer("admin"))]
Username = Annotated[str, Path(max_length=40)]


@router.get("/users", response_model=list[UserPublic], summary="All users (admins)")
def list_users(store: StoreDep, user: UserDep) -> list:
    if user is None:
        raise HTTPException(401, "sign in first: this needs the admin role")
    if not members.has_role(user, "admin"):
        raise HTTPException(403, "this needs the admin role")
    return members.list_users(store)


def _call(fn, **kwargs) -> None:
    try:
        fn(**kwargs)
    except members.NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except members.ValidationError as exc:
        raise HTTPException(422, str(exc)) from None


@router.post("/users/{username}/role", status_code=204, summary="Set a user's role (admins)")
def set_role(username: Username, body: RoleIn, store: StoreDep, admin: Admin) -> None:
    if username.lower() == admin.username:
        raise HTTPException(409, "an admin cannot change their own role")
    _call(members.set_role, store=store, username=username, role=body.role)


@router.post("/users/{username}/disabled", status_code=204, summary="Disable or enable an account (admins)")
def set_disabled(username: Username, body: DisabledIn, store: StoreDep, admin: Admin) -> None:
    if username.lower() == admin.username:
        raise HTTPException(409, "an admin cannot disable their own account")
    _call(members.set_disabled, store=store, username=username, disabled=body.disabled)


@router.post("/invitations", response_model=InvitationPublic, status_code=201,
             summary="An invitation code for one new user (admins)")
def invite(body: InvitationIn, store: StoreDep, admin: Admin) -> dict:
    return {"code": members.create_invitation(store, by=admin, role=body.role), "role": body.role}
