"""Dependencies shared by the API and the pages, as ``Annotated`` types.

``StoreDep`` is the app's store; ``UserDep`` the signed-in user or None;
``FilterDep`` the event filters of the query string (the same parameters for
``/events`` and ``/api/v1/events``).  Writes go through :func:`api_writer` (JSON
API: session cookie plus ``X-CSRF-Token``) or :func:`form_writer` (pages: the
form's ``csrf_token``); both answer 401 to the anonymous and 403 to a user
without the role.
"""
from __future__ import annotations

import re
from typing import Annotated, Literal

from fastapi import Depends, HTTPException, Query, Request
from pydantic import AfterValidator, BeforeValidator

from eventwire import members
from eventwire.schema import EVENT_TYPES, FACTUALITY
from eventwire.store import Store
from eventwire.store.filters import REVIEW_STATUSES, SORTS, EventFilter
from eventwire.web.security import (ANON_COOKIE, CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE, anon_ok, csrf_ok,
                                    csrf_token)

EventType = Literal[EVENT_TYPES]  # type: ignore[valid-type]
Factuality = Literal[FACTUALITY]  # type: ignore[valid-type]
ReviewStatus = Literal[REVIEW_STATUSES]  # type: ignore[valid-type]
Sort = Literal[SORTS]  # type: ignore[valid-type]

CODE = r"^([A-Za-z]{3})?$"  # a country or sector code, any case; empty means any
DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
# a form's empty number field means "any", as an empty code or date does
EmptyIsNone = BeforeValidator(lambda value: None if isinstance(value, str) and not value.strip() else value)


def _share(value: float | None) -> float | None:
    if value is not None and not 0 <= value <= 1:
        raise ValueError("must be between 0 and 1")
    return value
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def get_store(request: Request) -> Store:
    return request.app.state.store


StoreDep = Annotated[Store, Depends(get_store)]


def session_token(request: Request) -> str | None:
    return request.cookies.get(SESSION_COOKIE) or None


def current_user(request: Request, store: StoreDep) -> members.User | None:
    if "user" not in request.state._state:
        request.state.user = members.user_for_session(store, session_token(request))
    return request.state.user


UserDep = Annotated[members.User | None, Depends(current_user)]


def csrf_bound_to(request: Request) -> str:
    """What this visitor's CSRF token is bound to: the session, else the anonymous cookie if this server
    issued it (``security.anon_ok``), else the one issued with this response."""
    anon = request.cookies.get(ANON_COOKIE)
    if anon and not anon_ok(request.app.state.settings.secret, anon):
        anon = None
    return session_token(request) or anon or request.state.anon_id


def csrf_for(request: Request) -> str:
    return csrf_token(request.app.state.settings.secret, csrf_bound_to(request))


def _need(user: members.User | None, role: str) -> members.User:
    if user is None:
        raise HTTPException(401, f"sign in first: this needs the {role} role")
    if not members.has_role(user, role):
        raise HTTPException(403, f"{user.username} is a {user.role}; this needs the {role} role")
    return user


def api_writer(role: str):
    """A dependency: the signed-in user with ``role`` who sent the session's CSRF token as a header."""

    def check(request: Request, user: UserDep) -> members.User:
        user = _need(user, role)
        if not csrf_ok(request.app.state.settings.secret, session_token(request), request.headers.get(CSRF_HEADER)):
            raise HTTPException(403, f"missing or wrong {CSRF_HEADER} header (GET /api/v1/me gives the token)")
        return user

    return check


async def check_form_csrf(request: Request) -> None:
    """Every POSTed form carries the visitor's CSRF token, and comes from a page of this site when the
    browser says where it comes from (``Origin``: a login form posted from another site is refused)."""
    origin = request.headers.get("origin")
    if origin and origin != "null" and origin.rstrip("/") != f"{request.url.scheme}://{request.url.netloc}":
        raise HTTPException(403, "this form was sent from another site")
    form = await request.form()
    if not csrf_ok(request.app.state.settings.secret, csrf_bound_to(request), form.get(CSRF_FIELD)):
        raise HTTPException(403, "this form has expired or did not come from this site; reload the page and try again")


def form_writer(role: str):
    """A dependency for pages: a valid form CSRF token, then the signed-in user with ``role``."""

    async def check(request: Request, user: UserDep) -> members.User:
        await check_form_csrf(request)
        return _need(user, role)

    return check


def _clean(value: str | None, *, upper: bool = False) -> str | None:
    if value is None:
        return None
    value = _CONTROL.sub("", value).strip()
    if not value:
        return None
    return value.upper() if upper else value


def event_filter(
    type: Annotated[list[EventType | Literal[""]],  # "" is a form's "all types"
                    Query(description="PLOVER event types (any of)")] = [],  # noqa: B006
    country: Annotated[str | None, Query(pattern=CODE, description="actor or recipient country (ISO alpha-3 or IGO, UNO, ...)")] = None,
    actor_country: Annotated[str | None, Query(pattern=CODE)] = None,
    recipient_country: Annotated[str | None, Query(pattern=CODE)] = None,
    sector: Annotated[str | None, Query(pattern=CODE, description="actor or recipient sector (GOV, MIL, REB, ...)")] = None,
    actor_sector: Annotated[str | None, Query(pattern=CODE)] = None,
    recipient_sector: Annotated[str | None, Query(pattern=CODE)] = None,
    actor: Annotated[str | None, Query(max_length=200, description="an actor's or recipient's name, exactly")] = None,
    q: Annotated[str | None, Query(max_length=200, description="free text in the sentence, entities and place")] = None,
    date_from: Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD (inclusive)")] = None,
    place: Annotated[str | None, Query(max_length=200, description="place name")] = None,
    factuality: Annotated[list[Factuality], Query()] = [],  # noqa: B006
    review: Annotated[list[ReviewStatus], Query(description="review status (any of)")] = [],  # noqa: B006
    include_rejected: Annotated[bool, Query(description="keep events a reviewer rejected")] = False,
    min_confidence: Annotated[float | None, EmptyIsNone, AfterValidator(_share),
                              Query(description="keep events whose confidence is at least this (0-1; empty: any)")] = None,
) -> EventFilter:
    return EventFilter(
        types=tuple(dict.fromkeys(t for t in type if t)), country=_clean(country, upper=True),
        actor_country=_clean(actor_country, upper=True), recipient_country=_clean(recipient_country, upper=True),
        sector=_clean(sector, upper=True), actor_sector=_clean(actor_sector, upper=True),
        recipient_sector=_clean(recipient_sector, upper=True), actor=_clean(actor), q=_clean(q),
        date_from=_clean(date_from), date_to=_clean(date_to), place=_clean(place),
        factuality=tuple(dict.fromkeys(factuality)), review=tuple(dict.fromkeys(review)),
        include_rejected=include_rejected or "rejected" in review, min_confidence=min_confidence,
    )


FilterDep = Annotated[EventFilter, Depends(event_filter)]
SortDep = Annotated[Sort, Query(description="sort key; a leading '-' sorts descending; relevance: best text match first (with q)")]
LimitDep = Annotated[int, Query(ge=1, le=500, description="events per page")]
CursorDep = Annotated[str | None, Query(max_length=500, description="next_cursor of the previous page")]
